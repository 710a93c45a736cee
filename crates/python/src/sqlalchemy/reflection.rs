//! `inspect(engine)`: SQLAlchemy's `Inspector` (`get_table_names()`, `get_columns()`,
//! `get_foreign_keys()`, `get_pk_constraint()`, `has_table()`, ...) over
//! `retort::engine::reflection`, answering with the dicts SQLAlchemy returns for SQLite.

use super::schema::MetaDataObj;
use super::schema::TypeObj;
use super::{Bridge, method, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::{Dict, Value};
use crate::{Interpreter, PyResult};
use retort::engine::reflection::Inspector;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// An `Inspector`.
pub struct InspectorObj {
    bridge: Rc<Bridge>,
    inner: Rc<Inspector>,
}

impl InspectorObj {
    /// `inspect(engine)`.
    pub fn value(bridge: &Rc<Bridge>, engine: &retort::Engine) -> Value {
        obj(InspectorObj {
            bridge: bridge.clone(),
            inner: Rc::new(Inspector::new(engine)),
        })
    }
}

/// A dict of string keys, in order.
pub fn str_dict(items: Vec<(&str, Value)>) -> Value {
    let mut d = Dict::new();
    for (k, v) in items {
        let key = Value::str(k);
        if let Some(hk) = key.hash_key() {
            d.insert(hk, (key, v));
        }
    }
    Value::Dict(Rc::new(RefCell::new(d)))
}

fn strs(names: &[String]) -> Value {
    Value::list(names.iter().map(|n| Value::str(n)).collect())
}

fn opt_str(s: Option<&str>) -> Value {
    s.map_or(Value::None, Value::str)
}

fn table_arg(i: &mut Interpreter, a: &mut Args, what: &str) -> PyResult<String> {
    match a.pos.first().cloned().or_else(|| a.take_kw("table_name")) {
        Some(v) => i.to_str(&v),
        None => Err(i.type_error(format!(
            "Inspector.{what}() missing 1 required positional argument: 'table_name'"
        ))),
    }
}

impl NativeObject for InspectorObj {
    fn type_name(&self) -> String {
        "Inspector".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.engine.reflection.Inspector object at {:#x}>",
            Rc::as_ptr(&self.inner) as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let b = self.bridge.clone();
        let b2 = self.bridge.clone();
        let insp = self.inner.clone();
        let done = move |i: &mut Interpreter, r: retort::Result<Value>| {
            b.pump(i);
            r.map_err(|e| b.raise(i, e))
        };
        Ok(match name {
            "default_schema_name" => Some(Value::str("main")),
            "get_table_names" => method(name, move |i, _| {
                let r = insp.table_names().map(|n| strs(&n));
                done(i, r)
            }),
            "get_view_names" => method(name, move |i, _| {
                let r = insp.view_names().map(|n| strs(&n));
                done(i, r)
            }),
            "has_table" => method(name, move |i, mut a| {
                let t = table_arg(i, &mut a, "has_table")?;
                let r = insp.has_table(&t).map(Value::Bool);
                done(i, r)
            }),
            "get_columns" => method(name, move |i, mut a| {
                let t = table_arg(i, &mut a, "get_columns")?;
                let cols = match insp.columns(&t) {
                    Ok(Some(cols)) => cols,
                    Ok(None) => {
                        b2.pump(i);
                        return Err(b2.error(i, "NoSuchTableError", &t));
                    }
                    Err(e) => return done(i, Err(e)),
                };
                b2.pump(i);
                Ok(Value::list(
                    cols.iter()
                        .map(|c| {
                            str_dict(vec![
                                ("name", Value::str(&c.name)),
                                (
                                    "type",
                                    obj(TypeObj {
                                        name: c.ty.name,
                                        sql: c.ty.sql.clone(),
                                        is_class: false,
                                    }),
                                ),
                                ("nullable", Value::Bool(c.nullable)),
                                ("default", opt_str(c.default.as_deref())),
                                ("primary_key", Value::Int(c.primary_key)),
                            ])
                        })
                        .collect(),
                ))
            }),
            "get_pk_constraint" => method(name, move |i, mut a| {
                let t = table_arg(i, &mut a, "get_pk_constraint")?;
                let r = insp.pk_constraint(&t).map(|(cols, name)| {
                    str_dict(vec![
                        ("constrained_columns", strs(&cols)),
                        ("name", opt_str(name.as_deref())),
                    ])
                });
                done(i, r)
            }),
            "get_foreign_keys" => method(name, move |i, mut a| {
                let t = table_arg(i, &mut a, "get_foreign_keys")?;
                let r = insp.foreign_keys(&t).map(|fks| {
                    Value::list(
                        fks.iter()
                            .map(|fk| {
                                let options = fk
                                    .options
                                    .iter()
                                    .map(|(k, v)| (*k, Value::str(v)))
                                    .collect();
                                str_dict(vec![
                                    ("name", opt_str(fk.name.as_deref())),
                                    ("constrained_columns", strs(&fk.constrained_columns)),
                                    ("referred_schema", Value::None),
                                    ("referred_table", Value::str(&fk.referred_table)),
                                    ("referred_columns", strs(&fk.referred_columns)),
                                    ("options", str_dict(options)),
                                ])
                            })
                            .collect(),
                    )
                });
                done(i, r)
            }),
            "get_indexes" => method(name, move |i, mut a| {
                let t = table_arg(i, &mut a, "get_indexes")?;
                let r = insp.indexes(&t).map(|ixs| {
                    Value::list(
                        ixs.iter()
                            .map(|ix| {
                                str_dict(vec![
                                    ("name", Value::str(&ix.name)),
                                    ("column_names", strs(&ix.column_names)),
                                    ("unique", Value::Int(i64::from(ix.unique))),
                                    ("dialect_options", str_dict(Vec::new())),
                                ])
                            })
                            .collect(),
                    )
                });
                done(i, r)
            }),
            "get_unique_constraints" => method(name, move |i, mut a| {
                let t = table_arg(i, &mut a, "get_unique_constraints")?;
                let r = insp.unique_constraints(&t).map(|uqs| {
                    Value::list(
                        uqs.iter()
                            .map(|(name, cols)| {
                                str_dict(vec![
                                    ("name", opt_str(name.as_deref())),
                                    ("column_names", strs(cols)),
                                ])
                            })
                            .collect(),
                    )
                });
                done(i, r)
            }),
            "get_check_constraints" => method(name, move |i, mut a| {
                let t = table_arg(i, &mut a, "get_check_constraints")?;
                let r = insp.check_constraints(&t).map(|cks| {
                    Value::list(
                        cks.iter()
                            .map(|(name, sqltext)| {
                                str_dict(vec![
                                    ("sqltext", Value::str(sqltext)),
                                    ("name", opt_str(name.as_deref())),
                                ])
                            })
                            .collect(),
                    )
                });
                done(i, r)
            }),
            "get_schema_names" | "get_multi_columns" | "get_table_comment" => {
                let what = format!("Inspector.{name}()");
                method(name, move |i, _| Err(super::unsupported(i, &what)))
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Registers reflected tables with the Python `MetaData` (`metadata.tables`).
fn register(b: &Rc<Bridge>, md: &MetaDataObj, added: Vec<Rc<retort::schema::Table>>) {
    for t in added {
        let value = super::table::TableObj::value(b, &md.md, &t);
        md.tables.borrow_mut().push((t.name().to_owned(), value));
    }
}

/// `Table(name, metadata, autoload_with=engine)`: the table read from the database (and the
/// tables its foreign keys refer to, added to the metadata too).
pub fn reflect_table(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    md: &MetaDataObj,
    engine: &Value,
    name: &str,
) -> PyResult<Value> {
    let Some(e) = native::<super::engine::EngineObj>(engine) else {
        return Err(super::unsupported(
            i,
            "autoload_with= of anything but an Engine",
        ));
    };
    let r = Inspector::new(&e.engine).reflect_table(&md.md, name);
    b.pump(i);
    register(b, md, r.map_err(|e| b.raise(i, e))?);
    let found = md
        .tables
        .borrow()
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone());
    found.ok_or_else(|| b.error(i, "NoSuchTableError", name))
}

/// `metadata.reflect(engine)`: every table of the database.
pub fn reflect_all(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    md: &MetaDataObj,
    engine: &retort::Engine,
) -> PyResult<()> {
    let r = Inspector::new(engine).reflect_all(&md.md);
    b.pump(i);
    register(b, md, r.map_err(|e| b.raise(i, e))?);
    Ok(())
}
