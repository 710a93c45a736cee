//! Relationship collections (`user.addresses`, a live list view whose changes go through
//! the ORM) and the `__dict__` SQLAlchemy presents for mapped instances.

use super::{Bridge, method};
use crate::class::Instance;
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::ObjectId;
use retort::types::SqlType;
use std::any::Any;
use std::rc::Rc;

/// A relationship collection (`user.addresses`): a live list view whose `append` / `remove`
/// go through the ORM (back-populating the other side).
pub struct Collection {
    pub(super) bridge: Rc<Bridge>,
    pub(super) parent: ObjectId,
    pub(super) key: String,
    /// The parent's Python instance: a collection someone holds keeps its parent, and so its
    /// members, in the session's weak identity map (see `weak.rs`).
    pub(super) _owner: Value,
    /// `Mapped[set[...]]`: an `InstrumentedSet` (`add` / `discard`, no indexing).
    pub(super) set: bool,
}

impl Collection {
    fn items(&self, i: &mut Interpreter) -> PyResult<Vec<Value>> {
        let ids = self.bridge.related(i, self.parent, &self.key)?;
        ids.into_iter().map(|o| self.bridge.object(o)).collect()
    }
}

impl Collection {
    fn as_set(&self, i: &mut Interpreter) -> PyResult<Value> {
        let mut set = crate::value::Set::new();
        for v in self.items(i)? {
            let k = i.hash_key(&v)?;
            crate::value::set_put(&mut set, k, v);
        }
        Ok(Value::Set(Rc::new(std::cell::RefCell::new(set))))
    }

    /// The methods of an `InstrumentedSet`.
    fn set_method(&self, name: &str) -> Option<Value> {
        let (b, parent, key) = (self.bridge.clone(), self.parent, self.key.clone());
        fn contains(
            b: &Rc<Bridge>,
            i: &mut Interpreter,
            parent: ObjectId,
            key: &str,
            child: &Value,
        ) -> PyResult<bool> {
            let ids = b.related(i, parent, key)?;
            Ok(super::object_id(child).is_some_and(|id| ids.contains(&id)))
        }
        match name {
            "add" => method(name, move |i, a: Args| {
                let child = a.pos.first().cloned().unwrap_or(Value::None);
                if !contains(&b, i, parent, &key, &child)? {
                    b.append(i, parent, &key, &child)?;
                }
                Ok(Value::None)
            }),
            "discard" | "remove" => {
                let strict = name == "remove";
                method(name, move |i, a: Args| {
                    let child = a.pos.first().cloned().unwrap_or(Value::None);
                    if contains(&b, i, parent, &key, &child)? {
                        b.remove(i, parent, &key, &child)?;
                    } else if strict {
                        return Err(match i.exception_class("KeyError") {
                            Some(c) => crate::Exc::Raise(i.new_exception(&c, vec![child])),
                            None => i.exc("KeyError", ""),
                        });
                    }
                    Ok(Value::None)
                })
            }
            "update" => method(name, move |i, a: Args| {
                for arg in &a.pos {
                    for child in i.iterate(arg)? {
                        if !contains(&b, i, parent, &key, &child)? {
                            b.append(i, parent, &key, &child)?;
                        }
                    }
                }
                Ok(Value::None)
            }),
            _ => None,
        }
    }
}

impl NativeObject for Collection {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.collections",
            &self.type_name(),
        ))
    }
    fn type_name(&self) -> String {
        if self.set {
            "InstrumentedSet"
        } else {
            "InstrumentedList"
        }
        .into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        if self.set {
            let s = self.as_set(i)?;
            if matches!(&s, Value::Set(x) if x.borrow().is_empty()) {
                return Ok("InstrumentedSet()".into());
            }
            return Ok(format!("InstrumentedSet({})", i.repr(&s)?));
        }
        let items = self.items(i)?;
        i.repr(&Value::list(items))
    }
    fn iterate(&self, i: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(self.items(i))
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        if self.set {
            return None;
        }
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
        if self.set {
            return Some(self.as_set(i).and_then(|mine| {
                let same = i.eq(&mine, other)?;
                Ok(Value::Bool(if op == "==" { same } else { !same }))
            }));
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
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        if self.set {
            if let Some(m) = self.set_method(name) {
                return Ok(Some(m));
            }
            if !matches!(name, "clear" | "__len__") {
                return Ok(None);
            }
        }
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
            // `user.addresses += [...]`: extends the collection, which stays the attribute.
            "__iadd__" => {
                let this = this.clone();
                method(name, move |i, a: Args| {
                    let items = match a.pos.first() {
                        Some(v) => i.iterate(v)?,
                        None => Vec::new(),
                    };
                    for item in &items {
                        b.append(i, parent, &key, item)?;
                    }
                    Ok(this.clone())
                })
            }
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
                        o.extras
                            .related
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
