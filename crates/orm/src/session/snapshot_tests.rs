//! Snapshot tests: what a session snapshot shows, and that taking one changes nothing.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::mapper::Mapper;
use crate::relationship::{RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::types::SqlType;
use crate::{Engine, Value};

struct Fx {
    engine: Engine,
    user: Rc<crate::mapper::Mapper>,
    address: Rc<crate::mapper::Mapper>,
    store: Rc<RefCell<Store>>,
}

fn fx() -> Result<Fx> {
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
    relationship_with(
        &user,
        "addresses",
        &address,
        RelationshipOptions {
            backref: Some("user".into()),
            ..RelationshipOptions::default()
        },
    )?;
    Ok(Fx {
        engine,
        user,
        address,
        store: Rc::new(RefCell::new(Store::new())),
    })
}

#[test]
fn pending_objects_show_their_state_values_and_the_insert_plan() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let ed = f
        .store
        .borrow_mut()
        .create(&f.user, &[("name".into(), "ed".into())])?;
    let home = f
        .store
        .borrow_mut()
        .create(&f.address, &[("email".into(), "ed@home".into())])?;
    f.store.borrow_mut().append_child(ed, "addresses", home)?;
    s.add(ed)?;
    let transitions = Transition::from_events(&f.engine.drain_events());
    let snap = s.snapshot();
    assert_eq!(snap.new, [ed.0, home.0]);
    assert!(snap.dirty.is_empty() && snap.deleted.is_empty() && snap.identity_map.is_empty());
    let user = &snap.objects[0];
    assert_eq!(
        (
            user.class_name.as_str(),
            user.state,
            user.identity_key.clone()
        ),
        ("User", ObjectState::Pending, None)
    );
    let name = &user.attributes[1];
    assert_eq!(
        (name.name.as_str(), name.value.as_deref(), name.modified),
        ("name", Some("'ed'"), true)
    );
    assert_eq!(user.attributes[0].value, None);
    assert!(!user.attributes[0].expired);
    assert_eq!(user.relationships[0].objects, [home.0]);
    let kinds: Vec<(StepKind, &str, &[usize])> = snap
        .flush_plan
        .iter()
        .map(|st| (st.kind, st.table.as_str(), st.objects.as_slice()))
        .collect();
    assert_eq!(
        kinds,
        [
            (StepKind::Insert, "users", &[ed.0][..]),
            (StepKind::Insert, "addresses", &[home.0][..])
        ]
    );
    assert_eq!(
        transitions
            .iter()
            .map(|t| (t.class_name.as_str(), t.from, t.to))
            .collect::<Vec<_>>(),
        [
            ("User", ObjectState::Transient, ObjectState::Pending),
            ("Address", ObjectState::Transient, ObjectState::Pending)
        ]
    );
    Ok(())
}

#[test]
fn a_snapshot_runs_no_sql_and_changes_nothing() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let ed = f
        .store
        .borrow_mut()
        .create(&f.user, &[("name".into(), "ed".into())])?;
    s.add(ed)?;
    s.commit()?;
    f.engine.drain_events();
    // An address appended after the user joined: only the flush's cascade adds it.
    let home = f
        .store
        .borrow_mut()
        .create(&f.address, &[("email".into(), "ed@home".into())])?;
    s.get_attr(ed, "name")?;
    s.related(ed, "addresses")?;
    f.store.borrow_mut().append_child(ed, "addresses", home)?;
    f.engine.drain_events();
    let before = s.snapshot();
    let again = s.snapshot();
    assert_eq!(before, again);
    assert!(
        f.engine.drain_events().is_empty(),
        "a snapshot logged events"
    );
    assert_eq!(f.store.borrow().get(home)?.state, ObjectState::Transient);
    let previewed = s.preview_flush()?;
    let prepared = s.prepare_flush()?;
    assert_eq!(previewed, prepared);
    Ok(())
}

#[test]
fn persistent_objects_are_in_the_identity_map_and_show_modified_and_expired_attributes()
-> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let ed = f
        .store
        .borrow_mut()
        .create(&f.user, &[("name".into(), "ed".into())])?;
    s.add(ed)?;
    s.commit()?;
    let snap = s.snapshot();
    assert_eq!(
        snap.identity_map,
        [IdentityEntry {
            key: "(<class '__main__.User'>, (1,), None)".into(),
            object: ed.0
        }]
    );
    let user = &snap.objects[0];
    assert_eq!(user.state, ObjectState::Persistent);
    assert_eq!(user.identity.as_deref(), Some("(1,)"));
    assert!(
        user.attributes
            .iter()
            .all(|a| a.expired && a.value.is_none())
    );
    s.set_attr(ed, "name", Value::from("eddie"))?;
    let snap = s.snapshot();
    assert_eq!(snap.dirty, [ed.0]);
    let name = &snap.objects[0].attributes[1];
    assert_eq!(
        (name.value.as_deref(), name.modified, name.expired),
        (Some("'eddie'"), true, false)
    );
    assert_eq!(snap.flush_plan[0].kind, StepKind::Update);
    Ok(())
}

#[test]
fn the_arena_lists_transient_objects_too() -> Result<()> {
    let f = fx()?;
    let ed = f
        .store
        .borrow_mut()
        .create(&f.user, &[("name".into(), "ed".into())])?;
    let all = store_objects(&f.store.borrow());
    assert_eq!(all.len(), 1);
    assert_eq!((all[0].id, all[0].state), (ed.0, ObjectState::Transient));
    Ok(())
}
