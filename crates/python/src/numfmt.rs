//! Number formatting behind format specs: fixed-point, scientific and general notation
//! for floats, and thousands grouping.

use crate::format::float_repr;

/// Insert thousands separators into a decimal number's integer part.
pub(crate) fn group(num: &str, grouping: bool) -> String {
    if !grouping {
        return num.to_string();
    }
    let (sign, rest) = if let Some(r) = num.strip_prefix('-') {
        ("-", r)
    } else {
        ("", num)
    };
    let (int, frac) = match rest.find(['.', 'e', '%']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{frac}")
}

/// Format a float for `f`, `e`, `g`, `%` or no presentation type.
pub fn format_float(
    f: f64,
    kind: Option<char>,
    precision: Option<usize>,
    grouping: bool,
) -> String {
    let text = match kind {
        Some('f' | 'F') => format!("{:.*}", precision.unwrap_or(6), f),
        Some('%') => format!("{:.*}%", precision.unwrap_or(6), f * 100.0),
        Some(k @ ('e' | 'E')) => {
            let s = sci(f, precision.unwrap_or(6));
            if k == 'E' { s.to_uppercase() } else { s }
        }
        Some(k @ ('g' | 'G')) => {
            let s = general(f, precision.unwrap_or(6), false);
            if k == 'G' { s.to_uppercase() } else { s }
        }
        _ => match precision {
            Some(p) => general(f, p, true),
            None => float_repr(f),
        },
    };
    group(&text, grouping)
}

pub(crate) fn sci(f: f64, p: usize) -> String {
    let s = format!("{:.*e}", p, f);
    match s.split_once('e') {
        Some((m, e)) => {
            let e: i32 = e.parse().unwrap_or(0);
            format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
        }
        None => s,
    }
}

pub(crate) fn general(f: f64, p: usize, keep_point: bool) -> String {
    let p = p.max(1);
    if f == 0.0 {
        return if keep_point { "0.0".into() } else { "0".into() };
    }
    let s = format!("{:.*e}", p - 1, f);
    let exp: i32 = s
        .split_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let strip = |t: String| -> String {
        if t.contains('.') {
            let t = t.trim_end_matches('0').trim_end_matches('.').to_string();
            if keep_point && !t.contains('.') {
                format!("{t}.0")
            } else {
                t
            }
        } else if keep_point {
            format!("{t}.0")
        } else {
            t
        }
    };
    if exp >= -4 && (exp as i64) < p as i64 {
        strip(format!(
            "{:.*}",
            (p as i64 - 1 - exp as i64).max(0) as usize,
            f
        ))
    } else {
        let m = sci(f, p - 1);
        match m.split_once('e') {
            Some((mant, e)) => format!("{}e{e}", strip(mant.to_string()).trim_end_matches(".0")),
            None => m,
        }
    }
}
