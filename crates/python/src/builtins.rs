//! The builtin functions (`print`, `len`, `sorted`, `isinstance`, ...) and the names the
//! `builtins` namespace holds (types, exception classes, `NotImplemented`).

use crate::class::{Builtin, Class};
use crate::function::{Args, NativeFunction};
use crate::iteration::{enumerate, filter, map, min_max, next, sorted, sum, zip};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::cmp::Ordering;
use std::rc::Rc;

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
        ("isinstance", isinstance),
        ("issubclass", issubclass),
        ("getattr", getattr),
        ("setattr", |i, a| {
            let [o, n, v] = exact::<3>(i, &a, "setattr")?;
            let n = name_arg(i, &n)?;
            i.setattr(&o, &n, v)?;
            Ok(Value::None)
        }),
        ("delattr", |i, a| {
            let [o, n] = exact::<2>(i, &a, "delattr")?;
            let n = name_arg(i, &n)?;
            i.delattr(&o, &n)?;
            Ok(Value::None)
        }),
        ("hasattr", |i, a| {
            let [o, n] = exact::<2>(i, &a, "hasattr")?;
            let n = name_arg(i, &n)?;
            match i.try_getattr(&o, &n) {
                Ok(v) => Ok(Value::Bool(v.is_some())),
                Err(crate::exceptions::Exc::Raise(e))
                    if i.is_instance_named(&e, "AttributeError") =>
                {
                    Ok(Value::Bool(false))
                }
                Err(e) => Err(e),
            }
        }),
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
        ("abs", |i, a| match one(i, &a, "abs")? {
            Value::Int(n) => n
                .checked_abs()
                .map(Value::Int)
                .ok_or_else(|| i.exc("OverflowError", "integer overflow")),
            Value::Bool(b) => Ok(Value::Int(i64::from(b))),
            Value::Float(f) => Ok(Value::Float(f.abs())),
            Value::Object(o) => match o.clone().unary_op(i, "abs") {
                Some(r) => r,
                None => {
                    Err(i.type_error(format!("bad operand type for abs(): '{}'", o.type_name())))
                }
            },
            other => match i.dunder(&other, "__abs__") {
                Some(m) => i.call(&m, Args::positional(vec![other])),
                None => Err(i.type_error(format!(
                    "bad operand type for abs(): '{}'",
                    other.type_name()
                ))),
            },
        }),
        ("round", round),
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
        ("id", |i, a| {
            Ok(Value::Int(one(i, &a, "id")?.identity() as i64))
        }),
        ("hash", |i, a| {
            let v = one(i, &a, "hash")?;
            let k = i.hash_key(&v)?;
            Ok(Value::Int(match k {
                crate::value::HashKey::Int(n) => n,
                other => {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    other.hash(&mut h);
                    h.finish() as i64
                }
            }))
        }),
        ("callable", |i, a| {
            let v = one(i, &a, "callable")?;
            Ok(Value::Bool(match &v {
                Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::Class(_) => true,
                Value::Instance(inst) => inst.class.lookup("__call__").is_some(),
                _ => false,
            }))
        }),
        ("vars", |i, a| {
            let v = one(i, &a, "vars")?;
            i.getattr(&v, "__dict__")
        }),
        ("format", |i, a| {
            let v = a.pos.first().cloned().unwrap_or(Value::None);
            let spec = match a.pos.get(1) {
                Some(Value::Str(s)) => s.to_string(),
                _ => String::new(),
            };
            Ok(Value::str(&i.format_value(&v, &spec)?))
        }),
        ("divmod", |i, a| {
            let [x, y] = exact::<2>(i, &a, "divmod")?;
            let q = i.binary_op(ruff_python_ast::Operator::FloorDiv, x.clone(), y.clone())?;
            let r = i.binary_op(ruff_python_ast::Operator::Mod, x, y)?;
            Ok(Value::tuple(vec![q, r]))
        }),
        ("pow", |i, a| {
            if let [Value::Int(base), Value::Int(exp), Value::Int(modulus)] = a.pos.as_slice() {
                return pow_mod(i, *base, *exp, *modulus);
            }
            let [x, y] = exact::<2>(i, &a, "pow")?;
            i.binary_op(ruff_python_ast::Operator::Pow, x, y)
        }),
        ("bin", |i, a| radix(i, a, "bin", 'b')),
        ("oct", |i, a| radix(i, a, "oct", 'o')),
        ("hex", |i, a| radix(i, a, "hex", 'x')),
        ("chr", |i, a| match one(i, &a, "chr")? {
            Value::Int(n) => match u32::try_from(n).ok().and_then(char::from_u32) {
                Some(c) => Ok(Value::str(&c.to_string())),
                None => Err(i.value_error("chr() arg not in range(0x110000)")),
            },
            other => Err(i.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))),
        }),
        ("ord", |i, a| match one(i, &a, "ord")? {
            Value::Str(s) if s.chars().count() == 1 => {
                Ok(Value::Int(s.chars().next().map(|c| c as i64).unwrap_or(0)))
            }
            Value::Str(s) => Err(i.type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.chars().count()
            ))),
            other => Err(i.type_error(format!(
                "ord() expected string of length 1, but {} found",
                other.type_name()
            ))),
        }),
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

fn name_arg(i: &Interpreter, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(i.type_error(format!(
            "attribute name must be string, not '{}'",
            other.type_name()
        ))),
    }
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

/// `pow(base, exp, mod)` for non-negative exponents.
fn pow_mod(i: &Interpreter, base: i64, exp: i64, modulus: i64) -> PyResult<Value> {
    if modulus == 0 {
        return Err(i.value_error("pow() 3rd argument cannot be 0"));
    }
    if exp < 0 {
        return Err(i.exc(
            "NotImplementedError",
            "pow() with a negative exponent and a modulus is not supported by Retort",
        ));
    }
    let m = i128::from(modulus);
    let (mut result, mut b, mut e) = (1i128, i128::from(base).rem_euclid(m), exp);
    while e > 0 {
        if e & 1 == 1 {
            result = (result * b).rem_euclid(m);
        }
        b = (b * b).rem_euclid(m);
        e >>= 1;
    }
    // Python's result takes the modulus's sign.
    let r = result.rem_euclid(m);
    let r = if modulus < 0 && r != 0 { r + m } else { r };
    Ok(Value::Int(r as i64))
}

/// `bin(n)`, `oct(n)`, `hex(n)`.
fn radix(i: &mut Interpreter, a: Args, name: &str, kind: char) -> PyResult<Value> {
    let n = match one(i, &a, name)? {
        Value::Int(n) => n,
        Value::Bool(b) => i64::from(b),
        other => {
            return Err(i.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    let mag = n.unsigned_abs();
    let digits = match kind {
        'b' => format!("{mag:b}"),
        'o' => format!("{mag:o}"),
        _ => format!("{mag:x}"),
    };
    Ok(Value::str(&format!(
        "{}0{kind}{digits}",
        if n < 0 { "-" } else { "" }
    )))
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

/// The class of any value.
pub(crate) fn type_of(i: &Interpreter, v: &Value) -> Rc<Class> {
    let name = match v {
        Value::Instance(inst) => return inst.class.clone(),
        Value::Object(o) => match o.class() {
            Some(c) => return c,
            None => "object",
        },
        Value::None => "NoneType",
        Value::Bool(_) => "bool",
        Value::Int(_) => "int",
        Value::Float(_) => "float",
        Value::Str(_) => "str",
        Value::List(_) => "list",
        Value::Tuple(_) => "tuple",
        Value::Dict(_) => "dict",
        Value::Set(_) => "set",
        Value::Range(..) => "range",
        Value::Slice(_) => "slice",
        Value::Class(_) => "type",
        Value::Module(_) => "module",
        Value::Property(_) => "property",
        Value::ClassMethod(_) => "classmethod",
        Value::StaticMethod(_) => "staticmethod",
        Value::Super(_) => "super",
        Value::Function(_) => "function",
        Value::Iter(_) | Value::Native(_) | Value::Method(_) | Value::Ellipsis => {
            let name = v.type_name();
            return i
                .builtin_type(&name)
                .unwrap_or_else(|| Rc::new(Class::new(&name, "builtins", vec![], vec![])));
        }
    };
    i.builtin_type(name)
        .unwrap_or_else(|| Rc::new(Class::new(name, "builtins", vec![], vec![])))
}

fn class_matches(i: &Interpreter, class: &Rc<Class>, spec: &Value, what: &str) -> PyResult<bool> {
    match spec {
        Value::Class(c) => Ok(class.is_subclass_of(c) || (c.builtin == Some(Builtin::Object))),
        Value::Tuple(items) => {
            for item in items.iter() {
                if class_matches(i, class, item, what)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        // `int | str` (types.UnionType): any member; `None` stands for NoneType.
        Value::Object(o) if o.type_name() == "_SpecialForm" => {
            match o.as_any().downcast_ref::<crate::stdlib::TypingForm>() {
                Some(f) if f.args.is_empty() => match o.mro_entry() {
                    Some(c) => Ok(class.is_subclass_of(&c)),
                    None => Ok(false),
                },
                Some(f) if matches!(f.origin.as_str(), "|" | "Optional" | "Union") => {
                    if f.origin == "Optional" && class.name == "NoneType" {
                        return Ok(true);
                    }
                    for item in &f.args {
                        let matched = match item {
                            Value::None => class.name == "NoneType",
                            other => class_matches(i, class, other, what)?,
                        };
                        if matched {
                            return Ok(true);
                        }
                    }
                    Ok(false)
                }
                Some(f) if f.origin.starts_with(char::is_lowercase) => Err(i.type_error(format!(
                    "{what} argument 2 cannot be a parameterized generic"
                ))),
                _ => Err(i.type_error(
                    "Subscripted generics cannot be used with class and instance checks",
                )),
            }
        }
        // `list[int]` (types.GenericAlias).
        Value::Object(o) if o.as_any().is::<crate::stdlib::GenericAlias>() => Err(i.type_error(
            format!("{what} argument 2 cannot be a parameterized generic"),
        )),
        Value::Object(o) => match o.mro_entry() {
            Some(c) => Ok(class.is_subclass_of(&c)),
            None => Ok(false),
        },
        _ => Err(i.type_error(format!(
            "{what} arg 2 must be a type, a tuple of types, or a union"
        ))),
    }
}

fn isinstance(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let [v, spec] = exact::<2>(i, &a, "isinstance")?;
    let class = type_of(i, &v);
    Ok(Value::Bool(class_matches(
        i,
        &class,
        &spec,
        "isinstance()",
    )?))
}

fn issubclass(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let [v, spec] = exact::<2>(i, &a, "issubclass")?;
    let Value::Class(class) = v else {
        return Err(i.type_error("issubclass() arg 1 must be a class"));
    };
    Ok(Value::Bool(class_matches(
        i,
        &class,
        &spec,
        "issubclass()",
    )?))
}

fn getattr(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let (obj, name, default) = match a.pos.as_slice() {
        [o, n] => (o.clone(), n.clone(), None),
        [o, n, d] => (o.clone(), n.clone(), Some(d.clone())),
        other => {
            return Err(i.type_error(format!(
                "getattr expected 2 or 3 arguments, got {}",
                other.len()
            )));
        }
    };
    let name = name_arg(i, &name)?;
    match (i.getattr(&obj, &name), default) {
        (Ok(v), _) => Ok(v),
        (Err(crate::exceptions::Exc::Raise(e)), Some(d))
            if i.is_instance_named(&e, "AttributeError") =>
        {
            Ok(d)
        }
        (Err(e), _) => Err(e),
    }
}

fn round(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let nd = a.take_kw("ndigits").or_else(|| a.pos.get(1).cloned());
    let Some(v) = a.pos.first().cloned() else {
        return Err(i.type_error("round() missing required argument 'number' (pos 1)"));
    };
    if let Value::Object(o) = &v
        && let Some(m) = o.clone().get_attr(i, &v, "__round__")?
    {
        return i.call(&m, Args::positional(nd.into_iter().collect()));
    }
    match (v, nd) {
        (Value::Float(f), None | Some(Value::None)) => {
            if !f.is_finite() {
                return Err(i.exc("OverflowError", "cannot convert float infinity to integer"));
            }
            crate::ops::float_to_int(i, f.round_ties_even())
        }
        (Value::Float(f), Some(Value::Int(n))) => {
            if n >= 0 {
                // Beyond 350 digits every finite float is already exact.
                let s = format!("{:.*}", n.min(350) as usize, f);
                Ok(Value::Float(s.parse().unwrap_or(f)))
            } else {
                let p = 10f64.powi(n.saturating_neg().min(400) as i32);
                Ok(Value::Float((f / p).round_ties_even() * p))
            }
        }
        (v @ (Value::Int(_) | Value::Bool(_)), None | Some(Value::None)) => Ok(match v {
            Value::Bool(b) => Value::Int(i64::from(b)),
            other => other,
        }),
        (Value::Int(x), Some(Value::Int(n))) => {
            if n >= 0 {
                return Ok(Value::Int(x));
            }
            let p = 10i64.checked_pow((-n) as u32).unwrap_or(i64::MAX);
            let r = x.rem_euclid(p);
            let base = x - r;
            let up = r * 2 > p || (r * 2 == p && (base / p) % 2 != 0);
            Ok(Value::Int(if up { base + p } else { base }))
        }
        (other, _) => match i.dunder(&other, "__round__") {
            Some(m) => i.call(&m, Args::positional(vec![other])),
            None => Err(i.type_error(format!(
                "type {} doesn't define __round__ method",
                other.type_name()
            ))),
        },
    }
}
