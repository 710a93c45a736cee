//! `cargo xtask serve`: set up, build and serve the page on http://127.0.0.1:8080.

use crate::process;
use crate::{Result, dist, setup, static_server};
use std::process::Command;

/// The address the page is served on.
pub const PORT: u16 = 8080;

/// Serves the page until interrupted. Without `release`, trunk builds in debug mode and reloads
/// the page on every change; with it, the optimized `dist/` is built and served as a static host
/// would serve it.
pub fn run(release: bool) -> Result {
    setup::run()?;
    let url = format!("http://127.0.0.1:{PORT}/");
    if release {
        dist::build()?;
        static_server::spawn(crate::root().join("dist"), PORT)?;
        println!("serving dist/ at {url}  (Ctrl+C to stop)");
        loop {
            std::thread::park();
        }
    }
    println!("building with trunk; the page will be at {url}  (Ctrl+C to stop)");
    process::run(Command::new("trunk").args([
        "serve",
        "--address",
        "127.0.0.1",
        "--port",
        &PORT.to_string(),
    ]))
}
