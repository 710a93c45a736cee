//! Joined-table inheritance through the mapper API: INSERTs base table first, the JOIN of
//! `select(Manager)`, the subclass column loaded from its own table, UPDATEs and DELETEs
//! table by table. Golden: SQLAlchemy 2.1.9 with `echo=True`,
//! `crates/orm/tests/sqla/joined_inheritance.py` (output in `joined_inheritance.out`),
//! timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::mapper::Mapper;
use crate::query::tests::log;
use crate::query::{Entity, select};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::session::{Session, Store};
use crate::types::SqlType;
use crate::{Engine, Error, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn joined_hierarchy_flushes_and_loads_as_sqlalchemy() -> Result<()> {
    let md = MetaData::new();
    let text = |n: &str| Column::new(n, SqlType::String(None)).nullable(false);
    let employee_t = md.add(
        Table::new("employee")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(text("name"))
            .column(text("type")),
    )?;
    let manager_t = md.add(
        Table::new("manager")
            .column(Column::foreign("id", ForeignKey::new("employee.id")?).primary_key())
            .column(text("manager_name")),
    )?;
    let mut view = Table::new("manager");
    for c in employee_t.columns() {
        view = view.column(c.clone());
    }
    let view = Rc::new(view.column(text("manager_name")));
    let employee = Mapper::new("Employee", &employee_t)?;
    employee.set_polymorphic(Some("type"), Some(Value::from("employee")))?;
    let manager = Mapper::inherit_joined(
        "Manager",
        &view,
        &manager_t,
        &employee,
        Some(Value::from("manager")),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    for (m, name, boss) in [
        (&manager, "m1", Some("boss")),
        (&employee, "x", None),
        (&manager, "m2", Some("chief")),
    ] {
        let mut values = vec![("name".to_owned(), Value::from(name))];
        values.extend(boss.map(|b| ("manager_name".to_owned(), Value::from(b))));
        let id = store.borrow_mut().create(m, &values)?;
        s.add(id)?;
    }
    s.flush()?;
    s.expunge_all()?;
    let me = Entity::of(&manager);
    let q = select(vec![me.clone().into()]).order_by(vec![me.c("id")?]);
    assert_eq!(
        q.to_sql_string()?,
        "SELECT manager.id, employee.id AS id_1, employee.name, employee.type, \
         manager.manager_name \nFROM employee JOIN manager ON employee.id = manager.id ORDER BY \
         manager.id"
    );
    assert_eq!(s.scalars(&q)?.all().len(), 2);
    s.expunge_all()?;
    let e = Entity::of(&employee);
    let objs: Vec<_> = s
        .scalars(&select(vec![e.clone().into()]).order_by(vec![e.c("id")?]))?
        .all()
        .into_iter()
        .filter_map(|c| c.object())
        .collect();
    let [m1, _, m2] = objs.as_slice() else {
        return Err(Error::InvalidRequestError("expected three rows".into()));
    };
    assert_eq!(s.get_attr(*m2, "manager_name")?, Value::from("chief"));
    s.set_attr(*m2, "manager_name", Value::from("head"))?;
    s.set_attr(*m2, "name", Value::from("m3"))?;
    s.flush()?;
    s.delete(*m1)?;
    s.flush()?;
    let join = "SELECT manager.id, employee.id AS id_1, employee.name, employee.type, \
                manager.manager_name \nFROM employee JOIN manager ON employee.id = manager.id \
                ORDER BY manager.id";
    let base = "INSERT INTO employee (name, type) VALUES (?, ?) RETURNING id";
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            base,
            "[generated in (insertmanyvalues) 1/3 (ordered; batch not supported)] ('m1', \
             'manager')",
            base,
            "[insertmanyvalues 2/3 (ordered; batch not supported)] ('x', 'employee')",
            base,
            "[insertmanyvalues 3/3 (ordered; batch not supported)] ('m2', 'manager')",
            "INSERT INTO manager (id, manager_name) VALUES (?, ?)",
            "[generated in] [(1, 'boss'), (3, 'chief')]",
            join,
            "[generated in] ()",
            "SELECT employee.id, employee.name, employee.type \nFROM employee ORDER BY \
             employee.id",
            "[generated in] ()",
            "SELECT manager.manager_name AS manager_manager_name \nFROM manager \nWHERE ? = \
             manager.id",
            "[generated in] (3,)",
            "UPDATE employee SET name=? WHERE employee.id = ?",
            "[generated in] ('m3', 3)",
            "UPDATE manager SET manager_name=? WHERE manager.id = ?",
            "[generated in] ('head', 3)",
            "DELETE FROM manager WHERE manager.id = ?",
            "[generated in] (1,)",
            "DELETE FROM employee WHERE employee.id = ?",
            "[generated in] (1,)",
        ]
    );
    Ok(())
}

#[test]
fn joins_to_subclasses_render_as_sqlalchemy() -> Result<()> {
    // Golden: `crates/orm/tests/sqla/inheritance_joins.py`: a joined-table subclass joins as
    // a nested join, a single-table one with its criterion in the ON clause.
    let md = MetaData::new();
    let int = |n: &str| Column::new(n, SqlType::Integer);
    let company_t = md.add(Table::new("company").column(int("id").primary_key()))?;
    let person_t = md.add(
        Table::new("person")
            .column(int("id").primary_key())
            .column(Column::new("type", SqlType::String(None)))
            .column(Column::foreign(
                "company_id",
                ForeignKey::new("company.id")?,
            )),
    )?;
    let engineer_t = md.add(
        Table::new("engineer")
            .column(Column::foreign("id", ForeignKey::new("person.id")?).primary_key()),
    )?;
    let company = Mapper::new("Company", &company_t)?;
    let person = Mapper::new("Person", &person_t)?;
    person.set_polymorphic(Some("type"), Some(Value::from("person")))?;
    let mut view = Table::new("engineer");
    for c in person_t.columns() {
        view = view.column(c.clone());
    }
    let joined = Mapper::inherit_joined(
        "Engineer",
        &Rc::new(view),
        &engineer_t,
        &person,
        Some(Value::from("engineer")),
    )?;
    let single = Mapper::inherit("Temp", &person_t, &person, Some(Value::from("temp")))?;
    let c = Entity::of(&company);
    assert_eq!(
        select(vec![c.clone().into()])
            .join(&Entity::of(&joined), None)
            .to_sql_string()?,
        "SELECT company.id \nFROM company JOIN (person JOIN engineer ON person.id = engineer.id) \
         ON company.id = person.company_id"
    );
    assert_eq!(
        select(vec![c.clone().into()])
            .join(&Entity::of(&single), None)
            .to_sql_string()?,
        "SELECT company.id \nFROM company JOIN person ON company.id = person.company_id AND \
         person.type IN (__[POSTCOMPILE_type_1])"
    );
    Ok(())
}
