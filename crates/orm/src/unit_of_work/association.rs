//! Association rows of many-to-many relationships: a step INSERTs (as one `executemany` when
//! several) or DELETEs the rows of its links, reading each side's key as it is after the
//! preceding INSERTs, then records the collections as the database now holds them.

use super::{FlushStep, StepKind};
use crate::error::{Error, Result};
use crate::session::{ObjectId, ObjectState, Session};
use crate::sql::compiler::{ParamStyle, compile};
use crate::sql::{FromItem, Statement, and_, delete, insert};
use crate::value::Value;
use std::rc::Rc;

impl Session {
    /// The value of column `col` of `id`, as loaded or as flushed.
    fn column_value(&self, id: ObjectId, col: &str) -> Result<Value> {
        let store = self.store.borrow();
        let inst = store.get(id)?;
        let pos = inst.mapper.attr(col)?;
        Ok(inst.values[pos]
            .clone()
            .or_else(|| inst.committed[pos].clone())
            .unwrap_or(Value::Null))
    }

    /// Loads (without autoflush) the expired objects of the step's links whose key the rows
    /// read, as SQLAlchemy refreshes an expired object to read its key for them.
    fn load_expired_sides(&mut self, step: &FlushStep) -> Result<()> {
        let mut expired = Vec::new();
        {
            let store = self.store.borrow();
            for id in step.links.iter().flat_map(|l| [l.parent, l.child]) {
                let inst = store.get(id)?;
                if inst.state == ObjectState::Persistent
                    && self.members.contains(id)
                    && inst.mapper.pk().iter().any(|&i| inst.values[i].is_none())
                    && !expired.contains(&id)
                {
                    expired.push(id);
                }
            }
        }
        let autoflush = std::mem::replace(&mut self.autoflush, false);
        let done = expired.into_iter().try_for_each(|id| self.load(id));
        self.autoflush = autoflush;
        done
    }

    pub(super) fn run_association(&mut self, step: &FlushStep) -> Result<()> {
        if step.kind == StepKind::DeleteAssociation {
            // SQLAlchemy reads the keys of every row a many-to-many adds and removes before
            // it DELETEs: the expired objects the table's INSERTs will read load first.
            let steps = self.association_steps(&self.store.borrow(), false)?;
            let inserts = steps
                .iter()
                .find(|s| s.kind == StepKind::InsertAssociation && s.table == step.table);
            if let Some(inserts) = inserts {
                self.load_expired_sides(inserts)?;
            }
        }
        self.load_expired_sides(step)?;
        let mut compiled = Vec::with_capacity(step.links.len());
        for link in &step.links {
            let rel = {
                let store = self.store.borrow();
                let inst = store.get(link.parent)?;
                let using: Vec<_> = inst
                    .mapper
                    .relationships()
                    .into_iter()
                    .filter(|r| {
                        r.secondary
                            .as_ref()
                            .is_some_and(|s| s.table.name() == step.table)
                    })
                    .collect();
                // A self-referential many-to-many has two relationships on the table, linking
                // the other way round: the one whose collection gained (or lost) the child.
                let inserting = step.kind == StepKind::InsertAssociation;
                let has = |m: &std::collections::HashMap<String, Vec<ObjectId>>, n: &str| {
                    m.get(n).is_some_and(|l| l.contains(&link.child))
                };
                let changed = |r: &crate::relationship::Relationship| {
                    let (now, db) = (
                        has(&inst.extras.related, &r.name),
                        has(&inst.extras.links, &r.name),
                    );
                    let pending = inst.extras.pending.get(&r.name).is_some_and(|p| {
                        if inserting { &p.added } else { &p.removed }.contains(&link.child)
                    });
                    pending || if inserting { now && !db } else { db && !now }
                };
                // The relationship whose association column refers to the link's parent;
                // failing that, the one whose collection changed.
                let held = using
                    .iter()
                    .position(|r| {
                        r.secondary
                            .as_ref()
                            .is_some_and(|s| s.parent_fk == link.parent_fk)
                    })
                    .filter(|_| using.len() > 1)
                    .or_else(|| using.iter().position(changed))
                    .or_else(|| {
                        using.iter().position(|r| {
                            has(&inst.extras.related, &r.name) || has(&inst.extras.links, &r.name)
                        })
                    })
                    .unwrap_or(0);
                using.into_iter().nth(held)
            };
            let Some(sec) = rel.and_then(|r| r.secondary) else {
                return Err(Error::FlushError(format!(
                    "no many-to-many relationship of object {} uses table {}",
                    link.parent.0, step.table
                )));
            };
            let pv = self.column_value(link.parent, &sec.parent_referred)?;
            let cv = self.column_value(link.child, &sec.target_referred)?;
            let mut row = vec![(sec.parent_fk.clone(), pv), (sec.target_fk.clone(), cv)];
            let order = |n: &String| sec.table.column_index(n);
            row.sort_by_key(|(n, _)| order(n));
            let stmt = if step.kind == StepKind::InsertAssociation {
                Statement::Insert(insert(&sec.table).values(row)?)
            } else {
                let from = FromItem::Table(Rc::clone(&sec.table));
                let mut crit = Vec::new();
                for (n, v) in row {
                    crit.push(from.c(&n)?.eq(v));
                }
                Statement::Delete(delete(&sec.table).where_(and_(crit)))
            };
            compiled.push(compile(&stmt, ParamStyle::Qmark, &[])?);
        }
        let Some(head) = compiled.first() else {
            return Ok(());
        };
        let origin = self
            .engine
            .cache_origin(&head.cache_key, compiled.len() > 1, 0.00005);
        let sql = head.sql.clone();
        let mut sets: Vec<Vec<Value>> = compiled.into_iter().map(|c| c.params).collect();
        if sets.len() == 1 {
            let params = sets.pop().unwrap_or_default();
            self.connection().execute_logged(&sql, &params, origin)?;
        } else {
            self.connection().execute_many_logged(&sql, sets, origin)?;
        }
        let mut store = self.store.borrow_mut();
        for link in &step.links {
            for id in [link.parent, link.child] {
                let inst = store.get_mut(id)?;
                for rel in inst.mapper.relationships() {
                    if rel
                        .secondary
                        .as_ref()
                        .is_some_and(|s| s.table.name() == step.table)
                        && let Some(now) = inst.extras.related.get(&rel.name).cloned()
                    {
                        inst.extras.links.insert(rel.name.clone(), now);
                    }
                }
            }
        }
        Ok(())
    }
}
