//! Operators and expression builders: the binary operators ([`Op`]), values turned into
//! operands ([`IntoExpr`]), the free functions `and_`, `or_`, `not_`, `func`, `literal`,
//! `exists`, and the operator methods on [`Expr`] (`eq`, `in_`, `like`, `between`, `label`,
//! `desc`, ...), mirroring SQLAlchemy's operators.

use super::expr::{Expr, InTarget};
use super::statement::{FromItem, Select};
use crate::value::Value;
use std::rc::Rc;

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `LIKE`
    Like,
    /// `NOT LIKE`
    NotLike,
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
    /// Python's `/` (true division): `a / CAST(:b AS NUMERIC)` (SQLite: `a / (? + 0.0)`).
    TrueDiv,
    /// Python's `//`: `a / :b` of two integers, else `FLOOR(a / :b)`.
    FloorDiv,
    /// `||`
    Concat,
    /// `IS` (`col.is_(True)`).
    Is,
    /// `IS NOT`.
    IsNot,
}

impl Op {
    /// The operator's SQL text.
    pub fn sql(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Like => "LIKE",
            Op::NotLike => "NOT LIKE",
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div | Op::TrueDiv | Op::FloorDiv => "/",
            Op::Mod => "%",
            Op::Concat => "||",
            Op::Is => "IS",
            Op::IsNot => "IS NOT",
        }
    }

    /// SQLAlchemy's operator precedence (`sqlalchemy.sql.operators._PRECEDENCE`).
    pub fn precedence(self) -> i32 {
        match self {
            Op::Mul | Op::Div | Op::TrueDiv | Op::FloorDiv | Op::Mod => 8,
            Op::Add | Op::Sub => 7,
            Op::Concat => 5,
            _ => 5,
        }
    }

    fn negated(self) -> Option<Op> {
        Some(match self {
            Op::Eq => Op::Ne,
            Op::Ne => Op::Eq,
            Op::Lt => Op::Ge,
            Op::Ge => Op::Lt,
            Op::Gt => Op::Le,
            Op::Le => Op::Gt,
            Op::Like => Op::NotLike,
            Op::NotLike => Op::Like,
            Op::Is => Op::IsNot,
            Op::IsNot => Op::Is,
            _ => return None,
        })
    }
}

/// A value, or an expression, on the right of an operator.
pub trait IntoExpr {
    /// The expression; plain values become binds named after `key`.
    fn into_expr(self, key: Option<String>) -> Expr;
}

impl IntoExpr for Expr {
    fn into_expr(self, _key: Option<String>) -> Expr {
        self
    }
}

impl IntoExpr for Value {
    fn into_expr(self, key: Option<String>) -> Expr {
        Expr::Bind { value: self, key }
    }
}

impl IntoExpr for i64 {
    fn into_expr(self, key: Option<String>) -> Expr {
        Expr::Bind {
            value: Value::Integer(self),
            key,
        }
    }
}

impl IntoExpr for &str {
    fn into_expr(self, key: Option<String>) -> Expr {
        Expr::Bind {
            value: Value::Text(self.into()),
            key,
        }
    }
}

/// `literal(value)`: an anonymous bound value (`:param_1`).
pub fn literal(value: Value) -> Expr {
    Expr::Bind { value, key: None }
}

/// `and_(a, b, ...)`, flattening nested ANDs.
pub fn and_(items: Vec<Expr>) -> Expr {
    let mut flat = Vec::new();
    for i in items {
        match i {
            Expr::And(inner) => flat.extend(inner),
            other => flat.push(other),
        }
    }
    if flat.len() == 1 {
        flat.remove(0)
    } else {
        Expr::And(flat)
    }
}

/// `or_(a, b, ...)`, flattening nested ORs.
pub fn or_(items: Vec<Expr>) -> Expr {
    let mut flat = Vec::new();
    for i in items {
        match i {
            Expr::Or(inner) => flat.extend(inner),
            other => flat.push(other),
        }
    }
    if flat.len() == 1 {
        flat.remove(0)
    } else {
        Expr::Or(flat)
    }
}

/// `not_(x)`: negates the operator where SQL has a negated form (`=` → `!=`, `LIKE` →
/// `NOT LIKE`, `IN` → `NOT IN`, `IS` → `IS NOT`), otherwise `NOT x`.
pub fn not_(e: Expr) -> Expr {
    match e {
        Expr::Binary { left, op, right } => match op.negated() {
            Some(op) => Expr::Binary { left, op, right },
            None => Expr::Not(Box::new(Expr::Binary { left, op, right })),
        },
        Expr::IsNull { expr, negate } => Expr::IsNull {
            expr,
            negate: !negate,
        },
        Expr::In {
            expr,
            target,
            negate,
        } => Expr::In {
            expr,
            target,
            negate: !negate,
        },
        Expr::Between {
            expr,
            low,
            high,
            negate,
        } => Expr::Between {
            expr,
            low,
            high,
            negate: !negate,
        },
        Expr::ILike {
            expr,
            pattern,
            negate,
        } => Expr::ILike {
            expr,
            pattern,
            negate: !negate,
        },
        Expr::Not(inner) => *inner,
        other => Expr::Not(Box::new(other)),
    }
}

/// `func.<name>(args)`.
pub fn func(name: &str, args: Vec<Expr>) -> Expr {
    Expr::Func {
        name: name.to_owned(),
        args,
    }
}

/// `exists(select)`.
pub fn exists(select: Select) -> Expr {
    Expr::Exists(Box::new(select))
}

impl Expr {
    /// The name a bound value compared with this expression is derived from.
    fn bind_key(&self) -> Option<String> {
        match self {
            Expr::Column { name, .. } => Some(name.clone()),
            Expr::Func { name, .. } => Some(name.clone()),
            // A label compared with a value binds `:param_N` (`l > 1` with `l = x.label("n")`).
            _ => None,
        }
    }

    /// `self op other`.
    pub fn op(self, op: Op, other: impl IntoExpr) -> Expr {
        let key = self.bind_key();
        Expr::Binary {
            left: Box::new(self),
            op,
            right: Box::new(other.into_expr(key)),
        }
    }

    /// `self == other`; comparing with `None` gives `IS NULL`, as in SQLAlchemy.
    pub fn eq(self, other: impl IntoExpr) -> Expr {
        match other.into_expr(self.bind_key()) {
            Expr::Bind {
                value: Value::Null, ..
            }
            | Expr::Null => self.is_null(),
            rhs => Expr::Binary {
                left: Box::new(self),
                op: Op::Eq,
                right: Box::new(rhs),
            },
        }
    }

    /// `self != other`; with `None`, `IS NOT NULL`.
    pub fn ne(self, other: impl IntoExpr) -> Expr {
        match other.into_expr(self.bind_key()) {
            Expr::Bind {
                value: Value::Null, ..
            }
            | Expr::Null => self.is_not_null(),
            rhs => Expr::Binary {
                left: Box::new(self),
                op: Op::Ne,
                right: Box::new(rhs),
            },
        }
    }

    /// `self < other`.
    pub fn lt(self, other: impl IntoExpr) -> Expr {
        self.op(Op::Lt, other)
    }

    /// `self <= other`.
    pub fn le(self, other: impl IntoExpr) -> Expr {
        self.op(Op::Le, other)
    }

    /// `self > other`.
    pub fn gt(self, other: impl IntoExpr) -> Expr {
        self.op(Op::Gt, other)
    }

    /// `self >= other`.
    pub fn ge(self, other: impl IntoExpr) -> Expr {
        self.op(Op::Ge, other)
    }

    /// `self.like(pattern)`.
    pub fn like(self, pattern: impl IntoExpr) -> Expr {
        self.op(Op::Like, pattern)
    }

    /// `self.ilike(pattern)`: `lower(self) LIKE lower(pattern)`.
    pub fn ilike(self, pattern: impl IntoExpr) -> Expr {
        let key = self.bind_key();
        Expr::ILike {
            expr: Box::new(self),
            pattern: Box::new(pattern.into_expr(key)),
            negate: false,
        }
    }

    fn like_concat(self, prefix: bool, value: impl IntoExpr, suffix: bool) -> Expr {
        let key = self.bind_key();
        let mut pattern = value.into_expr(key);
        let pct = || Box::new(Expr::LiteralText("'%'".to_owned()));
        if prefix {
            pattern = Expr::Binary {
                left: pct(),
                op: Op::Concat,
                right: Box::new(pattern),
            };
        }
        if suffix {
            pattern = Expr::Binary {
                left: Box::new(pattern),
                op: Op::Concat,
                right: pct(),
            };
        }
        Expr::Grouped(Box::new(Expr::Binary {
            left: Box::new(self),
            op: Op::Like,
            right: Box::new(pattern),
        }))
    }

    /// `self.startswith(value)`: `(self LIKE :v || '%')`.
    pub fn startswith(self, value: impl IntoExpr) -> Expr {
        self.like_concat(false, value, true)
    }

    /// `self.endswith(value)`: `(self LIKE '%' || :v)`.
    pub fn endswith(self, value: impl IntoExpr) -> Expr {
        self.like_concat(true, value, false)
    }

    /// `self.contains(value)`: `(self LIKE '%' || :v || '%')`.
    pub fn contains(self, value: impl IntoExpr) -> Expr {
        self.like_concat(true, value, true)
    }

    /// `self.in_([...])`.
    pub fn in_(self, values: Vec<Value>) -> Expr {
        Expr::In {
            expr: Box::new(self),
            target: InTarget::Values(values),
            negate: false,
        }
    }

    /// `self.in_(select(...))`.
    pub fn in_select(self, select: Select) -> Expr {
        Expr::In {
            expr: Box::new(self),
            target: InTarget::Select(Box::new(select)),
            negate: false,
        }
    }

    /// `self.not_in([...])`.
    pub fn not_in(self, values: Vec<Value>) -> Expr {
        Expr::In {
            expr: Box::new(self),
            target: InTarget::Values(values),
            negate: true,
        }
    }

    /// `self.is_(None)`.
    pub fn is_null(self) -> Expr {
        Expr::IsNull {
            expr: Box::new(self),
            negate: false,
        }
    }

    /// `self.is_not(None)`.
    pub fn is_not_null(self) -> Expr {
        Expr::IsNull {
            expr: Box::new(self),
            negate: true,
        }
    }

    /// `self.between(low, high)`.
    pub fn between(self, low: impl IntoExpr, high: impl IntoExpr) -> Expr {
        let key = self.bind_key();
        Expr::Between {
            expr: Box::new(self),
            low: Box::new(low.into_expr(key.clone())),
            high: Box::new(high.into_expr(key)),
            negate: false,
        }
    }

    /// `self.label(name)`.
    pub fn label(self, name: &str) -> Expr {
        Expr::Label {
            expr: Box::new(self),
            name: name.to_owned(),
        }
    }

    /// `self.asc()`.
    pub fn asc(self) -> Expr {
        Expr::Order {
            expr: Box::new(self),
            desc: false,
        }
    }

    /// `self.desc()`.
    pub fn desc(self) -> Expr {
        Expr::Order {
            expr: Box::new(self),
            desc: true,
        }
    }

    /// `self.distinct()` (inside a function: `count(DISTINCT x)`).
    pub fn distinct(self) -> Expr {
        Expr::Distinct(Box::new(self))
    }

    /// The name this expression has in a result row: a column's name or a label.
    pub fn result_name(&self) -> Option<&str> {
        match self {
            Expr::Column { name, .. } | Expr::Label { name, .. } => Some(name),
            Expr::Cast { expr, .. } => expr.result_name(),
            _ => None,
        }
    }

    /// The tables and subqueries this expression reads from, in order of appearance
    /// (not looking into nested selects, which have their own FROM).
    pub(crate) fn sources(&self, out: &mut Vec<Rc<FromItem>>) {
        match self {
            Expr::Column { from, .. } => {
                if !out.iter().any(|f| Rc::ptr_eq(f, from) || f == from) {
                    out.push(Rc::clone(from));
                }
            }
            Expr::Binary { left, right, .. } => {
                left.sources(out);
                right.sources(out);
            }
            Expr::And(v) | Expr::Or(v) | Expr::Tuple(v) | Expr::Func { args: v, .. } => {
                v.iter().for_each(|e| e.sources(out))
            }
            Expr::Not(e)
            | Expr::IsNull { expr: e, .. }
            | Expr::In { expr: e, .. }
            | Expr::Grouped(e)
            | Expr::Label { expr: e, .. }
            | Expr::Order { expr: e, .. }
            | Expr::Cast { expr: e, .. }
            | Expr::Collate { expr: e, .. }
            | Expr::Escape { expr: e, .. }
            | Expr::Extract { expr: e, .. }
            | Expr::Nulls { expr: e, .. }
            | Expr::Neg(e)
            | Expr::Distinct(e) => e.sources(out),
            Expr::Case {
                value,
                whens,
                else_,
            } => {
                if let Some(v) = value {
                    v.sources(out);
                }
                for (c, r) in whens {
                    c.sources(out);
                    r.sources(out);
                }
                if let Some(e) = else_ {
                    e.sources(out);
                }
            }
            Expr::Between {
                expr, low, high, ..
            } => {
                expr.sources(out);
                low.sources(out);
                high.sources(out);
            }
            Expr::ILike { expr, pattern, .. } => {
                expr.sources(out);
                pattern.sources(out);
            }
            Expr::Over {
                expr,
                partition_by,
                order_by,
            } => {
                expr.sources(out);
                partition_by.iter().for_each(|e| e.sources(out));
                order_by.iter().for_each(|e| e.sources(out));
            }
            Expr::FuncFilter { expr, criteria: v } | Expr::WithinGroup { expr, order_by: v } => {
                expr.sources(out);
                v.iter().for_each(|e| e.sources(out));
            }
            Expr::Bind { .. }
            | Expr::NamedBind { .. }
            | Expr::Null
            | Expr::Bool(_)
            | Expr::LiteralText(_)
            | Expr::TextBinds { .. }
            | Expr::Star
            | Expr::Exists(_)
            | Expr::ScalarSubquery(_) => {}
        }
    }
}
