//! The `collections` module: `defaultdict`, `Counter`, `OrderedDict`, `namedtuple` and
//! `deque` (in `deque.rs`).
//!
//! Each is a class whose methods are native: the dict-like ones keep their items in a
//! plain dict (the instance attribute `_data`) and hand every dict method they do not
//! define to it through `__getattr__`; a `namedtuple` class stores its fields as instance
//! attributes and behaves as a tuple for indexing, iteration, comparison and hashing.

use crate::class::{Class, Instance, c3_mro};
use crate::exceptions::Exc;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::CmpOp;
use std::rc::Rc;

fn new_class(i: &Interpreter, name: &str, module: &str) -> Rc<Class> {
    let bases: Vec<Rc<Class>> = i.builtin_type("object").into_iter().collect();
    let mro = c3_mro(&bases).unwrap_or_default();
    Rc::new(Class::new(name, module, bases, mro))
}

fn def(cls: &Class, name: &str, f: impl Fn(&mut Interpreter, Args) -> PyResult<Value> + 'static) {
    cls.dict
        .borrow_mut()
        .insert(name.into(), NativeFunction::value(name, f));
}

fn attr(v: &Value, name: &str) -> Value {
    match v {
        Value::Instance(i) => i.attrs.borrow().get(name).cloned().unwrap_or(Value::None),
        _ => Value::None,
    }
}

fn set_attr(v: &Value, name: &str, x: Value) {
    if let Value::Instance(i) = v {
        i.attrs.borrow_mut().insert(name.into(), x);
    }
}

fn this(a: &Args) -> Value {
    a.pos.first().cloned().unwrap_or(Value::None)
}

fn arg(a: &Args, n: usize) -> Value {
    a.pos.get(n).cloned().unwrap_or(Value::None)
}

fn data(v: &Value) -> Value {
    attr(v, "_data")
}

/// The plain dict behind a dict-like instance (or the value itself).
fn plain(v: &Value) -> Value {
    match v {
        Value::Instance(i) if i.attrs.borrow().contains_key("_data") => data(v),
        other => other.clone(),
    }
}

fn key_error(i: &Interpreter, k: Value) -> Exc {
    match i.exception_class("KeyError") {
        Some(c) => Exc::Raise(i.new_exception(&c, vec![k])),
        None => i.exc("KeyError", ""),
    }
}

/// The methods every dict-backed class shares.
fn dict_like(i: &Interpreter, name: &str) -> Rc<Class> {
    let cls = new_class(i, name, "collections");
    def(&cls, "__setitem__", |i, a| {
        i.set_item(&data(&this(&a)), arg(&a, 1), arg(&a, 2))?;
        Ok(Value::None)
    });
    def(&cls, "__delitem__", |i, a| {
        let d = data(&this(&a));
        let pop = i.getattr(&d, "pop")?;
        i.call(&pop, Args::positional(vec![arg(&a, 1)]))?;
        Ok(Value::None)
    });
    def(&cls, "__contains__", |i, a| {
        Ok(Value::Bool(i.contains(&data(&this(&a)), &arg(&a, 1))?))
    });
    def(&cls, "__len__", |i, a| {
        let len = i.builtins.get("len").cloned().unwrap_or(Value::None);
        i.call(&len, Args::positional(vec![data(&this(&a))]))
    });
    def(&cls, "__iter__", |i, a| i.make_iter(&data(&this(&a))));
    def(&cls, "__eq__", |i, a| {
        let (x, y) = (plain(&this(&a)), plain(&arg(&a, 1)));
        Ok(Value::Bool(i.eq(&x, &y)?))
    });
    def(&cls, "__getattr__", |i, a| {
        let name = match arg(&a, 1) {
            Value::Str(s) => s.to_string(),
            _ => String::new(),
        };
        i.getattr(&data(&this(&a)), &name)
    });
    def(&cls, "copy", |i, a| {
        let me = this(&a);
        let Value::Instance(inst) = &me else {
            return Ok(Value::None);
        };
        let copy = Instance::new(inst.class.clone());
        for (k, v) in inst.attrs.borrow().iter() {
            copy.attrs.borrow_mut().insert(k.clone(), v.clone());
        }
        let items = i.dict_items(&data(&me))?;
        copy.attrs
            .borrow_mut()
            .insert("_data".into(), i.new_dict(items)?);
        Ok(Value::Instance(Rc::new(copy)))
    });
    cls.dict.borrow_mut().insert("__hash__".into(), Value::None);
    cls
}

/// `dict(*args, **kw)`.
fn make_dict(i: &mut Interpreter, args: Args) -> PyResult<Value> {
    let dict = i.builtins.get("dict").cloned().unwrap_or(Value::None);
    i.call(&dict, args)
}

fn defaultdict(i: &Interpreter) -> Rc<Class> {
    let cls = dict_like(i, "defaultdict");
    def(&cls, "__init__", |i, mut a| {
        let me = if a.pos.is_empty() {
            Value::None
        } else {
            a.pos.remove(0)
        };
        let factory = if a.pos.is_empty() {
            Value::None
        } else {
            a.pos.remove(0)
        };
        let callable = matches!(
            factory,
            Value::None
                | Value::Class(_)
                | Value::Function(_)
                | Value::Native(_)
                | Value::Method(_)
                | Value::Instance(_)
                | Value::Object(_)
        );
        if !callable {
            return Err(i.type_error("first argument must be callable or None"));
        }
        set_attr(&me, "default_factory", factory);
        set_attr(&me, "_data", make_dict(i, a)?);
        Ok(Value::None)
    });
    def(&cls, "__getitem__", |i, a| {
        let (me, k) = (this(&a), arg(&a, 1));
        let d = data(&me);
        if i.contains(&d, &k)? {
            return i.get_item(&d, &k);
        }
        let factory = attr(&me, "default_factory");
        if matches!(factory, Value::None) {
            return Err(key_error(i, k));
        }
        let v = i.call(&factory, Args::default())?;
        i.set_item(&d, k, v.clone())?;
        Ok(v)
    });
    def(&cls, "__repr__", |i, a| {
        let me = this(&a);
        let f = i.repr(&attr(&me, "default_factory"))?;
        let d = i.repr(&data(&me))?;
        Ok(Value::str(&format!("defaultdict({f}, {d})")))
    });
    cls
}

fn ordered_dict(i: &Interpreter) -> Rc<Class> {
    let cls = dict_like(i, "OrderedDict");
    def(&cls, "__init__", |i, mut a| {
        let me = if a.pos.is_empty() {
            Value::None
        } else {
            a.pos.remove(0)
        };
        set_attr(&me, "_data", make_dict(i, a)?);
        Ok(Value::None)
    });
    def(&cls, "__getitem__", |i, a| {
        i.get_item(&data(&this(&a)), &arg(&a, 1))
    });
    def(&cls, "__repr__", |i, a| {
        let d = data(&this(&a));
        let items = i.dict_items(&d)?;
        if items.is_empty() {
            return Ok(Value::str("OrderedDict()"));
        }
        let pairs = Value::list(
            items
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![k, v]))
                .collect(),
        );
        Ok(Value::str(&format!("OrderedDict({})", i.repr(&pairs)?)))
    });
    def(&cls, "popitem", |i, mut a| {
        let last = match a.take_kw("last").or_else(|| a.pos.get(1).cloned()) {
            Some(v) => i.truthy(&v)?,
            None => true,
        };
        let Value::Dict(dict) = data(&this(&a)) else {
            return Ok(Value::None);
        };
        let popped = if last {
            dict.borrow_mut().pop()
        } else {
            dict.borrow_mut().shift_remove_index(0)
        };
        match popped {
            Some((_, (k, v))) => Ok(Value::tuple(vec![k, v])),
            None => Err(i.exc("KeyError", "dictionary is empty")),
        }
    });
    def(&cls, "move_to_end", |i, mut a| {
        let last = match a.take_kw("last").or_else(|| a.pos.get(2).cloned()) {
            Some(v) => i.truthy(&v)?,
            None => true,
        };
        let (d, k) = (data(&this(&a)), arg(&a, 1));
        let Value::Dict(dict) = &d else {
            return Ok(Value::None);
        };
        let hk = i.hash_key(&k)?;
        let mut dict = dict.borrow_mut();
        let Some(idx) = dict.get_index_of(&hk) else {
            drop(dict);
            return Err(key_error(i, k));
        };
        let to = if last { dict.len() - 1 } else { 0 };
        dict.move_index(idx, to);
        Ok(Value::None)
    });
    cls
}

/// The items of a Counter ordered by count, most common first (ties keep insertion order).
fn most_common(i: &mut Interpreter, me: &Value) -> PyResult<Vec<(Value, Value)>> {
    let items = i.dict_items(&data(me))?;
    let mut items: Vec<Value> = items
        .into_iter()
        .map(|(k, v)| Value::tuple(vec![k, v]))
        .collect();
    let key = NativeFunction::value("count", |i, a| i.get_item(&arg(&a, 0), &Value::Int(1)));
    crate::iteration::sort_values(i, &mut items, Some(key), true)?;
    Ok(items
        .into_iter()
        .filter_map(|t| match t {
            Value::Tuple(t) if t.len() == 2 => Some((t[0].clone(), t[1].clone())),
            _ => None,
        })
        .collect())
}

/// `Counter.update(iterable_or_mapping, **kw)` (`sign` -1 for `subtract`).
fn count_in(
    i: &mut Interpreter,
    me: &Value,
    src: &Value,
    kw: Vec<(String, Value)>,
    sign: i64,
) -> PyResult<()> {
    let d = data(me);
    let add = |i: &mut Interpreter, k: Value, n: Value| -> PyResult<()> {
        let cur = if i.contains(&d, &k)? {
            i.get_item(&d, &k)?
        } else {
            Value::Int(0)
        };
        let n = if sign < 0 {
            i.unary_op(ruff_python_ast::UnaryOp::USub, n)?
        } else {
            n
        };
        let v = i.binary_op(ruff_python_ast::Operator::Add, cur, n)?;
        i.set_item(&d, k, v)
    };
    if !matches!(src, Value::None) {
        match i.mapping_items(&plain(src))? {
            Some(items) => {
                for (k, n) in items {
                    add(i, k, n)?;
                }
            }
            None => {
                for k in i.iterate(src)? {
                    add(i, k, Value::Int(1))?;
                }
            }
        }
    }
    for (k, n) in kw {
        add(i, Value::str(&k), n)?;
    }
    Ok(())
}

fn counter(i: &Interpreter) -> Rc<Class> {
    let cls = dict_like(i, "Counter");
    def(&cls, "__init__", |i, mut a| {
        let me = if a.pos.is_empty() {
            Value::None
        } else {
            a.pos.remove(0)
        };
        set_attr(&me, "_data", i.new_dict(vec![])?);
        count_in(i, &me, &arg(&a, 0), a.kw, 1)?;
        Ok(Value::None)
    });
    def(&cls, "update", |i, mut a| {
        let me = if a.pos.is_empty() {
            Value::None
        } else {
            a.pos.remove(0)
        };
        count_in(i, &me, &arg(&a, 0), a.kw, 1)?;
        Ok(Value::None)
    });
    def(&cls, "subtract", |i, mut a| {
        let me = if a.pos.is_empty() {
            Value::None
        } else {
            a.pos.remove(0)
        };
        count_in(i, &me, &arg(&a, 0), a.kw, -1)?;
        Ok(Value::None)
    });
    def(&cls, "__getitem__", |i, a| {
        let (d, k) = (data(&this(&a)), arg(&a, 1));
        if i.contains(&d, &k)? {
            i.get_item(&d, &k)
        } else {
            Ok(Value::Int(0))
        }
    });
    def(&cls, "most_common", |i, a| {
        let mut items = most_common(i, &this(&a))?;
        if let Value::Int(n) = arg(&a, 1) {
            items.truncate(n.max(0) as usize);
        }
        Ok(Value::list(
            items
                .into_iter()
                .map(|(k, v)| Value::tuple(vec![k, v]))
                .collect(),
        ))
    });
    def(&cls, "__add__", |i, a| counter_op(i, &a, 1));
    def(&cls, "__sub__", |i, a| counter_op(i, &a, -1));
    def(&cls, "total", |i, a| {
        let mut t = Value::Int(0);
        for (_, v) in i.dict_items(&data(&this(&a)))? {
            t = i.binary_op(ruff_python_ast::Operator::Add, t, v)?;
        }
        Ok(t)
    });
    def(&cls, "elements", |i, a| {
        let mut out = Vec::new();
        for (k, v) in i.dict_items(&data(&this(&a)))? {
            if let Value::Int(n) = v {
                out.extend(std::iter::repeat_n(k, n.max(0) as usize));
            }
        }
        Ok(Value::iter_of(out))
    });
    def(&cls, "__repr__", |i, a| {
        let items = most_common(i, &this(&a))?;
        if items.is_empty() {
            return Ok(Value::str("Counter()"));
        }
        let d = i.new_dict(items)?;
        Ok(Value::str(&format!("Counter({})", i.repr(&d)?)))
    });
    cls
}

/// `c + d` / `c - d` (`sign` -1): a new Counter keeping the positive counts only.
fn counter_op(i: &mut Interpreter, a: &Args, sign: i64) -> PyResult<Value> {
    let (me, other) = (this(a), arg(a, 1));
    let Value::Instance(inst) = &me else {
        return Ok(Value::None);
    };
    let is_counter = matches!(&other, Value::Instance(o) if Rc::ptr_eq(&o.class, &inst.class));
    if !is_counter {
        return Ok(i
            .builtins
            .get("NotImplemented")
            .cloned()
            .unwrap_or(Value::None));
    }
    let sum = Value::Instance(Rc::new(Instance::new(inst.class.clone())));
    set_attr(&sum, "_data", i.new_dict(vec![])?);
    count_in(i, &sum, &me, vec![], 1)?;
    count_in(i, &sum, &other, vec![], sign)?;
    let d = data(&sum);
    let mut kept = Vec::new();
    for (k, v) in i.dict_items(&d)? {
        if i.compare(CmpOp::Gt, &v, &Value::Int(0))
            .and_then(|r| i.truthy(&r))?
        {
            kept.push((k, v));
        }
    }
    set_attr(&sum, "_data", i.new_dict(kept)?);
    Ok(sum)
}

#[path = "namedtuple.rs"]
mod namedtuple;

#[path = "deque.rs"]
mod deque;

/// The class a `class X(NamedTuple)` or `class X(TypedDict)` statement makes from its body
/// (`vars`): a namedtuple with the annotated fields (their values as defaults) and the
/// body's methods, or a class whose instances are plain dicts.
pub(crate) fn typing_class(
    i: &mut Interpreter,
    kind: &str,
    name: &str,
    vars: Vec<(String, Value)>,
) -> PyResult<Value> {
    let fields: Vec<String> = match vars.iter().find(|(k, _)| k == "__annotations__") {
        Some((_, d)) => i
            .dict_items(d)?
            .into_iter()
            .map(|(k, _)| i.to_str(&k))
            .collect::<PyResult<_>>()?,
        None => vec![],
    };
    if kind == "TypedDict" {
        let cls = new_class(i, name, "__main__");
        def(&cls, "__new__", |i, mut a| {
            if !a.pos.is_empty() {
                a.pos.remove(0);
            }
            make_dict(i, a)
        });
        return Ok(Value::Class(cls));
    }
    let defaults: Vec<Value> = fields
        .iter()
        .filter_map(|f| vars.iter().find(|(k, _)| k == f).map(|(_, v)| v.clone()))
        .collect();
    let names = Value::list(fields.iter().map(|f| Value::str(f)).collect());
    let mut args = Args::positional(vec![Value::str(name), names]);
    args.kw.push(("defaults".into(), Value::list(defaults)));
    let cls = namedtuple::namedtuple(i, args)?;
    if let Value::Class(c) = &cls {
        let mut dict = c.dict.borrow_mut();
        for (k, v) in vars {
            if !fields.contains(&k) && k != "__qualname__" {
                dict.insert(k, v);
            }
        }
    }
    Ok(cls)
}

/// Register `collections`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("collections", |i| {
        let m = Module::new("collections");
        m.set("defaultdict", Value::Class(defaultdict(i)));
        m.set("OrderedDict", Value::Class(ordered_dict(i)));
        m.set("Counter", Value::Class(counter(i)));
        m.set("deque", Value::Class(deque::deque(i)));
        m.set(
            "namedtuple",
            NativeFunction::value("namedtuple", namedtuple::namedtuple),
        );
        Ok(Rc::new(m))
    });
}

/// Compare two tuples with `op` (for namedtuple ordering).
fn tuple_cmp(i: &mut Interpreter, op: CmpOp, x: &Value, y: &Value) -> PyResult<Value> {
    i.compare(op, x, y)
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn defaultdict_counter_and_namedtuple() {
        let (out, r) = crate::interp::run_for_test(
            "from collections import defaultdict, Counter, namedtuple\nd = defaultdict(list)\nd['a'].append(1)\nc = Counter('abca')\nP = namedtuple('P', 'x y')\np = P(1, 2)\na, b = p\nprint(d, dict(d), c, c['z'], c.most_common(1), p, a + b, p == (1, 2), p._asdict())\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "defaultdict(<class 'list'>, {'a': [1]}) {'a': [1]} Counter({'a': 2, 'b': 1, 'c': 1}) 0 [('a', 2)] P(x=1, y=2) 3 True {'x': 1, 'y': 2}\n"
        );
    }

    #[test]
    fn typing_namedtuple_and_typeddict() {
        let (out, r) = crate::interp::run_for_test(
            "from typing import NamedTuple, TypedDict\nclass P(NamedTuple):\n    x: int\n    y: int = 0\n    def norm(self):\n        return self.x + self.y\nclass M(TypedDict):\n    t: str\nprint(P(1), P(1, 2).norm(), P._fields, M(t='a'))\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "P(x=1, y=0) 3 ('x', 'y') {'t': 'a'}\n");
    }
}
