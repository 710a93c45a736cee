//! The Python subset Retort runs: a parser adapter over `ruff_python_parser`, an evaluator
//! with CPython's semantics, the builtins and a small standard library. The `sqlalchemy`
//! modules plug in through [`ModuleRegistry`] (see [`modules`]).
//!
//! # Where to find things
//! - [`parse`]: source text → AST, syntax errors in CPython's layout.
//! - [`interp`]: the [`Interpreter`] (public API: `new`, `run`, `take_output`, `registry`).
//! - [`stmt`], [`expr`], [`call`], [`attr`], [`ops`], [`sequence`]: the evaluator, by concept.
//! - [`value`], [`class`], [`function`], [`frame`]: the runtime's data.
//! - [`exceptions`], [`traceback`], [`error`]: raising, unwinding, reporting.
//! - [`builtins`], [`convert`], [`methods`], [`strings`], [`format`]: builtins and methods.
//! - [`modules`], [`stdlib`], [`itertools`], [`json`], [`enums`]: imports, native modules, the
//!   standard library.
//! - [`generator`], [`genflow`], [`genobj`], [`genexpr`]: generator functions, their
//!   objects, `contextlib.contextmanager` and lazy generator expressions.
//! - [`budget`]: the step budget.
//! - [`program`]: a script parsed once and run one top-level statement at a time.
//! - [`session_probe`]: the live sessions of a script, for the playground's panels.
//! - [`golden`]: the golden corpus's comparison rules (normalizing what varies run to run).
//! - [`sqlalchemy`]: the `sqlalchemy` modules, bridging scripts to the ORM core (`retort`):
//!   engines and results ([`sqlalchemy::engine`], [`sqlalchemy::result`]), schema and
//!   declarative mapping ([`sqlalchemy::schema`], [`sqlalchemy::table`],
//!   [`sqlalchemy::constraints`], [`sqlalchemy::declarative`], [`sqlalchemy::relationship`]),
//!   instrumented attributes and object state ([`sqlalchemy::instrument`],
//!   [`sqlalchemy::state`], [`sqlalchemy::collection`]), sessions and queries
//!   ([`sqlalchemy::session`], [`sqlalchemy::sessionmaker`], [`sqlalchemy::session_views`],
//!   [`sqlalchemy::select`], [`sqlalchemy::query`], [`sqlalchemy::expr`]), `inspect()`
//!   ([`sqlalchemy::inspect`]) and `sqlalchemy.exc` ([`sqlalchemy::exc`]).

pub mod abc;
pub mod attr;
pub mod attr_object;
pub mod budget;
pub mod builtin_subclass;
pub mod builtins;
pub mod builtins_attr;
pub mod builtins_num;
pub mod bytes;
pub mod calendar;
pub mod call;
pub mod class;
pub mod collections;
pub mod compare;
pub mod convert;
pub mod csvio;
pub mod dataclass;
pub mod datetime;
pub mod decimal;
pub mod enums;
pub mod error;
pub mod exceptions;
pub mod expr;
pub mod format;
pub mod frame;
pub mod function;
pub mod functools;
pub mod generator;
pub mod genexpr;
pub mod genflow;
pub mod genobj;
pub mod golden;
pub mod hashing;
pub mod heapq_bisect;
#[cfg(test)]
mod hooks_tests;
pub mod interp;
pub mod iteration;
pub mod itertools;
pub mod json;
pub mod logging;
pub mod matching;
pub mod methods;
pub mod modules;
pub mod names;
pub mod numfmt;
pub mod ops;
pub mod parse;
pub mod paths;
pub mod percent;
pub mod pprint;
pub mod program;
pub mod random;
pub mod re;
pub mod re_match;
pub mod scope;
pub mod sequence;
pub mod session_probe;
pub mod setorder;
pub mod sqlalchemy;
pub mod stdlib;
pub mod stmt;
pub mod strings;
pub mod strtrans;
pub mod suggestions;
pub mod sysmods;
pub mod textmods;
pub mod traceback;
pub mod try_with;
pub mod types_mod;
pub mod typing;
pub mod urlparse;
pub mod uuid;
pub mod value;

pub use class::{Builtin, Class, Instance};
pub use error::Error;
pub use exceptions::Exc;
pub use function::{Args, NativeFunction};
pub use interp::{Config, Interpreter};
pub use modules::{Module, ModuleRegistry, NativeObject};
pub use program::{Program, StatementSpan};
pub use session_probe::LiveSession;
pub use value::Value;

/// The result of evaluating anything: a value, or an exception unwinding.
pub type PyResult<T> = Result<T, Exc>;

#[cfg(all(test, target_family = "wasm", target_os = "unknown"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
