//! `decimal.Decimal`: exact decimal numbers as a scaled integer (what Numeric columns
//! return). Supports construction from str/int, `repr`/`str`, `+ - *`, comparisons and
//! `float()`; division and construction from float raise NotImplementedError for now.

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::{HashKey, Value};
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cmp::Ordering;
use std::rc::Rc;

/// A decimal number: `mantissa × 10^-scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    /// The digits as an integer.
    pub mantissa: i128,
    /// How many of them are after the point.
    pub scale: u32,
}

impl Decimal {
    /// Parse `"1.50"`, `"-3"`, `"2e3"` is not supported (returns None).
    pub fn parse(text: &str) -> Option<Decimal> {
        let t = text.trim().replace('_', "");
        let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
        if !frac.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let digits = format!("{int}{frac}");
        let mantissa = digits.parse::<i128>().ok()?;
        Some(Decimal {
            mantissa,
            scale: frac.len() as u32,
        })
    }

    fn rescale(self, scale: u32) -> Option<i128> {
        self.mantissa
            .checked_mul(10i128.checked_pow(scale.checked_sub(self.scale)?)?)
    }

    fn cmp(self, other: Decimal) -> Ordering {
        let s = self.scale.max(other.scale);
        match (self.rescale(s), other.rescale(s)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => Ordering::Equal,
        }
    }

    /// As a float.
    pub fn to_f64(self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let neg = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let body = if scale == 0 {
            digits
        } else if digits.len() > scale {
            format!(
                "{}.{}",
                &digits[..digits.len() - scale],
                &digits[digits.len() - scale..]
            )
        } else {
            format!("0.{}{}", "0".repeat(scale - digits.len()), digits)
        };
        write!(f, "{}{body}", if neg { "-" } else { "" })
    }
}

fn to_decimal(v: &Value) -> Option<Decimal> {
    match v {
        Value::Int(n) => Some(Decimal {
            mantissa: i128::from(*n),
            scale: 0,
        }),
        Value::Bool(b) => Some(Decimal {
            mantissa: i128::from(*b),
            scale: 0,
        }),
        Value::Object(o) => o.as_any().downcast_ref::<Decimal>().copied(),
        _ => None,
    }
}

impl NativeObject for Decimal {
    fn type_name(&self) -> String {
        "Decimal".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("Decimal('{self}')"))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.to_string())
    }
    fn truthy(&self) -> Option<bool> {
        Some(self.mantissa != 0)
    }
    fn hash_key(&self) -> Option<HashKey> {
        let mut d = *self;
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d.mantissa /= 10;
            d.scale -= 1;
        }
        Some(match (d.scale, i64::try_from(d.mantissa)) {
            (0, Ok(n)) => HashKey::Int(n),
            _ => HashKey::Str(Rc::from(format!("Decimal:{d}"))),
        })
    }
    fn binary_op(
        &self,
        interp: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        if op == "float" {
            return Some(Ok(Value::Float(self.to_f64())));
        }
        let Some(o) = to_decimal(other) else {
            if let Value::Float(_) = other {
                if matches!(op, "==" | "!=") {
                    return Some(Ok(Value::Bool(op == "!=")));
                }
                return Some(Err(interp.type_error(format!(
                    "unsupported operand type(s) for {op}: 'decimal.Decimal' and 'float'"
                ))));
            }
            return None;
        };
        let (a, b) = if reflected { (o, *self) } else { (*self, o) };
        let s = a.scale.max(b.scale);
        let overflow = || interp.exc("OverflowError", "Decimal result too large for Retort");
        let (Some(x), Some(y)) = (a.rescale(s), b.rescale(s)) else {
            return Some(Err(overflow()));
        };
        let num = |m: Option<i128>, scale: u32| -> PyResult<Value> {
            match m {
                Some(mantissa) => Ok(Value::Object(Rc::new(Decimal { mantissa, scale }))),
                None => Err(interp.exc("OverflowError", "Decimal result too large for Retort")),
            }
        };
        Some(match op {
            "+" => num(x.checked_add(y), s),
            "-" => num(x.checked_sub(y), s),
            "*" => num(a.mantissa.checked_mul(b.mantissa), a.scale + b.scale),
            "==" => Ok(Value::Bool(a.cmp(b) == Ordering::Equal)),
            "!=" => Ok(Value::Bool(a.cmp(b) != Ordering::Equal)),
            "<" => Ok(Value::Bool(a.cmp(b) == Ordering::Less)),
            "<=" => Ok(Value::Bool(a.cmp(b) != Ordering::Greater)),
            ">" => Ok(Value::Bool(a.cmp(b) == Ordering::Greater)),
            ">=" => Ok(Value::Bool(a.cmp(b) != Ordering::Less)),
            other => Err(interp.exc(
                "NotImplementedError",
                format!("Decimal operator {other} is not supported by Retort"),
            )),
        })
    }
    fn unary_op(&self, _: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        let mantissa = match op {
            "-" => -self.mantissa,
            "+" => self.mantissa,
            "abs" => self.mantissa.abs(),
            _ => return None,
        };
        Some(Ok(Value::Object(Rc::new(Decimal {
            mantissa,
            scale: self.scale,
        }))))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Register `decimal`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("decimal", |_| {
        let m = Module::new("decimal");
        m.set(
            "Decimal",
            NativeFunction::value("Decimal", |i, a: Args| {
                let v = a.pos.first().cloned().unwrap_or(Value::Int(0));
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
                    Some(d) => Ok(Value::Object(Rc::new(d))),
                    None => Err(i.exc(
                        "decimal.InvalidOperation",
                        "[<class 'decimal.ConversionSyntax'>]",
                    )),
                }
            }),
        );
        Ok(Rc::new(m))
    });
}
