//! Tests of the `selectin` and `joined` loader strategies. Goldens: SQLAlchemy 2.1.9 with
//! `echo=True`, `crates/orm/tests/sqla/loading.py` (output in `loading.out`), timings blanked.

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
fn selectin_and_joined_loading_read_as_sqlalchemy() -> Result<()> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let text = |n: &str| Column::new(n, SqlType::String(None)).nullable(false);
    let authors = md.add(
        Table::new("authors")
            .column(int_pk("id"))
            .column(text("name")),
    )?;
    let books = md.add(
        Table::new("books")
            .column(int_pk("id"))
            .column(text("title"))
            .column(Column::foreign("author_id", ForeignKey::new("authors.id")?).nullable(false)),
    )?;
    let articles = md.add(
        Table::new("articles")
            .column(int_pk("id"))
            .column(text("title")),
    )?;
    let comments = md.add(
        Table::new("comments")
            .column(int_pk("id"))
            .column(text("body"))
            .column(Column::foreign(
                "article_id",
                ForeignKey::new("articles.id")?,
            )),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let author = Mapper::new("Author", &authors)?;
    let book = Mapper::new("Book", &books)?;
    let article = Mapper::new("Article", &articles)?;
    let comment = Mapper::new("Comment", &comments)?;
    let lazy = |lazy| RelationshipOptions {
        lazy,
        ..RelationshipOptions::default()
    };
    relationship_with(&author, "books", &book, lazy(Lazy::Selectin))?;
    relationship_with(&comment, "article", &article, lazy(Lazy::Joined))?;
    let mut conn = engine.connect();
    for sql in [
        "INSERT INTO authors VALUES (1, 'a'), (2, 'b'), (3, 'c')",
        "INSERT INTO books (title, author_id) VALUES ('x', 1), ('y', 1), ('z', 2)",
        "INSERT INTO articles VALUES (1, 't')",
        "INSERT INTO comments (body, article_id) VALUES ('hi', 1), ('orphan', NULL)",
    ] {
        conn.exec_driver_sql(sql, &[])?;
    }
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let a = Entity::of(&author);
    let all = s
        .scalars(&select(vec![a.clone().into()]).order_by(vec![a.c("id")?]))?
        .all();
    let mut titles = Vec::new();
    for cell in &all {
        let Some(id) = cell.object() else { continue };
        let kids = s.related(id, "books")?;
        let names: Vec<Value> = kids
            .iter()
            .map(|&k| s.get_attr(k, "title"))
            .collect::<Result<_>>()?;
        titles.push(names);
    }
    assert_eq!(
        titles,
        [
            vec![Value::from("x"), Value::from("y")],
            vec![Value::from("z")],
            vec![]
        ]
    );
    s.close()?;
    let c = Entity::of(&comment);
    let q = select(vec![c.clone().into()]).order_by(vec![c.c("id")?]);
    let rows = s.scalars(&q)?.all();
    let mut seen = Vec::new();
    for cell in &rows {
        let Some(id) = cell.object() else { continue };
        let parent = s.related(id, "article")?;
        seen.push(match parent.first() {
            Some(&p) => s.get_attr(p, "title")?,
            None => Value::Null,
        });
    }
    assert_eq!(seen, [Value::from("t"), Value::Null]);
    s.close()?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT authors.id, authors.name \nFROM authors ORDER BY authors.id",
            "[generated in] ()",
            "SELECT books.author_id, books.id, books.title \nFROM books \nWHERE \
             books.author_id IN (?, ?, ?)",
            "[generated in] (1, 2, 3)",
            "ROLLBACK",
            "BEGIN (implicit)",
            "SELECT comments.id, comments.body, comments.article_id, articles_1.id AS id_1, \
             articles_1.title \nFROM comments LEFT OUTER JOIN articles AS articles_1 ON \
             articles_1.id = comments.article_id ORDER BY comments.id",
            "[generated in] ()",
            "ROLLBACK",
        ]
    );
    let c1 = s.get(&comment, &[Value::Integer(1)])?;
    let a1 = s.get(&author, &[Value::Integer(1)])?;
    let (Some(c1), Some(a1)) = (c1, a1) else {
        return Err(crate::Error::NoResultFound("comment 1 or author 1".into()));
    };
    assert_eq!(
        s.store().borrow().related(c1, "article")?.map(|v| v.len()),
        Some(1)
    );
    assert_eq!(
        s.store().borrow().related(a1, "books")?.map(|v| v.len()),
        Some(2)
    );
    s.close()?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "SELECT comments.id, comments.body, comments.article_id, articles_1.id AS id_1, \
             articles_1.title \nFROM comments LEFT OUTER JOIN articles AS articles_1 ON \
             articles_1.id = comments.article_id \nWHERE comments.id = ?",
            "[generated in] (1,)",
            "SELECT authors.id, authors.name \nFROM authors \nWHERE authors.id = ?",
            "[generated in] (1,)",
            "SELECT books.author_id, books.id, books.title \nFROM books \nWHERE \
             books.author_id IN (?)",
            "[cached since] (1,)",
            "ROLLBACK",
        ]
    );
    Ok(())
}
