//! The builtins namespace: the table of builtin functions, the names it holds (types,
//! exception classes, `NotImplemented`), `print` and `len`. The numeric builtins live in
//! [`crate::builtins_num`], the type and attribute ones in [`crate::builtins_attr`], the
//! iteration ones (`sorted`, `zip`, `min`, ...) in [`crate::iteration`].

use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::iteration::{enumerate, filter, map, min_max, next, sorted, sum, zip};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::cmp::Ordering;
use std::rc::Rc;

pub(crate) use crate::builtins_attr::type_of;

pub use crate::convert::construct;

type Builtinfn = fn(&mut Interpreter, Args) -> PyResult<Value>;

/// Fill the builtins namespace.
pub fn install(interp: &mut Interpreter) {
    let funcs: &[(&str, Builtinfn)] = &[
        ("print", print),
        ("len", len),
        ("repr", |i, a| {
            let v = one(i, &a, "repr")?;
            Ok(Value::str(&i.repr(&v)?))
        }),
        ("ascii", |i, a| {
            let v = one(i, &a, "ascii")?;
            Ok(Value::str(&crate::strings::ascii_escape(&i.repr(&v)?)))
        }),
        ("isinstance", crate::builtins_attr::isinstance),
        ("issubclass", crate::builtins_attr::issubclass),
        ("getattr", crate::builtins_attr::getattr),
        ("sorted", sorted),
        ("min", |i, a| min_max(i, a, "min", Ordering::Less)),
        ("max", |i, a| min_max(i, a, "max", Ordering::Greater)),
        ("sum", sum),
        ("any", |i, a| {
            let v = one(i, &a, "any")?;
            let it = i.make_iter(&v)?;
            while let Some(x) = i.iter_step(&it)? {
                if i.truthy(&x)? {
                    return Ok(Value::Bool(true));
                }
            }
            Ok(Value::Bool(false))
        }),
        ("all", |i, a| {
            let v = one(i, &a, "all")?;
            let it = i.make_iter(&v)?;
            while let Some(x) = i.iter_step(&it)? {
                if !i.truthy(&x)? {
                    return Ok(Value::Bool(false));
                }
            }
            Ok(Value::Bool(true))
        }),
        ("enumerate", enumerate),
        ("zip", zip),
        ("reversed", |i, a| {
            let v = one(i, &a, "reversed")?;
            if let Some(m) = i.dunder(&v, "__reversed__") {
                return i.call(&m, Args::positional(vec![v]));
            }
            if matches!(v, Value::Set(_) | Value::Iter(_)) {
                return Err(i.type_error(format!("'{}' object is not reversible", v.type_name())));
            }
            let mut items = i.iterate(&v)?;
            items.reverse();
            Ok(Value::iter_of(items))
        }),
        ("iter", |i, a| {
            if let [f, sentinel] = a.pos.as_slice() {
                // `iter(callable, sentinel)`: call until the sentinel comes back.
                let (f, sentinel) = (f.clone(), sentinel.clone());
                let mut done = false;
                return Ok(Value::lazy_iter("callable_iterator", move |i| {
                    if done {
                        return Ok(None);
                    }
                    let v = i.call(&f, Args::default())?;
                    if i.eq(&v, &sentinel)? {
                        done = true;
                        return Ok(None);
                    }
                    Ok(Some(v))
                }));
            }
            let v = one(i, &a, "iter")?;
            i.make_iter(&v)
        }),
        ("next", next),
        ("map", map),
        ("filter", filter),
        ("format", |i, a| {
            let v = a.pos.first().cloned().unwrap_or(Value::None);
            let spec = match a.pos.get(1) {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            Ok(Value::str(&i.format_value(&v, &spec)?))
        }),
        ("abs", crate::builtins_num::builtin_abs),
        ("round", crate::builtins_num::round),
        ("divmod", crate::builtins_num::divmod),
        ("pow", crate::builtins_num::builtin_pow),
        ("bin", |i, a| crate::builtins_num::radix(i, a, "bin", 'b')),
        ("oct", |i, a| crate::builtins_num::radix(i, a, "oct", 'o')),
        ("hex", |i, a| crate::builtins_num::radix(i, a, "hex", 'x')),
        ("chr", crate::builtins_num::builtin_chr),
        ("ord", crate::builtins_num::builtin_ord),
        ("setattr", crate::builtins_attr::setattr),
        ("delattr", crate::builtins_attr::delattr),
        ("hasattr", crate::builtins_attr::hasattr),
        ("id", crate::builtins_attr::builtin_id),
        ("hash", crate::builtins_attr::builtin_hash),
        ("callable", crate::builtins_attr::builtin_callable),
        ("vars", crate::builtins_attr::builtin_vars),
    ];
    for (name, f) in funcs {
        let f = *f;
        interp
            .builtins
            .insert(name.to_string(), NativeFunction::value(name, f));
    }
    let types: Vec<(String, Rc<Class>)> = interp
        .types
        .by_name
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (name, class) in types {
        if !matches!(
            name.as_str(),
            "NoneType" | "function" | "module" | "iterator"
        ) {
            interp.builtins.insert(name, Value::Class(class));
        }
    }
    let excs: Vec<(String, Rc<Class>)> = interp
        .types
        .exceptions
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (name, class) in excs {
        interp.builtins.insert(name, Value::Class(class));
    }
    if let Some(base) = interp.exception_class("BaseException") {
        base.dict.borrow_mut().insert(
            "__init__".into(),
            NativeFunction::value("__init__", |i, a| {
                if let Some(Value::Instance(inst)) = a.pos.first() {
                    if let Some(info) = inst.exc.borrow_mut().as_mut() {
                        info.args = a.pos[1..].to_vec();
                    }
                    return Ok(Value::None);
                }
                Err(i.type_error(
                    "descriptor '__init__' of 'BaseException' object needs an argument",
                ))
            }),
        );
    }
    interp.builtins.insert(
        "NotImplemented".into(),
        Value::Object(Rc::new(crate::stdlib::Marker(
            "NotImplementedType",
            "NotImplemented",
        ))),
    );
    interp.builtins.insert("Ellipsis".into(), Value::Ellipsis);
    if let (Some(dict), Some(list)) = (interp.builtin_type("dict"), interp.builtin_type("list")) {
        crate::builtin_subclass::install(&dict, &list);
    }
    crate::bytes::install(interp);
    interp
        .builtins
        .insert("__name__".into(), Value::str("builtins"));
}

/// The single positional argument of a one-argument builtin.
pub(crate) fn one(i: &Interpreter, a: &Args, name: &str) -> PyResult<Value> {
    match a.pos.as_slice() {
        [v] => Ok(v.clone()),
        other => Err(i.type_error(format!(
            "{name}() takes exactly one argument ({} given)",
            other.len()
        ))),
    }
}

/// Exactly `N` positional arguments.
pub(crate) fn exact<const N: usize>(i: &Interpreter, a: &Args, name: &str) -> PyResult<[Value; N]> {
    <[Value; N]>::try_from(a.pos.clone())
        .map_err(|v| i.type_error(format!("{name} expected {N} arguments, got {}", v.len())))
}

fn print(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let sep = match a.take_kw("sep") {
        Some(Value::Str(s)) => s.to_string(),
        _ => " ".into(),
    };
    let end = match a.take_kw("end") {
        Some(Value::Str(s)) => s.to_string(),
        _ => "\n".into(),
    };
    let _ = a.take_kw("flush");
    let file = a.take_kw("file").filter(|f| !matches!(f, Value::None));
    if let Some(f) = file {
        let mut text = String::new();
        for (n, v) in a.pos.iter().enumerate() {
            if n > 0 {
                text.push_str(&sep);
            }
            text.push_str(&i.to_str(v)?);
        }
        text.push_str(&end);
        let stream = match &f {
            Value::Object(o) => o
                .as_any()
                .downcast_ref::<crate::stdlib::Stream>()
                .map(|s| s.0),
            _ => None,
        };
        match stream {
            Some(err) => crate::stdlib::Stream::write(i, err, &text),
            None => {
                let write = i.getattr(&f, "write")?;
                i.call(&write, Args::positional(vec![Value::str(&text)]))?;
            }
        }
        return Ok(Value::None);
    }
    // CPython writes each argument as soon as it is converted: output (an echo log line
    // included) that a later argument's str() produces, or its exception, comes after the
    // text already written.
    for (n, v) in a.pos.iter().enumerate() {
        if n > 0 {
            i.write_output(&sep);
        }
        let text = i.to_str(v)?;
        i.write_output(&text);
    }
    i.write_output(&end);
    Ok(Value::None)
}

fn len(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let v = one(i, &a, "len")?;
    let n = match &v {
        Value::Str(s) => s.chars().count(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) => d.borrow().len(),
        Value::Set(s) => s.borrow().len(),
        Value::Range(..) => i.range_len(&v) as usize,
        Value::Class(c) if crate::enums::members(c).is_some() => {
            crate::enums::members(c).map(|m| m.len()).unwrap_or(0)
        }
        Value::Instance(inst) if inst.class.lookup("__len__").is_some() => {
            let m = inst.class.lookup("__len__").unwrap_or(Value::None);
            return i.call(&m, Args::positional(vec![v.clone()]));
        }
        Value::Object(o) if o.len().is_some() => o.len().unwrap_or(0),
        Value::Object(o) if o.len_in(i).is_some() => o.len_in(i).unwrap_or(Ok(0))?,
        other => {
            return Err(i.type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )));
        }
    };
    Ok(Value::Int(n as i64))
}
