//! Column expressions: columns, bound values, operators, functions, labels and subquery
//! predicates — the nodes of a `WHERE`, `ORDER BY` or columns clause.
//!
//! The builders, in the `operators` module, mirror SQLAlchemy's operators (`col.eq(5)` is
//! `col == 5`, `and_`, `or_`, `not_`, `in_`, `like`, `is_`, `between`, `func.count`, `label`,
//! `desc`). A value compared with a column becomes a [`Expr::Bind`] named after that column (`:name_1`), as in SQLAlchemy.

use super::statement::{FromItem, Select};
use crate::value::Value;
use std::cell::Cell;
use std::rc::Rc;

/// Where a column lives: a table or alias by name, or an anonymous subquery (`anon_1`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A table or a named alias.
    Named(String),
    /// An unnamed subquery, numbered `anon_N` in order of appearance when compiled.
    Anon(u64),
    /// An unnamed alias of a table (`aliased(User)`), numbered `users_N` in order of
    /// appearance when compiled.
    AnonAlias {
        /// Its id, unique in the process.
        id: u64,
        /// The aliased table's name, the base of the compiled name.
        table: String,
    },
}

thread_local! {
    static NEXT_ANON: Cell<u64> = const { Cell::new(1) };
}

/// A fresh id for an anonymous subquery.
pub(crate) fn next_anon() -> u64 {
    NEXT_ANON.with(|c| {
        let v = c.get();
        c.set(v + 1);
        v
    })
}

/// The right side of `IN`.
#[derive(Debug, Clone, PartialEq)]
pub enum InTarget {
    /// A list of values, sent as one expanding parameter.
    Values(Vec<Value>),
    /// A subquery.
    Select(Box<Select>),
    /// A list of rows (`tuple_(a, b).in_([(1, 2), ...])`), sent as one expanding parameter.
    Rows {
        /// The tuple's number of values (what an empty list's stand-in selects).
        width: usize,
        /// The rows, each as given (SQLite refuses rows of different lengths).
        rows: Vec<Vec<Value>>,
    },
    /// `in_(bindparam("ids"))`: an expanding parameter, its list given at execution.
    Param {
        /// The parameter's name.
        name: String,
        /// The list, once the execution gave it.
        values: Option<Vec<Value>>,
    },
}

impl Expr {
    /// Gives the expanding parameter `name` (`in_(bindparam(name))`) its list.
    pub fn expand_param(&mut self, name: &str, list: &[Value]) {
        match self {
            Expr::In {
                expr,
                target: InTarget::Param { name: n, values },
                ..
            } => {
                if n == name {
                    *values = Some(list.to_vec());
                }
                expr.expand_param(name, list);
            }
            Expr::In { expr, .. }
            | Expr::Not(expr)
            | Expr::Grouped(expr)
            | Expr::Label { expr, .. } => expr.expand_param(name, list),
            Expr::And(v) | Expr::Or(v) | Expr::Tuple(v) => {
                v.iter_mut().for_each(|e| e.expand_param(name, list));
            }
            Expr::Binary { left, right, .. } => {
                left.expand_param(name, list);
                right.expand_param(name, list);
            }
            Expr::Exists(s) | Expr::ScalarSubquery(s) => s.expand_param(name, list),
            _ => {}
        }
    }
}

impl Select {
    /// Gives the expanding parameter `name` its list in the WHERE / HAVING clauses.
    pub fn expand_param(&mut self, name: &str, list: &[Value]) {
        for e in self.where_.iter_mut().chain(self.having.iter_mut()) {
            e.expand_param(name, list);
        }
    }
}

/// One node of an expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// `users.name`.
    Column {
        /// Its table, alias or subquery.
        source: Source,
        /// The column name.
        name: String,
        /// What the source is, so that a SELECT can put it in its FROM clause.
        from: Rc<FromItem>,
    },
    /// A bound value; `key` names the parameter (`name` → `:name_1`; `None` → `:param_1`).
    Bind {
        /// The value.
        value: Value,
        /// The name the parameter is derived from.
        key: Option<String>,
    },
    /// `bindparam("name", value)`: a parameter named as given (`:name`), its value taken
    /// from the execution's parameters when they have it.
    NamedBind {
        /// The parameter's name.
        name: String,
        /// `value=`.
        value: Option<Value>,
    },
    /// SQL `NULL` as a literal.
    Null,
    /// `true` / `false` as a constant (`col == True`): SQLite writes `1` / `0`.
    Bool(bool),
    /// A literal string of SQL written into the statement, e.g. `'%'` in `contains()`.
    LiteralText(String),
    /// `text("id < :value")` with its `:name` parameters bound (`Query.params(value=5)`):
    /// written as given, each parameter a placeholder.
    TextBinds {
        /// The SQL text with `:name` parameters.
        text: String,
        /// The values by parameter name (a name without one binds NULL).
        params: Vec<(String, Value)>,
    },
    /// `*`.
    Star,
    /// `left op right`.
    Binary {
        /// Left operand.
        left: Box<Expr>,
        /// The operator.
        op: Op,
        /// Right operand.
        right: Box<Expr>,
    },
    /// `a AND b AND ...`.
    And(Vec<Expr>),
    /// `a OR b OR ...`.
    Or(Vec<Expr>),
    /// `NOT x`.
    Not(Box<Expr>),
    /// `x IS NULL` / `x IS NOT NULL`.
    IsNull {
        /// The operand.
        expr: Box<Expr>,
        /// `IS NOT`.
        negate: bool,
    },
    /// `x IN (...)` / `x NOT IN (...)`.
    In {
        /// The operand.
        expr: Box<Expr>,
        /// The list or subquery.
        target: InTarget,
        /// `NOT IN`.
        negate: bool,
    },
    /// `x BETWEEN a AND b`.
    Between {
        /// The operand.
        expr: Box<Expr>,
        /// Low bound.
        low: Box<Expr>,
        /// High bound.
        high: Box<Expr>,
        /// `NOT BETWEEN`.
        negate: bool,
    },
    /// `lower(x) LIKE lower(?)` (`ilike`).
    ILike {
        /// The operand.
        expr: Box<Expr>,
        /// The pattern.
        pattern: Box<Expr>,
        /// `NOT ILIKE`.
        negate: bool,
    },
    /// A parenthesized `(x LIKE pattern)` as `startswith` / `endswith` / `contains` render.
    Grouped(Box<Expr>),
    /// `tuple_(a, b)`: `(a, b)`, a row value (compared with `=` to another, or `IN` a list
    /// of rows).
    Tuple(Vec<Expr>),
    /// `name(args)`; `count()` without arguments is `count(*)`.
    Func {
        /// The function name as written (`count`, `max`, `lower`).
        name: String,
        /// The arguments.
        args: Vec<Expr>,
    },
    /// `x AS name`.
    Label {
        /// The labelled expression.
        expr: Box<Expr>,
        /// The label.
        name: String,
    },
    /// `x ASC` / `x DESC` in `ORDER BY`.
    Order {
        /// The operand.
        expr: Box<Expr>,
        /// `DESC`.
        desc: bool,
    },
    /// `EXISTS (SELECT ...)`.
    Exists(Box<Select>),
    /// `(SELECT ...)` used as a value.
    ScalarSubquery(Box<Select>),
    /// `DISTINCT x` inside a function, e.g. `count(DISTINCT x)`.
    Distinct(Box<Expr>),
    /// `-x` (Python's unary minus).
    Neg(Box<Expr>),
    /// `CASE [value] WHEN c THEN r ... [ELSE e] END`.
    Case {
        /// `case({...}, value=x)`: the compared operand.
        value: Option<Box<Expr>>,
        /// The (condition, result) pairs.
        whens: Vec<(Expr, Expr)>,
        /// The `ELSE` result.
        else_: Option<Box<Expr>>,
    },
    /// `CAST(x AS type)`, the type as the dialect writes it (`FLOAT`, `VARCHAR(20)`).
    Cast {
        /// The operand.
        expr: Box<Expr>,
        /// The target type's SQL.
        ty: String,
    },
    /// `EXTRACT(field FROM x)` (SQLite: `CAST(STRFTIME('%Y', x) AS INTEGER)`).
    Extract {
        /// `year`, `month`, ...
        field: String,
        /// The operand.
        expr: Box<Expr>,
    },
    /// `x LIKE y ESCAPE '\\'`: a LIKE (or its `startswith()`, `ilike()`, ...) with
    /// `escape=`.
    Escape {
        /// The LIKE comparison.
        expr: Box<Expr>,
        /// The escape character.
        escape: String,
    },
    /// `x COLLATE name`.
    Collate {
        /// The operand.
        expr: Box<Expr>,
        /// The collation's name.
        collation: String,
    },
    /// `f(...) OVER (PARTITION BY ... ORDER BY ...)`: a window function.
    Over {
        /// The function (possibly with a FILTER or WITHIN GROUP).
        expr: Box<Expr>,
        /// `partition_by=`.
        partition_by: Vec<Expr>,
        /// `order_by=`.
        order_by: Vec<Expr>,
    },
    /// `f(...) FILTER (WHERE criterion)`.
    FuncFilter {
        /// The aggregate function.
        expr: Box<Expr>,
        /// The criteria, ANDed.
        criteria: Vec<Expr>,
    },
    /// `f(...) WITHIN GROUP (ORDER BY ...)`.
    WithinGroup {
        /// The ordered-set aggregate.
        expr: Box<Expr>,
        /// The ordering.
        order_by: Vec<Expr>,
    },
    /// `x NULLS FIRST` / `x NULLS LAST` in `ORDER BY`.
    Nulls {
        /// The operand (often an `ASC` / `DESC`).
        expr: Box<Expr>,
        /// `NULLS FIRST`.
        first: bool,
    },
}

pub use super::operators::{IntoExpr, Op, and_, exists, func, literal, not_, or_};

/// A fresh id for an anonymous FROM item built outside this crate (`cte.alias()`).
pub fn fresh_anon() -> u64 {
    next_anon()
}
