//! Column loading options: the columns an entity's SELECT leaves out and the SELECT of one
//! deferred column when it is read. Golden: SQLAlchemy 2.1.9 with `echo=True`
//! (tests/scripts/loading_columns_load_only_echo), timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::columns::entity_columns;
use super::tests::log;
use super::{ColumnLoad, ColumnOption, Entity, select};
use crate::mapper::Mapper;
use crate::schema::{Column, MetaData, Table};
use crate::session::{Session, Store};
use crate::types::SqlType;
use crate::{Engine, Error, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;

fn users() -> Result<(Engine, Rc<Mapper>)> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None)))
            .column(Column::new("bio", SqlType::Text))
            .column(Column::new("photo", SqlType::Text)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let mut conn = engine.connect();
    conn.exec_driver_sql("INSERT INTO users VALUES (1, 'ed', 'b', 'p')", &[])?;
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    Ok((engine, Mapper::new("User", &users)?))
}

fn opt(load: ColumnLoad) -> ColumnOption {
    ColumnOption {
        class: "User".into(),
        load,
    }
}

#[test]
fn load_only_keeps_the_key_and_undefers_what_it_names() -> Result<()> {
    let (_, user) = users()?;
    user.defer_column("bio")?;
    assert_eq!(
        entity_columns(&user, &[])?,
        (vec![0, 1, 3], vec![(2, false)])
    );
    let only = opt(ColumnLoad::LoadOnly(vec!["bio".into()]));
    assert_eq!(
        entity_columns(&user, &[only])?,
        (vec![0, 2], vec![(1, false), (3, false)])
    );
    let raise = opt(ColumnLoad::Defer {
        attr: "photo".into(),
        raiseload: true,
    });
    let undefer = opt(ColumnLoad::Undefer("bio".into()));
    assert_eq!(
        entity_columns(&user, &[raise, undefer])?,
        (vec![0, 1, 2], vec![(3, true)])
    );
    Ok(())
}

#[test]
fn a_deferred_column_loads_alone_when_read() -> Result<()> {
    let (engine, user) = users()?;
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    let q = select(vec![Entity::of(&user).into()]).column_options(vec![
        opt(ColumnLoad::LoadOnly(vec!["name".into()])),
        opt(ColumnLoad::Defer {
            attr: "photo".into(),
            raiseload: true,
        }),
    ]);
    let id = s
        .scalars(&q)?
        .all()
        .first()
        .and_then(|c| c.clone().object())
        .ok_or_else(|| Error::NoResultFound("no user".into()))?;
    assert_eq!(s.get_attr(id, "bio")?, Value::from("b"));
    assert!(matches!(
        s.get_attr(id, "photo"),
        Err(Error::InvalidRequestError(m)) if m == "'User.photo' is not available due to raiseload=True"
    ));
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users",
            "[generated in] ()",
            "SELECT users.bio \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
        ]
    );
    Ok(())
}
