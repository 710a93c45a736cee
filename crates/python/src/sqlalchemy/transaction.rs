//! A connection's explicit transactions: `conn.begin()` (a `RootTransaction`) and
//! `conn.begin_nested()` (a `NestedTransaction`, a SAVEPOINT), used directly or as context
//! managers that commit at the end of the block and roll back on an exception.

use super::engine::ConnectionObj;
use super::{Bridge, method, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

/// What a transaction object stands for.
enum Kind {
    /// `conn.begin()`.
    Root,
    /// `conn.begin_nested()`: the savepoint's name.
    Nested(String),
}

/// A `RootTransaction` or `NestedTransaction`.
pub struct TransactionObj {
    bridge: Rc<Bridge>,
    /// The connection (a [`ConnectionObj`]).
    conn: Value,
    kind: Kind,
    active: Cell<bool>,
}

const ALREADY_BEGUN: &str = "This connection has already initialized a SQLAlchemy Transaction() object via begin() or autobegin; can't call begin() here unless rollback() or commit() is called first.";

/// `conn.begin()`: an explicit transaction; refused when one is already open.
pub fn begin(b: &Rc<Bridge>, i: &mut Interpreter, conn: &Value) -> PyResult<Value> {
    let Some(c) = native::<ConnectionObj>(conn) else {
        return Err(i.type_error("not a connection"));
    };
    if c.with_conn(b, i, |c| Ok(c.in_transaction()))? {
        return Err(b.error(i, "InvalidRequestError", ALREADY_BEGUN));
    }
    c.with_conn(b, i, |c| {
        c.begin();
        Ok(())
    })?;
    Ok(transaction(b, conn, Kind::Root))
}

/// `conn.begin_nested()`: `SAVEPOINT sa_savepoint_N`, beginning the transaction first.
pub fn begin_nested(b: &Rc<Bridge>, i: &mut Interpreter, conn: &Value) -> PyResult<Value> {
    let Some(c) = native::<ConnectionObj>(conn) else {
        return Err(i.type_error("not a connection"));
    };
    let name = c.with_conn(b, i, |c| c.begin_nested())?;
    Ok(transaction(b, conn, Kind::Nested(name)))
}

fn transaction(b: &Rc<Bridge>, conn: &Value, kind: Kind) -> Value {
    obj(TransactionObj {
        bridge: b.clone(),
        conn: conn.clone(),
        kind,
        active: Cell::new(true),
    })
}

impl TransactionObj {
    /// Ends the transaction: commits (releases) it, or rolls it back.
    fn end(&self, i: &mut Interpreter, commit: bool) -> PyResult<()> {
        if !self.active.replace(false) {
            return Ok(());
        }
        let Some(c) = native::<ConnectionObj>(&self.conn) else {
            return Err(i.type_error("not a connection"));
        };
        match &self.kind {
            Kind::Root if commit => c.with_conn(&self.bridge, i, |c| c.commit()),
            Kind::Root => c.with_conn(&self.bridge, i, |c| {
                c.rollback();
                Ok(())
            }),
            Kind::Nested(name) => c.with_conn(&self.bridge, i, |c| c.end_savepoint(name, !commit)),
        }
    }
}

impl NativeObject for TransactionObj {
    fn type_name(&self) -> String {
        match self.kind {
            Kind::Root => "RootTransaction",
            Kind::Nested(_) => "NestedTransaction",
        }
        .into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.engine.base.{} object at 0x{:x}>",
            self.type_name(),
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let this = this.clone();
        let me = move |i: &mut Interpreter| -> PyResult<Rc<dyn NativeObject>> {
            match &this {
                Value::Object(o) => Ok(o.clone()),
                _ => Err(i.type_error("not a transaction")),
            }
        };
        macro_rules! tx {
            ($o:expr, $i:expr) => {
                match $o.as_any().downcast_ref::<TransactionObj>() {
                    Some(t) => t,
                    None => return Err($i.type_error("not a transaction")),
                }
            };
        }
        Ok(match name {
            "is_active" => Some(Value::Bool(self.active.get())),
            "connection" => Some(self.conn.clone()),
            "commit" => method(name, move |i, _| {
                let o = me(i)?;
                tx!(o, i).end(i, true)?;
                Ok(Value::None)
            }),
            "rollback" | "close" => {
                let commit = false;
                method(name, move |i, _| {
                    let o = me(i)?;
                    tx!(o, i).end(i, commit)?;
                    Ok(Value::None)
                })
            }
            "__enter__" => method(name, move |i, _| Ok(Value::Object(me(i)?))),
            "__exit__" => method(name, move |i, a: Args| {
                let o = me(i)?;
                let ok = a.pos.first().is_none_or(|v| matches!(v, Value::None));
                tx!(o, i).end(i, ok)?;
                Ok(Value::Bool(false))
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    fn run(src: &str) -> String {
        let (out, r) = crate::interp::run_for_test(src);
        assert!(r.is_ok(), "{r:?}");
        out
    }

    #[test]
    fn begin_commits_and_begin_nested_rolls_back_to_its_savepoint() {
        let out = run(r#"
from sqlalchemy import create_engine, text
engine = create_engine("sqlite://")
with engine.connect() as conn:
    conn.execute(text("CREATE TABLE t (x int)"))
    conn.commit()
    with conn.begin():
        conn.execute(text("INSERT INTO t VALUES (1)"))
        with conn.begin_nested():
            conn.execute(text("INSERT INTO t VALUES (2)"))
        sp = conn.begin_nested()
        conn.execute(text("INSERT INTO t VALUES (3)"))
        sp.rollback()
        print(sp.is_active)
    print(conn.in_transaction())
    print(conn.execute(text("SELECT x FROM t ORDER BY x")).scalars().all())
    try:
        conn.begin()
    except Exception as e:
        print(type(e).__name__)
"#);
        assert_eq!(out, "False\nFalse\n[1, 2]\nInvalidRequestError\n");
    }
}
