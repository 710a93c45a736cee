//! Flushing a joined-table inheritance hierarchy as SQLAlchemy does, table by table: the
//! base table's INSERTs for every object of the step (their keys generated there), then
//! each subclass table's rows with those keys (`INSERT INTO manager (id, manager_name)`);
//! UPDATEs of each table's changed columns, base table first; DELETEs from the subclass
//! tables before the base table's.

use super::flush_key;
use crate::error::Result;
use crate::mapper::Mapper;
use crate::schema::Table;
use crate::session::{ObjectId, Session};
use crate::sql::{FromItem, ParamStyle, Statement, and_, compile, delete, insert, update};
use crate::value::Value;
use std::rc::Rc;

impl Session {
    /// The base mapper when `ids` belong to a joined-table hierarchy.
    pub(super) fn joined_step(&self, ids: &[ObjectId]) -> Result<Option<Rc<Mapper>>> {
        let store = self.store.borrow();
        for &id in ids {
            let m = &store.get(id)?.mapper;
            if m.is_joined() {
                return Ok(Some(m.base_mapper_rc()));
            }
        }
        Ok(None)
    }

    /// The subclass tables of `base`'s hierarchy, parents first, with their mappers.
    fn subclass_tables(base: &Rc<Mapper>) -> Vec<(Rc<Mapper>, Rc<Table>)> {
        base.self_and_descendants()
            .into_iter()
            .filter_map(|m| m.local_table().map(|t| (m, t)))
            .collect()
    }

    /// The INSERTs of a joined hierarchy's objects: the base table's, then each subclass
    /// table's.
    pub(super) fn run_joined_inserts(&mut self, base: &Rc<Mapper>, ids: &[ObjectId]) -> Result<()> {
        self.run_table_inserts(base, ids)?;
        for (m, table) in Self::subclass_tables(base) {
            let mut batch: Vec<(ObjectId, crate::sql::Compiled)> = Vec::new();
            for &id in ids {
                let named = {
                    let mut store = self.store.borrow_mut();
                    let inst = store.get_mut(id)?;
                    if !inst.mapper.isa(&m) {
                        continue;
                    }
                    let mapper = Rc::clone(&inst.mapper);
                    let mut named = Vec::new();
                    for (c, &p) in table.primary_key().iter().zip(mapper.pk()) {
                        let v = inst.values[p].clone().unwrap_or(Value::Null);
                        named.push((c.name.clone(), v));
                    }
                    for col in table.columns().iter().filter(|c| !c.primary_key) {
                        let Some(p) = mapper.table().column_index(&col.name) else {
                            continue;
                        };
                        let v = match (&inst.values[p], &col.default) {
                            (Some(v), _) => v.clone(),
                            (None, Some(d)) => d.produce()?,
                            (None, None) if col.server_default.is_some() => continue,
                            (None, None) => Value::Null,
                        };
                        inst.values[p] = Some(v.clone());
                        inst.committed[p] = Some(v.clone());
                        named.push((col.name.clone(), v));
                    }
                    named
                };
                let stmt = insert(&table).values(named)?;
                batch.push((
                    id,
                    compile(&Statement::Insert(stmt), ParamStyle::Qmark, &[])?,
                ));
            }
            self.run_batches(batch)?;
        }
        Ok(())
    }

    /// Runs statements, consecutive ones of the same SQL as one `executemany`.
    fn run_batches(&mut self, batch: Vec<(ObjectId, crate::sql::Compiled)>) -> Result<()> {
        let mut rest = batch.into_iter().peekable();
        while let Some((_, head)) = rest.next() {
            let mut sets = vec![head.params.clone()];
            while let Some((_, c)) = rest.next_if(|(_, c)| c.sql == head.sql) {
                sets.push(c.params);
            }
            let many = sets.len() > 1;
            let origin = self
                .engine
                .cache_origin(&flush_key(&head.cache_key), many, 0.00005);
            if many {
                self.connection()
                    .execute_many_logged(&head.sql, sets, origin)?;
            } else {
                let params = sets.pop().unwrap_or_default();
                self.connection()
                    .execute_logged(&head.sql, &params, origin)?;
            }
        }
        Ok(())
    }

    /// The UPDATEs of a joined hierarchy's objects, table by table (false when `ids` are
    /// not of one).
    pub(super) fn run_joined_updates(&mut self, ids: &[ObjectId]) -> Result<bool> {
        let Some(base) = self.joined_step(ids)? else {
            return Ok(false);
        };
        self.load_expired_for_step(ids, true)?;
        self.sync_foreign_keys()?;
        let mut tables = vec![(Rc::clone(&base), base.persist_table())];
        tables.extend(Self::subclass_tables(&base));
        let mut per_table: Vec<Vec<(ObjectId, crate::sql::Compiled)>> = Vec::new();
        let mut touched = Vec::new();
        for (m, table) in &tables {
            let mut batch = Vec::new();
            for &id in ids {
                let (mapper, values, pk, changed) = self.update_snapshot(id)?;
                if !mapper.isa(m) {
                    continue;
                }
                let set: Vec<(String, Value)> = changed
                    .iter()
                    .filter_map(|&i| {
                        let name = &mapper.table().columns()[i].name;
                        let here = if Rc::ptr_eq(m, &base) {
                            mapper.column_table(name).name() == table.name()
                                || mapper.pk().contains(&i)
                        } else {
                            mapper.column_table(name).name() == table.name()
                                && !mapper.pk().contains(&i)
                        };
                        here.then(|| values[i].clone().map(|v| (name.clone(), v)))?
                    })
                    .collect();
                if set.is_empty() {
                    continue;
                }
                let from = FromItem::Table(Rc::clone(table));
                let mut crit = Vec::new();
                for (c, v) in table.primary_key().iter().zip(&pk) {
                    crit.push(from.c(&c.name)?.eq(v.clone()));
                }
                let stmt = update(table).values(set)?.where_(and_(crit));
                batch.push((
                    id,
                    compile(&Statement::Update(stmt), ParamStyle::Qmark, &[])?,
                ));
                touched.push(id);
            }
            per_table.push(batch);
        }
        for batch in per_table {
            self.run_batches(batch)?;
        }
        let mut store = self.store.borrow_mut();
        for id in touched {
            let inst = store.get_mut(id)?;
            super::flush_end::commit_key(inst);
            inst.modified = false;
            self.owed_updates.push(id);
        }
        Ok(true)
    }

    /// Before the base table's DELETEs of a joined hierarchy: those of the subclass tables,
    /// deepest first. Returns the mapper whose table the rest of the step deletes from.
    pub(super) fn joined_deletes(
        &mut self,
        mapper: Rc<Mapper>,
        ids: &[ObjectId],
    ) -> Result<Rc<Mapper>> {
        let Some(base) = self.joined_step(ids)? else {
            return Ok(mapper);
        };
        let mut tables = Self::subclass_tables(&base);
        tables.reverse();
        for (m, table) in tables {
            let mut batch = Vec::new();
            for &id in ids {
                let pk = {
                    let store = self.store.borrow();
                    let inst = store.get(id)?;
                    if !inst.mapper.isa(&m) {
                        continue;
                    }
                    let pk: Option<Vec<Value>> = inst
                        .mapper
                        .pk()
                        .iter()
                        .map(|&i| inst.committed[i].clone().or_else(|| inst.values[i].clone()))
                        .collect();
                    pk.unwrap_or_default()
                };
                let from = FromItem::Table(Rc::clone(&table));
                let mut crit = Vec::new();
                for (c, v) in table.primary_key().iter().zip(pk) {
                    crit.push(from.c(&c.name)?.eq(v));
                }
                let stmt = delete(&table).where_(and_(crit));
                batch.push((
                    id,
                    compile(&Statement::Delete(stmt), ParamStyle::Qmark, &[])?,
                ));
            }
            self.run_batches(batch)?;
        }
        Ok(base)
    }
}
