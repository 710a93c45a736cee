//! Session-scoped blocks and copies: `with session.begin():`, `with session.no_autoflush:`,
//! and `session.in_transaction()`.

use super::Session;
use crate::error::{Error, Result};

impl Session {
    /// `session.in_transaction()`: whether a transaction is open (begun explicitly or by
    /// autobegin).
    pub fn in_transaction(&self) -> bool {
        self.begun || self.conn.as_ref().is_some_and(|c| c.in_transaction())
    }

    /// Whether the session's connection has a database transaction open (SQL ran since
    /// the last commit or rollback).
    pub fn connection_in_transaction(&self) -> bool {
        self.conn.as_ref().is_some_and(|c| c.in_transaction())
    }

    /// `session.begin()` outside a `with` block: begins the session's transaction.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] when one has begun already (an `add()` or a query
    /// begins it too).
    pub fn begin_transaction(&mut self) -> Result<()> {
        self.check_usable()?;
        if self.in_transaction() {
            return Err(Error::InvalidRequestError(
                "A transaction is already begun on this Session.".to_owned(),
            ));
        }
        self.begun = true;
        Ok(())
    }

    /// `with session.begin(): body` — commits when `body` returns `Ok`, rolls back (and
    /// returns the error) when it returns `Err`.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] when a transaction is already open ("A transaction is
    /// already begun on this Session."); the body's error; the commit's errors.
    pub fn begin<T>(&mut self, body: impl FnOnce(&mut Session) -> Result<T>) -> Result<T> {
        self.check_usable()?;
        if self.in_transaction() {
            return Err(Error::InvalidRequestError(
                "A transaction is already begun on this Session.".to_owned(),
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
}
