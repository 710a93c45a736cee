//! Tests of `begin()` blocks, `no_autoflush`, `merge()` and `lazy="raise"`. Goldens:
//! SQLAlchemy 2.1.9 with `echo=True`, `crates/orm/tests/sqla/session_more.py` (output in
//! `session_more.out`), timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::query::tests::log;
use crate::query::{Cell, Entity, select};
use crate::relationship::{Lazy, RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::types::SqlType;

struct Fx {
    engine: Engine,
    user: Rc<Mapper>,
    /// Kept alive: relationships hold their targets weakly.
    _note: Rc<Mapper>,
    store: Rc<RefCell<Store>>,
}

fn fx() -> Result<Fx> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(Some(30))).nullable(false)),
    )?;
    let notes = md.add(
        Table::new("notes")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("text", SqlType::String(None)).nullable(false))
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?).nullable(false)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let user = Mapper::new("User", &users)?;
    let note = Mapper::new("Note", &notes)?;
    relationship_with(
        &user,
        "notes",
        &note,
        RelationshipOptions {
            lazy: Lazy::Raise,
            ..RelationshipOptions::default()
        },
    )?;
    Ok(Fx {
        engine,
        user,
        _note: note,
        store: Rc::new(RefCell::new(Store::new())),
    })
}

fn user(f: &Fx, vals: &[(&str, Value)]) -> Result<ObjectId> {
    let vals: Vec<(String, Value)> = vals
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    f.store.borrow_mut().create(&f.user, &vals)
}

fn by_name(f: &Fx, name: &str) -> Result<crate::query::OrmSelect> {
    let u = Entity::of(&f.user);
    Ok(select(vec![u.clone().into()]).where_(u.c("name")?.eq(name)))
}

#[test]
fn begin_blocks_commit_or_roll_back_and_no_autoflush_defers_the_flush() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let (ed, wendy) = (
        user(&f, &[("name", "ed".into())])?,
        user(&f, &[("name", "wendy".into())])?,
    );
    s.begin(|s| s.add_all(&[ed, wendy]))?;
    assert!(!s.in_transaction());
    let x = user(&f, &[("name", "x".into())])?;
    let err = s.begin(|s| {
        s.add(x)?;
        Err::<(), _>(Error::InvalidRequestError("boom".into()))
    });
    assert!(err.is_err());
    assert_eq!(s.store.borrow().get(x)?.state, ObjectState::Transient);
    assert_eq!(s.scalar(&by_name(&f, "x")?)?, None);
    let again = s.begin(|_| Ok(()));
    assert_eq!(
        again.err().map(|e| e.to_string()).as_deref(),
        Some("A transaction is already begun on this Session.")
    );
    s.close()?;
    let mary = user(&f, &[("name", "mary".into())])?;
    s.add(mary)?;
    let hidden = s.no_autoflush(|s| Ok(s.scalars(&by_name(&f, "mary")?)?.first()))?;
    assert_eq!(hidden, None);
    assert!(s.autoflush);
    assert_eq!(
        s.scalars(&by_name(&f, "mary")?)?.first(),
        Some(Cell::Object(mary))
    );
    s.rollback()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO users (name) VALUES (?) RETURNING id",
            "[generated in (insertmanyvalues) 1/2 (ordered; batch not supported)] ('ed',)",
            "INSERT INTO users (name) VALUES (?) RETURNING id",
            "[insertmanyvalues 2/2 (ordered; batch not supported)] ('wendy',)",
            "COMMIT",
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.name = ?",
            "[generated in] ('x',)",
            "ROLLBACK",
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.name = ?",
            "[cached since] ('mary',)",
            "INSERT INTO users (name) VALUES (?)",
            "[generated in] ('mary',)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.name = ?",
            "[cached since] ('mary',)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn merge_copies_onto_the_persistent_object_or_adds_a_new_one() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let ed = user(&f, &[("name", "ed".into())])?;
    s.add(ed)?;
    s.commit()?;
    s.close()?;
    f.engine.drain_events();
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let given = user(&f, &[("id", Value::Integer(1)), ("name", "edward".into())])?;
    let merged = s.merge(given)?;
    // `ed` was detached by close(): the new session loads its own copy of row 1.
    assert!(merged != ed && merged != given);
    assert_eq!(s.get_attr(merged, "name")?, Value::from("edward"));
    assert_eq!(s.dirty(), [merged]);
    assert_eq!(s.merge(merged)?, merged);
    assert_eq!(s.store.borrow().get(given)?.state, ObjectState::Transient);
    let fresh = user(&f, &[("id", Value::Integer(99)), ("name", "new".into())])?;
    let copy = s.merge(fresh)?;
    assert_ne!(copy, fresh);
    assert_eq!(s.new_objects(), [copy]);
    s.commit()?;
    // A new `with Session(engine)` block, as the golden script: its get() is not a refresh.
    s.close()?;
    let u = must(s.get(&f.user, &[Value::Integer(1)])?)?;
    assert_eq!(
        s.related(u, "notes")
            .err()
            .map(|e| e.to_string())
            .as_deref(),
        Some("'User.notes' is not available due to lazy='raise'")
    );
    s.close()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
            // merge() autoflushes first.
            "UPDATE users SET name=? WHERE users.id = ?",
            "[generated in] ('edward', 1)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?",
            "[cached since] (99,)",
            "INSERT INTO users (id, name) VALUES (?, ?)",
            "[generated in] (99, 'new')",
            "COMMIT",
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?",
            "[cached since] (1,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

fn must(id: Option<ObjectId>) -> Result<ObjectId> {
    id.ok_or_else(|| Error::InvalidRequestError("no such object".into()))
}

/// Goldens: `crates/orm/tests/sqla/history.py` (output in `history.out`).
#[test]
fn history_detached_delete_and_duplicate_identities() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let u = user(&f, &[("name", "ed".into())])?;
    let h = |added: &[&str], unchanged: &[&str], deleted: &[&str]| History {
        added: added.iter().map(|&v| Value::from(v)).collect(),
        unchanged: unchanged.iter().map(|&v| Value::from(v)).collect(),
        deleted: deleted.iter().map(|&v| Value::from(v)).collect(),
    };
    assert_eq!(s.history(u, "name")?, h(&["ed"], &[], &[]));
    s.add(u)?;
    s.commit()?;
    assert_eq!(s.history(u, "name")?, h(&[], &[], &[]));
    assert_eq!(s.get_attr(u, "name")?, Value::from("ed"));
    assert_eq!(s.history(u, "name")?, h(&[], &["ed"], &[]));
    s.set_attr(u, "name", "edward".into())?;
    assert_eq!(s.history(u, "name")?, h(&["edward"], &[], &["ed"]));
    s.commit()?;
    s.close()?;
    f.engine.drain_events();
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    s.delete(u)?;
    s.commit()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?",
            "[cached since] (1,)",
            "SELECT notes.id, notes.text, notes.user_id \nFROM notes \nWHERE ? = notes.user_id",
            "[generated in] (1,)",
            "DELETE FROM users WHERE users.id = ?",
            "[generated in] (1,)",
            "COMMIT",
        ]
    );
    let five = user(&f, &[("id", Value::Integer(5)), ("name", "x".into())])?;
    s.add(five)?;
    s.commit()?;
    let a = must(s.get(&f.user, &[Value::Integer(5)])?)?;
    s.expunge(a)?;
    let b = must(s.get(&f.user, &[Value::Integer(5)])?)?;
    assert_ne!(a, b);
    let err = s.add(a).err().map(|e| e.to_string());
    assert_eq!(
        err,
        Some(format!(
            "Can't attach instance <User at 0x{:x}>; another instance with key (<class \
             '__main__.User'>, (5,), None) is already present in this session.",
            a.0
        ))
    );
    assert_eq!(s.store.borrow().get(a)?.state, ObjectState::Detached);
    Ok(())
}
