//! The `enum` module: `Enum`, `IntEnum`, `StrEnum`, `auto()` and `unique` as tutorials use
//! them beside SQLAlchemy's `Enum` column type. A class statement deriving from `Enum` turns
//! its plain class attributes into the class's members (one instance each, with `name` and
//! `value`), in definition order; the class then iterates over them, `Status("active")`
//! finds a member by value, `Status["active"]` by name, and members print as CPython's
//! (`Status.active`, `<Status.active: 'active'>`). CPython does this with a metaclass, which
//! Retort does not have: the base's `__init_subclass__` builds the members, and the
//! evaluator asks [`members`] when a class is iterated or measured.

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::{Dict, Value, dict_put};
use crate::{Class, Instance, Interpreter, PyResult};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// Where a class keeps its members: CPython's `_member_map_` (name → member).
const MEMBER_MAP: &str = "_member_map_";

/// The members of an `Enum` class in definition order, or `None` for any other class.
pub fn members(class: &Class) -> Option<Vec<Value>> {
    match class.dict.borrow().get(MEMBER_MAP) {
        Some(Value::Dict(d)) => Some(d.borrow().values().map(|(_, v)| v.clone()).collect()),
        _ => None,
    }
}

/// `auto()`: the next integer value, numbered when the class is built.
struct Auto;

impl NativeObject for Auto {
    fn type_name(&self) -> String {
        "auto".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("auto()".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn is_auto(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.as_any().is::<Auto>())
}

fn attr(v: &Value, name: &str) -> Value {
    match v {
        Value::Instance(inst) => inst
            .attrs
            .borrow()
            .get(name)
            .cloned()
            .unwrap_or(Value::None),
        _ => Value::None,
    }
}

/// Whether class attribute `name = v` becomes a member (CPython leaves out dunders,
/// `_sunder_` names, descriptors and functions).
fn is_member(name: &str, v: &Value) -> bool {
    !name.starts_with('_')
        && !matches!(
            v,
            Value::Function(_)
                | Value::Native(_)
                | Value::Method(_)
                | Value::Property(_)
                | Value::ClassMethod(_)
                | Value::StaticMethod(_)
                | Value::Class(_)
        )
}

/// `__init_subclass__` of `Enum`: makes the members of `cls`.
fn init_subclass(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(Value::Class(cls)) = a.pos.first().cloned() else {
        return Err(i.type_error("Enum.__init_subclass__ needs a class"));
    };
    let kind = cls
        .mro
        .iter()
        .find_map(|c| match c.name.as_str() {
            "IntEnum" | "StrEnum" if c.module == "enum" => Some(c.name.clone()),
            _ => None,
        })
        .unwrap_or_default();
    let defined: Vec<(String, Value)> = cls
        .dict
        .borrow()
        .iter()
        .filter(|(k, v)| is_member(k, v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut map = Dict::default();
    let mut last_int = 0i64;
    for (name, mut value) in defined {
        if is_auto(&value) {
            value = if kind == "StrEnum" {
                Value::str(&name.to_lowercase())
            } else {
                Value::Int(last_int + 1)
            };
        }
        if let Value::Int(n) = value {
            last_int = n;
        }
        if kind == "IntEnum" && !matches!(value, Value::Int(_) | Value::Bool(_)) {
            let shown = i.repr(&value)?;
            return Err(i.value_error(format!("invalid literal for int() with base 10: {shown}")));
        }
        if kind == "StrEnum" && !matches!(value, Value::Str(_)) {
            let shown = i.repr(&value)?;
            return Err(i.type_error(format!("{shown} is not a string")));
        }
        // A second name for a value already taken is an alias of the first member.
        let mut existing = None;
        for (_, m) in map.values() {
            if i.eq(&attr(m, "_value_"), &value)? {
                existing = Some(m.clone());
                break;
            }
        }
        let member = match existing {
            Some(m) => m,
            None => {
                let inst = Instance::new(Rc::clone(&cls));
                {
                    let mut attrs = inst.attrs.borrow_mut();
                    for (k, v) in [
                        ("_name_", Value::str(&name)),
                        ("name", Value::str(&name)),
                        ("_value_", value.clone()),
                        ("value", value.clone()),
                    ] {
                        attrs.insert(k.to_owned(), v);
                    }
                }
                let member = Value::Instance(Rc::new(inst));
                let key = Value::str(&name);
                let hk = i.hash_key(&key)?;
                dict_put(&mut map, hk, key, member.clone());
                member
            }
        };
        cls.dict.borrow_mut().insert(name, member);
    }
    cls.dict.borrow_mut().insert(
        MEMBER_MAP.to_owned(),
        Value::Dict(Rc::new(RefCell::new(map))),
    );
    Ok(Value::None)
}

/// `Status(value)`: the member with that value (or that member itself).
fn new(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let (Some(Value::Class(cls)), Some(value)) = (a.pos.first(), a.pos.get(1)) else {
        return Err(
            i.type_error("EnumType.__call__() missing 1 required positional argument: 'value'")
        );
    };
    if let Value::Instance(inst) = value
        && Rc::ptr_eq(&inst.class, cls)
    {
        return Ok(value.clone());
    }
    for m in members(cls).unwrap_or_default() {
        if i.eq(&attr(&m, "_value_"), value)? {
            return Ok(m);
        }
    }
    let shown = i.repr(value)?;
    Err(i.value_error(format!("{shown} is not a valid {}", cls.name)))
}

/// `Status["active"]`: the member of that name.
fn class_getitem(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let (Some(Value::Class(cls)), Some(key)) = (a.pos.first(), a.pos.get(1)) else {
        return Err(i.type_error("expected a class and a name"));
    };
    if let (Value::Str(name), Some(Value::Dict(map))) = (key, cls.dict.borrow().get(MEMBER_MAP)) {
        let found = map
            .borrow()
            .values()
            .find(|(k, _)| matches!(k, Value::Str(s) if s == name))
            .map(|(_, v)| v.clone());
        if let Some(m) = found {
            return Ok(m);
        }
    }
    match i.exception_class("KeyError") {
        Some(c) => Err(crate::Exc::Raise(i.new_exception(&c, vec![key.clone()]))),
        None => Err(i.exc("KeyError", "")),
    }
}

fn member_repr(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let class = match &this {
        Value::Instance(inst) => inst.class.name.clone(),
        other => other.type_name(),
    };
    let value = i.repr(&attr(&this, "_value_"))?;
    let name = i.to_str(&attr(&this, "_name_"))?;
    Ok(Value::str(&format!("<{class}.{name}: {value}>")))
}

fn member_str(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let this = a.pos.first().cloned().unwrap_or(Value::None);
    let Value::Instance(inst) = &this else {
        return Ok(Value::str(""));
    };
    let plain = inst
        .class
        .mro
        .iter()
        .any(|c| c.module == "enum" && matches!(c.name.as_str(), "IntEnum" | "StrEnum"));
    if plain {
        // IntEnum and StrEnum print as their value.
        let value = attr(&this, "_value_");
        return Ok(Value::str(&i.to_str(&value)?));
    }
    let name = i.to_str(&attr(&this, "_name_"))?;
    Ok(Value::str(&format!("{}.{name}", inst.class.name)))
}

fn enum_class(i: &mut Interpreter, name: &str, base: Option<&Rc<Class>>) -> Rc<Class> {
    let class = match base {
        None => i.native_class(name, "enum"),
        Some(b) => {
            let bases = vec![Rc::clone(b)];
            let mro = crate::class::c3_mro(&bases).unwrap_or_default();
            let mut c = Class::new(name, "enum", bases, mro);
            c.builtin = b.builtin;
            Rc::new(c)
        }
    };
    if base.is_none() {
        let mut d = class.dict.borrow_mut();
        d.insert(
            "__init_subclass__".into(),
            NativeFunction::value("__init_subclass__", init_subclass),
        );
        d.insert("__new__".into(), NativeFunction::value("__new__", new));
        d.insert(
            "__init__".into(),
            NativeFunction::value("__init__", |_, _| Ok(Value::None)),
        );
        d.insert(
            "__class_getitem__".into(),
            NativeFunction::value("__class_getitem__", class_getitem),
        );
        d.insert(
            "__repr__".into(),
            NativeFunction::value("__repr__", member_repr),
        );
        d.insert(
            "__str__".into(),
            NativeFunction::value("__str__", member_str),
        );
    }
    class
}

/// Registers `enum`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("enum", |i| {
        let m = Module::new("enum");
        let base = enum_class(i, "Enum", None);
        let int_enum = enum_class(i, "IntEnum", Some(&base));
        let str_enum = enum_class(i, "StrEnum", Some(&base));
        m.set("Enum", Value::Class(base));
        m.set("IntEnum", Value::Class(int_enum));
        m.set("StrEnum", Value::Class(str_enum));
        m.set(
            "auto",
            NativeFunction::value("auto", |_, _| Ok(Value::Object(Rc::new(Auto)))),
        );
        m.set(
            "unique",
            NativeFunction::value("unique", |i, a| {
                let Some(Value::Class(cls)) = a.pos.first().cloned() else {
                    return Err(i.type_error("unique() needs an Enum class"));
                };
                let names: Vec<String> = match cls.dict.borrow().get(MEMBER_MAP) {
                    Some(Value::Dict(map)) => map
                        .borrow()
                        .values()
                        .filter_map(|(k, _)| match k {
                            Value::Str(s) => Some(s.to_string()),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let mut aliases = Vec::new();
                for (k, v) in cls.dict.borrow().iter() {
                    if let Value::Instance(inst) = v
                        && Rc::ptr_eq(&inst.class, &cls)
                        && !names.contains(k)
                    {
                        let canonical = attr(v, "_name_");
                        aliases.push(format!(
                            "{k} -> {}",
                            match canonical {
                                Value::Str(s) => s.to_string(),
                                _ => String::new(),
                            }
                        ));
                    }
                }
                if !aliases.is_empty() {
                    return Err(i.value_error(format!(
                        "duplicate values found in <enum '{}'>: {}",
                        cls.name,
                        aliases.join(", ")
                    )));
                }
                Ok(Value::Class(cls))
            }),
        );
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::{Error, Interpreter};

    // Golden: CPython 3.11.7.
    #[test]
    fn members_are_found_by_name_and_value_and_iterate_in_order() -> Result<(), Error> {
        let mut py = Interpreter::new();
        py.run(
            "from enum import Enum, auto\nclass S(Enum):\n    a = 'x'\n    b = auto()\n    c = 'x'\n\
             print(S('x'), S['b'], repr(S.b), list(S), len(S), S.c is S.a)\n",
        )?;
        assert_eq!(
            py.take_output(),
            "S.a S.b <S.b: 1> [<S.a: 'x'>, <S.b: 1>] 2 True\n"
        );
        Ok(())
    }
}
