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

/// `users` with a one-to-many `addresses` (no delete cascade) and a many-to-many `tags`
/// through `user_tags`. Golden: `crates/orm/tests/sqla/m2m_delete.py` (`m2m_delete.out`).
#[test]
fn deleting_a_parent_deletes_association_rows_then_nulls_children_then_deletes_it() -> Result<()> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let users = md.add(
        Table::new("users")
            .column(int_pk("id"))
            .column(Column::new("name", SqlType::String(None)).nullable(false)),
    )?;
    let addresses = md.add(
        Table::new("addresses")
            .column(int_pk("id"))
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?)),
    )?;
    let tags = md.add(Table::new("tags").column(int_pk("id")))?;
    let user_tags = md.add(
        Table::new("user_tags")
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?).primary_key())
            .column(Column::foreign("tag_id", ForeignKey::new("tags.id")?).primary_key()),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("User", &users)?;
    let address = Mapper::new("Address", &addresses)?;
    let tag = Mapper::new("Tag", &tags)?;
    relationship_with(&user, "addresses", &address, RelationshipOptions::default())?;
    let secondary = RelationshipOptions {
        secondary: Some(user_tags),
        ..RelationshipOptions::default()
    };
    relationship_with(&user, "tags", &tag, secondary)?;
    let mut conn = engine.connect();
    for sql in [
        "INSERT INTO users VALUES (1, 'u1'), (2, 'u2')",
        "INSERT INTO tags VALUES (1), (2)",
        "INSERT INTO addresses VALUES (1, 1), (2, 1), (3, 2)",
        "INSERT INTO user_tags VALUES (1, 1), (1, 2), (2, 1)",
    ] {
        conn.exec_driver_sql(sql, &[])?;
    }
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    let u1 = s
        .get(&user, &[Value::Integer(1)])?
        .ok_or_else(|| Error::NoResultFound("user 1".into()))?;
    s.delete(u1)?;
    s.flush()?;
    let select_user = "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?";
    let select_addresses =
        "SELECT addresses.id, addresses.user_id \nFROM addresses \nWHERE ? = addresses.user_id";
    let select_tags = "SELECT tags.id \nFROM tags, user_tags \nWHERE ? = user_tags.user_id AND \
                       tags.id = user_tags.tag_id";
    let delete_links = "DELETE FROM user_tags WHERE user_tags.user_id = ? AND user_tags.tag_id = ?";
    let null_fk = "UPDATE addresses SET user_id=? WHERE addresses.id = ?";
    let delete_user = "DELETE FROM users WHERE users.id = ?";
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            select_user,
            "[generated in] (1,)",
            select_addresses,
            "[generated in] (1,)",
            select_tags,
            "[generated in] (1,)",
            delete_links,
            "[generated in] [(1, 1), (1, 2)]",
            null_fk,
            "[generated in] [(None, 1), (None, 2)]",
            delete_user,
            "[generated in] (1,)",
        ]
    );
    // An expired parent: delete() loads nothing here; the flush loads its row (a statement of
    // its own for the cache), then its collections.
    let u2 = s
        .get(&user, &[Value::Integer(2)])?
        .ok_or_else(|| Error::NoResultFound("user 2".into()))?;
    s.expire(u2)?;
    s.delete(u2)?;
    s.flush()?;
    s.commit()?;
    assert_eq!(
        log(&engine),
        [
            select_user,
            "[cached since] (2,)",
            select_user,
            "[generated in] (2,)",
            select_addresses,
            "[cached since] (2,)",
            select_tags,
            "[cached since] (2,)",
            delete_links,
            "[generated in] (2, 1)",
            null_fk,
            "[generated in] (None, 3)",
            delete_user,
            "[cached since] (2,)",
            "COMMIT",
        ]
    );
    Ok(())
}

/// Golden: `crates/orm/tests/sqla/assoc_orphan.py`.
#[test]
fn an_association_object_orphan_is_deleted_by_its_loaded_key() -> Result<()> {
    let md = MetaData::new();
    let orders =
        md.add(Table::new("orders").column(Column::new("id", SqlType::Integer).primary_key()))?;
    let lines = md.add(
        Table::new("lines")
            .column(Column::foreign("order_id", ForeignKey::new("orders.id")?).primary_key())
            .column(Column::new("product_id", SqlType::Integer).primary_key()),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let order = Mapper::new("Order", &orders)?;
    let line = Mapper::new("Line", &lines)?;
    relationship_with(
        &order,
        "lines",
        &line,
        RelationshipOptions {
            back_populates: Some("order".into()),
            cascade: Some("all, delete-orphan".into()),
            ..RelationshipOptions::default()
        },
    )?;
    relationship_with(
        &line,
        "order",
        &order,
        RelationshipOptions {
            back_populates: Some("lines".into()),
            ..RelationshipOptions::default()
        },
    )?;
    let mut conn = engine.connect();
    conn.exec_driver_sql("INSERT INTO orders VALUES (1)", &[])?;
    conn.exec_driver_sql("INSERT INTO lines VALUES (1, 1), (1, 3)", &[])?;
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    let o = s
        .get(&order, &[Value::Integer(1)])?
        .ok_or_else(|| Error::NoResultFound("order 1".into()))?;
    let second = s.related(o, "lines")?[1];
    s.remove_related(o, "lines", second)?;
    s.commit()?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT orders.id \nFROM orders \nWHERE orders.id = ?",
            "[generated in] (1,)",
            "SELECT lines.order_id, lines.product_id \nFROM lines \nWHERE ? = lines.order_id",
            "[generated in] (1,)",
            "DELETE FROM lines WHERE lines.order_id = ? AND lines.product_id = ?",
            "[generated in] (1, 3)",
            "COMMIT",
        ]
    );
    Ok(())
}
