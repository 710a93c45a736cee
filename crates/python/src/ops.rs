//! Operators: truthiness, equality and ordering, arithmetic with CPython's int/float rules
//! (ints never wrap: overflow raises), sequence and set operators, and the dunder methods
//! user classes define.

use crate::exceptions::Exc;
use crate::function::Args;
use crate::value::{Dict, Set, Value};
use crate::{Interpreter, PyResult};
use ruff_python_ast::{Operator, UnaryOp};
use std::cell::RefCell;
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

pub(crate) fn as_f64(v: &Value) -> Option<f64> {
    match v {
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

pub(crate) fn as_int(v: &Value) -> Option<i64> {
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
            Value::Object(o) => {
                if let Some(r) = o.bool_checked(self) {
                    return r;
                }
                o.truthy()
                    .or_else(|| o.len().map(|n| n > 0))
                    .unwrap_or(true)
            }
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
        // Native objects with an in-place operator (`user.addresses += [...]` extends the
        // instrumented collection).
        if let Value::Object(o) = &a {
            let name = format!("__i{}", &op_names(op).1[2..]);
            if let Some(m) = o.clone().get_attr(self, &a, &name)? {
                return self.call(&m, Args::positional(vec![b]));
            }
        }
        self.binary_op_in(op, a, b, true)
    }

    /// A binary arithmetic/bitwise operator.
    pub(crate) fn binary_op(&mut self, op: Operator, a: Value, b: Value) -> PyResult<Value> {
        self.binary_op_in(op, a, b, false)
    }

    /// A binary operator, for an expression or (`inplace`) an augmented assignment, whose
    /// TypeError names the operator as written (`+` or `+=`), as CPython's does.
    fn binary_op_in(&mut self, op: Operator, a: Value, b: Value, inplace: bool) -> PyResult<Value> {
        if let Some(v) = self.numeric_op(op, &a, &b)? {
            return Ok(v);
        }
        let (sym, dunder, rdunder) = op_names(op);
        // `[0] * True` repeats once: a bool counts as an int.
        let as_int = |v: &Value| match v {
            Value::Bool(b) => Value::Int(i64::from(*b)),
            other => other.clone(),
        };
        let (a, b) = match (&a, &b, op) {
            (Value::Str(_) | Value::List(_) | Value::Tuple(_), Value::Bool(_), Operator::Mult)
            | (Value::Bool(_), Value::Str(_) | Value::List(_) | Value::Tuple(_), Operator::Mult) => {
                (as_int(&a), as_int(&b))
            }
            _ => (a, b),
        };
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
                return crate::percent::percent_format(self, s, &b).map(|s| Value::str(&s));
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
            (Value::Tuple(x), Value::Int(n), Operator::Mult)
            | (Value::Int(n), Value::Tuple(x), Operator::Mult) => {
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
            // `int | None` in annotations: a union type (`types.UnionType`).
            return Ok(Value::Object(Rc::new(crate::stdlib::TypingForm {
                origin: "|".into(),
                args: vec![a, b],
            })));
        }
        // The sequence types' own messages, once no reflected method took the operation.
        match (&a, &b, op) {
            (Value::Str(_), _, Operator::Add) => {
                return Err(self.type_error(format!(
                    "can only concatenate str (not \"{}\") to str",
                    b.type_name()
                )));
            }
            (Value::Tuple(_), _, Operator::Add) => {
                return Err(self.type_error(format!(
                    "can only concatenate tuple (not \"{}\") to tuple",
                    b.type_name()
                )));
            }
            (Value::Str(_) | Value::List(_) | Value::Tuple(_), other, Operator::Mult)
            | (other, Value::Str(_) | Value::List(_) | Value::Tuple(_), Operator::Mult)
                if !matches!(other, Value::Int(_) | Value::Bool(_)) =>
            {
                return Err(self.type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    other.type_name()
                )));
            }
            _ => {}
        }
        let written = if inplace { "=" } else { "" };
        Err(self.type_error(format!(
            "unsupported operand type(s) for {sym}{written}: '{}' and '{}'",
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
}

pub(crate) fn is_not_implemented(v: &Value) -> bool {
    matches!(v, Value::Object(o) if o.type_name() == "NotImplementedType")
}

fn repeat(src: &[Value], n: i64) -> Vec<Value> {
    let mut out = Vec::new();
    for _ in 0..n.max(0) {
        out.extend(src.iter().cloned());
    }
    out
}
