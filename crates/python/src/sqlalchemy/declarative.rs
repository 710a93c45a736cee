//! Declarative mapping: `declarative_base()`, `DeclarativeBase`, `Mapped[...]`,
//! `mapped_column()`, `relationship()` / `backref()`. A class statement deriving from a
//! declarative base is mapped when it runs (the base's `__init_subclass__`): its columns
//! (1.x `Column` style or 2.0 annotations) make a `Table` in the base's `MetaData`, a
//! `Mapper` maps it, and instrumented attributes replace the column and relationship
//! declarations in the class.

pub(super) use super::annotations::{Ann, target_name};
pub use super::annotations::{MappedAnn, MappedForm};
use super::annotations::{annotation_enum, is_set_annotation, merge_order, read_annotation};
use super::collection::InstanceDict;
use super::instrument::{Attribute, Kind};
use super::schema::{ColumnSpec, MetaDataObj};
use super::table::TableObj;
use super::{Bridge, Mapped, native, obj};
use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::mapper::Mapper;
use retort::query::Entity;
use retort::types::SqlType;
use std::rc::Rc;

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
    d.insert(
        "registry".into(),
        obj(super::registry::RegistryObj {
            bridge: Rc::downgrade(b),
            base: Rc::downgrade(base),
            metadata: md.clone(),
        }),
    );
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
        b.configure_strict(i)?;
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
    let parent = cls
        .mro
        .iter()
        .find_map(|c| b.mapped_class_of(c).filter(|m| Rc::ptr_eq(&m.class, c)));
    let Some(tablename) = dict_str(cls, "__tablename__") else {
        if cls.dict.borrow().contains_key("__table__") {
            return Err(super::unsupported(
                i,
                "mapping a class to an explicit __table__",
            ));
        }
        if let Some(parent) = parent {
            return super::inheritance::map_single(b, i, cls, &parent);
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
    if let Some(parent) = parent {
        return super::inheritance::map_joined(b, i, cls, &parent, &tablename);
    }
    let md = metadata_of(i, cls)?;
    let md = native::<MetaDataObj>(&md).ok_or_else(|| i.type_error("no MetaData"))?;
    let mut scan = scan_attributes(b, i, cls)?;
    let composites = super::composite::expand(i, &mut scan)?;
    warn_replaced(b, i, cls);
    let Columns {
        columns,
        specs,
        rels,
        enum_columns,
    } = build_columns(b, i, cls, scan)?;
    let mut table = retort::schema::Table::new(&tablename);
    for col in columns {
        table = table.column(col);
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
    let defaults = attach_specs(&specs, &table, &md.md);
    let mapper = Mapper::new(&cls.name, &table).map_err(|e| b.raise(i, e))?;
    super::inheritance::set_polymorphic(b, i, cls, &mapper, &specs)?;
    let table_value = TableObj::value(b, &md.md, &table);
    md.tables
        .borrow_mut()
        .push((table.name().to_owned(), table_value.clone()));
    install_mapper(
        b,
        i,
        cls,
        &md.md,
        Installed {
            mapper,
            table_value,
            specs,
            rels,
            defaults,
        },
    )?;
    super::composite::install(b, cls, composites);
    Ok(())
}

/// The declarative base's `MetaData` of `cls`.
pub(super) fn metadata_of(i: &Interpreter, cls: &Rc<Class>) -> PyResult<Value> {
    let Some(md_value) = cls.lookup("metadata") else {
        return Err(i.type_error("declarative base without metadata"));
    };
    if native::<MetaDataObj>(&md_value).is_none() {
        return Err(i.type_error("declarative base metadata is not a MetaData"));
    }
    Ok(md_value)
}

/// One attribute of a class body: name, value, annotation.
pub(super) type Scanned = (String, Option<Value>, Option<Value>);

/// The attributes of `cls` in SQLAlchemy's scan order: the class, then its mixins (nearest
/// first); classes already mapped (an inherited mapping's) are not scanned again.
pub(super) fn scan_attributes(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    cls: &Rc<Class>,
) -> PyResult<Vec<Scanned>> {
    let mut scan: Vec<Scanned> = Vec::new();
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
                && !b
                    .mapped_class_of(c)
                    .is_some_and(|m| Rc::ptr_eq(&m.class, c))
        })
        .cloned()
        .collect();
    // SQLAlchemy's scan order (its `__mro__`): the class, then its mixins nearest first; the
    // first class to declare a name wins.
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
    Ok(scan)
}

/// SQLAlchemy's warning when a class of the same name is mapped again.
pub(super) fn warn_replaced(b: &Rc<Bridge>, i: &mut Interpreter, cls: &Rc<Class>) {
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
}

/// The columns a class body declares, with their specs, its relationships and its Python
/// enum columns.
pub(super) struct Columns {
    pub(super) columns: Vec<retort::schema::Column>,
    pub(super) specs: Vec<(String, Value)>,
    pub(super) rels: Vec<(String, Value, Option<Ann>)>,
    pub(super) enum_columns: Vec<(String, Value)>,
}

/// The SQL type the declarative base's `type_annotation_map` gives the annotation's Python
/// type (`{int: BigInteger}`), if it names it.
fn mapped_type(i: &mut Interpreter, cls: &Rc<Class>, ann: Option<&Value>) -> Option<SqlType> {
    let Value::Dict(map) = cls.lookup("type_annotation_map")? else {
        return None;
    };
    let py = super::annotations::python_type(ann?)?;
    let key = i.hash_key(&py).ok()?;
    let (_, sql) = map.borrow().get(&key)?.clone();
    native::<super::schema::TypeObj>(&sql).map(|t| t.sql.clone())
}

/// SQLAlchemy's `MappedAnnotationError` for an attribute annotated `Mapped[X]` where `X`
/// is neither a column type nor given a `relationship()`.
fn unmappable_annotation(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    name: &str,
    ann: Option<&Value>,
) -> PyResult<crate::Exc> {
    let inner = ann
        .and_then(native::<super::annotations::MappedAnn>)
        .map(|m| m.0.clone());
    let msg = match &inner {
        Some(Value::Str(s)) => format!(
            "Could not resolve all types within mapped annotation: \"sqlalchemy.orm.base.Mapped[ForwardRef('{s}')]\".  Ensure all types are written correctly and are imported within the module in use."
        ),
        Some(v) => {
            let shown = i.repr(v)?;
            format!(
                "Could not locate SQLAlchemy Core type when resolving for Python type indicated by '{shown}' inside the Mapped[] annotation for the '{name}' attribute; the type object is not resolvable by the registry"
            )
        }
        None => format!("Could not interpret the annotation of the '{name}' attribute"),
    };
    Ok(b.error(i, "MappedAnnotationError", &msg))
}

/// Reads the scanned attributes of `cls` into columns and relationships.
pub(super) fn build_columns(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    cls: &Rc<Class>,
    scan: Vec<Scanned>,
) -> PyResult<Columns> {
    let mut out = Columns {
        columns: Vec::new(),
        specs: Vec::new(),
        rels: Vec::new(),
        enum_columns: Vec::new(),
    };
    for (name, value, ann) in scan {
        // Strings (`from __future__ import annotations`) evaluated in the module first.
        let raw = ann.map(|a| super::annotations::resolve_annotation(i, &a));
        let ann = raw;
        let ann_column = ann.as_ref().and_then(super::annotations::annotated_column);
        let ann_enum = ann.as_ref().and_then(annotation_enum);
        if ann.as_ref().is_some_and(is_set_annotation) {
            b.set_collections
                .borrow_mut()
                .insert((cls.name.clone(), name.clone()));
        }
        let raw = ann.clone();
        let ann = match ann.as_ref().and_then(read_annotation) {
            Some(Ann::Column(t, optional)) => Some(Ann::Column(
                mapped_type(i, cls, raw.as_ref()).or(t),
                optional,
            )),
            other => other,
        };
        let annotated = ann_column.as_ref().and_then(native::<ColumnSpec>);
        let spec_value = match &value {
            Some(v) if let Some(own) = native::<ColumnSpec>(v) => match annotated {
                Some(base) => super::obj(ColumnSpec::over(Some(own), base)),
                None => v.clone(),
            },
            Some(v) if let Some(spec) = native::<super::relationship::RelationshipSpec>(v) => {
                // `DynamicMapped[...]` / `WriteOnlyMapped[...]` choose the loader.
                if let Some(lazy) = raw.as_ref().and_then(super::annotations::annotation_lazy) {
                    let mut o = spec.options.borrow_mut();
                    if o.lazy == retort::relationship::Lazy::Select {
                        o.lazy = lazy;
                    }
                }
                out.rels.push((name, v.clone(), ann));
                continue;
            }
            None if let Some(base) = annotated => super::obj(ColumnSpec::over(None, base)),
            None if matches!(ann, Some(Ann::Column(..))) => {
                super::schema::column(i, Args::default())?
            }
            // `Mapped[SomethingUnmapped]` with no mapped_column() / relationship().
            None if matches!(ann, Some(Ann::Related(..))) => {
                return Err(unmappable_annotation(b, i, &name, raw.as_ref())?);
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
            out.enum_columns.push((col.name.clone(), class));
        }
        out.columns.push(col);
        out.specs.push((name, spec_value.clone()));
    }
    Ok(out)
}

/// Tells the column specs their table; returns the callable defaults (column, function).
pub(super) fn attach_specs(
    specs: &[(String, Value)],
    table: &Rc<retort::schema::Table>,
    md: &Rc<retort::schema::MetaData>,
) -> Vec<(String, Value)> {
    let mut defaults = Vec::new();
    for (name, spec) in specs {
        if let Some(s) = native::<ColumnSpec>(spec) {
            *s.table.borrow_mut() = Some(table.clone());
            *s.md.borrow_mut() = Some(md.clone());
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
    defaults
}

/// What a mapped class gets once its mapper exists.
pub(super) struct Installed {
    pub(super) mapper: Rc<Mapper>,
    pub(super) table_value: Value,
    pub(super) specs: Vec<(String, Value)>,
    pub(super) rels: Vec<(String, Value, Option<Ann>)>,
    pub(super) defaults: Vec<(String, Value)>,
}

/// Registers the mapping of `cls` and puts its `__table__`, `__mapper__` and instrumented
/// attributes in the class; declares its relationships and column properties.
pub(super) fn install_mapper(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    cls: &Rc<Class>,
    md: &Rc<retort::schema::MetaData>,
    m: Installed,
) -> PyResult<()> {
    let mapper = m.mapper;
    let mapped = Mapped {
        class: cls.clone(),
        mapper: mapper.clone(),
    };
    b.mapped
        .borrow_mut()
        .insert(cls.name.clone(), mapped.clone());
    for (column, f) in m.defaults {
        b.callable_defaults
            .borrow_mut()
            .push((mapper.clone(), column, f));
    }
    for (name, spec) in &m.specs {
        let Some(s) = native::<ColumnSpec>(spec) else {
            continue;
        };
        let column = s.column.borrow().name.clone();
        let column = if column.is_empty() {
            name.clone()
        } else {
            column
        };
        if let Some(v) = &s.onupdate {
            b.onupdates
                .borrow_mut()
                .push((mapper.clone(), column.clone(), v.clone()));
        }
        if s.deferred.get() {
            mapper.defer_column(&column).map_err(|e| b.raise(i, e))?;
        }
    }
    {
        let mut d = cls.dict.borrow_mut();
        d.insert("__table__".into(), m.table_value);
        d.insert(
            "__mapper__".into(),
            obj(super::inspect::MapperObj(mapped.clone(), Rc::downgrade(b))),
        );
        for c in mapper.table().columns() {
            d.insert(c.name.clone(), attribute(b, &mapper, &c.name, Kind::Column));
        }
    }
    for (name, spec, ann) in m.rels {
        super::relationship::declare_relationship(b, i, &mapped, md, &name, &spec, ann.as_ref())?;
    }
    super::column_property::declare(b, i, cls, &mapper, &m.specs)?;
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
