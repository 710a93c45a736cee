//! The arguments of `relationship()` that name columns: `primaryjoin=` / `secondaryjoin=`
//! of a many-to-many (the association table's columns), `remote_side=` / `foreign_keys=`
//! and `order_by=` (attributes, columns, strings, lambdas or lists of them).

use super::instrument::Attribute;
use super::schema::ColumnSpec;
use super::table::TableObj;
use super::{Bridge, native};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::Expr;
use std::rc::Rc;

/// The association table's columns a many-to-many's `primaryjoin=` and `secondaryjoin=`
/// name, each `secondary.c.column == Class.column` (either way round).
pub(super) fn join_columns(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    secondary: Option<&Value>,
    primaryjoin: Option<&Value>,
    secondaryjoin: Option<&Value>,
    reversed: &mut bool,
) -> PyResult<(String, String)> {
    let unsupported = |i: &mut Interpreter| {
        super::unsupported(
            i,
            "relationship(primaryjoin=..., secondaryjoin=...) other than both on a secondary \
             Table as secondary.c.column == column",
        )
    };
    let table = match secondary.and_then(|v| native::<TableObj>(v)) {
        Some(t) => t.table.clone(),
        None => return Err(unsupported(i)),
    };
    let mut out = Vec::with_capacity(2);
    for join in [primaryjoin, secondaryjoin] {
        let Some(join) = join else {
            return Err(unsupported(i));
        };
        let found = match super::expr::expr_of(b, i, join)? {
            Some(Expr::Binary {
                left,
                op: retort::sql::Op::Eq,
                right,
            }) => [left, right]
                .into_iter()
                .enumerate()
                .find_map(|(n, side)| match *side {
                    Expr::Column {
                        source: retort::sql::Source::Named(t),
                        name,
                        ..
                    } if t == table.name() => {
                        if out.is_empty() {
                            *reversed = n == 1;
                        }
                        Some(name)
                    }
                    _ => None,
                }),
            _ => None,
        };
        match found {
            Some(name) => out.push(name),
            None => return Err(unsupported(i)),
        }
    }
    let target = out.pop().unwrap_or_default();
    let parent = out.pop().unwrap_or_default();
    Ok((parent, target))
}

/// The column names a `remote_side=` / `foreign_keys=` argument names: columns of the class
/// body, mapped attributes, or strings (`"Class.column"`, `"[Class.column]"`).
pub(super) fn column_names(i: &mut Interpreter, v: &Value) -> PyResult<Vec<String>> {
    let items = match v {
        Value::List(_) | Value::Tuple(_) | Value::Set(_) => i.iterate(v)?,
        other => vec![other.clone()],
    };
    let mut out = Vec::new();
    for item in items {
        if let Some(c) = native::<ColumnSpec>(&item) {
            out.push(c.column.borrow().name.clone());
        } else if let Some(a) = native::<Attribute>(&item) {
            out.push(a.key.clone());
        } else {
            let text = i.to_str(&item)?;
            for part in text.trim_matches(['[', ']']).split(',') {
                let part = part.trim();
                out.push(part.rsplit('.').next().unwrap_or(part).to_owned());
            }
        }
    }
    Ok(out)
}

/// The columns an `order_by=` argument names, with their direction: attributes and columns
/// (`Address.id`, `Address.id.desc()`, a class-body column), strings (`"Book.id"`,
/// `"Book.id.desc()"`) or a list of them. Anything else is left out.
pub(super) fn order_names(
    b: &Bridge,
    i: &mut Interpreter,
    v: &Value,
) -> PyResult<Vec<(String, bool)>> {
    // `order_by=lambda: [...]`.
    let v = &match v {
        Value::Function(_) => i.call(v, Args::default())?,
        other => other.clone(),
    };
    let items = match v {
        Value::List(_) | Value::Tuple(_) => i.iterate(v)?,
        other => vec![other.clone()],
    };
    let mut out = Vec::new();
    for item in items {
        if let Some(c) = native::<ColumnSpec>(&item) {
            out.push((c.column.borrow().name.clone(), false));
        } else if let Value::Str(text) = &item {
            let text = text.trim();
            // `"desc(Book.id)"` / `"asc(Book.id)"`.
            let wrapped = |f: &str| {
                text.strip_prefix(f)
                    .and_then(|t| t.strip_prefix('('))
                    .and_then(|t| t.strip_suffix(')'))
            };
            let (text, desc) = match (wrapped("desc"), wrapped("asc")) {
                (Some(t), _) => (t, true),
                (_, Some(t)) => (t, false),
                _ => match text.strip_suffix(".desc()") {
                    Some(t) => (t, true),
                    None => (text.strip_suffix(".asc()").unwrap_or(text), false),
                },
            };
            let name = text.rsplit('.').next().unwrap_or(text).trim();
            if !name.is_empty() {
                out.push((name.to_owned(), desc));
            }
        } else {
            match super::expr::expr_of(b, i, &item)? {
                Some(Expr::Column { name, .. }) => out.push((name, false)),
                Some(Expr::Order { expr, desc }) => {
                    if let Expr::Column { name, .. } = *expr {
                        out.push((name, desc));
                    }
                }
                _ => {}
            }
        }
    }
    Ok(out)
}
