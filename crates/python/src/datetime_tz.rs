//! Time zones for `datetime` (a child module of [`crate::datetime`]): `timezone` (fixed
//! offsets and `timezone.utc`), aware datetimes' `tzinfo`, `utcoffset()`, `tzname()`,
//! `astimezone()`, `timestamp()`, `isoformat()` with its offset suffix, `now(tz)` and
//! `fromtimestamp(ts, tz)`, and CPython's rules between naive and aware datetimes
//! (aware ones compare and subtract as instants; mixing the two is a TypeError).

use super::{Kind, Object, US_PER_DAY, delta_repr};
use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::modules::NativeObject;
use crate::value::{HashKey, Value};
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// A `datetime.timezone`: a fixed offset from UTC, with an optional name.
pub(super) struct TzObject {
    /// The offset in microseconds.
    pub offset: i64,
    /// The name given to `timezone(offset, name)`.
    pub name: Option<String>,
    /// Whether this is the `timezone.utc` singleton.
    utc: bool,
    class: Rc<Class>,
    delta: Rc<Class>,
}

impl TzObject {
    /// `str(tz)` / `tzname()`: the name, else `UTC` or `UTC+05:30`.
    fn label(&self) -> String {
        match &self.name {
            Some(n) => n.clone(),
            None if self.offset == 0 => "UTC".into(),
            None => format!("UTC{}", offset_text(self.offset, true)),
        }
    }
}

/// The offset of a `timezone` value.
pub(super) fn offset_of(v: &Value) -> Option<i64> {
    match v {
        Value::Object(o) => o.as_any().downcast_ref::<TzObject>().map(|t| t.offset),
        _ => None,
    }
}

/// The name `tzname()` and `%Z` give for a `timezone` value.
pub(super) fn label_of(v: &Value) -> Option<String> {
    match v {
        Value::Object(o) => o.as_any().downcast_ref::<TzObject>().map(TzObject::label),
        _ => None,
    }
}

/// `+05:30` (`colon`) or `+0530` (`%z`), with seconds and microseconds when present.
pub(super) fn offset_text(us: i64, colon: bool) -> String {
    let sign = if us < 0 { '-' } else { '+' };
    let a = us.abs();
    let (h, m, s, f) = (
        a / 3_600_000_000,
        a / 60_000_000 % 60,
        a / 1_000_000 % 60,
        a % 1_000_000,
    );
    let sep = if colon { ":" } else { "" };
    let mut out = format!("{sign}{h:02}{sep}{m:02}");
    if s != 0 || f != 0 {
        out += &format!("{sep}{s:02}");
    }
    if f != 0 {
        out += &format!(".{f:06}");
    }
    out
}

fn delta(class: &Rc<Class>, us: i64) -> Value {
    Value::Object(Rc::new(Object {
        kind: Kind::Delta(us),
        class: class.clone(),
        tz: None,
    }))
}

impl NativeObject for TzObject {
    fn type_name(&self) -> String {
        "timezone".into()
    }
    fn class(&self) -> Option<Rc<Class>> {
        Some(self.class.clone())
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        if self.utc {
            return Ok("datetime.timezone.utc".into());
        }
        let d = delta_repr(self.offset);
        Ok(match &self.name {
            Some(n) => format!("datetime.timezone({d}, {})", crate::format::str_repr(n)),
            None => format!("datetime.timezone({d})"),
        })
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.label())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (offset, label, class) = (self.offset, self.label(), self.delta.clone());
        Ok(match name {
            "utcoffset" => Some(NativeFunction::value("utcoffset", move |_, _| {
                Ok(delta(&class, offset))
            })),
            "tzname" => Some(NativeFunction::value("tzname", move |_, _| {
                Ok(Value::str(&label))
            })),
            "dst" => Some(NativeFunction::value("dst", |_, _| Ok(Value::None))),
            _ => None,
        })
    }
    fn binary_op(
        &self,
        _: &mut Interpreter,
        op: &str,
        other: &Value,
        _: bool,
    ) -> Option<PyResult<Value>> {
        let theirs = offset_of(other);
        match op {
            "==" => Some(Ok(Value::Bool(theirs == Some(self.offset)))),
            "!=" => Some(Ok(Value::Bool(theirs != Some(self.offset)))),
            _ => None,
        }
    }
    fn hash_key(&self) -> Option<HashKey> {
        Some(HashKey::Tuple(vec![
            HashKey::Str(Rc::from("timezone")),
            HashKey::Int(self.offset),
        ]))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `datetime.timezone`, with its `utc` singleton.
pub(super) fn timezone_class(i: &Interpreter, timedelta: &Rc<Class>) -> Rc<Class> {
    let tz = i.native_class("timezone", "datetime");
    let utc = Value::Object(Rc::new(TzObject {
        offset: 0,
        name: None,
        utc: true,
        class: tz.clone(),
        delta: timedelta.clone(),
    }));
    tz.dict.borrow_mut().insert("utc".into(), utc.clone());
    let (class, td) = (tz.clone(), timedelta.clone());
    tz.dict.borrow_mut().insert(
        "__new__".into(),
        NativeFunction::value("__new__", move |i, mut a| {
            let offset = a.take_kw("offset").or_else(|| a.pos.get(1).cloned());
            let name = a.take_kw("name").or_else(|| a.pos.get(2).cloned());
            let offset = match offset.as_ref().and_then(super::kind_of) {
                Some(Kind::Delta(us)) => us,
                _ => {
                    let t = offset.map(|v| v.type_name()).unwrap_or_else(|| "NoneType".into());
                    return Err(i.type_error(format!(
                        "timezone() argument 1 must be datetime.timedelta, not {t}"
                    )));
                }
            };
            if offset.abs() >= US_PER_DAY {
                return Err(i.value_error(format!(
                    "offset must be a timedelta strictly between -timedelta(hours=24) and timedelta(hours=24), not {}.",
                    delta_repr(offset)
                )));
            }
            let name = match name {
                None => None,
                Some(Value::Str(s)) => Some(s.to_string()),
                Some(other) => {
                    return Err(i.type_error(format!(
                        "timezone() argument 2 must be str, not {}",
                        other.type_name()
                    )));
                }
            };
            if offset == 0 && name.is_none() {
                return Ok(utc.clone());
            }
            Ok(Value::Object(Rc::new(TzObject {
                offset,
                name,
                utc: false,
                class: class.clone(),
                delta: td.clone(),
            })))
        }),
    );
    tz
}

/// A fixed-offset `timezone` for parsed text (`fromisoformat('...+05:30')`).
pub(super) fn fixed(o: &Object, offset: i64) -> Option<Value> {
    let tz = o.classes().timezone?;
    let utc = tz.dict.borrow().get("utc").cloned();
    if offset == 0 {
        return utc;
    }
    let delta = o.classes().timedelta;
    Some(Value::Object(Rc::new(TzObject {
        offset,
        name: None,
        utc: false,
        class: tz,
        delta,
    })))
}

/// The `tzinfo` argument of a constructor (keyword `tzinfo`/`tz`, or positional `pos`).
pub(super) fn tz_arg(i: &Interpreter, a: &Args, pos: usize) -> PyResult<Option<Value>> {
    let tz =
        a.kw.iter()
            .find(|(k, _)| k == "tzinfo" || k == "tz")
            .map(|(_, v)| v.clone())
            .or_else(|| a.pos.get(pos).cloned());
    match tz {
        None | Some(Value::None) => Ok(None),
        Some(v) if offset_of(&v).is_some() => Ok(Some(v)),
        Some(other) => Err(i.type_error(format!(
            "tzinfo argument must be None or of a tzinfo subclass, not type '{}'",
            other.type_name()
        ))),
    }
}

impl Object {
    /// The UTC offset of an aware datetime.
    pub(super) fn offset(&self) -> Option<i64> {
        self.tz.as_ref().and_then(offset_of)
    }

    /// Microseconds since the epoch of a datetime (its wall time read as UTC when naive).
    pub(super) fn instant(&self) -> i64 {
        match self.kind {
            Kind::DateTime(d, us) => d * US_PER_DAY + us - self.offset().unwrap_or(0),
            Kind::Date(d) => d * US_PER_DAY,
            Kind::Delta(us) | Kind::Time(us) => us,
        }
    }
}

/// A datetime at the epoch instant `t` shown in `tz` (naive when None).
pub(super) fn at_instant(class: &Rc<Class>, t: i64, tz: Option<Value>) -> Value {
    let local = t + tz.as_ref().and_then(offset_of).unwrap_or(0);
    Value::Object(Rc::new(Object {
        kind: Kind::DateTime(local.div_euclid(US_PER_DAY), local.rem_euclid(US_PER_DAY)),
        class: class.clone(),
        tz,
    }))
}

/// Comparison and subtraction of two datetimes when either is aware; None for other ops.
pub(super) fn aware_op(
    i: &Interpreter,
    op: &str,
    a: &Object,
    b: &Object,
) -> Option<PyResult<Value>> {
    let mixed = a.tz.is_some() != b.tz.is_some();
    let (x, y) = (a.instant(), b.instant());
    let cmp = |f: fn(&i64, &i64) -> bool| {
        if mixed {
            Err(i.type_error("can't compare offset-naive and offset-aware datetimes"))
        } else {
            Ok(Value::Bool(f(&x, &y)))
        }
    };
    Some(match op {
        "==" => Ok(Value::Bool(!mixed && x == y)),
        "!=" => Ok(Value::Bool(mixed || x != y)),
        "<" => cmp(i64::lt),
        "<=" => cmp(i64::le),
        ">" => cmp(i64::gt),
        ">=" => cmp(i64::ge),
        "-" if mixed => Err(i.type_error("can't subtract offset-naive and offset-aware datetimes")),
        "-" => Ok(delta(&a.classes().timedelta, x - y)),
        _ => return None,
    })
}

/// The attributes a datetime has about its time zone; None for any other name.
pub(super) fn attr(o: &Object, name: &str) -> Option<Value> {
    if !matches!(o.kind, Kind::DateTime(..)) {
        return None;
    }
    let me = o.clone();
    Some(match name {
        "tzinfo" => o.tz.clone().unwrap_or(Value::None),
        "utcoffset" => NativeFunction::value("utcoffset", move |_, _| {
            Ok(match me.offset() {
                Some(off) => delta(&me.classes().timedelta, off),
                None => Value::None,
            })
        }),
        "tzname" => NativeFunction::value("tzname", move |i, _| match &me.tz {
            Some(tz) => Ok(Value::str(&i.to_str(tz)?)),
            None => Ok(Value::None),
        }),
        "timestamp" => NativeFunction::value("timestamp", move |_, _| {
            Ok(Value::Float(me.instant() as f64 / 1e6))
        }),
        "astimezone" => NativeFunction::value("astimezone", move |i, a| {
            let tz = match tz_arg(i, &a, 0)? {
                Some(tz) => Some(tz),
                // The host's zone: Retort runs in UTC.
                None => local_utc(&me),
            };
            Ok(at_instant(&me.class, me.instant(), tz))
        }),
        "isoformat" => NativeFunction::value("isoformat", move |i, mut a| {
            let sep = match a.take_kw("sep").or_else(|| a.pos.first().cloned()) {
                Some(Value::Str(s)) if s.chars().count() == 1 => s.chars().next().unwrap_or('T'),
                None => 'T',
                Some(_) => {
                    return Err(i.type_error("isoformat() argument 1 must be a unicode character"));
                }
            };
            let spec = match a.take_kw("timespec").or_else(|| a.pos.get(1).cloned()) {
                Some(Value::Str(s)) => s.to_string(),
                _ => "auto".into(),
            };
            isoformat(i, &me, sep, &spec).map(|s| Value::str(&s))
        }),
        _ => return None,
    })
}

/// `timezone(timedelta(0), 'UTC')`: what `astimezone()` gives on a host in UTC.
fn local_utc(o: &Object) -> Option<Value> {
    let tz = o.classes().timezone?;
    Some(Value::Object(Rc::new(TzObject {
        offset: 0,
        name: Some("UTC".into()),
        utc: false,
        class: tz,
        delta: o.classes().timedelta,
    })))
}

/// `dt.isoformat(sep, timespec)`.
fn isoformat(i: &Interpreter, o: &Object, sep: char, spec: &str) -> PyResult<String> {
    let (y, m, d) = o.ymd();
    let (h, mi, s, us) = o.clock();
    let time = match spec {
        "auto" if us == 0 => format!("{h:02}:{mi:02}:{s:02}"),
        "auto" | "microseconds" => format!("{h:02}:{mi:02}:{s:02}.{us:06}"),
        "hours" => format!("{h:02}"),
        "minutes" => format!("{h:02}:{mi:02}"),
        "seconds" => format!("{h:02}:{mi:02}:{s:02}"),
        "milliseconds" => format!("{h:02}:{mi:02}:{s:02}.{:03}", us / 1000),
        _ => return Err(i.value_error("Unknown timespec value")),
    };
    let zone = o
        .offset()
        .map(|off| offset_text(off, true))
        .unwrap_or_default();
    Ok(format!("{y:04}-{m:02}-{d:02}{sep}{time}{zone}"))
}

/// A trailing UTC offset (`Z`, `+05:30`, `-0800`) split off ISO text: the rest and the
/// offset in microseconds.
pub(super) fn split_offset(s: &str) -> (&str, Option<i64>) {
    if let Some(rest) = s.strip_suffix('Z') {
        return (rest, Some(0));
    }
    // The offset follows the time part: look for a sign after the date's own dashes.
    let Some(k) = s
        .get(10..)
        .and_then(|t| t.rfind(['+', '-']))
        .map(|k| k + 10)
    else {
        return (s, None);
    };
    let (rest, off) = s.split_at(k);
    let sign = if off.starts_with('-') { -1 } else { 1 };
    let digits: String = off[1..].chars().filter(char::is_ascii_digit).collect();
    let num = |r: std::ops::Range<usize>| digits.get(r).and_then(|t| t.parse::<i64>().ok());
    match (num(0..2), digits.len()) {
        (Some(h), 2 | 4 | 6) => {
            let mi = num(2..4).unwrap_or(0);
            let sec = num(4..6).unwrap_or(0);
            (rest, Some(sign * ((h * 60 + mi) * 60 + sec) * 1_000_000))
        }
        _ => (s, None),
    }
}

/// `datetime.now(tz)` and `datetime.fromtimestamp(ts, tz)` on the datetime class.
pub(super) fn install(datetime: &Rc<Class>, now_us: fn(&Interpreter) -> PyResult<i64>) {
    let c = datetime.clone();
    datetime.dict.borrow_mut().insert(
        "now".into(),
        NativeFunction::value("now", move |i, mut a| {
            skip_class(&mut a);
            let tz = tz_arg(i, &a, 0)?;
            Ok(at_instant(&c, now_us(i)?, tz))
        }),
    );
    for name in ["fromtimestamp", "utcfromtimestamp"] {
        let c = datetime.clone();
        datetime.dict.borrow_mut().insert(
            name.into(),
            NativeFunction::value(name, move |i, mut a| {
                skip_class(&mut a);
                let t = match a.pos.first() {
                    Some(Value::Int(n)) => n.saturating_mul(1_000_000),
                    Some(Value::Float(f)) if f.is_finite() && f.abs() < 1e14 => {
                        (f * 1e6).round_ties_even() as i64
                    }
                    Some(Value::Float(_)) => return Err(i.overflow()),
                    other => {
                        return Err(i.type_error(format!(
                            "'{}' object cannot be interpreted as an integer",
                            other
                                .map(|v| v.type_name())
                                .unwrap_or_else(|| "NoneType".into())
                        )));
                    }
                };
                // datetime's range: years 1 to 9999.
                if !(-62_135_596_800_000_000..=253_402_300_799_000_000).contains(&t) {
                    return Err(i.value_error(format!(
                        "year {} is out of range",
                        if t < 0 { 0 } else { 10000 }
                    )));
                }
                let tz = if name == "fromtimestamp" {
                    tz_arg(i, &a, 1)?
                } else {
                    None
                };
                Ok(at_instant(&c, t, tz))
            }),
        );
    }
}

/// Drop the class a class-level function may receive first.
fn skip_class(a: &mut Args) {
    if matches!(a.pos.first(), Some(Value::Class(_))) {
        a.pos.remove(0);
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn aware_datetimes() {
        let (out, r) = crate::interp::run_for_test(concat!(
            "from datetime import datetime, timedelta, timezone\n",
            "a = datetime(2024, 1, 1, 12, tzinfo=timezone.utc)\n",
            "b = datetime(2024, 1, 1, 7, tzinfo=timezone(timedelta(hours=-5), 'EST'))\n",
            "print(a, repr(a), a == b, a - b, b.tzname(), repr(b.tzinfo), a.astimezone(timezone(timedelta(hours=5, minutes=30))))\n",
            "print(datetime.fromisoformat('2024-03-15T10:00:00+02:00'), a.strftime('%z %Z'), datetime.fromtimestamp(0, timezone.utc).isoformat())\n",
        ));
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            concat!(
                "2024-01-01 12:00:00+00:00 datetime.datetime(2024, 1, 1, 12, 0, tzinfo=datetime.timezone.utc) True 0:00:00 EST datetime.timezone(datetime.timedelta(days=-1, seconds=68400), 'EST') 2024-01-01 17:30:00+05:30\n",
                "2024-03-15 10:00:00+02:00 +0000 UTC 1970-01-01T00:00:00+00:00\n",
            )
        );
    }

    #[test]
    fn naive_and_aware_do_not_mix() {
        let (_, r) = crate::interp::run_for_test(concat!(
            "from datetime import datetime, timezone\n",
            "datetime.now(timezone.utc) < datetime.now()\n",
        ));
        let err = r.err().map(|e| e.render()).unwrap_or_default();
        assert!(
            err.contains("TypeError: can't compare offset-naive and offset-aware datetimes"),
            "{err}"
        );
    }
}
