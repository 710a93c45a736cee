//! The builtins over iterables: `sorted` (a stable merge sort), `min`/`max`, `sum`,
//! `enumerate`, `zip`, `next`, `map` and `filter`.

use crate::builtins::{exact, one};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::cmp::Ordering;

/// Sort `items` by `key` (already applied) with CPython's stable ordering.
pub(crate) fn sort_values(
    i: &mut Interpreter,
    items: &mut Vec<Value>,
    key: Option<Value>,
    reverse: bool,
) -> PyResult<()> {
    let mut keyed: Vec<(Value, Value)> = Vec::with_capacity(items.len());
    for v in items.drain(..) {
        let k = match &key {
            Some(f) if !matches!(f, Value::None) => i.call(f, Args::positional(vec![v.clone()]))?,
            _ => v.clone(),
        };
        keyed.push((k, v));
    }
    // A merge sort over a fallible comparison: stable like CPython's, and unlike
    // `slice::sort_by` it cannot panic when a user's `__lt__` (or a NaN) is inconsistent.
    let keyed = merge_sort(keyed, &mut |x: &(Value, Value), y: &(Value, Value)| {
        if reverse {
            Ok(i.order(&y.0, &x.0, "<")? == Ordering::Less)
        } else {
            Ok(i.order(&x.0, &y.0, "<")? == Ordering::Less)
        }
    })?;
    items.extend(keyed.into_iter().map(|(_, v)| v));
    Ok(())
}

/// Stable merge sort; `less(a, b)` says whether `a` must come before `b`.
pub(crate) fn merge_sort<T>(
    items: Vec<T>,
    less: &mut dyn FnMut(&T, &T) -> PyResult<bool>,
) -> PyResult<Vec<T>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let mut left = items;
    let right = left.split_off(left.len() / 2);
    let left = merge_sort(left, less)?;
    let right = merge_sort(right, less)?;
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut l = left.into_iter().peekable();
    let mut r = right.into_iter().peekable();
    while let (Some(a), Some(b)) = (l.peek(), r.peek()) {
        // Take from the right only when it is strictly less: equal items keep their order.
        let take_right = less(b, a)?;
        let next = if take_right { r.next() } else { l.next() };
        out.extend(next);
    }
    out.extend(l);
    out.extend(r);
    Ok(out)
}

pub(crate) fn sorted(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let key = a.take_kw("key");
    let reverse = match a.take_kw("reverse") {
        Some(v) => i.truthy(&v)?,
        None => false,
    };
    let v = one(i, &a, "sorted")?;
    let mut items = i.iterate(&v)?;
    sort_values(i, &mut items, key, reverse)?;
    Ok(Value::list(items))
}

pub(crate) fn min_max(
    i: &mut Interpreter,
    mut a: Args,
    name: &str,
    want: Ordering,
) -> PyResult<Value> {
    let key = a.take_kw("key");
    let default = a.take_kw("default");
    let items = if a.pos.len() == 1 {
        i.iterate(&a.pos[0])?
    } else {
        a.pos.clone()
    };
    let mut best: Option<(Value, Value)> = None;
    for v in items {
        let k = match &key {
            Some(f) if !matches!(f, Value::None) => i.call(f, Args::positional(vec![v.clone()]))?,
            _ => v.clone(),
        };
        let better = match &best {
            None => true,
            Some((bk, _)) => {
                i.order(&k, bk, if want == Ordering::Less { "<" } else { ">" })? == want
            }
        };
        if better {
            best = Some((k, v));
        }
    }
    match (best, default) {
        (Some((_, v)), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(i.value_error(format!("{name}() arg is an empty sequence"))),
    }
}

pub(crate) fn sum(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let start = a
        .take_kw("start")
        .or_else(|| a.pos.get(1).cloned())
        .unwrap_or(Value::Int(0));
    let Some(v) = a.pos.first().cloned() else {
        return Err(i.type_error("sum() takes at least 1 positional argument (0 given)"));
    };
    if let Value::Str(_) = start {
        return Err(i.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    let mut acc = start;
    for x in i.iterate(&v)? {
        acc = i.binary_op(ruff_python_ast::Operator::Add, acc, x)?;
    }
    Ok(acc)
}

pub(crate) fn enumerate(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let start = match a.take_kw("start").or_else(|| a.pos.get(1).cloned()) {
        Some(Value::Int(n)) => n,
        _ => 0,
    };
    let Some(v) = a.pos.first().cloned() else {
        return Err(i.type_error("enumerate() missing required argument 'iterable' (pos 1)"));
    };
    let it = i.make_iter(&v)?;
    let mut n = start;
    Ok(Value::lazy_iter("enumerate", move |i| {
        Ok(i.iter_step(&it)?.map(|x| {
            let item = Value::tuple(vec![Value::Int(n), x]);
            n += 1;
            item
        }))
    }))
}

pub(crate) fn zip(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let _ = a.take_kw("strict");
    let its = iterators(i, &a.pos)?;
    let mut done = its.is_empty();
    Ok(Value::lazy_iter("zip", move |i| {
        if done {
            return Ok(None);
        }
        match step_all(i, &its)? {
            Some(items) => Ok(Some(Value::tuple(items))),
            None => {
                done = true;
                Ok(None)
            }
        }
    }))
}

/// `iter()` of each value (eagerly, as CPython's `zip`/`map` do).
fn iterators(i: &mut Interpreter, vs: &[Value]) -> PyResult<Vec<Value>> {
    let mut out = Vec::new();
    for v in vs {
        out.push(i.make_iter(v)?);
    }
    Ok(out)
}

/// The next value of every iterator, or None as soon as one is exhausted.
fn step_all(i: &mut Interpreter, its: &[Value]) -> PyResult<Option<Vec<Value>>> {
    let mut items = Vec::with_capacity(its.len());
    for it in its {
        match i.iter_step(it)? {
            Some(x) => items.push(x),
            None => return Ok(None),
        }
    }
    Ok(Some(items))
}

pub(crate) fn next(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(it) = a.pos.first().cloned() else {
        return Err(i.type_error("next expected at least 1 argument, got 0"));
    };
    let default = a.pos.get(1).cloned();
    let got = match &it {
        Value::Iter(state) => i.next_item(state)?,
        Value::Instance(inst) if inst.class.lookup("__next__").is_some() => {
            let m = inst.class.lookup("__next__").unwrap_or(Value::None);
            match (i.call(&m, Args::positional(vec![it.clone()])), &default) {
                (Ok(v), _) => Some(v),
                (Err(crate::exceptions::Exc::Raise(e)), Some(_))
                    if i.is_instance_named(&e, "StopIteration") =>
                {
                    None
                }
                (Err(e), _) => return Err(e),
            }
        }
        other => {
            return Err(i.type_error(format!("'{}' object is not an iterator", other.type_name())));
        }
    };
    match (got, default) {
        (Some(v), _) => Ok(v),
        (None, Some(d)) => Ok(d),
        (None, None) => Err(i.stop_iteration(&it)),
    }
}

pub(crate) fn map(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(f) = a.pos.first().cloned() else {
        return Err(i.type_error("map() must have at least two arguments."));
    };
    let its = iterators(i, &a.pos[1..])?;
    let mut done = its.is_empty();
    Ok(Value::lazy_iter("map", move |i| {
        if done {
            return Ok(None);
        }
        match step_all(i, &its)? {
            Some(args) => i.call(&f, Args::positional(args)).map(Some),
            None => {
                done = true;
                Ok(None)
            }
        }
    }))
}

pub(crate) fn filter(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let [f, v] = exact::<2>(i, &a, "filter")?;
    let it = i.make_iter(&v)?;
    Ok(Value::lazy_iter("filter", move |i| {
        loop {
            i.tick()?;
            let Some(x) = i.iter_step(&it)? else {
                return Ok(None);
            };
            let keep = match &f {
                Value::None => i.truthy(&x)?,
                f => {
                    let r = i.call(f, Args::positional(vec![x.clone()]))?;
                    i.truthy(&r)?
                }
            };
            if keep {
                return Ok(Some(x));
            }
        }
    }))
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn sorted_min_max_take_keys_and_defaults() {
        let (out, r) = crate::interp::run_for_test(
            "print(sorted([3, 1, 2], key=lambda v: -v), sorted(['b', 'A', 'a'], key=str.lower), min([], default='none'), max([1, 3, 2], key=lambda v: -v))\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "[3, 2, 1] ['A', 'a', 'b'] none 1\n");
    }
}
