//! The session's transaction: `commit()` (flush, COMMIT, expire-on-commit), `rollback()`
//! (objects return to their state before the transaction) and `close()`.

use super::{ObjectState, Session, identity_key};
use crate::error::Result;

impl Session {
    /// `session.commit()`: flushes, commits, and (with expire_on_commit) expires everything.
    ///
    /// # Failure
    /// [`crate::Error::PendingRollbackError`] after a failed flush; the flush's errors.
    pub fn commit(&mut self) -> Result<()> {
        self.check_usable()?;
        self.expiring_commit = self.expire_on_commit;
        let flushed = self.flush();
        self.expiring_commit = false;
        flushed?;
        self.begun = false;
        self.savepoints.clear();
        self.updated_in_savepoint.clear();
        if let Some(mut conn) = self.conn.take()
            && let Err(err) = conn.commit()
        {
            self.commit_flushed_values(false)?;
            return Err(err);
        }
        for id in std::mem::take(&mut self.deleted) {
            self.members.remove(id);
            self.transition(id, ObjectState::Detached)?;
        }
        // The expiry forgets every committed value but the keys.
        self.commit_flushed_values(self.expire_on_commit)?;
        self.inserted.clear();
        if self.expire_on_commit {
            self.expire_all()?;
        }
        Ok(())
    }

    /// `session.rollback()`: rolls the transaction back; objects inserted in it become
    /// transient (keeping their values, ids included), objects deleted in it persistent again,
    /// pending ones transient, and every persistent object expires.
    ///
    /// # Failure
    /// [`crate::Error::UnmappedInstanceError`] if the store lost an object.
    pub fn rollback(&mut self) -> Result<()> {
        // A flush run step by step and left unfinished never committed its values.
        self.discard_flush();
        self.begun = false;
        if let Some(mut conn) = self.conn.take() {
            conn.rollback();
        }
        self.savepoints.clear();
        self.updated_in_savepoint.clear();
        self.failed = None;
        let inserted = std::mem::take(&mut self.inserted);
        for &id in &inserted {
            self.members.remove(id);
            self.forget_identity(id)?;
            self.store.borrow_mut().get_mut(id)?.marked_deleted = false;
            self.transition(id, ObjectState::Transient)?;
        }
        for id in std::mem::take(&mut self.deleted) {
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
        for id in self.members.to_vec() {
            self.store.borrow_mut().get_mut(id)?.marked_deleted = false;
        }
        self.expire_all()
    }

    /// `session.close()`: ends the transaction (rolling it back) and detaches every object.
    ///
    /// # Failure
    /// [`crate::Error::UnmappedInstanceError`] if the store lost an object.
    pub fn close(&mut self) -> Result<()> {
        self.discard_flush();
        self.begun = false;
        if let Some(mut conn) = self.conn.take() {
            conn.rollback();
        }
        self.savepoints.clear();
        self.updated_in_savepoint.clear();
        self.failed = None;
        self.inserted.clear();
        self.deleted.clear();
        self.expunge_all()
    }
}
