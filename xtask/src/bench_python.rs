//! The Python benchmark of `cargo xtask bench`: `tests/bench/objects_10k.py` (10k objects built
//! in a loop, add_all, commit, queried back and summed) run by Retort's `retort run` and by
//! CPython + SQLAlchemy 2.1.9 on the same file in the same run, reported as a ratio (target:
//! Retort at least 10x faster). The browser figure for the same script comes from the
//! playground's `wasm_bench` test.

use crate::Result;
use crate::process;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// The SQLAlchemy the golden corpus was recorded with.
const SQLALCHEMY: &str = "2.1.9";
/// Runs of each side; the median is reported.
const ROUNDS: usize = 5;

/// Runs the benchmark and prints its report.
pub fn run() -> Result {
    let root = crate::root();
    let script = root.join("tests/bench/objects_10k.py");
    process::run(Command::new("cargo").args(["build", "--profile", "bench", "-p", "retort-cli"]))?;
    let retort = root.join("target/release/retort");
    let python = sqlalchemy_python()?;
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    let mut outputs = (String::new(), String::new());
    for _ in 0..ROUNDS {
        let (took, out) = time(Command::new(&retort).arg("run").arg(&script))?;
        ours.push(took);
        outputs.0 = out;
        let (took, out) = time(Command::new(&python).arg(&script))?;
        theirs.push(took);
        outputs.1 = out;
    }
    if outputs.0 != outputs.1 {
        return Err(format!(
            "objects_10k.py printed {:?} under Retort but {:?} under CPython",
            outputs.0, outputs.1
        ));
    }
    let (ours, theirs) = (median(ours), median(theirs));
    println!(
        "python objects_10k.py: retort run {:.3} s, CPython + SQLAlchemy {SQLALCHEMY} {:.3} s \
         (median of {ROUNDS}) -> Retort {:.1}x faster (target: at least 10x)",
        ours.as_secs_f64(),
        theirs.as_secs_f64(),
        theirs.as_secs_f64() / ours.as_secs_f64().max(1e-9)
    );
    Ok(())
}

fn time(cmd: &mut Command) -> Result<(Duration, String)> {
    let started = Instant::now();
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {cmd:?}: {e}"))?;
    let took = started.elapsed();
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok((took, String::from_utf8_lossy(&out.stdout).into_owned()))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// A Python with SQLAlchemy 2.1.9: `$SQLA_VENV` (default `/tmp/sqla-venv`, the virtualenv
/// `tests/scripts/regen.sh` uses), created with pip from PyPI when missing.
fn sqlalchemy_python() -> Result<PathBuf> {
    let venv = std::env::var_os("SQLA_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/sqla-venv"));
    let python = venv.join("bin/python");
    if has_sqlalchemy(&python) {
        return Ok(python);
    }
    println!(
        "bench: creating {} with SQLAlchemy {SQLALCHEMY}",
        venv.display()
    );
    process::run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
    process::run(
        Command::new(venv.join("bin/pip"))
            .args(["install", "--quiet"])
            .arg(format!("sqlalchemy=={SQLALCHEMY}")),
    )?;
    if has_sqlalchemy(&python) {
        Ok(python)
    } else {
        Err(format!(
            "{} still lacks SQLAlchemy {SQLALCHEMY}",
            python.display()
        ))
    }
}

fn has_sqlalchemy(python: &Path) -> bool {
    Command::new(python)
        .args([
            "-c",
            &format!("import sqlalchemy, sys; sys.exit(sqlalchemy.__version__ != '{SQLALCHEMY}')"),
        ])
        .output()
        .is_ok_and(|o| o.status.success())
}
