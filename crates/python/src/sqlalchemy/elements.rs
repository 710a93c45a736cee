//! The top-level SQL element constructors of `sqlalchemy` beyond `select` / `func`:
//! `asc`, `desc`, `nullsfirst`, `nullslast`, `distinct`, `null`, `true`, `false`, `case`,
//! `cast`, `between`, `collate`, `extract`, `bindparam`; the ones Retort does not build yet raise NotImplementedError naming
//! themselves. Each builds a `retort::sql` expression tree, never SQL text.

use super::expr::{ex, operand};
use super::{Bridge, native};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::Expr;
use std::rc::Rc;

/// The constructors this module provides, by their `sqlalchemy` name.
pub const NAMES: &[&str] = &[
    "tuple_",
    "asc",
    "desc",
    "nullsfirst",
    "nullslast",
    "nulls_first",
    "nulls_last",
    "distinct",
    "null",
    "true",
    "false",
    "case",
    "cast",
    "between",
    "collate",
    "extract",
    "bindparam",
];

/// Names tutorials import that Retort does not build yet.
pub const UNSUPPORTED: &[&str] = &["column", "table"];

/// The first positional argument as an expression; a string is a label reference
/// (`desc("book_count")`), written as given.
fn first(b: &Bridge, i: &mut Interpreter, a: &Args, what: &str) -> PyResult<Expr> {
    match a.pos.first() {
        Some(Value::Str(s)) => Ok(Expr::LiteralText(s.to_string())),
        Some(v) => operand(b, i, v, None),
        None => Err(i.type_error(format!("{what}() missing 1 required positional argument"))),
    }
}

/// Calls the constructor `name` (one of [`NAMES`]).
pub fn call(b: &Rc<Bridge>, i: &mut Interpreter, name: &str, mut a: Args) -> PyResult<Value> {
    match name {
        // `table("t", column("a"), ...)`: a lightweight table, in a metadata of its own.
        "table" => {
            let Some(n) = a.pos.first().cloned() else {
                return Err(i.type_error("table() needs a name"));
            };
            let md = super::obj(super::schema::MetaDataObj::new(b));
            let mut pos = vec![n, md];
            pos.extend(a.pos.iter().skip(1).cloned());
            return super::table::make_table(b, i, Args::positional(pos));
        }
        // `column("a", Integer)`: a column for `table()`; untyped, a `NullType`.
        "column" => {
            let typed = a.pos.len() > 1 || a.kw.iter().any(|(k, _)| k == "type_");
            let v = super::schema::column_with_bridge(b, i, a)?;
            if let Some(c) = native::<super::schema::ColumnSpec>(&v) {
                c.clause.set(true);
                if !typed {
                    let mut col = c.column.borrow_mut();
                    col.type_ = Some(retort::types::SqlType::LargeBinary);
                    col.type_class = Some("NullType");
                }
            }
            return Ok(v);
        }
        _ => {}
    }
    let e = match name {
        "asc" => first(b, i, &a, name)?.asc(),
        "desc" => first(b, i, &a, name)?.desc(),
        "nullsfirst" | "nulls_first" | "nullslast" | "nulls_last" => Expr::Nulls {
            expr: Box::new(first(b, i, &a, name)?),
            first: name.contains("first"),
        },
        "distinct" => Expr::Distinct(Box::new(first(b, i, &a, name)?)),
        // `tuple_(a, b)`: a row value; plain values bind (`tuple_(1, 2)`).
        "tuple_" => {
            let mut items = Vec::with_capacity(a.pos.len());
            for v in &a.pos {
                items.push(operand(b, i, v, None)?);
            }
            Expr::Tuple(items)
        }
        "null" => Expr::Null,
        "true" | "false" => Expr::LiteralText(name.to_owned()),
        "between" => {
            let (Some(x), Some(lo), Some(hi)) = (a.pos.first(), a.pos.get(1), a.pos.get(2)) else {
                return Err(i.type_error("between() needs an expression and two bounds"));
            };
            let x = operand(b, i, x, None)?;
            let key = x.result_name().map(str::to_owned);
            let lo = operand(b, i, lo, key.clone())?;
            let hi = operand(b, i, hi, key)?;
            x.between(lo, hi)
        }
        "cast" => {
            let (Some(x), Some(t)) = (a.pos.first(), a.pos.get(1)) else {
                return Err(i.type_error("cast() needs an expression and a type"));
            };
            let Some(ty) = native::<super::schema::TypeObj>(t) else {
                return Err(super::unsupported(i, "cast() to this type"));
            };
            let ty = ty.sql.ddl();
            Expr::Cast {
                expr: Box::new(operand(b, i, x, None)?),
                ty,
            }
        }
        "case" => case(b, i, &mut a)?,
        "bindparam" => {
            let key = a.pos.first().cloned().or_else(|| a.take_kw("key"));
            let Some(Value::Str(name)) = key else {
                return Err(i.type_error("bindparam() needs a name"));
            };
            let value = match a.pos.get(1).cloned().or_else(|| a.take_kw("value")) {
                Some(v) => Some(super::to_sql(i, &v)?),
                None => None,
            };
            Expr::NamedBind {
                name: name.to_string(),
                value,
            }
        }
        "extract" => {
            let (Some(Value::Str(f)), Some(x)) = (a.pos.first(), a.pos.get(1)) else {
                return Err(i.type_error("extract() needs a field name and an expression"));
            };
            let field = f.to_string();
            Expr::Extract {
                field,
                expr: Box::new(operand(b, i, x, None)?),
            }
        }
        "collate" => {
            let (Some(x), Some(Value::Str(c))) = (a.pos.first(), a.pos.get(1)) else {
                return Err(i.type_error("collate() needs an expression and a collation name"));
            };
            let c = c.to_string();
            collate(operand(b, i, x, None)?, &c)
        }
        other => return Err(super::unsupported(i, &format!("sqlalchemy.{other}()"))),
    };
    Ok(ex(b, e))
}

/// `x COLLATE name`.
pub fn collate(e: Expr, collation: &str) -> Expr {
    Expr::Collate {
        expr: Box::new(e),
        collation: collation.to_owned(),
    }
}

/// `case((cond, result), ..., else_=x)` or `case({value: result}, value=x, else_=y)`.
fn case(b: &Rc<Bridge>, i: &mut Interpreter, a: &mut Args) -> PyResult<Expr> {
    let value = match a.take_kw("value") {
        Some(v) => Some(Box::new(operand(b, i, &v, None)?)),
        None => None,
    };
    let else_ = match a.take_kw("else_") {
        Some(v) => Some(Box::new(operand(b, i, &v, None)?)),
        None => None,
    };
    let mut pairs = Vec::new();
    for arg in &a.pos {
        if let Value::Dict(_) = arg {
            for k in i.iterate(arg)? {
                let r = i.get_item(arg, &k)?;
                pairs.push((k, r));
            }
        } else {
            let items = i.iterate(arg)?;
            let [c, r] = items.as_slice() else {
                return Err(i.type_error("case() takes (condition, result) tuples"));
            };
            pairs.push((c.clone(), r.clone()));
        }
    }
    let mut whens = Vec::new();
    for (c, r) in pairs {
        whens.push((operand(b, i, &c, None)?, operand(b, i, &r, None)?));
    }
    Ok(Expr::Case {
        value,
        whens,
        else_,
    })
}
