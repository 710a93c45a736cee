//! The `itertools` module: the finite functions tutorials use (`chain`, `islice`,
//! `product`, `groupby`, `combinations`, `permutations`, `zip_longest`, `accumulate`,
//! `repeat`, `starmap`, and the lazy `count`, `cycle`, `islice`). Finite ones are produced
//! eagerly.

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

fn int_arg(v: Option<&Value>) -> Option<i64> {
    match v {
        Some(Value::Int(n)) => Some(*n),
        _ => None,
    }
}

/// The index tuples of `combinations(range(n), k)` (`with_replacement`: an index may
/// repeat, as in `combinations_with_replacement`).
fn combos(
    n: usize,
    k: usize,
    out: &mut Vec<Vec<usize>>,
    cur: &mut Vec<usize>,
    start: usize,
    with_replacement: bool,
) {
    if cur.len() == k {
        out.push(cur.clone());
        return;
    }
    for i in start..n {
        cur.push(i);
        combos(
            n,
            k,
            out,
            cur,
            i + usize::from(!with_replacement),
            with_replacement,
        );
        cur.pop();
    }
}

fn perms(n: usize, k: usize, out: &mut Vec<Vec<usize>>, cur: &mut Vec<usize>) {
    if cur.len() == k {
        out.push(cur.clone());
        return;
    }
    for i in 0..n {
        if !cur.contains(&i) {
            cur.push(i);
            perms(n, k, out, cur);
            cur.pop();
        }
    }
}

fn chain(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let mut out = Vec::new();
    for v in &a.pos {
        out.extend(i.iterate(v)?);
    }
    Ok(Value::iter_of(out))
}

/// `itertools.chain`: callable, with the `chain.from_iterable` constructor.
struct ChainType;

impl crate::modules::NativeObject for ChainType {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<class 'itertools.chain'>".into())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok((name == "from_iterable").then(|| {
            NativeFunction::value("from_iterable", |i, a| {
                let [src] = crate::builtins::exact::<1>(i, &a, "from_iterable")?;
                let mut out = Vec::new();
                for v in i.iterate(&src)? {
                    out.extend(i.iterate(&v)?);
                }
                Ok(Value::iter_of(out))
            })
        }))
    }
    fn call(&self, i: &mut Interpreter, _: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(chain(i, args))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Register `itertools`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("itertools", |_| {
        let m = Module::new("itertools");
        let add = |name: &str, f: fn(&mut Interpreter, Args) -> PyResult<Value>| {
            m.set(name, NativeFunction::value(name, f))
        };
        m.set("chain", Value::Object(Rc::new(ChainType)));
        add("islice", |i, a| {
            let src = i.make_iter(&a.pos.first().cloned().unwrap_or(Value::None))?;
            let bound = |v: Option<&Value>, default: Option<i64>| match v {
                None | Some(Value::None) => Ok(default),
                Some(Value::Int(n)) if *n >= 0 => Ok(Some(*n)),
                _ => Err(i.value_error(
                    "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.",
                )),
            };
            let (start, stop, step) = match a.pos.len() {
                2 => (0, bound(a.pos.get(1), None)?, 1),
                _ => (
                    bound(a.pos.get(1), Some(0))?.unwrap_or(0),
                    bound(a.pos.get(2), None)?,
                    bound(a.pos.get(3), Some(1))?.unwrap_or(1),
                ),
            };
            if step == 0 {
                return Err(i.value_error("Step for islice() must be a positive integer or None."));
            }
            let (mut pos, mut next_wanted) = (0i64, start);
            Ok(Value::lazy_iter("islice", move |i| {
                loop {
                    if stop.is_some_and(|s| next_wanted >= s) {
                        return Ok(None);
                    }
                    i.tick()?;
                    let Some(v) = i.iter_step(&src)? else {
                        return Ok(None);
                    };
                    pos += 1;
                    if pos - 1 == next_wanted {
                        next_wanted = next_wanted.saturating_add(step);
                        return Ok(Some(v));
                    }
                }
            }))
        });
        add("count", |i, a| {
            let mut cur = a.pos.first().cloned().unwrap_or(Value::Int(0));
            let step = a.pos.get(1).cloned().unwrap_or(Value::Int(1));
            let _ = i;
            Ok(Value::lazy_iter("count", move |i| {
                let v = cur.clone();
                cur = i.binary_op(ruff_python_ast::Operator::Add, cur.clone(), step.clone())?;
                Ok(Some(v))
            }))
        });
        add("cycle", |i, a| {
            let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
            let mut pos = 0usize;
            Ok(Value::lazy_iter("cycle", move |_| {
                let v = items.get(pos % items.len().max(1)).cloned();
                pos = pos.wrapping_add(1);
                Ok(v)
            }))
        });
        add("product", |i, mut a| {
            let repeat = int_arg(a.take_kw("repeat").as_ref()).unwrap_or(1).max(0) as usize;
            let mut pools = Vec::new();
            for v in &a.pos {
                pools.push(i.iterate(v)?);
            }
            let total = pools
                .iter()
                .try_fold(1usize, |acc, p| acc.checked_mul(p.len()));
            if total
                .and_then(|t| t.checked_pow(repeat as u32))
                .is_none_or(|t| t > 10_000_000)
            {
                return Err(i.exc(
                    "MemoryError",
                    "itertools.product result too large for Retort",
                ));
            }
            let pools: Vec<Vec<Value>> = (0..repeat).flat_map(|_| pools.clone()).collect();
            let mut out: Vec<Vec<Value>> = vec![vec![]];
            for pool in pools {
                out = out
                    .into_iter()
                    .flat_map(|prefix| {
                        pool.iter()
                            .map(move |x| [prefix.clone(), vec![x.clone()]].concat())
                    })
                    .collect();
            }
            Ok(Value::iter_of(out.into_iter().map(Value::tuple).collect()))
        });
        for (name, repeat) in [
            ("combinations", false),
            ("combinations_with_replacement", true),
        ] {
            let f = move |i: &mut Interpreter, a: Args| {
                let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
                let k = int_arg(a.pos.get(1)).unwrap_or(0).max(0) as usize;
                let mut idx = Vec::new();
                combos(items.len(), k, &mut idx, &mut Vec::new(), 0, repeat);
                Ok(Value::iter_of(
                    idx.into_iter()
                        .map(|c| Value::tuple(c.into_iter().map(|j| items[j].clone()).collect()))
                        .collect(),
                ))
            };
            m.set(name, NativeFunction::value(name, f));
        }
        add("tee", |i, a| {
            let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
            let n = int_arg(a.pos.get(1)).unwrap_or(2).max(0) as usize;
            Ok(Value::tuple(
                (0..n).map(|_| Value::iter_of(items.clone())).collect(),
            ))
        });
        add("permutations", |i, a| {
            let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
            let k = int_arg(a.pos.get(1))
                .map(|k| k.max(0) as usize)
                .unwrap_or(items.len());
            let mut idx = Vec::new();
            perms(items.len(), k, &mut idx, &mut Vec::new());
            Ok(Value::iter_of(
                idx.into_iter()
                    .map(|c| Value::tuple(c.into_iter().map(|j| items[j].clone()).collect()))
                    .collect(),
            ))
        });
        add("zip_longest", |i, mut a| {
            let fill = a.take_kw("fillvalue").unwrap_or(Value::None);
            let mut lists = Vec::new();
            for v in &a.pos {
                lists.push(i.iterate(v)?);
            }
            let n = lists.iter().map(Vec::len).max().unwrap_or(0);
            Ok(Value::iter_of(
                (0..n)
                    .map(|k| {
                        Value::tuple(
                            lists
                                .iter()
                                .map(|l| l.get(k).cloned().unwrap_or_else(|| fill.clone()))
                                .collect(),
                        )
                    })
                    .collect(),
            ))
        });
        add("accumulate", |i, a| {
            let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
            let f = a.pos.get(1).cloned();
            let mut out: Vec<Value> = Vec::new();
            for x in items {
                let next = match (out.last().cloned(), &f) {
                    (None, _) => x,
                    (Some(acc), Some(f)) => i.call(f, Args::positional(vec![acc, x]))?,
                    (Some(acc), None) => i.binary_op(ruff_python_ast::Operator::Add, acc, x)?,
                };
                out.push(next);
            }
            Ok(Value::iter_of(out))
        });
        add("repeat", |i, a| {
            let x = a.pos.first().cloned().unwrap_or(Value::None);
            let mut left = int_arg(a.pos.get(1));
            let _ = i;
            Ok(Value::lazy_iter("repeat", move |_| match &mut left {
                Some(0) => Ok(None),
                Some(n) => {
                    *n -= 1;
                    Ok(Some(x.clone()))
                }
                None => Ok(Some(x.clone())),
            }))
        });
        add("starmap", |i, a| {
            let f = a.pos.first().cloned().unwrap_or(Value::None);
            let mut out = Vec::new();
            for args in i.iterate(&a.pos.get(1).cloned().unwrap_or(Value::None))? {
                let args = i.iterate(&args)?;
                out.push(i.call(&f, Args::positional(args))?);
            }
            Ok(Value::iter_of(out))
        });
        add("groupby", |i, mut a| {
            let key = a.take_kw("key").or_else(|| a.pos.get(1).cloned());
            let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
            let mut groups: Vec<(Value, Vec<Value>)> = Vec::new();
            for x in items {
                let k = match &key {
                    Some(f) if !matches!(f, Value::None) => {
                        i.call(f, Args::positional(vec![x.clone()]))?
                    }
                    _ => x.clone(),
                };
                let same = match groups.last() {
                    Some((gk, _)) => i.eq(gk, &k)?,
                    None => false,
                };
                match (same, groups.last_mut()) {
                    (true, Some((_, g))) => g.push(x),
                    _ => groups.push((k, vec![x])),
                }
            }
            Ok(Value::iter_of(
                groups
                    .into_iter()
                    .map(|(k, g)| Value::tuple(vec![k, Value::iter_of(g)]))
                    .collect(),
            ))
        });
        add("takewhile", |i, a| {
            let (pred, src) = pred_and_iter(i, &a)?;
            let mut done = false;
            Ok(Value::lazy_iter("takewhile", move |i| {
                if done {
                    return Ok(None);
                }
                match i.iter_step(&src)? {
                    Some(v)
                        if i.call(&pred, Args::positional(vec![v.clone()]))
                            .and_then(|t| i.truthy(&t))? =>
                    {
                        Ok(Some(v))
                    }
                    _ => {
                        done = true;
                        Ok(None)
                    }
                }
            }))
        });
        add("dropwhile", |i, a| {
            let (pred, src) = pred_and_iter(i, &a)?;
            let mut dropping = true;
            Ok(Value::lazy_iter("dropwhile", move |i| {
                loop {
                    i.tick()?;
                    let Some(v) = i.iter_step(&src)? else {
                        return Ok(None);
                    };
                    if dropping {
                        let t = i.call(&pred, Args::positional(vec![v.clone()]))?;
                        if i.truthy(&t)? {
                            continue;
                        }
                        dropping = false;
                    }
                    return Ok(Some(v));
                }
            }))
        });
        add("filterfalse", |i, a| {
            let (pred, src) = pred_and_iter(i, &a)?;
            Ok(Value::lazy_iter("filterfalse", move |i| {
                loop {
                    i.tick()?;
                    let Some(v) = i.iter_step(&src)? else {
                        return Ok(None);
                    };
                    let t = match &pred {
                        Value::None => v.clone(),
                        f => i.call(f, Args::positional(vec![v.clone()]))?,
                    };
                    if !i.truthy(&t)? {
                        return Ok(Some(v));
                    }
                }
            }))
        });
        add("compress", |i, a| {
            let data = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
            let sel = i.iterate(&a.pos.get(1).cloned().unwrap_or(Value::None))?;
            let mut out = Vec::new();
            for (d, s) in data.into_iter().zip(sel) {
                if i.truthy(&s)? {
                    out.push(d);
                }
            }
            Ok(Value::iter_of(out))
        });
        add("pairwise", |i, a| {
            let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
            Ok(Value::iter_of(
                items.windows(2).map(|w| Value::tuple(w.to_vec())).collect(),
            ))
        });
        Ok(Rc::new(m))
    });
    let _ = Rc::new(());
}

/// The `(predicate, iterable)` arguments of `takewhile`, `dropwhile`, `filterfalse`.
fn pred_and_iter(i: &mut Interpreter, a: &Args) -> PyResult<(Value, Value)> {
    let pred = a.pos.first().cloned().unwrap_or(Value::None);
    let src = i.make_iter(&a.pos.get(1).cloned().unwrap_or(Value::None))?;
    Ok((pred, src))
}

#[cfg(test)]
mod lazy_tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn takewhile_dropwhile_and_islice_over_generators() {
        let (out, r) = crate::interp::run_for_test(
            "from itertools import takewhile, dropwhile, count, islice, compress, pairwise\ndef nat():\n    n = 0\n    while True:\n        yield n\n        n += 1\nprint(list(takewhile(lambda n: n < 3, count())), list(dropwhile(lambda n: n < 3, range(5))), list(islice(nat(), 2, 5)), list(compress('abc', [1, 0, 1])), list(pairwise('abc')))\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "[0, 1, 2] [3, 4] [2, 3, 4] ['a', 'c'] [('a', 'b'), ('b', 'c')]\n"
        );
    }
}
