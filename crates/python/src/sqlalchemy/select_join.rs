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
    if let Some(item) = core_from(target) {
        let (s, right, on) = if name == "join_from" {
            let Some(right) = a.pos.get(1).and_then(core_from) else {
                return Err(super::unsupported(
                    i,
                    "join_from() of a table and this object",
                ));
            };
            let Some(s) = s.select_from_item(item) else {
                return Err(super::unsupported(i, "Query.join_from() of a Table"));
            };
            (s, right, a.pos.get(2))
        } else {
            (s, item, a.pos.get(1))
        };
        let on = match on {
            Some(v) => Some(operand(b, i, v, None)?),
            None => None,
        };
        let full =
            a.kw.iter()
                .any(|(k, v)| k == "full" && matches!(v, Value::Bool(true)));
        return s
            .join_item(right, on, outer)
            .map(|s| if full { s.full_last_join() } else { s })
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

/// The Core FROM item a value stands for: a `Table`, an alias of one, a subquery or a CTE.
pub(super) fn core_from(v: &Value) -> Option<sql::FromItem> {
    if let Some(t) = native::<super::table::TableObj>(v) {
        return Some(sql::FromItem::Table(t.table.clone()));
    }
    super::subquery::from_item_of(v)
}
