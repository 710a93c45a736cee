//! Callable column defaults of Core tables: `Column("created", DateTime,
//! default=datetime.now, onupdate=datetime.now)` in a `Table`. SQLAlchemy calls them for each
//! INSERT (UPDATE) that gives the column no value; Retort does so just before it executes a
//! Core statement with `conn.execute()`.

use super::schema::ColumnSpec;
use super::{Bridge, to_sql};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::Value as SqlValue;
use retort::schema::Table;
use retort::sql::Statement;
use std::rc::Rc;

/// One callable `default=` or `onupdate=` of a Core table's column.
#[derive(Clone)]
pub struct CoreDefault {
    table: Rc<Table>,
    column: String,
    function: Value,
    onupdate: bool,
}

/// Records the callable defaults of a column that joined a Core `Table`.
pub fn register(b: &Bridge, table: &Rc<Table>, c: &ColumnSpec) {
    let column = c.column.borrow().name.clone();
    let mut all = b.core_defaults.borrow_mut();
    for (f, onupdate) in [(&c.callable_default, false), (&c.callable_onupdate, true)] {
        if let Some(function) = f {
            all.push(CoreDefault {
                table: table.clone(),
                column: column.clone(),
                function: function.clone(),
                onupdate,
            });
        }
    }
}

/// The columns of `stmt`'s table with a callable default (an INSERT) or onupdate (an UPDATE).
pub fn callable_columns(b: &Bridge, stmt: &Statement) -> Vec<(Rc<Table>, String)> {
    let (table, onupdate) = match stmt {
        Statement::Insert(ins) => (&ins.table, false),
        Statement::Update(u) => (&u.table, true),
        _ => return Vec::new(),
    };
    b.core_defaults
        .borrow()
        .iter()
        .filter(|d| d.onupdate == onupdate && Rc::ptr_eq(&d.table, table))
        .map(|d| (d.table.clone(), d.column.clone()))
        .collect()
}

fn call(i: &mut Interpreter, f: &Value) -> PyResult<SqlValue> {
    let v = i.call(f, Args::default())?;
    to_sql(i, &v)
}

/// Fills in the callable defaults `stmt` and its parameter sets `rows` leave out.
pub fn apply(
    b: &Bridge,
    i: &mut Interpreter,
    stmt: &mut Statement,
    rows: &mut [Vec<(String, SqlValue)>],
) -> PyResult<()> {
    let defaults: Vec<CoreDefault> = {
        let all = b.core_defaults.borrow();
        if all.is_empty() {
            return Ok(());
        }
        all.clone()
    };
    for d in defaults {
        match stmt {
            Statement::Insert(ins) if !d.onupdate && Rc::ptr_eq(&ins.table, &d.table) => {
                let named =
                    |pairs: &[(String, SqlValue)]| pairs.iter().any(|(n, _)| *n == d.column);
                if named(&ins.values)
                    || ins.exprs.iter().any(|(n, _)| *n == d.column)
                    || ins.from_select.is_some()
                {
                    continue;
                }
                if !ins.multi.is_empty() {
                    for row in &mut ins.multi {
                        if !named(row) {
                            row.push((d.column.clone(), call(i, &d.function)?));
                        }
                    }
                } else if !ins.values.is_empty() || rows.is_empty() {
                    ins.values.push((d.column.clone(), call(i, &d.function)?));
                } else {
                    for row in rows.iter_mut() {
                        if !named(row) {
                            row.push((d.column.clone(), call(i, &d.function)?));
                        }
                    }
                }
            }
            Statement::Update(u)
                if d.onupdate
                    && Rc::ptr_eq(&u.table, &d.table)
                    && !u.values.iter().any(|(n, _)| *n == d.column)
                    && !u.exprs.iter().any(|(n, _)| *n == d.column) =>
            {
                u.values.push((d.column.clone(), call(i, &d.function)?));
            }
            _ => {}
        }
    }
    Ok(())
}

/// `Identity(...)` / `Sequence(name)` given to a `Column`: SQLite has neither, and SQLAlchemy's
/// SQLite dialect leaves them out of its DDL and its INSERTs.
pub struct Generator {
    /// `Identity` or `Sequence`.
    pub class: &'static str,
    /// Its repr.
    pub shown: String,
}

impl crate::modules::NativeObject for Generator {
    fn type_name(&self) -> String {
        self.class.into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.shown.clone())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `Identity(start=..., ...)` and `Sequence(name, ...)`.
pub fn generator(class: &'static str) -> Value {
    crate::NativeFunction::value(class, move |i, a: Args| {
        let shown = match (class, a.pos.first()) {
            ("Sequence", Some(Value::Str(name))) => {
                format!("Sequence({})", crate::format::str_repr(name))
            }
            ("Sequence", _) => return Err(i.type_error("Sequence() needs a name")),
            _ => "Identity()".to_owned(),
        };
        Ok(super::obj(Generator { class, shown }))
    })
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn core_callable_defaults_and_onupdates_are_called() {
        let (out, r) = crate::interp::run_for_test(
            r#"
from sqlalchemy import *
n = [0]
def nxt():
    n[0] += 1
    return n[0]
md = MetaData()
t = Table("t", md, Column("id", Integer, primary_key=True), Column("a", Integer, default=nxt, onupdate=nxt))
e = create_engine("sqlite://")
md.create_all(e)
with e.begin() as c:
    c.execute(t.insert(), [{"id": 1}, {"id": 2}])
    c.execute(t.insert().values(id=3))
    c.execute(t.update().where(t.c.id == 1).values(id=1))
    print(c.execute(select(t.c.a).order_by(t.c.id)).scalars().all())
"#,
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "[4, 2, 3]\n");
    }
}
