//! The legacy bulk methods of a session, as older tutorials use them:
//! `bulk_insert_mappings(Class, dicts)` and `bulk_update_mappings(Class, dicts)` (the ORM
//! bulk INSERT / UPDATE by primary key of `session.execute(insert(Class), dicts)`), and
//! `bulk_save_objects(objects)`, whose objects are written by class without joining the
//! session (they stay transient): each new object's set attributes INSERTed, each persistent
//! one's primary key and changed attributes UPDATEd.

use super::session::SessionObj;
use super::to_py;
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::ObjectState;

/// Whether two values are the same class.
fn same_class(a: &Value, b: &Value) -> bool {
    matches!((a, b), (Value::Class(x), Value::Class(y)) if std::rc::Rc::ptr_eq(x, y))
}

impl SessionObj {
    /// `bulk_insert_mappings(Class, dicts)` (`kind` "insert") and
    /// `bulk_update_mappings(Class, dicts)` (`kind` "update").
    pub(super) fn bulk_mappings(
        &self,
        i: &mut Interpreter,
        a: &Args,
        kind: &str,
    ) -> PyResult<Value> {
        let (Some(class), Some(rows)) = (a.pos.first(), a.pos.get(1)) else {
            return Err(i.type_error(format!(
                "bulk_{kind}_mappings() needs a mapped class and a list of dictionaries"
            )));
        };
        let stmt = super::modules::dml(
            &self.bridge,
            i,
            &Args::positional(vec![class.clone()]),
            kind,
        )?;
        // The legacy bulk methods write at once, without flushing the session first.
        let autoflush = std::mem::replace(&mut self.session.borrow_mut().autoflush, false);
        // They run with the mapper's compiled cache, as a flush does.
        self.session.borrow_mut().legacy_bulk = true;
        // Nor do they touch the session's objects (no synchronization).
        let mut args = Args::positional(vec![stmt, rows.clone()]);
        let options = i.new_dict(vec![(
            Value::str("synchronize_session"),
            Value::Bool(false),
        )])?;
        args.kw.push(("execution_options".to_owned(), options));
        let r = self.execute(i, &args);
        self.session.borrow_mut().autoflush = autoflush;
        self.session.borrow_mut().legacy_bulk = false;
        r?;
        Ok(Value::None)
    }

    /// `bulk_save_objects(objects)`: by runs of one class and kind (new or persistent), in
    /// order.
    pub(super) fn bulk_save_objects(&self, i: &mut Interpreter, a: &Args) -> PyResult<Value> {
        let objects = match a.pos.first() {
            Some(v) => i.iterate(v)?,
            None => return Err(i.type_error("bulk_save_objects() needs a list of objects")),
        };
        // (class, update, rows) per run.
        let mut runs: Vec<(Value, bool, Vec<Value>)> = Vec::new();
        for o in &objects {
            let id = self.id(i, o)?;
            let (class, update, pairs) = {
                let store = self.bridge.store.borrow();
                let inst = store.get(id).map_err(|e| self.bridge.raise(i, e))?;
                let update = inst.state == ObjectState::Persistent;
                let changed = inst.changed();
                let table = inst.mapper.table();
                let pairs: Vec<(String, retort::Value)> = table
                    .columns()
                    .iter()
                    .enumerate()
                    .filter(|(p, _)| {
                        if update {
                            inst.mapper.pk().contains(p) || changed.contains(p)
                        } else {
                            inst.values[*p].is_some()
                        }
                    })
                    .filter_map(|(p, c)| Some((c.name.clone(), inst.values[p].clone()?)))
                    .collect();
                let class = match o {
                    Value::Instance(inst) => Value::Class(inst.class.clone()),
                    other => other.clone(),
                };
                (class, update, pairs)
            };
            let mut dict = Vec::with_capacity(pairs.len());
            for (k, v) in pairs {
                dict.push((Value::str(&k), to_py(&v)));
            }
            let row = i.new_dict(dict)?;
            match runs.last_mut() {
                Some((c, u, rows)) if *u == update && same_class(c, &class) => rows.push(row),
                _ => runs.push((class, update, vec![row])),
            }
        }
        for (class, update, rows) in runs {
            let kind = if update { "update" } else { "insert" };
            self.bulk_mappings(i, &Args::positional(vec![class, Value::list(rows)]), kind)?;
        }
        Ok(Value::None)
    }
}
