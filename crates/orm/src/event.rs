//! Everything observable that the ORM does, as typed values.
//!
//! The engine (and, as they arrive, the session and unit of work) record an [`Event`] for each
//! thing SQLAlchemy would log or a learner would want to watch. The echo log, the playground's
//! panels and the tests all read these events; nothing formats log text on its own.

use crate::value::Value;
use serde::Serialize;
use std::rc::Rc;

/// Where a statement's SQL text came from, which decides the badge SQLAlchemy prints in front of
/// the parameters line.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum SqlOrigin {
    /// Run as written through `exec_driver_sql`: `[raw sql]`.
    Raw,
    /// Compiled for the first time: `[generated in 0.00012s]`.
    Generated {
        /// Seconds spent compiling.
        seconds: f64,
    },
    /// Taken from the statement cache: `[cached since 0.0021s ago]`.
    Cached {
        /// Seconds since it was first compiled.
        since: f64,
    },
    /// One row of an ORM INSERT that fetches its primary key back with `RETURNING`, one row at a
    /// time: `[generated in 0.00010s (insertmanyvalues) 1/3 (ordered; batch not supported)]`
    /// for the first row, `[insertmanyvalues 2/3 (ordered; batch not supported)]` after.
    InsertManyValues {
        /// For the first row: seconds spent compiling, when it was compiled now.
        generated: Option<f64>,
        /// For the first row: seconds since it was first compiled, when cached.
        cached_since: Option<f64>,
        /// This row's 1-based position.
        batch: usize,
        /// The number of rows.
        total: usize,
        /// `(ordered; batch not supported)` (the unit of work's row-at-a-time INSERTs) or
        /// `(unordered)` (one batch of several rows).
        ordered: bool,
    },
    /// Compiled without a cache key, so not cached: `[no key 0.00010s]`.
    NoKey {
        /// Seconds spent compiling.
        seconds: f64,
    },
}

/// What happened when a statement ran.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum StatementOutcome {
    /// It ran; `rowcount` is the driver's `cursor.rowcount` (`-1` for DDL and SELECT).
    Ran {
        /// Rows inserted, updated or deleted, or `-1`.
        rowcount: i64,
        /// Rows returned to the caller.
        rows_returned: usize,
    },
    /// SQLite refused it with this message.
    Failed {
        /// SQLite's message.
        message: String,
    },
}

/// One observable step of the engine.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub enum Event {
    /// A transaction began implicitly on first use (`BEGIN (implicit)`).
    Begin {
        /// Local wall-clock time, formatted as Python's logging formats `asctime`.
        at: Rc<str>,
    },
    /// A statement was sent to SQLite.
    Statement {
        /// When it was sent.
        at: Rc<str>,
        /// The SQL text, exactly as executed (shared by the events of the rows of one
        /// statement).
        sql: Rc<str>,
        /// The bound parameters, in order.
        params: Vec<Value>,
        /// Where the SQL came from (the log's badge).
        origin: SqlOrigin,
        /// How it ended.
        outcome: StatementOutcome,
        /// Seconds it took to run.
        elapsed: f64,
    },
    /// A statement ran once per parameter set (the driver's `executemany`).
    StatementMany {
        /// When it was sent.
        at: Rc<str>,
        /// The SQL text, exactly as executed (shared by the events of the rows of one
        /// statement).
        sql: Rc<str>,
        /// One parameter tuple per execution, in order.
        params: Vec<Vec<Value>>,
        /// Where the SQL came from (the log's badge).
        origin: SqlOrigin,
        /// How it ended (`rowcount` is the sum over all executions).
        outcome: StatementOutcome,
        /// Seconds it took to run.
        elapsed: f64,
    },
    /// An object moved from one state to another (`transient_to_pending`, ...).
    StateChange {
        /// The object's id in its store.
        object: usize,
        /// Its class name.
        class: std::rc::Rc<str>,
        /// The state it left.
        from: crate::session::ObjectState,
        /// The state it entered.
        to: crate::session::ObjectState,
    },
    /// The rows a statement returned, recorded only while [`crate::Engine::set_log_rows`] is on
    /// (`echo="debug"` logs them as `Col (...)` and `Row (...)`).
    Rows {
        /// When they were fetched.
        at: Rc<str>,
        /// The result's column names.
        columns: Vec<String>,
        /// The rows.
        rows: Vec<Vec<Value>>,
    },
    /// A flush planned these steps, before running them.
    FlushPlanned(crate::unit_of_work::FlushPlan),
    /// A step of a flush is about to send its statements: its index in the plan, its kind,
    /// class and table, the objects it serves and why it stands where it stands.
    FlushStepStarted(crate::unit_of_work::FlushStep),
    /// The transaction committed.
    Commit {
        /// When.
        at: Rc<str>,
    },
    /// The transaction rolled back.
    Rollback {
        /// When.
        at: Rc<str>,
    },
    /// A warning SQLAlchemy gives from inside the session's work (an autoflush's included).
    Warning {
        /// Its class (`SAWarning`).
        category: String,
        /// Its text.
        message: String,
    },
}

thread_local! {
    /// The last formatted time and when it was formatted: statements a flush sends in a burst
    /// share it instead of asking the time zone database (or allocating) each time.
    static LAST_ASCTIME: std::cell::RefCell<Option<(web_time::Instant, Rc<str>)>> =
        const { std::cell::RefCell::new(None) };
}

/// The current local time as Python's logging prints it: `2026-11-21 23:42:36,195` (reused
/// for a quarter of a millisecond, below the format's resolution).
pub(crate) fn now_asctime() -> Rc<str> {
    asctime_at(web_time::Instant::now())
}

/// [`now_asctime`] for a moment `now` the caller has just read off the clock (sparing a
/// second reading).
pub(crate) fn asctime_at(now: web_time::Instant) -> Rc<str> {
    const REUSE: std::time::Duration = std::time::Duration::from_micros(250);
    LAST_ASCTIME.with(|last| {
        let mut last = last.borrow_mut();
        if let Some((at, text)) = last.as_ref() {
            let apart = match now.checked_duration_since(*at) {
                Some(d) => d,
                None => at.saturating_duration_since(now),
            };
            if apart < REUSE {
                return Rc::clone(text);
            }
        }
        let text: Rc<str> = chrono::Local::now()
            .format("%Y-%m-%d %H:%M:%S,%3f")
            .to_string()
            .into();
        *last = Some((now, Rc::clone(&text)));
        text
    })
}
