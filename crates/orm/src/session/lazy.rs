//! Reading a relationship through the session: the lazy load of an unloaded relationship
//! (`lazy="select"`, the `raise` strategies checked first) with backref changes made while it
//! was unloaded merged in, and the identity-map look-up SQLAlchemy's attribute events do
//! before changing a many-to-one (no SQL).

use super::{ObjectId, ObjectState, Session};
use crate::error::Result;
use crate::relationship::Direction;
use crate::sql::{FromItem, Statement, literal, select_table};
use crate::value::Value;
use std::rc::Rc;

impl Session {
    /// Reads relationship `name` of `id`, lazy-loading it (one SELECT, as `lazy="select"`)
    /// when not loaded; a many-to-one whose parent is in the identity map needs no SQL.
    ///
    /// # Failure
    /// [`crate::Error::AttributeError`] for an unknown relationship; [`crate::Error::Dbapi`].
    pub fn related(&mut self, id: ObjectId, name: &str) -> Result<Vec<ObjectId>> {
        self.load_related(id, name, true)
    }

    /// Loads relationship `name` of `id` as [`Session::related`]; the unit of work's own
    /// loads (`raise_on_raise` false) ignore `lazy="raise"`, as SQLAlchemy's do.
    pub(crate) fn load_related(
        &mut self,
        id: ObjectId,
        name: &str,
        raise_on_raise: bool,
    ) -> Result<Vec<ObjectId>> {
        if let Some(v) = self.store.borrow().related(id, name)? {
            return Ok(v);
        }
        let rel = self.store.borrow().rel(id, name)?;
        let (state, values, mapper) = {
            let store = self.store.borrow();
            let i = store.get(id)?;
            (i.state, i.values.clone(), Rc::clone(&i.mapper))
        };
        if state != ObjectState::Persistent || !self.members.contains(id) {
            return Ok(Vec::new());
        }
        if raise_on_raise {
            self.check_raise_load(id, name)?;
        }
        self.check_usable()?;
        // An expired object's row is loaded first, as SQLAlchemy refreshes it to read the
        // key the lazy load needs.
        let key_col = match rel.direction {
            Direction::ManyToOne => mapper.attr(&rel.fk)?,
            _ => mapper.attr(&rel.referred)?,
        };
        let values = if values[key_col].is_none() {
            self.load(id)?;
            self.store.borrow().get(id)?.values.clone()
        } else {
            values
        };
        let target = rel.target()?;
        if rel.direction == Direction::ManyToMany {
            crate::query::refuse_joined_target(&target, "a lazy load of a many-to-many")?;
        }
        let lazy_key = format!("lazy:{}.{name}", mapper.class_name());
        let loaded = match rel.direction {
            Direction::ManyToOne => {
                let pos = mapper.attr(&rel.fk)?;
                match values[pos].clone() {
                    None | Some(Value::Null) => Vec::new(),
                    Some(fk) => self
                        .get_keyed(&target, &[fk], &lazy_key)?
                        .into_iter()
                        .collect(),
                }
            }
            Direction::OneToMany => {
                let pos = mapper.attr(&rel.referred)?;
                let key = values[pos].clone().unwrap_or(Value::Null);
                self.autoflush_now()?;
                let from = FromItem::Table(Rc::clone(target.table()));
                let ids = if target.is_joined() {
                    self.lazy_joined_collection(&rel, &target, key, &lazy_key)?
                } else {
                    self.lazy_rows(&rel, &target, key, &lazy_key, &from)?
                };
                if let Some(back) = &rel.back_populates {
                    let mut store = self.store.borrow_mut();
                    for &c in &ids {
                        store
                            .get_mut(c)?
                            .extras
                            .related
                            .entry(back.clone())
                            .or_insert_with(|| vec![id]);
                    }
                }
                ids
            }
            Direction::ManyToMany => {
                let Some(sec) = &rel.secondary else {
                    return Ok(Vec::new());
                };
                let pos = mapper.attr(&sec.parent_referred)?;
                let key = values[pos].clone().unwrap_or(Value::Null);
                self.autoflush_now()?;
                let link = FromItem::Table(Rc::clone(&sec.table));
                let from = FromItem::Table(Rc::clone(target.table()));
                let (parent_fk, target_fk) = (link.c(&sec.parent_fk)?, link.c(&sec.target_fk)?);
                let target_col = from.c(&sec.target_referred)?;
                // Explicit join conditions keep the order they were written in.
                let (by_parent, by_target) = if sec.explicit {
                    (parent_fk.eq(literal(key)), target_fk.eq(target_col))
                } else {
                    (literal(key).eq(parent_fk), target_col.eq(target_fk))
                };
                let mut stmt = select_table(target.table())
                    .where_(by_parent)
                    .where_(by_target);
                if let Some(c) = target.single_table_criterion(&from)? {
                    stmt = stmt.where_(c);
                }
                let mut stmt = stmt.order_by(rel.order_by_exprs(&from));
                let names = Self::select_expressions(&target, &mut stmt)?;
                let rows = self
                    .connection()
                    .execute_keyed(&Statement::Select(stmt), &[], Some(&lazy_key))?
                    .rows;
                let mut ids = Vec::new();
                for row in rows {
                    ids.push(self.hydrate_with_expressions(&target, row, &names)?);
                }
                self.store
                    .borrow_mut()
                    .get_mut(id)?
                    .extras
                    .links
                    .insert(name.to_owned(), ids.clone());
                ids
            }
        };
        if rel.direction != Direction::ManyToOne && !loaded.is_empty() {
            // The loaded objects' own eager loaders run, along the path of this load.
            let mut path = vec![
                mapper.class_name().to_owned(),
                target.class_name().to_owned(),
            ];
            let st = crate::query::loading::LoadState::default();
            self.post_load(&target, &loaded, &[], &[], &st, &mut path)?;
        }
        let mut loaded = loaded;
        let mut store = self.store.borrow_mut();
        let inst = store.get_mut(id)?;
        // Backref changes made while it was not loaded (and no flush since) apply on top.
        if let Some(pending) = inst.extras.if_any().and_then(|e| e.pending.remove(name)) {
            pending.merge_into(&mut loaded);
        }
        inst.extras.related.insert(name.to_owned(), loaded.clone());
        Ok(loaded)
    }

    /// Reads the many-to-one `name` of `id` as SQLAlchemy's attribute events do before they
    /// change it (`PASSIVE_NO_FETCH`): from the foreign key and the identity map, never with
    /// SQL; it stays unloaded when they cannot tell.
    pub(crate) fn peek_scalar(&mut self, id: ObjectId, name: &str) -> Result<()> {
        let found = {
            let store = self.store.borrow();
            let inst = store.get(id)?;
            if inst.extras.related.contains_key(name)
                || inst.state != ObjectState::Persistent
                || !self.members.contains(id)
            {
                return Ok(());
            }
            let Some(rel) = inst.mapper.relationship(name) else {
                return Ok(());
            };
            if rel.direction != Direction::ManyToOne {
                return Ok(());
            }
            let pos = inst.mapper.attr(&rel.fk)?;
            match inst.committed[pos].clone().or(inst.values[pos].clone()) {
                None => return Ok(()),
                Some(Value::Null) => None,
                Some(key) => {
                    let target = rel.target()?;
                    match self.identity.get(&super::identity_key(&target, &[key])) {
                        // An expired object would need its row: not known without SQL.
                        Some(&t) if store.get(t)?.values.iter().any(Option::is_some) => Some(t),
                        _ => return Ok(()),
                    }
                }
            }
        };
        self.store
            .borrow_mut()
            .get_mut(id)?
            .extras
            .related
            .insert(name.to_owned(), found.into_iter().collect());
        Ok(())
    }

    /// Before `parent.name` gains or loses `child`: the child's many-to-one back side, as the
    /// backref event reads it.
    pub(crate) fn peek_back(
        &mut self,
        parent: ObjectId,
        name: &str,
        child: ObjectId,
    ) -> Result<()> {
        let back = self.store.borrow().rel(parent, name)?.back_populates;
        match back {
            Some(back) => self.peek_scalar(child, &back),
            None => Ok(()),
        }
    }

    /// The rows of a one-to-many lazy load (`SELECT ... FROM child WHERE ? = child.fk`),
    /// hydrated.
    fn lazy_rows(
        &mut self,
        rel: &crate::relationship::Relationship,
        target: &Rc<crate::mapper::Mapper>,
        key: Value,
        lazy_key: &str,
        from: &FromItem,
    ) -> Result<Vec<ObjectId>> {
        let mut stmt = select_table(target.table()).where_(literal(key).eq(from.c(&rel.fk)?));
        if let Some(c) = target.single_table_criterion(from)? {
            stmt = stmt.where_(c);
        }
        let mut stmt = stmt.order_by(rel.order_by_exprs(from));
        let names = Self::select_expressions(target, &mut stmt)?;
        let rows = self
            .connection()
            .execute_keyed(&Statement::Select(stmt), &[], Some(lazy_key))?
            .rows;
        let mut ids = Vec::with_capacity(rows.len());
        for row in rows {
            ids.push(self.hydrate_with_expressions(target, row, &names)?);
        }
        Ok(ids)
    }
}
