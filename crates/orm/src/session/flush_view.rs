//! What SQLAlchemy's `after_flush` event sees: the session as before the flush. SQLAlchemy
//! changes object states and the `new` / `dirty` / `deleted` views only when the whole flush
//! ends, while Retort moves each object as its step runs (so a flush stepped through in the
//! page shows its queue draining). With [`Session::keep_pre_flush`] set (the Python layer
//! sets it when it drives a flush for its events), the flush keeps those views and states as
//! they were when it was planned, until [`Session::finish_flush`].

use super::{FxHashMap, ObjectId, ObjectState, Session};
use crate::error::Result;

/// The views and object states a flush started from.
#[derive(Debug, Default)]
pub(crate) struct PreFlush {
    new: Vec<ObjectId>,
    dirty: Vec<ObjectId>,
    deleted: Vec<ObjectId>,
    /// Each member's state and whether it was modified.
    states: FxHashMap<ObjectId, (ObjectState, bool)>,
}

impl Session {
    /// Records the views and states a flush starts from (with `keep_pre_flush` only).
    pub(crate) fn capture_pre_flush(&mut self) -> Result<()> {
        if !self.keep_pre_flush {
            return Ok(());
        }
        let mut states = FxHashMap::default();
        {
            let store = self.store.borrow();
            for id in self.members.iter() {
                let inst = store.get(id)?;
                states.insert(id, (inst.state, inst.modified));
            }
        }
        self.pre_flush = Some(PreFlush {
            new: self.new_objects(),
            dirty: self.dirty(),
            deleted: self.deleted_objects(),
            states,
        });
        Ok(())
    }

    /// `session.new` as flush events see it: before the flush while one runs.
    pub fn seen_new(&self) -> Vec<ObjectId> {
        match &self.pre_flush {
            Some(p) => p.new.clone(),
            None => self.new_objects(),
        }
    }

    /// `session.dirty` as flush events see it.
    pub fn seen_dirty(&self) -> Vec<ObjectId> {
        match &self.pre_flush {
            Some(p) => p.dirty.clone(),
            None => self.dirty(),
        }
    }

    /// `session.deleted` as flush events see it.
    pub fn seen_deleted(&self) -> Vec<ObjectId> {
        match &self.pre_flush {
            Some(p) => p.deleted.clone(),
            None => self.deleted_objects(),
        }
    }

    /// The state and modified flag of `id` as flush events see them, while a flush keeps
    /// them (`None`: the object's own).
    pub fn seen_state(&self, id: ObjectId) -> Option<(ObjectState, bool)> {
        self.pre_flush.as_ref()?.states.get(&id).copied()
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::mapper::Mapper;
    use crate::schema::{Column, MetaData, Table};
    use crate::session::Store;
    use crate::types::SqlType;
    use crate::{Engine, Value};
    use std::cell::RefCell;
    use std::rc::Rc;

    #[test]
    fn a_kept_flush_shows_the_session_as_before_it_until_it_ends() -> Result<()> {
        let md = MetaData::new();
        let items = md.add(
            Table::new("item")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::new("name", SqlType::String(None))),
        )?;
        let engine = Engine::in_memory()?;
        md.create_all(&engine, false)?;
        let mapper = Mapper::new("Item", &items)?;
        let store = Rc::new(RefCell::new(Store::new()));
        let mut s = Session::new(&engine, Rc::clone(&store));
        let name = |n: &str| [("name".to_owned(), Value::from(n))];
        let a = store.borrow_mut().create(&mapper, &name("a"))?;
        s.add(a)?;
        s.flush()?;
        s.set_attr(a, "name", "a2".into())?;
        let b = store.borrow_mut().create(&mapper, &name("b"))?;
        s.add(b)?;
        s.keep_pre_flush = true;
        let plan = s.prepare_flush()?;
        for step in &plan.steps {
            s.run_step(step)?;
        }
        // The steps ran: b is persistent and a clean, but the flush's events see them as
        // before it.
        assert!(s.new_objects().is_empty() && s.dirty().is_empty());
        assert_eq!((s.seen_new(), s.seen_dirty()), (vec![b], vec![a]));
        assert_eq!(
            s.seen_state(b).map(|(state, _)| state),
            Some(ObjectState::Pending)
        );
        assert_eq!(s.seen_state(a), Some((ObjectState::Persistent, true)));
        s.finish_flush()?;
        assert!(s.seen_new().is_empty() && s.seen_dirty().is_empty());
        assert_eq!(s.seen_state(b), None);
        Ok(())
    }
}
