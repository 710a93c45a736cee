//! `cargo xtask test`: every test layer, in order, stopping at the first that fails.
//!
//! 1. lint: `cargo fmt --check`, clippy on the workspace (native and wasm32) with warnings denied;
//! 2. native: `cargo test --workspace`;
//! 3. browser: the wasm-bindgen tests in headless Chromium (crates/orm, crates/playground, tests/);
//! 4. end to end: the release page served from `dist/`, driven in Chromium over WebDriver.
//!
//! It ends with one line, `N passed, M failed`, summing every layer.

use crate::process::{on_path, run_tee};
use crate::{Result, dist, e2e, setup};
use std::process::Command;
use std::time::{Duration, Instant};

/// Passed and failed checks, summed across layers.
#[derive(Default)]
pub struct Tally {
    /// Checks that passed.
    pub passed: usize,
    /// Checks that failed.
    pub failed: usize,
}

impl Tally {
    /// Records one check.
    pub fn check(&mut self, name: &str, ok: bool) {
        if ok {
            self.passed += 1;
            println!("  pass {name}");
        } else {
            self.failed += 1;
            println!("  FAIL {name}");
        }
    }

    /// Adds the `test result: ... N passed; M failed` lines of cargo's and wasm-bindgen's
    /// test runners found in `output`; returns how many such lines there were.
    fn add_cargo_results(&mut self, output: &str) -> usize {
        let mut lines = 0;
        for line in output.lines().filter(|l| l.starts_with("test result:")) {
            lines += 1;
            self.passed += count_before(line, " passed");
            self.failed += count_before(line, " failed");
        }
        lines
    }
}

fn count_before(line: &str, word: &str) -> usize {
    line.find(word)
        .and_then(|end| line[..end].rsplit(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

type Layer = fn(&mut Tally) -> Result;

/// Runs the layers; exits non-zero on the first failing one.
pub fn run() -> Result {
    setup::run()?;
    let layers: [(&str, Layer); 4] = [
        ("lint", lint),
        ("native tests", native),
        ("browser tests", browser),
        ("end to end", end_to_end),
    ];
    let mut tally = Tally::default();
    let mut timings: Vec<(&str, Duration)> = Vec::new();
    let mut failure = None;
    for (name, layer) in layers {
        println!("\n=== {name}");
        let started = Instant::now();
        let before = tally.failed;
        let result = layer(&mut tally).and_then(|()| {
            if tally.failed > before {
                Err(format!("{} check(s) failed", tally.failed - before))
            } else {
                Ok(())
            }
        });
        timings.push((name, started.elapsed()));
        if let Err(message) = result {
            failure = Some(format!("layer '{name}' failed: {message}"));
            break;
        }
    }
    println!("\n=== timings");
    for (name, took) in &timings {
        println!("  {name:<14} {:>7.1} s", took.as_secs_f64());
    }
    if let Some(message) = &failure {
        println!("\n{message}");
        if tally.failed == 0 {
            tally.failed = 1;
        }
    }
    println!("\n{} passed, {} failed", tally.passed, tally.failed);
    match failure {
        Some(message) => Err(message),
        None => Ok(()),
    }
}

fn lint(tally: &mut Tally) -> Result {
    let (ok, _) = run_tee(Command::new("cargo").args(["fmt", "--all", "--check"]))?;
    tally.check("cargo fmt --check", ok);
    if !ok {
        return Err("formatting differs: run `cargo fmt --all`".into());
    }
    let (ok, _) = run_tee(Command::new("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]))?;
    tally.check("clippy (native)", ok);
    let (ok_wasm, _) = run_tee(Command::new("cargo").args([
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "--quiet",
        "--package",
        "retort",
        "--package",
        "retort-playground",
        "--package",
        "retort-web",
        "--package",
        "retort-tests",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    tally.check("clippy (wasm32)", ok_wasm);
    Ok(())
}

fn native(tally: &mut Tally) -> Result {
    cargo_tests(
        tally,
        Command::new("cargo").args(["test", "--workspace", "--quiet"]),
        "cargo test",
    )
}

/// Runs a `cargo test` command, echoing its output, and adds its result lines to `tally`.
fn cargo_tests(tally: &mut Tally, command: &mut Command, what: &str) -> Result {
    let (ok, output) = run_tee(command)?;
    if tally.add_cargo_results(&output) == 0 {
        return Err(format!("{what} printed no test results"));
    }
    if ok {
        Ok(())
    } else {
        Err(format!("{what} failed"))
    }
}

fn browser(tally: &mut Tally) -> Result {
    let driver = if on_path("chromedriver") {
        "chromedriver".to_owned()
    } else {
        "/usr/bin/chromedriver".to_owned()
    };
    cargo_tests(
        tally,
        Command::new("cargo")
            .args([
                "test",
                "--target",
                "wasm32-unknown-unknown",
                // No --quiet: cargo forwards it to wasm-bindgen-test-runner, which rejects it.
                "--package",
                "retort",
                "--package",
                "retort-playground",
                "--package",
                "retort-tests",
            ])
            .env("CHROMEDRIVER", driver)
            .env("WASM_BINDGEN_TEST_TIMEOUT", "300"),
        "the browser tests",
    )
}

fn end_to_end(tally: &mut Tally) -> Result {
    dist::build()?;
    e2e::run(&crate::root().join("dist"), tally)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cargo_and_wasm_bindgen_summaries() {
        let mut tally = Tally::default();
        let out = "running 3 tests\ntest result: ok. 3 passed; 0 failed; 0 ignored\n\
                   test result: FAILED. 10 passed; 2 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s\n";
        assert_eq!(tally.add_cargo_results(out), 2);
        assert_eq!((tally.passed, tally.failed), (13, 2));
    }
}
