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
    /// Rows of one statement sent one at a time, back to back, recorded together: the log
    /// shows each as a statement of its own, as [`StatementRows::to_statements`] does.
    StatementRows(Box<StatementRows>),
    /// A statement ran once per parameter set (the driver's `executemany`).
    StatementMany {
        /// When it was sent.
        at: Rc<str>,
        /// The SQL text, exactly as executed (shared by the events of the rows of one
        /// statement).
        sql: Rc<str>,
        /// Every execution's parameters, one execution after another, `width` each (the
        /// executions of one statement all bind its parameters).
        params: Vec<Value>,
        /// The number of parameters of an execution.
        width: usize,
        /// Where the SQL came from (the log's badge).
        origin: SqlOrigin,
        /// How it ended (`rowcount` is the sum over all executions).
        outcome: StatementOutcome,
        /// Seconds it took to run.
        elapsed: f64,
    },
    /// Objects moved from one state to another (`transient_to_pending`, ...): consecutive
    /// moves of objects of one class between the same two states share one event.
    StateChange {
        /// The objects' ids in their store, in the order they moved.
        objects: Vec<usize>,
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

/// The rows of one statement sent one at a time (the unit of work's INSERTs that read each new
/// key back, SQLAlchemy's `insertmanyvalues ... (ordered; batch not supported)`): what each
/// row's [`Event::Statement`] would hold, without an event (or a parameter vector) per row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementRows {
    /// The SQL text, exactly as logged for each row.
    pub sql: Rc<str>,
    /// Every row's bound parameters, one row after another, `width` each.
    pub params: Vec<Value>,
    /// The number of parameters of a row.
    pub width: usize,
    /// When the rows were sent, as runs: each time with the index of the first row sent then
    /// (the clock is read every few rows, far more often than the time's millisecond changes).
    pub at: Vec<(usize, Rc<str>)>,
    /// The first row's origin; when it is [`SqlOrigin::InsertManyValues`], row `n` after it
    /// reads `insertmanyvalues n+1/total` with neither compile time nor cache age.
    pub origin: SqlOrigin,
    /// The number of rows sent.
    pub len: usize,
    /// Seconds all the rows took to run (each row's is their mean).
    pub elapsed: f64,
    /// The rows (by index) that inserted nothing, so returned no key.
    pub empty: Vec<usize>,
    /// SQLite's message when the last row failed.
    pub failed: Option<String>,
}

/// One row of a [`StatementRows`], as an [`Event::Statement`] would hold it.
#[derive(Debug, Clone, PartialEq)]
pub struct RowStatement<'a> {
    /// When it was sent.
    pub at: &'a str,
    /// The SQL text.
    pub sql: &'a Rc<str>,
    /// The bound parameters, in order.
    pub params: &'a [Value],
    /// Where the SQL came from (the log's badge).
    pub origin: SqlOrigin,
    /// How it ended.
    pub outcome: StatementOutcome,
    /// Seconds it took to run.
    pub elapsed: f64,
}

impl StatementRows {
    /// The number of rows sent.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no row was sent.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Row `n`'s origin.
    pub fn origin_of(&self, n: usize) -> SqlOrigin {
        match self.origin {
            SqlOrigin::InsertManyValues { total, ordered, .. } if n > 0 => {
                SqlOrigin::InsertManyValues {
                    generated: None,
                    cached_since: None,
                    batch: n + 1,
                    total,
                    ordered,
                }
            }
            origin => origin,
        }
    }

    /// The rows, in the order they were sent.
    pub fn rows(&self) -> impl Iterator<Item = RowStatement<'_>> {
        let last = self.len().saturating_sub(1);
        let mut runs = self.at.iter().peekable();
        let mut at = None;
        let elapsed = self.elapsed / self.len.max(1) as f64;
        (0..self.len).map(move |n| {
            while let Some((_, t)) = runs.next_if(|(from, _)| *from <= n) {
                at = Some(t);
            }
            let outcome = match &self.failed {
                Some(message) if n == last => StatementOutcome::Failed {
                    message: message.clone(),
                },
                _ => {
                    let inserted = !self.empty.contains(&n);
                    StatementOutcome::Ran {
                        rowcount: i64::from(inserted),
                        rows_returned: usize::from(inserted),
                    }
                }
            };
            RowStatement {
                at: at.map_or("", |t| &**t),
                sql: &self.sql,
                params: self
                    .params
                    .get(n * self.width..(n + 1) * self.width)
                    .unwrap_or_default(),
                origin: self.origin_of(n),
                outcome,
                elapsed,
            }
        })
    }

    /// The rows as the [`Event::Statement`]s of statements sent one by one.
    pub fn to_statements(&self) -> Vec<Event> {
        let mut last: Option<Rc<str>> = None;
        self.rows()
            .map(|r| Event::Statement {
                at: match &last {
                    Some(t) if **t == *r.at => Rc::clone(t),
                    _ => Rc::clone(last.insert(Rc::from(r.at))),
                },
                sql: Rc::clone(r.sql),
                params: r.params.to_vec(),
                origin: r.origin,
                outcome: r.outcome,
                elapsed: r.elapsed,
            })
            .collect()
    }
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
