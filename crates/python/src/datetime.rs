//! The `datetime` module's `date`, `datetime`, `time`, `timedelta` and `timezone`:
//! construction, attributes, `str`/`repr`/`isoformat`/`strftime` as CPython prints them,
//! comparisons, and the arithmetic tutorials use (`date ± timedelta`, `date - date`,
//! `timedelta * int`). `now()`/`utcnow()`/`today()` read the host clock (the browser's on
//! wasm32). Arithmetic is in `datetime_ops.rs`, time zones (fixed offsets, aware
//! datetimes) in `datetime_tz.rs`, parsing and the rarer methods in `datetime_extra.rs`.

use crate::calendar::{checked_date, civil_from_days, delta_text};
use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::{HashKey, Value};
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

pub(crate) const US_PER_DAY: i64 = 86_400_000_000;

#[path = "datetime_extra.rs"]
mod extra;
#[path = "datetime_ops.rs"]
mod ops;
#[path = "datetime_tz.rs"]
mod tz;

/// A date, a date and time, or a duration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    /// Days since 1970-01-01.
    Date(i64),
    /// Days since 1970-01-01 and microseconds into that day.
    DateTime(i64, i64),
    /// A duration in microseconds.
    Delta(i64),
    /// A time of day, microseconds since midnight.
    Time(i64),
}

#[derive(Clone)]
struct Object {
    kind: Kind,
    class: Rc<Class>,
    /// The `tzinfo` of an aware datetime (a `datetime.timezone`); None when naive.
    tz: Option<Value>,
}

/// The module's three classes (so results of arithmetic get the right `type()`).
#[derive(Clone)]
struct Classes {
    date: Rc<Class>,
    datetime: Rc<Class>,
    timedelta: Rc<Class>,
    time: Rc<Class>,
    timezone: Option<Rc<Class>>,
}

impl Object {
    fn ymd(&self) -> (i64, i64, i64) {
        match self.kind {
            Kind::Date(d) | Kind::DateTime(d, _) => civil_from_days(d),
            Kind::Delta(_) => (0, 0, 0),
            Kind::Time(_) => (1900, 1, 1),
        }
    }

    fn clock(&self) -> (i64, i64, i64, i64) {
        let us = match self.kind {
            Kind::DateTime(_, us) | Kind::Time(us) => us,
            _ => 0,
        };
        (
            us / 3_600_000_000,
            us / 60_000_000 % 60,
            us / 1_000_000 % 60,
            us % 1_000_000,
        )
    }

    fn text(&self, sep: char) -> String {
        let (y, m, d) = self.ymd();
        let date = format!("{y:04}-{m:02}-{d:02}");
        match self.kind {
            Kind::Date(_) => date,
            Kind::DateTime(..) => {
                let (h, mi, s, us) = self.clock();
                let frac = if us > 0 {
                    format!(".{us:06}")
                } else {
                    String::new()
                };
                let zone = self
                    .offset()
                    .map(|off| tz::offset_text(off, true))
                    .unwrap_or_default();
                format!("{date}{sep}{h:02}:{mi:02}:{s:02}{frac}{zone}")
            }
            Kind::Delta(us) => delta_text(us),
            Kind::Time(_) => extra::time_text(self),
        }
    }

    fn strftime(&self, fmt: &str) -> String {
        let (y, m, d) = self.ymd();
        let (h, mi, s, us) = self.clock();
        const DAYS: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let weekday = self.weekday() as usize;
        let month = MONTHS[(m.clamp(1, 12) - 1) as usize];
        let mut out = String::new();
        let mut chars = fmt.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('Y') => out += &format!("{y:04}"),
                Some('y') => out += &format!("{:02}", y % 100),
                Some('m') => out += &format!("{m:02}"),
                Some('d') => out += &format!("{d:02}"),
                Some('H') => out += &format!("{h:02}"),
                Some('I') => out += &format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 }),
                Some('p') => out += if h < 12 { "AM" } else { "PM" },
                Some('M') => out += &format!("{mi:02}"),
                Some('S') => out += &format!("{s:02}"),
                Some('f') => out += &format!("{us:06}"),
                Some('A') => out += DAYS[weekday],
                Some('a') => out += &DAYS[weekday][..3],
                Some('B') => out += month,
                Some('b') => out += &month[..3],
                Some('%') => out.push('%'),
                Some(other) if extra::directive(self, other).is_some() => {
                    out += &extra::directive(self, other).unwrap_or_default();
                }
                Some(other) => {
                    out.push('%');
                    out.push(other);
                }
                None => out.push('%'),
            }
        }
        out
    }

    fn weekday(&self) -> i64 {
        match self.kind {
            // 1970-01-01 was a Thursday (weekday 3).
            Kind::Date(d) | Kind::DateTime(d, _) => (d + 3).rem_euclid(7),
            Kind::Delta(_) | Kind::Time(_) => 0,
        }
    }
}

fn kind_of(v: &Value) -> Option<Kind> {
    match v {
        Value::Object(o) => o.as_any().downcast_ref::<Object>().map(|o| o.kind),
        _ => None,
    }
}

impl NativeObject for Object {
    fn type_name(&self) -> String {
        self.class.name.clone()
    }
    fn class(&self) -> Option<Rc<Class>> {
        Some(self.class.clone())
    }
    fn repr(&self, interp: &mut Interpreter) -> PyResult<String> {
        Ok(match self.kind {
            Kind::Date(_) => {
                let (y, m, d) = self.ymd();
                format!("datetime.date({y}, {m}, {d})")
            }
            Kind::DateTime(..) => {
                let (y, m, d) = self.ymd();
                let (h, mi, s, us) = self.clock();
                let mut parts = vec![y, m, d, h, mi, s, us];
                while parts.len() > 5 && parts.last() == Some(&0) {
                    parts.pop();
                }
                let mut parts: Vec<String> = parts.iter().map(i64::to_string).collect();
                if let Some(tz) = &self.tz {
                    parts.push(format!("tzinfo={}", interp.repr(tz)?));
                }
                format!("datetime.datetime({})", parts.join(", "))
            }
            Kind::Time(_) => extra::time_repr(self),
            Kind::Delta(us) => delta_repr(us),
        })
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.text(' '))
    }
    fn hash_key(&self) -> Option<HashKey> {
        let (tag, a, b) = match self.kind {
            Kind::Date(d) => (0, d, 0),
            Kind::DateTime(..) if self.tz.is_some() => (4, self.instant(), 0),
            Kind::DateTime(d, us) => (1, d, us),
            Kind::Delta(us) => (2, us, 0),
            Kind::Time(us) => (3, us, 0),
        };
        Some(HashKey::Tuple(vec![
            HashKey::Str(Rc::from("datetime")),
            HashKey::Int(tag),
            HashKey::Int(a),
            HashKey::Int(b),
        ]))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (y, m, d) = self.ymd();
        let (h, mi, s, us) = self.clock();
        if let Some(v) = tz::attr(self, name) {
            return Ok(Some(v));
        }
        let me = self.clone();
        let text = |sep| me.text(sep);
        Ok(Some(match (self.kind, name) {
            (Kind::Delta(t), "days") => Value::Int(t.div_euclid(US_PER_DAY)),
            (Kind::Delta(t), "seconds") => Value::Int(t.rem_euclid(US_PER_DAY) / 1_000_000),
            (Kind::Delta(t), "microseconds") => Value::Int(t.rem_euclid(1_000_000)),
            (Kind::Delta(t), "total_seconds") => {
                NativeFunction::value("total_seconds", move |_, _| {
                    Ok(Value::Float(t as f64 / 1e6))
                })
            }
            (Kind::Delta(_), _) => return Ok(None),
            (Kind::Time(_), "year" | "month" | "day" | "weekday" | "date") => return Ok(None),
            (_, "year") => Value::Int(y),
            (_, "month") => Value::Int(m),
            (_, "day") => Value::Int(d),
            (Kind::DateTime(..) | Kind::Time(_), "hour") => Value::Int(h),
            (Kind::DateTime(..) | Kind::Time(_), "minute") => Value::Int(mi),
            (Kind::DateTime(..) | Kind::Time(_), "second") => Value::Int(s),
            (Kind::DateTime(..) | Kind::Time(_), "microsecond") => Value::Int(us),
            (_, "isoformat") => {
                let t = text('T');
                NativeFunction::value("isoformat", move |_, _| Ok(Value::str(&t)))
            }
            (_, "weekday") => {
                let w = me.weekday();
                NativeFunction::value("weekday", move |_, _| Ok(Value::Int(w)))
            }
            (_, "strftime") => {
                NativeFunction::value("strftime", move |i, a: Args| match a.pos.first() {
                    Some(Value::Str(f)) => Ok(Value::str(&me.strftime(f))),
                    _ => Err(i.type_error("strftime() argument 1 must be str")),
                })
            }
            (Kind::DateTime(days, _), "date") => {
                let date_class = self
                    .class
                    .bases
                    .first()
                    .cloned()
                    .unwrap_or_else(|| self.class.clone());
                NativeFunction::value("date", move |_, _| {
                    Ok(Value::Object(Rc::new(Object {
                        kind: Kind::Date(days),
                        class: date_class.clone(),
                        tz: None,
                    })))
                })
            }
            _ => return Ok(extra::attr(self, name)),
        }))
    }
    fn unary_op(&self, _: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        extra::unary(self, op).map(Ok)
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        ops::binary_op(self, i, op, other, reflected)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl Object {
    /// The sibling classes, found through this object's class.
    fn classes(&self) -> Classes {
        let get = |name: &str| {
            self.class
                .dict
                .borrow()
                .get(&format!("_retort_{name}"))
                .and_then(|v| match v {
                    Value::Class(c) => Some(c.clone()),
                    _ => None,
                })
        };
        let fallback = self.class.clone();
        Classes {
            date: get("date").unwrap_or_else(|| fallback.clone()),
            datetime: get("datetime").unwrap_or_else(|| fallback.clone()),
            timedelta: get("timedelta").unwrap_or_else(|| fallback.clone()),
            time: get("time").unwrap_or(fallback),
            timezone: get("timezone"),
        }
    }
}

/// `datetime.timedelta(days=-1, seconds=68400)` for a duration in microseconds.
fn delta_repr(us: i64) -> String {
    let (days, rest) = (us.div_euclid(US_PER_DAY), us.rem_euclid(US_PER_DAY));
    let mut parts = Vec::new();
    for (name, v) in [
        ("days", days),
        ("seconds", rest / 1_000_000),
        ("microseconds", rest % 1_000_000),
    ] {
        if v != 0 {
            parts.push(format!("{name}={v}"));
        }
    }
    if parts.is_empty() {
        parts.push("0".into());
    }
    format!("datetime.timedelta({})", parts.join(", "))
}

/// Seconds since the Unix epoch, from the host clock (`time.time()`).
pub(crate) fn now_seconds(i: &Interpreter) -> PyResult<f64> {
    Ok(now_us(i)? as f64 / 1e6)
}

/// Microseconds since the Unix epoch, from the host clock.
fn now_us(i: &Interpreter) -> PyResult<i64> {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    {
        let _ = i;
        Ok((js_sys::Date::now() * 1000.0) as i64)
    }
    #[cfg(not(all(target_family = "wasm", target_os = "unknown")))]
    {
        let since = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|_| i.exc("OSError", "the system clock is before 1970"))?;
        i64::try_from(since.as_micros()).map_err(|_| i.overflow())
    }
}

fn int_args(
    i: &Interpreter,
    a: &Args,
    names: &[&str],
    required: usize,
    what: &str,
) -> PyResult<Vec<i64>> {
    let mut out = Vec::new();
    for (k, name) in names.iter().enumerate() {
        let v = a
            .pos
            .get(k + 1)
            .cloned()
            .or_else(|| a.kw.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()));
        match v {
            Some(Value::Int(n)) => out.push(n),
            Some(other) => {
                return Err(i.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )));
            }
            None if k < required => {
                return Err(i.type_error(format!(
                    "{what}() missing required argument '{name}' (pos {})",
                    k + 1
                )));
            }
            None => out.push(0),
        }
    }
    Ok(out)
}

/// Register `datetime`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("datetime", |i| {
        let m = Module::new("datetime");
        let date = i.native_class("date", "datetime");
        let datetime = {
            let mut c = Class::new("datetime", "datetime", vec![date.clone()], {
                let mut mro = vec![date.clone()];
                mro.extend(date.mro.iter().cloned());
                mro
            });
            c.builtin = Some(crate::class::Builtin::Native);
            Rc::new(c)
        };
        let timedelta = i.native_class("timedelta", "datetime");
        let time = extra::time_class(i, &datetime);
        let timezone = tz::timezone_class(i, &timedelta);
        tz::install(&datetime, now_us);
        for c in [&date, &datetime, &timedelta, &time] {
            let mut d = c.dict.borrow_mut();
            d.insert("_retort_date".into(), Value::Class(date.clone()));
            d.insert("_retort_datetime".into(), Value::Class(datetime.clone()));
            d.insert("_retort_timedelta".into(), Value::Class(timedelta.clone()));
            d.insert("_retort_time".into(), Value::Class(time.clone()));
            d.insert("_retort_timezone".into(), Value::Class(timezone.clone()));
        }
        let obj = |kind, class: &Rc<Class>| {
            Value::Object(Rc::new(Object {
                kind,
                class: class.clone(),
                tz: None,
            }))
        };
        let (dc, dtc, tdc) = (date.clone(), datetime.clone(), timedelta.clone());
        date.dict.borrow_mut().insert(
            "__new__".into(),
            NativeFunction::value("__new__", move |i, a| {
                let v = int_args(i, &a, &["year", "month", "day"], 3, "date")?;
                Ok(obj(Kind::Date(checked_date(i, v[0], v[1], v[2])?), &dc))
            }),
        );
        let dc = date.clone();
        date.dict.borrow_mut().insert(
            "today".into(),
            NativeFunction::value("today", move |i, _| {
                Ok(obj(Kind::Date(now_us(i)?.div_euclid(US_PER_DAY)), &dc))
            }),
        );
        let c = dtc.clone();
        datetime.dict.borrow_mut().insert(
            "__new__".into(),
            NativeFunction::value("__new__", move |i, a| {
                let names = [
                    "year",
                    "month",
                    "day",
                    "hour",
                    "minute",
                    "second",
                    "microsecond",
                ];
                let v = int_args(i, &a, &names, 3, "datetime")?;
                let tzinfo = tz::tz_arg(i, &a, 8)?;
                let days = checked_date(i, v[0], v[1], v[2])?;
                let limits = [
                    ("hour", 24),
                    ("minute", 60),
                    ("second", 60),
                    ("microsecond", 1_000_000),
                ];
                for (k, (name, limit)) in limits.iter().enumerate() {
                    if !(0..*limit).contains(&v[k + 3]) {
                        return Err(i.value_error(format!("{name} must be in 0..{}", limit - 1)));
                    }
                }
                let us = ((v[3] * 60 + v[4]) * 60 + v[5]) * 1_000_000 + v[6];
                Ok(Value::Object(Rc::new(Object {
                    kind: Kind::DateTime(days, us),
                    class: c.clone(),
                    tz: tzinfo,
                })))
            }),
        );
        for name in ["utcnow", "today"] {
            let c = dtc.clone();
            datetime.dict.borrow_mut().insert(
                name.into(),
                NativeFunction::value(name, move |i, _| {
                    let t = now_us(i)?;
                    Ok(obj(
                        Kind::DateTime(t.div_euclid(US_PER_DAY), t.rem_euclid(US_PER_DAY)),
                        &c,
                    ))
                }),
            );
        }
        timedelta.dict.borrow_mut().insert(
            "__new__".into(),
            NativeFunction::value("__new__", move |i, a| {
                let units = [
                    ("days", US_PER_DAY as f64),
                    ("seconds", 1e6),
                    ("microseconds", 1.0),
                    ("milliseconds", 1e3),
                    ("minutes", 6e7),
                    ("hours", 3.6e9),
                    ("weeks", 7.0 * US_PER_DAY as f64),
                ];
                let mut total = 0f64;
                for (k, (name, scale)) in units.iter().enumerate() {
                    let v = a
                        .pos
                        .get(k + 1)
                        .or_else(|| a.kw.iter().find(|(n, _)| n == name).map(|(_, v)| v));
                    total += match v {
                        None => 0.0,
                        Some(Value::Int(n)) => *n as f64 * scale,
                        Some(Value::Float(f)) => f * scale,
                        Some(other) => {
                            return Err(i.type_error(format!(
                                "unsupported type for timedelta {name} component: {}",
                                other.type_name()
                            )));
                        }
                    };
                }
                if !total.is_finite() || total.abs() > 8.64e19 {
                    return Err(i.overflow());
                }
                Ok(obj(Kind::Delta(total.round_ties_even() as i64), &tdc))
            }),
        );
        extra::install(&date, &datetime);
        m.set("date", Value::Class(date));
        m.set("datetime", Value::Class(datetime));
        m.set("timedelta", Value::Class(timedelta));
        m.set("time", Value::Class(time));
        m.set("timezone", Value::Class(timezone));
        Ok(Rc::new(m))
    });
}
