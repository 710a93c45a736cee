//! Flushing the classes of an inheritance hierarchy: a single-table hierarchy saves its rows
//! in one step (its base mapper's), in the order they were added; each run of consecutive
//! objects mapping the same columns INSERTs as one group.

use crate::error::Result;
use crate::session::{ObjectId, Session};
use std::rc::Rc;

impl Session {
    /// `ids` split into runs of consecutive objects whose mappers map the same columns (the
    /// same table value).
    pub(super) fn runs_by_table<'a>(&self, ids: &'a [ObjectId]) -> Result<Vec<&'a [ObjectId]>> {
        let store = self.store.borrow();
        let mut runs = Vec::new();
        let mut start = 0;
        for n in 1..ids.len() {
            let a = store.get(ids[n - 1])?.mapper.table();
            let b = store.get(ids[n])?.mapper.table();
            if !Rc::ptr_eq(a, b) {
                runs.push(&ids[start..n]);
                start = n;
            }
        }
        if start < ids.len() {
            runs.push(&ids[start..]);
        }
        Ok(runs)
    }
}
