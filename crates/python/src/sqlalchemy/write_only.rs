//! `WriteOnlyMapped[...]` / `relationship(lazy="write_only")`: reading the attribute gives a
//! `WriteOnlyCollection`, SQLAlchemy 2.0's collection for large sets of rows, which is never
//! loaded: `add()`, `add_all()` and `remove()` change it (flushed with the session, without
//! a SELECT), and `select()`, `insert()`, `update()` and `delete()` build statements limited
//! to the parent's rows, for the session to execute.

use super::dynamic::{Mutation, collection_criteria, mutator};
use super::expr::ex;
use super::{Bridge, method};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::relationship::{Direction, Relationship};
use retort::session::ObjectId;
use std::any::Any;
use std::rc::Rc;

/// `parent.rel` of a write-only relationship.
pub struct WriteOnlyCollection {
    bridge: Rc<Bridge>,
    parent: ObjectId,
    rel: Relationship,
    /// The parent's Python instance (kept alive while the collection is).
    _owner: Value,
}

/// The `WriteOnlyCollection` of `rel` of `parent` (`owner` in Python).
pub fn collection(b: &Rc<Bridge>, parent: ObjectId, rel: &Relationship, owner: &Value) -> Value {
    Value::Object(Rc::new(WriteOnlyCollection {
        bridge: b.clone(),
        parent,
        rel: rel.clone(),
        _owner: owner.clone(),
    }))
}

/// SQLAlchemy's message for iterating a write-only collection.
const NO_ITERATION: &str = "WriteOnly collections don't support iteration in-place; to query for collection items, use the select() method to produce a SQL statement and execute it with session.scalars().";

impl WriteOnlyCollection {
    /// `coll.select()`: `select(Target).where(<the parent's rows>).order_by(<order_by=>)`.
    fn select(&self, i: &mut Interpreter) -> PyResult<Value> {
        let b = &self.bridge;
        let (mapped, criteria, order) =
            collection_criteria(b, i, self.parent, &self.rel, "write-only")?;
        let mut stmt = super::select::select(
            b,
            i,
            Args::positional(vec![Value::Class(mapped.class.clone())]),
        )?;
        let criteria: Vec<Value> = criteria.into_iter().map(|e| ex(b, e)).collect();
        let where_ = i.getattr(&stmt, "where")?;
        stmt = i.call(&where_, Args::positional(criteria))?;
        if !order.is_empty() {
            let order: Vec<Value> = order.into_iter().map(|e| ex(b, e)).collect();
            let order_by = i.getattr(&stmt, "order_by")?;
            stmt = i.call(&order_by, Args::positional(order))?;
        }
        Ok(stmt)
    }

    /// `coll.insert()` / `update()` / `delete()` of a one-to-many collection: the statement
    /// on the target class, an INSERT giving the foreign key its parent's value, the others
    /// limited to the parent's rows.
    fn dml(&self, i: &mut Interpreter, kind: &str) -> PyResult<Value> {
        let b = &self.bridge;
        if self.rel.direction != Direction::OneToMany {
            return Err(b.error(
                i,
                "InvalidRequestError",
                &format!(
                    "Write only bulk {} only supported for one-to-many collections; for many-to-many, use a separate bulk {} along with add_all().",
                    kind.to_uppercase(),
                    kind.to_uppercase()
                ),
            ));
        }
        let (mapped, criteria, _) =
            collection_criteria(b, i, self.parent, &self.rel, "write-only")?;
        let stmt = super::modules::dml(
            b,
            i,
            &Args::positional(vec![Value::Class(mapped.class.clone())]),
            kind,
        )?;
        if kind == "insert" {
            let key = b.get_value(i, self.parent, &self.rel.referred)?;
            let values = i.getattr(&stmt, "values")?;
            let mut a = Args::default();
            a.kw.push((self.rel.fk.clone(), key));
            return i.call(&values, a);
        }
        let criteria: Vec<Value> = criteria.into_iter().map(|e| ex(b, e)).collect();
        let where_ = i.getattr(&stmt, "where")?;
        i.call(&where_, Args::positional(criteria))
    }
}

impl NativeObject for WriteOnlyCollection {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.writeonly",
            "WriteOnlyCollection",
        ))
    }
    fn type_name(&self) -> String {
        "WriteOnlyCollection".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.writeonly.WriteOnlyCollection object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn iterate(&self, i: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Err(i.type_error(NO_ITERATION)))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let (b, parent, key) = (self.bridge.clone(), self.parent, self.rel.name.clone());
        let this = this.clone();
        Ok(match name {
            "add" => mutator(&b, parent, &key, name, Mutation::Append),
            "add_all" => mutator(&b, parent, &key, name, Mutation::Extend),
            "remove" => mutator(&b, parent, &key, name, Mutation::Remove),
            "select" | "insert" | "update" | "delete" => {
                let kind = name.to_owned();
                method(name, move |i, _: Args| {
                    let Some(coll) = super::native::<WriteOnlyCollection>(&this) else {
                        return Ok(Value::None);
                    };
                    match kind.as_str() {
                        "select" => coll.select(i),
                        other => coll.dml(i, other),
                    }
                })
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
