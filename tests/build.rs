//! Embeds the golden scripts for the browser tests: a wasm test cannot read files, so every
//! `crates/python/tests/scripts/NAME.py` becomes an entry of a generated table holding the
//! script and what CPython printed (`NAME.out`, `NAME.err`).

use std::fmt::Write as _;
use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = root.join("crates/python/tests/scripts");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".py").map(str::to_owned))
        .collect();
    names.sort();
    let mut table = String::from("/// (name, script, stdout, stderr) of every golden script.\n");
    table.push_str("pub const PYTHON_GOLDENS: &[(&str, &str, &str, &str)] = &[\n");
    for name in &names {
        let file = |ext: &str| dir.join(format!("{name}.{ext}"));
        let include = |ext: &str| {
            let path = file(ext);
            if path.exists() {
                format!("include_str!({:?})", path.display().to_string())
            } else {
                "\"\"".to_owned()
            }
        };
        let _ = writeln!(
            table,
            "    ({name:?}, {}, {}, {}),",
            include("py"),
            include("out"),
            include("err")
        );
    }
    table.push_str("];\n");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(out.join("goldens.rs"), table)?;
    Ok(())
}
