//! Instrumentation: the `_sa_instance_state` every mapped instance carries, the
//! `InstrumentedAttribute` descriptors of mapped classes (instance reads and writes go to the
//! ORM's object arena; class access returns the attribute itself, for building expressions),
//! and the `__dict__` SQLAlchemy presents (the state plus the loaded attributes).

use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::ObjectId;
use std::any::Any;
use std::rc::Rc;

/// `obj._sa_instance_state`: which ORM object a Python instance is.
pub struct InstanceState {
    /// The object in the arena.
    pub id: ObjectId,
}

impl InstanceState {
    /// The state as a Python value.
    pub fn value(id: ObjectId) -> Value {
        Value::Object(Rc::new(InstanceState { id }))
    }
}

impl NativeObject for InstanceState {
    fn type_name(&self) -> String {
        "InstanceState".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.state.InstanceState object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

use super::{Bridge, method, object_id, to_py, to_sql};
use crate::class::Instance;
use crate::function::Args;
use retort::mapper::Mapper;
use retort::query::Entity;
use retort::session::ObjectState;
use retort::sql::Expr;
use retort::types::SqlType;

/// What a mapped attribute is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// A column property.
    Column,
    /// A relationship.
    Relationship,
}

/// `User.name`: an instrumented attribute of a mapped class (or of an `aliased()` entity).
pub struct Attribute {
    /// The bridge.
    pub bridge: Rc<Bridge>,
    /// The mapper.
    pub mapper: Rc<Mapper>,
    /// The attribute name.
    pub key: String,
    /// Column or relationship.
    pub kind: Kind,
    /// The entity it reads from (an alias for `aliased(User).name`).
    pub entity: Entity,
}

impl super::expr::AsExpr for Attribute {
    fn as_expr(&self) -> retort::Result<Expr> {
        self.entity.c(&self.key)
    }
}

impl Bridge {
    /// The ORM object behind a mapped instance, creating it (transient) on first use: what
    /// SQLAlchemy's instrumented `__init__` does before the class's own.
    pub fn ensure_state(self: &Rc<Self>, i: &Interpreter, v: &Value) -> PyResult<ObjectId> {
        if let Some(id) = object_id(v) {
            return Ok(id);
        }
        let Value::Instance(inst) = v else {
            return Err(i.type_error("not a mapped instance"));
        };
        let Some(mapped) = self.mapped_class_of(&inst.class) else {
            return Err(self.error(
                i,
                "UnmappedInstanceError",
                &format!("Class '__main__.{}' is not mapped", inst.class.name),
            ));
        };
        let id = self
            .store
            .borrow_mut()
            .create(&mapped.mapper, &[])
            .map_err(|e| self.raise(i, e))?;
        inst.attrs
            .borrow_mut()
            .insert("_sa_instance_state".into(), InstanceState::value(id));
        self.objects.borrow_mut().insert(id.0, v.clone());
        Ok(id)
    }

    /// The mapping of `class` (or of its nearest mapped ancestor).
    pub fn mapped_class_of(&self, class: &Rc<crate::Class>) -> Option<super::Mapped> {
        let mapped = self.mapped.borrow();
        if let Some(m) = mapped.get(&class.name)
            && Rc::ptr_eq(&m.class, class)
        {
            return Some(m.clone());
        }
        class.mro.iter().find_map(|c| {
            mapped
                .get(&c.name)
                .filter(|m| Rc::ptr_eq(&m.class, c))
                .cloned()
        })
    }

    /// Reads column `key` of `id` (loading an expired object through its session).
    pub fn get_value(
        self: &Rc<Self>,
        i: &mut Interpreter,
        id: ObjectId,
        key: &str,
    ) -> PyResult<Value> {
        let (value, state, ty, class) = {
            let store = self.store.borrow();
            let inst = store.get(id).map_err(|e| self.raise(i, e))?;
            let pos = inst.mapper.attr(key).map_err(|e| self.raise(i, e))?;
            let ty = inst.mapper.table().columns()[pos].type_.clone();
            (
                inst.values[pos].clone(),
                inst.state,
                ty,
                inst.mapper.class_name().to_owned(),
            )
        };
        let value = match value {
            Some(v) => v,
            None => match self.session_of(id) {
                Some(session) => {
                    // Loading expired attributes autoflushes first, as SQLAlchemy's
                    // refresh-on-access does.
                    let r = {
                        let mut s = session.borrow_mut();
                        let expired = state == ObjectState::Persistent;
                        let flushed = if expired && s.autoflush && s.contains(id) {
                            s.flush()
                        } else {
                            Ok(())
                        };
                        let deleted = expired
                            && s.store()
                                .borrow()
                                .get(id)
                                .is_ok_and(|o| o.state == ObjectState::Deleted);
                        if deleted {
                            // Its row went in that flush: the refresh finds nothing.
                            Err(retort::Error::ObjectDeletedError(format!(
                                "Instance '<{class} at 0x{:x}>' has been deleted, or its row is otherwise not present.",
                                id.0
                            )))
                        } else {
                            flushed.and_then(|()| s.get_attr(id, key))
                        }
                    };
                    self.pump(i);
                    r.map_err(|e| self.raise(i, e))?
                }
                None => {
                    let known = self
                        .store
                        .borrow()
                        .get(id)
                        .ok()
                        .and_then(|o| o.pk_values())
                        .is_some();
                    if matches!(state, ObjectState::Detached | ObjectState::Persistent) && known {
                        return Err(self.error(
                            i,
                            "DetachedInstanceError",
                            &format!(
                                "Instance <{class} at 0x{:x}> is not bound to a Session; \
                                 attribute refresh operation cannot proceed (Background on \
                                 this error at: https://sqlalche.me/e/21/bhk3)",
                                id.0
                            ),
                        ));
                    }
                    retort::Value::Null
                }
            },
        };
        self.column_to_py(i, ty, value)
    }

    /// A column's stored value as SQLAlchemy returns it for the column's type (`bool`,
    /// `Decimal`, `date`, `datetime`).
    pub fn column_to_py(
        &self,
        i: &mut Interpreter,
        ty: Option<SqlType>,
        value: retort::Value,
    ) -> PyResult<Value> {
        Ok(match (ty, &value) {
            (Some(SqlType::Boolean), retort::Value::Integer(n)) => Value::Bool(*n != 0),
            (
                Some(SqlType::Numeric { scale, .. }),
                retort::Value::Float(_) | retort::Value::Integer(_),
            ) => match super::decimal_from_sql(i, scale, &value)? {
                Some(v) => v,
                None => to_py(&value),
            },
            (Some(t @ (SqlType::Date | SqlType::DateTime)), retort::Value::Text(s)) => {
                match super::date_from_sql(i, &t, s)? {
                    Some(v) => v,
                    None => to_py(&value),
                }
            }
            _ => to_py(&value),
        })
    }

    /// The related objects of relationship `key` of `id` (lazy-loading through its session).
    pub fn related(
        self: &Rc<Self>,
        i: &mut Interpreter,
        id: ObjectId,
        key: &str,
    ) -> PyResult<Vec<ObjectId>> {
        let r = match self.session_of(id) {
            Some(session) => {
                // An expired parent is refreshed before its relationship loads (the lazy
                // load needs its key), as SQLAlchemy does.
                let expired_pk = {
                    let store = self.store.borrow();
                    store.get(id).ok().and_then(|o| {
                        let unloaded = o.state == ObjectState::Persistent
                            && o.mapper.pk().iter().any(|&p| o.values[p].is_none());
                        unloaded.then(|| o.mapper.table().columns()[o.mapper.pk()[0]].name.clone())
                    })
                };
                if let Some(pk) = expired_pk {
                    let r = session.borrow_mut().get_attr(id, &pk);
                    self.pump(i);
                    r.map_err(|e| self.raise(i, e))?;
                }
                let r = session.borrow_mut().related(id, key);
                self.pump(i);
                r
            }
            None => {
                let loaded = self.store.borrow().related(id, key);
                match loaded {
                    Ok(Some(v)) => Ok(v),
                    Ok(None) => {
                        let (state, known, class) = {
                            let store = self.store.borrow();
                            match store.get(id) {
                                Ok(o) => (
                                    o.state,
                                    o.pk_values().is_some(),
                                    o.mapper.class_name().to_owned(),
                                ),
                                Err(e) => return Err(self.raise(i, e)),
                            }
                        };
                        if state == ObjectState::Detached && known {
                            return Err(self.error(
                                i,
                                "DetachedInstanceError",
                                &format!(
                                    "Parent instance <{class} at 0x{:x}> is not bound to a Session; lazy load operation of attribute '{key}' cannot proceed (Background on this error at: https://sqlalche.me/e/21/bhk3)",
                                    id.0
                                ),
                            ));
                        }
                        Ok(Vec::new())
                    }
                    Err(e) => Err(e),
                }
            }
        };
        r.map_err(|e| self.raise(i, e))
    }

    fn with_store_or_session(
        self: &Rc<Self>,
        i: &mut Interpreter,
        id: ObjectId,
        in_session: impl FnOnce(&mut retort::session::Session) -> retort::Result<()>,
        alone: impl FnOnce(&mut retort::session::Store) -> retort::Result<()>,
    ) -> PyResult<()> {
        let r = match self.session_of(id) {
            Some(session) => {
                let r = in_session(&mut session.borrow_mut());
                self.pump(i);
                r
            }
            None => alone(&mut self.store.borrow_mut()),
        };
        r.map_err(|e| self.raise(i, e))
    }

    /// `parent.key.append(child)`.
    pub fn append(
        self: &Rc<Self>,
        i: &mut Interpreter,
        parent: ObjectId,
        key: &str,
        child: &Value,
    ) -> PyResult<()> {
        let child = self.ensure_state(i, child)?;
        let cascade = self
            .store
            .borrow()
            .get(parent)
            .ok()
            .and_then(|p| p.mapper.relationship(key))
            .is_some_and(|r| r.cascade_save_update);
        self.with_store_or_session(
            i,
            parent,
            |s| {
                s.append_related(parent, key, child)?;
                // The save-update cascade brings a new child into the parent's session.
                let transient = s.store().borrow().get(child)?.state == ObjectState::Transient;
                if cascade && transient {
                    s.add(child)?;
                }
                Ok(())
            },
            |s| s.append_child(parent, key, child),
        )?;
        if self.session_of(parent).is_some() {
            self.mark_modified(parent);
        }
        Ok(())
    }

    /// A collection change makes a persistent parent part of `session.dirty`, as in
    /// SQLAlchemy (its columns are unchanged, so a flush emits no UPDATE for it).
    fn mark_modified(&self, id: ObjectId) {
        let pk = {
            let store = self.store.borrow();
            store.get(id).ok().and_then(|o| {
                let p = *o.mapper.pk().first()?;
                let v = o.values.get(p)?.clone()?;
                (o.state == ObjectState::Persistent)
                    .then(|| (o.mapper.table().columns()[p].name.clone(), v))
            })
        };
        if let Some((name, v)) = pk {
            let _ = self.store.borrow_mut().set_attr(id, &name, v);
        }
    }

    /// `parent.key.remove(child)`.
    pub fn remove(
        self: &Rc<Self>,
        i: &mut Interpreter,
        parent: ObjectId,
        key: &str,
        child: &Value,
    ) -> PyResult<()> {
        let child = self.ensure_state(i, child)?;
        self.with_store_or_session(
            i,
            parent,
            |s| s.remove_related(parent, key, child),
            |s| s.remove_child(parent, key, child),
        )?;
        if self.session_of(parent).is_some() {
            self.mark_modified(parent);
        }
        Ok(())
    }
}

impl Attribute {
    /// `Address.user == jack`: the many-to-one's foreign key compared with the object's key.
    fn compare_related(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
    ) -> Option<PyResult<Value>> {
        let rel = self.mapper.relationship(&self.key)?;
        if rel.direction != retort::relationship::Direction::ManyToOne || !matches!(op, "==" | "!=")
        {
            return None;
        }
        let b = self.bridge.clone();
        let r = (|| {
            let fk = self.entity.c(&rel.fk).map_err(|e| b.raise(i, e))?;
            let value = match other {
                Value::None => retort::Value::Null,
                v => {
                    let id = b.ensure_state(i, v)?;
                    match b.get_value(i, id, &rel.referred)? {
                        Value::None => retort::Value::Null,
                        v => to_sql(i, &v)?,
                    }
                }
            };
            let e = if op == "==" {
                fk.eq(value)
            } else {
                fk.ne(value)
            };
            Ok(super::expr::ex(&b, e))
        })();
        Some(r)
    }
}

impl NativeObject for Attribute {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.attributes",
            "InstrumentedAttribute",
        ))
    }
    fn type_name(&self) -> String {
        "InstrumentedAttribute".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.attributes.InstrumentedAttribute object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("{}.{}", self.mapper.class_name(), self.key))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        match name {
            "key" => return Ok(Some(Value::str(&self.key))),
            "property" => {
                let cascade = self
                    .bridge
                    .cascades
                    .borrow()
                    .get(&(self.mapper.class_name().to_owned(), self.key.clone()))
                    .cloned();
                let info = self
                    .bridge
                    .rel_info
                    .borrow()
                    .get(&(self.mapper.class_name().to_owned(), self.key.clone()))
                    .cloned();
                return Ok(Some(super::obj(Property {
                    name: format!("{}.{}", self.mapper.class_name(), self.key),
                    column: self.kind == Kind::Column,
                    cascade,
                    info,
                })));
            }
            "type" | "expression" if self.kind == Kind::Column => {
                let table = self.mapper.table().clone();
                let Some(md) = self
                    .bridge
                    .mapped_class_of_name(self.mapper.class_name())
                    .and_then(|m| m.class.lookup("metadata"))
                else {
                    return Ok(None);
                };
                let Some(md) = super::native::<super::schema::MetaDataObj>(&md) else {
                    return Ok(None);
                };
                let col = super::table::ColumnRef::value(&self.bridge, &md.md, &table, &self.key);
                return if name == "expression" {
                    Ok(Some(col))
                } else {
                    i.getattr(&col, "type").map(Some)
                };
            }
            "any" | "has" => {
                let (b, entity, key) = (self.bridge.clone(), self.entity.clone(), self.key.clone());
                let any = name == "any";
                let rel = self.mapper.relationship(&self.key);
                return Ok(method(name, move |i, a: Args| {
                    let mut crit = match a.pos.first() {
                        Some(v) => Some(super::expr::operand(&b, i, v, None)?),
                        None => None,
                    };
                    if !a.kw.is_empty() {
                        // any(keyword='x'): equality on the related class's attributes.
                        let target = match rel.as_ref().map(|r| r.target()) {
                            Some(Ok(t)) => Entity::of(&t),
                            Some(Err(e)) => return Err(b.raise(i, e)),
                            None => return Err(i.type_error("not a relationship")),
                        };
                        let mut parts: Vec<Expr> = crit.into_iter().collect();
                        for (k, v) in &a.kw {
                            let col = target.c(k).map_err(|e| b.raise(i, e))?;
                            parts.push(col.eq(to_sql(i, v)?));
                        }
                        crit = Some(retort::sql::and_(parts));
                    }
                    let r = if any {
                        entity.any(&key, crit)
                    } else {
                        entity.has(&key, crit)
                    };
                    let e = r.map_err(|e| b.raise(i, e))?;
                    Ok(super::expr::ex(&b, e))
                }));
            }
            "contains" if self.kind == Kind::Relationship => {
                let (b, entity) = (self.bridge.clone(), self.entity.clone());
                let rel = self.mapper.relationship(&self.key);
                return Ok(method(name, move |i, a: Args| {
                    let Some(rel) = rel
                        .clone()
                        .filter(|r| r.direction == retort::relationship::Direction::OneToMany)
                    else {
                        return Err(super::unsupported(i, "contains() on this relationship"));
                    };
                    let child = a.pos.first().cloned().unwrap_or(Value::None);
                    let id = b.ensure_state(i, &child)?;
                    let fk = match b.get_value(i, id, &rel.fk)? {
                        Value::None => retort::Value::Null,
                        v => to_sql(i, &v)?,
                    };
                    let col = entity.c(&rel.referred).map_err(|e| b.raise(i, e))?;
                    Ok(super::expr::ex(&b, col.eq(fk)))
                }));
            }
            _ => {}
        }
        if self.kind == Kind::Column {
            let e = self
                .entity
                .c(&self.key)
                .map_err(|e| self.bridge.raise(i, e))?;
            return Ok(super::expr::expr_method(&self.bridge, e, name));
        }
        Ok(None)
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        if self.kind != Kind::Column {
            return self.compare_related(i, op, other);
        }
        let e = match self.entity.c(&self.key) {
            Ok(e) => e,
            Err(e) => return Some(Err(self.bridge.raise(i, e))),
        };
        super::expr::binary(&self.bridge, i, e, op, other, reflected)
    }
    fn unary_op(&self, i: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        let e = match self.entity.c(&self.key) {
            Ok(e) => e,
            Err(e) => return Some(Err(self.bridge.raise(i, e))),
        };
        super::expr::unary(&self.bridge, e, op)
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        _: &Value,
    ) -> Option<PyResult<Value>> {
        let instance = instance?;
        let b = &self.bridge;
        let r = (|| {
            b.configure_pending(i)?;
            let id = b.ensure_state(i, instance)?;
            match self.kind {
                Kind::Column => b.get_value(i, id, &self.key),
                Kind::Relationship => {
                    let rel = self.mapper.relationship(&self.key);
                    if rel.as_ref().is_some_and(|r| r.uselist) {
                        // SQLAlchemy loads a collection when the attribute is read.
                        b.related(i, id, &self.key)?;
                        return Ok(Value::Object(Rc::new(Collection {
                            bridge: b.clone(),
                            parent: id,
                            key: self.key.clone(),
                        })));
                    }
                    let ids = b.related(i, id, &self.key)?;
                    match ids.first() {
                        Some(&o) => b.object(o),
                        None => Ok(Value::None),
                    }
                }
            }
        })();
        Some(r)
    }
    fn descr_set(
        &self,
        i: &mut Interpreter,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        let b = self.bridge.clone();
        let key = self.key.clone();
        let kind = self.kind;
        if let Err(e) = b.configure_pending(i) {
            return Some(Err(e));
        }
        let uselist = self.mapper.relationship(&key).is_some_and(|r| r.uselist);
        let r = (|| {
            let id = b.ensure_state(i, instance)?;
            match kind {
                Kind::Column => {
                    let v = to_sql(i, &value)?;
                    b.note_assigned(id, &key);
                    b.store
                        .borrow_mut()
                        .set_attr(id, &key, v)
                        .map_err(|e| b.raise(i, e))
                }
                Kind::Relationship if uselist => {
                    b.note_assigned(id, &key);
                    let items = i.iterate(&value)?;
                    let current = b.related(i, id, &key)?;
                    for c in current {
                        let child = b.object(c)?;
                        b.remove(i, id, &key, &child)?;
                    }
                    for item in &items {
                        b.append(i, id, &key, item)?;
                    }
                    Ok(())
                }
                Kind::Relationship => {
                    b.note_assigned(id, &key);
                    let target = match &value {
                        Value::None => None,
                        v => Some(b.ensure_state(i, v)?),
                    };
                    b.with_store_or_session(
                        i,
                        id,
                        |s| s.set_related(id, &key, target),
                        |s| s.set_parent(id, &key, target),
                    )
                }
            }
        })();
        Some(r)
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A relationship collection (`user.addresses`): a live list view whose `append` / `remove`
/// go through the ORM (back-populating the other side).
pub struct Collection {
    bridge: Rc<Bridge>,
    parent: ObjectId,
    key: String,
}

impl Collection {
    fn items(&self, i: &mut Interpreter) -> PyResult<Vec<Value>> {
        let ids = self.bridge.related(i, self.parent, &self.key)?;
        ids.into_iter().map(|o| self.bridge.object(o)).collect()
    }
}

impl NativeObject for Collection {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.collections",
            "InstrumentedList",
        ))
    }
    fn type_name(&self) -> String {
        "InstrumentedList".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        let items = self.items(i)?;
        i.repr(&Value::list(items))
    }
    fn iterate(&self, i: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(self.items(i))
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        Some(
            self.items(i)
                .and_then(|items| i.get_item(&Value::list(items), key)),
        )
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        _: bool,
    ) -> Option<PyResult<Value>> {
        if !matches!(op, "==" | "!=") {
            return None;
        }
        let other = match other {
            Value::List(_) => other.clone(),
            Value::Object(o) => match o.as_any().downcast_ref::<Collection>() {
                Some(c) => match c.items(i) {
                    Ok(items) => Value::list(items),
                    Err(e) => return Some(Err(e)),
                },
                None => return None,
            },
            _ => return None,
        };
        Some(self.items(i).and_then(|items| {
            let same = i.eq(&Value::list(items), &other)?;
            Ok(Value::Bool(if op == "==" { same } else { !same }))
        }))
    }
    fn len(&self) -> Option<usize> {
        let store = self.bridge.store.borrow();
        Some(
            store
                .related(self.parent, &self.key)
                .ok()
                .flatten()
                .map_or(0, |v| v.len()),
        )
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (b, parent, key) = (self.bridge.clone(), self.parent, self.key.clone());
        Ok(match name {
            "append" => method(name, move |i, a: Args| {
                let child = a.pos.first().cloned().unwrap_or(Value::None);
                b.append(i, parent, &key, &child)?;
                Ok(Value::None)
            }),
            "remove" => method(name, move |i, a: Args| {
                let child = a.pos.first().cloned().unwrap_or(Value::None);
                b.remove(i, parent, &key, &child)?;
                Ok(Value::None)
            }),
            "extend" => method(name, move |i, a: Args| {
                let items = match a.pos.first() {
                    Some(v) => i.iterate(v)?,
                    None => Vec::new(),
                };
                for item in &items {
                    b.append(i, parent, &key, item)?;
                }
                Ok(Value::None)
            }),
            "pop" => method(name, move |i, a: Args| {
                let items: Vec<ObjectId> = b.related(i, parent, &key)?;
                let n = items.len() as i64;
                let at = match a.pos.first() {
                    Some(Value::Int(k)) => *k,
                    _ => -1,
                };
                let idx = if at < 0 { n + at } else { at };
                let Some(&id) = usize::try_from(idx).ok().and_then(|x| items.get(x)) else {
                    return Err(i.exc("IndexError", "pop index out of range"));
                };
                let child = b.object(id)?;
                b.remove(i, parent, &key, &child)?;
                Ok(child)
            }),
            "__delitem__" => method(name, move |i, a: Args| {
                let items = b.related(i, parent, &key)?;
                let n = items.len() as i64;
                let at = match a.pos.first() {
                    Some(Value::Int(k)) => *k,
                    _ => return Err(super::unsupported(i, "deleting a slice of a collection")),
                };
                let idx = if at < 0 { n + at } else { at };
                let Some(&id) = usize::try_from(idx).ok().and_then(|x| items.get(x)) else {
                    return Err(i.exc("IndexError", "list assignment index out of range"));
                };
                let child = b.object(id)?;
                b.remove(i, parent, &key, &child)?;
                Ok(Value::None)
            }),
            "clear" => method(name, move |i, _| {
                for id in b.related(i, parent, &key)? {
                    let child = b.object(id)?;
                    b.remove(i, parent, &key, &child)?;
                }
                Ok(Value::None)
            }),
            "index" | "count" => {
                let count = name == "count";
                method(name, move |i, a: Args| {
                    let target = a.pos.first().cloned().unwrap_or(Value::None);
                    let items = b.related(i, parent, &key)?;
                    let mut hits = Vec::new();
                    for (n, id) in items.into_iter().enumerate() {
                        if b.object(id)?.is(&target) {
                            hits.push(n);
                        }
                    }
                    match (count, hits.first()) {
                        (true, _) => Ok(Value::Int(hits.len() as i64)),
                        (false, Some(&n)) => Ok(Value::Int(n as i64)),
                        (false, None) => Err(i.value_error("list.index(x): x not in list")),
                    }
                })
            }
            "__len__" => method(name, move |i, _| {
                Ok(Value::Int(b.related(i, parent, &key)?.len() as i64))
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `User.addresses.property`: the mapped property (`str()` is `User.addresses`).
pub struct Property {
    name: String,
    column: bool,
    cascade: Option<String>,
    /// `backref=` and `order_by=` as given.
    info: Option<(Value, Option<Value>)>,
}

/// SQLAlchemy's `CascadeOptions` text: the cascade's words, `all` expanded, sorted.
fn cascade_options(text: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for w in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        match w {
            "all" => words.extend([
                "save-update",
                "merge",
                "refresh-expire",
                "expunge",
                "delete",
            ]),
            "none" => {}
            other => words.push(other),
        }
    }
    words.sort_unstable();
    words.dedup();
    format!("CascadeOptions('{}')", words.join(","))
}

/// The value of `property.cascade`.
struct Cascade(String);

impl NativeObject for Cascade {
    fn type_name(&self) -> String {
        "CascadeOptions".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.0.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl NativeObject for Property {
    fn type_name(&self) -> String {
        if self.column {
            "ColumnProperty"
        } else {
            "Relationship"
        }
        .into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<{} at 0x{:x}; {}>",
            self.type_name(),
            self as *const Self as usize,
            self.name
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.name.clone())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match (name, &self.cascade) {
            ("cascade", Some(c)) => Some(Value::Object(Rc::new(Cascade(cascade_options(c))))),
            ("key", _) => self.name.split('.').nth(1).map(Value::str),
            ("backref", _) => self.info.as_ref().map(|(b, _)| b.clone()),
            ("order_by", _) => self.info.as_ref().map(|(_, o)| match o {
                None => Value::Bool(false),
                Some(Value::List(l)) => Value::tuple(l.borrow().clone()),
                Some(t @ Value::Tuple(_)) => t.clone(),
                Some(v) => Value::tuple(vec![v.clone()]),
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A loaded column of an instance: name, stored value, type.
type LoadedColumn = (String, retort::Value, Option<SqlType>);
/// A loaded relationship of an instance: name, related objects, whether a collection.
type LoadedRelationship = (String, Vec<ObjectId>, bool);

/// The `__dict__` of mapped instances: `_sa_instance_state` and the loaded attributes.
pub struct InstanceDict(pub Rc<Bridge>);

impl NativeObject for InstanceDict {
    fn type_name(&self) -> String {
        "getset_descriptor".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<attribute '__dict__' of 'object' objects>".into())
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        _: &Value,
    ) -> Option<PyResult<Value>> {
        let Some(v @ Value::Instance(inst)) = instance else {
            return None;
        };
        let b = self.0.clone();
        let r = (|| {
            let id = b.ensure_state(i, v)?;
            let inst: &Rc<Instance> = inst;
            let mut pairs: Vec<(Value, Value)> = inst
                .attrs
                .borrow()
                .iter()
                .map(|(k, v)| (Value::str(k), v.clone()))
                .collect();
            // Loaded columns, then loaded relationships, in the order they were assigned.
            let (loaded, related): (Vec<LoadedColumn>, Vec<LoadedRelationship>) = {
                let store = b.store.borrow();
                let o = store.get(id).map_err(|e| b.raise(i, e))?;
                let cols = o
                    .mapper
                    .table()
                    .columns()
                    .iter()
                    .zip(&o.values)
                    .filter_map(|(c, v)| v.clone().map(|v| (c.name.clone(), v, c.type_.clone())))
                    .collect();
                let rels = o
                    .mapper
                    .relationships()
                    .iter()
                    .filter_map(|r| {
                        o.related
                            .get(&r.name)
                            .map(|ids| (r.name.clone(), ids.clone(), r.uselist))
                    })
                    .collect();
                (cols, rels)
            };
            let mut entries: Vec<(String, Value)> = Vec::new();
            for (k, v, ty) in loaded {
                entries.push((k, b.column_to_py(i, ty, v)?));
            }
            for (k, ids, uselist) in related {
                let objects: PyResult<Vec<Value>> = ids.iter().map(|&o| b.object(o)).collect();
                let objects = objects?;
                entries.push((
                    k,
                    if uselist {
                        Value::list(objects)
                    } else {
                        objects.into_iter().next().unwrap_or(Value::None)
                    },
                ));
            }
            let order = b.assigned_order(id);
            entries.sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
            for (k, v) in entries {
                pairs.push((Value::str(&k), v));
            }
            i.new_dict(pairs)
        })();
        Some(r)
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
