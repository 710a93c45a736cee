//! Queries: `select()` of mapped entities and of columns (SQLAlchemy 2.0 style) and the legacy
//! `session.query()`, both over the one expression tree of [`crate::sql`], and their results,
//! whose entities hydrate through the session's identity map.
//!
//! An [`OrmSelect`] is a [`Select`] plus what each of its result columns is: a whole
//! [`Entity`] (a mapped class, or an `aliased()` one) spread over its table's columns, or one
//! column expression. `Session::execute` autoflushes, runs it, and turns each entity's slice of
//! a row into an object: the same object for the same primary key, its loaded attributes left
//! as they are unless `populate_existing` is set.
//!
//! - [`entity`]: [`Entity`] and `aliased()`.
//! - [`result`]: [`OrmResult`], [`ScalarResult`] and their `first` / `one` / `all` / ...
//! - [`execute`]: `session.execute()`, `session.scalars()`, `session.scalar()`, hydration.
//! - [`loading`]: the `selectin` and `joined` loader strategies.
//! - [`legacy`]: the legacy `session.query(...)`.

pub mod entity;
pub mod execute;
pub mod legacy;
pub mod loading;
pub mod result;

pub use entity::{Entity, aliased, with_parent};
pub use legacy::Query;
pub use result::{Cell, OrmResult, ScalarResult};

use crate::error::{Error, Result};
use crate::sql::compiler::{ParamStyle, compile};
use crate::sql::{Expr, FromItem, Select, Statement};
use crate::value::Value;

/// One item of a select's columns clause.
#[derive(Debug, Clone)]
pub enum Item {
    /// A whole entity (`select(User)`), one result cell holding the object.
    Entity(Entity),
    /// A column expression (`select(User.name)`, `func.count()`), one result cell holding a
    /// value.
    Column(Expr),
}

impl From<Entity> for Item {
    fn from(e: Entity) -> Self {
        Item::Entity(e)
    }
}

impl From<Expr> for Item {
    fn from(e: Expr) -> Self {
        Item::Column(e)
    }
}

/// What a stretch of a result row holds.
#[derive(Debug, Clone)]
pub(crate) enum Slot {
    /// An entity's columns, then those of each of its joined-eager relationships.
    Entity {
        entity: Entity,
        joined: Vec<(
            crate::relationship::Relationship,
            std::rc::Rc<crate::mapper::Mapper>,
        )>,
    },
    /// One column.
    Column,
}

/// How a query names the columns it selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LabelStyle {
    /// 2.0 `select()`: plain names, a repeated name labelled `name_1`, `name_2`, ...
    Disambiguate,
    /// Legacy `Query`: every column labelled `table_column`.
    TablePlusColumn,
}

/// `select(User, Address.email, ...)` with ORM entities: the statement and how to read its rows.
#[derive(Debug, Clone)]
pub struct OrmSelect {
    items: Vec<Item>,
    /// The statement's clauses (its columns are derived from the items when compiled).
    pub select: Select,
    /// `execution_options(populate_existing=True)`.
    pub populate_existing: bool,
    /// `execution_options(autoflush=False)` turns this to false.
    pub autoflush: bool,
    pub(crate) label_style: LabelStyle,
    /// Entities joined to, in order (`filter_by()` reads the last).
    joined: Vec<Entity>,
    /// Sets the compiled-cache key of an ORM-internal load apart (`"get"` for
    /// `session.get()`), see [`crate::Connection`]'s keyed execution.
    pub(crate) cache_namespace: Option<String>,
}

/// `select(*items)`.
pub fn select(items: Vec<Item>) -> OrmSelect {
    OrmSelect {
        items,
        select: Select::default(),
        populate_existing: false,
        autoflush: true,
        label_style: LabelStyle::Disambiguate,
        joined: Vec::new(),
        cache_namespace: None,
    }
}

impl OrmSelect {
    /// The items of the columns clause.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// `.where(criterion)` (also `.filter(criterion)`).
    pub fn where_(mut self, criterion: Expr) -> Self {
        self.select.where_.push(criterion);
        self
    }

    /// `.filter_by(name=value, ...)`: equality on attributes of the entity last joined to, or
    /// else of the first entity.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] for an attribute that entity lacks, or without any entity.
    pub fn filter_by(mut self, criteria: &[(&str, Value)]) -> Result<Self> {
        let Some(entity) = self.filter_by_entity() else {
            return Err(Error::InvalidRequestError(
                "Can't use filter_by() on a statement that selects no entity".to_owned(),
            ));
        };
        for (name, value) in criteria {
            let col = entity.c(name)?;
            self.select.where_.push(col.eq(value.clone()));
        }
        Ok(self)
    }

    fn filter_by_entity(&self) -> Option<Entity> {
        self.joined.last().cloned().or_else(|| {
            self.items.iter().find_map(|i| match i {
                Item::Entity(e) => Some(e.clone()),
                Item::Column(_) => None,
            })
        })
    }

    /// `.join(target, onclause)`: the ON clause is inferred from the foreign keys when `None`.
    pub fn join(mut self, target: &Entity, on: Option<Expr>) -> Self {
        self.select = self.select.join(target.from.clone(), on);
        self.joined.push(target.clone());
        self
    }

    /// `.outerjoin(target, onclause)`.
    pub fn outerjoin(mut self, target: &Entity, on: Option<Expr>) -> Self {
        self.select = self.select.outerjoin(target.from.clone(), on);
        self.joined.push(target.clone());
        self
    }

    /// `.join(Parent.rel)` (or `.join(Parent.rel.of_type(alias))` with `target`): joins along a
    /// relationship, its ON clause from the relationship's columns; a many-to-many joins its
    /// `secondary` table first.
    ///
    /// # Failure
    /// [`Error::AttributeError`] for an unknown relationship.
    pub fn join_relationship(
        self,
        parent: &Entity,
        rel: &str,
        target: Option<&Entity>,
    ) -> Result<Self> {
        self.join_rel(parent, rel, target, false)
    }

    /// `.outerjoin(Parent.rel)`.
    ///
    /// # Failure
    /// As [`OrmSelect::join_relationship`].
    pub fn outerjoin_relationship(
        self,
        parent: &Entity,
        rel: &str,
        target: Option<&Entity>,
    ) -> Result<Self> {
        self.join_rel(parent, rel, target, true)
    }

    fn join_rel(
        mut self,
        parent: &Entity,
        rel: &str,
        target: Option<&Entity>,
        outer: bool,
    ) -> Result<Self> {
        let relationship = parent.relationship(rel)?;
        let target = match target {
            Some(t) => t.clone(),
            None => Entity::of(&relationship.target()?),
        };
        for (from, on) in entity::join_path(parent, &relationship, &target)? {
            self.select = if outer {
                self.select.outerjoin(from, Some(on))
            } else {
                self.select.join(from, Some(on))
            };
        }
        self.joined.push(target);
        Ok(self)
    }

    /// `.select_from(entity)`.
    pub fn select_from(mut self, entity: &Entity) -> Self {
        self.select = self.select.select_from(entity.from.clone());
        self
    }

    /// `.order_by(...)`.
    pub fn order_by(mut self, items: Vec<Expr>) -> Self {
        self.select = self.select.order_by(items);
        self
    }

    /// `.group_by(...)`.
    pub fn group_by(mut self, items: Vec<Expr>) -> Self {
        self.select = self.select.group_by(items);
        self
    }

    /// `.having(criterion)`.
    pub fn having(mut self, criterion: Expr) -> Self {
        self.select = self.select.having(criterion);
        self
    }

    /// `.limit(n)`.
    pub fn limit(mut self, n: i64) -> Self {
        self.select.limit = Some(n);
        self
    }

    /// `.offset(n)`.
    pub fn offset(mut self, n: i64) -> Self {
        self.select.offset = Some(n);
        self
    }

    /// `.distinct()`.
    pub fn distinct(mut self) -> Self {
        self.select.distinct = true;
        self
    }

    /// `.execution_options(populate_existing=True)`.
    pub fn populate_existing(mut self) -> Self {
        self.populate_existing = true;
        self
    }

    /// `.execution_options(autoflush=False)`.
    pub fn no_autoflush(mut self) -> Self {
        self.autoflush = false;
        self
    }

    /// The plain [`Select`] this query runs: each entity spread over its columns (followed
    /// by those of its `lazy="joined"` relationships, LEFT OUTER JOINed), labelled as the label
    /// style wants.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] when a joined relationship's columns are missing.
    pub fn to_select(&self) -> Result<Select> {
        Ok(self.build()?.0)
    }

    /// The select and the layout of its result rows.
    pub(crate) fn build(&self) -> Result<(Select, Vec<Slot>)> {
        let mut select = self.select.clone();
        let mut used: Vec<String> = Vec::new();
        let mut counts: std::collections::HashMap<String, u32> = Default::default();
        let style = self.label_style;
        let mut push = |select: &mut Select, e: Expr| {
            let labelled = match (style, &e) {
                (
                    LabelStyle::TablePlusColumn,
                    Expr::Column {
                        source: crate::sql::Source::Named(t),
                        name,
                        ..
                    },
                ) => Some(format!("{t}_{name}")),
                (LabelStyle::Disambiguate, Expr::Column { name, .. }) => {
                    if used.contains(name) {
                        let n = counts.entry(name.clone()).or_insert(0);
                        *n += 1;
                        Some(format!("{name}_{n}"))
                    } else {
                        used.push(name.clone());
                        None
                    }
                }
                _ => None,
            };
            select.columns.push(match labelled {
                Some(label) => e.label(&label),
                None => e,
            });
        };
        let mut slots = Vec::with_capacity(self.items.len());
        let mut eager_joins = Vec::new();
        for item in &self.items {
            match item {
                Item::Entity(ent) => {
                    for col in ent.columns() {
                        push(&mut select, col);
                    }
                    let mut joined = Vec::new();
                    for (rel, target, on) in loading::joined_eager(ent)? {
                        for col in target.columns() {
                            push(&mut select, col);
                        }
                        eager_joins.push((target.from.clone(), on));
                        joined.push((rel, target.mapper));
                    }
                    slots.push(Slot::Entity {
                        entity: ent.clone(),
                        joined,
                    });
                }
                Item::Column(e) => {
                    push(&mut select, e.clone());
                    slots.push(Slot::Column);
                }
            }
        }
        for (from, on) in eager_joins {
            select = select.outerjoin(from, Some(on));
        }
        Ok((select, slots))
    }

    /// `str(stmt)`: the SQL as SQLAlchemy prints it without an engine.
    ///
    /// # Failure
    /// As [`crate::sql::compile`].
    pub fn to_sql_string(&self) -> Result<String> {
        Ok(compile(
            &Statement::Select(self.to_select()?),
            ParamStyle::Named,
            &[],
        )?
        .sql)
    }

    /// `.subquery()`: this select as a FROM item (`anon_N`).
    ///
    /// # Failure
    /// As [`OrmSelect::to_select`].
    pub fn subquery(&self) -> Result<FromItem> {
        Ok(self.to_select()?.subquery())
    }
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod loading_tests;

#[cfg(test)]
mod tests_any;
