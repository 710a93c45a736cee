//! Subquery eager loading (`subqueryload()`): after a query, one
//! `SELECT child..., anon_1.parent_pk AS anon_1_parent_pk FROM (SELECT parent.pk AS parent_pk
//! FROM parent WHERE ...) AS anon_1 JOIN child ON anon_1.parent_pk = child.fk ORDER BY ...`:
//! the related rows joined to the original query's parent keys (its ORDER BY kept only under
//! a LIMIT or OFFSET, as SQLAlchemy does), then the loads further along the path on the
//! objects it loaded. One-to-many relationships only; the options layer refuses the others.

use super::labels::Labeller;
use super::loading::{EagerJoin, LoadState, add_joins, eager_columns, plan};
use super::options::LoaderOption;
use super::{Entity, LabelStyle};
use crate::error::Result;
use crate::mapper::Mapper;
use crate::relationship::{Direction, Relationship};
use crate::session::{ObjectId, Session};
use crate::sql::{FromItem, Select, Statement};
use crate::value::Value;
use std::rc::Rc;

/// The query a subquery load starts from: its clauses and the entity it loads.
#[derive(Debug, Clone)]
pub(crate) struct Origin {
    /// The query's clauses (no columns).
    pub select: Select,
    /// The entity whose objects the load's parents are.
    pub entity: Entity,
}

impl Session {
    /// One subquery load of the one-to-many `rel` for `parents` (the objects `origin` loaded),
    /// then the loads `below` ask for on what it loaded.
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
        if rel.direction != Direction::OneToMany {
            return Ok(());
        }
        let Some(key_pos) = mapper.table().column_index(&rel.referred) else {
            return Ok(());
        };
        let target = rel.target()?;
        let table = target.table();
        let Some(remote_pos) = table.column_index(&rel.fk) else {
            return Ok(());
        };
        // The inner select: the parents' keys, from the query's own clauses.
        let key_col = origin.entity.from.c(&rel.referred)?;
        let mut labeller = Labeller::new(LabelStyle::TablePlusColumn);
        let key_label = labeller
            .label(&key_col)
            .unwrap_or_else(|| rel.referred.clone());
        let mut inner = origin.select.clone();
        inner.columns = vec![key_col.label(&key_label)];
        if inner.limit.is_none() && inner.offset.is_none() {
            inner.order_by.clear();
        }
        let sub = inner.subquery();
        let sub_key = sub.c(&key_label)?;
        let from = FromItem::Table(Rc::clone(table));
        let mut columns = Vec::with_capacity(table.columns().len() + 1);
        for col in table.columns() {
            let c = from.c(&col.name)?;
            let label = format!("{}_{}", table.name(), col.name);
            columns.push(c.label(&label));
        }
        // The statement's only anonymous subquery compiles as `anon_1`.
        columns.push(sub_key.clone().label(&format!("anon_1_{key_label}")));
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
        .select_from(sub)
        .join(from.clone(), Some(sub_key.eq(from.c(&rel.fk)?)))
        .order_by(rel.order_by_exprs(&from));
        add_joins(&mut stmt, &loads.joined);
        let cache_key = format!("subquery:{}.{}", mapper.class_name(), rel.name);
        let rows = self
            .connection()
            .execute_keyed(&Statement::Select(stmt), &[], Some(&cache_key))?
            .rows;
        let width = table.columns().len();
        let mut st = LoadState {
            populate,
            ..LoadState::default()
        };
        let mut children: Vec<(Value, ObjectId)> = Vec::new();
        for row in rows {
            let values = row.get(..width).unwrap_or(&[]).to_vec();
            let k = values.get(remote_pos).cloned().unwrap_or(Value::Null);
            let child = self.hydrate_row(&target, &values, populate)?;
            let mut at = width + 1;
            for load in &loads.joined {
                let related = self.read_eager(load, &row, &mut at, populate, &mut st)?;
                self.link_eager(child, &load.rel, related, populate, &mut st)?;
            }
            children.push((k, child));
        }
        let mut loaded = Vec::new();
        for &parent in parents {
            let mut store = self.store.borrow_mut();
            let inst = store.get(parent)?;
            if !populate && inst.extras.related.contains_key(&rel.name) {
                continue;
            }
            let key = inst.values[key_pos].clone();
            let mine: Vec<ObjectId> = match key {
                Some(k) if k != Value::Null => children
                    .iter()
                    .filter(|(v, _)| *v == k)
                    .map(|(_, c)| *c)
                    .collect(),
                _ => Vec::new(),
            };
            if let Some(back) = &rel.back_populates {
                for &c in &mine {
                    store
                        .get_mut(c)?
                        .extras
                        .related
                        .entry(back.clone())
                        .or_insert_with(|| vec![parent]);
                }
            }
            for &c in &mine {
                if !loaded.contains(&c) {
                    loaded.push(c);
                }
            }
            store
                .get_mut(parent)?
                .extras
                .related
                .insert(rel.name.clone(), mine);
        }
        let eager: Vec<&EagerJoin> = loads.joined.iter().collect();
        self.post_load(&target, &loaded, below, &eager, &st, path)
    }
}
