//! Tests of `session.merge()`: the cascade over a one-to-many, a detached object with
//! changes, transient objects without a key, `load=False`. Golden: SQLAlchemy 2.1.9 with
//! `echo=True`, `crates/orm/tests/sqla/merge.py` (output in `merge.out`), timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::query::tests::log;
use crate::relationship::relationship;
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::types::SqlType;

pub(super) struct Fx {
    pub(super) engine: Engine,
    pub(super) user: Rc<Mapper>,
    pub(super) address: Rc<Mapper>,
    pub(super) store: Rc<RefCell<Store>>,
}

/// The golden script's `User` / `Address` with `ed` and two addresses committed.
pub(super) fn fx() -> Result<Fx> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(Some(30))).nullable(false)),
    )?;
    let addresses = md.add(
        Table::new("addresses")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("email", SqlType::String(None)).nullable(false))
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
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
    let f = Fx {
        engine,
        user,
        address,
        store: Rc::new(RefCell::new(Store::new())),
    };
    let ed = f.new_user("ed")?;
    for email in ["ed@a", "ed@b"] {
        let a = f.new_address(email)?;
        f.store.borrow_mut().append_child(ed, "addresses", a)?;
    }
    let mut s = f.session();
    s.add(ed)?;
    s.commit()?;
    s.close()?;
    f.engine.drain_events();
    Ok(f)
}

impl Fx {
    pub(super) fn session(&self) -> Session {
        Session::new(&self.engine, Rc::clone(&self.store))
    }

    pub(super) fn new_user(&self, name: &str) -> Result<ObjectId> {
        self.store
            .borrow_mut()
            .create(&self.user, &[("name".to_owned(), name.into())])
    }

    fn new_address(&self, email: &str) -> Result<ObjectId> {
        self.store
            .borrow_mut()
            .create(&self.address, &[("email".to_owned(), email.into())])
    }
}

pub(super) fn must(id: Option<ObjectId>) -> Result<ObjectId> {
    id.ok_or_else(|| Error::InvalidRequestError("no such object".into()))
}

fn emails(s: &mut Session, ids: &[ObjectId]) -> Result<Vec<Value>> {
    ids.iter().map(|&a| s.get_attr(a, "email")).collect()
}

fn states(s: &Session, ids: &[ObjectId]) -> Result<Vec<ObjectState>> {
    let store = s.store.borrow();
    ids.iter().map(|&a| Ok(store.get(a)?.state)).collect()
}

/// `ed` as a new session loads it with its addresses, detached by close().
fn loaded_ed(f: &Fx) -> Result<ObjectId> {
    let mut s = f.session();
    let ed = must(s.get(&f.user, &[Value::Integer(1)])?)?;
    s.related(ed, "addresses")?;
    s.close()?;
    Ok(ed)
}

const SELECT_USER: &str = "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?";
const SELECT_ADDRESSES: &str = "SELECT addresses.id, addresses.email, addresses.user_id \nFROM addresses \nWHERE ? = addresses.user_id";

/// The golden script's first section.
fn detached_with_changes(f: &Fx) -> Result<()> {
    let ed = loaded_ed(f)?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            SELECT_USER,
            "[generated in] (1,)",
            SELECT_ADDRESSES,
            "[generated in] (1,)",
            "ROLLBACK",
        ]
    );
    let first = f
        .store
        .borrow()
        .related(ed, "addresses")?
        .unwrap_or_default()[0];
    f.store.borrow_mut().set_attr(ed, "name", "edward".into())?;
    f.store
        .borrow_mut()
        .set_attr(first, "email", "edward@a".into())?;
    let c = f.new_address("edward@c")?;
    f.store.borrow_mut().append_child(ed, "addresses", c)?;

    let mut s = f.session();
    let m = s.merge(ed)?;
    assert_ne!(m, ed);
    assert_eq!(s.get_attr(m, "name")?, Value::from("edward"));
    let addresses = s.related(m, "addresses")?;
    assert_eq!(
        emails(&mut s, &addresses)?,
        ["edward@a", "ed@b", "edward@c"].map(Value::from)
    );
    assert_eq!(
        states(&s, &addresses)?,
        [
            ObjectState::Persistent,
            ObjectState::Persistent,
            ObjectState::Pending
        ]
    );
    assert!(!addresses.contains(&c) && !addresses.contains(&first));
    // Every attribute merge() sets makes the object dirty, changed or not.
    let dirty = s.dirty();
    assert!(dirty.contains(&m) && dirty.contains(&addresses[0]) && dirty.contains(&addresses[1]));
    assert_eq!(s.new_objects(), [addresses[2]]);
    s.commit()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            SELECT_USER,
            "[cached since] (1,)",
            SELECT_ADDRESSES,
            "[cached since] (1,)",
            "UPDATE users SET name=? WHERE users.id = ?",
            "[generated in] ('edward', 1)",
            "UPDATE addresses SET email=? WHERE addresses.id = ?",
            "[generated in] ('edward@a', 1)",
            "INSERT INTO addresses (email, user_id) VALUES (?, ?)",
            "[generated in] ('edward@c', 1)",
            "COMMIT",
        ]
    );
    Ok(())
}

/// The golden script's second section.
fn transient_without_a_key(f: &Fx) -> Result<()> {
    let mut s = f.session();
    let u = f.new_user("gary")?;
    let a = f.new_address("gary@a")?;
    f.store.borrow_mut().append_child(u, "addresses", a)?;
    let m = s.merge(u)?;
    assert_ne!(m, u);
    assert_eq!(
        states(&s, &[m, u])?,
        [ObjectState::Pending, ObjectState::Transient]
    );
    assert_eq!(s.new_objects().len(), 2);
    let copy = s.related(m, "addresses")?[0];
    assert_ne!(copy, a);
    assert_eq!(s.related(copy, "user")?, [m]);
    s.commit()?;
    assert_eq!(s.get_attr(m, "id")?, Value::Integer(2));
    let copy = s.related(m, "addresses")?[0];
    assert_eq!(s.get_attr(copy, "id")?, Value::Integer(4));
    s.close()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO users (name) VALUES (?)",
            "[cached since] ('gary',)",
            "INSERT INTO addresses (email, user_id) VALUES (?, ?)",
            "[cached since] ('gary@a', 2)",
            "COMMIT",
            "BEGIN (implicit)",
            SELECT_USER,
            "[generated in] (2,)",
            SELECT_ADDRESSES,
            "[cached since] (2,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn merge_of_a_detached_object_with_changes_cascades_over_the_one_to_many() -> Result<()> {
    detached_with_changes(&fx()?)
}

#[test]
fn merge_of_transient_objects_without_a_key_makes_new_pending_copies() -> Result<()> {
    let f = fx()?;
    detached_with_changes(&f)?;
    transient_without_a_key(&f)
}

#[test]
fn merge_with_load_false_trusts_a_clean_object_and_refuses_others() -> Result<()> {
    let f = fx()?;
    detached_with_changes(&f)?;
    transient_without_a_key(&f)?;
    load_false(&f)
}

/// The golden script's first three sections, in order (the log's cache notes depend on
/// what ran before).
pub(super) fn merge_sections(f: &Fx) -> Result<()> {
    detached_with_changes(f)?;
    transient_without_a_key(f)?;
    load_false(f)
}

/// The golden script's third section.
fn load_false(f: &Fx) -> Result<()> {
    let ed = loaded_ed(f)?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            SELECT_USER,
            "[cached since] (1,)",
            SELECT_ADDRESSES,
            "[cached since] (1,)",
            "ROLLBACK",
        ]
    );
    let mut s = f.session();
    let no_load = MergeOptions {
        load: false,
        cascade: None,
    };
    let m = s.merge_with(ed, &no_load)?;
    assert_eq!(s.get_attr(m, "name")?, Value::from("edward"));
    assert_eq!(states(&s, &[m])?, [ObjectState::Persistent]);
    assert!(s.dirty().is_empty());
    let addresses = s.related(m, "addresses")?;
    assert_eq!(
        emails(&mut s, &addresses)?,
        ["edward@a", "ed@b", "edward@c"].map(Value::from)
    );
    assert_eq!(s.identity_map().len(), 4);
    s.commit()?;
    // No SQL at all: not even a BEGIN.
    assert!(log(&f.engine).is_empty());

    let mut s = f.session();
    let x = f.new_user("x")?;
    let err = |r: Result<ObjectId>| r.err().map(|e| e.to_string());
    assert_eq!(
        err(s.merge_with(x, &no_load)).as_deref(),
        Some(
            "merge() with load=False option does not support objects transient (i.e. \
             unpersisted) objects.  flush() all changes on mapped instances before merging \
             with load=False."
        )
    );
    f.store
        .borrow_mut()
        .set_attr(ed, "name", "changed".into())?;
    assert_eq!(
        err(s.merge_with(ed, &no_load)).as_deref(),
        Some(
            "merge() with load=False option does not support objects marked as 'dirty'.  \
             flush() all changes on mapped instances before merging with load=False."
        )
    );
    Ok(())
}
