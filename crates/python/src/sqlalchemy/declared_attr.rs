//! `@declared_attr` (and `@declared_attr.directive`): a class-body function that the
//! declarative mapping calls with the class being mapped, for attributes that must be made
//! per class — mixin columns with foreign keys, relationships, `__tablename__` derived from
//! the class name.

use super::obj;
use crate::function::{Args, NativeFunction};
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Class, Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// A `@declared_attr` function.
pub struct DeclaredAttr(Value);

/// `sqlalchemy.orm.declared_attr`.
pub fn value() -> Value {
    obj(DeclaredAttrFn)
}

/// The `declared_attr` decorator (callable, with `.directive`).
struct DeclaredAttrFn;

fn wrap(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    match a.pos.first() {
        Some(f) if a.pos.len() == 1 && a.kw.is_empty() => Ok(obj(DeclaredAttr(f.clone()))),
        _ => Err(i.type_error("declared_attr() takes one function")),
    }
}

impl NativeObject for DeclaredAttrFn {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<class 'sqlalchemy.orm.decl_api.declared_attr'>".into())
    }
    fn call(&self, i: &mut Interpreter, _: &Value, a: Args) -> Option<PyResult<Value>> {
        Some(wrap(i, a))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "directive" | "cascading" => Some(NativeFunction::value(name, wrap)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl NativeObject for DeclaredAttr {
    fn type_name(&self) -> String {
        "declared_attr".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.decl_api.declared_attr object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        _instance: Option<&Value>,
        owner: &Value,
    ) -> Option<PyResult<Value>> {
        Some(i.call(&self.0, Args::positional(vec![owner.clone()])))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A class-body value as the mapping of `cls` sees it: a `@declared_attr` is called with
/// the class.
pub fn resolve(
    i: &mut Interpreter,
    cls: &Rc<Class>,
    value: Option<Value>,
) -> PyResult<Option<Value>> {
    match &value {
        Some(v @ Value::Object(o)) if o.as_any().is::<DeclaredAttr>() => {
            let Some(d) = super::native::<DeclaredAttr>(v) else {
                return Ok(value);
            };
            Ok(Some(i.call(
                &d.0,
                Args::positional(vec![Value::Class(cls.clone())]),
            )?))
        }
        _ => Ok(value),
    }
}

/// Sets `cls.__tablename__` from a `@declared_attr` one of a base or mixin when the class
/// gives none of its own.
pub fn resolve_tablename(i: &mut Interpreter, cls: &Rc<Class>) -> PyResult<()> {
    if cls.dict.borrow().contains_key("__tablename__") {
        return Ok(());
    }
    let found = cls
        .mro
        .iter()
        .find_map(|c| c.dict.borrow().get("__tablename__").cloned());
    // A plain name inherited from a mapped parent is not this class's own table (a
    // single-table subclass): only a `declared_attr` function makes one per class.
    if matches!(found, Some(Value::Str(_)) | None) {
        return Ok(());
    }
    if let Some(v) = resolve(i, cls, found)?
        && let Value::Str(_) = v
    {
        cls.dict.borrow_mut().insert("__tablename__".into(), v);
    }
    Ok(())
}
