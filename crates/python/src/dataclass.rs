//! The `dataclasses` module: `@dataclass` (with `eq`, `order`, `frozen`, `repr`, `init`),
//! `field()`, `fields()`, `asdict()`, `astuple()`, `replace()` and `FrozenInstanceError`.
//!
//! `@dataclass` reads the class's own `__annotations__` (after those of dataclass bases),
//! takes defaults from the class attributes or `field(...)`, and installs native
//! `__init__` (calling `__post_init__`), `__repr__`, `__eq__`, ordering methods and, when
//! frozen, `__setattr__`/`__hash__`, with CPython's messages.

use crate::class::{Class, c3_mro};
use crate::exceptions::Exc;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::CmpOp;
use std::any::Any;
use std::rc::Rc;

/// One field: `field(default=..., default_factory=..., repr=..., compare=..., init=...)`.
#[derive(Clone)]
struct Field {
    name: String,
    default: Option<Value>,
    factory: Option<Value>,
    repr: bool,
    compare: bool,
    init: bool,
}

impl NativeObject for Field {
    fn type_name(&self) -> String {
        "Field".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("Field(name={:?})", self.name))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str(&self.name)),
            "default" => Some(self.default.clone().unwrap_or(Value::None)),
            "default_factory" => Some(self.factory.clone().unwrap_or(Value::None)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn as_field(v: &Value) -> Option<Field> {
    match v {
        Value::Object(o) => o.as_any().downcast_ref::<Field>().cloned(),
        _ => None,
    }
}

/// The fields of dataclass `c` (stored by the decorator).
fn class_fields(c: &Class) -> Option<Vec<Field>> {
    let Some(Value::Tuple(items)) = c.lookup("__dataclass_fields__") else {
        return None;
    };
    Some(items.iter().filter_map(as_field).collect())
}

fn instance_fields(v: &Value) -> Option<Vec<Field>> {
    match v {
        Value::Instance(i) => class_fields(&i.class),
        _ => None,
    }
}

fn is_classvar(ann: &Value) -> bool {
    match ann {
        Value::Str(s) => s.starts_with("ClassVar") || s.starts_with("typing.ClassVar"),
        Value::Object(o) => o
            .as_any()
            .downcast_ref::<crate::stdlib::TypingForm>()
            .is_some_and(|f| f.origin == "ClassVar"),
        _ => false,
    }
}

fn field_values(v: &Value, fields: &[Field], pick: impl Fn(&Field) -> bool) -> Vec<Value> {
    let Value::Instance(inst) = v else {
        return vec![];
    };
    let attrs = inst.attrs.borrow();
    fields
        .iter()
        .filter(|f| pick(f))
        .map(|f| attrs.get(&f.name).cloned().unwrap_or(Value::None))
        .collect()
}

fn qualname(c: &Class) -> String {
    match c.dict.borrow().get("__qualname__") {
        Some(Value::Str(s)) => s.to_string(),
        _ => c.name.clone(),
    }
}

#[derive(Clone, Copy)]
struct Options {
    init: bool,
    repr: bool,
    eq: bool,
    order: bool,
    frozen: bool,
}

fn decorate(i: &mut Interpreter, cls: &Rc<Class>, opts: Options) -> PyResult<Value> {
    let mut fields: Vec<Field> = Vec::new();
    for base in cls.mro.iter().rev() {
        for f in class_fields(base).unwrap_or_default() {
            match fields.iter_mut().find(|g| g.name == f.name) {
                Some(slot) => *slot = f,
                None => fields.push(f),
            }
        }
    }
    let anns = cls.dict.borrow().get("__annotations__").cloned();
    if let Some(Value::Dict(d)) = anns {
        let entries: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
        for (k, ann) in entries {
            let Value::Str(name) = k else { continue };
            if is_classvar(&ann) {
                continue;
            }
            let attr = cls.dict.borrow().get(&*name).cloned();
            let mut f = match attr.as_ref().and_then(as_field) {
                Some(f) => f,
                None => Field {
                    name: String::new(),
                    default: attr.clone(),
                    factory: None,
                    repr: true,
                    compare: true,
                    init: true,
                },
            };
            f.name = name.to_string();
            let mut dict = cls.dict.borrow_mut();
            match &f.default {
                Some(d) => {
                    dict.insert(f.name.clone(), d.clone());
                }
                None => {
                    dict.shift_remove(&f.name);
                }
            }
            drop(dict);
            if let Some(prev) = fields.iter().position(|g| g.name == f.name) {
                fields[prev] = f;
            } else {
                let required = f.default.is_none() && f.factory.is_none() && f.init;
                if required
                    && fields
                        .iter()
                        .any(|g| g.default.is_some() || g.factory.is_some())
                {
                    return Err(i.type_error(format!(
                        "non-default argument '{}' follows default argument",
                        f.name
                    )));
                }
                fields.push(f);
            }
        }
    }
    let stored: Vec<Value> = fields
        .iter()
        .map(|f| Value::Object(Rc::new(f.clone())))
        .collect();
    let set = |name: &str, v: Value| {
        cls.dict.borrow_mut().insert(name.into(), v);
    };
    set("__dataclass_fields__", Value::tuple(stored));
    if !cls.dict.borrow().contains_key("__match_args__") {
        let names = fields
            .iter()
            .filter(|f| f.init)
            .map(|f| Value::str(&f.name))
            .collect();
        set("__match_args__", Value::tuple(names));
    }
    if opts.init {
        let fs = fields.clone();
        set(
            "__init__",
            NativeFunction::value("__init__", move |i, a| init(i, &fs, a)),
        );
    }
    if opts.repr {
        let fs = fields.clone();
        set(
            "__repr__",
            NativeFunction::value("__repr__", move |i, a| {
                let this = a.pos.first().cloned().unwrap_or(Value::None);
                let Value::Instance(inst) = &this else {
                    return Ok(Value::str(""));
                };
                let mut parts = Vec::new();
                for f in fs.iter().filter(|f| f.repr) {
                    let v = inst
                        .attrs
                        .borrow()
                        .get(&f.name)
                        .cloned()
                        .unwrap_or(Value::None);
                    parts.push(format!("{}={}", f.name, i.repr(&v)?));
                }
                Ok(Value::str(&format!(
                    "{}({})",
                    qualname(&inst.class),
                    parts.join(", ")
                )))
            }),
        );
    }
    let cmp = |op: CmpOp, fs: Vec<Field>| {
        NativeFunction::value("cmp", move |i, a| {
            let (x, y) = (
                a.pos.first().cloned().unwrap_or(Value::None),
                a.pos.get(1).cloned().unwrap_or(Value::None),
            );
            let same = matches!((&x, &y), (Value::Instance(p), Value::Instance(q)) if Rc::ptr_eq(&p.class, &q.class));
            if !same {
                return Ok(i
                    .builtins
                    .get("NotImplemented")
                    .cloned()
                    .unwrap_or(Value::None));
            }
            let xs = Value::tuple(field_values(&x, &fs, |f| f.compare));
            let ys = Value::tuple(field_values(&y, &fs, |f| f.compare));
            i.compare(op, &xs, &ys)
        })
    };
    if opts.eq {
        set("__eq__", cmp(CmpOp::Eq, fields.clone()));
    }
    if opts.order {
        set("__lt__", cmp(CmpOp::Lt, fields.clone()));
        set("__le__", cmp(CmpOp::LtE, fields.clone()));
        set("__gt__", cmp(CmpOp::Gt, fields.clone()));
        set("__ge__", cmp(CmpOp::GtE, fields.clone()));
    }
    if opts.frozen {
        set(
            "__setattr__",
            NativeFunction::value("__setattr__", |i, a| {
                let name = match a.pos.get(1) {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => String::new(),
                };
                Err(frozen_error(i, &name))
            }),
        );
        let fs = fields.clone();
        set(
            "__hash__",
            NativeFunction::value("__hash__", move |i, a| {
                let x = a.pos.first().cloned().unwrap_or(Value::None);
                let t = Value::tuple(field_values(&x, &fs, |f| f.compare));
                let h = i.builtins.get("hash").cloned().unwrap_or(Value::None);
                i.call(&h, Args::positional(vec![t]))
            }),
        );
    } else if opts.eq && !cls.dict.borrow().contains_key("__hash__") {
        set("__hash__", Value::None);
    }
    Ok(Value::Class(cls.clone()))
}

fn frozen_error(i: &mut Interpreter, name: &str) -> Exc {
    let msg = Value::str(&format!("cannot assign to field '{name}'"));
    let class = i
        .import_module("dataclasses")
        .ok()
        .and_then(|m| m.attrs.borrow().get("FrozenInstanceError").cloned());
    match class {
        Some(Value::Class(c)) => Exc::Raise(i.new_exception(&c, vec![msg])),
        _ => i.exc("AttributeError", format!("cannot assign to field '{name}'")),
    }
}

fn init(i: &mut Interpreter, fields: &[Field], mut a: Args) -> PyResult<Value> {
    if a.pos.is_empty() {
        return Ok(Value::None);
    }
    let this = a.pos.remove(0);
    let Value::Instance(inst) = &this else {
        return Ok(Value::None);
    };
    let cls = qualname(&inst.class);
    let params: Vec<&Field> = fields.iter().filter(|f| f.init).collect();
    if a.pos.len() > params.len() {
        return Err(i.type_error(format!(
            "{cls}.__init__() takes {} positional argument{} but {} were given",
            params.len() + 1,
            if params.is_empty() { "" } else { "s" },
            a.pos.len() + 1
        )));
    }
    let mut values: Vec<Option<Value>> = a.pos.into_iter().map(Some).collect();
    values.resize(params.len(), None);
    for (k, v) in a.kw {
        match params.iter().position(|f| f.name == k) {
            Some(p) if values[p].is_some() => {
                return Err(i.type_error(format!(
                    "{cls}.__init__() got multiple values for argument '{k}'"
                )));
            }
            Some(p) => values[p] = Some(v),
            None => {
                return Err(i.type_error(format!(
                    "{cls}.__init__() got an unexpected keyword argument '{k}'"
                )));
            }
        }
    }
    let missing: Vec<String> = params
        .iter()
        .zip(&values)
        .filter(|(f, v)| v.is_none() && f.default.is_none() && f.factory.is_none())
        .map(|(f, _)| format!("'{}'", f.name))
        .collect();
    if !missing.is_empty() {
        let list = match missing.as_slice() {
            [a] => a.clone(),
            [a, b] => format!("{a} and {b}"),
            [init @ .., last] => format!("{}, and {last}", init.join(", ")),
            [] => String::new(),
        };
        return Err(i.type_error(format!(
            "{cls}.__init__() missing {} required positional argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        )));
    }
    let mut given = values.into_iter();
    for f in fields {
        let v = if f.init { given.next().flatten() } else { None };
        let v = match (v, &f.factory, &f.default) {
            (Some(v), _, _) => v,
            (None, Some(factory), _) => i.call(factory, Args::default())?,
            (None, None, Some(d)) => d.clone(),
            (None, None, None) => continue,
        };
        inst.attrs.borrow_mut().insert(f.name.clone(), v);
    }
    if let Some(post) = inst.class.lookup("__post_init__") {
        i.call(&post, Args::positional(vec![this.clone()]))?;
    }
    Ok(Value::None)
}

fn dataclass(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let mut flag = |name: &str, default: bool| -> PyResult<bool> {
        match a.take_kw(name) {
            Some(v) => i.truthy(&v),
            None => Ok(default),
        }
    };
    let opts = Options {
        init: flag("init", true)?,
        repr: flag("repr", true)?,
        eq: flag("eq", true)?,
        order: flag("order", false)?,
        frozen: flag("frozen", false)?,
    };
    let slots = flag("slots", false)?;
    // `slots=True`: `__slots__` names the fields, so other attributes are refused.
    let finish = move |i: &mut Interpreter, c: &Rc<crate::Class>| -> PyResult<Value> {
        let v = decorate(i, c, opts)?;
        if slots {
            let names: Vec<Value> = class_fields(c)
                .unwrap_or_default()
                .iter()
                .map(|f| Value::str(&f.name))
                .collect();
            c.dict
                .borrow_mut()
                .insert("__slots__".into(), Value::tuple(names));
        }
        Ok(v)
    };
    match a.pos.first() {
        Some(Value::Class(c)) => finish(i, c),
        _ => Ok(NativeFunction::value("wrap", move |i, a| {
            match a.pos.first() {
                Some(Value::Class(c)) => finish(i, c),
                _ => Err(i.type_error("dataclass() should be called on a class")),
            }
        })),
    }
}

fn field(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let mut flag = |a: &mut Args, name: &str| -> PyResult<bool> {
        match a.take_kw(name) {
            Some(v) => i.truthy(&v),
            None => Ok(true),
        }
    };
    let f = Field {
        name: String::new(),
        default: a.take_kw("default"),
        factory: a.take_kw("default_factory"),
        repr: flag(&mut a, "repr")?,
        compare: flag(&mut a, "compare")?,
        init: flag(&mut a, "init")?,
    };
    Ok(Value::Object(Rc::new(f)))
}

/// `asdict` / `astuple`: recursively through dataclasses, lists, tuples and dicts.
/// A `dataclasses.Field` of a dataclass another module builds (SQLAlchemy's
/// `MappedAsDataclass`), so that `fields()`, `asdict()` and `is_dataclass()` see it.
pub fn field_object(
    name: &str,
    default: Option<Value>,
    factory: Option<Value>,
    (repr, compare, init): (bool, bool, bool),
) -> Value {
    Value::Object(Rc::new(Field {
        name: name.to_owned(),
        default,
        factory,
        repr,
        compare,
        init,
    }))
}

fn convert(i: &mut Interpreter, v: &Value, as_dict: bool) -> PyResult<Value> {
    if let Some(fs) = instance_fields(v) {
        // Read as attributes: a mapped dataclass keeps its values in the session's store.
        let mut vals = Vec::with_capacity(fs.len());
        for f in &fs {
            vals.push(i.getattr(v, &f.name)?);
        }
        let mut out = Vec::new();
        for (f, x) in fs.iter().zip(vals) {
            out.push((Value::str(&f.name), convert(i, &x, as_dict)?));
        }
        return if as_dict {
            i.new_dict(out)
        } else {
            Ok(Value::tuple(out.into_iter().map(|(_, v)| v).collect()))
        };
    }
    Ok(match v {
        Value::List(l) => {
            let items = l.borrow().clone();
            let mut out = Vec::new();
            for x in &items {
                out.push(convert(i, x, as_dict)?);
            }
            Value::list(out)
        }
        Value::Tuple(t) => {
            let mut out = Vec::new();
            for x in t.iter() {
                out.push(convert(i, x, as_dict)?);
            }
            Value::tuple(out)
        }
        Value::Dict(d) => {
            let items: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
            let mut out = Vec::new();
            for (k, x) in items {
                out.push((convert(i, &k, as_dict)?, convert(i, &x, as_dict)?));
            }
            i.new_dict(out)?
        }
        other => other.clone(),
    })
}

/// Register `dataclasses`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("dataclasses", |i| {
        let m = Module::new("dataclasses");
        let attribute_error: Vec<Rc<Class>> =
            i.exception_class("AttributeError").into_iter().collect();
        let mro = c3_mro(&attribute_error).unwrap_or_default();
        let frozen = Rc::new(Class::new(
            "FrozenInstanceError",
            "dataclasses",
            attribute_error,
            mro,
        ));
        m.set("FrozenInstanceError", Value::Class(frozen));
        m.set("dataclass", NativeFunction::value("dataclass", dataclass));
        m.set("field", NativeFunction::value("field", field));
        m.set(
            "asdict",
            NativeFunction::value("asdict", |i, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                if instance_fields(&v).is_none() {
                    return Err(i.type_error("asdict() should be called on dataclass instances"));
                }
                convert(i, &v, true)
            }),
        );
        m.set(
            "astuple",
            NativeFunction::value("astuple", |i, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                if instance_fields(&v).is_none() {
                    return Err(i.type_error("astuple() should be called on dataclass instances"));
                }
                convert(i, &v, false)
            }),
        );
        m.set(
            "fields",
            NativeFunction::value("fields", |i, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let fs = match &v {
                    Value::Class(c) => class_fields(c),
                    other => instance_fields(other),
                };
                match fs {
                    Some(fs) => Ok(Value::tuple(
                        fs.into_iter().map(|f| Value::Object(Rc::new(f))).collect(),
                    )),
                    None => Err(i.type_error("must be called with a dataclass type or instance")),
                }
            }),
        );
        m.set(
            "is_dataclass",
            NativeFunction::value("is_dataclass", |_, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                Ok(Value::Bool(match &v {
                    Value::Class(c) => class_fields(c).is_some(),
                    other => instance_fields(other).is_some(),
                }))
            }),
        );
        m.set(
            "replace",
            NativeFunction::value("replace", |i, mut a| {
                let v = if a.pos.is_empty() {
                    Value::None
                } else {
                    a.pos.remove(0)
                };
                let (Value::Instance(inst), Some(fs)) = (&v, instance_fields(&v)) else {
                    return Err(i.type_error("replace() should be called on dataclass instances"));
                };
                let mut args = Args::default();
                for f in fs.iter().filter(|f| f.init) {
                    let val = match a.take_kw(&f.name) {
                        Some(x) => x,
                        // As an attribute: a mapped dataclass keeps its values elsewhere.
                        None => match i.getattr(&v, &f.name) {
                            Ok(x) => x,
                            Err(_) => inst
                                .attrs
                                .borrow()
                                .get(&f.name)
                                .cloned()
                                .unwrap_or(Value::None),
                        },
                    };
                    args.kw.push((f.name.clone(), val));
                }
                args.kw.extend(a.kw);
                i.call(&Value::Class(inst.class.clone()), args)
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
    fn init_repr_eq_order_frozen_and_asdict() {
        let (out, r) = crate::interp::run_for_test(
            "from dataclasses import dataclass, field, asdict\n@dataclass(order=True)\nclass V:\n    major: int\n    minor: int = 0\n    tags: list = field(default_factory=list)\n@dataclass(frozen=True)\nclass P:\n    x: int\nprint(V(1), V(1) == V(1, 0), sorted([V(2), V(1, 5)]), asdict(V(3, tags=['a'])))\ntry:\n    P(1).x = 2\nexcept AttributeError as e:\n    print(type(e).__name__, e)\ntry:\n    V()\nexcept TypeError as e:\n    print(e)\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "V(major=1, minor=0, tags=[]) True [V(major=1, minor=5, tags=[]), V(major=2, minor=0, tags=[])] {'major': 3, 'minor': 0, 'tags': ['a']}\nFrozenInstanceError cannot assign to field 'x'\nV.__init__() missing 1 required positional argument: 'major'\n"
        );
    }
}
