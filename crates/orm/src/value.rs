//! The dynamic value that travels between the ORM and SQLite.
//!
//! A [`Value`] is what a column holds in a row, what a bound parameter carries and what the echo
//! log prints. Its [`Value::py_repr`] is CPython's `repr()` of the value the `sqlite3` driver
//! would hand to Python, so that parameter lines and printed rows read exactly as they do under
//! SQLAlchemy.

use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;
use std::rc::Rc;

/// One SQL value, as SQLite stores it.
#[derive(Debug, Clone, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(tag = "type", content = "value")]
pub enum Value {
    /// SQL `NULL`; Python's `None`.
    Null,
    /// A 64-bit signed integer.
    Integer(i64),
    /// A double-precision float.
    Float(f64),
    /// UTF-8 text.
    Text(Rc<str>),
    /// Raw bytes; Python's `bytes`.
    Blob(Rc<[u8]>),
}

impl Value {
    /// CPython's `repr()` of this value: `None`, `42`, `0.1`, `'it''s'` quoted as Python quotes it,
    /// `b'\x00'`.
    pub fn py_repr(&self) -> String {
        match self {
            Value::Null => "None".to_owned(),
            Value::Integer(i) => i.to_string(),
            Value::Float(f) => py_float_repr(*f),
            Value::Text(s) => py_str_repr(s),
            Value::Blob(b) => py_bytes_repr(b),
        }
    }

    /// Reads a value out of a SQLite row cell.
    pub fn from_sqlite(value: ValueRef<'_>) -> Value {
        match value {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(i) => Value::Integer(i),
            ValueRef::Real(f) => Value::Float(f),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into()),
            ValueRef::Blob(b) => Value::Blob(b.into()),
        }
    }
}

/// A [`Value`] as a hash key: two values have the same key exactly when they are equal
/// (`==`): `-0.0` is `0.0`'s key, and NaN, equal to nothing, has none.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ValueKey {
    Null,
    Integer(i64),
    /// The float's bits.
    Float(u64),
    Text(Rc<str>),
    Blob(Rc<[u8]>),
}

impl Value {
    /// This value's [`ValueKey`]; `None` for NaN.
    pub(crate) fn key(&self) -> Option<ValueKey> {
        Some(match self {
            Value::Null => ValueKey::Null,
            Value::Integer(i) => ValueKey::Integer(*i),
            Value::Float(f) if f.is_nan() => return None,
            // `-0.0 == 0.0`: one key for both.
            Value::Float(f) => ValueKey::Float((f + 0.0).to_bits()),
            Value::Text(t) => ValueKey::Text(Rc::clone(t)),
            Value::Blob(b) => ValueKey::Blob(Rc::clone(b)),
        })
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Integer(i) => ValueRef::Integer(*i),
            Value::Float(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::Text(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::Text(s.into())
    }
}

/// CPython's `repr(float)`: the shortest digits that round-trip, in fixed notation when the
/// decimal exponent is in `-4..16`, otherwise scientific with at least two exponent digits.
pub fn py_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "1.2345e-5", "-3e0".
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let negative = mantissa.starts_with('-');
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if (-4..16).contains(&exp) {
        if exp < 0 {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
            out.push_str(&digits);
        } else {
            let int_len = exp as usize + 1;
            if digits.len() > int_len {
                out.push_str(&digits[..int_len]);
                out.push('.');
                out.push_str(&digits[int_len..]);
            } else {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', int_len - digits.len()));
                out.push_str(".0");
            }
        }
    } else {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let _ = write!(out, "e{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs());
    }
    out
}

/// CPython's `repr(str)`: single quotes unless the text holds a single quote and no double quote.
pub fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if c.is_control() => {
                let code = c as u32;
                let _ = if code <= 0xff {
                    write!(out, "\\x{code:02x}")
                } else if code <= 0xffff {
                    write!(out, "\\u{code:04x}")
                } else {
                    write!(out, "\\U{code:08x}")
                };
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// CPython's `repr(bytes)`.
pub fn py_bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &byte in b {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            q if q == quote => {
                out.push('\\');
                out.push(q as char);
            }
            0x20..=0x7e => out.push(byte as char),
            _ => {
                let _ = write!(out, "\\x{byte:02x}");
            }
        }
    }
    out.push(quote as char);
    out
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn equal_values_have_equal_keys() {
        let values = [
            Value::Null,
            Value::Integer(1),
            Value::Float(1.0),
            Value::Float(0.0),
            Value::Float(-0.0),
            Value::Float(f64::NAN),
            Value::from("1"),
            Value::Blob(vec![1].into()),
        ];
        for a in &values {
            for b in &values {
                let same_key = a.key().is_some() && a.key() == b.key();
                assert_eq!(same_key, a == b, "{a:?} {b:?}");
            }
        }
    }

    // Expected strings are CPython 3.11's repr() of the same values.
    #[test]
    fn float_repr_matches_cpython() {
        let cases = [
            (0.1, "0.1"),
            (3.0, "3.0"),
            (1e-05, "1e-05"),
            (0.0001, "0.0001"),
            (1e16, "1e+16"),
            (1234567890123456.0, "1234567890123456.0"),
            (-2.5, "-2.5"),
            (1.5e300, "1.5e+300"),
            (0.30000000000000004, "0.30000000000000004"),
            (-0.0, "-0.0"),
            (f64::INFINITY, "inf"),
        ];
        for (f, want) in cases {
            assert_eq!(py_float_repr(f), want, "repr({f:?})");
        }
    }

    #[test]
    fn str_repr_matches_cpython() {
        assert_eq!(py_str_repr("ed"), "'ed'");
        assert_eq!(py_str_repr("it's"), "\"it's\"");
        assert_eq!(py_str_repr("both ' and \""), "'both \\' and \"'");
        assert_eq!(py_str_repr("tab\there\n"), "'tab\\there\\n'");
        assert_eq!(py_str_repr("\u{1}é"), "'\\x01é'");
    }

    #[test]
    fn value_repr() {
        assert_eq!(Value::Null.py_repr(), "None");
        assert_eq!(Value::Integer(-7).py_repr(), "-7");
        assert_eq!(
            Value::Blob(vec![0, b'a', b'\''].into()).py_repr(),
            "b\"\\x00a'\""
        );
    }
}
