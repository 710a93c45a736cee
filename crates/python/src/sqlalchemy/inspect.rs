//! `sqlalchemy.inspect()`: an instance's state (transient / pending / persistent / deleted /
//! detached, identity, attribute values and history) and a class's `Mapper`.

use super::{Bridge, Mapped, native, obj, to_py};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::{ObjectId, ObjectState};
use std::any::Any;
use std::rc::Rc;

/// `inspect(obj)`.
pub fn inspect(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    b.configure_pending(i)?;
    let target = a.pos.first().cloned().unwrap_or(Value::None);
    if let Value::Class(c) = &target
        && let Some(m) = b.mapped_class_of(c)
    {
        return Ok(mapper_value(&m, Rc::downgrade(b)));
    }
    if let Some(e) = native::<super::engine::EngineObj>(&target) {
        return Ok(super::reflection::InspectorObj::value(b, &e.engine));
    }
    if let Value::Instance(inst) = &target
        && b.mapped_class_of(&inst.class).is_some()
    {
        let id = b.ensure_state(i, &target)?;
        return Ok(obj(StateObj {
            bridge: b.clone(),
            id,
            object: target.clone(),
        }));
    }
    let shown = match &target {
        Value::Instance(inst) if inst.class.module == "builtins" => {
            format!("<class '{}'>", inst.class.name)
        }
        Value::Instance(inst) => format!("<class '{}.{}'>", inst.class.module, inst.class.name),
        Value::Class(_) => "<class 'type'>".to_owned(),
        other => format!("<class '{}'>", other.type_name()),
    };
    Err(b.error(
        i,
        "NoInspectionAvailable",
        &format!("No inspection system is available for object of type {shown}"),
    ))
}

/// The mapper of a mapped class as a value: its `__mapper__` (one object per class, so that
/// `inspect(obj).mapper is inspect(User)`).
pub fn mapper_value(m: &Mapped, b: std::rc::Weak<Bridge>) -> Value {
    match m.class.dict.borrow().get("__mapper__") {
        Some(v) if native::<MapperObj>(v).is_some() => v.clone(),
        _ => obj(MapperObj(m.clone(), b)),
    }
}

/// `inspect(User)`: the mapper.
pub struct MapperObj(pub Mapped, pub std::rc::Weak<Bridge>);

impl MapperObj {
    fn bridge_attr(&self, i: &mut Interpreter, name: &str) -> PyResult<Option<Value>> {
        match self.1.upgrade() {
            Some(b) => super::mapper_info::mapper_attr(&b, i, &self.0, name),
            None => Ok(None),
        }
    }
}

impl NativeObject for MapperObj {
    fn type_name(&self) -> String {
        "Mapper".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<Mapper at 0x{:x}; {}>",
            self as *const Self as usize,
            self.0.mapper.class_name()
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "Mapper[{}({})]",
            self.0.mapper.class_name(),
            self.0.mapper.table().name()
        ))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "class_" => Some(Value::Class(self.0.class.clone())),
            "local_table" | "persist_selectable" => self.0.class.lookup("__table__"),
            _ => return self.bridge_attr(i, name),
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `inspect(obj)`: an `InstanceState`.
pub struct StateObj {
    bridge: Rc<Bridge>,
    id: ObjectId,
    object: Value,
}

impl StateObj {
    fn state(&self) -> Option<(ObjectState, bool, Option<Vec<retort::Value>>)> {
        let store = self.bridge.store.borrow();
        let inst = store.get(self.id).ok()?;
        let state = self.seen().map_or(inst.state, |(s, _)| s);
        Some((state, inst.marked_deleted, inst.pk_values()))
    }

    /// Its state and modified flag as flush events see them while a flush runs (SQLAlchemy's
    /// `after_flush` sees them as before the flush).
    fn seen(&self) -> Option<(ObjectState, bool)> {
        let session = self.bridge.session_of(self.id)?;
        let session = session.try_borrow().ok()?;
        session.seen_state(self.id)
    }

    /// Expired attributes: unloaded columns, and (when some column is expired, as after a
    /// commit) the unloaded relationships too.
    fn expired(&self) -> Vec<String> {
        let store = self.bridge.store.borrow();
        let Ok(inst) = store.get(self.id) else {
            return Vec::new();
        };
        if inst.values.iter().all(Option::is_some) {
            return Vec::new();
        }
        if inst.values.iter().any(Option::is_some) {
            // Some attributes expired (`session.expire(obj, [...])`): just those.
            return inst
                .mapper
                .table()
                .columns()
                .iter()
                .zip(&inst.values)
                .filter(|(_, v)| v.is_none())
                .map(|(c, _)| c.name.clone())
                .collect();
        }
        drop(store);
        self.unloaded()
    }

    fn unloaded(&self) -> Vec<String> {
        let store = self.bridge.store.borrow();
        let Ok(inst) = store.get(self.id) else {
            return Vec::new();
        };
        let mut names: Vec<String> = inst
            .mapper
            .all_relationships()
            .iter()
            .filter(|r| !inst.extras.related.contains_key(&r.name))
            .map(|r| r.name.clone())
            .collect();
        names.extend(
            inst.mapper
                .table()
                .columns()
                .iter()
                .zip(&inst.values)
                .filter(|(_, v)| v.is_none())
                .map(|(c, _)| c.name.clone()),
        );
        names
    }
}

fn set_of(i: &mut Interpreter, names: Vec<String>) -> PyResult<Value> {
    let s = Value::Set(Rc::default());
    if let Value::Set(set) = &s {
        for n in names {
            let v = Value::str(&n);
            let k = i.hash_key(&v)?;
            crate::value::set_put(&mut set.borrow_mut(), k, v);
        }
    }
    Ok(s)
}

impl NativeObject for StateObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.state",
            &self.type_name(),
        ))
    }
    fn type_name(&self) -> String {
        "InstanceState".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.state.InstanceState object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let Some((state, marked_deleted, pk)) = self.state() else {
            return Ok(None);
        };
        let identity = match (&pk, state) {
            (Some(pk), ObjectState::Persistent | ObjectState::Deleted | ObjectState::Detached) => {
                Some(Value::tuple(pk.iter().map(to_py).collect()))
            }
            _ => None,
        };
        let class = match &self.object {
            Value::Instance(inst) => Some(inst.class.clone()),
            _ => None,
        };
        Ok(Some(match name {
            "transient" => Value::Bool(state == ObjectState::Transient),
            "pending" => Value::Bool(state == ObjectState::Pending),
            "persistent" => Value::Bool(state == ObjectState::Persistent),
            "deleted" => Value::Bool(state == ObjectState::Deleted),
            "detached" => Value::Bool(state == ObjectState::Detached),
            "was_deleted" => Value::Bool(
                state == ObjectState::Deleted
                    || marked_deleted && state != ObjectState::Persistent
                    || self.bridge.was_deleted.borrow().contains(&self.id.0),
            ),
            "has_identity" => Value::Bool(identity.is_some()),
            "identity" => identity.unwrap_or(Value::None),
            "identity_key" | "key" => match (identity, class.clone()) {
                (Some(id), Some(c)) => Value::tuple(vec![
                    Value::Class(super::inheritance::identity_class(&self.bridge, &c)),
                    id,
                    Value::None,
                ]),
                _ => Value::None,
            },
            "object" => self.object.clone(),
            "class_" => class.map(Value::Class).unwrap_or(Value::None),
            "mapper" => match class.and_then(|c| self.bridge.mapped_class_of(&c)) {
                Some(m) => mapper_value(&m, Rc::downgrade(&self.bridge)),
                None => Value::None,
            },
            "session" => self
                .bridge
                .session_of(self.id)
                .and_then(|s| self.bridge.session_object(&s))
                .map_or(Value::None, |(v, _)| v),
            "unloaded" => set_of(i, self.unloaded())?,
            "attrs" => obj(AttrsView {
                bridge: self.bridge.clone(),
                id: self.id,
            }),
            "expired_attributes" => {
                if matches!(state, ObjectState::Transient | ObjectState::Pending) {
                    set_of(i, Vec::new())?
                } else {
                    set_of(i, self.expired())?
                }
            }
            // Set by a whole-object expiry, cleared by the next load.
            "expired" => Value::Bool(
                matches!(
                    state,
                    ObjectState::Persistent | ObjectState::Detached | ObjectState::Deleted
                ) && {
                    let store = self.bridge.store.borrow();
                    store
                        .get(self.id)
                        .is_ok_and(|o| o.values.iter().all(Option::is_none))
                },
            ),
            "modified" => match self.seen() {
                Some((_, modified)) => Value::Bool(modified),
                None => {
                    let store = self.bridge.store.borrow();
                    Value::Bool(store.get(self.id).is_ok_and(|o| o.modified))
                }
            },
            _ => return Ok(None),
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `inspect(obj).attrs`: the attribute states by name.
pub struct AttrsView {
    bridge: Rc<Bridge>,
    id: ObjectId,
}

impl AttrsView {
    /// Relationships first, then columns, as SQLAlchemy lists them.
    fn names(&self) -> Vec<String> {
        let store = self.bridge.store.borrow();
        let Ok(inst) = store.get(self.id) else {
            return Vec::new();
        };
        let mut names: Vec<String> = inst
            .mapper
            .all_relationships()
            .iter()
            .map(|r| r.name.clone())
            .collect();
        names.extend(inst.mapper.table().columns().iter().map(|c| c.name.clone()));
        names
    }
}

impl NativeObject for AttrsView {
    fn type_name(&self) -> String {
        "ReadOnlyProperties".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.util._collections.ReadOnlyProperties object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.names().iter().map(|n| self.attr(n)).collect()))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "keys" {
            let names = self.names();
            return Ok(super::method(name, move |_, _| {
                Ok(Value::list(names.iter().map(|n| Value::str(n)).collect()))
            }));
        }
        Ok(self
            .names()
            .iter()
            .any(|n| n == name)
            .then(|| self.attr(name)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl AttrsView {
    fn attr(&self, name: &str) -> Value {
        obj(AttrState {
            bridge: self.bridge.clone(),
            id: self.id,
            key: name.to_owned(),
        })
    }
}

/// `inspect(obj).attrs.name`: value, loaded value and history of one attribute.
pub struct AttrState {
    bridge: Rc<Bridge>,
    id: ObjectId,
    key: String,
}

/// `History(added, unchanged, deleted)`; `None` parts print as `()`.
pub struct HistoryObj {
    added: Option<Vec<Value>>,
    unchanged: Option<Vec<Value>>,
    deleted: Option<Vec<Value>>,
}

fn part(v: &Option<Vec<Value>>) -> Value {
    match v {
        Some(items) => Value::list(items.clone()),
        None => Value::tuple(Vec::new()),
    }
}

impl NativeObject for HistoryObj {
    fn type_name(&self) -> String {
        "History".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "History(added={}, unchanged={}, deleted={})",
            i.repr(&part(&self.added))?,
            i.repr(&part(&self.unchanged))?,
            i.repr(&part(&self.deleted))?
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let changed = self.added.as_ref().is_some_and(|a| !a.is_empty())
            || self.deleted.as_ref().is_some_and(|d| !d.is_empty());
        Ok(match name {
            "added" => Some(part(&self.added)),
            "unchanged" => Some(part(&self.unchanged)),
            "deleted" => Some(part(&self.deleted)),
            "has_changes" => super::method(name, move |_, _| Ok(Value::Bool(changed))),
            "empty" => {
                let empty = !changed && self.unchanged.as_ref().is_none_or(Vec::is_empty);
                super::method(name, move |_, _| Ok(Value::Bool(empty)))
            }
            _ => None,
        })
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(vec![
            part(&self.added),
            part(&self.unchanged),
            part(&self.deleted),
        ]))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `LoaderCallableStatus.NO_VALUE`.
pub struct NoValue;

impl NativeObject for NoValue {
    fn type_name(&self) -> String {
        "LoaderCallableStatus".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<LoaderCallableStatus.NO_VALUE: 4>".into())
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("LoaderCallableStatus.NO_VALUE".into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn nonempty(v: Vec<Value>) -> Option<Vec<Value>> {
    (!v.is_empty()).then_some(v)
}

impl AttrState {
    /// A column's history: its value against the one last loaded or flushed.
    fn column_history(&self) -> Option<HistoryObj> {
        let store = self.bridge.store.borrow();
        let inst = store.get(self.id).ok()?;
        let pos = inst.mapper.attr(&self.key).ok()?;
        let (cur, com) = (inst.values[pos].clone(), inst.committed[pos].clone());
        let (added, unchanged, deleted) = match (cur, com) {
            (Some(v), Some(c)) if v == c => (vec![], vec![to_py(&v)], vec![]),
            (Some(v), Some(c)) => (vec![to_py(&v)], vec![], vec![to_py(&c)]),
            (Some(v), None) => (vec![to_py(&v)], vec![], vec![]),
            (None, _) => (vec![], vec![], vec![]),
        };
        Some(HistoryObj {
            added: nonempty(added),
            unchanged: nonempty(unchanged),
            deleted: nonempty(deleted),
        })
    }

    /// A relationship's history: related objects whose link is not flushed yet are added.
    fn relationship_history(&self) -> PyResult<Option<HistoryObj>> {
        use retort::relationship::Direction;
        let b = &self.bridge;
        let (rel, related) = {
            let store = b.store.borrow();
            let Ok(inst) = store.get(self.id) else {
                return Ok(None);
            };
            let Some(rel) = inst.mapper.relationship(&self.key) else {
                return Ok(None);
            };
            let related = inst
                .extras
                .related
                .get(&self.key)
                .cloned()
                .unwrap_or_default();
            (rel, related)
        };
        let committed = |obj: ObjectId, col: &str| -> Option<retort::Value> {
            let store = b.store.borrow();
            let o = store.get(obj).ok()?;
            let pos = o.mapper.attr(col).ok()?;
            o.committed[pos]
                .clone()
                .filter(|v| *v != retort::Value::Null)
        };
        let current = |obj: ObjectId, col: &str| -> Option<retort::Value> {
            let store = b.store.borrow();
            let o = store.get(obj).ok()?;
            let pos = o.mapper.attr(col).ok()?;
            o.values[pos].clone().or_else(|| o.committed[pos].clone())
        };
        let (mut added, mut unchanged) = (Vec::new(), Vec::new());
        for &other in &related {
            let flushed = match rel.direction {
                Direction::ManyToOne => {
                    let fk = committed(self.id, &rel.fk);
                    fk.is_some() && fk == current(other, &rel.referred)
                }
                Direction::OneToMany => {
                    let fk = committed(other, &rel.fk);
                    fk.is_some() && fk == current(self.id, &rel.referred)
                }
                _ => b.store.borrow().get(other).is_ok_and(|o| {
                    !matches!(o.state, ObjectState::Transient | ObjectState::Pending)
                }),
            };
            let v = b.object(other)?;
            if flushed {
                unchanged.push(v);
            } else {
                added.push(v);
            }
        }
        Ok(Some(if rel.uselist && !added.is_empty() {
            HistoryObj {
                added: Some(added),
                unchanged: Some(unchanged),
                deleted: Some(Vec::new()),
            }
        } else if rel.uselist {
            HistoryObj {
                added: None,
                unchanged: Some(unchanged),
                deleted: None,
            }
        } else {
            HistoryObj {
                added: nonempty(added),
                unchanged: nonempty(unchanged),
                deleted: None,
            }
        }))
    }
}

impl NativeObject for AttrState {
    fn type_name(&self) -> String {
        "AttributeState".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.state.AttributeState object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let is_column = {
            let store = self.bridge.store.borrow();
            store
                .get(self.id)
                .is_ok_and(|o| o.mapper.attr(&self.key).is_ok())
        };
        Ok(Some(match name {
            "key" => Value::str(&self.key),
            "value" => {
                let object = self.bridge.object(self.id)?;
                i.getattr(&object, &self.key)?
            }
            "loaded_value" if is_column => {
                let store = self.bridge.store.borrow();
                let committed = store.get(self.id).ok().and_then(|o| {
                    let pos = o.mapper.attr(&self.key).ok()?;
                    o.committed[pos].clone()
                });
                match committed {
                    Some(v) => to_py(&v),
                    None => obj(NoValue),
                }
            }
            "history" => {
                let h = if is_column {
                    self.column_history()
                } else {
                    self.relationship_history()?
                };
                match h {
                    Some(h) => obj(h),
                    None => return Ok(None),
                }
            }
            _ => return Ok(None),
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
