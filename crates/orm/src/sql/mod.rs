//! SQL expressions: one tree for `select()`, `insert()`, `update()` and `delete()` with their
//! clauses, and one compiler that turns it into SQLite text with bound parameters.
//!
//! Nothing else in Retort writes SQL text, apart from DDL in [`crate::schema::ddl`].

pub mod compiler;
pub mod expr;
mod operators;
pub mod quote;
mod rewrite;
pub mod savepoint;
pub mod statement;
pub mod text;
pub mod types;

pub use compiler::{Compiled, ParamStyle, compile};
pub use expr::{Expr, InTarget, IntoExpr, Op, Source, and_, exists, func, literal, not_, or_};
pub use statement::{
    Correlate, Delete, FromItem, Insert, Select, Statement, Update, alias, anon_alias, delete,
    insert, select, select_compound, select_table, select_text, update,
};
pub use text::{TextClause, text};
