//! The warnings SQLAlchemy gives around a session's flush: a new object whose primary key
//! is that of a persistent one, and related objects the save-update cascade did not add.

use super::session::SessionObj;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::ObjectId;
use std::rc::Rc;

impl SessionObj {
    /// Before a flush: SQLAlchemy warns about each new object whose primary key is that of
    /// a persistent object in the session (the INSERT then fails).
    pub(super) fn warn_conflicts(&self, i: &mut Interpreter) -> PyResult<()> {
        let (new, persistent) = {
            let s = self.session.borrow();
            let persistent: Vec<ObjectId> =
                s.identity_map().into_iter().map(|(_, id)| id).collect();
            (s.new_objects(), persistent)
        };
        for n in new {
            let conflict = {
                let store = self.bridge.store.borrow();
                let Ok(o) = store.get(n) else { continue };
                let Some(pk) = o.pk_values() else { continue };
                persistent
                    .iter()
                    .copied()
                    .find(|&p| {
                        p != n
                            && store.get(p).is_ok_and(|q| {
                                Rc::ptr_eq(&q.mapper, &o.mapper)
                                    && q.pk_values().as_ref() == Some(&pk)
                            })
                    })
                    .map(|p| (p, pk, o.mapper.class_name().to_owned()))
            };
            if let Some((p, pk, class)) = conflict {
                let key = i.repr(&Value::tuple(pk.iter().map(super::to_py).collect()))?;
                self.bridge.warn(
                    i,
                    "SAWarning",
                    &format!(
                        "New instance <{class} at 0x{:x}> with identity key (<class '__main__.{class}'>, {key}, None) conflicts with persistent instance <{class} at 0x{:x}>",
                        n.0, p.0
                    ),
                );
            }
        }
        Ok(())
    }

    /// Transient objects in save-update relationships of the session's objects, as
    /// (parent class, relationship, object class, object).
    pub(super) fn unsaved_related(&self) -> Vec<(String, String, String, ObjectId)> {
        let members: Vec<ObjectId> = {
            let s = self.session.borrow();
            let mut m = s.new_objects();
            m.extend(s.identity_map().into_iter().map(|(_, id)| id));
            m
        };
        let store = self.bridge.store.borrow();
        let mut out = Vec::new();
        for id in members {
            let Ok(o) = store.get(id) else { continue };
            // A persistent object's relationships as loaded add nothing (SQLAlchemy looks at
            // what was set since).
            let persistent = o.state == retort::session::ObjectState::Persistent;
            for rel in o.mapper.relationships() {
                if !rel.cascade_save_update
                    || (persistent && !o.extras.attached.contains(&rel.name))
                {
                    continue;
                }
                for &r in o.extras.related.get(&rel.name).into_iter().flatten() {
                    if let Ok(t) = store.get(r)
                        && t.state == retort::session::ObjectState::Transient
                    {
                        // SQLAlchemy's one-to-many says "will not proceed", the others
                        // "won't proceed" (the name carries the wording).
                        let one_to_many =
                            rel.direction == retort::relationship::Direction::OneToMany;
                        out.push((
                            o.mapper.class_name().to_owned(),
                            if one_to_many {
                                rel.name.clone()
                            } else {
                                format!("{}\u{0}", rel.name)
                            },
                            t.mapper.class_name().to_owned(),
                            r,
                        ));
                    }
                }
            }
        }
        out
    }

    /// After a flush: SQLAlchemy warns about related objects its cascade did not add.
    pub(super) fn warn_unsaved(
        &self,
        i: &mut Interpreter,
        before: Vec<(String, String, String, ObjectId)>,
    ) {
        for (parent, rel, class, id) in before {
            let still = self
                .bridge
                .store
                .borrow()
                .get(id)
                .is_ok_and(|o| o.state == retort::session::ObjectState::Transient);
            if still {
                let (rel, verb) = match rel.strip_suffix('\u{0}') {
                    Some(r) => (r, "won't proceed"),
                    None => (rel.as_str(), "will not proceed"),
                };
                self.bridge.warn(
                    i,
                    "SAWarning",
                    &format!(
                        "Object of type <{class}> not in session, add operation along '{parent}.{rel}' {verb}"
                    ),
                );
            }
        }
    }
}
