//! `MappedAsDataclass`: mapped classes that are also dataclasses. The fields are the class's
//! annotations in order; `mapped_column()` / `relationship()` take the dataclass options
//! `init=`, `default=`, `default_factory=`, `repr=`, `compare=`. The generated `__init__`,
//! `__repr__` (with `reprlib.recursive_repr`'s `...`) and `__eq__` behave as the ones
//! `dataclasses` writes; `__hash__` becomes None, as for any `eq=True` dataclass.

use super::{Bridge, native};
use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// The dataclass options given to `mapped_column()` / `relationship()`.
#[derive(Clone, Default)]
pub struct DcOptions {
    /// `init=`.
    pub init: Option<bool>,
    /// `default=`.
    pub default: Option<Value>,
    /// `default_factory=`.
    pub default_factory: Option<Value>,
    /// `repr=`.
    pub repr: Option<bool>,
    /// `compare=`.
    pub compare: Option<bool>,
}

impl DcOptions {
    /// Takes a dataclass keyword; `Ok(false)` when `k` is not one.
    pub fn take(&mut self, i: &mut Interpreter, k: &str, v: &Value) -> PyResult<bool> {
        match k {
            "init" => self.init = Some(i.truthy(v)?),
            "repr" => self.repr = Some(i.truthy(v)?),
            "compare" => self.compare = Some(i.truthy(v)?),
            "default_factory" => self.default_factory = Some(v.clone()),
            "kw_only" | "hash" | "dataclass_metadata" => {
                if i.truthy(v)? {
                    return Err(super::unsupported(i, &format!("the dataclass option {k}=")));
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// One dataclass field.
#[derive(Clone)]
pub struct Field {
    name: String,
    opts: DcOptions,
}

impl Field {
    fn init(&self) -> bool {
        self.opts.init != Some(false)
    }
    fn has_default(&self) -> bool {
        self.opts.default.is_some() || self.opts.default_factory.is_some()
    }
}

/// Whether `cls` derives from `MappedAsDataclass`.
pub fn is_dataclass(cls: &Class) -> bool {
    cls.mro
        .iter()
        .any(|c| c.name == "MappedAsDataclass" && c.module == "sqlalchemy.orm")
}

/// The fields of `cls`, read from its annotations and class body before it is mapped.
pub fn fields(cls: &Rc<Class>) -> Vec<Field> {
    let mut sources: Vec<Rc<Class>> = cls
        .mro
        .iter()
        .filter(|c| {
            c.module != "builtins"
                && c.builtin != Some(crate::class::Builtin::Native)
                && !c.dict.borrow().contains_key("metadata")
        })
        .cloned()
        .collect();
    sources.reverse();
    sources.push(cls.clone());
    let mut out: Vec<Field> = Vec::new();
    for source in &sources {
        let names: Vec<String> = match source.dict.borrow().get("__annotations__") {
            Some(Value::Dict(d)) => d
                .borrow()
                .values()
                .filter_map(|(k, v)| match (k, v) {
                    (_, Value::Str(s)) if s.starts_with("ClassVar") => None,
                    (Value::Str(s), _) => Some(s.to_string()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        for name in names {
            let value = source.dict.borrow().get(&name).cloned();
            let opts = match &value {
                None => DcOptions::default(),
                Some(v) => {
                    if let Some(c) = native::<super::schema::ColumnSpec>(v) {
                        c.dc.clone()
                    } else if let Some(r) = native::<super::relationship::RelationshipSpec>(v) {
                        r.dc.clone()
                    } else {
                        DcOptions {
                            default: Some(v.clone()),
                            ..DcOptions::default()
                        }
                    }
                }
            };
            let field = Field { name, opts };
            match out.iter_mut().find(|f| f.name == field.name) {
                Some(f) => *f = field,
                None => out.push(field),
            }
        }
    }
    out
}

fn names_list(names: &[&str]) -> String {
    let q: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match q.as_slice() {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
        [] => String::new(),
    }
}

/// Installs `__init__`, `__repr__`, `__eq__` (unless the class body defines them) and
/// `__hash__ = None` on the mapped dataclass `cls`.
pub fn install(b: &Rc<Bridge>, cls: &Rc<Class>, fields: Vec<Field>) {
    let fields = Rc::new(fields);
    let mut d = cls.dict.borrow_mut();
    // The standard library's view of the fields (`dataclasses.fields()`, `asdict()`).
    let described = fields
        .iter()
        .map(|f| {
            crate::dataclass::field_object(
                &f.name,
                f.opts.default.clone(),
                f.opts.default_factory.clone(),
                (
                    f.opts.repr != Some(false),
                    f.opts.compare != Some(false),
                    f.init(),
                ),
            )
        })
        .collect();
    d.insert("__dataclass_fields__".into(), Value::tuple(described));
    if !d.contains_key("__init__") {
        let (b, f) = (b.clone(), fields.clone());
        d.insert(
            "__init__".into(),
            NativeFunction::value("__init__", move |i, a| init(&b, i, &f, a)),
        );
    }
    if !d.contains_key("__repr__") {
        let f = fields.clone();
        d.insert(
            "__repr__".into(),
            NativeFunction::value("__repr__", move |i, a| repr(i, &f, a)),
        );
    }
    if !d.contains_key("__eq__") {
        let f = fields.clone();
        d.insert(
            "__eq__".into(),
            NativeFunction::value("__eq__", move |i, a| eq(i, &f, a)),
        );
        if !d.contains_key("__hash__") {
            d.insert("__hash__".into(), Value::None);
        }
    }
}

fn init(b: &Rc<Bridge>, i: &mut Interpreter, fields: &[Field], a: Args) -> PyResult<Value> {
    let Some(this) = a.pos.first().cloned() else {
        return Err(i.type_error("__init__() missing 'self'"));
    };
    let params: Vec<&Field> = fields.iter().filter(|f| f.init()).collect();
    let given = &a.pos[1..];
    if given.len() > params.len() {
        let required = params.iter().filter(|f| !f.has_default()).count();
        let takes = if required == params.len() {
            format!(
                "{} positional argument{}",
                params.len() + 1,
                if params.is_empty() { "" } else { "s" }
            )
        } else {
            format!(
                "from {} to {} positional arguments",
                required + 1,
                params.len() + 1
            )
        };
        return Err(i.type_error(format!(
            "__init__() takes {takes} but {} were given",
            given.len() + 1
        )));
    }
    let mut values: Vec<Option<Value>> = vec![None; params.len()];
    for (slot, v) in values.iter_mut().zip(given) {
        *slot = Some(v.clone());
    }
    for (k, v) in a.kw {
        let Some(pos) = params.iter().position(|f| f.name == k) else {
            return Err(i.type_error(format!(
                "__init__() got an unexpected keyword argument '{k}'"
            )));
        };
        if values[pos].is_some() {
            return Err(i.type_error(format!("__init__() got multiple values for argument '{k}'")));
        }
        values[pos] = Some(v);
    }
    let missing: Vec<&str> = params
        .iter()
        .zip(&values)
        .filter(|(f, v)| v.is_none() && !f.has_default())
        .map(|(f, _)| f.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(i.type_error(format!(
            "__init__() missing {} required positional argument{}: {}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            names_list(&missing)
        )));
    }
    if let Value::Instance(inst) = &this
        && b.mapped_class_of(&inst.class).is_some()
    {
        b.configure_strict(i)?;
        b.ensure_state(i, &this)?;
    }
    let mut given = values.into_iter();
    for f in fields {
        let value = if f.init() {
            given.next().flatten()
        } else {
            None
        };
        let (value, from_default) = match (value, &f.opts.default, &f.opts.default_factory) {
            (Some(v), _, _) => (v, false),
            // `default=None` is no column default (SQLAlchemy's Column(default=None)).
            (None, Some(d), _) => (d.clone(), !matches!(d, Value::None)),
            (None, None, Some(factory)) => (i.call(factory, Args::positional(Vec::new()))?, false),
            (None, None, None) => continue,
        };
        i.setattr(&this, &f.name, value)?;
        if from_default && let Some(id) = super::object_id(&this) {
            b.store
                .borrow_mut()
                .mark_init_default(id, &f.name)
                .map_err(|e| b.raise(i, e))?;
        }
    }
    if let Ok(post) = i.getattr(&this, "__post_init__") {
        i.call(&post, Args::positional(Vec::new()))?;
    }
    Ok(Value::None)
}

thread_local! {
    /// The objects whose `__repr__` is running (`reprlib.recursive_repr`).
    static IN_REPR: RefCell<HashSet<usize>> = RefCell::new(HashSet::new());
}

fn repr(i: &mut Interpreter, fields: &[Field], a: Args) -> PyResult<Value> {
    let Some(this) = a.pos.first().cloned() else {
        return Err(i.type_error("__repr__() missing 'self'"));
    };
    let key = this.identity();
    if !IN_REPR.with(|s| s.borrow_mut().insert(key)) {
        return Ok(Value::str("..."));
    }
    let r = (|| {
        let mut parts = Vec::new();
        for f in fields.iter().filter(|f| f.opts.repr != Some(false)) {
            let v = i.getattr(&this, &f.name)?;
            parts.push(format!("{}={}", f.name, i.repr(&v)?));
        }
        let name = match &this {
            Value::Instance(inst) => inst.class.name.clone(),
            other => other.type_name(),
        };
        Ok(Value::str(&format!("{name}({})", parts.join(", "))))
    })();
    IN_REPR.with(|s| s.borrow_mut().remove(&key));
    r
}

fn eq(i: &mut Interpreter, fields: &[Field], a: Args) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.pos.first().cloned(), a.pos.get(1).cloned()) else {
        return Err(i.type_error("__eq__() needs two arguments"));
    };
    let same_class = match (&x, &y) {
        (Value::Instance(p), Value::Instance(q)) => Rc::ptr_eq(&p.class, &q.class),
        _ => false,
    };
    if !same_class {
        return Ok(Value::Object(Rc::new(crate::stdlib::Marker(
            "NotImplementedType",
            "NotImplemented",
        ))));
    }
    let mut xs = Vec::new();
    let mut ys = Vec::new();
    for f in fields.iter().filter(|f| f.opts.compare != Some(false)) {
        xs.push(i.getattr(&x, &f.name)?);
        ys.push(i.getattr(&y, &f.name)?);
    }
    let r = i.eq(&Value::tuple(xs), &Value::tuple(ys))?;
    Ok(Value::Bool(r))
}
