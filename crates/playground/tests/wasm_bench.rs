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
    assert_eq!(lines.len(), 6);
}
