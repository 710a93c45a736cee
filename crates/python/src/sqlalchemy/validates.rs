//! `@validates("email", ...)`: a method the ORM calls as `method(self, key, value)` whenever a
//! validated attribute is set (in the constructor too); what it returns is what gets set.

use super::{method, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;

/// A method decorated with `@validates(...)`.
pub struct Validator {
    /// The attribute names it validates.
    pub names: Vec<String>,
    /// The decorated function.
    pub func: Value,
}

impl NativeObject for Validator {
    fn type_name(&self) -> String {
        "function".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        i.repr(&self.func)
    }
    fn call(&self, i: &mut Interpreter, _: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(i.call(&self.func, args))
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        _: &Value,
    ) -> Option<PyResult<Value>> {
        // `obj.validate_email(...)` binds `obj` as a plain method would.
        let this = instance?.clone();
        let func = self.func.clone();
        let _ = i;
        Some(Ok(method("validator", move |i, mut a: Args| {
            a.pos.insert(0, this.clone());
            i.call(&func, a)
        })
        .unwrap_or(Value::None)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `validates(*names, include_removes=False, include_backrefs=True)`: the decorator.
pub fn validates(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    for kw in ["include_removes", "include_backrefs"] {
        if let Some(v) = a.take_kw(kw) {
            let default = kw == "include_backrefs";
            if i.truthy(&v)? != default {
                return Err(super::unsupported(i, &format!("validates({kw}=...)")));
            }
        }
    }
    let mut names = Vec::new();
    for v in &a.pos {
        names.push(i.to_str(v)?);
    }
    Ok(crate::function::NativeFunction::value(
        "decorator",
        move |i, a: Args| {
            let Some(func) = a.pos.first().cloned() else {
                return Err(i.type_error("validates() decorates a function"));
            };
            Ok(obj(Validator {
                names: names.clone(),
                func,
            }))
        },
    ))
}

/// Runs the validator of `key` on `instance`'s class, if there is one: the value to set.
pub fn validate(i: &mut Interpreter, instance: &Value, key: &str, value: Value) -> PyResult<Value> {
    let Value::Instance(inst) = instance else {
        return Ok(value);
    };
    let class = inst.class.clone();
    let found = std::iter::once(&class)
        .chain(class.mro.iter())
        .find_map(|c| {
            c.dict.borrow().values().find_map(|v| {
                native::<Validator>(v)
                    .filter(|x| x.names.iter().any(|n| n == key))
                    .map(|x| x.func.clone())
            })
        });
    match found {
        Some(f) => i.call(
            &f,
            Args::positional(vec![instance.clone(), Value::str(key), value]),
        ),
        None => Ok(value),
    }
}
