//! `synonym("name")`: a second name for a mapped attribute. On an instance it reads and
//! writes the attribute it names; on the class it is that attribute (`Interval.begin > 2`
//! is `Interval.start > 2`), so the constructor, queries and filters accept it.

use crate::function::{Args, NativeFunction};
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// `sqlalchemy.orm.synonym`.
pub fn function() -> Value {
    NativeFunction::value("synonym", |i, mut a: Args| {
        let name = match a.pos.first().cloned().or_else(|| a.take_kw("name")) {
            Some(Value::Str(s)) => s.to_string(),
            _ => {
                return Err(
                    i.type_error("synonym() missing 1 required positional argument: 'name'")
                );
            }
        };
        if let Some((k, _)) = a.kw.iter().find(|(k, _)| k != "doc" && k != "info") {
            return Err(super::unsupported(i, &format!("synonym(..., {k}=...)")));
        }
        Ok(Value::Object(Rc::new(Synonym { name })))
    })
}

/// A `synonym()` in a class body.
struct Synonym {
    name: String,
}

impl NativeObject for Synonym {
    fn type_name(&self) -> String {
        "Synonym".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.descriptor_props.Synonym object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        owner: &Value,
    ) -> Option<PyResult<Value>> {
        Some(match instance {
            Some(v) => i.getattr(v, &self.name),
            None => i.getattr(owner, &self.name),
        })
    }
    fn descr_set(
        &self,
        i: &mut Interpreter,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        Some(i.setattr(instance, &self.name, value))
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
