//! Deferred columns in the session: objects hydrated from a SELECT that left some of their
//! columns out (`load_only()`, `defer()`, `mapped_column(deferred=True)`), and the SELECT of
//! one deferred column by primary key when it is first read (SQLAlchemy's deferred column
//! loader), or the error `defer(..., raiseload=True)` asks for.

use super::{ObjectId, ObjectState, Session, identity_key};
use crate::error::{Error, Result};
use crate::mapper::Mapper;
use crate::query::loading::EntityLoads;
use crate::value::Value;
use std::rc::Rc;

impl Session {
    /// Hydrates an entity whose SELECT loaded only `loads.columns` (`part` holds them in that
    /// order); the object remembers `loads.extras.deferred`. `None` when its primary key is NULL.
    pub(crate) fn hydrate_deferred(
        &mut self,
        mapper: &Rc<Mapper>,
        part: &[Value],
        loads: &EntityLoads,
        populate_existing: bool,
    ) -> Result<Option<ObjectId>> {
        let value_at = |pos: usize| -> Option<&Value> {
            let k = loads.columns.iter().position(|&c| c == pos)?;
            part.get(k)
        };
        let pk: Vec<Value> = mapper
            .pk()
            .iter()
            .map(|&i| value_at(i).cloned().unwrap_or(Value::Null))
            .collect();
        if pk.iter().all(|v| matches!(v, Value::Null)) {
            return Ok(None);
        }
        let key = identity_key(mapper, &pk);
        if let Some(&id) = self.identity.get(&key) {
            let mut store = self.store.borrow_mut();
            let inst = store.get_mut(id)?;
            for (&pos, v) in loads.columns.iter().zip(part) {
                if populate_existing || inst.values[pos].is_none() {
                    inst.values[pos] = Some(v.clone());
                    inst.committed[pos] = Some(v.clone());
                    if let Some(extras) = inst.extras.if_any() {
                        extras.deferred.retain(|&(d, _)| d != pos);
                    }
                }
            }
            return Ok(Some(id));
        }
        let id = {
            let mut store = self.store.borrow_mut();
            let id = store.create(mapper, &[])?;
            let inst = store.get_mut(id)?;
            for (&pos, v) in loads.columns.iter().zip(part) {
                inst.values[pos] = Some(v.clone());
                inst.committed[pos] = Some(v.clone());
            }
            if !loads.deferred.is_empty() {
                inst.extras.deferred = loads.deferred.clone();
                inst.extras.deferred_key = Rc::clone(&loads.deferred_key);
            }
            id
        };
        self.identity.insert(key, id);
        self.members.push(id);
        self.transition(id, ObjectState::Persistent)?;
        Ok(Some(id))
    }

    /// Whether the column at `pos` of `id` is deferred and unloaded: `Some(raiseload)`.
    pub(crate) fn deferred_at(&self, id: ObjectId, pos: usize) -> Result<Option<bool>> {
        let store = self.store.borrow();
        let inst = store.get(id)?;
        Ok(inst
            .extras
            .deferred
            .iter()
            .find(|&&(d, _)| d == pos)
            .map(|&(_, r)| r))
    }

    /// Reads the deferred column `name` (at `pos`) of the persistent object `id`: one SELECT
    /// of that column by primary key.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] for a column deferred with `raiseload=True`;
    /// [`Error::ObjectDeletedError`] when the row is gone.
    pub(crate) fn load_deferred(
        &mut self,
        id: ObjectId,
        pos: usize,
        name: &str,
        raiseload: bool,
    ) -> Result<Value> {
        let (mapper, pk, key) = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            let key = format!("load_deferred|{}", inst.extras.deferred_key);
            (Rc::clone(&inst.mapper), inst.pk_values(), key)
        };
        if raiseload {
            return Err(Error::InvalidRequestError(format!(
                "'{}.{name}' is not available due to raiseload=True",
                mapper.class_name()
            )));
        }
        let Some(pk) = pk else {
            return Ok(Value::Null);
        };
        self.autoflush_now()?;
        let Some(row) = self.select_by_pk(&mapper, &pk, &[pos], &key)? else {
            return Err(Error::ObjectDeletedError(format!(
                "Instance '<{} at 0x{:x}>' has been deleted, or its row is otherwise not present.",
                mapper.class_name(),
                id.0
            )));
        };
        let v = row.into_iter().next().unwrap_or(Value::Null);
        let mut store = self.store.borrow_mut();
        let inst = store.get_mut(id)?;
        inst.values[pos] = Some(v.clone());
        inst.committed[pos] = Some(v.clone());
        if let Some(extras) = inst.extras.if_any() {
            extras.deferred.retain(|&(d, _)| d != pos);
        }
        Ok(v)
    }
}

/// The message of the `DetachedInstanceError` a deferred column of a detached object raises
/// when read.
pub fn detached_deferred_message(class: &str, id: ObjectId, attr: &str) -> String {
    format!(
        "Parent instance <{class} at 0x{:x}> is not bound to a Session; deferred load \
         operation of attribute '{attr}' cannot proceed (Background on this error at: \
         https://sqlalche.me/e/21/bhk3)",
        id.0
    )
}

impl super::Instance {
    /// Whether the column at `pos` was deferred by the SELECT that loaded the object and has
    /// not been read since.
    pub fn is_deferred(&self, pos: usize) -> bool {
        self.extras.deferred.iter().any(|&(d, _)| d == pos)
    }
}
