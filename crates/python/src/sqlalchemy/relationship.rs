//! `relationship()` and `backref()`: declared in class bodies (or assigned to mapped classes
//! afterwards), kept pending until the mappers are configured on first use, then declared
//! to the ORM (`retort::relationship`) with instrumented attributes on both classes.

use super::declarative::{Ann, attribute, target_name};
use super::instrument::Kind;
use super::relationship_args::{column_names, join_columns, order_names};
use super::schema::MetaDataObj;
use super::table::TableObj;
use super::{Bridge, Mapped, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::relationship::{Lazy, RelationshipOptions, relationship_with};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

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
    /// The dataclass options (`MappedAsDataclass`).
    pub dc: super::dataclass::DcOptions,
    /// `primaryjoin=lambda: ...` / `secondaryjoin=lambda: ...`: evaluated when the mappers
    /// are configured (the classes they name exist by then).
    pub late_joins: Option<LateJoins>,
}

/// `primaryjoin=` and `secondaryjoin=` given as callables.
pub type LateJoins = (Option<Value>, Option<Value>);

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

/// `backref("name", order_by=..., cascade=...)`: the name of the reverse side, its ordering
/// and its cascade.
pub struct BackrefSpec(pub String, pub Option<Value>, pub Option<String>);

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
    match a.pos.first() {
        Some(Value::Str(s)) => {
            let order_by =
                a.kw.iter()
                    .find(|(k, _)| k == "order_by")
                    .map(|(_, v)| v.clone());
            let cascade = match a.kw.iter().find(|(k, _)| k == "cascade") {
                Some((_, v)) => Some(i.to_str(v)?),
                None => None,
            };
            Ok(obj(BackrefSpec(s.to_string(), order_by, cascade)))
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
    let (mut primaryjoin, mut secondaryjoin) = (None, None);
    let mut dc = super::dataclass::DcOptions::default();
    for (k, v) in std::mem::take(&mut a.kw) {
        if k == "default" {
            dc.default = Some(v);
            continue;
        }
        if dc.take(i, &k, &v)? {
            continue;
        }
        match k.as_str() {
            "back_populates" => o.back_populates = Some(i.to_str(&v)?),
            "backref" => {
                o.backref = Some(match native::<BackrefSpec>(&v) {
                    Some(b) => {
                        backref_order_by = b.1.clone();
                        o.backref_cascade = b.2.clone();
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
            "primaryjoin" => primaryjoin = Some(v),
            "secondaryjoin" => secondaryjoin = Some(v),
            "foreign_keys" => foreign_keys = Some(v),
            "order_by" => order_by = Some(v),
            // Hints that do not change what Retort emits.
            "post_update" => o.post_update = i.truthy(&v)?,
            "passive_deletes" => match &v {
                Value::Str(s) if &**s == "all" => {
                    return Err(super::unsupported(i, "relationship(passive_deletes='all')"));
                }
                _ => o.passive_deletes = i.truthy(&v)?,
            },
            "innerjoin" => o.innerjoin = i.truthy(&v)?,
            "viewonly" => o.viewonly = i.truthy(&v)?,
            "join_depth" => {
                o.join_depth = match v {
                    Value::Int(n) if n >= 0 => usize::try_from(n).ok(),
                    Value::None => None,
                    _ => return Err(i.type_error("join_depth must be an integer")),
                }
            }
            "overlaps" => {
                o.overlaps = i
                    .to_str(&v)?
                    .split(',')
                    .map(|n| n.trim().to_owned())
                    .filter(|n| !n.is_empty())
                    .collect();
            }
            "single_parent" | "info" | "doc" => {}
            other => {
                return Err(super::unsupported(
                    i,
                    &format!("relationship(..., {other}=...)"),
                ));
            }
        }
    }
    let callable = |v: &Option<Value>| matches!(v, Some(Value::Function(_)));
    let mut late_joins = None;
    if callable(&primaryjoin) || callable(&secondaryjoin) {
        late_joins = Some((primaryjoin.take(), secondaryjoin.take()));
    }
    if primaryjoin.is_some() || secondaryjoin.is_some() {
        let mut reversed = false;
        o.secondary_fks = Some(join_columns(
            b,
            i,
            secondary.as_ref(),
            primaryjoin.as_ref(),
            secondaryjoin.as_ref(),
            &mut reversed,
        )?);
        o.secondary_fks_reversed = reversed;
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
        dc,
        late_joins,
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
    /// Callable joins with the secondary table they go through, resolved at configuration.
    pub late_joins: Option<(Option<Value>, LateJoins)>,
    /// `order_by=lambda: ...`, resolved at configuration.
    pub late_order_by: Option<Value>,
    /// `secondary="name"` of a table not defined yet: looked up in the class's metadata at
    /// configuration, as SQLAlchemy resolves it.
    pub late_secondary: Option<String>,
}

/// Turns a `relationship()` declared as `name` on `mapped` into a pending relationship
/// and an instrumented attribute.
pub(super) fn declare_relationship(
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
    let mut late_order_by = None;
    match &r.order_by {
        Some(v @ Value::Function(_)) => late_order_by = Some(v.clone()),
        Some(v) => options.order_by = order_names(b, i, v)?,
        None => {}
    }
    if let Some(v) = &r.backref_order_by {
        options.backref_order_by = order_names(b, i, v)?;
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
    let mut resolved_secondary = None;
    let mut late_secondary = None;
    if let Some(sec) = &r.secondary {
        // `secondary=lambda: table`.
        let sec = &match sec {
            Value::Function(_) => i.call(sec, Args::default())?,
            other => other.clone(),
        };
        options.secondary = match sec {
            Value::Str(s) => md.table(s),
            other => native::<TableObj>(other).map(|t| t.table.clone()),
        };
        if let (None, Value::Str(s)) = (&options.secondary, sec) {
            late_secondary = Some(s.to_string());
        }
        resolved_secondary = Some(sec.clone());
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
        late_joins: r
            .late_joins
            .clone()
            .map(|j| (resolved_secondary.clone(), j)),
        late_order_by,
        late_secondary,
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

/// Declares every pending relationship whose target class is now mapped.
pub fn configure(b: &Rc<Bridge>, i: &mut Interpreter) -> PyResult<()> {
    let pending = std::mem::take(&mut *b.pending.borrow_mut());
    let mut waiting = Vec::new();
    // The relationships configured here, in order (a backref after its relationship).
    let mut configured: Vec<(Rc<retort::mapper::Mapper>, String)> = Vec::new();
    for p in pending {
        let Some(target) = b.mapped(&p.target) else {
            waiting.push(p);
            continue;
        };
        let mut p = p;
        if let Some(name) = p.late_secondary.take() {
            // `secondary="name"` declared before its table.
            let md = p.parent.class.lookup("metadata");
            p.options.secondary = md
                .as_ref()
                .and_then(native::<super::schema::MetaDataObj>)
                .and_then(|m| m.md.table(&name));
        }
        if let Some((secondary, (pj, sj))) = p.late_joins.take() {
            let call = |i: &mut Interpreter, v: Option<Value>| -> PyResult<Option<Value>> {
                match v {
                    Some(f @ Value::Function(_)) => Ok(Some(i.call(&f, Args::default())?)),
                    other => Ok(other),
                }
            };
            let (pj, sj) = (call(i, pj)?, call(i, sj)?);
            let mut reversed = false;
            p.options.secondary_fks = Some(join_columns(
                b,
                i,
                secondary.as_ref(),
                pj.as_ref(),
                sj.as_ref(),
                &mut reversed,
            )?);
            p.options.secondary_fks_reversed = reversed;
        }
        if let Some(f) = p.late_order_by.take() {
            p.options.order_by = order_names(b, i, &f)?;
        }
        let uselist_unset = p.options.uselist.is_none();
        let backref = p.options.backref.clone();
        let backref_cascade = p.options.backref_cascade.clone();
        relationship_with(&p.parent.mapper, &p.name, &target.mapper, p.options)
            .map_err(|e| b.raise(i, e))?;
        configured.push((Rc::clone(&p.parent.mapper), p.name.clone()));
        if let Some(name) = &backref {
            configured.push((Rc::clone(&target.mapper), name.clone()));
        }
        let _ = uselist_unset;
        if let (Some(name), Some(cascade)) = (&backref, backref_cascade) {
            b.cascades.borrow_mut().insert(
                (target.mapper.class_name().to_owned(), name.clone()),
                cascade,
            );
        }
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
    b.check_overlaps(i, &configured);
    Ok(())
}
