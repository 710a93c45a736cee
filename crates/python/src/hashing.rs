//! `hashlib` (`md5`, `sha1`, `sha256`, `new`; `update`, `digest`, `hexdigest`, `copy`),
//! `secrets` (`token_hex`, `token_bytes`, `token_urlsafe`, `choice`, `randbelow`) and
//! `base64` (`b64encode`/`b64decode`, the URL-safe pair) — what blog posts use to hash a
//! password or make a token next to a `User` model. The digests are computed here (small
//! pure-Rust implementations, checked against CPython in the tests).

use crate::bytes::{as_bytes, new as new_bytes};
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The algorithms `hashlib` offers.
#[derive(Clone, Copy)]
enum Algo {
    Md5,
    Sha1,
    Sha256,
}

impl Algo {
    fn name(self) -> &'static str {
        match self {
            Algo::Md5 => "md5",
            Algo::Sha1 => "sha1",
            Algo::Sha256 => "sha256",
        }
    }

    fn from_name(name: &str) -> Option<Algo> {
        match name.to_ascii_lowercase().replace('-', "").as_str() {
            "md5" => Some(Algo::Md5),
            "sha1" => Some(Algo::Sha1),
            "sha256" => Some(Algo::Sha256),
            _ => None,
        }
    }

    fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            Algo::Md5 => md5(data),
            Algo::Sha1 => sha1(data),
            Algo::Sha256 => sha256(data),
        }
    }
}

/// Message padding shared by MD5 and the SHA family (`big`: length byte order).
fn pad(data: &[u8], big: bool) -> Vec<u8> {
    let mut m = data.to_vec();
    let bits = (data.len() as u64).wrapping_mul(8);
    m.push(0x80);
    while m.len() % 64 != 56 {
        m.push(0);
    }
    m.extend(if big {
        bits.to_be_bytes()
    } else {
        bits.to_le_bytes()
    });
    m
}

fn sha256(data: &[u8]) -> Vec<u8> {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    for block in pad(data, true).chunks(64) {
        let mut w = [0u32; 64];
        for t in 0..16 {
            w[t] = u32::from_be_bytes([
                block[4 * t],
                block[4 * t + 1],
                block[4 * t + 2],
                block[4 * t + 3],
            ]);
        }
        for t in 16..64 {
            let s0 = w[t - 15].rotate_right(7) ^ w[t - 15].rotate_right(18) ^ (w[t - 15] >> 3);
            let s1 = w[t - 2].rotate_right(17) ^ w[t - 2].rotate_right(19) ^ (w[t - 2] >> 10);
            w[t] = w[t - 16]
                .wrapping_add(s0)
                .wrapping_add(w[t - 7])
                .wrapping_add(s1);
        }
        let mut v = h;
        for t in 0..64 {
            let s1 = v[4].rotate_right(6) ^ v[4].rotate_right(11) ^ v[4].rotate_right(25);
            let ch = (v[4] & v[5]) ^ (!v[4] & v[6]);
            let t1 = v[7]
                .wrapping_add(s1)
                .wrapping_add(ch)
                .wrapping_add(K[t])
                .wrapping_add(w[t]);
            let s0 = v[0].rotate_right(2) ^ v[0].rotate_right(13) ^ v[0].rotate_right(22);
            let maj = (v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]);
            let t2 = s0.wrapping_add(maj);
            v = [
                t1.wrapping_add(t2),
                v[0],
                v[1],
                v[2],
                v[3].wrapping_add(t1),
                v[4],
                v[5],
                v[6],
            ];
        }
        for (a, b) in h.iter_mut().zip(v) {
            *a = a.wrapping_add(b);
        }
    }
    h.iter().flat_map(|x| x.to_be_bytes()).collect()
}

fn sha1(data: &[u8]) -> Vec<u8> {
    let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    for block in pad(data, true).chunks(64) {
        let mut w = [0u32; 80];
        for t in 0..16 {
            w[t] = u32::from_be_bytes([
                block[4 * t],
                block[4 * t + 1],
                block[4 * t + 2],
                block[4 * t + 3],
            ]);
        }
        for t in 16..80 {
            w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (t, wt) in w.iter().enumerate() {
            let (f, k) = match t {
                0..=19 => ((b & c) | (!b & d), 0x5A827999),
                20..=39 => (b ^ c ^ d, 0x6ED9EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6),
            };
            let tmp = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wt);
            (e, d, c, b, a) = (d, c, b.rotate_left(30), a, tmp);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().flat_map(|x| x.to_be_bytes()).collect()
}

fn md5(data: &[u8]) -> Vec<u8> {
    const S: [u32; 64] = [
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5,
        9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10,
        15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
    ];
    // K[i] = floor(abs(sin(i + 1)) * 2^32).
    let k: Vec<u32> = (0..64)
        .map(|i| ((i as f64 + 1.0).sin().abs() * 4_294_967_296.0) as u32)
        .collect();
    let mut h: [u32; 4] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
    for block in pad(data, false).chunks(64) {
        let m: Vec<u32> = block
            .chunks(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let [mut a, mut b, mut c, mut d] = h;
        for i in 0..64 {
            let (f, g) = match i {
                0..=15 => ((b & c) | (!b & d), i),
                16..=31 => ((d & b) | (!d & c), (5 * i + 1) % 16),
                32..=47 => (b ^ c ^ d, (3 * i + 5) % 16),
                _ => (c ^ (b | !d), (7 * i) % 16),
            };
            let f = f.wrapping_add(a).wrapping_add(k[i]).wrapping_add(m[g]);
            (a, d, c) = (d, c, b);
            b = b.wrapping_add(f.rotate_left(S[i]));
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// A hash object (`hashlib.sha256(...)`): the algorithm and the data fed so far.
struct Hash {
    algo: Algo,
    data: RefCell<Vec<u8>>,
}

fn data_arg(i: &Interpreter, v: Option<&Value>) -> PyResult<Vec<u8>> {
    match v {
        None => Ok(Vec::new()),
        Some(Value::Str(_)) => Err(i.type_error("Strings must be encoded before hashing")),
        Some(v) => as_bytes(v).ok_or_else(|| {
            i.type_error(format!(
                "object supporting the buffer API required, not '{}'",
                v.type_name()
            ))
        }),
    }
}

impl NativeObject for Hash {
    fn type_name(&self) -> String {
        "_hashlib.HASH".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("<{} _hashlib.HASH object>", self.algo.name()))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let me = |v: &Value| match v {
            Value::Object(o) => o
                .as_any()
                .downcast_ref::<Hash>()
                .map(|h| (h.algo, h.data.borrow().clone())),
            _ => None,
        };
        let this = this.clone();
        let algo = self.algo;
        Ok(Some(match name {
            "name" => Value::str(algo.name()),
            "digest_size" => Value::Int(algo.digest(b"").len() as i64),
            "block_size" => Value::Int(64),
            "update" => NativeFunction::value(name, move |i, a| {
                let more = data_arg(i, a.pos.first())?;
                if let Value::Object(o) = &this
                    && let Some(h) = o.as_any().downcast_ref::<Hash>()
                {
                    h.data.borrow_mut().extend(more);
                }
                Ok(Value::None)
            }),
            "digest" => NativeFunction::value(name, move |i, _| {
                let (algo, data) = me(&this).unwrap_or((algo, Vec::new()));
                Ok(new_bytes(i, algo.digest(&data), false))
            }),
            "hexdigest" => NativeFunction::value(name, move |_, _| {
                let (algo, data) = me(&this).unwrap_or((algo, Vec::new()));
                Ok(Value::str(&hex(&algo.digest(&data))))
            }),
            "copy" => NativeFunction::value(name, move |_, _| {
                let (algo, data) = me(&this).unwrap_or((algo, Vec::new()));
                Ok(hash_value(algo, data))
            }),
            _ => return Ok(None),
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn hex(data: &[u8]) -> String {
    data.iter().map(|b| format!("{b:02x}")).collect()
}

fn hash_value(algo: Algo, data: Vec<u8>) -> Value {
    Value::Object(Rc::new(Hash {
        algo,
        data: RefCell::new(data),
    }))
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn b64encode(data: &[u8], urlsafe: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in data.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (k, b)| acc | u32::from(*b) << (16 - 8 * k));
        for k in 0..4 {
            if k <= chunk.len() {
                let c = B64[(n >> (18 - 6 * k) & 63) as usize];
                out.push(match (urlsafe, c) {
                    (true, b'+') => b'-',
                    (true, b'/') => b'_',
                    _ => c,
                });
            } else {
                out.push(b'=');
            }
        }
    }
    out
}

fn b64decode(i: &Interpreter, text: &[u8], urlsafe: bool) -> PyResult<Vec<u8>> {
    let mut bits = 0u32;
    let (mut nbits, mut out, mut count) = (0, Vec::new(), 0usize);
    for &c in text {
        let c = match (urlsafe, c) {
            (true, b'-') => b'+',
            (true, b'_') => b'/',
            _ => c,
        };
        if c == b'=' {
            break;
        }
        let Some(v) = B64.iter().position(|x| *x == c) else {
            continue;
        };
        count += 1;
        bits = bits << 6 | v as u32;
        nbits += 6;
        if nbits >= 8 {
            nbits -= 8;
            out.push((bits >> nbits) as u8);
        }
    }
    if count % 4 == 1 {
        // CPython raises binascii.Error, a ValueError.
        return Err(i.value_error(format!(
            "Invalid base64-encoded string: number of data characters ({count}) cannot be 1 more than a multiple of 4"
        )));
    }
    Ok(out)
}

fn bytes_or_ascii(i: &Interpreter, v: Option<&Value>) -> PyResult<Vec<u8>> {
    match v {
        Some(Value::Str(s)) if s.is_ascii() => Ok(s.as_bytes().to_vec()),
        Some(Value::Str(_)) => {
            Err(i.value_error("string argument should contain only ASCII characters"))
        }
        other => data_arg(i, other),
    }
}

/// splitmix64 over the clock: the randomness of `secrets` (values no script can depend on).
fn next_random(state: &Cell<u64>) -> u64 {
    let s = state.get().wrapping_add(0x9e37_79b9_7f4a_7c15);
    state.set(s);
    let mut z = (s ^ (s >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn random_bytes(state: &Cell<u64>, n: usize) -> Vec<u8> {
    (0..n).map(|_| next_random(state) as u8).collect()
}

fn count_arg(i: &Interpreter, a: &Args, default: i64) -> PyResult<usize> {
    match a.pos.first() {
        None | Some(Value::None) => Ok(default as usize),
        Some(Value::Int(n)) if (0..=1 << 20).contains(n) => Ok(*n as usize),
        Some(Value::Int(_)) => Err(i.value_error("negative argument not allowed")),
        Some(other) => Err(i.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// Register `hashlib`, `secrets` and `base64`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("hashlib", |_| {
        let m = Module::new("hashlib");
        for algo in [Algo::Md5, Algo::Sha1, Algo::Sha256] {
            m.set(
                algo.name(),
                NativeFunction::value(algo.name(), move |i, mut a| {
                    let data = a.take_kw("string").or_else(|| a.pos.first().cloned());
                    Ok(hash_value(algo, data_arg(i, data.as_ref())?))
                }),
            );
        }
        m.set(
            "new",
            NativeFunction::value("new", |i, a| {
                let name = match a.pos.first() {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => return Err(i.type_error("new() argument 'name' must be str")),
                };
                match Algo::from_name(&name) {
                    Some(algo) => Ok(hash_value(algo, data_arg(i, a.pos.get(1))?)),
                    None => Err(i.exc(
                        "NotImplementedError",
                        format!("hashlib.new('{name}') is not supported by Retort (md5, sha1, sha256 are)"),
                    )),
                }
            }),
        );
        Ok(Rc::new(m))
    });
    r.register("secrets", |i| {
        let m = Module::new("secrets");
        let state = Rc::new(Cell::new(
            (crate::datetime::now_seconds(i)? * 1e6) as u64 ^ 0x5eed,
        ));
        let s = state.clone();
        m.set(
            "token_bytes",
            NativeFunction::value("token_bytes", move |i, a| {
                let n = count_arg(i, &a, 32)?;
                Ok(new_bytes(i, random_bytes(&s, n), false))
            }),
        );
        let s = state.clone();
        m.set(
            "token_hex",
            NativeFunction::value("token_hex", move |i, a| {
                let n = count_arg(i, &a, 32)?;
                Ok(Value::str(&hex(&random_bytes(&s, n))))
            }),
        );
        let s = state.clone();
        m.set(
            "token_urlsafe",
            NativeFunction::value("token_urlsafe", move |i, a| {
                let n = count_arg(i, &a, 32)?;
                let text = b64encode(&random_bytes(&s, n), true);
                let text = String::from_utf8_lossy(&text)
                    .trim_end_matches('=')
                    .to_string();
                Ok(Value::str(&text))
            }),
        );
        let s = state.clone();
        m.set(
            "randbelow",
            NativeFunction::value("randbelow", move |i, a| match a.pos.first() {
                Some(Value::Int(n)) if *n > 0 => {
                    Ok(Value::Int((next_random(&s) % *n as u64) as i64))
                }
                _ => Err(i.value_error("Upper bound must be positive.")),
            }),
        );
        let s = state;
        m.set(
            "choice",
            NativeFunction::value("choice", move |i, a| {
                let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
                if items.is_empty() {
                    return Err(i.exc("IndexError", "Cannot choose from an empty sequence"));
                }
                Ok(items[(next_random(&s) % items.len() as u64) as usize].clone())
            }),
        );
        Ok(Rc::new(m))
    });
    r.register("base64", |_| {
        let m = Module::new("base64");
        for (name, urlsafe) in [("b64encode", false), ("urlsafe_b64encode", true)] {
            m.set(
                name,
                NativeFunction::value(name, move |i, a| {
                    let data = data_arg(i, a.pos.first())?;
                    Ok(new_bytes(i, b64encode(&data, urlsafe), false))
                }),
            );
        }
        for (name, urlsafe) in [("b64decode", false), ("urlsafe_b64decode", true)] {
            m.set(
                name,
                NativeFunction::value(name, move |i, a| {
                    let text = bytes_or_ascii(i, a.pos.first())?;
                    Ok(new_bytes(i, b64decode(i, &text, urlsafe)?, false))
                }),
            );
        }
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn digests_match_cpython() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "import hashlib\n",
            "print(hashlib.sha256(b'abc').hexdigest())\n",
            "print(hashlib.sha256(b'a' * 200).hexdigest())\n",
            "print(hashlib.md5('password'.encode()).hexdigest(), hashlib.sha1(b'').hexdigest())\n",
            "h = hashlib.new('sha256')\nh.update(b'ab')\nh.update(b'c')\nprint(h.hexdigest() == hashlib.sha256(b'abc').hexdigest(), h.name, h.digest_size, len(h.digest()))\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            concat!(
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n",
                "c2a908d98f5df987ade41b5fce213067efbcc21ef2240212a41e54b5e7c28ae5\n",
                "5f4dcc3b5aa765d61d8327deb882cf99 da39a3ee5e6b4b0d3255bfef95601890afd80709\n",
                "True sha256 32 32\n",
            )
        );
    }

    #[test]
    fn base64_and_secrets() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "import base64, secrets\n",
            "print(base64.b64encode(b'hello world'), base64.b64decode('aGk='), base64.urlsafe_b64encode(b'\\xfb\\xff'), base64.b64encode(b'ab'))\n",
            "print(len(secrets.token_hex(16)), len(secrets.token_bytes(8)), len(secrets.token_urlsafe(16)), secrets.choice('a') , 0 <= secrets.randbelow(5) < 5)\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "b'aGVsbG8gd29ybGQ=' b'hi' b'-_8=' b'YWI='\n32 8 22 a True\n"
        );
    }
}
