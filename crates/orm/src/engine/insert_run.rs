//! An INSERT run one row at a time, each row sent as soon as the unit of work has built it.
//!
//! The unit of work's INSERTs of new objects whose keys the database generates run row by
//! row (SQLAlchemy's `insertmanyvalues ... (ordered; batch not supported)` on SQLite). An
//! [`InsertRun`] prepares the statement once, takes each row's parameters while the object
//! they come from is still in the processor's cache (a flush of many objects otherwise reads
//! every object's values once to build the rows and every row again to send it), reads each
//! new key with `last_insert_rowid()`, and leaves the logging to its end, when the number of
//! rows, and so the statement the log shows, is known.

use super::{Connection, Engine};
use crate::error::{Error, Result};
use crate::event::{Event, SqlOrigin, StatementOutcome, StatementRows, asctime_at};
use crate::value::Value;
use std::rc::Rc;
use web_time::Instant;

/// The rows of an INSERT run one at a time: every row's parameters, one row after another.
pub(crate) struct InsertRows {
    /// The parameters, `width` per row.
    pub params: Vec<Value>,
    /// The number of parameters of a row.
    pub width: usize,
    /// The number of rows.
    pub len: usize,
    /// The first row's origin (see [`StatementRows::origin_of`] for the others').
    pub origin: SqlOrigin,
}

/// How the rows of an [`InsertRun`] are logged once they have run.
pub(crate) struct InsertLog {
    /// The statement each row is logged as (and any error names).
    pub sql: Rc<str>,
    /// The first row's origin (see [`StatementRows::origin_of`] for the others').
    pub origin: SqlOrigin,
    /// The event the rows make.
    pub shape: LogShape,
}

/// The event of an [`InsertRun`]'s rows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum LogShape {
    /// One row, one [`Event::Statement`].
    Statement,
    /// Several rows each reading its key: one [`Event::StatementRows`], only of the rows
    /// sent.
    Rows,
    /// Several rows with their keys given, SQLAlchemy's `executemany`: one
    /// [`Event::StatementMany`] of every row built, sent or not (the driver receives them
    /// all at once), and an error carries them all.
    Many,
}

/// A plain INSERT into a table whose generated key is its rowid (see
/// [`Engine::is_rowid_alias`]), prepared once and run for each row as it is built: the
/// caller appends each row's parameters to one vector, passes it to [`InsertRun::send`],
/// and at the end hands it to [`InsertRun::finish`] for the log.
pub(crate) struct InsertRun<'db> {
    db: &'db rusqlite::Connection,
    /// `None` when SQLite refused to begin or prepare (the error is in `failed`).
    stmt: Option<rusqlite::CachedStatement<'db>>,
    width: usize,
    sent: usize,
    /// The key of the last row sent (`last_insert_rowid()`), if it ran and inserted a row.
    last: Option<i64>,
    /// The rows the statements changed.
    changed: i64,
    at: Vec<(usize, Rc<str>)>,
    empty: Vec<usize>,
    started: Instant,
    /// SQLite's refusal, and whether it came before any row ran (beginning or preparing).
    failed: Option<(rusqlite::Error, bool)>,
}

/// The clock is read every this many rows: a row takes microseconds, the log's time shows
/// milliseconds.
const CLOCK_EVERY: usize = 16;

impl Connection {
    /// Begins the transaction (logging `BEGIN (implicit)`, opening waiting savepoints) and
    /// prepares `run_sql`, the INSERT of rows of `width` parameters, on `engine`'s database
    /// (the caller's handle on this connection's engine, which the run borrows). A refusal
    /// is kept for [`InsertRun::finish`] to report, as that of the first row.
    ///
    /// # Failure
    /// [`Error::Dbapi`] when a waiting savepoint cannot be opened.
    pub(crate) fn start_insert_run<'db>(
        &mut self,
        engine: &'db Engine,
        run_sql: &str,
        width: usize,
    ) -> Result<InsertRun<'db>> {
        self.open_savepoints()?;
        self.begin();
        let db = engine.sqlite();
        let started = Instant::now();
        let prepared = if db.is_autocommit() {
            db.execute_batch("BEGIN")
                .and_then(|()| db.prepare_cached(run_sql))
        } else {
            db.prepare_cached(run_sql)
        };
        let (stmt, failed) = match prepared {
            Ok(stmt) => (Some(stmt), None),
            Err(e) => (None, Some((e, true))),
        };
        Ok(InsertRun {
            db,
            stmt,
            width,
            sent: 0,
            last: None,
            changed: 0,
            at: Vec::new(),
            empty: Vec::new(),
            started,
            failed,
        })
    }

    /// Runs `run_sql`, a plain INSERT, once for each of `rows`, in order, logged as `shape`
    /// says with `logged_sql`: each row as its own statement (the same INSERT with
    /// `RETURNING key`, for a table whose generated key is its rowid) with the row's badge in
    /// one [`Event::StatementRows`], or all as one executemany ([`LogShape::Many`]). Returns
    /// each row's key (`last_insert_rowid()`), `None` for a row not inserted.
    ///
    /// # Failure
    /// [`Error::Dbapi`] as for [`Connection::exec_driver_sql`], from the first row SQLite
    /// refuses; the rows after it do not run.
    pub(crate) fn execute_insert_rows(
        &mut self,
        (logged_sql, run_sql): (&str, &str),
        rows: InsertRows,
        shape: LogShape,
    ) -> Result<Vec<Option<i64>>> {
        let engine = self.engine.clone();
        let InsertRows {
            params,
            width,
            len,
            origin,
        } = rows;
        let mut run = self.start_insert_run(&engine, run_sql, width)?;
        let mut keys = Vec::with_capacity(len);
        for _ in 0..len {
            if !run.send(&params) {
                break;
            }
            keys.push(run.last_key());
        }
        let log = InsertLog {
            sql: Rc::from(logged_sql),
            origin,
            shape,
        };
        run.finish(params, &self.engine, log)?;
        Ok(keys)
    }
}

impl InsertRun<'_> {
    /// Runs the next row: the `width` parameters of `params` after those of the rows sent;
    /// returns whether it ran. After a refusal nothing more runs.
    pub(crate) fn send(&mut self, params: &[Value]) -> bool {
        let n = self.sent;
        let (Some(stmt), None) = (&mut self.stmt, &self.failed) else {
            if self.failed.as_ref().is_some_and(|(_, before)| *before) && n == 0 {
                // The refusal to begin or prepare is the first row's.
                self.sent = 1;
            }
            return false;
        };
        if n.is_multiple_of(CLOCK_EVERY) {
            let time = asctime_at(if n == 0 { self.started } else { Instant::now() });
            if self.at.last().is_none_or(|(_, t)| !Rc::ptr_eq(t, &time)) {
                self.at.push((n, time));
            }
        }
        let row = params
            .get(n * self.width..(n + 1) * self.width)
            .unwrap_or_default();
        self.sent += 1;
        match stmt.execute(rusqlite::params_from_iter(row)) {
            Ok(changed) => {
                self.changed += i64::try_from(changed).unwrap_or(i64::MAX);
                if changed == 0 {
                    self.empty.push(n);
                }
                self.last = (changed > 0).then(|| self.db.last_insert_rowid());
                true
            }
            Err(e) => {
                self.failed = Some((e, false));
                false
            }
        }
    }

    /// The key of the last row sent, if it ran and inserted a row.
    pub(crate) fn last_key(&self) -> Option<i64> {
        self.last
    }

    /// Logs the rows that ran (their parameters the first of `params`) as `log` says.
    ///
    /// # Failure
    /// [`Error::Dbapi`] naming `log.sql` and the refused row's parameters, when SQLite
    /// refused a row (or to begin or prepare).
    pub(crate) fn finish(
        self,
        mut params: Vec<Value>,
        engine: &Engine,
        log: InsertLog,
    ) -> Result<()> {
        let elapsed = self.started.elapsed().as_secs_f64();
        let width = self.width;
        if log.shape != LogShape::Many {
            params.truncate(self.sent * width);
        }
        let sets = || split_rows(&params, width);
        let error = self.failed.map(|(e, _)| {
            let row = params
                .get(self.sent.saturating_sub(1) * width..self.sent * width)
                .unwrap_or_default();
            let error = Error::from_driver(e, &log.sql, row);
            if log.shape == LogShape::Many {
                error.with_param_sets(sets())
            } else {
                error
            }
        });
        let message = error.as_ref().map(|err| match err {
            Error::Dbapi { message, .. } => message.clone(),
            other => other.to_string(),
        });
        let at = self
            .at
            .first()
            .map_or_else(|| asctime_at(self.started), |(_, t)| Rc::clone(t));
        let outcome = |message: Option<String>| match message {
            Some(message) => StatementOutcome::Failed { message },
            None => StatementOutcome::Ran {
                rowcount: self.changed,
                rows_returned: 0,
            },
        };
        engine.record(match log.shape {
            LogShape::Many => Event::StatementMany {
                at,
                sql: log.sql,
                params,
                width,
                origin: log.origin,
                outcome: outcome(message),
                elapsed,
            },
            LogShape::Rows => Event::StatementRows(Box::new(StatementRows {
                sql: log.sql,
                params,
                width,
                at: self.at,
                origin: log.origin,
                len: self.sent,
                elapsed,
                empty: self.empty,
                failed: message,
            })),
            LogShape::Statement => Event::Statement {
                at,
                sql: log.sql,
                params,
                origin: log.origin,
                outcome: outcome(message),
                elapsed,
            },
        });
        match error {
            Some(err) => Err(err),
            None => Ok(()),
        }
    }
}

/// `params`, `width` per row, as one vector per row.
fn split_rows(params: &[Value], width: usize) -> Vec<Vec<Value>> {
    params.chunks(width.max(1)).map(<[Value]>::to_vec).collect()
}
