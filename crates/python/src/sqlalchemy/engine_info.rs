//! What an engine tells about itself: `engine.url` (SQLAlchemy's `URL`) and
//! `engine.dialect` (the SQLite dialect, also `sqlalchemy.dialects.sqlite.dialect()`).

use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;

/// A string-like value with its own type name (`URL`).
pub struct Text(pub String, pub &'static str);

impl NativeObject for Text {
    fn type_name(&self) -> String {
        self.1.into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        // SQLAlchemy 2.x's `repr(url)` is the URL itself (the password hidden).
        Ok(if self.1 == "URL" {
            self.0.clone()
        } else {
            format!("{}({:?})", self.1, self.0)
        })
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.0.clone())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "drivername" => Some(Value::str(self.0.split("://").next().unwrap_or(""))),
            "database" => Some(match self.0.split_once(":///") {
                Some((_, db)) => Value::str(&db.replace("%3A", ":")),
                None => Value::None,
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `engine.dialect`.
pub struct Dialect;

impl NativeObject for Dialect {
    fn type_name(&self) -> String {
        "SQLiteDialect_pysqlite".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.dialects.sqlite.pysqlite.SQLiteDialect_pysqlite object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str("sqlite")),
            "driver" => Some(Value::str("pysqlite")),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
