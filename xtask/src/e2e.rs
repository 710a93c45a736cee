//! End-to-end tests: the release page served from `dist/`, used in headless Chromium over
//! WebDriver as a person would use it, with screenshots saved under `target/e2e/`.

use crate::test::Tally;
use crate::{Result, static_server};
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// How long to wait for the page to show something.
const WAIT: Duration = Duration::from_secs(30);

/// Serves `dist`, starts chromedriver and Chromium, and runs every scenario.
pub fn run(dist: &Path, tally: &mut Tally) -> Result {
    let port = static_server::spawn(dist.to_path_buf(), 0)?;
    let shots = crate::root().join("target").join("e2e");
    std::fs::create_dir_all(&shots)
        .map_err(|e| format!("cannot create {}: {e}", shots.display()))?;
    let driver = Driver::start()?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("tokio: {e}"))?;
    let outcome = runtime.block_on(scenarios(&driver, port, &shots, tally));
    drop(driver);
    outcome
}

/// A chromedriver process, killed on drop.
struct Driver {
    child: Child,
    port: u16,
    profile: PathBuf,
}

impl Driver {
    fn start() -> Result<Self> {
        let port = free_port()?;
        let program = if crate::process::on_path("chromedriver") {
            "chromedriver"
        } else {
            "/usr/bin/chromedriver"
        };
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start chromedriver: {e}"))?;
        let profile =
            std::env::temp_dir().join(format!("retort-e2e-{}-{port}", std::process::id()));
        let driver = Driver {
            child,
            port,
            profile,
        };
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(driver);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err("chromedriver did not start listening within 10 s".into())
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> Result<u16> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

async fn connect(driver: &Driver) -> Result<Client> {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900",
                format!("--user-data-dir={}", driver.profile.display()),
            ],
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .map_err(|e| format!("cannot open a Chromium session: {e}"))
}

async fn scenarios(driver: &Driver, port: u16, shots: &Path, tally: &mut Tally) -> Result {
    let client = connect(driver).await?;
    let page = Page {
        client: &client,
        url: format!("http://127.0.0.1:{port}/"),
        shots,
    };
    let checks: [(&str, Result); 12] = [
        (
            "e2e: the page loads on Python with the ORM quick start",
            page.loads().await,
        ),
        (
            "e2e: the quick start runs and prints objects and the SQL log",
            page.runs_python_example().await,
        ),
        (
            "e2e: a Python exception shows a CPython traceback",
            page.shows_traceback().await,
        ),
        (
            "e2e: Run shows rows and the echo log",
            page.runs_example().await,
        ),
        (
            "e2e: bad SQL shows SQLite's error and rolls back",
            page.shows_errors().await,
        ),
        (
            "e2e: the page keeps working after an error",
            page.recovers().await,
        ),
        (
            "e2e: the Python tab kept its script and output",
            page.python_kept().await,
        ),
        (
            "e2e: after the quick start the objects panel shows persistent objects",
            page.objects_panel().await,
        ),
        (
            "e2e: objects added without a commit queue INSERT steps",
            page.uow_queue().await,
        ),
        (
            "e2e: flush one step runs the first step and logs its SQL",
            page.flush_one_step().await,
        ),
        (
            "e2e: Step runs one top-level statement and shows its line",
            page.steps().await,
        ),
        ("e2e: the panels fit 1920x1080", page.wide().await),
    ];
    for (name, result) in checks {
        if let Err(message) = &result {
            println!("    {message}");
        }
        tally.check(name, result.is_ok());
    }
    let _ = client.close().await;
    Ok(())
}

/// The page under test.
struct Page<'a> {
    client: &'a Client,
    url: String,
    shots: &'a Path,
}

impl Page<'_> {
    async fn loads(&self) -> Result {
        self.client
            .goto(&self.url)
            .await
            .map_err(|e| format!("goto {}: {e}", self.url))?;
        let editor = self.wait_for("textarea#python").await?;
        let script = editor.prop("value").await.map_err(err)?.unwrap_or_default();
        expect_contains(&script, "class User(Base):", "the Python editor")?;
        let title = self.client.title().await.map_err(err)?;
        expect_contains(&title, "Retort", "the title")?;
        self.screenshot("01-loaded").await
    }

    async fn runs_python_example(&self) -> Result {
        self.click("#run").await?;
        let out = self.text_of(".console-out").await?;
        for want in [
            "pending: IdentitySet([User(id=None, name='spongebob'",
            "INFO sqlalchemy.engine.Engine BEGIN (implicit)",
            "INSERT INTO user_account (name, fullname) VALUES (?, ?) RETURNING id",
            "INFO sqlalchemy.engine.Engine COMMIT",
            "User(id=1, name='spongebob', fullname='Spongebob Squarepants')",
        ] {
            expect_contains(&out, want, "the console")?;
        }
        expect_contains(
            &self.text_of(".console .status").await?,
            "finished",
            "the status",
        )?;
        self.screenshot("02-python-run").await
    }

    async fn shows_traceback(&self) -> Result {
        self.type_script("total = 0\nfor n in [1, 2, 'three']:\n    total += n\nprint(total)")
            .await?;
        self.click("#run").await?;
        let err = self.text_of(".console-err").await?;
        for want in [
            "Traceback (most recent call last):",
            "File \"script.py\", line 3, in <module>",
            "TypeError: unsupported operand type(s) for +=: 'int' and 'str'",
        ] {
            expect_contains(&err, want, "the traceback")?;
        }
        self.screenshot("03-python-traceback").await
    }

    async fn runs_example(&self) -> Result {
        self.click("#mode-sql").await?;
        self.wait_for("textarea#sql").await?;
        self.click("#run").await?;
        let table = self.wait_for("table.rows").await?;
        let text = table.text().await.map_err(err)?;
        for want in ["spongebob", "Sandy Cheeks", "Patrick Star", "fullname"] {
            expect_contains(&text, want, "the result table")?;
        }
        let log = self.text_of(".echo-lines").await?;
        for want in [
            "INFO sqlalchemy.engine.Engine BEGIN (implicit)",
            "[raw sql] ()",
            "INFO sqlalchemy.engine.Engine COMMIT",
        ] {
            expect_contains(&log, want, "the echo log")?;
        }
        self.screenshot("04-sql-run").await
    }

    async fn shows_errors(&self) -> Result {
        self.type_script("CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1);\nSELEC * FROM t;")
            .await?;
        self.click("#run").await?;
        self.wait_for(".error").await?;
        let error = self.text_of(".error").await?;
        expect_contains(&error, "near \"SELEC\": syntax error", "the error banner")?;
        expect_contains(&error, "OperationalError", "the error banner")?;
        expect_contains(&error, "statement 3, line 3", "the error banner")?;
        let log = self.text_of(".echo-lines").await?;
        expect_contains(&log, "ROLLBACK", "the echo log")?;
        self.screenshot("05-sql-error").await
    }

    async fn recovers(&self) -> Result {
        self.click("#load-example").await?;
        self.click("#run").await?;
        let table = self.wait_for("table.rows").await?;
        expect_contains(
            &table.text().await.map_err(err)?,
            "spongebob",
            "the result table",
        )?;
        if !self
            .client
            .find_all(Locator::Css(".error"))
            .await
            .map_err(err)?
            .is_empty()
        {
            return Err("the error banner is still shown after a good run".into());
        }
        self.screenshot("06-recovered").await
    }

    async fn python_kept(&self) -> Result {
        self.click("#mode-python").await?;
        let editor = self.wait_for("textarea#python").await?;
        let script = editor.prop("value").await.map_err(err)?.unwrap_or_default();
        expect_contains(&script, "'three'", "the Python editor")?;
        expect_contains(
            &self.text_of(".console-err").await?,
            "TypeError",
            "the console",
        )?;
        Ok(())
    }

    async fn objects_panel(&self) -> Result {
        self.client.set_window_size(1280, 800).await.map_err(err)?;
        self.click("#load-example").await?;
        self.click("#run").await?;
        self.wait_for(".object-card.persistent").await?;
        let cards = self.count(".object-card.persistent").await?;
        // The three users (the addresses are freed with their expired collections, as in
        // CPython + SQLAlchemy 2.1.9).
        if cards != 3 {
            return Err(format!("{cards} persistent object cards, expected 3"));
        }
        let panel = self.text_of(".objects").await?;
        for want in [
            "User#1",
            "spongebob",
            "(<class '__main__.User'>, (1,), None)",
        ] {
            expect_contains(&panel, want, "the objects panel")?;
        }
        expect_contains(
            &self.text_of(".identity-map").await?,
            "(<class '__main__.User'>, (3,), None)",
            "the identity map",
        )?;
        self.scroll_to(".objects").await?;
        self.screenshot("07-objects").await
    }

    async fn uow_queue(&self) -> Result {
        self.type_script(PENDING_SCRIPT).await?;
        self.click("#run").await?;
        self.wait_for(".plan .step").await?;
        let steps = self.count(".plan .step").await?;
        if steps != 2 {
            return Err(format!("{steps} flush steps, expected 2"));
        }
        let plan = self.text_of(".plan").await?;
        for want in ["INSERT", "user_account", "address"] {
            expect_contains(&plan, want, "the flush plan")?;
        }
        let new = self.count(".uow-view.new .chip").await?;
        if new != 3 {
            return Err(format!("{new} objects in session.new, expected 3"));
        }
        self.scroll_to(".uow").await?;
        self.screenshot("08-uow-queue").await
    }

    async fn flush_one_step(&self) -> Result {
        self.click("#flush-step").await?;
        let current = self.text_of(".step.current").await?;
        expect_contains(&current, "user_account", "the step just run")?;
        let log = self.text_of(".echo-lines").await?;
        expect_contains(
            &log,
            "INSERT INTO user_account (name) VALUES (?)",
            "the flush SQL",
        )?;
        if log.contains("INSERT INTO address") {
            return Err(format!("the second step ran too:\n{log}"));
        }
        self.scroll_to(".uow").await?;
        self.screenshot("09-flush-one-step").await?;
        self.click("#flush-step").await?;
        expect_contains(
            &self.text_of(".flush-done").await?,
            "Flush complete: 2 steps ran.",
            "the unit of work",
        )?;
        expect_contains(
            &self.text_of(".echo-lines").await?,
            "INSERT INTO address (email, user_id) VALUES (?, ?)",
            "the flush SQL",
        )?;
        self.scroll_to(".uow").await?;
        self.screenshot("10-flush-complete").await
    }

    async fn steps(&self) -> Result {
        self.click("#load-example").await?;
        for _ in 0..3 {
            self.click("#step").await?;
        }
        expect_contains(
            &self.text_of("#step-status").await?,
            "statement 3 of",
            "the step status",
        )?;
        self.wait_for(".line-band.ran").await?;
        self.screenshot("11-step").await
    }

    async fn wide(&self) -> Result {
        self.client.set_window_size(1920, 1080).await.map_err(err)?;
        self.click("#run").await?;
        self.wait_for(".object-card.persistent").await?;
        self.screenshot("12-wide").await
    }

    /// Scrolls the page so that `css` starts at the top of the window.
    async fn scroll_to(&self, css: &str) -> Result {
        let element = self.wait_for(css).await?;
        let arg = serde_json::to_value(&element).map_err(|e| e.to_string())?;
        self.client
            .execute("arguments[0].scrollIntoView({block: 'start'});", vec![arg])
            .await
            .map_err(err)?;
        Ok(())
    }

    async fn count(&self, css: &str) -> Result<usize> {
        Ok(self
            .client
            .find_all(Locator::Css(css))
            .await
            .map_err(err)?
            .len())
    }

    async fn wait_for(&self, css: &str) -> Result<fantoccini::elements::Element> {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("{css} did not appear within {WAIT:?}: {e}"))
    }

    async fn click(&self, css: &str) -> Result {
        self.wait_for(css)
            .await?
            .click()
            .await
            .map_err(|e| format!("click {css}: {e}"))
    }

    async fn text_of(&self, css: &str) -> Result<String> {
        self.wait_for(css).await?.text().await.map_err(err)
    }

    /// Replaces the editor's text by typing, as a person would.
    async fn type_script(&self, script: &str) -> Result {
        let editor = self.wait_for("textarea").await?;
        editor.clear().await.map_err(err)?;
        editor.send_keys(script).await.map_err(err)?;
        let now = editor.prop("value").await.map_err(err)?.unwrap_or_default();
        if now != script {
            return Err(format!("the editor holds {now:?} after typing"));
        }
        Ok(())
    }

    async fn screenshot(&self, name: &str) -> Result {
        let png = self.client.screenshot().await.map_err(err)?;
        let path = self.shots.join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Objects added to a session and not flushed: users first, then an address of one of them.
const PENDING_SCRIPT: &str = "\
from typing import List

from sqlalchemy import ForeignKey, String, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = \"user_account\"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[List[\"Address\"]] = relationship(back_populates=\"user\")

class Address(Base):
    __tablename__ = \"address\"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey(\"user_account.id\"))
    user: Mapped[\"User\"] = relationship(back_populates=\"addresses\")

engine = create_engine(\"sqlite://\")
Base.metadata.create_all(engine)
session = Session(engine)
ed = User(name=\"ed\", addresses=[Address(email=\"ed@example.com\")])
wendy = User(name=\"wendy\")
session.add_all([ed, wendy])
";

fn err(e: fantoccini::error::CmdError) -> String {
    e.to_string()
}

fn expect_contains(haystack: &str, needle: &str, what: &str) -> Result {
    if haystack.contains(needle) {
        Ok(())
    } else {
        Err(format!("{what} lacks {needle:?}; it shows:\n{haystack}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scenarios against an already built page: `RETORT_DIST=dist cargo test -p xtask
    /// e2e -- --ignored` (`cargo xtask test` builds `dist/` and runs them itself).
    #[test]
    #[ignore = "needs a built page and Chromium"]
    fn scenarios_against_a_built_page() {
        let dist = std::env::var("RETORT_DIST").unwrap_or_else(|_| "dist".into());
        let mut tally = Tally::default();
        let outcome = run(Path::new(&dist), &mut tally);
        assert!(outcome.is_ok(), "{outcome:?}");
        assert_eq!(tally.failed, 0, "{} e2e check(s) failed", tally.failed);
    }
}
