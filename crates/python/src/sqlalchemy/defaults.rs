//! Python-side column defaults of mapped classes: `default=` functions called for new
//! objects, and `onupdate=` values and functions given to objects that will be UPDATEd and
//! to executed UPDATE statements, as SQLAlchemy fills them in.

use super::{Bridge, to_sql};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::Session;
use std::cell::RefCell;
use std::rc::Rc;

impl Bridge {
    /// Calls the callable column defaults of the session's new objects that have no value
    /// for those columns yet (SQLAlchemy calls them when it flushes the INSERT; Retort calls
    /// them just before, when the objects are added or the session next runs SQL).
    pub fn apply_defaults(
        &self,
        i: &mut Interpreter,
        session: &Rc<RefCell<Session>>,
    ) -> PyResult<()> {
        self.apply_onupdates(i, session)?;
        if self.callable_defaults.borrow().is_empty() {
            return Ok(());
        }
        let new = match session.try_borrow() {
            Ok(s) => s.new_objects(),
            Err(_) => return Ok(()),
        };
        let defaults = self.callable_defaults.borrow().clone();
        for id in new {
            for (mapper, column, f) in &defaults {
                let missing = {
                    let store = self.store.borrow();
                    store.get(id).is_ok_and(|o| {
                        o.mapper.isa(mapper)
                            && o.mapper.attr(column).is_ok_and(|p| o.values[p].is_none())
                    })
                };
                if missing {
                    let v = i.call(f, crate::function::Args::default())?;
                    let v = to_sql(i, &v)?;
                    self.store
                        .borrow_mut()
                        .set_attr(id, column, v)
                        .map_err(|e| self.raise(i, e))?;
                }
            }
        }
        Ok(())
    }

    /// Gives the `onupdate=` columns of the session's modified objects their value when the
    /// object will be UPDATEd (it has a changed column) and the column itself was not set:
    /// SQLAlchemy evaluates them for the flush's UPDATE and the object keeps the value.
    fn apply_onupdates(&self, i: &mut Interpreter, session: &Rc<RefCell<Session>>) -> PyResult<()> {
        if self.onupdates.borrow().is_empty() {
            return Ok(());
        }
        let dirty = match session.try_borrow() {
            Ok(s) => s.dirty(),
            Err(_) => return Ok(()),
        };
        let onupdates = self.onupdates.borrow().clone();
        for id in dirty {
            for (mapper, column, v) in &onupdates {
                let due = {
                    let store = self.store.borrow();
                    store.get(id).is_ok_and(|o| {
                        let changed = o.changed();
                        Rc::ptr_eq(&o.mapper, mapper)
                            && !changed.is_empty()
                            && o.mapper.attr(column).is_ok_and(|p| !changed.contains(&p))
                    })
                };
                if due {
                    let v = match v {
                        Value::Function(_)
                        | Value::Native(_)
                        | Value::Method(_)
                        | Value::Class(_) => i.call(v, crate::function::Args::default())?,
                        other => other.clone(),
                    };
                    let v = to_sql(i, &v)?;
                    self.store
                        .borrow_mut()
                        .set_attr(id, column, v)
                        .map_err(|e| self.raise(i, e))?;
                }
            }
        }
        Ok(())
    }

    /// Adds the `onupdate=` values of the mapped columns an executed `UPDATE` does not set
    /// (a function is called once for the statement, as SQLAlchemy does).
    pub fn add_onupdates(
        &self,
        i: &mut Interpreter,
        st: &mut retort::sql::Statement,
    ) -> PyResult<()> {
        let retort::sql::Statement::Update(u) = st else {
            return Ok(());
        };
        let onupdates = self.onupdates.borrow().clone();
        for (mapper, column, v) in &onupdates {
            let set = u.values.iter().any(|(c, _)| c == column)
                || u.exprs.iter().any(|(c, _)| c == column);
            if set || !Rc::ptr_eq(mapper.table(), &u.table) {
                continue;
            }
            let v = match v {
                Value::Function(_) | Value::Native(_) | Value::Method(_) | Value::Class(_) => {
                    i.call(v, crate::function::Args::default())?
                }
                other => other.clone(),
            };
            u.values.push((column.clone(), to_sql(i, &v)?));
        }
        Ok(())
    }
}
