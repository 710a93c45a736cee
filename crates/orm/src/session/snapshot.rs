//! A read-only picture of a session, for panels that show what the ORM is doing: every object
//! with its state, identity key and attribute values (as Python `repr()`s), which attributes
//! are modified or expired, the `new` / `dirty` / `deleted` views, the identity map, and the
//! [`FlushPlan`] the next flush would run — all plain serializable values.
//!
//! Taking a snapshot never runs SQL and never changes the session: the flush plan is worked out
//! by [`Session::preview_flush`] on a scratch copy of the session's objects.

use crate::engine::Engine;
use crate::engine::echo::params_repr;
use crate::error::Result;
use crate::event::Event;
use crate::session::{Instance, ObjectId, ObjectState, Session, Store};
use crate::unit_of_work::{FlushPlan, StepKind};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;

/// One mapped attribute of an object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeSnapshot {
    /// The attribute's name.
    pub name: String,
    /// Its value as Python's `repr()` shows it; `None` when it is not loaded (expired, or
    /// never set on a new object).
    pub value: Option<String>,
    /// Whether it was set since it was loaded or flushed (it is in the attribute's history).
    pub modified: bool,
    /// Whether it is expired: the next read loads it with a SELECT.
    pub expired: bool,
}

/// A loaded relationship of an object.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationshipSnapshot {
    /// The relationship's name.
    pub name: String,
    /// The related objects, by id.
    pub objects: Vec<usize>,
}

/// One mapped instance, as a panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObjectSnapshot {
    /// Its id in the object arena.
    pub id: usize,
    /// Its class (mapper) name.
    pub class_name: String,
    /// Transient, pending, persistent, deleted or detached.
    pub state: ObjectState,
    /// SQLAlchemy's `inspect(obj).identity_key`, e.g. `(<class '__main__.User'>, (1,), None)`,
    /// once its primary key is known.
    pub identity_key: Option<String>,
    /// The primary key as a tuple, e.g. `(1,)`, once known.
    pub identity: Option<String>,
    /// Whether `session.delete()` marked it for deletion at the next flush.
    pub marked_deleted: bool,
    /// Its column attributes, in the table's column order.
    pub attributes: Vec<AttributeSnapshot>,
    /// Its loaded relationships.
    pub relationships: Vec<RelationshipSnapshot>,
}

/// One step of a flush plan, as a panel shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepSnapshot {
    /// INSERT, UPDATE, DELETE or an association-table step.
    pub kind: StepKind,
    /// The mapped class.
    pub class_name: String,
    /// Its table.
    pub table: String,
    /// Why the step stands where it stands.
    pub reason: String,
    /// The objects, in the order their statements run.
    pub objects: Vec<usize>,
}

impl StepSnapshot {
    /// The steps of `plan`.
    pub fn of_plan(plan: &FlushPlan) -> Vec<StepSnapshot> {
        plan.steps
            .iter()
            .map(|s| StepSnapshot {
                kind: s.kind,
                class_name: s.class_name.clone(),
                table: s.table.clone(),
                reason: s.reason.clone(),
                objects: s.objects.iter().map(|o| o.0).collect(),
            })
            .collect()
    }
}

/// One entry of the identity map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IdentityEntry {
    /// The key as SQLAlchemy prints it: `(<class '__main__.User'>, (1,), None)`.
    pub key: String,
    /// The object it maps to.
    pub object: usize,
}

/// An object's move from one state to another (`transient_to_pending`, ...).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Transition {
    /// The object's id.
    pub object: usize,
    /// Its class name.
    pub class_name: String,
    /// The state it left.
    pub from: ObjectState,
    /// The state it entered.
    pub to: ObjectState,
}

impl Transition {
    /// The state changes among `events`, oldest first.
    pub fn from_events(events: &[Event]) -> Vec<Transition> {
        let mut out = Vec::new();
        for e in events {
            if let Event::StateChange {
                objects,
                class,
                from,
                to,
            } = e
            {
                out.extend(objects.iter().map(|&object| Transition {
                    object,
                    class_name: class.to_string(),
                    from: *from,
                    to: *to,
                }));
            }
        }
        out
    }
}

/// A session, as the panels show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionSnapshot {
    /// The objects the session knows: its members, then objects a flush of the open
    /// transaction deleted.
    pub objects: Vec<ObjectSnapshot>,
    /// `session.new`, by id.
    pub new: Vec<usize>,
    /// `session.dirty`, by id.
    pub dirty: Vec<usize>,
    /// `session.deleted`, by id.
    pub deleted: Vec<usize>,
    /// The identity map, in the order objects entered it.
    pub identity_map: Vec<IdentityEntry>,
    /// The steps the next flush would run.
    pub flush_plan: Vec<StepSnapshot>,
    /// Why no plan could be worked out (the session needs `rollback()`), if so.
    pub plan_error: Option<String>,
    /// Whether the session has a connection (a transaction begun, or about to be).
    pub in_transaction: bool,
}

/// Every object in `store`, in creation order, as panels show them (transient and detached
/// ones included: they belong to no session).
pub fn store_objects(store: &Store) -> Vec<ObjectSnapshot> {
    store
        .objects
        .iter()
        .enumerate()
        .map(|(i, inst)| object_snapshot(ObjectId(i), inst))
        .collect()
}

/// One object, as panels show it.
pub fn object_snapshot(id: ObjectId, inst: &Instance) -> ObjectSnapshot {
    let columns = inst.mapper.table().columns();
    let pk = inst.pk_values();
    let attributes = columns
        .iter()
        .enumerate()
        .map(|(i, col)| {
            let value = inst.values.get(i).cloned().flatten();
            let committed = inst.committed.get(i).cloned();
            let expired = value.is_none()
                && matches!(inst.state, ObjectState::Persistent | ObjectState::Detached)
                && pk.is_some();
            AttributeSnapshot {
                name: col.name.clone(),
                modified: value.is_some() && value != committed,
                value: value.map(|v| v.py_repr()),
                expired,
            }
        })
        .collect();
    let mut relationships: Vec<RelationshipSnapshot> = inst
        .extras
        .related
        .iter()
        .map(|(name, ids)| RelationshipSnapshot {
            name: name.clone(),
            objects: ids.iter().map(|o| o.0).collect(),
        })
        .collect();
    relationships.sort_by(|a, b| a.name.cmp(&b.name));
    let class_name = inst.mapper.class_name().to_owned();
    ObjectSnapshot {
        id: id.0,
        identity_key: pk.as_ref().map(|pk| {
            format!(
                "(<class '__main__.{class_name}'>, {}, None)",
                params_repr(pk)
            )
        }),
        identity: pk.as_deref().map(params_repr),
        class_name,
        state: inst.state,
        marked_deleted: inst.marked_deleted,
        attributes,
        relationships,
    }
}

impl Session {
    /// A read-only picture of the session: no SQL runs and nothing changes.
    pub fn snapshot(&self) -> SessionSnapshot {
        let mut ids: Vec<ObjectId> = self.members.to_vec();
        for &id in self.deleted.iter() {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let objects = {
            let store = self.store.borrow();
            ids.iter()
                .filter_map(|&id| store.get(id).ok().map(|inst| object_snapshot(id, inst)))
                .collect()
        };
        let identity_map = {
            let store = self.store.borrow();
            let mut entries: Vec<(usize, IdentityEntry)> = self
                .identity
                .values()
                .filter_map(|&id| {
                    let inst = store.get(id).ok()?;
                    let pk = inst.pk_values()?;
                    Some((
                        self.members.position(id).unwrap_or(usize::MAX),
                        IdentityEntry {
                            key: format!(
                                "(<class '__main__.{}'>, {}, None)",
                                inst.mapper.class_name(),
                                params_repr(&pk)
                            ),
                            object: id.0,
                        },
                    ))
                })
                .collect();
            entries.sort_by_key(|(pos, e)| (*pos, e.object));
            entries.into_iter().map(|(_, e)| e).collect()
        };
        let (flush_plan, plan_error) = match self.preview_flush() {
            Ok(plan) => (StepSnapshot::of_plan(&plan), None),
            Err(err) => (Vec::new(), Some(err.to_string())),
        };
        let raw = |v: Vec<ObjectId>| v.into_iter().map(|o| o.0).collect();
        SessionSnapshot {
            objects,
            new: raw(self.new_objects()),
            dirty: raw(self.dirty()),
            deleted: raw(self.deleted_objects()),
            identity_map,
            flush_plan,
            plan_error,
            in_transaction: self.conn.is_some(),
        }
    }

    /// The plan [`Session::prepare_flush`] would produce now, worked out on a scratch copy of
    /// the session's objects (cascades, orphans and foreign keys included) so that nothing is
    /// recorded, run or changed. Relationships of deleted objects that are not loaded yet are
    /// not loaded for the preview; the real flush loads them first.
    ///
    /// # Failure
    /// [`crate::Error::PendingRollbackError`] after a failed flush.
    pub fn preview_flush(&self) -> Result<FlushPlan> {
        self.check_usable()?;
        let scratch_store = Store {
            objects: self.store.borrow().objects.clone(),
        };
        let planned = Engine::in_memory().and_then(|scratch_engine| {
            let mut scratch = Session::new(&scratch_engine, Rc::new(RefCell::new(scratch_store)));
            scratch.members = self.members.clone();
            scratch.identity = self.identity.clone();
            scratch.inserted = self.inserted.clone();
            scratch.deleted = self.deleted.clone();
            scratch.autoflush = false;
            scratch.cascade_members()?;
            scratch.delete_orphans()?;
            scratch.sync_foreign_keys()?;
            scratch.plan_flush()
        });
        // A cascade that needed the database: the plan of the objects as they stand.
        planned.or_else(|_| self.plan_flush())
    }
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
