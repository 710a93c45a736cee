//! Subquery eager loading (`subqueryload()`): after a query, one SELECT per relationship of
//! the path, of the related rows joined to the original query's keys:
//! `SELECT child..., anon_1.users_id AS anon_1_users_id FROM (SELECT users.id AS users_id
//! FROM users WHERE ...) AS anon_1 JOIN child ON anon_1.users_id = child.user_id ORDER BY ...`.
//! The inner query keeps the original clauses (its ORDER BY only under a LIMIT or OFFSET, as
//! SQLAlchemy does) and selects the first relationship's local columns: the parent's key for
//! a collection, `DISTINCT` foreign keys for a many-to-one (with the ORDER BY columns a
//! DISTINCT needs). A load further along a path joins the relationships before it through
//! aliases (`JOIN posts AS posts_1 ON anon_1.users_id = posts_1.user_id JOIN comments ON
//! posts_1.id = comments.post_id`), and a many-to-many through an alias of its association
//! table; the rows are matched to their parents by the last parent's column (`posts_1_id`).

use super::labels::Labeller;
use super::loading::{EagerJoin, LoadState, add_joins, eager_columns, plan};
use super::options::LoaderOption;
use super::selectin::{ChildrenByKey, LoadedOnce};
use super::{Entity, LabelStyle};
use crate::error::Result;
use crate::mapper::Mapper;
use crate::relationship::{Direction, Relationship};
use crate::session::{ObjectId, Session};
use crate::sql::compiler::{ParamStyle, compile};
use crate::sql::{Expr, FromItem, Select, Statement, anon_alias};
use crate::value::Value;
use std::rc::Rc;

/// The query a subquery load starts from: its clauses, the entity it loads, and the
/// relationships from that entity to the objects the next loads start from.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// The query's clauses (no columns).
    pub select: Select,
    /// The entity the query loads.
    pub entity: Entity,
    /// The relationships followed so far by subquery loads (empty for the query's own
    /// objects).
    pub hops: Vec<Relationship>,
}

impl Origin {
    /// Whether a subquery load from objects of `mapper` reached along `path` (the classes
    /// loaded so far) continues this one: `mapper` is the class its last relationship
    /// loads, one level further.
    pub(crate) fn continues_at(&self, mapper: &Mapper, path: &[String]) -> bool {
        let current = match self.hops.last() {
            Some(rel) => rel.target().ok(),
            None => Some(Rc::clone(&self.entity.mapper)),
        };
        current.is_some_and(|m| m.class_name() == mapper.class_name())
            && path.len() == self.hops.len() + 1
    }
}

/// The column of the parent a relationship's rows are matched by: its key for a
/// collection, its foreign key for a many-to-one.
fn local_column(rel: &Relationship) -> &str {
    match rel.direction {
        Direction::ManyToOne => &rel.fk,
        _ => &rel.referred,
    }
}

/// The inner query: the origin's clauses selecting the first relationship's local column,
/// with its label.
fn inner_select(origin: &Origin, first: &Relationship) -> Result<(Select, String)> {
    let local = local_column(first);
    let key_col = origin.entity.from.c(local)?;
    let mut labeller = Labeller::new(LabelStyle::TablePlusColumn);
    let key_label = labeller.label(&key_col).unwrap_or_else(|| local.to_owned());
    let mut inner = origin.select.clone();
    inner.columns = vec![key_col.label(&key_label)];
    let limited = inner.limit.is_some() || inner.offset.is_some();
    if !limited {
        inner.order_by.clear();
    }
    if first.direction == Direction::ManyToOne {
        // A many-to-one's parents share their targets: their foreign keys, once each.
        inner.distinct = true;
        for order in &inner.order_by.clone() {
            let col = match order {
                Expr::Order { expr, .. } => expr.as_ref(),
                other => other,
            };
            // SELECT DISTINCT needs the columns it is ordered by.
            if let Some(label) = labeller.label(col) {
                inner.columns.push(col.clone().label(&label));
            }
        }
    }
    Ok((inner, key_label))
}

impl Session {
    /// One subquery load of `rel` (of `mapper`, the last class of `origin`'s path) for
    /// `parents`, then the loads `below` ask for on what it loaded.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn subquery_rel(
        &mut self,
        mapper: &Rc<Mapper>,
        rel: &Relationship,
        below: &[LoaderOption],
        origin: &Origin,
        parents: &[ObjectId],
        populate: bool,
        path: &mut Vec<String>,
    ) -> Result<()> {
        let Some(parent_pos) = mapper.table().column_index(local_column(rel)) else {
            return Ok(());
        };
        let hops: Vec<Relationship> = origin.hops.iter().cloned().chain([rel.clone()]).collect();
        let Some(first) = hops.first() else {
            return Ok(());
        };
        let (inner, key_label) = inner_select(origin, first)?;
        let sub = inner.subquery();
        let sub_key = sub.c(&key_label)?;
        // The joins from the subquery to the target: the classes between through aliases.
        let target = rel.target()?;
        let table = target.table();
        let to = FromItem::Table(Rc::clone(table));
        let mut joins: Vec<(FromItem, Expr)> = Vec::new();
        // The item joined last (none: the subquery), and the last parent's.
        let mut parent: Option<FromItem> = None;
        let mut last_parent: Option<FromItem> = None;
        for (k, hop) in hops.iter().enumerate() {
            let child = if k + 1 == hops.len() {
                last_parent = parent.clone();
                to.clone()
            } else {
                anon_alias(hop.target()?.table())
            };
            // The subquery selects only the column its first join needs.
            let parent_c = |name: &str| match &parent {
                None => Ok(sub_key.clone()),
                Some(p) => p.c(name),
            };
            match (&hop.secondary, hop.direction) {
                (Some(sec), _) => {
                    let link = anon_alias(&sec.table);
                    let on = parent_c(&sec.parent_referred)?.eq(link.c(&sec.parent_fk)?);
                    joins.push((link.clone(), on));
                    let on = child.c(&sec.target_referred)?.eq(link.c(&sec.target_fk)?);
                    joins.push((child.clone(), on));
                }
                (None, Direction::ManyToOne) => {
                    let on = child.c(&hop.referred)?.eq(parent_c(&hop.fk)?);
                    joins.push((child.clone(), on));
                }
                (None, _) => {
                    let on = parent_c(&hop.referred)?.eq(child.c(&hop.fk)?);
                    joins.push((child.clone(), on));
                }
            }
            parent = Some(child);
        }
        // The column the rows are matched to their parents by: the subquery's at the first
        // level, the last alias's further along.
        let mut labeller = Labeller::new(LabelStyle::TablePlusColumn);
        let mut columns = Vec::with_capacity(table.columns().len() + 1);
        for col in table.columns() {
            let c = to.c(&col.name)?;
            let label = format!("{}_{}", table.name(), col.name);
            columns.push(c.label(&label));
        }
        let key = match &last_parent {
            // The statement's only anonymous subquery compiles as `anon_1`.
            None => sub_key.clone().label(&format!("anon_1_{key_label}")),
            Some(p) => {
                let c = p.c(local_column(rel))?;
                match labeller.label(&c) {
                    Some(l) => c.label(&l),
                    None => c,
                }
            }
        };
        columns.push(key);
        let ent = Entity::of(&target);
        let mut counter = 0;
        let loads = plan(&ent, below, &[], &mut counter)?;
        for c in eager_columns(&loads.joined)? {
            match labeller.label(&c) {
                Some(l) => columns.push(c.label(&l)),
                None => columns.push(c),
            }
        }
        let mut stmt = Select {
            columns,
            ..Select::default()
        }
        .select_from(sub);
        for (item, on) in joins {
            stmt = stmt.join(item, Some(on));
        }
        stmt = stmt.order_by(rel.order_by_exprs(&to));
        add_joins(&mut stmt, &loads.joined);
        // SQLAlchemy's key of the load holds the original query's (whose ORDER BY the
        // inner query may drop) and the path.
        let names: Vec<&str> = hops.iter().map(|h| h.name.as_str()).collect();
        let query = Select {
            columns: origin.entity.columns(),
            ..origin.select.clone()
        };
        let query_key = compile(&Statement::Select(query), ParamStyle::Qmark, &[])
            .map(|c| c.cache_key)
            .unwrap_or_default();
        let cache_key = format!(
            "subquery:{}.{}:{query_key}",
            origin.entity.mapper.class_name(),
            names.join(".")
        );
        let rows = self
            .connection()
            .execute_keyed(&Statement::Select(stmt), &[], Some(&cache_key))?
            .rows;
        let width = table.columns().len();
        let mut st = LoadState {
            populate,
            origin: Some(Origin {
                hops,
                ..origin.clone()
            }),
            ..LoadState::default()
        };
        let mut children: Vec<(Value, ObjectId)> = Vec::new();
        for row in rows {
            let values = row.get(..width).unwrap_or(&[]).to_vec();
            let k = row.get(width).cloned().unwrap_or(Value::Null);
            let child = self.hydrate_row(&target, &values, populate)?;
            let mut at = width + 1;
            for load in &loads.joined {
                let related = self.read_eager(load, &row, &mut at, populate, &mut st)?;
                self.link_eager(child, &load.rel, related, populate, &mut st)?;
            }
            children.push((k, child));
        }
        let loaded = self.assign_subquery_rows(rel, parents, parent_pos, &children, populate)?;
        let eager: Vec<&EagerJoin> = loads.joined.iter().collect();
        self.post_load(&target, &loaded, below, &eager, &st, path)
    }

    /// Gives each of `parents` the `children` whose key is its value at `parent_pos`
    /// (one, or none, for a many-to-one), as SQLAlchemy's subquery loader does (a
    /// one-to-many's children learn their parent too); returns the children, once each.
    fn assign_subquery_rows(
        &mut self,
        rel: &Relationship,
        parents: &[ObjectId],
        parent_pos: usize,
        children: &[(Value, ObjectId)],
        populate: bool,
    ) -> Result<Vec<ObjectId>> {
        let children = ChildrenByKey::new(children);
        let mut loaded = LoadedOnce::default();
        for &parent in parents {
            let key = {
                let store = self.store.borrow();
                let inst = store.get(parent)?;
                if !populate && inst.extras.related.contains_key(&rel.name) {
                    continue;
                }
                inst.values[parent_pos].clone()
            };
            let mut mine: Vec<ObjectId> = match key {
                Some(k) if k != Value::Null => children.of(&k).to_vec(),
                _ => Vec::new(),
            };
            if rel.direction == Direction::ManyToOne {
                mine.truncate(1);
            }
            self.give_loaded(rel, parent, mine, &mut loaded)?;
        }
        Ok(loaded.order)
    }
}
