//! The INSERT step of a flush: each object's row (explicit values, Python defaults, NULLs),
//! consecutive rows with the same columns grouped into one statement, run one row at a time
//! with `RETURNING` (or the rowid) when keys are generated and as one `executemany`
//! otherwise; then the objects take their keys, committed values and identities. Columns
//! with a server default that a row leaves out come back at once with `RETURNING` (the
//! primary key, then those columns), as SQLAlchemy 2.x's `eager_defaults="auto"` on SQLite.

use crate::engine::{InsertRows, LogShape};
use crate::error::{Error, Result};
use crate::event::SqlOrigin;
use crate::mapper::Mapper;
use crate::schema::Table;
use crate::session::{IdentityKey, Instance, ObjectId, ObjectState, Session, instance_key};
use crate::sql::compiler::{ParamStyle, compile};
use crate::sql::{Statement, insert};
use crate::value::Value;
use std::rc::Rc;
use web_time::Instant;

/// Consecutive rows of an INSERT step that run as one statement: the same columns, the
/// same need of a generated key, the same columns filled by their Python-side default.
pub(super) struct InsertGroup {
    /// Its rows' objects: a range of the step's.
    pub(super) rows: std::ops::Range<usize>,
    /// The positions of the columns the rows set; each row's values are the next
    /// `columns.len()` in the group's parameters.
    pub(super) columns: Vec<usize>,
    pub(super) needs_key: bool,
    /// Columns whose value came from their Python-side default: SQLAlchemy's compiler fills
    /// those in, so the statement's cache entry (and executemany batch) is not that of rows
    /// giving them.
    pub(super) defaulted: Vec<usize>,
}

/// The origin of row `n` of `total` rows that each read their key back, SQLAlchemy's
/// `insertmanyvalues` batches of one: the first shows the statement's compile time or cache
/// age (`first`, the compiled cache's answer), the others only their position.
pub(super) fn insert_many_origin(first: SqlOrigin, n: usize, total: usize) -> SqlOrigin {
    let (generated, cached_since) = match (n, first) {
        (0, SqlOrigin::Generated { seconds }) => (Some(seconds), None),
        (0, SqlOrigin::Cached { since }) => (None, Some(since)),
        _ => (None, None),
    };
    SqlOrigin::InsertManyValues {
        generated,
        cached_since,
        batch: n + 1,
        total,
        ordered: true,
    }
}

impl InsertGroup {
    /// The compiled-cache key of the group's INSERT, compiled with key `compiled` (a flush
    /// statement; the columns a Python default filled make an entry of their own).
    pub(super) fn cache_key(&self, compiled: &str) -> String {
        crate::engine::mapper_cache_key(compiled, &self.defaulted)
    }

    /// Whether a row with these columns, key need and defaulted columns joins the group.
    pub(super) fn takes(&self, columns: &[usize], needs_key: bool, defaulted: &[usize]) -> bool {
        self.needs_key == needs_key
            && same_positions(&self.columns, columns)
            && same_positions(&self.defaulted, defaulted)
    }
}

/// `a == b` without comparing two empty vectors' memory: their dangling pointers make the
/// vectorised `memcmp` fault (suppressed, but at a heavy cost) once per row.
fn same_positions(a: &[usize], b: &[usize]) -> bool {
    a.len() == b.len() && (a.is_empty() || a == b)
}

impl Session {
    /// The INSERT row of an object: explicit values, then Python defaults; an unset
    /// autoincrement key or server-defaulted column is left out, and so is an unset JSON
    /// column (its type gives None a value of its own, JSON `null`); anything else unset is
    /// NULL, as SQLAlchemy's mapper fills it in. Its values go to the end of `params`, the
    /// positions of its columns to `columns` and of those a default filled to `defaulted`
    /// (both cleared first); returns whether it needs a generated key.
    pub(super) fn insert_row(
        inst: &mut crate::session::Instance,
        table: &Table,
        auto: Option<usize>,
        (columns, defaulted): (&mut Vec<usize>, &mut Vec<usize>),
        params: &mut Vec<Value>,
    ) -> Result<bool> {
        columns.clear();
        defaulted.clear();
        let mut needs_key = false;
        for (i, col) in table.columns().iter().enumerate() {
            // A NULL given for the autoincrement key or a server-defaulted column is left out
            // (the database fills it in), as SQLAlchemy's mapper drops None values there.
            let dropped_null = |v: &Value| {
                v == &Value::Null
                    && (Some(i) == auto || (col.server_default.is_some() && !col.primary_key))
            };
            match &inst.values[i] {
                Some(v) if !dropped_null(v) => {
                    columns.push(i);
                    params.push(match &col.type_ {
                        Some(t) if t.binds_float() => t.bind(v.clone()),
                        _ => v.clone(),
                    });
                    if col.default.is_some() && inst.extras.init_defaults.contains(&i) {
                        defaulted.push(i);
                    }
                }
                _ => {
                    if col.sql_default().is_some() {
                        // Written into the statement (`VALUES (?, CURRENT_TIMESTAMP)`) and
                        // fetched with RETURNING, as a server default.
                    } else if let Some(d) = &col.default {
                        let v = d.produce()?;
                        inst.values[i] = Some(v.clone());
                        columns.push(i);
                        params.push(v);
                        defaulted.push(i);
                    } else if Some(i) == auto {
                        needs_key = true;
                    } else if col.server_default.is_none() && !evaluates_none(col) {
                        inst.values[i] = Some(Value::Null);
                        columns.push(i);
                        params.push(Value::Null);
                    }
                }
            }
        }
        Ok(needs_key)
    }

    pub(super) fn run_inserts(&mut self, ids: &[ObjectId]) -> Result<()> {
        // One pass over the objects' classes; the rest is asked of each run's class.
        let classes = self.class_runs(ids)?;
        if classes.iter().any(|(m, _)| m.polymorphic_on().is_some()) {
            self.warn_incompatible_identities(ids)?;
        }
        if let Some((m, _)) = classes.iter().find(|(m, _)| m.is_joined()) {
            return self.run_joined_inserts(&m.base_mapper_rc(), ids);
        }
        for (mapper, run) in Self::runs_by_table(ids, &classes) {
            self.run_table_inserts(&mapper, run)?;
        }
        Ok(())
    }

    /// The INSERTs of `ids` into `mapper`'s table (the columns it maps, at their positions
    /// in the objects' values).
    pub(super) fn run_table_inserts(
        &mut self,
        mapper: &Rc<Mapper>,
        ids: &[ObjectId],
    ) -> Result<()> {
        // Both follow relationships (to parents saved by earlier steps): without any on the
        // members' classes, there is nothing to load or copy.
        if self.members_have_relationships() {
            self.load_expired_for_step(ids, false)?;
            self.sync_foreign_keys()?;
        }
        let mapper = Rc::clone(mapper);
        let table = Rc::clone(mapper.table());
        let auto = table
            .autoincrement_column()
            .and_then(|c| table.column_index(&c.name));
        if self.streams_inserts(&table, auto, ids.len()) {
            return self.stream_table_inserts(&mapper, auto, ids);
        }
        let mut groups: Vec<InsertGroup> = Vec::new();
        // Every row's values, one row after another.
        let mut params: Vec<Value> = Vec::with_capacity(ids.len() * table.columns().len());
        {
            let mut store = self.store.borrow_mut();
            let width = table.columns().len();
            let (mut columns, mut defaulted) = (Vec::with_capacity(width), Vec::new());
            for (n, &id) in ids.iter().enumerate() {
                let needs_key = Self::insert_row(
                    store.get_mut(id)?,
                    &table,
                    auto,
                    (&mut columns, &mut defaulted),
                    &mut params,
                )?;
                match groups.last_mut() {
                    Some(g) if g.takes(&columns, needs_key, &defaulted) => g.rows.end = n + 1,
                    _ => groups.push(InsertGroup {
                        rows: n..n + 1,
                        columns: columns.clone(),
                        needs_key,
                        defaulted: defaulted.clone(),
                    }),
                }
            }
        }
        if let [group] = &groups[..] {
            // One statement for every row: the parameters go as they are, without a copy.
            return self.insert_group(&mapper, auto, ids, group, params);
        }
        let mut values = params.into_iter();
        for group in &groups {
            let group_params = values
                .by_ref()
                .take(group.rows.len() * group.columns.len())
                .collect();
            let rows = ids.get(group.rows.clone()).unwrap_or_default();
            self.insert_group(&mapper, auto, rows, group, group_params)?;
        }
        Ok(())
    }

    /// Runs the INSERTs of a group's rows (`ids`, their values in `params`): compiled once; one row at a time with
    /// `RETURNING` when several need a generated key, a single row reading `lastrowid`, and
    /// otherwise one `executemany`.
    pub(super) fn insert_group(
        &mut self,
        mapper: &Rc<Mapper>,
        auto: Option<usize>,
        ids: &[ObjectId],
        group: &InsertGroup,
        params: Vec<Value>,
    ) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let table = Rc::clone(mapper.table());
        // Server-defaulted columns the rows leave out come back with RETURNING, with the
        // primary key, as SQLAlchemy's eager_defaults="auto" fetches them on SQLite.
        let fetch: Vec<usize> = table
            .columns()
            .iter()
            .enumerate()
            .filter(|(i, c)| c.made_by_database() && !group.columns.contains(i))
            .map(|(i, _)| i)
            .collect();
        let eager = !fetch.is_empty();
        let returning = (group.needs_key && ids.len() > 1) || eager;
        let returned_columns: Vec<usize> = if eager {
            mapper.pk().iter().copied().chain(fetch).collect()
        } else {
            auto.into_iter().collect()
        };
        let started = Instant::now();
        let named: Vec<(String, Value)> = group
            .columns
            .iter()
            .zip(&params)
            .map(|(&c, v)| (table.columns()[c].name.clone(), v.clone()))
            .collect();
        let mut stmt = insert(&table).values(named)?;
        if ids.len() > 1 {
            stmt = stmt.for_executemany();
        }
        // The statement run in place of `... RETURNING key` when the key is the rowid.
        let mut by_rowid = None;
        if returning
            && !eager
            && let Some(a) = auto
        {
            let key = &table.columns()[a].name;
            if !self.engine.logs_rows() && self.engine.is_rowid_alias(table.name(), key) {
                by_rowid =
                    Some(compile(&Statement::Insert(stmt.clone()), ParamStyle::Qmark, &[])?.sql);
            }
        }
        if returning {
            let names = returned_columns
                .iter()
                .map(|&c| table.columns()[c].name.clone())
                .collect();
            stmt = stmt.returning(names);
        }
        let compiled = compile(&Statement::Insert(stmt), ParamStyle::Qmark, &[])?;
        let seconds = started.elapsed().as_secs_f64();
        let key = group.cache_key(&compiled.cache_key);
        let origin = self.engine.cache_origin(&key, ids.len() > 1, seconds);
        let sql = compiled.sql;
        let mut new_keys: Vec<Option<Value>> = Vec::with_capacity(ids.len());
        // With eager defaults: each row's RETURNING values, for `returned_columns`.
        let mut fetched: Vec<Vec<Value>> = Vec::new();
        if returning {
            let total = ids.len();
            // One row is a plain INSERT ... RETURNING.
            let origins = (0..total).map(|n| match total {
                1 => origin,
                _ => insert_many_origin(origin, n, total),
            });
            if let Some(run) = &by_rowid {
                // The parameters move into the log; the objects keep their own values.
                let rows = InsertRows {
                    params,
                    width: group.columns.len(),
                    len: total,
                    origin: origins.clone().next().unwrap_or(origin),
                };
                let keys =
                    self.connection()
                        .execute_insert_rows((&sql, run), rows, LogShape::Rows)?;
                new_keys.extend(keys.into_iter().map(|k| k.map(Value::Integer)));
            } else {
                let sql: Rc<str> = sql.into();
                let sets = split_rows(params, group.columns.len(), total);
                for (params, origin) in sets.into_iter().zip(origins) {
                    // The parameters move into the log; the objects keep their own values.
                    let r = self
                        .connection()
                        .execute_logged_owned(&sql, params, origin)?;
                    if eager {
                        fetched.push(r.rows.into_iter().next().unwrap_or_default());
                        new_keys.push(None);
                    } else {
                        new_keys.push(r.scalar());
                    }
                }
            }
        } else if let [_] = ids {
            self.connection()
                .execute_logged_owned(&sql.into(), params, origin)?;
            let rowid = self.engine.sqlite().last_insert_rowid();
            new_keys.push(group.needs_key.then_some(Value::Integer(rowid)));
        } else {
            // The parameters move into the log; the objects keep their own values.
            let rows = InsertRows {
                params,
                width: group.columns.len(),
                len: ids.len(),
                origin,
            };
            self.connection()
                .execute_insert_rows((&sql, &sql), rows, LogShape::Many)?;
            new_keys.resize(ids.len(), None);
        }
        let eager = eager.then_some((returned_columns.as_slice(), fetched));
        self.settle_inserted(mapper, auto, ids, &group.columns, new_keys, eager)
    }

    /// The objects of an INSERT group (`ids`, with columns `columns`) after their rows ran:
    /// each takes its generated key (`new_keys`) and, with eager defaults, the values
    /// RETURNING fetched for `returned` columns; its identity joins the identity map and it
    /// becomes persistent. The values the rows wrote are committed when the flush ends.
    ///
    /// # Failure
    /// [`Error::FlushError`] for an object left with a NULL identity key.
    pub(super) fn settle_inserted(
        &mut self,
        mapper: &Rc<Mapper>,
        auto: Option<usize>,
        ids: &[ObjectId],
        columns: &[usize],
        new_keys: impl IntoIterator<Item = Option<Value>>,
        eager: Option<(&[usize], Vec<Vec<Value>>)>,
    ) -> Result<()> {
        let table = mapper.table();
        let server_side: Vec<usize> = table
            .columns()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.made_by_database())
            .map(|(i, _)| i)
            .collect();
        self.identity.reserve(ids.len());
        self.inserted.reserve(ids.len());
        let store = Rc::clone(&self.store);
        let mut store = store.borrow_mut();
        let (returned_columns, fetched) = eager.unwrap_or_default();
        let eager = !returned_columns.is_empty();
        let mut fetched = fetched.into_iter();
        // The values the rows wrote are committed when the flush ends.
        let start = self.inserted.len();
        self.owed_commits
            .push((start..start + ids.len(), Rc::from(columns)));
        for (&id, new_key) in ids.iter().zip(new_keys) {
            let inst = store.get_mut(id)?;
            if let (Some(k), Some(a)) = (new_key, auto) {
                inst.values[a] = Some(k.clone());
                inst.committed[a] = Some(k);
            }
            if eager {
                let values = fetched.next().unwrap_or_default();
                for (&c, v) in returned_columns.iter().zip(values) {
                    inst.values[c] = Some(v.clone());
                    inst.committed[c] = Some(v);
                }
            }
            // Server-generated columns are unknown until loaded.
            for &i in &server_side {
                if inst.values[i].is_none() {
                    inst.committed[i] = None;
                }
            }
            let key = instance_key(inst);
            self.join_identity(inst, id, key)?;
        }
        Ok(())
    }

    /// The end of an INSERTed object's settling: its identity (`key`, from its primary key)
    /// joins the identity map and the flush's inserted objects, and it becomes persistent.
    ///
    /// # Failure
    /// [`Error::FlushError`] for an object without an identity (a NULL key).
    pub(super) fn join_identity(
        &mut self,
        inst: &mut Instance,
        id: ObjectId,
        key: Option<IdentityKey>,
    ) -> Result<()> {
        inst.modified = false;
        let Some(key) = key else {
            return Err(Error::FlushError(format!(
                "Instance <{} at 0x{:x}> has a NULL identity key.",
                inst.mapper.class_name(),
                id.0
            )));
        };
        self.identity.insert(key, id);
        self.inserted.push(id);
        self.transition_instance(inst, id, ObjectState::Persistent);
        Ok(())
    }
}

/// `params`, `width` per row, as `len` rows.
fn split_rows(params: Vec<Value>, width: usize, len: usize) -> Vec<Vec<Value>> {
    let mut values = params.into_iter();
    (0..len)
        .map(|_| values.by_ref().take(width).collect())
        .collect()
}

/// Whether SQLAlchemy's type of `col` binds Python `None` as a value of its own
/// (`should_evaluate_none`: JSON's `null`), so an unset attribute is left out of the INSERT.
fn evaluates_none(col: &crate::schema::Column) -> bool {
    col.type_ == Some(crate::types::SqlType::Json)
}
