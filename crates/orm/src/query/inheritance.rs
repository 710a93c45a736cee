//! Queries of inheritance hierarchies: the criterion of a single-table subclass
//! (`employee.type IN (...)`, in WHERE or in the ON clause of a join to it), the joins from
//! the base table to a joined-table subclass's tables, and the cases of joined-table
//! inheritance Retort refuses.

use super::{Entity, Item, OrmSelect};
use crate::error::{Error, Result};
use crate::sql::{Expr, FromItem, Select};
use std::rc::Rc;

impl OrmSelect {
    /// Notes that the columns clause names columns of `entity` (`select(Manager.name)`): a
    /// single-table subclass adds its `type IN (...)` criterion, as for `select(Manager)`.
    pub fn with_column_entity(mut self, entity: Entity) -> Self {
        let known = self
            .column_entities
            .iter()
            .any(|e| Rc::ptr_eq(&e.mapper, &entity.mapper) && e.from == entity.from);
        if !known {
            self.column_entities.push(entity);
        }
        self
    }

    /// The ON clause of a join to `target`: a single-table subclass adds its criterion to
    /// it (inferring the rest from the foreign keys of what the statement selects from).
    pub(super) fn join_on(&self, target: &Entity, on: Option<Expr>) -> Option<Expr> {
        let Ok(Some(crit)) = target.mapper.single_table_criterion(&target.from) else {
            return on;
        };
        let on = on.or_else(|| {
            let mut lefts: Vec<FromItem> = self.select.from.clone();
            for item in &self.items {
                match item {
                    Item::Entity(e) => lefts.push(e.from.clone()),
                    Item::Column(e) => {
                        let mut sources = Vec::new();
                        e.sources(&mut sources);
                        lefts.extend(sources.iter().map(|f| (**f).clone()));
                    }
                }
            }
            lefts
                .iter()
                .find_map(|left| crate::sql::statement::infer_on(left, &target.from).ok())
        })?;
        Some(crate::sql::and_(vec![on, crit]))
    }

    /// Adds the FROM items of joined-table entities and the single-table criteria to a
    /// select being built.
    pub(super) fn inheritance_criteria(&self, select: &mut Select) -> Result<()> {
        inheritance_froms(select, &self.items, &self.column_entities)?;
        // A single-table subclass's rows are those of its identities.
        let mut limited: Vec<&Entity> = Vec::new();
        let entities = self.items.iter().filter_map(|item| match item {
            Item::Entity(ent) => Some(ent),
            Item::Column(_) => None,
        });
        let same =
            |e: &Entity, ent: &Entity| Rc::ptr_eq(&e.mapper, &ent.mapper) && e.from == ent.from;
        for ent in entities.chain(&self.column_entities) {
            // A join target has the criterion in its ON clause.
            let seen =
                limited.iter().any(|e| same(e, ent)) || self.joined.iter().any(|e| same(e, ent));
            if !seen && let Some(c) = ent.mapper.single_table_criterion(&ent.from)? {
                select.where_.push(c);
                limited.push(ent);
            }
        }
        Ok(())
    }
}

/// The joined-table inheritance cases Retort does not model yet: an `aliased()` subclass,
/// a join to a subclass.
pub(super) fn unsupported_joined(items: &[Item], joined: &[Entity]) -> Result<()> {
    let aliased = items.iter().any(|i| match i {
        Item::Entity(e) => e.mapper.is_joined() && !e.joined(),
        Item::Column(_) => false,
    });
    let what = if aliased {
        "aliased() of a joined-table inheritance subclass"
    } else if joined.iter().any(|e| e.mapper.is_joined()) {
        "a join to a joined-table inheritance subclass"
    } else {
        return Ok(());
    };
    Err(Error::NotImplementedError(format!(
        "{what} is not supported by Retort yet"
    )))
}

/// Refuses an eager load of a joined-table inheritance subclass.
pub(crate) fn refuse_joined_target(target: &crate::mapper::Mapper, how: &str) -> Result<()> {
    if target.is_joined() {
        return Err(Error::NotImplementedError(format!(
            "{how} of a joined-table inheritance subclass is not supported by Retort yet"
        )));
    }
    Ok(())
}

/// A joined-table inheritance entity reads from its base table joined to its own tables
/// (`FROM employee JOIN manager ON employee.id = manager.id`), before any other join.
fn inheritance_froms(select: &mut Select, items: &[Item], columns_of: &[Entity]) -> Result<()> {
    let entities = items.iter().filter_map(|item| match item {
        Item::Entity(ent) => Some(ent),
        Item::Column(_) => None,
    });
    let mut done: Vec<&Rc<crate::mapper::Mapper>> = Vec::new();
    for ent in entities.chain(columns_of) {
        if !ent.joined() || done.iter().any(|m| Rc::ptr_eq(m, &ent.mapper)) {
            continue;
        }
        done.push(&ent.mapper);
        if select.from.is_empty() {
            select
                .from
                .push(FromItem::Table(ent.mapper.base_mapper().persist_table()));
        }
        let joins = ent.mapper.inheritance_joins()?;
        let mut at = 0;
        for (table, on) in joins {
            let spec = Select::default().join(table, Some(on)).joins;
            for j in spec {
                select.joins.insert(at, j);
                at += 1;
            }
        }
    }
    Ok(())
}
