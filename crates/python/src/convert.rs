//! Calling a builtin type: `int("3")`, `str(x)`, `list(it)`, `dict(a=1)`, `type(x)`,
//! `property(f)`, `super()` and the other constructors.

use crate::builtins::type_of;
use crate::class::Builtin;
use crate::exceptions::Exc;
use crate::frame::FrameKind;
use crate::function::Args;
use crate::value::{Dict, Set, Value};
use crate::{Interpreter, PyResult};
use std::cell::RefCell;
use std::rc::Rc;

/// Parse an int literal as `int(text, base)` does.
/// `None` for an invalid literal, `Some(Err(()))` for a valid one beyond Retort's i64.
fn parse_int(text: &str, base: u32) -> Option<Result<i64, ()>> {
    let t = text.trim().replace('_', "");
    let (neg, digits) = match t.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, t.strip_prefix('+').unwrap_or(&t).to_string()),
    };
    let lower = digits.to_ascii_lowercase();
    let prefixed = |p: &str| lower.strip_prefix(p).map(str::to_string);
    let (base, digits) = match base {
        0 => match (prefixed("0x"), prefixed("0o"), prefixed("0b")) {
            (Some(d), _, _) => (16, d),
            (_, Some(d), _) => (8, d),
            (_, _, Some(d)) => (2, d),
            // Base 0 reads a decimal literal, which may not have leading zeros.
            _ if lower.len() > 1
                && lower.starts_with('0')
                && !lower.trim_start_matches('0').is_empty() =>
            {
                return None;
            }
            _ => (10, lower),
        },
        16 => (16, prefixed("0x").unwrap_or(lower)),
        8 => (8, prefixed("0o").unwrap_or(lower)),
        2 => (2, prefixed("0b").unwrap_or(lower)),
        b if (2..=36).contains(&b) => (b, lower),
        _ => return None,
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // Parse with the sign so that i64::MIN reads.
    let signed = if neg { format!("-{digits}") } else { digits };
    match i64::from_str_radix(&signed, base) {
        Ok(v) => Some(Ok(v)),
        Err(e)
            if matches!(
                e.kind(),
                std::num::IntErrorKind::PosOverflow | std::num::IntErrorKind::NegOverflow
            ) =>
        {
            Some(Err(()))
        }
        Err(_) => None,
    }
}

/// Construct a value of builtin type `b`.
pub fn construct(i: &mut Interpreter, b: Builtin, mut a: Args) -> PyResult<Value> {
    let first = a.pos.first().cloned();
    match b {
        Builtin::Int => {
            let base = match a.take_kw("base").or_else(|| a.pos.get(1).cloned()) {
                Some(Value::Int(n)) if n == 0 || (2..=36).contains(&n) => Some(n as u32),
                Some(Value::Int(_)) => {
                    return Err(i.value_error("int() base must be >= 2 and <= 36, or 0"));
                }
                Some(other) => {
                    return Err(i.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        other.type_name()
                    )));
                }
                None => None,
            };
            match first {
                None => Ok(Value::Int(0)),
                Some(Value::Int(n)) => Ok(Value::Int(n)),
                Some(Value::Bool(v)) => Ok(Value::Int(i64::from(v))),
                Some(Value::Float(f)) => {
                    if f.is_nan() {
                        return Err(i.value_error("cannot convert float NaN to integer"));
                    }
                    if !f.is_finite() {
                        return Err(i.exc("OverflowError", "cannot convert float infinity to integer"));
                    }
                    crate::ops::float_to_int(i, f)
                }
                Some(Value::Str(s)) => {
                    let base = base.unwrap_or(10);
                    match parse_int(&s, base) {
                        Some(Ok(n)) => Ok(Value::Int(n)),
                        Some(Err(())) => Err(i.overflow()),
                        None => Err(i.value_error(format!(
                            "invalid literal for int() with base {base}: {}",
                            crate::format::str_repr(&s)
                        ))),
                    }
                }
                Some(other) => match i.dunder(&other, "__int__") {
                    Some(m) => i.call(&m, Args::positional(vec![other])),
                    None if matches!(other, Value::Object(_)) && i.try_getattr(&other, "__int__")?.is_some() => {
                        let m = i.getattr(&other, "__int__")?;
                        i.call(&m, Args::default())
                    }
                    None => Err(i.type_error(format!(
                        "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                        other.type_name()
                    ))),
                },
            }
        }
        Builtin::Float => match first {
            None => Ok(Value::Float(0.0)),
            Some(Value::Int(n)) => Ok(Value::Float(n as f64)),
            Some(Value::Bool(v)) => Ok(Value::Float(f64::from(u8::from(v)))),
            Some(Value::Float(f)) => Ok(Value::Float(f)),
            Some(Value::Str(s)) => {
                let t = s.trim().replace('_', "").to_ascii_lowercase();
                let parsed = match t.as_str() {
                    "inf" | "+inf" | "infinity" => Some(f64::INFINITY),
                    "-inf" | "-infinity" => Some(f64::NEG_INFINITY),
                    "nan" | "+nan" | "-nan" => Some(f64::NAN),
                    other => other.parse::<f64>().ok(),
                };
                parsed.map(Value::Float).ok_or_else(|| {
                    i.value_error(format!(
                        "could not convert string to float: {}",
                        crate::format::str_repr(&s)
                    ))
                })
            }
            Some(other) => match i.dunder(&other, "__float__") {
                Some(m) => i.call(&m, Args::positional(vec![other])),
                None => match &other {
                    Value::Object(o) => match o.clone().get_attr(i, &other, "__float__")? {
                        Some(m) => i.call(&m, Args::default()),
                        None => Err(i.type_error(format!(
                            "float() argument must be a string or a real number, not '{}'",
                            other.type_name()
                        ))),
                    },
                    _ => Err(i.type_error(format!(
                        "float() argument must be a string or a real number, not '{}'",
                        other.type_name()
                    ))),
                },
            },
        },
        Builtin::Str => match first {
            None => Ok(Value::str("")),
            Some(v) => Ok(Value::str(&i.to_str(&v)?)),
        },
        Builtin::Bool => match first {
            None => Ok(Value::Bool(false)),
            Some(v) => Ok(Value::Bool(i.truthy(&v)?)),
        },
        Builtin::List => match first {
            None => Ok(Value::list(vec![])),
            Some(v) => Ok(Value::list(i.iterate(&v)?)),
        },
        Builtin::Tuple => match first {
            None => Ok(Value::tuple(vec![])),
            Some(Value::Tuple(t)) => Ok(Value::Tuple(t)),
            Some(v) => Ok(Value::tuple(i.iterate(&v)?)),
        },
        Builtin::Set | Builtin::FrozenSet => {
            let mut set = Set::new();
            if let Some(v) = first {
                for x in i.iterate(&v)? {
                    let k = i.hash_key(&x)?;
                    crate::value::set_put(&mut set, k, x);
                }
            }
            Ok(Value::Set(Rc::new(RefCell::new(set))))
        }
        Builtin::Dict => {
            let mut dict = Dict::new();
            if let Some(v) = first {
                let pairs = match i.mapping_items(&v)? {
                    Some(pairs) => pairs,
                    None => {
                        let other = &v;
                        let mut pairs = Vec::new();
                        for (n, item) in i.iterate(other)?.into_iter().enumerate() {
                            let kv = i.iterate(&item)?;
                            match <[Value; 2]>::try_from(kv) {
                                Ok([k, v]) => pairs.push((k, v)),
                                Err(kv) => {
                                    return Err(i.value_error(format!(
                                        "dictionary update sequence element #{n} has length {}; 2 is required",
                                        kv.len()
                                    )));
                                }
                            }
                        }
                        pairs
                    }
                };
                for (k, v) in pairs {
                    let hk = i.hash_key(&k)?;
                    crate::value::dict_put(&mut dict, hk, k, v);
                }
            }
            for (k, v) in a.kw {
                let key = Value::str(&k);
                let hk = i.hash_key(&key)?;
                crate::value::dict_put(&mut dict, hk, key, v);
            }
            Ok(Value::Dict(Rc::new(RefCell::new(dict))))
        }
        Builtin::Range => {
            let mut ints = Vec::new();
            for v in &a.pos {
                match v {
                    Value::Int(n) => ints.push(*n),
                    Value::Bool(b) => ints.push(i64::from(*b)),
                    other => {
                        return Err(i.type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other.type_name()
                        )));
                    }
                }
            }
            match ints.as_slice() {
                [stop] => Ok(Value::Range(0, *stop, 1)),
                [start, stop] => Ok(Value::Range(*start, *stop, 1)),
                [_, _, 0] => Err(i.value_error("range() arg 3 must not be zero")),
                [start, stop, step] => Ok(Value::Range(*start, *stop, *step)),
                [] => Err(i.type_error("range expected at least 1 argument, got 0")),
                more => Err(i.type_error(format!(
                    "range expected at most 3 arguments, got {}",
                    more.len()
                ))),
            }
        }
        Builtin::Slice => {
            let mut parts = [Value::None, Value::None, Value::None];
            match a.pos.len() {
                1 => parts[1] = a.pos[0].clone(),
                _ => {
                    for (slot, v) in parts.iter_mut().zip(a.pos.iter()) {
                        *slot = v.clone();
                    }
                }
            }
            Ok(Value::Slice(Rc::new(parts)))
        }
        Builtin::Type => match a.pos.as_slice() {
            [v] => Ok(Value::Class(type_of(i, v))),
            [Value::Str(name), Value::Tuple(bases), Value::Dict(ns)] => {
                let bases = bases
                    .iter()
                    .filter_map(|b| {
                        if let Value::Class(c) = b {
                            Some(c.clone())
                        } else {
                            None
                        }
                    })
                    .collect();
                let class = i.make_class(name, bases)?;
                for (k, v) in ns.borrow().values() {
                    if let Value::Str(k) = k {
                        class.dict.borrow_mut().insert(k.to_string(), v.clone());
                    }
                }
                Ok(Value::Class(class))
            }
            _ => Err(i.type_error("type() takes 1 or 3 arguments")),
        },
        Builtin::Object => match i.builtin_type("object") {
            Some(c) => Ok(Value::Instance(Rc::new(crate::class::Instance::new(c)))),
            None => Ok(Value::None),
        },
        Builtin::Property => {
            let getter = first.unwrap_or(Value::None);
            let setter = a
                .pos
                .get(1)
                .cloned()
                .or_else(|| a.take_kw("fset"))
                .unwrap_or(Value::None);
            let deleter = a
                .pos
                .get(2)
                .cloned()
                .or_else(|| a.take_kw("fdel"))
                .unwrap_or(Value::None);
            Ok(Value::Property(Rc::new([getter, setter, deleter])))
        }
        Builtin::ClassMethod => Ok(Value::ClassMethod(Rc::new(first.unwrap_or(Value::None)))),
        Builtin::StaticMethod => Ok(Value::StaticMethod(Rc::new(first.unwrap_or(Value::None)))),
        Builtin::Super => make_super(i, a),
        other => Err(i.type_error(format!(
            "cannot create '{}' instances",
            i.builtin_type_of(other).name
        ))),
    }
}

/// `super()` (zero arguments, from the method's frame) or `super(Class, obj)`.
fn make_super(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    if let [Value::Class(c), obj] = a.pos.as_slice() {
        return Ok(Value::Super(Rc::new((c.clone(), obj.clone()))));
    }
    let no_frame = || -> Exc { i.exc("RuntimeError", "super(): no arguments") };
    let frame = i
        .frames
        .iter()
        .rev()
        .find(|f| f.kind == FrameKind::Function && f.function.is_some())
        .ok_or_else(no_frame)?;
    let Some(Value::Function(func)) = frame.function.clone() else {
        return Err(no_frame());
    };
    let first_param = match &func.code {
        crate::function::Code::Def(d) => d
            .parameters
            .posonlyargs
            .iter()
            .chain(d.parameters.args.iter())
            .next()
            .map(|p| p.parameter.name.id.to_string()),
        crate::function::Code::Lambda(_) => None,
    };
    let receiver = first_param
        .and_then(|p| frame.locals.get(&p))
        .ok_or_else(|| i.exc("RuntimeError", "super(): no arguments"))?;
    let class = match &receiver {
        Value::Class(c) => c.clone(),
        other => type_of(i, other),
    };
    let mut chain = vec![class.clone()];
    chain.extend(class.mro.iter().cloned());
    let defining = chain.into_iter().find(|c| {
        c.dict.borrow().values().any(|v| {
            let inner = match v {
                Value::ClassMethod(f) | Value::StaticMethod(f) => (**f).clone(),
                Value::Property(p) => {
                    if let Value::Function(g) = &p[1]
                        && Rc::ptr_eq(g, &func)
                    {
                        return true;
                    }
                    p[0].clone()
                }
                other => other.clone(),
            };
            matches!(inner, Value::Function(g) if Rc::ptr_eq(&g, &func))
        })
    });
    match defining {
        Some(c) => Ok(Value::Super(Rc::new((c, receiver)))),
        None => Err(i.exc("RuntimeError", "super(): __class__ cell not found")),
    }
}
