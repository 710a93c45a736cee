//! SQL expressions from Python operators on mapped attributes and table columns, `func`,
//! `and_` / `or_` / `not_`, `literal`, `exists`: the bridge builds `retort::sql` expression
//! trees and never SQL text.

use super::{Bridge, method, native, obj, to_sql};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::{self as sql, Expr, Op, Statement};
use std::any::Any;
use std::rc::Rc;

pub use super::expr_functions::{
    ExistsObj, Func, and_or, exists, exists_of, literal, literal_column, not_,
};

/// A SQL expression.
pub struct ExprObj(pub Expr, pub Rc<Bridge>);

/// An expression as a Python value.
pub fn ex(b: &Rc<Bridge>, e: Expr) -> Value {
    obj(ExprObj(e, b.clone()))
}

/// Something that turns into an expression: implemented by attributes and columns.
pub trait AsExpr {
    /// The expression.
    fn as_expr(&self) -> retort::Result<Expr>;
}

/// The expression a Python value stands for (`None` when it is a plain value).
pub fn expr_of(b: &Bridge, i: &Interpreter, v: &Value) -> PyResult<Option<Expr>> {
    if let Some(e) = native::<ExprObj>(v) {
        return Ok(Some(e.0.clone()));
    }
    if let Some(h) = native::<super::hybrid::HybridExpr>(v) {
        return Ok(Some(h.expr.clone()));
    }
    if let Some(n) = native::<Negatable>(v) {
        return Ok(Some(n.expr.clone()));
    }
    if let Some(a) = native::<super::instrument::Attribute>(v) {
        return a.as_expr().map(Some).map_err(|e| b.raise(i, e));
    }
    if let Some(c) = native::<super::table::ColumnRef>(v) {
        return c.as_expr().map(Some).map_err(|e| b.raise(i, e));
    }
    if let Some(c) = native::<super::schema::ColumnSpec>(v) {
        return Ok(Some(class_body_column(c)));
    }
    if let Some(s) = native::<super::select::SelectObj>(v) {
        let sel = s.to_select(i, b)?;
        return Ok(Some(sel.scalar_subquery()));
    }
    if let Some(t) = native::<super::engine::TextObj>(v) {
        return Ok(Some(Expr::LiteralText(t.0.text.clone())));
    }
    if let Some(e) = native::<ExistsObj>(v) {
        return Ok(Some(sql::exists(e.select.clone())));
    }
    Ok(None)
}

/// A column of a class body (`id = Column(...)` read in `primaryjoin=(t.c.x == id)`): the
/// table's column once it joined one, else a column of no table yet.
pub fn class_body_column(c: &super::schema::ColumnSpec) -> Expr {
    let table = c.table.borrow().clone();
    if table.is_none() && c.clause.get() {
        // `select(column("x"))`: the name as written.
        return Expr::LiteralText(c.column.borrow().name.clone());
    }
    let name = match &table {
        Some(_) => c.column.borrow().name.clone(),
        // Named when the class is mapped (see `column_property`).
        None => super::column_property::token(c),
    };
    let table = table.unwrap_or_else(|| Rc::new(retort::schema::Table::new("")));
    Expr::Column {
        source: sql::Source::Named(table.name().to_owned()),
        name,
        from: Rc::new(sql::FromItem::Table(table)),
    }
}

/// An expression, or a bound value for a plain Python value.
pub fn operand(b: &Bridge, i: &mut Interpreter, v: &Value, key: Option<String>) -> PyResult<Expr> {
    match expr_of(b, i, v)? {
        Some(e) => Ok(e),
        None => Ok(Expr::Bind {
            value: to_sql(i, v)?,
            key,
        }),
    }
}

/// Whether `v` is `func.now()` or `func.current_timestamp()` (a `server_default`).
pub fn is_now(v: &Value) -> bool {
    matches!(native::<ExprObj>(v), Some(ExprObj(Expr::Func { name, args }, _))
        if args.is_empty()
            && ["now", "current_timestamp"].iter().any(|n| name.eq_ignore_ascii_case(n)))
}

fn key_of(e: &Expr) -> Option<String> {
    match e {
        Expr::Column { name, .. } | Expr::Func { name, .. } => Some(name.clone()),
        // A label compared with a value binds `:param_N`, as in SQLAlchemy.
        _ => None,
    }
}

/// Whether `e` is of a string type (`+` then concatenates: `a || b`).
fn is_string(e: &Expr) -> bool {
    use retort::types::SqlType;
    matches!(
        sql::types::type_of(e),
        Some(
            SqlType::String(_)
                | SqlType::Text
                | SqlType::Unicode(_)
                | SqlType::UnicodeText
                | SqlType::Enum { .. }
        )
    ) || matches!(
        e,
        Expr::Bind {
            value: retort::Value::Text(_),
            ..
        }
    )
}

/// `left op right` for a Python operator symbol.
pub fn binary(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    left: Expr,
    op: &str,
    other: &Value,
    reflected: bool,
) -> Option<PyResult<Value>> {
    let key = key_of(&left);
    let right = match (op, other, &left) {
        // `col == True`: SQLAlchemy compares with the constant `true` (SQLite: `1`).
        ("==" | "!=", Value::Bool(t), _) => Expr::Bool(*t),
        // `tuple_(a, b) == (1, 2)`: a row value of binds.
        (_, Value::Tuple(items), Expr::Tuple(_)) => {
            let mut parts = Vec::with_capacity(items.len());
            for v in items.iter() {
                match operand(b, i, v, None) {
                    Ok(p) => parts.push(p),
                    Err(e) => return Some(Err(e)),
                }
            }
            Expr::Tuple(parts)
        }
        _ => match operand(b, i, other, key) {
            Ok(r) => r,
            Err(e) => return Some(Err(e)),
        },
    };
    let (l, r) = if reflected {
        (right, left)
    } else {
        (left, right)
    };
    let e = match op {
        "==" => l.eq(r),
        "!=" => l.ne(r),
        "<" => l.lt(r),
        "<=" => l.le(r),
        ">" => l.gt(r),
        ">=" => l.ge(r),
        "&" => sql::and_(vec![l, r]),
        "|" => sql::or_(vec![l, r]),
        "+" if matches!(other, Value::Str(_)) || is_string(&l) || is_string(&r) => {
            l.op(Op::Concat, r)
        }
        "+" => l.op(Op::Add, r),
        "-" => l.op(Op::Sub, r),
        "*" => l.op(Op::Mul, r),
        "/" => l.op(Op::TrueDiv, r),
        "//" => l.op(Op::FloorDiv, r),
        "%" => l.op(Op::Mod, r),
        _ => return None,
    };
    Some(Ok(ex(b, e)))
}

/// `~x`, `-x`.
pub fn unary(b: &Rc<Bridge>, e: Expr, op: &str) -> Option<PyResult<Value>> {
    match op {
        "~" => Some(Ok(ex(b, sql::not_(e)))),
        "-" => Some(Ok(ex(b, Expr::Neg(Box::new(e))))),
        _ => None,
    }
}

/// The column-operator methods every expression has (`like`, `in_`, `desc`, ...).
pub fn expr_method(b: &Rc<Bridge>, e: Expr, name: &str) -> Option<Value> {
    let (b1, e1) = (b.clone(), e.clone());
    let one = move |f: fn(Expr, Expr) -> Expr| {
        let (b, e) = (b1.clone(), e1.clone());
        move |i: &mut Interpreter, a: Args| {
            let Some(v) = a.pos.first() else {
                return Err(i.type_error("missing argument"));
            };
            let r = operand(&b, i, v, key_of(&e))?;
            let out = f(e.clone(), r);
            // `like(pattern, escape="\\")` (and `startswith()`, ...).
            Ok(ex(
                &b,
                match a.kw.iter().find(|(k, _)| k == "escape") {
                    Some((_, Value::Str(c))) => Expr::Escape {
                        expr: Box::new(out),
                        escape: c.to_string(),
                    },
                    _ => out,
                },
            ))
        }
    };
    let e2 = e.clone();
    let b2 = b.clone();
    let b = b.clone();
    let plain = move |f: fn(Expr) -> Expr| {
        let e = e2.clone();
        let b = b2.clone();
        move |_: &mut Interpreter, _: Args| Ok(ex(&b, f(e.clone())))
    };
    match name {
        "like" => method(name, one(|l, r| l.like(r))),
        "concat" => method(name, one(|l, r| l.op(Op::Concat, r))),
        "ilike" => method(name, one(|l, r| l.ilike(r))),
        "notlike" | "not_like" => method(name, one(|l, r| sql::not_(l.like(r)))),
        "startswith" => method(name, one(|l, r| l.startswith(r))),
        "endswith" => method(name, one(|l, r| l.endswith(r))),
        "contains" => method(name, one(|l, r| l.contains(r))),
        "is_" | "isnot" | "is_not" => {
            let (b, e) = (b.clone(), e.clone());
            let is = name == "is_";
            method(name, move |i, a: Args| {
                let Some(v) = a.pos.first() else {
                    return Err(i.type_error("missing argument"));
                };
                let r = match v {
                    // `col.is_(True)`: `IS true` (SQLite: `IS 1`).
                    Value::Bool(t) => {
                        let op = if is { Op::Is } else { Op::IsNot };
                        return Ok(ex(&b, e.clone().op(op, Expr::Bool(*t))));
                    }
                    v => operand(&b, i, v, key_of(&e))?,
                };
                Ok(ex(&b, if is { e.clone().eq(r) } else { e.clone().ne(r) }))
            })
        }
        "op" => None,
        "asc" => method(name, plain(Expr::asc)),
        "desc" => method(name, plain(Expr::desc)),
        "distinct" => method(name, plain(Expr::distinct)),
        "collate" => {
            let (b, e) = (b.clone(), e.clone());
            method(name, move |i, a: Args| match a.pos.first() {
                Some(Value::Str(c)) => Ok(ex(&b, super::elements::collate(e.clone(), c))),
                _ => Err(i.type_error("collate() needs a collation name")),
            })
        }
        "nulls_first" | "nullsfirst" => method(
            name,
            plain(|e| Expr::Nulls {
                expr: Box::new(e),
                first: true,
            }),
        ),
        "nulls_last" | "nullslast" => method(
            name,
            plain(|e| Expr::Nulls {
                expr: Box::new(e),
                first: false,
            }),
        ),
        "label" => {
            let e = e.clone();
            method(name, move |i, a: Args| {
                let label = match a.pos.first() {
                    Some(v) => i.to_str(v)?,
                    None => return Err(i.type_error("label() needs a name")),
                };
                Ok(ex(&b, e.clone().label(&label)))
            })
        }
        "between" => {
            let e = e.clone();
            let b = b.clone();
            method(name, move |i, a: Args| {
                let (Some(lo), Some(hi)) = (a.pos.first(), a.pos.get(1)) else {
                    return Err(i.type_error("between() needs two bounds"));
                };
                let lo = operand(&b, i, lo, key_of(&e))?;
                let hi = operand(&b, i, hi, key_of(&e))?;
                Ok(ex(&b, e.clone().between(lo, hi)))
            })
        }
        "in_" | "not_in" | "notin_" => {
            let negate = name != "in_";
            let e = e.clone();
            let b = b.clone();
            method(name, move |i, a: Args| {
                let Some(arg) = a.pos.first() else {
                    return Err(i.type_error("in_() needs values"));
                };
                let sub = match native::<super::select::SelectObj>(arg) {
                    Some(s) => Some(s.to_select(i, &b)?),
                    None => match native::<super::query::QueryObj>(arg) {
                        Some(q) => Some(q.to_select(i)?),
                        // `in_(select(...).scalar_subquery())`: the SELECT itself.
                        None => match native::<ExprObj>(arg) {
                            Some(ExprObj(Expr::ScalarSubquery(s), _)) => Some((**s).clone()),
                            _ => None,
                        },
                    },
                };
                if let Some(sel) = sub {
                    let x = e.clone().in_select(sel);
                    return Ok(ex(&b, if negate { sql::not_(x) } else { x }));
                }
                if let Some(ExprObj(Expr::NamedBind { name, .. }, _)) = native::<ExprObj>(arg) {
                    // `in_(bindparam("ids"))`: expanding, the list given at execution.
                    return Ok(ex(
                        &b,
                        Expr::In {
                            expr: Box::new(e.clone()),
                            target: sql::InTarget::Param {
                                name: name.clone(),
                                values: None,
                            },
                            negate,
                        },
                    ));
                }
                let items = i.iterate(arg)?;
                if let Expr::Tuple(parts) = &e {
                    // `tuple_(a, b).in_([(1, 2), (3, 4)])`: rows, each as given.
                    let width = parts.len();
                    let mut rows = Vec::with_capacity(items.len());
                    for row in &items {
                        let mut values = Vec::new();
                        for v in &i.iterate(row)? {
                            values.push(to_sql(i, v)?);
                        }
                        rows.push(values);
                    }
                    let x = Expr::In {
                        expr: Box::new(e.clone()),
                        target: sql::InTarget::Rows { width, rows },
                        negate,
                    };
                    return Ok(ex(&b, x));
                }
                let mut values = Vec::new();
                for v in &items {
                    values.push(to_sql(i, v)?);
                }
                let x = if negate {
                    e.clone().not_in(values)
                } else {
                    e.clone().in_(values)
                };
                Ok(ex(&b, x))
            })
        }
        _ => super::expr_window::method_of(&b, &e, name),
    }
}

/// SQLAlchemy's `GenericFunction` classes: `type(func.count())` is `count`, other
/// functions are `Function` (both in `sqlalchemy.sql.functions`).
const GENERIC_FUNCTIONS: &[&str] = &[
    "coalesce",
    "now",
    "concat",
    "char_length",
    "random",
    "rank",
    "dense_rank",
    "sum",
    "min",
    "max",
    "count",
    "cume_dist",
    "percent_rank",
    "current_date",
    "current_timestamp",
    "localtimestamp",
    "current_time",
    "array_agg",
    "mode",
    "aggregate_strings",
    "sysdate",
    "localtime",
    "user",
    "current_user",
    "session_user",
];

/// The class SQLAlchemy gives `func.NAME(...)`: its generic function of that name
/// (`now`, `count`, ...), or `Function`.
fn function_class(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    if GENERIC_FUNCTIONS.contains(&lower.as_str()) {
        lower
    } else {
        "Function".to_owned()
    }
}

impl NativeObject for ExprObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        if let Expr::Func { name, .. } = &self.0 {
            return Some(super::named_class(
                "sqlalchemy.sql.functions",
                &function_class(name),
            ));
        }
        Some(super::named_class(
            "sqlalchemy.sql.elements",
            &self.type_name(),
        ))
    }
    fn type_name(&self) -> String {
        match &self.0 {
            Expr::Binary { .. } | Expr::IsNull { .. } | Expr::In { .. } => "BinaryExpression",
            Expr::And(_) | Expr::Or(_) => "BooleanClauseList",
            Expr::Func { .. } => "Function",
            Expr::Label { .. } => "Label",
            Expr::Order { .. } | Expr::Nulls { .. } | Expr::Distinct(_) | Expr::Neg(_) => {
                "UnaryExpression"
            }
            Expr::Case { .. } => "Case",
            Expr::Tuple(_) => "Tuple",
            Expr::Cast { .. } => "Cast",
            Expr::Null => "Null",
            _ => "ColumnElement",
        }
        .into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        if let Expr::Label { name, .. } = &self.0 {
            return Ok(format!(
                "<sqlalchemy.sql.elements.Label at 0x{:x}; {name}>",
                self as *const Self as usize
            ));
        }
        if let Expr::Func { name, .. } = &self.0 {
            // `<sqlalchemy.sql.functions.now at 0x...; now>`, `...Function at 0x...; lower>`.
            // A generic function shows its own name (`func.Count` is `count`).
            let class = function_class(name);
            let shown = if class == "Function" {
                name.as_str()
            } else {
                &class
            };
            return Ok(format!(
                "<sqlalchemy.sql.functions.{class} at 0x{:x}; {shown}>",
                self as *const Self as usize
            ));
        }
        Ok(format!(
            "<sqlalchemy.sql.elements.{} object at 0x{:x}>",
            self.type_name(),
            self as *const Self as usize
        ))
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        retort::sql::compiler::expr_to_string(&self.0).map_err(|e| self.1.raise(i, e))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        if matches!(name, "name" | "key")
            && let Some(n) = self.0.result_name()
        {
            return Ok(Some(Value::str(n)));
        }
        if name == "compile" {
            let (b, e) = (self.1.clone(), self.0.clone());
            return Ok(method(name, move |i, a: Args| {
                super::compiled::compile_expr(&b, i, &e, a)
            }));
        }
        Ok(expr_method(&self.1, self.0.clone(), name))
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        binary(&self.1, i, self.0.clone(), op, other, reflected)
    }
    fn unary_op(&self, _: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        unary(&self.1, self.0.clone(), op)
    }
    fn bool_checked(&self, i: &mut Interpreter) -> Option<PyResult<bool>> {
        Some(clause_bool(i, &self.0))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `bool()` of a clause, as SQLAlchemy's `__bool__`: `a == b` and `a != b` compare their
/// operands' identities (`User.name == User.name` is true, `User.name == "ed"` false, so
/// `User.id in [1, 2]` is `False` and `a == 1 and b == 2` is `a == 1`, as in CPython);
/// any other clause raises `TypeError`.
pub fn clause_bool(i: &mut Interpreter, e: &Expr) -> PyResult<bool> {
    if let Expr::Binary { left, op, right } = e
        && matches!(op, Op::Eq | Op::Ne)
    {
        let same = left == right && !matches!(**left, Expr::Bind { .. } | Expr::NamedBind { .. });
        return Ok(same == (*op == Op::Eq));
    }
    Err(i.exc("TypeError", "Boolean value of this clause is not defined"))
}

/// The Core statement a Python value stands for, if it is one.
pub fn core_statement(i: &mut Interpreter, b: &Bridge, v: &Value) -> PyResult<Option<Statement>> {
    if let Some(s) = native::<super::select::SelectObj>(v) {
        return Ok(Some(Statement::Select(s.to_select(i, b)?)));
    }
    if let Some(d) = native::<super::table::DmlObj>(v) {
        return Ok(Some(d.statement()));
    }
    if let Some(c) = native::<super::compound::CompoundObj>(v) {
        return Ok(Some(Statement::Compound(c.compound.clone())));
    }
    Ok(None)
}

/// An expression whose negation SQLAlchemy writes differently (`~rel.contains(x)` is a
/// `NOT EXISTS`, not `NOT (...)` of the positive form).
pub struct Negatable {
    /// The bridge.
    pub bridge: Rc<Bridge>,
    /// The expression.
    pub expr: Expr,
    /// What `~` gives.
    pub negated: Expr,
}

impl NativeObject for Negatable {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.sql.elements",
            "BooleanClauseList",
        ))
    }
    fn type_name(&self) -> String {
        "BooleanClauseList".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.elements.BooleanClauseList object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        retort::sql::compiler::expr_to_string(&self.expr).map_err(|e| self.bridge.raise(i, e))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(expr_method(&self.bridge, self.expr.clone(), name))
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        binary(&self.bridge, i, self.expr.clone(), op, other, reflected)
    }
    fn unary_op(&self, _: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        (op == "~").then(|| Ok(ex(&self.bridge, self.negated.clone())))
    }
    fn truthy(&self) -> Option<bool> {
        None
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
