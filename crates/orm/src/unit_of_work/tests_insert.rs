//! INSERTs of rows without values. Golden: SQLAlchemy 2.1.9 with `echo=True`,
//! `crates/orm/tests/sqla/default_values.py` (output in `default_values.out`), timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::mapper::Mapper;
use crate::query::tests::log;
use crate::schema::{Column, MetaData, Table};
use crate::session::{Session, Store};
use crate::sql::{ParamStyle, Statement, compile, insert};
use crate::types::SqlType;
use crate::{Engine, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn rows_without_values_insert_as_sqlalchemy() -> Result<()> {
    let md = MetaData::new();
    let left =
        md.add(Table::new("left").column(Column::new("id", SqlType::Integer).primary_key()))?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let mapper = Mapper::new("Left", &left)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let one = store.borrow_mut().create(&mapper, &[])?;
    s.add(one)?;
    s.flush()?;
    for _ in 0..3 {
        let id = store.borrow_mut().create(&mapper, &[])?;
        s.add(id)?;
    }
    s.flush()?;
    s.commit()?;
    let mut conn = engine.connect();
    conn.execute(&Statement::Insert(insert(&left)))?;
    let named = compile(&Statement::Insert(insert(&left)), ParamStyle::Named, &[])?;
    assert_eq!(named.sql, "INSERT INTO \"left\" (id) VALUES (:id)");
    let count = conn.exec_driver_sql("SELECT count(*) FROM \"left\"", &[])?;
    assert_eq!(count.scalar(), Some(Value::Integer(5)));
    conn.commit()?;
    let many = "INSERT INTO \"left\" (id) VALUES (NULL) RETURNING id";
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO \"left\" DEFAULT VALUES",
            "[generated in] ()",
            many,
            "[generated in (insertmanyvalues) 1/3 (ordered; batch not supported)] ()",
            many,
            "[insertmanyvalues 2/3 (ordered; batch not supported)] ()",
            many,
            "[insertmanyvalues 3/3 (ordered; batch not supported)] ()",
            "COMMIT",
            "BEGIN (implicit)",
            "INSERT INTO \"left\" DEFAULT VALUES",
            "[generated in] ()",
            "SELECT count(*) FROM \"left\"",
            "[raw sql] ()",
            "COMMIT",
        ]
    );
    Ok(())
}
