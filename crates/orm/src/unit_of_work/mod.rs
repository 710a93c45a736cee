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
use crate::event::Event;
use crate::mapper::Mapper;
use crate::session::{ObjectId, ObjectState, Session};
use crate::sql::compiler::{ParamStyle, compile};
use crate::sql::{FromItem, Statement, and_, delete, update};
use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use web_time::Instant;

mod association;
mod cycle;
mod expired;
mod flush_end;
mod inheritance;
mod insert;
mod insert_stream;
mod joined;
mod plan;
mod post_update;
mod rounds;

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
    /// The objects, in the order their statements run (shared by the plan and its events).
    pub objects: Rc<[ObjectId]>,
    /// Why the step stands where it stands.
    pub reason: String,
    /// For association steps: the links whose rows it inserts or deletes.
    pub links: Vec<Link>,
}

/// One row of a many-to-many association table: `parent.relationship` holds `child`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The object whose relationship holds the link.
    pub parent: ObjectId,
    /// The related object.
    pub child: ObjectId,
    /// The association table's column that refers to `parent` (which of the two
    /// relationships of a self-referential many-to-many holds the link).
    pub parent_fk: String,
}

/// A flush, planned before it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct FlushPlan {
    /// The steps, in order.
    pub steps: Vec<FlushStep>,
}

/// An object's class, values, loaded key and changed column positions (for its UPDATE).
pub(super) type UpdateSnapshot = (Rc<Mapper>, Vec<Option<Value>>, Vec<Value>, Vec<usize>);
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
        self.finish_flush()
    }

    /// The end of a flush run with [`Session::run_step`]: the values its INSERTs wrote become
    /// the objects' committed values (their history shows them unchanged; until then, as in
    /// SQLAlchemy's `after_flush` event, it shows them added). A commit that expires every
    /// object next commits them itself.
    ///
    /// # Failure
    /// [`Error::UnmappedInstanceError`] if the store lost an object.
    pub fn finish_flush(&mut self) -> Result<()> {
        self.pre_flush = None;
        self.flush_modified.clear();
        if self.expiring_commit {
            return Ok(());
        }
        self.commit_flushed_values(false)
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
        // A flush run step by step whose end was not called.
        self.commit_flushed_values(false)?;
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
        let relational = self.members_have_relationships();
        // Without relationships, one look at each member finds those marked for deletion
        // and the persistent ones (the only ones the plan's aftermath touches).
        let (deleted, persistent) = if relational {
            self.cascade_members()?;
            self.warn_pending_outsiders()?;
            (self.members_marked_deleted()?, None)
        } else {
            let (deleted, persistent) = self.deleted_and_persistent_members()?;
            (deleted, Some(persistent))
        };
        self.load_deleted_dependents(deleted)?;
        if relational {
            self.delete_orphans()?;
            self.sync_foreign_keys()?;
        }
        let plan = self.plan_flush()?;
        self.capture_pre_flush()?;
        self.settle_unwritten(&plan, persistent)?;
        Ok(plan)
    }

    /// Whether the class of any member has a relationship (asked of the classes of all the
    /// objects that have been members: a relationship added to a class since counts).
    pub(crate) fn members_have_relationships(&self) -> bool {
        self.members.classes().iter().any(|m| m.has_relationships())
    }

    /// The members marked for deletion.
    fn members_marked_deleted(&self) -> Result<Vec<ObjectId>> {
        let store = self.store.borrow();
        let mut out = Vec::new();
        for id in self.members.iter() {
            if store.get(id)?.marked_deleted {
                out.push(id);
            }
        }
        Ok(out)
    }

    /// The members marked for deletion, and the persistent ones, in one pass.
    fn deleted_and_persistent_members(&self) -> Result<(Vec<ObjectId>, Vec<ObjectId>)> {
        let store = self.store.borrow();
        let (mut deleted, mut persistent) = (Vec::new(), Vec::new());
        for id in self.members.iter() {
            let inst = store.get(id)?;
            if inst.marked_deleted {
                deleted.push(id);
            }
            if inst.state == ObjectState::Persistent {
                persistent.push(id);
            }
        }
        Ok((deleted, persistent))
    }

    /// What a flush does for the objects it writes no row of: as SQLAlchemy commits every
    /// state of the flush, they stop being dirty, and backref changes pending on their
    /// unloaded collections are dropped (the collection loads from the flushed rows). Given
    /// `persistent`, the persistent members of a flush without relationships (so without
    /// pending backref changes), only those are visited.
    fn settle_unwritten(
        &mut self,
        plan: &FlushPlan,
        persistent: Option<Vec<ObjectId>>,
    ) -> Result<()> {
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
        let visited: Box<dyn Iterator<Item = ObjectId>> = match &persistent {
            Some(ids) => Box::new(ids.iter().copied()),
            None => Box::new(self.members.iter()),
        };
        for id in visited {
            let inst = store.get_mut(id)?;
            if let Some(extras) = inst.extras.if_any() {
                for name in extras.pending.keys() {
                    self.flush_modified.push((id, name.clone()));
                }
                extras.pending.clear();
                extras.blind_sets.clear();
                // Cascaded by this flush: nothing attached is left to follow.
                extras.attached.clear();
                extras.added.clear();
                extras.left.clear();
            }
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
        // The objects it inserted keep their values uncommitted (added, in their history).
        self.discard_flush();
        if self.fail_in_savepoint(&err)? {
            return Err(err);
        }
        self.rollback()?;
        self.failed = Some(err.clone());
        // The session's transaction stays, inactive, until rollback() (in_transaction()).
        self.begun = true;
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

    /// What an UPDATE of `id` needs: its class, its values, the key its row was loaded with
    /// and the positions of the columns changed since.
    pub(super) fn update_snapshot(&self, id: ObjectId) -> Result<UpdateSnapshot> {
        let store = self.store.borrow();
        let inst = store.get(id)?;
        let pk = inst.loaded_key();
        Ok((
            Rc::clone(&inst.mapper),
            inst.values.clone(),
            pk,
            inst.changed(),
        ))
    }

    fn run_updates(&mut self, ids: &[ObjectId]) -> Result<()> {
        if self.run_joined_updates(ids)? {
            return Ok(());
        }
        self.load_expired_for_step(ids, true)?;
        // Keys of parents inserted by earlier steps.
        self.sync_foreign_keys()?;
        let mut batch: Vec<(ObjectId, crate::sql::Compiled)> = Vec::new();
        for &id in ids {
            let (mapper, values, pk, changed) = self.update_snapshot(id)?;
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
        let matched = if batch.len() == 1 {
            let params = head.params.clone();
            self.connection().execute_logged(&sql, &params, origin)?
        } else {
            let sets: Vec<Vec<Value>> = batch.iter().map(|(_, c)| c.params.clone()).collect();
            self.connection().execute_many_logged(&sql, sets, origin)?
        }
        .rowcount;
        let table = self.mapper_of(batch[0].0)?.table().name().to_owned();
        if matched != batch.len() as i64 {
            return Err(Error::StaleDataError(format!(
                "UPDATE statement on table '{table}' expected to update {} row(s); {matched} were matched.",
                batch.len()
            )));
        }
        if !self.savepoints.is_empty() {
            self.updated_in_savepoint
                .extend(batch.iter().map(|(id, _)| *id));
        }
        let mut store = self.store.borrow_mut();
        for (id, _) in &batch {
            let inst = store.get_mut(*id)?;
            // `onupdate=func.now()` columns the UPDATE set in SQL (those not set by the
            // object) hold a value only the database knows: expired, loaded when read.
            let by_database: Vec<usize> = inst
                .mapper
                .table()
                .columns()
                .iter()
                .enumerate()
                .filter(|(c, col)| {
                    col.sql_onupdate().is_some() && inst.values[*c] == inst.committed[*c]
                })
                .map(|(c, _)| c)
                .collect();
            flush_end::commit_key(inst);
            for c in by_database {
                inst.values[c] = None;
                inst.committed[c] = None;
            }
            inst.modified = false;
            self.owed_updates.push(*id);
        }
        Ok(())
    }

    fn run_deletes(&mut self, ids: &[ObjectId]) -> Result<()> {
        let Some(first) = ids.first() else {
            return Ok(());
        };
        let mapper = self.mapper_of(*first)?;
        let mapper = self.joined_deletes(mapper, ids)?;
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
        let expected = sets.len();
        let matched = if sets.len() == 1 {
            let params = sets.pop().unwrap_or_default();
            self.connection().execute_logged(&sql, &params, origin)?
        } else {
            self.connection().execute_many_logged(&sql, sets, origin)?
        }
        .rowcount;
        if matched != expected as i64 {
            self.engine.record(Event::Warning {
                category: "SAWarning".into(),
                message: format!(
                    "DELETE statement on table '{}' expected to delete {expected} row(s); {matched} were matched.  Please set confirm_deleted_rows=False within the mapper configuration to prevent this warning.",
                    mapper.table().name()
                ),
            });
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
    /// The collections of the `deleted` members (those marked for deletion) that the flush
    /// needs (their children's foreign keys are set to NULL, their association rows
    /// deleted), loaded without autoflush; an expired object's own row is loaded before them.
    fn load_deleted_dependents(&mut self, deleted: Vec<ObjectId>) -> Result<()> {
        let autoflush = std::mem::replace(&mut self.autoflush, false);
        // An expired object is loaded first (its SELECT, then its collections').
        let done = deleted.into_iter().try_for_each(|id| {
            self.load_if_expired(id)?;
            self.delete_dependents(id)
        });
        self.autoflush = autoflush;
        done
    }
}

/// The compiled-cache key of a flush's INSERT, UPDATE or DELETE of a mapped table (see
/// [`crate::engine::mapper_cache_key`]).
fn flush_key(key: &str) -> String {
    crate::engine::mapper_cache_key(key, &[])
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

#[cfg(test)]
mod tests_order;

#[cfg(test)]
mod tests_commit;
