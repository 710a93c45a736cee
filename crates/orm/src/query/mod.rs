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
//! - [`loading`]: the `joined` and `contains_eager` loader strategies, and the loads that
//!   follow a query.
//! - [`selectin`]: the `selectin` loader strategy.
//! - `subquery_load`: the `subqueryload()` loader strategy.
//! - [`options`]: loader options (`.options(selectinload(User.addresses))`).
//! - [`legacy`]: the legacy `session.query(...)`.

pub mod columns;
mod dml;
mod eager_limit;
pub mod entity;
mod evaluate;
mod inheritance;
pub use evaluate::DmlSync;
pub(crate) use inheritance::refuse_joined_target;
pub mod execute;
mod labels;
pub mod legacy;
pub mod loading;
pub mod options;
pub mod result;
pub mod selectin;
mod subquery_load;

pub use columns::{ColumnLoad, ColumnOption};
pub use entity::{Entity, aliased, with_parent};
pub use legacy::Query;
pub use options::{LoaderOption, PathStep, Strategy};
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
    /// The columns of an entity's `contains_eager` loads, its own, then those of its
    /// joined-eager loads.
    Entity {
        entity: Entity,
        loads: Box<loading::EntityLoads>,
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
    /// No labels (SQLAlchemy's lazy loader: `parent.id, pet_1.id, ...`).
    None,
}

/// `select(User, Address.email, ...)` with ORM entities: the statement and how to read its rows.
#[derive(Debug, Clone)]
pub struct OrmSelect {
    items: Vec<Item>,
    /// The statement's clauses (its columns are derived from the items when compiled).
    pub select: Select,
    /// `execution_options(populate_existing=True)`.
    pub populate_existing: bool,
    /// `execution_options(yield_per=n)`: how many rows its result's `partitions()` and
    /// `fetchmany()` take at a time (Retort reads every row at once).
    pub yield_per: Option<usize>,
    /// `execution_options(autoflush=False)` turns this to false.
    pub autoflush: bool,
    pub(crate) label_style: LabelStyle,
    /// Entities joined to, in order (`filter_by()` reads the last).
    joined: Vec<Entity>,
    /// `.options(...)`: loader options.
    pub options: Vec<LoaderOption>,
    /// `.options(load_only(...), defer(...), undefer(...))`: column options.
    pub column_options: Vec<ColumnOption>,
    /// Sets the compiled-cache key of an ORM-internal load apart (`"get"` for
    /// `session.get()`), see [`crate::Connection`]'s keyed execution.
    pub(crate) cache_namespace: Option<String>,
    /// Entities whose columns the columns clause names (`select(Manager.name)`): a
    /// single-table subclass among them limits the rows to its identities.
    column_entities: Vec<Entity>,
}

/// `select(*items)`.
pub fn select(items: Vec<Item>) -> OrmSelect {
    OrmSelect {
        items,
        select: Select::default(),
        populate_existing: false,
        yield_per: None,
        autoflush: true,
        label_style: LabelStyle::Disambiguate,
        joined: Vec::new(),
        options: Vec::new(),
        column_options: Vec::new(),
        cache_namespace: None,
        column_entities: Vec::new(),
    }
}

impl OrmSelect {
    /// The items of the columns clause.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// `with_only_columns(...)` / `add_columns(...)`: a new columns clause.
    pub fn with_items(mut self, items: Vec<Item>) -> Self {
        self.items = items;
        self
    }

    /// The SQL type of each item that is a column expression (`None` for entities and
    /// untyped expressions): results return values as their type says.
    pub fn column_types(&self) -> Vec<Option<crate::types::SqlType>> {
        self.items
            .iter()
            .map(|i| match i {
                Item::Entity(_) => None,
                Item::Column(e) => crate::sql::types::type_of(e),
            })
            .collect()
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

    /// `.filter_by(...)` with expressions: a [`Expr::Bind`] without a key is a plain value
    /// (bound as `:name_1`); others, such as [`Expr::Bool`] for `retired=True`, are compared
    /// as they are.
    ///
    /// # Failure
    /// As [`OrmSelect::filter_by`].
    pub fn filter_by_exprs(mut self, criteria: &[(&str, Expr)]) -> Result<Self> {
        let Some(entity) = self.filter_by_entity() else {
            return Err(Error::InvalidRequestError(
                "Can't use filter_by() on a statement that selects no entity".to_owned(),
            ));
        };
        for (name, e) in criteria {
            let col = entity.c(name)?;
            self.select.where_.push(match e {
                Expr::Bind { value, key: None } => col.eq(value.clone()),
                other => col.eq(other.clone()),
            });
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
        let on = self.join_on(target, on);
        self.select = self.select.join(inheritance::join_target(target), on);
        self.joined.push(target.clone());
        self
    }

    /// `.outerjoin(target, onclause)`.
    pub fn outerjoin(mut self, target: &Entity, on: Option<Expr>) -> Self {
        let on = self.join_on(target, on);
        self.select = self.select.outerjoin(inheritance::join_target(target), on);
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
        if self.select.from.is_empty() && self.select.joins.is_empty() && !self.selects_from(parent)
        {
            // `select(User).join(Address.user)`: the join starts at the relationship's parent,
            // `FROM address JOIN users`.
            self.select = self.select.select_from(inheritance::from_start(parent));
        }
        let mut path = inheritance::relationship_join_path(parent, &relationship, &target)?;
        if let Some(last) = path.last_mut()
            && let Some(c) = target.mapper.single_table_criterion(&target.from)?
        {
            // Joining to a single-table subclass: its identities go in the ON clause.
            last.1 = crate::sql::and_(vec![last.1.clone(), c]);
        }
        for (from, on) in path {
            self.select = if outer {
                self.select.outerjoin(from, Some(on))
            } else {
                self.select.join(from, Some(on))
            };
        }
        self.joined.push(target);
        Ok(self)
    }

    /// Whether the first FROM the columns clause reads from is `entity`'s table or alias (the
    /// one a join without `select_from()` starts at).
    fn selects_from(&self, entity: &Entity) -> bool {
        let first = self.items.iter().find_map(|i| match i {
            Item::Entity(e) => Some(e.from.clone()),
            Item::Column(e) => {
                let mut sources = Vec::new();
                e.sources(&mut sources);
                sources.first().map(|f| (**f).clone())
            }
        });
        first.is_some_and(|f| f == entity.from)
    }

    /// `.select_from(entity)`.
    pub fn select_from(mut self, entity: &Entity) -> Self {
        self.select = self.select.select_from(entity.from.clone());
        self.with_column_entity(entity.clone())
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

    /// `.execution_options(yield_per=n)`.
    pub fn yield_per(mut self, n: usize) -> Self {
        self.yield_per = Some(n);
        self
    }

    /// `.options(...)`: loader options, added to those already given.
    pub fn options(mut self, options: Vec<LoaderOption>) -> Self {
        self.options.extend(options);
        self
    }

    /// `.options(load_only(...), defer(...), undefer(...))`: column options, added to
    /// those already given.
    pub fn column_options(mut self, options: Vec<ColumnOption>) -> Self {
        self.column_options.extend(options);
        self
    }

    /// Whether a joined eager load fills a collection (rows repeat their parent, so 2.0
    /// results must be `unique()`d).
    ///
    /// # Failure
    /// As [`OrmSelect::to_select`].
    pub fn has_joined_collections(&self) -> Result<bool> {
        Ok(self.build()?.1.iter().any(|s| match s {
            Slot::Entity { loads, .. } => loads
                .contains
                .iter()
                .chain(&loads.joined)
                .any(|j| j.has_collection()),
            Slot::Column => false,
        }))
    }

    /// `.execution_options(autoflush=False)`.
    pub fn no_autoflush(mut self) -> Self {
        self.autoflush = false;
        self
    }

    /// The plain [`Select`] this query runs: each entity spread over its columns (preceded by
    /// those of its `contains_eager` loads, followed by those of its joined eager loads, LEFT
    /// OUTER JOINed), labelled as the label style wants.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] when a joined relationship's columns are missing.
    pub fn to_select(&self) -> Result<Select> {
        Ok(self.build()?.0)
    }

    /// The select and the layout of its result rows.
    pub(crate) fn build(&self) -> Result<(Select, Vec<Slot>)> {
        inheritance::unsupported_joined(&self.items, &self.joined)?;
        if let Some(wrapped) = self.build_wrapped()? {
            return Ok(wrapped);
        }
        let mut select = self.select.clone();
        let style = match execute::lazy_origin(self) {
            Some(_) => LabelStyle::None,
            None => self.label_style,
        };
        let mut labeller = labels::Labeller::new(style);
        let mut push = |select: &mut Select, e: Expr| labeller.push(select, e);
        let mut slots = Vec::with_capacity(self.items.len());
        let mut eager_joins = Vec::new();
        let mut counter = 0;
        for item in &self.items {
            match item {
                Item::Entity(ent) => {
                    let loads = loading::plan(ent, &self.options, &self.joined, &mut counter)?;
                    for load in &loads.contains {
                        inheritance::refuse_joined_target(&load.target.mapper, "contains_eager()")?;
                    }
                    if !loads.contains.is_empty() && select.from.is_empty() {
                        // The related columns come first; the FROM still starts at the entity.
                        select.from.push(ent.from.clone());
                    }
                    for load in &loads.contains {
                        for col in load.target.columns() {
                            push(&mut select, col);
                        }
                    }
                    let mut loads = loads;
                    for (name, col) in ent.expression_columns()? {
                        select.columns.push(col);
                        loads.expressions.push(name);
                    }
                    let (mut columns, deferred) =
                        columns::entity_columns(&ent.mapper, &self.column_options)?;
                    let all = ent.columns();
                    // A joined-table subclass reads every column of its tables.
                    if ent.joined() && deferred.is_empty() {
                        columns = (0..all.len()).collect();
                    }
                    for &i in &columns {
                        if let Some(col) = all.get(i) {
                            push(&mut select, col.clone());
                        }
                    }
                    if !deferred.is_empty() {
                        loads.deferred_key = format!("{:?}", self.column_options).into();
                    }
                    loads.columns = columns;
                    loads.deferred = deferred;
                    for col in loading::eager_columns(&loads.joined)? {
                        push(&mut select, col);
                    }
                    eager_joins.extend(loads.joined.iter().cloned());
                    slots.push(Slot::Entity {
                        entity: ent.clone(),
                        loads: Box::new(loads),
                    });
                }
                Item::Column(e) => {
                    push(&mut select, e.clone());
                    slots.push(Slot::Column);
                }
            }
        }
        loading::add_joins(&mut select, &eager_joins);
        self.inheritance_criteria(&mut select)?;
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

#[cfg(test)]
mod options_tests;

#[cfg(test)]
mod lazy_path_tests;

#[cfg(test)]
mod dml_tests;

#[cfg(test)]
mod columns_tests;
