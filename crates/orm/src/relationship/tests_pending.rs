//! Backref changes to collections that are not loaded (SQLAlchemy's pending mutations) and a
//! many-to-one's old value read without SQL. Golden: SQLAlchemy 2.1.9 with `echo=True`,
//! `crates/orm/tests/sqla/backref_pending.py` (output in `backref_pending.out`), timings
//! blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::query::tests::log;
use crate::schema::{Column, ForeignKey, MetaData};
use crate::session::{ObjectId, Session, Store};
use crate::types::SqlType;
use crate::{Engine, Value};
use std::cell::RefCell;

struct Fx {
    engine: Engine,
    department: Rc<Mapper>,
    employee: Rc<Mapper>,
    store: Rc<RefCell<Store>>,
}

fn fixture() -> Result<Fx> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let text = |n: &str| Column::new(n, SqlType::String(None));
    let departments = md.add(
        Table::new("department")
            .column(int_pk("id"))
            .column(text("name")),
    )?;
    let employees = md.add(
        Table::new("employee")
            .column(int_pk("id"))
            .column(text("name"))
            .column(Column::foreign(
                "department_id",
                ForeignKey::new("department.id")?,
            )),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let department = Mapper::new("Department", &departments)?;
    let employee = Mapper::new("Employee", &employees)?;
    let back = |name: &str| RelationshipOptions {
        back_populates: Some(name.to_owned()),
        ..RelationshipOptions::default()
    };
    relationship_with(&department, "employees", &employee, back("department"))?;
    relationship_with(&employee, "department", &department, back("employees"))?;
    let mut conn = engine.connect();
    for sql in [
        "INSERT INTO department VALUES (1, 'A'), (2, 'B')",
        "INSERT INTO employee VALUES (1, 'x', 1), (2, 'y', 1)",
    ] {
        conn.exec_driver_sql(sql, &[])?;
    }
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    Ok(Fx {
        engine,
        department,
        employee,
        store: Rc::new(RefCell::new(Store::new())),
    })
}

fn get(s: &mut Session, m: &Rc<Mapper>, pk: i64) -> Result<ObjectId> {
    s.get(m, &[Value::Integer(pk)])?
        .ok_or_else(|| Error::NoResultFound(format!("{} {pk}", m.class_name())))
}

fn names(s: &mut Session, ids: &[ObjectId]) -> Result<Vec<String>> {
    let mut out: Vec<String> = ids
        .iter()
        .map(|&id| {
            s.get_attr(id, "name").map(|v| match v {
                Value::Text(t) => t.to_string(),
                other => format!("{other:?}"),
            })
        })
        .collect::<Result<_>>()?;
    out.sort();
    Ok(out)
}

const BY_ID_E: &str = "SELECT employee.id, employee.name, employee.department_id \nFROM employee \nWHERE employee.id = ?";
const BY_ID_D: &str =
    "SELECT department.id, department.name \nFROM department \nWHERE department.id = ?";
const EMPLOYEES: &str = "SELECT employee.id, employee.name, employee.department_id \nFROM employee \nWHERE ? = employee.department_id";
const MOVE_Y: &str = "UPDATE employee SET department_id=? WHERE employee.id = ?";

#[test]
fn a_many_to_one_set_reads_its_old_value_without_sql() -> Result<()> {
    let f = fixture()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let x = get(&mut s, &f.employee, 1)?;
    let b = get(&mut s, &f.department, 2)?;
    s.set_related(x, "department", Some(b))?;
    let dirty = s.dirty();
    assert_eq!(names(&mut s, &dirty)?, ["B", "x"]);
    let in_b = s.related(b, "employees")?;
    assert_eq!(in_b, [x]);
    let a = get(&mut s, &f.department, 1)?;
    let in_a = s.related(a, "employees")?;
    assert_eq!(names(&mut s, &in_a)?, ["y"]);
    s.rollback()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            BY_ID_E,
            "[generated in] (1,)",
            BY_ID_D,
            "[generated in] (2,)",
            MOVE_Y,
            "[generated in] (2, 1)",
            EMPLOYEES,
            "[generated in] (2,)",
            BY_ID_D,
            "[cached since] (1,)",
            EMPLOYEES,
            "[cached since] (1,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn pending_backref_changes_merge_into_a_collection_loaded_without_a_flush() -> Result<()> {
    let f = fixture()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    s.autoflush = false;
    let a = get(&mut s, &f.department, 1)?;
    let b = get(&mut s, &f.department, 2)?;
    let y = get(&mut s, &f.employee, 2)?;
    s.set_related(y, "department", Some(b))?;
    let dirty = s.dirty();
    assert_eq!(names(&mut s, &dirty)?, ["A", "B", "y"]);
    let in_a = s.related(a, "employees")?;
    assert_eq!(names(&mut s, &in_a)?, ["x"]);
    assert_eq!(s.related(b, "employees")?, [y]);
    s.flush()?;
    assert!(s.dirty().is_empty());
    s.rollback()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            BY_ID_D,
            "[generated in] (1,)",
            BY_ID_D,
            "[cached since] (2,)",
            BY_ID_E,
            "[generated in] (2,)",
            EMPLOYEES,
            "[generated in] (1,)",
            EMPLOYEES,
            "[cached since] (2,)",
            MOVE_Y,
            "[generated in] (2, 2)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn an_append_takes_the_child_from_its_old_parents_unloaded_collection() -> Result<()> {
    let f = fixture()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let a = get(&mut s, &f.department, 1)?;
    let b = get(&mut s, &f.department, 2)?;
    let y = get(&mut s, &f.employee, 2)?;
    s.append_related(b, "employees", y)?;
    let dirty = s.dirty();
    assert_eq!(names(&mut s, &dirty)?, ["A", "B", "y"]);
    let in_a = s.related(a, "employees")?;
    assert_eq!(names(&mut s, &in_a)?, ["x"]);
    assert_eq!(s.related(b, "employees")?, [y]);
    s.rollback()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            BY_ID_D,
            "[generated in] (1,)",
            BY_ID_D,
            "[cached since] (2,)",
            BY_ID_E,
            "[generated in] (2,)",
            EMPLOYEES,
            "[generated in] (2,)",
            MOVE_Y,
            "[generated in] (2, 2)",
            EMPLOYEES,
            "[cached since] (1,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn a_parent_expired_by_commit_gives_its_key_and_the_flush_loads_it() -> Result<()> {
    let f = fixture()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let x = get(&mut s, &f.employee, 1)?;
    let b = get(&mut s, &f.department, 2)?;
    s.commit()?;
    s.set_related(x, "department", Some(b))?;
    s.flush()?;
    assert_eq!(s.get_attr(x, "department_id")?, Value::Integer(2));
    s.rollback()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            BY_ID_E,
            "[generated in] (1,)",
            BY_ID_D,
            "[generated in] (2,)",
            "COMMIT",
            "BEGIN (implicit)",
            BY_ID_D,
            "[generated in] (2,)",
            "SELECT employee.id, employee.name \nFROM employee \nWHERE employee.id = ?",
            "[generated in] (1,)",
            MOVE_Y,
            "[generated in] (2, 1)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

/// A write-only (or dynamic) collection of a persistent parent changes without being loaded:
/// the new child's INSERT takes the parent's key, a removed child's foreign key is set to
/// NULL, and no SELECT of the collection runs (SQLAlchemy 2.1.9 with a `WriteOnlyMapped`
/// collection logs the same; see also `orm_write_only_collections.py` of the corpus).
#[test]
fn a_write_only_collection_changes_without_loading() -> Result<()> {
    let f = fixture()?;
    let staff = RelationshipOptions {
        lazy: Lazy::WriteOnly,
        ..RelationshipOptions::default()
    };
    relationship_with(&f.department, "staff", &f.employee, staff)?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let a = get(&mut s, &f.department, 1)?;
    let x = get(&mut s, &f.employee, 1)?;
    let z = f
        .store
        .borrow_mut()
        .create(&f.employee, &[("name".to_owned(), Value::Text("z".into()))])?;
    s.append_related(a, "staff", z)?;
    s.remove_related(a, "staff", x)?;
    assert_eq!(f.store.borrow().related(a, "staff")?, None);
    s.flush()?;
    assert_eq!(s.get_attr(x, "department_id")?, Value::Null);
    assert_eq!(s.get_attr(z, "department_id")?, Value::Integer(1));
    s.rollback()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            BY_ID_D,
            "[generated in] (1,)",
            BY_ID_E,
            "[generated in] (1,)",
            // SQLAlchemy's save of a table runs its UPDATEs before its INSERTs.
            MOVE_Y,
            "[generated in] (None, 1)",
            "INSERT INTO employee (name, department_id) VALUES (?, ?)",
            "[generated in] ('z', 1)",
            "ROLLBACK",
        ]
    );
    Ok(())
}
