//! The `json` module: `dumps` (with `indent`, `sort_keys`, `default`, `separators`,
//! `ensure_ascii`) producing CPython's exact text, and `loads` (with `JSONDecodeError` for
//! malformed input, in CPython's words).

use crate::class::{Class, c3_mro};
use crate::exceptions::Exc;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

struct Opts {
    indent: Option<String>,
    sort_keys: bool,
    default: Option<Value>,
    item_sep: String,
    key_sep: String,
    ensure_ascii: bool,
}

fn quote(s: &str, ascii: bool) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if ascii && (c as u32) > 0x7e => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn float_text(i: &mut Interpreter, f: f64) -> PyResult<String> {
    Ok(if f.is_nan() {
        "NaN".into()
    } else if f.is_infinite() {
        if f > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        }
    } else {
        i.repr(&Value::Float(f))?
    })
}

fn encode(
    i: &mut Interpreter,
    v: &Value,
    o: &Opts,
    depth: usize,
    out: &mut String,
) -> PyResult<()> {
    i.tick()?;
    if depth > 200 {
        return Err(i.exc(
            "RecursionError",
            "maximum recursion depth exceeded while encoding a JSON object",
        ));
    }
    let (open_nl, close_nl) = match &o.indent {
        Some(ind) => (
            format!("\n{}", ind.repeat(depth + 1)),
            format!("\n{}", ind.repeat(depth)),
        ),
        None => (String::new(), String::new()),
    };
    match v {
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => out.push_str(&n.to_string()),
        Value::Float(f) => out.push_str(&float_text(i, *f)?),
        Value::Str(s) => out.push_str(&quote(s, o.ensure_ascii)),
        Value::List(_) | Value::Tuple(_) => {
            let items = i.iterate(v)?;
            if items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (k, x) in items.iter().enumerate() {
                out.push_str(if k == 0 { &open_nl } else { &o.item_sep });
                if k > 0 {
                    out.push_str(&open_nl);
                }
                encode(i, x, o, depth + 1, out)?;
            }
            out.push_str(&close_nl);
            out.push(']');
        }
        Value::Dict(_) => {
            let mut items = i.dict_items(v)?;
            if items.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            if o.sort_keys {
                let mut keyed: Vec<Value> = items
                    .iter()
                    .map(|(k, x)| Value::tuple(vec![k.clone(), x.clone()]))
                    .collect();
                let key = NativeFunction::value("key", |i, a| {
                    i.get_item(
                        &a.pos.first().cloned().unwrap_or(Value::None),
                        &Value::Int(0),
                    )
                });
                crate::iteration::sort_values(i, &mut keyed, Some(key), false)?;
                items = keyed
                    .into_iter()
                    .filter_map(|t| match t {
                        Value::Tuple(t) if t.len() == 2 => Some((t[0].clone(), t[1].clone())),
                        _ => None,
                    })
                    .collect();
            }
            out.push('{');
            for (n, (k, x)) in items.iter().enumerate() {
                out.push_str(if n == 0 { &open_nl } else { &o.item_sep });
                if n > 0 {
                    out.push_str(&open_nl);
                }
                let key = match k {
                    Value::Str(s) => s.to_string(),
                    Value::Int(n) => n.to_string(),
                    Value::Float(f) => float_text(i, *f)?,
                    Value::Bool(b) => (if *b { "true" } else { "false" }).to_string(),
                    Value::None => "null".to_string(),
                    other => {
                        return Err(i.type_error(format!(
                            "keys must be str, int, float, bool or None, not {}",
                            other.type_name()
                        )));
                    }
                };
                out.push_str(&quote(&key, o.ensure_ascii));
                out.push_str(&o.key_sep);
                encode(i, x, o, depth + 1, out)?;
            }
            out.push_str(&close_nl);
            out.push('}');
        }
        other => match &o.default {
            Some(f) => {
                let converted = i.call(f, Args::positional(vec![other.clone()]))?;
                encode(i, &converted, o, depth, out)?;
            }
            None => {
                let name = match other {
                    Value::Instance(inst) => inst.class.name.clone(),
                    _ => {
                        let t = other.type_name();
                        t.rsplit('.').next().unwrap_or(&t).to_string()
                    }
                };
                return Err(i.type_error(format!("Object of type {name} is not JSON serializable")));
            }
        },
    }
    Ok(())
}

fn dumps(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let indent = match a.take_kw("indent") {
        None | Some(Value::None) => None,
        Some(Value::Int(n)) => Some(" ".repeat(n.max(0) as usize)),
        Some(Value::Str(s)) => Some(s.to_string()),
        Some(other) => Some(i.to_str(&other)?),
    };
    let sort_keys = match a.take_kw("sort_keys") {
        Some(v) => i.truthy(&v)?,
        None => false,
    };
    let ensure_ascii = match a.take_kw("ensure_ascii") {
        Some(v) => i.truthy(&v)?,
        None => true,
    };
    let default = a.take_kw("default").filter(|v| !matches!(v, Value::None));
    let (mut item_sep, mut key_sep) = if indent.is_some() {
        (",".to_string(), ": ".to_string())
    } else {
        (", ".to_string(), ": ".to_string())
    };
    if let Some(Value::Tuple(t)) = a.take_kw("separators")
        && let [x, y] = t.as_slice()
    {
        item_sep = i.to_str(x)?;
        key_sep = i.to_str(y)?;
    }
    let o = Opts {
        indent,
        sort_keys,
        default,
        item_sep,
        key_sep,
        ensure_ascii,
    };
    let v = a.pos.first().cloned().unwrap_or(Value::None);
    let mut out = String::new();
    encode(i, &v, &o, 0, &mut out)?;
    Ok(Value::str(&out))
}

struct Parser<'a> {
    chars: Vec<char>,
    pos: usize,
    src: &'a str,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while matches!(self.chars.get(self.pos), Some(' ' | '\t' | '\n' | '\r')) {
            self.pos += 1;
        }
    }

    fn err(&self, i: &mut Interpreter, msg: &str) -> Exc {
        let before: String = self.chars[..self.pos.min(self.chars.len())]
            .iter()
            .collect();
        let line = before.matches('\n').count() + 1;
        let col = self.pos
            - before
                .rfind('\n')
                .map(|p| before[..p].chars().count() + 1)
                .unwrap_or(0)
            + 1;
        let text = format!("{msg}: line {line} column {col} (char {})", self.pos);
        let _ = self.src;
        match json_error_class(i) {
            Some(c) => Exc::Raise(i.new_exception(&c, vec![Value::str(&text)])),
            None => i.value_error(text),
        }
    }

    fn value(&mut self, i: &mut Interpreter) -> PyResult<Value> {
        i.tick()?;
        self.ws();
        let Some(&c) = self.chars.get(self.pos) else {
            return Err(self.err(i, "Expecting value"));
        };
        let rest: String = self.chars[self.pos..self.chars.len().min(self.pos + 9)]
            .iter()
            .collect();
        for (word, v) in [
            ("null", Value::None),
            ("true", Value::Bool(true)),
            ("false", Value::Bool(false)),
            ("NaN", Value::Float(f64::NAN)),
            ("Infinity", Value::Float(f64::INFINITY)),
            ("-Infinity", Value::Float(f64::NEG_INFINITY)),
        ] {
            if rest.starts_with(word) {
                self.pos += word.chars().count();
                return Ok(v);
            }
        }
        match c {
            '"' => self.string(i).map(|s| Value::str(&s)),
            '[' => {
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.chars.get(self.pos) == Some(&']') {
                    self.pos += 1;
                    return Ok(Value::list(items));
                }
                loop {
                    items.push(self.value(i)?);
                    self.ws();
                    match self.chars.get(self.pos) {
                        Some(',') => self.pos += 1,
                        Some(']') => {
                            self.pos += 1;
                            return Ok(Value::list(items));
                        }
                        _ => return Err(self.err(i, "Expecting ',' delimiter")),
                    }
                }
            }
            '{' => {
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.chars.get(self.pos) == Some(&'}') {
                    self.pos += 1;
                    return i.new_dict(items);
                }
                loop {
                    self.ws();
                    if self.chars.get(self.pos) != Some(&'"') {
                        return Err(
                            self.err(i, "Expecting property name enclosed in double quotes")
                        );
                    }
                    let k = self.string(i)?;
                    self.ws();
                    if self.chars.get(self.pos) != Some(&':') {
                        return Err(self.err(i, "Expecting ':' delimiter"));
                    }
                    self.pos += 1;
                    let v = self.value(i)?;
                    items.push((Value::str(&k), v));
                    self.ws();
                    match self.chars.get(self.pos) {
                        Some(',') => self.pos += 1,
                        Some('}') => {
                            self.pos += 1;
                            return i.new_dict(items);
                        }
                        _ => return Err(self.err(i, "Expecting ',' delimiter")),
                    }
                }
            }
            '-' | '0'..='9' => {
                let start = self.pos;
                self.pos += 1;
                while matches!(
                    self.chars.get(self.pos),
                    Some('0'..='9' | '.' | 'e' | 'E' | '+' | '-')
                ) {
                    self.pos += 1;
                }
                let text: String = self.chars[start..self.pos].iter().collect();
                if let Ok(n) = text.parse::<i64>() {
                    return Ok(Value::Int(n));
                }
                match text.parse::<f64>() {
                    Ok(f) => Ok(Value::Float(f)),
                    Err(_) => {
                        self.pos = start;
                        Err(self.err(i, "Expecting value"))
                    }
                }
            }
            _ => Err(self.err(i, "Expecting value")),
        }
    }

    fn string(&mut self, i: &mut Interpreter) -> PyResult<String> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(&c) = self.chars.get(self.pos) else {
                self.pos = start;
                return Err(self.err(i, "Unterminated string starting at"));
            };
            self.pos += 1;
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let e = self.chars.get(self.pos).copied().unwrap_or(' ');
                    self.pos += 1;
                    match e {
                        'n' => out.push('\n'),
                        't' => out.push('\t'),
                        'r' => out.push('\r'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'u' => {
                            let hex: String = self.chars
                                [self.pos..self.chars.len().min(self.pos + 4)]
                                .iter()
                                .collect();
                            self.pos += 4;
                            let code = u32::from_str_radix(&hex, 16).unwrap_or(0xfffd);
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        other => out.push(other),
                    }
                }
                c => out.push(c),
            }
        }
    }
}

fn json_error_class(i: &mut Interpreter) -> Option<Rc<Class>> {
    let m = i.import_module("json").ok()?;
    let v = m.attrs.borrow().get("JSONDecodeError").cloned();
    match v {
        Some(Value::Class(c)) => Some(c),
        _ => None,
    }
}

fn loads(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let s = match a.pos.first() {
        Some(Value::Str(s)) => s.to_string(),
        Some(other) => {
            return Err(i.type_error(format!(
                "the JSON object must be str, bytes or bytearray, not {}",
                other.type_name()
            )));
        }
        None => return Err(i.type_error("loads() missing 1 required positional argument: 's'")),
    };
    let mut p = Parser {
        chars: s.chars().collect(),
        pos: 0,
        src: &s,
    };
    let v = p.value(i)?;
    p.ws();
    if p.pos < p.chars.len() {
        return Err(p.err(i, "Extra data"));
    }
    Ok(v)
}

/// Register `json`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("json", |i| {
        let m = Module::new("json");
        let bases: Vec<Rc<Class>> = i.exception_class("ValueError").into_iter().collect();
        let mro = c3_mro(&bases).unwrap_or_default();
        let err = Rc::new(Class::new("JSONDecodeError", "json.decoder", bases, mro));
        m.set("JSONDecodeError", Value::Class(err));
        m.set("dumps", NativeFunction::value("dumps", dumps));
        m.set("loads", NativeFunction::value("loads", loads));
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn dumps_and_loads_round_trip() {
        let (out, r) = crate::interp::run_for_test(
            "import json\nprint(json.dumps({'a': [1, 2.5, None, True], 'é': 'x'}))\nprint(json.dumps({'b': 1, 'a': []}, indent=2, sort_keys=True))\nprint(json.loads('{\"k\": [1, \"v\", null]}'))\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "{\"a\": [1, 2.5, null, true], \"\\u00e9\": \"x\"}\n{\n  \"a\": [],\n  \"b\": 1\n}\n{'k': [1, 'v', None]}\n"
        );
    }
}
