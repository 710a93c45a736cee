//! `session.merge(obj)` and `session.merge(obj, load=False)`, as SQLAlchemy's
//! `Session._merge`: the session's own copy of `obj`, found in the identity map, else
//! SELECTed by primary key (with `load`), else made — a new pending object, or with
//! `load=False` a persistent one taken on trust — with `obj`'s loaded attributes copied onto
//! it, then the same along every relationship with the `merge` cascade (in SQLAlchemy's
//! default `save-update, merge`). `obj` itself is left as it is.

use super::{FxHashMap, FxHashSet, IdentityKey, ObjectId, ObjectState, Session, identity_key};
use crate::error::{Error, Result};
use crate::relationship::{Direction, Relationship};
use std::rc::Rc;

/// Whether relationship `rel` of the class named by the first argument has the `merge`
/// cascade.
pub type MergeCascade<'a> = &'a dyn Fn(&str, &Relationship) -> bool;

/// How to merge: `load=` and which relationships cascade the merge.
pub struct MergeOptions<'a> {
    /// `load=` (default true): look the object up in the database; false trusts the given
    /// object to be the database's row and emits no SQL.
    pub load: bool,
    /// Whether relationship `rel` of class `class` has the `merge` cascade; `None` takes the
    /// save-update cascade for it (SQLAlchemy's default cascade has both).
    pub cascade: Option<MergeCascade<'a>>,
}

impl Default for MergeOptions<'_> {
    fn default() -> Self {
        MergeOptions {
            load: true,
            cascade: None,
        }
    }
}

/// What one merge call has done so far: the copy of each object merged, the copy of each
/// identity, and the (object, `Class.relationship`) pairs the merge reached objects through.
#[derive(Default)]
struct Merging {
    copies: FxHashMap<ObjectId, ObjectId>,
    by_key: FxHashMap<IdentityKey, ObjectId>,
    via: FxHashSet<(ObjectId, String)>,
}

impl Session {
    /// `session.merge(obj)`: [`Session::merge_with`] with the default options.
    ///
    /// # Failure
    /// As [`Session::merge_with`].
    pub fn merge(&mut self, id: ObjectId) -> Result<ObjectId> {
        self.begun = true;
        self.merge_with(id, &MergeOptions::default())
    }

    /// `session.merge(obj, load=...)`: the session's copy of `obj` (see the module doc). With
    /// `load` the session autoflushes first; the lookups themselves never autoflush.
    ///
    /// # Failure
    /// [`Error::PendingRollbackError`] after a failed flush; [`Error::InvalidRequestError`]
    /// with `load=False` for a transient object or a changed one; [`Error::Dbapi`].
    pub fn merge_with(&mut self, id: ObjectId, options: &MergeOptions<'_>) -> Result<ObjectId> {
        self.check_usable()?;
        if options.load && self.autoflush {
            self.flush()?;
        }
        let mut merging = Merging::default();
        self.no_autoflush(|s| s.merge_one(id, options, &mut merging))
    }

    /// `session.merge_all(objs, load=...)`: [`Session::merge_with`] of each object, after one
    /// autoflush.
    ///
    /// # Failure
    /// As [`Session::merge_with`].
    pub fn merge_all_with(
        &mut self,
        ids: &[ObjectId],
        options: &MergeOptions<'_>,
    ) -> Result<Vec<ObjectId>> {
        self.check_usable()?;
        if options.load && self.autoflush {
            self.flush()?;
        }
        self.no_autoflush(|s| {
            ids.iter()
                .map(|&id| s.merge_one(id, options, &mut Merging::default()))
                .collect()
        })
    }

    fn merge_one(
        &mut self,
        id: ObjectId,
        options: &MergeOptions<'_>,
        merging: &mut Merging,
    ) -> Result<ObjectId> {
        if let Some(&copy) = merging.copies.get(&id) {
            return Ok(copy);
        }
        let (mapper, state, pk, modified) = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            (
                Rc::clone(&inst.mapper),
                inst.state,
                inst.pk_values(),
                inst.modified || inst.is_changed(),
            )
        };
        let has_identity = !matches!(state, ObjectState::Transient | ObjectState::Pending);
        if !has_identity {
            if self.members.contains(id) {
                // Already pending here (SQLAlchemy warns and merges it again; Retort keeps it).
                return Ok(id);
            }
            if !options.load {
                return Err(Error::InvalidRequestError(
                    "merge() with load=False option does not support objects transient (i.e. \
                     unpersisted) objects.  flush() all changes on mapped instances before \
                     merging with load=False."
                        .to_owned(),
                ));
            }
        }
        let key = pk.as_ref().map(|pk| identity_key(&mapper, pk));
        let mut found = key.as_ref().and_then(|k| self.identity.get(k).copied());
        if found.is_none() {
            if let Some(&copy) = key.as_ref().and_then(|k| merging.by_key.get(k)) {
                found = Some(copy);
            } else if !options.load {
                if modified {
                    return Err(Error::InvalidRequestError(
                        "merge() with load=False option does not support objects marked as \
                         'dirty'.  flush() all changes on mapped instances before merging \
                         with load=False."
                            .to_owned(),
                    ));
                }
                found = Some(self.attach_as_loaded(id)?);
            } else if let Some(pk) = &pk {
                found = self.get_keyed(&mapper, pk, "get")?;
            }
        }
        let target = match found {
            Some(t) => t,
            None => {
                let copy = self.store.borrow_mut().create(&mapper, &[])?;
                self.add_one(copy)?;
                copy
            }
        };
        merging.copies.insert(id, target);
        if let Some(key) = key {
            merging.by_key.insert(key, target);
        }
        if target != id {
            self.copy_columns(id, target, options.load)?;
            for rel in mapper.relationships() {
                self.merge_relationship(id, target, &rel, options, merging)?;
            }
        }
        if !options.load {
            let mut store = self.store.borrow_mut();
            let inst = store.get_mut(target)?;
            // Its history goes; attributes `obj` had not loaded stay unloaded.
            inst.committed.absorb(&inst.values);
            inst.modified = false;
            for (name, list) in inst.extras.related.clone() {
                if inst.extras.links.contains_key(&name) || is_m2m(&inst.mapper, &name) {
                    inst.extras.links.insert(name, list);
                }
            }
        }
        Ok(target)
    }

    /// With `load=False`: a new object for `id`'s row, persistent in this session without a
    /// SELECT (its identity is `id`'s).
    fn attach_as_loaded(&mut self, id: ObjectId) -> Result<ObjectId> {
        let copy = {
            let mut store = self.store.borrow_mut();
            let (mapper, pk_slots) = {
                let inst = store.get(id)?;
                let slots: Vec<(usize, Option<crate::value::Value>)> = inst
                    .mapper
                    .pk()
                    .iter()
                    .map(|&p| (p, inst.values[p].clone().or(inst.committed[p].clone())))
                    .collect();
                (Rc::clone(&inst.mapper), slots)
            };
            let copy = store.create(&mapper, &[])?;
            let inst = store.get_mut(copy)?;
            for (p, v) in pk_slots {
                inst.committed[p] = v;
            }
            inst.state = ObjectState::Detached;
            copy
        };
        self.add_one(copy)?;
        Ok(copy)
    }

    /// Copies `from`'s loaded columns onto `to`: as attribute sets (history, `dirty`) when
    /// `as_changes`, else as loaded values.
    fn copy_columns(&mut self, from: ObjectId, to: ObjectId, as_changes: bool) -> Result<()> {
        let mut store = self.store.borrow_mut();
        let values = store.get(from)?.values.clone();
        let inst = store.get_mut(to)?;
        for (i, v) in values.into_iter().enumerate() {
            if let Some(v) = v {
                inst.values[i] = Some(v);
                if as_changes {
                    // SQLAlchemy's attribute set marks the object modified even when the
                    // value is the same.
                    inst.modified = true;
                }
            }
        }
        Ok(())
    }

    /// Merges relationship `rel` of `from` onto `to` (SQLAlchemy's
    /// `RelationshipProperty.merge`).
    fn merge_relationship(
        &mut self,
        from: ObjectId,
        to: ObjectId,
        rel: &Relationship,
        options: &MergeOptions<'_>,
        merging: &mut Merging,
    ) -> Result<()> {
        let class = self
            .store
            .borrow()
            .get(from)?
            .mapper
            .class_name()
            .to_owned();
        let target = rel.target()?;
        if options.load
            && let Some(back) = &rel.back_populates
            && merging
                .via
                .contains(&(from, format!("{}.{back}", target.class_name())))
        {
            // Reached `from` through the other side of this relationship.
            return Ok(());
        }
        let cascades = match options.cascade {
            Some(f) => f(&class, rel),
            None => rel.cascade_save_update,
        };
        if !cascades {
            return Ok(());
        }
        let Some(given) = self.store.borrow().related(from, &rel.name)? else {
            return Ok(());
        };
        let via = format!("{class}.{}", rel.name);
        if options.load && rel.uselist {
            // Loads the copy's collection first, so that merged members already in it are
            // found in the identity map.
            self.load_related(to, &rel.name, false)?;
        }
        let mut copies = Vec::new();
        for child in given {
            merging.via.insert((child, via.clone()));
            let copy = self.merge_one(child, options, merging)?;
            if !copies.contains(&copy) {
                copies.push(copy);
            }
        }
        if !options.load {
            self.store
                .borrow_mut()
                .get_mut(to)?
                .extras
                .related
                .insert(rel.name.clone(), copies);
            return Ok(());
        }
        if rel.uselist {
            let old = self
                .store
                .borrow()
                .related(to, &rel.name)?
                .unwrap_or_default();
            for &o in old.iter().filter(|o| !copies.contains(o)) {
                self.store.borrow_mut().remove_child(to, &rel.name, o)?;
            }
            for &c in copies.iter().filter(|c| !old.contains(c)) {
                self.append_related(to, &rel.name, c)?;
            }
            let mut store = self.store.borrow_mut();
            let inst = store.get_mut(to)?;
            inst.extras.related.insert(rel.name.clone(), copies);
            inst.extras.note_attached(&rel.name);
            if inst.state == ObjectState::Persistent {
                inst.modified = true;
            }
            Ok(())
        } else {
            // SQLAlchemy sets a scalar without fetching its old value: only an old value in
            // the identity map is unlinked.
            let loaded = self.store.borrow().related(to, &rel.name)?.is_some();
            if !loaded && let Some(old) = self.lazy_target(to, &rel.name) {
                self.store
                    .borrow_mut()
                    .get_mut(to)?
                    .extras
                    .related
                    .insert(rel.name.clone(), vec![old]);
            }
            self.store
                .borrow_mut()
                .set_parent(to, &rel.name, copies.first().copied())?;
            let mut store = self.store.borrow_mut();
            let inst = store.get_mut(to)?;
            if inst.state == ObjectState::Persistent {
                inst.modified = true;
            }
            Ok(())
        }
    }
}

/// Whether relationship `name` of `mapper` is a many-to-many.
fn is_m2m(mapper: &crate::mapper::Mapper, name: &str) -> bool {
    mapper
        .relationship(name)
        .is_some_and(|r| r.direction == Direction::ManyToMany)
}
