//! Tests of `begin_nested()`. Golden: SQLAlchemy 2.1.9 with `echo=True`,
//! `crates/orm/tests/sqla/savepoint.py` (output in `savepoint.out`), timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::query::tests::log;
use crate::schema::{Column, MetaData, Table};
use crate::types::SqlType;

#[test]
fn savepoints_release_or_roll_back_to_their_objects_states() -> Result<()> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None))),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let user = Mapper::new("User", &users)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let new = |name: &str| {
        store
            .borrow_mut()
            .create(&user, &[("name".to_owned(), name.into())])
    };
    let mut s = Session::new(&engine, Rc::clone(&store));
    let a = new("a")?;
    s.add(a)?;
    s.begin_nested()?;
    let b = new("b")?;
    s.add(b)?;
    s.commit_nested()?;
    s.begin_nested()?;
    let c = new("c")?;
    s.add(c)?;
    s.flush()?;
    s.set_attr(a, "name", "a2".into())?;
    s.rollback_nested()?;
    let state = |id: ObjectId| store.borrow().get(id).map(|i| i.state);
    assert_eq!(state(a)?, ObjectState::Persistent);
    assert_eq!(state(b)?, ObjectState::Persistent);
    assert_eq!(state(c)?, ObjectState::Transient);
    assert_eq!(s.get_attr(a, "name")?, Value::from("a"));
    s.commit()?;
    let insert = "INSERT INTO users (name) VALUES (?)";
    // Timings blanked, `[no key ...]` included.
    let lines: Vec<String> = log(&engine)
        .into_iter()
        .map(|l| match l.strip_prefix("[no key ") {
            Some(rest) => format!("[no key]{}", rest.split_once(']').map_or("", |(_, r)| r)),
            None => l,
        })
        .collect();
    assert_eq!(
        lines,
        [
            "BEGIN (implicit)",
            insert,
            "[generated in] ('a',)",
            "SAVEPOINT sa_savepoint_1",
            "[no key] ()",
            insert,
            "[cached since] ('b',)",
            "RELEASE SAVEPOINT sa_savepoint_1",
            "[no key] ()",
            "SAVEPOINT sa_savepoint_2",
            "[no key] ()",
            insert,
            "[cached since] ('c',)",
            "ROLLBACK TO SAVEPOINT sa_savepoint_2",
            "[no key] ()",
            "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
            "COMMIT",
        ]
    );
    Ok(())
}

/// Golden: `crates/orm/tests/sqla/savepoint_updates.py`.
#[test]
fn a_row_updated_inside_a_rolled_back_savepoint_expires() -> Result<()> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("u")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None))),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("U", &users)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let new = |name: &str| {
        store
            .borrow_mut()
            .create(&user, &[("name".to_owned(), name.into())])
    };
    let (u, v) = (new("a")?, new("v")?);
    s.add_all(&[u, v])?;
    s.commit()?;
    assert_eq!(s.get_attr(u, "name")?, Value::from("a"));
    assert_eq!(s.get_attr(v, "name")?, Value::from("v"));
    s.begin_nested()?;
    s.set_attr(u, "name", "b".into())?;
    s.flush()?;
    s.rollback_nested()?;
    let expired = |id: ObjectId| store.borrow().get(id).map(|i| i.values[1].is_none());
    assert_eq!((expired(u)?, expired(v)?), (true, false));
    assert_eq!(s.get_attr(u, "name")?, Value::from("a"));
    s.begin_nested()?;
    s.set_attr(u, "name", "c".into())?;
    s.flush()?;
    s.commit_nested()?;
    assert_eq!(s.get_attr(u, "name")?, Value::from("c"));
    s.rollback()?;
    assert_eq!(s.get_attr(u, "name")?, Value::from("a"));
    Ok(())
}

/// A savepoint's `SAVEPOINT` runs with the first statement inside it: one where nothing
/// ran emits nothing when it ends, and numbers count only the savepoints emitted
/// (`session_savepoint_lazy_echo.py` in the corpus).
#[test]
fn savepoints_open_with_their_first_statement() -> Result<()> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None))),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let user = Mapper::new("User", &users)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    s.begin_nested()?;
    let a = store
        .borrow_mut()
        .create(&user, &[("name".to_owned(), "a".into())])?;
    s.add(a)?;
    s.rollback_nested()?;
    s.begin_nested()?;
    s.commit_nested()?;
    assert!(log(&engine).is_empty());
    assert!(s.in_transaction());
    s.begin_nested()?;
    s.add(a)?;
    s.commit_nested()?;
    let lines: Vec<String> = log(&engine)
        .into_iter()
        .filter(|l| !l.starts_with('['))
        .collect();
    assert_eq!(
        lines,
        [
            "BEGIN (implicit)",
            "SAVEPOINT sa_savepoint_1",
            "INSERT INTO users (name) VALUES (?)",
            "RELEASE SAVEPOINT sa_savepoint_1",
        ]
    );
    Ok(())
}
