//! `heapq` (a binary min-heap over a list: `heappush`, `heappop`, `heapify`,
//! `heappushpop`, `heapreplace`, `nsmallest`, `nlargest`) and `bisect` (`bisect_left`,
//! `bisect_right`, `insort_left`, `insort_right`, with `lo`, `hi` and `key`). Comparisons
//! are Python's `<`, so tuples and objects with `__lt__` order as in CPython.

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::CmpOp;
use std::cell::RefCell;
use std::rc::Rc;

/// A Python list's storage.
type List = Rc<RefCell<Vec<Value>>>;

fn lt(i: &mut Interpreter, a: &Value, b: &Value) -> PyResult<bool> {
    let r = i.compare(CmpOp::Lt, a, b)?;
    i.truthy(&r)
}

fn heap_arg(i: &Interpreter, a: &Args, what: &str) -> PyResult<List> {
    match a.pos.first() {
        Some(Value::List(l)) => Ok(l.clone()),
        Some(other) => Err(i.type_error(format!(
            "{what}() argument 1 must be list, not {}",
            other.type_name()
        ))),
        None => Err(i.type_error(format!("{what} expected at least 1 argument, got 0"))),
    }
}

/// CPython's `_siftdown`: move the item at `pos` up towards `start` while it is smaller
/// than its parent.
fn sift_down(i: &mut Interpreter, h: &mut [Value], start: usize, mut pos: usize) -> PyResult<()> {
    let item = h[pos].clone();
    while pos > start {
        i.tick()?;
        let parent = (pos - 1) / 2;
        if lt(i, &item, &h[parent])? {
            h[pos] = h[parent].clone();
            pos = parent;
        } else {
            break;
        }
    }
    h[pos] = item;
    Ok(())
}

/// CPython's `_siftup`: move the smaller child up to the leaves, then place the item with
/// `_siftdown` (so heaps print as CPython's do).
fn sift_up(i: &mut Interpreter, h: &mut [Value], mut pos: usize) -> PyResult<()> {
    let (end, start) = (h.len(), pos);
    let item = h[pos].clone();
    let mut child = 2 * pos + 1;
    while child < end {
        i.tick()?;
        let right = child + 1;
        if right < end && !lt(i, &h[child], &h[right])? {
            child = right;
        }
        h[pos] = h[child].clone();
        pos = child;
        child = 2 * pos + 1;
    }
    h[pos] = item;
    sift_down(i, h, start, pos)
}

/// Run `f` on a copy of the heap list and store it back (user `__lt__` may run meanwhile).
fn with_heap<T>(
    i: &mut Interpreter,
    list: &List,
    f: impl FnOnce(&mut Interpreter, &mut Vec<Value>) -> PyResult<T>,
) -> PyResult<T> {
    let mut h = list.borrow().clone();
    let r = f(i, &mut h);
    *list.borrow_mut() = h;
    r
}

fn pop_min(i: &mut Interpreter, h: &mut Vec<Value>) -> PyResult<Option<Value>> {
    let Some(last) = h.pop() else {
        return Ok(None);
    };
    if h.is_empty() {
        return Ok(Some(last));
    }
    let top = std::mem::replace(&mut h[0], last);
    sift_up(i, h, 0)?;
    Ok(Some(top))
}

/// `nsmallest` / `nlargest`: a stable sort by key, then the first `n`.
fn n_extreme(i: &mut Interpreter, mut a: Args, largest: bool) -> PyResult<Value> {
    let key = a.take_kw("key").filter(|k| !matches!(k, Value::None));
    let n = match a.pos.first() {
        Some(Value::Int(n)) => (*n).max(0) as usize,
        _ => return Err(i.type_error("'n' must be an integer")),
    };
    let mut items = i.iterate(&a.pos.get(1).cloned().unwrap_or(Value::None))?;
    crate::iteration::sort_values(i, &mut items, key, largest)?;
    items.truncate(n);
    Ok(Value::list(items))
}

/// Where `x` goes in the sorted list `a.pos[0]` (`right`: after equal items).
/// The key applies to `x` only when inserting (`bisect_*` take `x` already as a key).
fn bisect(
    i: &mut Interpreter,
    a: &mut Args,
    right: bool,
    key_x: bool,
) -> PyResult<(List, usize, Value)> {
    let key = a.take_kw("key").filter(|k| !matches!(k, Value::None));
    let lo = a.take_kw("lo").or_else(|| a.pos.get(2).cloned());
    let hi = a.take_kw("hi").or_else(|| a.pos.get(3).cloned());
    let list = heap_arg(i, a, "bisect")?;
    let x = a.pos.get(1).cloned().unwrap_or(Value::None);
    let len = list.borrow().len();
    let mut lo = match lo {
        Some(Value::Int(n)) if n >= 0 => n as usize,
        Some(Value::Int(_)) => return Err(i.value_error("lo must be non-negative")),
        _ => 0,
    };
    let mut hi = match hi {
        Some(Value::Int(n)) if n >= 0 => (n as usize).min(len),
        _ => len,
    };
    let probe = match &key {
        Some(k) if key_x => i.call(k, Args::positional(vec![x.clone()]))?,
        _ => x.clone(),
    };
    while lo < hi {
        i.tick()?;
        let mid = (lo + hi) / 2;
        let item = list.borrow().get(mid).cloned().unwrap_or(Value::None);
        let item = match &key {
            Some(k) => i.call(k, Args::positional(vec![item]))?,
            None => item,
        };
        let go_right = if right {
            !lt(i, &probe, &item)?
        } else {
            lt(i, &item, &probe)?
        };
        if go_right {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok((list, lo, x))
}

/// Register `heapq` and `bisect`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("heapq", |_| {
        let m = Module::new("heapq");
        let set = |name: &str, f: fn(&mut Interpreter, Args) -> PyResult<Value>| {
            m.set(name, NativeFunction::value(name, f));
        };
        set("heappush", |i, a| {
            let list = heap_arg(i, &a, "heappush")?;
            let x = a.pos.get(1).cloned().unwrap_or(Value::None);
            with_heap(i, &list, |i, h| {
                h.push(x);
                let at = h.len() - 1;
                sift_down(i, h, 0, at)
            })?;
            Ok(Value::None)
        });
        set("heappop", |i, a| {
            let list = heap_arg(i, &a, "heappop")?;
            with_heap(i, &list, pop_min)?.ok_or_else(|| i.exc("IndexError", "index out of range"))
        });
        set("heapify", |i, a| {
            let list = heap_arg(i, &a, "heapify")?;
            with_heap(i, &list, |i, h| {
                for pos in (0..h.len() / 2).rev() {
                    sift_up(i, h, pos)?;
                }
                Ok(())
            })?;
            Ok(Value::None)
        });
        set("heappushpop", |i, a| {
            let list = heap_arg(i, &a, "heappushpop")?;
            let x = a.pos.get(1).cloned().unwrap_or(Value::None);
            with_heap(i, &list, |i, h| {
                if h.is_empty() || !lt(i, &h[0], &x)? {
                    return Ok(x);
                }
                let top = std::mem::replace(&mut h[0], x);
                sift_up(i, h, 0)?;
                Ok(top)
            })
        });
        set("heapreplace", |i, a| {
            let list = heap_arg(i, &a, "heapreplace")?;
            let x = a.pos.get(1).cloned().unwrap_or(Value::None);
            let top = with_heap(i, &list, |i, h| {
                if h.is_empty() {
                    return Ok(None);
                }
                let top = std::mem::replace(&mut h[0], x);
                sift_up(i, h, 0)?;
                Ok(Some(top))
            })?;
            top.ok_or_else(|| i.exc("IndexError", "index out of range"))
        });
        set("nsmallest", |i, a| n_extreme(i, a, false));
        set("nlargest", |i, a| n_extreme(i, a, true));
        Ok(Rc::new(m))
    });
    r.register("bisect", |_| {
        let m = Module::new("bisect");
        for (name, right, insert) in [
            ("bisect_left", false, false),
            ("bisect_right", true, false),
            ("bisect", true, false),
            ("insort_left", false, true),
            ("insort_right", true, true),
            ("insort", true, true),
        ] {
            m.set(
                name,
                NativeFunction::value(name, move |i, mut a| {
                    let (list, at, x) = bisect(i, &mut a, right, insert)?;
                    if insert {
                        let mut l = list.borrow_mut();
                        let at = at.min(l.len());
                        l.insert(at, x);
                        return Ok(Value::None);
                    }
                    Ok(Value::Int(at as i64))
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
    fn heaps_and_bisection() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "import heapq, bisect\n",
            "h = [5, 1, 8, 3, 9, 2]\nheapq.heapify(h)\nheapq.heappush(h, 0)\n",
            "print(h, [heapq.heappop(h) for _ in range(3)], heapq.nsmallest(2, [4, 1, 3]), heapq.nlargest(2, [('a', 2), ('b', 5)], key=lambda t: t[1]))\n",
            "b = [1, 3, 3, 7]\nbisect.insort(b, 4)\n",
            "print(b, bisect.bisect_left(b, 3), bisect.bisect_right(b, 3), bisect.bisect(b, 100), bisect.bisect_left([(1, 'a'), (5, 'b')], 4, key=lambda t: t[0]))\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "[3, 5, 8, 9] [0, 1, 2] [1, 3] [('b', 5), ('a', 2)]\n[1, 3, 3, 4, 7] 1 3 5 1\n"
        );
    }
}
