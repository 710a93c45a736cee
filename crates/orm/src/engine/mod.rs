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
mod execute;
mod insert_run;
mod reflect_table;
pub mod reflection;
pub use reflect_table::ReflectedIndex;
pub mod script;
mod url;

pub use connection::{Connection, CursorResult};
pub use execute::Params;
pub(crate) use insert_run::{InsertLog, InsertRows, LogShape};
pub use url::Url;

/// The compiled-cache key of one of the mapper's own statements, compiled with key
/// `compiled`: a flush's INSERT / UPDATE / DELETE and the legacy bulk methods, which
/// SQLAlchemy runs with the mapper's compiled cache (so a Core statement of the same text is
/// still `[generated in ...]` the first time). An INSERT whose `defaulted` columns took a
/// Python-side default is an entry of its own (SQLAlchemy's compiler fills those in).
pub(crate) fn mapper_cache_key(compiled: &str, defaulted: &[usize]) -> String {
    match defaulted {
        [] => format!("flush|{compiled}"),
        _ => format!("flush|{compiled}|defaults {defaulted:?}"),
    }
}

use crate::error::{Error, Result};
use crate::event::Event;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use web_time::Instant;

/// A database and the log of everything done to it.
///
/// An `Engine` is a cheap, clonable handle (an `Rc` inside): clones share one database, one
/// event log and one compiled cache, so an interpreter can keep engines, connections and
/// sessions in heap objects without lifetimes. Everything is single-threaded (wasm included).
#[derive(Debug, Clone)]
pub struct Engine {
    inner: Rc<EngineInner>,
}

#[derive(Debug)]
struct EngineInner {
    url: Url,
    conn: rusqlite::Connection,
    /// The log, in chunks so that a flush of many rows never copies it to grow it.
    events: RefCell<Vec<Vec<Event>>>,
    /// The compiled cache: each statement's cache key and when it was first compiled.
    cache: RefCell<HashMap<String, Instant>>,
    /// Whether statements' rows are recorded as [`Event::Rows`].
    log_rows: std::cell::Cell<bool>,
    /// Whether the database has been used (see [`Engine::has_connected`]).
    used: std::cell::Cell<bool>,
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
        Ok(Engine {
            inner: Rc::new(EngineInner {
                url,
                conn,
                events: RefCell::new(Vec::new()),
                cache: RefCell::new(HashMap::new()),
                log_rows: std::cell::Cell::new(false),
                used: std::cell::Cell::new(false),
            }),
        })
    }

    /// An engine on a fresh private in-memory database (`create_engine("sqlite://")`).
    pub fn in_memory() -> Result<Self> {
        Self::create("sqlite://")
    }

    /// The URL this engine was created with.
    pub fn url(&self) -> &Url {
        &self.inner.url
    }

    /// A connection; its first statement begins a transaction.
    pub fn connect(&self) -> Connection {
        Connection::new(self.clone())
    }

    /// Whether `self` and `other` are handles to the same engine.
    pub fn same_as(&self, other: &Engine) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }

    /// `with engine.begin() as conn:` — runs `body` in a transaction that commits when it
    /// returns `Ok` and rolls back when it returns `Err`.
    pub fn begin<T>(&self, body: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
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
        let chunks = std::mem::take(&mut *self.inner.events.borrow_mut());
        if chunks.len() <= 1 {
            return chunks.into_iter().next().unwrap_or_default();
        }
        let mut all = Vec::with_capacity(chunks.iter().map(Vec::len).sum());
        for chunk in chunks {
            all.extend(chunk);
        }
        all
    }

    /// Records (or stops recording) each statement's rows as an [`Event::Rows`], for
    /// `echo="debug"`.
    pub fn set_log_rows(&self, on: bool) {
        self.inner.log_rows.set(on);
    }

    pub(crate) fn logs_rows(&self) -> bool {
        self.inner.log_rows.get()
    }

    pub(crate) fn record(&self, event: Event) {
        const CHUNK: usize = 4096;
        let mut chunks = self.inner.events.borrow_mut();
        match chunks.last_mut() {
            Some(last) if last.len() < last.capacity() => last.push(event),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(event);
                chunks.push(chunk);
            }
        }
    }

    /// Records that object `object` of `class` moved from `from` to `to`: in the last event
    /// when that is the same move of another object of the class.
    pub(crate) fn record_state_change(
        &self,
        object: usize,
        class: &Rc<str>,
        from: crate::session::ObjectState,
        to: crate::session::ObjectState,
    ) {
        if let Some(Event::StateChange {
            objects,
            class: c,
            from: f,
            to: t,
        }) = self
            .inner
            .events
            .borrow_mut()
            .last_mut()
            .and_then(|chunk| chunk.last_mut())
            && *f == from
            && *t == to
            && (Rc::ptr_eq(c, class) || c == class)
        {
            objects.push(object);
            return;
        }
        self.record(Event::StateChange {
            objects: vec![object],
            class: Rc::clone(class),
            from,
            to,
        });
    }

    /// The log badge for a statement just compiled in `seconds`: `generated` the first time its
    /// cache key is seen, `cached since` afterwards (SQLAlchemy's compiled cache, whose key
    /// also tells a single execution from an `executemany`).
    pub(crate) fn cache_origin(
        &self,
        key: &str,
        many: bool,
        seconds: f64,
    ) -> crate::event::SqlOrigin {
        let mut cache = self.inner.cache.borrow_mut();
        let key = if many {
            format!("{key}|executemany")
        } else {
            key.to_owned()
        };
        match cache.get(&key) {
            Some(first) => crate::event::SqlOrigin::Cached {
                since: first.elapsed().as_secs_f64(),
            },
            None => {
                cache.insert(key, Instant::now());
                crate::event::SqlOrigin::Generated { seconds }
            }
        }
    }

    /// The rowid of the last row inserted (the DBAPI cursor's `lastrowid`, which
    /// SQLAlchemy's `inserted_primary_key` reads for an integer primary key).
    pub fn last_insert_rowid(&self) -> i64 {
        self.inner.conn.last_insert_rowid()
    }

    /// Whether `column` is the whole primary key of `table` and an alias of SQLite's rowid
    /// (declared exactly `INTEGER`, in a table with rowids): then `last_insert_rowid()` after
    /// an INSERT is the row's key, as `RETURNING column` would report it. Asked of SQLite
    /// itself, not read off the [`crate::schema::Table`], since the database may declare the
    /// table otherwise: a primary key that is no rowid alias has an index of origin `pk`.
    /// Any doubt (a view, a missing table) answers `false`.
    pub(crate) fn is_rowid_alias(&self, table: &str, column: &str) -> bool {
        const ASK: &str = "SELECT (SELECT count(*) FROM pragma_table_info(?1) WHERE pk > 0) = 1 \
             AND (SELECT count(*) FROM pragma_table_info(?1) \
                  WHERE pk = 1 AND name = ?2 COLLATE NOCASE) = 1 \
             AND (SELECT count(*) FROM pragma_index_list(?1) WHERE origin = 'pk') = 0";
        self.inner
            .conn
            .prepare_cached(ASK)
            .and_then(|mut stmt| stmt.query_row([table, column], |row| row.get::<_, bool>(0)))
            .unwrap_or(false)
    }

    pub(crate) fn sqlite(&self) -> &rusqlite::Connection {
        self.inner.used.set(true);
        &self.inner.conn
    }

    /// Whether anything has used the database yet (SQLAlchemy's pool would have made its
    /// first connection, firing the `connect` event).
    pub fn has_connected(&self) -> bool {
        self.inner.used.get()
    }

    /// Runs `sql` on the DB-API connection itself, as `dbapi_connection.cursor().execute(sql)`
    /// does in a `connect` event listener: not logged, outside any transaction bookkeeping.
    ///
    /// # Failure
    /// [`Error::Dbapi`] for an error SQLite reports.
    pub fn dbapi_execute(&self, sql: &str) -> Result<()> {
        self.inner
            .conn
            .execute_batch(sql)
            .map_err(|e| Error::from_driver(e, sql, &[]))
    }
}
