//! Arithmetic and comparisons of `date`, `datetime`, `time` and `timedelta` (a child
//! module of [`crate::datetime`]): `date ± timedelta`, `datetime - datetime`,
//! `timedelta * n`, `timedelta / n`, `timedelta / timedelta`, orderings; aware datetimes
//! go through [`super::tz::aware_op`].

use super::{Kind, Object, US_PER_DAY, kind_of, tz};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

/// `a op b` with `me` on the left (on the right when `reflected`); None when unsupported.
pub(super) fn binary_op(
    me: &Object,
    i: &mut Interpreter,
    op: &str,
    other: &Value,
    reflected: bool,
) -> Option<PyResult<Value>> {
    let classes = me.classes();
    let other_obj = match other {
        Value::Object(o) => o.as_any().downcast_ref::<Object>(),
        _ => None,
    };
    // A datetime ± timedelta keeps the datetime's time zone.
    let dt_tz = match (me.kind, other_obj) {
        (Kind::DateTime(..), _) => me.tz.clone(),
        (_, Some(o)) => o.tz.clone(),
        _ => None,
    };
    let make = |kind: Kind| {
        let class = match kind {
            Kind::Date(_) => classes.date.clone(),
            Kind::DateTime(..) => classes.datetime.clone(),
            Kind::Delta(_) => classes.timedelta.clone(),
            Kind::Time(_) => classes.time.clone(),
        };
        let tz = match kind {
            Kind::DateTime(..) => dt_tz.clone(),
            _ => None,
        };
        Value::Object(Rc::new(Object { kind, class, tz }))
    };
    let mine = me.kind;
    match (mine, other, op, reflected) {
        (Kind::Delta(t), Value::Int(n), "*", _) => {
            return Some(
                t.checked_mul(*n)
                    .map(|t| make(Kind::Delta(t)))
                    .ok_or_else(|| i.overflow()),
            );
        }
        (Kind::Delta(t), Value::Int(n), "//" | "/", false) => {
            if *n == 0 {
                return Some(Err(
                    i.exc("ZeroDivisionError", "integer division or modulo by zero")
                ));
            }
            let q = if op == "/" {
                Some((t as f64 / *n as f64).round_ties_even() as i64)
            } else {
                t.checked_div_euclid(*n)
            };
            return Some(q.map(|q| make(Kind::Delta(q))).ok_or_else(|| i.overflow()));
        }
        (Kind::Delta(t), Value::Float(f), "*", _) => {
            return Some(Ok(make(Kind::Delta(
                (t as f64 * f).round_ties_even() as i64
            ))));
        }
        _ => {}
    }
    if let (Some(o), Kind::DateTime(..)) = (other_obj, mine)
        && matches!(o.kind, Kind::DateTime(..))
        && (me.tz.is_some() || o.tz.is_some())
    {
        let (a, b) = if reflected { (o, me) } else { (me, o) };
        if let Some(r) = tz::aware_op(i, op, a, b) {
            return Some(r);
        }
    }
    let theirs = kind_of(other)?;
    let (a, b) = if reflected {
        (theirs, mine)
    } else {
        (mine, theirs)
    };
    if let (Kind::Delta(x), Kind::Delta(y), "/" | "//") = (a, b, op) {
        if y == 0 {
            return Some(Err(i.exc("ZeroDivisionError", "division by zero")));
        }
        return Some(Ok(if op == "/" {
            Value::Float(x as f64 / y as f64)
        } else {
            match x.checked_div_euclid(y) {
                Some(q) => Value::Int(q),
                None => return Some(Err(i.overflow())),
            }
        }));
    }
    let same = std::mem::discriminant(&a) == std::mem::discriminant(&b);
    let shift = |d: i64, us: i64, by: i64| {
        let total = us + by.rem_euclid(US_PER_DAY);
        (
            d + by.div_euclid(US_PER_DAY) + total.div_euclid(US_PER_DAY),
            total.rem_euclid(US_PER_DAY),
        )
    };
    Some(Ok(match (op, a, b) {
        ("==", ..) => Value::Bool(a == b),
        ("!=", ..) => Value::Bool(a != b),
        ("<", ..) if same => Value::Bool(a < b),
        ("<=", ..) if same => Value::Bool(a <= b),
        (">", ..) if same => Value::Bool(a > b),
        (">=", ..) if same => Value::Bool(a >= b),
        ("+", Kind::Date(d), Kind::Delta(t)) | ("+", Kind::Delta(t), Kind::Date(d)) => {
            make(Kind::Date(d + t.div_euclid(US_PER_DAY)))
        }
        ("-", Kind::Date(d), Kind::Delta(t)) => make(Kind::Date(d - t.div_euclid(US_PER_DAY))),
        ("+", Kind::DateTime(d, us), Kind::Delta(t))
        | ("+", Kind::Delta(t), Kind::DateTime(d, us)) => {
            let (d, us) = shift(d, us, t);
            make(Kind::DateTime(d, us))
        }
        ("-", Kind::DateTime(d, us), Kind::Delta(t)) => {
            let (d, us) = shift(d, us, -t);
            make(Kind::DateTime(d, us))
        }
        ("-", Kind::Date(x), Kind::Date(y)) => make(Kind::Delta((x - y) * US_PER_DAY)),
        ("-", Kind::DateTime(x, xu), Kind::DateTime(y, yu)) => {
            make(Kind::Delta((x - y) * US_PER_DAY + xu - yu))
        }
        ("+", Kind::Delta(x), Kind::Delta(y)) => make(Kind::Delta(x.saturating_add(y))),
        ("-", Kind::Delta(x), Kind::Delta(y)) => make(Kind::Delta(x.saturating_sub(y))),
        _ => return None,
    }))
}
