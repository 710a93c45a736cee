//! Tests of loader options: chained `selectinload`, `joinedload` of a collection (legacy and
//! 2.0), `lazyload` / `raiseload` overriding `lazy="joined"`, `contains_eager`,
//! `lazy="raise_on_sql"`, a LIMIT with a joined collection, and subquery loads (first level,
//! chained, many-to-one). Goldens: SQLAlchemy 2.1.9 with `echo=True`,
//! `crates/orm/tests/sqla/loader_options.py` and `subquery_paths.py` (outputs in `.out`),
//! timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::tests::log;
use super::*;
use crate::Engine;
use crate::mapper::Mapper;
use crate::relationship::{Lazy, RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::session::{ObjectId, Session, Store};
use crate::types::SqlType;
use std::cell::RefCell;
use std::rc::Rc;

struct Fx {
    engine: Engine,
    user: Rc<Mapper>,
    address: Rc<Mapper>,
    tag: Rc<Mapper>,
    s: Session,
}

fn fixture() -> Result<Fx> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let text = |n: &str| Column::new(n, SqlType::String(None)).nullable(false);
    let users = md.add(
        Table::new("users")
            .column(int_pk("id"))
            .column(text("name")),
    )?;
    let addresses = md.add(
        Table::new("addresses")
            .column(int_pk("id"))
            .column(text("email"))
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?).nullable(false)),
    )?;
    let tags = md.add(
        Table::new("tags")
            .column(int_pk("id"))
            .column(text("word"))
            .column(
                Column::foreign("address_id", ForeignKey::new("addresses.id")?).nullable(false),
            ),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("User", &users)?;
    let address = Mapper::new("Address", &addresses)?;
    let tag = Mapper::new("Tag", &tags)?;
    let opts = |back: &str, lazy| RelationshipOptions {
        back_populates: Some(back.to_owned()),
        lazy,
        ..RelationshipOptions::default()
    };
    relationship_with(
        &user,
        "addresses",
        &address,
        RelationshipOptions {
            order_by: vec![("id".to_owned(), false)],
            ..opts("user", Lazy::Select)
        },
    )?;
    relationship_with(&address, "user", &user, opts("addresses", Lazy::Joined))?;
    relationship_with(&address, "tags", &tag, opts("address", Lazy::Select))?;
    relationship_with(&tag, "address", &address, opts("tags", Lazy::RaiseOnSql))?;
    let mut conn = engine.connect();
    for sql in [
        "INSERT INTO users VALUES (1, 'a'), (2, 'b'), (3, 'c')",
        "INSERT INTO addresses VALUES (1, 'a1', 1), (2, 'a2', 1), (3, 'b1', 2)",
        "INSERT INTO tags VALUES (1, 'x', 1), (2, 'y', 3)",
    ] {
        conn.exec_driver_sql(sql, &[])?;
    }
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    let s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    Ok(Fx {
        engine,
        user,
        address,
        tag,
        s,
    })
}

/// The `name`s of the loaded relationship `rel` of each object (without loading anything).
fn loaded(s: &Session, objs: &[ObjectId], rel: &str, attr: &str) -> Result<Vec<Vec<Value>>> {
    let store = s.store().borrow();
    let mut out = Vec::new();
    for &o in objs {
        let mut names = Vec::new();
        for r in store.related(o, rel)?.unwrap_or_default() {
            let inst = store.get(r)?;
            let pos = inst.mapper.attr(attr)?;
            names.push(inst.values[pos].clone().unwrap_or(Value::Null));
        }
        out.push(names);
    }
    Ok(out)
}

fn objects(cells: Vec<Cell>) -> Vec<ObjectId> {
    cells.iter().filter_map(Cell::object).collect()
}

/// The users, ordered by id, loaded with `User.addresses` and then `Address.tags` by
/// `strategy`; checks what each level loaded (read without SQL).
fn users_with_addresses_and_tags(f: &mut Fx, strategy: Strategy) -> Result<()> {
    let u = Entity::of(&f.user);
    let q = select(vec![u.clone().into()])
        .options(vec![
            LoaderOption::new("User", "addresses", strategy).then("Address", "tags", strategy),
        ])
        .order_by(vec![u.c("id")?]);
    let users = objects(f.s.scalars(&q)?.all());
    assert_eq!(
        loaded(&f.s, &users, "addresses", "email")?,
        [vec!["a1".into(), "a2".into()], vec!["b1".into()], vec![]]
    );
    let mut addresses = Vec::new();
    for &user in &users {
        addresses.extend(
            f.s.store()
                .borrow()
                .related(user, "addresses")?
                .unwrap_or_default(),
        );
    }
    assert_eq!(
        loaded(&f.s, &addresses, "tags", "word")?,
        [vec![Value::from("x")], vec![], vec!["y".into()]]
    );
    Ok(())
}

#[test]
fn selectinload_chained_loads_each_level_with_one_select() -> Result<()> {
    let mut f = fixture()?;
    users_with_addresses_and_tags(&mut f, Strategy::Selectin)?;
    f.s.close()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users ORDER BY users.id",
            "[generated in] ()",
            "SELECT addresses.user_id, addresses.id, addresses.email, users_1.id, users_1.name \
             \nFROM addresses LEFT OUTER JOIN users AS users_1 ON users_1.id = addresses.user_id \
             \nWHERE addresses.user_id IN (?, ?, ?) ORDER BY addresses.id",
            "[generated in] (1, 2, 3)",
            "SELECT tags.address_id, tags.id, tags.word \nFROM tags \nWHERE tags.address_id \
             IN (?, ?, ?)",
            "[generated in] (1, 2, 3)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn joinedload_of_a_collection_outer_joins_and_needs_unique() -> Result<()> {
    let mut f = fixture()?;
    let u = Entity::of(&f.user);
    let q = select(vec![u.clone().into()])
        .options(vec![LoaderOption::new(
            "User",
            "addresses",
            Strategy::Joined { innerjoin: false },
        )])
        .order_by(vec![u.c("id")?]);
    let result = f.s.execute(&q)?;
    assert!(result.joined_collections, "unique() is required");
    assert_eq!(result.rows.len(), 3, "four rows, one per user");
    let users = objects(result.unique().scalars().all());
    assert_eq!(
        loaded(&f.s, &users, "addresses", "email")?,
        [vec!["a1".into(), "a2".into()], vec!["b1".into()], vec![]]
    );
    f.s.close()?;
    let legacy =
        f.s.query(vec![u.clone().into()])
            .options(vec![LoaderOption::new(
                "User",
                "addresses",
                Strategy::Joined { innerjoin: true },
            )]);
    let rows = legacy.all(&mut f.s)?;
    assert_eq!(rows.len(), 2, "the legacy Query returns each parent once");
    f.s.close()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name, addresses_1.id AS id_1, addresses_1.email, \
             addresses_1.user_id \nFROM users LEFT OUTER JOIN addresses AS addresses_1 ON \
             users.id = addresses_1.user_id ORDER BY users.id, addresses_1.id",
            "[generated in] ()",
            "ROLLBACK",
            "BEGIN (implicit)",
            "SELECT users.id AS users_id, users.name AS users_name, addresses_1.id AS \
             addresses_1_id, addresses_1.email AS addresses_1_email, addresses_1.user_id AS \
             addresses_1_user_id \nFROM users JOIN addresses AS addresses_1 ON users.id = \
             addresses_1.user_id ORDER BY addresses_1.id",
            "[generated in] ()",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn lazyload_raiseload_and_contains_eager_override_lazy_joined() -> Result<()> {
    let mut f = fixture()?;
    let a = Entity::of(&f.address);
    let plain = "SELECT addresses.id, addresses.email, addresses.user_id \nFROM addresses \
                 ORDER BY addresses.id";
    for strategy in [Strategy::Select, Strategy::Raise { sql_only: false }] {
        let q = select(vec![a.clone().into()])
            .options(vec![LoaderOption::new("Address", "user", strategy)])
            .order_by(vec![a.c("id")?]);
        let addrs = objects(f.s.scalars(&q)?.all());
        assert_eq!(addrs.len(), 3);
        assert_eq!(f.s.store().borrow().related(addrs[0], "user")?, None);
    }
    f.s.close()?;
    let u = Entity::of(&f.user);
    let q = select(vec![a.clone().into()])
        .join_relationship(&a, "user", None)?
        .where_(u.c("name")?.eq(Value::from("a")))
        .options(vec![LoaderOption::new(
            "Address",
            "user",
            Strategy::ContainsEager,
        )])
        .order_by(vec![a.c("id")?]);
    let addrs = objects(f.s.scalars(&q)?.all());
    assert_eq!(
        loaded(&f.s, &addrs, "user", "name")?,
        [vec![Value::from("a")], vec![Value::from("a")]]
    );
    f.s.close()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            plain,
            "[generated in] ()",
            plain,
            "[generated in] ()",
            "ROLLBACK",
            "BEGIN (implicit)",
            "SELECT users.id, users.name, addresses.id AS id_1, addresses.email, \
             addresses.user_id \nFROM addresses JOIN users ON users.id = addresses.user_id \
             \nWHERE users.name = ? ORDER BY addresses.id",
            "[generated in] ('a',)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn raise_on_sql_raises_only_when_the_load_would_emit_sql() -> Result<()> {
    let mut f = fixture()?;
    let a = Entity::of(&f.address);
    let t = Entity::of(&f.tag);
    f.s.scalars(&select(vec![a.clone().into()]).order_by(vec![a.c("id")?]))?;
    let tags = objects(
        f.s.scalars(&select(vec![t.clone().into()]).order_by(vec![t.c("id")?]))?
            .all(),
    );
    let mut emails = Vec::new();
    for &tag in &tags {
        f.s.check_raise_load(tag, "address")?;
        let parent = f.s.related(tag, "address")?;
        emails.push(f.s.get_attr(parent[0], "email")?);
    }
    assert_eq!(emails, [Value::from("a1"), Value::from("b1")]);
    f.s.expunge_all()?;
    let first = objects(
        f.s.scalars(&select(vec![t.clone().into()]).order_by(vec![t.c("id")?]))?
            .all(),
    );
    match f.s.check_raise_load(first[0], "address") {
        Err(crate::Error::InvalidRequestError(m)) => assert_eq!(
            m,
            "'Tag.address' is not available due to lazy='raise_on_sql'"
        ),
        other => panic!("expected InvalidRequestError, got {other:?}"),
    }
    f.s.close()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT addresses.id, addresses.email, addresses.user_id, users_1.id AS id_1, \
             users_1.name \nFROM addresses LEFT OUTER JOIN users AS users_1 ON users_1.id = \
             addresses.user_id ORDER BY addresses.id",
            "[generated in] ()",
            "SELECT tags.id, tags.word, tags.address_id \nFROM tags ORDER BY tags.id",
            "[generated in] ()",
            "SELECT tags.id, tags.word, tags.address_id \nFROM tags ORDER BY tags.id",
            "[cached since] ()",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn a_limit_with_a_joined_collection_selects_the_parents_in_a_subquery() -> Result<()> {
    let mut f = fixture()?;
    let u = Entity::of(&f.user);
    let q =
        f.s.query(vec![u.clone().into()])
            .options(vec![LoaderOption::new(
                "User",
                "addresses",
                Strategy::Joined { innerjoin: false },
            )])
            .order_by(vec![u.c("name")?]);
    let row = q.first(&mut f.s)?.unwrap_or_default();
    let users = objects(row);
    assert_eq!(
        loaded(&f.s, &users, "addresses", "email")?,
        [vec![Value::from("a1"), Value::from("a2")]]
    );
    f.s.close()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT anon_1.users_id AS anon_1_users_id, anon_1.users_name AS \
             anon_1_users_name, addresses_1.id AS addresses_1_id, addresses_1.email AS \
             addresses_1_email, addresses_1.user_id AS addresses_1_user_id \nFROM (SELECT \
             users.id AS users_id, users.name AS users_name \nFROM users ORDER BY users.name\n \
             LIMIT ? OFFSET ?) AS anon_1 LEFT OUTER JOIN addresses AS addresses_1 ON \
             anon_1.users_id = addresses_1.user_id ORDER BY anon_1.users_name, addresses_1.id",
            "[generated in] (1, 0)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

#[test]
fn a_wildcard_option_yields_to_options_naming_the_relationship() -> Result<()> {
    let f = fixture()?;
    let a = Entity::of(&f.address);
    let wildcard = || LoaderOption::new("*", options::WILDCARD, Strategy::Select);
    let plain = select(vec![a.clone().into()]).options(vec![wildcard()]);
    assert_eq!(
        plain.to_sql_string()?,
        "SELECT addresses.id, addresses.email, addresses.user_id \nFROM addresses"
    );
    let joined = select(vec![a.clone().into()]).options(vec![
        LoaderOption::new("Address", "user", Strategy::Joined { innerjoin: true }),
        wildcard(),
    ]);
    assert_eq!(
        joined.to_sql_string()?,
        "SELECT addresses.id, addresses.email, addresses.user_id, users_1.id AS id_1, \
         users_1.name \nFROM addresses JOIN users AS users_1 ON users_1.id = addresses.user_id"
    );
    Ok(())
}

#[test]
fn the_legacy_query_returns_rows_with_entities_once() -> Result<()> {
    // SQLAlchemy 2.1.9: query(User).join(User.addresses) -> 2 rows, query(User, User.name) ->
    // 2, query(User.name) -> 3 (no mapped entity, no uniquing), count() -> 3.
    let mut f = fixture()?;
    let u = Entity::of(&f.user);
    let joined =
        |items: Vec<Item>| -> Result<Query> { f.s.query(items).join_relationship(&u, "addresses") };
    let one = joined(vec![u.clone().into()])?;
    let two = joined(vec![u.clone().into(), u.c("name")?.into()])?;
    let names = joined(vec![u.c("name")?.into()])?;
    assert_eq!(one.all(&mut f.s)?.len(), 2);
    assert_eq!(two.all(&mut f.s)?.len(), 2);
    assert_eq!(names.all(&mut f.s)?.len(), 3);
    assert_eq!(one.count(&mut f.s)?, 3);
    Ok(())
}

#[test]
fn subqueryload_joins_the_related_rows_to_the_query_keys() -> Result<()> {
    let mut f = fixture()?;
    let u = Entity::of(&f.user);
    let q = select(vec![u.clone().into()])
        .options(vec![LoaderOption::new(
            "User",
            "addresses",
            Strategy::Subquery,
        )])
        .where_(u.c("name")?.ne("c"))
        .order_by(vec![u.c("id")?]);
    let users = objects(f.s.scalars(&q)?.all());
    assert_eq!(
        loaded(&f.s, &users, "addresses", "email")?,
        [vec!["a1".into(), "a2".into()], vec!["b1".into()]]
    );
    f.s.close()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users \nWHERE users.name != ? ORDER BY users.id",
            "[generated in] ('c',)",
            "SELECT addresses.id AS addresses_id, addresses.email AS addresses_email, \
             addresses.user_id AS addresses_user_id, anon_1.users_id AS anon_1_users_id, \
             users_1.id AS users_1_id, users_1.name AS users_1_name \nFROM (SELECT users.id AS \
             users_id \nFROM users \nWHERE users.name != ?) AS anon_1 JOIN addresses ON \
             anon_1.users_id = addresses.user_id LEFT OUTER JOIN users AS users_1 ON users_1.id \
             = addresses.user_id ORDER BY addresses.id",
            "[generated in] ('c',)",
            "ROLLBACK",
        ]
    );
    Ok(())
}

/// Golden: `crates/orm/tests/sqla/subquery_paths.py` (output in `subquery_paths.out`).
#[test]
fn chained_subqueryloads_join_the_path_through_aliases() -> Result<()> {
    let mut f = fixture()?;
    users_with_addresses_and_tags(&mut f, Strategy::Subquery)?;
    f.s.close()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT users.id, users.name \nFROM users ORDER BY users.id",
            "[generated in] ()",
            "SELECT addresses.id AS addresses_id, addresses.email AS addresses_email, \
             addresses.user_id AS addresses_user_id, anon_1.users_id AS anon_1_users_id, \
             users_1.id AS users_1_id, users_1.name AS users_1_name \nFROM (SELECT users.id AS \
             users_id \nFROM users) AS anon_1 JOIN addresses ON anon_1.users_id = \
             addresses.user_id LEFT OUTER JOIN users AS users_1 ON users_1.id = \
             addresses.user_id ORDER BY addresses.id",
            "[generated in] ()",
            "SELECT tags.id AS tags_id, tags.word AS tags_word, tags.address_id AS \
             tags_address_id, addresses_1.id AS addresses_1_id \nFROM (SELECT users.id AS \
             users_id \nFROM users) AS anon_1 JOIN addresses AS addresses_1 ON anon_1.users_id \
             = addresses_1.user_id JOIN tags ON addresses_1.id = tags.address_id",
            "[generated in] ()",
            "ROLLBACK",
        ]
    );
    Ok(())
}

/// Golden: `crates/orm/tests/sqla/subquery_paths.py` (output in `subquery_paths.out`).
#[test]
fn a_many_to_one_subqueryload_selects_distinct_foreign_keys() -> Result<()> {
    let mut f = fixture()?;
    let t = Entity::of(&f.tag);
    let q = select(vec![t.clone().into()])
        .options(vec![LoaderOption::new(
            "Tag",
            "address",
            Strategy::Subquery,
        )])
        .order_by(vec![t.c("word")?.desc()])
        .limit(5);
    let tags = objects(f.s.scalars(&q)?.all());
    assert_eq!(
        loaded(&f.s, &tags, "address", "email")?,
        [vec!["b1".into()], vec!["a1".into()]]
    );
    f.s.close()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "SELECT tags.id, tags.word, tags.address_id \nFROM tags ORDER BY tags.word DESC\n \
             LIMIT ? OFFSET ?",
            "[generated in] (5, 0)",
            "SELECT addresses.id AS addresses_id, addresses.email AS addresses_email, \
             addresses.user_id AS addresses_user_id, anon_1.tags_address_id AS \
             anon_1_tags_address_id, users_1.id AS users_1_id, users_1.name AS users_1_name \
             \nFROM (SELECT DISTINCT tags.address_id AS tags_address_id, tags.word AS tags_word \
             \nFROM tags ORDER BY tags.word DESC\n LIMIT ? OFFSET ?) AS anon_1 JOIN addresses \
             ON addresses.id = anon_1.tags_address_id LEFT OUTER JOIN users AS users_1 ON \
             users_1.id = addresses.user_id",
            "[generated in] (5, 0)",
            "ROLLBACK",
        ]
    );
    Ok(())
}
