//! Children taken out of a collection with no `back_populates` side. Golden: SQLAlchemy
//! 2.1.9 with `echo=True`, `crates/orm/tests/sqla/orphans.py` (output in `orphans.out`),
//! timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::query::tests::log;
use crate::relationship::{RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::types::SqlType;

#[test]
fn removed_children_are_orphans_or_lose_their_foreign_key() -> Result<()> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let parents = md.add(Table::new("parent").column(int_pk("id")))?;
    let pets = md.add(
        Table::new("pet")
            .column(int_pk("id"))
            .column(Column::foreign("parent_id", ForeignKey::new("parent.id")?).nullable(false)),
    )?;
    let toys = md.add(
        Table::new("toy")
            .column(int_pk("id"))
            .column(Column::foreign("parent_id", ForeignKey::new("parent.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let parent = Mapper::new("Parent", &parents)?;
    let pet = Mapper::new("Pet", &pets)?;
    let toy = Mapper::new("Toy", &toys)?;
    relationship_with(
        &parent,
        "pets",
        &pet,
        RelationshipOptions {
            cascade: Some("all, delete-orphan".into()),
            ..RelationshipOptions::default()
        },
    )?;
    relationship_with(&parent, "toys", &toy, RelationshipOptions::default())?;
    let mut conn = engine.connect();
    for sql in [
        "INSERT INTO parent VALUES (1), (2)",
        "INSERT INTO pet VALUES (1, 1), (2, 1)",
        "INSERT INTO toy VALUES (1, 1), (2, 1), (3, 1)",
    ] {
        conn.exec_driver_sql(sql, &[])?;
    }
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    let missing = || Error::NoResultFound("row".into());
    let p1 = s.get(&parent, &[Value::Integer(1)])?.ok_or_else(missing)?;
    let p2 = s.get(&parent, &[Value::Integer(2)])?.ok_or_else(missing)?;
    let first_pet = *s.related(p1, "pets")?.first().ok_or_else(missing)?;
    s.remove_related(p1, "pets", first_pet)?;
    let toys = s.related(p1, "toys")?;
    let (t1, t2) = (toys[0], toys[1]);
    s.remove_related(p1, "toys", t1)?;
    s.remove_related(p1, "toys", t2)?;
    s.append_related(p2, "toys", t2)?;
    s.flush()?;
    let gone = s.store.borrow().get(first_pet)?.state == ObjectState::Deleted;
    s.close()?;
    let by_id = "SELECT parent.id \nFROM parent \nWHERE parent.id = ?";
    let toys_of = "SELECT toy.id, toy.parent_id \nFROM toy \nWHERE ? = toy.parent_id";
    let update = "UPDATE toy SET parent_id=? WHERE toy.id = ?";
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            by_id,
            "[generated in] (1,)",
            by_id,
            "[cached since] (2,)",
            "SELECT pet.id, pet.parent_id \nFROM pet \nWHERE ? = pet.parent_id",
            "[generated in] (1,)",
            "DELETE FROM pet WHERE pet.id = ?",
            "[generated in] (1,)",
            toys_of,
            "[generated in] (1,)",
            update,
            "[generated in] [(None, 1), (None, 2)]",
            toys_of,
            "[cached since] (2,)",
            update,
            "[generated in] (2, 2)",
            "ROLLBACK",
        ]
    );
    assert!(gone);
    Ok(())
}

/// Golden: `crates/orm/tests/sqla/orphan_unknown.py`.
#[test]
fn a_child_leaving_an_unknown_parent_is_no_orphan() -> Result<()> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let ps = md.add(Table::new("p").column(int_pk("id")))?;
    let ks = md.add(
        Table::new("k")
            .column(int_pk("id"))
            .column(Column::foreign("p_id", ForeignKey::new("p.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let p = Mapper::new("P", &ps)?;
    let k = Mapper::new("K", &ks)?;
    relationship_with(
        &p,
        "kids",
        &k,
        RelationshipOptions {
            back_populates: Some("p".into()),
            cascade: Some("all, delete-orphan".into()),
            ..RelationshipOptions::default()
        },
    )?;
    relationship_with(
        &k,
        "p",
        &p,
        RelationshipOptions {
            back_populates: Some("kids".into()),
            ..RelationshipOptions::default()
        },
    )?;
    let mut conn = engine.connect();
    conn.exec_driver_sql("INSERT INTO p VALUES (1), (2)", &[])?;
    conn.exec_driver_sql("INSERT INTO k VALUES (1, 1), (2, 1), (3, 2)", &[])?;
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    let missing = || Error::NoResultFound("row".into());
    let k1 = s.get(&k, &[Value::Integer(1)])?.ok_or_else(missing)?;
    s.set_related(k1, "p", None)?;
    s.commit()?;
    s.get(&p, &[Value::Integer(2)])?.ok_or_else(missing)?;
    let k3 = s.get(&k, &[Value::Integer(3)])?.ok_or_else(missing)?;
    s.set_related(k3, "p", None)?;
    s.commit()?;
    let by_id = |t: &str, cols: &str| format!("SELECT {cols} \nFROM {t} \nWHERE {t}.id = ?");
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)".to_owned(),
            by_id("k", "k.id, k.p_id"),
            "[generated in] (1,)".into(),
            "UPDATE k SET p_id=? WHERE k.id = ?".into(),
            "[generated in] (None, 1)".into(),
            "COMMIT".into(),
            "BEGIN (implicit)".into(),
            by_id("p", "p.id"),
            "[generated in] (2,)".into(),
            by_id("k", "k.id, k.p_id"),
            "[cached since] (3,)".into(),
            "DELETE FROM k WHERE k.id = ?".into(),
            "[generated in] (3,)".into(),
            "COMMIT".into(),
        ]
    );
    Ok(())
}
