//! DOM tests: the Yew app mounted into a fresh element in headless Chromium, used through its
//! buttons and editor, with assertions on what it renders.

#![cfg(all(target_family = "wasm", target_os = "unknown"))]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

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

    fn editor(&self) -> HtmlTextAreaElement {
        self.get("#sql").unchecked_into()
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

#[wasm_bindgen_test]
async fn opens_with_the_example_script_and_a_hint() {
    let page = Mounted::new().await;
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
    let page = Mounted::new().await;
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
    let page = Mounted::new().await;
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
    let page = Mounted::new().await;
    page.type_script("SELECT NULL AS missing, 1.5 AS half, 'x' AS text")
        .await;
    page.click("#run").await;
    assert_eq!(page.text("td.null"), "NULL");
    assert_eq!(page.text("td.num"), "1.5");
}
