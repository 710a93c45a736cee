//! The ORM benchmarks in headless Chromium, from the release wasm build (`cargo xtask bench`
//! runs this with `--release -- --include-ignored`). Ignored in ordinary test runs; it checks
//! what each workload produced (row and object counts), never how long it took.

#![cfg(all(target_family = "wasm", target_os = "unknown"))]

#[path = "../benches/common/orm_work.rs"]
#[allow(dead_code)]
mod work;

use wasm_bindgen_test::{console_log, wasm_bindgen_test};

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
#[ignore]
fn orm_benchmarks_in_the_browser() {
    let mut lines = Vec::new();
    work::run("", &mut |line| {
        console_log!("{line}");
        lines.push(line);
    });
    // Flush (4 lines), hydration, get, eager loading.
    assert_eq!(lines.len(), 7);
}

/// `tests/bench/objects_10k.py` through the playground, as the page runs it (issue: the Python
/// benchmark's browser figure). Checks what it printed, reports how long it took.
#[wasm_bindgen_test]
#[ignore]
fn python_script_in_the_browser() {
    let script = include_str!("../../../tests/bench/objects_10k.py");
    let mut times = Vec::new();
    for _ in 0..3 {
        let started = web_time::Instant::now();
        let run = retort_playground::run_python_script(script);
        times.push(started.elapsed());
        assert_eq!(run.stderr, "");
        assert_eq!(run.stdout, "sum of points: 49995000\n");
    }
    times.sort();
    console_log!(
        "python objects_10k.py through the playground in Chromium: {:.3} s (median of 3)",
        times[1].as_secs_f64()
    );
}
