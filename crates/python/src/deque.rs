//! `collections.deque`: a list-backed double-ended queue with `maxlen` (a child module of
//! [`crate::collections`]). The items live in the instance attribute `_items` (a list);
//! appends past `maxlen` drop items from the other end, as CPython's deque does.

use super::{arg, def, new_class, set_attr, this};
use crate::class::Class;
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::cell::RefCell;
use std::rc::Rc;

fn items(v: &Value) -> Option<Rc<RefCell<Vec<Value>>>> {
    match v {
        Value::Instance(i) => match i.attrs.borrow().get("_items") {
            Some(Value::List(l)) => Some(l.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn maxlen(v: &Value) -> Option<usize> {
    match v {
        Value::Instance(i) => match i.attrs.borrow().get("maxlen") {
            Some(Value::Int(n)) => usize::try_from(*n).ok(),
            _ => None,
        },
        _ => None,
    }
}

/// Add `new` at the right (or left) end, trimming the other end to `maxlen`.
fn push(me: &Value, new: Vec<Value>, left: bool) {
    let (Some(list), cap) = (items(me), maxlen(me)) else {
        return;
    };
    let mut l = list.borrow_mut();
    for v in new {
        if left {
            l.insert(0, v);
        } else {
            l.push(v);
        }
        if let Some(cap) = cap
            && l.len() > cap
        {
            if left {
                l.pop();
            } else {
                l.remove(0);
            }
        }
    }
}

fn empty(i: &Interpreter, what: &str) -> crate::exceptions::Exc {
    i.exc("IndexError", format!("{what} from an empty deque"))
}

fn list_method(i: &mut Interpreter, a: &Args, name: &str) -> PyResult<Value> {
    let list = Value::List(items(&this(a)).unwrap_or_default());
    let m = i.getattr(&list, name)?;
    i.call(
        &m,
        Args::positional(a.pos.get(1..).unwrap_or_default().to_vec()),
    )
}

/// The `deque` class.
pub(super) fn deque(i: &Interpreter) -> Rc<Class> {
    let cls = new_class(i, "deque", "collections");
    def(&cls, "__init__", |i, mut a| {
        let cap = a.take_kw("maxlen").or_else(|| a.pos.get(2).cloned());
        let me = this(&a);
        let cap = match cap {
            None | Some(Value::None) => Value::None,
            Some(Value::Int(n)) if n >= 0 => Value::Int(n),
            Some(Value::Int(_)) => return Err(i.value_error("maxlen must be non-negative")),
            Some(_) => return Err(i.type_error("an integer is required")),
        };
        set_attr(&me, "maxlen", cap);
        set_attr(&me, "_items", Value::list(vec![]));
        let src = a.take_kw("iterable").or_else(|| a.pos.get(1).cloned());
        if let Some(src) = src {
            let new = i.iterate(&src)?;
            push(&me, new, false);
        }
        Ok(Value::None)
    });
    def(&cls, "append", |_, a| {
        push(&this(&a), vec![arg(&a, 1)], false);
        Ok(Value::None)
    });
    def(&cls, "appendleft", |_, a| {
        push(&this(&a), vec![arg(&a, 1)], true);
        Ok(Value::None)
    });
    def(&cls, "extend", |i, a| {
        let new = i.iterate(&arg(&a, 1))?;
        push(&this(&a), new, false);
        Ok(Value::None)
    });
    def(&cls, "extendleft", |i, a| {
        let new = i.iterate(&arg(&a, 1))?;
        push(&this(&a), new, true);
        Ok(Value::None)
    });
    def(&cls, "pop", |i, a| {
        let l = items(&this(&a)).unwrap_or_default();
        let v = l.borrow_mut().pop();
        v.ok_or_else(|| empty(i, "pop"))
    });
    def(&cls, "popleft", |i, a| {
        let l = items(&this(&a)).unwrap_or_default();
        let mut l = l.borrow_mut();
        if l.is_empty() {
            return Err(empty(i, "pop"));
        }
        Ok(l.remove(0))
    });
    def(&cls, "rotate", |_, a| {
        let l = items(&this(&a)).unwrap_or_default();
        let mut l = l.borrow_mut();
        let n = match arg(&a, 1) {
            Value::Int(n) => n,
            _ => 1,
        };
        if !l.is_empty() {
            let k = n.rem_euclid(l.len() as i64) as usize;
            l.rotate_right(k);
        }
        Ok(Value::None)
    });
    def(&cls, "clear", |_, a| {
        if let Some(l) = items(&this(&a)) {
            l.borrow_mut().clear();
        }
        Ok(Value::None)
    });
    for name in ["count", "index", "remove", "reverse"] {
        def(&cls, name, move |i, a| list_method(i, &a, name));
    }
    def(&cls, "copy", |i, a| {
        let me = this(&a);
        let Value::Instance(inst) = &me else {
            return Ok(Value::None);
        };
        let src = Value::List(items(&me).unwrap_or_default());
        let mut args = Args::positional(vec![src]);
        args.kw.push((
            "maxlen".into(),
            inst.attrs
                .borrow()
                .get("maxlen")
                .cloned()
                .unwrap_or(Value::None),
        ));
        i.call(&Value::Class(inst.class.clone()), args)
    });
    def(&cls, "__len__", |_, a| {
        Ok(Value::Int(
            items(&this(&a)).map_or(0, |l| l.borrow().len()) as i64
        ))
    });
    def(&cls, "__bool__", |_, a| {
        Ok(Value::Bool(
            items(&this(&a)).is_some_and(|l| !l.borrow().is_empty()),
        ))
    });
    def(&cls, "__iter__", |i, a| {
        let snapshot = items(&this(&a))
            .map(|l| l.borrow().clone())
            .unwrap_or_default();
        i.make_iter(&Value::list(snapshot))
    });
    def(&cls, "__getitem__", |i, a| {
        let list = Value::List(items(&this(&a)).unwrap_or_default());
        i.get_item(&list, &arg(&a, 1))
    });
    def(&cls, "__contains__", |i, a| {
        let list = Value::List(items(&this(&a)).unwrap_or_default());
        Ok(Value::Bool(i.contains(&list, &arg(&a, 1))?))
    });
    def(&cls, "__eq__", |i, a| {
        let (x, y) = (items(&this(&a)), items(&arg(&a, 1)));
        match (x, y) {
            (Some(x), Some(y)) => Ok(Value::Bool(i.eq(&Value::List(x), &Value::List(y))?)),
            _ => Ok(Value::Bool(false)),
        }
    });
    def(&cls, "__repr__", |i, a| {
        let me = this(&a);
        let list = Value::List(items(&me).unwrap_or_default());
        let body = i.repr(&list)?;
        Ok(Value::str(&match maxlen(&me) {
            Some(n) => format!("deque({body}, maxlen={n})"),
            None => format!("deque({body})"),
        }))
    });
    cls.dict.borrow_mut().insert("__hash__".into(), Value::None);
    cls
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn deque_ends_maxlen_and_rotate() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "from collections import deque\n",
            "q = deque([1, 2, 3], maxlen=3)\nq.append(4)\nq.appendleft(0)\n",
            "print(q, q.popleft(), q.pop(), len(q), list(q), 1 in q, q[0])\n",
            "d = deque('abc')\nd.rotate(1)\nd.extendleft('xy')\nprint(d, bool(deque()), d == deque(d), d.maxlen)\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "deque([2], maxlen=3) 0 3 1 [2] False 2\ndeque(['y', 'x', 'c', 'a', 'b']) False True None\n"
        );
    }
}
