//! Session-scoped blocks and copies: `with session.begin():`, `with session.no_autoflush:`,
//! `session.in_transaction()` and `session.merge(obj)`.

use super::{ObjectId, Session};
use crate::error::{Error, Result};
use std::rc::Rc;

impl Session {
    /// `session.in_transaction()`: whether a transaction is open (begun explicitly or by
    /// autobegin).
    pub fn in_transaction(&self) -> bool {
        self.conn.as_ref().is_some_and(|c| c.in_transaction())
    }

    /// `with session.begin(): body` — commits when `body` returns `Ok`, rolls back (and
    /// returns the error) when it returns `Err`.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] when a transaction is already open ("A transaction is
    /// already begun on Session."); the body's error; the commit's errors.
    pub fn begin<T>(&mut self, body: impl FnOnce(&mut Session) -> Result<T>) -> Result<T> {
        self.check_usable()?;
        if self.in_transaction() {
            return Err(Error::InvalidRequestError(
                "A transaction is already begun on Session.".to_owned(),
            ));
        }
        // As under SQLAlchemy, `BEGIN (implicit)` is logged when the first statement runs.
        match body(self) {
            Ok(value) => {
                self.commit()?;
                Ok(value)
            }
            Err(err) => {
                self.rollback()?;
                Err(err)
            }
        }
    }

    /// `with session.no_autoflush: body` — queries, lazy loads and `get()` inside do not flush.
    ///
    /// # Failure
    /// The body's error.
    pub fn no_autoflush<T>(&mut self, body: impl FnOnce(&mut Session) -> Result<T>) -> Result<T> {
        let saved = std::mem::replace(&mut self.autoflush, false);
        let result = body(self);
        self.autoflush = saved;
        result
    }

    /// `session.merge(obj)`: the session's own copy of `obj` — the object with the same
    /// primary key from the identity map or the database (a SELECT, without autoflush) with
    /// `obj`'s loaded attributes copied onto it, or else a new pending copy. `obj` itself is
    /// left as it is; an object already in this session is its own copy.
    ///
    /// # Failure
    /// [`Error::PendingRollbackError`] after a failed flush; [`Error::Dbapi`].
    pub fn merge(&mut self, id: ObjectId) -> Result<ObjectId> {
        self.check_usable()?;
        if self.members.contains(id) {
            return Ok(id);
        }
        let (mapper, values, pk) = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            (
                Rc::clone(&inst.mapper),
                inst.values.clone(),
                inst.pk_values(),
            )
        };
        // As SQLAlchemy's merge, the lookup does not autoflush.
        let existing = match &pk {
            Some(pk) => self.no_autoflush(|s| s.get(&mapper, pk))?,
            None => None,
        };
        let Some(target) = existing else {
            let copy = {
                let mut store = self.store.borrow_mut();
                let copy = store.create(&mapper, &[])?;
                store.get_mut(copy)?.values = values;
                copy
            };
            self.add(copy)?;
            return Ok(copy);
        };
        let mut store = self.store.borrow_mut();
        let inst = store.get_mut(target)?;
        for (i, v) in values.into_iter().enumerate() {
            if let Some(v) = v
                && inst.values[i].as_ref() != Some(&v)
            {
                inst.values[i] = Some(v);
                inst.modified = true;
            }
        }
        Ok(target)
    }
}
