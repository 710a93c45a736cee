//! The session probe: what a playground needs to look inside a running script's ORM — the
//! live `Session` objects the script bound to module-level names, and the ORM sessions they
//! wrap, so panels can show their objects, identity map and flush plan.

use crate::Interpreter;
use crate::sqlalchemy::native;
use crate::sqlalchemy::session::SessionObj;
use crate::value::Value;
use retort::session::Session;
use std::cell::RefCell;
use std::rc::Rc;

/// A `Session` the script can reach from its globals.
#[derive(Clone)]
pub struct LiveSession {
    /// The first module-level name bound to it, in binding order.
    pub name: String,
    /// The ORM session.
    pub session: Rc<RefCell<Session>>,
}

impl Interpreter {
    /// The sessions bound to module-level names, each once, in the order their names were
    /// first bound.
    pub fn live_sessions(&self) -> Vec<LiveSession> {
        let vars = self.globals.vars.borrow();
        let mut out: Vec<LiveSession> = Vec::new();
        for (name, value) in vars.iter() {
            let Some(obj) = native::<SessionObj>(value) else {
                continue;
            };
            if out.iter().any(|s| Rc::ptr_eq(&s.session, &obj.session)) {
                continue;
            }
            out.push(LiveSession {
                name: name.clone(),
                session: Rc::clone(&obj.session),
            });
        }
        out
    }

    /// Drops from every live session the clean persistent objects the script no longer
    /// references, as SQLAlchemy's weak identity map lets the garbage collector do; panels
    /// call it before they look, so they show what `session.identity_map` would.
    pub fn prune_sessions(&self) {
        let vars = self.globals.vars.borrow();
        for value in vars.values() {
            if let Some(obj) = native::<SessionObj>(value) {
                obj.bridge.prune(&obj.session);
            }
        }
    }

    /// Whether the script can still reach the Python instance of object `id` (objects it can
    /// not reach are garbage to CPython: panels leave detached and transient ones out).
    pub fn object_referenced(&self, id: usize) -> bool {
        let vars = self.globals.vars.borrow();
        vars.values()
            .find_map(native::<SessionObj>)
            .is_some_and(|obj| obj.bridge.referenced(retort::session::ObjectId(id)))
    }

    /// The module-level names bound to a value, in binding order (for panels that name what
    /// they show).
    pub fn global_names(&self) -> Vec<String> {
        self.globals.vars.borrow().keys().cloned().collect()
    }

    /// The module-level value `name` names, if it is a mapped object: its id in the arena.
    pub fn global_object_id(&self, name: &str) -> Option<usize> {
        let value: Value = self.globals.get(name)?;
        crate::sqlalchemy::object_id(&value).map(|id| id.0)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::{Error, Interpreter};

    #[test]
    fn sessions_bound_to_globals_are_found_once_by_their_first_name() -> Result<(), Error> {
        let mut py = Interpreter::new();
        py.run(
            "from sqlalchemy import create_engine\nfrom sqlalchemy.orm import Session\n\
             engine = create_engine('sqlite://')\ns = Session(engine)\nalias = s\n\
             other = Session(engine)\n",
        )?;
        let names: Vec<String> = py.live_sessions().into_iter().map(|s| s.name).collect();
        assert_eq!(names, ["s", "other"]);
        Ok(())
    }
}
