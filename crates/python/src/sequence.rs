//! Iteration, indexing and slicing over lists, tuples, strings, dicts, sets, ranges,
//! iterators, user classes with `__iter__`/`__getitem__`, and native objects.

use crate::exceptions::Exc;
use crate::function::Args;
use crate::value::{PyIter, Value};
use crate::{Interpreter, PyResult};
use std::rc::Rc;

/// Resolve slice bounds as CPython's `PySlice_AdjustIndices` does; returns the indices selected.
pub fn slice_indices(len: i64, start: Option<i64>, stop: Option<i64>, step: i64) -> Vec<usize> {
    let adjust =
        |v: i64, lo: i64, hi: i64| -> i64 { if v < 0 { (v + len).max(lo) } else { v.min(hi) } };
    let mut out = Vec::new();
    if step > 0 {
        let start = start.map(|v| adjust(v, 0, len)).unwrap_or(0);
        let stop = stop.map(|v| adjust(v, 0, len)).unwrap_or(len);
        let mut i = start;
        while i < stop {
            out.push(i as usize);
            let Some(next) = i.checked_add(step) else {
                break;
            };
            i = next;
        }
    } else {
        let start = start.map(|v| adjust(v, -1, len - 1)).unwrap_or(len - 1);
        let stop = stop.map(|v| adjust(v, -1, len - 1)).unwrap_or(-1);
        let mut i = start;
        while i > stop {
            out.push(i as usize);
            let Some(next) = i.checked_add(step) else {
                break;
            };
            i = next;
        }
    }
    out
}

impl Interpreter {
    /// `slice.indices(len)`: the slice's start, stop and step adjusted to a sequence of
    /// length `len`, as CPython computes them.
    pub(crate) fn slice_bounds(&self, s: &[Value; 3], len: i64) -> PyResult<(i64, i64, i64)> {
        let get = |v: &Value| -> PyResult<Option<i64>> {
            match v {
                Value::None => Ok(None),
                Value::Int(n) => Ok(Some(*n)),
                Value::Bool(b) => Ok(Some(i64::from(*b))),
                _ => Err(self.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            }
        };
        let step = get(&s[2])?.unwrap_or(1);
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let (lo, hi) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let adjust = |v: Option<i64>, default: i64| match v {
            None => default,
            Some(v) if v < 0 => (v + len).max(lo),
            Some(v) => v.min(hi),
        };
        let start = adjust(get(&s[0])?, if step < 0 { hi } else { lo });
        let stop = adjust(get(&s[1])?, if step < 0 { lo } else { hi });
        Ok((start, stop, step))
    }

    /// Everything `iter(v)` would produce, in order (iterators are consumed).
    pub fn iterate(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        Ok(match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => (**t).clone(),
            Value::Str(s) => s
                .chars()
                .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                .collect(),
            Value::Dict(d) => d.borrow().values().map(|(k, _)| k.clone()).collect(),
            Value::Set(s) => crate::setorder::ordered(&s.borrow()),
            Value::Range(..) => {
                let n = self.range_len(v);
                if n > 10_000_000 {
                    return Err(self.exc("MemoryError", "range too large for Retort"));
                }
                let Value::Range(start, _, step) = v else {
                    return Ok(vec![]);
                };
                (0..n).map(|i| Value::Int(start + i * step)).collect()
            }
            Value::Iter(it) => {
                let mut out = Vec::new();
                while let Some(x) = self.next_item(it)? {
                    out.push(x);
                }
                out
            }
            Value::Instance(i) if i.class.lookup("__iter__").is_some() => {
                let m = i.class.lookup("__iter__").unwrap_or(Value::None);
                let it = self.call(&m, Args::positional(vec![v.clone()]))?;
                if let Value::Instance(j) = &it
                    && let Some(next) = j.class.lookup("__next__")
                {
                    let mut out = Vec::new();
                    loop {
                        self.tick()?;
                        match self.call(&next, Args::positional(vec![it.clone()])) {
                            Ok(x) => out.push(x),
                            Err(Exc::Raise(e)) if self.is_instance_named(&e, "StopIteration") => {
                                break;
                            }
                            Err(e) => return Err(e),
                        }
                    }
                    return Ok(out);
                }
                return self.iterate(&it);
            }
            Value::Instance(i) if i.class.lookup("__getitem__").is_some() => {
                let m = i.class.lookup("__getitem__").unwrap_or(Value::None);
                let mut out = Vec::new();
                for n in 0.. {
                    self.tick()?;
                    match self.call(&m, Args::positional(vec![v.clone(), Value::Int(n)])) {
                        Ok(x) => out.push(x),
                        Err(Exc::Raise(e)) if self.is_instance_named(&e, "IndexError") => break,
                        Err(e) => return Err(e),
                    }
                }
                out
            }
            Value::Class(c) if crate::enums::members(c).is_some() => {
                crate::enums::members(c).unwrap_or_default()
            }
            Value::Object(o) => match o.clone().iterate(self) {
                Some(r) => r?,
                None => return Err(self.not_iterable(v)),
            },
            _ => return Err(self.not_iterable(v)),
        })
    }

    fn not_iterable(&self, v: &Value) -> Exc {
        self.type_error(format!("'{}' object is not iterable", v.type_name()))
    }

    /// Whether `v` is an instance of the builtin exception class `name` (or a subclass).
    pub(crate) fn is_instance_named(&self, v: &Value, name: &str) -> bool {
        match (v, self.exception_class(name)) {
            (Value::Instance(i), Some(c)) => i.class.is_subclass_of(&c),
            _ => false,
        }
    }

    /// Advance an iterator.
    pub(crate) fn next_item(
        &mut self,
        it: &Rc<std::cell::RefCell<PyIter>>,
    ) -> PyResult<Option<Value>> {
        let Ok(mut state) = it.try_borrow_mut() else {
            return Err(self.value_error("generator already executing"));
        };
        Ok(match &mut *state {
            PyIter::Lazy(_, next) => return next(self),
            PyIter::Gen(g) => {
                return self.gen_resume(g, crate::generator::Resume::Send(Value::None));
            }
            PyIter::Seq(items, pos) | PyIter::Generator(items, pos) => {
                let v = items.get(*pos).cloned();
                *pos += 1;
                v
            }
            PyIter::List(list, pos) => {
                let v = list.borrow().get(*pos).cloned();
                *pos += 1;
                v
            }
            PyIter::Range(cur, stop, step) => {
                if (*step > 0 && *cur < *stop) || (*step < 0 && *cur > *stop) {
                    let v = *cur;
                    *cur += *step;
                    Some(Value::Int(v))
                } else {
                    None
                }
            }
        })
    }

    /// `iter(v)` as an iterator value.
    pub fn make_iter(&mut self, v: &Value) -> PyResult<Value> {
        Ok(match v {
            Value::Iter(_) => v.clone(),
            Value::List(l) => {
                Value::Iter(Rc::new(std::cell::RefCell::new(PyIter::List(l.clone(), 0))))
            }
            Value::Range(a, b, c) => {
                Value::Iter(Rc::new(std::cell::RefCell::new(PyIter::Range(*a, *b, *c))))
            }
            Value::Instance(i) if i.class.lookup("__next__").is_some() => v.clone(),
            Value::Instance(i) if i.class.lookup("__iter__").is_some() => {
                let m = i.class.lookup("__iter__").unwrap_or(Value::None);
                let it = self.call(&m, Args::positional(vec![v.clone()]))?;
                match &it {
                    Value::Iter(_) => it,
                    Value::Instance(j) if j.class.lookup("__next__").is_some() => it,
                    _ => Value::iter_of(self.iterate(&it)?),
                }
            }
            other => {
                let items = self.iterate(other)?;
                Value::iter_of(items)
            }
        })
    }

    /// Keys and values of a mapping (for `**kwargs` and `{**d}`).
    pub(crate) fn dict_items(&mut self, v: &Value) -> PyResult<Vec<(Value, Value)>> {
        match self.mapping_items(v)? {
            Some(items) => Ok(items),
            None => Err(self.type_error(format!("'{}' object is not a mapping", v.type_name()))),
        }
    }

    /// The items of a mapping: a dict, or any object with `keys()` and `[key]` (CPython's
    /// test for `dict(m)`, `{**m}` and `f(**m)`); None for other values.
    pub(crate) fn mapping_items(&mut self, v: &Value) -> PyResult<Option<Vec<(Value, Value)>>> {
        match v {
            Value::Dict(d) => Ok(Some(d.borrow().values().cloned().collect())),
            Value::Instance(_) | Value::Object(_) => {
                let Some(keys) = self.try_getattr(v, "keys")? else {
                    return Ok(None);
                };
                let keys = self.call(&keys, Args::default())?;
                let mut out = Vec::new();
                for k in self.iterate(&keys)? {
                    let value = self.get_item(v, &k)?;
                    out.push((k, value));
                }
                Ok(Some(out))
            }
            _ => Ok(None),
        }
    }

    fn index_of(&self, idx: &Value, len: usize, what: &str) -> PyResult<usize> {
        let i = match idx {
            Value::Int(i) => *i,
            Value::Bool(b) => i64::from(*b),
            other => {
                return Err(self.type_error(format!(
                    "{what} indices must be integers or slices, not {}",
                    other.type_name()
                )));
            }
        };
        let len = len as i64;
        let j = if i < 0 { i + len } else { i };
        if j < 0 || j >= len {
            return Err(self.exc("IndexError", format!("{what} index out of range")));
        }
        Ok(j as usize)
    }

    fn slice_parts(&self, s: &[Value; 3], len: usize) -> PyResult<Vec<usize>> {
        let get = |v: &Value| -> PyResult<Option<i64>> {
            match v {
                Value::None => Ok(None),
                Value::Int(i) => Ok(Some(*i)),
                Value::Bool(b) => Ok(Some(i64::from(*b))),
                _ => Err(self.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            }
        };
        let step = get(&s[2])?.unwrap_or(1);
        if step == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        Ok(slice_indices(len as i64, get(&s[0])?, get(&s[1])?, step))
    }

    /// `obj[key]`.
    pub fn get_item(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        match (obj, key) {
            (Value::List(l), Value::Slice(s)) => {
                let l = l.borrow();
                let idx = self.slice_parts(s, l.len())?;
                Ok(Value::list(
                    idx.into_iter().filter_map(|i| l.get(i).cloned()).collect(),
                ))
            }
            (Value::Tuple(t), Value::Slice(s)) => {
                let idx = self.slice_parts(s, t.len())?;
                Ok(Value::tuple(
                    idx.into_iter().filter_map(|i| t.get(i).cloned()).collect(),
                ))
            }
            (Value::Str(st), Value::Slice(s)) => {
                let chars: Vec<char> = st.chars().collect();
                let idx = self.slice_parts(s, chars.len())?;
                Ok(Value::str(
                    &idx.into_iter()
                        .filter_map(|i| chars.get(i))
                        .collect::<String>(),
                ))
            }
            (Value::List(l), _) => {
                let l = l.borrow();
                let i = self.index_of(key, l.len(), "list")?;
                Ok(l[i].clone())
            }
            (Value::Tuple(t), _) => {
                let i = self.index_of(key, t.len(), "tuple")?;
                Ok(t[i].clone())
            }
            (Value::Str(s), _) => {
                let chars: Vec<char> = s.chars().collect();
                let i = self.index_of(key, chars.len(), "string")?;
                Ok(Value::str(&chars[i].to_string()))
            }
            (Value::Range(start, _, step), Value::Slice(sl)) => {
                let n = self.range_len(obj);
                let (lo, hi, by) = self.slice_bounds(sl, n)?;
                let at = |k: i64| start.saturating_add(step.saturating_mul(k));
                Ok(Value::Range(at(lo), at(hi), step.saturating_mul(by)))
            }
            (Value::Range(start, _, step), Value::Int(_) | Value::Bool(_)) => {
                let n = self.range_len(obj) as usize;
                let i = self.index_of(key, n, "range object")?;
                Ok(Value::Int(start + step * i as i64))
            }
            (Value::Dict(d), _) => {
                let k = self.hash_key(key)?;
                let found = d.borrow().get(&k).map(|(_, v)| v.clone());
                match found {
                    Some(v) => Ok(v),
                    None => {
                        let class = self.exception_class("KeyError");
                        match class {
                            Some(c) => Err(Exc::Raise(self.new_exception(&c, vec![key.clone()]))),
                            None => Err(self.exc("KeyError", "")),
                        }
                    }
                }
            }
            (Value::Instance(i), _) if i.class.lookup("__getitem__").is_some() => {
                let m = i.class.lookup("__getitem__").unwrap_or(Value::None);
                self.call(&m, Args::positional(vec![obj.clone(), key.clone()]))
            }
            (Value::Class(c), _) => {
                if let Some(m) = c.lookup("__class_getitem__") {
                    let m = match m {
                        Value::ClassMethod(f) => (*f).clone(),
                        other => other,
                    };
                    return self.call(&m, Args::positional(vec![obj.clone(), key.clone()]));
                }
                // `list[int]`, `dict[str, int]`: generic aliases only matter in annotations.
                if c.module == "builtins"
                    && matches!(
                        c.name.as_str(),
                        "list" | "dict" | "set" | "frozenset" | "tuple" | "type"
                    )
                {
                    let args = match key {
                        Value::Tuple(t) => (**t).clone(),
                        other => vec![other.clone()],
                    };
                    return Ok(Value::Object(Rc::new(crate::stdlib::GenericAlias {
                        origin: c.clone(),
                        args,
                    })));
                }
                Ok(obj.clone())
            }
            (Value::Object(o), _) => match o.clone().get_item(self, key) {
                Some(r) => r,
                None => {
                    Err(self.type_error(format!("'{}' object is not subscriptable", o.type_name())))
                }
            },
            _ => Err(self.type_error(format!("'{}' object is not subscriptable", obj.type_name()))),
        }
    }

    /// `obj[key] = value`.
    pub fn set_item(&mut self, obj: &Value, key: Value, value: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &key {
                    let len = l.borrow().len();
                    let idx = self.slice_parts(s, len)?;
                    let items = self.iterate(&value)?;
                    let mut list = l.borrow_mut();
                    if matches!(s[2], Value::None) {
                        let start = idx.first().copied().unwrap_or_else(|| match &s[0] {
                            Value::Int(i) if *i < 0 => (*i + len as i64).max(0) as usize,
                            Value::Int(i) => (*i as usize).min(len),
                            _ => 0,
                        });
                        let end = idx.last().map(|e| e + 1).unwrap_or(start);
                        list.splice(start..end, items);
                        return Ok(());
                    }
                    for (i, v) in idx.into_iter().zip(items) {
                        list[i] = v;
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                let i = self.index_of(&key, len, "list")?;
                l.borrow_mut()[i] = value;
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.hash_key(&key)?;
                let mut d = d.borrow_mut();
                match d.get_mut(&k) {
                    Some(slot) => slot.1 = value,
                    None => {
                        crate::value::dict_put(&mut d, k, key, value);
                    }
                }
                Ok(())
            }
            Value::Instance(i) if i.class.lookup("__setitem__").is_some() => {
                let m = i.class.lookup("__setitem__").unwrap_or(Value::None);
                self.call(&m, Args::positional(vec![obj.clone(), key, value]))?;
                Ok(())
            }
            other => Err(self.type_error(format!(
                "'{}' object does not support item assignment",
                other.type_name()
            ))),
        }
    }

    /// `del obj[key]`.
    pub fn del_item(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = key {
                    let len = l.borrow().len();
                    let mut idx = self.slice_parts(s, len)?;
                    idx.sort_unstable();
                    let mut list = l.borrow_mut();
                    for i in idx.into_iter().rev() {
                        list.remove(i);
                    }
                    return Ok(());
                }
                let len = l.borrow().len();
                let i = self.index_of(key, len, "list")?;
                l.borrow_mut().remove(i);
                Ok(())
            }
            Value::Dict(d) => {
                let k = self.hash_key(key)?;
                if d.borrow_mut().shift_remove(&k).is_none()
                    && let Some(c) = self.exception_class("KeyError")
                {
                    return Err(Exc::Raise(self.new_exception(&c, vec![key.clone()])));
                }
                Ok(())
            }
            Value::Instance(i) if i.class.lookup("__delitem__").is_some() => {
                let m = i.class.lookup("__delitem__").unwrap_or(Value::None);
                self.call(&m, Args::positional(vec![obj.clone(), key.clone()]))?;
                Ok(())
            }
            // A native object supports deletion through a bound `__delitem__` method.
            Value::Object(o) if let Some(m) = o.get_attr(self, obj, "__delitem__")? => {
                self.call(&m, Args::positional(vec![key.clone()]))?;
                Ok(())
            }
            other => Err(self.type_error(format!(
                "'{}' object doesn't support item deletion",
                other.type_name()
            ))),
        }
    }
}
