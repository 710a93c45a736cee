//! The `uuid` module: `UUID` (parsed from any of CPython's text forms, or `hex=`, `bytes=`,
//! `int=`), its `str`/`repr`/`hex`/`int`/`bytes`/`urn`/`version`, comparisons and hashing,
//! and `uuid4()` (random, version 4). Name-based `uuid3`/`uuid5` and clock-based `uuid1`
//! raise NotImplementedError.

use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::{HashKey, Value};
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cell::Cell;
use std::rc::Rc;

/// A `uuid.UUID`.
pub struct Uuid {
    /// The 128-bit value.
    pub value: u128,
    class: Rc<Class>,
}

impl Uuid {
    /// `12345678-1234-5678-1234-567812345678`.
    pub fn text(&self) -> String {
        let h = format!("{:032x}", self.value);
        format!(
            "{}-{}-{}-{}-{}",
            &h[..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..]
        )
    }

    fn version(&self) -> Option<i64> {
        // Only RFC 4122 variant UUIDs have a version.
        let variant_rfc = (self.value >> 62) & 0b11 == 0b10;
        variant_rfc.then_some(((self.value >> 76) & 0xf) as i64)
    }
}

fn parse(text: &str) -> Option<u128> {
    let t = text
        .trim()
        .trim_start_matches("urn:")
        .trim_start_matches("uuid:");
    let t = t.trim_matches(|c| c == '{' || c == '}');
    let hex: String = t.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 {
        return None;
    }
    u128::from_str_radix(&hex, 16).ok()
}

fn make(class: &Rc<Class>, value: u128) -> Value {
    Value::Object(Rc::new(Uuid {
        value,
        class: class.clone(),
    }))
}

fn construct(i: &mut Interpreter, mut a: Args, class: &Rc<Class>) -> PyResult<Value> {
    if matches!(a.pos.first(), Some(Value::Class(_))) {
        a.pos.remove(0);
    }
    let hex = a.take_kw("hex").or_else(|| a.pos.first().cloned());
    if let Some(v) = hex {
        let Value::Str(s) = &v else {
            return Err(i.type_error(format!(
                "one of the hex, bytes, bytes_le, fields, or int arguments must be given, not {}",
                v.type_name()
            )));
        };
        return match parse(s) {
            Some(n) => Ok(make(class, n)),
            None => Err(i.value_error("badly formed hexadecimal UUID string")),
        };
    }
    if let Some(v) = a.take_kw("int") {
        return match v {
            Value::Int(n) if n >= 0 => Ok(make(class, n as u128)),
            _ => Err(i.value_error("int is out of range (need a 128-bit value)")),
        };
    }
    if let Some(v) = a.take_kw("bytes") {
        return match crate::bytes::as_bytes(&v) {
            Some(b) if b.len() == 16 => Ok(make(
                class,
                b.iter().fold(0u128, |acc, x| acc << 8 | u128::from(*x)),
            )),
            _ => Err(i.value_error("bytes is not a 16-char string")),
        };
    }
    Err(i.type_error("one of the hex, bytes, bytes_le, fields, or int arguments must be given"))
}

fn me(v: &Value) -> Option<u128> {
    match v {
        Value::Object(o) => o.as_any().downcast_ref::<Uuid>().map(|u| u.value),
        _ => None,
    }
}

impl NativeObject for Uuid {
    fn type_name(&self) -> String {
        "UUID".into()
    }
    fn class(&self) -> Option<Rc<Class>> {
        Some(self.class.clone())
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("UUID('{}')", self.text()))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.text())
    }
    fn hash_key(&self) -> Option<HashKey> {
        Some(HashKey::Tuple(vec![
            HashKey::Str(Rc::from("uuid")),
            HashKey::Str(Rc::from(self.text())),
        ]))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "hex" => Value::str(&format!("{:032x}", self.value)),
            "urn" => Value::str(&format!("urn:uuid:{}", self.text())),
            "version" => self.version().map_or(Value::None, Value::Int),
            "int" => match i64::try_from(self.value) {
                Ok(n) => Value::Int(n),
                Err(_) => {
                    return Err(i.exc(
                        "OverflowError",
                        "integer result too large for Retort's 64-bit int (UUID.int)",
                    ));
                }
            },
            "bytes" => crate::bytes::new(i, self.value.to_be_bytes().to_vec(), false),
            _ => return Ok(None),
        }))
    }
    fn binary_op(
        &self,
        _: &mut Interpreter,
        op: &str,
        other: &Value,
        _reflected: bool,
    ) -> Option<PyResult<Value>> {
        let Some(theirs) = me(other) else {
            return match op {
                "==" => Some(Ok(Value::Bool(false))),
                "!=" => Some(Ok(Value::Bool(true))),
                _ => None,
            };
        };
        let (a, b) = if _reflected {
            (theirs, self.value)
        } else {
            (self.value, theirs)
        };
        Some(Ok(Value::Bool(match op {
            "==" => a == b,
            "!=" => a != b,
            "<" => a < b,
            "<=" => a <= b,
            ">" => a > b,
            ">=" => a >= b,
            _ => return None,
        })))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// splitmix64: the random bits of `uuid4()` (CPython reads `os.urandom`; no script can
/// depend on the values).
fn next_random(state: &Cell<u64>) -> u64 {
    let s = state.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
    state.set(s);
    let mut z = s;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Register `uuid`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("uuid", |i| {
        let m = Module::new("uuid");
        let class = i.native_class("UUID", "uuid");
        let c = class.clone();
        class.dict.borrow_mut().insert(
            "__new__".into(),
            NativeFunction::value("__new__", move |i, a| construct(i, a, &c)),
        );
        let seed = (crate::datetime::now_seconds(i)? * 1e6) as u64;
        let state = Rc::new(Cell::new(seed));
        let c = class.clone();
        m.set(
            "uuid4",
            NativeFunction::value("uuid4", move |_, _| {
                let bits = u128::from(next_random(&state)) << 64 | u128::from(next_random(&state));
                // Version 4, RFC 4122 variant.
                let v = (bits & !(0xf << 76) | 0x4 << 76) & !(0b11 << 62) | 0b10 << 62;
                Ok(make(&c, v))
            }),
        );
        for name in ["uuid1", "uuid3", "uuid5"] {
            m.set(
                name,
                NativeFunction::value(name, move |i, _| {
                    Err(i.exc(
                        "NotImplementedError",
                        format!("uuid.{name}() is not supported by Retort (use uuid4())"),
                    ))
                }),
            );
        }
        m.set("UUID", Value::Class(class));
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn parse_print_and_uuid4() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "import uuid\n",
            "u = uuid.UUID('{12345678-1234-5678-1234-567812345678}')\n",
            "print(u, repr(u), u.hex, u.version, u.urn, u == uuid.UUID(hex='12345678123456781234567812345678'), {u: 1}[uuid.UUID(str(u))])\n",
            "v = uuid.uuid4()\n",
            "print(type(v).__name__, v.version, len(str(v)), str(v)[14], v != uuid.uuid4(), isinstance(v, uuid.UUID))\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            concat!(
                "12345678-1234-5678-1234-567812345678 UUID('12345678-1234-5678-1234-567812345678') 12345678123456781234567812345678 None urn:uuid:12345678-1234-5678-1234-567812345678 True 1\n",
                "UUID 4 36 4 True True\n",
            )
        );
    }
}
