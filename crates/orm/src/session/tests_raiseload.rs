//! `lazy="raise"` / `"raise_on_sql"` and the `raiseload()` / `lazyload()` options: which reads
//! of an unloaded relationship raise, as SQLAlchemy 2.1.9 answers them (each expectation
//! checked against it: `raiseload(User.addresses)` then a plain query keeps raising; a
//! `lazyload()` option on a `lazy="raise"` relationship loads; `populate_existing` without the
//! option, or expiring the attribute, resets the object's loader).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::query::{Cell, Entity, LoaderOption, Strategy, select};
use crate::relationship::{Lazy, RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::types::SqlType;

struct Fx {
    user: Rc<Mapper>,
    /// Keeps the targets alive (relationships hold them weakly).
    _targets: [Rc<Mapper>; 2],
    s: Session,
}

fn fixture() -> Result<Fx> {
    let md = MetaData::new();
    let int_pk = |n: &str| Column::new(n, SqlType::Integer).primary_key();
    let users = md.add(Table::new("users").column(int_pk("id")))?;
    let fk = || -> Result<Column> { Ok(Column::foreign("user_id", ForeignKey::new("users.id")?)) };
    let addresses = md.add(Table::new("addresses").column(int_pk("id")).column(fk()?))?;
    let things = md.add(Table::new("things").column(int_pk("id")).column(fk()?))?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    let user = Mapper::new("User", &users)?;
    let address = Mapper::new("Address", &addresses)?;
    let thing = Mapper::new("Thing", &things)?;
    relationship_with(&user, "addresses", &address, RelationshipOptions::default())?;
    let raise = RelationshipOptions {
        lazy: Lazy::Raise,
        ..RelationshipOptions::default()
    };
    relationship_with(&user, "things", &thing, raise)?;
    let mut conn = engine.connect();
    for sql in [
        "INSERT INTO users VALUES (1)",
        "INSERT INTO addresses VALUES (1, 1)",
        "INSERT INTO things VALUES (1, 1)",
    ] {
        conn.exec_driver_sql(sql, &[])?;
    }
    conn.commit()?;
    drop(conn);
    let s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
    Ok(Fx {
        user,
        _targets: [address, thing],
        s,
    })
}

fn first_user(f: &mut Fx, options: Vec<LoaderOption>, populate: bool) -> Result<ObjectId> {
    let mut q = select(vec![Entity::of(&f.user).into()]).options(options);
    if populate {
        q = q.populate_existing();
    }
    match f.s.scalars(&q)?.all().first() {
        Some(Cell::Object(id)) => Ok(*id),
        other => Err(Error::NoResultFound(format!("{other:?}"))),
    }
}

/// `Ok(n)` (the number of related objects) or the `InvalidRequestError` message.
fn read(f: &mut Fx, id: ObjectId, name: &str) -> std::result::Result<usize, String> {
    match f.s.related(id, name) {
        Ok(v) => Ok(v.len()),
        Err(Error::InvalidRequestError(m)) => Err(m),
        Err(e) => Err(format!("unexpected {e:?}")),
    }
}

#[test]
fn raiseload_and_lazyload_options_replace_the_object_loader() -> Result<()> {
    let mut f = fixture()?;
    let raised = |name: &str, mode: &str| {
        Err(format!(
            "'User.{name}' is not available due to lazy='{mode}'"
        ))
    };
    let option = |rel: &str, strategy| vec![LoaderOption::new("User", rel, strategy)];
    let raise = Strategy::Raise { sql_only: false };
    let u = first_user(&mut f, option("addresses", raise), false)?;
    assert_eq!(read(&mut f, u, "addresses"), raised("addresses", "raise"));
    assert_eq!(read(&mut f, u, "things"), raised("things", "raise"));
    first_user(&mut f, option("things", Strategy::Select), false)?;
    assert_eq!(read(&mut f, u, "things"), Ok(1));
    first_user(&mut f, Vec::new(), false)?;
    assert_eq!(read(&mut f, u, "addresses"), raised("addresses", "raise"));
    first_user(&mut f, Vec::new(), true)?;
    assert_eq!(read(&mut f, u, "addresses"), Ok(1));
    f.s.expire(u)?;
    first_user(&mut f, option("things", Strategy::Select), false)?;
    f.s.expire_attrs(u, &["things".to_owned()])?;
    assert_eq!(read(&mut f, u, "things"), raised("things", "raise"));
    Ok(())
}
