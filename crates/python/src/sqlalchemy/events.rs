//! `sqlalchemy.event`: `listen()` and `@listens_for()`. Only the engine's `connect` event is
//! supported: Retort's engine holds one SQLite connection, opened with the engine, so a
//! listener registered before the engine is first used runs once, at registration, with a
//! DB-API connection whose cursors execute SQL unlogged (`PRAGMA foreign_keys=ON`); one
//! registered later never runs (SQLAlchemy's pool would reuse its connection). ORM events
//! (sessions, mapped classes) are `super::orm_events`'. Any other event raises
//! NotImplementedError naming it.

use super::{Bridge, method, native, obj};
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, NativeObject};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::Engine;
use std::any::Any;
use std::rc::Rc;

/// The `sqlalchemy.event` module.
pub fn module(b: &Rc<Bridge>) -> Module {
    let m = Module::new("sqlalchemy.event");
    let b1 = b.clone();
    m.set(
        "listen",
        NativeFunction::value("listen", move |i, mut a: Args| {
            let (Some(target), Some(name), Some(f)) = (a.pos.first(), a.pos.get(1), a.pos.get(2))
            else {
                return Err(i.type_error("listen() needs a target, an event name and a function"));
            };
            let (target, f) = (target.clone(), f.clone());
            let name = i.to_str(name)?;
            let flags = check_kw(i, &mut a)?;
            listen(&b1, i, &target, &name, &f, flags)?;
            Ok(Value::None)
        }),
    );
    let b2 = b.clone();
    m.set(
        "listens_for",
        NativeFunction::value("listens_for", move |i, mut a: Args| {
            let (Some(target), Some(name)) = (a.pos.first().cloned(), a.pos.get(1)) else {
                return Err(i.type_error("listens_for() needs a target and an event name"));
            };
            let name = i.to_str(name)?;
            let flags = check_kw(i, &mut a)?;
            let b = b2.clone();
            Ok(NativeFunction::value("decorate", move |i, a: Args| {
                let Some(f) = a.pos.first().cloned() else {
                    return Err(i.type_error("listens_for() decorates a function"));
                };
                listen(&b, i, &target, &name, &f, flags)?;
                Ok(f)
            }))
        }),
    );
    for n in ["remove", "contains"] {
        m.set(
            n,
            NativeFunction::value(n, move |i, _| {
                Err(super::unsupported(i, &format!("event.{n}()")))
            }),
        );
    }
    m
}

/// The keyword arguments of `listen()`: `propagate=` and `retval=` (returned); `raw=False`
/// and `once=False` change nothing; others are unsupported.
fn check_kw(i: &mut Interpreter, a: &mut Args) -> PyResult<super::orm_events::Flags> {
    let mut flag = |i: &mut Interpreter, k: &str| -> PyResult<bool> {
        match a.take_kw(k) {
            Some(v) => i.truthy(&v),
            None => Ok(false),
        }
    };
    let flags = super::orm_events::Flags {
        propagate: flag(i, "propagate")?,
        retval: flag(i, "retval")?,
    };
    for k in ["raw", "once"] {
        if flag(i, k)? {
            return Err(super::unsupported(i, &format!("event.listen({k}=True)")));
        }
    }
    match a.kw.first() {
        Some((k, _)) => Err(super::unsupported(i, &format!("event.listen({k}=...)"))),
        None => Ok(flags),
    }
}

fn listen(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    target: &Value,
    name: &str,
    f: &Value,
    flags: super::orm_events::Flags,
) -> PyResult<()> {
    if super::orm_events::listen(b, i, target, name, f, flags)? {
        return Ok(());
    }
    if flags.retval {
        return Err(super::unsupported(i, "event.listen(retval=True)"));
    }
    let engine = native::<super::engine::EngineObj>(target).map(|e| e.engine.clone());
    match (engine, name) {
        (Some(engine), "connect") => {
            if !engine.has_connected() {
                let conn = obj(DbapiConnection {
                    bridge: b.clone(),
                    engine,
                });
                i.call(f, Args::positional(vec![conn, obj(ConnectionRecord)]))?;
            }
            Ok(())
        }
        _ => Err(super::unsupported(i, &format!("the event {name:?}"))),
    }
}

/// The DB-API (`sqlite3`) connection a `connect` listener receives.
struct DbapiConnection {
    bridge: Rc<Bridge>,
    engine: Engine,
}

fn execute(b: &Bridge, e: &Engine, i: &mut Interpreter, a: &Args) -> PyResult<()> {
    if a.pos.len() > 1 {
        return Err(super::unsupported(
            i,
            "parameters in a DB-API cursor.execute()",
        ));
    }
    let Some(Value::Str(sql)) = a.pos.first() else {
        return Err(i.type_error("execute() argument 1 must be str"));
    };
    e.dbapi_execute(sql).map_err(|err| b.raise(i, err))
}

impl NativeObject for DbapiConnection {
    fn type_name(&self) -> String {
        "Connection".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlite3.Connection object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (b, e) = (self.bridge.clone(), self.engine.clone());
        Ok(match name {
            "cursor" => method(name, move |_, _| {
                Ok(obj(Cursor {
                    bridge: b.clone(),
                    engine: e.clone(),
                }))
            }),
            "execute" => method(name, move |i, a: Args| {
                execute(&b, &e, i, &a)?;
                Ok(obj(Cursor {
                    bridge: b.clone(),
                    engine: e.clone(),
                }))
            }),
            "commit" | "close" => method(name, |_, _| Ok(Value::None)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A DB-API cursor: `execute(sql)` and `close()`.
struct Cursor {
    bridge: Rc<Bridge>,
    engine: Engine,
}

impl NativeObject for Cursor {
    fn type_name(&self) -> String {
        "Cursor".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlite3.Cursor object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let (b, e, this) = (self.bridge.clone(), self.engine.clone(), this.clone());
        Ok(match name {
            "execute" => method(name, move |i, a: Args| {
                execute(&b, &e, i, &a)?;
                Ok(this.clone())
            }),
            "close" => method(name, |_, _| Ok(Value::None)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The pool's `_ConnectionRecord` a `connect` listener receives (opaque here).
struct ConnectionRecord;

impl NativeObject for ConnectionRecord {
    fn type_name(&self) -> String {
        "_ConnectionRecord".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.pool.base._ConnectionRecord object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
