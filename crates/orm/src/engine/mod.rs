//! The engine: where SQL meets SQLite.
//!
//! An [`Engine`] is what `create_engine()` returns: it knows its [`Url`], owns the one SQLite
//! connection (SQLite in memory is one database per connection, so SQLAlchemy itself keeps a
//! single connection for `sqlite://`), and records every transaction boundary and statement as
//! an [`Event`]. [`Connection`] runs statements with SQLAlchemy 2.x's autobegin: the first
//! statement opens the transaction, `commit()` or `rollback()` closes it, and dropping a
//! connection that is still in a transaction rolls it back, as closing one does in SQLAlchemy.

mod connection;
pub mod echo;
pub mod script;
mod url;

pub use connection::{Connection, CursorResult};
pub use url::Url;

use crate::error::{Error, Result};
use crate::event::Event;
use std::cell::RefCell;

/// A database and the log of everything done to it.
#[derive(Debug)]
pub struct Engine {
    url: Url,
    conn: rusqlite::Connection,
    events: RefCell<Vec<Event>>,
}

impl Engine {
    /// `create_engine(url)`: parses the URL and opens the database.
    ///
    /// # Failure
    /// [`Error::ArgumentError`] for a URL that does not parse, [`Error::NoSuchModuleError`] for a
    /// database other than SQLite, [`Error::Dbapi`] if SQLite cannot open it.
    pub fn create(url: &str) -> Result<Self> {
        let url = Url::parse(url)?;
        let conn = match url.database() {
            None => rusqlite::Connection::open_in_memory(),
            Some(path) => rusqlite::Connection::open(path),
        }
        .map_err(|e| Error::from_driver(e, "", &[]))?;
        Ok(Engine { url, conn, events: RefCell::new(Vec::new()) })
    }

    /// An engine on a fresh private in-memory database (`create_engine("sqlite://")`).
    pub fn in_memory() -> Result<Self> {
        Self::create("sqlite://")
    }

    /// The URL this engine was created with.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// A connection; its first statement begins a transaction.
    pub fn connect(&self) -> Connection<'_> {
        Connection::new(self)
    }

    /// `with engine.begin() as conn:` — runs `body` in a transaction that commits when it
    /// returns `Ok` and rolls back when it returns `Err`.
    pub fn begin<T>(&self, body: impl FnOnce(&mut Connection<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.connect();
        conn.begin();
        match body(&mut conn) {
            Ok(value) => {
                conn.commit()?;
                Ok(value)
            }
            Err(err) => {
                conn.rollback();
                Err(err)
            }
        }
    }

    /// Takes the events recorded since the last call, oldest first.
    pub fn drain_events(&self) -> Vec<Event> {
        std::mem::take(&mut *self.events.borrow_mut())
    }

    pub(crate) fn record(&self, event: Event) {
        self.events.borrow_mut().push(event);
    }

    pub(crate) fn sqlite(&self) -> &rusqlite::Connection {
        &self.conn
    }
}
