//! Operators: truthiness, equality and ordering, arithmetic with CPython's int/float rules
//! (ints never wrap: overflow raises), sequence and set operators, and the dunder methods
//! user classes define.

use crate::exceptions::Exc;
use crate::function::Args;
use crate::value::{Dict, Set, Value};
use crate::{Interpreter, PyResult};
use ruff_python_ast::{CmpOp, Operator, UnaryOp};
use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

/// The symbol and dunder names of a binary operator.
fn op_names(op: Operator) -> (&'static str, &'static str, &'static str) {
    match op {
        Operator::Add => ("+", "__add__", "__radd__"),
        Operator::Sub => ("-", "__sub__", "__rsub__"),
        Operator::Mult => ("*", "__mul__", "__rmul__"),
        Operator::MatMult => ("@", "__matmul__", "__rmatmul__"),
        Operator::Div => ("/", "__truediv__", "__rtruediv__"),
        Operator::Mod => ("%", "__mod__", "__rmod__"),
        Operator::Pow => ("**", "__pow__", "__rpow__"),
        Operator::LShift => ("<<", "__lshift__", "__rlshift__"),
        Operator::RShift => (">>", "__rshift__", "__rrshift__"),
        Operator::BitOr => ("|", "__or__", "__ror__"),
        Operator::BitXor => ("^", "__xor__", "__rxor__"),
        Operator::BitAnd => ("&", "__and__", "__rand__"),
        Operator::FloorDiv => ("//", "__floordiv__", "__rfloordiv__"),
    }
}

fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

fn as_int(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// `int(f)` for a finite float: truncation, or OverflowError outside Retort's 64-bit ints.
pub(crate) fn float_to_int(i: &Interpreter, f: f64) -> PyResult<Value> {
    if f.is_nan() {
        return Err(i.value_error("cannot convert float NaN to integer"));
    }
    let t = f.trunc();
    // 2**63 is exactly representable; every finite float below it in magnitude fits in i64.
    if t.is_finite() && (-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&t) {
        Ok(Value::Int(t as i64))
    } else if t.is_finite() {
        Err(i.overflow())
    } else {
        Err(i.exc("OverflowError", "cannot convert float infinity to integer"))
    }
}

impl Interpreter {
    pub(crate) fn overflow(&self) -> Exc {
        self.exc(
            "OverflowError",
            "integer result too large for Retort's 64-bit int",
        )
    }

    /// Python truthiness.
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().is_empty(),
            Value::Set(s) => !s.borrow().is_empty(),
            Value::Range(..) => self.range_len(v) > 0,
            Value::Instance(i) => {
                if let Some(m) = i.class.lookup("__bool__") {
                    let r = self.call(&m, Args::positional(vec![v.clone()]))?;
                    return self.truthy(&r);
                }
                if let Some(m) = i.class.lookup("__len__") {
                    let r = self.call(&m, Args::positional(vec![v.clone()]))?;
                    return Ok(!matches!(r, Value::Int(0)));
                }
                true
            }
            Value::Object(o) => o
                .truthy()
                .or_else(|| o.len().map(|n| n > 0))
                .unwrap_or(true),
            _ => true,
        })
    }

    /// The number of items in a range value.
    pub(crate) fn range_len(&self, v: &Value) -> i64 {
        let Value::Range(start, stop, step) = v else {
            return 0;
        };
        let (start, stop, step) = (*start, *stop, *step);
        if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        }
    }

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

    fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
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
            if let Value::Object(o) = x {
                if let Some(r) = o.clone().binary_op(self, "<", y, false) {
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

    /// The hash key of `v`, or TypeError for unhashable values.
    pub fn hash_key(&mut self, v: &Value) -> PyResult<crate::value::HashKey> {
        if let Value::Instance(inst) = v {
            let class = inst.class.clone();
            // The first class along the MRO that defines `__hash__` or `__eq__` decides:
            // defining `__eq__` alone makes instances unhashable, as in CPython.
            let decider = std::iter::once(&class)
                .chain(class.mro.iter())
                .find_map(|c| {
                    let d = c.dict.borrow();
                    d.get("__hash__")
                        .cloned()
                        .map(Some)
                        .or_else(|| d.contains_key("__eq__").then_some(None))
                });
            match decider {
                Some(Some(Value::None)) | Some(None) => {
                    return Err(self.type_error(format!("unhashable type: '{}'", class.name)));
                }
                Some(Some(f)) => {
                    return match self.call(&f, Args::positional(vec![v.clone()]))? {
                        Value::Int(h) => {
                            Ok(crate::value::HashKey::Custom(crate::setorder::hash_int(h)))
                        }
                        Value::Bool(b) => Ok(crate::value::HashKey::Custom(i64::from(b))),
                        _ => Err(self.type_error("__hash__ method should return an integer")),
                    };
                }
                None => {}
            }
        }
        match v.hash_key() {
            Some(k) => Ok(k),
            None => Err(self.type_error(format!("unhashable type: '{}'", v.type_name()))),
        }
    }

    /// `-x`, `+x`, `~x`, `not x`.
    pub(crate) fn unary_op(&mut self, op: UnaryOp, v: Value) -> PyResult<Value> {
        let (sym, dunder) = match op {
            UnaryOp::Not => return Ok(Value::Bool(!self.truthy(&v)?)),
            UnaryOp::USub => ("-", "__neg__"),
            UnaryOp::UAdd => ("+", "__pos__"),
            UnaryOp::Invert => ("~", "__invert__"),
        };
        match (&v, op) {
            (Value::Int(_) | Value::Bool(_), UnaryOp::USub) => as_int(&v)
                .and_then(i64::checked_neg)
                .map(Value::Int)
                .ok_or_else(|| self.overflow()),
            (Value::Int(_) | Value::Bool(_), UnaryOp::UAdd) => {
                Ok(Value::Int(as_int(&v).unwrap_or(0)))
            }
            (Value::Int(_) | Value::Bool(_), UnaryOp::Invert) => {
                Ok(Value::Int(!as_int(&v).unwrap_or(0)))
            }
            (Value::Float(f), UnaryOp::USub) => Ok(Value::Float(-f)),
            (Value::Float(f), UnaryOp::UAdd) => Ok(Value::Float(*f)),
            (Value::Instance(i), _) if i.class.lookup(dunder).is_some() => {
                let m = i.class.lookup(dunder).unwrap_or(Value::None);
                self.call(&m, Args::positional(vec![v.clone()]))
            }
            (Value::Object(o), _) => match o.clone().unary_op(self, sym) {
                Some(r) => r,
                None => Err(self.type_error(format!(
                    "bad operand type for unary {sym}: '{}'",
                    v.type_name()
                ))),
            },
            _ => Err(self.type_error(format!(
                "bad operand type for unary {sym}: '{}'",
                v.type_name()
            ))),
        }
    }

    /// `a op= b`: in place for lists, otherwise the binary operator.
    pub(crate) fn inplace_op(&mut self, op: Operator, a: Value, b: Value) -> PyResult<Value> {
        if let (Value::List(l), Operator::Add) = (&a, op) {
            let items = self.iterate(&b)?;
            l.borrow_mut().extend(items);
            return Ok(a);
        }
        if let Value::Instance(i) = &a {
            let name = format!("__i{}", &op_names(op).1[2..]);
            if let Some(m) = i.class.lookup(&name) {
                return self.call(&m, Args::positional(vec![a.clone(), b]));
            }
        }
        self.binary_op(op, a, b)
    }

    /// A binary arithmetic/bitwise operator.
    pub(crate) fn binary_op(&mut self, op: Operator, a: Value, b: Value) -> PyResult<Value> {
        if let Some(v) = self.numeric_op(op, &a, &b)? {
            return Ok(v);
        }
        let (sym, dunder, rdunder) = op_names(op);
        match (&a, &b, op) {
            (Value::Str(x), Value::Str(y), Operator::Add) => {
                return Ok(Value::str(&format!("{x}{y}")));
            }
            (Value::Str(x), Value::Int(n), Operator::Mult)
            | (Value::Int(n), Value::Str(x), Operator::Mult) => {
                return Ok(Value::str(&x.repeat((*n).max(0) as usize)));
            }
            (Value::Str(_), Value::Int(_) | Value::Float(_) | Value::Bool(_), Operator::Add) => {
                return Err(self.type_error(format!(
                    "can only concatenate str (not \"{}\") to str",
                    b.type_name()
                )));
            }
            (Value::Str(s), _, Operator::Mod) => {
                return crate::format::percent_format(self, s, &b).map(|s| Value::str(&s));
            }
            (Value::List(x), Value::List(y), Operator::Add) => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                return Ok(Value::list(v));
            }
            (Value::List(_), _, Operator::Add) => {
                return Err(self.type_error(format!(
                    "can only concatenate list (not \"{}\") to list",
                    b.type_name()
                )));
            }
            (Value::Tuple(x), Value::Tuple(y), Operator::Add) => {
                let mut v = (**x).clone();
                v.extend(y.iter().cloned());
                return Ok(Value::tuple(v));
            }
            (Value::List(x), Value::Int(n), Operator::Mult)
            | (Value::Int(n), Value::List(x), Operator::Mult) => {
                let src = x.borrow().clone();
                return Ok(Value::list(repeat(&src, *n)));
            }
            (Value::Tuple(x), Value::Int(n), Operator::Mult) => {
                return Ok(Value::tuple(repeat(x, *n)));
            }
            (
                Value::Set(x),
                Value::Set(y),
                Operator::BitOr | Operator::BitAnd | Operator::Sub | Operator::BitXor,
            ) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                let out: Set = match op {
                    Operator::BitOr => x.into_iter().chain(y).collect(),
                    Operator::BitAnd => x.into_iter().filter(|(k, _)| y.contains_key(k)).collect(),
                    Operator::Sub => x.into_iter().filter(|(k, _)| !y.contains_key(k)).collect(),
                    _ => {
                        let mut out: Set = x
                            .clone()
                            .into_iter()
                            .filter(|(k, _)| !y.contains_key(k))
                            .collect();
                        out.extend(y.into_iter().filter(|(k, _)| !x.contains_key(k)));
                        out
                    }
                };
                return Ok(Value::Set(Rc::new(RefCell::new(out))));
            }
            (Value::Dict(x), Value::Dict(y), Operator::BitOr) => {
                let mut out: Dict = x.borrow().clone();
                out.extend(y.borrow().iter().map(|(k, v)| (k.clone(), v.clone())));
                return Ok(Value::Dict(Rc::new(RefCell::new(out))));
            }
            _ => {}
        }
        if let Value::Instance(i) = &a
            && let Some(m) = i.class.lookup(dunder)
        {
            let r = self.call(&m, Args::positional(vec![a.clone(), b.clone()]))?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if let Value::Object(o) = &a
            && let Some(r) = o.clone().binary_op(self, sym, &b, false)
        {
            return r;
        }
        if let Value::Instance(i) = &b
            && let Some(m) = i.class.lookup(rdunder)
        {
            let r = self.call(&m, Args::positional(vec![b.clone(), a.clone()]))?;
            if !is_not_implemented(&r) {
                return Ok(r);
            }
        }
        if let Value::Object(o) = &b
            && let Some(r) = o.clone().binary_op(self, sym, &a, true)
        {
            return r;
        }
        if let (Value::Class(_) | Value::None, Value::Class(_) | Value::None, Operator::BitOr) =
            (&a, &b, op)
        {
            // `int | None` in annotations: a union type we only need to carry around.
            return Ok(a);
        }
        Err(self.type_error(format!(
            "unsupported operand type(s) for {sym}: '{}' and '{}'",
            a.type_name(),
            b.type_name()
        )))
    }

    fn numeric_op(&mut self, op: Operator, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        if let (Some(x), Some(y)) = (as_int(a), as_int(b)) {
            if matches!((a, b), (Value::Bool(_), Value::Bool(_))) {
                match op {
                    Operator::BitAnd => return Ok(Some(Value::Bool(x & y != 0))),
                    Operator::BitOr => return Ok(Some(Value::Bool(x | y != 0))),
                    Operator::BitXor => return Ok(Some(Value::Bool(x ^ y != 0))),
                    _ => {}
                }
            }
            let r = match op {
                Operator::Add => x.checked_add(y),
                Operator::Sub => x.checked_sub(y),
                Operator::Mult => x.checked_mul(y),
                Operator::Div => {
                    if y == 0 {
                        return Err(self.exc("ZeroDivisionError", "division by zero"));
                    }
                    return Ok(Some(Value::Float(x as f64 / y as f64)));
                }
                Operator::FloorDiv => {
                    if y == 0 {
                        return Err(
                            self.exc("ZeroDivisionError", "integer division or modulo by zero")
                        );
                    }
                    x.checked_div_euclid(y).map(|_| {
                        let q = x / y;
                        if (x % y != 0) && ((x < 0) != (y < 0)) {
                            q - 1
                        } else {
                            q
                        }
                    })
                }
                Operator::Mod => {
                    if y == 0 {
                        return Err(self.exc("ZeroDivisionError", "integer modulo by zero"));
                    }
                    x.checked_rem(y).map(|r| {
                        if r != 0 && ((r < 0) != (y < 0)) {
                            r + y
                        } else {
                            r
                        }
                    })
                }
                Operator::Pow => {
                    if y < 0 {
                        return Ok(Some(Value::Float((x as f64).powf(y as f64))));
                    }
                    u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
                }
                Operator::LShift => {
                    if y < 0 {
                        return Err(self.value_error("negative shift count"));
                    }
                    u32::try_from(y)
                        .ok()
                        .filter(|s| *s < 64)
                        .and_then(|s| x.checked_shl(s))
                        .filter(|r| r >> y == x)
                }
                Operator::RShift => {
                    if y < 0 {
                        return Err(self.value_error("negative shift count"));
                    }
                    Some(x >> y.min(63))
                }
                Operator::BitAnd => Some(x & y),
                Operator::BitOr => Some(x | y),
                Operator::BitXor => Some(x ^ y),
                Operator::MatMult => return Ok(None),
            };
            return r
                .map(|v| Some(Value::Int(v)))
                .ok_or_else(|| self.overflow());
        }
        let (Some(x), Some(y)) = (as_f64(a), as_f64(b)) else {
            return Ok(None);
        };
        let r = match op {
            Operator::Add => x + y,
            Operator::Sub => x - y,
            Operator::Mult => x * y,
            Operator::Div => {
                if y == 0.0 {
                    return Err(self.exc("ZeroDivisionError", "float division by zero"));
                }
                x / y
            }
            Operator::FloorDiv => {
                if y == 0.0 {
                    return Err(self.exc("ZeroDivisionError", "float floor division by zero"));
                }
                (x / y).floor()
            }
            Operator::Mod => {
                if y == 0.0 {
                    return Err(self.exc("ZeroDivisionError", "float modulo"));
                }
                let r = x % y;
                if r != 0.0 && ((r < 0.0) != (y < 0.0)) {
                    r + y
                } else {
                    r
                }
            }
            Operator::Pow => {
                if x == 0.0 && y < 0.0 {
                    return Err(self.exc(
                        "ZeroDivisionError",
                        "0.0 cannot be raised to a negative power",
                    ));
                }
                x.powf(y)
            }
            _ => return Ok(None),
        };
        Ok(Some(Value::Float(r)))
    }
}

impl Interpreter {
    /// A special method defined by the class of an instance.
    pub(crate) fn dunder(&self, v: &Value, name: &str) -> Option<Value> {
        match v {
            Value::Instance(i) => i.class.lookup(name),
            _ => None,
        }
    }

    /// `a < b` and friends through `__lt__`/`__gt__`/... on user classes.
    fn rich_compare(&mut self, sym: &str, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        let (name, reflected) = match sym {
            "<" => ("__lt__", "__gt__"),
            "<=" => ("__le__", "__ge__"),
            ">" => ("__gt__", "__lt__"),
            ">=" => ("__ge__", "__le__"),
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

fn is_not_implemented(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.type_name() == "NotImplementedType")
}

fn repeat(src: &[Value], n: i64) -> Vec<Value> {
    let mut out = Vec::new();
    for _ in 0..n.max(0) {
        out.extend(src.iter().cloned());
    }
    out
}
