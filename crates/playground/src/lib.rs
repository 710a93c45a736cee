//! What Retort's UI needs, without any UI: run what the learner wrote and report everything that
//! happened as plain serializable values.
//!
//! # Where to find things
//! - [`sql_box`]: the SQL box: runs a SQL script against a fresh in-memory database in one
//!   transaction and reports each statement's rows, the echo log and any error.

pub mod sql_box;

pub use sql_box::{DEFAULT_SQL_SCRIPT, RunError, SqlRun, StatementResult, run_sql_script};
