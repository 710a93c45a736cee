//! The built `retort` binary: `retort run` on scripts (stdout, stderr, exit codes), standard
//! input, `--budget`, and usage errors.

// Test scaffolding (spawning threads and processes, reading fixtures) may abort the test.
#![allow(clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn retort(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_retort"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start retort");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("wait for retort")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn script(name: &str, source: &str) -> String {
    let dir = std::env::temp_dir().join(format!("retort-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, source).expect("write script");
    path.to_string_lossy().into_owned()
}

#[test]
fn run_prints_stdout_and_exits_zero() {
    let path = script("ok.py", "print('hello', 6 * 7)\n");
    let out = retort(&["run", &path], "");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "hello 42\n");
    assert_eq!(text(&out.stderr), "");
}

#[test]
fn uncaught_exception_prints_the_traceback_and_exits_one() {
    let path = script("fail.py", "print('before')\nx = 1\nprint(y)\n");
    let out = retort(&["run", &path], "");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "before\n");
    assert_eq!(
        text(&out.stderr),
        "Traceback (most recent call last):\n  File \"script.py\", line 3, in <module>\n    print(y)\n          ^\nNameError: name 'y' is not defined\n"
    );
}

#[test]
fn syntax_error_exits_one() {
    let out = retort(&["run", "-"], "def f(:\n  pass\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).ends_with("SyntaxError: invalid syntax\n"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn dash_reads_the_script_from_stdin() {
    let out = retort(
        &["run", "-"],
        "import sys\nprint(sum(range(5)))\nsys.exit(3)\n",
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(text(&out.stdout), "10\n");
}

#[test]
fn budget_stops_an_endless_loop() {
    let out = retort(&["run", "--budget", "1000", "-"], "while True:\n    pass\n");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("step budget of 1000 steps exhausted at line 2"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn usage_errors_exit_two() {
    for args in [
        &["run"][..],
        &["run", "--budget", "many", "x.py"],
        &["frobnicate"],
        &["run", "/nonexistent/x.py"],
    ] {
        let out = retort(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains("usage: retort"),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn sql_subcommand_still_runs() {
    let out = retort(
        &["sql", "-"],
        "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1);\nSELECT x FROM t;\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("-- line 3: x\n(1)\n"),
        "{}",
        text(&out.stdout)
    );
}
