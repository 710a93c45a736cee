//! Small helpers of `Table` / `Column` objects: `update().values()` keywords that are SQL
//! expressions (`price=table.c.price + 100`), and `column.foreign_keys` as a set.

use super::{Bridge, obj};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::Expr;
use std::rc::Rc;

/// Takes the keyword values that are SQL expressions (`price=table.c.price + 100`) out of `a`.
pub fn expr_values(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    a: &mut Args,
    orm: bool,
) -> PyResult<Vec<(String, Expr)>> {
    let mut out = Vec::new();
    let mut rest = Vec::new();
    for (k, v) in std::mem::take(&mut a.kw) {
        match super::expr::expr_of(b, i, &v)? {
            Some(e) => out.push((k, e)),
            None => rest.push((k, v)),
        }
    }
    a.kw = rest;
    if orm && !out.is_empty() {
        return Err(super::unsupported(
            i,
            "an ORM-enabled update() whose values() are SQL expressions",
        ));
    }
    Ok(out)
}

/// `column.foreign_keys`: a set of `ForeignKey` objects.
pub fn foreign_key_set(
    i: &mut Interpreter,
    fks: Vec<retort::schema::ForeignKey>,
) -> PyResult<Value> {
    let mut set = crate::value::Set::new();
    for fk in fks {
        let v = obj(super::schema::ForeignKeyObj(fk));
        let k = i.hash_key(&v)?;
        crate::value::set_put(&mut set, k, v);
    }
    Ok(Value::Set(Rc::new(std::cell::RefCell::new(set))))
}
