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
    let checks: [(&str, Result); 7] = [
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
