//! `sessionmaker(...)`, the `Session` class and their options: what makes sessions.

use super::engine::EngineObj;
use super::session::SessionObj;
use super::session_views::BeginBlock;
use super::{Bridge, method, native, obj, object_id};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::Session;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// The options a `sessionmaker` (or `Session(...)`) gives its sessions.
#[derive(Clone)]
pub struct SessionConfig {
    /// `bind=`.
    pub bind: Option<Value>,
    /// `expire_on_commit=`.
    pub expire_on_commit: bool,
    /// `autoflush=`.
    pub autoflush: bool,
}

fn config(i: &mut Interpreter, base: SessionConfig, mut a: Args) -> PyResult<SessionConfig> {
    let mut c = base;
    if let Some(v) = a.pos.first().cloned().or_else(|| a.take_kw("bind")) {
        c.bind = Some(v);
    }
    if let Some(v) = a.take_kw("expire_on_commit") {
        c.expire_on_commit = i.truthy(&v)?;
    }
    if let Some(v) = a.take_kw("autoflush") {
        c.autoflush = i.truthy(&v)?;
    }
    for (k, _) in &a.kw {
        if !matches!(k.as_str(), "future" | "autocommit" | "class_" | "info") {
            return Err(i.type_error(format!(
                "Session.__init__() got an unexpected keyword argument '{k}'"
            )));
        }
    }
    Ok(c)
}

/// `Session` / `sessionmaker(...)`: callable, making sessions.
pub struct SessionFactory {
    bridge: Rc<Bridge>,
    config: RefCell<SessionConfig>,
    /// Whether this is `sessionmaker(...)` (else the `Session` class itself).
    maker: bool,
}

/// The `Session` class: `Session(engine, ...)` makes a session; `isinstance()` and
/// `type()` see this class; `Session.object_session(obj)` finds an object's session.
pub fn session_class(b: &Rc<Bridge>, i: &mut Interpreter) -> Value {
    let class = i.native_class("Session", "sqlalchemy.orm.session");
    let b1 = b.clone();
    class.dict.borrow_mut().insert(
        "__new__".into(),
        crate::function::NativeFunction::value("__new__", move |i, mut a: Args| {
            if !a.pos.is_empty() {
                a.pos.remove(0);
            }
            let base = SessionConfig {
                bind: None,
                expire_on_commit: true,
                autoflush: true,
            };
            let c = config(i, base, a)?;
            new_session(&b1, i, c)
        }),
    );
    let b2 = b.clone();
    class.dict.borrow_mut().insert(
        "object_session".into(),
        Value::StaticMethod(Rc::new(crate::function::NativeFunction::value(
            "object_session",
            move |_, a: Args| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let Some(id) = object_id(&v) else {
                    return Ok(Value::None);
                };
                Ok(b2
                    .session_of(id)
                    .and_then(|s| b2.session_object(&s))
                    .map_or(Value::None, |(v, _)| v))
            },
        ))),
    );
    *b.session_class.borrow_mut() = Some(class.clone());
    Value::Class(class)
}

/// `sessionmaker(bind=..., ...)`.
pub fn sessionmaker(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let base = SessionConfig {
        bind: None,
        expire_on_commit: true,
        autoflush: true,
    };
    Ok(obj(SessionFactory {
        bridge: b.clone(),
        config: RefCell::new(config(i, base, a)?),
        maker: true,
    }))
}

impl NativeObject for SessionFactory {
    fn class(&self) -> Option<Rc<crate::Class>> {
        self.maker
            .then(|| super::named_class("sqlalchemy.orm.session", "sessionmaker"))
    }
    fn type_name(&self) -> String {
        if self.maker { "sessionmaker" } else { "type" }.into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        if !self.maker {
            return Ok("<class 'sqlalchemy.orm.session.Session'>".into());
        }
        let c = self.config.borrow().clone();
        let bind = match &c.bind {
            Some(v) => i.repr(v)?,
            None => "None".into(),
        };
        Ok(format!(
            "sessionmaker(class_='Session', bind={bind}, autoflush={}, expire_on_commit={})",
            py_bool(c.autoflush),
            py_bool(c.expire_on_commit)
        ))
    }
    fn call(&self, i: &mut Interpreter, _: &Value, a: Args) -> Option<PyResult<Value>> {
        let base = self.config.borrow().clone();
        Some(config(i, base, a).and_then(|c| new_session(&self.bridge, i, c)))
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "class_" && self.maker {
            let orm = i.import_module("sqlalchemy.orm")?;
            return Ok(orm.attrs.borrow().get("Session").cloned());
        }
        let (b, c, maker) = (
            self.bridge.clone(),
            self.config.borrow().clone(),
            self.maker,
        );
        Ok(match name {
            "configure" if maker => {
                let this = this.clone();
                method(name, move |i, a: Args| {
                    let Some(f) = native::<SessionFactory>(&this) else {
                        return Ok(Value::None);
                    };
                    let next = config(i, f.config.borrow().clone(), a)?;
                    *f.config.borrow_mut() = next;
                    Ok(Value::None)
                })
            }
            "begin" if maker => method(name, move |i, _| {
                let s = new_session(&b, i, c.clone())?;
                if let Some(so) = super::session::me(&s) {
                    so.run(i, |x| x.begin_transaction())?;
                }
                Ok(obj(BeginBlock {
                    session: s,
                    enter_returns_session: true,
                }))
            }),
            "object_session" => method(name, move |i, a: Args| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let Some(id) = object_id(&v) else {
                    return Ok(Value::None);
                };
                let _ = i;
                Ok(b.session_of(id)
                    .and_then(|s| b.session_object(&s))
                    .map_or(Value::None, |(v, _)| v))
            }),
            "kw" => None,
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

fn new_session(b: &Rc<Bridge>, i: &mut Interpreter, c: SessionConfig) -> PyResult<Value> {
    let engine = match c.bind.as_ref().and_then(native::<EngineObj>) {
        Some(e) => e.engine.clone(),
        None => {
            return Err(super::unsupported(i, "a Session without bind= (an engine)"));
        }
    };
    let mut s = Session::new(&engine, b.store.clone());
    s.expire_on_commit = c.expire_on_commit;
    s.autoflush = c.autoflush;
    let s = Rc::new(RefCell::new(s));
    b.sessions.borrow_mut().push(Rc::downgrade(&s));
    let number = b.session_objects.borrow().len() + 1;
    let value: Rc<dyn NativeObject> = Rc::new(SessionObj {
        bridge: b.clone(),
        session: s.clone(),
        bind: c.bind.unwrap_or(Value::None),
        number,
        failed: std::cell::Cell::new(false),
        changed_while_failed: std::cell::Cell::new(false),
        info: Value::Dict(Rc::new(RefCell::new(Default::default()))),
    });
    b.session_objects
        .borrow_mut()
        .push((Rc::downgrade(&s), Rc::downgrade(&value), number));
    Ok(Value::Object(value))
}
