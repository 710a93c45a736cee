//! Per-object ordering when two mappers refer to each other. Golden: SQLAlchemy 2.1.9 with
//! `echo=True`, `crates/orm/tests/sqla/cycle.py` (output in `cycle.out`); only the INSERT and
//! DELETE statements are compared (the SELECTs that load expired objects before the deletes
//! are checked elsewhere).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::mapper::Mapper;
use crate::query::tests::log;
use crate::relationship::{RelationshipOptions, relationship, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::session::{Session, Store};
use crate::types::SqlType;
use crate::unit_of_work::StepKind;
use crate::{Engine, Result};
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn rows_of_mutually_dependent_tables_are_ordered_object_by_object() -> Result<()> {
    let md = MetaData::new();
    let depts = md.add(
        Table::new("depts")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None)).nullable(false))
            .column(Column::foreign(
                "parent_emp_id",
                ForeignKey::new("emps.id")?,
            )),
    )?;
    let emps = md.add(
        Table::new("emps")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None)).nullable(false))
            .column(Column::foreign("dept_id", ForeignKey::new("depts.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let dept = Mapper::new("Dept", &depts)?;
    let emp = Mapper::new("Emp", &emps)?;
    let by = |col: &str| RelationshipOptions {
        foreign_keys: vec![col.to_owned()],
        ..RelationshipOptions::default()
    };
    // Golden: SQLAlchemy raises AmbiguousForeignKeysError without foreign_keys here.
    let err = relationship(&dept, "founder", &emp, None, "save-update, merge").err();
    assert_eq!(
        err.map(|e| e.class_name()),
        Some("AmbiguousForeignKeysError")
    );
    relationship_with(&dept, "founder", &emp, by("parent_emp_id"))?;
    relationship_with(&emp, "dept", &dept, by("dept_id"))?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mk = |m: &Rc<Mapper>, name: &str| {
        store
            .borrow_mut()
            .create(m, &[("name".to_owned(), name.into())])
    };
    let (d1, e1, d2, e2) = (
        mk(&dept, "d1")?,
        mk(&emp, "e1")?,
        mk(&dept, "d2")?,
        mk(&emp, "e2")?,
    );
    {
        let mut st = store.borrow_mut();
        st.set_parent(e1, "dept", Some(d1))?;
        st.set_parent(d2, "founder", Some(e1))?;
        st.set_parent(e2, "dept", Some(d2))?;
    }
    let mut s = Session::new(&engine, Rc::clone(&store));
    s.add_all(&[e2, d2, e1, d1])?;
    let plan = s.plan_flush()?;
    let order: Vec<(StepKind, &str)> = plan
        .steps
        .iter()
        .map(|st| (st.kind, st.table.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (StepKind::Insert, "depts"),
            (StepKind::Insert, "emps"),
            (StepKind::Insert, "depts"),
            (StepKind::Insert, "emps"),
        ]
    );
    s.commit()?;
    for id in [e2, d2, e1, d1] {
        s.delete(id)?;
    }
    s.commit()?;
    let mut statements = Vec::new();
    let mut lines = log(&engine).into_iter();
    while let Some(line) = lines.next() {
        if line.starts_with("SELECT") {
            lines.next();
        } else {
            statements.push(line);
        }
    }
    let mut expected = vec!["BEGIN (implicit)".to_owned()];
    for (sql, params) in [
        (
            "INSERT INTO depts (name, parent_emp_id) VALUES (?, ?)",
            "[generated in] ('d1', None)",
        ),
        (
            "INSERT INTO emps (name, dept_id) VALUES (?, ?)",
            "[generated in] ('e1', 1)",
        ),
        (
            "INSERT INTO depts (name, parent_emp_id) VALUES (?, ?)",
            "[cached since] ('d2', 1)",
        ),
        (
            "INSERT INTO emps (name, dept_id) VALUES (?, ?)",
            "[cached since] ('e2', 2)",
        ),
    ] {
        expected.extend([sql.to_owned(), params.to_owned()]);
    }
    expected.extend(["COMMIT".to_owned(), "BEGIN (implicit)".to_owned()]);
    for (sql, params) in [
        ("DELETE FROM emps WHERE emps.id = ?", "[generated in] (2,)"),
        (
            "DELETE FROM depts WHERE depts.id = ?",
            "[generated in] (2,)",
        ),
        ("DELETE FROM emps WHERE emps.id = ?", "[cached since] (1,)"),
        (
            "DELETE FROM depts WHERE depts.id = ?",
            "[cached since] (1,)",
        ),
    ] {
        expected.extend([sql.to_owned(), params.to_owned()]);
    }
    expected.push("COMMIT".to_owned());
    assert_eq!(statements, expected);
    Ok(())
}

/// As SQLAlchemy 2.1.9 (`x.parent = y; y.parent = x` on two persistent rows of a
/// self-referential table, then `flush()`): `CircularDependencyError`, even though UPDATEs
/// could run in any order; a chain of new rows (`c.parent = b; b.parent = a`) is no cycle.
/// SQLAlchemy lists the cycle's states in set order, so only the error's kind is compared.
#[test]
fn saved_rows_of_one_table_referring_to_each_other_are_a_cycle() -> Result<()> {
    let md = MetaData::new();
    let nodes = md.add(
        Table::new("nodes")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::foreign("parent_id", ForeignKey::new("nodes.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let node = Mapper::new("Node", &nodes)?;
    relationship_with(
        &node,
        "children",
        &node,
        RelationshipOptions {
            back_populates: Some("parent".into()),
            ..RelationshipOptions::default()
        },
    )?;
    relationship_with(
        &node,
        "parent",
        &node,
        RelationshipOptions {
            back_populates: Some("children".into()),
            remote_side: vec!["id".into()],
            ..RelationshipOptions::default()
        },
    )?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let new = || store.borrow_mut().create(&node, &[]);
    let (a, b, c) = (new()?, new()?, new()?);
    s.set_related(c, "parent", Some(b))?;
    s.set_related(b, "parent", Some(a))?;
    s.add_all(&[c, b, a])?;
    s.flush()?;
    let (x, y) = (new()?, new()?);
    s.add_all(&[x, y])?;
    s.flush()?;
    s.set_related(x, "parent", Some(y))?;
    s.set_related(y, "parent", Some(x))?;
    match s.flush() {
        Err(crate::Error::CircularDependencyError(m)) => {
            assert!(m.starts_with("Circular dependency detected. ("), "{m}");
        }
        other => panic!("expected CircularDependencyError, got {other:?}"),
    }
    Ok(())
}
