//! Flushing the classes of an inheritance hierarchy: a single-table hierarchy saves its rows
//! in one step (its base mapper's), in the order they were added; each run of consecutive
//! objects mapping the same columns INSERTs as one group.

use crate::error::Result;
use crate::session::{ObjectId, Session};
use crate::value::Value;
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

    /// SQLAlchemy's warning for objects about to be INSERTed whose discriminator holds an
    /// identity their class does not accept.
    pub(super) fn warn_incompatible_identities(&self, ids: &[ObjectId]) -> Result<()> {
        let store = self.store.borrow();
        for &id in ids {
            let inst = store.get(id)?;
            let Some(on) = inst.mapper.polymorphic_on() else {
                continue;
            };
            let Some(pos) = inst.mapper.table().column_index(&on) else {
                continue;
            };
            let value = match &inst.values[pos] {
                Some(Value::Null) | None => None,
                Some(v) => Some(v.clone()),
            };
            if inst.mapper.acceptable_identities().contains(&value) {
                continue;
            }
            let shown = match &value {
                Some(v) => crate::engine::echo::params_repr(std::slice::from_ref(v))
                    .trim_start_matches('(')
                    .trim_end_matches(')')
                    .trim_end_matches(',')
                    .to_owned(),
                None => "None".to_owned(),
            };
            self.engine.record(crate::event::Event::Warning {
                category: "SAWarning".to_owned(),
                message: format!(
                    "Flushing object <{} at 0x{:x}> with incompatible polymorphic identity \
                     {shown}; the object may not refresh and/or load correctly (this warning \
                     may be suppressed after 10 occurrences)",
                    inst.mapper.class_name(),
                    id.0
                ),
            });
        }
        Ok(())
    }
}
