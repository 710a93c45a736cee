//! Flushing the classes of an inheritance hierarchy: a single-table hierarchy saves its rows
//! in one step (its base mapper's), in the order they were added; each run of consecutive
//! objects mapping the same columns INSERTs as one group.

use crate::error::Result;
use crate::mapper::Mapper;
use crate::session::{ObjectId, Session};
use crate::value::Value;
use std::rc::Rc;

impl Session {
    /// `ids` as runs of consecutive objects of one class (the class, the end of its run),
    /// read in one pass over the objects: what the INSERT step asks of their classes
    /// (discriminators, joined tables, tables) is then asked once a run.
    pub(super) fn class_runs(&self, ids: &[ObjectId]) -> Result<Vec<(Rc<Mapper>, usize)>> {
        let store = self.store.borrow();
        let mut runs: Vec<(Rc<Mapper>, usize)> = Vec::new();
        for (n, &id) in ids.iter().enumerate() {
            let m = &store.get(id)?.mapper;
            match runs.last_mut() {
                Some((last, end)) if Rc::ptr_eq(last, m) => *end = n + 1,
                _ => runs.push((Rc::clone(m), n + 1)),
            }
        }
        Ok(runs)
    }

    /// `ids` split into runs of consecutive objects whose mappers map the same columns (the
    /// same table value), from their [`Self::class_runs`], each with its first object's class.
    pub(super) fn runs_by_table<'a>(
        ids: &'a [ObjectId],
        classes: &[(Rc<Mapper>, usize)],
    ) -> Vec<(Rc<Mapper>, &'a [ObjectId])> {
        let mut runs: Vec<(Rc<Mapper>, usize, usize)> = Vec::new();
        let mut start = 0;
        for (m, end) in classes {
            match runs.last_mut() {
                Some((first, _, run_end)) if Rc::ptr_eq(first.table(), m.table()) => {
                    *run_end = *end;
                }
                _ => runs.push((Rc::clone(m), start, *end)),
            }
            start = *end;
        }
        runs.into_iter()
            .filter_map(|(m, a, b)| ids.get(a..b).map(|run| (m, run)))
            .collect()
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
