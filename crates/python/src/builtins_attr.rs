//! The builtins that inspect types and attributes: `type_of` (the class of any value),
//! `isinstance`/`issubclass`, `getattr`/`setattr`/`delattr`/`hasattr`, `callable`, `vars`,
//! `id` and `hash`.

use crate::builtins::{exact, one};
use crate::class::{Builtin, Class};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

/// The class of any value.
pub(crate) fn type_of(i: &Interpreter, v: &Value) -> Rc<Class> {
    let name = match v {
        Value::Instance(inst) => return inst.class.clone(),
        Value::Object(o) => {
            return match o.class() {
                Some(c) => c,
                None => crate::sqlalchemy::native_type_class(&o.type_name()),
            };
        }
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

/// `isinstance(obj, spec)`.
pub(crate) fn isinstance(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let [v, spec] = exact::<2>(i, &a, "isinstance")?;
    let class = type_of(i, &v);
    Ok(Value::Bool(class_matches(
        i,
        &class,
        &spec,
        "isinstance()",
    )?))
}

/// `issubclass(cls, spec)`.
pub(crate) fn issubclass(i: &mut Interpreter, a: Args) -> PyResult<Value> {
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

/// `getattr(obj, name[, default])`.
pub(crate) fn getattr(i: &mut Interpreter, a: Args) -> PyResult<Value> {
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

/// `setattr(obj, name, value)`.
pub(crate) fn setattr(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let [o, n, v] = exact::<3>(i, &a, "setattr")?;
    let n = name_arg(i, &n)?;
    i.setattr(&o, &n, v)?;
    Ok(Value::None)
}

/// `delattr(obj, name)`.
pub(crate) fn delattr(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let [o, n] = exact::<2>(i, &a, "delattr")?;
    let n = name_arg(i, &n)?;
    i.delattr(&o, &n)?;
    Ok(Value::None)
}

/// `hasattr(obj, name)`: False when the lookup raises AttributeError.
pub(crate) fn hasattr(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let [o, n] = exact::<2>(i, &a, "hasattr")?;
    let n = name_arg(i, &n)?;
    match i.try_getattr(&o, &n) {
        Ok(v) => Ok(Value::Bool(v.is_some())),
        Err(crate::exceptions::Exc::Raise(e)) if i.is_instance_named(&e, "AttributeError") => {
            Ok(Value::Bool(false))
        }
        Err(e) => Err(e),
    }
}

/// `id(obj)`.
pub(crate) fn builtin_id(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    Ok(Value::Int(one(i, &a, "id")?.identity() as i64))
}

/// `hash(obj)`.
pub(crate) fn builtin_hash(i: &mut Interpreter, a: Args) -> PyResult<Value> {
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
}

/// `callable(obj)`.
pub(crate) fn builtin_callable(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let v = one(i, &a, "callable")?;
    Ok(Value::Bool(match &v {
        Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::Class(_) => true,
        Value::Instance(inst) => inst.class.lookup("__call__").is_some(),
        _ => false,
    }))
}

/// `vars(obj)`.
pub(crate) fn builtin_vars(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let v = one(i, &a, "vars")?;
    i.getattr(&v, "__dict__")
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
