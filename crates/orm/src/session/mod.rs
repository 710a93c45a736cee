//! The session: the object arena's view through one unit of work — autobegin, the identity
//! map, add / delete / flush / commit / rollback / close / expunge / get / refresh / expire,
//! attribute history, autoflush, expire-on-commit, and `PendingRollbackError` after a failed
//! flush; `merge()` is in `merge.rs`, the weak identity map's pruning in `weak.rs`. Every state
//! transition is recorded as an [`crate::event::Event::StateChange`].

mod blocks;
mod cascade;
mod committed;
mod deferred;
mod expiry;
mod expression;
mod extras;
mod flush_view;
mod get;
mod identity;
mod joined_load;
mod lazy;
mod merge;
mod savepoint;
mod snapshot;
mod state;
mod transaction;
mod weak;

pub(crate) use identity::{
    FxHashMap, FxHashSet, IdentityKey, Members, RunHashMap, identity_key, instance_key,
    int_identity_key,
};

pub use committed::Committed;
pub use deferred::detached_deferred_message;
pub use extras::{Extras, ExtrasData};
pub use merge::{MergeCascade, MergeOptions};
pub use snapshot::{
    AttributeSnapshot, IdentityEntry, ObjectSnapshot, RelationshipSnapshot, SessionSnapshot,
    StepSnapshot, Transition, object_snapshot, store_objects,
};
pub use state::{History, Instance, ObjectId, ObjectState, Store};

use crate::engine::{Connection, Engine};
use crate::error::{Error, Result};
use crate::mapper::Mapper;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// A session bound to an engine (`Session(engine)`). It owns a handle to its engine, so it can
/// live in a heap object of an interpreter; dropping it rolls back its open transaction.
pub struct Session {
    pub(crate) engine: Engine,
    pub(crate) conn: Option<Connection>,
    pub(crate) store: Rc<RefCell<Store>>,
    /// Objects in the session, in the order they entered it.
    pub(crate) members: Members,
    pub(crate) identity: RunHashMap<IdentityKey, ObjectId>,
    /// Objects inserted by a flush in the open transaction.
    pub(crate) inserted: Vec<ObjectId>,
    /// The values the running flush's INSERTs wrote, not yet committed to their objects:
    /// runs of [`Session::inserted`] and the columns their rows set. As SQLAlchemy, a flush
    /// commits them when it ends (a failed flush leaves them uncommitted: the objects'
    /// history still shows them added); generated keys and fetched server values are
    /// committed at once.
    pub(crate) owed_commits: Vec<(std::ops::Range<usize>, Rc<[usize]>)>,
    /// The objects the running flush UPDATEd: their new values are committed when it ends
    /// too (their keys at once).
    pub(crate) owed_updates: Vec<ObjectId>,
    /// Whether the flush running is that of a `commit()` that expires every object next
    /// (expire_on_commit): its end leaves [`Session::owed_commits`] to the commit, which
    /// then commits only the keys (the expiry forgets the rest at once).
    pub(crate) expiring_commit: bool,
    /// Collections whose backref changes waited when the running flush began (it drops
    /// them): modified, not expired, until the flush ends, so a load of their object inside
    /// it leaves them out as SQLAlchemy's does.
    pub(crate) flush_modified: Vec<(ObjectId, String)>,
    /// Whether a flush keeps the views and object states it started from until it ends,
    /// for SQLAlchemy's `after_flush` event (see [`Session::seen_new`]).
    pub keep_pre_flush: bool,
    /// What the running flush started from, when kept.
    pub(crate) pre_flush: Option<flush_view::PreFlush>,
    /// Objects deleted by a flush in the open transaction.
    pub(crate) deleted: Vec<ObjectId>,
    pub(crate) failed: Option<Error>,
    /// `autoflush=` (default true).
    pub autoflush: bool,
    /// Whether the ORM bulk statements run now are the legacy `bulk_insert_mappings()` /
    /// `bulk_update_mappings()`, which SQLAlchemy runs with the mapper's compiled cache, the
    /// flush's: a flush's INSERT or UPDATE of the same shape is then `[cached since ...]`.
    pub legacy_bulk: bool,
    /// Whether the flush running is an autoflush (its warnings say so).
    pub(crate) autoflushing: bool,
    /// Open savepoints (`begin_nested()`), innermost last.
    pub(crate) savepoints: Vec<savepoint::Savepoint>,
    /// Objects UPDATEd by flushes while a savepoint is open (rolling it back expires them).
    pub(crate) updated_in_savepoint: Vec<ObjectId>,
    /// `expire_on_commit=` (default true).
    pub expire_on_commit: bool,
    /// Whether the session's transaction has begun (SQLAlchemy's `SessionTransaction`):
    /// by `add()`, `delete()`, `merge()` or an explicit `begin()`, before any SQL runs;
    /// ended by commit, rollback and close.
    pub(crate) begun: bool,
    /// The `column_property()` values of objects as last loaded: (object, name) → value.
    pub expression_values:
        std::collections::HashMap<ObjectId, std::collections::HashMap<String, Value>>,
}

impl Session {
    /// `Session(engine)` over the objects of `store` (the session keeps a clone of the engine
    /// handle).
    pub fn new(engine: &Engine, store: Rc<RefCell<Store>>) -> Self {
        Session {
            engine: engine.clone(),
            conn: None,
            store,
            members: Members::default(),
            identity: RunHashMap::default(),
            inserted: Vec::new(),
            expiring_commit: false,
            flush_modified: Vec::new(),
            keep_pre_flush: false,
            pre_flush: None,
            owed_commits: Vec::new(),
            owed_updates: Vec::new(),
            deleted: Vec::new(),
            failed: None,
            autoflush: true,
            legacy_bulk: false,
            autoflushing: false,
            savepoints: Vec::new(),
            expression_values: std::collections::HashMap::new(),
            updated_in_savepoint: Vec::new(),
            expire_on_commit: true,
            begun: false,
        }
    }

    pub(crate) fn transition(&self, id: ObjectId, to: ObjectState) -> Result<()> {
        let mut store = self.store.borrow_mut();
        self.transition_instance(store.get_mut(id)?, id, to);
        Ok(())
    }

    /// [`Session::transition`] of an instance the caller holds.
    pub(crate) fn transition_instance(&self, inst: &mut Instance, id: ObjectId, to: ObjectState) {
        let from = inst.state;
        if from != to {
            inst.state = to;
            match to {
                ObjectState::Deleted => inst.was_deleted = true,
                ObjectState::Pending | ObjectState::Persistent => inst.was_deleted = false,
                _ => {}
            }
            self.engine
                .record_state_change(id.0, &inst.mapper.class_name_rc(), from, to);
        }
    }

    pub(crate) fn check_usable(&self) -> Result<()> {
        match &self.failed {
            None => Ok(()),
            Some(err) => Err(Error::PendingRollbackError(format!(
                "This Session's transaction has been rolled back due to a previous exception \
                 during flush. To begin a new transaction with this Session, first issue \
                 Session.rollback(). Original exception was: {err} (Background on this error at: \
                 https://sqlalche.me/e/21/7s2a)"
            ))),
        }
    }

    /// The session's connection, beginning one on first use (autobegin).
    pub(crate) fn connection(&mut self) -> &mut Connection {
        self.conn.get_or_insert_with(|| self.engine.connect())
    }

    /// The autoflush a query or a load runs first (unless `autoflush=False`); warnings of
    /// the flush say they come from an autoflush.
    ///
    /// # Failure
    /// As [`Session::flush`].
    pub fn autoflush_now(&mut self) -> Result<()> {
        if !self.autoflush {
            return Ok(());
        }
        let outer = std::mem::replace(&mut self.autoflushing, true);
        let done = self.flush();
        self.autoflushing = outer;
        done.map_err(Error::raised_by_autoflush)
    }

    /// Whether `id` is in this session (`obj in session`).
    pub fn contains(&self, id: ObjectId) -> bool {
        self.members.contains(id)
    }

    /// The engine this session is bound to (`session.get_bind()`).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The object arena this session's objects live in.
    pub fn store(&self) -> &Rc<RefCell<Store>> {
        &self.store
    }

    /// Removes `id` from the identity map (if it is there under its primary key).
    pub(crate) fn forget_identity(&mut self, id: ObjectId) -> Result<()> {
        let key = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            instance_key(inst)
        };
        match key {
            Some(key) if self.identity.get(&key) == Some(&id) => {
                self.identity.remove(&key);
            }
            Some(_) => {}
            None => self.identity.retain(|_, v| *v != id),
        }
        Ok(())
    }

    /// `session.add(obj)`: a transient object becomes pending; a detached one persistent again.
    /// It needs no transaction, so it works after a failed flush too (SQLAlchemy's `rollback()`
    /// then warns that the change is discarded).
    ///
    /// # Failure
    /// [`Error::UnmappedInstanceError`].
    pub fn add(&mut self, id: ObjectId) -> Result<()> {
        self.begun = true;
        let mut visited = FxHashSet::default();
        self.add_cascade(id, &mut visited)
    }

    /// Adds one object, without cascading.
    pub(crate) fn add_one(&mut self, id: ObjectId) -> Result<()> {
        let (state, mapper) = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            (inst.state, Rc::clone(&inst.mapper))
        };
        match state {
            ObjectState::Transient => {
                self.members.push(id);
                self.members.note_class(&mapper);
                self.transition(id, ObjectState::Pending)
            }
            ObjectState::Detached if self.store.borrow().get(id)?.was_deleted => {
                let class = self.store.borrow().get(id)?.mapper.class_name().to_owned();
                Err(Error::InvalidRequestError(format!(
                    "Instance '<{class} at 0x{:x}>' has been deleted.  Use the make_transient() \
                     function to send this object back to the transient state.",
                    id.0
                )))
            }
            ObjectState::Detached => {
                let key = {
                    let store = self.store.borrow();
                    let inst = store.get(id)?;
                    instance_key(inst)
                };
                if let Some(key) = key {
                    if self.identity.get(&key).is_some_and(|&o| o != id) {
                        let store = self.store.borrow();
                        let inst = store.get(id)?;
                        let pk = inst.pk_values().unwrap_or_default();
                        return Err(Error::InvalidRequestError(format!(
                            "Can't attach instance <{} at 0x{:x}>; another instance with key \
                             (<class '__main__.{}'>, {}, None) is already present in this \
                             session.",
                            inst.mapper.class_name(),
                            id.0,
                            inst.mapper.class_name(),
                            crate::engine::echo::params_repr(&pk),
                        )));
                    }
                    self.identity.insert(key, id);
                }
                self.members.push(id);
                self.members.note_class(&mapper);
                self.transition(id, ObjectState::Persistent)
            }
            _ => Ok(()),
        }
    }

    /// `session.add_all(objs)`.
    ///
    /// # Failure
    /// As [`Session::add`].
    pub fn add_all(&mut self, ids: &[ObjectId]) -> Result<()> {
        self.members.reserve(ids.len());
        let mut visited = FxHashSet::default();
        let store = Rc::clone(&self.store);
        for &id in ids {
            let relational = {
                let mut store = store.borrow_mut();
                let inst = store.get_mut(id)?;
                let relational = inst.mapper.has_relationships();
                // A transient object of a class without relationships cascades nowhere: it
                // becomes pending in the one look at it (as `add_one`).
                if !relational && inst.state == ObjectState::Transient {
                    self.members.push(id);
                    self.members.note_class(&inst.mapper);
                    self.transition_instance(inst, id, ObjectState::Pending);
                    continue;
                }
                relational
            };
            if relational {
                self.add_cascade(id, &mut visited)?;
            } else {
                self.add_one(id)?;
            }
        }
        Ok(())
    }

    /// `session.delete(obj)`: marks a persistent object for deletion at the next flush.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] for an object that is not persisted.
    pub fn delete(&mut self, id: ObjectId) -> Result<()> {
        self.begun = true;
        self.check_usable()?;
        let (state, class) = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            (inst.state, inst.mapper.class_name().to_owned())
        };
        let known = self.store.borrow().get(id)?.pk_values().is_some();
        if state == ObjectState::Detached && known {
            // As SQLAlchemy 2.0, deleting a detached object attaches it first.
            self.add_one(id)?;
        } else if state != ObjectState::Persistent || !self.members.contains(id) {
            return Err(Error::InvalidRequestError(format!(
                "Instance '<{class} at 0x{:x}>' is not persisted",
                id.0
            )));
        }
        // An expired object is not loaded here (SQLAlchemy sends no SQL): the flush loads it
        // before its collections, and a delete cascade's lazy loads load its row first.
        self.store.borrow_mut().get_mut(id)?.marked_deleted = true;
        // The cascade's lazy loads must not flush the deletion half-way.
        let autoflush = std::mem::replace(&mut self.autoflush, false);
        let cascaded = self.delete_cascade_now(id);
        self.autoflush = autoflush;
        cascaded
    }

    /// Reads attribute `name`, loading the row first when the object is expired (the log shows
    /// the SELECT, as SQLAlchemy's refresh-on-access does).
    ///
    /// # Failure
    /// [`Error::DetachedInstanceError`] for an expired attribute of a detached object;
    /// [`Error::ObjectDeletedError`] when the row is gone.
    pub fn get_attr(&mut self, id: ObjectId, name: &str) -> Result<Value> {
        let (pos, value, state, class) = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            let pos = inst.mapper.attr(name)?;
            (
                pos,
                inst.values[pos].clone(),
                inst.state,
                inst.mapper.class_name().to_owned(),
            )
        };
        if let Some(v) = value {
            return Ok(v);
        }
        if let Some(raiseload) = self.deferred_at(id, pos)? {
            return match state {
                ObjectState::Persistent if self.members.contains(id) => {
                    self.check_usable()?;
                    self.load_deferred(id, pos, name, raiseload)
                }
                ObjectState::Detached | ObjectState::Persistent => Err(
                    Error::DetachedInstanceError(detached_deferred_message(&class, id, name)),
                ),
                _ => Ok(Value::Null),
            };
        }
        match state {
            ObjectState::Persistent if self.members.contains(id) => {
                self.check_usable()?;
                self.load(id)?;
                Ok(self.store.borrow().get(id)?.values[pos]
                    .clone()
                    .unwrap_or(Value::Null))
            }
            ObjectState::Detached | ObjectState::Persistent => {
                let committed = self.store.borrow().get(id)?.pk_values().is_some();
                if committed {
                    Err(Error::DetachedInstanceError(format!(
                        "Instance <{class} at 0x{:x}> is not bound to a Session; attribute \
                         refresh operation cannot proceed (Background on this error at: \
                         https://sqlalche.me/e/21/bhk3)",
                        id.0
                    )))
                } else {
                    Ok(Value::Null)
                }
            }
            _ => Ok(Value::Null),
        }
    }

    /// Sets attribute `name` (recorded in its history; the object becomes dirty).
    ///
    /// # Failure
    /// [`Error::AttributeError`] for an unknown attribute.
    pub fn set_attr(&mut self, id: ObjectId, name: &str, value: Value) -> Result<()> {
        let mut store = self.store.borrow_mut();
        let inst = store.get_mut(id)?;
        let pos = inst.mapper.attr(name)?;
        inst.values[pos] = Some(value);
        inst.modified = true;
        if let Some(extras) = inst.extras.if_any() {
            extras.init_defaults.retain(|&p| p != pos);
        }
        Ok(())
    }

    /// `session.expunge(obj)`: pending objects become transient, persistent ones detached.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] for an object not in this session.
    pub fn expunge(&mut self, id: ObjectId) -> Result<()> {
        if !self.members.remove(id) {
            let class = self.store.borrow().get(id)?.mapper.class_name().to_owned();
            return Err(Error::InvalidRequestError(format!(
                "Instance <{class} at 0x{:x}> is not present in this Session",
                id.0
            )));
        };
        self.forget_identity(id)?;
        let state = self.store.borrow().get(id)?.state;
        let to = if state == ObjectState::Pending {
            ObjectState::Transient
        } else {
            ObjectState::Detached
        };
        self.transition(id, to)
    }

    /// `session.expunge_all()`.
    ///
    /// # Failure
    /// As [`Session::expunge`].
    pub fn expunge_all(&mut self) -> Result<()> {
        self.members
            .to_vec()
            .into_iter()
            .try_for_each(|id| self.expunge(id))
    }

    /// `session.new`: pending objects, in add() order.
    pub fn new_objects(&self) -> Vec<ObjectId> {
        self.with_state(ObjectState::Pending, |_| true)
    }

    /// `session.dirty`: persistent objects with an attribute set since the last flush
    /// (optimistic, as in SQLAlchemy).
    pub fn dirty(&self) -> Vec<ObjectId> {
        self.with_state(ObjectState::Persistent, |i| i.modified && !i.marked_deleted)
    }

    /// `session.deleted`: objects marked for deletion.
    pub fn deleted_objects(&self) -> Vec<ObjectId> {
        self.with_state(ObjectState::Persistent, |i| i.marked_deleted)
    }

    /// The history of attribute `name` of `id` (`inspect(obj).attrs.name.history`).
    ///
    /// # Failure
    /// [`Error::AttributeError`] for an unknown attribute; [`Error::UnmappedInstanceError`].
    pub fn history(&self, id: ObjectId, name: &str) -> Result<History> {
        let store = self.store.borrow();
        let inst = store.get(id)?;
        let pos = inst.mapper.attr(name)?;
        Ok(History::of(&inst.values[pos], &inst.committed[pos]))
    }

    /// `session.is_modified(obj)`: whether any attribute differs from its loaded value.
    ///
    /// # Failure
    /// [`Error::UnmappedInstanceError`].
    pub fn is_modified(&self, id: ObjectId) -> Result<bool> {
        Ok(!self.store.borrow().get(id)?.changed().is_empty())
    }

    /// The identity map: identity key → object.
    pub fn identity_map(&self) -> Vec<(String, ObjectId)> {
        let store = self.store.borrow();
        let mut v: Vec<(String, ObjectId)> = self
            .identity
            .values()
            .filter_map(|&id| {
                let inst = store.get(id).ok()?;
                let pk = inst.pk_values()?;
                Some((identity::identity_repr(&inst.mapper, &pk), id))
            })
            .collect();
        v.sort_by_key(|(_, id)| *id);
        v
    }

    fn with_state(&self, state: ObjectState, pred: impl Fn(&Instance) -> bool) -> Vec<ObjectId> {
        let store = self.store.borrow();
        self.members
            .iter()
            .filter(|&id| store.get(id).is_ok_and(|i| i.state == state && pred(i)))
            .collect()
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod blocks_tests;

#[cfg(test)]
mod property;

#[cfg(test)]
mod tests_cache;

#[cfg(test)]
mod tests_orphans;

#[cfg(test)]
mod tests_expiry;

#[cfg(test)]
mod merge_tests;

#[cfg(test)]
mod weak_tests;

#[cfg(test)]
mod tests_raiseload;

#[cfg(test)]
mod savepoint_tests;
