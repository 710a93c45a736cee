//! Query tests. Goldens come from SQLAlchemy 2.1.9 with `echo=True`:
//! `crates/orm/tests/sqla/query.py`, its output recorded in `query.out` (timings blanked here).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::engine::echo::echo_lines;
use crate::mapper::Mapper;
use crate::relationship::relationship;
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::session::{ObjectId, Session, Store};
use crate::sql::{Expr, FromItem, func, literal};
use crate::types::SqlType;
use crate::{Engine, Error};
use std::cell::RefCell;
use std::rc::Rc;

pub(crate) fn log(engine: &Engine) -> Vec<String> {
    engine
        .drain_events()
        .iter()
        .flat_map(echo_lines)
        .map(|l| {
            let m = l.message;
            for badge in ["[generated in", "[cached since"] {
                if let Some(rest) = m.strip_prefix(badge) {
                    let (inside, after) = rest.split_once(']').unwrap_or((rest, ""));
                    let extra = inside
                        .find(" (insertmanyvalues")
                        .map_or("", |p| &inside[p..]);
                    return format!("{badge}{extra}]{after}");
                }
            }
            m
        })
        .collect()
}

struct Fx {
    engine: Engine,
    user: Rc<Mapper>,
    address: Rc<Mapper>,
    store: Rc<RefCell<Store>>,
}

fn fx() -> Result<Fx> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(Some(30))))
            .column(Column::new("fullname", SqlType::String(None))),
    )?;
    let addresses = md.add(
        Table::new("addresses")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("email", SqlType::String(None)))
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?)),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let user = Mapper::new("User", &users)?;
    let address = Mapper::new("Address", &addresses)?;
    relationship(
        &user,
        "addresses",
        &address,
        Some("user"),
        "save-update, merge",
    )?;
    relationship(
        &address,
        "user",
        &user,
        Some("addresses"),
        "save-update, merge",
    )?;
    Ok(Fx {
        engine,
        user,
        address,
        store: Rc::new(RefCell::new(Store::new())),
    })
}

fn new(f: &Fx, m: &Rc<Mapper>, vals: &[(&str, Value)]) -> Result<ObjectId> {
    let vals: Vec<(String, Value)> = vals
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect();
    f.store.borrow_mut().create(m, &vals)
}

fn obj(c: Option<Cell>) -> Result<ObjectId> {
    c.and_then(|c| c.object())
        .ok_or_else(|| Error::InvalidRequestError("expected an object".into()))
}

#[test]
fn str_of_select_renders_like_sqlalchemy() -> Result<()> {
    let f = fx()?;
    let (u, a) = (Entity::of(&f.user), Entity::of(&f.address));
    let q = select(vec![u.clone().into()])
        .where_(u.c("name")?.eq("ed"))
        .order_by(vec![u.c("id")?.desc()])
        .limit(2);
    assert_eq!(
        q.to_sql_string()?,
        "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE users.name = :name_1 \
         ORDER BY users.id DESC\n LIMIT :param_1"
    );
    let q = select(vec![
        u.c("name")?.into(),
        func("count", vec![a.c("id")?]).into(),
    ])
    .join_relationship(&u, "addresses", None)?
    .group_by(vec![u.c("name")?])
    .having(func("count", vec![a.c("id")?]).gt(1));
    assert_eq!(
        q.to_sql_string()?,
        "SELECT users.name, count(addresses.id) AS count_1 \nFROM users JOIN addresses ON \
         users.id = addresses.user_id GROUP BY users.name \nHAVING count(addresses.id) > :count_2"
    );
    Ok(())
}

#[test]
fn selects_autoflush_and_hydrate_through_the_identity_map() -> Result<()> {
    let f = fx()?;
    let (u, a) = (Entity::of(&f.user), Entity::of(&f.address));
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let ed = new(
        &f,
        &f.user,
        &[("name", "ed".into()), ("fullname", "Ed Jones".into())],
    )?;
    let wendy = new(
        &f,
        &f.user,
        &[("name", "wendy".into()), ("fullname", "Wendy W".into())],
    )?;
    let mary = new(&f, &f.user, &[("name", "mary".into())])?;
    s.add_all(&[ed, wendy, mary])?;
    let by_name = select(vec![u.clone().into()]).where_(u.c("name")?.eq("ed"));
    assert_eq!(obj(Some(s.scalars(&by_name)?.one()?))?, ed);
    let again = select(vec![u.clone().into()]).filter_by(&[("name", "ed".into())])?;
    assert_eq!(obj(s.scalars(&again)?.first())?, ed);
    s.set_attr(ed, "fullname", "changed".into())?;
    let by_id = select(vec![u.clone().into()])
        .where_(u.c("id")?.eq(1))
        .no_autoflush();
    assert_eq!(obj(Some(s.scalars(&by_id)?.one()?))?, ed);
    assert_eq!(s.get_attr(ed, "fullname")?, Value::from("changed"));
    for email in ["e@x", "e2@x"] {
        let ad = new(&f, &f.address, &[("email", email.into())])?;
        f.store.borrow_mut().set_parent(ad, "user", Some(ed))?;
        s.add(ad)?;
    }
    let joined = select(vec![u.clone().into(), a.clone().into()])
        .join_relationship(&u, "addresses", None)?
        .order_by(vec![a.c("id")?]);
    let rows = s.execute(&joined)?;
    assert_eq!(rows.keys, ["User", "Address"]);
    let rows = rows.all();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], Cell::Object(ed));
    assert_eq!(rows[1][0], Cell::Object(ed));
    let counted = select(vec![
        u.c("name")?.into(),
        func("count", vec![a.c("id")?]).label("n").into(),
    ])
    .join(&a, Some(u.c("id")?.eq(a.c("user_id")?)))
    .group_by(vec![u.c("name")?])
    .having(func("count", vec![a.c("id")?]).gt(1));
    let r = s.execute(&counted)?;
    assert_eq!(r.keys, ["name", "n"]);
    assert_eq!(
        r.all(),
        [vec![
            Cell::Value("ed".into()),
            Cell::Value(Value::Integer(2))
        ]]
    );
    let nobody = select(vec![u.clone().into()]).where_(u.c("name")?.eq("nobody"));
    let err = s.scalars(&nobody)?.one().err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("No row was found when one was required")
    );
    let all = select(vec![u.clone().into()]);
    let err = s.scalars(&all)?.one().err().map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("Multiple rows were found when exactly one was required")
    );
    assert_eq!(s.scalars(&nobody)?.one_or_none()?, None);
    let count = select(vec![func("count", vec![]).into()]).select_from(&u);
    assert_eq!(s.scalar(&count)?, Some(Cell::Value(Value::Integer(3))));
    let page = select(vec![u.clone().into()])
        .order_by(vec![u.c("name")?])
        .limit(2)
        .offset(1);
    assert_eq!(
        s.scalars(&page)?.all(),
        [Cell::Object(mary), Cell::Object(wendy)]
    );
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO users (name, fullname) VALUES (?, ?) RETURNING id",
            "[generated in (insertmanyvalues) 1/3 (ordered; batch not supported)] ('ed', 'Ed Jones')",
            "INSERT INTO users (name, fullname) VALUES (?, ?) RETURNING id",
            "[insertmanyvalues 2/3 (ordered; batch not supported)] ('wendy', 'Wendy W')",
            "INSERT INTO users (name, fullname) VALUES (?, ?) RETURNING id",
            "[insertmanyvalues 3/3 (ordered; batch not supported)] ('mary', None)",
            "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE users.name = ?",
            "[generated in] ('ed',)",
            "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE users.name = ?",
            "[cached since] ('ed',)",
            "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE users.id = ?",
            "[generated in] (1,)",
            "UPDATE users SET fullname=? WHERE users.id = ?",
            "[generated in] ('changed', 1)",
            "INSERT INTO addresses (email, user_id) VALUES (?, ?) RETURNING id",
            "[generated in (insertmanyvalues) 1/2 (ordered; batch not supported)] ('e@x', 1)",
            "INSERT INTO addresses (email, user_id) VALUES (?, ?) RETURNING id",
            "[insertmanyvalues 2/2 (ordered; batch not supported)] ('e2@x', 1)",
            "SELECT users.id, users.name, users.fullname, addresses.id AS id_1, \
             addresses.email, addresses.user_id \nFROM users JOIN addresses ON users.id = \
             addresses.user_id ORDER BY addresses.id",
            "[generated in] ()",
            "SELECT users.name, count(addresses.id) AS n \nFROM users JOIN addresses ON \
             users.id = addresses.user_id GROUP BY users.name \nHAVING count(addresses.id) > ?",
            "[generated in] (1,)",
            "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE users.name = ?",
            "[cached since] ('nobody',)",
            "SELECT users.id, users.name, users.fullname \nFROM users",
            "[generated in] ()",
            "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE users.name = ?",
            "[cached since] ('nobody',)",
            "SELECT count(*) AS count_1 \nFROM users",
            "[generated in] ()",
            "SELECT users.id, users.name, users.fullname \nFROM users ORDER BY users.name\n \
             LIMIT ? OFFSET ?",
            "[generated in] (2, 1)",
        ]
    );
    Ok(())
}

fn seeded() -> Result<(Fx, Session, [ObjectId; 3])> {
    let f = fx()?;
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let mut ids = [ObjectId(0); 3];
    for (slot, (name, full)) in ids.iter_mut().zip([
        ("ed", Value::from("Ed Jones")),
        ("wendy", Value::from("Wendy W")),
        ("mary", Value::Null),
    ]) {
        *slot = new(&f, &f.user, &[("name", name.into()), ("fullname", full)])?;
        s.add(*slot)?;
    }
    s.flush()?;
    f.engine.drain_events();
    Ok((f, s, ids))
}

#[test]
fn legacy_query_labels_columns_and_counts_over_a_subquery() -> Result<()> {
    let (f, mut s, [ed, wendy, _]) = seeded()?;
    let u = Entity::of(&f.user);
    let q = s
        .query(vec![u.clone().into()])
        .filter(u.c("name")?.like("%e%"))
        .order_by(vec![u.c("id")?]);
    assert!(q.is_single_entity());
    assert_eq!(
        q.all(&mut s)?,
        [vec![Cell::Object(ed)], vec![Cell::Object(wendy)]]
    );
    let first = s
        .query(vec![u.clone().into()])
        .filter_by(&[("name", "wendy".into())])?
        .first(&mut s)?;
    assert_eq!(first, Some(vec![Cell::Object(wendy)]));
    assert_eq!(s.query(vec![u.clone().into()]).count(&mut s)?, 3);
    let names = s
        .query(vec![u.c("name")?.into()])
        .filter(u.c("id")?.gt(1))
        .all(&mut s)?;
    assert_eq!(
        names,
        [
            vec![Cell::Value("wendy".into())],
            vec![Cell::Value("mary".into())]
        ]
    );
    assert_eq!(
        log(&f.engine),
        [
            "SELECT users.id AS users_id, users.name AS users_name, users.fullname AS \
             users_fullname \nFROM users \nWHERE users.name LIKE ? ORDER BY users.id",
            "[generated in] ('%e%',)",
            "SELECT users.id AS users_id, users.name AS users_name, users.fullname AS \
             users_fullname \nFROM users \nWHERE users.name = ?\n LIMIT ? OFFSET ?",
            "[generated in] ('wendy', 1, 0)",
            "SELECT count(*) AS count_1 \nFROM (SELECT users.id AS users_id, users.name AS \
             users_name, users.fullname AS users_fullname \nFROM users) AS anon_1",
            "[generated in] ()",
            "SELECT users.name AS users_name \nFROM users \nWHERE users.id > ?",
            "[generated in] (1,)",
        ]
    );
    Ok(())
}

#[test]
fn populate_existing_overwrites_and_aliases_are_numbered() -> Result<()> {
    let (f, mut s, [ed, _, mary]) = seeded()?;
    s.commit()?;
    f.engine.drain_events();
    let u = Entity::of(&f.user);
    assert_eq!(s.get_attr(ed, "fullname")?, Value::from("Ed Jones"));
    s.set_attr(ed, "fullname", "local".into())?;
    let by_id = select(vec![u.clone().into()]).where_(u.c("id")?.eq(1));
    s.scalars(&by_id.clone().no_autoflush())?.one()?;
    assert_eq!(s.get_attr(ed, "fullname")?, Value::from("local"));
    s.scalars(&by_id.no_autoflush().populate_existing())?
        .one()?;
    assert_eq!(s.get_attr(ed, "fullname")?, Value::from("Ed Jones"));
    assert!(s.dirty().is_empty());
    let ua = aliased(&f.user, None);
    let q = select(vec![ua.clone().into()]).where_(ua.c("name")?.eq("mary"));
    assert_eq!(s.scalars(&q)?.all(), [Cell::Object(mary)]);
    let lines = log(&f.engine);
    assert_eq!(
        lines[lines.len() - 2],
        "SELECT users_1.id, users_1.name, users_1.fullname \nFROM users AS users_1 \nWHERE \
         users_1.name = ?"
    );
    assert_eq!(lines[lines.len() - 1], "[generated in] ('mary',)");
    Ok(())
}

#[test]
fn bad_attributes_and_queries_after_a_failed_flush_are_errors() -> Result<()> {
    let (f, mut s, _) = seeded()?;
    let u = Entity::of(&f.user);
    assert_eq!(
        u.c("nme").err().map(|e| e.to_string()).as_deref(),
        Some("type object 'User' has no attribute 'nme'")
    );
    assert!(
        select(vec![u.c("id")?.into()])
            .filter_by(&[("id", Value::Integer(1))])
            .is_err()
    );
    let dup = new(
        &f,
        &f.user,
        &[("id", Value::Integer(1)), ("name", "x".into())],
    )?;
    s.add(dup)?;
    let q = select(vec![literal(Value::Integer(1)).into()]);
    let err = s.execute(&q).err();
    assert!(matches!(err, Some(Error::Dbapi { .. })), "{err:?}");
    let err = s.execute(&q).err();
    assert!(
        matches!(err, Some(Error::PendingRollbackError(_))),
        "{err:?}"
    );
    s.rollback()?;
    assert_eq!(s.scalar(&q)?, Some(Cell::Value(Value::Integer(1))));
    Ok(())
}

/// Goldens: `crates/orm/tests/sqla/any_has.py` (output in `any_has.out`).
#[test]
fn any_has_and_core_statements_through_the_session() -> Result<()> {
    let f = fx()?;
    let (u, a) = (Entity::of(&f.user), Entity::of(&f.address));
    let by_email =
        select(vec![u.clone().into()]).where_(u.any("addresses", Some(a.c("email")?.eq("e@x")))?);
    assert_eq!(
        by_email.to_sql_string()?,
        "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE EXISTS (SELECT 1 \
         \nFROM addresses \nWHERE users.id = addresses.user_id AND addresses.email = :email_1)"
    );
    assert_eq!(
        select(vec![u.clone().into()])
            .where_(u.any("addresses", None)?)
            .to_sql_string()?,
        "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE EXISTS (SELECT 1 \
         \nFROM addresses \nWHERE users.id = addresses.user_id)"
    );
    assert_eq!(
        select(vec![a.clone().into()])
            .where_(a.has("user", Some(u.c("name")?.eq("ed")))?)
            .to_sql_string()?,
        "SELECT addresses.id, addresses.email, addresses.user_id \nFROM addresses \nWHERE \
         EXISTS (SELECT 1 \nFROM users \nWHERE users.id = addresses.user_id AND users.name = \
         :name_1)"
    );
    assert!(matches!(
        a.any("user", None),
        Err(Error::InvalidRequestError(m)) if m.starts_with("'any()' not implemented for scalar")
    ));
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let ed = new(&f, &f.user, &[("name", "ed".into())])?;
    s.add(ed)?;
    let r = s.execute_text(
        &crate::sql::text("SELECT name FROM users WHERE id = :id"),
        &[vec![("id".to_owned(), Value::Integer(1))]],
    )?;
    assert_eq!(r.rows, [vec![Value::from("ed")]]);
    let users = FromItem::Table(Rc::clone(f.user.table()));
    let rename = crate::sql::update(f.user.table())
        .where_(users.c("id")?.eq(1))
        .values(vec![("name".to_owned(), "edward".into())])?;
    assert_eq!(s.execute_core(&rename.into())?.rowcount, 1);
    assert!(s.scalars(&by_email)?.all().is_empty());
    s.commit()?;
    assert_eq!(
        log(&f.engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO users (name, fullname) VALUES (?, ?)",
            "[generated in] ('ed', None)",
            "SELECT name FROM users WHERE id = ?",
            "[generated in] (1,)",
            "UPDATE users SET name=? WHERE users.id = ?",
            "[generated in] ('edward', 1)",
            "SELECT users.id, users.name, users.fullname \nFROM users \nWHERE EXISTS (SELECT 1 \
             \nFROM addresses \nWHERE users.id = addresses.user_id AND addresses.email = ?)",
            "[generated in] ('e@x',)",
            "COMMIT",
        ]
    );
    Ok(())
}

/// Goldens: `crates/orm/tests/sqla/any_has.py` (relationship comparisons, `with_parent`).
#[test]
fn relationship_comparisons_bind_the_parents_key() -> Result<()> {
    let f = fx()?;
    let a = Entity::of(&f.address);
    let mut s = Session::new(&f.engine, Rc::clone(&f.store));
    let ed = new(
        &f,
        &f.user,
        &[("id", Value::Integer(7)), ("name", "ed".into())],
    )?;
    s.add(ed)?;
    s.flush()?;
    let store = f.store.borrow();
    let q = |e: Expr| select(vec![a.clone().into()]).where_(e).to_sql_string();
    let head = "SELECT addresses.id, addresses.email, addresses.user_id \nFROM addresses \nWHERE ";
    let eq = a.rel_eq("user", &store, Some(ed), false)?;
    assert_eq!(
        q(eq.clone())?,
        format!("{head}:param_1 = addresses.user_id")
    );
    let Expr::Binary { left, .. } = &eq else {
        panic!("{eq:?}")
    };
    assert_eq!(
        **left,
        Expr::Bind {
            value: Value::Integer(7),
            key: None
        }
    );
    assert_eq!(
        q(a.rel_eq("user", &store, None, false)?)?,
        format!("{head}addresses.user_id IS NULL")
    );
    assert_eq!(
        q(a.rel_eq("user", &store, Some(ed), true)?)?,
        format!("{head}addresses.user_id != :user_id_1 OR addresses.user_id IS NULL")
    );
    assert_eq!(
        q(with_parent(&store, ed, "addresses")?)?,
        format!("{head}:param_1 = addresses.user_id")
    );
    assert!(
        Entity::of(&f.user)
            .rel_eq("addresses", &store, Some(ed), false)
            .is_err()
    );
    Ok(())
}
