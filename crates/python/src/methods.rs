//! Methods of the builtin containers (`list.append`, `dict.items`, `set.add`, ...) and how
//! `value.method` finds them (including `str` methods from [`crate::strings`]).

use crate::function::{Args, BoundMethod, NativeFunction};
use crate::stdlib::DictView;
use crate::value::{Dict, Set, Value};
use crate::{Interpreter, PyResult};
use std::cell::RefCell;
use std::rc::Rc;

const LIST: &[&str] = &[
    "append", "extend", "insert", "remove", "pop", "clear", "index", "count", "sort", "reverse",
    "copy",
];
const DICT: &[&str] = &[
    "keys",
    "values",
    "items",
    "get",
    "pop",
    "setdefault",
    "update",
    "clear",
    "copy",
    "popitem",
];
const SET: &[&str] = &[
    "add",
    "remove",
    "discard",
    "pop",
    "clear",
    "update",
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "copy",
];
const TUPLE: &[&str] = &["index", "count"];

/// `value.name` for builtin values: a bound method, or None if there is no such method.
pub fn lookup(v: &Value, name: &str) -> Option<Value> {
    let known = match v {
        Value::Str(_) => crate::strings::STR_METHODS.contains(&name),
        Value::List(_) => LIST.contains(&name),
        Value::Dict(_) => DICT.contains(&name),
        Value::Set(_) => SET.contains(&name),
        Value::Tuple(_) => TUPLE.contains(&name),
        Value::Float(_) => name == "is_integer",
        Value::Int(_) => name == "bit_length",
        Value::Iter(_) if crate::genobj::GEN_METHODS.contains(&name) => {
            crate::genobj::is_generator_object(v)
        }
        Value::Iter(_) => name == "__next__",
        _ => false,
    };
    if !known {
        return match (v, name) {
            (Value::Range(a, _, _), "start") => Some(Value::Int(*a)),
            (Value::Range(_, b, _), "stop") => Some(Value::Int(*b)),
            (Value::Range(_, _, c), "step") => Some(Value::Int(*c)),
            (Value::Float(f), "real") => Some(Value::Float(*f)),
            (Value::Int(n), "real" | "numerator") => Some(Value::Int(*n)),
            (Value::Int(_), "denominator") => Some(Value::Int(1)),
            _ => None,
        };
    }
    let method = name.to_string();
    let func = NativeFunction::value(name, move |i, mut a| {
        if a.pos.is_empty() {
            return Err(i.type_error(format!("descriptor '{method}' needs an argument")));
        }
        let receiver = a.pos.remove(0);
        call_method(i, &receiver, &method, a)
    });
    Some(Value::Method(Rc::new(BoundMethod {
        receiver: v.clone(),
        func,
    })))
}

/// `type.name` for a builtin type's method (`str.lower`, `list.append`): a function taking
/// the receiver first, or None when the type has no such method.
pub fn unbound(b: crate::class::Builtin, type_name: &str, name: &str) -> Option<Value> {
    use crate::class::Builtin as B;
    if (b, name) == (B::Str, "maketrans") {
        return Some(NativeFunction::value(
            "maketrans",
            crate::strtrans::maketrans,
        ));
    }
    if (b, name) == (B::Dict, "fromkeys") {
        return Some(NativeFunction::value("fromkeys", |i, a| {
            let keys = match a.pos.first() {
                Some(v) => i.iterate(v)?,
                None => return Err(i.type_error("fromkeys expected at least 1 argument, got 0")),
            };
            let value = a.pos.get(1).cloned().unwrap_or(Value::None);
            i.new_dict(keys.into_iter().map(|k| (k, value.clone())).collect())
        }));
    }
    let sample = match b {
        B::Str => Value::str(""),
        B::List => Value::list(Vec::new()),
        B::Dict => Value::Dict(Rc::default()),
        B::Set => Value::Set(Rc::default()),
        B::Tuple => Value::tuple(Vec::new()),
        B::Int => Value::Int(0),
        B::Float => Value::Float(0.0),
        _ => return None,
    };
    let Some(Value::Method(_)) = lookup(&sample, name) else {
        return None;
    };
    let (method, owner) = (name.to_string(), type_name.to_string());
    Some(NativeFunction::value(name, move |i, mut a| {
        if a.pos.is_empty() {
            return Err(i.type_error(format!(
                "unbound method {owner}.{method}() needs an argument"
            )));
        }
        let receiver = a.pos.remove(0);
        if std::mem::discriminant(&receiver) != std::mem::discriminant(&sample) {
            return Err(i.type_error(format!(
                "descriptor '{method}' for '{owner}' objects doesn't apply to a '{}' object",
                receiver.type_name()
            )));
        }
        call_method(i, &receiver, &method, a)
    }))
}

fn arg(i: &Interpreter, a: &Args, n: usize, method: &str) -> PyResult<Value> {
    a.pos
        .get(n)
        .cloned()
        .ok_or_else(|| i.type_error(format!("{method}() takes exactly one argument (0 given)")))
}

fn call_method(i: &mut Interpreter, recv: &Value, name: &str, mut a: Args) -> PyResult<Value> {
    match recv {
        Value::Str(s) => crate::strings::call_str_method(i, s, name, a),
        Value::List(l) => list_method(i, l, name, a),
        Value::Dict(d) => dict_method(i, d, name, a),
        Value::Set(s) => set_method(i, s, name, a),
        Value::Tuple(t) => {
            let x = arg(i, &a, 0, name)?;
            let items = (**t).clone();
            seq_index_count(i, &items, &x, name, "tuple")
        }
        Value::Float(f) => Ok(Value::Bool(f.fract() == 0.0)),
        Value::Int(n) => Ok(Value::Int(64 - n.unsigned_abs().leading_zeros() as i64)),
        Value::Iter(_) if name != "__next__" => i.gen_method(recv, name, a),
        Value::Iter(it) => match i.next_item(it)? {
            Some(v) => Ok(v),
            None => Err(i.stop_iteration(recv)),
        },
        _ => {
            a.pos.clear();
            Err(i.exc(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", recv.type_name()),
            ))
        }
    }
}

fn seq_index_count(
    i: &mut Interpreter,
    items: &[Value],
    x: &Value,
    name: &str,
    what: &str,
) -> PyResult<Value> {
    let mut count = 0;
    for (n, v) in items.iter().enumerate() {
        if v.is(x) || i.eq(v, x)? {
            if name == "index" {
                return Ok(Value::Int(n as i64));
            }
            count += 1;
        }
    }
    if name == "index" {
        let msg = if what == "list" {
            format!("{} is not in list", i.repr(x)?)
        } else {
            "tuple.index(x): x not in tuple".into()
        };
        return Err(i.value_error(msg));
    }
    Ok(Value::Int(count))
}

fn list_method(
    i: &mut Interpreter,
    l: &Rc<RefCell<Vec<Value>>>,
    name: &str,
    mut a: Args,
) -> PyResult<Value> {
    match name {
        "append" => {
            let x = arg(i, &a, 0, name)?;
            l.borrow_mut().push(x);
        }
        "extend" => {
            let x = arg(i, &a, 0, name)?;
            let items = i.iterate(&x)?;
            l.borrow_mut().extend(items);
        }
        "insert" => {
            let len = l.borrow().len() as i64;
            let at = match a.pos.first() {
                Some(Value::Int(n)) => *n,
                _ => return Err(i.type_error("insert expected 2 arguments")),
            };
            let at = if at < 0 {
                (at + len).max(0)
            } else {
                at.min(len)
            } as usize;
            let x = arg(i, &a, 1, name)?;
            l.borrow_mut().insert(at, x);
        }
        "remove" => {
            let x = arg(i, &a, 0, name)?;
            let items = l.borrow().clone();
            for (n, v) in items.iter().enumerate() {
                if v.is(&x) || i.eq(v, &x)? {
                    l.borrow_mut().remove(n);
                    return Ok(Value::None);
                }
            }
            return Err(i.value_error("list.remove(x): x not in list"));
        }
        "pop" => {
            let len = l.borrow().len();
            if len == 0 {
                return Err(i.exc("IndexError", "pop from empty list"));
            }
            let at = match a.pos.first() {
                Some(Value::Int(n)) => *n,
                _ => -1,
            };
            let idx = if at < 0 { at + len as i64 } else { at };
            if idx < 0 || idx >= len as i64 {
                return Err(i.exc("IndexError", "pop index out of range"));
            }
            return Ok(l.borrow_mut().remove(idx as usize));
        }
        "clear" => l.borrow_mut().clear(),
        "index" | "count" => {
            let x = arg(i, &a, 0, name)?;
            let items = l.borrow().clone();
            return seq_index_count(i, &items, &x, name, "list");
        }
        "sort" => {
            let key = a.take_kw("key");
            let reverse = match a.take_kw("reverse") {
                Some(v) => i.truthy(&v)?,
                None => false,
            };
            let mut items = std::mem::take(&mut *l.borrow_mut());
            let r = crate::iteration::sort_values(i, &mut items, key, reverse);
            *l.borrow_mut() = items;
            r?;
        }
        "reverse" => l.borrow_mut().reverse(),
        "copy" => return Ok(Value::list(l.borrow().clone())),
        _ => {}
    }
    Ok(Value::None)
}

fn dict_method(
    i: &mut Interpreter,
    d: &Rc<RefCell<Dict>>,
    name: &str,
    mut a: Args,
) -> PyResult<Value> {
    match name {
        "keys" | "values" | "items" => Ok(Value::Object(Rc::new(DictView {
            dict: d.clone(),
            kind: name.to_string(),
        }))),
        "get" => {
            let k = arg(i, &a, 0, name)?;
            let hk = i.hash_key(&k)?;
            Ok(d.borrow()
                .get(&hk)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| a.pos.get(1).cloned().unwrap_or(Value::None)))
        }
        "pop" => {
            let k = arg(i, &a, 0, name)?;
            let hk = i.hash_key(&k)?;
            let removed = d.borrow_mut().shift_remove(&hk);
            match (removed, a.pos.get(1)) {
                (Some((_, v)), _) => Ok(v),
                (None, Some(default)) => Ok(default.clone()),
                (None, None) => match i.exception_class("KeyError") {
                    Some(c) => Err(crate::exceptions::Exc::Raise(i.new_exception(&c, vec![k]))),
                    None => Err(i.exc("KeyError", "")),
                },
            }
        }
        "popitem" => match d.borrow_mut().pop() {
            Some((_, (k, v))) => Ok(Value::tuple(vec![k, v])),
            None => Err(i.exc("KeyError", "popitem(): dictionary is empty")),
        },
        "setdefault" => {
            let k = arg(i, &a, 0, name)?;
            let hk = i.hash_key(&k)?;
            let default = a.pos.get(1).cloned().unwrap_or(Value::None);
            let mut dict = d.borrow_mut();
            Ok(dict.entry(hk).or_insert((k, default)).1.clone())
        }
        "update" => {
            let mut pairs = Vec::new();
            if let Some(other) = a.pos.first().cloned() {
                match i.mapping_items(&other)? {
                    Some(items) => pairs.extend(items),
                    None => {
                        let it = &other;
                        for item in i.iterate(it)? {
                            let kv = i.iterate(&item)?;
                            if let [k, v] = kv.as_slice() {
                                pairs.push((k.clone(), v.clone()));
                            }
                        }
                    }
                }
            }
            for (k, v) in std::mem::take(&mut a.kw) {
                pairs.push((Value::str(&k), v));
            }
            for (k, v) in pairs {
                let hk = i.hash_key(&k)?;
                let mut dict = d.borrow_mut();
                match dict.get_mut(&hk) {
                    Some(slot) => slot.1 = v,
                    None => {
                        crate::value::dict_put(&mut dict, hk, k, v);
                    }
                }
            }
            Ok(Value::None)
        }
        "clear" => {
            d.borrow_mut().clear();
            Ok(Value::None)
        }
        "copy" => Ok(Value::Dict(Rc::new(RefCell::new(d.borrow().clone())))),
        _ => Ok(Value::None),
    }
}

fn set_method(i: &mut Interpreter, s: &Rc<RefCell<Set>>, name: &str, a: Args) -> PyResult<Value> {
    let new_set = |set: Set| Value::Set(Rc::new(RefCell::new(set)));
    let mut others: Vec<Set> = Vec::new();
    if matches!(
        name,
        "update"
            | "union"
            | "intersection"
            | "difference"
            | "symmetric_difference"
            | "issubset"
            | "issuperset"
            | "isdisjoint"
    ) {
        for v in &a.pos {
            let mut set = Set::new();
            for x in i.iterate(v)? {
                let k = i.hash_key(&x)?;
                crate::value::set_put(&mut set, k, x);
            }
            others.push(set);
        }
    }
    let me = s.borrow().clone();
    match name {
        "add" => {
            let x = arg(i, &a, 0, name)?;
            let k = i.hash_key(&x)?;
            s.borrow_mut().entry(k).or_insert(x);
        }
        "remove" | "discard" => {
            let x = arg(i, &a, 0, name)?;
            let k = i.hash_key(&x)?;
            if s.borrow_mut().shift_remove(&k).is_none() && name == "remove" {
                return Err(match i.exception_class("KeyError") {
                    Some(c) => crate::exceptions::Exc::Raise(i.new_exception(&c, vec![x])),
                    None => i.exc("KeyError", ""),
                });
            }
        }
        "pop" => {
            let first = crate::setorder::ordered(&s.borrow()).into_iter().next();
            let Some(v) = first else {
                return Err(i.exc("KeyError", "pop from an empty set"));
            };
            if let Some(k) = v.hash_key() {
                s.borrow_mut().shift_remove(&k);
            }
            return Ok(v);
        }
        "clear" => s.borrow_mut().clear(),
        "update" => {
            for o in others {
                s.borrow_mut().extend(o);
            }
        }
        "union" => {
            return Ok(new_set(others.into_iter().fold(me, |mut acc, o| {
                acc.extend(o);
                acc
            })));
        }
        "intersection" => {
            return Ok(new_set(
                me.into_iter()
                    .filter(|(k, _)| others.iter().all(|o| o.contains_key(k)))
                    .collect(),
            ));
        }
        "difference" => {
            return Ok(new_set(
                me.into_iter()
                    .filter(|(k, _)| others.iter().all(|o| !o.contains_key(k)))
                    .collect(),
            ));
        }
        "symmetric_difference" => {
            let o = others.into_iter().next().unwrap_or_default();
            let mut out: Set = me
                .clone()
                .into_iter()
                .filter(|(k, _)| !o.contains_key(k))
                .collect();
            out.extend(o.into_iter().filter(|(k, _)| !me.contains_key(k)));
            return Ok(new_set(out));
        }
        "issubset" => {
            return Ok(Value::Bool(
                others
                    .first()
                    .is_some_and(|o| me.keys().all(|k| o.contains_key(k))),
            ));
        }
        "issuperset" => {
            return Ok(Value::Bool(
                others
                    .first()
                    .is_some_and(|o| o.keys().all(|k| me.contains_key(k))),
            ));
        }
        "isdisjoint" => {
            return Ok(Value::Bool(
                others
                    .first()
                    .is_some_and(|o| !me.keys().any(|k| o.contains_key(k))),
            ));
        }
        "copy" => return Ok(new_set(me)),
        _ => {}
    }
    Ok(Value::None)
}
