//! Exact-SQL tests of the Core constructs of the Unified Tutorial: FULL OUTER joins, compound
//! subqueries, window functions and FILTER, correlation, UPDATE ... FROM and multi-table
//! DELETE. Goldens from SQLAlchemy 2.1.9's `str(stmt)`.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::sql::statement::{Compound, CompoundOp, Correlate, FromItem, Select, delete, update};
use crate::sql::{func, select, select_compound, select_table, select_text};
use crate::types::SqlType;
use crate::value::Value;
use std::rc::Rc;

fn tables() -> Result<(MetaData, Rc<Table>, Rc<Table>)> {
    let md = MetaData::new();
    let u = md.add(
        Table::new("user_account")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(Some(30)))),
    )?;
    let a = md.add(
        Table::new("address")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::foreign(
                "user_id",
                ForeignKey::new("user_account.id")?,
            ))
            .column(Column::new("email_address", SqlType::String(None))),
    )?;
    Ok((md, u, a))
}

fn named(stmt: impl Into<Statement>) -> Result<String> {
    Ok(compile(&stmt.into(), ParamStyle::Named, &[])?.sql)
}

#[test]
fn a_full_join_and_a_union_subquery() -> Result<()> {
    let (_md, u, a) = tables()?;
    let (ut, at) = (
        FromItem::Table(Rc::clone(&u)),
        FromItem::Table(Rc::clone(&a)),
    );
    let s = select_table(&u).join(at.clone(), None).full_last_join();
    assert_eq!(
        named(s)?,
        "SELECT user_account.id, user_account.name \nFROM user_account FULL OUTER JOIN address ON user_account.id = address.user_id"
    );
    let one = select_table(&u).where_(ut.c("name")?.eq("sandy"));
    let two = select_table(&u).where_(ut.c("name")?.eq("spongebob"));
    let sub = select_compound(Compound {
        op: CompoundOp::UnionAll,
        selects: vec![one, two],
    })
    .subquery();
    let s = select(vec![sub.c("name")?, at.c("email_address")?])
        .select_from(at.clone())
        .join(sub, None);
    assert_eq!(
        named(s)?,
        "SELECT anon_1.name, address.email_address \nFROM address JOIN (SELECT user_account.id AS id, user_account.name AS name \nFROM user_account \nWHERE user_account.name = :name_1 UNION ALL SELECT user_account.id AS id, user_account.name AS name \nFROM user_account \nWHERE user_account.name = :name_2) AS anon_1 ON anon_1.id = address.user_id"
    );
    Ok(())
}

#[test]
fn window_functions_and_aggregate_filters() -> Result<()> {
    let (_md, u, _a) = tables()?;
    let ut = FromItem::Table(u);
    let over = Expr::Over {
        expr: Box::new(func("row_number", vec![])),
        partition_by: vec![ut.c("name")?],
        order_by: vec![ut.c("id")?],
    };
    let filtered = Expr::FuncFilter {
        expr: Box::new(func("count", vec![ut.c("id")?])),
        criteria: vec![ut.c("name")?.eq("sandy")],
    };
    assert_eq!(
        named(select(vec![over, filtered]))?,
        "SELECT row_number() OVER (PARTITION BY user_account.name ORDER BY user_account.id) AS anon_1, count(user_account.id) FILTER (WHERE user_account.name = :name_1) AS anon_2 \nFROM user_account"
    );
    Ok(())
}

#[test]
fn auto_correlation_refuses_a_subquery_left_without_froms() -> Result<()> {
    let (_md, u, a) = tables()?;
    let (ut, at) = (FromItem::Table(u), FromItem::Table(a));
    let mut inner =
        select(vec![func("count", vec![at.c("id")?])]).where_(ut.c("id")?.eq(at.c("user_id")?));
    let outer = |inner: Select| -> Result<Select> {
        Ok(
            select(vec![ut.c("name")?, inner.scalar_subquery().label("n")])
                .select_from(ut.clone())
                .join(at.clone(), None),
        )
    };
    let err = named(outer(inner.clone())?).err();
    assert!(
        matches!(&err, Some(crate::Error::InvalidRequestError(m)) if m.contains("auto-correlation")),
        "{err:?}"
    );
    inner.correlate = Correlate::Only(vec![Source::Named("user_account".into())]);
    assert_eq!(
        named(outer(inner)?)?,
        "SELECT user_account.name, (SELECT count(address.id) AS count_1 \nFROM address \nWHERE user_account.id = address.user_id) AS n \nFROM user_account JOIN address ON user_account.id = address.user_id"
    );
    Ok(())
}

#[test]
fn update_from_and_correlated_set_and_multi_table_delete() -> Result<()> {
    let (_md, u, a) = tables()?;
    let (ut, at) = (FromItem::Table(Rc::clone(&u)), FromItem::Table(a));
    let up = update(&u)
        .where_(ut.c("id")?.eq(at.c("user_id")?))
        .where_(at.c("email_address")?.eq("x"))
        .values(vec![("name".into(), Value::Text("Pat".into()))])?;
    assert_eq!(
        named(up)?,
        "UPDATE user_account SET name=:name FROM address WHERE user_account.id = address.user_id AND address.email_address = :email_address_1"
    );
    let sub = select(vec![at.c("email_address")?])
        .where_(at.c("user_id")?.eq(ut.c("id")?))
        .limit(1)
        .scalar_subquery();
    let up = update(&u).values_exprs(vec![("name".into(), sub)])?;
    assert_eq!(
        named(up)?,
        "UPDATE user_account SET name=(SELECT address.email_address \nFROM address \nWHERE address.user_id = user_account.id\n LIMIT :param_1)"
    );
    let del = delete(&u).where_(ut.c("id")?.eq(at.c("user_id")?));
    assert_eq!(
        named(del.clone())?,
        "DELETE FROM user_account , address WHERE user_account.id = address.user_id"
    );
    assert!(matches!(
        compile(&del.into(), ParamStyle::Qmark, &[]),
        Err(crate::Error::NotImplementedError(_))
    ));
    Ok(())
}

#[test]
fn insert_from_select_multiple_values_and_expressions() -> Result<()> {
    let (_md, u, a) = tables()?;
    let ut = FromItem::Table(Rc::clone(&u));
    let sel = select(vec![
        ut.c("id")?,
        ut.c("name")?.op(crate::sql::Op::Concat, "@aol.com"),
    ]);
    let ins =
        crate::sql::insert(&a).from_select(vec!["user_id".into(), "email_address".into()], sel)?;
    assert_eq!(
        named(ins)?,
        "INSERT INTO address (user_id, email_address) SELECT user_account.id, user_account.name || :name_1 AS anon_1 \nFROM user_account"
    );
    let rows = vec![
        vec![("name".into(), Value::Text("a".into()))],
        vec![("name".into(), Value::Text("b".into()))],
    ];
    let ins = crate::sql::insert(&u).values_multi(rows)?;
    assert_eq!(
        named(ins.clone())?,
        "INSERT INTO user_account (name) VALUES (:name_m0), (:name_m1)"
    );
    let q = compile(&ins.into(), ParamStyle::Qmark, &[])?;
    assert_eq!(q.sql, "INSERT INTO user_account (name) VALUES (?), (?)");
    assert_eq!(
        q.params,
        vec![Value::Text("a".into()), Value::Text("b".into())]
    );
    let sub = select(vec![ut.c("id")?])
        .where_(ut.c("name")?.eq("sandy"))
        .scalar_subquery();
    let ins = crate::sql::insert(&a).values_exprs(vec![("user_id".into(), sub)])?;
    assert_eq!(
        named(ins)?,
        "INSERT INTO address (user_id) VALUES ((SELECT user_account.id \nFROM user_account \nWHERE user_account.name = :name_1))"
    );
    Ok(())
}

#[test]
fn a_recursive_cte_names_its_columns_and_refers_to_itself() -> Result<()> {
    let (_md, u, _a) = tables()?;
    let ut = FromItem::Table(Rc::clone(&u));
    let mut base = select(vec![ut.c("id")?]).where_(ut.c("id")?.eq(1));
    base.recursive = true;
    let cte = base.clone().cte(Some("ids"));
    let step = select(vec![cte.c("id")?.op(crate::sql::Op::Add, 1)]).where_(cte.c("id")?.lt(3));
    let mut body = select_compound(Compound {
        op: CompoundOp::UnionAll,
        selects: vec![base, step],
    });
    body.recursive = true;
    let cte = body.cte(Some("ids"));
    assert_eq!(
        named(select(vec![cte.c("id")?]))?,
        "WITH RECURSIVE ids(id) AS \n(SELECT user_account.id AS id \nFROM user_account \nWHERE user_account.id = :id_1 UNION ALL SELECT ids.id + :id_2 AS anon_1 \nFROM ids \nWHERE ids.id < :id_3)\n SELECT ids.id \nFROM ids"
    );
    Ok(())
}

#[test]
fn a_lateral_subquery_correlates_to_the_left_of_its_join() -> Result<()> {
    let (_md, u, a) = tables()?;
    let (ut, at) = (FromItem::Table(Rc::clone(&u)), FromItem::Table(a));
    let mut inner = select(vec![at.c("email_address")?, at.c("user_id")?])
        .where_(ut.c("id")?.eq(at.c("user_id")?));
    inner.lateral = true;
    let sub = inner.subquery();
    let s = select(vec![ut.c("name")?, sub.c("email_address")?])
        .select_from(ut.clone())
        .join(sub, None);
    assert_eq!(
        named(s)?,
        "SELECT user_account.name, anon_1.email_address \nFROM user_account JOIN LATERAL (SELECT address.email_address AS email_address, address.user_id AS user_id \nFROM address \nWHERE user_account.id = address.user_id) AS anon_1 ON user_account.id = anon_1.user_id"
    );
    Ok(())
}

#[test]
fn a_textual_select_as_a_subquery() -> Result<()> {
    let sub = select_text(
        "SELECT id, name FROM t",
        &["id".to_owned(), "name".to_owned()],
    )
    .subquery();
    assert_eq!(
        named(select(vec![sub.c("name")?]).where_(sub.c("id")?.gt(1)))?,
        "SELECT anon_1.name \nFROM (SELECT id, name FROM t) AS anon_1 \nWHERE anon_1.id > :id_1"
    );
    Ok(())
}

/// `tuple_(a, b).in_(rows)`: SQLAlchemy's `__[POSTCOMPILE_param_1]` in `str()`, SQLite's
/// `VALUES (?, ?), (?)` (each row as given) when run, a one-row stand-in for an empty list.
#[test]
fn tuple_rows_in_expand_to_values() -> Result<()> {
    let (_md, u, _a) = tables()?;
    let from = FromItem::Table(Rc::clone(&u));
    let pair = Expr::Tuple(vec![from.c("id")?, from.c("name")?]);
    let rows_in = |rows: Vec<Vec<Value>>| {
        let target = crate::sql::expr::InTarget::Rows { width: 2, rows };
        let x = Expr::In {
            expr: Box::new(pair.clone()),
            target,
            negate: false,
        };
        Statement::Select(select_table(&u).where_(x))
    };
    let two = rows_in(vec![
        vec![Value::Integer(1), Value::from("a")],
        vec![Value::Integer(2)],
    ]);
    assert!(
        named(two.clone())?
            .ends_with("WHERE (user_account.id, user_account.name) IN (__[POSTCOMPILE_param_1])")
    );
    let run = compile(&two, ParamStyle::Qmark, &[])?;
    assert!(run.sql.ends_with("IN (VALUES (?, ?), (?))"), "{}", run.sql);
    assert_eq!(
        run.params,
        [Value::Integer(1), Value::from("a"), Value::Integer(2)]
    );
    let none = compile(&rows_in(Vec::new()), ParamStyle::Qmark, &[])?;
    assert!(
        none.sql
            .ends_with("IN (SELECT 1, 1 FROM (SELECT 1, 1) WHERE 1!=1)")
    );
    Ok(())
}
