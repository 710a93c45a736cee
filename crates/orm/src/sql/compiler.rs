//! The one SQL compiler: walks a [`Statement`] and writes SQLite text with its bound
//! parameters, spaced and parenthesized as SQLAlchemy 2.x's compiler writes it.
//!
//! Two styles: [`ParamStyle::Qmark`] is what runs (`?` placeholders, `IN` lists expanded as
//! SQLAlchemy expands its "post-compile" parameters, SQLite's reserved words), and
//! [`ParamStyle::Named`] is `str(stmt)` (`:name_1` placeholders, `IN (__[POSTCOMPILE_id_1])`,
//! the default dialect's reserved words).

use super::expr::{Expr, InTarget, Op, Source};
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
            if !i.values.is_empty() {
                // `.values()` is part of SQLAlchemy's cache key; execution parameters are not.
                let mut done = c.finish();
                done.cache_key.insert_str(0, "values|");
                return Ok(done);
            }
        }
        Statement::Update(u) => c.update(u)?,
        Statement::Delete(d) => c.delete(d)?,
        Statement::Compound(k) => c.compound(k)?,
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

/// `str(expr)`: a column expression as SQLAlchemy prints it without an engine
/// (`users.name = :name_1`).
///
/// # Failure
/// As [`compile`].
pub fn expr_to_string(e: &Expr) -> Result<String> {
    let mut c = Compiler::new(ParamStyle::Named);
    c.expr(e, &[])?;
    Ok(c.finish().sql)
}

enum Param {
    One(Value),
    Expanding(Vec<Value>),
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
    /// What the statement's cache key needs beyond its text (SQLite writes `LIMIT ? OFFSET ?`
    /// whether or not both were given; SQLAlchemy's cache keys tell them apart).
    key_extra: String,
}

/// A CTE compiled where first met: its name, `name AS \n(SELECT ...)` and its parameters.
struct CteDef {
    name: String,
    text: String,
    params: Vec<(String, Param)>,
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
            .filter(|(_, p)| matches!(p, Param::Expanding(_)));
        for piece in pieces {
            if let Some((name, Param::Expanding(values))) = expanding.next() {
                if values.is_empty() {
                    sql.push_str("SELECT 1 FROM (SELECT 1) WHERE 1!=1");
                } else {
                    sql.push_str(&vec!["?"; values.len()].join(", "));
                }
                let _ = name;
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
        self.sql = format!("WITH {}\n {}", defs.join(", \n"), self.sql);
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
            (Param::Expanding(_), ParamStyle::Named | ParamStyle::SqliteStr) => {
                self.sql.push_str(&format!("__[POSTCOMPILE_{name}]"));
            }
            (Param::Expanding(_), ParamStyle::Qmark) => self.sql.push_str(EXPANDING),
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
            Expr::And(_) => 3,
            Expr::Or(_) => 2,
            Expr::Not(_)
            | Expr::IsNull { .. }
            | Expr::In { .. }
            | Expr::Between { .. }
            | Expr::ILike { .. } => 5,
            Expr::Collate { .. } => 4,
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

    fn expr(&mut self, e: &Expr, enclosing: &[Source]) -> Result<()> {
        match e {
            Expr::Column { source, name, .. } => {
                let s = self.source_name(source);
                let n = self.q(name);
                self.sql.push_str(&format!("{s}.{n}"));
            }
            Expr::Bind { value, key } => self.bind(value, key),
            Expr::NamedBind { name, value } => {
                let given = self.exec.iter().find(|(n, _)| n == name).map(|(_, v)| v);
                let v = match (given, value) {
                    (Some(v), _) | (None, Some(v)) => v.clone(),
                    (None, None) => {
                        if self.style == ParamStyle::Qmark && self.missing.is_none() {
                            self.missing = Some(name.clone());
                        }
                        Value::Null
                    }
                };
                self.placeholder(name.clone(), Param::One(v));
            }
            Expr::Null => self.sql.push_str("NULL"),
            Expr::Bool(v) => self.sql.push_str(match (self.dialect, v) {
                (Dialect::Sqlite, true) => "1",
                (Dialect::Sqlite, false) => "0",
                (_, true) => "true",
                (_, false) => "false",
            }),
            Expr::LiteralText(t) => self.sql.push_str(t),
            Expr::TextBinds { text, params } => self.text_binds(text, params),
            Expr::Star => self.sql.push('*'),
            Expr::Binary { left, op, right } => {
                // SQLAlchemy groups a `||` operand of a comparison: `(a || b) = c`.
                let p = op.precedence();
                let comparison = matches!(op, Op::Eq | Op::Ne | Op::Lt | Op::Le | Op::Gt | Op::Ge);
                let against = |e: &Expr| match e {
                    Expr::Binary { op: Op::Concat, .. } if comparison => 6,
                    _ => p,
                };
                self.operand(left, against(left), Some(*op), enclosing)?;
                self.sql.push_str(&format!(" {} ", op.sql()));
                if matches!(op, Op::Like | Op::NotLike)
                    && matches!(**right, Expr::Binary { op: Op::Concat, .. })
                {
                    // `contains()` / `startswith()` patterns: SQLAlchemy writes
                    // `LIKE '%' || :x || '%'` as text, ungrouped.
                    self.expr(right, enclosing)?;
                } else {
                    self.operand(right, against(right), Some(*op), enclosing)?;
                }
            }
            Expr::And(items) => self.join_exprs(items, " AND ", 3, enclosing)?,
            Expr::Or(items) => self.join_exprs(items, " OR ", 2, enclosing)?,
            // SQLAlchemy groups an EXISTS it negates: `NOT (EXISTS (SELECT ...))`.
            Expr::Not(inner) if matches!(**inner, Expr::Exists(_)) => {
                self.sql.push_str("NOT (");
                self.expr(inner, enclosing)?;
                self.sql.push(')');
            }
            Expr::Not(inner) => {
                self.sql.push_str("NOT ");
                self.operand(inner, 5, None, enclosing)?;
            }
            Expr::IsNull { expr, negate } => {
                self.operand(expr, 5, None, enclosing)?;
                self.sql
                    .push_str(if *negate { " IS NOT NULL" } else { " IS NULL" });
            }
            Expr::In {
                expr,
                target,
                negate,
            } => {
                if *negate {
                    self.sql.push('(');
                }
                self.operand(expr, 5, None, enclosing)?;
                self.sql
                    .push_str(if *negate { " NOT IN (" } else { " IN (" });
                match target {
                    InTarget::Values(values) => {
                        let key = match &**expr {
                            Expr::Column { name, .. } => name.clone(),
                            _ => "param".to_owned(),
                        };
                        let name = self.anon_name(&key);
                        self.placeholder(name, Param::Expanding(values.clone()));
                    }
                    InTarget::Select(s) => self.select(s, enclosing, false)?,
                }
                self.sql.push(')');
                if *negate {
                    self.sql.push(')');
                }
            }
            Expr::Between {
                expr,
                low,
                high,
                negate,
            } => {
                self.operand(expr, 5, None, enclosing)?;
                self.sql.push_str(if *negate {
                    " NOT BETWEEN "
                } else {
                    " BETWEEN "
                });
                self.operand(low, 5, None, enclosing)?;
                self.sql.push_str(" AND ");
                self.operand(high, 5, None, enclosing)?;
            }
            Expr::ILike {
                expr,
                pattern,
                negate,
            } => {
                self.sql.push_str("lower(");
                self.expr(expr, enclosing)?;
                self.sql.push_str(if *negate {
                    ") NOT LIKE lower("
                } else {
                    ") LIKE lower("
                });
                self.expr(pattern, enclosing)?;
                self.sql.push(')');
            }
            Expr::Grouped(inner) => {
                self.sql.push('(');
                self.expr(inner, enclosing)?;
                self.sql.push(')');
            }
            Expr::Func { name, args } => {
                self.sql.push_str(name);
                self.sql.push('(');
                if args.is_empty() && name.eq_ignore_ascii_case("count") {
                    self.sql.push('*');
                }
                self.join_exprs(args, ", ", -1, enclosing)?;
                self.sql.push(')');
            }
            // A label names its expression only in a columns clause (written there by the
            // SELECT); elsewhere (GROUP BY, HAVING, inside a function) SQLAlchemy writes the
            // expression, and ORDER BY the label's name when the SELECT has it.
            Expr::Label { expr, .. } => self.expr(expr, enclosing)?,
            Expr::Order { expr, desc } => {
                self.operand(expr, 3, None, enclosing)?;
                self.sql.push_str(if *desc { " DESC" } else { " ASC" });
            }
            Expr::Exists(s) => {
                self.sql.push_str("EXISTS (");
                self.select(s, enclosing, false)?;
                self.sql.push(')');
            }
            Expr::ScalarSubquery(s) => {
                self.sql.push('(');
                self.select(s, enclosing, false)?;
                self.sql.push(')');
            }
            Expr::Distinct(inner) => {
                self.sql.push_str("DISTINCT ");
                self.expr(inner, enclosing)?;
            }
            Expr::Case {
                value,
                whens,
                else_,
            } => {
                self.sql.push_str("CASE ");
                if let Some(v) = value {
                    self.expr(v, enclosing)?;
                    self.sql.push(' ');
                }
                for (c, r) in whens {
                    self.sql.push_str("WHEN ");
                    // SQLAlchemy groups each condition (`self_group()`), not the results.
                    self.operand(c, 99, None, enclosing)?;
                    self.sql.push_str(" THEN ");
                    self.expr(r, enclosing)?;
                    self.sql.push(' ');
                }
                if let Some(e) = else_ {
                    self.sql.push_str("ELSE ");
                    self.expr(e, enclosing)?;
                    self.sql.push(' ');
                }
                self.sql.push_str("END");
            }
            Expr::Cast { expr, ty } => {
                self.sql.push_str("CAST(");
                self.expr(expr, enclosing)?;
                self.sql.push_str(&format!(" AS {ty})"));
            }
            Expr::Extract { field, expr } => self.extract(field, expr, enclosing)?,
            Expr::Collate { expr, collation } => {
                self.operand(expr, 4, None, enclosing)?;
                let c = self.q(collation);
                self.sql.push_str(&format!(" COLLATE {c}"));
            }
            Expr::Nulls { expr, first } => {
                self.operand(expr, 3, None, enclosing)?;
                self.sql.push_str(if *first {
                    " NULLS FIRST"
                } else {
                    " NULLS LAST"
                });
            }
        }
        Ok(())
    }
}

impl Compiler {
    /// `EXTRACT(field FROM x)`; SQLAlchemy's SQLite dialect writes
    /// `CAST(STRFTIME('%Y', x) AS INTEGER)` and knows only these fields.
    fn extract(&mut self, field: &str, e: &Expr, enclosing: &[Source]) -> Result<()> {
        if self.dialect == Dialect::Default {
            self.sql.push_str(&format!("EXTRACT({field} FROM "));
            self.expr(e, enclosing)?;
            self.sql.push(')');
            return Ok(());
        }
        let format = match field {
            "month" => "%m",
            "day" => "%d",
            "year" => "%Y",
            "second" => "%S",
            "hour" => "%H",
            "doy" => "%j",
            "minute" => "%M",
            "epoch" => "%s",
            "dow" => "%w",
            "week" => "%W",
            other => {
                return Err(crate::Error::CompileError(format!(
                    "{other} is not a valid extract argument."
                )));
            }
        };
        self.sql.push_str(&format!("CAST(STRFTIME('{format}', "));
        self.expr(e, enclosing)?;
        self.sql.push_str(") AS INTEGER)");
        Ok(())
    }
}

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
