//! Values crossing between Python and SQL: a Python value as the SQL value SQLAlchemy's
//! SQLite types bind (datetimes in its storage format, Decimals as floats), and stored
//! values back as `date` / `datetime` / `Decimal` / plain Python values.

use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

/// A Python value as a SQL value.
pub fn to_sql(i: &mut Interpreter, v: &Value) -> PyResult<retort::Value> {
    Ok(match v {
        Value::None => retort::Value::Null,
        Value::Bool(b) => retort::Value::Integer(i64::from(*b)),
        Value::Int(n) => retort::Value::Integer(*n),
        Value::Float(f) => retort::Value::Float(*f),
        Value::Str(s) => retort::Value::Text(Rc::clone(s)),
        Value::Object(o) if o.type_name() == "datetime" => {
            // SQLAlchemy's SQLite storage format always carries the microseconds.
            let mut parts = Vec::new();
            for a in [
                "year",
                "month",
                "day",
                "hour",
                "minute",
                "second",
                "microsecond",
            ] {
                parts.push(match i.getattr(v, a)? {
                    Value::Int(n) => n,
                    _ => 0,
                });
            }
            retort::Value::Text(
                format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}",
                    parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]
                )
                .into(),
            )
        }
        // SQLAlchemy's SQLite Numeric binds a Decimal as a float.
        Value::Object(o) if o.type_name().ends_with("Decimal") => match i.to_str(v)?.parse::<f64>()
        {
            Ok(f) => retort::Value::Float(f),
            Err(_) => retort::Value::Text(i.to_str(v)?.into()),
        },
        Value::Object(o) if o.type_name() == "date" => retort::Value::Text(i.to_str(v)?.into()),
        // A Python enum member is stored by name, as SQLAlchemy's Enum type does.
        Value::Instance(inst) if crate::enums::members(&inst.class).is_some() => {
            let name = i.getattr(v, "name")?;
            retort::Value::Text(i.to_str(&name)?.into())
        }
        other => {
            return Err(i.exc(
                "NotImplementedError",
                format!(
                    "Retort cannot store a value of type '{}' in SQLite",
                    other.type_name()
                ),
            ));
        }
    })
}

/// A stored `DATE` / `DATETIME` text as Python's `date` / `datetime` (what SQLAlchemy's
/// SQLite types return); `None` when the text is not in SQLAlchemy's storage format.
pub fn date_from_sql(
    i: &mut Interpreter,
    ty: &retort::types::SqlType,
    text: &str,
) -> PyResult<Option<Value>> {
    use retort::types::SqlType;
    let num = |s: Option<&str>| s.and_then(|s| s.parse::<i64>().ok());
    let (date, time) = text.split_once(' ').unwrap_or((text, ""));
    let mut d = date.split('-');
    let (Some(y), Some(m), Some(day)) = (num(d.next()), num(d.next()), num(d.next())) else {
        return Ok(None);
    };
    let (class, mut args) = match ty {
        SqlType::Date => ("date", vec![y, m, day]),
        SqlType::DateTime => {
            let (hms, frac) = time.split_once('.').unwrap_or((time, "0"));
            let mut t = hms.split(':');
            let (h, mi, sec) = (num(t.next()), num(t.next()), num(t.next()));
            let padded = format!("{frac:0<6}");
            let us = num(padded.get(..6));
            (
                "datetime",
                vec![
                    y,
                    m,
                    day,
                    h.unwrap_or(0),
                    mi.unwrap_or(0),
                    sec.unwrap_or(0),
                    us.unwrap_or(0),
                ],
            )
        }
        _ => return Ok(None),
    };
    let module = i.import_module("datetime")?;
    let Some(class) = module.attrs.borrow().get(class).cloned() else {
        return Ok(None);
    };
    let args: Vec<Value> = args.drain(..).map(Value::Int).collect();
    i.call(&class, Args::positional(args)).map(Some)
}

/// A stored `NUMERIC` as the `Decimal` SQLAlchemy returns (rounded to the column's scale,
/// 10 places without one).
pub fn decimal_from_sql(
    i: &mut Interpreter,
    scale: Option<u32>,
    v: &retort::Value,
) -> PyResult<Option<Value>> {
    let f = match v {
        retort::Value::Float(f) => *f,
        retort::Value::Integer(n) => *n as f64,
        _ => return Ok(None),
    };
    let places = scale.unwrap_or(10) as usize;
    let module = i.import_module("decimal")?;
    let Some(class) = module.attrs.borrow().get("Decimal").cloned() else {
        return Ok(None);
    };
    let text = format!("{f:.places$}");
    i.call(&class, Args::positional(vec![Value::str(&text)]))
        .map(Some)
}

/// A SQL value as a Python value.
pub fn to_py(v: &retort::Value) -> Value {
    match v {
        retort::Value::Null => Value::None,
        retort::Value::Integer(n) => Value::Int(*n),
        retort::Value::Float(f) => Value::Float(*f),
        retort::Value::Text(s) => Value::str(s),
        retort::Value::Blob(b) => Value::str(&retort::value::py_bytes_repr(b)),
    }
}
