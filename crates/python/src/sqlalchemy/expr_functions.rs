//! The SQL expression constructors of the `sqlalchemy` namespace: `and_` / `or_` /
//! `not_`, `literal()`, `literal_column()`, `func` (any function name) and `exists()`.

use super::expr::{clause_bool, ex, operand, unary};
use super::{Bridge, method, native, obj, to_sql};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::{self as sql, Expr};
use std::any::Any;
use std::rc::Rc;

/// `and_(*clauses)` / `or_(*clauses)`.
pub fn and_or(b: &Rc<Bridge>, i: &mut Interpreter, a: Args, and: bool) -> PyResult<Value> {
    let mut items = Vec::new();
    for v in &a.pos {
        items.push(operand(b, i, v, None)?);
    }
    Ok(ex(
        b,
        if and {
            sql::and_(items)
        } else {
            sql::or_(items)
        },
    ))
}

/// `not_(clause)`.
pub fn not_(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(v) = a.pos.first() else {
        return Err(i.type_error("not_() needs a clause"));
    };
    let e = operand(b, i, v, None)?;
    Ok(ex(b, sql::not_(e)))
}

/// `literal_column(text)`: SQL text used as a column.
pub fn literal_column(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    match a.pos.first() {
        Some(Value::Str(s)) => Ok(ex(b, Expr::LiteralText(s.to_string()))),
        _ => Err(i.type_error("literal_column() needs SQL text")),
    }
}

/// `literal(value)`.
pub fn literal(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let v = a.pos.first().cloned().unwrap_or(Value::None);
    Ok(ex(b, sql::literal(to_sql(i, &v)?)))
}

/// `func`: `func.count(...)`, `func.max(...)`, any name.
pub struct Func(pub Rc<Bridge>);

impl NativeObject for Func {
    fn type_name(&self) -> String {
        "_FunctionGenerator".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.functions._FunctionGenerator object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let b = self.0.clone();
        let fname = name.to_owned();
        Ok(method(name, move |i, a: Args| {
            let mut args = Vec::new();
            for v in &a.pos {
                // Plain values are bound after the function: `coalesce(x, :coalesce_1)`.
                args.push(operand(&b, i, v, Some(fname.clone()))?);
            }
            Ok(ex(&b, sql::func(&fname, args)))
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `exists()` / `exists(select)`, refined with `.where(...)`.
pub struct ExistsObj {
    bridge: Rc<Bridge>,
    /// The statement inside `EXISTS (...)`.
    pub(super) select: retort::sql::Select,
}

/// `exists(*args)`.
pub fn exists(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let select = match a.pos.first() {
        None => sql::select(vec![Expr::Star]),
        Some(v) => match native::<super::select::SelectObj>(v) {
            Some(s) => s.to_select(i, b)?,
            None => {
                let mut cols = Vec::new();
                for v in &a.pos {
                    cols.push(operand(b, i, v, None)?);
                }
                sql::select(cols)
            }
        },
    };
    Ok(obj(ExistsObj {
        bridge: b.clone(),
        select,
    }))
}

/// `select(...).exists()`: an EXISTS of the statement.
pub fn exists_of(b: &Rc<Bridge>, select: retort::sql::Select) -> Value {
    obj(ExistsObj {
        bridge: b.clone(),
        select,
    })
}

impl super::expr::AsExpr for ExistsObj {
    fn as_expr(&self) -> retort::Result<Expr> {
        Ok(sql::exists(self.select.clone()))
    }
}

impl NativeObject for ExistsObj {
    fn type_name(&self) -> String {
        "Exists".into()
    }
    fn bool_checked(&self, i: &mut Interpreter) -> Option<PyResult<bool>> {
        Some(clause_bool(i, &sql::exists(self.select.clone())))
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        retort::sql::compiler::expr_to_string(&sql::exists(self.select.clone()))
            .map_err(|e| self.bridge.raise(i, e))
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.selectable.Exists object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (b, select) = (self.bridge.clone(), self.select.clone());
        Ok(match name {
            "where" | "filter" => method(name, move |i, a: Args| {
                let mut crit = Vec::new();
                for v in &a.pos {
                    crit.push(operand(&b, i, v, None)?);
                }
                Ok(obj(ExistsObj {
                    bridge: b.clone(),
                    select: select.clone().where_(sql::and_(crit)),
                }))
            }),
            _ => None,
        })
    }
    fn unary_op(&self, _: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        unary(&self.bridge, sql::exists(self.select.clone()), op)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
