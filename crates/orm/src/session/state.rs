//! Object states and the object arena: every mapped instance lives in a [`Store`] under an
//! [`ObjectId`], with its attribute values, its last committed values (for history) and its
//! state — transient, pending, persistent, deleted or detached.

use super::extras::Extras;
use crate::mapper::Mapper;
use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

/// The id of an instance in its [`Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ObjectId(pub usize);

/// SQLAlchemy's five object states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ObjectState {
    /// Not in a session, not in the database.
    Transient,
    /// Added to a session, not yet inserted (a flush makes it persistent).
    Pending,
    /// In a session and in the database.
    Persistent,
    /// Deleted in a flush whose transaction is still open.
    Deleted,
    /// Was in a session, is no longer.
    Detached,
}

/// An attribute's history, as SQLAlchemy's `History(added, unchanged, deleted)`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct History {
    /// The value set since it was loaded (or the value of a new object).
    pub added: Vec<Value>,
    /// The loaded value, when unchanged.
    pub unchanged: Vec<Value>,
    /// The loaded value a new one replaced.
    pub deleted: Vec<Value>,
}

impl History {
    pub(crate) fn of(current: &Option<Value>, committed: &Option<Value>) -> History {
        match (current, committed) {
            (Some(v), Some(c)) if v == c => History {
                unchanged: vec![v.clone()],
                ..History::default()
            },
            (Some(v), Some(c)) => History {
                added: vec![v.clone()],
                deleted: vec![c.clone()],
                ..History::default()
            },
            (Some(v), None) => History {
                added: vec![v.clone()],
                ..History::default()
            },
            (None, _) => History::default(),
        }
    }
}

/// One mapped instance.
///
/// Kept small (`repr(C)`, 72 bytes natively): what every pass of a flush reads (class,
/// values, committed values, state and flags) comes first, and what only relationships,
/// loader options and deferred columns use sits in [`Extras`], allocated by the first object
/// that uses it. A flush of 100k new rows touches each object in five passes (add, plan, row,
/// settle, expire); at ~440 bytes an object those passes missed the cache on every one.
#[derive(Debug, Clone)]
#[repr(C)]
pub struct Instance {
    /// Its class.
    pub mapper: Rc<Mapper>,
    /// Current attribute values; `None` is unloaded or expired.
    pub values: Vec<Option<Value>>,
    /// Values as last loaded or flushed (the attribute history's "unchanged" side).
    pub committed: super::Committed,
    /// Its state.
    pub state: ObjectState,
    /// Whether it is marked for deletion at the next flush.
    pub marked_deleted: bool,
    /// Whether an attribute was set since the last flush (SQLAlchemy's optimistic `dirty`).
    pub modified: bool,
    /// Whether a flush deleted its row (SQLAlchemy's `was_deleted`): it stays set once the
    /// object is detached by the commit, and `add()` refuses it.
    pub(crate) was_deleted: bool,
    /// Its relationships, pending collection changes, loader overrides and deferred columns.
    pub extras: Extras,
}

/// Appends and removals a backref made to a collection that was not loaded (SQLAlchemy's
/// `PendingCollection`).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct PendingCollection {
    /// Objects appended, in order.
    pub(crate) added: Vec<ObjectId>,
    /// Objects removed.
    pub(crate) removed: Vec<ObjectId>,
}

impl PendingCollection {
    pub(crate) fn append(&mut self, id: ObjectId) {
        if let Some(i) = self.removed.iter().position(|&r| r == id) {
            self.removed.remove(i);
        } else if !self.added.contains(&id) {
            self.added.push(id);
        }
    }

    pub(crate) fn remove(&mut self, id: ObjectId) {
        if let Some(i) = self.added.iter().position(|&r| r == id) {
            self.added.remove(i);
        } else if !self.removed.contains(&id) {
            self.removed.push(id);
        }
    }

    /// `loaded` (the rows just read) with these changes applied.
    pub(crate) fn merge_into(&self, loaded: &mut Vec<ObjectId>) {
        for &a in &self.added {
            if !loaded.contains(&a) {
                loaded.push(a);
            }
        }
        loaded.retain(|c| !self.removed.contains(c));
    }
}

/// The arena of all instances.
#[derive(Debug, Default)]
pub struct Store {
    pub(crate) objects: Vec<Instance>,
}

impl Store {
    /// An empty arena.
    pub fn new() -> Self {
        Store::default()
    }

    /// `User(name="ed")`: a new transient instance with the given attribute values (and its
    /// class's polymorphic identity in the discriminator, unless given).
    ///
    /// # Failure
    /// [`crate::Error::TypeError`] for an unknown attribute, worded as SQLAlchemy's
    /// constructor: `'nme' is an invalid keyword argument for User`.
    pub fn create(
        &mut self,
        mapper: &Rc<Mapper>,
        values: &[(String, Value)],
    ) -> crate::Result<ObjectId> {
        let mut vals: Vec<Option<Value>> = vec![None; mapper.width()];
        for (name, v) in values {
            let Some(pos) = mapper.table().column_index(name) else {
                return Err(crate::Error::TypeError(
                    format!(
                        "{name:?} is an invalid keyword argument for {}",
                        mapper.class_name()
                    )
                    .replacen('"', "'", 2),
                ));
            };
            vals[pos] = Some(v.clone());
        }
        mapper.init_polymorphic_identity(&mut vals);
        self.objects.push(Instance {
            mapper: Rc::clone(mapper),
            state: ObjectState::Transient,
            values: vals,
            committed: super::Committed::unknown(mapper.width()),
            marked_deleted: false,
            modified: false,
            was_deleted: false,
            extras: Extras::default(),
        });
        Ok(ObjectId(self.objects.len() - 1))
    }

    /// The instance `id`.
    ///
    /// # Failure
    /// [`crate::Error::UnmappedInstanceError`] for an id this store never gave out.
    pub fn get(&self, id: ObjectId) -> crate::Result<&Instance> {
        self.objects.get(id.0).ok_or_else(|| {
            crate::Error::UnmappedInstanceError(format!("No object with id {}", id.0))
        })
    }

    /// `obj.name = value` on an object in or out of a session (recorded in its history; the
    /// object becomes modified), as [`crate::session::Session::set_attr`].
    ///
    /// # Failure
    /// [`crate::Error::InvalidRequestError`] for an unknown attribute.
    pub fn set_attr(&mut self, id: ObjectId, name: &str, value: Value) -> crate::Result<()> {
        let inst = self.get_mut(id)?;
        let pos = inst.mapper.attr(name)?;
        inst.values[pos] = Some(value);
        inst.modified = true;
        if let Some(extras) = inst.extras.if_any() {
            extras.init_defaults.retain(|&p| p != pos);
        }
        Ok(())
    }

    /// Records that a dataclass `__init__` set column `name` of `id` from the column's
    /// `default=` (a name that is no column is ignored).
    ///
    /// # Failure
    /// [`crate::Error::UnmappedInstanceError`] for an unknown object.
    pub fn mark_init_default(&mut self, id: ObjectId, name: &str) -> crate::Result<()> {
        let inst = self.get_mut(id)?;
        if let Ok(pos) = inst.mapper.attr(name)
            && !inst.extras.init_defaults.contains(&pos)
        {
            inst.extras.init_defaults.push(pos);
        }
        Ok(())
    }

    /// `make_transient(obj)` for an object in no session: it becomes transient, forgetting
    /// its identity and deletion; loaded values stay (a later flush INSERTs them).
    ///
    /// # Failure
    /// [`crate::Error::UnmappedInstanceError`] for an unknown id.
    pub fn make_transient(&mut self, id: ObjectId) -> crate::Result<()> {
        let inst = self.get_mut(id)?;
        inst.state = ObjectState::Transient;
        inst.marked_deleted = false;
        // A deleted-and-committed object may be added again once it is transient.
        inst.was_deleted = false;
        Ok(())
    }

    /// `make_transient_to_detached(obj)`: a transient object becomes detached, its current
    /// values taken as loaded (no history), its unset attributes expired.
    ///
    /// # Failure
    /// [`crate::Error::InvalidRequestError`] when the object is not transient.
    pub fn make_transient_to_detached(&mut self, id: ObjectId) -> crate::Result<()> {
        let inst = self.get_mut(id)?;
        if inst.state != ObjectState::Transient {
            return Err(crate::Error::InvalidRequestError(
                "Given object must be transient".into(),
            ));
        }
        inst.state = ObjectState::Detached;
        inst.committed = super::Committed::of(&inst.values);
        inst.modified = false;
        inst.marked_deleted = false;
        Ok(())
    }

    pub(crate) fn get_mut(&mut self, id: ObjectId) -> crate::Result<&mut Instance> {
        self.objects.get_mut(id.0).ok_or_else(|| {
            crate::Error::UnmappedInstanceError(format!("No object with id {}", id.0))
        })
    }
}

impl Instance {
    /// How relationship `rel` lazy-loads for this object: a query option's strategy, else
    /// the relationship's own `lazy=`.
    pub(crate) fn lazy_of(
        &self,
        rel: &crate::relationship::Relationship,
    ) -> crate::relationship::Lazy {
        self.extras
            .lazy_override
            .iter()
            .rev()
            .find(|(n, _)| *n == rel.name)
            .map_or(rel.lazy, |(_, l)| *l)
    }

    /// The identity key's values (the primary key), when all are known.
    pub fn pk_values(&self) -> Option<Vec<Value>> {
        self.mapper
            .pk()
            .iter()
            .map(
                |&i| match self.values[i].as_ref().or(self.committed[i].as_ref()) {
                    Some(Value::Null) | None => None,
                    Some(v) => Some(v.clone()),
                },
            )
            .collect()
    }

    /// The primary key its row was loaded (or last flushed) with, the current value where
    /// none was committed, NULL where neither is known: what an UPDATE's WHERE matches.
    pub fn loaded_key(&self) -> Vec<Value> {
        self.mapper
            .pk()
            .iter()
            .map(|&i| {
                self.committed[i]
                    .clone()
                    .or_else(|| self.values[i].clone())
                    .unwrap_or(Value::Null)
            })
            .collect()
    }

    /// Whether any attribute differs from its committed value.
    pub fn is_changed(&self) -> bool {
        self.values
            .iter()
            .enumerate()
            .any(|(i, v)| v.is_some() && *v != self.committed[i])
    }

    /// Attribute history: the positions whose value differs from the committed one.
    pub fn changed(&self) -> Vec<usize> {
        (0..self.values.len())
            .filter(|&i| self.values[i].is_some() && self.values[i] != self.committed[i])
            .collect()
    }
}
