//! Retort's browser tests, one wasm test binary (each binary costs a full link and a
//! wasm-bindgen run): the Yew app mounted and clicked ([`dom`]), the Python golden scripts
//! ([`golden`]) and the SQLAlchemy corpus ([`corpus`]) run by the wasm build of the interpreter.

#![cfg(all(target_family = "wasm", target_os = "unknown"))]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod corpus;
mod dom;
mod golden;

/// The scripts and their CPython outputs, embedded by `tests/build.rs`.
mod embedded {
    include!(concat!(env!("OUT_DIR"), "/goldens.rs"));
}
