//! The `enum` module: `Enum`, `IntEnum`, `StrEnum`, `auto` and `unique`.
//!
//! An enum class is an ordinary class whose base `Enum` carries native hooks: its
//! `__init_subclass__` turns the class attributes into member instances (with `_name_` and
//! `_value_`, read through the `name` and `value` properties) and records their order in
//! `_member_names_`; `__new__` looks a member up by value (`Status("active")`) and
//! `__class_getitem__` by name (`Status["ACTIVE"]`). Iterating the class, `len()` and the
//! class repr (`<enum 'Status'>`) are handled where classes are iterated and shown.

use crate::class::{Class, Instance, c3_mro};
use crate::exceptions::Exc;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::{CmpOp, Operator};
use std::rc::Rc;

/// The members of enum class `c` in definition order, or None if it is not an enum.
pub fn members(c: &Class) -> Option<Vec<Value>> {
    let dict = c.dict.borrow();
    let Some(Value::List(names)) = dict.get("_member_names_") else {
        return None;
    };
    let names = names.borrow();
    Some(
        names
            .iter()
            .filter_map(|n| match n {
                Value::Str(s) => dict.get(&**s).cloned(),
                _ => None,
            })
            .collect(),
    )
}

/// Whether `c` derives from `enum.Enum`.
pub fn is_enum_class(c: &Class) -> bool {
    c.mro.iter().any(|b| b.name == "Enum" && b.module == "enum")
}

fn member_attr(v: &Value, name: &str) -> Value {
    match v {
        Value::Instance(i) => i.attrs.borrow().get(name).cloned().unwrap_or(Value::None),
        _ => Value::None,
    }
}

fn self_arg(i: &Interpreter, a: &Args) -> PyResult<Value> {
    a.pos
        .first()
        .cloned()
        .ok_or_else(|| i.type_error("descriptor needs an argument"))
}

/// The plain value behind an `IntEnum`/`StrEnum` member (other values unchanged).
fn plain(v: &Value) -> Value {
    match v {
        Value::Instance(i) if i.attrs.borrow().contains_key("_value_") => member_attr(v, "_value_"),
        other => other.clone(),
    }
}

/// Turn the new enum class's attributes into members (`__init_subclass__`).
fn init_subclass(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(Value::Class(cls)) = a.pos.first().cloned() else {
        return Ok(Value::None);
    };
    let is_str = cls
        .mro
        .iter()
        .any(|b| b.name == "StrEnum" && b.module == "enum");
    let candidates: Vec<(String, Value)> = cls
        .dict
        .borrow()
        .iter()
        .filter(|(k, v)| {
            let special = k.starts_with("__") || (k.starts_with('_') && k.ends_with('_'));
            let descriptor = matches!(
                v,
                Value::Function(_)
                    | Value::Native(_)
                    | Value::Property(_)
                    | Value::ClassMethod(_)
                    | Value::StaticMethod(_)
                    | Value::Class(_)
            );
            !special && !descriptor
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut names = Vec::new();
    let mut made: Vec<Value> = Vec::new();
    let mut last_int = 0i64;
    for (name, raw) in candidates {
        let value = match &raw {
            Value::Object(o) if o.type_name() == "auto" => {
                if is_str {
                    Value::str(&name.to_lowercase())
                } else {
                    Value::Int(last_int + 1)
                }
            }
            Value::Tuple(t) if t.len() == 1 && is_str => t[0].clone(),
            other => other.clone(),
        };
        if let Value::Int(n) = value {
            last_int = n;
        }
        let mut alias = None;
        for m in &made {
            if i.eq(&member_attr(m, "_value_"), &value)? {
                alias = Some(m.clone());
                break;
            }
        }
        let member = match alias {
            Some(m) => m,
            None => {
                let inst = Instance::new(cls.clone());
                inst.attrs
                    .borrow_mut()
                    .insert("_value_".into(), value.clone());
                inst.attrs
                    .borrow_mut()
                    .insert("_name_".into(), Value::str(&name));
                let m = Value::Instance(Rc::new(inst));
                made.push(m.clone());
                names.push(Value::str(&name));
                m
            }
        };
        cls.dict.borrow_mut().insert(name, member);
    }
    let by_name: Vec<(Value, Value)> = cls
        .dict
        .borrow()
        .iter()
        .filter(|(_, v)| made.iter().any(|m| m.is(v)))
        .map(|(k, v)| (Value::str(k), v.clone()))
        .collect();
    let members = i.new_dict(by_name)?;
    let mut dict = cls.dict.borrow_mut();
    dict.insert("_member_names_".into(), Value::list(names));
    dict.insert("__members__".into(), members);
    drop(dict);
    let mixin = matches!(
        cls.builtin,
        Some(
            crate::class::Builtin::Str | crate::class::Builtin::Int | crate::class::Builtin::Float
        )
    );
    if mixin && !cls.dict.borrow().contains_key("__eq__") {
        install_value_dunders(&cls);
    }
    Ok(Value::None)
}

/// `Status(value)`: the member with that value.
fn enum_new(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let (Some(Value::Class(cls)), Some(v)) = (a.pos.first(), a.pos.get(1)) else {
        return Err(
            i.type_error("EnumType.__call__() missing 1 required positional argument: 'value'")
        );
    };
    for m in members(cls).unwrap_or_default() {
        if m.is(v) || i.eq(&member_attr(&m, "_value_"), v)? {
            return Ok(m);
        }
    }
    let r = i.repr(v)?;
    Err(i.value_error(format!("{r} is not a valid {}", cls.name)))
}

/// `Role(value)` for an enum mixing in a builtin type (`class Role(str, Enum)`).
pub fn lookup_value(i: &mut Interpreter, cls: &Rc<Class>, mut args: Args) -> PyResult<Value> {
    args.pos.insert(0, Value::Class(cls.clone()));
    enum_new(i, args)
}

/// `Status["ACTIVE"]`: the member with that name.
fn enum_getitem(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let (Some(Value::Class(cls)), Some(k)) = (a.pos.first(), a.pos.get(1)) else {
        return Err(i.type_error("expected a member name"));
    };
    for m in members(cls).unwrap_or_default() {
        if i.eq(&member_attr(&m, "_name_"), k)? {
            return Ok(m);
        }
    }
    let hk = i.repr(k)?;
    let class = i.exception_class("KeyError");
    match class {
        Some(c) => Err(Exc::Raise(i.new_exception(&c, vec![k.clone()]))),
        None => Err(i.exc("KeyError", hk)),
    }
}

fn native(
    cls: &Class,
    name: &str,
    f: impl Fn(&mut Interpreter, Args) -> PyResult<Value> + 'static,
) {
    cls.dict
        .borrow_mut()
        .insert(name.into(), NativeFunction::value(name, f));
}

fn property(cls: &Class, name: &str, attr: &'static str) {
    let getter = NativeFunction::value(name, move |i, a| Ok(member_attr(&self_arg(i, &a)?, attr)));
    cls.dict.borrow_mut().insert(
        name.into(),
        Value::Property(Rc::new([getter, Value::None, Value::None])),
    );
}

/// The `enum.Enum` base class.
fn enum_base(i: &Interpreter) -> Rc<Class> {
    let bases: Vec<Rc<Class>> = i.builtin_type("object").into_iter().collect();
    let mro = c3_mro(&bases).unwrap_or_default();
    let cls = Rc::new(Class::new("Enum", "enum", bases, mro));
    native(&cls, "__init_subclass__", init_subclass);
    native(&cls, "__new__", enum_new);
    native(&cls, "__init__", |_, _| Ok(Value::None));
    native(&cls, "__class_getitem__", enum_getitem);
    native(&cls, "__repr__", |i, a| {
        let m = self_arg(i, &a)?;
        let class = match &m {
            Value::Instance(inst) => inst.class.name.clone(),
            _ => String::new(),
        };
        let name = i.to_str(&member_attr(&m, "_name_"))?;
        let value = i.repr(&member_attr(&m, "_value_"))?;
        Ok(Value::str(&format!("<{class}.{name}: {value}>")))
    });
    native(&cls, "__str__", |i, a| {
        let m = self_arg(i, &a)?;
        let class = match &m {
            Value::Instance(inst) => inst.class.name.clone(),
            _ => String::new(),
        };
        let name = i.to_str(&member_attr(&m, "_name_"))?;
        Ok(Value::str(&format!("{class}.{name}")))
    });
    property(&cls, "name", "_name_");
    property(&cls, "value", "_value_");
    cls
}

/// `IntEnum` / `StrEnum`: members behave as their values in comparisons, arithmetic,
/// `str()` and `format()`.
fn value_enum(name: &str, base: &Rc<Class>) -> Rc<Class> {
    let bases = vec![base.clone()];
    let mro = c3_mro(&bases).unwrap_or_default();
    let cls = Rc::new(Class::new(name, "enum", bases, mro));
    native(&cls, "__str__", |i, a| {
        let v = plain(&self_arg(i, &a)?);
        Ok(Value::str(&i.to_str(&v)?))
    });
    native(&cls, "__format__", |i, a| {
        let v = plain(&self_arg(i, &a)?);
        let spec = match a.pos.get(1) {
            Some(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        };
        Ok(Value::str(&i.format_value(&v, &spec)?))
    });
    install_value_dunders(&cls);
    cls
}

/// Comparisons, hashing, arithmetic, `len()` and attribute fallback through the member's
/// value (for `IntEnum`, `StrEnum` and `class Role(str, Enum)` mixins).
fn install_value_dunders(cls: &Class) {
    native(cls, "__getattr__", |i, a| {
        let v = plain(&self_arg(i, &a)?);
        let name = match a.pos.get(1) {
            Some(Value::Str(s)) => s.to_string(),
            _ => String::new(),
        };
        i.getattr(&v, &name)
    });
    native(cls, "__len__", |i, a| {
        let v = plain(&self_arg(i, &a)?);
        let len = i.builtins.get("len").cloned().unwrap_or(Value::None);
        i.call(&len, Args::positional(vec![v]))
    });
    native(cls, "__hash__", |i, a| {
        let v = plain(&self_arg(i, &a)?);
        let h = i.builtins.get("hash").cloned().unwrap_or(Value::None);
        i.call(&h, Args::positional(vec![v]))
    });
    let cmps = [
        ("__eq__", CmpOp::Eq),
        ("__ne__", CmpOp::NotEq),
        ("__lt__", CmpOp::Lt),
        ("__le__", CmpOp::LtE),
        ("__gt__", CmpOp::Gt),
        ("__ge__", CmpOp::GtE),
    ];
    for (n, op) in cmps {
        native(cls, n, move |i, a| {
            let x = plain(&self_arg(i, &a)?);
            let y = plain(a.pos.get(1).unwrap_or(&Value::None));
            i.compare(op, &x, &y)
        });
    }
    let ops = [
        ("__add__", Operator::Add, false),
        ("__radd__", Operator::Add, true),
        ("__sub__", Operator::Sub, false),
        ("__rsub__", Operator::Sub, true),
        ("__mul__", Operator::Mult, false),
        ("__rmul__", Operator::Mult, true),
    ];
    for (n, op, reflected) in ops {
        native(cls, n, move |i, a| {
            let x = plain(&self_arg(i, &a)?);
            let y = plain(a.pos.get(1).unwrap_or(&Value::None));
            if reflected {
                i.binary_op(op, y, x)
            } else {
                i.binary_op(op, x, y)
            }
        });
    }
    native(cls, "__int__", |i, a| Ok(plain(&self_arg(i, &a)?)));
    native(cls, "__index__", |i, a| Ok(plain(&self_arg(i, &a)?)));
}

/// Register `enum`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("enum", |i| {
        let m = Module::new("enum");
        let base = enum_base(i);
        m.set("IntEnum", Value::Class(value_enum("IntEnum", &base)));
        m.set("StrEnum", Value::Class(value_enum("StrEnum", &base)));
        m.set("Enum", Value::Class(base));
        m.set(
            "auto",
            NativeFunction::value("auto", |_, _| {
                Ok(Value::Object(Rc::new(crate::stdlib::Marker(
                    "auto",
                    "auto(_generate_next_value_)",
                ))))
            }),
        );
        m.set(
            "unique",
            NativeFunction::value("unique", |i, a| {
                let Some(Value::Class(cls)) = a.pos.first().cloned() else {
                    return Ok(a.pos.first().cloned().unwrap_or(Value::None));
                };
                // An alias is a class attribute naming a member under another name.
                let mut aliases = Vec::new();
                for (k, v) in cls.dict.borrow().iter() {
                    if let Value::Instance(inst) = v
                        && Rc::ptr_eq(&inst.class, &cls)
                        && let Some(Value::Str(name)) = inst.attrs.borrow().get("_name_")
                        && **name != **k
                    {
                        aliases.push(format!("{k} -> {name}"));
                    }
                }
                if aliases.is_empty() {
                    Ok(Value::Class(cls))
                } else {
                    Err(i.value_error(format!(
                        "duplicate values found in <enum '{}'>: {}",
                        cls.name,
                        aliases.join(", ")
                    )))
                }
            }),
        );
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn members_lookup_iteration_and_reprs() {
        let (out, r) = crate::interp::run_for_test(
            "from enum import Enum, IntEnum, auto\nclass S(Enum):\n    A = 'a'\n    B = auto()\n    C = 'a'\nclass P(IntEnum):\n    LOW = 1\nclass R(str, Enum):\n    X = 'x'\nprint(S.A, repr(S.B), S('a') is S.C, S['B'], list(S), len(S), S)\nprint(P.LOW + 1, P.LOW < 2, f'{P.LOW}', R.X == 'x', R('x').name)\ntry:\n    S('zz')\nexcept ValueError as e:\n    print(e)\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "S.A <S.B: 1> True S.B [<S.A: 'a'>, <S.B: 1>] 2 <enum 'S'>\n2 True 1 True X\n'zz' is not a valid S\n"
        );
    }
}
