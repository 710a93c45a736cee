//! The `random` module with CPython's generator (MT19937, `init_by_array` seeding from an
//! int), so a seeded script draws the same numbers: `seed`, `random`, `getrandbits`,
//! `randrange`, `randint`, `choice`, `choices`, `shuffle`, `sample`, `uniform`.

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::cell::RefCell;
use std::rc::Rc;

const N: usize = 624;

/// The Mersenne Twister state.
struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn new(seed: u32) -> Mt {
        let mut state = [0u32; N];
        state[0] = seed;
        for k in 1..N {
            state[k] = 1_812_433_253u32
                .wrapping_mul(state[k - 1] ^ (state[k - 1] >> 30))
                .wrapping_add(k as u32);
        }
        Mt { state, index: N }
    }

    /// CPython's `init_by_array`.
    fn from_key(key: &[u32]) -> Mt {
        let mut mt = Mt::new(19_650_218);
        let s = &mut mt.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            s[i] = (s[i] ^ (s[i - 1] ^ (s[i - 1] >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            s[i] = (s[i] ^ (s[i - 1] ^ (s[i - 1] >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                s[0] = s[N - 1];
                i = 1;
            }
        }
        s[0] = 0x8000_0000;
        mt
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            for k in 0..N {
                let y = (self.state[k] & 0x8000_0000) | (self.state[(k + 1) % N] & 0x7fff_ffff);
                let mut v = self.state[(k + 397) % N] ^ (y >> 1);
                if y & 1 != 0 {
                    v ^= 0x9908_b0df;
                }
                self.state[k] = v;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    fn getrandbits(&mut self, k: u32) -> u64 {
        if k == 0 {
            return 0;
        }
        if k <= 32 {
            return u64::from(self.next_u32() >> (32 - k));
        }
        let lo = u64::from(self.next_u32());
        let hi = u64::from(self.next_u32() >> (64 - k.min(64)));
        lo | (hi << 32)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits(k);
            if r < n {
                return r;
            }
        }
    }
}

fn seed_key(n: i64) -> Vec<u32> {
    let mut v = n.unsigned_abs();
    let mut key = Vec::new();
    while v > 0 {
        key.push(v as u32);
        v >>= 32;
    }
    if key.is_empty() {
        key.push(0);
    }
    key
}

type Gen = Rc<RefCell<Mt>>;
/// A module function over the shared generator.
type GenFn = Rc<dyn Fn(&mut Interpreter, &Gen, Args) -> PyResult<Value>>;

fn int_arg(i: &Interpreter, v: Option<&Value>, what: &str) -> PyResult<i64> {
    match v {
        Some(Value::Int(n)) => Ok(*n),
        Some(Value::Bool(b)) => Ok(i64::from(*b)),
        Some(other) => Err(i.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
        None => Err(i.type_error(format!("{what}() missing required argument"))),
    }
}

fn randrange(i: &Interpreter, g: &Gen, a: &Args) -> PyResult<Value> {
    let (start, stop, step) = match a.pos.len() {
        1 => (0, int_arg(i, a.pos.first(), "randrange")?, 1),
        2 => (
            int_arg(i, a.pos.first(), "randrange")?,
            int_arg(i, a.pos.get(1), "randrange")?,
            1,
        ),
        _ => (
            int_arg(i, a.pos.first(), "randrange")?,
            int_arg(i, a.pos.get(1), "randrange")?,
            int_arg(i, a.pos.get(2), "randrange")?,
        ),
    };
    if step == 1 {
        if stop <= start {
            return Err(i.value_error(format!("empty range in randrange({start}, {stop})")));
        }
        return Ok(Value::Int(
            start + g.borrow_mut().below((stop - start) as u64) as i64,
        ));
    }
    if step == 0 {
        return Err(i.value_error("zero step for randrange()"));
    }
    let n = if step > 0 {
        (stop - start + step - 1) / step
    } else {
        (stop - start + step + 1) / step
    };
    if n <= 0 {
        return Err(i.value_error("empty range for randrange()"));
    }
    Ok(Value::Int(
        start + step * g.borrow_mut().below(n as u64) as i64,
    ))
}

/// Register `random`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("random", |i| {
        let m = Module::new("random");
        let now = (crate::datetime::now_seconds(i)? * 1e6) as i64;
        let g: Gen = Rc::new(RefCell::new(Mt::from_key(&seed_key(now))));
        let def = |name: &str, f: GenFn| {
            let g = g.clone();
            m.set(name, NativeFunction::value(name, move |i, a| f(i, &g, a)));
        };
        def(
            "seed",
            Rc::new(|i, g, a| {
                let n = match a.pos.first() {
                    None | Some(Value::None) => (crate::datetime::now_seconds(i)? * 1e6) as i64,
                    Some(Value::Int(n)) => *n,
                    Some(other) => {
                        return Err(i.exc(
                            "NotImplementedError",
                            format!(
                                "random.seed({}) is not supported by Retort; use an int",
                                other.type_name()
                            ),
                        ));
                    }
                };
                *g.borrow_mut() = Mt::from_key(&seed_key(n));
                Ok(Value::None)
            }),
        );
        def(
            "random",
            Rc::new(|_, g, _| Ok(Value::Float(g.borrow_mut().random()))),
        );
        def(
            "getrandbits",
            Rc::new(|i, g, a| {
                let k = int_arg(i, a.pos.first(), "getrandbits")?;
                if !(0..=62).contains(&k) {
                    return Err(i.exc(
                        "NotImplementedError",
                        "getrandbits() beyond 62 bits is not supported by Retort",
                    ));
                }
                Ok(Value::Int(g.borrow_mut().getrandbits(k as u32) as i64))
            }),
        );
        def("randrange", Rc::new(|i, g, a| randrange(i, g, &a)));
        def(
            "randint",
            Rc::new(|i, g, a| {
                let lo = int_arg(i, a.pos.first(), "randint")?;
                let hi = int_arg(i, a.pos.get(1), "randint")?;
                randrange(
                    i,
                    g,
                    &Args::positional(vec![Value::Int(lo), Value::Int(hi + 1)]),
                )
            }),
        );
        def(
            "uniform",
            Rc::new(|i, g, a| {
                let lo = crate::ops::as_f64(a.pos.first().unwrap_or(&Value::None))
                    .ok_or_else(|| i.type_error("must be real number"))?;
                let hi = crate::ops::as_f64(a.pos.get(1).unwrap_or(&Value::None))
                    .ok_or_else(|| i.type_error("must be real number"))?;
                Ok(Value::Float(lo + (hi - lo) * g.borrow_mut().random()))
            }),
        );
        def(
            "choice",
            Rc::new(|i, g, a| {
                let seq = i.iterate(a.pos.first().unwrap_or(&Value::None))?;
                if seq.is_empty() {
                    return Err(i.exc("IndexError", "Cannot choose from an empty sequence"));
                }
                let k = g.borrow_mut().below(seq.len() as u64) as usize;
                Ok(seq[k].clone())
            }),
        );
        def(
            "shuffle",
            Rc::new(|i, g, a| {
                let Some(Value::List(l)) = a.pos.first() else {
                    return Err(i.type_error("shuffle() argument must be a list"));
                };
                let mut items = l.borrow().clone();
                for k in (1..items.len()).rev() {
                    let j = g.borrow_mut().below(k as u64 + 1) as usize;
                    items.swap(k, j);
                }
                *l.borrow_mut() = items;
                Ok(Value::None)
            }),
        );
        def(
            "sample",
            Rc::new(|i, g, mut a| {
                let k = a.take_kw("k").or_else(|| a.pos.get(1).cloned());
                let pop = i.iterate(a.pos.first().unwrap_or(&Value::None))?;
                let k = int_arg(i, k.as_ref(), "sample")?;
                let n = pop.len();
                if k < 0 || k as usize > n {
                    return Err(i.value_error("Sample larger than population or is negative"));
                }
                let k = k as usize;
                let mut setsize = 21usize;
                if k > 5 {
                    let mut p = 1usize;
                    while p < k * 3 {
                        p *= 4;
                    }
                    setsize += p;
                }
                let mut out = Vec::with_capacity(k);
                if n <= setsize {
                    let mut pool = pop.clone();
                    for idx in 0..k {
                        let j = g.borrow_mut().below((n - idx) as u64) as usize;
                        out.push(pool[j].clone());
                        pool[j] = pool[n - idx - 1].clone();
                    }
                } else {
                    let mut selected = std::collections::HashSet::new();
                    for _ in 0..k {
                        let mut j = g.borrow_mut().below(n as u64) as usize;
                        while selected.contains(&j) {
                            j = g.borrow_mut().below(n as u64) as usize;
                        }
                        selected.insert(j);
                        out.push(pop[j].clone());
                    }
                }
                Ok(Value::list(out))
            }),
        );
        def(
            "choices",
            Rc::new(|i, g, mut a| {
                let weights = a.take_kw("weights").filter(|v| !matches!(v, Value::None));
                let k = match a.take_kw("k") {
                    Some(v) => int_arg(i, Some(&v), "choices")?,
                    None => 1,
                };
                let pop = i.iterate(a.pos.first().unwrap_or(&Value::None))?;
                let n = pop.len();
                if n == 0 && k > 0 {
                    return Err(i.exc("IndexError", "list index out of range"));
                }
                let mut out = Vec::new();
                match weights {
                    None => {
                        for _ in 0..k.max(0) {
                            let r = g.borrow_mut().random();
                            out.push(
                                pop[((r * n as f64) as usize).min(n.saturating_sub(1))].clone(),
                            );
                        }
                    }
                    Some(w) => {
                        let mut cum = Vec::new();
                        let mut total = 0.0;
                        for x in i.iterate(&w)? {
                            total += crate::ops::as_f64(&x).unwrap_or(0.0);
                            cum.push(total);
                        }
                        for _ in 0..k.max(0) {
                            let r = g.borrow_mut().random() * total;
                            let idx = cum.partition_point(|c| *c <= r).min(n.saturating_sub(1));
                            out.push(pop[idx].clone());
                        }
                    }
                }
                Ok(Value::list(out))
            }),
        );
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn seeded_draws_match_cpython() {
        let (out, r) = crate::interp::run_for_test(
            "import random\nrandom.seed(42)\nprint(random.random(), random.randint(1, 100), random.choice('abc'))\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "0.6394267984578837 4 c\n");
    }
}
