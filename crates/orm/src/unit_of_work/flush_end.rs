//! What a flush commits when it ends, as SQLAlchemy's: the values its INSERTs wrote and its
//! UPDATEd objects' values become their committed values (the "unchanged" side of their
//! history) only then, so `after_insert`, `after_update` and `after_flush` still see them
//! added, and a flush that fails part-way leaves them so. Keys are committed at once: a
//! generated key by the INSERT (SQLAlchemy's too), an UPDATEd key by its step (what later
//! steps match the row by).

use crate::error::Result;
use crate::session::{Instance, Session};
use std::rc::Rc;

/// What an UPDATE commits at once: the primary key the row now has (what later steps match
/// it by); its other values are committed when the flush ends ([`Session::owed_updates`]).
pub(super) fn commit_key(inst: &mut Instance) {
    for &p in inst.mapper.pk() {
        if let Some(v) = &inst.values[p] {
            inst.committed[p] = Some(v.clone());
        }
    }
}

impl Session {
    /// Forgets what a flush in progress owes its objects (values to commit, the pre-flush
    /// view, collections it changed): a flush that failed, or a transaction rolled back or
    /// closed, never commits them.
    pub(crate) fn discard_flush(&mut self) {
        self.owed_commits.clear();
        self.owed_updates.clear();
        self.pre_flush = None;
        self.flush_modified.clear();
    }

    /// Commits the values the flush's INSERTs wrote ([`Session::owed_commits`]) and its
    /// UPDATEd objects' ([`Session::owed_updates`]) to their objects; with `keys_only`, only
    /// those of primary-key columns (for objects expired next, which keep nothing else).
    ///
    /// # Failure
    /// [`crate::Error::UnmappedInstanceError`] if the store lost an object.
    pub(crate) fn commit_flushed_values(&mut self, keys_only: bool) -> Result<()> {
        let updated = std::mem::take(&mut self.owed_updates);
        if !keys_only {
            // The UPDATEd objects' keys were committed with their step.
            let mut store = self.store.borrow_mut();
            for id in updated {
                let inst = store.get_mut(id)?;
                inst.committed.absorb(&inst.values);
            }
        }
        if self.owed_commits.is_empty() {
            return Ok(());
        }
        let mut store = self.store.borrow_mut();
        for (run, columns) in std::mem::take(&mut self.owed_commits) {
            let end = run.end.min(self.inserted.len());
            let ids = self.inserted.get(run.start..end).unwrap_or_default();
            let Some(&first) = ids.first() else {
                continue;
            };
            let mapper = Rc::clone(&store.get(first)?.mapper);
            let wanted: Vec<usize> = columns
                .iter()
                .copied()
                .filter(|c| !keys_only || mapper.pk().contains(c))
                .collect();
            if wanted.is_empty() {
                continue;
            }
            for &id in ids {
                let inst = store.get_mut(id)?;
                for &c in &wanted {
                    inst.committed[c].clone_from(&inst.values[c]);
                }
            }
        }
        Ok(())
    }
}
