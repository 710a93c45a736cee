//! `User.addresses.property`: the mapped property behind an instrumented attribute, with
//! its `cascade` (SQLAlchemy's `CascadeOptions`), `backref`, `order_by` and relationship
//! details.

use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// `User.addresses.property`: the mapped property (`str()` is `User.addresses`).
pub struct Property {
    pub(super) name: String,
    pub(super) column: bool,
    pub(super) cascade: Option<String>,
    /// `backref=` and `order_by=` as given.
    pub(super) info: Option<(Value, Option<Value>)>,
    /// The ORM relationship (configured), for a relationship.
    pub(super) rel: Option<retort::relationship::Relationship>,
    /// `property.columns` of a column property.
    pub(super) columns: Option<Value>,
}

/// SQLAlchemy's `CascadeOptions` text: the cascade's words, `all` expanded, sorted.
fn cascade_options(text: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for w in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        match w {
            "all" => words.extend([
                "save-update",
                "merge",
                "refresh-expire",
                "expunge",
                "delete",
            ]),
            "none" => {}
            other => words.push(other),
        }
    }
    words.sort_unstable();
    words.dedup();
    format!("CascadeOptions('{}')", words.join(","))
}

/// The value of `property.cascade`.
struct Cascade(String);

impl NativeObject for Cascade {
    fn type_name(&self) -> String {
        "CascadeOptions".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.0.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl NativeObject for Property {
    fn type_name(&self) -> String {
        if self.column {
            "ColumnProperty"
        } else {
            "Relationship"
        }
        .into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<{} at 0x{:x}; {}>",
            self.type_name(),
            self as *const Self as usize,
            self.name
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.name.clone())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match (name, &self.cascade) {
            ("cascade", Some(c)) => Some(Value::Object(Rc::new(Cascade(cascade_options(c))))),
            ("key", _) => self.name.split('.').nth(1).map(Value::str),
            ("columns", _) => self.columns.clone(),
            ("uselist", _) => self.rel.as_ref().map(|r| Value::Bool(r.uselist)),
            ("post_update", _) => self.rel.as_ref().map(|r| Value::Bool(r.post_update)),
            ("back_populates", _) => self
                .rel
                .as_ref()
                .map(|r| r.back_populates.as_deref().map_or(Value::None, Value::str)),
            ("backref", _) => self.info.as_ref().map(|(b, _)| b.clone()),
            ("order_by", _) => self.info.as_ref().map(|(_, o)| match o {
                None => Value::Bool(false),
                Some(Value::List(l)) => Value::tuple(l.borrow().clone()),
                Some(t @ Value::Tuple(_)) => t.clone(),
                Some(v) => Value::tuple(vec![v.clone()]),
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
