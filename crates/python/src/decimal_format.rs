//! `format(d, spec)` of a `Decimal`: fixed-point specs (`.2f`), alignment and widths, and
//! thousands grouping, as CPython's `decimal` formats them.

use super::{Decimal, overflow};
use crate::value::Value;
use crate::{Interpreter, PyResult};

/// `format(d, spec)`: fixed-point specs (`.2f`, `>8`, `,`) through the decimal itself.
pub(super) fn format_decimal(i: &mut Interpreter, d: Decimal, spec: &str) -> PyResult<Value> {
    let body_end = spec
        .find(|c: char| c == '.' || c.is_ascii_alphabetic())
        .unwrap_or(spec.len());
    let (layout, rest) = spec.split_at(body_end);
    let text = match rest.strip_prefix('.').and_then(|r| r.strip_suffix('f')) {
        Some(p) => {
            let p: i32 = p
                .parse()
                .map_err(|_| i.value_error("Invalid format specifier"))?;
            d.quantize(-p).ok_or_else(|| overflow(i))?.to_string()
        }
        None if rest.is_empty() => d.to_string(),
        None => {
            return Err(i.exc(
                "NotImplementedError",
                format!("Decimal format '{spec}' is not supported by Retort"),
            ));
        }
    };
    // Thousands grouping (`,` or `_`) applies to the digits before the point.
    let (layout, text) = match layout.chars().last() {
        Some(sep @ (',' | '_')) => (&layout[..layout.len() - 1], group_digits(&text, sep)),
        _ => (layout, text),
    };
    // Numbers align right by default, unlike the string the text is formatted as.
    let layout = match layout.chars().next() {
        Some(c) if c.is_ascii_digit() && c != '0' => format!(">{layout}"),
        _ => layout.to_string(),
    };
    let s = i.format_value(&Value::str(&text), &layout)?;
    Ok(Value::str(&s))
}

/// `1234567.5` → `1,234,567.5`.
fn group_digits(text: &str, sep: char) -> String {
    let (sign, body) = match text.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", text),
    };
    let (int, frac) = match body.find('.') {
        Some(p) => body.split_at(p),
        None => (body, ""),
    };
    if !int.chars().all(|c| c.is_ascii_digit()) {
        return text.to_string();
    }
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    format!("{sign}{out}{frac}")
}
