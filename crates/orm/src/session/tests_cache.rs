//! Compiled-cache badges of the ORM's own loads. Golden: SQLAlchemy 2.1.9 with `echo=True`,
//! `crates/orm/tests/sqla/cache_keys.py` (output in `cache_keys.out`), timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::query::tests::log;
use crate::query::{Entity, select};
use crate::relationship::{RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::types::SqlType;

#[test]
fn orm_loads_are_cache_entries_of_their_own() -> Result<()> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let users = md.add(
        Table::new("users")
            .column(int_pk("id"))
            .column(Column::new("name", SqlType::String(None)).nullable(false)),
    )?;
    let addresses = md.add(
        Table::new("addresses")
            .column(int_pk("id"))
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?).nullable(false)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("User", &users)?;
    let address = Mapper::new("Address", &addresses)?;
    relationship_with(&address, "user", &user, RelationshipOptions::default())?;
    let mut conn = engine.connect();
    conn.exec_driver_sql(
        "INSERT INTO users VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')",
        &[],
    )?;
    conn.exec_driver_sql("INSERT INTO addresses VALUES (1, 4)", &[])?;
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    let missing = || Error::NoResultFound("row".into());
    let u = Entity::of(&user);
    let q = select(vec![u.clone().into()]).where_(u.c("id")?.eq(1));
    let u1 = s.scalars(&q)?.one()?.object().ok_or_else(missing)?;
    let u2 = s.get(&user, &[Value::Integer(2)])?.ok_or_else(missing)?;
    let u3 = s.get(&user, &[Value::Integer(3)])?.ok_or_else(missing)?;
    s.expire(u2)?;
    assert_eq!(s.get_attr(u2, "name")?, Value::from("b"));
    s.refresh(u3)?;
    let a = s.get(&address, &[Value::Integer(1)])?.ok_or_else(missing)?;
    let parent = s.related(a, "user")?;
    assert_eq!(parent.len(), 1);
    assert_eq!(s.get_attr(parent[0], "name")?, Value::from("d"));
    s.expire(u1)?;
    assert_eq!(s.get_attr(u1, "name")?, Value::from("a"));
    s.close()?;
    let by_id = "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?";
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            by_id,
            "[generated in] (1,)",
            by_id,
            "[generated in] (2,)",
            by_id,
            "[cached since] (3,)",
            by_id,
            "[generated in] (2,)",
            by_id,
            "[generated in] (3,)",
            "SELECT addresses.id, addresses.user_id \nFROM addresses \nWHERE addresses.id = ?",
            "[generated in] (1,)",
            by_id,
            "[generated in] (4,)",
            by_id,
            "[cached since] (1,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}
