//! `cargo xtask dist`: the release page in `dist/`, optimized, ready for any static host.

use crate::Result;
use crate::process;
use std::io::Write;
use std::path::Path;
use std::process::Command;

/// Sizes of a built `dist/`.
pub struct DistSizes {
    /// The wasm module, raw bytes.
    pub wasm_raw: u64,
    /// The wasm module, gzip-compressed (level 9).
    pub wasm_gzip: u64,
    /// Every file of `dist/`, raw bytes.
    pub total_raw: u64,
    /// Every file of `dist/`, each gzip-compressed.
    pub total_gzip: u64,
}

/// Builds `dist/` with trunk in release mode (wasm-opt -Oz included) and prints its sizes.
pub fn build() -> Result {
    process::run(Command::new("trunk").args(["build", "--release"]))?;
    let sizes = measure(&crate::root().join("dist"))?;
    println!(
        "dist/: wasm {} raw / {} gzip; all files {} raw / {} gzip",
        kb(sizes.wasm_raw),
        kb(sizes.wasm_gzip),
        kb(sizes.total_raw),
        kb(sizes.total_gzip)
    );
    Ok(())
}

/// Measures the files of a built `dist/`.
pub fn measure(dir: &Path) -> Result<DistSizes> {
    let mut sizes = DistSizes {
        wasm_raw: 0,
        wasm_gzip: 0,
        total_raw: 0,
        total_gzip: 0,
    };
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let raw = bytes.len() as u64;
        let gzip = gzip_len(&bytes)?;
        sizes.total_raw += raw;
        sizes.total_gzip += gzip;
        if path.extension().is_some_and(|e| e == "wasm") {
            sizes.wasm_raw += raw;
            sizes.wasm_gzip += gzip;
        }
    }
    if sizes.wasm_raw == 0 {
        return Err(format!("no .wasm file in {}", dir.display()));
    }
    Ok(sizes)
}

fn gzip_len(bytes: &[u8]) -> Result<u64> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| e.to_string())?;
    Ok(encoder.finish().map_err(|e| e.to_string())?.len() as u64)
}

/// `1234567` as `1205.6 KB`.
pub fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}
