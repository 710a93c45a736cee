//! The numeric builtins: `abs`, `round`, `divmod`, `pow` (with a modulus), `bin`/`oct`/`hex`,
//! and `chr`/`ord` between code points and characters.

use crate::builtins::{exact, one};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};

/// `abs(x)`.
pub(crate) fn builtin_abs(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    match one(i, &a, "abs")? {
        Value::Int(n) => n.checked_abs().map(Value::Int).ok_or_else(|| i.overflow()),
        Value::Bool(b) => Ok(Value::Int(i64::from(b))),
        Value::Float(f) => Ok(Value::Float(f.abs())),
        Value::Object(o) => match o.clone().unary_op(i, "abs") {
            Some(r) => r,
            None => Err(i.type_error(format!("bad operand type for abs(): '{}'", o.type_name()))),
        },
        other => match i.dunder(&other, "__abs__") {
            Some(m) => i.call(&m, Args::positional(vec![other])),
            None => Err(i.type_error(format!(
                "bad operand type for abs(): '{}'",
                other.type_name()
            ))),
        },
    }
}

/// `divmod(x, y)`.
pub(crate) fn divmod(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let [x, y] = exact::<2>(i, &a, "divmod")?;
    let q = i.binary_op(ruff_python_ast::Operator::FloorDiv, x.clone(), y.clone())?;
    let r = i.binary_op(ruff_python_ast::Operator::Mod, x, y)?;
    Ok(Value::tuple(vec![q, r]))
}

/// `pow(base, exp[, mod])`.
pub(crate) fn builtin_pow(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    if let [Value::Int(base), Value::Int(exp), Value::Int(modulus)] = a.pos.as_slice() {
        return pow_mod(i, *base, *exp, *modulus);
    }
    let [x, y] = exact::<2>(i, &a, "pow")?;
    i.binary_op(ruff_python_ast::Operator::Pow, x, y)
}

/// `chr(i)`.
pub(crate) fn builtin_chr(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    match one(i, &a, "chr")? {
        Value::Int(n) => match u32::try_from(n).ok().and_then(char::from_u32) {
            Some(c) => Ok(Value::str(&c.to_string())),
            None => Err(i.value_error("chr() arg not in range(0x110000)")),
        },
        other => Err(i.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

/// `ord(c)`.
pub(crate) fn builtin_ord(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    match one(i, &a, "ord")? {
        Value::Str(s) if s.chars().count() == 1 => {
            Ok(Value::Int(s.chars().next().map(|c| c as i64).unwrap_or(0)))
        }
        Value::Str(s) => Err(i.type_error(format!(
            "ord() expected a character, but string of length {} found",
            s.chars().count()
        ))),
        other => Err(i.type_error(format!(
            "ord() expected string of length 1, but {} found",
            other.type_name()
        ))),
    }
}

/// `pow(base, exp, mod)`; a negative exponent raises the inverse of `base`.
fn pow_mod(i: &Interpreter, base: i64, exp: i64, modulus: i64) -> PyResult<Value> {
    if modulus == 0 {
        return Err(i.value_error("pow() 3rd argument cannot be 0"));
    }
    let m = i128::from(modulus);
    let mut b = i128::from(base).rem_euclid(m);
    if exp < 0 {
        // A negative exponent raises the modular inverse (Python 3.8+).
        b = match mod_inverse(b, m.abs()) {
            Some(inv) => inv,
            None => return Err(i.value_error("base is not invertible for the given modulus")),
        };
    }
    let (mut result, mut e) = (1i128, i128::from(exp).abs());
    while e > 0 {
        if e & 1 == 1 {
            result = (result * b).rem_euclid(m);
        }
        b = (b * b).rem_euclid(m);
        e >>= 1;
    }
    // Python's result takes the modulus's sign.
    let r = result.rem_euclid(m);
    let r = if modulus < 0 && r != 0 { r + m } else { r };
    Ok(Value::Int(r as i64))
}

/// The inverse of `a` modulo `m` (`m > 0`), when `gcd(a, m) == 1`.
fn mod_inverse(a: i128, m: i128) -> Option<i128> {
    let (mut old_r, mut r) = (a.rem_euclid(m), m);
    let (mut old_s, mut s) = (1i128, 0i128);
    while r != 0 {
        let q = old_r / r;
        (old_r, r) = (r, old_r - q * r);
        (old_s, s) = (s, old_s - q * s);
    }
    (old_r == 1 || m == 1).then(|| old_s.rem_euclid(m))
}

/// `bin(n)`, `oct(n)`, `hex(n)`.
pub(crate) fn radix(i: &mut Interpreter, a: Args, name: &str, kind: char) -> PyResult<Value> {
    let n = match one(i, &a, name)? {
        Value::Int(n) => n,
        Value::Bool(b) => i64::from(b),
        other => {
            return Err(i.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )));
        }
    };
    let mag = n.unsigned_abs();
    let digits = match kind {
        'b' => format!("{mag:b}"),
        'o' => format!("{mag:o}"),
        _ => format!("{mag:x}"),
    };
    Ok(Value::str(&format!(
        "{}0{kind}{digits}",
        if n < 0 { "-" } else { "" }
    )))
}

/// `round(number[, ndigits])`, rounding half to even.
pub(crate) fn round(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let nd = a.take_kw("ndigits").or_else(|| a.pos.get(1).cloned());
    let Some(v) = a.pos.first().cloned() else {
        return Err(i.type_error("round() missing required argument 'number' (pos 1)"));
    };
    if let Value::Object(o) = &v
        && let Some(m) = o.clone().get_attr(i, &v, "__round__")?
    {
        return i.call(&m, Args::positional(nd.into_iter().collect()));
    }
    match (v, nd) {
        (Value::Float(f), None | Some(Value::None)) => {
            if !f.is_finite() {
                return Err(i.exc("OverflowError", "cannot convert float infinity to integer"));
            }
            crate::ops::float_to_int(i, f.round_ties_even())
        }
        (Value::Float(f), Some(Value::Int(n))) => {
            if n >= 0 {
                // Beyond 350 digits every finite float is already exact.
                let s = format!("{:.*}", n.min(350) as usize, f);
                Ok(Value::Float(s.parse().unwrap_or(f)))
            } else {
                let p = 10f64.powi(n.saturating_neg().min(400) as i32);
                Ok(Value::Float((f / p).round_ties_even() * p))
            }
        }
        (v @ (Value::Int(_) | Value::Bool(_)), None | Some(Value::None)) => Ok(match v {
            Value::Bool(b) => Value::Int(i64::from(b)),
            other => other,
        }),
        (Value::Int(x), Some(Value::Int(n))) => {
            if n >= 0 {
                return Ok(Value::Int(x));
            }
            let p = 10i64.checked_pow((-n) as u32).unwrap_or(i64::MAX);
            let r = x.rem_euclid(p);
            let base = x - r;
            let up = r * 2 > p || (r * 2 == p && (base / p) % 2 != 0);
            Ok(Value::Int(if up { base + p } else { base }))
        }
        (other, _) => match i.dunder(&other, "__round__") {
            Some(m) => i.call(&m, Args::positional(vec![other])),
            None => Err(i.type_error(format!(
                "type {} doesn't define __round__ method",
                other.type_name()
            ))),
        },
    }
}
