//! Declarative mapping: `declarative_base()`, `DeclarativeBase`, `Mapped[...]`,
//! `mapped_column()`, `relationship()` / `backref()`. A class statement deriving from a
//! declarative base is mapped when it runs (the base's `__init_subclass__`): its columns
//! (1.x `Column` style or 2.0 annotations) make a `Table` in the base's `MetaData`, a
//! `Mapper` maps it, and instrumented attributes replace the column and relationship
//! declarations in the class.

use super::collection::InstanceDict;
use super::instrument::{Attribute, Kind};
use super::schema::{ColumnSpec, MetaDataObj};
use super::table::TableObj;
use super::{Bridge, Mapped, native, obj};
use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::modules::NativeObject;
use crate::stdlib::TypingForm;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::mapper::Mapper;
use retort::query::Entity;
use retort::types::SqlType;
use std::any::Any;
use std::rc::Rc;

/// `Mapped[X]`: the annotation of a mapped attribute.
pub struct MappedAnn(pub Value);

impl NativeObject for MappedAnn {
    fn type_name(&self) -> String {
        "_GenericAlias".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        Ok(format!("sqlalchemy.orm.base.Mapped[{}]", i.repr(&self.0)?))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `Mapped` itself (subscriptable).
pub struct MappedForm;

impl NativeObject for MappedForm {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<class 'sqlalchemy.orm.base.Mapped'>".into())
    }
    fn get_item(&self, _: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        Some(Ok(obj(MappedAnn(key.clone()))))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Python's `merge_lists_w_ordering` as SQLAlchemy uses it to reconcile `vars(cls)` with
/// `cls.__annotations__`.
fn merge_order(a: &[String], b: &[String]) -> Vec<String> {
    let mut overlap: Vec<&String> = a.iter().filter(|x| b.contains(x)).collect();
    let mut result = Vec::new();
    let (mut current, mut other) = (a.iter(), b.iter());
    loop {
        let mut swapped = false;
        for e in current.by_ref() {
            if let Some(p) = overlap.iter().position(|o| *o == e) {
                overlap.remove(p);
                swapped = true;
                break;
            }
            result.push(e.clone());
        }
        if swapped {
            std::mem::swap(&mut current, &mut other);
            continue;
        }
        result.extend(other.cloned());
        return result;
    }
}

/// What an annotation says: the SQL type (for a column), nullability, or a relationship.
pub(super) enum Ann {
    Column(Option<SqlType>, bool),
    Related(String, bool),
}

fn class_sql_type(v: &Value) -> Option<SqlType> {
    if let Value::Class(c) = v
        && let Some(members) = crate::enums::members(c)
    {
        let labels = members
            .iter()
            .filter_map(|m| match m {
                Value::Instance(inst) => match inst.attrs.borrow().get("_name_") {
                    Some(Value::Str(s)) => Some(s.to_string()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        return Some(SqlType::Enum { labels });
    }
    if let Some(g) = native::<crate::stdlib::GenericAlias>(v) {
        return class_sql_type(&Value::Class(g.origin.clone()));
    }
    match v {
        Value::Class(c) => Some(match c.name.as_str() {
            "int" => SqlType::Integer,
            "str" => SqlType::String(None),
            "float" => SqlType::Float,
            "bool" => SqlType::Boolean,
            "bytes" => SqlType::LargeBinary,
            "date" => SqlType::Date,
            "datetime" => SqlType::DateTime,
            "time" => SqlType::Time,
            "Decimal" => SqlType::Numeric {
                precision: None,
                scale: None,
            },
            "dict" => SqlType::Json,
            _ => return None,
        }),
        _ => None,
    }
}

pub(super) fn target_name(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.trim_matches(['"', '\'']).to_owned()),
        Value::Class(c) => Some(c.name.clone()),
        _ => None,
    }
}

/// The Python enum class of `Mapped[SomeEnum]` / `Mapped[Optional[SomeEnum]]`, if any.
fn annotation_enum(v: &Value) -> Option<Value> {
    let inner = native::<MappedAnn>(v)?.0.clone();
    let inner = match native::<TypingForm>(&inner) {
        Some(form) if form.origin == "Optional" => form.args.first()?.clone(),
        Some(_) => return None,
        None => inner,
    };
    match &inner {
        Value::Class(c) if crate::enums::members(c).is_some() => Some(inner),
        _ => None,
    }
}

/// Reads `Mapped[...]`.
fn read_annotation(v: &Value) -> Option<Ann> {
    let inner = match native::<MappedAnn>(v) {
        Some(m) => m.0.clone(),
        None => match v {
            Value::Str(s) => {
                let s = s.trim();
                let inner = s.strip_prefix("Mapped[")?.strip_suffix(']')?;
                return Some(parse_string_annotation(inner));
            }
            _ => return None,
        },
    };
    // `Mapped["Entry | None"]`: the quoted part is read as source text.
    if let Value::Str(s) = &inner {
        return Some(parse_string_annotation(s.trim()));
    }
    if let Some(form) = native::<TypingForm>(&inner) {
        match (form.origin.as_str(), form.args.as_slice()) {
            ("Optional", [x]) => {
                return Some(match class_sql_type(x) {
                    Some(t) => Ann::Column(Some(t), true),
                    None => Ann::Related(target_name(x)?, false),
                });
            }
            ("|", [x, Value::None] | [Value::None, x]) => {
                return Some(match class_sql_type(x) {
                    Some(t) => Ann::Column(Some(t), true),
                    None => Ann::Related(target_name(x)?, false),
                });
            }
            ("List" | "list" | "Set" | "set", [x]) => {
                return Some(Ann::Related(target_name(x)?, true));
            }
            _ => return None,
        }
    }
    if let Some(g) = native::<crate::stdlib::GenericAlias>(&inner) {
        return match (g.origin.name.as_str(), g.args.as_slice()) {
            ("list" | "set", [x]) => Some(Ann::Related(target_name(x)?, true)),
            _ => class_sql_type(&inner).map(|t| Ann::Column(Some(t), false)),
        };
    }
    if let Some(t) = class_sql_type(&inner) {
        return Some(Ann::Column(Some(t), false));
    }
    Some(Ann::Related(target_name(&inner)?, false))
}

/// Whether an annotation is `Mapped[set[...]]` / `Mapped[Set[...]]`.
fn is_set_annotation(v: &Value) -> bool {
    match native::<MappedAnn>(v) {
        Some(m) => {
            native::<TypingForm>(&m.0).is_some_and(|f| matches!(f.origin.as_str(), "Set" | "set"))
                || native::<crate::stdlib::GenericAlias>(&m.0)
                    .is_some_and(|g| g.origin.name == "set")
        }
        None => match v {
            Value::Str(s) => {
                let s = s.trim();
                s.starts_with("Mapped[set[") || s.starts_with("Mapped[Set[")
            }
            _ => false,
        },
    }
}

/// `Mapped[...]` written as a string (`from __future__ import annotations`).
fn parse_string_annotation(s: &str) -> Ann {
    let builtin = |n: &str| match n {
        "int" => Some(SqlType::Integer),
        "str" => Some(SqlType::String(None)),
        "float" => Some(SqlType::Float),
        "bool" => Some(SqlType::Boolean),
        "bytes" => Some(SqlType::LargeBinary),
        "datetime" | "datetime.datetime" => Some(SqlType::DateTime),
        "date" | "datetime.date" => Some(SqlType::Date),
        _ => None,
    };
    let unquote = |n: &str| n.trim().trim_matches(['"', '\'']).to_owned();
    if let Some(x) = s
        .strip_prefix("Optional[")
        .and_then(|x| x.strip_suffix(']'))
    {
        return match builtin(x.trim()) {
            Some(t) => Ann::Column(Some(t), true),
            None => Ann::Related(unquote(x), false),
        };
    }
    let parts: Vec<&str> = s.split('|').map(str::trim).collect();
    if let [x, "None"] | ["None", x] = parts.as_slice() {
        return match builtin(x) {
            Some(t) => Ann::Column(Some(t), true),
            None => Ann::Related(unquote(x), false),
        };
    }
    for p in ["List[", "list[", "Set[", "set["] {
        if let Some(x) = s.strip_prefix(p).and_then(|x| x.strip_suffix(']')) {
            return Ann::Related(unquote(x), true);
        }
    }
    match builtin(s.trim()) {
        Some(t) => Ann::Column(Some(t), false),
        None => Ann::Related(unquote(s), false),
    }
}

fn dict_str(class: &Class, key: &str) -> Option<String> {
    match class.dict.borrow().get(key) {
        Some(Value::Str(s)) => Some(s.to_string()),
        _ => None,
    }
}

/// Sets up `base` as a declarative base: its metadata, constructor and `__dict__`.
pub fn install_base(b: &Rc<Bridge>, base: &Rc<Class>, metadata: Option<Value>) {
    let mut d = base.dict.borrow_mut();
    let md = metadata.unwrap_or_else(|| obj(MetaDataObj::new(b)));
    d.insert("metadata".into(), md);
    d.insert("__dict__".into(), obj(InstanceDict(b.clone())));
    let b2 = b.clone();
    d.insert(
        "__init__".into(),
        NativeFunction::value("__init__", move |i, a| default_init(&b2, i, a)),
    );
    let b3 = b.clone();
    d.insert(
        "__init_subclass__".into(),
        NativeFunction::value("__init_subclass__", move |i, a| init_subclass(&b3, i, a)),
    );
}

/// The default constructor: keyword arguments set mapped (or any class) attributes.
fn default_init(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(this) = a.pos.first().cloned() else {
        return Err(i.type_error("__init__() missing 'self'"));
    };
    if a.pos.len() > 1 {
        return Err(i.type_error(format!(
            "__init__() takes 1 positional argument but {} were given",
            a.pos.len()
        )));
    }
    let Value::Instance(inst) = &this else {
        return Ok(Value::None);
    };
    let class = inst.class.clone();
    if b.mapped_class_of(&class).is_some() {
        b.configure_pending(i)?;
        b.ensure_state(i, &this)?;
    }
    for (k, v) in a.kw {
        if class.lookup(&k).is_none() {
            return Err(i.type_error(format!(
                "'{k}' is an invalid keyword argument for {}",
                class.name
            )));
        }
        i.setattr(&this, &k, v)?;
    }
    Ok(Value::None)
}

fn init_subclass(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(Value::Class(cls)) = a.pos.first() else {
        return Err(i.type_error("__init_subclass__ needs a class"));
    };
    // `class Base(DeclarativeBase): ...` makes a new base rather than a mapped class.
    if cls
        .bases
        .iter()
        .any(|c| c.name == "DeclarativeBase" && c.module == "sqlalchemy.orm")
    {
        let md = cls.dict.borrow().get("metadata").cloned();
        install_base(b, cls, md);
        return Ok(Value::None);
    }
    let dataclass = super::dataclass::is_dataclass(cls).then(|| super::dataclass::fields(cls));
    map_class(b, i, cls)?;
    if let Some(fields) = dataclass {
        super::dataclass::install(b, cls, fields);
    }
    Ok(Value::None)
}

/// Maps `cls` (a subclass of a declarative base) when its class statement has run.
pub fn map_class(b: &Rc<Bridge>, i: &mut Interpreter, cls: &Rc<Class>) -> PyResult<()> {
    if matches!(
        cls.dict.borrow().get("__abstract__"),
        Some(Value::Bool(true))
    ) {
        return Ok(());
    }
    super::declared_attr::resolve_tablename(i, cls)?;
    let Some(tablename) = dict_str(cls, "__tablename__") else {
        if cls.dict.borrow().contains_key("__table__") {
            return Err(super::unsupported(
                i,
                "mapping a class to an explicit __table__",
            ));
        }
        if cls.mro.iter().any(|c| b.mapped_class_of(c).is_some()) {
            return Err(super::unsupported(i, "mapped class inheritance"));
        }
        return Err(b.error(
            i,
            "InvalidRequestError",
            &format!(
                "Class <class '__main__.{}'> does not have a __table__ or __tablename__ specified and does not inherit from an existing table-mapped class.",
                cls.name
            ),
        ));
    };
    let Some(md_value) = cls.lookup("metadata") else {
        return Err(i.type_error("declarative base without metadata"));
    };
    let Some(md) = native::<MetaDataObj>(&md_value) else {
        return Err(i.type_error("declarative base metadata is not a MetaData"));
    };
    // Attributes in SQLAlchemy's scan order (its `__mro__`): the class, then its mixins
    // nearest first; the first class to declare a name wins.
    let mut scan: Vec<(String, Option<Value>, Option<Value>)> = Vec::new();
    let mut sources: Vec<Rc<Class>> = cls
        .mro
        .iter()
        .filter(|c| {
            c.module != "builtins"
                && (c.builtin != Some(crate::class::Builtin::Native)
                    || c.dict.borrow().contains_key("metadata"))
                // The declarative base's own attributes (`id` declared on `Base`) map
                // as a mixin's do; SQLAlchemy's classes (`DeclarativeBase`) add none.
                && !c.module.starts_with("sqlalchemy")
        })
        .cloned()
        .collect();
    if !sources.first().is_some_and(|c| Rc::ptr_eq(c, cls)) {
        sources.insert(0, cls.clone());
    }
    for source in &sources {
        let dict_keys: Vec<String> = source.dict.borrow().keys().cloned().collect();
        let annotations: Vec<(String, Value)> = match source.dict.borrow().get("__annotations__") {
            Some(Value::Dict(d)) => d
                .borrow()
                .values()
                .filter_map(|(k, v)| match k {
                    Value::Str(s) => Some((s.to_string(), v.clone())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let ann_keys: Vec<String> = annotations.iter().map(|(k, _)| k.clone()).collect();
        for name in merge_order(&dict_keys, &ann_keys) {
            if name.starts_with("__") {
                continue;
            }
            let value = source.dict.borrow().get(&name).cloned();
            let value = super::declared_attr::resolve(i, cls, value)?;
            let ann = annotations
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone());
            if scan.iter().any(|(n, _, _)| *n == name) {
                continue;
            }
            scan.push((name, value, ann));
        }
    }
    if b.mapped(&cls.name)
        .is_some_and(|m| !Rc::ptr_eq(&m.class, cls))
    {
        b.warn(
            i,
            "SAWarning",
            &format!(
                "This declarative base already contains a class with the same class name and module name as __main__.{}, and will be replaced in the string-lookup table.",
                cls.name
            ),
        );
    }
    let composites = super::composite::expand(i, &mut scan)?;
    let mut table = retort::schema::Table::new(&tablename);
    let mut specs: Vec<(String, Value)> = Vec::new();
    let mut rels: Vec<(String, Value, Option<Ann>)> = Vec::new();
    let mut enum_columns: Vec<(String, Value)> = Vec::new();
    for (name, value, ann) in scan {
        let ann_enum = ann.as_ref().and_then(annotation_enum);
        if ann.as_ref().is_some_and(is_set_annotation) {
            b.set_collections
                .borrow_mut()
                .insert((cls.name.clone(), name.clone()));
        }
        let ann = ann.as_ref().and_then(read_annotation);
        let spec_value = match &value {
            Some(v) if native::<ColumnSpec>(v).is_some() => v.clone(),
            Some(v) if native::<super::relationship::RelationshipSpec>(v).is_some() => {
                rels.push((name, v.clone(), ann));
                continue;
            }
            None if matches!(ann, Some(Ann::Column(..))) => {
                super::schema::column(i, Args::default())?
            }
            _ => continue,
        };
        let Some(spec) = native::<ColumnSpec>(&spec_value) else {
            continue;
        };
        if spec.column.borrow().name.is_empty() {
            spec.column.borrow_mut().name = name.clone();
        }
        let mut col = spec.column.borrow().clone();
        if let Some(Ann::Column(t, optional)) = &ann {
            if !*spec.typed.borrow() && col.foreign_keys.is_empty() {
                col.type_ = t.clone();
            }
            if col.nullable.is_none() && !col.primary_key {
                col.nullable = Some(*optional);
            }
        }
        if col.type_.is_none() && col.foreign_keys.is_empty() {
            col.type_ = Some(SqlType::Integer);
            if ann.is_none() {
                // `Column()` without a type: SQLAlchemy's NullType.
                return Err(super::unsupported(i, "a column without a type"));
            }
        }
        let py_enum = spec
            .py_enum
            .borrow()
            .clone()
            .or_else(|| ann_enum.filter(|_| matches!(col.type_, Some(SqlType::Enum { .. }))));
        if let Some(class) = py_enum {
            enum_columns.push((col.name.clone(), class));
        }
        table = table.column(col);
        specs.push((name, spec_value.clone()));
    }
    for (k, v) in cls.dict.borrow().iter() {
        if k == "__table_args__" {
            let items = match v {
                Value::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            };
            for item in items {
                if let Some(c) = native::<super::constraints::ConstraintObj>(&item) {
                    table = table.constraint(c.0.clone());
                }
            }
        }
    }
    let table = md.md.add(table).map_err(|e| b.raise(i, e))?;
    for (column, class) in enum_columns {
        b.py_enums
            .borrow_mut()
            .insert((table.name().to_owned(), column), class);
    }
    if let Some(Value::Tuple(args)) = cls.dict.borrow().get("__table_args__").cloned() {
        for item in args.iter() {
            if let Some(ix) = native::<super::constraints::IndexObj>(item) {
                table
                    .add_index(ix.index.clone())
                    .map_err(|e| b.raise(i, e))?;
            }
        }
    }
    let mut defaults = Vec::new();
    for (name, spec) in &specs {
        if let Some(s) = native::<ColumnSpec>(spec) {
            *s.table.borrow_mut() = Some(table.clone());
            *s.md.borrow_mut() = Some(md.md.clone());
            if let Some(f) = &s.callable_default {
                let column = s.column.borrow().name.clone();
                let column = if column.is_empty() {
                    name.clone()
                } else {
                    column
                };
                defaults.push((column, f.clone()));
            }
        }
    }
    let mapper = Mapper::new(&cls.name, &table).map_err(|e| b.raise(i, e))?;
    super::column_options::defer_mapped(b, i, &mapper, &specs)?;
    let mapped = Mapped {
        class: cls.clone(),
        mapper: mapper.clone(),
    };
    b.mapped
        .borrow_mut()
        .insert(cls.name.clone(), mapped.clone());
    for (column, f) in defaults {
        b.callable_defaults
            .borrow_mut()
            .push((mapper.clone(), column, f));
    }
    let table_value = TableObj::value(b, &md.md, &table);
    md.tables
        .borrow_mut()
        .push((table.name().to_owned(), table_value.clone()));
    {
        let mut d = cls.dict.borrow_mut();
        d.insert("__table__".into(), table_value);
        d.insert(
            "__mapper__".into(),
            obj(super::inspect::MapperObj(mapped.clone(), Rc::downgrade(b))),
        );
        for c in table.columns() {
            d.insert(c.name.clone(), attribute(b, &mapper, &c.name, Kind::Column));
        }
    }
    super::composite::install(b, cls, composites);
    for (name, spec, ann) in rels {
        super::relationship::declare_relationship(
            b,
            i,
            &mapped,
            &md.md,
            &name,
            &spec,
            ann.as_ref(),
        )?;
    }
    super::column_property::declare(b, i, cls, &mapper, &specs)?;
    // Relationships (and the attributes backrefs add to other classes) are set up when the
    // mappers are configured: on first use, as SQLAlchemy's configure_mappers().
    Ok(())
}

/// An instrumented attribute of `mapper` as a class attribute value.
pub(super) fn attribute(b: &Rc<Bridge>, mapper: &Rc<Mapper>, key: &str, kind: Kind) -> Value {
    obj(Attribute {
        bridge: b.clone(),
        mapper: mapper.clone(),
        key: key.to_owned(),
        kind,
        entity: Entity::of(mapper),
    })
}

/// `declarative_base()`: a new base class with its own `MetaData`.
pub fn declarative_base(b: &Rc<Bridge>, i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let metadata = a.take_kw("metadata");
    let base = i.native_class("Base", "sqlalchemy.orm.decl_api");
    install_base(b, &base, metadata);
    if let Some(Value::Class(c)) = a.take_kw("cls") {
        let _ = c;
        return Err(super::unsupported(i, "declarative_base(cls=...)"));
    }
    Ok(Value::Class(base))
}

/// The `DeclarativeBase` class of `sqlalchemy.orm`.
pub fn declarative_base_class(b: &Rc<Bridge>, i: &mut Interpreter) -> Rc<Class> {
    let base = i.native_class("DeclarativeBase", "sqlalchemy.orm");
    let b2 = b.clone();
    base.dict.borrow_mut().insert(
        "__init_subclass__".into(),
        NativeFunction::value("__init_subclass__", move |i, a| init_subclass(&b2, i, a)),
    );
    base
}
