//! `object`'s own attribute behaviour: `object.__new__`, `object.__setattr__` / `object.__delattr__` (the
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
        // `object.__new__(cls)`: a bare instance, `__init__` not called.
        "__new__" => crate::function::NativeFunction::value(name, |i, a| match a.pos.first() {
            Some(Value::Class(c)) if c.builtin.is_none() => Ok(Value::Instance(Rc::new(
                crate::class::Instance::new(c.clone()),
            ))),
            Some(other) => Err(i.type_error(format!(
                "object.__new__(X): X is not a type object ({})",
                other.type_name()
            ))),
            None => Err(i.type_error("object.__new__(): not enough arguments")),
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

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn user_new_singleton_and_object_new() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "class Db:\n    _i = None\n    def __new__(cls, *a, **k):\n        if cls._i is None:\n            print('creating')\n            cls._i = super().__new__(cls)\n        return cls._i\n    def __init__(self, url='sqlite://'):\n        self.url = url\n",
            "a = Db()\nb = Db('x')\nprint(a is b, a.url)\n",
            "class P:\n    def __new__(cls, v):\n        inst = object.__new__(cls)\n        inst.v = v * 2\n        return inst\n",
            "class Q:\n    @classmethod\n    def bare(cls):\n        return cls.__new__(cls)\n",
            "print(P(3).v, type(Q.bare()).__name__)\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "creating\nTrue x\n6 Q\n");
    }
}
