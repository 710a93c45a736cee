//! The methods of SQL functions beyond the column operators: `over()` (window functions),
//! `filter()` (aggregate FILTER) and `within_group()`, and `correlate()` of a scalar or EXISTS
//! subquery.

use super::expr::{ex, operand};
use super::{Bridge, method, obj};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::{self, Expr};
use std::rc::Rc;

/// The expressions of a `partition_by=` / `order_by=` argument: one or a list.
fn exprs(b: &Bridge, i: &mut Interpreter, v: Option<Value>) -> PyResult<Vec<Expr>> {
    let items = match v {
        None | Some(Value::None) => return Ok(Vec::new()),
        Some(Value::List(l)) => l.borrow().clone(),
        Some(Value::Tuple(t)) => t.to_vec(),
        Some(other) => vec![other],
    };
    items.iter().map(|v| operand(b, i, v, None)).collect()
}

/// `over`, `filter`, `within_group` and `correlate` of expression `e`, when it has them.
pub fn method_of(b: &Rc<Bridge>, e: &Expr, name: &str) -> Option<Value> {
    let (b, e) = (b.clone(), e.clone());
    if name == "type" {
        // `func.now().type`, `(col + 5).type`: the expression's SQL type, when known.
        return retort::sql::types::type_of(&e).map(|t| {
            obj(super::schema::TypeObj {
                name: super::schema::type_name(&t),
                sql: t,
                is_class: false,
            })
        });
    }
    match (name, &e) {
        ("over", Expr::Func { .. } | Expr::FuncFilter { .. } | Expr::WithinGroup { .. }) => {
            method(name, move |i, mut a: Args| {
                let partition_by = exprs(&b, i, a.take_kw("partition_by"))?;
                let order_by = exprs(&b, i, a.take_kw("order_by"))?;
                if let Some((k, _)) = a.kw.first() {
                    return Err(super::unsupported(i, &format!("over({k}=...)")));
                }
                Ok(ex(
                    &b,
                    Expr::Over {
                        expr: Box::new(e.clone()),
                        partition_by,
                        order_by,
                    },
                ))
            })
        }
        ("filter", Expr::Func { .. }) => method(name, move |i, a: Args| {
            let criteria = exprs(&b, i, Some(Value::list(a.pos.clone())))?;
            Ok(ex(
                &b,
                Expr::FuncFilter {
                    expr: Box::new(e.clone()),
                    criteria,
                },
            ))
        }),
        ("within_group", Expr::Func { .. }) => method(name, move |i, a: Args| {
            let order_by = exprs(&b, i, Some(Value::list(a.pos.clone())))?;
            Ok(ex(
                &b,
                Expr::WithinGroup {
                    expr: Box::new(e.clone()),
                    order_by,
                },
            ))
        }),
        ("correlate" | "correlate_except", Expr::ScalarSubquery(_) | Expr::Exists(_)) => {
            let except = name == "correlate_except";
            method(name, move |i, a: Args| {
                let correlate = correlation(&b, i, &a, except)?;
                Ok(ex(&b, with_correlation(e.clone(), correlate)))
            })
        }
        _ => None,
    }
}

/// The correlation `.correlate(*froms)` (`except`: `.correlate_except(*froms)`) asks for.
pub(super) fn correlation(
    b: &Bridge,
    i: &mut Interpreter,
    a: &Args,
    except: bool,
) -> PyResult<sql::Correlate> {
    let mut sources = Vec::new();
    for v in &a.pos {
        // A mapped class stands for its table.
        let from = match v {
            Value::Class(c) => b
                .mapped_class_of(c)
                .map(|m| sql::FromItem::Table(Rc::clone(m.mapper.table()))),
            other => super::select_join::core_from(other),
        };
        match from.and_then(|f| f.source()) {
            Some(s) => sources.push(s),
            None if matches!(v, Value::None) => {}
            None => {
                let shown = i.repr(v)?;
                return Err(super::unsupported(i, &format!("correlate({shown})")));
            }
        }
    }
    Ok(if except {
        sql::Correlate::Except(sources)
    } else {
        sql::Correlate::Only(sources)
    })
}

fn with_correlation(e: Expr, correlate: sql::Correlate) -> Expr {
    match e {
        Expr::ScalarSubquery(mut s) => {
            s.correlate = correlate;
            Expr::ScalarSubquery(s)
        }
        Expr::Exists(mut s) => {
            s.correlate = correlate;
            Expr::Exists(s)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn over_filter_and_correlate_run_on_sqlite() {
        let (out, r) = crate::interp::run_for_test(
            r#"
from sqlalchemy import *
md = MetaData()
u = Table("u", md, Column("id", Integer, primary_key=True), Column("g", String))
a = Table("a", md, Column("id", Integer, primary_key=True), Column("u_id", ForeignKey("u.id")))
e = create_engine("sqlite://")
md.create_all(e)
with e.begin() as c:
    c.execute(u.insert(), [{"g": "x"}, {"g": "x"}, {"g": "y"}])
    c.execute(a.insert(), [{"u_id": 1}, {"u_id": 1}, {"u_id": 3}])
    rn = func.row_number().over(partition_by=u.c.g, order_by=u.c.id)
    print(c.execute(select(u.c.id, rn).order_by(u.c.id)).all())
    print(c.execute(select(func.count(u.c.id).filter(u.c.g == "x"))).scalar())
    n = select(func.count(a.c.id)).where(a.c.u_id == u.c.id).scalar_subquery().correlate(u)
    print(c.execute(select(u.c.id, n.label("n")).join_from(u, a, isouter=True).distinct().order_by(u.c.id)).all())
"#,
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "[(1, 1), (2, 2), (3, 1)]\n2\n[(1, 2), (2, 0), (3, 1)]\n"
        );
    }
}
