//! Object states and the object arena: every mapped instance lives in a [`Store`] under an
//! [`ObjectId`], with its attribute values, its last committed values (for history) and its
//! state — transient, pending, persistent, deleted or detached.

use crate::mapper::Mapper;
use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
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
/// Laid out in declaration order (`repr(C)`) so that what every pass of a flush reads (class,
/// values, committed values, state and flags) shares the first cache line.
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
    /// Loaded relationships: name → related objects (absent = not loaded yet).
    pub related: HashMap<String, Vec<ObjectId>>,
    /// Backref changes to collections not loaded yet, by collection name (SQLAlchemy's
    /// `_pending_mutations`): merged into the collection when it loads without a flush in
    /// between, dropped by a flush or an expiry.
    pub(crate) pending: HashMap<String, PendingCollection>,
    /// Many-to-one relationships set while their old value was unknown (not loaded, not in
    /// the identity map): the old parent never learnt it lost this child, so SQLAlchemy does
    /// not treat it as an orphan of that parent (its "has parent" flag stays optimistic).
    pub(crate) blind_sets: Vec<String>,
    /// Many-to-many collections as the database holds them (as loaded or last flushed): the
    /// flush diffs `related` against this to INSERT and DELETE association rows.
    pub links: HashMap<String, Vec<ObjectId>>,
    /// Related objects that entered a relationship of this object only as the other side of
    /// a `back_populates` / `backref` (`address.user = u` puts `address` in `u.addresses`):
    /// SQLAlchemy 2.0 does not cascade them into the session from this side.
    pub(crate) via_backref: Vec<(String, ObjectId)>,
    /// Children taken out of a one-to-many collection that has no `back_populates` side,
    /// by collection name, since the last flush (the collection's history of removals): the
    /// flush deletes them as orphans (`delete-orphan`) or sets their foreign key to NULL.
    pub(crate) removed: HashMap<String, Vec<ObjectId>>,
    /// For such a child, the collections (`Class.name`) it was taken out of and not put
    /// back in (SQLAlchemy's "has parent" flag turned off).
    pub(crate) parentless: Vec<String>,
    /// Relationships whose loader a query's option replaced for this object (`raiseload()`,
    /// `lazyload()`: SQLAlchemy's per-instance loader callables), until the attribute expires.
    pub(crate) lazy_override: Vec<(String, crate::relationship::Lazy)>,
    /// Columns left out of the SELECT that loaded it (deferred), not read since: (position,
    /// whether reading it raises, `defer(..., raiseload=True)`).
    pub(crate) deferred: Vec<(usize, bool)>,
    /// The column options that deferred them (the cache key of their loads).
    pub(crate) deferred_key: Rc<str>,
    /// Columns a dataclass `__init__` set from their `default=` (the column's own default):
    /// SQLAlchemy leaves those to the column default, so the INSERT is that of a defaulted
    /// column.
    pub(crate) init_defaults: Vec<usize>,
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
            related: HashMap::new(),
            links: HashMap::new(),
            via_backref: Vec::new(),
            removed: HashMap::new(),
            parentless: Vec::new(),
            lazy_override: Vec::new(),
            pending: HashMap::new(),
            was_deleted: false,
            blind_sets: Vec::new(),
            deferred: Vec::new(),
            deferred_key: Rc::from(""),
            init_defaults: Vec::new(),
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
        inst.init_defaults.retain(|&p| p != pos);
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
            && !inst.init_defaults.contains(&pos)
        {
            inst.init_defaults.push(pos);
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
        self.lazy_override
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
