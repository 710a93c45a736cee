//! `column.foreign_keys` as a set of `ForeignKey` objects (`update().values()` expressions
//! are read in [`super::dml`]).

use super::obj;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

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
