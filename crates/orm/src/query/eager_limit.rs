//! A query whose joined eager loads fill collections and that also has LIMIT / OFFSET /
//! DISTINCT / GROUP BY: as SQLAlchemy does, the entities are selected in a subquery
//! (`anon_1`) carrying those clauses, and the eager joins go outside it, so that the limit
//! counts parents rather than parent-child rows:
//! `SELECT anon_1.id, ..., addresses_1.id AS id_1, ... FROM (SELECT users.id AS id, ...
//! LIMIT ?) AS anon_1 LEFT OUTER JOIN addresses AS addresses_1 ON anon_1.id = ...`.

use super::labels::Labeller;
use super::loading::{EagerJoin, add_joins, eager_columns, plan, plan_from};
use super::{Entity, Item, LabelStyle, OrmSelect, Slot};
use crate::error::{Error, Result};
use crate::sql::{Expr, FromItem, Select};
use std::rc::Rc;

/// `e` with the columns of `ent` read from `sub` (whose labels for them are `labels`).
fn adapt(e: &Expr, ent: &Entity, sub: &FromItem, labels: &[String]) -> Result<Expr> {
    Ok(match e {
        Expr::Column { from, name, .. } if **from == ent.from => {
            match ent.mapper.table().column_index(name) {
                Some(i) => sub.c(&labels[i])?,
                None => e.clone(),
            }
        }
        Expr::Order { expr, desc } => Expr::Order {
            expr: Box::new(adapt(expr, ent, sub, labels)?),
            desc: *desc,
        },
        other => other.clone(),
    })
}

impl OrmSelect {
    /// The wrapped select and its row layout, when this query needs wrapping.
    pub(crate) fn build_wrapped(&self) -> Result<Option<(Select, Vec<Slot>)>> {
        let s = &self.select;
        let nests = s.limit.is_some() || s.offset.is_some() || s.distinct || !s.group_by.is_empty();
        if !nests {
            return Ok(None);
        }
        let mut ents: Vec<&Entity> = Vec::new();
        for item in &self.items {
            match item {
                Item::Entity(e) => ents.push(e),
                Item::Column(_) => return Ok(None),
            }
        }
        let mut counter = 0;
        let mut collections = false;
        for ent in &ents {
            let loads = plan(ent, &self.options, &self.joined, &mut counter)?;
            if !loads.contains.is_empty() {
                return Ok(None);
            }
            collections |= loads.joined.iter().any(EagerJoin::has_collection);
        }
        if !collections {
            return Ok(None);
        }
        // The inner select: every entity column labelled.
        let mut inner = s.clone();
        inner.columns.clear();
        let mut inner_labels = Labeller::new(self.label_style);
        let mut labels: Vec<Vec<String>> = Vec::with_capacity(ents.len());
        for ent in &ents {
            let mut mine = Vec::new();
            for col in ent.columns() {
                let label = match inner_labels.label(&col) {
                    Some(l) => l,
                    None => col.result_name().unwrap_or_default().to_owned(),
                };
                inner.columns.push(col.label(&label));
                mine.push(label);
            }
            labels.push(mine);
        }
        let sub = inner.subquery();
        let sub_name = "anon_1";
        let mut outer = Select {
            from: vec![sub.clone()],
            ..Select::default()
        };
        let mut lab = Labeller::new(self.label_style);
        let mut counter = 0;
        let mut slots = Vec::with_capacity(ents.len());
        let mut eager = Vec::new();
        for (ent, mine) in ents.iter().zip(&labels) {
            for l in mine {
                let c = sub.c(l)?;
                match self.label_style {
                    LabelStyle::TablePlusColumn => {
                        outer.columns.push(c.label(&format!("{sub_name}_{l}")));
                    }
                    LabelStyle::Disambiguate | LabelStyle::None => lab.push(&mut outer, c),
                }
            }
            let parent_c = |name: &str| -> Result<Expr> {
                let i = ent.mapper.table().column_index(name).ok_or_else(|| {
                    Error::InvalidRequestError(format!("no column {name} to join from"))
                })?;
                sub.c(&mine[i])
            };
            let loads = plan_from(ent, &self.options, &[], &mut counter, &parent_c)?;
            for col in eager_columns(&loads.joined)? {
                lab.push(&mut outer, col);
            }
            eager.extend(loads.joined.iter().cloned());
            slots.push(Slot::Entity {
                entity: Entity {
                    mapper: Rc::clone(&ent.mapper),
                    from: ent.from.clone(),
                },
                loads: Box::new(loads),
            });
        }
        for o in &s.order_by {
            let mut e = o.clone();
            for (ent, mine) in ents.iter().zip(&labels) {
                e = adapt(&e, ent, &sub, mine)?;
            }
            outer.order_by.push(e);
        }
        add_joins(&mut outer, &eager);
        Ok(Some((outer, slots)))
    }
}
