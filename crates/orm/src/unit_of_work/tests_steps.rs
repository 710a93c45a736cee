//! A flush one step at a time: the event each step records before its statements, foreign
//! keys copied from parents before the children's statements, the session's views after each
//! step, and what a step that fails leaves behind. Golden: SQLAlchemy 2.1.9 with `echo=True`,
//! `crates/orm/tests/sqla/flush_steps.py` (output in `flush_steps.out`), timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::StepKind;
use crate::event::Event;
use crate::mapper::Mapper;
use crate::query::tests::log;
use crate::relationship::{RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::session::{ObjectId, ObjectState, Session, Store};
use crate::types::SqlType;
use crate::{Engine, Error, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;

struct Fx {
    engine: Engine,
    user: Rc<Mapper>,
    address: Rc<Mapper>,
    store: Rc<RefCell<Store>>,
}

/// `users(id, name)` and `addresses(id, email UNIQUE, user_id → users.id)`, with
/// `User.addresses` (no back_populates); rows: user 1 'old', addresses 1 'e1' (no user) and
/// 2 'e2' (user 1).
fn fx() -> Result<Fx> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None)).nullable(false)),
    )?;
    let addresses = md.add(
        Table::new("addresses")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(
                Column::new("email", SqlType::String(None))
                    .nullable(false)
                    .unique(),
            )
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("User", &users)?;
    let address = Mapper::new("Address", &addresses)?;
    relationship_with(&user, "addresses", &address, RelationshipOptions::default())?;
    let mut conn = engine.connect();
    for sql in [
        "INSERT INTO users VALUES (1, 'old')",
        "INSERT INTO addresses VALUES (1, 'e1', NULL), (2, 'e2', 1)",
    ] {
        conn.exec_driver_sql(sql, &[])?;
    }
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    Ok(Fx {
        engine,
        user,
        address,
        store: Rc::new(RefCell::new(Store::new())),
    })
}

fn new_obj(f: &Fx, mapper: &Rc<Mapper>, values: &[(&str, &str)]) -> Result<ObjectId> {
    let values: Vec<(String, Value)> = values
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
        .collect();
    f.store.borrow_mut().create(mapper, &values)
}

fn state(f: &Fx, id: ObjectId) -> Result<ObjectState> {
    Ok(f.store.borrow().get(id)?.state)
}

fn found(id: Option<ObjectId>) -> Result<ObjectId> {
    id.ok_or_else(|| Error::NoResultFound("no row".into()))
}

/// Address 1 loaded; a new user `u` with new addresses `a` and `b`, and address 1 moved to it.
fn new_user_with_addresses(f: &Fx, s: &mut Session) -> Result<[ObjectId; 4]> {
    let e1 = found(s.get(&f.address, &[Value::Integer(1)])?)?;
    let u = new_obj(f, &f.user, &[("name", "u")])?;
    s.add(u)?;
    let a = new_obj(f, &f.address, &[("email", "a")])?;
    let b = new_obj(f, &f.address, &[("email", "b")])?;
    for child in [a, b, e1] {
        s.append_related(u, "addresses", child)?;
    }
    Ok([u, a, b, e1])
}

#[test]
fn each_step_records_an_event_before_its_statements() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let [u, a, b, e1] = new_user_with_addresses(&f, &mut s)?;
    f.engine.drain_events();
    s.flush()?;
    let events = f.engine.drain_events();
    let order: Vec<String> = events
        .iter()
        .flat_map(|e| match e {
            Event::FlushStepStarted(step) => vec![format!(
                "step {} {:?} {} {:?}",
                step.index, step.kind, step.table, step.objects
            )],
            Event::Statement { sql, .. } | Event::StatementMany { sql, .. } => {
                vec![sql.to_string()]
            }
            Event::StatementRows(rows) => rows.rows().map(|r| r.sql.to_string()).collect(),
            _ => Vec::new(),
        })
        .collect();
    let insert_address = "INSERT INTO addresses (email, user_id) VALUES (?, ?) RETURNING id";
    assert_eq!(
        order,
        [
            format!("step 0 Insert users {:?}", [u]),
            "INSERT INTO users (name) VALUES (?)".to_owned(),
            format!("step 1 Update addresses {:?}", [e1]),
            "UPDATE addresses SET user_id=? WHERE addresses.id = ?".to_owned(),
            format!("step 2 Insert addresses {:?}", [a, b]),
            insert_address.to_owned(),
            insert_address.to_owned(),
        ]
    );
    let step = events.iter().find_map(|e| match e {
        Event::FlushStepStarted(step) if step.index == 1 => Some(step.clone()),
        _ => None,
    });
    let reason = step.map(|st| st.reason).unwrap_or_default();
    assert!(reason.contains("foreign-key order"), "{reason}");
    Ok(())
}

#[test]
fn steps_run_one_at_a_time_copy_keys_and_update_the_views() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let [u, a, b, e1] = new_user_with_addresses(&f, &mut s)?;
    let plan = s.prepare_flush()?;
    let kinds: Vec<(StepKind, &str)> = plan
        .steps
        .iter()
        .map(|st| (st.kind, st.table.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (StepKind::Insert, "users"),
            (StepKind::Update, "addresses"),
            (StepKind::Insert, "addresses"),
        ]
    );
    assert_eq!(s.new_objects(), [u, a, b]);
    // As in SQLAlchemy, moving address 1 does not make it dirty; the plan still UPDATEs it.
    assert!(s.dirty().is_empty());
    s.run_step(&plan.steps[0])?;
    assert_eq!(state(&f, u)?, ObjectState::Persistent);
    assert_eq!(s.new_objects(), [a, b]);
    s.run_step(&plan.steps[1])?;
    // As SQLAlchemy's `after_update` sees it, the UPDATEd object's history keeps its change
    // until the flush ends.
    assert!(s.is_modified(e1)?);
    s.run_step(&plan.steps[2])?;
    assert!(s.new_objects().is_empty());
    s.finish_flush()?;
    assert!(!s.is_modified(e1)?);
    let keys: Vec<(Value, Value)> = [a, b, e1]
        .into_iter()
        .map(|id| Ok((s.get_attr(id, "id")?, s.get_attr(id, "user_id")?)))
        .collect::<Result<_>>()?;
    let two = Value::Integer(2);
    assert_eq!(
        keys,
        [
            (Value::Integer(3), two.clone()),
            (Value::Integer(4), two.clone()),
            (Value::Integer(1), two.clone()),
        ]
    );
    s.commit()?;
    let insert_address = "INSERT INTO addresses (email, user_id) VALUES (?, ?) RETURNING id";
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT addresses.id, addresses.email, addresses.user_id \nFROM addresses \nWHERE \
             addresses.id = ?",
            "[generated in] (1,)",
            "INSERT INTO users (name) VALUES (?)",
            "[generated in] ('u',)",
            "UPDATE addresses SET user_id=? WHERE addresses.id = ?",
            "[generated in] (2, 1)",
            insert_address,
            "[generated in (insertmanyvalues) 1/2 (ordered; batch not supported)] ('a', 2)",
            insert_address,
            "[insertmanyvalues 2/2 (ordered; batch not supported)] ('b', 2)",
            "COMMIT",
        ]
    );
    Ok(())
}

#[test]
fn a_failing_step_rolls_back_at_once_and_needs_rollback() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    new_user_with_addresses(&f, &mut s)?;
    s.commit()?;
    let old = found(s.get(&f.user, &[Value::Integer(1)])?)?;
    let e2 = found(s.get(&f.address, &[Value::Integer(2)])?)?;
    s.set_attr(old, "name", "renamed".into())?;
    s.delete(e2)?;
    let v = new_obj(&f, &f.user, &[("name", "v")])?;
    s.add(v)?;
    let dup = new_obj(&f, &f.address, &[("email", "a")])?;
    s.append_related(v, "addresses", dup)?;
    f.engine.drain_events();
    let plan = s.prepare_flush()?;
    let mut failure = None;
    for step in &plan.steps {
        if let Err(e) = s.run_step(step) {
            failure = Some(e);
            break;
        }
    }
    assert!(matches!(failure, Some(Error::Dbapi { .. })), "{failure:?}");
    assert_eq!(
        log(&f.engine),
        [
            "UPDATE users SET name=? WHERE users.id = ?",
            "[generated in] ('renamed', 1)",
            "INSERT INTO users (name) VALUES (?)",
            "[cached since] ('v',)",
            "INSERT INTO addresses (email, user_id) VALUES (?, ?)",
            "[generated in] ('a', 3)",
            "ROLLBACK",
        ]
    );
    let states: Vec<ObjectState> = [v, dup, old, e2]
        .into_iter()
        .map(|id| state(&f, id))
        .collect::<Result<_>>()?;
    use ObjectState::{Persistent, Transient};
    assert_eq!(states, [Transient, Transient, Persistent, Persistent]);
    assert!(s.new_objects().is_empty() && s.dirty().is_empty());
    assert!(s.deleted_objects().is_empty());
    assert_eq!(s.get_attr(v, "id")?, Value::Integer(3));
    assert_eq!(s.get_attr(dup, "user_id")?, Value::Integer(3));
    assert!(
        f.store
            .borrow()
            .get(old)?
            .values
            .iter()
            .all(Option::is_none)
    );
    let again = s.get(&f.user, &[Value::Integer(4)]);
    assert!(
        matches!(again, Err(Error::PendingRollbackError(_))),
        "{again:?}"
    );
    assert!(matches!(
        s.run_step(&plan.steps[0]),
        Err(Error::PendingRollbackError(_))
    ));
    s.rollback()?;
    assert_eq!(s.get_attr(old, "name")?, Value::from("old"));
    assert_eq!(state(&f, v)?, Transient);
    Ok(())
}

#[test]
fn an_update_of_a_row_deleted_behind_the_orm_is_stale_data() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let old = found(s.get(&f.user, &[Value::Integer(1)])?)?;
    let mut conn = f.engine.connect();
    conn.exec_driver_sql("DELETE FROM addresses", &[])?;
    conn.exec_driver_sql("DELETE FROM users", &[])?;
    conn.commit()?;
    drop(conn);
    s.set_attr(old, "name", "renamed".into())?;
    let err = s.flush();
    assert_eq!(
        err.map_err(|e| e.to_string()),
        Err(
            "UPDATE statement on table 'users' expected to update 1 row(s); 0 were matched."
                .to_owned()
        )
    );
    assert!(matches!(
        s.get(&f.user, &[Value::Integer(1)]),
        Err(Error::PendingRollbackError(_))
    ));
    Ok(())
}

/// A relationship given to a class after its objects joined the session still cascades: the
/// flush asks the classes of its members as they are at the flush.
#[test]
fn a_relationship_added_after_add_still_cascades() -> Result<()> {
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
    md.create_all(&engine, false)?;
    let user = Mapper::new("User", &users)?;
    let address = Mapper::new("Address", &addresses)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let f = Fx {
        engine,
        user,
        address,
        store,
    };
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let u = new_obj(&f, &f.user, &[("name", "u")])?;
    s.add(u)?;
    relationship_with(
        &f.user,
        "addresses",
        &f.address,
        RelationshipOptions::default(),
    )?;
    let a = new_obj(&f, &f.address, &[("email", "a")])?;
    // Straight into the store: only the flush's cascade brings `a` into the session.
    f.store.borrow_mut().append_child(u, "addresses", a)?;
    assert_eq!(f.store.borrow().get(a)?.state, ObjectState::Transient);
    s.flush()?;
    let store = f.store.borrow();
    assert_eq!(store.get(a)?.state, ObjectState::Persistent);
    assert_eq!(
        store.get(a)?.values,
        [
            Some(Value::Integer(1)),
            Some(Value::Text("a".into())),
            Some(Value::Integer(1))
        ]
    );
    Ok(())
}

#[test]
fn a_failed_autoflush_says_so_before_the_message() -> Result<()> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let dup = new_obj(&f, &f.address, &[("email", "e1")])?;
    s.add(dup)?;
    let err = s.autoflush_now().map_err(|e| e.to_string());
    let Err(text) = err else {
        return Err(Error::FlushError("the autoflush should fail".into()));
    };
    assert!(
        text.starts_with(
            "(raised as a result of Query-invoked autoflush; consider using a \
             session.no_autoflush block if this flush is occurring prematurely)\n\
             (sqlite3.IntegrityError) UNIQUE constraint failed: addresses.email"
        ),
        "{text}"
    );
    Ok(())
}
