//! Reading a `column_property()` of an object: the value the query that loaded it selected;
//! for an expired object, or one loaded without it, one `SELECT` of the entity by primary
//! key (as SQLAlchemy's refresh of an expired object selects its column properties too).

use super::{ObjectId, ObjectState, Session};
use crate::error::Result;
use crate::query::{Entity, select};
use crate::value::Value;
use std::rc::Rc;

impl Session {
    /// `obj.name` for the `column_property()` `name`: NULL for an object not yet in the
    /// database.
    ///
    /// # Failure
    /// [`crate::Error::UnmappedInstanceError`] for an object the store lost; the SELECT's
    /// errors.
    pub fn expression_value(&mut self, id: ObjectId, name: &str) -> Result<Value> {
        let (mapper, expired, pk) = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            if inst.state != ObjectState::Persistent {
                return Ok(Value::Null);
            }
            let pk: Vec<Value> = inst
                .mapper
                .pk()
                .iter()
                .map(|&i| {
                    inst.values[i]
                        .clone()
                        .or_else(|| inst.committed[i].clone())
                        .unwrap_or(Value::Null)
                })
                .collect();
            let expired = inst.values.iter().all(Option::is_none);
            (Rc::clone(&inst.mapper), expired, pk)
        };
        if expired {
            self.expression_values.remove(&id);
        }
        let known = self
            .expression_values
            .get(&id)
            .is_some_and(|m| m.contains_key(name));
        if !known {
            let entity = Entity::of(&mapper);
            let mut query = select(vec![entity.clone().into()]);
            for (&i, v) in mapper.pk().iter().zip(pk) {
                let col = &mapper.table().columns()[i].name;
                query = query.where_(entity.from.c(col)?.eq(v));
            }
            self.execute(&query)?;
        }
        Ok(self
            .expression_values
            .get(&id)
            .and_then(|m| m.get(name))
            .cloned()
            .unwrap_or(Value::Null))
    }

    /// `stmt` (a SELECT of `target`'s table) with the class's `column_property()`
    /// expressions selected before the columns, as SQLAlchemy's lazy loads select them;
    /// returns their names, for [`Session::hydrate_with_expressions`].
    ///
    /// # Failure
    /// [`crate::Error::NoSuchColumnError`] for an expression on a column the table lacks.
    pub(crate) fn select_expressions(
        target: &Rc<crate::mapper::Mapper>,
        stmt: &mut crate::sql::Select,
    ) -> Result<Vec<String>> {
        let exprs = Entity::of(target).expression_columns()?;
        let names = exprs.iter().map(|(n, _)| n.clone()).collect();
        stmt.columns.splice(0..0, exprs.into_iter().map(|(_, e)| e));
        Ok(names)
    }

    /// Hydrates a row of a SELECT from [`Session::select_expressions`]: the expressions'
    /// values (the first cells) are kept for the object, unless it had them already.
    ///
    /// # Failure
    /// As [`Session::hydrate`].
    pub(crate) fn hydrate_with_expressions(
        &mut self,
        target: &Rc<crate::mapper::Mapper>,
        mut row: Vec<Value>,
        names: &[String],
    ) -> Result<ObjectId> {
        let n = names.len().min(row.len());
        let values: Vec<Value> = row.drain(..n).collect();
        let id = self.hydrate(target, row)?;
        if !names.is_empty() {
            let known = self.expression_values.entry(id).or_default();
            for (name, v) in names.iter().zip(values) {
                known.entry(name.clone()).or_insert(v);
            }
        }
        Ok(id)
    }
}
