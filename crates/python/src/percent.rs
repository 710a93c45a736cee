//! printf-style `%` formatting of strings (`"%s is %d" % (name, n)`, `%(key)s` with a
//! dict), with CPython's conversions and error messages.

use crate::value::Value;
use crate::{Interpreter, PyResult};

/// `"..." % args`.
pub fn percent_format(interp: &mut Interpreter, fmt: &str, args: &Value) -> PyResult<String> {
    let (items, mapping) = match args {
        Value::Tuple(t) => ((**t).clone(), None),
        Value::Dict(_) => (vec![args.clone()], Some(args.clone())),
        other => (vec![other.clone()], None),
    };
    let mut next = 0usize;
    let mut out = String::new();
    let chars: Vec<char> = fmt.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut key = None;
        if chars.get(i) == Some(&'(') {
            let end = chars[i..]
                .iter()
                .position(|c| *c == ')')
                .map(|p| p + i)
                .unwrap_or(chars.len());
            key = Some(chars[i + 1..end].iter().collect::<String>());
            i = end + 1;
        }
        let mut spec = String::new();
        while let Some(c) = chars.get(i) {
            if matches!(c, '-' | '+' | ' ' | '#' | '0'..='9' | '.') {
                spec.push(*c);
                i += 1;
            } else if *c == '*' {
                // `%*d`: the width (or `.*` precision) is the next argument.
                let Some(Value::Int(n)) = items.get(next).cloned() else {
                    return Err(interp.type_error("* wants int"));
                };
                next += 1;
                if n < 0 && !spec.ends_with('.') {
                    spec.push('-');
                }
                spec.push_str(&n.unsigned_abs().to_string());
                i += 1;
            } else {
                break;
            }
        }
        let Some(&conv) = chars.get(i) else {
            return Err(interp.value_error("incomplete format"));
        };
        i += 1;
        if conv == '%' {
            out.push('%');
            continue;
        }
        let value = match (&key, &mapping) {
            (Some(k), Some(m)) => interp.get_item(m, &Value::str(k))?,
            _ => {
                let Some(v) = items.get(next).cloned() else {
                    return Err(interp.type_error("not enough arguments for format string"));
                };
                next += 1;
                v
            }
        };
        let spec = spec.replacen('-', "<", 1);
        let (align, rest) = match spec.strip_prefix('<') {
            Some(rest) => ("<", rest),
            None => ("", &spec[..]),
        };
        // printf pads strings on the left unless `-` is given (format() pads on the right).
        let str_align = if align.is_empty() { ">" } else { align };
        let text = match conv {
            's' => {
                let s = interp.to_str(&value)?;
                interp.format_value(&Value::str(&s), &format!("{str_align}{rest}"))?
            }
            'r' | 'a' => {
                let s = interp.repr(&value)?;
                interp.format_value(&Value::str(&s), &format!("{str_align}{rest}"))?
            }
            'd' | 'i' | 'u' => {
                let n = match &value {
                    Value::Float(f) => crate::ops::float_to_int(interp, *f)?,
                    Value::Int(_) | Value::Bool(_) => value.clone(),
                    other => {
                        return Err(interp.type_error(format!(
                            "%d format: a real number is required, not {}",
                            other.type_name()
                        )));
                    }
                };
                let spec = if align.is_empty() && !rest.contains('.') {
                    rest.to_string()
                } else {
                    format!("{align}{}", rest.split('.').next().unwrap_or(""))
                };
                interp.format_value(&n, &format!("{spec}d"))?
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'x' | 'X' | 'o' | 'c' => {
                let spec = if rest.contains('.') || !matches!(conv, 'f' | 'F' | 'e' | 'E') {
                    rest.to_string()
                } else {
                    format!("{rest}.6")
                };
                interp.format_value(&value, &format!("{align}{spec}{conv}"))?
            }
            other => {
                return Err(interp.value_error(format!(
                    "unsupported format character '{other}' (0x{:x})",
                    other as u32
                )));
            }
        };
        out.push_str(&text);
    }
    if mapping.is_none() && next < items.len() {
        return Err(interp.type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn star_widths_nested_format_fields_and_hex_prefixes() {
        let (out, r) = crate::interp::run_for_test(
            "print('%*d|%-*s|' % (5, 42, 4, 'ab'), '{:^{}}|'.format('mid', 9), f'{12:#06x}', format(-255, '#x'))\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "   42|ab  |    mid   | 0x000c -0xff\n");
    }
}
