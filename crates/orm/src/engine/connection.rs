//! A connection: statements, results and transaction boundaries.
//!
//! Transactions follow SQLAlchemy over Python's `sqlite3` driver (pysqlite) in its default mode:
//! SQLAlchemy logs `BEGIN (implicit)` when a connection is first used, while the driver itself
//! opens SQLite's transaction only before an `INSERT`, `UPDATE`, `DELETE` or `REPLACE`. So DDL run
//! before any DML is not undone by a rollback, exactly as under CPython.

use super::Engine;
use crate::error::{Error, Result};
use crate::event::{Event, SqlOrigin, StatementOutcome, asctime_at, now_asctime};
use crate::sql::savepoint::{SavepointOp, savepoint_sql};
use crate::value::Value;
use serde::Serialize;
use std::rc::Rc;
use web_time::Instant;

/// The rows and counts a statement produced (SQLAlchemy's `CursorResult`, fully buffered).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CursorResult {
    /// Column names, empty when the statement returns no rows.
    pub columns: Vec<String>,
    /// The rows returned.
    pub rows: Vec<Vec<Value>>,
    /// The driver's `rowcount`: rows changed by DML, `-1` otherwise.
    pub rowcount: i64,
}

impl CursorResult {
    /// Whether the statement returns rows (`result.returns_rows`).
    pub fn returns_rows(&self) -> bool {
        !self.columns.is_empty()
    }
}

/// A connection to the engine's database, in or out of a transaction.
#[derive(Debug)]
pub struct Connection {
    pub(super) engine: Engine,
    in_transaction: bool,
    /// The number of the last savepoint (`sa_savepoint_N`), counted over the connection's life.
    savepoint_seq: usize,
    /// The savepoints of a session's `begin_nested()`, innermost last: the name once its
    /// `SAVEPOINT` ran, `None` until a statement runs inside it (SQLAlchemy's nested session
    /// transaction takes its savepoint with its first statement, and one that ran none
    /// emits neither `RELEASE` nor `ROLLBACK TO`).
    lazy_savepoints: Vec<Option<String>>,
}

impl Connection {
    pub(super) fn new(engine: Engine) -> Self {
        Connection {
            engine,
            in_transaction: false,
            savepoint_seq: 0,
            lazy_savepoints: Vec::new(),
        }
    }

    /// Begins a transaction if none is open (logged as `BEGIN (implicit)`).
    pub fn begin(&mut self) {
        if !self.in_transaction {
            self.in_transaction = true;
            self.engine.record(Event::Begin { at: now_asctime() });
        }
    }

    /// The engine this connection belongs to.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Whether a transaction is open.
    pub fn in_transaction(&self) -> bool {
        self.in_transaction
    }

    /// `conn.exec_driver_sql(sql, params)`: runs one statement as written, with positional
    /// parameters, beginning a transaction first if none is open.
    ///
    /// # Failure
    /// [`Error::Dbapi`] with SQLite's message when the statement does not prepare or run; the
    /// transaction stays open, as in SQLAlchemy, for the caller to roll back.
    pub fn exec_driver_sql(&mut self, sql: &str, params: &[Value]) -> Result<CursorResult> {
        self.execute_logged(sql, params, SqlOrigin::Raw)
    }

    /// Runs one statement whose SQL came from `origin` (raw, compiled, cached or DDL), logging
    /// it with that badge.
    ///
    /// # Failure
    /// [`Error::Dbapi`] as for [`Connection::exec_driver_sql`].
    pub(crate) fn execute_logged(
        &mut self,
        sql: &str,
        params: &[Value],
        origin: SqlOrigin,
    ) -> Result<CursorResult> {
        self.execute_logged_owned(&Rc::from(sql), params.to_vec(), origin)
    }

    /// [`Connection::execute_logged`] of SQL text shared with other events (the rows of one
    /// flush group) and parameters the event takes over.
    ///
    /// # Failure
    /// [`Error::Dbapi`] as for [`Connection::exec_driver_sql`].
    pub(crate) fn execute_logged_owned(
        &mut self,
        sql: &Rc<str>,
        params: Vec<Value>,
        origin: SqlOrigin,
    ) -> Result<CursorResult> {
        self.open_savepoints()?;
        self.begin();
        let started = Instant::now();
        let at = asctime_at(started);
        let result = self.run(sql, &params);
        let elapsed = started.elapsed().as_secs_f64();
        let outcome = match &result {
            Ok(r) => StatementOutcome::Ran {
                rowcount: r.rowcount,
                rows_returned: r.rows.len(),
            },
            Err(e) => StatementOutcome::Failed {
                message: match e {
                    Error::Dbapi { message, .. } => message.clone(),
                    other => other.to_string(),
                },
            },
        };
        self.engine.record(Event::Statement {
            at,
            sql: Rc::clone(sql),
            params,
            origin,
            outcome,
            elapsed,
        });
        if let Ok(r) = &result
            && !r.columns.is_empty()
            && self.engine.logs_rows()
        {
            self.engine.record(Event::Rows {
                at: now_asctime(),
                columns: r.columns.clone(),
                rows: r.rows.clone(),
            });
        }
        result
    }

    pub(super) fn run(&self, sql: &str, params: &[Value]) -> Result<CursorResult> {
        let db = self.engine.sqlite();
        let fail = |e| Error::from_driver(e, sql, params);
        let dml = is_dml(sql);
        if dml && db.is_autocommit() {
            db.execute_batch("BEGIN").map_err(fail)?;
        }
        let mut stmt = db.prepare_cached(sql).map_err(fail)?;
        let columns: Vec<String> = stmt.column_names().map(str::to_owned).collect();
        let width = columns.len();
        let mut rows = Vec::new();
        let mut cursor = stmt
            .query(rusqlite::params_from_iter(params))
            .map_err(fail)?;
        while let Some(row) = cursor.next().map_err(fail)? {
            let mut values = Vec::with_capacity(width);
            for i in 0..width {
                values.push(Value::from_sqlite(row.get_ref(i).map_err(fail)?));
            }
            rows.push(values);
        }
        let rowcount = if dml {
            i64::try_from(db.changes()).unwrap_or(i64::MAX)
        } else {
            -1
        };
        Ok(CursorResult {
            columns,
            rows,
            rowcount,
        })
    }

    /// Runs a savepoint statement (`SAVEPOINT ...`, logged `[no key ...]` as SQLAlchemy's),
    /// opening SQLite's transaction first so that releasing the savepoint commits nothing.
    ///
    /// # Failure
    /// [`Error::Dbapi`] when SQLite refuses it.
    pub(crate) fn savepoint(&mut self, sql: &str, seconds: f64) -> Result<()> {
        self.begin();
        {
            let db = self.engine.sqlite();
            if db.is_autocommit() {
                db.execute_batch("BEGIN")
                    .map_err(|e| Error::from_driver(e, sql, &[]))?;
            }
        }
        self.execute_logged(sql, &[], SqlOrigin::NoKey { seconds })?;
        Ok(())
    }

    /// `conn.begin_nested()`: begins the transaction if none is open, then
    /// `SAVEPOINT sa_savepoint_N`; returns the savepoint's name.
    ///
    /// # Failure
    /// [`Error::Dbapi`] when SQLite refuses it.
    pub fn begin_nested(&mut self) -> Result<String> {
        self.savepoint_seq += 1;
        let name = format!("sa_savepoint_{}", self.savepoint_seq);
        self.savepoint_op(SavepointOp::Begin, &name)?;
        Ok(name)
    }

    /// `RELEASE SAVEPOINT name` (`ROLLBACK TO SAVEPOINT name` when `rollback`).
    ///
    /// # Failure
    /// [`Error::Dbapi`] when SQLite refuses it (e.g. the savepoint is gone).
    pub fn end_savepoint(&mut self, name: &str, rollback: bool) -> Result<()> {
        let op = if rollback {
            SavepointOp::RollbackTo
        } else {
            SavepointOp::Release
        };
        self.savepoint_op(op, name)
    }

    fn savepoint_op(&mut self, op: SavepointOp, name: &str) -> Result<()> {
        let started = Instant::now();
        let sql = savepoint_sql(op, name);
        let seconds = started.elapsed().as_secs_f64();
        self.savepoint(&sql, seconds)
    }

    /// A session's `begin_nested()`: a savepoint whose `SAVEPOINT` waits for the first
    /// statement run inside it.
    pub(crate) fn push_lazy_savepoint(&mut self) {
        self.lazy_savepoints.push(None);
    }

    /// Closes the innermost of [`Connection::push_lazy_savepoint`]'s savepoints with `op`
    /// (`RELEASE` or `ROLLBACK TO`; `None` closes it silently), if its `SAVEPOINT` ran.
    ///
    /// # Failure
    /// [`Error::Dbapi`] when SQLite refuses it.
    pub(crate) fn pop_lazy_savepoint(&mut self, op: Option<SavepointOp>) -> Result<()> {
        match (self.lazy_savepoints.pop(), op) {
            (Some(Some(name)), Some(op)) => self.savepoint_op(op, &name),
            _ => Ok(()),
        }
    }

    /// `ROLLBACK TO SAVEPOINT` of the innermost lazy savepoint, which stays open; nothing
    /// when its `SAVEPOINT` never ran.
    ///
    /// # Failure
    /// [`Error::Dbapi`] when SQLite refuses it.
    pub(crate) fn rollback_lazy_savepoint(&mut self) -> Result<()> {
        match self.lazy_savepoints.last().cloned() {
            Some(Some(name)) => self.savepoint_op(SavepointOp::RollbackTo, &name),
            _ => Ok(()),
        }
    }

    /// Emits the `SAVEPOINT`s still waiting for a statement, outermost first (each numbered
    /// when it runs).
    pub(super) fn open_savepoints(&mut self) -> Result<()> {
        if self.lazy_savepoints.iter().all(Option::is_some) {
            return Ok(());
        }
        let mut names = Vec::new();
        for slot in self.lazy_savepoints.iter_mut().filter(|s| s.is_none()) {
            self.savepoint_seq += 1;
            let name = format!("sa_savepoint_{}", self.savepoint_seq);
            *slot = Some(name.clone());
            names.push(name);
        }
        for name in names {
            self.savepoint_op(SavepointOp::Begin, &name)?;
        }
        Ok(())
    }

    /// Commits the open transaction (logged as `COMMIT`); does nothing outside one.
    ///
    /// # Failure
    /// [`Error::Dbapi`] when SQLite refuses to commit (e.g. a deferred foreign key); the
    /// transaction is then rolled back.
    pub fn commit(&mut self) -> Result<()> {
        if !self.in_transaction {
            return Ok(());
        }
        self.engine.record(Event::Commit { at: now_asctime() });
        self.in_transaction = false;
        let db = self.engine.sqlite();
        if !db.is_autocommit()
            && let Err(e) = db.execute_batch("COMMIT")
        {
            let _ = db.execute_batch("ROLLBACK");
            return Err(Error::from_driver(e, "COMMIT", &[]));
        }
        Ok(())
    }

    /// Rolls back the open transaction (logged as `ROLLBACK`); does nothing outside one.
    pub fn rollback(&mut self) {
        if !self.in_transaction {
            return;
        }
        self.engine.record(Event::Rollback { at: now_asctime() });
        self.in_transaction = false;
        let db = self.engine.sqlite();
        if !db.is_autocommit() {
            // SQLite only refuses ROLLBACK when no transaction is open, which was just checked.
            let _ = db.execute_batch("ROLLBACK");
        }
    }
}

impl Drop for Connection {
    /// Closing a connection inside a transaction rolls it back, as SQLAlchemy's `close()` does.
    fn drop(&mut self) {
        self.rollback();
    }
}

/// pysqlite's test for statements that implicitly open a transaction: the first keyword, after
/// white space and comments, is INSERT, UPDATE, DELETE or REPLACE.
pub(super) fn is_dml(sql: &str) -> bool {
    let mut s = sql;
    loop {
        s = s.trim_start();
        if let Some(rest) = s.strip_prefix("--") {
            s = rest.split_once('\n').map_or("", |(_, r)| r);
        } else if let Some(rest) = s.strip_prefix("/*") {
            s = rest.split_once("*/").map_or("", |(_, r)| r);
        } else {
            break;
        }
    }
    let end = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let word = &s[..end];
    ["INSERT", "UPDATE", "DELETE", "REPLACE"]
        .iter()
        .any(|k| word.eq_ignore_ascii_case(k))
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::engine::echo::echo_lines;
    use crate::error::DbapiErrorKind;

    fn messages(engine: &Engine) -> Vec<String> {
        engine
            .drain_events()
            .iter()
            .flat_map(echo_lines)
            .map(|l| l.message)
            .collect()
    }

    fn engine() -> Engine {
        match Engine::in_memory() {
            Ok(e) => e,
            Err(e) => panic!("in-memory engine: {e}"),
        }
    }

    #[test]
    fn begin_block_logs_like_sqlalchemy() -> Result<()> {
        let engine = engine();
        let rows = engine.begin(|conn| {
            conn.exec_driver_sql(
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
                &[],
            )?;
            let ins =
                conn.exec_driver_sql("INSERT INTO users (name) VALUES (?)", &["ed".into()])?;
            assert_eq!(ins.rowcount, 1);
            conn.exec_driver_sql("SELECT id, name FROM users", &[])
        })?;
        assert_eq!(rows.columns, ["id", "name"]);
        assert_eq!(
            rows.rows,
            [vec![Value::Integer(1), Value::Text("ed".into())]]
        );
        assert_eq!(rows.rowcount, -1);
        // Golden: SQLAlchemy 2.1.9, `with engine.begin() as conn: conn.exec_driver_sql(...)`.
        assert_eq!(
            messages(&engine),
            [
                "BEGIN (implicit)",
                "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)",
                "[raw sql] ()",
                "INSERT INTO users (name) VALUES (?)",
                "[raw sql] ('ed',)",
                "SELECT id, name FROM users",
                "[raw sql] ()",
                "COMMIT",
            ]
        );
        Ok(())
    }

    #[test]
    fn a_failing_statement_is_logged_then_rolled_back() {
        let engine = engine();
        let err = engine
            .begin(|conn| conn.exec_driver_sql("SELEC 1", &[]))
            .err();
        assert_eq!(
            messages(&engine),
            ["BEGIN (implicit)", "SELEC 1", "[raw sql] ()", "ROLLBACK"]
        );
        let Some(err) = err else {
            panic!("SELEC 1 ran")
        };
        assert_eq!(
            err.to_string(),
            "(sqlite3.OperationalError) near \"SELEC\": syntax error\n[SQL: SELEC 1]\n\
             (Background on this error at: https://sqlalche.me/e/21/e3q8)"
        );
    }

    #[test]
    fn constraint_violations_are_integrity_errors_and_undo_the_transaction() -> Result<()> {
        let engine = engine();
        engine.begin(|conn| {
            conn.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY)", &[])?;
            conn.exec_driver_sql("INSERT INTO t VALUES (1)", &[])
        })?;
        let err = engine
            .begin(|conn| {
                conn.exec_driver_sql("INSERT INTO t VALUES (2)", &[])?;
                conn.exec_driver_sql("INSERT INTO t VALUES (?)", &[Value::Integer(1)])
            })
            .err();
        let Some(Error::Dbapi {
            kind,
            message,
            params,
            ..
        }) = err
        else {
            panic!("got {err:?}")
        };
        assert_eq!(kind, DbapiErrorKind::IntegrityError);
        assert_eq!(message, "UNIQUE constraint failed: t.id");
        assert_eq!(params, [Value::Integer(1)]);
        let left = engine.connect().exec_driver_sql("SELECT id FROM t", &[])?;
        assert_eq!(left.rows, [vec![Value::Integer(1)]]);
        Ok(())
    }

    #[test]
    fn dropping_an_open_connection_rolls_back() -> Result<()> {
        let engine = engine();
        {
            let mut conn = engine.connect();
            conn.exec_driver_sql("SELECT 1", &[])?;
        }
        assert_eq!(
            messages(&engine),
            ["BEGIN (implicit)", "SELECT 1", "[raw sql] ()", "ROLLBACK"]
        );
        Ok(())
    }

    #[test]
    fn dml_detection_skips_comments() {
        assert!(is_dml("  -- x\n /* y */ insert into t values (1)"));
        assert!(!is_dml("CREATE TABLE t (x)"));
        assert!(!is_dml("SELECT 1"));
    }
}
