//! What Retort's UI needs, without any UI: run what the learner wrote and report everything that
//! happened as plain serializable values.
//!
//! # Where to find things
//! - [`python_run`]: runs a Python script (SQLAlchemy code) in a fresh interpreter and reports
//!   its stdout (the echo log included when the script turns it on), its stderr and whether it
//!   ended with an exception.
//! - [`playground`]: the [`Playground`]: one interpreter, a script run whole or one top-level
//!   statement at a time, flushes run one step at a time, and a serializable [`Snapshot`] of
//!   everything the panels show after each [`Request`].
//! - [`sql_box`]: the SQL box: runs a SQL script against a fresh in-memory database in one
//!   transaction and reports each statement's rows, the echo log and any error.

pub mod playground;
pub mod python_run;
pub mod sql_box;

pub use playground::{
    FlushProgress, Lines, NamedSession, Playground, Request, Snapshot, StateChange,
};
pub use python_run::{
    DEFAULT_PYTHON_SCRIPT, PAGE_STEP_BUDGET, PythonRun, run_python_script, run_python_with,
};
pub use sql_box::{DEFAULT_SQL_SCRIPT, RunError, SqlRun, StatementResult, run_sql_script};

/// The script the page opens with in the panels' view: the ORM quick start with its session
/// at module level, so Step runs its statements one by one and the session outlives them.
/// Its output is recorded from SQLAlchemy 2.1.9 in `scripts/quickstart.out`.
pub const QUICKSTART_SCRIPT: &str = include_str!("../scripts/quickstart.py");
