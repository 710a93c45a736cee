//! What a session's methods and attributes return: `session.begin()` blocks,
//! `session.no_autoflush`, `session.new` / `dirty` / `deleted` (`IdentitySet`) and
//! `session.identity_map`.

use super::method;
use super::session::me;
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// `session.begin()` / `sessionmaker.begin()`: commits at the end of the `with` block, or
/// rolls back when it ends with an exception.
pub struct BeginBlock {
    pub(super) session: Value,
    pub(super) enter_returns_session: bool,
}

impl NativeObject for BeginBlock {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.orm.session",
            "SessionTransaction",
        ))
    }
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

/// `session.begin_nested()`: a savepoint, released at the end of the `with` block or rolled
/// back when it ends with an exception.
pub struct NestedBlock {
    pub(super) session: Value,
    /// How many savepoints were open with this one (it is the innermost at that depth).
    pub(super) depth: usize,
}

/// Ends the savepoint at `depth` (and any opened inside it) by committing or rolling back;
/// nothing when it has ended already (`nested.rollback()` inside its `with` block).
fn end_nested(s: &mut retort::session::Session, depth: usize, commit: bool) -> retort::Result<()> {
    while s.nested_depth() >= depth && depth > 0 {
        if commit {
            s.commit_nested()?;
        } else {
            s.rollback_nested()?;
        }
    }
    Ok(())
}

impl NativeObject for NestedBlock {
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
        let depth = self.depth;
        Ok(match name {
            "__enter__" => method(name, move |_, _| Ok(this.clone())),
            "__exit__" => method(name, move |i, a: Args| {
                if let Some(s) = me(&session) {
                    let failed = a.pos.first().is_some_and(|v| !matches!(v, Value::None));
                    s.run(i, |s| end_nested(s, depth, !failed))?;
                }
                Ok(Value::Bool(false))
            }),
            "commit" => method(name, move |i, _| {
                if let Some(s) = me(&session) {
                    s.run(i, |s| end_nested(s, depth, true))?;
                }
                Ok(Value::None)
            }),
            "rollback" => method(name, move |i, _| {
                if let Some(s) = me(&session) {
                    s.run(i, |s| end_nested(s, depth, false))?;
                }
                Ok(Value::None)
            }),
            "nested" => Some(Value::Bool(true)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `with session.no_autoflush:`.
pub struct NoAutoflush(pub(super) Value);

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
pub struct IdentitySet(pub(super) Vec<Value>);

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
pub struct IdentityMap(pub(super) Vec<(Value, Value)>);

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

/// `session.connection()`: the session's connection; its `execute()` runs in the session's
/// transaction (as `session.execute()`).
pub struct SessionConnection(pub Value);

impl NativeObject for SessionConnection {
    fn type_name(&self) -> String {
        "Connection".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.engine.base.Connection object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        match name {
            "execute" | "scalar" | "scalars" | "commit" | "rollback" => {
                Ok(Some(i.getattr(&self.0, name)?))
            }
            _ => Ok(None),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
