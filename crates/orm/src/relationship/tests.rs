//! Relationship tests: in-memory back_populates and flush order with foreign keys copied.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::query::tests::log;
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::session::{Session, Store};
use crate::types::SqlType;
use crate::{Engine, Value};
use std::cell::RefCell;

/// Users with addresses (`all, delete-orphan`) and each address's user, both sides linked:
/// the engine (its log drained), the `User` and `Address` mappers.
fn users_and_addresses() -> crate::Result<(Engine, Rc<Mapper>, Rc<Mapper>)> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(Some(30)))),
    )?;
    let addresses = md.add(
        Table::new("addresses")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("email", SqlType::String(None)))
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let user = Mapper::new("User", &users)?;
    let address = Mapper::new("Address", &addresses)?;
    relationship(
        &user,
        "addresses",
        &address,
        Some("user"),
        "all, delete-orphan",
    )?;
    relationship(
        &address,
        "user",
        &user,
        Some("addresses"),
        "save-update, merge",
    )?;
    Ok((engine, user, address))
}

#[test]
fn parents_insert_first_children_delete_first_and_keys_are_copied() -> crate::Result<()> {
    let (engine, user, address) = users_and_addresses()?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let (a1, u, a2) = {
        let mut st = store.borrow_mut();
        let a1 = st.create(&address, &[("email".into(), "x".into())])?;
        let u = st.create(&user, &[("name".into(), "u".into())])?;
        st.set_parent(a1, "user", Some(u))?;
        assert_eq!(st.related(u, "addresses")?, Some(vec![a1]));
        let a2 = st.create(&address, &[("email".into(), "y".into())])?;
        st.append_child(u, "addresses", a2)?;
        (a1, u, a2)
    };
    s.add(a2)?;
    // Cascade order as SQLAlchemy's: a2, then its user, then the user's other address.
    assert_eq!(s.new_objects(), [a2, u, a1]);
    s.commit()?;
    // Golden: SQLAlchemy 2.1.9 (/tmp/g/rel.py).
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO users (name) VALUES (?)",
            "[generated in] ('u',)",
            "INSERT INTO addresses (email, user_id) VALUES (?, ?) RETURNING id",
            "[generated in (insertmanyvalues) 1/2 (ordered; batch not supported)] ('y', 1)",
            "INSERT INTO addresses (email, user_id) VALUES (?, ?) RETURNING id",
            "[insertmanyvalues 2/2 (ordered; batch not supported)] ('x', 1)",
            "COMMIT",
        ]
    );
    let mut s = Session::new(&engine, Rc::clone(&store));
    let Some(u2) = s.get(&user, &[Value::Integer(1)])? else {
        panic!("no user 1")
    };
    let kids = s.related(u2, "addresses")?;
    let emails: Vec<Value> = kids
        .iter()
        .map(|&k| s.get_attr(k, "email"))
        .collect::<crate::Result<_>>()?;
    assert_eq!(emails, [Value::from("y"), Value::from("x")]);
    s.delete(u2)?;
    s.commit()?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
            "SELECT addresses.id, addresses.email, addresses.user_id \nFROM addresses \nWHERE ? = addresses.user_id",
            "[generated in] (1,)",
            "DELETE FROM addresses WHERE addresses.id = ?",
            "[generated in] [(1,), (2,)]",
            "DELETE FROM users WHERE users.id = ?",
            "[generated in] (1,)",
            "COMMIT",
        ]
    );
    Ok(())
}

/// Golden: `crates/orm/tests/sqla/backref_cascade.py` (output in `backref_cascade.out`).
#[test]
fn assigning_the_many_to_one_side_does_not_cascade_into_the_session() -> crate::Result<()> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None)).nullable(false)),
    )?;
    let addresses = md.add(
        Table::new("addresses")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("email", SqlType::String(None)).nullable(false))
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let user = Mapper::new("User", &users)?;
    let address = Mapper::new("Address", &addresses)?;
    relationship(
        &user,
        "addresses",
        &address,
        Some("user"),
        "save-update, merge",
    )?;
    relationship(
        &address,
        "user",
        &user,
        Some("addresses"),
        "save-update, merge",
    )?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let mk = |m: &Rc<Mapper>, col: &str, v: &str| {
        store.borrow_mut().create(m, &[(col.to_owned(), v.into())])
    };
    let u = mk(&user, "name", "u")?;
    s.add(u)?;
    let a = mk(&address, "email", "by-backref")?;
    store.borrow_mut().set_parent(a, "user", Some(u))?;
    let b = mk(&address, "email", "appended")?;
    s.append_related(u, "addresses", b)?;
    assert_eq!(s.new_objects(), [u, b]);
    s.flush()?;
    assert_eq!(
        store.borrow().get(a)?.state,
        crate::session::ObjectState::Transient
    );
    assert_eq!(s.get_attr(b, "id")?, Value::Integer(1));
    s.rollback()?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO users (name) VALUES (?)",
            "[generated in] ('u',)",
            "INSERT INTO addresses (email, user_id) VALUES (?, ?)",
            "[generated in] ('appended', 1)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

/// Golden: `crates/orm/tests/sqla/cascade_attached.py` (output in `cascade_attached.out`).
#[test]
fn a_loaded_relationship_cascades_nothing() -> crate::Result<()> {
    let (engine, user, address) = users_and_addresses()?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let u = store
        .borrow_mut()
        .create(&user, &[("name".into(), "u".into())])?;
    let a = store
        .borrow_mut()
        .create(&address, &[("email".into(), "x".into())])?;
    store.borrow_mut().append_child(u, "addresses", a)?;
    s.add(u)?;
    s.commit()?;
    s.close()?;
    engine.drain_events();
    let mut s = Session::new(&engine, Rc::clone(&store));
    let Some(a) = s.get(&address, &[Value::Integer(1)])? else {
        panic!("no address 1")
    };
    let [u] = s.related(a, "user")?[..] else {
        panic!("no user")
    };
    s.expunge(u)?;
    store.borrow_mut().make_transient(u)?;
    s.flush()?;
    // `a.user` is as loaded: the user that left the session stays out of it.
    assert_eq!(
        store.borrow().get(u)?.state,
        crate::session::ObjectState::Transient
    );
    let v = store
        .borrow_mut()
        .create(&user, &[("name".into(), "v".into())])?;
    store.borrow_mut().set_parent(a, "user", Some(v))?;
    s.flush()?;
    assert_eq!(s.get_attr(a, "user_id")?, Value::Integer(2));
    assert_eq!(
        store.borrow().get(v)?.state,
        crate::session::ObjectState::Persistent
    );
    s.close()?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT addresses.id, addresses.email, addresses.user_id \nFROM addresses \nWHERE \
             addresses.id = ?",
            "[generated in] (1,)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
            "INSERT INTO users (name) VALUES (?)",
            "[cached since] ('v',)",
            "UPDATE addresses SET user_id=? WHERE addresses.id = ?",
            "[generated in] (2, 1)",
            "ROLLBACK",
        ]
    );
    Ok(())
}
