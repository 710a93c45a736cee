//! `decimal.Decimal`: exact decimal numbers (what `Numeric` columns return), as a
//! coefficient and an exponent like CPython's `decimal` module, with its default context
//! (28 significant digits, ROUND_HALF_EVEN). Supports construction from str/int/Decimal,
//! `repr`/`str` (scientific notation as CPython chooses it), `+ - * / // %`, comparisons
//! with ints and Decimals, `quantize`, `round`, `int()`, `float()` and format specs.
//! Coefficients are i128 (38 digits); results beyond that raise OverflowError.

use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::{HashKey, Value};
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cmp::Ordering;
use std::rc::Rc;

#[path = "decimal_format.rs"]
mod format;
use format::format_decimal;

/// The default context's precision.
const PRECISION: u32 = 28;

/// A decimal number: `coefficient × 10^exponent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    /// The signed coefficient.
    pub coefficient: i128,
    /// The power of ten it is scaled by.
    pub exponent: i32,
    /// Whether this is `-0` (a zero coefficient carries no sign).
    pub negative_zero: bool,
}

fn pow10(n: u32) -> Option<i128> {
    10i128.checked_pow(n)
}

fn digits(n: i128) -> u32 {
    let mut n = n.unsigned_abs();
    let mut d = 1;
    while n >= 10 {
        n /= 10;
        d += 1;
    }
    d
}

/// Divide with ROUND_HALF_EVEN.
fn div_half_even(n: i128, d: i128) -> i128 {
    div_round(n, d, Rounding::HalfEven)
}

/// The `decimal` rounding modes (the module's `ROUND_*` strings).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Rounding {
    HalfEven,
    HalfUp,
    HalfDown,
    Up,
    Down,
    Ceiling,
    Floor,
}

/// The `ROUND_*` names, as CPython spells their values.
const ROUNDINGS: [(&str, Rounding); 7] = [
    ("ROUND_HALF_EVEN", Rounding::HalfEven),
    ("ROUND_HALF_UP", Rounding::HalfUp),
    ("ROUND_HALF_DOWN", Rounding::HalfDown),
    ("ROUND_UP", Rounding::Up),
    ("ROUND_DOWN", Rounding::Down),
    ("ROUND_CEILING", Rounding::Ceiling),
    ("ROUND_FLOOR", Rounding::Floor),
];

/// `n / d` rounded to an integer by `mode`.
fn div_round(n: i128, d: i128, mode: Rounding) -> i128 {
    let (q, r) = (n / d, n % d);
    if r == 0 {
        return q;
    }
    let negative = (n < 0) != (d < 0);
    let twice = r.unsigned_abs().saturating_mul(2);
    let half_cmp = twice.cmp(&d.unsigned_abs());
    let away = match mode {
        Rounding::HalfEven => match half_cmp {
            Ordering::Greater => true,
            Ordering::Equal => q % 2 != 0,
            Ordering::Less => false,
        },
        Rounding::HalfUp => half_cmp != Ordering::Less,
        Rounding::HalfDown => half_cmp == Ordering::Greater,
        Rounding::Up => true,
        Rounding::Down => false,
        Rounding::Ceiling => !negative,
        Rounding::Floor => negative,
    };
    if away {
        q + if (n < 0) != (d < 0) { -1 } else { 1 }
    } else {
        q
    }
}

impl Decimal {
    fn new(coefficient: i128, exponent: i32) -> Decimal {
        Decimal {
            coefficient,
            exponent,
            negative_zero: false,
        }
    }

    /// Parse CPython's decimal literal syntax (`"1.50"`, `"-3"`, `"2e3"`, `" 7 "`).
    pub fn parse(text: &str) -> Option<Decimal> {
        let t = text.trim().replace('_', "");
        let (mantissa, exp) = match t.find(['e', 'E']) {
            Some(i) => (&t[..i], t[i + 1..].parse::<i32>().ok()?),
            None => (&t[..], 0),
        };
        let (neg, body) = match mantissa.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
            return None;
        }
        let all = format!("{int}{frac}");
        let magnitude: i128 = all
            .trim_start_matches('0')
            .parse()
            .or_else(|_| {
                if all.chars().all(|c| c == '0') {
                    Ok(0)
                } else {
                    Err(())
                }
            })
            .ok()?;
        let exponent = exp.checked_sub(i32::try_from(frac.len()).ok()?)?;
        Some(Decimal {
            coefficient: if neg { -magnitude } else { magnitude },
            exponent,
            negative_zero: neg && magnitude == 0,
        })
    }

    /// The coefficient scaled to `exponent` (which must not exceed `self.exponent`).
    fn at(self, exponent: i32) -> Option<i128> {
        let shift = u32::try_from(self.exponent.checked_sub(exponent)?).ok()?;
        self.coefficient.checked_mul(pow10(shift)?)
    }

    fn compare(self, other: Decimal) -> Option<Ordering> {
        let e = self.exponent.min(other.exponent);
        Some(self.at(e)?.cmp(&other.at(e)?))
    }

    /// Round to at most [`PRECISION`] significant digits.
    fn round_to_precision(self) -> Decimal {
        let d = digits(self.coefficient);
        if d <= PRECISION {
            return self;
        }
        let drop = d - PRECISION;
        match pow10(drop) {
            Some(p) => Decimal::new(
                div_half_even(self.coefficient, p),
                self.exponent + drop as i32,
            ),
            None => self,
        }
    }

    /// `quantize`: the same value at `exponent`, rounding half-even.
    fn quantize(self, exponent: i32) -> Option<Decimal> {
        self.quantize_with(exponent, Rounding::HalfEven)
    }

    fn quantize_with(self, exponent: i32, mode: Rounding) -> Option<Decimal> {
        if exponent <= self.exponent {
            return Some(Decimal::new(self.at(exponent)?, exponent));
        }
        let p = pow10(u32::try_from(exponent - self.exponent).ok()?)?;
        Some(Decimal::new(div_round(self.coefficient, p, mode), exponent))
    }

    /// `a / b` as CPython's default context computes it.
    fn divide(self, other: Decimal) -> Option<Decimal> {
        let ideal = self.exponent.checked_sub(other.exponent)?;
        // Scale the dividend so the quotient has PRECISION + 1 digits to round from.
        let extra =
            (PRECISION + 1 + digits(other.coefficient)).saturating_sub(digits(self.coefficient));
        let mut shift = extra;
        let n = loop {
            match pow10(shift).and_then(|p| self.coefficient.checked_mul(p)) {
                Some(n) => break n,
                None if shift > 0 => shift -= 1,
                None => return None,
            }
        };
        let exact = n % other.coefficient == 0;
        let mut q = Decimal::new(div_half_even(n, other.coefficient), ideal - shift as i32)
            .round_to_precision();
        if exact {
            // An exact quotient drops trailing zeros down to the ideal exponent.
            while q.exponent < ideal && q.coefficient % 10 == 0 && q.coefficient != 0 {
                q = Decimal::new(q.coefficient / 10, q.exponent + 1);
            }
            if q.coefficient == 0 {
                q.exponent = ideal;
            }
        }
        Some(q)
    }

    /// As a float.
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl std::fmt::Display for Decimal {
    /// CPython's `to-sci-string`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.coefficient < 0 || self.negative_zero {
            "-"
        } else {
            ""
        };
        let c = self.coefficient.unsigned_abs().to_string();
        let exp = i64::from(self.exponent);
        let adjusted = exp + c.len() as i64 - 1;
        if exp <= 0 && adjusted >= -6 {
            let point = c.len() as i64 + exp;
            let body = if exp == 0 {
                c
            } else if point > 0 {
                format!("{}.{}", &c[..point as usize], &c[point as usize..])
            } else {
                format!("0.{}{c}", "0".repeat((-point) as usize))
            };
            return write!(f, "{sign}{body}");
        }
        let (head, tail) = c.split_at(1);
        let tail = if tail.is_empty() {
            String::new()
        } else {
            format!(".{tail}")
        };
        write!(
            f,
            "{sign}{head}{tail}E{}{adjusted}",
            if adjusted >= 0 { "+" } else { "" }
        )
    }
}

/// A `Decimal` value with the class `type()` reports.
struct DecimalObject {
    value: Decimal,
    class: Rc<Class>,
}

impl DecimalObject {
    fn wrap(&self, value: Decimal) -> Value {
        Value::Object(Rc::new(DecimalObject {
            value,
            class: self.class.clone(),
        }))
    }
}

fn to_decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::Int(n) => Some(Decimal::new(i128::from(*n), 0)),
        Value::Bool(b) => Some(Decimal::new(i128::from(*b), 0)),
        Value::Object(o) => o.as_any().downcast_ref::<DecimalObject>().map(|d| d.value),
        _ => None,
    }
}

fn overflow(i: &Interpreter) -> crate::exceptions::Exc {
    i.exc("OverflowError", "Decimal result too large for Retort")
}

impl NativeObject for DecimalObject {
    fn type_name(&self) -> String {
        "decimal.Decimal".into()
    }
    fn class(&self) -> Option<Rc<Class>> {
        Some(self.class.clone())
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("Decimal('{}')", self.value))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.value.to_string())
    }
    fn truthy(&self) -> Option<bool> {
        Some(self.value.coefficient != 0)
    }
    fn hash_key(&self) -> Option<HashKey> {
        let mut d = self.value;
        while d.exponent < 0 && d.coefficient % 10 == 0 {
            d = Decimal::new(d.coefficient / 10, d.exponent + 1);
        }
        match (d.exponent, d.at(0).and_then(|c| i64::try_from(c).ok())) {
            (e, Some(n)) if e >= 0 => Some(HashKey::Int(n)),
            _ => Some(HashKey::Str(Rc::from(format!("Decimal:{d}")))),
        }
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let d = self.value;
        let this = this.clone();
        Ok(Some(match name {
            "quantize" => NativeFunction::value("quantize", move |i, mut a: Args| {
                let Some(exp) = a.pos.first().and_then(to_decimal) else {
                    return Err(i.type_error("quantize() needs a Decimal"));
                };
                let mode = match a.take_kw("rounding").or_else(|| a.pos.get(1).cloned()) {
                    None | Some(Value::None) => Rounding::HalfEven,
                    Some(Value::Str(s)) => match ROUNDINGS.iter().find(|(n, _)| *n == &*s) {
                        Some((_, m)) => *m,
                        None => {
                            return Err(i.exc(
                                "NotImplementedError",
                                format!("Decimal rounding {s} is not supported by Retort"),
                            ));
                        }
                    },
                    Some(_) => return Err(i.type_error("valid values for rounding are: [ROUND_CEILING, ROUND_FLOOR, ROUND_UP, ROUND_DOWN, ROUND_HALF_UP, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_05UP]")),
                };
                let Value::Object(o) = &this else {
                    return Err(overflow(i));
                };
                let Some(me) = o.as_any().downcast_ref::<DecimalObject>() else {
                    return Err(overflow(i));
                };
                d.quantize_with(exp.exponent, mode)
                    .map(|q| me.wrap(q))
                    .ok_or_else(|| overflow(i))
            }),
            "normalize" => NativeFunction::value("normalize", move |_, _| {
                let mut n = d;
                while n.coefficient != 0 && n.coefficient % 10 == 0 {
                    n = Decimal::new(n.coefficient / 10, n.exponent + 1);
                }
                if n.coefficient == 0 {
                    n.exponent = 0;
                }
                Ok(match &this {
                    Value::Object(o) => match o.as_any().downcast_ref::<DecimalObject>() {
                        Some(me) => me.wrap(n),
                        None => Value::None,
                    },
                    _ => Value::None,
                })
            }),
            "__round__" => {
                NativeFunction::value("__round__", move |i, a: Args| match a.pos.first() {
                    None | Some(Value::None) => {
                        let q = d.quantize(0).ok_or_else(|| overflow(i))?;
                        i64::try_from(q.coefficient)
                            .map(Value::Int)
                            .map_err(|_| overflow(i))
                    }
                    Some(Value::Int(n)) => {
                        let Value::Object(o) = &this else {
                            return Err(overflow(i));
                        };
                        let Some(me) = o.as_any().downcast_ref::<DecimalObject>() else {
                            return Err(overflow(i));
                        };
                        let exp = i32::try_from(-n).map_err(|_| overflow(i))?;
                        d.quantize(exp)
                            .map(|q| me.wrap(q))
                            .ok_or_else(|| overflow(i))
                    }
                    Some(_) => Err(i.type_error("ndigits must be an int")),
                })
            }
            "__int__" => NativeFunction::value("__int__", move |i, _| {
                let t = if d.exponent >= 0 {
                    d.at(0)
                } else {
                    pow10((-d.exponent) as u32).map(|p| d.coefficient / p)
                };
                t.and_then(|t| i64::try_from(t).ok())
                    .map(Value::Int)
                    .ok_or_else(|| overflow(i))
            }),
            "__float__" => {
                NativeFunction::value("__float__", move |_, _| Ok(Value::Float(d.to_f64())))
            }
            "__format__" => NativeFunction::value("__format__", move |i, a: Args| {
                let spec = match a.pos.first() {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => String::new(),
                };
                format_decimal(i, d, &spec)
            }),
            _ => return Ok(None),
        }))
    }
    fn binary_op(
        &self,
        interp: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        let Some(o) = to_decimal(other) else {
            if let Value::Float(_) = other {
                if matches!(op, "==" | "!=") {
                    return Some(Ok(Value::Bool(op == "!=")));
                }
                if !matches!(op, "<" | "<=" | ">" | ">=") {
                    let (l, r) = if reflected {
                        ("float", "decimal.Decimal")
                    } else {
                        ("decimal.Decimal", "float")
                    };
                    return Some(Err(interp.type_error(format!(
                        "unsupported operand type(s) for {op}: '{l}' and '{r}'"
                    ))));
                }
            }
            return None;
        };
        let (a, b) = if reflected {
            (o, self.value)
        } else {
            (self.value, o)
        };
        let e = a.exponent.min(b.exponent);
        let aligned = a.at(e).zip(b.at(e));
        let num = |d: Option<Decimal>| -> PyResult<Value> {
            d.map(|d| self.wrap(d.round_to_precision()))
                .ok_or_else(|| overflow(interp))
        };
        let zero_div = |interp: &Interpreter| {
            interp.exc("ZeroDivisionError", "[<class 'decimal.DivisionByZero'>]")
        };
        let cmp = a.compare(b);
        Some(match op {
            "+" => num(aligned
                .and_then(|(x, y)| x.checked_add(y))
                .map(|c| Decimal::new(c, e))),
            "-" => num(aligned
                .and_then(|(x, y)| x.checked_sub(y))
                .map(|c| Decimal::new(c, e))),
            "*" => num(a
                .coefficient
                .checked_mul(b.coefficient)
                .map(|c| Decimal::new(c, a.exponent + b.exponent))),
            "/" if b.coefficient == 0 => Err(zero_div(interp)),
            "/" => num(a.divide(b)),
            "//" | "%" if b.coefficient == 0 => Err(zero_div(interp)),
            "//" => num(aligned.map(|(x, y)| Decimal::new(x / y, 0))),
            "%" => num(aligned.map(|(x, y)| Decimal::new(x % y, e))),
            "==" => Ok(Value::Bool(cmp == Some(Ordering::Equal))),
            "!=" => Ok(Value::Bool(cmp != Some(Ordering::Equal))),
            "<" => Ok(Value::Bool(cmp == Some(Ordering::Less))),
            "<=" => Ok(Value::Bool(matches!(
                cmp,
                Some(Ordering::Less | Ordering::Equal)
            ))),
            ">" => Ok(Value::Bool(cmp == Some(Ordering::Greater))),
            ">=" => Ok(Value::Bool(matches!(
                cmp,
                Some(Ordering::Greater | Ordering::Equal)
            ))),
            _ => return None,
        })
    }
    fn unary_op(&self, _: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        let c = self.value.coefficient;
        let coefficient = match op {
            "-" => -c,
            "+" => c,
            "abs" => c.abs(),
            _ => return None,
        };
        Some(Ok(self.wrap(Decimal::new(coefficient, self.value.exponent))))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `decimal.InvalidOperation` (an `ArithmeticError`), made once per interpreter under the
/// name `i.exc` looks up.
fn invalid_operation(i: &mut Interpreter) -> Option<Rc<crate::class::Class>> {
    const KEY: &str = "InvalidOperation";
    if let Some(class) = i.exception_class(KEY) {
        return Some(class);
    }
    let bases = vec![i.exception_class("ArithmeticError")?];
    let mro = crate::class::c3_mro(&bases)?;
    let mut class = crate::class::Class::new("InvalidOperation", "decimal", bases, mro);
    class.builtin = Some(crate::class::Builtin::Exception);
    let class = Rc::new(class);
    i.types.exceptions.insert(KEY.to_owned(), Rc::clone(&class));
    Some(class)
}

/// Register `decimal`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("decimal", |i| {
        let m = Module::new("decimal");
        let class = i.native_class("Decimal", "decimal");
        let cls = class.clone();
        class.dict.borrow_mut().insert(
            "__new__".into(),
            NativeFunction::value("__new__", move |i, a: Args| {
                let v = a.pos.get(1).cloned().unwrap_or(Value::Int(0));
                let d = match &v {
                    Value::Str(s) => Decimal::parse(s),
                    Value::Float(_) => {
                        return Err(i.exc(
                            "NotImplementedError",
                            "Decimal(float) is not supported by Retort; use Decimal(str)",
                        ));
                    }
                    other => to_decimal(other),
                };
                match d {
                    Some(value) => Ok(Value::Object(Rc::new(DecimalObject {
                        value,
                        class: cls.clone(),
                    }))),
                    None => Err(i.exc("InvalidOperation", "[<class 'decimal.ConversionSyntax'>]")),
                }
            }),
        );
        m.set("Decimal", Value::Class(class));
        for (name, _) in ROUNDINGS {
            m.set(name, Value::str(name));
        }
        m.set("ROUND_05UP", Value::str("ROUND_05UP"));
        if let Some(c) = invalid_operation(i) {
            m.set("InvalidOperation", Value::Class(c.clone()));
            m.set("DecimalException", Value::Class(c));
        }
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
#[path = "decimal_tests.rs"]
mod tests;
