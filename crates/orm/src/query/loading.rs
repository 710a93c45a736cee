//! Eager loading: `lazy="joined"` relationships are LEFT OUTER JOINed into the query of their
//! parents (an anonymous alias of the related table, its columns after the parent's), and
//! `lazy="selectin"` collections load after the query with one
//! `SELECT child.fk, child... WHERE child.fk IN (...)` for all the parents it returned.

use super::Entity;
use crate::error::Result;
use crate::mapper::Mapper;
use crate::relationship::{Direction, Lazy, Relationship};
use crate::session::{ObjectId, Session};
use crate::sql::{Expr, FromItem, Select, Statement, anon_alias};
use crate::value::Value;
use std::rc::Rc;

/// The joined-eager relationships of `ent`: each with the aliased target and the ON clause.
pub(crate) fn joined_eager(ent: &Entity) -> Result<Vec<(Relationship, Entity, Expr)>> {
    let mut out = Vec::new();
    for rel in ent.mapper.relationships() {
        if rel.lazy != Lazy::Joined || rel.uselist {
            continue;
        }
        let target = rel.target()?;
        let alias = Entity {
            mapper: Rc::clone(&target),
            from: anon_alias(target.table()),
        };
        let on = match rel.direction {
            Direction::ManyToOne => alias.from.c(&rel.referred)?.eq(ent.from.c(&rel.fk)?),
            Direction::OneToMany => ent.from.c(&rel.referred)?.eq(alias.from.c(&rel.fk)?),
            Direction::ManyToMany => continue,
        };
        out.push((rel, alias, on));
    }
    Ok(out)
}

impl Session {
    /// Loads the `lazy="selectin"` one-to-many collections of `parents` (objects of `mapper`
    /// a query just returned) whose collections are not loaded yet.
    pub(crate) fn selectin_load(
        &mut self,
        mapper: &Rc<Mapper>,
        parents: &[ObjectId],
    ) -> Result<()> {
        for rel in mapper.relationships() {
            if rel.lazy != Lazy::Selectin || rel.direction != Direction::OneToMany {
                continue;
            }
            let Some(key_pos) = mapper.table().column_index(&rel.referred) else {
                continue;
            };
            let mut keys: Vec<Value> = Vec::new();
            let mut waiting: Vec<(ObjectId, Value)> = Vec::new();
            {
                let store = self.store.borrow();
                for &p in parents {
                    let inst = store.get(p)?;
                    if inst.related.contains_key(&rel.name) {
                        continue;
                    }
                    let Some(k) = inst.values[key_pos].clone() else {
                        continue;
                    };
                    if !keys.contains(&k) {
                        keys.push(k.clone());
                    }
                    waiting.push((p, k));
                }
            }
            if keys.is_empty() {
                continue;
            }
            let target = rel.target()?;
            let table = target.table();
            let from = FromItem::Table(Rc::clone(table));
            let Some(fk_pos) = table.column_index(&rel.fk) else {
                continue;
            };
            let mut columns = vec![from.c(&rel.fk)?];
            let mut order = vec![fk_pos];
            for (i, col) in table.columns().iter().enumerate() {
                if i != fk_pos {
                    columns.push(from.c(&col.name)?);
                    order.push(i);
                }
            }
            let stmt = Select {
                columns,
                ..Select::default()
            }
            .where_(from.c(&rel.fk)?.in_(keys))
            .order_by(rel.order_by_exprs(&from));
            let key = format!("selectin:{}.{}", mapper.class_name(), rel.name);
            let rows = self
                .connection()
                .execute_keyed(&Statement::Select(stmt), &[], Some(&key))?
                .rows;
            let mut children: Vec<(Value, ObjectId)> = Vec::with_capacity(rows.len());
            for row in rows {
                let mut in_table_order = vec![Value::Null; table.columns().len()];
                for (cell, &pos) in row.into_iter().zip(&order) {
                    in_table_order[pos] = cell;
                }
                let fk = in_table_order[fk_pos].clone();
                let child = self.hydrate_row(&target, &in_table_order, false)?;
                children.push((fk, child));
            }
            let mut store = self.store.borrow_mut();
            for (parent, key) in waiting {
                let mine: Vec<ObjectId> = children
                    .iter()
                    .filter(|(fk, _)| *fk == key)
                    .map(|(_, c)| *c)
                    .collect();
                if let Some(back) = &rel.back_populates {
                    for &c in &mine {
                        store
                            .get_mut(c)?
                            .related
                            .entry(back.clone())
                            .or_insert_with(|| vec![parent]);
                    }
                }
                store
                    .get_mut(parent)?
                    .related
                    .insert(rel.name.clone(), mine);
            }
        }
        Ok(())
    }
}
