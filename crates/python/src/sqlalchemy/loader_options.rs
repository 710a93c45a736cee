//! Loader options for `.options(...)` of `select()` and `session.query()`: `selectinload()`,
//! `subqueryload()` (of a one-to-many relationship, first on its path),
//! `joinedload(..., innerjoin=True)`, `lazyload()`, `raiseload(..., sql_only=True)`,
//! `noload()`, `contains_eager()` and `defaultload()`, each taking a relationship attribute
//! (`User.addresses`) and chaining further along a path
//! (`selectinload(User.addresses).joinedload(Address.keywords)`), as
//! `retort::query::LoaderOption`s.

use super::instrument::{Attribute, Kind};
use super::{Bridge, method, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::query::{LoaderOption, Strategy};
use std::any::Any;
use std::rc::Rc;

/// The loader option functions of `sqlalchemy.orm`.
pub const OPTIONS: &[&str] = &[
    "selectinload",
    "subqueryload",
    "joinedload",
    "lazyload",
    "raiseload",
    "noload",
    "immediateload",
    "contains_eager",
    "defaultload",
];

/// A loader option object (`sqlalchemy.orm.strategy_options._AbstractLoad`).
pub struct LoadObj {
    /// The bridge (for SQLAlchemy's exception classes).
    pub bridge: Rc<Bridge>,
    /// The option.
    pub option: LoaderOption,
    /// The class its path leads to (where a chained step must start).
    pub target: Option<String>,
}

/// The strategy option function `name` means, with its keyword arguments.
fn strategy(i: &mut Interpreter, name: &str, a: &mut Args) -> PyResult<Strategy> {
    let mut flag = |i: &mut Interpreter, key: &str| -> PyResult<bool> {
        match a.take_kw(key) {
            Some(v) => i.truthy(&v),
            None => Ok(false),
        }
    };
    Ok(match name {
        "selectinload" => Strategy::Selectin,
        "subqueryload" => Strategy::Subquery,
        "joinedload" => Strategy::Joined {
            innerjoin: flag(i, "innerjoin")?,
        },
        "lazyload" => Strategy::Select,
        "raiseload" => Strategy::Raise {
            sql_only: flag(i, "sql_only")?,
        },
        "noload" => Strategy::NoLoad,
        "immediateload" => Strategy::Immediate,
        "contains_eager" => Strategy::ContainsEager,
        "defaultload" => Strategy::Default,
        other => {
            return Err(super::unsupported(
                i,
                &format!("the loader option {other}()"),
            ));
        }
    })
}

/// The relationship attribute an option names: (class, relationship, related class, the
/// alias of `of_type()`).
type Named = (
    String,
    String,
    Option<String>,
    Option<retort::query::Entity>,
);

fn relationship_of(i: &mut Interpreter, name: &str, a: &Args) -> PyResult<Named> {
    if let [Value::Str(w)] = a.pos.as_slice()
        && &**w == retort::query::options::WILDCARD
    {
        let w = retort::query::options::WILDCARD.to_owned();
        return Ok((w.clone(), w, None, None));
    }
    if let [v] = a.pos.as_slice()
        && let Some(o) = native::<super::subquery::OfType>(v)
    {
        return Ok((
            o.parent.mapper.class_name().to_owned(),
            o.key.clone(),
            Some(o.target.mapper.class_name().to_owned()),
            Some(o.target.clone()),
        ));
    }
    let (class, rel, target) = attribute_of(i, name, a)?;
    Ok((class, rel, target, None))
}

fn attribute_of(
    i: &mut Interpreter,
    name: &str,
    a: &Args,
) -> PyResult<(String, String, Option<String>)> {
    match a.pos.as_slice() {
        [v] => match native::<Attribute>(v) {
            Some(attr) if attr.kind == Kind::Relationship => Ok((
                attr.mapper.class_name().to_owned(),
                attr.key.clone(),
                attr.mapper
                    .relationship(&attr.key)
                    .and_then(|r| r.target().ok())
                    .map(|m| m.class_name().to_owned()),
            )),
            Some(attr) => Err(super::unsupported(
                i,
                &format!(
                    "{name}() of the column attribute {}.{}",
                    attr.mapper.class_name(),
                    attr.key
                ),
            )),
            None => Err(super::unsupported(
                i,
                &format!("{name}() of anything but one relationship attribute"),
            )),
        },
        _ => Err(super::unsupported(
            i,
            &format!("{name}() of anything but one relationship attribute"),
        )),
    }
}

/// `selectinload(User.addresses)` and the other option functions.
pub fn option_function(
    b: &Rc<Bridge>,
    name: &'static str,
) -> impl Fn(&mut Interpreter, Args) -> PyResult<Value> + 'static {
    let bridge = b.clone();
    move |i, mut a| {
        let s = strategy(i, name, &mut a)?;
        let (class, rel, target, alias) = relationship_of(i, name, &a)?;
        let mut option = LoaderOption::new(&class, &rel, s);
        if let Some(alias) = alias {
            option = option.of_type(alias);
        }
        Ok(obj(LoadObj {
            bridge: bridge.clone(),
            option,
            target,
        }))
    }
}

/// The options of `.options(opt, ...)`.
///
/// # Failure
/// `NotImplementedError` for an argument that is not a loader option.
pub fn collect(
    i: &mut Interpreter,
    a: &Args,
) -> PyResult<(Vec<LoaderOption>, Vec<retort::query::ColumnOption>)> {
    let mut out = Vec::with_capacity(a.pos.len());
    let mut columns = Vec::new();
    for v in &a.pos {
        if let Some(c) = native::<super::column_options::ColumnOptObj>(v) {
            columns.extend(c.options.iter().cloned());
            continue;
        }
        match native::<LoadObj>(v) {
            Some(l) => out.push(l.option.clone()),
            None => {
                return Err(super::unsupported(
                    i,
                    "loader options other than selectinload(), subqueryload(), joinedload(), lazyload(), raiseload(), noload(), contains_eager(), defaultload(), load_only(), defer() and undefer()",
                ));
            }
        }
    }
    Ok((out, columns))
}

impl NativeObject for LoadObj {
    fn type_name(&self) -> String {
        "_AbstractLoad".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.strategy_options._AbstractLoad object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let Some(&fname) = OPTIONS.iter().find(|n| **n == name) else {
            return Ok(None);
        };
        let option = self.option.clone();
        let expected = self.target.clone();
        let bridge = self.bridge.clone();
        Ok(method(name, move |i: &mut Interpreter, mut a: Args| {
            let s = strategy(i, fname, &mut a)?;
            let (class, rel, target, alias) = relationship_of(i, fname, &a)?;
            if let Some(last) = option.last()
                && class != retort::query::options::WILDCARD
                && expected.as_deref().is_some_and(|e| e != class)
            {
                return Err(bridge.error(
                    i,
                    "ArgumentError",
                    &format!(
                        "ORM mapped entity or attribute \"{class}.{rel}\" does not link from \
                         relationship \"{}.{}\".",
                        last.parent, last.rel
                    ),
                ));
            }
            let mut next = option.clone().then(&class, &rel, s);
            if let Some(alias) = alias {
                next = next.of_type(alias);
            }
            Ok(obj(LoadObj {
                bridge: bridge.clone(),
                option: next,
                target,
            }))
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Registers the option functions in `sqlalchemy.orm`.
pub fn register(b: &Rc<Bridge>, set: &mut dyn FnMut(&str, Value)) {
    for &name in OPTIONS {
        set(
            name,
            crate::NativeFunction::value(name, option_function(b, name)),
        );
    }
}
