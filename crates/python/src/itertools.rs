//! The `itertools` module: the finite functions tutorials use (`chain`, `islice`,
//! `product`, `groupby`, `combinations`, `permutations`, `zip_longest`, `accumulate`,
//! `repeat` with a count, `starmap`). Iterators are produced eagerly.

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

fn combos(n: usize, k: usize, out: &mut Vec<Vec<usize>>, cur: &mut Vec<usize>, start: usize) {
    if cur.len() == k {
        out.push(cur.clone());
        return;
    }
    for i in start..n {
        cur.push(i);
        combos(n, k, out, cur, i + 1);
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

/// Register `itertools`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("itertools", |_| {
        let m = Module::new("itertools");
        let add = |name: &str, f: fn(&mut Interpreter, Args) -> PyResult<Value>| {
            m.set(name, NativeFunction::value(name, f))
        };
        add("chain", chain);
        add("islice", |i, a| {
            let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
            let (start, stop, step) = match a.pos.len() {
                2 => (0, a.pos.get(1), 1),
                _ => (
                    int_arg(a.pos.get(1)).unwrap_or(0),
                    a.pos.get(2),
                    int_arg(a.pos.get(3)).unwrap_or(1),
                ),
            };
            let stop = match stop {
                Some(Value::Int(n)) => *n as usize,
                _ => items.len(),
            };
            Ok(Value::iter_of(
                items
                    .into_iter()
                    .take(stop)
                    .skip(start as usize)
                    .step_by(step.max(1) as usize)
                    .collect(),
            ))
        });
        add("product", |i, mut a| {
            let repeat = int_arg(a.take_kw("repeat").as_ref()).unwrap_or(1).max(0) as usize;
            let mut pools = Vec::new();
            for v in &a.pos {
                pools.push(i.iterate(v)?);
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
        add("combinations", |i, a| {
            let items = i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))?;
            let k = int_arg(a.pos.get(1)).unwrap_or(0).max(0) as usize;
            let mut idx = Vec::new();
            combos(items.len(), k, &mut idx, &mut Vec::new(), 0);
            Ok(Value::iter_of(
                idx.into_iter()
                    .map(|c| Value::tuple(c.into_iter().map(|j| items[j].clone()).collect()))
                    .collect(),
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
            match int_arg(a.pos.get(1)) {
                Some(n) => Ok(Value::iter_of(vec![x; n.max(0) as usize])),
                None => Err(i.exc(
                    "NotImplementedError",
                    "itertools.repeat without a count is not supported by Retort",
                )),
            }
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
        Ok(Rc::new(m))
    });
    let _ = Rc::new(());
}
