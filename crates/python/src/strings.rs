//! Methods of `str` (`split`, `join`, `strip`, `replace`, `format`, ...).

use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};

/// The `str` methods Retort implements.
pub const STR_METHODS: &[&str] = &[
    "upper",
    "lower",
    "strip",
    "lstrip",
    "rstrip",
    "split",
    "rsplit",
    "join",
    "replace",
    "startswith",
    "endswith",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
    "format",
    "format_map",
    "title",
    "capitalize",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "istitle",
    "expandtabs",
    "islower",
    "isnumeric",
    "isdecimal",
    "isidentifier",
    "isascii",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "splitlines",
    "partition",
    "rpartition",
    "swapcase",
    "casefold",
    "removeprefix",
    "removesuffix",
    "translate",
    "encode",
];

fn arg_str(i: &Interpreter, a: &Args, n: usize, method: &str) -> PyResult<Option<String>> {
    match a.pos.get(n) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(i.type_error(format!(
            "{method} arg must be None or str, not {}",
            other.type_name()
        ))),
    }
}

fn arg_int(a: &Args, n: usize) -> Option<i64> {
    match a.pos.get(n) {
        Some(Value::Int(v)) => Some(*v),
        _ => None,
    }
}

/// Call `s.name(*args)`.
pub fn call_str_method(i: &mut Interpreter, s: &str, name: &str, mut a: Args) -> PyResult<Value> {
    let b = |v: bool| Ok(Value::Bool(v));
    if let Some(r) = crate::strtrans::call(i, s, name, &mut a) {
        return r;
    }
    match name {
        "upper" => Ok(Value::str(&s.to_uppercase())),
        "lower" => Ok(Value::str(&s.to_lowercase())),
        "swapcase" => Ok(Value::str(
            &s.chars()
                .map(|c| {
                    if c.is_uppercase() {
                        c.to_lowercase().collect::<String>()
                    } else {
                        c.to_uppercase().collect()
                    }
                })
                .collect::<String>(),
        )),
        "strip" | "lstrip" | "rstrip" => {
            let chars = arg_str(i, &a, 0, name)?;
            let pat = |c: char| match &chars {
                Some(set) => set.contains(c),
                None => c.is_whitespace(),
            };
            Ok(Value::str(match name {
                "strip" => s.trim_matches(pat),
                "lstrip" => s.trim_start_matches(pat),
                _ => s.trim_end_matches(pat),
            }))
        }
        "split" | "rsplit" => {
            let sep = match a.take_kw("sep") {
                Some(Value::Str(v)) => Some(v.to_string()),
                Some(_) => None,
                None => arg_str(i, &a, 0, name)?,
            };
            let maxsplit = match a.take_kw("maxsplit") {
                Some(Value::Int(n)) => n,
                _ => arg_int(&a, 1).unwrap_or(-1),
            };
            let parts: Vec<String> = match (&sep, maxsplit < 0) {
                (Some(sep), _) if sep.is_empty() => return Err(i.value_error("empty separator")),
                (Some(sep), true) => s.split(sep.as_str()).map(String::from).collect(),
                (Some(sep), false) if name == "split" => s
                    .splitn(maxsplit as usize + 1, sep.as_str())
                    .map(String::from)
                    .collect(),
                (Some(sep), false) => {
                    let mut v: Vec<String> = s
                        .rsplitn(maxsplit as usize + 1, sep.as_str())
                        .map(String::from)
                        .collect();
                    v.reverse();
                    v
                }
                (None, true) => s.split_whitespace().map(String::from).collect(),
                (None, false) => {
                    let mut out = Vec::new();
                    let mut rest = s.trim_start();
                    while !rest.is_empty() && (out.len() as i64) < maxsplit {
                        match rest.find(char::is_whitespace) {
                            Some(p) => {
                                out.push(rest[..p].to_string());
                                rest = rest[p..].trim_start();
                            }
                            None => {
                                out.push(rest.to_string());
                                rest = "";
                            }
                        }
                    }
                    if !rest.is_empty() {
                        out.push(rest.to_string());
                    }
                    out
                }
            };
            Ok(Value::list(parts.iter().map(|p| Value::str(p)).collect()))
        }
        "join" => {
            let items = a.pos.first().cloned().unwrap_or(Value::None);
            let mut parts = Vec::new();
            for (n, v) in i.iterate(&items)?.into_iter().enumerate() {
                match v {
                    Value::Str(p) => parts.push(p.to_string()),
                    other => {
                        return Err(i.type_error(format!(
                            "sequence item {n}: expected str instance, {} found",
                            other.type_name()
                        )));
                    }
                }
            }
            Ok(Value::str(&parts.join(s)))
        }
        "replace" => {
            let old = arg_str(i, &a, 0, name)?.unwrap_or_default();
            let new = arg_str(i, &a, 1, name)?.unwrap_or_default();
            Ok(Value::str(&match arg_int(&a, 2) {
                Some(n) if n >= 0 => s.replacen(&old, &new, n as usize),
                _ => s.replace(&old, &new),
            }))
        }
        "startswith" | "endswith" => {
            let pats = match a.pos.first() {
                Some(Value::Tuple(t)) => t.iter().map(|v| i.display(v)).collect(),
                Some(Value::Str(p)) => vec![p.to_string()],
                _ => {
                    return Err(
                        i.type_error(format!("{name} first arg must be str or a tuple of str"))
                    );
                }
            };
            b(pats.iter().any(|p| {
                if name == "startswith" {
                    s.starts_with(p.as_str())
                } else {
                    s.ends_with(p.as_str())
                }
            }))
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            let sub = arg_str(i, &a, 0, name)?.unwrap_or_default();
            if name == "count" {
                return Ok(Value::Int(if sub.is_empty() {
                    s.chars().count() as i64 + 1
                } else {
                    s.matches(sub.as_str()).count() as i64
                }));
            }
            let found = if name.starts_with('r') {
                s.rfind(&sub)
            } else {
                s.find(&sub)
            };
            match found {
                Some(p) => Ok(Value::Int(s[..p].chars().count() as i64)),
                None if name.ends_with("index") => Err(i.value_error("substring not found")),
                None => Ok(Value::Int(-1)),
            }
        }
        "format" => str_format(i, s, &a).map(|t| Value::str(&t)),
        "format_map" => {
            let m = a.pos.first().cloned().unwrap_or(Value::None);
            let kw = i
                .dict_items(&m)?
                .into_iter()
                .map(|(k, v)| (i.display(&k), v))
                .collect();
            str_format(i, s, &Args { pos: vec![], kw }).map(|t| Value::str(&t))
        }
        "title" => {
            let mut out = String::new();
            let mut prev_alpha = false;
            for c in s.chars() {
                if prev_alpha {
                    out.extend(c.to_lowercase())
                } else {
                    out.extend(c.to_uppercase())
                }
                prev_alpha = c.is_alphabetic();
            }
            Ok(Value::str(&out))
        }
        "capitalize" => {
            let mut cs = s.chars();
            Ok(Value::str(&match cs.next() {
                Some(f) => f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
                None => String::new(),
            }))
        }
        "isdigit" | "isnumeric" | "isdecimal" => {
            b(!s.is_empty() && s.chars().all(|c| c.is_ascii_digit()))
        }
        "isalpha" => b(!s.is_empty() && s.chars().all(char::is_alphabetic)),
        "isalnum" => b(!s.is_empty() && s.chars().all(char::is_alphanumeric)),
        "isspace" => b(!s.is_empty() && s.chars().all(char::is_whitespace)),
        "istitle" => {
            // Uppercase letters only after uncased characters, lowercase only after cased ones.
            let (mut cased_seen, mut prev_cased, mut ok) = (false, false, true);
            for c in s.chars() {
                if c.is_uppercase() {
                    ok &= !prev_cased;
                    prev_cased = true;
                    cased_seen = true;
                } else if c.is_lowercase() {
                    ok &= prev_cased;
                    prev_cased = true;
                    cased_seen = true;
                } else {
                    prev_cased = false;
                }
            }
            b(ok && cased_seen)
        }
        "expandtabs" => {
            let size = arg_int(&a, 0).unwrap_or(8).clamp(0, 1000) as usize;
            let mut out = String::new();
            let mut col = 0usize;
            for c in s.chars() {
                match c {
                    '\t' if size > 0 => {
                        let pad = size - col % size;
                        out.extend(std::iter::repeat_n(' ', pad));
                        col += pad;
                    }
                    '\t' => {}
                    '\n' | '\r' => {
                        out.push(c);
                        col = 0;
                    }
                    _ => {
                        out.push(c);
                        col += 1;
                    }
                }
            }
            Ok(Value::str(&out))
        }
        "isupper" => b(s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)),
        "islower" => b(s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)),
        "isascii" => b(s.is_ascii()),
        "isidentifier" => b(s
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
            && s.chars().all(|c| c.is_alphanumeric() || c == '_')),
        "center" | "ljust" | "rjust" => {
            let width = arg_int(&a, 0).unwrap_or(0).max(0) as usize;
            let fill = arg_str(i, &a, 1, name)?
                .and_then(|f| f.chars().next())
                .unwrap_or(' ');
            let len = s.chars().count();
            if len >= width {
                return Ok(Value::str(s));
            }
            let n = width - len;
            let pad = |k: usize| fill.to_string().repeat(k);
            Ok(Value::str(&match name {
                "ljust" => format!("{s}{}", pad(n)),
                "rjust" => format!("{}{s}", pad(n)),
                _ => {
                    let left = n / 2 + (n & width & 1);
                    format!("{}{s}{}", pad(left), pad(n - left))
                }
            }))
        }
        "zfill" => {
            let width = arg_int(&a, 0).unwrap_or(0).max(0) as usize;
            let len = s.chars().count();
            if len >= width {
                return Ok(Value::str(s));
            }
            let (sign, rest) = match s.chars().next() {
                Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
                _ => (String::new(), s),
            };
            Ok(Value::str(&format!(
                "{sign}{}{rest}",
                "0".repeat(width - len)
            )))
        }
        "partition" | "rpartition" => {
            let sep = arg_str(i, &a, 0, name)?.unwrap_or_default();
            let found = if name == "partition" {
                s.find(&sep)
            } else {
                s.rfind(&sep)
            };
            let parts = match found {
                Some(p) => [&s[..p], sep.as_str(), &s[p + sep.len()..]],
                None if name == "partition" => [s, "", ""],
                None => ["", "", s],
            };
            Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
        }
        "removeprefix" => {
            let p = arg_str(i, &a, 0, name)?.unwrap_or_default();
            Ok(Value::str(s.strip_prefix(p.as_str()).unwrap_or(s)))
        }
        "removesuffix" => {
            let p = arg_str(i, &a, 0, name)?.unwrap_or_default();
            Ok(Value::str(s.strip_suffix(p.as_str()).unwrap_or(s)))
        }
        _ => Err(i.exc(
            "AttributeError",
            format!("'str' object has no attribute '{name}'"),
        )),
    }
}

/// `template.format(*args, **kwargs)`.
pub fn str_format(i: &mut Interpreter, template: &str, a: &Args) -> PyResult<String> {
    let mut auto = 0usize;
    str_format_with(i, template, a, &mut auto)
}

/// `str.format` with the automatic field counter shared with nested fields in format
/// specs (`"{:^{}}".format("mid", 9)`).
fn str_format_with(
    i: &mut Interpreter,
    template: &str,
    a: &Args,
    auto: &mut usize,
) -> PyResult<String> {
    let chars: Vec<char> = template.chars().collect();
    let mut out = String::new();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c == '}' {
            if chars.get(k + 1) == Some(&'}') {
                k += 2;
                out.push('}');
                continue;
            }
            return Err(i.value_error("Single '}' encountered in format string"));
        }
        if c != '{' {
            out.push(c);
            k += 1;
            continue;
        }
        if chars.get(k + 1) == Some(&'{') {
            out.push('{');
            k += 2;
            continue;
        }
        let mut depth = 1;
        let mut end = k + 1;
        while end < chars.len() {
            match chars[end] {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            end += 1;
        }
        if end >= chars.len() {
            return Err(i.value_error("Single '{' encountered in format string"));
        }
        let field: String = chars[k + 1..end].iter().collect();
        k = end + 1;
        let (field, spec) = match field.find(':') {
            Some(p) => (field[..p].to_string(), field[p + 1..].to_string()),
            None => (field, String::new()),
        };
        let (field, conv) = match field.find('!') {
            Some(p) => (field[..p].to_string(), field[p + 1..].chars().next()),
            None => (field, None),
        };
        let split = field.find(['.', '[']).unwrap_or(field.len());
        let (head, mut rest) = field.split_at(split);
        let mut value = if head.is_empty() {
            let v = a.pos.get(*auto).cloned();
            *auto += 1;
            v.ok_or_else(|| {
                i.exc(
                    "IndexError",
                    format!(
                        "Replacement index {} out of range for positional args tuple",
                        *auto - 1
                    ),
                )
            })?
        } else if let Ok(n) = head.parse::<usize>() {
            a.pos.get(n).cloned().ok_or_else(|| {
                i.exc(
                    "IndexError",
                    format!("Replacement index {n} out of range for positional args tuple"),
                )
            })?
        } else {
            match a.kw.iter().find(|(k, _)| k == head) {
                Some((_, v)) => v.clone(),
                None => {
                    let key = Value::str(head);
                    return Err(match i.exception_class("KeyError") {
                        Some(c) => crate::exceptions::Exc::Raise(i.new_exception(&c, vec![key])),
                        None => i.exc("KeyError", head),
                    });
                }
            }
        };
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let e = r.find(['.', '[']).unwrap_or(r.len());
                value = i.getattr(&value, &r[..e])?;
                rest = &r[e..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let e = r.find(']').unwrap_or(r.len());
                let key = match r[..e].parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(&r[..e]),
                };
                value = i.get_item(&value, &key)?;
                rest = r.get(e + 1..).unwrap_or("");
            } else {
                break;
            }
        }
        let spec = if spec.contains('{') {
            str_format_with(i, &spec, a, auto)?
        } else {
            spec
        };
        let value = match conv {
            Some('r') | Some('a') => Value::str(&i.repr(&value)?),
            Some('s') => Value::str(&i.to_str(&value)?),
            _ => value,
        };
        out.push_str(&i.format_value(&value, &spec)?);
    }
    Ok(out)
}

/// `ascii()`: a repr with non-ASCII characters escaped (`\xe9`, `\u20ac`, `\U0001f600`).
pub fn ascii_escape(repr: &str) -> String {
    let mut out = String::new();
    for c in repr.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

#[cfg(test)]
mod ascii_tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn ascii_and_isascii() {
        let (out, r) = crate::interp::run_for_test(
            "print(ascii('é€'), f\"{'ü'!a}\", 'Ab'.isascii(), 'é'.isascii())\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "'\\xe9\\u20ac' '\\xfc' True False\n");
    }
}
