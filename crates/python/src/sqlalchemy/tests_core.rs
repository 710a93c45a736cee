//! Unit tests of Core statements built from Python: `text().bindparams()`,
//! `exec_driver_sql()`, `table.c[...]`, `with_only_columns()`, Core `filter_by()`,
//! multiple-VALUES inserts (natively and on wasm32).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

const SETUP: &str = r#"
from sqlalchemy import *
md = MetaData()
t = Table("t", md, Column("id", Integer, primary_key=True), Column("a", String), Column("b", String))
e = create_engine("sqlite://")
md.create_all(e)
"#;

fn run(src: &str) -> String {
    let (out, r) = run_for_test(&format!("{SETUP}{src}"));
    assert!(r.is_ok(), "{r:?}");
    out
}

#[test]
fn text_bindparams_and_driver_sql() {
    let out = run(r#"
with e.begin() as c:
    c.execute(t.insert().values([{"a": "x", "b": "1"}, {"a": "y", "b": "2"}]))
    print(c.execute(text("SELECT a FROM t WHERE id > :n").bindparams(n=1)).scalars().all())
    print(c.exec_driver_sql("SELECT b FROM t WHERE a = ?", ("x",)).all())
"#);
    assert_eq!(out, "['y']\n[('1',)]\n");
}

#[test]
fn column_subsets_only_columns_and_core_filter_by() {
    let out = run(r#"
print(select(t.c["b", "a"]))
print(select(t).with_only_columns(t.c.a).filter_by(b="z").order_by(t.c.id).order_by(None))
"#);
    assert_eq!(
        out,
        "SELECT t.b, t.a \nFROM t\nSELECT t.a \nFROM t \nWHERE t.b = :b_1\n"
    );
}

#[test]
fn an_expanding_bindparam_takes_its_list_at_execution() {
    let out = run(r#"
with e.begin() as c:
    c.execute(t.insert(), [{"a": "x"}, {"a": "y"}, {"a": "z"}])
    stmt = select(t.c.a).where(t.c.id.in_(bindparam("ids", expanding=True)))
    print(stmt)
    print(c.execute(stmt, {"ids": [1, 3]}).scalars().all(), c.execute(stmt, {"ids": []}).all())
"#);
    assert_eq!(
        out,
        "SELECT t.a \nFROM t \nWHERE t.id IN (__[POSTCOMPILE_ids])\n['x', 'z'] []\n"
    );
}

#[test]
fn lightweight_tables_and_columns() {
    let out = run(r#"
lt = table("t", column("id"), column("a"))
print(select(lt.c.a).where(lt.c.id == 1))
print(select(column("x")))
"#);
    assert_eq!(out, "SELECT t.a \nFROM t \nWHERE t.id = :id_1\nSELECT x\n");
}

#[test]
fn table_joins_for_select_from_and_the_1x_select_list_error() {
    let out = run(r#"
u = Table("u", md, Column("id", Integer, primary_key=True), Column("t_id", ForeignKey("t.id")))
j = t.join(u)
print(j)
print(select(t.c.a).select_from(t.outerjoin(u, t.c.id == u.c.t_id, full=True)))
try:
    select([t.c.a])
except Exception as e:
    print(type(e).__name__)
"#);
    assert_eq!(
        out,
        "t JOIN u ON t.id = u.t_id\nSELECT t.a \nFROM t FULL OUTER JOIN u ON t.id = u.t_id\nArgumentError\n"
    );
}
