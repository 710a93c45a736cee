//! The `typing` module (and `typing_extensions`, which tutorials import `Annotated` from):
//! the special forms as inert [`TypingForm`] values, subscriptable and usable in
//! annotations; `cast`, `TypeVar`, `NewType`; decorators for type checkers (`overload`,
//! `final`, `runtime_checkable`) that return their argument.

use crate::function::NativeFunction;
use crate::modules::{Module, ModuleRegistry};
use crate::stdlib::TypingForm;
use crate::value::Value;
use std::rc::Rc;

/// The special forms, by name.
const FORMS: &[&str] = &[
    "List",
    "Dict",
    "Optional",
    "Set",
    "FrozenSet",
    "Tuple",
    "Any",
    "Union",
    "Callable",
    "Iterable",
    "Iterator",
    "Sequence",
    "Mapping",
    "MutableMapping",
    "MutableSequence",
    "MutableSet",
    "AbstractSet",
    "Collection",
    "Container",
    "Hashable",
    "Sized",
    "Reversible",
    "Awaitable",
    "Coroutine",
    "AsyncIterator",
    "AsyncIterable",
    "AsyncGenerator",
    "DefaultDict",
    "Deque",
    "Counter",
    "OrderedDict",
    "ChainMap",
    "Type",
    "ClassVar",
    "Generator",
    "Annotated",
    "Literal",
    "Final",
    "Generic",
    "Protocol",
    "NamedTuple",
    "TypedDict",
    "Self",
    "TypeAlias",
    "NoReturn",
    "Never",
    "LiteralString",
    "Required",
    "NotRequired",
];

fn module(name: &str) -> Module {
    let m = Module::new(name);
    for form in FORMS {
        m.set(
            form,
            Value::Object(Rc::new(TypingForm {
                origin: (*form).into(),
                args: vec![],
            })),
        );
    }
    m.set("TYPE_CHECKING", Value::Bool(false));
    let set =
        |n: &str,
         f: fn(&mut crate::Interpreter, crate::function::Args) -> crate::PyResult<Value>| {
            m.set(n, NativeFunction::value(n, f));
        };
    set("cast", |_, a| {
        Ok(a.pos.get(1).cloned().unwrap_or(Value::None))
    });
    set("TypeVar", |_, a| {
        Ok(a.pos.first().cloned().unwrap_or(Value::None))
    });
    set("NewType", |_, a| {
        Ok(a.pos.get(1).cloned().unwrap_or(Value::None))
    });
    for decorator in ["overload", "final", "runtime_checkable", "no_type_check"] {
        set(decorator, |_, a| {
            Ok(a.pos.first().cloned().unwrap_or(Value::None))
        });
    }
    set("get_type_hints", |i, a| {
        let obj = a.pos.first().cloned().unwrap_or(Value::None);
        match i.try_getattr(&obj, "__annotations__")? {
            Some(d) => Ok(d),
            None => i.new_dict(vec![]),
        }
    });
    m
}

/// Register `typing` and `typing_extensions`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("typing", |i| {
        let m = module("typing");
        if let Some(str_class) = i.builtin_type("str") {
            m.set("Text", Value::Class(str_class));
        }
        Ok(Rc::new(m))
    });
    r.register("typing_extensions", |_| {
        Ok(Rc::new(module("typing_extensions")))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn typing_extensions_and_decorators() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "from typing_extensions import Annotated\n",
            "from typing import Self, overload, MutableMapping\n",
            "@overload\ndef f(x: int) -> int: ...\n",
            "def f(x):\n    return x\n",
            "print(Annotated[int, 'm'], f(3), MutableMapping[str, int])\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "typing.Annotated[int, 'm'] 3 typing.MutableMapping[str, int]\n"
        );
    }
}
