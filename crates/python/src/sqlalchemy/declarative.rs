//! Declarative mapping: `declarative_base()`, `DeclarativeBase`, `Mapped[...]`,
//! `mapped_column()`, `relationship()` / `backref()`. A class statement deriving from a
//! declarative base is mapped when it runs (the base's `__init_subclass__`): its columns
//! (1.x `Column` style or 2.0 annotations) make a `Table` in the base's `MetaData`, a
//! `Mapper` maps it, and instrumented attributes replace the column and relationship
//! declarations in the class.

use super::instrument::{Attribute, InstanceDict, Kind};
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
use retort::relationship::{Lazy, RelationshipOptions, relationship_with};
use retort::types::SqlType;
use std::any::Any;
use std::cell::RefCell;
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

/// `relationship(...)` before its class is mapped.
pub struct RelationshipSpec {
    /// The target: a class name, a class, or a callable returning one.
    pub target: Option<Value>,
    /// Options.
    pub options: RefCell<RelationshipOptions>,
    /// `secondary=` as given (a Table or a table name).
    pub secondary: Option<Value>,
    /// The bridge (to declare the relationship when it is assigned after mapping).
    pub bridge: Option<Rc<Bridge>>,
    /// `order_by=` as given (shown by `.property.order_by`).
    pub order_by: Option<Value>,
    /// `backref=` as given (shown by `.property.backref`).
    pub backref_value: Option<Value>,
    /// The `order_by=` of a `backref(...)`.
    pub backref_order_by: Option<Value>,
    /// `remote_side=` as given (resolved to column names when the class is mapped).
    pub remote_side: Option<Value>,
    /// `foreign_keys=` as given (resolved to column names when the class is mapped).
    pub foreign_keys: Option<Value>,
}

/// Declares late relationships, then reads `owner.name` / `instance.name` again.
fn late_get(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    me: *const RelationshipSpec,
    instance: Option<&Value>,
    owner: &Value,
) -> Option<PyResult<Value>> {
    let Value::Class(cls) = owner else {
        return None;
    };
    let name = cls.dict.borrow().iter().find_map(|(k, v)| {
        native::<RelationshipSpec>(v)
            .filter(|r| std::ptr::eq(*r, me))
            .map(|_| k.clone())
    })?;
    b.mapped_class_of(cls)?;
    Some(configure_late(b, i).and_then(|()| i.getattr(instance.unwrap_or(owner), &name)))
}

impl NativeObject for RelationshipSpec {
    fn type_name(&self) -> String {
        "Relationship".into()
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        owner: &Value,
    ) -> Option<PyResult<Value>> {
        let b = self.bridge.clone()?;
        late_get(&b, i, self, instance, owner)
    }
    fn descr_set(
        &self,
        i: &mut Interpreter,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        let b = self.bridge.clone()?;
        let Value::Instance(inst) = instance else {
            return None;
        };
        let owner = Value::Class(inst.class.clone());
        let name = inst.class.dict.borrow().iter().find_map(|(k, v)| {
            native::<RelationshipSpec>(v)
                .filter(|r| std::ptr::eq(*r, self))
                .map(|_| k.clone())
        })?;
        b.mapped_class_of(&inst.class)?;
        let _ = owner;
        Some(configure_late(&b, i).and_then(|()| i.setattr(instance, &name, value)))
    }
    fn is_data_descriptor(&self) -> bool {
        self.bridge.is_some()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<Relationship at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `backref("name", order_by=...)`: the name of the reverse side and its ordering.
pub struct BackrefSpec(pub String, pub Option<Value>);

impl NativeObject for BackrefSpec {
    fn type_name(&self) -> String {
        "tuple".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("('{}', {{}})", self.0))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `backref(name, **kw)`.
pub fn backref(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    // Ordering is recorded for `.property.order_by`; Retort's lazy loads do not add the
    // ORDER BY yet.
    match a.pos.first() {
        Some(Value::Str(s)) => {
            let order_by =
                a.kw.iter()
                    .find(|(k, _)| k == "order_by")
                    .map(|(_, v)| v.clone());
            Ok(obj(BackrefSpec(s.to_string(), order_by)))
        }
        _ => Err(i.type_error("backref() needs a name")),
    }
}

/// `relationship(target?, **kw)`.
pub fn relationship(b: &Rc<Bridge>, i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let target = a.pos.first().cloned().or_else(|| a.take_kw("argument"));
    let secondary = a.pos.get(1).cloned().or_else(|| a.take_kw("secondary"));
    let mut o = RelationshipOptions::default();
    let (mut order_by, mut backref_value, mut backref_order_by) = (None, None, None);
    let (mut remote_side, mut foreign_keys) = (None, None);
    for (k, v) in std::mem::take(&mut a.kw) {
        match k.as_str() {
            "back_populates" => o.back_populates = Some(i.to_str(&v)?),
            "backref" => {
                o.backref = Some(match native::<BackrefSpec>(&v) {
                    Some(b) => {
                        backref_order_by = b.1.clone();
                        b.0.clone()
                    }
                    None => i.to_str(&v)?,
                });
                backref_value = Some(v);
            }
            "cascade" => o.cascade = Some(i.to_str(&v)?),
            "uselist" => o.uselist = Some(i.truthy(&v)?),
            "lazy" => {
                let text = match &v {
                    Value::Bool(true) => "select".to_owned(),
                    Value::Bool(false) => "joined".to_owned(),
                    Value::None => "noload".to_owned(),
                    other => i.to_str(other)?,
                };
                o.lazy = match Lazy::parse(&text) {
                    Ok(l) => l,
                    Err(_) => {
                        return Err(super::unsupported(
                            i,
                            &format!("relationship(lazy={text:?})"),
                        ));
                    }
                };
            }
            "remote_side" => remote_side = Some(v),
            "foreign_keys" => foreign_keys = Some(v),
            "order_by" => order_by = Some(v),
            // Hints that do not change what Retort emits.
            "passive_deletes" | "single_parent" | "innerjoin" => {}
            other => {
                return Err(super::unsupported(
                    i,
                    &format!("relationship(..., {other}=...)"),
                ));
            }
        }
    }
    Ok(obj(RelationshipSpec {
        target,
        options: RefCell::new(o),
        secondary,
        bridge: Some(b.clone()),
        order_by,
        backref_value,
        backref_order_by,
        remote_side,
        foreign_keys,
    }))
}

/// A relationship waiting for its target class to be mapped.
pub struct Pending {
    /// The class that declares it.
    pub parent: Mapped,
    /// The attribute name.
    pub name: String,
    /// The target class name.
    pub target: String,
    /// Options.
    pub options: RelationshipOptions,
    /// The `order_by=` of its `backref(...)`.
    pub backref_order_by: Option<Value>,
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
enum Ann {
    Column(Option<SqlType>, bool),
    Related(String, bool),
}

fn class_sql_type(v: &Value) -> Option<SqlType> {
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

fn target_name(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.trim_matches(['"', '\'']).to_owned()),
        Value::Class(c) => Some(c.name.clone()),
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
    if let Some(form) = native::<TypingForm>(&inner) {
        match (form.origin.as_str(), form.args.as_slice()) {
            ("Optional", [x]) => {
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
    if let Some(t) = class_sql_type(&inner) {
        return Some(Ann::Column(Some(t), false));
    }
    Some(Ann::Related(target_name(&inner)?, false))
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
    map_class(b, i, cls)?;
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
    // Attributes in SQLAlchemy's scan order: mixins (furthest first), then the class.
    let mut scan: Vec<(String, Option<Value>, Option<Value>)> = Vec::new();
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
            let ann = annotations
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone());
            scan.retain(|(n, _, _)| *n != name);
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
    let mut table = retort::schema::Table::new(&tablename);
    let mut specs: Vec<(String, Value)> = Vec::new();
    let mut rels: Vec<(String, Value, Option<Ann>)> = Vec::new();
    for (name, value, ann) in scan {
        let ann = ann.as_ref().and_then(read_annotation);
        let spec_value = match &value {
            Some(v) if native::<ColumnSpec>(v).is_some() => v.clone(),
            Some(v) if native::<RelationshipSpec>(v).is_some() => {
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
                if let Some(c) = native::<super::schema::ConstraintObj>(&item) {
                    table = table.constraint(c.0.clone());
                }
            }
        }
    }
    let table = md.md.add(table).map_err(|e| b.raise(i, e))?;
    if let Some(Value::Tuple(args)) = cls.dict.borrow().get("__table_args__").cloned() {
        for item in args.iter() {
            if let Some(ix) = native::<super::schema::IndexObj>(item) {
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
            obj(super::inspect::MapperObj(mapped.clone())),
        );
        for c in table.columns() {
            d.insert(c.name.clone(), attribute(b, &mapper, &c.name, Kind::Column));
        }
    }
    for (name, spec, ann) in rels {
        declare_relationship(b, i, &mapped, &md.md, &name, &spec, ann.as_ref())?;
    }
    // Relationships (and the attributes backrefs add to other classes) are set up when the
    // mappers are configured: on first use, as SQLAlchemy's configure_mappers().
    Ok(())
}

/// The column names a `remote_side=` / `foreign_keys=` argument names: columns of the class
/// body, mapped attributes, or strings (`"Class.column"`, `"[Class.column]"`).
fn column_names(i: &mut Interpreter, v: &Value) -> PyResult<Vec<String>> {
    let items = match v {
        Value::List(_) | Value::Tuple(_) | Value::Set(_) => i.iterate(v)?,
        other => vec![other.clone()],
    };
    let mut out = Vec::new();
    for item in items {
        if let Some(c) = native::<ColumnSpec>(&item) {
            out.push(c.column.borrow().name.clone());
        } else if let Some(a) = native::<Attribute>(&item) {
            out.push(a.key.clone());
        } else {
            let text = i.to_str(&item)?;
            for part in text.trim_matches(['[', ']']).split(',') {
                let part = part.trim();
                out.push(part.rsplit('.').next().unwrap_or(part).to_owned());
            }
        }
    }
    Ok(out)
}

/// Turns a `relationship()` declared as `name` on `mapped` into a pending relationship
/// and an instrumented attribute.
fn declare_relationship(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    mapped: &Mapped,
    md: &retort::schema::MetaData,
    name: &str,
    spec: &Value,
    ann: Option<&Ann>,
) -> PyResult<()> {
    let Some(r) = native::<RelationshipSpec>(spec) else {
        return Ok(());
    };
    let mut options = r.options.borrow().clone();
    if let Some(v) = &r.remote_side {
        options.remote_side = column_names(i, v)?;
    }
    if let Some(v) = &r.foreign_keys {
        options.foreign_keys = column_names(i, v)?;
    }
    let target = match (&r.target, ann) {
        (Some(t), _) => match target_name(t) {
            Some(n) => n,
            None => {
                return Err(super::unsupported(
                    i,
                    "a relationship target that is not a class or class name",
                ));
            }
        },
        (None, Some(Ann::Related(n, _))) => n.clone(),
        _ => return Err(super::unsupported(i, "relationship() without a target")),
    };
    if let (Some(Ann::Related(_, false)), None) = (ann, options.uselist) {
        options.uselist = Some(false);
    }
    if let Some(sec) = &r.secondary {
        options.secondary = match sec {
            Value::Str(s) => md.table(s),
            other => native::<TableObj>(other).map(|t| t.table.clone()),
        };
    }
    mapped.class.dict.borrow_mut().insert(
        name.to_owned(),
        attribute(b, &mapped.mapper, name, Kind::Relationship),
    );
    b.rel_info.borrow_mut().insert(
        (mapped.mapper.class_name().to_owned(), name.to_owned()),
        (
            r.backref_value.clone().unwrap_or(Value::None),
            r.order_by.clone(),
        ),
    );
    b.cascades.borrow_mut().insert(
        (mapped.mapper.class_name().to_owned(), name.to_owned()),
        options
            .cascade
            .clone()
            .unwrap_or_else(|| "save-update, merge".to_owned()),
    );
    b.pending.borrow_mut().push(Pending {
        parent: mapped.clone(),
        name: name.to_owned(),
        target,
        options,
        backref_order_by: r.backref_order_by.clone(),
    });
    Ok(())
}

/// Relationships assigned to mapped classes after their class statement
/// (`User.addresses = relationship(...)`, the classic tutorial's style): declared when
/// first used.
pub fn configure_late(b: &Rc<Bridge>, i: &mut Interpreter) -> PyResult<()> {
    let classes: Vec<Mapped> = b.mapped.borrow().values().cloned().collect();
    for m in classes {
        let late: Vec<(String, Value)> = m
            .class
            .dict
            .borrow()
            .iter()
            .filter(|(_, v)| native::<RelationshipSpec>(v).is_some())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        if late.is_empty() {
            continue;
        }
        let Some(md) = m.class.lookup("metadata") else {
            continue;
        };
        let Some(md) = native::<MetaDataObj>(&md) else {
            continue;
        };
        for (name, spec) in late {
            declare_relationship(b, i, &m, &md.md, &name, &spec, None)?;
        }
    }
    configure(b, i)
}

fn attribute(b: &Rc<Bridge>, mapper: &Rc<Mapper>, key: &str, kind: Kind) -> Value {
    obj(Attribute {
        bridge: b.clone(),
        mapper: mapper.clone(),
        key: key.to_owned(),
        kind,
        entity: Entity::of(mapper),
    })
}

/// Declares every pending relationship whose target class is now mapped.
pub fn configure(b: &Rc<Bridge>, i: &mut Interpreter) -> PyResult<()> {
    let pending = std::mem::take(&mut *b.pending.borrow_mut());
    let mut waiting = Vec::new();
    for p in pending {
        let Some(target) = b.mapped(&p.target) else {
            waiting.push(p);
            continue;
        };
        let uselist_unset = p.options.uselist.is_none();
        let backref = p.options.backref.clone();
        relationship_with(&p.parent.mapper, &p.name, &target.mapper, p.options)
            .map_err(|e| b.raise(i, e))?;
        let _ = uselist_unset;
        if let Some(name) = &backref {
            b.rel_info.borrow_mut().insert(
                (target.mapper.class_name().to_owned(), name.clone()),
                (Value::None, p.backref_order_by.clone()),
            );
        }
        if let Some(name) = backref {
            target.class.dict.borrow_mut().insert(
                name.clone(),
                attribute(b, &target.mapper, &name, Kind::Relationship),
            );
        }
    }
    *b.pending.borrow_mut() = waiting;
    Ok(())
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
