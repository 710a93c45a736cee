//! Comparisons: `==` with CPython's numeric and container equality, ordering (`<` on
//! numbers, strings, sequences, sets, user classes and native objects), `in`, and the
//! rich-comparison dunders.

use crate::function::Args;
use crate::ops::{as_f64, as_int, is_not_implemented};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::CmpOp;
use std::cmp::Ordering;

impl Interpreter {
    /// Python `==`.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        Ok(match (a, b) {
            (Value::None, Value::None) => true,
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Int(_) | Value::Bool(_), Value::Int(_) | Value::Bool(_)) => {
                as_int(a) == as_int(b)
            }
            (Value::Float(_), Value::Int(_) | Value::Bool(_) | Value::Float(_))
            | (Value::Int(_) | Value::Bool(_), Value::Float(_)) => as_f64(a) == as_f64(b),
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_eq(&x, &y)?
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_eq(x, y)?,
            (Value::Dict(x), Value::Dict(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                if x.len() != y.len() {
                    return Ok(false);
                }
                for (k, (_, v)) in x.iter() {
                    match y.get(k) {
                        Some((_, w)) => {
                            if !self.eq(v, w)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                true
            }
            (Value::Set(x), Value::Set(y)) => {
                let (x, y) = (x.borrow(), y.borrow());
                x.len() == y.len() && x.keys().all(|k| y.contains_key(k))
            }
            (Value::Range(..), Value::Range(..)) => a.hash_key() == b.hash_key(),
            (Value::Instance(i), _) if i.class.lookup("__eq__").is_some() => {
                let m = i.class.lookup("__eq__").unwrap_or(Value::None);
                let r = self.call(&m, Args::positional(vec![a.clone(), b.clone()]))?;
                if let Value::Object(o) = &r
                    && o.type_name() == "NotImplementedType"
                {
                    return Ok(a.is(b));
                }
                self.truthy(&r)?
            }
            (_, Value::Instance(i)) if i.class.lookup("__eq__").is_some() => self.eq(b, a)?,
            (Value::Object(o), _) => match o.clone().binary_op(self, "==", b, false) {
                Some(r) => {
                    let r = r?;
                    self.truthy(&r)?
                }
                None => a.is(b) || (o.hash_key().is_some() && o.hash_key() == b.hash_key()),
            },
            _ => a.is(b),
        })
    }

    pub(crate) fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (a, b) in x.iter().zip(y) {
            if !a.is(b) && !self.eq(a, b)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Ordering for `<`, `<=`, `>`, `>=` and `sorted`; `sym` names the operator in errors.
    pub(crate) fn order(&mut self, a: &Value, b: &Value, sym: &str) -> PyResult<Ordering> {
        match (a, b) {
            (Value::Set(x), Value::Set(y)) => {
                // Subset order is partial: report Less/Greater/Equal only when they hold.
                let (x, y) = (x.borrow(), y.borrow());
                let x_in_y = x.keys().all(|k| y.contains_key(k));
                let y_in_x = y.keys().all(|k| x.contains_key(k));
                return Ok(match (x_in_y, y_in_x, sym) {
                    (true, true, _) => Ordering::Equal,
                    (true, false, _) => Ordering::Less,
                    (false, true, _) => Ordering::Greater,
                    // Neither contains the other: every comparison is False.
                    (false, false, "<" | "<=") => Ordering::Greater,
                    (false, false, _) => Ordering::Less,
                });
            }
            (Value::Int(_) | Value::Bool(_), Value::Int(_) | Value::Bool(_)) => {
                return Ok(as_int(a).cmp(&as_int(b)));
            }
            (
                Value::Int(_) | Value::Bool(_) | Value::Float(_),
                Value::Int(_) | Value::Bool(_) | Value::Float(_),
            ) => {
                return Ok(as_f64(a).partial_cmp(&as_f64(b)).unwrap_or(Ordering::Equal));
            }
            (Value::Str(x), Value::Str(y)) => return Ok(x.cmp(y)),
            (Value::List(_), Value::List(_)) | (Value::Tuple(_), Value::Tuple(_)) => {
                let x = self.iterate(a)?;
                let y = self.iterate(b)?;
                for (p, q) in x.iter().zip(y.iter()) {
                    if !self.eq(p, q)? {
                        return self.order(p, q, sym);
                    }
                }
                return Ok(x.len().cmp(&y.len()));
            }
            _ => {}
        }
        for (x, y, flip) in [(a, b, false), (b, a, true)] {
            if let Value::Object(o) = x
                && let Some(r) = o.clone().binary_op(self, "<", y, false)
            {
                let lt = self.truthy(&r?)?;
                if lt {
                    return Ok(if flip {
                        Ordering::Greater
                    } else {
                        Ordering::Less
                    });
                }
                if let Some(r) = o.clone().binary_op(self, "==", y, false) {
                    let eq = self.truthy(&r?)?;
                    return Ok(match (eq, flip) {
                        (true, _) => Ordering::Equal,
                        (false, false) => Ordering::Greater,
                        (false, true) => Ordering::Less,
                    });
                }
            }
        }
        if let Some(m) = self.dunder(a, "__lt__") {
            let r = self.call(&m, Args::positional(vec![a.clone(), b.clone()]))?;
            if !is_not_implemented(&r) {
                if self.truthy(&r)? {
                    return Ok(Ordering::Less);
                }
                let r = self.call(&m, Args::positional(vec![b.clone(), a.clone()]))?;
                return Ok(if self.truthy(&r)? {
                    Ordering::Greater
                } else {
                    Ordering::Equal
                });
            }
        }
        Err(self.type_error(format!(
            "'{sym}' not supported between instances of '{}' and '{}'",
            a.type_name(),
            b.type_name()
        )))
    }

    /// A comparison operator.
    pub(crate) fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        let sym = match op {
            CmpOp::Eq => "==",
            CmpOp::NotEq => "!=",
            CmpOp::Lt => "<",
            CmpOp::LtE => "<=",
            CmpOp::Gt => ">",
            CmpOp::GtE => ">=",
            CmpOp::Is => return Ok(Value::Bool(a.is(b))),
            CmpOp::IsNot => return Ok(Value::Bool(!a.is(b))),
            CmpOp::In => return Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(b, a)?)),
        };
        // Native objects (SQL expressions) build values from comparisons.
        if let Value::Object(o) = a
            && let Some(r) = o.clone().binary_op(self, sym, b, false)
        {
            return r;
        }
        if let Value::Object(o) = b {
            let flipped = match sym {
                "<" => ">",
                ">" => "<",
                "<=" => ">=",
                ">=" => "<=",
                s => s,
            };
            if let Some(r) = o.clone().binary_op(self, flipped, a, false) {
                return r;
            }
        }
        if let Some(r) = self.rich_compare(sym, a, b)? {
            return Ok(r);
        }
        Ok(Value::Bool(match sym {
            "==" => self.eq(a, b)?,
            "!=" => {
                if let Value::Instance(i) = a
                    && let Some(m) = i.class.lookup("__ne__")
                {
                    let r = self.call(&m, Args::positional(vec![a.clone(), b.clone()]))?;
                    return Ok(Value::Bool(self.truthy(&r)?));
                }
                !self.eq(a, b)?
            }
            "<" => self.order(a, b, sym)? == Ordering::Less,
            "<=" => self.order(a, b, sym)? != Ordering::Greater,
            ">" => self.order(a, b, sym)? == Ordering::Greater,
            _ => self.order(a, b, sym)? != Ordering::Less,
        }))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                other => Err(self.type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                ))),
            },
            Value::Dict(d) => {
                let k = self.hash_key(item)?;
                Ok(d.borrow().contains_key(&k))
            }
            Value::Set(s) => {
                let k = self.hash_key(item)?;
                Ok(s.borrow().contains_key(&k))
            }
            Value::Object(_) if crate::bytes::as_bytes(container).is_some() => {
                let hay = crate::bytes::as_bytes(container).unwrap_or_default();
                crate::bytes::contains(self, &hay, item)
            }
            Value::Instance(i) if i.class.lookup("__contains__").is_some() => {
                let m = i.class.lookup("__contains__").unwrap_or(Value::None);
                let r = self.call(&m, Args::positional(vec![container.clone(), item.clone()]))?;
                self.truthy(&r)
            }
            _ => {
                for v in self.iterate(container)? {
                    if v.is(item) || self.eq(&v, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// `a < b` and friends through `__lt__`/`__gt__`/... on user classes.
    pub(crate) fn rich_compare(
        &mut self,
        sym: &str,
        a: &Value,
        b: &Value,
    ) -> PyResult<Option<Value>> {
        let (name, reflected) = match sym {
            "<" => ("__lt__", "__gt__"),
            "<=" => ("__le__", "__ge__"),
            ">" => ("__gt__", "__lt__"),
            ">=" => ("__ge__", "__le__"),
            // A user `__eq__` / `__ne__` may return any object (a SQL expression): `a == b`
            // gives it as it is; only `if`, `and`, chains and the like ask its truth.
            "==" => ("__eq__", "__eq__"),
            "!=" => ("__ne__", "__ne__"),
            _ => return Ok(None),
        };
        for (x, y, n) in [(a, b, name), (b, a, reflected)] {
            if let Some(m) = self.dunder(x, n) {
                let r = self.call(&m, Args::positional(vec![x.clone(), y.clone()]))?;
                if !is_not_implemented(&r) {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn comparisons_chain_and_compare_across_types() {
        let (out, r) = crate::interp::run_for_test(
            "print(1 < 2 < 3 < 2, 'a' < 'b' == 'b', [1, [2]] == [1, [2]], (1, 2) != (1, 2.0), 1 in [1.0], None == 0)\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "False True True False True False\n");
    }
}
