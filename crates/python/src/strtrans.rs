//! The `str` methods that map characters one by one or split on CPython's line
//! boundaries: `str.maketrans`, `translate`, `casefold` and `splitlines`.

use crate::exceptions::Exc;
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};

/// `s.translate`, `s.casefold`, `s.splitlines`; None for any other method.
pub fn call(i: &mut Interpreter, s: &str, name: &str, a: &mut Args) -> Option<PyResult<Value>> {
    match name {
        "translate" => Some(translate(i, s, a)),
        "casefold" => Some(Ok(Value::str(&casefold(s)))),
        "encode" => Some(crate::bytes::encode(i, s, a)),
        "splitlines" => {
            let keep = a.take_kw("keepends").or_else(|| a.pos.first().cloned());
            Some(match keep {
                Some(v) => i.truthy(&v).map(|k| splitlines(s, k)),
                None => Ok(splitlines(s, false)),
            })
        }
        _ => None,
    }
}

/// `str.casefold()`: lowercase, with the full case folds tutorials meet (`ß` → `ss`).
pub fn casefold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'ß' | 'ẞ' => out.push_str("ss"),
            'ς' => out.push('σ'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The characters `str.splitlines` breaks at (`\r\n` counts as one break).
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\x0b'
            | '\x0c'
            | '\x1c'
            | '\x1d'
            | '\x1e'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn splitlines(s: &str, keepends: bool) -> Value {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_line_break(c) {
            line.push(c);
            continue;
        }
        let mut end = c.to_string();
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
            end.push('\n');
        }
        if keepends {
            line.push_str(&end);
        }
        lines.push(Value::str(&std::mem::take(&mut line)));
    }
    if !line.is_empty() {
        lines.push(Value::str(&line));
    }
    Value::list(lines)
}

fn translate(i: &mut Interpreter, s: &str, a: &Args) -> PyResult<Value> {
    let [table] = crate::builtins::exact::<1>(i, a, "translate")?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let mapped = match i.get_item(&table, &Value::Int(i64::from(u32::from(c)))) {
            Ok(v) => v,
            Err(Exc::Raise(e)) if i.is_instance_named(&e, "LookupError") => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        match mapped {
            Value::None => {}
            Value::Str(t) => out.push_str(&t),
            Value::Int(n) => match u32::try_from(n).ok().and_then(char::from_u32) {
                Some(m) => out.push(m),
                None => return Err(i.value_error("character mapping must be in range(0x110000)")),
            },
            _ => {
                return Err(i.type_error("character mapping must return integer, None or str"));
            }
        }
    }
    Ok(Value::str(&out))
}

/// `str.maketrans(x[, y[, z]])`: the `{code point: replacement}` dict `translate` reads.
pub fn maketrans(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let ord = |c: char| Value::Int(i64::from(u32::from(c)));
    let mut pairs = Vec::new();
    match a.pos.as_slice() {
        [Value::Dict(d)] => {
            let items: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
            for (k, v) in items {
                let key = match &k {
                    Value::Str(s) if s.chars().count() == 1 => ord(s.chars().next().unwrap_or(' ')),
                    Value::Int(_) => k.clone(),
                    _ => {
                        return Err(
                            i.value_error("string keys in translate table must be of length 1")
                        );
                    }
                };
                pairs.push((key, v));
            }
        }
        [_] => {
            return Err(
                i.type_error("if you give only one argument to maketrans it must be a dict")
            );
        }
        [Value::Str(x), Value::Str(y), rest @ ..] if rest.len() <= 1 => {
            if x.chars().count() != y.chars().count() {
                return Err(
                    i.value_error("the first two maketrans arguments must have equal length")
                );
            }
            for (cx, cy) in x.chars().zip(y.chars()) {
                pairs.push((ord(cx), ord(cy)));
            }
            match rest {
                [Value::Str(z)] => pairs.extend(z.chars().map(|c| (ord(c), Value::None))),
                [other] => {
                    return Err(i.type_error(format!(
                        "maketrans() argument 3 must be str, not {}",
                        other.type_name()
                    )));
                }
                _ => {}
            }
        }
        [_, _, ..] => {
            return Err(i.type_error("maketrans() arguments must be strings"));
        }
        [] => return Err(i.type_error("maketrans() takes at least 1 argument (0 given)")),
    }
    i.new_dict(pairs)
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn translate_and_maketrans() {
        let (out, r) = crate::interp::run_for_test(
            "t = str.maketrans('abc', 'xyz', 'd')\nprint(t, 'aabbccdd'.translate(t), 'hi'.translate({104: 'H', 105: None}), 'ab'.translate(str.maketrans({'a': '1'})))\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "{97: 120, 98: 121, 99: 122, 100: None} xxyyzz H 1b\n");
    }

    #[test]
    fn splitlines_and_casefold() {
        let (out, r) = crate::interp::run_for_test(
            "print('a\\nb\\r\\nc\\n'.splitlines(), 'a\\nb\\r\\n'.splitlines(True), 'x\\n\\ny'.splitlines(keepends=False), 'Straße'.casefold())\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "['a', 'b', 'c'] ['a\\n', 'b\\r\\n'] ['x', '', 'y'] strasse\n"
        );
    }
}
