//! Expiry and refresh: `session.expire(obj)`, `session.expire(obj, ["attr"])`,
//! `session.expire_all()`, `session.refresh(obj)`, and the SELECT by primary key that loads
//! an expired object's attributes on their next read (only the expired columns when some
//! attributes were expired, as SQLAlchemy's `load_scalar_attributes`).

use super::{ObjectId, ObjectState, Session};
use crate::error::{Error, Result};
use crate::mapper::Mapper;
use crate::sql::{FromItem, Select, Statement, and_};
use crate::value::Value;
use std::rc::Rc;

impl Session {
    /// [`Session::load`] of an object whose every attribute is expired; nothing otherwise.
    pub(crate) fn load_if_expired(&mut self, id: ObjectId) -> Result<()> {
        let expired = self
            .store
            .borrow()
            .get(id)?
            .values
            .iter()
            .all(Option::is_none);
        if expired { self.load(id) } else { Ok(()) }
    }

    /// SELECTs an expired object's expired columns by primary key and loads them.
    pub(crate) fn load(&mut self, id: ObjectId) -> Result<()> {
        self.load_as(id, "load_expired")
    }

    /// SELECTs the object's expired columns (every column when the whole object is expired
    /// or for `session.refresh()`) by primary key and loads them; `namespace` keeps the
    /// statement's compiled-cache entry apart (`session.refresh()` has its own).
    fn load_as(&mut self, id: ObjectId, namespace: &str) -> Result<()> {
        let (mapper, pk, expired, partial, modified) = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            // Collections with changes waiting (a backref appended to them while unloaded)
            // are modified, not expired: SQLAlchemy's load leaves them out, and is a cache
            // entry of its own.
            let mut modified: Vec<String> = inst.extras.pending.keys().cloned().collect();
            modified.extend(
                self.flush_modified
                    .iter()
                    .filter(|(o, _)| *o == id)
                    .map(|(_, n)| n.clone()),
            );
            modified.sort();
            modified.dedup();
            let partial = namespace != "refresh" && inst.values.iter().any(Option::is_some);
            let deferred = |i: usize| inst.extras.deferred.iter().any(|&(d, _)| d == i);
            let expired: Vec<usize> = (0..inst.values.len())
                .filter(|&i| (!partial || inst.values[i].is_none()) && !deferred(i))
                .collect();
            (
                Rc::clone(&inst.mapper),
                inst.pk_values(),
                expired,
                partial,
                modified,
            )
        };
        let Some(pk) = pk else { return Ok(()) };
        if expired.is_empty() {
            return Ok(());
        }
        let namespace = match modified.is_empty() {
            true => namespace.to_owned(),
            false => format!("{namespace}|modified:{}", modified.join(",")),
        };
        let namespace = namespace.as_str();
        // The load is a query: pending changes are flushed first.
        self.autoflush_now()?;
        let joined = mapper
            .all_relationships()
            .iter()
            .any(|r| r.lazy == crate::relationship::Lazy::Joined);
        // `column_property()` expressions come back with the row too.
        let expressions = !mapper.expressions().is_empty();
        if !partial && (joined || expressions) && !mapper.is_joined() {
            // The whole object is loaded as `session.get()` loads it: the mapping's
            // `lazy="joined"` relationships come in the same SELECT (SQLAlchemy's
            // `load_on_ident` with the mapper's eager loaders); its `selectin` ones load as
            // the refresh of one object does (their lazy load), modified ones not at all.
            let options: Vec<crate::query::LoaderOption> = mapper
                .all_relationships()
                .iter()
                .filter(|r| matches!(r.lazy, crate::relationship::Lazy::Selectin))
                .map(|r| {
                    let strategy = match modified.contains(&r.name) {
                        true => crate::query::Strategy::Select,
                        false => crate::query::Strategy::Immediate,
                    };
                    crate::query::LoaderOption::new(mapper.class_name(), &r.name, strategy)
                })
                .collect();
            if self
                .get_keyed_query(&mapper, &pk, namespace, options)?
                .is_none()
            {
                return Err(deleted_error(&mapper, id));
            }
            if let Ok(inst) = self.store.borrow_mut().get_mut(id) {
                inst.modified = false;
            }
            return Ok(());
        }
        let Some(row) = self.select_by_pk(&mapper, &pk, &expired, namespace)? else {
            return Err(deleted_error(&mapper, id));
        };
        let mut store = self.store.borrow_mut();
        let inst = store.get_mut(id)?;
        let whole = !partial;
        for (&i, v) in expired.iter().zip(row) {
            if let Some(slot) = inst.values.get_mut(i) {
                *slot = Some(v.clone());
                inst.committed[i] = Some(v);
            }
        }
        if whole {
            inst.modified = false;
        }
        drop(store);
        if whole && mapper.has_eager_relationships() {
            // The row's load runs the mapping's `selectin` loaders, which for the one
            // object a refresh loads emit its lazy load (SQLAlchemy's immediate load).
            for rel in mapper.all_relationships() {
                if rel.lazy == crate::relationship::Lazy::Selectin && !modified.contains(&rel.name)
                {
                    self.related(id, &rel.name)?;
                }
            }
        }
        Ok(())
    }

    /// `SELECT <columns> FROM table WHERE pk = ?`: the row's `columns` (positions in table
    /// order), or `None` when the row is gone.
    pub(super) fn select_by_pk(
        &mut self,
        mapper: &Rc<Mapper>,
        pk: &[Value],
        columns: &[usize],
        namespace: &str,
    ) -> Result<Option<Vec<Value>>> {
        if mapper.is_joined() {
            return self.select_joined_by_pk(mapper, pk, columns, namespace);
        }
        let from = FromItem::Table(Rc::clone(mapper.table()));
        let mut crit = Vec::new();
        for (&i, v) in mapper.pk().iter().zip(pk) {
            let name = &mapper.table().columns()[i].name;
            crit.push(from.c(name)?.eq(v.clone()));
        }
        let mut cols = Vec::with_capacity(columns.len());
        for &i in columns {
            cols.push(from.c(&mapper.table().columns()[i].name)?);
        }
        crit.extend(mapper.single_table_criterion(&from)?);
        let select = Select {
            columns: cols,
            ..Select::default()
        };
        let stmt = Statement::Select(select.where_(and_(crit)));
        let result = self
            .connection()
            .execute_keyed(&stmt, &[], Some(namespace))?;
        Ok(result.rows.into_iter().next())
    }

    /// `session.expire(obj)`: forgets its loaded attributes; the next read SELECTs them.
    ///
    /// # Failure
    /// [`Error::UnmappedInstanceError`].
    pub fn expire(&mut self, id: ObjectId) -> Result<()> {
        self.expression_values.remove(&id);
        expire_instance(self.store.borrow_mut().get_mut(id)?);
        Ok(())
    }

    /// `session.expire_all()`.
    ///
    /// # Failure
    /// [`Error::UnmappedInstanceError`].
    pub fn expire_all(&mut self) -> Result<()> {
        let mut store = self.store.borrow_mut();
        for id in self.members.iter() {
            if !self.expression_values.is_empty() {
                self.expression_values.remove(&id);
            }
            expire_instance(store.get_mut(id)?);
        }
        Ok(())
    }

    /// `session.refresh(obj)`: SELECTs its row now.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] for an object not persistent in this session.
    pub fn refresh(&mut self, id: ObjectId) -> Result<()> {
        self.check_usable()?;
        let state = self.store.borrow().get(id)?.state;
        if state != ObjectState::Persistent || !self.members.contains(id) {
            let class = self.store.borrow().get(id)?.mapper.class_name().to_owned();
            return Err(Error::InvalidRequestError(format!(
                "Instance '<{class} at 0x{:x}>' is not persistent within this Session",
                id.0
            )));
        }
        // As SQLAlchemy: the object is expired first (its pending changes are dropped), then
        // the load autoflushes the rest of the session and SELECTs the row.
        self.expire(id)?;
        self.load_as(id, "refresh")
    }

    /// `session.expire(obj, ["name", ...])`: forgets those attributes only (columns or
    /// relationships); their next read SELECTs just the expired columns, and the object's
    /// other attributes, changed or not, are kept.
    ///
    /// # Failure
    /// [`Error::AttributeError`] for a name that is no attribute of the class;
    /// [`Error::UnmappedInstanceError`].
    pub fn expire_attrs(&mut self, id: ObjectId, names: &[String]) -> Result<()> {
        let mut store = self.store.borrow_mut();
        let inst = store.get_mut(id)?;
        if inst.state != ObjectState::Persistent {
            return Ok(());
        }
        for name in names {
            if inst.mapper.relationship(name).is_some() {
                if let Some(extras) = inst.extras.if_any() {
                    extras.related.remove(name);
                    extras.links.remove(name);
                    extras.lazy_override.retain(|(n, _)| n != name);
                    extras.pending.remove(name);
                    extras.blind_sets.retain(|n| n != name);
                }
                continue;
            }
            let pos = inst.mapper.attr(name)?;
            inst.values[pos] = None;
            if !inst.mapper.pk().contains(&pos) {
                inst.committed[pos] = None;
            }
        }
        Ok(())
    }
}

/// SQLAlchemy's `ObjectDeletedError` for an expired object whose row is gone.
fn deleted_error(mapper: &Mapper, id: ObjectId) -> Error {
    Error::ObjectDeletedError(format!(
        "Instance '<{} at 0x{:x}>' has been deleted, or its row is otherwise not present.",
        mapper.class_name(),
        id.0
    ))
}

/// Forgets a persistent instance's loaded attributes (its primary key's committed value
/// stays, for its identity) and what it holds of its relationships; its class's deferred
/// columns stay deferred.
fn expire_instance(inst: &mut super::Instance) {
    if inst.state != ObjectState::Persistent {
        return;
    }
    if let Some(extras) = inst.extras.if_any() {
        extras.related.clear();
        extras.links.clear();
        extras.lazy_override.clear();
        extras.pending.clear();
        extras.blind_sets.clear();
        extras.deferred.clear();
        extras.added.clear();
        extras.left.clear();
    }
    inst.values.iter_mut().for_each(|v| *v = None);
    let deferred = inst.mapper.deferred_columns();
    if !deferred.is_empty() {
        inst.extras.deferred = deferred.into_iter().map(|d| (d, false)).collect();
    }
    inst.committed.forget_except(inst.mapper.pk());
    inst.modified = false;
}
