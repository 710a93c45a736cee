//! The golden corpus: every `tests/scripts/NAME.py` (at the workspace root) run through
//! retort-python exactly as `retort run` runs it, compared with what CPython + SQLAlchemy
//! 2.1.9 printed (`NAME.out`, `NAME.err`) after the normalization rules N1–N4 of
//! `tests/scripts/README.md` (ported from `normalize.py`).
//!
//! It is a ratchet: every name in `tests/scripts/PASSING` must match (the test fails with a
//! diff otherwise); for the others it prints a scoreboard and the first differing line.

// Test scaffolding (spawning threads, reading fixtures) may abort the test.
#![allow(clippy::expect_used)]
#![cfg(not(target_family = "wasm"))]

use retort_python::golden::normalize;
use retort_python::{Config, Interpreter};
use std::path::{Path, PathBuf};

/// As in the CLI: the evaluator recurses on the Rust stack.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Runs `source` as `retort run script.py` would: (stdout, stderr).
fn run(source: String) -> (String, String) {
    let handle = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let config = Config {
                max_stack_bytes: STACK_BYTES - 56 * 1024 * 1024,
                ..Config::default()
            };
            let mut py = Interpreter::with_config(config);
            let result = py.run(&source);
            let mut err = py.take_stderr();
            if let Err(e) = result {
                err.push_str(&e.render());
            }
            (py.take_output(), err)
        })
        .expect("spawn evaluator thread");
    match handle.join() {
        Ok(pair) => pair,
        Err(_) => (String::new(), "<the evaluator panicked>\n".to_string()),
    }
}

fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scripts")
}

/// The first line where `want` and `got` differ, as `line N: want ... / got ...`.
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b {
            return format!(
                "line {}: want {:?} / got {:?}",
                i + 1,
                a.copied().unwrap_or("<end>"),
                b.copied().unwrap_or("<end>")
            );
        }
    }
    "identical".into()
}

/// A unified-ish diff: every differing line with its number.
fn diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
    let mut out = String::new();
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b {
            out.push_str(&format!(
                "{:>4} - {}\n{:>4} + {}\n",
                i + 1,
                a.copied().unwrap_or("<end>"),
                i + 1,
                b.copied().unwrap_or("<end>")
            ));
        }
    }
    out
}

struct Outcome {
    name: String,
    /// None when both streams match; otherwise what differs.
    failure: Option<(String, String)>,
}

/// The working directory is process-wide: scripts that open file databases run one at a time.
static CWD: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `source` in a fresh scratch directory (file databases start empty).
fn run_in_scratch(dir: &Path, tag: &str, source: String) -> (String, String) {
    let _guard = CWD
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let scratch = std::env::temp_dir().join(format!("retort-corpus-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("create scratch directory");
    std::env::set_current_dir(&scratch).expect("enter scratch directory");
    let result = run(source);
    let _ = std::env::set_current_dir(dir);
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn check(dir: &Path, name: &str) -> Outcome {
    let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}")));
    let source = read("py").expect("read script");
    let want_out = normalize(&read("out").unwrap_or_default());
    let want_err = normalize(&read("err").unwrap_or_default());
    let (out, err) = run_in_scratch(dir, name, source);
    let (out, err) = (normalize(&out), normalize(&err));
    let failure = if out != want_out {
        Some((
            format!("stdout {}", first_difference(&want_out, &out)),
            format!("stdout:\n{}", diff(&want_out, &out)),
        ))
    } else if err != want_err {
        Some((
            format!("stderr {}", first_difference(&want_err, &err)),
            format!("stderr:\n{}", diff(&want_err, &err)),
        ))
    } else {
        None
    };
    Outcome {
        name: name.to_string(),
        failure,
    }
}

#[test]
fn corpus_matches_cpython() {
    let dir = scripts_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("read tests/scripts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().to_string()))
        .filter(|n| n != "normalize")
        .collect();
    names.sort();
    let passing: Vec<String> = std::fs::read_to_string(dir.join("PASSING"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    for p in &passing {
        assert!(
            names.contains(p),
            "PASSING lists {p}, which is not a script"
        );
    }
    let only = std::env::var("CORPUS_ONLY").ok();
    let outcomes: Vec<Outcome> = names
        .iter()
        .filter(|n| only.as_deref().is_none_or(|o| n.contains(o)))
        .map(|n| check(&dir, n))
        .collect();
    let matched = outcomes.iter().filter(|o| o.failure.is_none()).count();
    println!("corpus: {matched}/{} match", outcomes.len());
    let mut regressions = Vec::new();
    for o in &outcomes {
        match &o.failure {
            None if !passing.contains(&o.name) => println!("  MATCH (not in PASSING) {}", o.name),
            None => {}
            Some((first, full)) => {
                println!("  differs {}: {first}", o.name);
                if passing.contains(&o.name) {
                    regressions.push(format!("{} (listed in PASSING) {full}", o.name));
                }
            }
        }
    }
    assert!(
        regressions.is_empty(),
        "{} PASSING script(s) differ:\n{}",
        regressions.len(),
        regressions.join("\n")
    );
}

#[test]
fn truncated_corpus_scripts_never_panic() {
    // A learner pastes half a tutorial: every prefix of every script must end in output or
    // a Python exception, never a panic of the bridge or the ORM.
    let dir = scripts_dir();
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read tests/scripts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    scripts.sort();
    let mut panics = Vec::new();
    for script in &scripts {
        let source = std::fs::read_to_string(script).expect("read script");
        let lines: Vec<&str> = source.lines().collect();
        for quarter in 1..4 {
            let cut = lines.len() * quarter / 4;
            let prefix = lines[..cut].join("\n");
            let (_, err) = run_in_scratch(&dir, "prefix", prefix);
            if err.contains("<the evaluator panicked>") {
                panics.push(format!("{} (first {cut} lines)", script.display()));
            }
        }
    }
    assert!(panics.is_empty(), "panicked on: {panics:#?}");
}
