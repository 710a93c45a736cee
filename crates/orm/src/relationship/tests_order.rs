//! `relationship(order_by=...)` in lazy, selectin and many-to-many loads. Golden: SQLAlchemy
//! 2.1.9 with `echo=True`, `crates/orm/tests/sqla/order_by.py` (output in `order_by.out`),
//! timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::query::tests::log;
use crate::schema::{Column, ForeignKey, MetaData};
use crate::session::{ObjectId, Session, Store};
use crate::types::SqlType;
use crate::{Engine, Value};
use std::cell::RefCell;

fn names(s: &mut Session, ids: &[ObjectId], attr: &str) -> Result<Vec<Value>> {
    ids.iter().map(|&id| s.get_attr(id, attr)).collect()
}

#[test]
fn loads_follow_relationship_order_by() -> Result<()> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let text = |n: &str| Column::new(n, SqlType::String(None)).nullable(false);
    let links = md.add(
        Table::new("links")
            .column(Column::foreign("author_id", ForeignKey::new("authors.id")?).primary_key())
            .column(Column::foreign("tag_id", ForeignKey::new("tags.id")?).primary_key()),
    )?;
    let authors = md.add(Table::new("authors").column(int_pk("id")))?;
    let books = md.add(
        Table::new("books")
            .column(int_pk("id"))
            .column(text("title"))
            .column(Column::foreign("author_id", ForeignKey::new("authors.id")?).nullable(false)),
    )?;
    let tags = md.add(Table::new("tags").column(int_pk("id")).column(text("name")))?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let author = Mapper::new("Author", &authors)?;
    let book = Mapper::new("Book", &books)?;
    let tag = Mapper::new("Tag", &tags)?;
    let by = |name: &str, desc: bool| vec![(name.to_owned(), desc)];
    relationship_with(
        &author,
        "books",
        &book,
        RelationshipOptions {
            order_by: by("title", true),
            ..RelationshipOptions::default()
        },
    )?;
    relationship_with(
        &author,
        "eager",
        &book,
        RelationshipOptions {
            order_by: by("id", false),
            lazy: Lazy::Selectin,
            ..RelationshipOptions::default()
        },
    )?;
    relationship_with(
        &author,
        "tags",
        &tag,
        RelationshipOptions {
            order_by: by("name", false),
            secondary: Some(Rc::clone(&links)),
            ..RelationshipOptions::default()
        },
    )?;
    let mut conn = engine.connect();
    for sql in [
        "INSERT INTO authors VALUES (1)",
        "INSERT INTO books (title, author_id) VALUES ('a', 1), ('c', 1), ('b', 1)",
        "INSERT INTO tags VALUES (1, 'z'), (2, 'y')",
        "INSERT INTO links VALUES (1, 1), (1, 2)",
    ] {
        conn.exec_driver_sql(sql, &[])?;
    }
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    let Some(a) = s.get(&author, &[Value::Integer(1)])? else {
        return Err(Error::NoResultFound("author 1".into()));
    };
    let kids = s.related(a, "books")?;
    assert_eq!(
        names(&mut s, &kids, "title")?,
        ["c", "b", "a"].map(Value::from)
    );
    let kids = s.related(a, "eager")?;
    assert_eq!(
        names(&mut s, &kids, "title")?,
        ["a", "c", "b"].map(Value::from)
    );
    let kids = s.related(a, "tags")?;
    assert_eq!(names(&mut s, &kids, "name")?, ["y", "z"].map(Value::from));
    s.close()?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT authors.id \nFROM authors \nWHERE authors.id = ?",
            "[generated in] (1,)",
            "SELECT books.author_id, books.id, books.title \nFROM books \nWHERE \
             books.author_id IN (?) ORDER BY books.id",
            "[generated in] (1,)",
            "SELECT books.id, books.title, books.author_id \nFROM books \nWHERE ? = \
             books.author_id ORDER BY books.title DESC",
            "[generated in] (1,)",
            "SELECT tags.id, tags.name \nFROM tags, links \nWHERE ? = links.author_id AND \
             tags.id = links.tag_id ORDER BY tags.name",
            "[generated in] (1,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn join_depth_lets_eager_loads_follow_a_cycle_that_many_levels() -> Result<()> {
    use crate::schema::{Column, ForeignKey, MetaData, Table};
    let md = MetaData::new();
    let nodes = md.add(
        Table::new("nodes")
            .column(Column::new("id", crate::types::SqlType::Integer).primary_key())
            .column(Column::foreign("parent_id", ForeignKey::new("nodes.id")?)),
    )?;
    let node = crate::mapper::Mapper::new("Node", &nodes)?;
    let opts = crate::relationship::RelationshipOptions {
        join_depth: Some(2),
        ..Default::default()
    };
    crate::relationship::relationship_with(&node, "deep", &node, opts)?;
    let deep = node
        .relationship("deep")
        .ok_or_else(|| crate::Error::AttributeError("deep".into()))?;
    let path = |n: usize| vec!["Node".to_owned(); n];
    assert!(!deep.stops_at(&path(2), "Node"));
    assert!(deep.stops_at(&path(3), "Node"));
    Ok(())
}
