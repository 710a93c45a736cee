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
//! - [`relationship`]: one-to-many / many-to-one links, back_populates, cascades.
//! - [`session`]: the object arena, object states, identity map, autobegin, commit/rollback.
//! - [`unit_of_work`]: the flush plan (ordered steps with reasons) and its execution.
//! - [`value`]: the dynamic SQL value and its Python `repr()`.
//! - [`error`]: the one error enum, with SQLAlchemy's exception names.
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
