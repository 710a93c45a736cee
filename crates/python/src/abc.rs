//! The `abc` module: `ABC`, `ABCMeta` (as a marker base) and `abstractmethod`, with
//! CPython's refusal to instantiate a class that leaves abstract methods unimplemented.

use crate::class::{Class, c3_mro};
use crate::function::NativeFunction;
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

fn is_abstract(v: &Value) -> bool {
    let f = match v {
        Value::Function(f) => f.clone(),
        Value::ClassMethod(inner) | Value::StaticMethod(inner) => match &**inner {
            Value::Function(f) => f.clone(),
            _ => return false,
        },
        Value::Property(p) => match &p[0] {
            Value::Function(f) => f.clone(),
            _ => return false,
        },
        _ => return false,
    };
    matches!(
        f.attrs.borrow().get("__isabstractmethod__"),
        Some(Value::Bool(true))
    )
}

/// TypeError if `class` (deriving from `abc.ABC`) still has abstract methods.
pub(crate) fn check_instantiable(i: &Interpreter, class: &Rc<Class>) -> PyResult<()> {
    if !class
        .mro
        .iter()
        .any(|c| c.name == "ABC" && c.module == "abc")
    {
        return Ok(());
    }
    let mut names: Vec<String> = Vec::new();
    for c in std::iter::once(class).chain(class.mro.iter()) {
        for k in c.dict.borrow().keys() {
            if !names.contains(k) {
                names.push(k.clone());
            }
        }
    }
    let mut missing: Vec<String> = names
        .into_iter()
        .filter(|n| class.lookup(n).is_some_and(|v| is_abstract(&v)))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    missing.sort();
    Err(i.type_error(format!(
        "Can't instantiate abstract class {} with abstract method{} {}",
        class.name,
        if missing.len() == 1 { "" } else { "s" },
        missing.join(", ")
    )))
}

/// Register `abc`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("abc", |i| {
        let m = Module::new("abc");
        let bases: Vec<Rc<Class>> = i.builtin_type("object").into_iter().collect();
        let mro = c3_mro(&bases).unwrap_or_default();
        let abc = Rc::new(Class::new("ABC", "abc", bases, mro));
        m.set("ABC", Value::Class(abc));
        m.set(
            "ABCMeta",
            i.builtin_type("type")
                .map(Value::Class)
                .unwrap_or(Value::None),
        );
        m.set(
            "abstractmethod",
            NativeFunction::value("abstractmethod", |_, a| {
                let f = a.pos.first().cloned().unwrap_or(Value::None);
                if let Value::Function(func) = &f {
                    func.attrs
                        .borrow_mut()
                        .insert("__isabstractmethod__".into(), Value::Bool(true));
                }
                Ok(f)
            }),
        );
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn abstract_methods_block_instantiation_and_print_file() {
        let (out, r) = crate::interp::run_for_test(
            "import sys\nfrom abc import ABC, abstractmethod\nclass A(ABC):\n    @abstractmethod\n    def f(self): ...\n    @abstractmethod\n    def g(self): ...\nclass B(A):\n    def f(self):\n        return 1\n    def g(self):\n        return 2\ntry:\n    A()\nexcept TypeError as e:\n    print(e)\nprint(B().f(), file=sys.stdout)\nsys.stdout.write('ok\\n')\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "Can't instantiate abstract class A with abstract methods f, g\n1\nok\n"
        );
    }
}
