//! Column loading options of `sqlalchemy.orm`: `load_only(User.name, ...)`,
//! `defer(User.fullname)`, `defer(User.fullname, raiseload=True)` and `undefer(User.bio)`,
//! as `retort::query::ColumnOption`s given to `.options(...)` with the loader options.

use super::instrument::{Attribute, Kind};
use super::{Bridge, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::query::{ColumnLoad, ColumnOption};
use std::any::Any;
use std::rc::Rc;

/// A column option object (`sqlalchemy.orm.strategy_options._AbstractLoad`).
pub struct ColumnOptObj {
    /// The options it stands for (one per class).
    pub options: Vec<ColumnOption>,
}

/// The column attributes an option names: (class, attribute).
fn columns(i: &mut Interpreter, name: &str, a: &Args) -> PyResult<Vec<(String, String)>> {
    let mut out = Vec::with_capacity(a.pos.len());
    for v in &a.pos {
        match native::<Attribute>(v) {
            Some(attr) if attr.kind == Kind::Column => {
                out.push((attr.mapper.class_name().to_owned(), attr.key.clone()));
            }
            _ => {
                return Err(super::unsupported(
                    i,
                    &format!("{name}() of anything but column attributes (User.name)"),
                ));
            }
        }
    }
    Ok(out)
}

fn option(i: &mut Interpreter, name: &str, mut a: Args) -> PyResult<Value> {
    let raiseload = match a.take_kw("raiseload") {
        Some(v) => i.truthy(&v)?,
        None => false,
    };
    if let Some((k, _)) = a.kw.first() {
        return Err(super::unsupported(i, &format!("{name}({k}=...)")));
    }
    let cols = columns(i, name, &a)?;
    let options = match name {
        "load_only" => {
            let mut by_class: Vec<ColumnOption> = Vec::new();
            for (class, key) in cols {
                match by_class.iter_mut().find(|o| o.class == class) {
                    Some(ColumnOption {
                        load: ColumnLoad::LoadOnly(keys),
                        ..
                    }) => keys.push(key),
                    _ => by_class.push(ColumnOption {
                        class,
                        load: ColumnLoad::LoadOnly(vec![key]),
                    }),
                }
            }
            by_class
        }
        "defer" => cols
            .into_iter()
            .map(|(class, attr)| ColumnOption {
                class,
                load: ColumnLoad::Defer { attr, raiseload },
            })
            .collect(),
        _ => cols
            .into_iter()
            .map(|(class, attr)| ColumnOption {
                class,
                load: ColumnLoad::Undefer(attr),
            })
            .collect(),
    };
    Ok(obj(ColumnOptObj { options }))
}

impl NativeObject for ColumnOptObj {
    fn type_name(&self) -> String {
        "_AbstractLoad".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.strategy_options._AbstractLoad object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Registers `load_only`, `defer` and `undefer` in `sqlalchemy.orm`.
pub fn register(_b: &Rc<Bridge>, set: &mut dyn FnMut(&str, Value)) {
    for name in ["load_only", "defer", "undefer"] {
        set(
            name,
            crate::NativeFunction::value(name, move |i, a| option(i, name, a)),
        );
    }
}

/// Defers in `mapper` the columns declared `mapped_column(deferred=True)` /
/// `deferred(Column(...))` among a class's column `specs` (attribute, spec).
///
/// # Failure
/// SQLAlchemy's exception for a column the mapper lacks.
pub fn defer_mapped(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    mapper: &retort::mapper::Mapper,
    specs: &[(String, Value)],
) -> PyResult<()> {
    for (_, spec) in specs {
        if let Some(s) = native::<super::schema::ColumnSpec>(spec)
            && s.deferred.get()
        {
            let column = s.column.borrow().name.clone();
            mapper.defer_column(&column).map_err(|e| b.raise(i, e))?;
        }
    }
    Ok(())
}
