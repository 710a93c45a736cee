//! Retort's browser tests, one wasm test binary (each binary costs a full link and a
//! wasm-bindgen run): the Yew app mounted and clicked ([`dom`]), and the Python golden
//! scripts run by the wasm build of the interpreter ([`golden`]).

#![cfg(all(target_family = "wasm", target_os = "unknown"))]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod dom;
mod golden;
