//! Exact-SQL tests of the compiler. Every golden comes from SQLAlchemy 2.1.9
//! (`str(stmt)` and `str(stmt.compile(sqlite_engine))`, script /tmp/g/sel.py).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::sql::statement::{FromItem, delete, insert, update};
use crate::sql::{and_, exists, func, not_, or_, select, select_table};
use crate::types::SqlType;
use crate::value::Value;
use std::rc::Rc;

struct Fx {
    users: FromItem,
    addresses: FromItem,
    ut: Rc<crate::schema::Table>,
    _md: MetaData,
}

fn fx() -> Result<Fx> {
    let md = MetaData::new();
    let ut = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(Some(30))))
            .column(Column::new("fullname", SqlType::String(None)))
            .column(Column::new("order", SqlType::Integer)),
    )?;
    let at = md.add(
        Table::new("addresses")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::foreign("user_id", ForeignKey::new("users.id")?))
            .column(Column::new("email_address", SqlType::String(None))),
    )?;
    Ok(Fx {
        users: FromItem::Table(Rc::clone(&ut)),
        addresses: FromItem::Table(at),
        ut,
        _md: md,
    })
}

/// (str(stmt), compiled sqlite text, params).
fn both(stmt: impl Into<Statement>) -> Result<(String, String, Vec<Value>)> {
    let stmt = stmt.into();
    let named = compile(&stmt, ParamStyle::Named, &[])?;
    let q = compile(&stmt, ParamStyle::Qmark, &[])?;
    Ok((named.sql, q.sql, q.params))
}

const ALL: &str = "SELECT users.id, users.name, users.fullname, users.\"order\" \nFROM users";

#[test]
fn select_all_and_where() -> Result<()> {
    let f = fx()?;
    assert_eq!(both(select_table(&f.ut))?.0, ALL);
    let (s, q, p) = both(select_table(&f.ut).where_(f.users.c("name")?.eq("spongebob")))?;
    assert_eq!(s, format!("{ALL} \nWHERE users.name = :name_1"));
    assert_eq!(q, format!("{ALL} \nWHERE users.name = ?"));
    assert_eq!(p, [Value::Text("spongebob".into())]);
    Ok(())
}

#[test]
fn order_limit_offset() -> Result<()> {
    let f = fx()?;
    let u = &f.users;
    let stmt = select(vec![u.c("name")?, u.c("fullname")?])
        .where_(u.c("id")?.gt(5))
        .where_(u.c("name")?.ne("x"))
        .order_by(vec![u.c("name")?.desc()])
        .limit(3)
        .offset(2);
    let (s, q, p) = both(stmt)?;
    assert_eq!(
        s,
        "SELECT users.name, users.fullname \nFROM users \nWHERE users.id > :id_1 AND users.name != :name_1 ORDER BY users.name DESC\n LIMIT :param_1 OFFSET :param_2"
    );
    assert_eq!(
        q,
        "SELECT users.name, users.fullname \nFROM users \nWHERE users.id > ? AND users.name != ? ORDER BY users.name DESC\n LIMIT ? OFFSET ?"
    );
    assert_eq!(
        p,
        [
            Value::Integer(5),
            "x".into(),
            Value::Integer(3),
            Value::Integer(2)
        ]
    );
    let (s, ..) = both(select(vec![u.c("order")?]).order_by(vec![u.c("order")?.asc()]))?;
    assert_eq!(
        s,
        "SELECT users.\"order\" \nFROM users ORDER BY users.\"order\" ASC"
    );
    Ok(())
}

#[test]
fn boolean_operators_group_by_precedence() -> Result<()> {
    let f = fx()?;
    let u = &f.users;
    let crit = or_(vec![
        u.c("name")?.eq("a"),
        and_(vec![u.c("id")?.ge(2), not_(u.c("fullname")?.like("%b%"))]),
    ]);
    let (s, ..) = both(select_table(&f.ut).where_(crit))?;
    assert_eq!(
        s,
        format!(
            "{ALL} \nWHERE users.name = :name_1 OR users.id >= :id_1 AND users.fullname NOT LIKE :fullname_1"
        )
    );
    let arith = u.c("id")?.op(Op::Add, 1).op(Op::Mul, 2).eq(4);
    let (s, q, _) = both(select_table(&f.ut).where_(arith))?;
    assert_eq!(
        s,
        format!("{ALL} \nWHERE (users.id + :id_1) * :param_1 = :param_2")
    );
    assert_eq!(q, format!("{ALL} \nWHERE (users.id + ?) * ? = ?"));
    // `like("%\\_1", escape="\\")` (SQLAlchemy 2.1.9's `str()`).
    let escaped = Expr::Escape {
        expr: Box::new(u.c("name")?.like("%\\_1")),
        escape: "\\".to_owned(),
    };
    let (s, ..) = both(select_table(&f.ut).where_(escaped))?;
    assert_eq!(
        s,
        format!("{ALL} \nWHERE users.name LIKE :name_1 ESCAPE '\\'")
    );
    Ok(())
}

#[test]
fn in_is_between_and_like_forms() -> Result<()> {
    let f = fx()?;
    let u = &f.users;
    let ints = |v: &[i64]| v.iter().map(|i| Value::Integer(*i)).collect::<Vec<_>>();
    let (s, q, p) = both(select_table(&f.ut).where_(u.c("id")?.in_(ints(&[1, 2, 3]))))?;
    assert_eq!(
        s,
        format!("{ALL} \nWHERE users.id IN (__[POSTCOMPILE_id_1])")
    );
    // Executed form from the echo log (/tmp/g/ex.py).
    assert_eq!(q, format!("{ALL} \nWHERE users.id IN (?, ?, ?)"));
    assert_eq!(p, ints(&[1, 2, 3]));
    let (s, ..) = both(select_table(&f.ut).where_(u.c("id")?.not_in(ints(&[1, 2]))))?;
    assert_eq!(
        s,
        format!("{ALL} \nWHERE (users.id NOT IN (__[POSTCOMPILE_id_1]))")
    );
    let (_, q, _) = both(select_table(&f.ut).where_(u.c("id")?.in_(vec![])))?;
    assert_eq!(
        q,
        format!("{ALL} \nWHERE users.id IN (SELECT 1 FROM (SELECT 1) WHERE 1!=1)")
    );
    let (s, ..) = both(select_table(&f.ut).where_(u.c("fullname")?.eq(Value::Null)))?;
    assert_eq!(s, format!("{ALL} \nWHERE users.fullname IS NULL"));
    let (s, ..) = both(select_table(&f.ut).where_(u.c("fullname")?.is_not_null()))?;
    assert_eq!(s, format!("{ALL} \nWHERE users.fullname IS NOT NULL"));
    let (s, ..) = both(select_table(&f.ut).where_(u.c("id")?.between(1, 5)))?;
    assert_eq!(s, format!("{ALL} \nWHERE users.id BETWEEN :id_1 AND :id_2"));
    let (s, ..) = both(select_table(&f.ut).where_(u.c("name")?.contains("e")))?;
    assert_eq!(
        s,
        format!("{ALL} \nWHERE (users.name LIKE '%' || :name_1 || '%')")
    );
    let (s, ..) = both(select_table(&f.ut).where_(u.c("name")?.endswith("e")))?;
    assert_eq!(s, format!("{ALL} \nWHERE (users.name LIKE '%' || :name_1)"));
    let (s, q, _) = both(select_table(&f.ut).where_(u.c("name")?.ilike("e%")))?;
    assert_eq!(
        s,
        format!("{ALL} \nWHERE lower(users.name) LIKE lower(:name_1)")
    );
    assert_eq!(q, format!("{ALL} \nWHERE lower(users.name) LIKE lower(?)"));
    Ok(())
}

#[test]
fn joins() -> Result<()> {
    let f = fx()?;
    let (u, a) = (&f.users, &f.addresses);
    let stmt = select(vec![u.c("name")?, a.c("email_address")?])
        .select_from(u.clone())
        .join(a.clone(), None);
    assert_eq!(
        both(stmt)?.0,
        "SELECT users.name, addresses.email_address \nFROM users JOIN addresses ON users.id = addresses.user_id"
    );
    let stmt = select(vec![u.c("name")?])
        .join(a.clone(), Some(u.c("id")?.eq(a.c("user_id")?)))
        .where_(a.c("email_address")?.startswith("a"));
    let (s, q, _) = both(stmt)?;
    assert_eq!(
        s,
        "SELECT users.name \nFROM users JOIN addresses ON users.id = addresses.user_id \nWHERE (addresses.email_address LIKE :email_address_1 || '%')"
    );
    assert_eq!(
        q,
        "SELECT users.name \nFROM users JOIN addresses ON users.id = addresses.user_id \nWHERE (addresses.email_address LIKE ? || '%')"
    );
    let stmt = select(vec![u.c("name")?]).outerjoin(a.clone(), None);
    assert_eq!(
        both(stmt)?.0,
        "SELECT users.name \nFROM users LEFT OUTER JOIN addresses ON users.id = addresses.user_id"
    );
    Ok(())
}

#[test]
fn functions_labels_grouping_and_distinct() -> Result<()> {
    let f = fx()?;
    let u = &f.users;
    assert_eq!(
        both(select(vec![func("count", vec![])]).select_from(u.clone()))?.0,
        "SELECT count(*) AS count_1 \nFROM users"
    );
    let stmt = select(vec![
        func("count", vec![u.c("id")?]).label("n"),
        u.c("name")?,
    ])
    .group_by(vec![u.c("name")?])
    .having(func("count", vec![u.c("id")?]).gt(1));
    let (s, q, _) = both(stmt)?;
    assert_eq!(
        s,
        "SELECT count(users.id) AS n, users.name \nFROM users GROUP BY users.name \nHAVING count(users.id) > :count_1"
    );
    assert_eq!(
        q,
        "SELECT count(users.id) AS n, users.name \nFROM users GROUP BY users.name \nHAVING count(users.id) > ?"
    );
    assert_eq!(
        both(select(vec![u.c("name")?]).distinct())?.0,
        "SELECT DISTINCT users.name \nFROM users"
    );
    assert_eq!(
        both(select(vec![u.c("name")?.label("nm")]))?.0,
        "SELECT users.name AS nm \nFROM users"
    );
    let id = || u.c("id");
    let stmt = select(vec![
        func("max", vec![id()?]),
        func("min", vec![id()?]),
        func("sum", vec![id()?]),
        func("avg", vec![id()?]),
    ]);
    assert_eq!(
        both(stmt)?.0,
        "SELECT max(users.id) AS max_1, min(users.id) AS min_1, sum(users.id) AS sum_1, avg(users.id) AS avg_1 \nFROM users"
    );
    Ok(())
}

#[test]
fn labels_outside_the_columns_clause() -> Result<()> {
    // Golden: SQLAlchemy 2.1.9, `print(select(...))` of the same statements.
    let f = fx()?;
    let u = &f.users;
    let n = || -> Result<Expr> { Ok(func("count", vec![u.c("id")?]).label("n")) };
    let stmt = select(vec![u.c("name")?, n()?])
        .group_by(vec![u.c("name")?])
        .having(n()?.gt(1))
        .order_by(vec![n()?.desc(), n()?]);
    assert_eq!(
        both(stmt)?.0,
        "SELECT users.name, count(users.id) AS n \nFROM users GROUP BY users.name \nHAVING count(users.id) > :param_1 ORDER BY n DESC, n"
    );
    // A label the SELECT does not have, and labels in GROUP BY or inside a function, are
    // written as their expressions.
    let stmt = select(vec![u.c("id")?])
        .group_by(vec![u.c("name")?.label("zz")])
        .order_by(vec![u.c("name")?.label("zz"), func("lower", vec![n()?])]);
    assert_eq!(
        both(stmt)?.0,
        "SELECT users.id \nFROM users GROUP BY users.name ORDER BY users.name, lower(count(users.id))"
    );
    Ok(())
}

#[test]
fn ansi_functions_have_no_argument_list() -> Result<()> {
    // Golden: SQLAlchemy 2.1.9, `print(stmt)` and `print(stmt.compile(sqlite_engine))`.
    let stmt = select(vec![
        func("now", vec![]),
        func("current_timestamp", vec![]),
        func("localtimestamp", vec![]),
        func("current_date", vec![]),
        func("sysdate", vec![]),
    ]);
    let (s, q, _) = both(stmt)?;
    assert_eq!(
        s,
        "SELECT now() AS now_1, CURRENT_TIMESTAMP AS current_timestamp_1, LOCALTIMESTAMP AS localtimestamp_1, CURRENT_DATE AS current_date_1, sysdate AS sysdate_1"
    );
    assert_eq!(
        q,
        "SELECT CURRENT_TIMESTAMP AS now_1, CURRENT_TIMESTAMP AS current_timestamp_1, DATETIME(CURRENT_TIMESTAMP, 'localtime') AS localtimestamp_1, CURRENT_DATE AS current_date_1, sysdate AS sysdate_1"
    );
    Ok(())
}

#[test]
fn subqueries_and_exists() -> Result<()> {
    let f = fx()?;
    let (u, a) = (&f.users, &f.addresses);
    let stmt = select_table(&f.ut).where_(u.c("id")?.in_select(select(vec![a.c("user_id")?])));
    assert_eq!(
        both(stmt)?.0,
        format!("{ALL} \nWHERE users.id IN (SELECT addresses.user_id \nFROM addresses)")
    );
    let stmt = select(vec![u.c("name")?]).where_(exists(
        select(vec![]).where_(a.c("user_id")?.eq(u.c("id")?)),
    ));
    assert_eq!(
        both(stmt)?.0,
        "SELECT users.name \nFROM users \nWHERE EXISTS (SELECT * \nFROM addresses \nWHERE addresses.user_id = users.id)"
    );
    // Among other criteria, an EXISTS is grouped too (SQLAlchemy 2.1.9's
    // `and_(exists().where(...), users.id > 1)`).
    let stmt = select(vec![u.c("name")?])
        .where_(exists(
            select(vec![]).where_(a.c("user_id")?.eq(u.c("id")?)),
        ))
        .where_(u.c("id")?.gt(1));
    assert_eq!(
        both(stmt)?.0,
        "SELECT users.name \nFROM users \nWHERE (EXISTS (SELECT * \nFROM addresses \nWHERE addresses.user_id = users.id)) AND users.id > :id_1"
    );
    // A negated EXISTS is grouped, as SQLAlchemy 2.1.9 prints `~exists().where(...)`.
    let stmt = select(vec![u.c("name")?]).where_(not_(exists(
        select(vec![]).where_(a.c("user_id")?.eq(u.c("id")?)),
    )));
    assert_eq!(
        both(stmt)?.0,
        "SELECT users.name \nFROM users \nWHERE NOT (EXISTS (SELECT * \nFROM addresses \nWHERE addresses.user_id = users.id))"
    );
    let sq = select(vec![
        a.c("user_id")?,
        func("count", vec![a.c("id")?]).label("cnt"),
    ])
    .group_by(vec![a.c("user_id")?])
    .subquery();
    let stmt = select(vec![u.c("name")?, sq.c("cnt")?])
        .join(sq.clone(), Some(u.c("id")?.eq(sq.c("user_id")?)));
    assert_eq!(
        both(stmt)?.0,
        "SELECT users.name, anon_1.cnt \nFROM users JOIN (SELECT addresses.user_id AS user_id, count(addresses.id) AS cnt \nFROM addresses GROUP BY addresses.user_id) AS anon_1 ON users.id = anon_1.user_id"
    );
    Ok(())
}

#[test]
fn insert_update_delete() -> Result<()> {
    let f = fx()?;
    let u = &f.users;
    let ins = insert(&f.ut).values(vec![
        ("name".into(), "x".into()),
        ("fullname".into(), "y".into()),
    ])?;
    let (s, q, p) = both(ins)?;
    assert_eq!(
        s,
        "INSERT INTO users (name, fullname) VALUES (:name, :fullname)"
    );
    assert_eq!(q, "INSERT INTO users (name, fullname) VALUES (?, ?)");
    assert_eq!(p, [Value::from("x"), Value::from("y")]);
    assert_eq!(
        both(insert(&f.ut))?.0,
        "INSERT INTO users (id, name, fullname, \"order\") VALUES (:id, :name, :fullname, :order)"
    );
    let upd = update(&f.ut)
        .where_(u.c("id")?.eq(5))
        .values(vec![("name".into(), "z".into())])?;
    let (s, q, p) = both(upd)?;
    assert_eq!(s, "UPDATE users SET name=:name WHERE users.id = :id_1");
    assert_eq!(q, "UPDATE users SET name=? WHERE users.id = ?");
    assert_eq!(p, [Value::from("z"), Value::Integer(5)]);
    let (s, q, _) = both(delete(&f.ut).where_(u.c("id")?.eq(5)))?;
    assert_eq!(s, "DELETE FROM users WHERE users.id = :id_1");
    assert_eq!(q, "DELETE FROM users WHERE users.id = ?");
    let err = insert(&f.ut)
        .values(vec![("nope".into(), Value::Null)])
        .err();
    assert_eq!(err.map(|e| e.class_name()), Some("CompileError"));
    Ok(())
}

#[test]
fn case_cast_nulls() -> Result<()> {
    use crate::sql::literal;
    let f = fx()?;
    let u = &f.users;
    let case = Expr::Case {
        value: None,
        whens: vec![
            (u.c("id")?.gt(1), literal(Value::Text("x".into()))),
            (u.c("name")?, u.c("id")?.op(Op::Add, 1)),
        ],
        else_: Some(Box::new(Expr::Null)),
    };
    let cast = |e: Expr, ty: &str| Expr::Cast {
        expr: Box::new(e),
        ty: ty.to_owned(),
    };
    let stmt = select(vec![
        case,
        cast(u.c("id")?, "VARCHAR"),
        cast(u.c("id")?.op(Op::Add, 1), "NUMERIC(10, 2)"),
    ])
    .order_by(vec![Expr::Nulls {
        expr: Box::new(u.c("name")?.desc()),
        first: true,
    }]);
    assert_eq!(
        both(stmt)?.0,
        "SELECT CASE WHEN (users.id > :id_1) THEN :param_1 WHEN users.name THEN users.id + :id_2 ELSE NULL END AS anon_1, CAST(users.id AS VARCHAR) AS id, CAST(users.id + :id_3 AS NUMERIC(10, 2)) AS anon_2 \nFROM users ORDER BY users.name DESC NULLS FIRST"
    );
    let stmt = select(vec![Expr::Case {
        value: Some(Box::new(u.c("name")?)),
        whens: vec![(literal(Value::Text("a".into())), literal(Value::Integer(1)))],
        else_: None,
    }])
    .order_by(vec![Expr::Nulls {
        expr: Box::new(u.c("id")?),
        first: false,
    }]);
    assert_eq!(
        both(stmt)?.0,
        "SELECT CASE users.name WHEN :param_1 THEN :param_2 END AS anon_1 \nFROM users ORDER BY users.id NULLS LAST"
    );
    Ok(())
}

#[test]
fn sqlite_limit_always_has_an_offset() -> Result<()> {
    let f = fx()?;
    let u = &f.users;
    // SQLAlchemy 2.1.9: select(users.c.id).limit(3) / .offset(2).
    let (s, q, p) = both(select(vec![u.c("id")?]).limit(3))?;
    assert_eq!(s, "SELECT users.id \nFROM users\n LIMIT :param_1");
    assert_eq!(q, "SELECT users.id \nFROM users\n LIMIT ? OFFSET ?");
    assert_eq!(p, [Value::Integer(3), Value::Integer(0)]);
    let (s, q, p) = both(select(vec![u.c("id")?]).offset(2))?;
    assert_eq!(s, "SELECT users.id \nFROM users\n LIMIT -1 OFFSET :param_1");
    assert_eq!(q, "SELECT users.id \nFROM users\n LIMIT ? OFFSET ?");
    assert_eq!(p, [Value::Integer(-1), Value::Integer(2)]);
    Ok(())
}

#[test]
fn sqlite_str_keeps_postcompile_in_lists() -> Result<()> {
    let f = fx()?;
    let stmt = Statement::Select(
        select(vec![f.users.c("id")?]).where_(f.users.c("id")?.in_(vec![Value::Integer(1)])),
    );
    let c = compile(&stmt, ParamStyle::SqliteStr, &[])?;
    assert_eq!(
        c.sql,
        "SELECT users.id \nFROM users \nWHERE users.id IN (__[POSTCOMPILE_id_1])"
    );
    Ok(())
}

#[test]
fn expression_types() -> Result<()> {
    use crate::sql::types::type_of;
    let f = fx()?;
    let u = &f.users;
    assert_eq!(type_of(&u.c("name")?), Some(SqlType::String(Some(30))));
    assert_eq!(type_of(&u.c("id")?.eq(1)), Some(SqlType::Boolean));
    assert_eq!(type_of(&func("count", vec![])), Some(SqlType::Integer));
    assert_eq!(
        type_of(&func("max", vec![u.c("name")?]).label("m")),
        Some(SqlType::String(Some(30)))
    );
    let sub = select(vec![u.c("name")?]).subquery();
    assert_eq!(type_of(&sub.c("name")?), Some(SqlType::String(Some(30))));
    Ok(())
}

#[test]
fn ctes_go_in_a_with_clause_their_parameters_first() -> Result<()> {
    let f = fx()?;
    let u = &f.users;
    // SQLAlchemy 2.1.9: a = select(users.c.id).where(users.c.id > 1).cte("a");
    // select(a.c.id, users.c.name).join(users, users.c.id == a.c.id).where(users.c.id == 3)
    let a = select(vec![u.c("id")?])
        .where_(u.c("id")?.gt(1))
        .cte(Some("a"));
    let stmt = select(vec![a.c("id")?, u.c("name")?])
        .join(u.clone(), Some(u.c("id")?.eq(a.c("id")?)))
        .where_(u.c("id")?.eq(3));
    let (s, q, p) = both(stmt)?;
    assert_eq!(
        s,
        "WITH a AS \n(SELECT users.id AS id \nFROM users \nWHERE users.id > :id_1)\n SELECT a.id, users.name \nFROM a JOIN users ON users.id = a.id \nWHERE users.id = :id_2"
    );
    assert!(q.starts_with("WITH a AS \n(SELECT users.id AS id \nFROM users \nWHERE users.id > ?)"));
    assert_eq!(p, [Value::Integer(1), Value::Integer(3)]);
    Ok(())
}

#[test]
fn joins_to_a_subquery_follow_its_columns_foreign_keys() -> Result<()> {
    let f = fx()?;
    let sub = select(vec![
        f.addresses.c("user_id")?,
        f.addresses.c("email_address")?,
    ])
    .subquery();
    let stmt = select(vec![f.users.c("name")?, sub.c("email_address")?]).join(sub, None);
    assert_eq!(
        both(stmt)?.0,
        "SELECT users.name, anon_1.email_address \nFROM users JOIN (SELECT addresses.user_id AS user_id, addresses.email_address AS email_address \nFROM addresses) AS anon_1 ON users.id = anon_1.user_id"
    );
    Ok(())
}

#[test]
fn concatenation_is_grouped_under_comparisons() -> Result<()> {
    use crate::sql::literal;
    let f = fx()?;
    let u = &f.users;
    let name = u
        .c("name")?
        .op(Op::Concat, literal(Value::Text(" ".into())))
        .op(Op::Concat, u.c("fullname")?);
    let stmt = select(vec![u.c("id")?]).where_(name.eq(literal(Value::Text("a b".into()))));
    assert_eq!(
        both(stmt)?.0,
        "SELECT users.id \nFROM users \nWHERE (users.name || :param_1 || users.fullname) = :param_2"
    );
    Ok(())
}

#[test]
fn boolean_constants_concat_grouping_and_anonymous_labels() -> Result<()> {
    let f = fx()?;
    let u = &f.users;
    // SQLAlchemy 2.1.9: select(t.c.id + 5 == 3).where(t.c.flag == True, t.c.flag.is_(False),
    // (t.c.n || 'x') == 'y')
    let stmt = select(vec![u.c("id")?.op(Op::Add, 5).eq(3)])
        .where_(u.c("id")?.eq(Expr::Bool(true)))
        .where_(u.c("id")?.op(Op::Is, Expr::Bool(false)))
        .where_(u.c("name")?.op(Op::Concat, "x").eq("y"));
    let (s, q, _) = both(stmt)?;
    assert_eq!(
        s,
        "SELECT users.id + :id_1 = :param_1 AS anon_1 \nFROM users \nWHERE users.id = true AND users.id IS false AND (users.name || :name_1) = :param_2"
    );
    assert!(q.ends_with("WHERE users.id = 1 AND users.id IS 0 AND (users.name || ?) = ?"));
    Ok(())
}
