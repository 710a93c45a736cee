//! `cargo xtask bench`: the project's benchmarks, each reported as a ratio against a baseline
//! measured in the same run.

use crate::process;
use crate::{Result, setup};
use std::process::Command;

/// Runs every benchmark.
pub fn run_all() -> Result {
    process::run(Command::new("cargo").args([
        "bench",
        "--package",
        "retort-playground",
        "--bench",
        "sql_box",
    ]))
}

/// `cargo xtask bench`.
pub fn run() -> Result {
    setup::run()?;
    run_all()
}
