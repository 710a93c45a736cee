//! Single-table inheritance through the mapper API: the hierarchy's INSERTs, polymorphic
//! loading, the lazy load of a subclass column and the subclass criterion. Golden:
//! SQLAlchemy 2.1.9 with `echo=True`, `crates/orm/tests/sqla/single_inheritance.py` (output
//! in `single_inheritance.out`), timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::mapper::Mapper;
use crate::query::tests::log;
use crate::query::{Entity, select};
use crate::schema::{Column, MetaData, Table};
use crate::session::{Session, Store};
use crate::types::SqlType;
use crate::{Engine, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;

struct Hierarchy {
    employee: Rc<Mapper>,
    manager: Rc<Mapper>,
    engineer: Rc<Mapper>,
}

/// `Employee` (discriminator `type`), `Manager` and `Engineer` on one `employee` table, as
/// declarative maps them: each mapper's table value holds the columns it maps.
fn hierarchy(md: &MetaData) -> Result<Hierarchy> {
    let text = |n: &str| Column::new(n, SqlType::String(None));
    let base = Rc::new(
        Table::new("employee")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(text("name").nullable(false))
            .column(text("type").nullable(false)),
    );
    let manager_name = text("manager_name").nullable(true);
    let engineer_info = text("engineer_info").nullable(true);
    md.add(base.with_columns(vec![manager_name.clone(), engineer_info.clone()])?)?;
    let employee = Mapper::new("Employee", &base)?;
    employee.set_polymorphic(Some("type"), Some(Value::from("employee")))?;
    let manager = Mapper::inherit(
        "Manager",
        &Rc::new(base.with_columns(vec![manager_name])?),
        &employee,
        Some(Value::from("manager")),
    )?;
    let engineer = Mapper::inherit(
        "Engineer",
        &Rc::new(base.with_columns(vec![engineer_info])?),
        &employee,
        Some(Value::from("engineer")),
    )?;
    if let Some(full) = md.table("employee") {
        employee.set_persist_table(&full);
    }
    Ok(Hierarchy {
        employee,
        manager,
        engineer,
    })
}

/// A subclass column's value.
type Extra = (&'static str, &'static str);

#[test]
fn single_table_hierarchy_flushes_and_loads_as_sqlalchemy() -> Result<()> {
    let md = MetaData::new();
    let h = hierarchy(&md)?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let rows: [(&Rc<Mapper>, &str, Option<Extra>); 4] = [
        (&h.engineer, "e1", Some(("engineer_info", "rust"))),
        (&h.engineer, "e2", Some(("engineer_info", "go"))),
        (&h.manager, "m1", Some(("manager_name", "boss"))),
        (&h.employee, "x", None),
    ];
    for (mapper, name, extra) in rows {
        let mut values = vec![("name".to_owned(), Value::from(name))];
        values.extend(extra.map(|(k, v)| (k.to_owned(), Value::from(v))));
        let id = store.borrow_mut().create(mapper, &values)?;
        s.add(id)?;
    }
    s.flush()?;
    s.expunge_all()?;
    let e = Entity::of(&h.employee);
    let objs = s
        .scalars(&select(vec![e.clone().into()]).order_by(vec![e.c("id")?]))?
        .all();
    let classes: Vec<String> = objs
        .iter()
        .filter_map(|c| c.object())
        .filter_map(|id| {
            store
                .borrow()
                .get(id)
                .ok()
                .map(|o| o.mapper.class_name().to_owned())
        })
        .collect();
    assert_eq!(classes, ["Engineer", "Engineer", "Manager", "Employee"]);
    let m1 = objs.get(2).and_then(|c| c.object());
    let m1 = m1.ok_or_else(|| crate::Error::InvalidRequestError("no manager".into()))?;
    assert_eq!(s.get_attr(m1, "manager_name")?, Value::from("boss"));
    assert_eq!(s.get(&h.engineer, &[Value::Integer(3)])?, None);
    let eng = Entity::of(&h.engineer);
    let q = select(vec![eng.clone().into()]).where_(eng.c("engineer_info")?.eq("go"));
    assert_eq!(s.scalars(&q)?.all().len(), 1);
    assert_eq!(
        q.to_sql_string()?,
        "SELECT employee.id, employee.name, employee.type, employee.engineer_info \nFROM \
         employee \nWHERE employee.engineer_info = :engineer_info_1 AND employee.type IN \
         (__[POSTCOMPILE_type_1])"
    );
    let many = "INSERT INTO employee (name, type, engineer_info) VALUES (?, ?, ?) RETURNING id";
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            many,
            "[generated in (insertmanyvalues) 1/2 (ordered; batch not supported)] ('e1', \
             'engineer', 'rust')",
            many,
            "[insertmanyvalues 2/2 (ordered; batch not supported)] ('e2', 'engineer', 'go')",
            "INSERT INTO employee (name, type, manager_name) VALUES (?, ?, ?)",
            "[generated in] ('m1', 'manager', 'boss')",
            "INSERT INTO employee (name, type) VALUES (?, ?)",
            "[generated in] ('x', 'employee')",
            "SELECT employee.id, employee.name, employee.type \nFROM employee ORDER BY \
             employee.id",
            "[generated in] ()",
            "SELECT employee.manager_name \nFROM employee \nWHERE employee.id = ? AND \
             employee.type IN (?)",
            "[generated in] (3, 'manager')",
            "SELECT employee.id, employee.name, employee.type, employee.engineer_info \nFROM \
             employee \nWHERE employee.engineer_info = ? AND employee.type IN (?)",
            "[generated in] ('go', 'engineer')",
        ]
    );
    Ok(())
}

#[test]
fn polymorphic_identity_is_set_on_creation_and_criteria_list_descendants() -> Result<()> {
    let md = MetaData::new();
    let h = hierarchy(&md)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let id = store.borrow_mut().create(&h.manager, &[])?;
    let pos = h.manager.attr("type")?;
    assert_eq!(
        store.borrow().get(id)?.values[pos],
        Some(Value::from("manager"))
    );
    assert!(h.manager.isa(&h.employee) && !h.employee.isa(&h.manager));
    assert!(std::ptr::eq(h.engineer.base_mapper(), &*h.employee));
    assert_eq!(
        h.employee.self_and_descendants().len(),
        3,
        "Employee, Manager, Engineer"
    );
    let e = Entity::of(&h.employee);
    assert!(h.employee.single_table_criterion(&e.from)?.is_none());
    assert_eq!(
        h.employee.persist_table().columns().len(),
        5,
        "the table as created"
    );
    Ok(())
}
