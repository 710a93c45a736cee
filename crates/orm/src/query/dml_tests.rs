//! ORM DML through the session. Goldens from SQLAlchemy 2.1.9 with `echo=True`
//! (tests/scripts/unified_orm_dml_echo.py and its .out).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::tests::log;
use crate::Engine;
use crate::error::Result;
use crate::mapper::Mapper;
use crate::schema::{Column, MetaData, Table};
use crate::session::{Session, Store};
use crate::sql::{FromItem, insert};
use crate::types::SqlType;
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

fn fx() -> Result<(Engine, Rc<Mapper>, Session)> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("user_account")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(Some(30))))
            .column(Column::new("fullname", SqlType::String(None))),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let user = Mapper::new("User", &users)?;
    let s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    Ok((engine, user, s))
}

fn row(name: &str, fullname: &str) -> Vec<(String, Value)> {
    vec![
        ("name".to_owned(), name.into()),
        ("fullname".to_owned(), fullname.into()),
    ]
}

#[test]
fn insert_returning_is_one_unordered_batch_of_persistent_objects() -> Result<()> {
    let (engine, user, mut s) = fx()?;
    let mut ins = insert(user.table());
    ins.returning = vec!["id".into(), "name".into(), "fullname".into()];
    let ids = s.insert_returning(&ins, &[row("a", "A A"), row("b", "B B")], &user)?;
    assert_eq!(ids.len(), 2);
    assert_eq!(s.get_attr(ids[1], "id")?, Value::Integer(2));
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO user_account (name, fullname) VALUES (?, ?), (?, ?) RETURNING id, name, fullname",
            "[generated in (insertmanyvalues) 1/1 (unordered)] ('a', 'A A', 'b', 'B B')",
        ]
    );
    Ok(())
}

/// Golden: `crates/orm/tests/sqla/bulk_insert_returning.py` (its .out): a run of rows with
/// other keys is a statement of its own.
#[test]
fn insert_returning_runs_each_set_of_keys_apart() -> Result<()> {
    let (engine, user, mut s) = fx()?;
    let mut ins = insert(user.table());
    ins.returning = vec!["id".into(), "name".into(), "fullname".into()];
    let named = |n: &str| vec![("name".to_owned(), Value::from(n))];
    let rows = [named("a"), named("b"), row("c", "C C"), named("d")];
    let ids = s.insert_returning(&ins, &rows, &user)?;
    assert_eq!(ids.len(), 4);
    assert_eq!(s.get_attr(ids[3], "id")?, Value::Integer(4));
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO user_account (name) VALUES (?), (?) RETURNING id, name, fullname",
            "[generated in (insertmanyvalues) 1/1 (unordered)] ('a', 'b')",
            "INSERT INTO user_account (name, fullname) VALUES (?, ?) RETURNING id, name, fullname",
            "[generated in] ('c', 'C C')",
            "INSERT INTO user_account (name) VALUES (?) RETURNING id, name, fullname",
            "[generated in] ('d',)",
        ]
    );
    Ok(())
}

#[test]
fn bulk_update_by_primary_key_and_evaluated_synchronization() -> Result<()> {
    let (engine, user, mut s) = fx()?;
    let mut ins = insert(user.table());
    ins.returning = vec!["id".into(), "name".into(), "fullname".into()];
    let ids = s.insert_returning(&ins, &[row("a", "A A"), row("b", "B B")], &user)?;
    engine.drain_events();
    let by_pk = vec![
        vec![
            ("id".to_owned(), Value::Integer(1)),
            ("fullname".to_owned(), "A.".into()),
        ],
        vec![
            ("id".to_owned(), Value::Integer(2)),
            ("fullname".to_owned(), "B.".into()),
        ],
    ];
    s.bulk_update_by_pk(user.table(), &by_pk)?;
    assert_eq!(
        log(&engine),
        [
            "UPDATE user_account SET fullname=? WHERE user_account.id = ?",
            "[generated in] [('A.', 1), ('B.', 2)]",
        ]
    );
    // update(User).where(User.name == "b").values(fullname="Bee"), synchronized by evaluation.
    let t = FromItem::Table(Rc::clone(user.table()));
    let criteria = vec![t.c("name")?.eq("b")];
    let done = s.synchronize_update(&user, &criteria, &[("fullname".into(), "Bee".into())], &[])?;
    assert!(done);
    assert_eq!(s.get_attr(ids[1], "fullname")?, Value::from("Bee"));
    assert_eq!(s.get_attr(ids[0], "fullname")?, Value::from("A A"));
    assert!(log(&engine).is_empty());
    // LIKE is not evaluated: the caller expires instead.
    let like = vec![t.c("name")?.like("b%")];
    assert!(!s.synchronize_update(&user, &like, &[], &[])?);
    Ok(())
}

#[test]
fn orm_update_fetches_what_it_cannot_evaluate_and_delete_leaves_the_session() -> Result<()> {
    use crate::query::DmlSync;
    use crate::sql::{Statement, delete, update};
    let (engine, user, mut s) = fx()?;
    let mut ins = insert(user.table());
    ins.returning = vec!["id".into(), "name".into(), "fullname".into()];
    let ids = s.insert_returning(&ins, &[row("a", "A A"), row("b", "B B")], &user)?;
    engine.drain_events();
    let t = FromItem::Table(Rc::clone(user.table()));
    // SQLAlchemy 2.1.9: LIKE is not evaluated, so "auto" fetches the keys with RETURNING.
    let mut u = update(user.table()).values(vec![("fullname".into(), "X".into())])?;
    u.where_.push(t.c("name")?.like("a%"));
    let r = s.execute_orm_dml(&Statement::Update(u), &user, DmlSync::Auto)?;
    assert_eq!(r.rowcount, 1);
    assert_eq!(
        log(&engine)[0],
        "UPDATE user_account SET fullname=? WHERE user_account.name LIKE ? RETURNING id"
    );
    assert_eq!(s.get_attr(ids[0], "fullname")?, Value::from("X"));
    let mut d = delete(user.table());
    d.where_.push(t.c("name")?.eq("b"));
    s.execute_orm_dml(&Statement::Delete(d), &user, DmlSync::Auto)?;
    assert_eq!(
        log(&engine)[0],
        "DELETE FROM user_account WHERE user_account.name = ?"
    );
    assert_eq!(s.identity_map().len(), 1);
    Ok(())
}
