//! The weak identity map. SQLAlchemy's identity map holds its objects weakly: a persistent
//! object with no pending change that nothing references any more is garbage-collected and
//! silently leaves the session (a later `session.get()` of its key SELECTs again, and
//! `session.identity_map` no longer lists it), while new, dirty and deleted objects are held
//! strongly by the session until they are flushed.
//!
//! Retort's objects live in an arena ([`super::Store`]) that never frees them, and the ORM
//! cannot see who references an object: only the layer above can (the Python bridge knows
//! whether anything but its own table holds an object's Python instance). So the session
//! keeps every object strongly, and [`Session::prune`] lets that layer drop the ones
//! SQLAlchemy would have let go, at the moments the difference becomes observable (a `get()`,
//! a query, a lazy load, a look at the identity map). The ORM's own API and tests never
//! prune, so they behave as a session with strong references.
//!
//! An object of the session is kept when it is not a clean persistent object (pending,
//! dirty — an attribute or collection changed, or a many-to-one set or unset by a backref so
//! that it no longer matches its foreign key —, marked for deletion, deleted in a flush), when
//! `still_referenced` says so, or when it is linked by a loaded relationship to a kept object
//! (objects outside the session count too: a transient object the script holds keeps what it
//! refers to). Links are followed the way Python's references go, from the object whose
//! loaded attribute holds them: a post whose `tags` are loaded keeps its tags, but a tag
//! the script holds does not keep the post (CPython frees the post at once, and a later
//! `session.get()` SELECTs it again, as SQLAlchemy's log shows).
//!
//! Known difference: a lazy load of a one-to-many also fills the many-to-one side of each
//! child in Retort, where SQLAlchemy leaves it to an identity-map lookup on first access; so
//! a parent whose loaded children are still held stays in the session here, while SQLAlchemy
//! lets it go (and SELECTs it again on `child.parent`).

use super::{FxHashMap, FxHashSet, ObjectId, ObjectState, Session};
use crate::error::Result;

impl Session {
    /// Drops from the session (identity map and membership; the object becomes detached) each
    /// clean persistent object that `still_referenced` does not claim and no kept object
    /// reaches through a loaded relationship. Returns the dropped objects, oldest first.
    ///
    /// # Failure
    /// [`crate::Error::UnmappedInstanceError`] if the store lost an object.
    pub fn prune(&mut self, still_referenced: impl Fn(ObjectId) -> bool) -> Result<Vec<ObjectId>> {
        let dropped = {
            let store = self.store.borrow();
            let mut kept: FxHashSet<ObjectId> = FxHashSet::default();
            let mut stack = Vec::new();
            let mut candidates = Vec::new();
            for id in self.members.iter() {
                let inst = store.get(id)?;
                let strong = inst.state != ObjectState::Persistent
                    || inst.modified
                    || inst.marked_deleted
                    || !inst.extras.removed.is_empty()
                    || inst.is_changed()
                    || scalar_changed(&store, inst);
                if strong || still_referenced(id) {
                    kept.insert(id);
                    stack.push(id);
                } else {
                    candidates.push(id);
                }
            }
            if candidates.is_empty() {
                return Ok(Vec::new());
            }
            // The links of every object, in the session or not: a transient `Address(user=u)`
            // the script holds keeps `u` as SQLAlchemy's instance `__dict__` does.
            let mut links: FxHashMap<ObjectId, Vec<ObjectId>> = FxHashMap::default();
            for (n, inst) in store.objects.iter().enumerate() {
                let id = ObjectId(n);
                let mut linked = false;
                for &other in inst
                    .extras
                    .related
                    .values()
                    .chain(inst.extras.links.values())
                    .flatten()
                {
                    links.entry(id).or_default().push(other);
                    linked = true;
                }
                let outsider = linked && !self.members.contains(id);
                if outsider && (inst.state == ObjectState::Pending || still_referenced(id)) {
                    kept.insert(id);
                    stack.push(id);
                }
            }
            while let Some(id) = stack.pop() {
                for &other in links.get(&id).into_iter().flatten() {
                    if kept.insert(other) {
                        stack.push(other);
                    }
                }
            }
            candidates.retain(|id| !kept.contains(id));
            candidates
        };
        for &id in &dropped {
            self.members.remove(id);
            self.forget_identity(id)?;
            self.inserted.retain(|&i| i != id);
            self.transition(id, ObjectState::Detached)?;
        }
        Ok(dropped)
    }

    /// The object of the identity map under `mapper`'s primary key `pk`, without SQL.
    pub fn identity_lookup(
        &self,
        mapper: &crate::mapper::Mapper,
        pk: &[crate::value::Value],
    ) -> Option<ObjectId> {
        self.identity.get(&super::identity_key(mapper, pk)).copied()
    }

    /// The object a lazy load of the many-to-one (or other scalar) relationship `name` of `id`
    /// would find in the identity map without SQL, when that relationship is not loaded yet.
    pub fn lazy_target(&self, id: ObjectId, name: &str) -> Option<ObjectId> {
        let store = self.store.borrow();
        let inst = store.get(id).ok()?;
        if inst.extras.related.contains_key(name) {
            return None;
        }
        let rel = inst.mapper.relationship(name)?;
        if rel.direction != crate::relationship::Direction::ManyToOne {
            return None;
        }
        let fk = inst.values[inst.mapper.attr(&rel.fk).ok()?].clone()?;
        let target = rel.target().ok()?;
        self.identity_lookup(&target, &[fk])
    }
}

/// Whether a loaded many-to-one of `inst` no longer matches its foreign key (set or unset
/// from the other side, as `del user.addresses[0]` does to the address): SQLAlchemy's
/// backref event made the object modified.
fn scalar_changed(store: &super::Store, inst: &super::Instance) -> bool {
    inst.extras.related.iter().any(|(name, now)| {
        let Some(rel) = inst.mapper.relationship(name) else {
            return false;
        };
        if rel.direction != crate::relationship::Direction::ManyToOne {
            return false;
        }
        let Ok(pos) = inst.mapper.attr(&rel.fk) else {
            return false;
        };
        let fk = match &inst.values[pos] {
            None | Some(crate::value::Value::Null) => None,
            Some(v) => Some(v.clone()),
        };
        let target = now.first().and_then(|&t| {
            let t = store.get(t).ok()?;
            let referred = t.mapper.attr(&rel.referred).ok()?;
            t.values[referred].clone().or(t.committed[referred].clone())
        });
        fk != target
    })
}
