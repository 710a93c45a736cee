//! Tests of the eager loads inside a many-to-one lazy load: the target's joined loads are
//! joined without labels, and its selectin loads do not go back to the class the lazy load
//! came from. Golden: SQLAlchemy 2.1.9 with `echo=True`,
//! `crates/orm/tests/sqla/lazy_eager_path.py` (output in `lazy_eager_path.out`), timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::tests::log;
use super::*;
use crate::Engine;
use crate::mapper::Mapper;
use crate::relationship::{Lazy, RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::session::{Session, Store};
use crate::types::SqlType;
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn a_lazy_load_joins_the_targets_joined_loads_and_skips_selectin_back() -> Result<()> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let parents = md.add(Table::new("parent").column(int_pk("id")))?;
    let fk = |n: &str| -> Result<Column> {
        Ok(Column::foreign(n, ForeignKey::new("parent.id")?).nullable(false))
    };
    let children = md.add(
        Table::new("child")
            .column(int_pk("id"))
            .column(fk("parent_id")?),
    )?;
    let pets = md.add(
        Table::new("pet")
            .column(int_pk("id"))
            .column(fk("owner_id")?),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let parent = Mapper::new("Parent", &parents)?;
    let child = Mapper::new("Child", &children)?;
    let pet = Mapper::new("Pet", &pets)?;
    let opts = |back: &str, lazy| RelationshipOptions {
        back_populates: Some(back.to_owned()),
        lazy,
        ..RelationshipOptions::default()
    };
    relationship_with(&parent, "children", &child, opts("parent", Lazy::Selectin))?;
    relationship_with(&parent, "pets", &pet, opts("owner", Lazy::Joined))?;
    relationship_with(&child, "parent", &parent, opts("children", Lazy::Select))?;
    relationship_with(&pet, "owner", &parent, opts("pets", Lazy::Select))?;
    let mut conn = engine.connect();
    for sql in [
        "INSERT INTO parent VALUES (1)",
        "INSERT INTO child VALUES (1, 1)",
        "INSERT INTO pet VALUES (1, 1)",
    ] {
        conn.exec_driver_sql(sql, &[])?;
    }
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    for (mapper, rel) in [(&child, "parent"), (&pet, "owner")] {
        let e = Entity::of(mapper);
        let one = s.scalars(&select(vec![e.into()]))?.one()?;
        let Some(id) = one.object() else {
            return Err(crate::Error::NoResultFound("no object".into()));
        };
        assert_eq!(s.related(id, rel)?.len(), 1);
        s.close()?;
    }
    let lazy = "SELECT parent.id, pet_1.id, pet_1.owner_id \nFROM parent LEFT OUTER JOIN pet \
                AS pet_1 ON parent.id = pet_1.owner_id \nWHERE parent.id = ?";
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT child.id, child.parent_id \nFROM child",
            "[generated in] ()",
            lazy,
            "[generated in] (1,)",
            "ROLLBACK",
            "BEGIN (implicit)",
            "SELECT pet.id, pet.owner_id \nFROM pet",
            "[generated in] ()",
            lazy,
            "[generated in] (1,)",
            "SELECT child.parent_id, child.id \nFROM child \nWHERE child.parent_id IN (?)",
            "[generated in] (1,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}
