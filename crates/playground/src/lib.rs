//! What Retort's UI needs, without any UI: run what the learner wrote and report everything that
//! happened as plain serializable values.
//!
//! # Where to find things
//! - [`python_run`]: runs a Python script (SQLAlchemy code) in a fresh interpreter and reports
//!   its stdout (the echo log included when the script turns it on), its stderr and whether it
//!   ended with an exception.
//! - [`sql_box`]: the SQL box: runs a SQL script against a fresh in-memory database in one
//!   transaction and reports each statement's rows, the echo log and any error.

pub mod python_run;
pub mod sql_box;

pub use python_run::{
    DEFAULT_PYTHON_SCRIPT, PAGE_STEP_BUDGET, PythonRun, run_python_script, run_python_with,
};
pub use sql_box::{DEFAULT_SQL_SCRIPT, RunError, SqlRun, StatementResult, run_sql_script};
