//! The one SQL compiler: walks a [`Statement`] and writes SQLite text with its bound
//! parameters, spaced and parenthesized as SQLAlchemy 2.x's compiler writes it.
//!
//! Two styles: [`ParamStyle::Qmark`] is what runs (`?` placeholders, `IN` lists expanded as
//! SQLAlchemy expands its "post-compile" parameters, SQLite's reserved words), and
//! [`ParamStyle::Named`] is `str(stmt)` (`:name_1` placeholders, `IN (__[POSTCOMPILE_id_1])`,
//! the default dialect's reserved words).

use super::expr::{Expr, Op, Source};
use super::quote::{Dialect, quote};
use super::statement::Statement;
use crate::error::Result;
use crate::value::Value;
use std::collections::HashMap;

/// How bound parameters appear in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamStyle {
    /// `?`, SQLite's positional style, as statements execute.
    Qmark,
    /// `:name`, as `str(stmt)` prints.
    Named,
    /// `str()` of a statement compiled for SQLite (`str(session.query(...))`,
    /// `stmt.compile(engine)`): `?` placeholders, SQLite's reserved words, `IN` lists left as
    /// `(__[POSTCOMPILE_name])`.
    SqliteStr,
}

/// A compiled statement: its text, its parameters in order and their names.
#[derive(Debug, Clone, PartialEq)]
pub struct Compiled {
    /// The SQL text.
    pub sql: String,
    /// The parameter values, in placeholder order (IN lists expanded).
    pub params: Vec<Value>,
    /// The parameter names, in placeholder order (SQLAlchemy's `positiontup`).
    pub names: Vec<String>,
    /// The text before IN lists were expanded: SQLAlchemy's cache key is the statement's
    /// structure without its values, which this text stands for.
    pub cache_key: String,
    /// The parameters by name as `compiled.params` shows them (an IN list as one list).
    pub bound: Vec<(String, BoundValue)>,
}

/// A parameter's value in [`Compiled::bound`].
#[derive(Debug, Clone, PartialEq)]
pub enum BoundValue {
    /// One value.
    One(Value),
    /// An expanding `IN` list.
    List(Vec<Value>),
}

/// Compiles `stmt`, with `rows` (column name, value) for an INSERT without `.values()`.
///
/// # Failure
/// [`crate::Error::InvalidRequestError`] for a join whose ON clause cannot be inferred,
/// errors of a column default's callable.
pub fn compile(stmt: &Statement, style: ParamStyle, row: &[(String, Value)]) -> Result<Compiled> {
    let mut c = Compiler::new(style);
    c.exec = row.to_vec();
    match stmt {
        Statement::Select(s) => {
            c.select(s, &[], false)?;
            c.prefix_ctes();
        }
        Statement::Insert(i) => {
            c.insert(i, row)?;
            if !i.values.is_empty() || !i.exprs.is_empty() || !i.multi.is_empty() {
                // `.values()` is part of SQLAlchemy's cache key; execution parameters are not.
                let mut done = c.finish();
                done.cache_key.insert_str(0, "values|");
                return Ok(done);
            }
        }
        Statement::Update(u) => c.update(u)?,
        Statement::Delete(d) => c.delete(d)?,
        Statement::Compound(k) => c.compound(k, false)?,
    }
    if let Some(name) = c.missing.take() {
        let sql = c.finish().sql;
        return Err(crate::Error::StatementError(format!(
            "(sqlalchemy.exc.InvalidRequestError) A value is required for bind parameter '{name}'\n[SQL: {sql}]\n(Background on this error at: https://sqlalche.me/e/21/cd3x)"
        )));
    }
    Ok(c.finish())
}

/// One `INSERT` of several rows, `VALUES (...), (...)` (SQLAlchemy's "insertmanyvalues"
/// batch, as `session.execute(insert(User).returning(User), rows)` sends it).
///
/// # Failure
/// Errors of a column default's callable.
pub fn compile_insert_rows(
    ins: &super::statement::Insert,
    rows: &[&[(String, Value)]],
    style: ParamStyle,
) -> Result<Compiled> {
    let mut c = Compiler::new(style);
    c.insert_rows(ins, rows)?;
    Ok(c.finish())
}

/// `str(stmt)`: the statement as SQLAlchemy prints it without an engine.
///
/// # Failure
/// As [`compile`].
pub fn to_string(stmt: &Statement) -> Result<String> {
    Ok(compile(stmt, ParamStyle::Named, &[])?.sql)
}

/// `str(join)`: a FROM item as SQLAlchemy prints it without an engine
/// (`user_account JOIN address ON user_account.id = address.user_id`).
///
/// # Failure
/// As [`compile`].
pub fn from_to_string(item: &super::statement::FromItem) -> Result<String> {
    let mut c = Compiler::new(ParamStyle::Named);
    c.write_from(item)?;
    Ok(c.finish().sql)
}

/// `str(expr)`: a column expression as SQLAlchemy prints it without an engine
/// (`users.name = :name_1`).
///
/// # Failure
/// As [`compile`].
pub fn expr_to_string(e: &Expr) -> Result<String> {
    Ok(compile_expr(e, ParamStyle::Named)?.sql)
}

/// `expr.compile()`: one SQL expression on its own, with its bound parameters.
///
/// # Failure
/// As [`compile`].
pub fn compile_expr(e: &Expr, style: ParamStyle) -> Result<Compiled> {
    let mut c = Compiler::new(style);
    c.expr(e, &[])?;
    Ok(c.finish())
}

enum Param {
    One(Value),
    Expanding(Vec<Value>),
    /// An expanding list of rows (a tuple IN), and the tuple's width (for an empty list).
    Rows(Vec<Vec<Value>>, usize),
}

struct Compiler {
    style: ParamStyle,
    dialect: Dialect,
    sql: String,
    params: Vec<(String, Param)>,
    counts: HashMap<String, u32>,
    anon: HashMap<u64, String>,
    /// `literal_binds`: values are written inline instead of as placeholders.
    literal: bool,
    /// The first value that had no literal form.
    literal_error: Option<crate::Error>,
    /// The execution's parameters (the values of `bindparam()`s).
    exec: Vec<(String, Value)>,
    /// The first `bindparam()` that got no value when executing.
    missing: Option<String>,
    /// The CTEs met so far, in order.
    ctes: Vec<CteDef>,
    /// The CTEs being compiled (a recursive CTE's body refers to itself).
    ctes_open: Vec<String>,
    /// What a LATERAL subquery on the right of a join correlates to: the join's left side.
    lateral_env: Vec<Source>,
    /// What the statement's cache key needs beyond its text (SQLite writes `LIMIT ? OFFSET ?`
    /// whether or not both were given; SQLAlchemy's cache keys tell them apart).
    key_extra: String,
}

/// A CTE compiled where first met: its name, `name AS \n(SELECT ...)` and its parameters.
struct CteDef {
    name: String,
    text: String,
    params: Vec<(String, Param)>,
    recursive: bool,
}

const EXPANDING: &str = "\u{0}EXPAND\u{0}";

impl Compiler {
    fn new(style: ParamStyle) -> Self {
        let dialect = match style {
            ParamStyle::Qmark | ParamStyle::SqliteStr => Dialect::Sqlite,
            ParamStyle::Named => Dialect::Default,
        };
        Compiler {
            style,
            dialect,
            sql: String::new(),
            params: Vec::new(),
            counts: HashMap::new(),
            anon: HashMap::new(),
            literal: false,
            literal_error: None,
            exec: Vec::new(),
            missing: None,
            ctes: Vec::new(),
            ctes_open: Vec::new(),
            lateral_env: Vec::new(),
            key_extra: String::new(),
        }
    }

    fn finish(self) -> Compiled {
        let mut cache_key = self.sql.replace(EXPANDING, "?");
        cache_key.push_str(&self.key_extra);
        let mut sql = String::with_capacity(self.sql.len());
        let mut params = Vec::new();
        let mut names = Vec::new();
        let mut pieces = self.sql.split(EXPANDING);
        if let Some(first) = pieces.next() {
            sql.push_str(first);
        }
        let mut expanding = self
            .params
            .iter()
            .filter(|(_, p)| matches!(p, Param::Expanding(_) | Param::Rows(..)));
        for piece in pieces {
            match expanding.next() {
                Some((_, Param::Expanding(values))) if values.is_empty() => {
                    sql.push_str("SELECT 1 FROM (SELECT 1) WHERE 1!=1");
                }
                Some((_, Param::Expanding(values))) => {
                    sql.push_str(&vec!["?"; values.len()].join(", "));
                }
                // SQLite's row values: `IN (VALUES (?, ?), (?, ?))`, as SQLAlchemy's dialect.
                Some((_, Param::Rows(rows, width))) => {
                    let ones = vec!["1"; (*width).max(1)].join(", ");
                    if rows.is_empty() {
                        sql.push_str(&format!("SELECT {ones} FROM (SELECT {ones}) WHERE 1!=1"));
                    } else {
                        let rows: Vec<String> = rows
                            .iter()
                            .map(|r| format!("({})", vec!["?"; r.len()].join(", ")))
                            .collect();
                        sql.push_str(&format!("VALUES {}", rows.join(", ")));
                    }
                }
                _ => {}
            }
            sql.push_str(piece);
        }
        let mut bound = Vec::with_capacity(self.params.len());
        for (name, p) in self.params {
            match p {
                Param::One(v) => {
                    bound.push((name.clone(), BoundValue::One(v.clone())));
                    params.push(v);
                    names.push(name);
                }
                Param::Expanding(vs) => {
                    bound.push((name.clone(), BoundValue::List(vs.clone())));
                    for (i, v) in vs.into_iter().enumerate() {
                        params.push(v);
                        names.push(format!("{name}_{}", i + 1));
                    }
                }
                Param::Rows(rows, _) => {
                    bound.push((name.clone(), BoundValue::List(rows.concat())));
                    for (r, row) in rows.into_iter().enumerate() {
                        for (c, v) in row.into_iter().enumerate() {
                            params.push(v);
                            names.push(format!("{name}_{}_{}", r + 1, c + 1));
                        }
                    }
                }
            }
        }
        Compiled {
            sql,
            params,
            names,
            cache_key,
            bound,
        }
    }

    /// Puts the CTEs met in a `WITH` clause before the statement, their parameters first.
    pub(super) fn prefix_ctes(&mut self) {
        if self.ctes.is_empty() {
            return;
        }
        let ctes = std::mem::take(&mut self.ctes);
        let defs: Vec<&str> = ctes.iter().map(|d| d.text.as_str()).collect();
        let recursive = if ctes.iter().any(|d| d.recursive) {
            "RECURSIVE "
        } else {
            ""
        };
        self.sql = format!("WITH {recursive}{}\n {}", defs.join(", \n"), self.sql);
        let mut params = Vec::new();
        for d in ctes {
            params.extend(d.params);
        }
        params.append(&mut self.params);
        self.params = params;
    }

    fn q(&self, name: &str) -> String {
        quote(name, self.dialect)
    }

    fn anon_name(&mut self, base: &str) -> String {
        let n = self.counts.entry(base.to_owned()).or_insert(0);
        *n += 1;
        format!("{base}_{n}")
    }

    fn source_name(&mut self, source: &Source) -> String {
        match source {
            Source::Named(n) => self.q(n),
            Source::Anon(id) => {
                if let Some(n) = self.anon.get(id) {
                    return n.clone();
                }
                let n = self.anon_name("anon");
                self.anon.insert(*id, n.clone());
                n
            }
            Source::AnonAlias { id, table } => {
                if let Some(n) = self.anon.get(id) {
                    return n.clone();
                }
                let n = self.anon_name(table);
                self.anon.insert(*id, n.clone());
                n
            }
        }
    }

    fn placeholder(&mut self, name: String, param: Param) {
        if self.literal {
            self.push_literals(&param);
            return;
        }
        match (&param, self.style) {
            (Param::Expanding(_) | Param::Rows(..), ParamStyle::Named | ParamStyle::SqliteStr) => {
                self.sql.push_str(&format!("__[POSTCOMPILE_{name}]"));
            }
            (Param::Expanding(_) | Param::Rows(..), ParamStyle::Qmark) => {
                self.sql.push_str(EXPANDING)
            }
            (Param::One(_), ParamStyle::Named) => {
                self.sql.push(':');
                self.sql.push_str(&name);
            }
            (Param::One(_), ParamStyle::Qmark | ParamStyle::SqliteStr) => self.sql.push('?'),
        }
        self.params.push((name, param));
    }

    fn bind(&mut self, value: &Value, key: &Option<String>) {
        let name = self.anon_name(key.as_deref().unwrap_or("param"));
        self.placeholder(name, Param::One(value.clone()));
    }

    fn precedence(e: &Expr) -> i32 {
        match e {
            Expr::Binary { op, .. } => op.precedence(),
            Expr::Neg(_) => 8,
            Expr::And(_) => 3,
            Expr::Or(_) => 2,
            Expr::Not(_)
            | Expr::IsNull { .. }
            | Expr::In { .. }
            | Expr::Between { .. }
            | Expr::ILike { .. } => 5,
            Expr::Collate { .. } => 4,
            Expr::Escape { expr, .. } => Self::precedence(expr),
            // SQLAlchemy's `exists` binds loosest: grouped inside AND / OR.
            Expr::Exists(_) => 0,
            _ => 100,
        }
    }

    /// Writes `e` as an operand of an operator of precedence `against` (`op` when binary).
    fn operand(
        &mut self,
        e: &Expr,
        against: i32,
        op: Option<Op>,
        enclosing: &[Source],
    ) -> Result<()> {
        let same_assoc = matches!((e, op), (Expr::Binary { op: inner, .. }, Some(outer))
            if *inner == outer && matches!(outer, Op::Add | Op::Mul | Op::Concat));
        if !same_assoc && Self::precedence(e) <= against {
            self.sql.push('(');
            self.expr(e, enclosing)?;
            self.sql.push(')');
            Ok(())
        } else {
            self.expr(e, enclosing)
        }
    }

    fn join_exprs(
        &mut self,
        items: &[Expr],
        sep: &str,
        against: i32,
        enclosing: &[Source],
    ) -> Result<()> {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.sql.push_str(sep);
            }
            self.operand(item, against, None, enclosing)?;
        }
        Ok(())
    }

    /// A WHERE / HAVING clause: one criterion as is, several ANDed.
    fn criteria(&mut self, items: &[Expr], enclosing: &[Source]) -> Result<()> {
        match items {
            [one] => self.expr(one, enclosing),
            many => self.join_exprs(many, " AND ", 3, enclosing),
        }
    }
}

#[path = "compiler_expr.rs"]
mod expr;

#[path = "compiler_dml.rs"]
mod dml;

#[path = "compiler_select.rs"]
mod select;

#[path = "compiler_literal.rs"]
mod literal;
pub use literal::compile_literal;

#[cfg(test)]
#[path = "compiler_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "compiler_tests_core.rs"]
mod tests_core;
