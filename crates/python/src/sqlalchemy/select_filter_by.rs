//! `filter_by()` of `Select` and `Query`: which entity its keywords name (a column-only
//! select's mapped table, a Core table), descriptors such as hybrids and synonyms among the
//! keywords, and SQLAlchemy's errors for names no entity has.

use super::Bridge;
use super::select_generative::Generative;
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::query::{Entity, Item};
use retort::sql::{self as sql, Expr};
use std::rc::Rc;

/// The mapped entity of the first column of a statement that selects only columns of
/// mapped tables (and has no joins).
pub(super) fn column_entity<S: Generative>(b: &Bridge, s: &S) -> Option<Entity> {
    let items = s.items();
    if s.has_joins() || items.iter().any(|it| matches!(it, Item::Entity(_))) {
        return None;
    }
    let Some(Item::Column(Expr::Column { from, .. })) = items.first() else {
        return None;
    };
    let sql::FromItem::Table(table) = &**from else {
        return None;
    };
    let mapped = b.mapped.borrow();
    mapped
        .values()
        .find(|m| Rc::ptr_eq(m.mapper.table(), table))
        .map(|m| Entity::of(&m.mapper))
}

/// `filter_by()` names attributes of the selected entities (SQLAlchemy's message when one
/// is missing from a statement without joins).
pub(super) fn check_filter_by<S: Generative>(
    b: &Rc<Bridge>,
    i: &Interpreter,
    s: &S,
    pairs: &[(String, retort::Value)],
) -> PyResult<()> {
    let items = s.items();
    let entities: Vec<&Entity> = items
        .iter()
        .filter_map(|it| match it {
            Item::Entity(e) => Some(e),
            Item::Column(_) => None,
        })
        .collect();
    if entities.len() != 1 || s.has_joins() {
        return Ok(());
    }
    let mapper = &entities[0].mapper;
    for (k, _) in pairs {
        if mapper.table().column_index(k).is_none() && mapper.relationship(k).is_none() {
            // The legacy Query names its one entity's namespace (its table).
            let msg = if S::LEGACY {
                format!(
                    "Entity namespace for \"{}\" has no property \"{k}\"",
                    mapper.table().name()
                )
            } else {
                format!(
                    "None of the FROM clause entities have a property \"{k}\". Searched entities: Mapper[{}({})]",
                    mapper.class_name(),
                    mapper.table().name()
                )
            };
            return Err(b.error(i, "InvalidRequestError", &msg));
        }
    }
    Ok(())
}

/// The Core FROM item of a statement's first column, when it selects no entity.
pub(super) fn core_from_of<S: Generative>(s: &S) -> Option<sql::FromItem> {
    let items = s.items();
    if items.iter().any(|it| matches!(it, Item::Entity(_))) {
        return None;
    }
    items.iter().find_map(|it| match it {
        Item::Column(Expr::Column { from, .. }) => Some((**from).clone()),
        _ => None,
    })
}

/// Keyword arguments as given.
type Keywords = Vec<(String, Value)>;

/// The `filter_by()` keywords that name no column or relationship but a descriptor of the
/// one selected class (a hybrid property, a synonym): `Class.name == value` for those, the
/// other keywords apart.
pub(super) fn descriptor_criteria<S: Generative>(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    s: &S,
    a: &Args,
) -> PyResult<(Keywords, Vec<Expr>)> {
    let items = s.items();
    let mapper = match items.as_slice() {
        [Item::Entity(e)] if !s.has_joins() => e.mapper.clone(),
        _ => return Ok((a.kw.clone(), Vec::new())),
    };
    let class = b.mapped(mapper.class_name()).map(|m| m.class);
    let mut rest = Vec::new();
    let mut crit = Vec::new();
    for (k, v) in &a.kw {
        let plain = mapper.table().column_index(k).is_some() || mapper.relationship(k).is_some();
        let descriptor = match &class {
            Some(c) if !plain && c.lookup(k).is_some() => {
                let attr = i.getattr(&Value::Class(c.clone()), k)?;
                super::expr::expr_of(b, i, &attr)?
            }
            _ => None,
        };
        let Some(left) = descriptor else {
            rest.push((k.clone(), v.clone()));
            continue;
        };
        let eq = match super::expr::binary(b, i, left, "==", v, false) {
            Some(r) => r?,
            None => return Err(super::unsupported(i, &format!("filter_by({k}=...)"))),
        };
        match super::expr::expr_of(b, i, &eq)? {
            Some(e) => crit.push(e),
            None => return Err(super::unsupported(i, &format!("filter_by({k}=...)"))),
        }
    }
    Ok((rest, crit))
}
