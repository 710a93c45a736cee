//! `object`'s own attribute behaviour: `object.__setattr__` / `object.__delattr__` (the
//! instance's storage, past a class's `__setattr__`), and `__slots__`, which rule out
//! attributes they do not name.

use crate::value::Value;
use std::rc::Rc;

/// `object.__setattr__(self, name, value)` and `object.__delattr__(self, name)`: the
/// instance's own storage, past any `__setattr__` the class defines.
pub(crate) fn object_method(name: &str) -> Option<Value> {
    let f = match name {
        "__setattr__" => crate::function::NativeFunction::value(name, |i, a| {
            let [obj, key, v] = crate::builtins::exact::<3>(i, &a, "__setattr__")?;
            match (&obj, &key) {
                (Value::Instance(inst), Value::Str(k)) => {
                    inst.attrs.borrow_mut().insert(k.to_string(), v);
                    Ok(Value::None)
                }
                _ => Err(i.type_error("object.__setattr__() needs an instance and a str name")),
            }
        }),
        "__delattr__" => crate::function::NativeFunction::value(name, |i, a| {
            let [obj, key] = crate::builtins::exact::<2>(i, &a, "__delattr__")?;
            match (&obj, &key) {
                (Value::Instance(inst), Value::Str(k)) => {
                    if inst.attrs.borrow_mut().shift_remove(&**k).is_none() {
                        return Err(i.exc(
                            "AttributeError",
                            format!("'{}' object has no attribute '{k}'", inst.class.name),
                        ));
                    }
                    Ok(Value::None)
                }
                _ => Err(i.type_error("object.__delattr__() needs an instance and a str name")),
            }
        }),
        _ => return None,
    };
    Some(f)
}

/// Whether `__slots__` rule out attribute `name` on instances of `class`: every
/// user-defined class in its MRO declares `__slots__`, and none names `name`.
pub(crate) fn slots_forbid(class: &Rc<crate::Class>, name: &str) -> bool {
    let mut any = false;
    for c in std::iter::once(class).chain(class.mro.iter()) {
        if c.builtin.is_some() {
            continue;
        }
        let Some(slots) = c.dict.borrow().get("__slots__").cloned() else {
            return false;
        };
        any = true;
        let names = match &slots {
            Value::Str(s) => vec![s.to_string()],
            Value::Tuple(t) => t.iter().filter_map(str_of).collect(),
            Value::List(l) => l.borrow().iter().filter_map(str_of).collect(),
            _ => return false,
        };
        if names.iter().any(|n| n == name || n == "__dict__") {
            return false;
        }
    }
    any
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.to_string()),
        _ => None,
    }
}
