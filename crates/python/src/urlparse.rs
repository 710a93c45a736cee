//! `urllib.parse`'s quoting helpers, which tutorials use to put a password with special
//! characters into a database URL: `quote`, `quote_plus`, `unquote`, `unquote_plus` and
//! `urlencode` (UTF-8, CPython's safe characters).

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

/// Percent-encode `s`, keeping ASCII letters, digits, `_.-~` and the characters in `safe`
/// (`plus`: a space becomes `+`).
fn quote(s: &str, safe: &str, plus: bool) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        let c = b as char;
        if b.is_ascii_alphanumeric() || "_.-~".contains(c) || (b.is_ascii() && safe.contains(c)) {
            out.push(c);
        } else if plus && b == b' ' {
            out.push('+');
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn unquote(s: &str, plus: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut k = 0;
    while k < bytes.len() {
        let b = bytes[k];
        let hex = bytes
            .get(k + 1..k + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                k += 3;
            }
            (b'+', _) if plus => {
                out.push(b' ');
                k += 1;
            }
            _ => {
                out.push(b);
                k += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn text_arg(i: &mut Interpreter, v: Option<&Value>, what: &str) -> PyResult<String> {
    match v {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(v) if crate::bytes::as_bytes(v).is_some() => Ok(String::from_utf8_lossy(
            &crate::bytes::as_bytes(v).unwrap_or_default(),
        )
        .into_owned()),
        Some(v) => i.to_str(v),
        None => Err(i.type_error(format!("{what}() missing required argument 'string'"))),
    }
}

fn safe_arg(a: &mut Args, default: &str) -> String {
    match a.take_kw("safe").or_else(|| a.pos.get(1).cloned()) {
        Some(Value::Str(s)) => s.to_string(),
        _ => default.to_string(),
    }
}

/// Register `urllib` and `urllib.parse`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("urllib.parse", |_| {
        let m = Module::new("urllib.parse");
        m.set(
            "quote",
            NativeFunction::value("quote", |i, mut a| {
                let safe = safe_arg(&mut a, "/");
                let s = text_arg(i, a.pos.first(), "quote")?;
                Ok(Value::str(&quote(&s, &safe, false)))
            }),
        );
        m.set(
            "quote_plus",
            NativeFunction::value("quote_plus", |i, mut a| {
                let safe = safe_arg(&mut a, "");
                let s = text_arg(i, a.pos.first(), "quote_plus")?;
                Ok(Value::str(&quote(&s, &safe, true)))
            }),
        );
        for (name, plus) in [("unquote", false), ("unquote_plus", true)] {
            m.set(
                name,
                NativeFunction::value(name, move |i, a| {
                    let s = text_arg(i, a.pos.first(), name)?;
                    Ok(Value::str(&unquote(&s, plus)))
                }),
            );
        }
        m.set(
            "urlencode",
            NativeFunction::value("urlencode", |i, a| {
                let src = a.pos.first().cloned().unwrap_or(Value::None);
                let pairs = match i.mapping_items(&src)? {
                    Some(items) => items,
                    None => {
                        let mut out = Vec::new();
                        for item in i.iterate(&src)? {
                            match i.iterate(&item)?.as_slice() {
                                [k, v] => out.push((k.clone(), v.clone())),
                                _ => {
                                    return Err(i.type_error(
                                        "not a valid non-string sequence or mapping object",
                                    ));
                                }
                            }
                        }
                        out
                    }
                };
                let mut parts = Vec::new();
                for (k, v) in pairs {
                    let (k, v) = (i.to_str(&k)?, i.to_str(&v)?);
                    parts.push(format!("{}={}", quote(&k, "", true), quote(&v, "", true)));
                }
                Ok(Value::str(&parts.join("&")))
            }),
        );
        Ok(Rc::new(m))
    });
    r.register("urllib", |i| {
        let m = Module::new("urllib");
        m.set("parse", Value::Module(i.import_module("urllib.parse")?));
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn quoting() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "from urllib.parse import quote_plus, quote, unquote, urlencode\n",
            "import urllib.parse\n",
            "pw = quote_plus('p@ss w/rd#é')\n",
            "print(pw, quote('a b/c?'), unquote(pw), urllib.parse.unquote_plus(pw), urlencode({'q': 'a b', 'n': 1}))\n",
            "print(f'postgresql+psycopg2://user:{pw}@localhost:5432/db')\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "p%40ss+w%2Frd%23%C3%A9 a%20b/c%3F p@ss+w/rd#é p@ss w/rd#é q=a+b&n=1\npostgresql+psycopg2://user:p%40ss+w%2Frd%23%C3%A9@localhost:5432/db\n"
        );
    }
}
