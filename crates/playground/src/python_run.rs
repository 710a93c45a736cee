//! Running Python: a script run by Retort's interpreter the way `python script.py` runs it.
//!
//! Each run starts a fresh interpreter (so a fresh set of in-memory databases): a script always
//! means the same thing. What the script prints (the echo log too, when it turns `echo` on) is
//! its stdout; warnings and the traceback of an uncaught exception are its stderr, worded as
//! CPython words them, with the file called `script.py`.

use retort_python::{Config, Interpreter};
use serde::Serialize;

/// The script the page opens with: the SQLAlchemy 2.x ORM quick start's models, a commit with
/// the SQL log on, and a query that reads the rows back as objects.
pub const DEFAULT_PYTHON_SCRIPT: &str =
    include_str!("../../../tests/scripts/playground_default.py");

/// Everything a run of a Python script produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PythonRun {
    /// What the script printed, in order (including the echo log when `echo=True`).
    pub stdout: String,
    /// Warnings, and the traceback if the script ended with an uncaught exception.
    pub stderr: String,
    /// Whether the script ended with an uncaught exception (a syntax error included).
    pub failed: bool,
}

/// The step budget the page gives a script: far more than any tutorial takes, small enough
/// that `while True: pass` ends in seconds instead of freezing the tab.
pub const PAGE_STEP_BUDGET: u64 = 20_000_000;

/// Runs `source` as `script.py` with the page's limits.
pub fn run_python_script(source: &str) -> PythonRun {
    run_python_with(
        source,
        Config {
            budget: PAGE_STEP_BUDGET,
            ..Config::default()
        },
    )
}

/// Runs `source` with the given interpreter settings.
pub fn run_python_with(source: &str, config: Config) -> PythonRun {
    let mut py = Interpreter::with_config(config);
    let result = py.run(source);
    let mut stderr = py.take_stderr();
    let failed = match result {
        Ok(()) => false,
        Err(err) => {
            stderr.push_str(&err.render());
            true
        }
    };
    PythonRun {
        stdout: py.take_output(),
        stderr,
        failed,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    /// The whole text is checked against CPython in the corpus (`playground_default` is in
    /// `tests/scripts/PASSING`); here, that the page's example works through the playground.
    #[test]
    fn the_default_script_runs_the_orm_quick_start() {
        let run = run_python_script(DEFAULT_PYTHON_SCRIPT);
        assert_eq!(run.stderr, "");
        assert!(!run.failed);
        for want in [
            "pending: IdentitySet([User(id=None, name='spongebob'",
            "INFO sqlalchemy.engine.Engine INSERT INTO user_account (name, fullname) VALUES (?, ?) \
             RETURNING id",
            "INFO sqlalchemy.engine.Engine COMMIT",
            "User(id=1, name='spongebob', fullname='Spongebob Squarepants')\n\
             User(id=2, name='sandy', fullname='Sandy Cheeks')\n",
        ] {
            assert!(run.stdout.contains(want), "no {want:?} in:\n{}", run.stdout);
        }
    }

    #[test]
    fn prints_reach_stdout_in_order() {
        let run = run_python_script("for i in range(3):\n    print(i, i * i, sep=':')\n");
        assert_eq!(run.stdout, "0:0\n1:1\n2:4\n");
        assert_eq!(run.stderr, "");
        assert!(!run.failed);
    }

    #[test]
    fn an_uncaught_exception_is_a_cpython_traceback() {
        let run = run_python_script("print('before')\nx = 1 / 0\nprint('after')\n");
        assert_eq!(run.stdout, "before\n");
        assert_eq!(
            run.stderr,
            "Traceback (most recent call last):\n  File \"script.py\", line 2, in <module>\n    \
             x = 1 / 0\n        ~~^~~\nZeroDivisionError: division by zero\n"
        );
        assert!(run.failed);
    }

    #[test]
    fn a_syntax_error_names_file_line_and_caret() {
        let run = run_python_script("print('ok'\n");
        assert!(run.failed);
        assert!(
            run.stderr.contains("File \"script.py\", line 1"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("SyntaxError"), "{}", run.stderr);
        assert_eq!(run.stdout, "");
    }

    #[test]
    fn a_runaway_loop_ends_with_a_clear_error_and_the_next_run_works() {
        let config = Config {
            budget: 10_000,
            ..Config::default()
        };
        let run = run_python_with("n = 0\nwhile True:\n    n += 1\n", config);
        assert!(run.failed);
        assert!(run.stderr.contains("budget"), "{}", run.stderr);
        assert_eq!(run_python_script("print('fine')").stdout, "fine\n");
    }

    #[test]
    fn each_run_starts_fresh() {
        assert!(!run_python_script("x = 41").failed);
        let run = run_python_script("print(x)");
        assert!(run.failed);
        assert!(
            run.stderr.ends_with("NameError: name 'x' is not defined\n"),
            "{}",
            run.stderr
        );
    }
}
