//! `relationship(lazy="dynamic")`: reading the attribute gives an `AppenderQuery`, a legacy
//! `Query` of the related class filtered to the parent's rows (`filter`, `order_by`, `count`,
//! `all`, `first`, iteration, ...) that also takes `append()` / `remove()` / `extend()`,
//! which change the collection as a plain relationship's would (flushed with the session).

use super::expr::ex;
use super::select::GENERATIVE;
use super::{Bridge, method, to_sql};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::relationship::{Direction, Relationship};
use retort::session::ObjectId;
use retort::sql::{Expr, FromItem};
use std::any::Any;
use std::rc::Rc;

/// `parent.rel` of a `lazy="dynamic"` relationship: the query and the collection it stands
/// for.
pub struct AppenderQuery {
    bridge: Rc<Bridge>,
    parent: ObjectId,
    rel: Relationship,
    /// The parent's Python instance (kept alive while the query is).
    owner: Value,
    /// The legacy `Query` it runs, built when first used (reading the attribute, or
    /// appending to it, loads nothing: the parent's key is read when the query runs).
    query: std::cell::RefCell<Option<Value>>,
}

/// What selects the rows of `rel`'s collection of `parent`: the target class, the WHERE
/// criteria (`? = child.fk`, or through the association table
/// `? = secondary.parent_fk AND target.key = secondary.target_fk`, written as SQLAlchemy's
/// lazy clause) and the relationship's `order_by=`. `what` names the construct in errors.
///
/// # Failure
/// `NotImplementedError` for an object outside a session, an unmapped target or a
/// many-to-one relationship.
pub(super) fn collection_criteria(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    parent: ObjectId,
    rel: &Relationship,
    what: &str,
) -> PyResult<(super::Mapped, Vec<Expr>, Vec<Expr>)> {
    let target = rel.target().map_err(|e| b.raise(i, e))?;
    let Some(mapped) = b.mapped(target.class_name()) else {
        return Err(super::unsupported(
            i,
            &format!("a {what} relationship to an unmapped class"),
        ));
    };
    let parent_value = b.get_value(i, parent, &rel.referred)?;
    let parent_key = to_sql(i, &parent_value)?;
    let bind = Expr::Bind {
        value: parent_key,
        key: None,
    };
    let target_from = FromItem::Table(Rc::clone(target.table()));
    let criteria = (|| -> retort::Result<Vec<Expr>> {
        Ok(match (rel.direction, &rel.secondary) {
            (Direction::OneToMany, _) => vec![bind.eq(target_from.c(&rel.fk)?)],
            (Direction::ManyToMany, Some(sec)) => {
                let link = FromItem::Table(Rc::clone(&sec.table));
                vec![
                    bind.eq(link.c(&sec.parent_fk)?),
                    target_from
                        .c(&sec.target_referred)?
                        .eq(link.c(&sec.target_fk)?),
                ]
            }
            _ => Vec::new(),
        })
    })()
    .map_err(|e| b.raise(i, e))?;
    if criteria.is_empty() {
        return Err(super::unsupported(
            i,
            &format!("{what} on a many-to-one relationship"),
        ));
    }
    let order = rel.order_by_exprs(&target_from);
    Ok((mapped, criteria, order))
}

/// The `AppenderQuery` of `rel` of `parent` (`owner` in Python).
///
/// # Failure
/// `NotImplementedError` for an object outside a session.
pub fn appender(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    parent: ObjectId,
    rel: &Relationship,
    owner: &Value,
) -> PyResult<Value> {
    if b.session_of(parent).is_none() {
        return Err(super::unsupported(
            i,
            "a lazy=\"dynamic\" relationship of an object outside a session",
        ));
    }
    Ok(Value::Object(Rc::new(AppenderQuery {
        bridge: b.clone(),
        parent,
        rel: rel.clone(),
        owner: owner.clone(),
        query: std::cell::RefCell::new(None),
    })))
}

impl AppenderQuery {
    /// The legacy `Query` of the collection's rows: `session.query(Target)` filtered to the
    /// parent's rows, ordered by the relationship's `order_by=`.
    fn query(&self, i: &mut Interpreter) -> PyResult<Value> {
        if let Some(q) = self.query.borrow().as_ref() {
            return Ok(q.clone());
        }
        let b = &self.bridge;
        let Some(session) = b.session_of(self.parent) else {
            return Err(super::unsupported(
                i,
                "a lazy=\"dynamic\" relationship of an object outside a session",
            ));
        };
        let (mapped, criteria, order) =
            collection_criteria(b, i, self.parent, &self.rel, "lazy=\"dynamic\"")?;
        let mut query = super::query::query(
            b,
            i,
            &session,
            Args::positional(vec![Value::Class(mapped.class.clone())]),
        )?;
        for criterion in criteria {
            let filter = i.getattr(&query, "filter")?;
            query = i.call(&filter, Args::positional(vec![ex(b, criterion)]))?;
        }
        // The relationship's `order_by=` comes first; the query's own `order_by()` follows.
        let order: Vec<Value> = order.into_iter().map(|e| ex(b, e)).collect();
        if !order.is_empty() {
            let order_by = i.getattr(&query, "order_by")?;
            query = i.call(&order_by, Args::positional(order))?;
        }
        *self.query.borrow_mut() = Some(query.clone());
        Ok(query)
    }

    fn with_query(&self, query: Value) -> Value {
        Value::Object(Rc::new(AppenderQuery {
            bridge: self.bridge.clone(),
            parent: self.parent,
            rel: self.rel.clone(),
            owner: self.owner.clone(),
            query: std::cell::RefCell::new(Some(query)),
        }))
    }
}

/// What a method of a dynamic or write-only collection does to it.
#[derive(Clone, Copy)]
pub(super) enum Mutation {
    /// `append(obj)` / `add(obj)`.
    Append,
    /// `extend(objs)` / `add_all(objs)`.
    Extend,
    /// `remove(obj)`.
    Remove,
}

/// The method `name` of `parent.key` doing `op` (returning None).
pub(super) fn mutator(
    b: &Rc<Bridge>,
    parent: ObjectId,
    key: &str,
    name: &str,
    op: Mutation,
) -> Option<Value> {
    let (b, key) = (b.clone(), key.to_owned());
    method(name, move |i, a: Args| {
        let arg = a.pos.first().cloned().unwrap_or(Value::None);
        match op {
            Mutation::Append => b.append(i, parent, &key, &arg)?,
            Mutation::Extend => {
                for item in &i.iterate(&arg)? {
                    b.append(i, parent, &key, item)?;
                }
            }
            Mutation::Remove => b.remove(i, parent, &key, &arg)?,
        }
        Ok(Value::None)
    })
}

impl NativeObject for AppenderQuery {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.dynamic",
            "AppenderQuery",
        ))
    }
    fn type_name(&self) -> String {
        "AppenderQuery".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        let q = self.query(i)?;
        let r = i.repr(&q)?;
        Ok(r.replace(
            "sqlalchemy.orm.query.Query",
            "sqlalchemy.orm.dynamic.AppenderQuery",
        ))
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        let q = self.query(i)?;
        i.to_str(&q)
    }
    fn iterate(&self, i: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(self.query(i).and_then(|q| i.iterate(&q)))
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        Some(self.query(i).and_then(|q| i.get_item(&q, key)))
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let (b, parent, key) = (self.bridge.clone(), self.parent, self.rel.name.clone());
        Ok(match name {
            "append" => mutator(&b, parent, &key, name, Mutation::Append),
            "extend" => mutator(&b, parent, &key, name, Mutation::Extend),
            "remove" => mutator(&b, parent, &key, name, Mutation::Remove),
            _ if GENERATIVE.contains(&name) => {
                let q = self.query(i)?;
                let inner = i.getattr(&q, name)?;
                let this = this.clone();
                method(name, move |i, a: Args| {
                    let next = i.call(&inner, a)?;
                    match super::native::<AppenderQuery>(&this) {
                        Some(q) => Ok(q.with_query(next)),
                        None => Ok(next),
                    }
                })
            }
            _ => {
                let q = self.query(i)?;
                Some(i.getattr(&q, name)?)
            }
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
