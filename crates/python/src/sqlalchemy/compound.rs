//! `union()`, `union_all()`, `intersect()`, `except_()` and the same methods of a select:
//! compound SELECTs, printed and executed as Core statements.

use super::{Bridge, method, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::statement::{Compound, CompoundOp};
use std::any::Any;
use std::rc::Rc;

/// The constructors, by their `sqlalchemy` name.
pub const NAMES: &[&str] = &["union", "union_all", "intersect", "except_"];

fn op_of(name: &str) -> Option<CompoundOp> {
    Some(match name {
        "union" => CompoundOp::Union,
        "union_all" => CompoundOp::UnionAll,
        "intersect" => CompoundOp::Intersect,
        "except_" => CompoundOp::Except,
        _ => return None,
    })
}

/// A compound SELECT.
pub struct CompoundObj {
    bridge: Rc<Bridge>,
    /// The statement.
    pub compound: Compound,
}

/// `union(*selects)` and friends; `first` is the select a method was called on.
pub fn call(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    name: &str,
    first: Option<&Value>,
    a: &Args,
) -> PyResult<Value> {
    let Some(op) = op_of(name) else {
        return Err(super::unsupported(i, &format!("sqlalchemy.{name}()")));
    };
    let mut selects = Vec::new();
    for v in first.into_iter().chain(a.pos.iter()) {
        match native::<super::select::SelectObj>(v) {
            Some(s) => selects.push(s.to_select(i, b)?),
            None => {
                return Err(super::unsupported(
                    i,
                    &format!("{name}() of something other than select()"),
                ));
            }
        }
    }
    Ok(obj(CompoundObj {
        bridge: b.clone(),
        compound: Compound { op, selects },
    }))
}

impl NativeObject for CompoundObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.sql.selectable",
            "CompoundSelect",
        ))
    }
    fn type_name(&self) -> String {
        "CompoundSelect".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.selectable.CompoundSelect object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        let st = retort::sql::Statement::Compound(self.compound.clone());
        retort::sql::compiler::to_string(&st).map_err(|e| self.bridge.raise(i, e))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (b, c) = (self.bridge.clone(), self.compound.clone());
        Ok(match name {
            "compile" => method(name, move |i, a: Args| {
                let st = retort::sql::Statement::Compound(c.clone());
                super::table::compile(&b, i, &st, a)
            }),
            "subquery" | "alias" => method(name, move |i, a: Args| {
                super::subquery::subquery(&b, i, retort::sql::select_compound(c.clone()), a)
            }),
            "cte" => method(name, move |i, a: Args| {
                super::subquery::cte(&b, i, retort::sql::select_compound(c.clone()), a)
            }),
            "order_by" | "limit" | "offset" | "c" | "selected_columns" => {
                return Err(super::unsupported(i, &format!("CompoundSelect.{name}")));
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
