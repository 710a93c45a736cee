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
    let target = a.pos.first().cloned().unwrap_or(Value::None);
    if let Value::Class(c) = &target
        && let Some(m) = b.mapped_class_of(c)
    {
        return Ok(obj(MapperObj(m)));
    }
    if native::<super::engine::EngineObj>(&target).is_some() {
        return Err(super::unsupported(i, "inspect(engine) (schema reflection)"));
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
        Value::Instance(inst) => format!("<class '__main__.{}'>", inst.class.name),
        Value::Class(_) => "<class 'type'>".to_owned(),
        other => format!("<class '{}'>", other.type_name()),
    };
    Err(b.error(
        i,
        "NoInspectionAvailable",
        &format!("No inspection system is available for object of type {shown}"),
    ))
}

/// `inspect(User)`: the mapper.
pub struct MapperObj(pub Mapped);

impl NativeObject for MapperObj {
    fn type_name(&self) -> String {
        "Mapper".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "Mapper[{}({})]",
            self.0.mapper.class_name(),
            self.0.mapper.table().name()
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "class_" => Some(Value::Class(self.0.class.clone())),
            "local_table" | "persist_selectable" => self.0.class.lookup("__table__"),
            _ => None,
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
        Some((inst.state, inst.marked_deleted, inst.pk_values()))
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
            .relationships()
            .iter()
            .filter(|r| !inst.related.contains_key(&r.name))
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
                (Some(id), Some(c)) => Value::tuple(vec![Value::Class(c), id, Value::None]),
                _ => Value::None,
            },
            "object" => self.object.clone(),
            "class_" => class.map(Value::Class).unwrap_or(Value::None),
            "mapper" => match class.and_then(|c| self.bridge.mapped_class_of(&c)) {
                Some(m) => obj(MapperObj(m)),
                None => Value::None,
            },
            "session" => self
                .bridge
                .session_of(self.id)
                .and_then(|s| self.bridge.session_object(&s))
                .map_or(Value::None, |(v, _)| v),
            "unloaded" => set_of(i, self.unloaded())?,
            "expired_attributes" => {
                if matches!(state, ObjectState::Transient | ObjectState::Pending) {
                    set_of(i, Vec::new())?
                } else {
                    set_of(i, self.expired())?
                }
            }
            "modified" => {
                let store = self.bridge.store.borrow();
                Value::Bool(store.get(self.id).is_ok_and(|o| o.modified))
            }
            _ => return Ok(None),
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
