//! Nested transactions: `session.begin_nested()` flushes and opens a savepoint whose
//! `SAVEPOINT sa_savepoint_N` runs with the first statement inside it (none ran: nothing is
//! emitted when it ends); committing it flushes and emits `RELEASE SAVEPOINT`; rolling it
//! back (or a flush failing inside it) emits `ROLLBACK TO SAVEPOINT` and returns the objects to their states at the
//! savepoint, as SQLAlchemy's nested `SessionTransaction`: objects inserted or added since
//! become transient, those deleted since persistent again, and only changed objects expire.

use super::{ObjectId, ObjectState, Session, identity_key};
use crate::error::{Error, Result};
use crate::sql::savepoint::SavepointOp;

/// One open savepoint.
#[derive(Debug, Clone)]
pub(crate) struct Savepoint {
    /// How many objects the transaction had inserted / deleted when it began.
    inserted: usize,
    deleted: usize,
    updated: usize,
    /// False once rolled back by a failed flush (it then only waits to be closed).
    active: bool,
    /// Whether the failure that rolled it back made the session refuse work.
    failed_here: bool,
}

impl Session {
    /// `session.begin_nested()`: flushes, then opens a savepoint (`SAVEPOINT sa_savepoint_N`
    /// runs with the first statement inside it).
    ///
    /// # Failure
    /// [`Error::PendingRollbackError`] after a failed flush; the flush's errors.
    pub fn begin_nested(&mut self) -> Result<()> {
        self.check_usable()?;
        self.flush()?;
        // The session's transaction begins with it, even before any SQL runs.
        self.begun = true;
        self.connection().push_lazy_savepoint();
        self.savepoints.push(Savepoint {
            inserted: self.inserted.len(),
            deleted: self.deleted.len(),
            updated: self.updated_in_savepoint.len(),
            active: true,
            failed_here: false,
        });
        Ok(())
    }

    /// Whether a failed flush left the session refusing work until `rollback()`.
    pub fn needs_rollback(&self) -> bool {
        self.failed.is_some()
    }

    /// How many savepoints are open (the depth of `begin_nested()` blocks).
    pub fn nested_depth(&self) -> usize {
        self.savepoints.len()
    }

    /// Commits the innermost savepoint: flushes, then `RELEASE SAVEPOINT`. A flush that fails
    /// rolls the savepoint back first (see [`Session::rollback_nested`]).
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] without an open savepoint; the flush's errors.
    pub fn commit_nested(&mut self) -> Result<()> {
        let Some(top) = self.savepoints.last() else {
            return Err(Error::InvalidRequestError(
                "No nested transaction is in progress.".to_owned(),
            ));
        };
        if !top.active {
            self.check_usable()?;
        }
        if let Err(err) = self.flush() {
            // The flush rolled the savepoint back; the failed commit closes it.
            self.rollback_nested()?;
            return Err(err);
        }
        if self.savepoints.pop().is_none() {
            return Ok(());
        }
        if self.savepoints.is_empty() {
            self.updated_in_savepoint.clear();
        }
        self.connection()
            .pop_lazy_savepoint(Some(SavepointOp::Release))
    }

    /// Rolls the innermost savepoint back (`ROLLBACK TO SAVEPOINT`, unless a failed flush
    /// already did) and closes it.
    ///
    /// # Failure
    /// [`Error::UnmappedInstanceError`] if the store lost an object; [`Error::Dbapi`].
    pub fn rollback_nested(&mut self) -> Result<()> {
        if self.savepoints.last().is_some_and(|s| s.active) {
            self.rollback_to_savepoint()?;
        }
        if let Some(top) = self.savepoints.pop() {
            self.connection().pop_lazy_savepoint(None)?;
            if top.failed_here {
                self.failed = None;
            }
        }
        if self.savepoints.is_empty() {
            self.updated_in_savepoint.clear();
        }
        Ok(())
    }

    /// A flush failed inside a savepoint: it is rolled back (and left open, inactive, until
    /// its block ends); the session refuses work until then.
    pub(crate) fn fail_in_savepoint(&mut self, err: &Error) -> Result<bool> {
        if !self.savepoints.last().is_some_and(|s| s.active) {
            return Ok(false);
        }
        self.rollback_to_savepoint()?;
        if let Some(top) = self.savepoints.last_mut() {
            top.active = false;
            top.failed_here = true;
        }
        self.failed = Some(err.clone());
        Ok(true)
    }

    fn rollback_to_savepoint(&mut self) -> Result<()> {
        let Some(top) = self.savepoints.last().cloned() else {
            return Ok(());
        };
        self.connection().rollback_lazy_savepoint()?;
        if let Some(t) = self.savepoints.last_mut() {
            t.active = false;
        }
        let inserted: Vec<ObjectId> = self
            .inserted
            .split_off(top.inserted.min(self.inserted.len()));
        for &id in &inserted {
            self.members.remove(id);
            self.forget_identity(id)?;
            self.store.borrow_mut().get_mut(id)?.marked_deleted = false;
            self.transition(id, ObjectState::Transient)?;
        }
        for id in self.deleted.split_off(top.deleted.min(self.deleted.len())) {
            if inserted.contains(&id) {
                continue;
            }
            let key = {
                let store = self.store.borrow();
                let inst = store.get(id)?;
                inst.pk_values().map(|pk| identity_key(&inst.mapper, &pk))
            };
            if let Some(key) = key {
                self.identity.insert(key, id);
            }
            self.store.borrow_mut().get_mut(id)?.marked_deleted = false;
            self.transition(id, ObjectState::Persistent)?;
        }
        for id in self.new_objects() {
            self.members.remove(id);
            self.transition(id, ObjectState::Transient)?;
        }
        let updated = self
            .updated_in_savepoint
            .split_off(top.updated.min(self.updated_in_savepoint.len()));
        // Only what changed (or was UPDATEd since the savepoint) expires: SQLAlchemy's
        // `dirty_only` for a nested rollback.
        for id in self.members.to_vec() {
            let changed = updated.contains(&id) || {
                let mut store = self.store.borrow_mut();
                let inst = store.get_mut(id)?;
                inst.marked_deleted = false;
                inst.modified || inst.is_changed()
            };
            if changed {
                self.expire(id)?;
            }
        }
        Ok(())
    }
}
