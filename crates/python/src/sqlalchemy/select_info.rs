//! What a `select()` says about its columns: `stmt.selected_columns` (the column expressions,
//! an entity expanded to its table's columns) and `stmt.column_descriptions` (one dict per
//! item: `name`, `type`, `aliased`, `expr`, `entity`).

use super::Bridge;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::query::{Item, OrmSelect};
use retort::sql::{Expr, FromItem};
use std::rc::Rc;

/// `stmt.selected_columns` / `stmt.column_descriptions` of an ORM select.
pub fn attr(b: &Rc<Bridge>, i: &mut Interpreter, stmt: &OrmSelect, name: &str) -> PyResult<Value> {
    match name {
        "selected_columns" => selected_columns(b, i, stmt),
        _ => column_descriptions(b, i, stmt),
    }
}

fn selected_columns(b: &Rc<Bridge>, i: &mut Interpreter, stmt: &OrmSelect) -> PyResult<Value> {
    let mut out = Vec::new();
    for item in stmt.items() {
        match item {
            Item::Entity(e) => {
                for c in e.mapper.table().columns() {
                    let x = e.from.c(&c.name).map_err(|err| b.raise(i, err))?;
                    out.push(super::expr::ex(b, x));
                }
            }
            Item::Column(x) => out.push(super::expr::ex(b, x.clone())),
        }
    }
    Ok(Value::list(out))
}

/// The mapped class whose table is `from` (an entity's table or alias).
fn entity_of(b: &Bridge, from: &FromItem) -> Option<super::Mapped> {
    let table = match from {
        FromItem::Table(t) | FromItem::Alias { table: t, .. } => t,
        _ => return None,
    };
    b.mapped
        .borrow()
        .values()
        .find(|m| Rc::ptr_eq(m.mapper.table(), table))
        .cloned()
}

fn column_descriptions(b: &Rc<Bridge>, i: &mut Interpreter, stmt: &OrmSelect) -> PyResult<Value> {
    let mut out = Vec::new();
    for item in stmt.items() {
        let (name, ty, aliased, expr, entity) = match item {
            Item::Entity(e) => {
                let m = b.mapped(e.mapper.class_name());
                let class = m.map_or(Value::None, |m| Value::Class(m.class));
                let aliased = matches!(e.from, FromItem::Alias { .. });
                (
                    Value::str(e.mapper.class_name()),
                    class.clone(),
                    aliased,
                    class.clone(),
                    class,
                )
            }
            Item::Column(x) => {
                let (from, col) = match x {
                    Expr::Column { from, name, .. } => (Some(from.clone()), Some(name.clone())),
                    _ => (None, None),
                };
                let m = from.as_ref().and_then(|f| entity_of(b, f));
                let class = m
                    .as_ref()
                    .map_or(Value::None, |m| Value::Class(m.class.clone()));
                let ty = match (&m, &col) {
                    (Some(m), Some(c)) => {
                        let table = m.mapper.table();
                        match table.get_column(c).and_then(|c| c.type_.clone()) {
                            Some(t) => super::obj(super::schema::TypeObj {
                                name: super::schema::type_name(&t),
                                sql: t,
                                is_class: false,
                            }),
                            None => Value::None,
                        }
                    }
                    _ => Value::None,
                };
                let expr = match (&class, &col) {
                    (Value::Class(_), Some(c)) => i.getattr(&class, c)?,
                    _ => super::expr::ex(b, x.clone()),
                };
                let name = x.result_name().map_or(Value::None, Value::str);
                (name, ty, false, expr, class)
            }
        };
        out.push(i.new_dict(vec![
            (Value::str("name"), name),
            (Value::str("type"), ty),
            (Value::str("aliased"), Value::Bool(aliased)),
            (Value::str("expr"), expr),
            (Value::str("entity"), entity),
        ])?);
    }
    Ok(Value::list(out))
}
