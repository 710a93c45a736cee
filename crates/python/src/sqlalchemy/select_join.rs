//! `join()`, `outerjoin()` and `join_from()` of `select()` and `Query`: to a mapped class or
//! alias (ON clause given or inferred), along a relationship (`User.addresses`, also
//! `.of_type(alias)` and `join(alias, User.addresses)`), to a Core table or to a subquery.

use super::Bridge;
use super::expr::operand;
use super::native;
use super::select::{Generative, entity_of};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql;
use std::rc::Rc;

/// `s.join(...)` / `s.outerjoin(...)` / `s.join_from(...)`.
pub(super) fn join<S: Generative + 'static>(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    s: S,
    name: &str,
    a: Args,
) -> PyResult<Option<S>> {
    let outer = name == "outerjoin"
        || a.kw
            .iter()
            .any(|(k, v)| k == "isouter" && matches!(v, Value::Bool(true)));
    let Some(target) = a.pos.first() else {
        return Err(i.type_error("join() needs a target"));
    };
    if name == "join_from"
        && let Some(left) = entity_of(b, target)
    {
        // `join_from(User, Address[, on])`: the join starts at the left entity.
        let mut rest = a.clone();
        rest.pos.remove(0);
        let s = s.select_from(&left);
        let name = if outer { "outerjoin" } else { "join" };
        return join(b, i, s, name, rest);
    }
    if let Some(t) = native::<super::table::TableObj>(target) {
        return join_tables(b, i, s, name, &t.table, &a, outer);
    }
    if let Some(item) = super::subquery::from_item_of(target) {
        let on = match a.pos.get(1) {
            Some(v) => Some(operand(b, i, v, None)?),
            None => None,
        };
        return s
            .join_item(item, on, outer)
            .map(Some)
            .map_err(|e| b.raise(i, e));
    }
    if let Some(o) = native::<super::subquery::OfType>(target) {
        return s
            .join_rel_to(&o.parent, &o.key, Some(&o.target), outer)
            .map(|s| s.and_last_join(o.criteria.clone()))
            .map(Some)
            .map_err(|e| b.raise(i, e));
    }
    let next = if let Some(attr) = native::<super::instrument::Attribute>(target) {
        s.join_rel(&attr.entity, &attr.key, outer)
            .map_err(|e| b.raise(i, e))?
    } else if let Some(e) = entity_of(b, target) {
        let rel = a
            .pos
            .get(1)
            .and_then(native::<super::instrument::Attribute>)
            .filter(|attr| attr.kind == super::instrument::Kind::Relationship);
        if let Some(attr) = rel {
            s.join_rel_to(&attr.entity, &attr.key, Some(&e), outer)
                .map_err(|e| b.raise(i, e))?
        } else {
            let on = match a.pos.get(1) {
                Some(v) => Some(operand(b, i, v, None)?),
                None => None,
            };
            s.join(&e, on, outer)
        }
    } else {
        let shown = match target {
            Value::Object(o) if o.type_name() == "type" => i.repr(target)?,
            other => i.repr(other)?,
        };
        return Err(b.error(
                i,
                "ArgumentError",
                &format!(
                    "Join target, typically a FROM expression, or ORM relationship attribute expected, got {shown}."
                ),
            ));
    };
    Ok(Some(next))
}

/// `join(table[, on])` / `join_from(left_table, right_table[, on])` of Core tables.
fn join_tables<S: Generative + 'static>(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    s: S,
    name: &str,
    first: &Rc<retort::schema::Table>,
    a: &Args,
    outer: bool,
) -> PyResult<Option<S>> {
    let (s, right, on) = if name == "join_from" {
        let Some(right) = a.pos.get(1).and_then(native::<super::table::TableObj>) else {
            return Err(super::unsupported(
                i,
                "join_from() of a table and this object",
            ));
        };
        let Some(s) = s.select_from_table(first) else {
            return Err(super::unsupported(i, "Query.join_from() of a Table"));
        };
        (s, right.table.clone(), a.pos.get(2))
    } else {
        (s, first.clone(), a.pos.get(1))
    };
    let on = match on {
        Some(v) => Some(operand(b, i, v, None)?),
        None => None,
    };
    s.join_item(sql::FromItem::Table(right), on, outer)
        .map(Some)
        .map_err(|e| b.raise(i, e))
}
