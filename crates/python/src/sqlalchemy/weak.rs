//! The Python side of SQLAlchemy's weak identity map (see `retort::session::Session::prune`):
//! the bridge's table of Python instances ([`Bridge::objects`]) holds one reference to each
//! ORM object's instance, so an instance whose reference count is 1 is referenced by nothing
//! in the script. Before a session does what would show whether such objects are still in it
//! — `get()` of a key in the identity map, a query, a many-to-one lazy load, `merge()`,
//! `session.identity_map`, iterating the session — the bridge prunes them from the session
//! and forgets their Python instances (SQLAlchemy's garbage collection would have freed
//! them). Checking only at those moments keeps the cost off every other operation.

use super::Bridge;
use crate::value::Value;
use retort::session::{ObjectId, Session};
use std::cell::RefCell;
use std::rc::Rc;

impl Bridge {
    /// Whether the script still references the Python instance of `id` (objects that never
    /// had an instance are referenced by nothing).
    pub fn referenced(&self, id: ObjectId) -> bool {
        match self.objects.borrow().get(&id.0) {
            Some(Value::Instance(inst)) => Rc::strong_count(inst) > 1,
            Some(_) => true,
            None => false,
        }
    }

    /// Drops from `session` the clean persistent objects nothing references any more, and
    /// forgets their Python instances.
    pub fn prune(&self, session: &Rc<RefCell<Session>>) {
        let dropped = match session.try_borrow_mut() {
            Ok(mut s) => s.prune(|id| self.referenced(id)).unwrap_or_default(),
            Err(_) => return,
        };
        if dropped.is_empty() {
            return;
        }
        let freed: Vec<Value> = {
            let mut objects = self.objects.borrow_mut();
            let mut assigned = self.assigned.borrow_mut();
            dropped
                .iter()
                .filter_map(|id| {
                    assigned.remove(&id.0);
                    objects.remove(&id.0)
                })
                .collect()
        };
        // The instances are freed here, after the bridge's tables are released.
        drop(freed);
    }

    /// Prunes `session` when the object a lookup would find, `found`, is one it would drop
    /// (so the lookup then goes to the database, as SQLAlchemy's does).
    pub fn prune_if_unreferenced(&self, session: &Rc<RefCell<Session>>, found: Option<ObjectId>) {
        if let Some(id) = found
            && !self.referenced(id)
        {
            self.prune(session);
        }
    }
}
