//! Subclasses of `dict` and `list` (`class AttrDict(dict)`, `class Stack(list)`): an
//! instance keeps the builtin value it extends in [`crate::class::Instance::base`]. The
//! builtin classes get native `__init__`, `__getitem__`, `__setitem__`, `__delitem__`,
//! `__contains__`, `__len__`, `__iter__`, `__repr__` and `__eq__` that work on that value
//! (so the interpreter's dunder paths, `super().__setitem__(...)` and user overrides all
//! behave as in CPython), and the other methods (`get`, `items`, `append`, ...) are the
//! wrapped value's, found when the class defines no attribute of that name.

use crate::class::{Builtin, Class};
use crate::function::{Args, NativeFunction};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

/// The builtin value `v` stands for: its wrapped value when it is an instance of a
/// dict/list subclass, else itself.
pub fn base_of(v: &Value) -> Value {
    match v {
        Value::Instance(inst) => inst.base.borrow().clone().unwrap_or_else(|| v.clone()),
        other => other.clone(),
    }
}

/// Whether instances of `b`'s subclasses are supported.
pub fn supported(b: Builtin) -> bool {
    matches!(b, Builtin::Dict | Builtin::List)
}

/// An empty value of builtin kind `b` (the state `__init__` then fills).
pub fn empty(b: Builtin) -> Value {
    match b {
        Builtin::Dict => Value::Dict(Rc::default()),
        _ => Value::list(vec![]),
    }
}

fn receiver(i: &Interpreter, a: &Args, name: &str) -> PyResult<Value> {
    a.pos
        .first()
        .map(base_of)
        .ok_or_else(|| i.type_error(format!("descriptor '{name}' needs an argument")))
}

fn arg(a: &Args, n: usize) -> Value {
    a.pos.get(n).map(base_of).unwrap_or(Value::None)
}

/// Install the native dunders on the builtin `dict` and `list` classes.
pub fn install(dict: &Rc<Class>, list: &Rc<Class>) {
    for (class, b) in [(dict, Builtin::Dict), (list, Builtin::List)] {
        let mut d = class.dict.borrow_mut();
        let mut def = |name: &'static str, f: fn(&mut Interpreter, Args) -> PyResult<Value>| {
            d.insert(name.into(), NativeFunction::value(name, f));
        };
        def("__getitem__", |i, a| {
            let me = receiver(i, &a, "__getitem__")?;
            i.get_item(&me, &arg(&a, 1))
        });
        def("__setitem__", |i, a| {
            let me = receiver(i, &a, "__setitem__")?;
            i.set_item(
                &me,
                arg(&a, 1),
                a.pos.get(2).cloned().unwrap_or(Value::None),
            )?;
            Ok(Value::None)
        });
        def("__delitem__", |i, a| {
            let me = receiver(i, &a, "__delitem__")?;
            i.del_item(&me, &arg(&a, 1))?;
            Ok(Value::None)
        });
        def("__contains__", |i, a| {
            let me = receiver(i, &a, "__contains__")?;
            Ok(Value::Bool(i.contains(&me, &arg(&a, 1))?))
        });
        def("__len__", |i, a| {
            let me = receiver(i, &a, "__len__")?;
            Ok(Value::Int(i.iterate(&me)?.len() as i64))
        });
        def("__iter__", |i, a| {
            let me = receiver(i, &a, "__iter__")?;
            i.make_iter(&me)
        });
        def("__repr__", |i, a| {
            let me = receiver(i, &a, "__repr__")?;
            Ok(Value::str(&i.repr(&me)?))
        });
        def("__eq__", |i, a| {
            let me = receiver(i, &a, "__eq__")?;
            Ok(Value::Bool(i.eq(&me, &arg(&a, 1))?))
        });
        if b == Builtin::Dict {
            def("__init__", |i, a| init(i, a, Builtin::Dict));
        } else {
            def("__init__", |i, a| init(i, a, Builtin::List));
            def("__add__", |i, a| {
                let me = receiver(i, &a, "__add__")?;
                i.binary_op(ruff_python_ast::Operator::Add, me, arg(&a, 1))
            });
            // `s += items` extends in place and keeps the subclass.
            def("__iadd__", |i, a| {
                let me = receiver(i, &a, "__iadd__")?;
                let more = i.iterate(&arg(&a, 1))?;
                if let Value::List(l) = &me {
                    l.borrow_mut().extend(more);
                }
                Ok(a.pos.first().cloned().unwrap_or(Value::None))
            });
        }
        d.insert("__hash__".into(), Value::None);
    }
}

/// `dict.__init__(self, *args, **kw)` / `list.__init__(self, iterable=())` on a subclass
/// instance: its wrapped value becomes what `dict(...)` / `list(...)` would make.
fn init(i: &mut Interpreter, mut a: Args, b: Builtin) -> PyResult<Value> {
    let Some(me) = (!a.pos.is_empty()).then(|| a.pos.remove(0)) else {
        return Err(i.type_error("descriptor '__init__' needs an argument"));
    };
    let made = crate::builtins::construct(i, b, a)?;
    if let Value::Instance(inst) = &me {
        let base = inst.base.borrow().clone();
        match (base, made) {
            (Some(Value::Dict(cur)), Value::Dict(new)) => {
                let new = new.borrow().clone();
                cur.borrow_mut().extend(new);
            }
            (Some(Value::List(cur)), Value::List(new)) => {
                let new = new.borrow().clone();
                let mut cur = cur.borrow_mut();
                cur.clear();
                cur.extend(new);
            }
            (_, made) => *inst.base.borrow_mut() = Some(made),
        }
    }
    Ok(Value::None)
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn dict_and_list_subclasses() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "class AttrDict(dict):\n    def __getattr__(self, k):\n        try:\n            return self[k]\n        except KeyError:\n            raise AttributeError(k)\n",
            "d = AttrDict(a=1, b=2)\nd['c'] = 3\n",
            "print(d.a, d['b'], len(d), d, isinstance(d, dict), list(d.items()), d.get('z', 0), 'c' in d, dict(d), {**d}, d == {'a': 1, 'b': 2, 'c': 3})\n",
            "class Stack(list):\n    def push(self, x):\n        self.append(x)\n    def peek(self):\n        return self[-1]\n",
            "s = Stack([1])\ns.push(2)\nprint(s, s.peek(), len(s), s.pop(), s, bool(Stack()), s + [9], sorted(Stack([3, 1])))\n",
            "class Logged(dict):\n    def __setitem__(self, k, v):\n        print('set', k)\n        super().__setitem__(k, v)\n",
            "o = Logged()\no['x'] = 1\nprint(o, type(o).__name__)\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            concat!(
                "1 2 3 {'a': 1, 'b': 2, 'c': 3} True [('a', 1), ('b', 2), ('c', 3)] 0 True {'a': 1, 'b': 2, 'c': 3} {'a': 1, 'b': 2, 'c': 3} True\n",
                "[1] 2 2 2 [1] False [1, 9] [1, 3]\n",
                "set x\n{'x': 1} Logged\n",
            )
        );
    }
}
