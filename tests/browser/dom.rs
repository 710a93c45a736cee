//! DOM tests: the Yew app mounted into a fresh element in headless Chromium, used through its
//! buttons and editor, with assertions on what it renders.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

/// A freshly mounted app and the element it lives in.
struct Mounted {
    root: Element,
}

impl Mounted {
    async fn new() -> Self {
        let document = gloo::utils::document();
        let root = document
            .create_element("div")
            .unwrap_or_else(|e| panic!("create div: {e:?}"));
        gloo::utils::body()
            .append_child(&root)
            .unwrap_or_else(|e| panic!("append: {e:?}"));
        yew::Renderer::<retort_web::App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Mounted { root }
    }

    fn find(&self, css: &str) -> Option<Element> {
        self.root.query_selector(css).ok().flatten()
    }

    fn get(&self, css: &str) -> Element {
        self.find(css)
            .unwrap_or_else(|| panic!("{css} is not on the page:\n{}", self.root.inner_html()))
    }

    fn text(&self, css: &str) -> String {
        self.get(css).text_content().unwrap_or_default()
    }

    fn count(&self, css: &str) -> u32 {
        self.root
            .query_selector_all(css)
            .map(|list| list.length())
            .unwrap_or(0)
    }

    async fn click(&self, css: &str) {
        self.get(css).unchecked_into::<HtmlElement>().click();
        yew::scheduler::flush().await;
    }

    /// The editor shown (Python's or SQL's).
    fn editor(&self) -> HtmlTextAreaElement {
        self.get("textarea").unchecked_into()
    }

    /// Replaces the editor's text and fires `input`, as typing does.
    async fn type_script(&self, script: &str) {
        let editor = self.editor();
        editor.set_value(script);
        let event =
            web_sys::InputEvent::new("input").unwrap_or_else(|e| panic!("InputEvent: {e:?}"));
        editor
            .dispatch_event(&event)
            .unwrap_or_else(|e| panic!("dispatch: {e:?}"));
        yew::scheduler::flush().await;
    }
}

/// A freshly mounted app showing its SQL editor.
async fn sql_page() -> Mounted {
    let page = Mounted::new().await;
    page.click("#mode-sql").await;
    page
}

#[wasm_bindgen_test]
async fn opens_on_python_with_the_quick_start_and_a_hint() {
    let page = Mounted::new().await;
    assert_eq!(
        page.get("#mode-python")
            .get_attribute("aria-selected")
            .as_deref(),
        Some("true")
    );
    assert_eq!(page.editor().id(), "python");
    let script = page.editor().value();
    assert!(script.contains("class User(Base):"), "{script}");
    assert!(page.text(".hint").contains("Press Run"));
    assert_eq!(page.count(".console"), 0);
}

#[wasm_bindgen_test]
async fn the_python_example_runs_the_orm_quick_start() {
    let page = Mounted::new().await;
    page.click("#run").await;
    let out = page.text(".console-out");
    for want in [
        "pending: IdentitySet([User(id=None, name='spongebob'",
        "INFO sqlalchemy.engine.Engine BEGIN (implicit)",
        "INSERT INTO address (email_address, user_id) VALUES (?, ?) RETURNING id",
        "User(id=2, name='sandy', fullname='Sandy Cheeks')",
    ] {
        assert!(out.contains(want), "no {want:?} in the console:\n{out}");
    }
    assert_eq!(page.count(".console-err"), 0);
    assert_eq!(page.text(".console .status"), "finished");
}

#[wasm_bindgen_test]
async fn a_python_traceback_shows_and_the_page_keeps_working() {
    let page = Mounted::new().await;
    page.type_script("print('before')\nprint(undefined_name)\n")
        .await;
    page.click("#run").await;
    assert_eq!(page.text(".console-out"), "before\n");
    let err = page.text(".console-err");
    assert!(
        err.starts_with("Traceback (most recent call last):\n"),
        "{err}"
    );
    assert!(
        err.contains("File \"script.py\", line 2, in <module>"),
        "{err}"
    );
    assert!(
        err.ends_with("NameError: name 'undefined_name' is not defined\n"),
        "{err}"
    );
    assert_eq!(page.text(".console .status"), "ended with an exception");

    page.type_script("print(sum(range(10)))").await;
    page.click("#run").await;
    assert_eq!(page.text(".console-out"), "45\n");
    assert_eq!(page.count(".console-err"), 0);
}

#[wasm_bindgen_test]
async fn tab_indents_the_python_being_typed() {
    let page = Mounted::new().await;
    page.type_script("if True:\n").await;
    let editor = page.editor();
    let end = editor.value().len() as u32;
    editor
        .set_selection_range(end, end)
        .unwrap_or_else(|e| panic!("select: {e:?}"));
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Tab");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init)
        .unwrap_or_else(|e| panic!("KeyboardEvent: {e:?}"));
    editor
        .dispatch_event(&event)
        .unwrap_or_else(|e| panic!("dispatch: {e:?}"));
    yew::scheduler::flush().await;
    assert_eq!(page.editor().value(), "if True:\n    ");
    assert!(event.default_prevented(), "Tab would have left the editor");
}

#[wasm_bindgen_test]
async fn each_tab_keeps_its_own_script_and_run() {
    let page = Mounted::new().await;
    page.type_script("print('python side')").await;
    page.click("#run").await;
    page.click("#mode-sql").await;
    assert_eq!(page.editor().id(), "sql");
    assert!(page.editor().value().contains("CREATE TABLE user_account"));
    assert_eq!(page.count(".console"), 0);
    page.click("#mode-python").await;
    assert_eq!(page.editor().value(), "print('python side')");
    assert_eq!(page.text(".console-out"), "python side\n");
}

#[wasm_bindgen_test]
async fn the_sql_tab_opens_with_the_example_script_and_a_hint() {
    let page = sql_page().await;
    assert!(
        page.editor().value().contains("CREATE TABLE user_account"),
        "{}",
        page.editor().value()
    );
    assert!(page.text(".hint").contains("Press Run"));
    assert_eq!(page.count("table.rows"), 0);
}

#[wasm_bindgen_test]
async fn run_shows_rows_and_the_echo_log() {
    let page = sql_page().await;
    page.click("#run").await;
    assert_eq!(page.count("table.rows tbody tr"), 3);
    let table = page.text("table.rows");
    for want in [
        "id",
        "fullname",
        "spongebob",
        "Sandy Cheeks",
        "Patrick Star",
    ] {
        assert!(table.contains(want), "table lacks {want}: {table}");
    }
    assert_eq!(page.count(".statement"), 5);
    assert!(page.text(".results").contains("1 row affected"));
    let log = page.text(".echo-lines");
    assert!(
        log.contains("INFO sqlalchemy.engine.Engine BEGIN (implicit)"),
        "{log}"
    );
    assert!(
        log.contains("INSERT INTO user_account (name, fullname) VALUES ('sandy', 'Sandy Cheeks')"),
        "{log}"
    );
    assert!(log.contains("[raw sql] ()"), "{log}");
    assert!(log.trim_end().ends_with("COMMIT"), "{log}");
    assert_eq!(page.count(".error"), 0);
}

#[wasm_bindgen_test]
async fn bad_sql_shows_sqlites_error_and_the_page_keeps_working() {
    let page = sql_page().await;
    page.type_script("CREATE TABLE t (x INTEGER);\nSELECT nope FROM t;")
        .await;
    page.click("#run").await;
    let error = page.text(".error");
    assert!(error.contains("sqlalchemy.exc.OperationalError"), "{error}");
    assert!(error.contains("no such column: nope"), "{error}");
    assert!(error.contains("statement 2, line 2"), "{error}");
    assert!(page.text(".echo-lines").trim_end().ends_with("ROLLBACK"));

    page.click("#load-example").await;
    assert!(page.editor().value().contains("CREATE TABLE user_account"));
    page.click("#run").await;
    assert_eq!(page.count(".error"), 0);
    assert_eq!(page.count("table.rows tbody tr"), 3);
}

#[wasm_bindgen_test]
async fn null_and_numbers_render_distinctly() {
    let page = sql_page().await;
    page.type_script("SELECT NULL AS missing, 1.5 AS half, 'x' AS text")
        .await;
    page.click("#run").await;
    assert_eq!(page.text("td.null"), "NULL");
    assert_eq!(page.text("td.num"), "1.5");
}

/// Objects added to a session and not flushed: two users, one with an address.
const PENDING_SCRIPT: &str = "\
from typing import List
from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = 'user_account'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[List['Address']] = relationship(back_populates='user')

class Address(Base):
    __tablename__ = 'address'
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey('user_account.id'))
    user: Mapped['User'] = relationship(back_populates='addresses')

engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
session = Session(engine)
ed = User(name='ed', addresses=[Address(email='ed@example.com')])
wendy = User(name='wendy')
session.add_all([ed, wendy])
";

#[wasm_bindgen_test]
async fn after_the_quick_start_the_panels_show_persistent_objects_and_their_identities() {
    let page = Mounted::new().await;
    page.click("#run").await;
    // The three users: the addresses went with their expired collections, as CPython frees
    // them (SQLAlchemy 2.1.9 after gc.collect(): three users in session.identity_map).
    assert_eq!(page.count(".object-card.persistent"), 3);
    assert_eq!(page.count(".object-card .badge.state.persistent"), 3);
    let card = page.text(".object-card[data-object='1']");
    for want in [
        "User#1",
        "spongebob",
        "(<class '__main__.User'>, (1,), None)",
        "'Spongebob Squarepants'",
    ] {
        assert!(card.contains(want), "no {want:?} in the card:\n{card}");
    }
    assert_eq!(page.count(".identity-map tbody tr"), 3);
    assert!(page.text(".uow").contains("Nothing to flush"));
    assert!(page.get("#flush-step").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn pending_objects_queue_inserts_that_flush_one_step_at_a_time() {
    let page = Mounted::new().await;
    page.type_script(PENDING_SCRIPT).await;
    page.click("#run").await;
    assert_eq!(page.count(".object-card.pending"), 3);
    assert_eq!(page.count(".uow-view.new .chip"), 3);
    assert_eq!(page.count(".plan .step.queued"), 2);
    let plan = page.text(".plan");
    assert!(
        plan.contains("INSERT") && plan.contains("user_account"),
        "{plan}"
    );
    // The modified attributes of a new object are highlighted.
    assert!(page.count(".object-card.pending tr.modified") >= 3);

    page.click("#flush-step").await;
    assert_eq!(page.count(".plan .step.current"), 1);
    assert!(page.text(".step.current").contains("user_account"));
    let log = page.text(".echo-lines");
    assert!(
        log.contains("INSERT INTO user_account (name) VALUES (?)"),
        "{log}"
    );
    assert!(!log.contains("INSERT INTO address"), "{log}");
    assert_eq!(page.count(".object-card.persistent"), 2);
    assert_eq!(page.count(".object-card.changed"), 2);
    let changes = page.text(".transitions");
    assert!(changes.contains("User#1pending → persistent"), "{changes}");

    page.click("#flush-all").await;
    assert!(page.text(".flush-done").contains("2 steps"));
    assert!(
        page.text(".echo-lines")
            .contains("INSERT INTO address (email, user_id)")
    );
    assert_eq!(page.count(".object-card.persistent"), 3);
    assert!(page.get("#flush-step").has_attribute("disabled"));
}

#[wasm_bindgen_test]
async fn step_runs_one_statement_and_marks_its_line() {
    let page = Mounted::new().await;
    page.type_script("x = 1\n\nprint(x)\nprint(x + 1)\n").await;
    page.click("#step").await;
    assert_eq!(
        page.text("#step-status"),
        "statement 1 of 3 ran (line 1) · next: line 3"
    );
    assert_eq!(page.count(".line-band.ran"), 1);
    assert_eq!(page.text(".console .status"), "paused at statement 1 of 3");
    page.click("#step").await;
    assert_eq!(page.text(".console-out"), "1\n");
    page.click("#step").await;
    assert!(page.text("#step-status").ends_with("· done"));
    assert_eq!(page.text(".console-out"), "1\n2\n");
    assert_eq!(page.text(".console .status"), "finished");
}
