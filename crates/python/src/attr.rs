//! Attribute access: `obj.name` reads, writes and deletes on instances (with properties,
//! descriptors, bound methods), classes, modules, `super()` and builtin values.

use crate::function::BoundMethod;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

impl Interpreter {
    /// `getattr(obj, name)`.
    pub fn getattr(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        match self.try_getattr(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.attribute_error(obj, name)),
        }
    }

    fn attribute_error(&self, obj: &Value, name: &str) -> crate::exceptions::Exc {
        let msg = match obj {
            Value::Class(c) => format!("type object '{}' has no attribute '{name}'", c.name),
            Value::Module(m) => format!("module '{}' has no attribute '{name}'", m.name),
            other => format!("'{}' object has no attribute '{name}'", other.type_name()),
        };
        let exc = self.exc("AttributeError", msg);
        if let crate::exceptions::Exc::Raise(Value::Instance(inst)) = &exc {
            if let Some(info) = inst.exc.borrow_mut().as_mut() {
                info.hint = Some(crate::exceptions::Hint::Attribute(
                    obj.clone(),
                    name.to_string(),
                ));
            }
            inst.attrs
                .borrow_mut()
                .insert("name".into(), Value::str(name));
            inst.attrs.borrow_mut().insert("obj".into(), obj.clone());
        }
        exc
    }

    /// Bind a value found on a class to the instance it was looked up through.
    fn bind(&mut self, found: Value, receiver: &Value, class: &Value) -> PyResult<Value> {
        if let Some(get) = user_hook(&found, "__get__") {
            let args = vec![found, receiver.clone(), class.clone()];
            return self.call(&get, crate::function::Args::positional(args));
        }
        Ok(match found {
            Value::Function(_) | Value::Native(_) => Value::Method(Rc::new(BoundMethod {
                receiver: receiver.clone(),
                func: found,
            })),
            Value::ClassMethod(f) => Value::Method(Rc::new(BoundMethod {
                receiver: class.clone(),
                func: (*f).clone(),
            })),
            Value::StaticMethod(f) => (*f).clone(),
            Value::Property(p) => {
                let getter = p[0].clone();
                return self.call(
                    &getter,
                    crate::function::Args::positional(vec![receiver.clone()]),
                );
            }
            Value::Object(o) => match o.descr_get(self, Some(receiver), class) {
                Some(r) => r?,
                None => Value::Object(o),
            },
            other => other,
        })
    }

    /// `getattr(obj, name)` without raising when the attribute is missing.
    pub fn try_getattr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        match obj {
            Value::Instance(inst) => {
                let class_value = Value::Class(inst.class.clone());
                match name {
                    "__class__" => return Ok(Some(class_value)),
                    "__dict__" if inst.class.lookup("__dict__").is_none() => {
                        let mut d = crate::value::Dict::new();
                        for (k, v) in inst.attrs.borrow().iter() {
                            let key = Value::str(k);
                            if let Some(hk) = key.hash_key() {
                                d.insert(hk, (key, v.clone()));
                            }
                        }
                        return Ok(Some(Value::Dict(Rc::new(std::cell::RefCell::new(d)))));
                    }
                    _ => {}
                }
                let found = inst.class.lookup(name);
                // A class-level object with `__get__` and `__set__`/`__delete__` (a data
                // descriptor written in Python) wins over the instance dict.
                if let Some(f) = &found
                    && user_hook(f, "__get__").is_some()
                    && (user_hook(f, "__set__").is_some() || user_hook(f, "__delete__").is_some())
                {
                    return self.bind(f.clone(), obj, &class_value).map(Some);
                }
                // Data descriptors (property, native descriptors) win over the instance dict.
                if let Some(f @ (Value::Property(_) | Value::Object(_))) = &found {
                    let is_data = match f {
                        Value::Object(o) => o.is_data_descriptor(),
                        _ => true,
                    };
                    if is_data {
                        return self.bind(f.clone(), obj, &class_value).map(Some);
                    }
                }
                if let Some(v) = inst.attrs.borrow().get(name) {
                    return Ok(Some(v.clone()));
                }
                if let Some(f) = found {
                    return self.bind(f, obj, &class_value).map(Some);
                }
                if let Some(v) = self.exception_attr(inst, name) {
                    return Ok(Some(v));
                }
                // A dict/list subclass: the wrapped value's methods (`get`, `append`, ...).
                let base = inst.base.borrow().clone();
                if let Some(base) = base
                    && let Some(m) = self.try_getattr(&base, name)?
                {
                    return Ok(Some(m));
                }
                if let Some(hook) = inst.class.lookup("__getattr__") {
                    let m = self.bind(hook, obj, &class_value)?;
                    return self
                        .call(
                            &m,
                            crate::function::Args::positional(vec![Value::str(name)]),
                        )
                        .map(Some);
                }
                Ok(None)
            }
            Value::Class(c) => {
                if c.builtin == Some(crate::class::Builtin::Object)
                    && let Some(f) = crate::attr_object::object_method(name)
                {
                    return Ok(Some(f));
                }
                match name {
                    "__name__" => return Ok(Some(Value::str(&c.name))),
                    "__qualname__" => {
                        return Ok(Some(
                            c.dict
                                .borrow()
                                .get("__qualname__")
                                .cloned()
                                .unwrap_or_else(|| Value::str(&c.name)),
                        ));
                    }
                    "__module__" if !c.dict.borrow().contains_key("__module__") => {
                        return Ok(Some(Value::str(&c.module)));
                    }
                    "__mro__" => {
                        let mut v = vec![obj.clone()];
                        v.extend(c.mro.iter().map(|m| Value::Class(m.clone())));
                        return Ok(Some(Value::tuple(v)));
                    }
                    "mro" if c.lookup("mro").is_none() => {
                        let mut v = vec![obj.clone()];
                        v.extend(c.mro.iter().map(|m| Value::Class(m.clone())));
                        return Ok(Some(crate::function::NativeFunction::value(
                            "mro",
                            move |_, _| Ok(Value::list(v.clone())),
                        )));
                    }
                    "__base__" => {
                        return Ok(Some(
                            c.bases
                                .first()
                                .cloned()
                                .map(Value::Class)
                                .unwrap_or(Value::None),
                        ));
                    }
                    "__bases__" => {
                        return Ok(Some(Value::tuple(
                            c.bases.iter().map(|b| Value::Class(b.clone())).collect(),
                        )));
                    }
                    "__dict__" => {
                        let mut d = crate::value::Dict::new();
                        for (k, v) in c.dict.borrow().iter() {
                            let key = Value::str(k);
                            if let Some(hk) = key.hash_key() {
                                d.insert(hk, (key, v.clone()));
                            }
                        }
                        return Ok(Some(Value::Dict(Rc::new(std::cell::RefCell::new(d)))));
                    }
                    "__doc__"
                        if c.builtin.is_none()
                            || c.builtin == Some(crate::class::Builtin::Exception) =>
                    {
                        // Not inherited: every class has its own (None without a docstring).
                        let own = c.dict.borrow().get("__doc__").cloned();
                        return Ok(Some(own.unwrap_or(Value::None)));
                    }
                    _ => {}
                }
                let Some(found) = c.lookup(name) else {
                    if name == "__new__" && c.builtin.is_none() {
                        return Ok(crate::attr_object::object_method(name));
                    }
                    return Ok(c
                        .builtin
                        .and_then(|b| crate::methods::unbound(b, &c.name, name)));
                };
                if let Some(get) = user_hook(&found, "__get__") {
                    let args = vec![found, Value::None, obj.clone()];
                    return self
                        .call(&get, crate::function::Args::positional(args))
                        .map(Some);
                }
                Ok(Some(match found {
                    Value::ClassMethod(f) => Value::Method(Rc::new(BoundMethod {
                        receiver: obj.clone(),
                        func: (*f).clone(),
                    })),
                    Value::StaticMethod(f) => (*f).clone(),
                    Value::Object(o) => match o.descr_get(self, None, obj) {
                        Some(r) => r?,
                        None => Value::Object(o),
                    },
                    other => other,
                }))
            }
            Value::Module(m) => {
                if name == "__name__" {
                    return Ok(Some(Value::str(&m.name)));
                }
                Ok(m.attrs.borrow().get(name).cloned())
            }
            Value::Super(s) => {
                let (start, receiver) = (&s.0, &s.1);
                let class = match receiver {
                    Value::Class(c) => c.clone(),
                    Value::Instance(i) => i.class.clone(),
                    _ => start.clone(),
                };
                let mut chain = vec![class.clone()];
                chain.extend(class.mro.iter().cloned());
                let pos = chain
                    .iter()
                    .position(|c| Rc::ptr_eq(c, start))
                    .map(|p| p + 1)
                    .unwrap_or(chain.len());
                for c in &chain[pos..] {
                    let found = c.dict.borrow().get(name).cloned();
                    if let Some(f) = found {
                        let class_value = Value::Class(class.clone());
                        if let Value::Class(_) = receiver {
                            return Ok(Some(match f {
                                Value::ClassMethod(f) => Value::Method(Rc::new(BoundMethod {
                                    receiver: receiver.clone(),
                                    func: (*f).clone(),
                                })),
                                other => other,
                            }));
                        }
                        return self.bind(f, receiver, &class_value).map(Some);
                    }
                }
                if name == "__new__" {
                    return Ok(crate::attr_object::object_method(name));
                }
                // `super().get(...)` in a dict subclass: the wrapped dict's method.
                let base = match receiver {
                    Value::Instance(inst) => inst.base.borrow().clone(),
                    _ => None,
                };
                if let Some(base) = base
                    && let Some(m) = self.try_getattr(&base, name)?
                {
                    return Ok(Some(m));
                }
                if name == "__init__" || name == "__init_subclass__" {
                    return Ok(Some(crate::function::NativeFunction::value(
                        name,
                        |_, _| Ok(Value::None),
                    )));
                }
                // `object`'s own `__setattr__` and `__repr__`, reached through `super()`.
                let receiver = receiver.clone();
                Ok(match name {
                    "__setattr__" => {
                        Some(crate::function::NativeFunction::value(name, move |i, a| {
                            let (Some(Value::Str(k)), Some(v)) = (a.pos.first(), a.pos.get(1))
                            else {
                                return Err(i.type_error("expected 2 arguments"));
                            };
                            if let Value::Instance(inst) = &receiver {
                                inst.attrs.borrow_mut().insert(k.to_string(), v.clone());
                            }
                            Ok(Value::None)
                        }))
                    }
                    "__repr__" | "__str__" => {
                        Some(crate::function::NativeFunction::value(name, move |_, _| {
                            let text = match &receiver {
                                Value::Instance(inst) => {
                                    let module = match inst.class.dict.borrow().get("__module__") {
                                        Some(Value::Str(m)) => m.to_string(),
                                        _ => inst.class.module.clone(),
                                    };
                                    format!(
                                        "<{module}.{} object at 0x{:012x}>",
                                        inst.class.name,
                                        receiver.identity()
                                    )
                                }
                                _ => String::new(),
                            };
                            Ok(Value::str(&text))
                        }))
                    }
                    _ => None,
                })
            }
            Value::Object(o) => {
                let o = o.clone();
                o.get_attr(self, obj, name)
            }
            Value::Function(f) => {
                if let Some(v) = f.attrs.borrow().get(name) {
                    return Ok(Some(v.clone()));
                }
                Ok(match name {
                    "__name__" => Some(Value::str(&f.name)),
                    "__qualname__" => Some(Value::str(&f.qualname)),
                    "__doc__" => Some(f.docstring()),
                    "__module__" => Some(Value::str("__main__")),
                    "__dict__" => {
                        let items = f
                            .attrs
                            .borrow()
                            .iter()
                            .filter(|(k, _)| {
                                !matches!(
                                    k.as_str(),
                                    "__name__" | "__qualname__" | "__doc__" | "__module__"
                                )
                            })
                            .map(|(k, v)| (Value::str(k), v.clone()))
                            .collect();
                        Some(self.new_dict(items)?)
                    }
                    _ => None,
                })
            }
            Value::Native(f) => Ok(match name {
                "__name__" | "__qualname__" => Some(Value::str(&f.name)),
                _ => None,
            }),
            Value::Method(m) => Ok(match name {
                "__self__" => Some(m.receiver.clone()),
                "__func__" => Some(m.func.clone()),
                _ => return self.try_getattr(&m.func.clone(), name),
            }),
            Value::Property(p)
                if matches!(
                    name,
                    "setter" | "getter" | "deleter" | "fget" | "fset" | "fdel"
                ) =>
            {
                let p = p.clone();
                let slot = match name {
                    "getter" | "fget" => 0,
                    "setter" | "fset" => 1,
                    _ => 2,
                };
                if name.starts_with('f') {
                    return Ok(Some(p[slot].clone()));
                }
                Ok(Some(crate::function::NativeFunction::value(
                    name,
                    move |_, args| {
                        let f = args.pos.first().cloned().unwrap_or(Value::None);
                        let mut parts = (*p).clone();
                        parts[slot] = f;
                        Ok(Value::Property(Rc::new(parts)))
                    },
                )))
            }
            other => Ok(crate::methods::lookup(other, name)),
        }
    }

    fn exception_attr(&self, inst: &crate::class::Instance, name: &str) -> Option<Value> {
        let exc = inst.exc.borrow();
        let info = exc.as_ref()?;
        Some(match name {
            "args" => Value::tuple(info.args.clone()),
            "__cause__" => info.cause.clone().unwrap_or(Value::None),
            "__context__" => info.context.clone().unwrap_or(Value::None),
            "__traceback__" => Value::None,
            "__suppress_context__" => Value::Bool(info.suppress_context),
            "value"
                if inst.class.mro.iter().any(|c| c.name == "StopIteration")
                    || inst.class.name == "StopIteration" =>
            {
                info.args.first().cloned().unwrap_or(Value::None)
            }
            _ => return None,
        })
    }

    /// `setattr(obj, name, value)`.
    pub fn setattr(&mut self, obj: &Value, name: &str, value: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                match inst.class.lookup(name) {
                    Some(Value::Property(p)) => {
                        if matches!(p[1], Value::None) {
                            return Err(self.exc(
                                "AttributeError",
                                format!(
                                    "property '{name}' of '{}' object has no setter",
                                    inst.class.name
                                ),
                            ));
                        }
                        let setter = p[1].clone();
                        self.call(
                            &setter,
                            crate::function::Args::positional(vec![obj.clone(), value]),
                        )?;
                        return Ok(());
                    }
                    Some(Value::Object(o)) if o.is_data_descriptor() => {
                        if let Some(r) = o.descr_set(self, obj, value.clone()) {
                            return r;
                        }
                    }
                    Some(d) if user_hook(&d, "__set__").is_some() => {
                        let set = user_hook(&d, "__set__").unwrap_or(Value::None);
                        let args = vec![d, obj.clone(), value];
                        self.call(&set, crate::function::Args::positional(args))?;
                        return Ok(());
                    }
                    _ => {}
                }
                if let Some(hook) = inst.class.lookup("__setattr__") {
                    let args = crate::function::Args::positional(vec![
                        obj.clone(),
                        Value::str(name),
                        value,
                    ]);
                    self.call(&hook, args)?;
                    return Ok(());
                }
                if name == "args"
                    && let Some(info) = inst.exc.borrow_mut().as_mut()
                {
                    info.args = self.iterate(&value)?;
                    return Ok(());
                }
                if crate::attr_object::slots_forbid(&inst.class, name) {
                    return Err(self.exc(
                        "AttributeError",
                        format!("'{}' object has no attribute '{name}'", inst.class.name),
                    ));
                }
                inst.attrs.borrow_mut().insert(name.to_string(), value);
                Ok(())
            }
            Value::Class(c) => {
                c.dict.borrow_mut().insert(name.to_string(), value);
                Ok(())
            }
            Value::Module(m) => {
                m.attrs.borrow_mut().insert(name.to_string(), value);
                Ok(())
            }
            Value::Function(f) => {
                f.attrs.borrow_mut().insert(name.to_string(), value);
                Ok(())
            }
            Value::Object(o) => {
                let o = o.clone();
                match o.set_attr(self, obj, name, value) {
                    Some(r) => r,
                    None => Err(self.attribute_error(obj, name)),
                }
            }
            other => Err(self.exc(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", other.type_name()),
            )),
        }
    }

    /// `delattr(obj, name)`.
    pub fn delattr(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        if let Value::Instance(inst) = obj
            && let Some(Value::Property(p)) = inst.class.lookup(name)
        {
            if matches!(p[2], Value::None) {
                return Err(self.exc(
                    "AttributeError",
                    format!(
                        "property '{name}' of '{}' object has no deleter",
                        inst.class.name
                    ),
                ));
            }
            let del = p[2].clone();
            self.call(&del, crate::function::Args::positional(vec![obj.clone()]))?;
            return Ok(());
        }
        if let Value::Instance(inst) = obj
            && let Some(d) = inst.class.lookup(name)
            && let Some(del) = user_hook(&d, "__delete__")
        {
            self.call(
                &del,
                crate::function::Args::positional(vec![d, obj.clone()]),
            )?;
            return Ok(());
        }
        let removed = match obj {
            Value::Instance(inst) => inst.attrs.borrow_mut().shift_remove(name).is_some(),
            Value::Class(c) => c.dict.borrow_mut().shift_remove(name).is_some(),
            _ => false,
        };
        if removed {
            Ok(())
        } else {
            Err(self.attribute_error(obj, name))
        }
    }
}

/// The method `hook` (`__get__`, `__set__`, ...) of a descriptor written in Python: a
/// class attribute that is an instance of a class defining it.
pub(crate) fn user_hook(v: &Value, hook: &str) -> Option<Value> {
    match v {
        Value::Instance(i) if !i.class.is_exception() => i.class.lookup(hook),
        _ => None,
    }
}

#[cfg(test)]
mod descriptor_tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn python_descriptors_and_set_name() {
        let (out, r) = crate::interp::run_for_test(
            "class D:\n    def __set_name__(self, owner, name):\n        self.n = '_' + name\n    def __get__(self, obj, t=None):\n        return self if obj is None else getattr(obj, self.n) * 10\n    def __set__(self, obj, v):\n        setattr(obj, self.n, v)\nclass C:\n    x = D()\nc = C()\nc.x = 2\nprint(c.x, vars(c), type(C.x).__name__)\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "20 {'_x': 2} D\n");
    }

    #[test]
    fn property_deleter() {
        let (out, r) = crate::interp::run_for_test(
            "class T:\n    @property\n    def c(self):\n        return 1\n    @c.deleter\n    def c(self):\n        print('del')\ndel T().c\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "del\n");
    }

    #[test]
    fn slots_refuse_other_attributes() {
        let (out, r) = crate::interp::run_for_test(
            "class S:\n    __slots__ = ('x',)\n    def __init__(self):\n        self.x = 1\ns = S()\ntry:\n    s.y = 2\nexcept AttributeError as e:\n    print(e, s.x)\nclass T(S):\n    pass\nt = T()\nt.y = 3\nprint(t.y)\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "'S' object has no attribute 'y' 1\n3\n");
    }
}
