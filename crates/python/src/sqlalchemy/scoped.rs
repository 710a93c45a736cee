//! `scoped_session(session_factory)`: a registry holding one session (Retort runs one
//! thread, so one scope). Calling it returns that session, making it on first use;
//! `remove()` closes and forgets it; any other attribute (`add`, `commit`, `query`,
//! `scalars`, `new`, ...) is the current session's. `query_property()` gives mapped
//! classes a `Model.query` bound to the current session.

use super::{Bridge, method, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// `sqlalchemy.orm.scoped_session`.
pub struct ScopedSession {
    bridge: Rc<Bridge>,
    factory: Value,
    current: Rc<RefCell<Option<Value>>>,
}

/// `scoped_session(session_factory, scopefunc=None)`.
pub fn scoped_session(b: &Rc<Bridge>, i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let factory = match a.pos.first().cloned() {
        Some(f) => f,
        None => match a.take_kw("session_factory") {
            Some(f) => f,
            None => {
                return Err(i.type_error(
                    "scoped_session.__init__() missing 1 required positional argument: 'session_factory'",
                ));
            }
        },
    };
    if a.take_kw("scopefunc")
        .is_some_and(|v| !matches!(v, Value::None))
    {
        return Err(super::unsupported(i, "scoped_session(scopefunc=...)"));
    }
    if let Some((k, _)) = a.kw.first() {
        return Err(i.type_error(format!(
            "scoped_session.__init__() got an unexpected keyword argument '{k}'"
        )));
    }
    Ok(obj(ScopedSession {
        bridge: b.clone(),
        factory,
        current: Rc::new(RefCell::new(None)),
    }))
}

/// The registry's session, made by the factory on first use.
fn current(i: &mut Interpreter, factory: &Value, slot: &RefCell<Option<Value>>) -> PyResult<Value> {
    if let Some(s) = slot.borrow().clone() {
        return Ok(s);
    }
    let s = i.call(factory, Args::default())?;
    *slot.borrow_mut() = Some(s.clone());
    Ok(s)
}

impl NativeObject for ScopedSession {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.scoping",
            "scoped_session",
        ))
    }
    fn type_name(&self) -> String {
        "scoped_session".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.scoping.scoped_session object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn call(&self, i: &mut Interpreter, _: &Value, a: Args) -> Option<PyResult<Value>> {
        if a.pos.is_empty() && a.kw.is_empty() {
            return Some(current(i, &self.factory, &self.current));
        }
        if self.current.borrow().is_some() {
            return Some(Err(self.bridge.error(
                i,
                "InvalidRequestError",
                "Scoped session is already present; no new arguments may be specified.",
            )));
        }
        Some(i.call(&self.factory, a).inspect(|s| {
            *self.current.borrow_mut() = Some(s.clone());
        }))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (factory, slot) = (self.factory.clone(), self.current.clone());
        Ok(match name {
            "session_factory" => Some(factory),
            "remove" => method(name, move |i, _| {
                let s = slot.borrow_mut().take();
                if let Some(s) = s {
                    let close = i.getattr(&s, "close")?;
                    i.call(&close, Args::default())?;
                }
                Ok(Value::None)
            }),
            "configure" => {
                let bridge = self.bridge.clone();
                method(name, move |i, a| {
                    if slot.borrow().is_some() {
                        bridge.warn(
                            i,
                            "SAWarning",
                            "At least one scoped session is already present.  configure() can not affect sessions that have already been created.",
                        );
                    }
                    let configure = i.getattr(&factory, "configure")?;
                    i.call(&configure, a)
                })
            }
            "query_property" => method(name, move |i, a: Args| {
                if !a.pos.is_empty() || !a.kw.is_empty() {
                    return Err(super::unsupported(i, "query_property(query_cls)"));
                }
                Ok(obj(QueryProperty {
                    factory: factory.clone(),
                    current: slot.clone(),
                }))
            }),
            _ => {
                let s = current(i, &factory, &slot)?;
                Some(i.getattr(&s, name)?)
            }
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `Model.query = Session.query_property()`: `Model.query` is `session.query(Model)` of the
/// registry's current session.
struct QueryProperty {
    factory: Value,
    current: Rc<RefCell<Option<Value>>>,
}

impl NativeObject for QueryProperty {
    fn type_name(&self) -> String {
        "query".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.scoping.scoped_session.query_property.<locals>.query object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        _instance: Option<&Value>,
        owner: &Value,
    ) -> Option<PyResult<Value>> {
        Some((|| {
            let s = current(i, &self.factory, &self.current)?;
            let query = i.getattr(&s, "query")?;
            i.call(&query, Args::positional(vec![owner.clone()]))
        })())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
