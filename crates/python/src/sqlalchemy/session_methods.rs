//! Session methods with bodies of their own: `session.get(Class, pk)`, `expire()` /
//! `refresh()` / `expunge()` (of an object or some of its attributes) and `merge()`.

use super::session::SessionObj;
use super::to_sql;
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};

impl SessionObj {
    /// `session.get(Class, pk)`.
    pub(super) fn get(&self, i: &mut Interpreter, a: &Args) -> PyResult<Value> {
        let Some(Value::Class(c)) = a.pos.first() else {
            return Err(super::unsupported(
                i,
                "Session.get() of anything but a mapped class",
            ));
        };
        let Some(mapped) = self.bridge.mapped_class_of(c) else {
            return Err(self.bridge.error(
                i,
                "UnmappedClassError",
                &format!("Class '__main__.{}' is not mapped", c.name),
            ));
        };
        let mut pk = Vec::new();
        match a.pos.get(1) {
            Some(Value::Tuple(t)) => {
                for v in t.iter() {
                    pk.push(to_sql(i, v)?);
                }
            }
            Some(v) => pk.push(to_sql(i, v)?),
            None => return Err(i.type_error("get() needs a primary key")),
        }
        if pk.len() != mapped.mapper.pk().len() {
            let table = mapped.mapper.table();
            let cols: Vec<String> = mapped
                .mapper
                .pk()
                .iter()
                .map(|&p| format!("'{}.{}'", table.name(), table.columns()[p].name))
                .collect();
            return Err(self.bridge.error(
                        i,
                        "InvalidRequestError",
                        &format!(
                            "Incorrect number of values in identifier to formulate primary key for session.get(); primary key columns are {}",
                            cols.join(", ")
                        ),
                    ));
        }
        // `options=[...]`, `populate_existing=True`.
        let mut options = Vec::new();
        let mut populate = false;
        for (k, v) in &a.kw {
            match k.as_str() {
                "options" => {
                    let list = i.iterate(v)?;
                    options = super::loader_options::collect(i, &Args::positional(list))?.0;
                }
                "populate_existing" => populate = i.truthy(v)?,
                _ => {}
            }
        }
        let found = self.session.borrow().identity_lookup(&mapped.mapper, &pk);
        if found.is_none() || populate {
            self.flush_with_events(i, true)?;
        }
        self.bridge.prune_if_unreferenced(&self.session, found);
        match self.run(i, |s| s.get_with(&mapped.mapper, &pk, options, populate))? {
            Some(id) => self.bridge.object(id),
            None => Ok(Value::None),
        }
    }

    /// `session.expire(obj[, attrs])`, `session.refresh(obj[, attrs])`, `session.expunge(obj)`.
    pub(super) fn expire_refresh_expunge(
        &self,
        i: &mut Interpreter,
        name: &str,
        a: &Args,
    ) -> PyResult<Value> {
        let v = a.pos.first().cloned().unwrap_or(Value::None);
        let id = self.id(i, &v)?;
        if name != "expunge" {
            // Values reloaded from the database take their column's Python type.
            self.bridge.forget_set_values(id);
        }
        let names = match (name, a.pos.get(1)) {
            ("expire" | "refresh", Some(list)) if !matches!(list, Value::None) => {
                let mut names = Vec::new();
                for n in i.iterate(list)? {
                    names.push(i.to_str(&n)?);
                }
                Some(names)
            }
            _ => None,
        };
        if let Some(names) = names {
            self.check_persistent(i, id)?;
            self.run(i, |s| s.expire_attrs(id, &names))?;
            if name == "refresh" {
                // Reading one expired attribute loads them all.
                for n in &names {
                    self.bridge.get_value(i, id, n)?;
                }
            }
            return Ok(Value::None);
        }
        if a.pos.len() > 1 {
            return Err(super::unsupported(
                i,
                &format!("Session.{name}() of some attributes"),
            ));
        }
        if name == "expire" {
            self.check_persistent(i, id)?;
        }
        match name {
            "expire" => self.run(i, |s| s.expire(id))?,
            "refresh" => self.run(i, |s| s.refresh(id))?,
            _ => self.run(i, |s| s.expunge(id))?,
        }
        Ok(Value::None)
    }

    /// `session.merge(obj, load=True)`: the merge cascades along the relationships whose
    /// `cascade=` names `merge` (or `all`; SQLAlchemy's default cascade does).
    /// `session.merge_all(objs, load=True)` (`all`) returns a list of the merged objects.
    pub(super) fn merge(&self, i: &mut Interpreter, mut a: Args, all: bool) -> PyResult<Value> {
        let load = match a.take_kw("load") {
            Some(v) => i.truthy(&v)?,
            None => true,
        };
        let _ = a.take_kw("options");
        let ids = if all {
            self.ids(i, &a)?
        } else {
            let v = a.pos.first().cloned().unwrap_or(Value::None);
            vec![self.id(i, &v)?]
        };
        self.bridge.prune(&self.session);
        let cascades = self.bridge.cascades.borrow().clone();
        let cascade = move |class: &str, rel: &retort::relationship::Relationship| {
            cascades
                .get(&(class.to_owned(), rel.name.clone()))
                .is_none_or(|text| {
                    text.split(',')
                        .map(str::trim)
                        .any(|w| w == "merge" || w == "all")
                })
        };
        let options = retort::session::MergeOptions {
            load,
            cascade: Some(&cascade),
        };
        let merged = self.run(i, |s| s.merge_all_with(&ids, &options))?;
        if all {
            let objects: PyResult<Vec<Value>> = merged
                .into_iter()
                .map(|id| self.bridge.object(id))
                .collect();
            return Ok(Value::list(objects?));
        }
        match merged.first() {
            Some(&id) => self.bridge.object(id),
            None => Ok(Value::None),
        }
    }
}
