//! The parts of an instance that only relationships, loader options and deferred columns
//! use, boxed apart from it ([`Extras`]): a plain new row never allocates them, so the
//! instance itself stays small (72 bytes natively, see [`super::Instance`]).

use super::state::{ObjectId, PendingCollection};
use std::collections::HashMap;
use std::rc::Rc;

/// An instance's [`ExtrasData`], allocated when first changed; until then it reads as
/// empty. Reads go through `Deref`, changes through `DerefMut` (which allocates); a change
/// that only removes ([`Extras::if_any`]) allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct Extras(Option<Box<ExtrasData>>);

/// What [`Extras`] holds.
#[derive(Debug, Clone, Default)]
pub struct ExtrasData {
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
    /// Relationships set or appended to since the object was loaded or last flushed: the
    /// flush's save-update cascade follows only these from a persistent object (SQLAlchemy
    /// cascades when the attribute is set; a relationship as loaded puts nothing new into
    /// the session, though an object in it may have left since, by `expunge()` or
    /// `make_transient()`).
    pub attached: Vec<String>,
    /// Children put into a loaded one-to-many collection since the object was loaded or
    /// last flushed (appended, or by a backref), by collection name: the collection's
    /// history of additions, which the flush checks for children outside the session.
    pub(crate) added: Vec<(String, ObjectId)>,
    /// Children taken out of a loaded one-to-many collection since the object was loaded
    /// or last flushed, by collection name (the collection's history of removals; a child
    /// added and taken out again in between is in neither list).
    pub(crate) left: Vec<(String, ObjectId)>,
    /// Columns a dataclass `__init__` set from their `default=` (the column's own default):
    /// SQLAlchemy leaves those to the column default, so the INSERT is that of a defaulted
    /// column.
    pub(crate) init_defaults: Vec<usize>,
}

thread_local! {
    /// What an instance without extras reads: one empty value per thread, leaked (it lives
    /// as long as the thread's objects may be read).
    static EMPTY: &'static ExtrasData = Box::leak(Box::default());
}

impl ExtrasData {
    /// Notes that `child` was put into the loaded one-to-many collection `name`.
    pub(crate) fn note_added(&mut self, name: &str, child: ObjectId) {
        let this = |(n, c): &(String, ObjectId)| n == name && *c == child;
        if self.left.iter().any(this) {
            // Back where it was: no change to the collection's history.
            self.left.retain(|e| !this(e));
        } else if !self.added.iter().any(this) {
            self.added.push((name.to_owned(), child));
        }
    }

    /// Notes that `child` left the loaded one-to-many collection `name` (see
    /// [`ExtrasData::note_added`]).
    pub(crate) fn note_left(&mut self, name: &str, child: ObjectId) {
        let this = |(n, c): &(String, ObjectId)| n == name && *c == child;
        if self.added.iter().any(this) {
            self.added.retain(|e| !this(e));
        } else if !self.left.iter().any(this) {
            self.left.push((name.to_owned(), child));
        }
    }

    /// Notes that relationship `name` was set or appended to (see [`ExtrasData::attached`]).
    pub(crate) fn note_attached(&mut self, name: &str) {
        if !self.attached.iter().any(|n| n == name) {
            self.attached.push(name.to_owned());
        }
    }
}

impl Extras {
    /// The extras, if any were ever set: for changes that only remove or clear, which need
    /// not allocate an empty set to change.
    pub(crate) fn if_any(&mut self) -> Option<&mut ExtrasData> {
        self.0.as_deref_mut()
    }
}

impl std::ops::Deref for Extras {
    type Target = ExtrasData;

    fn deref(&self) -> &ExtrasData {
        match &self.0 {
            Some(data) => data,
            None => EMPTY.with(|e| *e),
        }
    }
}

impl std::ops::DerefMut for Extras {
    fn deref_mut(&mut self) -> &mut ExtrasData {
        self.0.get_or_insert_with(Box::default)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn extras_read_empty_and_allocate_when_first_changed() {
        let mut e = Extras::default();
        assert!(e.related.is_empty() && e.deferred_key.is_empty());
        assert!(e.if_any().is_none());
        e.blind_sets.push("user".into());
        assert_eq!(e.if_any().map(|d| d.blind_sets.len()), Some(1));
        // Class, values, committed values, flags and the extras' box: 72 bytes natively.
        let word = std::mem::size_of::<usize>();
        assert!(std::mem::size_of::<super::super::Instance>() <= 9 * word);
    }
}
