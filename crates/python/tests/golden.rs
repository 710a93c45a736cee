//! Golden scripts: each `tests/scripts/NAME.py` must print exactly what CPython 3.11.7
//! printed (`NAME.out`, and `NAME.err` for stderr; see `tests/scripts/README.md`).

// Test scaffolding (spawning threads and processes, reading fixtures) may abort the test.
#![allow(clippy::expect_used)]
#![cfg(not(target_family = "wasm"))]

use retort_python::{Config, Interpreter};
use std::path::Path;

fn run(source: String) -> (String, String) {
    // Deep Python recursion needs a deep Rust stack, as in the CLI.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024 * 1024)
        .spawn(move || {
            let config = Config {
                max_stack_bytes: 200 * 1024 * 1024,
                ..Config::default()
            };
            let mut py = Interpreter::with_config(config);
            let result = py.run(&source);
            // stderr: what the script wrote there (warnings, `print(file=sys.stderr)`,
            // `traceback.print_exc()`), then an uncaught exception's traceback.
            let mut err = py.take_stderr();
            err.push_str(&result.err().map(|e| e.render()).unwrap_or_default());
            (py.take_output(), err)
        })
        .expect("spawn evaluator thread");
    handle.join().expect("evaluator thread panicked")
}

#[test]
fn golden_scripts_match_cpython() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scripts");
    let mut scripts: Vec<_> = std::fs::read_dir(&dir)
        .expect("read tests/scripts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty());
    let mut failures = Vec::new();
    for script in &scripts {
        let source = std::fs::read_to_string(script).expect("read script");
        let want_out = std::fs::read_to_string(script.with_extension("out")).unwrap_or_default();
        let want_err = std::fs::read_to_string(script.with_extension("err")).unwrap_or_default();
        let (out, err) = run(source);
        let name = script
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        if out != want_out {
            failures.push(format!(
                "{name}: stdout differs\n--- want\n{want_out}\n--- got\n{out}"
            ));
        }
        if err != want_err {
            failures.push(format!(
                "{name}: stderr differs\n--- want\n{want_err}\n--- got\n{err}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scripts differ:\n{}",
        failures.len(),
        scripts.len(),
        failures.join("\n")
    );
}
