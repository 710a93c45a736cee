//! The SQL type of an expression, as SQLAlchemy infers it: a column's declared type, a
//! comparison's `Boolean`, `count()`'s `Integer`, `max()` / `sum()` / `coalesce()` of
//! their argument's type. Results use it to return values as the type says (`True` rather
//! than `1` for a `Boolean`).

use super::expr::{Expr, Op};
use super::statement::{FromItem, Select};
use crate::types::SqlType;

/// The type SQLAlchemy gives `expr`, `None` where it has none (a bound value, a function
/// it does not know).
pub fn type_of(expr: &Expr) -> Option<SqlType> {
    match expr {
        Expr::Column { name, from, .. } => column_type(from, name),
        Expr::Label { expr, .. }
        | Expr::Order { expr, .. }
        | Expr::Distinct(expr)
        | Expr::Neg(expr)
        | Expr::Grouped(expr) => type_of(expr),
        Expr::Binary { left, op, right } => match op {
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Mod => match type_of(left) {
                // `Integer * Numeric` is `Numeric` (SQLAlchemy's expression adaptations).
                Some(l) if l.is_integer() => match type_of(right) {
                    Some(r @ (SqlType::Numeric { .. } | SqlType::Float | SqlType::Double)) => {
                        Some(r)
                    }
                    _ => Some(l),
                },
                Some(l) => Some(l),
                None => type_of(right),
            },
            // SQLAlchemy 2's true division of integers is `Numeric` (rows give `Decimal`).
            Op::TrueDiv => match type_of(left) {
                Some(t) if t.is_integer() => {
                    if is_float(right) {
                        Some(SqlType::Float)
                    } else {
                        Some(SqlType::Numeric {
                            precision: None,
                            scale: None,
                        })
                    }
                }
                Some(t) => Some(t),
                None => type_of(right),
            },
            Op::FloorDiv => Some(SqlType::Integer),
            Op::Concat => Some(SqlType::String(None)),
            _ => Some(SqlType::Boolean),
        },
        Expr::And(_)
        | Expr::Or(_)
        | Expr::Not(_)
        | Expr::IsNull { .. }
        | Expr::In { .. }
        | Expr::Between { .. }
        | Expr::ILike { .. }
        | Expr::Exists(_) => Some(SqlType::Boolean),
        Expr::Func { name, args } => match name.to_ascii_lowercase().as_str() {
            "count" | "char_length" | "length" => Some(SqlType::Integer),
            "now" | "current_timestamp" | "localtimestamp" => Some(SqlType::DateTime),
            "current_date" => Some(SqlType::Date),
            "current_time" => Some(SqlType::Time),
            "max" | "min" | "sum" | "coalesce" => args.iter().find_map(type_of),
            _ => None,
        },
        Expr::ScalarSubquery(select) => first_column_type(select),
        Expr::Over { expr, .. } | Expr::FuncFilter { expr, .. } => type_of(expr),
        Expr::Bool(_) => Some(SqlType::Boolean),
        _ => None,
    }
}

/// Whether `e` is of `Float` type, or a bound Python `float`.
pub fn is_float(e: &Expr) -> bool {
    match e {
        Expr::Bind {
            value: crate::value::Value::Float(_),
            ..
        } => true,
        e => matches!(type_of(e), Some(SqlType::Float | SqlType::Double)),
    }
}

/// Whether `e` is of an integer type, or a bound Python `int`.
pub fn is_integer(e: &Expr) -> bool {
    match e {
        Expr::Bind {
            value: crate::value::Value::Integer(_),
            ..
        } => true,
        e => type_of(e).is_some_and(|t| t.is_integer()),
    }
}

fn first_column_type(select: &Select) -> Option<SqlType> {
    select.columns.first().and_then(type_of)
}

/// The type of column `name` of a FROM item.
fn column_type(from: &FromItem, name: &str) -> Option<SqlType> {
    match from {
        FromItem::Table(table) | FromItem::Alias { table, .. } => {
            table.get_column(name).and_then(|c| c.type_.clone())
        }
        FromItem::Subquery { select, .. } | FromItem::Cte { select, .. } => select
            .columns
            .iter()
            .find(|c| c.result_name() == Some(name))
            .and_then(type_of),
        _ => None,
    }
}
