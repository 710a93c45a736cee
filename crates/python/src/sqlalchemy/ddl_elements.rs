//! `sqlalchemy.schema`: the schema constructs again (`Table`, `Column`, `MetaData`, ...) and
//! the DDL elements `CreateTable(table)` / `DropTable(table)`, whose `str()` is the DDL that
//! `create_all()` emits (`print(CreateTable(t))`).

use super::table::TableObj;
use super::{Bridge, method, native, obj};
use crate::NativeFunction;
use crate::function::Args;
use crate::modules::{Module, NativeObject};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// A `CreateTable` or `DropTable`.
struct DdlElement {
    bridge: Rc<Bridge>,
    class: &'static str,
    /// The table (a [`TableObj`]).
    table: Value,
    /// `.compile(engine)`: SQLite's quoting rather than the default dialect's.
    compiled: bool,
}

impl DdlElement {
    fn text(&self, i: &mut Interpreter) -> PyResult<String> {
        let Some(t) = native::<TableObj>(&self.table) else {
            return Err(i.type_error("not a Table"));
        };
        if self.class == "DropTable" {
            return Ok(retort::schema::ddl::drop_table(&t.table));
        }
        let r = if self.compiled {
            retort::schema::ddl::create_table(&t.md, &t.table)
        } else {
            retort::schema::ddl::create_table_default(&t.md, &t.table)
        };
        r.map_err(|e| self.bridge.raise(i, e))
    }
}

impl NativeObject for DdlElement {
    fn type_name(&self) -> String {
        self.class.into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.ddl.{} object at 0x{:x}>",
            self.class, self as *const Self as usize
        ))
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        self.text(i)
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            // `CreateTable(t).compile(engine)`: the same text for SQLite.
            "compile" => {
                let (b, class, table) = (self.bridge.clone(), self.class, self.table.clone());
                let _ = this;
                method(name, move |_, _| {
                    Ok(obj(DdlElement {
                        bridge: b.clone(),
                        class,
                        table: table.clone(),
                        compiled: true,
                    }))
                })
            }
            "element" => Some(self.table.clone()),
            _ => {
                let _ = i;
                None
            }
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn element(b: &Rc<Bridge>, class: &'static str) -> Value {
    let b = b.clone();
    NativeFunction::value(class, move |i, a: Args| {
        let Some(t) = a.pos.first().filter(|v| native::<TableObj>(v).is_some()) else {
            return Err(super::unsupported(
                i,
                &format!("{class}() of anything but a Table"),
            ));
        };
        Ok(obj(DdlElement {
            bridge: b.clone(),
            class,
            table: t.clone(),
            compiled: false,
        }))
    })
}

/// The `sqlalchemy.schema` module.
pub fn module(b: &Rc<Bridge>, i: &mut Interpreter) -> PyResult<Rc<Module>> {
    let top = i.import_module("sqlalchemy")?;
    let m = Module::new("sqlalchemy.schema");
    for n in [
        "MetaData",
        "Table",
        "Column",
        "ForeignKey",
        "Index",
        "UniqueConstraint",
        "CheckConstraint",
        "PrimaryKeyConstraint",
        "ForeignKeyConstraint",
    ] {
        if let Some(v) = top.attrs.borrow().get(n) {
            m.set(n, v.clone());
        }
    }
    m.set("CreateTable", element(b, "CreateTable"));
    m.set("DropTable", element(b, "DropTable"));
    Ok(Rc::new(m))
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn create_table_prints_the_ddl() {
        let (out, r) = crate::interp::run_for_test(
            r#"
from sqlalchemy import MetaData, Table, Column, Integer, String
from sqlalchemy.schema import CreateTable, DropTable
t = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("n", String(5)))
print(repr(str(CreateTable(t))))
print(DropTable(t))
"#,
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "'\\nCREATE TABLE t (\\n\\tid INTEGER NOT NULL, \\n\\tn VARCHAR(5), \\n\\tPRIMARY KEY (id)\\n)\\n\\n'\n\nDROP TABLE t\n"
        );
    }
}
