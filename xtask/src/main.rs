//! Retort's project commands: `cargo xtask setup|serve|test|bench|dist`.
//!
//! Every command that needs tools runs [`setup`] first, which installs what is missing from the
//! package registries only (Debian packages, crates.io, npm) and says what it does.

mod bench;
mod bench_python;
mod dist;
mod e2e;
mod process;
mod serve;
mod setup;
mod static_server;
mod test;

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  setup            check the toolchain and install what is missing
  serve [--release] build the page and serve it on http://127.0.0.1:8080
                   (default: trunk serve with live reload; --release: the optimized dist/)
  test             run every test layer: lint, native, browser, end to end
  bench            run the benchmarks and print ratios against their baselines
  dist             build the release page into dist/, ready for any static host";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::run(),
        Some("serve") => serve::run(args.iter().any(|a| a == "--release")),
        Some("test") => test::run(),
        Some("bench") => bench::run(),
        Some("dist") => setup::run().and_then(|()| dist::build()),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(())
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the folder holding the top `Cargo.toml`).
pub fn root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .map_or(manifest.clone(), |p| p.to_path_buf())
}

/// An xtask step's result: `Err` carries a message for the user.
pub type Result<T = ()> = std::result::Result<T, String>;
