//! The `types` module's `SimpleNamespace` (attribute bags in tests and settings objects)
//! and the names scripts check values against (`FunctionType`, `ModuleType`, ...).

use crate::function::NativeFunction;
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use std::rc::Rc;

/// Register `types`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("types", |i| {
        let m = Module::new("types");
        let ns = i.native_class("SimpleNamespace", "types");
        {
            let mut d = ns.dict.borrow_mut();
            d.insert(
                "__init__".into(),
                NativeFunction::value("__init__", |i, a| {
                    let Some(Value::Instance(me)) = a.pos.first() else {
                        return Err(i.type_error("SimpleNamespace.__init__ needs an instance"));
                    };
                    if let Some(src) = a.pos.get(1) {
                        for (k, v) in i.dict_items(src)? {
                            let k = i.to_str(&k)?;
                            me.attrs.borrow_mut().insert(k, v);
                        }
                    }
                    if a.pos.len() > 2 {
                        return Err(i.type_error(format!(
                            "SimpleNamespace expected at most 1 argument, got {}",
                            a.pos.len() - 1
                        )));
                    }
                    for (k, v) in &a.kw {
                        me.attrs.borrow_mut().insert(k.clone(), v.clone());
                    }
                    Ok(Value::None)
                }),
            );
            d.insert(
                "__repr__".into(),
                NativeFunction::value("__repr__", |i, a| {
                    let Some(Value::Instance(me)) = a.pos.first() else {
                        return Ok(Value::str("namespace()"));
                    };
                    let attrs: Vec<(String, Value)> = me
                        .attrs
                        .borrow()
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    let mut parts = Vec::new();
                    for (k, v) in attrs {
                        parts.push(format!("{k}={}", i.repr(&v)?));
                    }
                    let name = if me.class.name == "SimpleNamespace" {
                        "namespace".to_string()
                    } else {
                        me.class.name.clone()
                    };
                    Ok(Value::str(&format!("{name}({})", parts.join(", "))))
                }),
            );
            d.insert(
                "__eq__".into(),
                NativeFunction::value("__eq__", |i, a| match (a.pos.first(), a.pos.get(1)) {
                    (Some(Value::Instance(x)), Some(Value::Instance(y))) => {
                        let dx = i.getattr(&Value::Instance(x.clone()), "__dict__")?;
                        let dy = i.getattr(&Value::Instance(y.clone()), "__dict__")?;
                        Ok(Value::Bool(i.eq(&dx, &dy)?))
                    }
                    _ => Ok(Value::Bool(false)),
                }),
            );
        }
        m.set("SimpleNamespace", Value::Class(ns));
        for (name, ty) in [
            ("FunctionType", "function"),
            ("LambdaType", "function"),
            ("ModuleType", "module"),
            ("BuiltinFunctionType", "builtin_function_or_method"),
            ("NoneType", "NoneType"),
        ] {
            if let Some(c) = i.builtin_type(ty) {
                m.set(name, Value::Class(c));
            }
        }
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn simple_namespace() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "from types import SimpleNamespace\n",
            "cfg = SimpleNamespace(url='sqlite://', echo=False)\ncfg.pool = 5\n",
            "print(cfg, cfg.url, vars(cfg), cfg == SimpleNamespace(url='sqlite://', echo=False, pool=5), SimpleNamespace())\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "namespace(url='sqlite://', echo=False, pool=5) sqlite:// {'url': 'sqlite://', 'echo': False, 'pool': 5} True namespace()\n"
        );
    }
}
