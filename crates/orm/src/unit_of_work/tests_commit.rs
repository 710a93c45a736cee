//! When the values a flush's INSERTs wrote become committed: as SQLAlchemy, at the end of the
//! flush (generated keys at once), so a flush or commit that fails leaves the objects it
//! inserted with their values still added; a COMMIT that fails after the flush leaves them
//! committed. Golden: SQLAlchemy 2.1.9, `crates/orm/tests/sqla/flush_commits.py` (output in
//! `flush_commits.out`).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::mapper::Mapper;
use crate::schema::{Column, MetaData, Table};
use crate::session::{History, ObjectId, ObjectState, Session, Store};
use crate::types::SqlType;
use crate::{Engine, Error, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;

fn named(name: &str) -> Column {
    Column::new(name, SqlType::String(None)).nullable(false)
}

fn added(v: Value) -> History {
    History {
        added: vec![v],
        ..History::default()
    }
}

fn unchanged(v: Value) -> History {
    History {
        unchanged: vec![v],
        ..History::default()
    }
}

/// Each object's state, `id` and history of `id` and `name`.
type Seen = (ObjectState, Option<Value>, History, History);

/// An `Item` flushed alone (`a`), then in a second flush (`commit` or not) two more, `b`
/// with a generated key and `c` with key 7, and a `Tag` whose NULL name fails after them.
fn after_failure(commit: bool) -> Result<Vec<Seen>> {
    let md = MetaData::new();
    let int_pk = || Column::new("id", SqlType::Integer).primary_key();
    let items = md.add(Table::new("item").column(int_pk()).column(named("name")))?;
    let tags = md.add(Table::new("tag").column(int_pk()).column(named("name")))?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, false)?;
    let (item, tag) = (Mapper::new("Item", &items)?, Mapper::new("Tag", &tags)?);
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let name = |n: &str| ("name".to_owned(), Value::from(n));
    let a = store.borrow_mut().create(&item, &[name("a")])?;
    s.add(a)?;
    s.flush()?;
    let bad = store
        .borrow_mut()
        .create(&tag, &[("name".into(), Value::Null)])?;
    let b = store.borrow_mut().create(&item, &[name("b")])?;
    let c = store
        .borrow_mut()
        .create(&item, &[name("c"), ("id".into(), Value::Integer(7))])?;
    s.add_all(&[bad, b, c])?;
    let failed = if commit { s.commit() } else { s.flush() };
    assert!(matches!(failed, Err(Error::Dbapi { .. })), "{failed:?}");
    let seen = |s: &Session, id: ObjectId| -> Result<Seen> {
        let inst = store.borrow().get(id)?.clone();
        Ok((
            inst.state,
            inst.values[0].clone(),
            s.history(id, "id")?,
            s.history(id, "name")?,
        ))
    };
    let mut out = Vec::new();
    for id in [a, b, c] {
        out.push(seen(&s, id)?);
    }
    s.rollback()?;
    for id in [a, b, c] {
        out.push(seen(&s, id)?);
    }
    Ok(out)
}

#[test]
fn a_failed_flush_leaves_the_values_it_inserted_uncommitted() -> Result<()> {
    let flushed = after_failure(false)?;
    let (one, two, seven) = (Value::Integer(1), Value::Integer(2), Value::Integer(7));
    let expected = [
        // Flushed before: committed. A generated key is committed at once, a given one
        // and the other values only when the flush ends.
        (
            ObjectState::Transient,
            Some(one.clone()),
            unchanged(one),
            unchanged("a".into()),
        ),
        (
            ObjectState::Transient,
            Some(two.clone()),
            unchanged(two),
            added("b".into()),
        ),
        (
            ObjectState::Transient,
            Some(seven.clone()),
            added(seven),
            added("c".into()),
        ),
    ];
    // The rollback (the failed flush ran it) leaves them so.
    assert_eq!(flushed[..3], expected);
    assert_eq!(flushed[3..], expected);
    // A commit whose flush fails: the same.
    assert_eq!(after_failure(true)?, flushed);
    Ok(())
}

/// A COMMIT that SQLite refuses (a deferred foreign key left dangling): the objects the
/// flush inserted keep their values as committed until the rollback, as after a flush.
#[test]
fn a_refused_commit_leaves_the_inserted_values_committed() -> Result<()> {
    let engine = Engine::in_memory()?;
    engine
        .sqlite()
        .execute_batch(
            "PRAGMA foreign_keys = ON;
         CREATE TABLE parent (id INTEGER PRIMARY KEY);
         CREATE TABLE child (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL,
             parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);",
        )
        .map_err(|e| Error::from_driver(e, "", &[]))?;
    let md = MetaData::new();
    let children = md.add(
        Table::new("child")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(named("name"))
            .column(Column::new("parent_id", SqlType::Integer)),
    )?;
    let mapper = Mapper::new("Child", &children)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let orphan = store.borrow_mut().create(
        &mapper,
        &[
            ("name".into(), "x".into()),
            ("parent_id".into(), Value::Integer(9)),
        ],
    )?;
    s.add(orphan)?;
    let refused = s.commit();
    assert!(
        matches!(&refused, Err(Error::Dbapi { message, .. }) if message.contains("FOREIGN KEY")),
        "{refused:?}"
    );
    let committed = History {
        unchanged: vec![Value::from("x")],
        ..History::default()
    };
    assert_eq!(s.history(orphan, "name")?, committed);
    assert_eq!(store.borrow().get(orphan)?.state, ObjectState::Persistent);
    s.rollback()?;
    assert_eq!(store.borrow().get(orphan)?.state, ObjectState::Transient);
    assert_eq!(s.history(orphan, "name")?, committed);
    Ok(())
}
