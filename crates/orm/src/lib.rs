//! Retort's ORM core: SQLAlchemy 2.x's engine, and on top of it (as they land) its schema,
//! mapper, session and unit of work, over a real SQLite.
//!
//! # Where to find things
//! - [`engine`]: `create_engine()`, connections, transactions, the echo log.
//! - [`event`]: every observable thing the ORM does, as typed values.
//! - [`schema`]: `MetaData`, `Table`, `Column`, constraints, DDL, `create_all` / `drop_all`.
//! - [`types`]: column types and their SQLite DDL names.
//! - [`sql`]: the expression tree and the one compiler to SQLite text.
//! - [`mapper`]: classes mapped to tables at run time.
//! - [`query`]: `select()` of entities and columns, the legacy `session.query()`, ORM results.
//! - [`relationship`]: one-to-many, many-to-one, one-to-one, many-to-many and
//!   self-referential links, back_populates / backref, cascades, loader strategies.
//! - [`session`]: the object arena, object states, identity map, autobegin, commit/rollback,
//!   `begin()` blocks, `no_autoflush`, `merge()`.
//! - [`unit_of_work`]: the flush plan (ordered steps with reasons, association rows included)
//!   and its execution.
//! - [`value`]: the dynamic SQL value and its Python `repr()`.
//! - [`error`]: the one error enum, with SQLAlchemy's exception names.
//!
//! # Example: engine, mapper, session, query
//! Every handle is owned and lifetime-free ([`Engine`] is a clonable `Rc` handle; a
//! [`session::Session`] keeps its own), so an interpreter can keep them in heap objects.
//! Objects live in a shared [`session::Store`] and are named by [`session::ObjectId`].
//!
//! ```
//! use retort::mapper::Mapper;
//! use retort::query::{Cell, Entity, select};
//! use retort::relationship::{RelationshipOptions, relationship_with};
//! use retort::schema::{Column, ForeignKey, MetaData, Table};
//! use retort::session::{Session, Store};
//! use retort::types::SqlType;
//! use retort::{Engine, Event, Value};
//! use std::{cell::RefCell, rc::Rc};
//!
//! # fn main() -> retort::Result<()> {
//! let md = MetaData::new();
//! let users = md.add(Table::new("users")
//!     .column(Column::new("id", SqlType::Integer).primary_key())
//!     .column(Column::new("name", SqlType::String(Some(30)))))?;
//! let addresses = md.add(Table::new("addresses")
//!     .column(Column::new("id", SqlType::Integer).primary_key())
//!     .column(Column::new("email", SqlType::String(None)))
//!     .column(Column::foreign("user_id", ForeignKey::new("users.id")?)))?;
//! let engine = Engine::create("sqlite://")?;
//! md.create_all(&engine, true)?;
//! let user = Mapper::new("User", &users)?;
//! let address = Mapper::new("Address", &addresses)?;
//! relationship_with(&user, "addresses", &address, RelationshipOptions {
//!     backref: Some("user".into()),
//!     cascade: Some("all, delete-orphan".into()),
//!     ..RelationshipOptions::default()
//! })?;
//!
//! let store = Rc::new(RefCell::new(Store::new()));
//! let mut session = Session::new(&engine, Rc::clone(&store));
//! let ed = store.borrow_mut().create(&user, &[("name".into(), "ed".into())])?;
//! let home = store.borrow_mut().create(&address, &[("email".into(), "ed@home".into())])?;
//! store.borrow_mut().append_child(ed, "addresses", home)?; // back side set in memory
//! session.add(ed)?; // cascades to `home`
//! session.commit()?;
//!
//! let u = Entity::of(&user);
//! let q = select(vec![u.clone().into()]).where_(u.c("name")?.eq("ed"));
//! assert_eq!(session.scalars(&q)?.one()?, Cell::Object(ed)); // same object, identity map
//! assert_eq!(session.get_attr(home, "user_id")?, Value::Integer(1));
//! let sql: Vec<String> = engine.drain_events().iter()
//!     .filter_map(|e| match e { Event::Statement { sql, .. } => Some(sql.to_string()), _ => None })
//!     .collect();
//! assert!(sql.iter().any(|s| s.starts_with("INSERT INTO addresses")));
//! # Ok(())
//! # }
//! ```
//!
//! The crate knows nothing of Python or of the browser: it builds natively (SQLite compiled in)
//! and for `wasm32-unknown-unknown` (SQLite from `sqlite-wasm-rs`), and its tests run on both.

pub mod engine;
pub mod error;
pub mod event;
pub mod mapper;
pub mod query;
pub mod relationship;
pub mod schema;
pub mod session;
pub mod sql;
pub mod types;
pub mod unit_of_work;
pub mod value;

pub use engine::{Connection, CursorResult, Engine};
pub use error::{DbapiErrorKind, Error, Result};
pub use event::Event;
pub use value::Value;

#[cfg(all(test, target_family = "wasm", target_os = "unknown"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
