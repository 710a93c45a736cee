//! `Base.registry`: the declarative base's `registry` (its `metadata`, and `mappers`, the
//! frozenset of the mappers of the classes mapped on the base).

use super::{Bridge, obj};
use crate::PyResult;
use crate::class::Class;
use crate::interp::Interpreter;
use crate::modules::NativeObject;
use crate::value::Value;
use std::any::Any;
use std::rc::{Rc, Weak};

/// `Base.registry`.
pub struct RegistryObj {
    pub(super) bridge: Weak<Bridge>,
    pub(super) base: Weak<Class>,
    pub(super) metadata: Value,
}

impl NativeObject for RegistryObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.decl_api",
            &self.type_name(),
        ))
    }
    fn type_name(&self) -> String {
        "registry".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.decl_api.registry object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "metadata" => Some(self.metadata.clone()),
            "mappers" => {
                let (Some(b), Some(base)) = (self.bridge.upgrade(), self.base.upgrade()) else {
                    return Ok(Some(obj(MapperSet(Vec::new()))));
                };
                let mut mapped: Vec<super::Mapped> = b
                    .mapped
                    .borrow()
                    .values()
                    .filter(|m| !Rc::ptr_eq(&m.class, &base) && m.class.is_subclass_of(&base))
                    .cloned()
                    .collect();
                // Set order is the hash's in SQLAlchemy; by class name here.
                mapped.sort_by(|x, y| x.mapper.class_name().cmp(y.mapper.class_name()));
                let weak = Rc::downgrade(&b);
                let mappers = mapped
                    .iter()
                    .map(|m| super::inspect::mapper_value(m, weak.clone()))
                    .collect();
                Some(obj(MapperSet(mappers)))
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `registry.mappers`: a frozenset of mappers.
struct MapperSet(Vec<Value>);

impl NativeObject for MapperSet {
    fn type_name(&self) -> String {
        "frozenset".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        if self.0.is_empty() {
            return Ok("frozenset()".into());
        }
        let mut parts = Vec::with_capacity(self.0.len());
        for m in &self.0 {
            parts.push(i.repr(m)?);
        }
        Ok(format!("frozenset({{{}}})", parts.join(", ")))
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.0.clone()))
    }
    fn len(&self) -> Option<usize> {
        Some(self.0.len())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
