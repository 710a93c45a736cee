//! The `json` module (`dumps`, `loads`, `JSONDecodeError`) and the JSON text SQLAlchemy's
//! `JSON` column type stores: CPython's `json.dumps` defaults (`", "` and `": "` separators,
//! `ensure_ascii`, `NaN` / `Infinity`, non-string keys turned into strings), `indent` and
//! `sort_keys`. Parsing is serde_json's (with `preserve_order`, so objects keep their key
//! order as Python's dicts do); its errors are reworded as CPython's `JSONDecodeError`.

use crate::class::{Builtin, Class, c3_mro};
use crate::format::float_repr;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::{Dict, Value, dict_put};
use crate::{Interpreter, PyResult};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

/// How `dumps` writes.
#[derive(Clone)]
pub struct DumpOptions {
    /// `indent=`: the text of one level (`None`: everything on one line).
    pub indent: Option<String>,
    /// `sort_keys=True`.
    pub sort_keys: bool,
    /// `ensure_ascii=` (default `True`): non-ASCII characters as `\uXXXX`.
    pub ensure_ascii: bool,
    /// `separators=`: between items and between a key and its value.
    pub separators: (String, String),
    /// `default=`: called for objects JSON has no form for.
    pub default: Option<Value>,
}

impl Default for DumpOptions {
    fn default() -> Self {
        DumpOptions {
            indent: None,
            sort_keys: false,
            ensure_ascii: true,
            separators: (", ".to_owned(), ": ".to_owned()),
            default: None,
        }
    }
}

/// `json.dumps(v)` with `opts`.
///
/// # Failure
/// `TypeError` for an object with no JSON form (and no `default=`), or a key that is not a
/// str, int, float, bool or None; `RecursionError` past the interpreter's depth limit.
pub fn dumps(i: &mut Interpreter, v: &Value, opts: &DumpOptions) -> PyResult<String> {
    let mut out = String::new();
    write_value(i, v, opts, 0, &mut out)?;
    Ok(out)
}

fn newline(opts: &DumpOptions, level: usize, out: &mut String) {
    if let Some(unit) = &opts.indent {
        out.push('\n');
        for _ in 0..level {
            out.push_str(unit);
        }
    }
}

fn float_text(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        float_repr(f)
    }
}

fn write_value(
    i: &mut Interpreter,
    v: &Value,
    opts: &DumpOptions,
    level: usize,
    out: &mut String,
) -> PyResult<()> {
    if level > 200 {
        return Err(i.exc(
            "RecursionError",
            "maximum recursion depth exceeded while encoding a JSON object",
        ));
    }
    // A dict/list subclass encodes as the dict/list it extends.
    if let Value::Instance(inst) = v
        && let Some(base) = inst.base.borrow().clone()
    {
        return write_value(i, &base, opts, level, out);
    }
    match v {
        Value::None => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Value::Float(f) => out.push_str(&float_text(*f)),
        Value::Str(s) => write_str(s, opts.ensure_ascii, out),
        Value::List(_) | Value::Tuple(_) => {
            let items = match v {
                Value::List(l) => l.borrow().clone(),
                Value::Tuple(t) => t.to_vec(),
                _ => Vec::new(),
            };
            if items.is_empty() {
                out.push_str("[]");
                return Ok(());
            }
            out.push('[');
            for (n, item) in items.iter().enumerate() {
                if n > 0 {
                    out.push_str(item_separator(opts));
                }
                newline(opts, level + 1, out);
                write_value(i, item, opts, level + 1, out)?;
            }
            newline(opts, level, out);
            out.push(']');
        }
        Value::Dict(d) => {
            let mut pairs: Vec<(String, Value)> = Vec::new();
            let entries: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
            for (k, val) in entries {
                pairs.push((key_text(i, &k)?, val));
            }
            if opts.sort_keys {
                pairs.sort_by(|a, b| a.0.cmp(&b.0));
            }
            if pairs.is_empty() {
                out.push_str("{}");
                return Ok(());
            }
            out.push('{');
            for (n, (k, val)) in pairs.iter().enumerate() {
                if n > 0 {
                    out.push_str(item_separator(opts));
                }
                newline(opts, level + 1, out);
                write_str(k, opts.ensure_ascii, out);
                out.push_str(&opts.separators.1);
                write_value(i, val, opts, level + 1, out)?;
            }
            newline(opts, level, out);
            out.push('}');
        }
        other => {
            if let Some(f) = &opts.default {
                let replaced = i.call(f, Args::positional(vec![other.clone()]))?;
                return write_value(i, &replaced, opts, level + 1, out);
            }
            let type_name = other.type_name();
            let short = type_name.rsplit('.').next().unwrap_or(&type_name);
            return Err(i.type_error(format!("Object of type {short} is not JSON serializable")));
        }
    }
    Ok(())
}

/// With an indent, CPython drops the trailing space of the default item separator.
fn item_separator(opts: &DumpOptions) -> &str {
    if opts.indent.is_some() && opts.separators.0 == ", " {
        ","
    } else {
        &opts.separators.0
    }
}

fn key_text(i: &mut Interpreter, k: &Value) -> PyResult<String> {
    Ok(match k {
        Value::Str(s) => s.to_string(),
        Value::Bool(b) => if *b { "true" } else { "false" }.to_owned(),
        Value::None => "null".to_owned(),
        Value::Int(n) => n.to_string(),
        Value::Float(f) => float_text(*f),
        other => {
            return Err(i.type_error(format!(
                "keys must be str, int, float, bool or None, not {}",
                other.type_name()
            )));
        }
    })
}

fn write_str(s: &str, ensure_ascii: bool, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            // CPython escapes everything outside ' '..'~' (DEL too).
            c if ensure_ascii && (c as u32) > 0x7e => {
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{u:04x}");
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// `json.loads(text)`.
///
/// # Failure
/// `json.JSONDecodeError` (a `ValueError`) worded as CPython's, with line, column and offset.
pub fn loads(i: &mut Interpreter, text: &str) -> PyResult<Value> {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(v) => from_json(i, v),
        Err(e) => Err(decode_error(i, text, &e)),
    }
}

fn from_json(i: &mut Interpreter, v: serde_json::Value) -> PyResult<Value> {
    Ok(match v {
        serde_json::Value::Null => Value::None,
        serde_json::Value::Bool(b) => Value::Bool(b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(k) => Value::Int(k),
            None => match (n.is_u64(), n.as_f64()) {
                (true, _) => {
                    return Err(i.exc("OverflowError", "Python int too large to convert to C long"));
                }
                (false, Some(f)) => Value::Float(f),
                (false, None) => Value::None,
            },
        },
        serde_json::Value::String(s) => Value::str(&s),
        serde_json::Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                out.push(from_json(i, item)?);
            }
            Value::list(out)
        }
        serde_json::Value::Object(map) => {
            let mut dict = Dict::default();
            for (k, item) in map {
                let key = Value::str(&k);
                let hk = i.hash_key(&key)?;
                let item = from_json(i, item)?;
                dict_put(&mut dict, hk, key, item);
            }
            Value::Dict(Rc::new(RefCell::new(dict)))
        }
    })
}

/// serde_json's error as CPython's `JSONDecodeError`: `Expecting value: line 1 column 1
/// (char 0)`, `Extra data: ...`, `Expecting property name enclosed in double quotes: ...`.
fn decode_error(i: &mut Interpreter, text: &str, e: &serde_json::Error) -> crate::Exc {
    let message = e.to_string();
    let what = if message.starts_with("trailing characters") {
        "Extra data"
    } else if message.starts_with("key must be a string") {
        "Expecting property name enclosed in double quotes"
    } else if message.starts_with("EOF while parsing a string") {
        "Unterminated string starting at"
    } else if message.starts_with("expected `,` or `}`")
        || message.starts_with("expected `,` or `]`")
        || message.starts_with("EOF while parsing a list")
        || message.starts_with("EOF while parsing an object")
    {
        "Expecting ',' delimiter"
    } else if message.starts_with("expected `:`") {
        "Expecting ':' delimiter"
    } else {
        "Expecting value"
    };
    // serde points at the character it stopped on (1-based column); CPython at where the
    // expected token should start.
    let (line, col) = (e.line().max(1), e.column());
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(|l| l.chars().count())
        .sum();
    let col = if message.starts_with("EOF") {
        col + 1
    } else {
        col.max(1)
    };
    let offset = line_start + col - 1;
    let msg = format!("{what}: line {line} column {col} (char {offset})");
    match decode_error_class(i) {
        Some(class) => crate::Exc::Raise(i.new_exception(&class, vec![Value::str(&msg)])),
        None => i.value_error(msg),
    }
}

/// `json.JSONDecodeError` (module `json.decoder`, a `ValueError`), made once per interpreter.
fn decode_error_class(i: &mut Interpreter) -> Option<Rc<Class>> {
    const KEY: &str = "json.JSONDecodeError";
    if let Some(class) = i.exception_class(KEY) {
        return Some(class);
    }
    let base = i.exception_class("ValueError")?;
    let bases = vec![base];
    let mro = c3_mro(&bases)?;
    let mut class = Class::new("JSONDecodeError", "json.decoder", bases, mro);
    class.builtin = Some(Builtin::Exception);
    let class = Rc::new(class);
    i.types.exceptions.insert(KEY.to_owned(), Rc::clone(&class));
    Some(class)
}

fn dump_options(i: &mut Interpreter, a: &Args) -> PyResult<DumpOptions> {
    let mut opts = DumpOptions::default();
    for (k, v) in &a.kw {
        match k.as_str() {
            "indent" => {
                opts.indent = match v {
                    Value::None => None,
                    Value::Int(n) => Some(" ".repeat(usize::try_from(*n).unwrap_or(0))),
                    Value::Str(s) => Some(s.to_string()),
                    _ => return Err(i.type_error("indent must be None, an int or a str")),
                }
            }
            "sort_keys" => opts.sort_keys = i.truthy(v)?,
            "ensure_ascii" => opts.ensure_ascii = i.truthy(v)?,
            "default" => opts.default = Some(v.clone()).filter(|d| !matches!(d, Value::None)),
            "separators" => {
                let parts = i.iterate(v)?;
                match parts.as_slice() {
                    [Value::Str(item), Value::Str(key)] => {
                        opts.separators = (item.to_string(), key.to_string());
                    }
                    _ => return Err(i.type_error("separators must be a (str, str) pair")),
                }
            }
            "skipkeys" | "check_circular" | "allow_nan" | "cls" => {}
            other => {
                return Err(i.type_error(format!(
                    "dumps() got an unexpected keyword argument '{other}'"
                )));
            }
        }
    }
    // `cls=MyEncoder`: its `default` method (a JSONEncoder subclass's override, or the
    // base one that raises TypeError), unless `default=` was given too.
    if let Some((_, cls)) = a.kw.iter().find(|(k, _)| k == "cls")
        && !matches!(cls, Value::None)
        && opts.default.is_none()
    {
        let encoder = i.call(cls, Args::default())?;
        opts.default = Some(i.getattr(&encoder, "default")?);
    }
    Ok(opts)
}

/// `json.JSONEncoder`: subclassed to override `default(self, o)`; `encode(o)` is `dumps`.
fn encoder_class(i: &Interpreter) -> Rc<Class> {
    let class = i.native_class("JSONEncoder", "json.encoder");
    let mut d = class.dict.borrow_mut();
    d.insert(
        "__init__".into(),
        NativeFunction::value("__init__", |_, _| Ok(Value::None)),
    );
    d.insert(
        "default".into(),
        NativeFunction::value("default", |i, a| {
            let o = a.pos.get(1).cloned().unwrap_or(Value::None);
            let type_name = o.type_name();
            let short = type_name.rsplit('.').next().unwrap_or(&type_name);
            Err(i.type_error(format!("Object of type {short} is not JSON serializable")))
        }),
    );
    d.insert(
        "encode".into(),
        NativeFunction::value("encode", |i, a| {
            let (me, o) = (a.pos.first().cloned(), a.pos.get(1).cloned());
            let (Some(me), Some(o)) = (me, o) else {
                return Err(i.type_error("encode() missing 1 required positional argument: 'o'"));
            };
            let opts = DumpOptions {
                default: Some(i.getattr(&me, "default")?),
                ..DumpOptions::default()
            };
            Ok(Value::str(&dumps(i, &o, &opts)?))
        }),
    );
    drop(d);
    class
}

/// Registers `json`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("json", |i| {
        let m = Module::new("json");
        m.set(
            "dumps",
            NativeFunction::value("dumps", |i, a| {
                let Some(v) = a.pos.first().cloned() else {
                    return Err(
                        i.type_error("dumps() missing 1 required positional argument: 'obj'")
                    );
                };
                let opts = dump_options(i, &a)?;
                Ok(Value::str(&dumps(i, &v, &opts)?))
            }),
        );
        m.set(
            "loads",
            NativeFunction::value("loads", |i, a| match a.pos.first() {
                Some(Value::Str(s)) => loads(i, &s.clone()),
                Some(other) => Err(i.type_error(format!(
                    "the JSON object must be str, bytes or bytearray, not {}",
                    other.type_name()
                ))),
                None => Err(i.type_error("loads() missing 1 required positional argument: 's'")),
            }),
        );
        if let Some(class) = decode_error_class(i) {
            m.set("JSONDecodeError", Value::Class(class));
        }
        m.set("JSONEncoder", Value::Class(encoder_class(i)));
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::{Error, Interpreter};

    fn out(src: &str) -> Result<String, Error> {
        let mut py = Interpreter::new();
        py.run(src)?;
        Ok(py.take_output())
    }

    // Goldens: CPython 3.11.7.
    #[test]
    fn dumps_writes_as_cpython() -> Result<(), Error> {
        assert_eq!(
            out(
                "import json\nprint(json.dumps({'a': [1, 2.0, None, True], 2: 'é\\n'}))\n\
                 print(json.dumps({'b': 1, 'a': []}, indent=2, sort_keys=True))\n"
            )?,
            "{\"a\": [1, 2.0, null, true], \"2\": \"\\u00e9\\n\"}\n{\n  \"a\": [],\n  \"b\": 1\n}\n"
        );
        Ok(())
    }

    #[test]
    fn loads_keeps_key_order_and_reports_errors_as_cpython() -> Result<(), Error> {
        assert_eq!(
            out(
                "import json\nprint(json.loads('{\"z\": 1, \"a\": [1.5, null]}'))\n\
                 try:\n    json.loads('[1, 2')\nexcept ValueError as e:\n    print(e)\n"
            )?,
            "{'z': 1, 'a': [1.5, None]}\nExpecting ',' delimiter: line 1 column 6 (char 5)\n"
        );
        Ok(())
    }

    #[test]
    fn json_encoder_subclass() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "import json\nfrom datetime import date\n",
            "class Enc(json.JSONEncoder):\n    def default(self, o):\n        if isinstance(o, date):\n            return o.isoformat()\n        return super().default(o)\n",
            "print(json.dumps({'d': date(2024, 1, 2)}, cls=Enc), Enc().encode([date(2020, 5, 6)]))\n",
            "try:\n    json.dumps({1, 2}, cls=Enc)\nexcept TypeError as e:\n    print(e)\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "{\"d\": \"2024-01-02\"} [\"2020-05-06\"]\nObject of type set is not JSON serializable\n"
        );
    }
}
