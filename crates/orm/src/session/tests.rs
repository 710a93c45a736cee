//! Session and unit-of-work tests. Goldens come from SQLAlchemy 2.1.9 with `echo=True`
//! (scripts /tmp/g/orm.py and /tmp/g/orm2.py), with timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::Event;
use crate::query::tests::log;
use crate::schema::{Column, MetaData, Table};
use crate::types::SqlType;
use crate::unit_of_work::StepKind;

struct Fx {
    engine: Engine,
    user: Rc<Mapper>,
    store: Rc<RefCell<Store>>,
}

fn fx() -> Result<Fx> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(Some(30))))
            .column(Column::new("fullname", SqlType::String(None))),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    Ok(Fx {
        engine,
        user: Mapper::new("User", &users)?,
        store: Rc::new(RefCell::new(Store::new())),
    })
}

fn obj(f: &Fx, vals: &[(&str, Value)]) -> Result<ObjectId> {
    let vals: Vec<(String, Value)> = vals
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    f.store.borrow_mut().create(&f.user, &vals)
}

#[test]
fn flush_inserts_updates_deletes_like_sqlalchemy() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let u1 = obj(&f, &[("name", "a".into()), ("fullname", "A".into())])?;
    let u2 = obj(&f, &[("name", "b".into())])?;
    let u3 = obj(&f, &[("name", "c".into()), ("fullname", "C".into())])?;
    s.add_all(&[u1, u2, u3])?;
    assert_eq!(s.new_objects(), [u1, u2, u3]);
    let plan = s.plan_flush()?;
    assert_eq!(plan.steps.len(), 1);
    assert_eq!(plan.steps[0].kind, StepKind::Insert);
    s.flush()?;
    let ids: Vec<Value> = [u1, u2, u3]
        .iter()
        .map(|&u| s.get_attr(u, "id"))
        .collect::<Result<_>>()?;
    assert_eq!(
        ids,
        [Value::Integer(1), Value::Integer(2), Value::Integer(3)]
    );
    s.set_attr(u1, "name", "z".into())?;
    s.set_attr(u3, "fullname", "CC".into())?;
    s.set_attr(u2, "name", "y".into())?;
    assert_eq!(s.dirty(), [u1, u2, u3]);
    s.commit()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO users (name, fullname) VALUES (?, ?) RETURNING id",
            "[generated in (insertmanyvalues) 1/3 (ordered; batch not supported)] ('a', 'A')",
            "INSERT INTO users (name, fullname) VALUES (?, ?) RETURNING id",
            "[insertmanyvalues 2/3 (ordered; batch not supported)] ('b', None)",
            "INSERT INTO users (name, fullname) VALUES (?, ?) RETURNING id",
            "[insertmanyvalues 3/3 (ordered; batch not supported)] ('c', 'C')",
            "UPDATE users SET name=? WHERE users.id = ?",
            "[generated in] [('z', 1), ('y', 2)]",
            "UPDATE users SET fullname=? WHERE users.id = ?",
            "[generated in] ('CC', 3)",
            "COMMIT",
        ]
    );
    assert_eq!(s.get_attr(u1, "name")?, Value::from("z"));
    s.delete(u2)?;
    s.commit()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
            "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE users.id = ?",
            "[cached since] (2,)",
            "DELETE FROM users WHERE users.id = ?",
            "[generated in] (2,)",
            "COMMIT",
        ]
    );
    assert_eq!(f.store.borrow().get(u2)?.state, ObjectState::Detached);
    assert_eq!(s.get(&f.user, &[Value::Integer(1)])?, Some(u1));
    assert_eq!(s.get_attr(u1, "name")?, Value::from("z"));
    s.commit()?;
    s.close()?;
    assert_eq!(f.store.borrow().get(u1)?.state, ObjectState::Detached);
    // Expired by the commit, then detached: reading it cannot load.
    let err = s.get_attr(u1, "name").err().map(|e| e.class_name());
    assert_eq!(err, Some("DetachedInstanceError"));
    Ok(())
}

#[test]
fn single_inserts_use_lastrowid_and_given_keys_run_as_executemany() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let u1 = obj(&f, &[("name", "a".into())])?;
    s.add(u1)?;
    s.commit()?;
    let a = obj(&f, &[("id", Value::Integer(10)), ("name", "x".into())])?;
    let b = obj(&f, &[("id", Value::Integer(11)), ("name", "y".into())])?;
    s.add_all(&[a, b])?;
    s.flush()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO users (name, fullname) VALUES (?, ?)",
            "[generated in] ('a', None)",
            "COMMIT",
            "BEGIN (implicit)",
            "INSERT INTO users (id, name, fullname) VALUES (?, ?, ?)",
            "[generated in] [(10, 'x', None), (11, 'y', None)]",
        ]
    );
    let t = obj(&f, &[("name", "t".into())])?;
    s.add(t)?;
    s.flush()?;
    s.rollback()?;
    // Rolled back: pending-then-flushed objects become transient and keep their ids.
    assert_eq!(f.store.borrow().get(t)?.state, ObjectState::Transient);
    assert_eq!(f.store.borrow().get(t)?.values[0], Some(Value::Integer(12)));
    assert_eq!(f.store.borrow().get(a)?.state, ObjectState::Transient);
    let n = obj(&f, &[("name", "n".into())])?;
    assert_eq!(
        s.delete(n).err().map(|e| e.class_name()),
        Some("InvalidRequestError")
    );
    Ok(())
}

#[test]
fn a_failed_flush_needs_a_rollback() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let u = obj(&f, &[("name", "a".into())])?;
    s.add(u)?;
    s.commit()?;
    f.engine.drain_events();
    let dup = obj(&f, &[("id", Value::Integer(1)), ("name", "dup".into())])?;
    s.add(dup)?;
    let err = s.flush().err();
    // Golden: SQLAlchemy 2.1.9 (/tmp/g/orm.py, "failed flush").
    assert_eq!(
        err.as_ref().map(ToString::to_string).as_deref(),
        Some(
            "(sqlite3.IntegrityError) UNIQUE constraint failed: users.id\n[SQL: INSERT INTO users (id, name, fullname) VALUES (?, ?, ?)]\n[parameters: (1, 'dup', None)]\n(Background on this error at: https://sqlalche.me/e/21/gkpj)"
        )
    );
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO users (id, name, fullname) VALUES (?, ?, ?)",
            "[generated in] (1, 'dup', None)",
            "ROLLBACK",
        ]
    );
    let again = s.get(&f.user, &[Value::Integer(3)]).err();
    assert_eq!(
        again.map(|e| e.to_string()).as_deref(),
        Some(
            "This Session's transaction has been rolled back due to a previous exception during flush. To begin a new transaction with this Session, first issue Session.rollback(). Original exception was: (sqlite3.IntegrityError) UNIQUE constraint failed: users.id\n[SQL: INSERT INTO users (id, name, fullname) VALUES (?, ?, ?)]\n[parameters: (1, 'dup', None)]\n(Background on this error at: https://sqlalche.me/e/21/gkpj) (Background on this error at: https://sqlalche.me/e/21/7s2a)"
        )
    );
    s.rollback()?;
    assert_eq!(f.store.borrow().get(dup)?.state, ObjectState::Transient);
    assert_eq!(s.get(&f.user, &[Value::Integer(1)])?, Some(u));
    Ok(())
}

#[test]
fn state_transitions_are_events() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let u = obj(&f, &[("name", "a".into())])?;
    s.add(u)?;
    s.flush()?;
    s.expunge(u)?;
    let states: Vec<(ObjectState, ObjectState)> = f
        .engine
        .drain_events()
        .into_iter()
        .filter_map(|e| match e {
            Event::StateChange { from, to, .. } => Some((from, to)),
            _ => None,
        })
        .collect();
    assert_eq!(
        states,
        [
            (ObjectState::Transient, ObjectState::Pending),
            (ObjectState::Pending, ObjectState::Persistent),
            (ObjectState::Persistent, ObjectState::Detached),
        ]
    );
    Ok(())
}

/// Consecutive moves of objects of one class between the same states share one event, which
/// still tells each object's move, in order.
#[test]
fn consecutive_state_changes_share_an_event() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let ids = ["a", "b", "c"]
        .map(|name| obj(&f, &[("name", name.into())]))
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    s.add_all(&ids)?;
    s.flush()?;
    let events = f.engine.drain_events();
    let moves: Vec<(Vec<usize>, ObjectState)> = events
        .iter()
        .filter_map(|e| match e {
            Event::StateChange { objects, to, .. } => Some((objects.clone(), *to)),
            _ => None,
        })
        .collect();
    let numbers: Vec<usize> = ids.iter().map(|id| id.0).collect();
    assert_eq!(
        moves,
        [
            (numbers.clone(), ObjectState::Pending),
            (numbers.clone(), ObjectState::Persistent),
        ]
    );
    let each: Vec<(usize, ObjectState)> = Transition::from_events(&events)
        .into_iter()
        .map(|t| (t.object, t.to))
        .collect();
    let pending = numbers.iter().map(|&n| (n, ObjectState::Pending));
    let persistent = numbers.iter().map(|&n| (n, ObjectState::Persistent));
    assert_eq!(each, pending.chain(persistent).collect::<Vec<_>>());
    Ok(())
}

/// What an interpreter does: keep a session in a heap object after the local engine handle is
/// gone; the session's own handle keeps the database alive.
#[test]
fn a_session_owns_its_engine_handle() -> Result<()> {
    let f = fx()?;
    let boxed: Box<Session> = {
        let engine = f.engine.clone();
        Box::new(Session::new(&engine, Rc::clone(&f.store)))
    };
    let mut s = boxed;
    let u = obj(&f, &[("name", "a".into())])?;
    s.add(u)?;
    s.commit()?;
    assert!(s.engine().same_as(&f.engine));
    let conn_rows = {
        let mut conn = f.engine.connect();
        conn.exec_driver_sql("SELECT name FROM users", &[])?.rows
    };
    assert_eq!(conn_rows, [vec![Value::from("a")]]);
    Ok(())
}

/// A UI steps through a flush: the plan first, then one step at a time, each step's SQL in
/// the log before the next runs; the result is the same as `flush()`'s.
#[test]
fn a_flush_runs_one_step_at_a_time() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let a = obj(&f, &[("name", "a".into())])?;
    s.add(a)?;
    s.commit()?;
    f.engine.drain_events();
    s.set_attr(a, "name", "b".into())?;
    let c = obj(&f, &[("name", "c".into())])?;
    s.add(c)?;
    let plan = s.prepare_flush()?;
    let kinds: Vec<StepKind> = plan.steps.iter().map(|st| st.kind).collect();
    assert_eq!(kinds, [StepKind::Update, StepKind::Insert]);
    let planned: Vec<Event> = f
        .engine
        .drain_events()
        .into_iter()
        .filter(|e| !matches!(e, Event::StateChange { .. }))
        .collect();
    assert_eq!(planned, [Event::FlushPlanned(plan.clone())]);
    s.run_step(&plan.steps[0])?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            // As SQLAlchemy: the UPDATE of an expired object loads its other columns first.
            "SELECT users.id, users.fullname \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
            "UPDATE users SET name=? WHERE users.id = ?",
            "[generated in] ('b', 1)"
        ]
    );
    assert_eq!(s.new_objects(), [c]);
    s.run_step(&plan.steps[1])?;
    assert!(s.new_objects().is_empty());
    assert_eq!(s.get_attr(c, "id")?, Value::Integer(2));
    Ok(())
}

/// As SQLAlchemy 2.1.9: an object whose deletion was committed cannot be added back (to its
/// session or another), and stays out of the identity map.
#[test]
fn adding_an_object_deleted_and_committed_is_refused() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let u = obj(&f, &[("name", "u".into())])?;
    s.add(u)?;
    s.commit()?;
    s.delete(u)?;
    s.commit()?;
    let refused = format!(
        "Instance '<User at 0x{:x}>' has been deleted.  Use the make_transient() function to \
         send this object back to the transient state.",
        u.0
    );
    let mut other = Session::new(&f.engine, Rc::clone(&f.store));
    for session in [&mut s, &mut other] {
        match session.add(u) {
            Err(Error::InvalidRequestError(m)) => assert_eq!(m, refused),
            r => panic!("expected InvalidRequestError, got {r:?}"),
        }
        assert!(!session.contains(u));
        assert!(session.identity_map().is_empty());
    }
    Ok(())
}
