//! `bytes` and `bytearray`: literals (`b"..."`), `str.encode` / `bytes.decode` (UTF-8,
//! ASCII, Latin-1), CPython's repr, indexing (ints), slicing, iteration, `+`, `*`,
//! comparisons, `in`, `hex()` / `bytes.fromhex()` and the common methods. A `bytearray`
//! shares the representation and adds `append` / `extend`.

use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::modules::NativeObject;
use crate::value::{HashKey, Value};
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// A `bytes` or `bytearray` value.
pub struct Bytes {
    data: RefCell<Vec<u8>>,
    mutable: bool,
    class: Rc<Class>,
}

/// The bytes of a `bytes`/`bytearray` value.
pub fn as_bytes(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Object(o) => o
            .as_any()
            .downcast_ref::<Bytes>()
            .map(|b| b.data.borrow().clone()),
        _ => None,
    }
}

/// A new `bytes` (or `bytearray` when `mutable`) value.
pub fn new(i: &Interpreter, data: Vec<u8>, mutable: bool) -> Value {
    let name = if mutable { "bytearray" } else { "bytes" };
    let class = i
        .builtin_type(name)
        .unwrap_or_else(|| i.native_class(name, "builtins"));
    Value::Object(Rc::new(Bytes {
        data: RefCell::new(data),
        mutable,
        class,
    }))
}

/// CPython's `b'...'` text for `data`.
pub fn repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &c in data {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote as u8 => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// `s.encode(encoding)`.
pub fn encode(i: &Interpreter, s: &str, a: &Args) -> PyResult<Value> {
    let enc = codec(
        i,
        a.pos
            .first()
            .or(a.kw.iter().find(|(k, _)| k == "encoding").map(|(_, v)| v)),
    )?;
    let data = match enc {
        Codec::Utf8 => s.as_bytes().to_vec(),
        Codec::Ascii | Codec::Latin1 => {
            let limit = if matches!(enc, Codec::Ascii) {
                0x80
            } else {
                0x100
            };
            let mut out = Vec::new();
            for (pos, c) in s.chars().enumerate() {
                let n = u32::from(c);
                if n >= limit {
                    let name = if limit == 0x80 { "ascii" } else { "latin-1" };
                    return Err(i.exc(
                        "UnicodeEncodeError",
                        format!(
                            "'{name}' codec can't encode character '\\x{n:02x}' in position {pos}: ordinal not in range({limit})"
                        ),
                    ));
                }
                out.push(n as u8);
            }
            out
        }
    };
    Ok(new(i, data, false))
}

#[derive(Clone, Copy)]
enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

fn codec(i: &Interpreter, v: Option<&Value>) -> PyResult<Codec> {
    let name = match v {
        None => return Ok(Codec::Utf8),
        Some(Value::Str(s)) => s.to_ascii_lowercase().replace('_', "-"),
        Some(other) => {
            return Err(i.type_error(format!(
                "encode() argument 'encoding' must be str, not {}",
                other.type_name()
            )));
        }
    };
    match name.as_str() {
        "utf-8" | "utf8" | "u8" => Ok(Codec::Utf8),
        "ascii" | "us-ascii" => Ok(Codec::Ascii),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => Ok(Codec::Latin1),
        other => Err(i.exc("LookupError", format!("unknown encoding: {other}"))),
    }
}

fn decode(i: &Interpreter, data: &[u8], a: &Args) -> PyResult<Value> {
    match codec(i, a.pos.first().or(a.kw.iter().find(|(k, _)| k == "encoding").map(|(_, v)| v)))? {
        Codec::Utf8 => match std::str::from_utf8(data) {
            Ok(s) => Ok(Value::str(s)),
            Err(e) => {
                let pos = e.valid_up_to();
                let byte = data.get(pos).copied().unwrap_or(0);
                let why = if e.error_len().is_none() {
                    "unexpected end of data"
                } else if (0x80..0xc0).contains(&byte) || byte >= 0xf8 {
                    "invalid start byte"
                } else {
                    "invalid continuation byte"
                };
                Err(i.exc(
                    "UnicodeDecodeError",
                    format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {why}"),
                ))
            }
        },
        Codec::Ascii => match data.iter().position(|b| *b >= 0x80) {
            Some(pos) => Err(i.exc(
                "UnicodeDecodeError",
                format!(
                    "'ascii' codec can't decode byte 0x{:02x} in position {pos}: ordinal not in range(128)",
                    data[pos]
                ),
            )),
            None => Ok(Value::str(&String::from_utf8_lossy(data))),
        },
        Codec::Latin1 => Ok(Value::str(&data.iter().map(|b| char::from(*b)).collect::<String>())),
    }
}

/// The bytes an argument stands for (`bytes`, `bytearray`).
fn arg_bytes(i: &Interpreter, v: Option<&Value>, what: &str) -> PyResult<Vec<u8>> {
    match v.and_then(as_bytes) {
        Some(b) => Ok(b),
        None => Err(i.type_error(format!(
            "{what} argument must be a bytes-like object, not '{}'",
            v.map(|v| v.type_name())
                .unwrap_or_else(|| "NoneType".into())
        ))),
    }
}

/// `bytes(x)` / `bytearray(x)`.
fn construct(i: &mut Interpreter, mut a: Args, mutable: bool) -> PyResult<Value> {
    if matches!(a.pos.first(), Some(Value::Class(_))) {
        a.pos.remove(0);
    }
    let data = match a.pos.first().cloned() {
        None => Vec::new(),
        Some(Value::Str(s)) => {
            if a.pos.len() < 2 && !a.kw.iter().any(|(k, _)| k == "encoding") {
                return Err(i.type_error("string argument without an encoding"));
            }
            let rest = Args {
                pos: a.pos[1..].to_vec(),
                kw: a.kw.clone(),
            };
            return encode(i, &s, &rest).map(|v| match as_bytes(&v) {
                Some(d) if mutable => new(i, d, true),
                _ => v,
            });
        }
        Some(Value::Int(n)) => match usize::try_from(n) {
            Ok(n) if n <= 1 << 24 => vec![0; n],
            Ok(_) => return Err(i.exc("MemoryError", "")),
            Err(_) => return Err(i.value_error("negative count")),
        },
        Some(v) => match as_bytes(&v) {
            Some(b) => b,
            None => {
                let mut out = Vec::new();
                for x in i.iterate(&v)? {
                    match x {
                        Value::Int(n) if (0..256).contains(&n) => out.push(n as u8),
                        Value::Int(_) => {
                            return Err(i.value_error("bytes must be in range(0, 256)"));
                        }
                        other => {
                            return Err(i.type_error(format!(
                                "'{}' object cannot be interpreted as an integer",
                                other.type_name()
                            )));
                        }
                    }
                }
                out
            }
        },
    };
    Ok(new(i, data, mutable))
}

/// `bytes.fromhex('4142')`.
fn fromhex(i: &mut Interpreter, mut a: Args, mutable: bool) -> PyResult<Value> {
    if matches!(a.pos.first(), Some(Value::Class(_))) {
        a.pos.remove(0);
    }
    let Some(Value::Str(s)) = a.pos.first() else {
        return Err(i.type_error("fromhex() argument must be str"));
    };
    let digits: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = Vec::new();
    for (k, pair) in digits.chunks(2).enumerate() {
        let text: String = pair.iter().collect();
        match u8::from_str_radix(&text, 16) {
            Ok(b) if text.len() == 2 => out.push(b),
            _ => {
                return Err(i.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {}",
                    k * 2 + usize::from(text.len() == 2)
                )));
            }
        }
    }
    Ok(new(i, out, mutable))
}

/// Register `bytes` and `bytearray` as builtin types.
pub fn install(i: &mut Interpreter) {
    for (name, mutable) in [("bytes", false), ("bytearray", true)] {
        let class = i.native_class(name, "builtins");
        class.dict.borrow_mut().insert(
            "__new__".into(),
            NativeFunction::value("__new__", move |i, a| construct(i, a, mutable)),
        );
        class.dict.borrow_mut().insert(
            "fromhex".into(),
            NativeFunction::value("fromhex", move |i, a| fromhex(i, a, mutable)),
        );
        i.types.by_name.insert(name.into(), class.clone());
        i.builtins.insert(name.into(), Value::Class(class));
    }
}

impl Bytes {
    fn same_kind(&self, i: &Interpreter, data: Vec<u8>) -> Value {
        new(i, data, self.mutable)
    }
}

impl NativeObject for Bytes {
    fn type_name(&self) -> String {
        self.class.name.clone()
    }
    fn class(&self) -> Option<Rc<Class>> {
        Some(self.class.clone())
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        let text = repr(&self.data.borrow());
        Ok(if self.mutable {
            format!("bytearray({text})")
        } else {
            text
        })
    }
    fn len(&self) -> Option<usize> {
        Some(self.data.borrow().len())
    }
    fn truthy(&self) -> Option<bool> {
        Some(!self.data.borrow().is_empty())
    }
    fn hash_key(&self) -> Option<HashKey> {
        (!self.mutable).then(|| {
            HashKey::Tuple(vec![
                HashKey::Str(Rc::from("bytes")),
                HashKey::Str(Rc::from(repr(&self.data.borrow()))),
            ])
        })
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self
            .data
            .borrow()
            .iter()
            .map(|b| Value::Int(i64::from(*b)))
            .collect()))
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        let data = self.data.borrow().clone();
        Some(match key {
            Value::Int(n) => {
                let len = data.len() as i64;
                let k = if *n < 0 { n + len } else { *n };
                match usize::try_from(k).ok().and_then(|k| data.get(k)) {
                    Some(b) => Ok(Value::Int(i64::from(*b))),
                    None => Err(i.exc("IndexError", "index out of range")),
                }
            }
            Value::Slice(_) => {
                let ints = Value::list(data.iter().map(|b| Value::Int(i64::from(*b))).collect());
                i.get_item(&ints, key).map(|part| {
                    let picked = i
                        .iterate(&part)
                        .unwrap_or_default()
                        .into_iter()
                        .filter_map(|v| match v {
                            Value::Int(n) => u8::try_from(n).ok(),
                            _ => None,
                        })
                        .collect();
                    self.same_kind(i, picked)
                })
            }
            other => Err(i.type_error(format!(
                "byte indices must be integers or slices, not {}",
                other.type_name()
            ))),
        })
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        let mine = self.data.borrow().clone();
        if let (Value::Int(n), "*") = (other, op) {
            let n = usize::try_from(*n).unwrap_or(0);
            if mine.len().saturating_mul(n) > 1 << 24 {
                return Some(Err(i.exc("MemoryError", "")));
            }
            return Some(Ok(self.same_kind(i, mine.repeat(n))));
        }
        let theirs = as_bytes(other);
        let (a, b) = match &theirs {
            Some(t) if reflected => (t.clone(), mine),
            Some(t) => (mine, t.clone()),
            None => {
                return match op {
                    "==" => Some(Ok(Value::Bool(false))),
                    "!=" => Some(Ok(Value::Bool(true))),
                    _ => None,
                };
            }
        };
        Some(Ok(match op {
            "+" => self.same_kind(i, [a, b].concat()),
            "==" => Value::Bool(a == b),
            "!=" => Value::Bool(a != b),
            "<" => Value::Bool(a < b),
            "<=" => Value::Bool(a <= b),
            ">" => Value::Bool(a > b),
            ">=" => Value::Bool(a >= b),
            _ => return None,
        }))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let known = [
            "decode",
            "hex",
            "startswith",
            "endswith",
            "upper",
            "lower",
            "strip",
            "find",
            "count",
            "replace",
            "split",
            "join",
            "append",
            "extend",
            "isdigit",
            "isalpha",
        ];
        if !known.contains(&name) || (matches!(name, "append" | "extend") && !self.mutable) {
            return Ok(None);
        }
        let (this, method) = (this.clone(), name.to_string());
        Ok(Some(NativeFunction::value(name, move |i, a| {
            call(i, &this, &method, a)
        })))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn find_sub(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether `needle` (bytes or an int) is in the bytes `hay` (`x in b"..."`).
pub fn contains(i: &Interpreter, hay: &[u8], needle: &Value) -> PyResult<bool> {
    match needle {
        Value::Int(n) => Ok(u8::try_from(*n).is_ok_and(|b| hay.contains(&b))),
        other => Ok(find_sub(hay, &arg_bytes(i, Some(other), "a")?).is_some()),
    }
}

fn call(i: &mut Interpreter, this: &Value, method: &str, a: Args) -> PyResult<Value> {
    let Value::Object(o) = this else {
        return Ok(Value::None);
    };
    let Some(me) = o.as_any().downcast_ref::<Bytes>() else {
        return Ok(Value::None);
    };
    let data = me.data.borrow().clone();
    let b = |v: bool| Ok(Value::Bool(v));
    match method {
        "decode" => decode(i, &data, &a),
        "hex" => Ok(Value::str(
            &data.iter().map(|b| format!("{b:02x}")).collect::<String>(),
        )),
        "startswith" => b(data.starts_with(&arg_bytes(i, a.pos.first(), "startswith")?)),
        "endswith" => b(data.ends_with(&arg_bytes(i, a.pos.first(), "endswith")?)),
        "upper" => Ok(me.same_kind(i, data.to_ascii_uppercase())),
        "lower" => Ok(me.same_kind(i, data.to_ascii_lowercase())),
        "isdigit" => b(!data.is_empty() && data.iter().all(u8::is_ascii_digit)),
        "isalpha" => b(!data.is_empty() && data.iter().all(u8::is_ascii_alphabetic)),
        "strip" => {
            let chars = match a.pos.first() {
                Some(v) => arg_bytes(i, Some(v), "strip")?,
                None => b" \t\n\r\x0b\x0c".to_vec(),
            };
            let start = data
                .iter()
                .position(|c| !chars.contains(c))
                .unwrap_or(data.len());
            let end = data
                .iter()
                .rposition(|c| !chars.contains(c))
                .map_or(start, |e| e + 1);
            Ok(me.same_kind(i, data[start..end.max(start)].to_vec()))
        }
        "find" => {
            let needle = arg_bytes(i, a.pos.first(), "find")?;
            Ok(Value::Int(
                find_sub(&data, &needle).map_or(-1, |p| p as i64),
            ))
        }
        "count" => {
            let needle = arg_bytes(i, a.pos.first(), "count")?;
            let (mut n, mut at) = (0, 0);
            while let Some(p) = find_sub(&data[at..], &needle) {
                n += 1;
                at += p + needle.len().max(1);
                if at > data.len() {
                    break;
                }
            }
            Ok(Value::Int(n))
        }
        "replace" => {
            let old = arg_bytes(i, a.pos.first(), "replace")?;
            let new_ = arg_bytes(i, a.pos.get(1), "replace")?;
            let (mut out, mut at) = (Vec::new(), 0);
            while let Some(p) = (!old.is_empty())
                .then(|| find_sub(&data[at..], &old))
                .flatten()
            {
                out.extend_from_slice(&data[at..at + p]);
                out.extend_from_slice(&new_);
                at += p + old.len();
            }
            out.extend_from_slice(&data[at..]);
            Ok(me.same_kind(i, out))
        }
        "split" => {
            let parts: Vec<Vec<u8>> = match a.pos.first() {
                None | Some(Value::None) => data
                    .split(|c| c.is_ascii_whitespace())
                    .filter(|p| !p.is_empty())
                    .map(<[u8]>::to_vec)
                    .collect(),
                Some(sep) => {
                    let sep = arg_bytes(i, Some(sep), "split")?;
                    if sep.is_empty() {
                        return Err(i.value_error("empty separator"));
                    }
                    let (mut out, mut at) = (Vec::new(), 0);
                    while let Some(p) = find_sub(&data[at..], &sep) {
                        out.push(data[at..at + p].to_vec());
                        at += p + sep.len();
                    }
                    out.push(data[at..].to_vec());
                    out
                }
            };
            Ok(Value::list(
                parts.into_iter().map(|p| me.same_kind(i, p)).collect(),
            ))
        }
        "join" => {
            let mut out = Vec::new();
            let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    out.extend_from_slice(&data);
                }
                out.extend(arg_bytes(i, Some(item), "join")?);
            }
            Ok(me.same_kind(i, out))
        }
        "append" => match a.pos.first() {
            Some(Value::Int(n)) if (0..256).contains(n) => {
                me.data.borrow_mut().push(*n as u8);
                Ok(Value::None)
            }
            _ => Err(i.value_error("byte must be in range(0, 256)")),
        },
        _ => {
            let more = match a.pos.first() {
                Some(v) => match as_bytes(v) {
                    Some(b) => b,
                    None => construct(i, Args::positional(vec![v.clone()]), false)
                        .map(|v| as_bytes(&v).unwrap_or_default())?,
                },
                None => Vec::new(),
            };
            me.data.borrow_mut().extend(more);
            Ok(Value::None)
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn bytes_basics() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "b = 'héllo'.encode()\n",
            "print(b, len(b), b[0], b[1:3], b.decode(), repr(b\"it's\"), b'a\\x00\\n' + b'z', bytes([65, 66]) * 2, list(b'ab'))\n",
            "ba = bytearray(b'xy')\n",
            "ba.append(122)\n",
            "print(ba, b'ab'.hex(), bytes.fromhex('4142'), b'y' in ba, 98 in b'abc', b'a,b'.split(b','), type(b).__name__, isinstance(b, bytes), b'x' == b'x', bytes(3))\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            concat!(
                "b'h\\xc3\\xa9llo' 6 104 b'\\xc3\\xa9' héllo b\"it's\" b'a\\x00\\nz' b'ABAB' [97, 98]\n",
                "bytearray(b'xyz') 6162 b'AB' True True [b'a', b'b'] bytes True True b'\\x00\\x00\\x00'\n",
            )
        );
    }

    #[test]
    fn decode_errors() {
        let (_, r) = crate::interp::run_for_test("b'\\xff'.decode()\n");
        let err = r.err().map(|e| e.render()).unwrap_or_default();
        assert!(
            err.contains("UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
            "{err}"
        );
    }
}
