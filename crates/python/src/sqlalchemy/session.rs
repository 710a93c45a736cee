//! `Session`, `sessionmaker` and `session.begin()` blocks: the Python face of
//! `retort::session::Session` (add/delete/flush/commit/rollback/get/execute/scalars/query,
//! expire/refresh/merge/expunge, `new`/`dirty`/`deleted` as `IdentitySet`s).

use super::engine::{EngineObj, TextObj, params_of};
use super::result::ResultObj;
use super::select::{SelectObj, rows_to_py};
use super::{Bridge, method, native, obj, object_id, to_sql};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::{ObjectId, Session};
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
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
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
    });
    b.session_objects
        .borrow_mut()
        .push((Rc::downgrade(&s), Rc::downgrade(&value), number));
    Ok(Value::Object(value))
}

/// A `Session`.
pub struct SessionObj {
    bridge: Rc<Bridge>,
    /// The ORM session.
    pub session: Rc<RefCell<Session>>,
    bind: Value,
    /// SQLAlchemy's per-process session number (its `hash_key`).
    number: usize,
    /// Whether a flush failed and rollback() has not been called since.
    failed: std::cell::Cell<bool>,
    /// Whether the session was changed meanwhile (rollback() warns that it is discarded).
    changed_while_failed: std::cell::Cell<bool>,
}

impl SessionObj {
    fn run<T>(
        &self,
        i: &mut Interpreter,
        f: impl FnOnce(&mut Session) -> retort::Result<T>,
    ) -> PyResult<T> {
        self.bridge.apply_defaults(i, &self.session)?;
        let r = match self.session.try_borrow_mut() {
            Ok(mut s) => f(&mut s),
            Err(_) => return Err(i.exc("RuntimeError", "the session is busy")),
        };
        self.bridge.pump(i);
        match &r {
            // A failed flush leaves the transaction inactive until rollback().
            Err(retort::Error::Dbapi { .. } | retort::Error::FlushError(_)) => {
                self.failed.set(true);
            }
            // SQLAlchemy accepts changes to the session meanwhile (and discards them).
            Err(retort::Error::PendingRollbackError(_)) => self.changed_while_failed.set(true),
            _ => {}
        }
        r.map_err(|e| self.bridge.raise(i, e))
    }

    fn ids(&self, i: &mut Interpreter, a: &Args) -> PyResult<Vec<ObjectId>> {
        let items = match a.pos.first() {
            Some(v) => i.iterate(v)?,
            None => Vec::new(),
        };
        items.iter().map(|v| self.id(i, v)).collect()
    }

    fn id(&self, i: &mut Interpreter, v: &Value) -> PyResult<ObjectId> {
        if let Some(id) = object_id(v) {
            return Ok(id);
        }
        match v {
            Value::Instance(inst) if self.bridge.mapped_class_of(&inst.class).is_some() => {
                self.bridge.ensure_state(i, v)
            }
            other => {
                let shown = match other {
                    Value::Instance(inst) => format!("__main__.{}", inst.class.name),
                    o => format!("builtins.{}", o.type_name()),
                };
                let err = self.bridge.error(
                    i,
                    "UnmappedInstanceError",
                    &format!("Class '{shown}' is not mapped"),
                );
                let tname = match other {
                    Value::Instance(inst) => inst.class.name.clone(),
                    o => o.type_name(),
                };
                Err(self.bridge.chained(
                    i,
                    err,
                    "AttributeError",
                    &format!("'{tname}' object has no attribute '_sa_instance_state'"),
                ))
            }
        }
    }

    /// Before a flush: SQLAlchemy warns about each new object whose primary key is that of
    /// a persistent object in the session (the INSERT then fails).
    fn warn_conflicts(&self, i: &mut Interpreter) -> PyResult<()> {
        let (new, persistent) = {
            let s = self.session.borrow();
            let persistent: Vec<ObjectId> =
                s.identity_map().into_iter().map(|(_, id)| id).collect();
            (s.new_objects(), persistent)
        };
        for n in new {
            let conflict = {
                let store = self.bridge.store.borrow();
                let Ok(o) = store.get(n) else { continue };
                let Some(pk) = o.pk_values() else { continue };
                persistent
                    .iter()
                    .copied()
                    .find(|&p| {
                        p != n
                            && store.get(p).is_ok_and(|q| {
                                Rc::ptr_eq(&q.mapper, &o.mapper)
                                    && q.pk_values().as_ref() == Some(&pk)
                            })
                    })
                    .map(|p| (p, pk, o.mapper.class_name().to_owned()))
            };
            if let Some((p, pk, class)) = conflict {
                let key = i.repr(&Value::tuple(pk.iter().map(super::to_py).collect()))?;
                self.bridge.warn(
                    i,
                    "SAWarning",
                    &format!(
                        "New instance <{class} at 0x{:x}> with identity key (<class '__main__.{class}'>, {key}, None) conflicts with persistent instance <{class} at 0x{:x}>",
                        n.0, p.0
                    ),
                );
            }
        }
        Ok(())
    }

    /// Transient objects in save-update relationships of the session's objects, as
    /// (parent class, relationship, object class, object).
    fn unsaved_related(&self) -> Vec<(String, String, String, ObjectId)> {
        let members: Vec<ObjectId> = {
            let s = self.session.borrow();
            let mut m = s.new_objects();
            m.extend(s.identity_map().into_iter().map(|(_, id)| id));
            m
        };
        let store = self.bridge.store.borrow();
        let mut out = Vec::new();
        for id in members {
            let Ok(o) = store.get(id) else { continue };
            for rel in o.mapper.relationships() {
                if !rel.cascade_save_update {
                    continue;
                }
                for &r in o.related.get(&rel.name).into_iter().flatten() {
                    if let Ok(t) = store.get(r)
                        && t.state == retort::session::ObjectState::Transient
                    {
                        out.push((
                            o.mapper.class_name().to_owned(),
                            rel.name.clone(),
                            t.mapper.class_name().to_owned(),
                            r,
                        ));
                    }
                }
            }
        }
        out
    }

    /// After a flush: SQLAlchemy warns about related objects its cascade did not add.
    fn warn_unsaved(&self, i: &mut Interpreter, before: Vec<(String, String, String, ObjectId)>) {
        for (parent, rel, class, id) in before {
            let still = self
                .bridge
                .store
                .borrow()
                .get(id)
                .is_ok_and(|o| o.state == retort::session::ObjectState::Transient);
            if still {
                self.bridge.warn(
                    i,
                    "SAWarning",
                    &format!(
                        "Object of type <{class}> not in session, add operation along '{parent}.{rel}' will not proceed"
                    ),
                );
            }
        }
    }

    /// `expire()` / `refresh()` need an object persistent in this session.
    fn check_persistent(&self, i: &Interpreter, id: ObjectId) -> PyResult<()> {
        let (state, class) = {
            let store = self.bridge.store.borrow();
            match store.get(id) {
                Ok(o) => (o.state, o.mapper.class_name().to_owned()),
                Err(e) => return Err(self.bridge.raise(i, e)),
            }
        };
        let mine = self.session.borrow().contains(id);
        if state == retort::session::ObjectState::Persistent && mine {
            return Ok(());
        }
        Err(self.bridge.error(
            i,
            "InvalidRequestError",
            &format!(
                "Instance '<{class} at 0x{:x}>' is not persistent within this Session",
                id.0
            ),
        ))
    }

    /// SQLAlchemy refuses to add an object that belongs to another session.
    fn check_not_elsewhere(&self, i: &Interpreter, id: ObjectId) -> PyResult<()> {
        let Some(other) = self.bridge.session_of(id) else {
            return Ok(());
        };
        if Rc::ptr_eq(&other, &self.session) {
            return Ok(());
        }
        let n = self.bridge.session_object(&other).map_or(0, |(_, n)| n);
        let class = self
            .bridge
            .store
            .borrow()
            .get(id)
            .map(|o| o.mapper.class_name().to_owned())
            .unwrap_or_default();
        Err(self.bridge.error(
            i,
            "InvalidRequestError",
            &format!(
                "Object '<{class} at 0x{:x}>' is already attached to session '{n}' (this is '{}')",
                id.0, self.number
            ),
        ))
    }

    fn identity_set(&self, ids: Vec<ObjectId>) -> PyResult<Value> {
        let objects: PyResult<Vec<Value>> =
            ids.into_iter().map(|id| self.bridge.object(id)).collect();
        Ok(obj(IdentitySet(objects?)))
    }

    fn execute(&self, i: &mut Interpreter, a: &Args) -> PyResult<Value> {
        let stmt = a.pos.first().cloned().unwrap_or(Value::None);
        if let Some(s) = native::<SelectObj>(&stmt) {
            let q = s.stmt.clone();
            let r = self.run(i, |s| s.execute(&q))?;
            let rows = rows_to_py(&self.bridge, r.rows)?;
            return Ok(ResultObj::rows(&self.bridge, r.keys, rows, -1));
        }
        if let Some(t) = native::<TextObj>(&stmt) {
            let clause = t.0.clone();
            let params = params_of(i, a.pos.get(1))?;
            let r = self.run(i, |s| s.execute_text(&clause, &params))?;
            return Ok(ResultObj::from_cursor(&self.bridge, r));
        }
        if let Some(st) = super::expr::core_statement(i, &self.bridge, &stmt)? {
            let r = self.run(i, |s| s.execute_core(&st))?;
            if let Some(d) = native::<super::table::DmlObj>(&stmt)
                && let (Some(mapper), retort::sql::Statement::Update(_)) = (&d.mapper, &st)
            {
                // An ORM-enabled UPDATE synchronizes the objects of its class in the
                // session: Retort expires them, so they reload the new values when read.
                let ids: Vec<ObjectId> = self
                    .session
                    .borrow()
                    .identity_map()
                    .into_iter()
                    .map(|(_, id)| id)
                    .filter(|id| {
                        self.bridge
                            .store
                            .borrow()
                            .get(*id)
                            .is_ok_and(|o| Rc::ptr_eq(&o.mapper, mapper))
                    })
                    .collect();
                for id in ids {
                    self.run(i, |s| s.expire(id))?;
                }
            }
            return Ok(ResultObj::from_cursor(&self.bridge, r));
        }
        Err(super::unsupported(
            i,
            &format!("Session.execute() of {}", stmt.type_name()),
        ))
    }
}

fn me(v: &Value) -> Option<&SessionObj> {
    native::<SessionObj>(v)
}

impl NativeObject for SessionObj {
    fn type_name(&self) -> String {
        "Session".into()
    }
    fn class(&self) -> Option<Rc<crate::Class>> {
        self.bridge.session_class.borrow().clone()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.session.Session object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn iterate(&self, i: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        let ids: Vec<ObjectId> = self
            .session
            .borrow()
            .identity_map()
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        let mut all = self.session.borrow().new_objects();
        all.extend(ids);
        let _ = i;
        Some(all.into_iter().map(|id| self.bridge.object(id)).collect())
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        match name {
            "new" => {
                return Ok(Some(
                    self.identity_set(self.session.borrow().new_objects())?,
                ));
            }
            "dirty" => return Ok(Some(self.identity_set(self.session.borrow().dirty())?)),
            "deleted" => {
                return Ok(Some(
                    self.identity_set(self.session.borrow().deleted_objects())?,
                ));
            }
            "bind" => return Ok(Some(self.bind.clone())),
            "autoflush" => return Ok(Some(Value::Bool(self.session.borrow().autoflush))),
            _ => {}
        }
        let this = this.clone();
        let name: &'static str = match SESSION_METHODS.iter().find(|m| **m == name) {
            Some(m) => m,
            None => return Ok(None),
        };
        macro_rules! m {
            (|$i:ident, $s:ident, $a:ident| $body:expr) => {
                method(name, move |$i: &mut Interpreter, $a: Args| {
                    let Some($s) = me(&this) else {
                        return Err($i.type_error("not a session"));
                    };
                    $body
                })
            };
        }
        let _ = i;
        Ok(match name {
            "__enter__" => m!(|_i, s, _a| {
                let _ = s;
                Ok(this.clone())
            }),
            "__exit__" | "close" => m!(|i, s, _a| {
                s.run(i, |s| s.close())?;
                Ok(if name == "close" {
                    Value::None
                } else {
                    Value::Bool(false)
                })
            }),
            "add" => m!(|i, s, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let id = s.id(i, &v)?;
                s.check_not_elsewhere(i, id)?;
                if s.failed.get() {
                    s.changed_while_failed.set(true);
                }
                s.run(i, |s| s.add(id))?;
                Ok(Value::None)
            }),
            "add_all" => m!(|i, s, a| {
                let ids = s.ids(i, &a)?;
                s.run(i, |s| s.add_all(&ids))?;
                Ok(Value::None)
            }),
            "delete" => m!(|i, s, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let id = s.id(i, &v)?;
                s.run(i, |s| s.delete(id))?;
                Ok(Value::None)
            }),
            "flush" => m!(|i, s, _a| {
                s.warn_conflicts(i)?;
                let unsaved = s.unsaved_related();
                s.run(i, |s| s.flush())?;
                s.warn_unsaved(i, unsaved);
                Ok(Value::None)
            }),
            "commit" => m!(|i, s, _a| {
                s.warn_conflicts(i)?;
                let unsaved = s.unsaved_related();
                s.run(i, |s| s.commit())?;
                s.warn_unsaved(i, unsaved);
                Ok(Value::None)
            }),
            "rollback" => m!(|i, s, _a| {
                if s.failed.replace(false) && s.changed_while_failed.replace(false) {
                    s.bridge.warn(
                        i,
                        "SAWarning",
                        "Session's state has been changed on a non-active transaction - this state will be discarded.",
                    );
                }
                s.run(i, |s| s.rollback())?;
                Ok(Value::None)
            }),
            "expire_all" => m!(|i, s, _a| {
                s.run(i, |s| s.expire_all())?;
                Ok(Value::None)
            }),
            "expunge_all" => m!(|i, s, _a| {
                s.run(i, |s| s.expunge_all())?;
                Ok(Value::None)
            }),
            "expire" | "refresh" | "expunge" => m!(|i, s, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let id = s.id(i, &v)?;
                if a.pos.len() > 1 {
                    return Err(super::unsupported(
                        i,
                        &format!("Session.{name}() of some attributes"),
                    ));
                }
                if name == "expire" {
                    s.check_persistent(i, id)?;
                }
                match name {
                    "expire" => s.run(i, |s| s.expire(id))?,
                    "refresh" => s.run(i, |s| s.refresh(id))?,
                    _ => s.run(i, |s| s.expunge(id))?,
                }
                Ok(Value::None)
            }),
            "merge" => m!(|i, s, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let id = s.id(i, &v)?;
                let merged = s.run(i, |s| s.merge(id))?;
                s.bridge.object(merged)
            }),
            "is_modified" => m!(|i, s, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                let id = s.id(i, &v)?;
                Ok(Value::Bool(s.run(i, |s| s.is_modified(id))?))
            }),
            "get" => m!(|i, s, a| {
                let Some(Value::Class(c)) = a.pos.first() else {
                    return Err(super::unsupported(
                        i,
                        "Session.get() of anything but a mapped class",
                    ));
                };
                let Some(mapped) = s.bridge.mapped_class_of(c) else {
                    return Err(s.bridge.error(
                        i,
                        "UnmappedClassError",
                        &format!("Class '__main__.{}' is not mapped", c.name),
                    ));
                };
                let mut pk = Vec::new();
                match a.pos.get(1) {
                    Some(Value::Tuple(t)) => {
                        for v in t.iter() {
                            pk.push(to_sql(i, v)?);
                        }
                    }
                    Some(v) => pk.push(to_sql(i, v)?),
                    None => return Err(i.type_error("get() needs a primary key")),
                }
                if pk.len() != mapped.mapper.pk().len() {
                    let table = mapped.mapper.table();
                    let cols: Vec<String> = mapped
                        .mapper
                        .pk()
                        .iter()
                        .map(|&p| format!("'{}.{}'", table.name(), table.columns()[p].name))
                        .collect();
                    return Err(s.bridge.error(
                        i,
                        "InvalidRequestError",
                        &format!(
                            "Incorrect number of values in identifier to formulate primary key for session.get(); primary key columns are {}",
                            cols.join(", ")
                        ),
                    ));
                }
                match s.run(i, |s| s.get(&mapped.mapper, &pk))? {
                    Some(id) => s.bridge.object(id),
                    None => Ok(Value::None),
                }
            }),
            "execute" => m!(|i, s, a| s.execute(i, &a)),
            "scalars" => m!(|i, s, a| {
                let r = s.execute(i, &a)?;
                let f = i.getattr(&r, "scalars")?;
                i.call(&f, Args::default())
            }),
            "scalar" => m!(|i, s, a| {
                let r = s.execute(i, &a)?;
                let f = i.getattr(&r, "scalar")?;
                i.call(&f, Args::default())
            }),
            "query" => m!(|i, s, a| super::select::query(&s.bridge, i, &s.session, a)),
            "get_bind" => m!(|_i, s, _a| Ok(s.bind.clone())),
            "in_transaction" => {
                m!(|_i, s, _a| Ok(Value::Bool(s.session.borrow().in_transaction())))
            }
            "begin" => m!(|_i, _s, _a| Ok(obj(BeginBlock {
                session: this.clone(),
                enter_returns_session: false
            }))),
            "no_autoflush" => Some(obj(NoAutoflush(this.clone()))),
            "identity_map" => {
                let b = self.bridge.clone();
                let pairs = self.session.borrow().identity_map();
                let mut out = Vec::new();
                for (_, id) in pairs {
                    let object = b.object(id)?;
                    let pk = b.store.borrow().get(id).ok().and_then(|o| o.pk_values());
                    let key = match (&object, pk) {
                        (Value::Instance(inst), Some(pk)) => Value::tuple(vec![
                            Value::Class(inst.class.clone()),
                            Value::tuple(pk.iter().map(super::to_py).collect()),
                            Value::None,
                        ]),
                        _ => Value::None,
                    };
                    out.push((key, object));
                }
                Some(obj(IdentityMap(out)))
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

const SESSION_METHODS: &[&str] = &[
    "__enter__",
    "__exit__",
    "close",
    "add",
    "add_all",
    "delete",
    "flush",
    "commit",
    "rollback",
    "expire_all",
    "expunge_all",
    "expire",
    "refresh",
    "expunge",
    "merge",
    "is_modified",
    "get",
    "execute",
    "scalars",
    "scalar",
    "query",
    "get_bind",
    "in_transaction",
    "begin",
    "no_autoflush",
    "identity_map",
];

/// `session.begin()` / `sessionmaker.begin()`: commits at the end of the `with` block, or
/// rolls back when it ends with an exception.
pub struct BeginBlock {
    session: Value,
    enter_returns_session: bool,
}

impl NativeObject for BeginBlock {
    fn type_name(&self) -> String {
        "SessionTransaction".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.session.SessionTransaction object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let session = self.session.clone();
        let this = this.clone();
        let returns_session = self.enter_returns_session;
        Ok(match name {
            "__enter__" => method(name, move |_, _| {
                Ok(if returns_session {
                    session.clone()
                } else {
                    this.clone()
                })
            }),
            "__exit__" => method(name, move |i, a: Args| {
                let Some(s) = me(&session) else {
                    return Ok(Value::Bool(false));
                };
                let failed = a.pos.first().is_some_and(|v| !matches!(v, Value::None));
                if failed {
                    s.run(i, |s| s.rollback())?;
                } else {
                    s.run(i, |s| s.commit())?;
                }
                if returns_session {
                    s.run(i, |s| s.close())?;
                }
                Ok(Value::Bool(false))
            }),
            "commit" => method(name, move |i, _| {
                if let Some(s) = me(&session) {
                    s.run(i, |s| s.commit())?;
                }
                Ok(Value::None)
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `with session.no_autoflush:`.
pub struct NoAutoflush(Value);

impl NativeObject for NoAutoflush {
    fn type_name(&self) -> String {
        "_GeneratorContextManager".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<contextlib._GeneratorContextManager object>".into())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let session = self.0.clone();
        let on = name == "__exit__";
        Ok(match name {
            "__enter__" | "__exit__" => method(name, move |_, _| {
                if let Some(s) = me(&session) {
                    s.session.borrow_mut().autoflush = on;
                }
                Ok(if on {
                    Value::Bool(false)
                } else {
                    session.clone()
                })
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `session.new` / `dirty` / `deleted`: `IdentitySet([...])`.
pub struct IdentitySet(Vec<Value>);

impl NativeObject for IdentitySet {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.util._collections",
            "IdentitySet",
        ))
    }
    fn type_name(&self) -> String {
        "IdentitySet".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "IdentitySet({})",
            i.repr(&Value::list(self.0.clone()))?
        ))
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

/// `session.identity_map`: identity keys `(class, primary key, None)` to objects.
pub struct IdentityMap(Vec<(Value, Value)>);

impl NativeObject for IdentityMap {
    fn type_name(&self) -> String {
        "WeakInstanceDict".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.identity.WeakInstanceDict object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.0.iter().map(|(k, _)| k.clone()).collect()))
    }
    fn len(&self) -> Option<usize> {
        Some(self.0.len())
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        for (k, v) in &self.0 {
            match i.eq(k, key) {
                Ok(true) => return Some(Ok(v.clone())),
                Ok(false) => {}
                Err(e) => return Some(Err(e)),
            }
        }
        Some(match i.repr(key) {
            Ok(shown) => Err(i.exc("KeyError", shown)),
            Err(e) => Err(e),
        })
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let items = self.0.clone();
        Ok(match name {
            "keys" => method(name, move |_, _| {
                Ok(Value::list(items.iter().map(|(k, _)| k.clone()).collect()))
            }),
            "values" => method(name, move |_, _| {
                Ok(Value::list(items.iter().map(|(_, v)| v.clone()).collect()))
            }),
            "items" => method(name, move |_, _| {
                Ok(Value::list(
                    items
                        .iter()
                        .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                        .collect(),
                ))
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
