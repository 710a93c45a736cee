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
        let crit = target
            .mapper
            .single_table_criterion(&target.from)
            .ok()
            .flatten();
        if crit.is_none() && !target.joined() {
            return on;
        }
        // A joined-table subclass is joined through the table holding the foreign key.
        let rights: Vec<FromItem> = if target.joined() {
            let tables = target.mapper.joined_tables();
            tables.into_iter().map(FromItem::Table).collect()
        } else {
            vec![target.from.clone()]
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
            lefts.iter().find_map(|left| {
                rights
                    .iter()
                    .find_map(|right| crate::sql::statement::infer_on(left, right).ok())
            })
        })?;
        Some(match crit {
            Some(crit) => crate::sql::and_(vec![on, crit]),
            None => on,
        })
    }

    /// Adds the FROM items of joined-table entities and the single-table criteria to a
    /// select being built.
    pub(super) fn inheritance_criteria(&self, select: &mut Select) -> Result<()> {
        inheritance_froms(select, &self.items, &self.column_entities, &self.joined)?;
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
    let what = if aliased || joined.iter().any(|e| e.mapper.is_joined() && !e.joined()) {
        "aliased() of a joined-table inheritance subclass"
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
fn inheritance_froms(
    select: &mut Select,
    items: &[Item],
    columns_of: &[Entity],
    joined: &[Entity],
) -> Result<()> {
    let entities = items.iter().filter_map(|item| match item {
        Item::Entity(ent) => Some(ent),
        Item::Column(_) => None,
    });
    let mut done: Vec<&Rc<crate::mapper::Mapper>> = Vec::new();
    for ent in entities.chain(columns_of) {
        // A join target brings its tables in its own join.
        let join_target = joined.iter().any(|j| Rc::ptr_eq(&j.mapper, &ent.mapper));
        if !ent.joined() || join_target || done.iter().any(|m| Rc::ptr_eq(m, &ent.mapper)) {
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

/// What a join to `target` joins: a joined-table subclass's tables as one nested join,
/// `(employee JOIN engineer ON employee.id = engineer.id)`.
pub(super) fn join_target(target: &Entity) -> FromItem {
    if !target.joined() {
        return target.from.clone();
    }
    let mut from = FromItem::Table(target.mapper.base_mapper().persist_table());
    for (table, on) in target.mapper.inheritance_joins().unwrap_or_default() {
        from = FromItem::Join {
            left: Box::new(from),
            right: Box::new(table),
            on: Box::new(on),
            outer: false,
            full: false,
        };
    }
    from
}

/// [`super::entity::join_path`] to a joined-table subclass: its ON clause reads the table
/// holding the relationship's column, and the join is to the subclass's nested join.
pub(super) fn relationship_join_path(
    parent: &Entity,
    rel: &crate::relationship::Relationship,
    target: &Entity,
) -> Result<Vec<(FromItem, Expr)>> {
    use crate::relationship::Direction;
    // The parent side's column, read on its real table when the parent is a joined subclass.
    let parent_column = match (&rel.direction, &rel.secondary) {
        (Direction::OneToMany, _) => &rel.referred,
        (Direction::ManyToOne, _) => &rel.fk,
        (Direction::ManyToMany, Some(sec)) => &sec.parent_referred,
        (Direction::ManyToMany, None) => &rel.fk,
    };
    let parent_on;
    let parent = if parent.joined() {
        parent_on = Entity {
            mapper: Rc::clone(&parent.mapper),
            from: FromItem::Table(parent.mapper.column_table(parent_column)),
        };
        &parent_on
    } else {
        parent
    };
    if !target.joined() {
        return super::entity::join_path(parent, rel, target);
    }
    let column = match (&rel.direction, &rel.secondary) {
        (Direction::OneToMany, _) => &rel.fk,
        (Direction::ManyToOne, _) => &rel.referred,
        (Direction::ManyToMany, Some(sec)) => &sec.target_referred,
        (Direction::ManyToMany, None) => &rel.referred,
    };
    let on_table = Entity {
        mapper: Rc::clone(&target.mapper),
        from: FromItem::Table(target.mapper.column_table(column)),
    };
    let mut path = super::entity::join_path(parent, rel, &on_table)?;
    if let Some(last) = path.last_mut() {
        last.0 = join_target(target);
    }
    Ok(path)
}

/// Where a join along a relationship of `parent` starts: a joined-table subclass starts at
/// its base table (its own tables are joined to it).
pub(super) fn from_start(parent: &Entity) -> FromItem {
    if parent.joined() {
        FromItem::Table(parent.mapper.base_mapper().persist_table())
    } else {
        parent.from.clone()
    }
}

impl crate::session::Session {
    /// The rows of a one-to-many `selectinload()` of a joined-table subclass, as SQLAlchemy
    /// reads them: the foreign key first, then the subclass's columns (no labels), from its
    /// tables joined, `WHERE manager.company_id IN (...)`; each as (key, object).
    pub(super) fn selectin_joined_rows(
        &mut self,
        rel: &crate::relationship::Relationship,
        target: &Rc<crate::mapper::Mapper>,
        keys: Vec<crate::value::Value>,
        populate: bool,
        cache_key: &str,
    ) -> Result<Vec<(crate::value::Value, crate::session::ObjectId)>> {
        let fk_table = target.column_table(&rel.fk);
        let fk = FromItem::Table(Rc::clone(&fk_table)).c(&rel.fk)?;
        let fk_pos = target.attr(&rel.fk)?;
        let rest: Vec<crate::mapper::JoinedColumn> = target
            .joined_columns()
            .into_iter()
            .filter(|c| !(c.name == rel.fk && c.table.name() == fk_table.name()))
            .collect();
        let mut columns = vec![fk.clone()];
        for c in &rest {
            columns.push(FromItem::Table(Rc::clone(&c.table)).c(&c.name)?);
        }
        let mut stmt = Select {
            columns,
            ..Select::default()
        }
        .select_from(FromItem::Table(target.base_mapper().persist_table()));
        for (table, on) in target.inheritance_joins()? {
            stmt = stmt.join(table, Some(on));
        }
        let entity = Entity::of(target);
        let order: Vec<Expr> = rel
            .order_by
            .iter()
            .filter_map(|(name, desc)| {
                let c = entity.c(name).ok()?;
                Some(if *desc { c.desc() } else { c })
            })
            .collect();
        let stmt = stmt.where_(fk.in_(keys)).order_by(order);
        let rows = self
            .connection()
            .execute_keyed(&crate::sql::Statement::Select(stmt), &[], Some(cache_key))?
            .rows;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let mut values = vec![crate::value::Value::Null; target.width()];
            let key = row.first().cloned().unwrap_or(crate::value::Value::Null);
            values[fk_pos] = key.clone();
            for (cell, c) in row.iter().skip(1).zip(&rest) {
                if let Some(slot) = values.get_mut(c.pos) {
                    *slot = cell.clone();
                }
            }
            out.push((key, self.hydrate_row(target, &values, populate)?));
        }
        Ok(out)
    }
}

/// `aliased()` of a joined-table subclass as a joined eager load reads it: each of its
/// tables aliased (`employee AS employee_1 JOIN manager AS manager_1 ON employee_1.id =
/// manager_1.id`).
///
/// # Failure
/// [`Error::NoSuchColumnError`] for a primary key column a table lacks.
pub(crate) fn aliased_joined(mapper: &Rc<crate::mapper::Mapper>) -> Result<Entity> {
    let tables = mapper.joined_tables();
    let mut aliases: Vec<FromItem> = tables.iter().map(crate::sql::anon_alias).collect();
    let mut from = aliases.remove(0);
    let mut upper = from.clone();
    for (table, alias) in tables.iter().skip(1).zip(aliases) {
        let upper_table = upper.table().map(Rc::clone);
        let mut on = Vec::new();
        if let Some(up) = upper_table {
            for (a, b) in up.primary_key().iter().zip(table.primary_key()) {
                on.push(upper.c(&a.name)?.eq(alias.c(&b.name)?));
            }
        }
        from = FromItem::Join {
            left: Box::new(from),
            right: Box::new(alias.clone()),
            on: Box::new(crate::sql::and_(on)),
            outer: false,
            full: false,
        };
        upper = alias;
    }
    Ok(Entity {
        mapper: Rc::clone(mapper),
        from,
    })
}

/// The `order_by` of a joined eager load, on its target's columns (a joined-table
/// subclass's on the alias of the table holding each).
pub(crate) fn eager_order_by(load: &super::loading::EagerJoin) -> Vec<Expr> {
    if !load.target.mapper.is_joined() {
        return load.rel.order_by_exprs(&load.target.from);
    }
    load.rel
        .order_by
        .iter()
        .filter_map(|(name, desc)| {
            let c = load.target.c(name).ok()?;
            Some(if *desc { c.desc() } else { c })
        })
        .collect()
}
