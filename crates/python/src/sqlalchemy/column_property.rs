//! `column_property(expr)`: a read-only attribute mapped to a SQL expression of the class's
//! columns (`column_property(func.length(first_name) + func.length(last_name))`), selected
//! with the entity; on the class it is the expression, on an object the value the query
//! that loaded it selected.

use super::expr::{ex, expr_of};
use super::schema::ColumnSpec;
use super::{Bridge, native, obj, to_py};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::mapper::Mapper;
use retort::sql::{Expr, FromItem};
use std::any::Any;
use std::rc::Rc;

/// The name a class-body column stands under in an expression until its class is mapped.
pub fn token(c: &ColumnSpec) -> String {
    format!("\u{1}column@{:x}", c as *const ColumnSpec as usize)
}

/// `column_property(expr)` in a class body, waiting for the class to be mapped.
pub struct ColumnPropertySpec {
    expr: Expr,
}

impl NativeObject for ColumnPropertySpec {
    fn type_name(&self) -> String {
        "ColumnProperty".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<ColumnProperty>".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `column_property(expr)`.
///
/// # Failure
/// `NotImplementedError` for keyword arguments or more than one expression.
pub fn column_property(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    if !a.kw.is_empty() || a.pos.len() != 1 {
        return Err(super::unsupported(
            i,
            "column_property() with keyword arguments or several columns",
        ));
    }
    match expr_of(b, i, &a.pos[0])? {
        Some(expr) => Ok(obj(ColumnPropertySpec { expr })),
        None => Err(super::unsupported(
            i,
            "column_property() of anything but a SQL expression",
        )),
    }
}

/// Maps the `column_property()`s among `scan` (name, value) of a class whose class-body
/// columns are `specs` to `mapper`, and sets their class attributes.
///
/// # Failure
/// `NotImplementedError` for an expression of columns of another class body.
pub fn declare(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    cls: &Rc<crate::Class>,
    mapper: &Rc<Mapper>,
    specs: &[(String, Value)],
) -> PyResult<()> {
    let props: Vec<(String, Expr)> = cls
        .dict
        .borrow()
        .iter()
        .filter_map(|(k, v)| Some((k.clone(), native::<ColumnPropertySpec>(v)?.expr.clone())))
        .collect();
    let names: Vec<(String, String)> = specs
        .iter()
        .filter_map(|(_, v)| {
            let c = native::<ColumnSpec>(v)?;
            Some((token(c), c.column.borrow().name.clone()))
        })
        .collect();
    let from = FromItem::Table(mapper.table().clone());
    for (name, expr) in props {
        let mut unknown = false;
        let bound = expr.map_columns(&mut |c| match &c {
            Expr::Column { name: n, .. } if n.starts_with('\u{1}') => {
                match names.iter().find(|(t, _)| t == n) {
                    Some((_, col)) => from.c(col),
                    None => {
                        unknown = true;
                        Ok(c)
                    }
                }
            }
            // A value compared with a class-body column has no key of the column's.
            Expr::Bind { value, key } if key.as_ref().is_some_and(|k| k.starts_with('\u{1}')) => {
                Ok(Expr::Bind {
                    value: value.clone(),
                    key: None,
                })
            }
            _ => Ok(c),
        });
        let bound = bound.map_err(|e| b.raise(i, e))?;
        if unknown {
            return Err(super::unsupported(
                i,
                "column_property() of columns of another class body",
            ));
        }
        mapper.add_expression(&name, bound.clone());
        cls.dict.borrow_mut().insert(
            name.clone(),
            obj(ColumnPropertyAttr {
                bridge: b.clone(),
                key: name,
                expr: bound,
            }),
        );
    }
    Ok(())
}

/// The class attribute of a `column_property()`.
pub struct ColumnPropertyAttr {
    bridge: Rc<Bridge>,
    key: String,
    expr: Expr,
}

impl NativeObject for ColumnPropertyAttr {
    fn type_name(&self) -> String {
        "InstrumentedAttribute".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.attributes.InstrumentedAttribute object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        _: &Value,
    ) -> Option<PyResult<Value>> {
        let b = &self.bridge;
        let Some(instance) = instance else {
            return Some(Ok(ex(b, self.expr.clone())));
        };
        Some((|| {
            b.configure_pending(i)?;
            let id = b.ensure_state(i, instance)?;
            let Some(session) = b.session_of(id) else {
                return Ok(Value::None);
            };
            let v = session.borrow_mut().expression_value(id, &self.key);
            b.pump(i);
            Ok(to_py(&v.map_err(|e| b.raise(i, e))?))
        })())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
