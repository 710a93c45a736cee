//! `functools` beyond `reduce`: `wraps` (copying a wrapped function's name, qualname,
//! docstring and attributes onto its wrapper), `partial`, and `lru_cache` / `cache`.

use crate::function::{Args, NativeFunction};
use crate::modules::Module;
use crate::value::{HashKey, Value};
use crate::{Interpreter, PyResult};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// The attributes `functools.wraps` copies (CPython's WRAPPER_ASSIGNMENTS).
const ASSIGNED: &[&str] = &["__module__", "__name__", "__qualname__", "__doc__"];

/// Add `wraps`, `update_wrapper`, `partial`, `lru_cache` and `cache` to `m`.
pub fn extend(m: &Module) {
    m.set("wraps", NativeFunction::value("wraps", wraps));
    m.set(
        "update_wrapper",
        NativeFunction::value("update_wrapper", |i, a| {
            let wrapper = a.pos.first().cloned().unwrap_or(Value::None);
            let wrapped = a.pos.get(1).cloned().unwrap_or(Value::None);
            update_wrapper(i, &wrapper, &wrapped)?;
            Ok(wrapper)
        }),
    );
    m.set("partial", NativeFunction::value("partial", partial));
    m.set(
        "total_ordering",
        NativeFunction::value("total_ordering", total_ordering),
    );
    m.set(
        "cached_property",
        NativeFunction::value("cached_property", |_, a| {
            let func = a.pos.first().cloned().unwrap_or(Value::None);
            Ok(Value::Object(Rc::new(CachedProperty(func))))
        }),
    );
    m.set("lru_cache", NativeFunction::value("lru_cache", lru_cache));
    m.set(
        "cache",
        NativeFunction::value("cache", |i, a| match a.pos.first() {
            Some(f) => Ok(cached(i, f.clone())),
            None => {
                Err(i.type_error("cache() missing 1 required positional argument: 'user_function'"))
            }
        }),
    );
}

fn update_wrapper(i: &mut Interpreter, wrapper: &Value, wrapped: &Value) -> PyResult<()> {
    for name in ASSIGNED {
        if let Some(v) = i.try_getattr(wrapped, name)? {
            i.setattr(wrapper, name, v)?;
        }
    }
    if let (Value::Function(w), Value::Function(f)) = (wrapper, wrapped) {
        let extra: Vec<(String, Value)> = f
            .attrs
            .borrow()
            .iter()
            .filter(|(k, _)| !ASSIGNED.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        w.attrs.borrow_mut().extend(extra);
    }
    i.setattr(wrapper, "__wrapped__", wrapped.clone())
}

fn wraps(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(wrapped) = a.pos.first().cloned() else {
        return Err(i.type_error("wraps() missing 1 required positional argument: 'wrapped'"));
    };
    Ok(NativeFunction::value("decorator", move |i, a| {
        let wrapper = a.pos.first().cloned().unwrap_or(Value::None);
        update_wrapper(i, &wrapper, &wrapped)?;
        Ok(wrapper)
    }))
}

/// `@total_ordering`: the comparisons a class leaves out, from `__lt__` (or `__le__`,
/// `__gt__`, `__ge__`) and `__eq__`.
fn total_ordering(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(Value::Class(cls)) = a.pos.first().cloned() else {
        return Err(i.type_error("total_ordering() expects a class"));
    };
    let has = |n: &str| cls.dict.borrow().contains_key(n);
    let Some(root) = ["__lt__", "__le__", "__gt__", "__ge__"]
        .into_iter()
        .find(|n| has(n))
    else {
        return Err(i.value_error("must define at least one ordering operation: < > <= >="));
    };
    // (missing, how): `how` combines root(a, b) and a == b as CPython's helpers do.
    let derived: &[(&str, &str)] = match root {
        "__lt__" => &[
            ("__gt__", "not lt and not eq"),
            ("__le__", "lt or eq"),
            ("__ge__", "not lt"),
        ],
        "__le__" => &[
            ("__ge__", "not le or eq"),
            ("__lt__", "le and not eq"),
            ("__gt__", "not le"),
        ],
        "__gt__" => &[
            ("__lt__", "not gt and not eq"),
            ("__ge__", "gt or eq"),
            ("__le__", "not gt"),
        ],
        _ => &[
            ("__le__", "not ge or eq"),
            ("__gt__", "ge and not eq"),
            ("__lt__", "not ge"),
        ],
    };
    let root_fn = cls.dict.borrow().get(root).cloned().unwrap_or(Value::None);
    for (name, how) in derived {
        if has(name) {
            continue;
        }
        let (f, how) = (root_fn.clone(), *how);
        let func = NativeFunction::value(name, move |i, a| {
            let r = i.call(&f, a.clone())?;
            if crate::ops::is_not_implemented(&r) {
                return Ok(r);
            }
            let r = i.truthy(&r)?;
            let eq = |i: &mut Interpreter| -> PyResult<bool> {
                let (x, y) = (
                    a.pos.first().cloned().unwrap_or(Value::None),
                    a.pos.get(1).cloned().unwrap_or(Value::None),
                );
                i.eq(&x, &y)
            };
            Ok(Value::Bool(
                match how.split(' ').collect::<Vec<_>>().as_slice() {
                    ["not", _, "and", "not", "eq"] => !r && !eq(i)?,
                    [_, "or", "eq"] => r || eq(i)?,
                    ["not", _, "or", "eq"] => !r || eq(i)?,
                    [_, "and", "not", "eq"] => r && !eq(i)?,
                    _ => !r,
                },
            ))
        });
        cls.dict.borrow_mut().insert((*name).into(), func);
    }
    Ok(Value::Class(cls))
}

/// `functools.cached_property`: computed on first access, then stored on the instance.
struct CachedProperty(Value);

impl crate::modules::NativeObject for CachedProperty {
    fn type_name(&self) -> String {
        "cached_property".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<functools.cached_property object at 0x{:012x}>",
            self as *const CachedProperty as usize
        ))
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        _owner: &Value,
    ) -> Option<PyResult<Value>> {
        let inst = instance?;
        let name = match &self.0 {
            Value::Function(f) => f.name.clone(),
            _ => return None,
        };
        Some(
            i.call(&self.0, Args::positional(vec![inst.clone()]))
                .inspect(|v| {
                    if let Value::Instance(obj) = inst {
                        obj.attrs.borrow_mut().insert(name, v.clone());
                    }
                }),
        )
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn partial(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    if a.pos.is_empty() {
        return Err(i.type_error("type 'partial' takes at least one argument"));
    }
    let func = a.pos.remove(0);
    let (pos, kw) = (a.pos, a.kw);
    Ok(NativeFunction::value("partial", move |i, call| {
        let mut args = Args::positional(pos.clone());
        args.pos.extend(call.pos);
        args.kw = kw.clone();
        for (k, v) in call.kw {
            match args.kw.iter_mut().find(|(name, _)| *name == k) {
                Some(slot) => slot.1 = v,
                None => args.kw.push((k, v)),
            }
        }
        i.call(&func, args)
    }))
}

fn lru_cache(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let _ = a.take_kw("maxsize");
    let _ = a.take_kw("typed");
    match a.pos.first() {
        Some(f @ (Value::Function(_) | Value::Native(_) | Value::Method(_))) => {
            Ok(cached(i, f.clone()))
        }
        _ => Ok(NativeFunction::value(
            "decorating_function",
            |i, a| match a.pos.first() {
                Some(f) => Ok(cached(i, f.clone())),
                None => {
                    Err(i
                        .type_error("decorating_function() missing 1 required positional argument"))
                }
            },
        )),
    }
}

/// `func` memoized on its (hashable) arguments.
fn cached(_i: &mut Interpreter, func: Value) -> Value {
    let name = match &func {
        Value::Function(f) => f.name.clone(),
        Value::Native(n) => n.name.clone(),
        _ => "wrapper".into(),
    };
    let memo: Rc<RefCell<HashMap<HashKey, Value>>> = Rc::default();
    NativeFunction::value(&name, move |i, a| {
        let mut key = a.pos.clone();
        for (k, v) in &a.kw {
            key.push(Value::str(k));
            key.push(v.clone());
        }
        let hk = i.hash_key(&Value::tuple(key))?;
        if let Some(v) = memo.borrow().get(&hk) {
            return Ok(v.clone());
        }
        let v = i.call(&func, a)?;
        memo.borrow_mut().insert(hk, v.clone());
        Ok(v)
    })
}

/// Register `operator`: the arithmetic and comparison functions, `itemgetter`,
/// `attrgetter`, `methodcaller`.
pub fn register_operator(r: &mut crate::modules::ModuleRegistry) {
    use ruff_python_ast::{CmpOp, Operator};
    r.register("operator", |_| {
        let m = Module::new("operator");
        let binops: &[(&str, Operator)] = &[
            ("add", Operator::Add),
            ("sub", Operator::Sub),
            ("mul", Operator::Mult),
            ("truediv", Operator::Div),
            ("floordiv", Operator::FloorDiv),
            ("mod", Operator::Mod),
            ("pow", Operator::Pow),
            ("and_", Operator::BitAnd),
            ("or_", Operator::BitOr),
            ("xor", Operator::BitXor),
            ("concat", Operator::Add),
        ];
        for (name, op) in binops {
            let op = *op;
            m.set(
                name,
                NativeFunction::value(name, move |i, a| {
                    let (x, y) = two(i, &a)?;
                    i.binary_op(op, x, y)
                }),
            );
        }
        let cmps: &[(&str, CmpOp)] = &[
            ("eq", CmpOp::Eq),
            ("ne", CmpOp::NotEq),
            ("lt", CmpOp::Lt),
            ("le", CmpOp::LtE),
            ("gt", CmpOp::Gt),
            ("ge", CmpOp::GtE),
        ];
        for (name, op) in cmps {
            let op = *op;
            m.set(
                name,
                NativeFunction::value(name, move |i, a| {
                    let (x, y) = two(i, &a)?;
                    i.compare(op, &x, &y)
                }),
            );
        }
        m.set(
            "not_",
            NativeFunction::value("not_", |i, a| {
                let x = a.pos.first().cloned().unwrap_or(Value::None);
                Ok(Value::Bool(!i.truthy(&x)?))
            }),
        );
        m.set(
            "neg",
            NativeFunction::value("neg", |i, a| {
                let x = a.pos.first().cloned().unwrap_or(Value::None);
                i.unary_op(ruff_python_ast::UnaryOp::USub, x)
            }),
        );
        m.set(
            "contains",
            NativeFunction::value("contains", |i, a| {
                let (x, y) = two(i, &a)?;
                Ok(Value::Bool(i.contains(&x, &y)?))
            }),
        );
        m.set(
            "getitem",
            NativeFunction::value("getitem", |i, a| {
                let (x, y) = two(i, &a)?;
                i.get_item(&x, &y)
            }),
        );
        m.set(
            "itemgetter",
            NativeFunction::value("itemgetter", |_, a| {
                let keys = a.pos;
                Ok(NativeFunction::value("itemgetter", move |i, a| {
                    let obj = a.pos.first().cloned().unwrap_or(Value::None);
                    if keys.len() == 1 {
                        return i.get_item(&obj, &keys[0]);
                    }
                    let mut out = Vec::new();
                    for k in &keys {
                        out.push(i.get_item(&obj, k)?);
                    }
                    Ok(Value::tuple(out))
                }))
            }),
        );
        m.set(
            "attrgetter",
            NativeFunction::value("attrgetter", |_, a| {
                let names = a.pos;
                Ok(NativeFunction::value("attrgetter", move |i, a| {
                    let obj = a.pos.first().cloned().unwrap_or(Value::None);
                    let mut out = Vec::new();
                    for n in &names {
                        let mut v = obj.clone();
                        let path = match n {
                            Value::Str(s) => s.to_string(),
                            _ => return Err(i.type_error("attribute name must be a string")),
                        };
                        for part in path.split('.') {
                            v = i.getattr(&v, part)?;
                        }
                        out.push(v);
                    }
                    if out.len() == 1 {
                        return Ok(out.remove(0));
                    }
                    Ok(Value::tuple(out))
                }))
            }),
        );
        m.set(
            "methodcaller",
            NativeFunction::value("methodcaller", |i, mut a| {
                if a.pos.is_empty() {
                    return Err(
                        i.type_error("methodcaller needs at least one argument, the method name")
                    );
                }
                let name = match a.pos.remove(0) {
                    Value::Str(s) => s.to_string(),
                    _ => return Err(i.type_error("method name must be a string")),
                };
                Ok(NativeFunction::value("methodcaller", move |i, c| {
                    let obj = c.pos.first().cloned().unwrap_or(Value::None);
                    let m = i.getattr(&obj, &name)?;
                    i.call(&m, a.clone())
                }))
            }),
        );
        Ok(Rc::new(m))
    });
}

fn two(i: &Interpreter, a: &Args) -> PyResult<(Value, Value)> {
    match (a.pos.first(), a.pos.get(1)) {
        (Some(x), Some(y)) => Ok((x.clone(), y.clone())),
        _ => Err(i.type_error(format!("expected 2 arguments, got {}", a.pos.len()))),
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn ok(src: &str) -> String {
        let (out, r) = crate::interp::run_for_test(src);
        assert!(r.is_ok(), "{r:?}\n{out}");
        out
    }

    // Expected output from CPython 3.11.7.
    #[test]
    fn wraps_copies_name_and_doc_and_functions_take_attributes() {
        let out = ok(
            "from functools import wraps\ndef deco(f):\n    @wraps(f)\n    def wrapper(*a):\n        wrapper.calls += 1\n        return f(*a)\n    wrapper.calls = 0\n    return wrapper\n@deco\ndef add(a, b):\n    \"\"\"Add.\"\"\"\n    return a + b\nadd(1, 2)\nprint(add.__name__, add.__doc__, add.calls, add.__wrapped__.__name__)\n",
        );
        assert_eq!(out, "add Add. 1 add\n");
    }

    #[test]
    fn partial_lru_cache_and_operator() {
        let out = ok(
            "from functools import partial, lru_cache\nimport operator\n@lru_cache(maxsize=None)\ndef fib(n):\n    print('compute', n)\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\nprint(fib(3), fib(3))\nprint(partial(operator.mul, 3)(4), sorted([(1, 'b'), (0, 'a')], key=operator.itemgetter(1)), operator.attrgetter('real')(5))\n",
        );
        assert_eq!(
            out,
            "compute 3\ncompute 2\ncompute 1\ncompute 0\n2 2\n12 [(0, 'a'), (1, 'b')] 5\n"
        );
    }

    #[test]
    fn class_docstrings_mro_and_printf_string_padding() {
        let out = ok(
            "class A:\n    \"\"\"Doc A.\"\"\"\nclass B(A):\n    pass\nprint(A.__doc__, B.__doc__, [c.__name__ for c in B.mro()])\nprint('%5s|%-5s|%.2s' % ('a', 'b', 'xyz'))\n",
        );
        assert_eq!(out, "Doc A. None ['B', 'A', 'object']\n    a|b    |xy\n");
    }

    #[test]
    fn objects_with_keys_and_getitem_are_mappings() {
        let out = ok(
            "class M:\n    def keys(self):\n        return ['a', 'b']\n    def __getitem__(self, k):\n        return k.upper()\ndef f(**kw):\n    return kw\nd = {}\nd.update(M())\nprint(dict(M()), {**M(), 'c': 1}, f(**M()), d)\n",
        );
        assert_eq!(
            out,
            "{'a': 'A', 'b': 'B'} {'a': 'A', 'b': 'B', 'c': 1} {'a': 'A', 'b': 'B'} {'a': 'A', 'b': 'B'}\n"
        );
    }

    #[test]
    fn builtin_generic_aliases_keep_their_arguments() {
        let out = ok("class E:\n    pass\nprint(list[int], list['E'], set[E])\n");
        assert_eq!(out, "list[int] list['E'] set[__main__.E]\n");
    }

    #[test]
    fn total_ordering_and_cached_property() {
        let out = ok(
            "from functools import total_ordering, cached_property\n@total_ordering\nclass V:\n    def __init__(self, n):\n        self.n = n\n    def __eq__(self, o):\n        return self.n == o.n\n    def __lt__(self, o):\n        return self.n < o.n\n    @cached_property\n    def sq(self):\n        print('calc')\n        return self.n * self.n\nv = V(2)\nprint(V(1) >= V(1), V(2) > V(1), V(1) <= V(0), v.sq, v.sq)\n",
        );
        assert_eq!(out, "calc\nTrue True False 4 4\n");
    }
}
