//! The golden corpus in the browser: every script named in `tests/scripts/PASSING` (SQLAlchemy
//! tutorials, outputs recorded from CPython 3.11.7 + SQLAlchemy 2.1.9) run by the wasm build of
//! the interpreter and its `sqlalchemy` modules with the browser's default limits, compared
//! after the corpus's normalization. Natively the same scripts run in
//! `crates/python/tests/corpus.rs`.

use retort_python::Interpreter;
use retort_python::golden::normalize;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::embedded::CORPUS;

/// Runs `source` as `retort run script.py` would: (stdout, stderr).
fn run(source: &str) -> (String, String) {
    let mut py = Interpreter::new();
    let result = py.run(source);
    let mut err = py.take_stderr();
    if let Err(e) = result {
        err.push_str(&e.render());
    }
    (py.take_output(), err)
}

#[wasm_bindgen_test]
fn passing_corpus_scripts_match_sqlalchemy_in_the_browser() {
    assert!(
        CORPUS.len() > 50,
        "only {} corpus scripts were embedded",
        CORPUS.len()
    );
    let mut failures = Vec::new();
    for (name, source, want_out, want_err) in CORPUS {
        let (out, err) = run(source);
        if normalize(&out) != normalize(want_out) {
            failures.push(format!(
                "{name}.py: stdout differs\n--- want\n{want_out}\n--- got\n{out}"
            ));
        }
        if normalize(&err) != normalize(want_err) {
            failures.push(format!(
                "{name}.py: stderr differs\n--- want\n{want_err}\n--- got\n{err}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus scripts differ in the browser:\n{}",
        failures.len(),
        CORPUS.len(),
        failures.join("\n")
    );
}
