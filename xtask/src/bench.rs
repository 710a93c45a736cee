//! `cargo xtask bench`: the project's benchmarks, each reported as a ratio against a baseline
//! measured in the same run — natively, then the ORM's in headless Chromium from the release
//! wasm build.

use crate::process::{self, on_path};
use crate::{Result, setup};
use std::process::Command;

/// Runs every benchmark: the SQL box and engine (`sql_box`) and the ORM's flush, hydration
/// and `session.get` (`orm`) natively, the Python script against CPython + SQLAlchemy, then
/// the ORM's and the Python script's again in headless Chromium.
pub fn run_all() -> Result {
    process::run(Command::new("cargo").args([
        "bench",
        "--package",
        "retort-playground",
        "--bench",
        "sql_box",
        "--bench",
        "orm",
    ]))?;
    crate::bench_python::run()?;
    browser()
}

/// The ORM benchmarks in headless Chromium: the ignored `wasm_bench` test of the playground,
/// built in release mode, its report lines printed by the test runner.
fn browser() -> Result {
    let driver = if on_path("chromedriver") {
        "chromedriver"
    } else {
        "/usr/bin/chromedriver"
    };
    process::run(
        Command::new("cargo")
            .args([
                "test",
                "--release",
                "--target",
                "wasm32-unknown-unknown",
                "--package",
                "retort-playground",
                "--test",
                "wasm_bench",
                "--",
                "--include-ignored",
                "--nocapture",
            ])
            .env("CHROMEDRIVER", driver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "900"),
    )
}

/// `cargo xtask bench`.
pub fn run() -> Result {
    setup::run()?;
    run_all()
}
