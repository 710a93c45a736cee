//! What `session.delete()` loads at once and what the flush loads. Golden: SQLAlchemy 2.1.9
//! with `echo=True`, `crates/orm/tests/sqla/delete_loads.py` (output in `delete_loads.out`),
//! timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::mapper::Mapper;
use crate::query::tests::log;
use crate::relationship::{RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::session::{Session, Store};
use crate::types::SqlType;
use crate::{Engine, Error, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn delete_loads_cascaded_collections_and_the_flush_the_others() -> Result<()> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let fk = |n: &str| ForeignKey::new(n);
    let users = md.add(Table::new("users").column(int_pk("id")))?;
    let child = |name: &str| -> Result<Table> {
        Ok(Table::new(name)
            .column(int_pk("id"))
            .column(Column::foreign("user_id", fk("users.id")?)))
    };
    let notes = md.add(child("notes")?)?;
    let addresses = md.add(child("addresses")?)?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("User", &users)?;
    let note = Mapper::new("Note", &notes)?;
    let address = Mapper::new("Address", &addresses)?;
    let all = RelationshipOptions {
        cascade: Some("all".into()),
        ..RelationshipOptions::default()
    };
    relationship_with(&user, "notes", &note, all)?;
    relationship_with(&user, "addresses", &address, RelationshipOptions::default())?;
    let mut conn = engine.connect();
    for sql in [
        "INSERT INTO users VALUES (1)",
        "INSERT INTO notes VALUES (1, 1)",
        "INSERT INTO addresses VALUES (1, 1), (2, 1)",
    ] {
        conn.exec_driver_sql(sql, &[])?;
    }
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    let u = s
        .get(&user, &[Value::Integer(1)])?
        .ok_or_else(|| Error::NoResultFound("user 1".into()))?;
    s.delete(u)?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
            "SELECT notes.id, notes.user_id \nFROM notes \nWHERE ? = notes.user_id",
            "[generated in] (1,)",
        ]
    );
    s.flush()?;
    s.close()?;
    assert_eq!(
        log(&engine),
        [
            "SELECT addresses.id, addresses.user_id \nFROM addresses \nWHERE ? = \
             addresses.user_id",
            "[generated in] (1,)",
            "UPDATE addresses SET user_id=? WHERE addresses.id = ?",
            "[generated in] [(None, 1), (None, 2)]",
            "DELETE FROM notes WHERE notes.id = ?",
            "[generated in] (1,)",
            "DELETE FROM users WHERE users.id = ?",
            "[generated in] (1,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}
