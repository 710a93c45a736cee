//! `cargo xtask setup`: checks each tool the project needs and installs what is missing.
//!
//! Idempotent and quick on a ready machine. Installs only from the package registries: Debian
//! packages (as root), crates.io (`cargo install`) and npm. Nothing else is downloaded: trunk is
//! configured never to fetch its own tools.

use crate::Result;
use crate::process::{self, on_path, output};
use std::process::Command;

/// The trunk series that builds with this toolchain (0.22 needs a newer rustc).
const TRUNK_SERIES: &str = "0.21";
/// The binaryen release whose `wasm-opt` reads rustc 1.95's output (Debian's is too old).
pub const BINARYEN_VERSION: &str = "132";

/// Checks and installs everything; prints one line per check.
pub fn run() -> Result {
    println!("setup: checking the toolchain");
    rust_parts()?;
    debian_packages()?;
    wasm_bindgen_cli()?;
    cargo_tool(
        "trunk",
        "trunk",
        &format!("trunk {TRUNK_SERIES}."),
        &["--version", &format!("~{TRUNK_SERIES}"), "--locked"],
    )?;
    cargo_tool("wasm-pack", "wasm-pack", "wasm-pack ", &["--locked"])?;
    wasm_opt()?;
    println!("setup: ready");
    Ok(())
}

fn rust_parts() -> Result {
    let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        println!("  ok   rust target wasm32-unknown-unknown");
    } else {
        println!("  add  rust target wasm32-unknown-unknown");
        process::run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    for (component, probe) in [("rustfmt", "fmt"), ("clippy", "clippy")] {
        if output("cargo", &[probe, "--version"]).is_some() {
            println!("  ok   rust component {component}");
        } else {
            println!("  add  rust component {component}");
            process::run(Command::new("rustup").args(["component", "add", component]))?;
        }
    }
    Ok(())
}

fn debian_packages() -> Result {
    // (command that proves the package is there, Debian package)
    let wanted = [
        ("clang", "clang"),
        ("chromium", "chromium"),
        ("chromedriver", "chromium-driver"),
        ("npm", "npm"),
    ];
    let missing: Vec<&str> = wanted
        .iter()
        .filter(|(cmd, _)| !on_path(cmd))
        .map(|(_, pkg)| *pkg)
        .collect();
    for (cmd, pkg) in wanted {
        if on_path(cmd) {
            println!("  ok   {pkg} ({cmd})");
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    let install = format!("apt-get update && apt-get install -y {}", missing.join(" "));
    if output("id", &["-u"]).as_deref() != Some("0") {
        return Err(format!(
            "missing Debian packages {}; run as root:\n  {install}",
            missing.join(", ")
        ));
    }
    println!("  add  Debian packages: {}", missing.join(" "));
    process::run(Command::new("apt-get").arg("update").arg("-qq"))?;
    process::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// The version of `package` recorded in Cargo.lock.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(crate::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let needle = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .ok_or_else(|| format!("{package} is not in Cargo.lock"))?
        + needle.len();
    let end = lock[start..].find('"').ok_or("Cargo.lock is malformed")?;
    Ok(lock[start..start + end].to_owned())
}

fn wasm_bindgen_cli() -> Result {
    if !crate::root().join("Cargo.lock").exists() {
        process::run(Command::new("cargo").args(["generate-lockfile"]))?;
    }
    let version = locked_version("wasm-bindgen")?;
    let want = format!("wasm-bindgen {version}");
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have == want {
        println!("  ok   wasm-bindgen-cli {version} (matches Cargo.lock)");
        return Ok(());
    }
    println!(
        "  add  wasm-bindgen-cli {version} (have: {})",
        if have.is_empty() { "none" } else { &have }
    );
    // Not --locked: the registry lacks some of its locked dependency versions.
    process::run(Command::new("cargo").args([
        "install",
        "wasm-bindgen-cli",
        "--version",
        &version,
        "--force",
    ]))
}

fn cargo_tool(binary: &str, krate: &str, version_prefix: &str, install_args: &[&str]) -> Result {
    let have = output(binary, &["--version"]).unwrap_or_default();
    if have.starts_with(version_prefix) {
        println!("  ok   {have}");
        return Ok(());
    }
    println!("  add  {krate} (several minutes on two cores; once per machine)");
    process::run(
        Command::new("cargo")
            .arg("install")
            .arg(krate)
            .args(install_args)
            // trunk's release profile asks for fat LTO with one codegen unit, which takes most
            // of an hour on two cores; a tool needs none of that.
            .env("CARGO_PROFILE_RELEASE_LTO", "off")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "16"),
    )
}

fn wasm_opt() -> Result {
    let have = output("wasm-opt", &["--version"]).unwrap_or_default();
    if have.contains(&format!("version {BINARYEN_VERSION}")) {
        println!("  ok   {have}");
        return Ok(());
    }
    println!("  add  wasm-opt from the npm package binaryen@{BINARYEN_VERSION}");
    process::run(Command::new("npm").args([
        "install",
        "--global",
        "--no-fund",
        "--no-audit",
        &format!("binaryen@{BINARYEN_VERSION}"),
    ]))
}
