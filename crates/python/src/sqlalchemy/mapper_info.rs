//! `inspect(User)`'s details: `mapper.columns`, `mapper.attrs`, `mapper.column_attrs`,
//! `mapper.relationships` (with each relationship's `direction` and `mapper`) and
//! `mapper.primary_key`, as SQLAlchemy's `Mapper` exposes them.

use super::{Bridge, Mapped, method, obj};
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::relationship::{Direction, Relationship};
use std::any::Any;
use std::rc::Rc;

/// The attributes `inspect(User)` has beyond `class_` and `local_table`.
pub fn mapper_attr(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    m: &Mapped,
    name: &str,
) -> PyResult<Option<Value>> {
    let table = m.class.lookup("__table__").unwrap_or(Value::None);
    Ok(match name {
        "columns" | "c" => Some(i.getattr(&table, "c")?),
        "primary_key" => {
            let c = i.getattr(&table, "c")?;
            let mut pk = Vec::new();
            for &at in m.mapper.pk() {
                if let Some(col) = m.mapper.table().columns().get(at) {
                    pk.push(i.getattr(&c, &col.name)?);
                }
            }
            Some(Value::tuple(pk))
        }
        "attrs" | "column_attrs" | "relationships" => {
            let c = i.getattr(&table, "c")?;
            let mut props = Vec::new();
            if name != "column_attrs" {
                for rel in m.mapper.all_relationships() {
                    props.push((rel.name.clone(), rel_prop(b, &rel)));
                }
            }
            if name != "relationships" {
                for col in m.mapper.table().columns() {
                    props.push((col.name.clone(), i.getattr(&c, &col.name)?));
                }
            }
            Some(obj(Props(props)))
        }
        "entity" => Some(Value::Class(m.class.clone())),
        "tables" => Some(Value::list(vec![table.clone()])),
        _ => return super::inheritance::mapper_attr(b, i, m, name),
    })
}

fn rel_prop(b: &Rc<Bridge>, rel: &Relationship) -> Value {
    let target = rel
        .target
        .upgrade()
        .and_then(|t| b.mapped_class_of_name(t.class_name()));
    obj(RelProp {
        rel: rel.clone(),
        target,
        bridge: Rc::downgrade(b),
    })
}

/// `mapper.attrs` and friends: properties by name, in order.
struct Props(Vec<(String, Value)>);

impl NativeObject for Props {
    fn type_name(&self) -> String {
        "ReadOnlyProperties".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.util._collections.ReadOnlyProperties object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.0.iter().map(|(_, v)| v.clone()).collect()))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let names: Vec<Value> = self.0.iter().map(|(n, _)| Value::str(n)).collect();
        let values: Vec<Value> = self.0.iter().map(|(_, v)| v.clone()).collect();
        Ok(match name {
            "keys" => method(name, move |_, _| Ok(Value::list(names.clone()))),
            "values" => method(name, move |_, _| Ok(Value::list(values.clone()))),
            _ => self
                .0
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone()),
        })
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        let Value::Str(k) = key else { return None };
        Some(
            self.0
                .iter()
                .find(|(n, _)| **n == **k)
                .map(|(_, v)| v.clone())
                .ok_or_else(|| i.exc("KeyError", crate::format::str_repr(k))),
        )
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `mapper.relationships.addresses`: a `RelationshipProperty`.
struct RelProp {
    rel: Relationship,
    target: Option<Mapped>,
    bridge: std::rc::Weak<Bridge>,
}

impl NativeObject for RelProp {
    fn type_name(&self) -> String {
        "_RelationshipDeclared".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.rel.name.clone())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "key" => Some(Value::str(&self.rel.name)),
            "uselist" => Some(Value::Bool(self.rel.uselist)),
            "direction" => Some(obj(DirectionObj(self.rel.direction))),
            "mapper" | "entity" => self
                .target
                .clone()
                .map(|m| super::inspect::mapper_value(&m, self.bridge.clone())),
            "back_populates" => Some(
                self.rel
                    .back_populates
                    .as_deref()
                    .map_or(Value::None, Value::str),
            ),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `RelationshipDirection.ONETOMANY` etc.
struct DirectionObj(Direction);

impl NativeObject for DirectionObj {
    fn type_name(&self) -> String {
        "RelationshipDirection".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        let (name, n) = match self.0 {
            Direction::OneToMany => ("ONETOMANY", 1),
            Direction::ManyToOne => ("MANYTOONE", 2),
            Direction::ManyToMany => ("MANYTOMANY", 3),
        };
        let _ = n;
        Ok(format!("<RelationshipDirection.{name}: {n}>"))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(match self.0 {
            Direction::OneToMany => "RelationshipDirection.ONETOMANY",
            Direction::ManyToOne => "RelationshipDirection.MANYTOONE",
            Direction::ManyToMany => "RelationshipDirection.MANYTOMANY",
        }
        .into())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
