//! Tests of the weak identity map ([`Session::prune`]). Golden: SQLAlchemy 2.1.9 with
//! `echo=True`, the last section of `crates/orm/tests/sqla/merge.py` (output in
//! `merge.out`), timings blanked; `gc.collect()` after `del` is a prune here.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::merge_tests::{fx, merge_sections, must};
use super::*;
use crate::query::tests::log;

const SELECT_USER: &str = "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?";

#[test]
fn clean_unreferenced_objects_leave_the_session_and_changed_ones_stay() -> Result<()> {
    let f = fx()?;
    merge_sections(&f)?;
    f.engine.drain_events();
    let nothing = |_: ObjectId| false;
    let mut s = f.session();
    let wendy = f.new_user("wendy")?;
    s.add(wendy)?;
    // A pending object is held strongly.
    assert!(s.prune(nothing)?.is_empty());
    s.commit()?;
    assert_eq!(s.prune(nothing)?, [wendy]);
    assert!(s.identity_map().is_empty());
    assert_eq!(s.store.borrow().get(wendy)?.state, ObjectState::Detached);

    let w = must(s.get(&f.user, &[Value::Integer(3)])?)?;
    assert_ne!(w, wendy);
    assert_eq!(s.get_attr(w, "name")?, Value::from("wendy"));
    assert!(s.prune(|id| id == w)?.is_empty());
    assert_eq!(s.identity_map().len(), 1);
    assert_eq!(s.get(&f.user, &[Value::Integer(3)])?, Some(w));
    s.prune(nothing)?;
    assert!(s.identity_map().is_empty());

    // A dirty object is held until the flush.
    let w = must(s.get(&f.user, &[Value::Integer(3)])?)?;
    s.set_attr(w, "name", "wendy2".into())?;
    assert!(s.prune(nothing)?.is_empty());
    assert_eq!((s.identity_map().len(), s.dirty().len()), (1, 1));
    s.flush()?;
    s.prune(nothing)?;
    assert!(s.identity_map().is_empty());

    // Loaded relationships of a referenced object keep their objects.
    let u = must(s.get(&f.user, &[Value::Integer(1)])?)?;
    assert_eq!(s.related(u, "addresses")?.len(), 3);
    assert!(s.prune(|id| id == u)?.is_empty());
    assert_eq!(s.identity_map().len(), 4);
    assert_eq!(s.prune(nothing)?.len(), 4);
    assert!(s.identity_map().is_empty());
    s.rollback()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO users (name) VALUES (?)",
            "[cached since] ('wendy',)",
            "COMMIT",
            "BEGIN (implicit)",
            SELECT_USER,
            "[cached since] (3,)",
            SELECT_USER,
            "[cached since] (3,)",
            "UPDATE users SET name=? WHERE users.id = ?",
            "[cached since] ('wendy2', 3)",
            SELECT_USER,
            "[cached since] (1,)",
            "SELECT addresses.id, addresses.email, addresses.user_id \nFROM addresses \nWHERE ? = addresses.user_id",
            "[cached since] (1,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

/// As SQLAlchemy 2.1.9: `a = Address(email="x", user=s.get(User, 1))` keeps the user in the
/// identity map (`len(s.identity_map)` is 1), and after `del a; gc.collect()` too: the
/// backref's pending append to the unloaded `user.addresses` made the user dirty.
#[test]
fn a_held_transient_object_keeps_what_it_refers_to() -> Result<()> {
    let f = fx()?;
    let mut s = f.session();
    let u = must(s.get(&f.user, &[Value::Integer(1)])?)?;
    let a = f
        .store
        .borrow_mut()
        .create(&f.address, &[("email".to_owned(), "x".into())])?;
    f.store.borrow_mut().set_parent(a, "user", Some(u))?;
    assert!(s.prune(|id| id == a)?.is_empty());
    assert_eq!(s.identity_map().len(), 1);
    assert!(s.prune(|_| false)?.is_empty());
    assert_eq!(s.dirty(), [u]);
    Ok(())
}
