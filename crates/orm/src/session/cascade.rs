//! Cascades and relationship changes inside a session: save-update cascades along loaded
//! relationships on `add()` and before a flush, delete cascades on `delete()` (otherwise
//! children's foreign keys are set to NULL), delete-orphan before a flush, foreign keys copied
//! from parent to child, and setting / appending / removing related objects through the
//! session (the lazy loads they need are in `lazy.rs`).

use super::{FxHashSet, ObjectId, ObjectState, Session};
use crate::error::Result;
use crate::relationship::Direction;
use crate::value::Value;
use std::rc::Rc;

impl Session {
    /// Adds `id` and, through the save-update cascade, every loaded related object.
    pub(crate) fn add_cascade(
        &mut self,
        id: ObjectId,
        visited: &mut FxHashSet<ObjectId>,
    ) -> Result<()> {
        if !visited.insert(id) {
            return Ok(());
        }
        self.add_one(id)?;
        let related: Vec<ObjectId> = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            if inst.extras.related.is_empty() {
                return Ok(());
            }
            let rels = inst.mapper.relationships();
            let mut names: Vec<&String> = inst
                .extras
                .related
                .keys()
                .filter(|n| rels.iter().any(|r| &r.name == *n && r.cascade_save_update))
                .collect();
            names.sort_by_key(|n| {
                inst.mapper
                    .relationships()
                    .iter()
                    .position(|r| &r.name == *n)
            });
            names
                .into_iter()
                .flat_map(|n| inst.extras.related[n].iter().copied())
                .collect()
        };
        for r in related {
            // As SQLAlchemy's cascade (`halt_on=session._contains_state`): objects already in
            // the session are not traversed again.
            if self.members.contains(r) {
                continue;
            }
            let state = self.store.borrow().get(r)?.state;
            if matches!(
                state,
                ObjectState::Transient | ObjectState::Pending | ObjectState::Persistent
            ) {
                self.add_cascade(r, visited)?;
            }
        }
        Ok(())
    }

    /// The save-update cascade a flush runs first: objects attached to session members since
    /// they were added (appended or assigned on the member's side) join the session.
    pub(crate) fn cascade_members(&mut self) -> Result<()> {
        let mut visited = FxHashSet::default();
        for id in self.members.to_vec() {
            // Objects attached to a member since it joined, through a relationship with the
            // save-update cascade; not those that arrived only as a backref (SQLAlchemy 2.0:
            // `address.user = u` does not put `address` into u's session).
            let newcomers: Vec<ObjectId> = {
                let store = self.store.borrow();
                let inst = store.get(id)?;
                if inst.extras.related.is_empty()
                    || !matches!(inst.state, ObjectState::Pending | ObjectState::Persistent)
                {
                    continue;
                }
                // From a persistent object, only what was attached since it was loaded.
                let persistent = inst.state == ObjectState::Persistent;
                let mut out = Vec::new();
                for rel in inst.mapper.relationships() {
                    if !rel.cascade_save_update
                        || (persistent && !inst.extras.attached.contains(&rel.name))
                    {
                        continue;
                    }
                    let Some(related) = inst.extras.related.get(&rel.name) else {
                        continue;
                    };
                    for &r in related {
                        let backref_only = inst
                            .extras
                            .via_backref
                            .iter()
                            .any(|(n, o)| *n == rel.name && *o == r);
                        if !backref_only && !self.members.contains(r) {
                            out.push(r);
                        }
                    }
                }
                out
            };
            for r in newcomers {
                let state = self.store.borrow().get(r)?.state;
                if matches!(state, ObjectState::Transient | ObjectState::Detached) {
                    self.add_cascade(r, &mut visited)?;
                }
            }
        }
        Ok(())
    }

    /// Children a backref appended to a member's unloaded one-to-many collection that are
    /// still outside the session after the cascade: SQLAlchemy's flush warns that their
    /// "add" along the collection will not proceed (their foreign key is still copied).
    pub(crate) fn warn_pending_outsiders(&self) -> Result<()> {
        let store = self.store.borrow();
        for id in self.members.iter() {
            let inst = store.get(id)?;
            // Additions to unloaded collections (pending backref changes), then to loaded
            // ones, since the last flush.
            let unloaded = inst
                .extras
                .pending
                .iter()
                .flat_map(|(name, p)| p.added.iter().map(move |&c| (name.as_str(), c)));
            let loaded = inst.extras.added.iter().map(|(n, c)| (n.as_str(), *c));
            let added = unloaded.chain(loaded).map(|(n, c)| (n, c, "add"));
            // Then removals from loaded ones: a child out of the session is neither deleted
            // as an orphan nor has its foreign key set to NULL.
            let left = inst
                .extras
                .left
                .iter()
                .map(|(n, c)| (n.as_str(), *c, "delete"));
            for (name, c, operation) in added.chain(left) {
                let Some(rel) = inst.mapper.relationship(name) else {
                    continue;
                };
                // A viewonly relationship writes nothing, so warns of nothing.
                if rel.direction != Direction::OneToMany || rel.viewonly {
                    continue;
                }
                let child = store.get(c)?;
                let outside = match operation {
                    "add" => child.state == ObjectState::Transient,
                    // A detached child too (SQLAlchemy: not in the session, not deleted).
                    _ => {
                        matches!(child.state, ObjectState::Transient | ObjectState::Detached)
                            && !self.members.contains(c)
                            && !child.was_deleted
                    }
                };
                if !outside {
                    continue;
                }
                let mut message = format!(
                    "Object of type <{}> not in session, {operation} operation along \
                     '{}.{name}' will not proceed",
                    child.mapper.class_name(),
                    inst.mapper.class_name()
                );
                if self.autoflushing {
                    message.push_str(
                        " (This warning originated from the Session 'autoflush' process, \
                         which was invoked automatically in response to a user-initiated \
                         operation. Consider using ``no_autoflush`` context manager if this \
                         warning happened while initializing objects.)",
                    );
                }
                self.engine.record(crate::event::Event::Warning {
                    category: "SAWarning".to_owned(),
                    message,
                });
            }
        }
        Ok(())
    }

    /// Copies each parent's primary key into its children's foreign-key columns.
    pub(crate) fn sync_foreign_keys(&mut self) -> Result<()> {
        let mut store = self.store.borrow_mut();
        for id in self.members.iter() {
            let (mapper, loaded, deleted, pending) = {
                let inst = store.get(id)?;
                // Objects deleted by an earlier flush of the transaction copy nothing.
                if (inst.extras.related.is_empty() && inst.extras.pending.is_empty())
                    || inst.state == ObjectState::Deleted
                {
                    continue;
                }
                let pending: super::FxHashMap<String, Vec<ObjectId>> = inst
                    .extras
                    .pending
                    .iter()
                    .map(|(n, p)| (n.clone(), p.added.clone()))
                    .collect();
                (
                    Rc::clone(&inst.mapper),
                    inst.extras.related.clone(),
                    inst.marked_deleted,
                    pending,
                )
            };
            for rel in mapper.relationships() {
                // A collection not loaded: the children a backref appended to it.
                let Some(related) = loaded
                    .get(&rel.name)
                    .or_else(|| pending.get(&rel.name))
                    .cloned()
                else {
                    continue;
                };
                // Set by the flush's post-update step instead.
                if crate::unit_of_work::is_post_update(&mapper, &rel) {
                    continue;
                }
                let target = rel.target()?;
                let (parent_of, children): (Vec<ObjectId>, Vec<ObjectId>) = match rel.direction {
                    // A row to delete keeps its keys (SQLAlchemy syncs no many-to-one of it).
                    Direction::ManyToOne if deleted => continue,
                    Direction::ManyToOne => (related.clone(), vec![id]),
                    // A deleted parent's children keep the NULL its deletion gave them.
                    Direction::OneToMany if deleted => continue,
                    Direction::OneToMany => (vec![id], related.clone()),
                    Direction::ManyToMany => continue,
                };
                let parent_mapper = if rel.direction == Direction::ManyToOne {
                    &target
                } else {
                    &mapper
                };
                let Some(pcol) = parent_mapper.table().column_index(&rel.referred) else {
                    continue;
                };
                let parent_value = match parent_of.first() {
                    // An expired parent still knows its primary key.
                    Some(&p) => {
                        let parent = store.get(p)?;
                        parent.values[pcol]
                            .clone()
                            .or(parent.committed[pcol].clone())
                    }
                    None if rel.direction == Direction::ManyToOne => Some(Value::Null),
                    None => None,
                };
                let Some(v) = parent_value else { continue };
                if v == Value::Null && !parent_of.is_empty() {
                    continue;
                }
                for c in children {
                    let child = store.get_mut(c)?;
                    let Some(fcol) = child.mapper.table().column_index(&rel.fk) else {
                        continue;
                    };
                    if child.values[fcol].as_ref() != Some(&v) {
                        child.values[fcol] = Some(v.clone());
                        child.modified = true;
                    }
                }
            }
        }
        Ok(())
    }

    /// Both halves of a deletion's cascade (for an orphan found by the flush).
    pub(crate) fn delete_cascade(&mut self, id: ObjectId) -> Result<()> {
        self.delete_cascade_now(id)?;
        self.delete_dependents(id)
    }

    /// What `session.delete(parent)` does at once: children of a `delete` cascade are loaded
    /// and deleted too.
    pub(crate) fn delete_cascade_now(&mut self, id: ObjectId) -> Result<()> {
        self.delete_related(id, true)
    }

    /// What the flush does for a deleted parent (SQLAlchemy loads these collections then, not
    /// at `delete()`): children of a one-to-many without the `delete` cascade get a NULL
    /// foreign key, and many-to-many collections are loaded to delete their association rows.
    pub(crate) fn delete_dependents(&mut self, id: ObjectId) -> Result<()> {
        self.delete_related(id, false)
    }

    fn delete_related(&mut self, id: ObjectId, cascading: bool) -> Result<()> {
        let mapper = Rc::clone(&self.store.borrow().get(id)?.mapper);
        for rel in mapper.relationships() {
            if rel.direction == Direction::ManyToMany {
                if !cascading {
                    self.load_related(id, &rel.name, false)?;
                }
                continue;
            }
            if rel.direction != Direction::OneToMany || rel.cascade_delete != cascading {
                continue;
            }
            if rel.passive_deletes && self.store.borrow().related(id, &rel.name)?.is_none() {
                // The database's ON DELETE rule takes care of unloaded children.
                continue;
            }
            let children = self.load_related(id, &rel.name, false)?;
            if rel.post_update && !rel.cascade_delete {
                // The flush's post-update step sets the children's keys to NULL.
                continue;
            }
            for c in children {
                if rel.cascade_delete {
                    let (state, marked) = {
                        let store = self.store.borrow();
                        let i = store.get(c)?;
                        (i.state, i.marked_deleted)
                    };
                    if state == ObjectState::Persistent && !marked {
                        self.delete(c)?;
                    } else if state == ObjectState::Pending {
                        self.expunge(c)?;
                    }
                } else {
                    let mut store = self.store.borrow_mut();
                    let child = store.get_mut(c)?;
                    if let Some(pos) = child.mapper.table().column_index(&rel.fk) {
                        child.values[pos] = Some(Value::Null);
                        child.modified = true;
                    }
                    if let Some(back) = &rel.back_populates {
                        child.extras.related.insert(back.clone(), Vec::new());
                    }
                }
            }
        }
        Ok(())
    }

    /// `obj.rel = value` for a scalar relationship through the session: a persistent object's
    /// old value is loaded first (as SQLAlchemy loads it to keep both sides in step and to
    /// find orphans), then [`crate::session::Store::set_parent`] applies, and `value` joins
    /// the session by the save-update cascade (not through a backref, as in SQLAlchemy 2.0).
    ///
    /// # Failure
    /// As [`Session::related`] and [`crate::session::Store::set_parent`].
    pub fn set_related(&mut self, id: ObjectId, name: &str, value: Option<ObjectId>) -> Result<()> {
        // A many-to-one's old value is only looked up (no SQL: SQLAlchemy keeps no active
        // history for it); a one-to-one parent side loads it.
        let rel = self.store.borrow().rel(id, name)?;
        if rel.direction == Direction::ManyToOne {
            self.peek_scalar(id, name)?;
        } else {
            self.related(id, name)?;
        }
        // The backref sets the new value's side: a one-to-one parent side keeps active
        // history, so its old value loads (without autoflush) even from a backref.
        if let (Some(v), Some(back)) = (value, &rel.back_populates) {
            let active = {
                let store = self.store.borrow();
                let back_rel = store.rel(v, back)?;
                !back_rel.uselist && back_rel.direction != Direction::ManyToOne
            };
            if active {
                let autoflush = std::mem::replace(&mut self.autoflush, false);
                let loaded = self.load_related(v, back, false);
                self.autoflush = autoflush;
                loaded?;
            }
        }
        self.store.borrow_mut().set_parent(id, name, value)?;
        match value {
            Some(v) => self.cascade_attached(id, name, v),
            None => Ok(()),
        }
    }

    /// `obj.rel.append(child)` through the session: a persistent object's collection is
    /// loaded first (unless dynamic or write-only), and `child` joins the session by the
    /// save-update cascade.
    ///
    /// # Failure
    /// As [`Session::related`] and [`crate::session::Store::append_child`].
    pub fn append_related(&mut self, id: ObjectId, name: &str, child: ObjectId) -> Result<()> {
        if !self.store.borrow().rel(id, name)?.lazy.is_query() {
            self.related(id, name)?;
        }
        self.peek_back(id, name, child)?;
        self.store.borrow_mut().append_child(id, name, child)?;
        self.cascade_attached(id, name, child)
    }

    /// The save-update cascade of an attribute event: `other`, just attached to `id.name`,
    /// joins `id`'s session when `id` is in this one and the relationship cascades.
    fn cascade_attached(&mut self, id: ObjectId, name: &str, other: ObjectId) -> Result<()> {
        let cascades = self.store.borrow().rel(id, name)?.cascade_save_update;
        if cascades && self.members.contains(id) && !self.members.contains(other) {
            let mut visited = FxHashSet::default();
            visited.insert(id);
            self.add_cascade(other, &mut visited)?;
        }
        Ok(())
    }

    /// `obj.rel.remove(child)` through the session: a persistent object's collection is
    /// loaded first (unless dynamic or write-only).
    ///
    /// # Failure
    /// As [`Session::related`] and [`crate::session::Store::remove_child`].
    pub fn remove_related(&mut self, id: ObjectId, name: &str, child: ObjectId) -> Result<()> {
        if !self.store.borrow().rel(id, name)?.lazy.is_query() {
            self.related(id, name)?;
        }
        self.peek_back(id, name, child)?;
        self.store.borrow_mut().remove_child(id, name, child)
    }

    /// The children taken out of collections without a `back_populates` side (whose removal
    /// the many-to-one side cannot tell): those still without a parent in that relationship
    /// are orphans of a `delete-orphan` one, returned; others get a NULL foreign key.
    fn removed_children(&mut self) -> Result<Vec<(ObjectId, ObjectState)>> {
        let mut orphans = Vec::new();
        let mut store = self.store.borrow_mut();
        for id in self.members.iter() {
            let removed = std::mem::take(&mut store.get_mut(id)?.extras.removed);
            let mapper = Rc::clone(&store.get(id)?.mapper);
            for (name, children) in removed {
                let Some(rel) = mapper.relationship(&name) else {
                    continue;
                };
                let key = format!("{}.{name}", mapper.class_name());
                for c in children {
                    let child = store.get_mut(c)?;
                    if !child.extras.parentless.contains(&key) || child.marked_deleted {
                        continue;
                    }
                    if rel.delete_orphan {
                        if child.state == ObjectState::Persistent {
                            orphans.push((c, child.state));
                        }
                    } else if let Some(pos) = child.mapper.table().column_index(&rel.fk) {
                        child.values[pos] = Some(Value::Null);
                        child.modified = true;
                    }
                }
            }
        }
        Ok(orphans)
    }

    /// The delete-orphan cascade a flush runs: a child whose parent side (of a relationship
    /// with `delete-orphan`) is loaded and empty is deleted if persistent, expunged if pending.
    pub(crate) fn delete_orphans(&mut self) -> Result<()> {
        let mut orphans = self.removed_children()?;
        {
            let store = self.store.borrow();
            for id in self.members.iter() {
                let inst = store.get(id)?;
                if inst.marked_deleted || inst.extras.related.is_empty() {
                    continue;
                }
                for rel in inst.mapper.relationships() {
                    if rel.direction != Direction::ManyToOne {
                        continue;
                    }
                    let Some(back) = &rel.back_populates else {
                        continue;
                    };
                    let target = rel.target()?;
                    let orphaning = target.relationship(back).is_some_and(|r| r.delete_orphan);
                    // A persistent object is an orphan once taken from the parent it has in
                    // the database; one that never had a parent is not.
                    let had_parent = inst.state == ObjectState::Pending
                        || inst.mapper.table().column_index(&rel.fk).is_some_and(|i| {
                            !matches!(inst.committed[i], None | Some(Value::Null))
                        });
                    let blind = inst.state == ObjectState::Persistent
                        && inst.extras.blind_sets.contains(&rel.name);
                    if orphaning
                        && had_parent
                        && !blind
                        && inst
                            .extras
                            .related
                            .get(&rel.name)
                            .is_some_and(Vec::is_empty)
                    {
                        orphans.push((id, inst.state));
                    }
                }
            }
        }
        for (id, state) in orphans {
            match state {
                ObjectState::Pending => self.expunge(id)?,
                ObjectState::Persistent => {
                    self.store.borrow_mut().get_mut(id)?.marked_deleted = true;
                    self.delete_cascade(id)?;
                }
                _ => {}
            }
        }
        Ok(())
    }
}
