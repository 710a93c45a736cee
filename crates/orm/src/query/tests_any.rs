//! `any()` along a many-to-many relationship. Golden: SQLAlchemy 2.1.9,
//! `crates/orm/tests/sqla/m2m_any.py` (output in `m2m_any.out`).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::mapper::Mapper;
use crate::relationship::{RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::types::SqlType;
use std::rc::Rc;

#[test]
fn many_to_many_any_lists_the_target_before_the_association_table() -> crate::Result<()> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let post_tags = md.add(
        Table::new("post_tags")
            .column(Column::foreign("post_id", ForeignKey::new("posts.id")?).primary_key())
            .column(Column::foreign("tag_id", ForeignKey::new("tags.id")?).primary_key()),
    )?;
    let posts = md.add(Table::new("posts").column(int_pk("id")))?;
    let tags = md.add(
        Table::new("tags")
            .column(int_pk("id"))
            .column(Column::new("name", SqlType::String(None)).nullable(false)),
    )?;
    let post = Mapper::new("Post", &posts)?;
    let tag = Mapper::new("Tag", &tags)?;
    let sec = |back: &str| RelationshipOptions {
        secondary: Some(Rc::clone(&post_tags)),
        back_populates: Some(back.to_owned()),
        ..RelationshipOptions::default()
    };
    relationship_with(&post, "tags", &tag, sec("posts"))?;
    relationship_with(&tag, "posts", &post, sec("tags"))?;
    let (p, t) = (Entity::of(&post), Entity::of(&tag));
    assert_eq!(
        select(vec![p.clone().into()])
            .where_(p.any("tags", Some(t.c("name")?.eq("x")))?)
            .to_sql_string()?,
        "SELECT posts.id \nFROM posts \nWHERE EXISTS (SELECT 1 \nFROM tags, post_tags \nWHERE \
         posts.id = post_tags.post_id AND tags.id = post_tags.tag_id AND tags.name = :name_1)"
    );
    assert_eq!(
        select(vec![t.clone().into()])
            .where_(t.any("posts", None)?)
            .to_sql_string()?,
        "SELECT tags.id, tags.name \nFROM tags \nWHERE EXISTS (SELECT 1 \nFROM posts, post_tags \
         \nWHERE tags.id = post_tags.tag_id AND posts.id = post_tags.post_id)"
    );
    Ok(())
}
