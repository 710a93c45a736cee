//! Embeds the golden scripts for the browser tests: a wasm test cannot read files, so every
//! `crates/python/tests/scripts/NAME.py` (Python semantics) and every corpus script named in
//! `tests/scripts/PASSING` (SQLAlchemy tutorials) becomes an entry of a generated table holding
//! the script and what CPython printed (`NAME.out`, `NAME.err`).

use std::fmt::Write as _;
use std::path::Path;

/// A `const` table of (name, script, stdout, stderr) for `names` in `dir`.
fn table(constant: &str, dir: &Path, names: &[String]) -> String {
    let mut table = String::from("/// (name, script, stdout, stderr) of every embedded script.\n");
    let _ = writeln!(
        table,
        "pub const {constant}: &[(&str, &str, &str, &str)] = &["
    );
    for name in names {
        let include = |ext: &str| {
            let path = dir.join(format!("{name}.{ext}"));
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
    table
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let python = root.join("crates/python/tests/scripts");
    println!("cargo:rerun-if-changed={}", python.display());
    let mut names: Vec<String> = std::fs::read_dir(&python)?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".py").map(str::to_owned))
        .collect();
    names.sort();
    let corpus = root.join("tests/scripts");
    let passing = corpus.join("PASSING");
    println!("cargo:rerun-if-changed={}", passing.display());
    println!("cargo:rerun-if-changed={}", corpus.display());
    let listed: Vec<String> = std::fs::read_to_string(&passing)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR")?);
    let text = table("PYTHON_GOLDENS", &python, &names) + &table("CORPUS", &corpus, &listed);
    std::fs::write(out.join("goldens.rs"), text)?;
    Ok(())
}
