//! The unit of work: a flush first builds a [`FlushPlan`] — ordered steps, each with the
//! objects it serves and why it stands where it stands — then runs it, as a whole or one step
//! at a time; each step records [`Event::FlushStepStarted`] before its statements. A step that
//! fails (or a plan that cannot be built, e.g. `CircularDependencyError`) fails the flush as
//! SQLAlchemy's does: the session rolls back at once and raises `PendingRollbackError` until
//! `rollback()`.
//!
//! Ordering follows SQLAlchemy's `persistence.save_obj` / `delete_obj`: tables in foreign-key
//! order (parents first), and for each table its UPDATEs (primary-key order) then its INSERTs
//! (add() order); then DELETEs, children before parents. An INSERT that must fetch an
//! autoincrement primary key back runs one row at a time with `RETURNING` when several rows
//! need one (SQLAlchemy's "insertmanyvalues ... batch not supported" on SQLite), and plainly
//! (reading `lastrowid`) for a single row; rows with the same columns otherwise run as one
//! `executemany`.
//!
//! A deliberate execution detail: when the key fetched back is an alias of SQLite's rowid
//! (asked of SQLite, see `Engine::is_rowid_alias`), each row runs as the plain prepared INSERT
//! and its key is read with `last_insert_rowid()`, the value `RETURNING` would give, since
//! SQLite pays for a temporary table on every `RETURNING`. Everything observable stays that of
//! the `RETURNING` statement: its SQL text, badge and parameters in the log and events, its
//! errors. Under `echo="debug"`, which logs the returned rows, the real `RETURNING` runs.
//!
//! The association rows of deleted objects are deleted before any save, and
//! `relationship(post_update=True)` keys are set by UPDATEs after the saves (see
//! `post_update.rs`).

use crate::error::{Error, Result};
use crate::event::{Event, SqlOrigin};
use crate::mapper::Mapper;
use crate::schema::Table;
use crate::session::{ObjectId, ObjectState, Session, instance_key};
use crate::sql::compiler::{ParamStyle, compile};
use crate::sql::{FromItem, Statement, and_, delete, insert, update};
use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use web_time::Instant;

mod association;
mod cycle;
mod expired;
mod plan;
mod post_update;

pub(crate) use post_update::is_post_update;

/// What a step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepKind {
    /// INSERT new rows.
    Insert,
    /// UPDATE changed columns.
    Update,
    /// DELETE rows.
    Delete,
    /// INSERT rows of a many-to-many association table.
    InsertAssociation,
    /// DELETE rows of a many-to-many association table.
    DeleteAssociation,
    /// UPDATE the foreign keys of `post_update` relationships once every row is saved.
    PostUpdate,
    /// UPDATE to NULL the foreign keys of `post_update` relationships that refer to deleted
    /// rows, before any row is deleted.
    ClearPostUpdate,
}

/// One step of a flush.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlushStep {
    /// Its position in the plan (0-based).
    pub index: usize,
    /// INSERT, UPDATE or DELETE.
    pub kind: StepKind,
    /// The mapped class.
    pub class_name: String,
    /// Its table.
    pub table: String,
    /// The objects, in the order their statements run.
    pub objects: Vec<ObjectId>,
    /// Why the step stands where it stands.
    pub reason: String,
    /// For association steps: the links whose rows it inserts or deletes.
    pub links: Vec<Link>,
}

/// One row of a many-to-many association table: `parent.relationship` holds `child`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The object whose relationship holds the link.
    pub parent: ObjectId,
    /// The related object.
    pub child: ObjectId,
}

/// One object's INSERT: the positions of the columns it sets and their values.
struct InsertRow {
    id: ObjectId,
    /// Shared by consecutive rows setting the same columns.
    columns: Rc<[usize]>,
    params: Vec<Value>,
    needs_key: bool,
    /// Columns whose value came from their Python-side default: SQLAlchemy's compiler fills
    /// those in, so the statement's cache entry (and executemany batch) is not that of rows
    /// giving them.
    defaulted: Vec<usize>,
}

impl InsertRow {
    /// Whether `other` runs in the same statement as `self`.
    fn batches_with(&self, other: &InsertRow) -> bool {
        self.needs_key == other.needs_key
            && (Rc::ptr_eq(&self.columns, &other.columns) || self.columns == other.columns)
            && same_positions(&self.defaulted, &other.defaulted)
    }
}

/// `a == b` without comparing two empty vectors' memory: their dangling pointers make the
/// vectorised `memcmp` fault (suppressed, but at a heavy cost) once per row.
fn same_positions(a: &[usize], b: &[usize]) -> bool {
    a.len() == b.len() && (a.is_empty() || a == b)
}

/// A flush, planned before it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct FlushPlan {
    /// The steps, in order.
    pub steps: Vec<FlushStep>,
}

impl Session {
    /// `session.flush()`: plans, records the plan, and runs every step. On failure the
    /// transaction is rolled back and every later call raises `PendingRollbackError` until
    /// `rollback()`.
    ///
    /// # Failure
    /// [`Error::PendingRollbackError`]; [`Error::Dbapi`] (e.g. `IntegrityError`) from a step.
    pub fn flush(&mut self) -> Result<()> {
        let plan = self.prepare_flush()?;
        for step in &plan.steps {
            self.run_step(step)?;
        }
        Ok(())
    }

    /// The first half of a flush, for a UI that runs it one step at a time: the save-update
    /// and delete-orphan cascades run, foreign keys are copied, and the plan is recorded (as
    /// [`Event::FlushPlanned`], unless empty) and returned. Run its steps in order with
    /// [`Session::run_step`]; nothing else should touch the session in between.
    ///
    /// # Failure
    /// [`Error::PendingRollbackError`] after a failed flush.
    pub fn prepare_flush(&mut self) -> Result<FlushPlan> {
        self.check_usable()?;
        match self.plan_checked() {
            Ok(plan) => {
                if !plan.steps.is_empty() {
                    self.engine.record(Event::FlushPlanned(plan.clone()));
                }
                Ok(plan)
            }
            Err(err) => self.fail_flush(err),
        }
    }

    fn plan_checked(&mut self) -> Result<FlushPlan> {
        // Cascades, orphans and foreign keys all follow relationships: without any on the
        // members' classes, their passes over the members have nothing to do.
        let relational = self.members_have_relationships()?;
        if relational {
            self.cascade_members()?;
            self.warn_pending_outsiders()?;
        }
        self.load_deleted_dependents()?;
        if relational {
            self.delete_orphans()?;
            self.sync_foreign_keys()?;
        }
        let plan = self.plan_flush()?;
        self.settle_unwritten(&plan)?;
        Ok(plan)
    }

    /// Whether the class of any member has a relationship.
    fn members_have_relationships(&self) -> Result<bool> {
        let store = self.store.borrow();
        let mut last: Option<*const Mapper> = None;
        for id in self.members.iter() {
            let mapper = &store.get(id)?.mapper;
            if last == Some(Rc::as_ptr(mapper)) {
                continue;
            }
            if mapper.has_relationships() {
                return Ok(true);
            }
            last = Some(Rc::as_ptr(mapper));
        }
        Ok(false)
    }

    /// What a flush does for the objects it writes no row of: as SQLAlchemy commits every
    /// state of the flush, they stop being dirty, and backref changes pending on their
    /// unloaded collections are dropped (the collection loads from the flushed rows).
    fn settle_unwritten(&mut self, plan: &FlushPlan) -> Result<()> {
        // Built at the first persistent member: a flush of new objects needs none.
        let mut written: Option<crate::session::FxHashSet<ObjectId>> = None;
        let written_by = |plan: &FlushPlan| {
            plan.steps
                .iter()
                .filter(|s| {
                    matches!(
                        s.kind,
                        StepKind::Insert | StepKind::Update | StepKind::Delete
                    )
                })
                .flat_map(|s| s.objects.iter().copied())
                .collect()
        };
        let mut store = self.store.borrow_mut();
        for id in self.members.iter() {
            let inst = store.get_mut(id)?;
            inst.pending.clear();
            inst.blind_sets.clear();
            if inst.state == ObjectState::Persistent
                && !written
                    .get_or_insert_with(|| written_by(plan))
                    .contains(&id)
            {
                inst.modified = false;
            }
        }
        Ok(())
    }

    /// As SQLAlchemy's failed flush: the transaction rolls back at once, the objects return
    /// to their states before it (pending ones transient, deleted ones persistent, the rest
    /// expired), and the session refuses work until `rollback()`.
    fn fail_flush<T>(&mut self, err: Error) -> Result<T> {
        if self.fail_in_savepoint(&err)? {
            return Err(err);
        }
        self.rollback()?;
        self.failed = Some(err.clone());
        Err(err)
    }

    /// Runs one step of a plan from [`Session::prepare_flush`]. If it fails, the transaction
    /// is rolled back and the session needs `rollback()`, as after a failed `flush()`.
    ///
    /// # Failure
    /// [`Error::PendingRollbackError`] after a failed flush; [`Error::Dbapi`] when SQLite
    /// refuses a statement.
    pub fn run_step(&mut self, step: &FlushStep) -> Result<()> {
        self.check_usable()?;
        self.engine.record(Event::FlushStepStarted(step.clone()));
        match self.execute_step(step) {
            Ok(()) => Ok(()),
            Err(err) => self.fail_flush(err),
        }
    }

    fn execute_step(&mut self, step: &FlushStep) -> Result<()> {
        match step.kind {
            StepKind::Insert => self.run_inserts(&step.objects),
            StepKind::Update => self.run_updates(&step.objects),
            StepKind::Delete => self.run_deletes(&step.objects),
            StepKind::InsertAssociation | StepKind::DeleteAssociation => self.run_association(step),
            StepKind::PostUpdate => self.run_post_updates(&step.objects, false),
            StepKind::ClearPostUpdate => self.run_post_updates(&step.objects, true),
        }
    }

    fn mapper_of(&self, id: ObjectId) -> Result<Rc<Mapper>> {
        Ok(Rc::clone(&self.store.borrow().get(id)?.mapper))
    }

    fn pk_where(mapper: &Mapper, pk: &[Value]) -> Result<crate::sql::Expr> {
        let from = FromItem::Table(Rc::clone(mapper.table()));
        let mut crit = Vec::new();
        for (&i, v) in mapper.pk().iter().zip(pk) {
            crit.push(from.c(&mapper.table().columns()[i].name)?.eq(v.clone()));
        }
        Ok(and_(crit))
    }

    /// The INSERT row of an object: explicit values, then Python defaults; an unset
    /// autoincrement key or server-defaulted column is left out, and so is an unset JSON
    /// column (its type gives None a value of its own, JSON `null`); anything else unset is
    /// NULL, as SQLAlchemy's mapper fills it in. `columns` is scratch space; `prev`, the row
    /// before, whose column list is shared when the same.
    fn insert_row(
        inst: &mut crate::session::Instance,
        id: ObjectId,
        table: &Table,
        auto: Option<usize>,
        columns: &mut Vec<usize>,
        prev: Option<&InsertRow>,
    ) -> Result<InsertRow> {
        columns.clear();
        let mut params = Vec::with_capacity(table.columns().len());
        let mut needs_key = false;
        let mut defaulted = Vec::new();
        for (i, col) in table.columns().iter().enumerate() {
            match &inst.values[i] {
                Some(v) if !(v == &Value::Null && Some(i) == auto) => {
                    columns.push(i);
                    params.push(v.clone());
                }
                _ => {
                    if let Some(d) = &col.default {
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
        let columns = match prev {
            Some(p) if *p.columns == **columns => Rc::clone(&p.columns),
            _ => Rc::from(columns.as_slice()),
        };
        Ok(InsertRow {
            id,
            columns,
            params,
            needs_key,
            defaulted,
        })
    }

    fn run_inserts(&mut self, ids: &[ObjectId]) -> Result<()> {
        self.load_expired_for_step(ids, false)?;
        self.sync_foreign_keys()?;
        let Some(&first) = ids.first() else {
            return Ok(());
        };
        let mapper = self.mapper_of(first)?;
        let table = Rc::clone(mapper.table());
        let auto = table
            .autoincrement_column()
            .and_then(|c| table.column_index(&c.name));
        let mut rows: Vec<InsertRow> = Vec::with_capacity(ids.len());
        {
            let mut store = self.store.borrow_mut();
            let mut columns = Vec::with_capacity(table.columns().len());
            for &id in ids {
                let row = Self::insert_row(
                    store.get_mut(id)?,
                    id,
                    &table,
                    auto,
                    &mut columns,
                    rows.last(),
                )?;
                rows.push(row);
            }
        }
        while !rows.is_empty() {
            let len = rows
                .iter()
                .skip(1)
                .position(|r| !rows[0].batches_with(r))
                .map_or(rows.len(), |n| n + 1);
            let rest = rows.split_off(len);
            let group = std::mem::replace(&mut rows, rest);
            self.insert_group(&mapper, auto, group)?;
        }
        Ok(())
    }

    /// Runs the INSERTs of rows with the same columns: compiled once; one row at a time with
    /// `RETURNING` when several need a generated key, a single row reading `lastrowid`, and
    /// otherwise one `executemany`.
    fn insert_group(
        &mut self,
        mapper: &Rc<Mapper>,
        auto: Option<usize>,
        mut group: Vec<InsertRow>,
    ) -> Result<()> {
        let Some(head) = group.first() else {
            return Ok(());
        };
        let table = Rc::clone(mapper.table());
        let returning = head.needs_key && group.len() > 1;
        let started = Instant::now();
        let named: Vec<(String, Value)> = head
            .columns
            .iter()
            .zip(&head.params)
            .map(|(&c, v)| (table.columns()[c].name.clone(), v.clone()))
            .collect();
        let mut stmt = insert(&table).values(named)?;
        if group.len() > 1 {
            stmt = stmt.for_executemany();
        }
        // The statement run in place of `... RETURNING key` when the key is the rowid.
        let mut by_rowid = None;
        if returning && let Some(a) = auto {
            let key = &table.columns()[a].name;
            if !self.engine.logs_rows() && self.engine.is_rowid_alias(table.name(), key) {
                by_rowid =
                    Some(compile(&Statement::Insert(stmt.clone()), ParamStyle::Qmark, &[])?.sql);
            }
            stmt = stmt.returning(vec![key.clone()]);
        }
        let compiled = compile(&Statement::Insert(stmt), ParamStyle::Qmark, &[])?;
        let seconds = started.elapsed().as_secs_f64();
        let mut key = flush_key(&compiled.cache_key);
        if !head.defaulted.is_empty() {
            key.push_str(&format!("|defaults {:?}", head.defaulted));
        }
        let origin = self.engine.cache_origin(&key, group.len() > 1, seconds);
        let sql = compiled.sql;
        let mut new_keys: Vec<Option<Value>> = Vec::with_capacity(group.len());
        if returning {
            let total = group.len();
            let origins = (0..total).map(|n| match (n, origin) {
                (0, SqlOrigin::Generated { seconds }) => SqlOrigin::InsertManyValues {
                    generated: Some(seconds),
                    cached_since: None,
                    batch: 1,
                    total,
                    ordered: true,
                },
                (0, SqlOrigin::Cached { since }) => SqlOrigin::InsertManyValues {
                    generated: None,
                    cached_since: Some(since),
                    batch: 1,
                    total,
                    ordered: true,
                },
                _ => SqlOrigin::InsertManyValues {
                    generated: None,
                    cached_since: None,
                    batch: n + 1,
                    total,
                    ordered: true,
                },
            });
            if let Some(run) = &by_rowid {
                // The parameters move into the log; the objects keep their own values.
                let rows = group
                    .iter_mut()
                    .map(|r| std::mem::take(&mut r.params))
                    .zip(origins);
                let keys = self
                    .connection()
                    .execute_inserts_by_rowid(&sql, run, rows)?;
                new_keys.extend(keys.into_iter().map(|k| k.map(Value::Integer)));
            } else {
                let sql: Rc<str> = sql.into();
                for (row, origin) in group.iter_mut().zip(origins) {
                    // The parameters move into the log; the objects keep their own values.
                    let params = std::mem::take(&mut row.params);
                    let r = self
                        .connection()
                        .execute_logged_owned(&sql, params, origin)?;
                    new_keys.push(r.scalar());
                }
            }
        } else if let [only] = group.as_mut_slice() {
            let params = std::mem::take(&mut only.params);
            self.connection()
                .execute_logged_owned(&sql.into(), params, origin)?;
            let rowid = self.engine.sqlite().last_insert_rowid();
            new_keys.push(only.needs_key.then_some(Value::Integer(rowid)));
        } else {
            // The parameters move into the log; the objects keep their own values.
            let sets: Vec<Vec<Value>> = group
                .iter_mut()
                .map(|r| std::mem::take(&mut r.params))
                .collect();
            self.connection().execute_many_logged(&sql, sets, origin)?;
            new_keys.resize(group.len(), None);
        }
        let server_side: Vec<usize> = table
            .columns()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.server_default.is_some())
            .map(|(i, _)| i)
            .collect();
        self.identity.reserve(group.len());
        self.inserted.reserve(group.len());
        let store = Rc::clone(&self.store);
        let mut store = store.borrow_mut();
        for (row, new_key) in group.iter().zip(new_keys) {
            let inst = store.get_mut(row.id)?;
            for &c in row.columns.iter() {
                inst.committed[c].clone_from(&inst.values[c]);
            }
            if let (Some(k), Some(a)) = (new_key, auto) {
                inst.values[a] = Some(k.clone());
                inst.committed[a] = Some(k);
            }
            // Server-generated columns are unknown until loaded.
            for &i in &server_side {
                if inst.values[i].is_none() {
                    inst.committed[i] = None;
                }
            }
            inst.modified = false;
            let Some(key) = instance_key(inst) else {
                return Err(Error::FlushError(format!(
                    "Instance <{} at 0x{:x}> has a NULL identity key.",
                    mapper.class_name(),
                    row.id.0
                )));
            };
            self.identity.insert(key, row.id);
            self.inserted.push(row.id);
            self.transition_instance(inst, row.id, ObjectState::Persistent);
        }
        Ok(())
    }

    fn run_updates(&mut self, ids: &[ObjectId]) -> Result<()> {
        self.load_expired_for_step(ids, true)?;
        // Keys of parents inserted by earlier steps.
        self.sync_foreign_keys()?;
        let mut batch: Vec<(ObjectId, crate::sql::Compiled)> = Vec::new();
        for &id in ids {
            let (mapper, values, pk, changed) = {
                let store = self.store.borrow();
                let inst = store.get(id)?;
                let pk: Vec<Value> = inst
                    .mapper
                    .pk()
                    .iter()
                    .map(|&i| {
                        inst.committed[i]
                            .clone()
                            .or_else(|| inst.values[i].clone())
                            .unwrap_or(Value::Null)
                    })
                    .collect();
                (
                    Rc::clone(&inst.mapper),
                    inst.values.clone(),
                    pk,
                    inst.changed(),
                )
            };
            let set: Vec<(String, Value)> = changed
                .iter()
                .filter_map(|&i| {
                    values[i]
                        .clone()
                        .map(|v| (mapper.table().columns()[i].name.clone(), v))
                })
                .collect();
            if set.is_empty() {
                continue;
            }
            let stmt = update(mapper.table())
                .values(set)?
                .where_(Self::pk_where(&mapper, &pk)?);
            let started = Instant::now();
            let c = compile(&Statement::Update(stmt), ParamStyle::Qmark, &[])?;
            let _ = started;
            if batch.first().is_some_and(|(_, b)| b.sql != c.sql) {
                self.flush_update_batch(std::mem::take(&mut batch))?;
            }
            batch.push((id, c));
        }
        self.flush_update_batch(batch)
    }

    fn flush_update_batch(&mut self, batch: Vec<(ObjectId, crate::sql::Compiled)>) -> Result<()> {
        let Some((_, head)) = batch.first() else {
            return Ok(());
        };
        let origin =
            self.engine
                .cache_origin(&flush_key(&head.cache_key), batch.len() > 1, 0.00005);
        let sql = head.sql.clone();
        if batch.len() == 1 {
            let params = head.params.clone();
            self.connection().execute_logged(&sql, &params, origin)?;
        } else {
            let sets: Vec<Vec<Value>> = batch.iter().map(|(_, c)| c.params.clone()).collect();
            self.connection().execute_many_logged(&sql, sets, origin)?;
        }
        if !self.savepoints.is_empty() {
            self.updated_in_savepoint
                .extend(batch.iter().map(|(id, _)| *id));
        }
        let mut store = self.store.borrow_mut();
        for (id, _) in &batch {
            let inst = store.get_mut(*id)?;
            inst.committed = inst
                .values
                .iter()
                .zip(&inst.committed)
                .map(|(v, c)| v.clone().or(c.clone()))
                .collect();
            inst.modified = false;
        }
        Ok(())
    }

    fn run_deletes(&mut self, ids: &[ObjectId]) -> Result<()> {
        let Some(first) = ids.first() else {
            return Ok(());
        };
        let mapper = self.mapper_of(*first)?;
        let mut sets = Vec::new();
        let mut sql = String::new();
        let mut key = String::new();
        for &id in ids {
            // By the identity it was loaded with (a key column nulled since is not its row's).
            let pk = {
                let store = self.store.borrow();
                let inst = store.get(id)?;
                let pk: Option<Vec<Value>> = inst
                    .mapper
                    .pk()
                    .iter()
                    .map(|&i| inst.committed[i].clone().or_else(|| inst.values[i].clone()))
                    .collect();
                pk.or_else(|| inst.pk_values()).unwrap_or_default()
            };
            let c = compile(
                &Statement::Delete(delete(mapper.table()).where_(Self::pk_where(&mapper, &pk)?)),
                ParamStyle::Qmark,
                &[],
            )?;
            sql = c.sql;
            key = c.cache_key;
            sets.push(c.params);
        }
        let origin = self
            .engine
            .cache_origin(&flush_key(&key), sets.len() > 1, 0.00005);
        if sets.len() == 1 {
            let params = sets.pop().unwrap_or_default();
            self.connection().execute_logged(&sql, &params, origin)?;
        } else {
            self.connection().execute_many_logged(&sql, sets, origin)?;
        }
        for &id in ids {
            self.forget_identity(id)?;
            self.store.borrow_mut().get_mut(id)?.marked_deleted = false;
            self.deleted.push(id);
            self.transition(id, ObjectState::Deleted)?;
        }
        Ok(())
    }
}

impl Session {
    /// The collections of objects marked for deletion that the flush needs (their children's
    /// foreign keys are set to NULL, their association rows deleted), loaded without
    /// autoflush; an expired object's own row is loaded before them.
    fn load_deleted_dependents(&mut self) -> Result<()> {
        let deleted: Vec<ObjectId> = {
            let store = self.store.borrow();
            self.members
                .iter()
                .filter(|&id| store.get(id).is_ok_and(|i| i.marked_deleted))
                .collect()
        };
        let autoflush = std::mem::replace(&mut self.autoflush, false);
        // An expired object is loaded first (its SELECT, then its collections').
        let done = deleted.into_iter().try_for_each(|id| {
            let expired = self
                .store
                .borrow()
                .get(id)?
                .values
                .iter()
                .all(Option::is_none);
            if expired {
                self.load(id)?;
            }
            self.delete_dependents(id)
        });
        self.autoflush = autoflush;
        done
    }
}

/// The compiled-cache key of a flush's INSERT, UPDATE or DELETE of a mapped table: SQLAlchemy
/// runs those with the mapper's own compiled cache, so a Core statement of the same text is
/// still `[generated in ...]` the first time.
fn flush_key(key: &str) -> String {
    format!("flush|{key}")
}

#[cfg(test)]
mod cycle_tests;

#[cfg(test)]
mod tests_insert;

#[cfg(test)]
mod tests_delete;

#[cfg(test)]
mod tests_steps;

#[cfg(test)]
mod tests_post_update;

#[cfg(test)]
mod tests_model;

/// Whether SQLAlchemy's type of `col` binds Python `None` as a value of its own
/// (`should_evaluate_none`: JSON's `null`), so an unset attribute is left out of the INSERT.
fn evaluates_none(col: &crate::schema::Column) -> bool {
    col.type_ == Some(crate::types::SqlType::Json)
}
