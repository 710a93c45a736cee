//! The INSERT step of a flush, row by row: when the keys come from the table's rowid, each
//! object's row is sent as soon as it is built, while the object's values are still in the
//! processor's cache (the engine's `InsertRun`). The statements, their order, the
//! log and the errors are those of [`Session::run_table_inserts`]'s grouped INSERTs: rows are
//! cut into the same groups (consecutive rows with the same columns), a group's rows are
//! logged once it ends, and after a refused row the rest of the step's rows are still built
//! (as every row is built before any runs otherwise) but none is sent.
//!
//! A table takes this path when nothing in building a row can run anything else: no column
//! has a callable default (Python code, which could use the database) or a default made by
//! the database (fetched back with `RETURNING`), and the engine does not log result rows.

use super::insert::{InsertGroup, insert_many_origin};
use crate::engine::{InsertLog, LogShape};
use crate::error::{Error, Result};
use crate::event::SqlOrigin;
use crate::mapper::Mapper;
use crate::schema::{ColumnDefault, Table};
use crate::session::{Instance, ObjectId, ObjectState, Session, instance_key, int_identity_key};
use crate::sql::compiler::{ParamStyle, compile};
use crate::sql::{Insert, Statement, insert};
use crate::value::Value;
use std::rc::Rc;
use web_time::Instant;

/// How a group's run ends: where the rows built end and the row that starts the next
/// group; or the error and where to go on building rows.
type GroupRun = std::result::Result<(usize, Option<Carried>), Box<(Error, usize)>>;

/// A group's run refused with `error`, its rows built up to `end`.
fn refused(error: Error, end: usize) -> Box<(Error, usize)> {
    Box::new((error, end))
}

/// What a streamed group did to its objects as their rows ran.
struct StreamedRows {
    /// Whether every row so far ran.
    running: bool,
    /// The rows seen so far.
    rows: usize,
    /// The rows (by index in the group) whose key attribute was `None` (not unset) before
    /// their row ran.
    had_null: Vec<usize>,
    /// Each row's key (generated, or given as one integer), for each row that ran.
    keys: Vec<Option<i64>>,
    /// For each row that ran, whether its object was settled at once (persistent, not
    /// modified; `Some` of whether it was modified before) or is left to
    /// [`Session::settle_streamed`]'s general path (`None`).
    settled: Vec<Option<bool>>,
    /// The classes of the objects settled at once, in runs: each with its number of rows.
    classes: Vec<(Rc<str>, usize)>,
}

impl StreamedRows {
    fn new() -> Self {
        StreamedRows {
            running: true,
            rows: 0,
            had_null: Vec::new(),
            keys: Vec::new(),
            settled: Vec::new(),
            classes: Vec::new(),
        }
    }

    /// After a row ran: its object takes the key the row generated (`generated`; its
    /// committed value too, as the object's identity), and, when its identity is that one
    /// integer key (`key`: generated or given), becomes persistent at once while it is in
    /// the processor's cache; the identity map, the session's inserted objects and the
    /// state-change events follow once the group has run (see
    /// [`Session::settle_streamed`]).
    fn settle(
        &mut self,
        (generated, key): (Option<i64>, Option<i64>),
        inst: &mut Instance,
        key_column: usize,
        by_key: bool,
    ) {
        if self.running {
            if let Some(k) = generated {
                if inst.values[key_column] == Some(Value::Null) {
                    self.had_null.push(self.rows);
                }
                inst.values[key_column] = Some(Value::Integer(k));
                inst.committed[key_column] = Some(Value::Integer(k));
            }
            self.keys.push(key);
            let at_once = by_key && key.is_some() && inst.state == ObjectState::Pending;
            self.settled.push(at_once.then_some(inst.modified));
            if at_once {
                inst.modified = false;
                inst.state = ObjectState::Persistent;
                match self.classes.last_mut() {
                    Some((class, n)) if Rc::ptr_eq(class, inst.mapper.class_name_ref()) => {
                        *n += 1;
                    }
                    _ => self.classes.push((inst.mapper.class_name_rc(), 1)),
                }
            }
        }
        self.rows += 1;
    }
}

/// A row built that does not join the group before it: the start of the next group.
type Carried = (InsertGroup, Vec<Value>);

impl Session {
    /// Whether the INSERTs of `rows` new objects of `table` can send each row as it is built
    /// (see the module's documentation); `auto` is its autoincrement column. Several rows
    /// read their keys with `last_insert_rowid()` only when the key is the rowid (asked of
    /// SQLite last, and not for one row, which reads it as the grouped path does).
    pub(super) fn streams_inserts(&self, table: &Table, auto: Option<usize>, rows: usize) -> bool {
        let Some(key) = auto.and_then(|a| table.columns().get(a)) else {
            return false;
        };
        !self.engine.logs_rows()
            && table.columns().iter().all(|c| {
                !c.made_by_database() && !matches!(c.default, Some(ColumnDefault::Callable(_)))
            })
            && (rows == 1 || self.engine.is_rowid_alias(table.name(), &key.name))
    }

    /// The INSERTs of `ids` into `mapper`'s table, each row sent as it is built: a group of
    /// rows that need generated keys is logged as SQLAlchemy's `insertmanyvalues` batches
    /// of one, a group with the keys given as one `executemany`.
    pub(super) fn stream_table_inserts(
        &mut self,
        mapper: &Rc<Mapper>,
        auto: Option<usize>,
        ids: &[ObjectId],
    ) -> Result<()> {
        let mut carried = None;
        let mut next = 0;
        while next < ids.len() {
            let (group, first) = match carried.take() {
                Some(c) => c,
                None => self.build_group_start(mapper.table(), auto, ids, next)?,
            };
            let ran = if !group.columns.is_empty() {
                self.stream_group(mapper, auto, ids, group, first)
            } else {
                self.collect_group(mapper, auto, ids, group, first)
            };
            match ran {
                Ok((end, carry)) => {
                    next = end;
                    carried = carry;
                }
                Err(refusal) => {
                    let (err, end) = *refusal;
                    // Every row is built, whatever runs (as on the grouped path).
                    for n in end..ids.len() {
                        self.build_group_start(mapper.table(), auto, ids, n)?;
                    }
                    return Err(err);
                }
            }
        }
        Ok(())
    }

    /// Builds the row of `ids[n]`: a group of that one row and its parameters.
    fn build_group_start(
        &mut self,
        table: &Table,
        auto: Option<usize>,
        ids: &[ObjectId],
        n: usize,
    ) -> Result<Carried> {
        let mut params = Vec::with_capacity(table.columns().len());
        let (mut columns, mut defaulted) = (Vec::new(), Vec::new());
        let id = ids.get(n).copied().ok_or_else(|| lost(n))?;
        let needs_key = Self::insert_row(
            self.store.borrow_mut().get_mut(id)?,
            table,
            auto,
            (&mut columns, &mut defaulted),
            &mut params,
        )?;
        let group = InsertGroup {
            rows: n..n + 1,
            columns,
            needs_key,
            defaulted,
        };
        Ok((group, params))
    }

    /// Builds the rows after `group`'s first that join it, appending their parameters to
    /// `params` and calling `built` with them and the row's object after each; returns the row that starts the next group,
    /// if any. The group's `rows` end after its last row.
    fn extend_group(
        &mut self,
        table: &Table,
        auto: Option<usize>,
        ids: &[ObjectId],
        group: &mut InsertGroup,
        params: &mut Vec<Value>,
        mut built: impl FnMut(&mut Vec<Value>, &mut Instance),
    ) -> Result<Option<Carried>> {
        let store = Rc::clone(&self.store);
        let mut store = store.borrow_mut();
        let width = table.columns().len();
        let (mut columns, mut defaulted) = (Vec::with_capacity(width), Vec::new());
        for (n, &id) in ids.iter().enumerate().skip(group.rows.end) {
            let at = params.len();
            let inst = store.get_mut(id)?;
            let needs_key =
                Self::insert_row(inst, table, auto, (&mut columns, &mut defaulted), params)?;
            if !group.takes(&columns, needs_key, &defaulted) {
                let row = params.split_off(at);
                let next = InsertGroup {
                    rows: n..n + 1,
                    columns,
                    needs_key,
                    defaulted,
                };
                return Ok(Some((next, row)));
            }
            group.rows.end = n + 1;
            built(params, inst);
        }
        Ok(None)
    }

    /// A group whose rows need generated keys, each sent as it is built and its object
    /// given its key at once (taken back if a row is refused, as SQLAlchemy sets no key
    /// then); returns where the rows built end and the row that starts the next group, or
    /// the error and where to go on building rows.
    fn stream_group(
        &mut self,
        mapper: &Rc<Mapper>,
        auto: Option<usize>,
        ids: &[ObjectId],
        mut group: InsertGroup,
        mut params: Vec<Value>,
    ) -> GroupRun {
        let at_start = |e| refused(e, group.rows.end);
        let key_column = auto
            .ok_or_else(|| lost(group.rows.start))
            .map_err(at_start)?;
        let table = Rc::clone(mapper.table());
        let started = Instant::now();
        let stmt = group_insert(&table, &group, &params).map_err(at_start)?;
        let run_sql = compile(&Statement::Insert(stmt.clone()), ParamStyle::Qmark, &[])
            .map_err(at_start)?
            .sql;
        let compiling = started.elapsed().as_secs_f64();
        let engine = self.engine.clone();
        let rows_left = ids.len() - group.rows.start;
        let mut run = self
            .connection()
            .start_insert_run(&engine, &run_sql, group.columns.len())
            .map_err(at_start)?;
        params.reserve(rows_left * group.columns.len());
        // Each row's object takes its key as soon as its row ran; after a refused row, the
        // group's rows are still built, for the log's count.
        let mut done = StreamedRows::new();
        let by_key = mapper.pk() == [key_column];
        let width = group.columns.len();
        let given_at = group.columns.iter().position(|&c| c == key_column);
        let needs_key = group.needs_key;
        let mut send = |params: &mut Vec<Value>, inst: &mut Instance| {
            if done.running {
                done.running = run.send(params);
                let generated = if needs_key { run.last_key() } else { None };
                let key = generated.or_else(|| {
                    let row = params.len().checked_sub(width)?;
                    match params.get(row + given_at?) {
                        Some(Value::Integer(n)) => Some(*n),
                        _ => None,
                    }
                });
                done.settle((generated, key), inst, key_column, by_key);
            }
        };
        let first = ids
            .get(group.rows.start)
            .copied()
            .ok_or_else(|| lost(group.rows.start));
        let first_sent = first.and_then(|id| {
            send(&mut params, self.store.borrow_mut().get_mut(id)?);
            Ok(())
        });
        let built = first_sent.and_then(|()| {
            self.extend_group(&table, auto, ids, &mut group, &mut params, &mut send)
        });
        let end = match &built {
            Ok(Some((next, _))) => next.rows.end,
            _ => group.rows.end,
        };
        // The statement the log shows: with `RETURNING` when several rows each read a key.
        let logged = built.and_then(|carried| {
            let log = log_of(self, mapper, &group, stmt, group.rows.len(), compiling)?;
            Ok((log, carried))
        });
        let finished = match logged {
            Ok((log, carried)) => run.finish(params, &self.engine, log).map(|()| carried),
            Err(err) => {
                // What ran is logged as the plain statement it is; the error is this one.
                let log = InsertLog {
                    sql: run_sql.into(),
                    origin: SqlOrigin::Generated { seconds: compiling },
                    shape: LogShape::Statement,
                };
                let _ = run.finish(params, &self.engine, log);
                Err(err)
            }
        };
        let rows = ids.get(group.rows.clone()).unwrap_or_default();
        let carried = match finished {
            Ok(ok) => ok,
            Err(err) => {
                // No object keeps a key of a refused group.
                let taken_back = self.take_back(rows, key_column, &done);
                return Err(refused(taken_back.err().unwrap_or(err), end));
            }
        };
        self.settle_streamed(mapper, key_column, rows, &group.columns, done)
            .map_err(|e| refused(e, end))?;
        Ok((group.rows.end, carried))
    }

    /// The objects of a streamed group after their rows ran (each holding its key, most
    /// already persistent, see [`StreamedRows::settle`]): as
    /// [`Session::settle_inserted`], without reading those objects again.
    fn settle_streamed(
        &mut self,
        mapper: &Mapper,
        key_column: usize,
        ids: &[ObjectId],
        columns: &[usize],
        done: StreamedRows,
    ) -> Result<()> {
        self.identity.reserve(ids.len());
        self.inserted.reserve(ids.len());
        let start = self.inserted.len();
        self.owed_commits
            .push((start..start + ids.len(), Rc::from(columns)));
        let by_key = mapper.pk() == [key_column];
        let store = Rc::clone(&self.store);
        let mut store = store.borrow_mut();
        let mut classes = done
            .classes
            .iter()
            .flat_map(|(class, n)| std::iter::repeat_n(class, *n));
        for ((&id, &key), settled) in ids.iter().zip(&done.keys).zip(done.settled) {
            match (settled, classes.next()) {
                (Some(_), Some(class)) => {
                    // A row settled at once has its key, generated or given.
                    let Some(n) = key else {
                        return Err(lost(start));
                    };
                    self.identity.insert(int_identity_key(mapper, n), id);
                    self.inserted.push(id);
                    self.engine.record_state_change(
                        id.0,
                        class,
                        ObjectState::Pending,
                        ObjectState::Persistent,
                    );
                }
                _ => {
                    let inst = store.get_mut(id)?;
                    let identity = match key {
                        Some(n) if by_key => Some(int_identity_key(mapper, n)),
                        _ => instance_key(inst),
                    };
                    self.join_identity(inst, id, identity)?;
                }
            }
        }
        Ok(())
    }

    /// Undoes what a refused group's rows did to their objects: the keys they were given
    /// are unset again (`None` to those whose row gave it as NULL), and the objects
    /// settled at once are pending again, modified as before.
    fn take_back(
        &mut self,
        ids: &[ObjectId],
        key_column: usize,
        done: &StreamedRows,
    ) -> Result<()> {
        let mut store = self.store.borrow_mut();
        for (n, &id) in ids.iter().enumerate() {
            let inst = store.get_mut(id)?;
            if inst.committed[key_column].is_some() {
                inst.committed[key_column] = None;
                inst.values[key_column] = done.had_null.contains(&n).then_some(Value::Null);
            }
            if let Some(Some(modified)) = done.settled.get(n) {
                inst.state = ObjectState::Pending;
                inst.modified = *modified;
            }
        }
        Ok(())
    }

    /// A group of rows of no columns (`DEFAULT VALUES`, which a single row and several
    /// write differently): built to its end, then run as the grouped path runs it.
    fn collect_group(
        &mut self,
        mapper: &Rc<Mapper>,
        auto: Option<usize>,
        ids: &[ObjectId],
        mut group: InsertGroup,
        mut params: Vec<Value>,
    ) -> GroupRun {
        let table = Rc::clone(mapper.table());
        let carried = self
            .extend_group(&table, auto, ids, &mut group, &mut params, |_, _| {})
            .map_err(|e| refused(e, group.rows.end))?;
        let end = carried
            .as_ref()
            .map_or(group.rows.end, |(next, _)| next.rows.end);
        let rows = ids.get(group.rows.clone()).unwrap_or_default();
        self.insert_group(mapper, auto, rows, &group, params)
            .map_err(|e| refused(e, end))?;
        Ok((group.rows.end, carried))
    }
}

/// The INSERT of a group's columns, with `first`, its first row's parameters.
fn group_insert(table: &Rc<Table>, group: &InsertGroup, first: &[Value]) -> Result<Insert> {
    let named: Vec<(String, Value)> = group
        .columns
        .iter()
        .zip(first)
        .map(|(&c, v)| (table.columns()[c].name.clone(), v.clone()))
        .collect();
    insert(table).values(named)
}

/// How a group of `total` rows is logged: one row as the plain INSERT it is; several that
/// each read a generated key as `INSERT ... RETURNING key` each, SQLAlchemy's
/// `insertmanyvalues` batches of one; several with their keys given as one `executemany`
/// (cached as one, like the former).
fn log_of(
    session: &Session,
    mapper: &Mapper,
    group: &InsertGroup,
    stmt: Insert,
    total: usize,
    compiling: f64,
) -> Result<InsertLog> {
    let started = Instant::now();
    let many = total > 1;
    let stmt = if many && !group.needs_key {
        stmt.for_executemany()
    } else if many {
        let keys = mapper
            .table()
            .autoincrement_column()
            .map(|c| c.name.clone())
            .into_iter()
            .collect();
        stmt.for_executemany().returning(keys)
    } else {
        stmt
    };
    let compiled = compile(&Statement::Insert(stmt), ParamStyle::Qmark, &[])?;
    let seconds = compiling + started.elapsed().as_secs_f64();
    let key = group.cache_key(&compiled.cache_key);
    let origin = session.engine.cache_origin(&key, many, seconds);
    let origin = match many && group.needs_key {
        true => insert_many_origin(origin, 0, total),
        false => origin,
    };
    Ok(InsertLog {
        sql: compiled.sql.into(),
        origin,
        shape: match (many, group.needs_key) {
            (false, _) => LogShape::Statement,
            (true, true) => LogShape::Rows,
            (true, false) => LogShape::Many,
        },
    })
}

/// The error for a row index past the step's objects (never expected).
fn lost(n: usize) -> Error {
    Error::FlushError(format!("the INSERT step has no row {n}"))
}
