//! The golden corpus: every `tests/scripts/NAME.py` (at the workspace root) run through
//! retort-python exactly as `retort run` runs it, compared with what CPython + SQLAlchemy
//! 2.1.9 printed (`NAME.out`, `NAME.err`) after the normalization rules N1–N4 of
//! `tests/scripts/README.md` (ported from `normalize.py`).
//!
//! It is a ratchet: every name in `tests/scripts/PASSING` must match (the test fails with a
//! diff otherwise); for the others it prints a scoreboard and the first differing line.

// Test scaffolding (spawning threads, reading fixtures) may abort the test.
#![allow(clippy::expect_used)]
#![cfg(not(target_family = "wasm"))]

use retort_python::{Config, Interpreter};
use std::path::{Path, PathBuf};

/// As in the CLI: the evaluator recurses on the Rust stack.
const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Runs `source` as `retort run script.py` would: (stdout, stderr).
fn run(source: String) -> (String, String) {
    let handle = std::thread::Builder::new()
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let config = Config {
                max_stack_bytes: STACK_BYTES - 56 * 1024 * 1024,
                ..Config::default()
            };
            let mut py = Interpreter::with_config(config);
            let result = py.run(&source);
            let mut err = py.take_stderr();
            if let Err(e) = result {
                err.push_str(&e.render());
            }
            (py.take_output(), err)
        })
        .expect("spawn evaluator thread");
    match handle.join() {
        Ok(pair) => pair,
        Err(_) => (String::new(), "<the evaluator panicked>\n".to_string()),
    }
}

/// N1: `2026-11-23 08:40:12,345 ` at the start of a line.
fn n1(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let b = line.as_bytes();
        let shape = b"dddd-dd-dd dd:dd:dd,ddd ";
        let matches = b.len() >= shape.len()
            && shape.iter().zip(b).all(|(s, c)| match s {
                b'd' => c.is_ascii_digit(),
                other => other == c,
            });
        if matches {
            out.push_str("YYYY-MM-DD HH:MM:SS,mmm ");
            out.push_str(&line[shape.len()..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Length of `\d+\.\d+s` at the start of `s`, if it is there.
fn seconds_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let int = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int == 0 || b.get(int) != Some(&b'.') {
        return None;
    }
    let frac = b[int + 1..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if frac == 0 || b.get(int + 1 + frac) != Some(&b's') {
        return None;
    }
    Some(int + 1 + frac + 1)
}

/// N2: `[generated in 0.00015s` / `[cached since 0.0012s` / `[no key 0.00007s`.
fn n2(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'outer: while let Some(pos) = rest.find('[') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        for word in ["generated in ", "cached since ", "no key "] {
            if let Some(tail) = after.strip_prefix(word)
                && let Some(n) = seconds_len(tail)
            {
                out.push('[');
                out.push_str(word);
                out.push_str("X.XXXXXs");
                rest = &tail[n..];
                continue 'outer;
            }
        }
        out.push('[');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// N3: ` at 0x7f3a...` becomes ` at 0x...`.
fn n3(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(" at 0x") {
        let tail = &rest[pos + 6..];
        let n = tail
            .bytes()
            .take_while(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(c))
            .count();
        out.push_str(&rest[..pos]);
        if n > 0 {
            out.push_str(" at 0x...");
        } else {
            out.push_str(" at 0x");
        }
        rest = &tail[n..];
    }
    out.push_str(rest);
    out
}

/// The path of a `  File "PATH", line N[, in NAME]` line.
fn frame_path(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("  File \"")?;
    let end = rest.find('"')?;
    let (path, tail) = (&rest[..end], &rest[end + 1..]);
    let tail = tail.strip_prefix(", line ")?;
    let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let tail = &tail[digits..];
    (tail.is_empty() || tail.starts_with(", in ")).then_some(path)
}

/// N4: library frames (and the indented lines under them) are removed.
fn n4(text: &str) -> String {
    let mut out = Vec::new();
    let mut skipping = false;
    for line in text.split('\n') {
        if let Some(path) = frame_path(line) {
            skipping = path != "script.py";
            if skipping {
                continue;
            }
        } else if skipping && line.starts_with("    ") {
            continue;
        } else {
            skipping = false;
        }
        out.push(line);
    }
    out.join("\n")
}

/// The README's normalization, N1 to N4 in order.
fn normalize(text: &str) -> String {
    n4(&n3(&n2(&n1(text))))
}

fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/scripts")
}

/// The first line where `want` and `got` differ, as `line N: want ... / got ...`.
fn first_difference(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b {
            return format!(
                "line {}: want {:?} / got {:?}",
                i + 1,
                a.copied().unwrap_or("<end>"),
                b.copied().unwrap_or("<end>")
            );
        }
    }
    "identical".into()
}

/// A unified-ish diff: every differing line with its number.
fn diff(want: &str, got: &str) -> String {
    let (w, g): (Vec<&str>, Vec<&str>) = (want.split('\n').collect(), got.split('\n').collect());
    let mut out = String::new();
    for i in 0..w.len().max(g.len()) {
        let (a, b) = (w.get(i), g.get(i));
        if a != b {
            out.push_str(&format!(
                "{:>4} - {}\n{:>4} + {}\n",
                i + 1,
                a.copied().unwrap_or("<end>"),
                i + 1,
                b.copied().unwrap_or("<end>")
            ));
        }
    }
    out
}

struct Outcome {
    name: String,
    /// None when both streams match; otherwise what differs.
    failure: Option<(String, String)>,
}

/// The working directory is process-wide: scripts that open file databases run one at a time.
static CWD: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Runs `source` in a fresh scratch directory (file databases start empty).
fn run_in_scratch(dir: &Path, tag: &str, source: String) -> (String, String) {
    let _guard = CWD
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let scratch = std::env::temp_dir().join(format!("retort-corpus-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).expect("create scratch directory");
    std::env::set_current_dir(&scratch).expect("enter scratch directory");
    let result = run(source);
    let _ = std::env::set_current_dir(dir);
    let _ = std::fs::remove_dir_all(&scratch);
    result
}

fn check(dir: &Path, name: &str) -> Outcome {
    let read = |ext: &str| std::fs::read_to_string(dir.join(format!("{name}.{ext}")));
    let source = read("py").expect("read script");
    let want_out = normalize(&read("out").unwrap_or_default());
    let want_err = normalize(&read("err").unwrap_or_default());
    let (out, err) = run_in_scratch(dir, name, source);
    let (out, err) = (normalize(&out), normalize(&err));
    let failure = if out != want_out {
        Some((
            format!("stdout {}", first_difference(&want_out, &out)),
            format!("stdout:\n{}", diff(&want_out, &out)),
        ))
    } else if err != want_err {
        Some((
            format!("stderr {}", first_difference(&want_err, &err)),
            format!("stderr:\n{}", diff(&want_err, &err)),
        ))
    } else {
        None
    };
    Outcome {
        name: name.to_string(),
        failure,
    }
}

#[test]
fn normalization_follows_the_readme() {
    assert_eq!(
        normalize("2026-11-23 08:40:12,345 INFO x [generated in 0.00015s] ()\n"),
        "YYYY-MM-DD HH:MM:SS,mmm INFO x [generated in X.XXXXXs] ()\n"
    );
    assert_eq!(
        normalize("[cached since 0.0012s ago] [no key 0.00007s] [raw sql]"),
        "[cached since X.XXXXXs ago] [no key X.XXXXXs] [raw sql]"
    );
    assert_eq!(
        normalize("<User object at 0x7f3a9c>"),
        "<User object at 0x...>"
    );
    let tb = "Traceback (most recent call last):\n  File \"script.py\", line 3, in <module>\n    f()\n  File \"<site-packages>/x.py\", line 9, in f\n    raise E\n    ^^^^^^^\nE: boom\n";
    assert_eq!(
        normalize(tb),
        "Traceback (most recent call last):\n  File \"script.py\", line 3, in <module>\n    f()\nE: boom\n"
    );
}

#[test]
fn corpus_matches_cpython() {
    let dir = scripts_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("read tests/scripts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().to_string()))
        .filter(|n| n != "normalize")
        .collect();
    names.sort();
    let passing: Vec<String> = std::fs::read_to_string(dir.join("PASSING"))
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect();
    for p in &passing {
        assert!(
            names.contains(p),
            "PASSING lists {p}, which is not a script"
        );
    }
    let only = std::env::var("CORPUS_ONLY").ok();
    let outcomes: Vec<Outcome> = names
        .iter()
        .filter(|n| only.as_deref().is_none_or(|o| n.contains(o)))
        .map(|n| check(&dir, n))
        .collect();
    let matched = outcomes.iter().filter(|o| o.failure.is_none()).count();
    println!("corpus: {matched}/{} match", outcomes.len());
    let mut regressions = Vec::new();
    for o in &outcomes {
        match &o.failure {
            None if !passing.contains(&o.name) => println!("  MATCH (not in PASSING) {}", o.name),
            None => {}
            Some((first, full)) => {
                println!("  differs {}: {first}", o.name);
                if passing.contains(&o.name) {
                    regressions.push(format!("{} (listed in PASSING) {full}", o.name));
                }
            }
        }
    }
    assert!(
        regressions.is_empty(),
        "{} PASSING script(s) differ:\n{}",
        regressions.len(),
        regressions.join("\n")
    );
}

#[test]
fn truncated_corpus_scripts_never_panic() {
    // A learner pastes half a tutorial: every prefix of every script must end in output or
    // a Python exception, never a panic of the bridge or the ORM.
    let dir = scripts_dir();
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read tests/scripts")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    scripts.sort();
    let mut panics = Vec::new();
    for script in &scripts {
        let source = std::fs::read_to_string(script).expect("read script");
        let lines: Vec<&str> = source.lines().collect();
        for quarter in 1..4 {
            let cut = lines.len() * quarter / 4;
            let prefix = lines[..cut].join("\n");
            let (_, err) = run_in_scratch(&dir, "prefix", prefix);
            if err.contains("<the evaluator panicked>") {
                panics.push(format!("{} (first {cut} lines)", script.display()));
            }
        }
    }
    assert!(panics.is_empty(), "panicked on: {panics:#?}");
}
