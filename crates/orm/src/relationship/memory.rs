//! Relationships in memory, before any flush: setting a scalar side (`address.user = u`,
//! `user.profile = p`), appending to and removing from a collection (`user.addresses`,
//! `post.tags`), each keeping the `back_populates` / `backref` side in step as SQLAlchemy's
//! attribute events do.

use super::Relationship;
use crate::error::{Error, Result};
use crate::session::{ObjectId, Store};

impl Store {
    /// The loaded related objects of `id.name` (`None` when not loaded yet).
    ///
    /// # Failure
    /// [`Error::UnmappedInstanceError`].
    pub fn related(&self, id: ObjectId, name: &str) -> Result<Option<Vec<ObjectId>>> {
        Ok(self.get(id)?.extras.related.get(name).cloned())
    }

    fn related_mut(&mut self, id: ObjectId, name: &str) -> Result<&mut Vec<ObjectId>> {
        Ok(self
            .get_mut(id)?
            .extras
            .related
            .entry(name.to_owned())
            .or_default())
    }

    /// Adds `other` to the back side `back` of `id`: appended to a collection, or set as the
    /// scalar (leaving its previous holder's side, as `user.profile = p` does to `p`'s old user).
    fn back_link(&mut self, id: ObjectId, back: &str, other: ObjectId) -> Result<()> {
        let back_rel = self.rel(id, back)?;
        let mark = (back.to_owned(), other);
        let inst = self.get_mut(id)?;
        if !inst.extras.via_backref.contains(&mark) {
            inst.extras.via_backref.push(mark);
        }
        if back_rel.uselist {
            if self.defers(id, back)? {
                let inst = self.get_mut(id)?;
                inst.extras
                    .pending
                    .entry(back.to_owned())
                    .or_default()
                    .append(other);
                inst.modified = true;
                return Ok(());
            }
            let list = self.related_mut(id, back)?;
            if !list.contains(&other) {
                list.push(other);
            }
            if back_rel.direction == crate::relationship::Direction::OneToMany {
                self.get_mut(id)?.extras.note_added(back, other);
            }
        } else {
            self.get_mut(id)?.modified = true;
            let old = std::mem::replace(self.related_mut(id, back)?, vec![other]);
            if let Some(prev) = old.first().copied().filter(|&p| p != other)
                && let Some(back2) = back_rel.back_populates.as_deref()
            {
                let collection = self.rel(prev, back2)?.uselist;
                match self.get_mut(prev)?.extras.related.get_mut(back2) {
                    Some(list) => list.retain(|&c| c != id),
                    None if collection => self.pending_remove(prev, back2, id)?,
                    None => {}
                }
            }
        }
        Ok(())
    }

    /// Removes `other` from the back side `back` of `id` (if loaded).
    fn back_unlink(&mut self, id: ObjectId, back: &str, other: ObjectId) -> Result<()> {
        let back_rel = self.rel(id, back)?;
        let scalar = !back_rel.uselist;
        if scalar {
            // As SQLAlchemy's `pop(check_old=...)`: an unknown value is set to None too.
            let inst = self.get_mut(id)?;
            let holds = inst
                .extras
                .related
                .get(back)
                .is_none_or(|l| l.first() == Some(&other));
            if holds {
                inst.extras.related.insert(back.to_owned(), Vec::new());
                inst.modified = true;
            }
        } else if let Some(list) = self.get_mut(id)?.extras.related.get_mut(back) {
            let was_there = list.contains(&other);
            list.retain(|&c| c != other);
            if was_there && back_rel.direction == crate::relationship::Direction::OneToMany {
                self.get_mut(id)?.extras.note_left(back, other);
            }
        } else {
            self.pending_remove(id, back, other)?;
        }
        Ok(())
    }

    /// Whether a backref change to the collection `name` of `id` waits as a pending mutation:
    /// the collection is not loaded and the object has a row to load it from (SQLAlchemy's
    /// lazy loader answers `PASSIVE_NO_RESULT`); an object without one starts it empty.
    fn defers(&self, id: ObjectId, name: &str) -> Result<bool> {
        let inst = self.get(id)?;
        Ok(!inst.extras.related.contains_key(name)
            && matches!(
                inst.state,
                crate::session::ObjectState::Persistent | crate::session::ObjectState::Detached
            ))
    }

    /// `other` leaves the collection `name` of `id` that is not loaded: a pending removal.
    fn pending_remove(&mut self, id: ObjectId, name: &str, other: ObjectId) -> Result<()> {
        if self.defers(id, name)? {
            let inst = self.get_mut(id)?;
            inst.extras
                .pending
                .entry(name.to_owned())
                .or_default()
                .remove(other);
            inst.modified = true;
        }
        Ok(())
    }

    /// `obj.rel = value` for a scalar relationship (many-to-one, or `uselist=False`), keeping
    /// `back_populates` in step: `obj` leaves its old value's side and joins the new one's.
    ///
    /// # Failure
    /// [`Error::AttributeError`] for an unknown relationship; [`Error::InvalidRequestError`]
    /// for a collection.
    pub fn set_parent(&mut self, id: ObjectId, name: &str, value: Option<ObjectId>) -> Result<()> {
        let rel = self.rel(id, name)?;
        if rel.uselist {
            return Err(Error::InvalidRequestError(format!(
                "'{name}' is a collection; append to it or remove from it"
            )));
        }
        let known = self.get(id)?.extras.related.contains_key(name);
        let old = std::mem::replace(self.related_mut(id, name)?, value.into_iter().collect());
        let inst = self.get_mut(id)?;
        let has_row = matches!(
            inst.state,
            crate::session::ObjectState::Persistent | crate::session::ObjectState::Detached
        );
        if !known && has_row && !inst.extras.blind_sets.iter().any(|n| n == name) {
            inst.extras.blind_sets.push(name.to_owned());
        }
        if let Some(extras) = inst.extras.if_any() {
            extras.via_backref.retain(|(n, _)| n != name);
        }
        if value.is_some() {
            inst.extras.note_attached(name);
        }
        // A view-only relationship's changes are not the object's: no flush writes them.
        inst.modified |= !rel.viewonly;
        if let Some(back) = &rel.back_populates {
            if let Some(p) = old.first().copied().filter(|&p| Some(p) != value) {
                self.back_unlink(p, back, id)?;
            }
            if let Some(p) = value {
                self.back_link(p, back, id)?;
            }
        }
        Ok(())
    }

    /// `parent.rel.append(child)` for a collection, setting the child's `back_populates` side.
    ///
    /// # Failure
    /// [`Error::AttributeError`] for an unknown relationship.
    pub fn append_child(&mut self, parent: ObjectId, name: &str, child: ObjectId) -> Result<()> {
        let rel = self.rel(parent, name)?;
        if rel.lazy.is_query() && self.defers(parent, name)? {
            // A dynamic or write-only collection is not loaded to change it: the append
            // waits as pending (SQLAlchemy's write-only history), flushed as such.
            self.get_mut(parent)?
                .extras
                .pending
                .entry(name.to_owned())
                .or_default()
                .append(child);
        } else {
            let list = self.related_mut(parent, name)?;
            if !list.contains(&child) {
                list.push(child);
            }
            if rel.direction == crate::relationship::Direction::OneToMany {
                self.get_mut(parent)?.extras.note_added(name, child);
            }
        }
        let inst = self.get_mut(parent)?;
        inst.modified |= !rel.viewonly;
        inst.extras
            .via_backref
            .retain(|(n, c)| !(n == name && *c == child));
        inst.extras.note_attached(name);
        if let Some(list) = self.get_mut(parent)?.extras.removed.get_mut(name) {
            list.retain(|&c| c != child);
        }
        let key = format!("{}.{name}", self.get(parent)?.mapper.class_name());
        if let Some(extras) = self.get_mut(child)?.extras.if_any() {
            extras.parentless.retain(|k| *k != key);
        }
        if let Some(back) = &rel.back_populates {
            let old_parent = self.back_scalar(child, back)?;
            if let Some(old) = old_parent.filter(|&o| o != parent) {
                match self.get_mut(old)?.extras.related.get_mut(&rel.name) {
                    Some(list) => list.retain(|&c| c != child),
                    None => self.pending_remove(old, &rel.name, child)?,
                }
            }
            self.back_link(child, back, parent)?;
        }
        Ok(())
    }

    /// The current value of a scalar back side, if it is scalar and set.
    fn back_scalar(&self, id: ObjectId, back: &str) -> Result<Option<ObjectId>> {
        let rel = self.rel(id, back)?;
        Ok(if rel.uselist {
            None
        } else {
            self.get(id)?
                .extras
                .related
                .get(back)
                .and_then(|v| v.first().copied())
        })
    }

    /// `parent.rel.remove(child)`, clearing the child's `back_populates` side.
    ///
    /// # Failure
    /// [`Error::AttributeError`] for an unknown relationship.
    pub fn remove_child(&mut self, parent: ObjectId, name: &str, child: ObjectId) -> Result<()> {
        let rel = self.rel(parent, name)?;
        let was_there = if rel.lazy.is_query() && self.defers(parent, name)? {
            // As for an append: a pending removal of a row the collection holds.
            self.get_mut(parent)?
                .extras
                .pending
                .entry(name.to_owned())
                .or_default()
                .remove(child);
            true
        } else {
            let list = self.related_mut(parent, name)?;
            let was_there = list.contains(&child);
            list.retain(|&c| c != child);
            if was_there && rel.direction == crate::relationship::Direction::OneToMany {
                self.get_mut(parent)?.extras.note_left(name, child);
            }
            was_there
        };
        self.get_mut(parent)?.modified |= !rel.viewonly;
        if let Some(back) = &rel.back_populates {
            self.back_unlink(child, back, parent)?;
        } else if was_there && rel.direction == crate::relationship::Direction::OneToMany {
            let removed = self
                .get_mut(parent)?
                .extras
                .removed
                .entry(name.to_owned())
                .or_default();
            if !removed.contains(&child) {
                removed.push(child);
            }
            let key = format!("{}.{name}", self.get(parent)?.mapper.class_name());
            let flags = &mut self.get_mut(child)?.extras.parentless;
            if !flags.contains(&key) {
                flags.push(key);
            }
        }
        Ok(())
    }

    pub(crate) fn rel(&self, id: ObjectId, name: &str) -> Result<Relationship> {
        let inst = self.get(id)?;
        inst.mapper.relationship(name).ok_or_else(|| {
            Error::AttributeError(format!(
                "'{}' object has no attribute '{name}'",
                inst.mapper.class_name()
            ))
        })
    }
}
