//! The crate's one error type: what a caller of the evaluator can get back from a run.
//!
//! Python-level exceptions travel inside the evaluator as [`crate::exceptions::Exc`]; only when
//! one escapes the script does it become [`Error::Uncaught`], already rendered as CPython's
//! traceback text.

use std::fmt;

/// Everything that can end a run early.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The source did not parse. `rendered` is CPython's four-line `SyntaxError` report.
    Syntax {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column (in characters) of the error.
        column: usize,
        /// The message after `SyntaxError: `.
        message: String,
        /// The full report as CPython prints it on stderr.
        rendered: String,
    },
    /// A Python exception escaped the script; `rendered` is the traceback CPython would print.
    Uncaught {
        /// The exception's class name, e.g. `NameError`.
        class_name: String,
        /// `str()` of the exception.
        message: String,
        /// The full traceback text (ends with a newline).
        rendered: String,
    },
    /// The script raised `SystemExit` (`sys.exit(...)`): CPython exits quietly with `code`,
    /// printing `rendered` (the exit message, if any) on stderr.
    Exit {
        /// The process exit status.
        code: i32,
        /// What CPython prints on stderr (empty for `sys.exit()` and `sys.exit(0)`).
        rendered: String,
    },
    /// The step budget ran out (an endless loop, or a script far bigger than any tutorial).
    BudgetExhausted {
        /// The budget that was exhausted.
        steps: u64,
        /// The 1-based line executing when it ran out.
        line: usize,
    },
}

impl Error {
    /// The text to show on stderr for this error, as CPython would (or as close as Retort gets).
    pub fn render(&self) -> String {
        match self {
            Error::Syntax { rendered, .. }
            | Error::Uncaught { rendered, .. }
            | Error::Exit { rendered, .. } => rendered.clone(),
            Error::BudgetExhausted { steps, line } => format!(
                "RuntimeError: step budget of {steps} steps exhausted at line {line} \
                 (an endless loop? raise the budget with --budget)\n"
            ),
        }
    }
}

impl Error {
    /// The exit status CPython would end with: 1 for an uncaught exception or syntax error,
    /// `SystemExit`'s code, 1 when the budget runs out.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Exit { code, .. } => *code,
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render().trim_end())
    }
}

impl std::error::Error for Error {}
