//! The order of a flush's steps across mappers, as SQLAlchemy's sorted actions run:
//! rounds of the dependency sort in class-name order, a many-to-many's sides no earlier
//! than the second round, its association rows in the round after both sides. Golden:
//! SQLAlchemy 2.1.9 (tests/scripts/association_proxy_keywords_echo and a blog model of
//! users, posts with tags and comments).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::mapper::Mapper;
use crate::relationship::{RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::session::{Session, Store};
use crate::types::SqlType;
use crate::{Engine, Result};
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn association_rows_go_in_the_round_after_both_sides() -> Result<()> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let users = md.add(Table::new("users").column(int_pk("id")))?;
    let posts = md.add(
        Table::new("posts")
            .column(int_pk("id"))
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?)),
    )?;
    let tags = md.add(Table::new("tags").column(int_pk("id")))?;
    let comments = md.add(
        Table::new("comments")
            .column(int_pk("id"))
            .column(Column::foreign("post_id", ForeignKey::new("posts.id")?)),
    )?;
    let post_tags = md.add(
        Table::new("post_tags")
            .column(Column::foreign("post_id", ForeignKey::new("posts.id")?).primary_key())
            .column(Column::foreign("tag_id", ForeignKey::new("tags.id")?).primary_key()),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("User", &users)?;
    let post = Mapper::new("Post", &posts)?;
    let tag = Mapper::new("Tag", &tags)?;
    let comment = Mapper::new("Comment", &comments)?;
    relationship_with(&user, "posts", &post, RelationshipOptions::default())?;
    relationship_with(&post, "comments", &comment, RelationshipOptions::default())?;
    let secondary = RelationshipOptions {
        secondary: Some(post_tags),
        ..RelationshipOptions::default()
    };
    relationship_with(&post, "tags", &tag, secondary)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let new = |m: &Rc<Mapper>| store.borrow_mut().create(m, &[]);
    let (c, t, p, u) = (new(&comment)?, new(&tag)?, new(&post)?, new(&user)?);
    s.add(c)?;
    s.add(u)?;
    s.append_related(u, "posts", p)?;
    s.append_related(p, "tags", t)?;
    s.append_related(p, "comments", c)?;
    let plan = s.prepare_flush()?;
    let tables: Vec<&str> = plan.steps.iter().map(|st| st.table.as_str()).collect();
    assert_eq!(tables, ["users", "tags", "posts", "post_tags", "comments"]);
    Ok(())
}
