//! The unit of work: a flush first builds a [`FlushPlan`] — ordered steps, each with the
//! objects it serves and why it stands where it stands — then runs it, as a whole or one step
//! at a time.
//!
//! Ordering follows SQLAlchemy's `persistence.save_obj` / `delete_obj`: tables in foreign-key
//! order (parents first), and for each table its UPDATEs (primary-key order) then its INSERTs
//! (add() order); then DELETEs, children before parents. An INSERT that must fetch an
//! autoincrement primary key back runs one row at a time with `RETURNING` when several rows
//! need one (SQLAlchemy's "insertmanyvalues ... batch not supported" on SQLite), and plainly
//! (reading `lastrowid`) for a single row; rows with the same columns otherwise run as one
//! `executemany`.

use crate::error::{Error, Result};
use crate::event::{Event, SqlOrigin};
use crate::mapper::Mapper;
use crate::session::{ObjectId, ObjectState, Session, identity_key};
use crate::sql::compiler::{ParamStyle, compile};
use crate::sql::{FromItem, Statement, and_, delete, insert, update};
use crate::value::Value;
use serde::Serialize;
use std::rc::Rc;
use web_time::Instant;

mod association;
mod plan;

/// What a step does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
}

/// One step of a flush.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlushStep {
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
        self.check_usable()?;
        self.cascade_members()?;
        self.delete_orphans()?;
        self.sync_foreign_keys()?;
        let plan = self.plan_flush()?;
        if plan.steps.is_empty() {
            return Ok(());
        }
        self.engine.record(Event::FlushPlanned(plan.clone()));
        for step in &plan.steps {
            if let Err(err) = self.execute_step(step) {
                if let Some(mut conn) = self.conn.take() {
                    conn.rollback();
                }
                self.failed = Some(err.clone());
                return Err(err);
            }
        }
        Ok(())
    }

    /// Runs one step of a plan (the UI steps through a flush with this).
    ///
    /// # Failure
    /// [`Error::Dbapi`] when SQLite refuses a statement.
    pub fn execute_step(&mut self, step: &FlushStep) -> Result<()> {
        match step.kind {
            StepKind::Insert => self.run_inserts(&step.objects),
            StepKind::Update => self.run_updates(&step.objects),
            StepKind::Delete => self.run_deletes(&step.objects),
            StepKind::InsertAssociation | StepKind::DeleteAssociation => self.run_association(step),
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
    /// autoincrement key or server-defaulted column is left out; anything else unset is NULL.
    fn insert_row(&self, id: ObjectId) -> Result<(Vec<(String, Value)>, bool)> {
        let mapper = self.mapper_of(id)?;
        let table = Rc::clone(mapper.table());
        let auto = table.autoincrement_column().map(|c| c.name.clone());
        let current = self.store.borrow().get(id)?.values.clone();
        let mut row = Vec::new();
        let mut needs_key = false;
        for (i, col) in table.columns().iter().enumerate() {
            match &current[i] {
                Some(v) if !(v == &Value::Null && Some(&col.name) == auto.as_ref()) => {
                    row.push((col.name.clone(), v.clone()));
                }
                _ => {
                    if let Some(d) = &col.default {
                        let v = d.produce()?;
                        self.store.borrow_mut().get_mut(id)?.values[i] = Some(v.clone());
                        row.push((col.name.clone(), v));
                    } else if Some(&col.name) == auto.as_ref() {
                        needs_key = true;
                    } else if col.server_default.is_none() {
                        row.push((col.name.clone(), Value::Null));
                    }
                }
            }
        }
        Ok((row, needs_key))
    }

    fn run_inserts(&mut self, ids: &[ObjectId]) -> Result<()> {
        self.sync_foreign_keys()?;
        let mut rows = Vec::new();
        for &id in ids {
            rows.push((id, self.insert_row(id)?));
        }
        let mut i = 0;
        while i < rows.len() {
            let cols: Vec<&String> = rows[i].1.0.iter().map(|(n, _)| n).collect();
            let needs_key = rows[i].1.1;
            let mut j = i + 1;
            while j < rows.len()
                && rows[j].1.1 == needs_key
                && rows[j].1.0.iter().map(|(n, _)| n).collect::<Vec<_>>() == cols
            {
                j += 1;
            }
            self.insert_group(&rows[i..j])?;
            i = j;
        }
        Ok(())
    }

    #[allow(clippy::type_complexity)]
    fn insert_group(&mut self, group: &[(ObjectId, (Vec<(String, Value)>, bool))]) -> Result<()> {
        let Some((first_id, (_, needs_key))) = group.first() else {
            return Ok(());
        };
        let mapper = self.mapper_of(*first_id)?;
        let table = Rc::clone(mapper.table());
        let auto = table.autoincrement_column().map(|c| c.name.clone());
        let returning = *needs_key && group.len() > 1;
        let started = Instant::now();
        let mut compiled = Vec::new();
        for (_, (row, _)) in group {
            let mut stmt = insert(&table).values(row.clone())?;
            if returning {
                stmt = stmt.returning(auto.iter().cloned().collect());
            }
            compiled.push(compile(&Statement::Insert(stmt), ParamStyle::Qmark, &[])?);
        }
        let seconds = started.elapsed().as_secs_f64();
        let Some(head) = compiled.first() else {
            return Ok(());
        };
        let origin = self
            .engine
            .cache_origin(&head.cache_key, compiled.len() > 1, seconds);
        let (sql, key) = (head.sql.clone(), head.cache_key.clone());
        let _ = key;
        let mut new_keys: Vec<Option<Value>> = Vec::new();
        if returning {
            let total = group.len();
            for (n, c) in compiled.iter().enumerate() {
                let origin = match (n, origin) {
                    (0, SqlOrigin::Generated { seconds }) => SqlOrigin::InsertManyValues {
                        generated: Some(seconds),
                        cached_since: None,
                        batch: 1,
                        total,
                    },
                    (0, SqlOrigin::Cached { since }) => SqlOrigin::InsertManyValues {
                        generated: None,
                        cached_since: Some(since),
                        batch: 1,
                        total,
                    },
                    _ => SqlOrigin::InsertManyValues {
                        generated: None,
                        cached_since: None,
                        batch: n + 1,
                        total,
                    },
                };
                let r = self
                    .connection()
                    .execute_logged(&c.sql, &c.params, origin)?;
                new_keys.push(r.scalar());
            }
        } else if compiled.len() == 1 {
            let params = compiled
                .first()
                .map(|c| c.params.clone())
                .unwrap_or_default();
            self.connection().execute_logged(&sql, &params, origin)?;
            let rowid = self.engine.sqlite().last_insert_rowid();
            new_keys.push(needs_key.then_some(Value::Integer(rowid)));
        } else {
            let sets: Vec<Vec<Value>> = compiled.iter().map(|c| c.params.clone()).collect();
            self.connection().execute_many_logged(&sql, &sets, origin)?;
            new_keys.resize(group.len(), None);
        }
        for ((id, (row, _)), new_key) in group.iter().zip(new_keys) {
            let key = {
                let mut store = self.store.borrow_mut();
                let inst = store.get_mut(*id)?;
                for (name, v) in row {
                    let pos = inst.mapper.attr(name)?;
                    inst.values[pos] = Some(v.clone());
                    inst.committed[pos] = Some(v.clone());
                }
                if let (Some(k), Some(auto)) = (new_key, &auto) {
                    let pos = inst.mapper.attr(auto)?;
                    inst.values[pos] = Some(k.clone());
                    inst.committed[pos] = Some(k);
                }
                // Server-generated columns are unknown until loaded.
                for (i, col) in table.columns().iter().enumerate() {
                    if inst.values[i].is_none() && col.server_default.is_some() {
                        inst.committed[i] = None;
                    }
                }
                inst.modified = false;
                inst.pk_values().map(|pk| identity_key(&inst.mapper, &pk))
            };
            let Some(key) = key else {
                return Err(Error::FlushError(format!(
                    "Instance <{} at 0x{:x}> has a NULL identity key.",
                    mapper.class_name(),
                    id.0
                )));
            };
            self.identity.insert(key, *id);
            self.inserted.push(*id);
            self.transition(*id, ObjectState::Persistent)?;
        }
        Ok(())
    }

    fn run_updates(&mut self, ids: &[ObjectId]) -> Result<()> {
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
        let origin = self
            .engine
            .cache_origin(&head.cache_key, batch.len() > 1, 0.00005);
        let sql = head.sql.clone();
        if batch.len() == 1 {
            let params = head.params.clone();
            self.connection().execute_logged(&sql, &params, origin)?;
        } else {
            let sets: Vec<Vec<Value>> = batch.iter().map(|(_, c)| c.params.clone()).collect();
            self.connection().execute_many_logged(&sql, &sets, origin)?;
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
            let pk = self.store.borrow().get(id)?.pk_values().unwrap_or_default();
            let c = compile(
                &Statement::Delete(delete(mapper.table()).where_(Self::pk_where(&mapper, &pk)?)),
                ParamStyle::Qmark,
                &[],
            )?;
            sql = c.sql;
            key = c.cache_key;
            sets.push(c.params);
        }
        let origin = self.engine.cache_origin(&key, sets.len() > 1, 0.00005);
        if sets.len() == 1 {
            let params = sets.pop().unwrap_or_default();
            self.connection().execute_logged(&sql, &params, origin)?;
        } else {
            self.connection().execute_many_logged(&sql, &sets, origin)?;
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
