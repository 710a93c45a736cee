//! The object state behind instrumented attributes: creating an instance's ORM object on
//! first use, reading columns (loading expired ones through the session, typed as
//! SQLAlchemy returns them), relationship loads and collection changes, routed through
//! the object's session when it has one.

use super::instrument::InstanceState;
use super::{Bridge, object_id, to_py};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::{ObjectId, ObjectState};
use retort::types::SqlType;
use std::rc::Rc;

impl Bridge {
    /// The ORM object behind a mapped instance, creating it (transient) on first use: what
    /// SQLAlchemy's instrumented `__init__` does before the class's own.
    pub fn ensure_state(self: &Rc<Self>, i: &Interpreter, v: &Value) -> PyResult<ObjectId> {
        if let Some(id) = object_id(v) {
            return Ok(id);
        }
        let Value::Instance(inst) = v else {
            return Err(i.exc(
                "AttributeError",
                format!(
                    "'{}' object has no attribute '_sa_instance_state'",
                    v.type_name()
                ),
            ));
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
        let (value, state, ty, class, deferred) = {
            let store = self.store.borrow();
            let inst = store.get(id).map_err(|e| self.raise(i, e))?;
            let pos = inst.mapper.attr(key).map_err(|e| self.raise(i, e))?;
            let ty = inst.mapper.table().columns()[pos].type_.clone();
            (
                inst.values[pos].clone(),
                inst.state,
                ty,
                inst.mapper.class_name().to_owned(),
                inst.is_deferred(pos),
            )
        };
        let value = match value {
            Some(v) => {
                if matches!(ty, Some(SqlType::Numeric { .. } | SqlType::Boolean))
                    && let Some((stored, py)) =
                        self.set_values.borrow().get(&(id.0, key.to_owned()))
                    && *stored == v
                {
                    return Ok(py.clone());
                }
                v
            }
            None => match self.session_of(id) {
                Some(session) => {
                    self.set_values.borrow_mut().remove(&(id.0, key.to_owned()));
                    // Loading expired attributes autoflushes first, as SQLAlchemy's
                    // refresh-on-access does.
                    let r = {
                        let mut s = session.borrow_mut();
                        let expired = state == ObjectState::Persistent;
                        let flushed = if expired && s.contains(id) {
                            s.autoflush_now()
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
                    if matches!(state, ObjectState::Detached | ObjectState::Persistent)
                        && known
                        && deferred
                    {
                        return Err(self.error(
                            i,
                            "DetachedInstanceError",
                            &retort::session::detached_deferred_message(&class, id, key),
                        ));
                    }
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
        if ty == Some(SqlType::Json)
            && let retort::Value::Text(text) = &value
        {
            return self.json_attr(i, id, key, text);
        }
        if let (Some(SqlType::Enum { .. }), retort::Value::Text(name)) = (&ty, &value)
            && let Some(member) = self.enum_member(i, id, key, name)?
        {
            return Ok(member);
        }
        self.column_to_py(i, ty, value)
    }

    /// The Python value of JSON attribute `key` of `id` stored as `text`: the one read or
    /// assigned before while the text is unchanged, else `text` parsed.
    fn json_attr(
        &self,
        i: &mut Interpreter,
        id: ObjectId,
        key: &str,
        text: &str,
    ) -> PyResult<Value> {
        let slot = (id.0, key.to_owned());
        if let Some((stored, v)) = self.json_values.borrow().get(&slot)
            && stored == text
        {
            return Ok(v.clone());
        }
        let v = crate::json::loads(i, text)?;
        self.json_values
            .borrow_mut()
            .insert(slot, (text.to_owned(), v.clone()));
        Ok(v)
    }

    /// The member named `name` of the Python enum class of column `key` of `id`'s table
    /// (`None` when the column has no Python enum class).
    ///
    /// # Failure
    /// `LookupError` worded as SQLAlchemy's when no member has that name.
    fn enum_member(
        &self,
        i: &mut Interpreter,
        id: ObjectId,
        key: &str,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let table = match self.store.borrow().get(id) {
            Ok(o) => o.mapper.table().name().to_owned(),
            Err(_) => return Ok(None),
        };
        self.enum_member_of(i, table, key, name)
    }

    /// The member named `name` of the Python enum class of column `key` of `table` (`None`
    /// when the column has none).
    ///
    /// # Failure
    /// As [`Bridge::enum_member`].
    pub fn enum_member_of(
        &self,
        i: &mut Interpreter,
        table: String,
        key: &str,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let class = self
            .py_enums
            .borrow()
            .get(&(table, key.to_owned()))
            .cloned();
        let Some(Value::Class(class)) = class else {
            return Ok(None);
        };
        let members = crate::enums::members(&class).unwrap_or_default();
        for m in &members {
            if let Value::Instance(inst) = m
                && matches!(inst.attrs.borrow().get("_name_"), Some(Value::Str(s)) if &**s == name)
            {
                return Ok(Some(m.clone()));
            }
        }
        let names = super::schema::enum_labels(i, &members)?;
        Err(i.exc(
            "LookupError",
            format!(
                "'{name}' is not among the defined enum values. Enum name: {}. Possible values: {}",
                class.name.to_lowercase(),
                names.join(", ")
            ),
        ))
    }

    /// Notes that JSON attribute `key` of `id` was set to `value`, stored as `text`.
    pub fn note_json(&self, id: ObjectId, key: &str, text: &str, value: &Value) {
        self.json_values
            .borrow_mut()
            .insert((id.0, key.to_owned()), (text.to_owned(), value.clone()));
    }

    /// Notes that `Numeric` / `Boolean` attribute `key` of `id` was set to `value`, stored
    /// as `stored`: reads give `value` back until the attribute is loaded from the database.
    pub fn note_set_value(&self, id: ObjectId, key: &str, stored: &retort::Value, value: &Value) {
        self.set_values
            .borrow_mut()
            .insert((id.0, key.to_owned()), (stored.clone(), value.clone()));
    }

    /// Forgets the values assigned to `id`'s attributes (it is expired or refreshed).
    pub fn forget_set_values(&self, id: ObjectId) {
        self.set_values.borrow_mut().retain(|(o, _), _| *o != id.0);
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
            (Some(SqlType::Json), retort::Value::Text(s)) => match crate::json::loads(i, s) {
                Ok(v) => v,
                Err(_) => to_py(&value),
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
                // A many-to-one the identity map would answer: SQLAlchemy's answer depends
                // on whether that object is still alive.
                let found = session.borrow().lazy_target(id, key);
                self.prune_if_unreferenced(&session, found);
                let r = session.borrow_mut().related(id, key);
                self.pump(i);
                if r.is_ok() {
                    super::orm_events::fire_loads(self, i)?;
                }
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

    pub(super) fn with_store_or_session(
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

    /// Whether the object has a row (persistent or detached: SQLAlchemy's `has_identity`).
    pub fn has_identity(&self, id: ObjectId) -> bool {
        self.store
            .borrow()
            .get(id)
            .is_ok_and(|o| matches!(o.state, ObjectState::Persistent | ObjectState::Detached))
    }

    /// `parent.key.append(child)`.
    pub fn append(
        self: &Rc<Self>,
        i: &mut Interpreter,
        parent: ObjectId,
        key: &str,
        child: &Value,
    ) -> PyResult<()> {
        // `@validates("addresses")` sees each appended object and may replace it.
        let owner = self.object(parent)?;
        let child = &super::validates::validate(i, &owner, key, child.clone())?;
        let back = self
            .store
            .borrow()
            .get(parent)
            .ok()
            .and_then(|p| p.mapper.relationship(key))
            .and_then(|r| r.back_populates);
        if let Some(back) = back {
            // The backref sets `child.<back> = owner`, which its validator sees.
            super::validates::validate(i, child, &back, owner.clone())?;
        }
        let child = self.ensure_state(i, child)?;
        let rel = self
            .store
            .borrow()
            .get(parent)
            .ok()
            .and_then(|p| p.mapper.relationship(key));
        let cascade = rel.as_ref().is_some_and(|r| r.cascade_save_update);
        let viewonly = rel.as_ref().is_some_and(|r| r.viewonly);
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
        if self.session_of(parent).is_some() && !viewonly {
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
