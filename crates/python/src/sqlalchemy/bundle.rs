//! `Bundle("user", User.name, User.fullname)`: columns selected together and returned as
//! one nested row (`row.user.name`) of the ORM result.

use super::rows::RowObj;
use super::{Bridge, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// A `Bundle`.
pub struct BundleObj {
    name: String,
    /// The bundled column expressions.
    pub(super) exprs: Vec<Value>,
}

/// Where a bundle's columns are among a statement's result columns.
#[derive(Clone, Debug)]
pub struct BundleSpan {
    name: String,
    start: usize,
    len: usize,
}

/// `Bundle(name, *exprs)`.
pub fn bundle(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(Value::Str(name)) = a.pos.first() else {
        return Err(i.type_error("Bundle() needs a name"));
    };
    if let Some((k, _)) = a.kw.first() {
        return Err(super::unsupported(i, &format!("Bundle(..., {k}=...)")));
    }
    Ok(obj(BundleObj {
        name: name.to_string(),
        exprs: a.pos[1..].to_vec(),
    }))
}

/// The select items of `args` with the spans of the bundles among them.
pub fn items_with_bundles(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    args: &[Value],
) -> PyResult<(Vec<retort::query::Item>, Vec<BundleSpan>)> {
    let mut items = Vec::new();
    let mut spans = Vec::new();
    for v in args {
        let (name, parts) = match native::<BundleObj>(v) {
            Some(bun) => (Some(bun.name.clone()), bun.exprs.clone()),
            None => (None, vec![v.clone()]),
        };
        let more = super::select::items(b, i, &parts)?;
        if let Some(name) = name {
            spans.push(BundleSpan {
                name,
                start: items.len(),
                len: more.len(),
            });
        }
        items.extend(more);
    }
    Ok((items, spans))
}

/// Groups each bundle's columns of the result into one row named by the bundle.
pub fn regroup(
    spans: &[BundleSpan],
    keys: Vec<String>,
    rows: Vec<Vec<Value>>,
) -> (Vec<String>, Vec<Vec<Value>>) {
    if spans.is_empty() {
        return (keys, rows);
    }
    let inner_keys: Vec<Rc<Vec<String>>> = spans
        .iter()
        .map(|s| Rc::new(keys.iter().skip(s.start).take(s.len).cloned().collect()))
        .collect();
    let mut out_keys = Vec::new();
    let mut pos = 0;
    for s in spans {
        out_keys.extend(
            keys.iter()
                .skip(pos)
                .take(s.start.saturating_sub(pos))
                .cloned(),
        );
        out_keys.push(s.name.clone());
        pos = s.start + s.len;
    }
    out_keys.extend(keys.iter().skip(pos).cloned());
    let rows = rows
        .into_iter()
        .map(|row| {
            let mut out = Vec::new();
            let mut pos = 0;
            for (s, k) in spans.iter().zip(&inner_keys) {
                out.extend(
                    row.iter()
                        .skip(pos)
                        .take(s.start.saturating_sub(pos))
                        .cloned(),
                );
                out.push(obj(RowObj {
                    keys: Rc::clone(k),
                    values: row.iter().skip(s.start).take(s.len).cloned().collect(),
                }));
                pos = s.start + s.len;
            }
            out.extend(row.iter().skip(pos).cloned());
            out
        })
        .collect();
    (out_keys, rows)
}

impl NativeObject for BundleObj {
    fn type_name(&self) -> String {
        "Bundle".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.util.Bundle object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "name" => Some(Value::str(&self.name)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
