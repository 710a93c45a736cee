//! `cargo xtask bench`: the project's benchmarks, each reported as a ratio against a baseline
//! measured in the same run.

use crate::process;
use crate::{Result, setup};
use std::process::Command;

/// Runs every benchmark: the SQL box and engine (`sql_box`), then the ORM's flush, hydration
/// and `session.get` (`orm`).
pub fn run_all() -> Result {
    process::run(Command::new("cargo").args([
        "bench",
        "--package",
        "retort-playground",
        "--bench",
        "sql_box",
        "--bench",
        "orm",
    ]))
}

/// `cargo xtask bench`.
pub fn run() -> Result {
    setup::run()?;
    run_all()
}
