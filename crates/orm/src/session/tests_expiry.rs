//! `session.expire(obj, [attrs])`. Golden: SQLAlchemy 2.1.9 with `echo=True`,
//! `crates/orm/tests/sqla/expire_attrs.py` (output in `expire_attrs.out`), timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::query::tests::log;
use crate::schema::{Column, MetaData, Table};
use crate::types::SqlType;

#[test]
fn expiring_attributes_reloads_only_those_columns() -> Result<()> {
    let md = MetaData::new();
    let text = |n: &str| Column::new(n, SqlType::String(None)).nullable(false);
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(text("name"))
            .column(text("fullname"))
            .column(text("nick")),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("User", &users)?;
    let mut conn = engine.connect();
    conn.exec_driver_sql("INSERT INTO users VALUES (1, 'a', 'A', 'x')", &[])?;
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    let u = s
        .get(&user, &[Value::Integer(1)])?
        .ok_or_else(|| Error::NoResultFound("user 1".into()))?;
    s.set_attr(u, "nick", "changed".into())?;
    let mut other = engine.connect();
    other.exec_driver_sql(
        "UPDATE users SET name = 'b', fullname = 'B', nick = 'y'",
        &[],
    )?;
    other.commit()?;
    drop(other);
    s.expire_attrs(u, &["fullname".to_owned(), "name".to_owned()])?;
    assert_eq!(s.get_attr(u, "fullname")?, Value::from("B"));
    assert_eq!(s.get_attr(u, "name")?, Value::from("b"));
    assert_eq!(s.get_attr(u, "nick")?, Value::from("changed"));
    s.close()?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name, users.fullname, users.nick \nFROM users \nWHERE \
             users.id = ?",
            "[generated in] (1,)",
            "BEGIN (implicit)",
            "UPDATE users SET name = 'b', fullname = 'B', nick = 'y'",
            "[raw sql] ()",
            "COMMIT",
            "UPDATE users SET nick=? WHERE users.id = ?",
            "[generated in] ('changed', 1)",
            "SELECT users.name, users.fullname \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

/// Golden: `crates/orm/tests/sqla/lazy_expired.py` (`lazy_expired.out`).
#[test]
fn a_lazy_load_of_an_expired_object_loads_its_row_first() -> Result<()> {
    use crate::relationship::{RelationshipOptions, relationship_with};
    use crate::schema::ForeignKey;
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None)).nullable(false)),
    )?;
    let addresses = md.add(
        Table::new("addresses")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("User", &users)?;
    let address = Mapper::new("Address", &addresses)?;
    relationship_with(&user, "addresses", &address, RelationshipOptions::default())?;
    let mut conn = engine.connect();
    conn.exec_driver_sql("INSERT INTO users VALUES (1, 'u1')", &[])?;
    conn.exec_driver_sql("INSERT INTO addresses VALUES (1, 1)", &[])?;
    conn.commit()?;
    drop(conn);
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let u = s
        .get(&user, &[Value::Integer(1)])?
        .ok_or_else(|| Error::NoResultFound("user 1".into()))?;
    s.commit()?;
    engine.drain_events();
    let a = store.borrow_mut().create(&address, &[])?;
    s.append_related(u, "addresses", a)?;
    assert_eq!(s.get_attr(u, "name")?, Value::from("u1"));
    assert_eq!(s.related(u, "addresses")?.len(), 2);
    s.commit()?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
            "SELECT addresses.id, addresses.user_id \nFROM addresses \nWHERE ? = \
             addresses.user_id",
            "[generated in] (1,)",
            "INSERT INTO addresses (user_id) VALUES (?)",
            "[generated in] (1,)",
            "COMMIT",
        ]
    );
    Ok(())
}

/// An expired object's next load is `session.get()`'s SELECT: its `lazy="joined"`
/// relationships come in the same statement, a statement of its own for the compiled
/// cache (`blog_messages_two_fks.py` in the corpus).
#[test]
fn expired_object_loads_with_its_joined_relationships() -> Result<()> {
    use crate::relationship::{Lazy, RelationshipOptions, relationship_with};
    use crate::schema::ForeignKey;
    let md = MetaData::new();
    let users = md.add(
        Table::new("user")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("username", SqlType::String(None))),
    )?;
    let profiles = md.add(
        Table::new("profile")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::foreign("user_id", ForeignKey::new("user.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("User", &users)?;
    let profile = Mapper::new("Profile", &profiles)?;
    let options = RelationshipOptions {
        lazy: Lazy::Joined,
        uselist: Some(false),
        ..RelationshipOptions::default()
    };
    relationship_with(&user, "profile", &profile, options)?;
    let mut conn = engine.connect();
    conn.exec_driver_sql("INSERT INTO user VALUES (1, 'a')", &[])?;
    conn.exec_driver_sql("INSERT INTO profile VALUES (1, 1)", &[])?;
    conn.commit()?;
    drop(conn);
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    let u = s
        .get(&user, &[Value::Integer(1)])?
        .ok_or_else(|| Error::NoResultFound("user 1".into()))?;
    s.expire(u)?;
    engine.drain_events();
    assert_eq!(s.get(&user, &[Value::Integer(1)])?, Some(u));
    s.related(u, "profile")?;
    assert_eq!(
        log(&engine),
        [
            "SELECT user.id, user.username, profile_1.id AS id_1, profile_1.user_id \nFROM \
             user LEFT OUTER JOIN profile AS profile_1 ON user.id = profile_1.user_id \nWHERE \
             user.id = ?",
            "[generated in] (1,)",
        ]
    );
    Ok(())
}
