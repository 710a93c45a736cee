//! The Python golden scripts (`crates/python/tests/scripts/`, outputs recorded from CPython
//! 3.11.7) run by the wasm build of the interpreter in headless Chromium, with the browser's
//! default limits (step budget, recursion limit, stack). Natively the same scripts run in
//! `crates/python/tests/golden.rs`.

use retort_python::Interpreter;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::embedded::PYTHON_GOLDENS;

/// Runs `source` as `retort run` would: stdout, and stderr (the script's writes there, then
/// the traceback or error).
fn run(source: &str) -> (String, String) {
    let mut py = Interpreter::new();
    let result = py.run(source);
    // stderr: what the script wrote there (warnings, `print(file=sys.stderr)`,
    // `traceback.print_exc()`), then an uncaught exception's traceback.
    let mut err = py.take_stderr();
    err.push_str(&result.err().map(|e| e.render()).unwrap_or_default());
    (py.take_output(), err)
}

#[wasm_bindgen_test]
fn python_goldens_match_cpython_in_the_browser() {
    assert!(
        !PYTHON_GOLDENS.is_empty(),
        "no golden scripts were embedded"
    );
    let mut failures = Vec::new();
    for (name, source, want_out, want_err) in PYTHON_GOLDENS {
        let (out, err) = run(source);
        if out != *want_out {
            failures.push(format!(
                "{name}.py: stdout differs\n--- want\n{want_out}\n--- got\n{out}"
            ));
        }
        if err != *want_err {
            failures.push(format!(
                "{name}.py: stderr differs\n--- want\n{want_err}\n--- got\n{err}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scripts differ in the browser:\n{}",
        failures.len(),
        PYTHON_GOLDENS.len(),
        failures.join("\n")
    );
}
