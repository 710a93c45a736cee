//! Free functions of `sqlalchemy.orm` acting on instances: `make_transient`,
//! `make_transient_to_detached`, `with_parent`.

use super::Bridge;
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

fn instance_arg(b: &Rc<Bridge>, i: &mut Interpreter, a: &Args, what: &str) -> PyResult<Value> {
    match a.pos.first() {
        Some(v @ Value::Instance(inst)) if b.mapped_class_of(&inst.class).is_some() => {
            Ok(v.clone())
        }
        Some(other) => {
            let shown = match other {
                Value::Instance(inst) => format!("__main__.{}", inst.class.name),
                o => format!("builtins.{}", o.type_name()),
            };
            Err(b.error(
                i,
                "UnmappedInstanceError",
                &format!("Class '{shown}' is not mapped"),
            ))
        }
        None => Err(i.type_error(format!(
            "{what}() missing 1 required positional argument: 'instance'"
        ))),
    }
}

/// `make_transient(obj)`: out of its session (if any), no identity, not deleted.
pub fn make_transient(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let v = instance_arg(b, i, &a, "make_transient")?;
    let id = b.ensure_state(i, &v)?;
    if let Some(s) = b.session_of(id) {
        s.borrow_mut().expunge(id).map_err(|e| b.raise(i, e))?;
    }
    b.store
        .borrow_mut()
        .make_transient(id)
        .map_err(|e| b.raise(i, e))?;
    b.was_deleted.borrow_mut().remove(&id.0);
    Ok(Value::None)
}

/// `make_transient_to_detached(obj)`: a transient object as if loaded and then detached.
pub fn make_transient_to_detached(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let v = instance_arg(b, i, &a, "make_transient_to_detached")?;
    let id = b.ensure_state(i, &v)?;
    if b.session_of(id).is_some() {
        return Err(b.error(i, "InvalidRequestError", "Given object must be transient"));
    }
    b.store
        .borrow_mut()
        .make_transient_to_detached(id)
        .map_err(|e| b.raise(i, e))?;
    Ok(Value::None)
}

/// `with_parent(instance, Class.relationship)`: the criterion selecting the objects related
/// to `instance` through that relationship (`:param_1 = address.user_id`).
pub fn with_parent(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let parent = instance_arg(b, i, &a, "with_parent")?;
    let Some(attr) = a
        .pos
        .get(1)
        .and_then(super::native::<super::instrument::Attribute>)
    else {
        return Err(super::unsupported(
            i,
            "with_parent() with a property given by name",
        ));
    };
    b.configure_pending(i)?;
    let Some(rel) = attr.mapper.relationship(&attr.key) else {
        return Err(b.error(
            i,
            "ArgumentError",
            &format!(
                "Expected relationship property for with_parent(), got {}.{}",
                attr.mapper.class_name(),
                attr.key
            ),
        ));
    };
    if rel.target.upgrade().is_none() {
        return Err(super::unsupported(i, "with_parent() of this relationship"));
    }
    if rel.direction == retort::relationship::Direction::ManyToMany {
        return Err(super::unsupported(
            i,
            "with_parent() of a many-to-many relationship",
        ));
    }
    let id = b.ensure_state(i, &parent)?;
    // The key the criterion compares with is read (and loaded when expired) first.
    let key = match rel.direction {
        retort::relationship::Direction::ManyToOne => &rel.fk,
        _ => &rel.referred,
    };
    b.get_value(i, id, key)?;
    let e =
        retort::query::with_parent(&b.store.borrow(), id, &attr.key).map_err(|e| b.raise(i, e))?;
    Ok(super::expr::ex(b, e))
}
