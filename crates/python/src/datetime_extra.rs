//! More of `datetime`: `replace()`, `isoweekday()`, `timestamp`-free parsing with
//! `fromisoformat()` and `strptime()`, and the `strftime` directives `%j`, `%c`, `%x`,
//! `%X`, `%U`-free (a child module of [`crate::datetime`], which owns the objects).

use super::{Kind, Object, US_PER_DAY};
use crate::calendar::{checked_date, civil_from_days, days_from_civil};
use crate::class::Class;
use crate::function::{Args, NativeFunction};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

/// `strftime` directives beyond the basic ones; None when `c` is not one of them.
pub(super) fn directive(o: &Object, c: char) -> Option<String> {
    let (y, m, d) = o.ymd();
    let (h, mi, s, _) = o.clock();
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    Some(match c {
        'j' => format!(
            "{:03}",
            days_from_civil(y, m, d) - days_from_civil(y, 1, 1) + 1
        ),
        'c' => format!(
            "{} {} {d:>2} {h:02}:{mi:02}:{s:02} {y}",
            DAYS[o.weekday() as usize],
            MONTHS[(m.clamp(1, 12) - 1) as usize]
        ),
        'x' => format!("{m:02}/{d:02}/{:02}", y % 100),
        'X' => format!("{h:02}:{mi:02}:{s:02}"),
        'u' => (o.weekday() + 1).to_string(),
        'w' => ((o.weekday() + 1) % 7).to_string(),
        'z' => o
            .offset()
            .map(|off| super::tz::offset_text(off, false))
            .unwrap_or_default(),
        'Z' => {
            o.tz.as_ref()
                .and_then(super::tz::label_of)
                .unwrap_or_default()
        }
        _ => return None,
    })
}

/// A `datetime.time`'s text: `14:30:15`, `14:30:15.000250`.
pub(super) fn time_text(o: &Object) -> String {
    let (h, mi, s, us) = o.clock();
    let frac = if us > 0 {
        format!(".{us:06}")
    } else {
        String::new()
    };
    format!("{h:02}:{mi:02}:{s:02}{frac}")
}

/// `datetime.time(14, 30)`: trailing zero fields after the minute are left out.
pub(super) fn time_repr(o: &Object) -> String {
    let (h, mi, s, us) = o.clock();
    let mut parts = vec![h, mi, s, us];
    while parts.len() > 2 && parts.last() == Some(&0) {
        parts.pop();
    }
    let parts: Vec<String> = parts.iter().map(i64::to_string).collect();
    format!("datetime.time({})", parts.join(", "))
}

/// The `datetime.time` class, and `datetime.combine(date, time)` on `datetime`.
pub(super) fn time_class(i: &Interpreter, datetime: &Rc<Class>) -> Rc<Class> {
    let time = i.native_class("time", "datetime");
    let c = time.clone();
    time.dict.borrow_mut().insert(
        "__new__".into(),
        NativeFunction::value("__new__", move |i, a| {
            let names = ["hour", "minute", "second", "microsecond"];
            let v = super::int_args(i, &a, &names, 0, "time")?;
            let limits = [24, 60, 60, 1_000_000];
            for (k, name) in names.iter().enumerate() {
                if !(0..limits[k]).contains(&v[k]) {
                    return Err(i.value_error(format!("{name} must be in 0..{}", limits[k] - 1)));
                }
            }
            let us = ((v[0] * 60 + v[1]) * 60 + v[2]) * 1_000_000 + v[3];
            Ok(Value::Object(Rc::new(Object {
                kind: Kind::Time(us),
                class: c.clone(),
                tz: None,
            })))
        }),
    );
    let dt = datetime.clone();
    datetime.dict.borrow_mut().insert(
        "combine".into(),
        NativeFunction::value("combine", move |i, a| {
            let day = match a.pos.first().and_then(super::kind_of) {
                Some(Kind::Date(d) | Kind::DateTime(d, _)) => d,
                _ => return Err(i.type_error("combine() argument 1 must be datetime.date")),
            };
            let us = match a.pos.get(1).and_then(super::kind_of) {
                Some(Kind::Time(us)) => us,
                _ => return Err(i.type_error("combine() argument 2 must be datetime.time")),
            };
            Ok(Value::Object(Rc::new(Object {
                kind: Kind::DateTime(day, us),
                class: dt.clone(),
                tz: None,
            })))
        }),
    );
    time
}

/// `-delta`, `+delta`, `abs(delta)`.
pub(super) fn unary(o: &Object, op: &str) -> Option<Value> {
    let Kind::Delta(t) = o.kind else {
        return None;
    };
    let t = match op {
        "-" => t.checked_neg()?,
        "+" => t,
        "abs" => t.checked_abs()?,
        _ => return None,
    };
    Some(Value::Object(Rc::new(Object {
        kind: Kind::Delta(t),
        class: o.class.clone(),
        tz: None,
    })))
}

/// Attributes beyond the basic ones: `replace`, `isoweekday`, `toordinal`.
pub(super) fn attr(o: &Object, name: &str) -> Option<Value> {
    let (kind, class) = (o.kind, o.class.clone());
    match (kind, name) {
        (Kind::Date(_) | Kind::DateTime(..), "isoweekday") => {
            let w = o.weekday() + 1;
            Some(NativeFunction::value("isoweekday", move |_, _| {
                Ok(Value::Int(w))
            }))
        }
        (Kind::Date(d) | Kind::DateTime(d, _), "isocalendar") => {
            // The ISO year and week are those of the week's Thursday.
            let weekday = o.weekday() + 1;
            let thursday = d + 4 - weekday;
            let (year, _, _) = civil_from_days(thursday);
            let week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
            Some(NativeFunction::value("isocalendar", move |_, _| {
                Ok(Value::tuple(vec![
                    Value::Int(year),
                    Value::Int(week),
                    Value::Int(weekday),
                ]))
            }))
        }
        (Kind::Date(d) | Kind::DateTime(d, _), "toordinal") => {
            Some(NativeFunction::value("toordinal", move |_, _| {
                Ok(Value::Int(d + 719_163))
            }))
        }
        (Kind::Date(_) | Kind::DateTime(..) | Kind::Time(_), "__format__") => {
            let me = Object {
                kind,
                class,
                tz: None,
            };
            Some(NativeFunction::value("__format__", move |i, a| {
                let _ = i;
                match a.pos.last() {
                    Some(Value::Str(f)) if !f.is_empty() => Ok(Value::str(&me.strftime(f))),
                    _ => Ok(Value::str(&me.text(' '))),
                }
            }))
        }
        (Kind::DateTime(_, us), "time") => {
            let class = o.classes().time;
            Some(NativeFunction::value("time", move |_, _| {
                Ok(Value::Object(Rc::new(Object {
                    kind: Kind::Time(us),
                    class: class.clone(),
                    tz: None,
                })))
            }))
        }
        (Kind::Date(_) | Kind::DateTime(..), "replace") => {
            let tz = o.tz.clone();
            Some(NativeFunction::value("replace", move |i, mut a| {
                let tz = match a.kw.iter().position(|(k, _)| k == "tzinfo") {
                    Some(n) if matches!(kind, Kind::DateTime(..)) => {
                        let v = a.kw.remove(n).1;
                        super::tz::tz_arg(i, &Args::positional(vec![v]), 0)?
                    }
                    _ => tz.clone(),
                };
                replace(i, kind, &class, tz, a)
            }))
        }
        _ => None,
    }
}

fn replace(
    i: &mut Interpreter,
    kind: Kind,
    class: &Rc<Class>,
    tz: Option<Value>,
    a: Args,
) -> PyResult<Value> {
    let (days, us) = match kind {
        Kind::Date(d) => (d, 0),
        Kind::DateTime(d, us) => (d, us),
        Kind::Delta(_) | Kind::Time(_) => {
            return Err(i.type_error("replace() is only supported on date and datetime"));
        }
    };
    let (y, m, d) = civil_from_days(days);
    let mut parts = [
        y,
        m,
        d,
        us / 3_600_000_000,
        us / 60_000_000 % 60,
        us / 1_000_000 % 60,
        us % 1_000_000,
    ];
    let names = [
        "year",
        "month",
        "day",
        "hour",
        "minute",
        "second",
        "microsecond",
    ];
    let allowed = if matches!(kind, Kind::Date(_)) { 3 } else { 7 };
    for (k, v) in a.pos.iter().enumerate() {
        if k >= allowed {
            return Err(i.type_error("replace() takes too many positional arguments"));
        }
        if let Value::Int(n) = v {
            parts[k] = *n;
        }
    }
    for (name, v) in &a.kw {
        let Some(k) = names[..allowed].iter().position(|n| n == name) else {
            return Err(i.type_error(format!(
                "'{name}' is an invalid keyword argument for replace()"
            )));
        };
        match v {
            Value::Int(n) => parts[k] = *n,
            other => {
                return Err(i.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    other.type_name()
                )));
            }
        }
    }
    let days = checked_date(i, parts[0], parts[1], parts[2])?;
    let kind = match kind {
        Kind::Date(_) => Kind::Date(days),
        _ => Kind::DateTime(
            days,
            ((parts[3] * 60 + parts[4]) * 60 + parts[5]) * 1_000_000 + parts[6],
        ),
    };
    Ok(Value::Object(Rc::new(Object {
        kind,
        class: class.clone(),
        tz,
    })))
}

/// Parse `text` against `fmt` (`strptime`'s common directives): (days, microseconds).
fn parse(i: &mut Interpreter, text: &str, fmt: &str) -> PyResult<(i64, i64)> {
    let fail = |i: &Interpreter| {
        i.value_error(format!("time data '{text}' does not match format '{fmt}'"))
    };
    let t: Vec<char> = text.chars().collect();
    let mut pos = 0usize;
    let (mut y, mut mo, mut d, mut h, mut mi, mut s, mut us) = (1900, 1, 1, 0, 0, 0, 0);
    let mut pm: Option<bool> = None;
    let mut f = fmt.chars();
    let num = |pos: &mut usize, max: usize| -> Option<i64> {
        let start = *pos;
        while *pos < t.len() && *pos - start < max && t[*pos].is_ascii_digit() {
            *pos += 1;
        }
        t[start..*pos].iter().collect::<String>().parse().ok()
    };
    while let Some(c) = f.next() {
        if c != '%' {
            if t.get(pos) != Some(&c) {
                return Err(fail(i));
            }
            pos += 1;
            continue;
        }
        let dir = f.next().unwrap_or('%');
        let v = match dir {
            'Y' => num(&mut pos, 4),
            'm' | 'd' | 'H' | 'M' | 'S' | 'I' | 'y' => num(&mut pos, 2),
            'f' => num(&mut pos, 6),
            'b' | 'B' | 'p' | 'a' | 'A' => {
                let start = pos;
                while pos < t.len() && t[pos].is_ascii_alphabetic() {
                    pos += 1;
                }
                let word: String = t[start..pos].iter().collect::<String>().to_lowercase();
                match dir {
                    'p' => {
                        pm = Some(word == "pm");
                        Some(0)
                    }
                    'a' | 'A' => Some(0),
                    _ => [
                        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                        "nov", "dec",
                    ]
                    .iter()
                    .position(|m| word.starts_with(m))
                    .map(|p| p as i64 + 1),
                }
            }
            '%' => {
                if t.get(pos) != Some(&'%') {
                    return Err(fail(i));
                }
                pos += 1;
                Some(0)
            }
            _ => {
                return Err(i.value_error(format!("'{dir}' is a bad directive in format '%{dir}'")));
            }
        };
        let Some(v) = v else {
            return Err(fail(i));
        };
        match dir {
            'Y' => y = v,
            'y' => y = if v < 69 { 2000 + v } else { 1900 + v },
            'm' | 'b' | 'B' => mo = v,
            'd' => d = v,
            'H' | 'I' => h = v,
            'M' => mi = v,
            'S' => s = v,
            'f' => us = v,
            _ => {}
        }
    }
    if pos != t.len() {
        let rest: String = t[pos..].iter().collect();
        return Err(i.value_error(format!("unconverted data remains: {rest}")));
    }
    match pm {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    if h > 23 || mi > 59 || s > 61 {
        return Err(fail(i));
    }
    let days = checked_date(i, y, mo, d).map_err(|_| fail(i))?;
    Ok((days, ((h * 60 + mi) * 60 + s) * 1_000_000 + us))
}

/// `fromisoformat` / `strptime` on `date` and `datetime`.
pub(super) fn install(date: &Rc<Class>, datetime: &Rc<Class>) {
    for (class, is_date) in [(date.clone(), true), (datetime.clone(), false)] {
        let c = class.clone();
        class.dict.borrow_mut().insert(
            "fromisoformat".into(),
            NativeFunction::value("fromisoformat", move |i, a| {
                let s = match a.pos.last() {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => return Err(i.type_error("fromisoformat: argument must be str")),
                };
                let formats: &[&str] = if is_date {
                    &["%Y-%m-%d"]
                } else {
                    &[
                        "%Y-%m-%dT%H:%M:%S.%f",
                        "%Y-%m-%dT%H:%M:%S",
                        "%Y-%m-%d %H:%M:%S.%f",
                        "%Y-%m-%d %H:%M:%S",
                        "%Y-%m-%dT%H:%M",
                        "%Y-%m-%d %H:%M",
                        "%Y-%m-%d",
                    ]
                };
                let (text, offset) = if is_date {
                    (s.as_str(), None)
                } else {
                    super::tz::split_offset(&s)
                };
                for f in formats {
                    if let Ok((days, us)) = parse(i, text, f) {
                        let kind = if is_date {
                            Kind::Date(days)
                        } else {
                            Kind::DateTime(days, us)
                        };
                        let mut o = Object {
                            kind,
                            class: c.clone(),
                            tz: None,
                        };
                        o.tz = offset.and_then(|off| super::tz::fixed(&o, off));
                        return Ok(Value::Object(Rc::new(o)));
                    }
                }
                Err(i.value_error(format!("Invalid isoformat string: {s:?}")))
            }),
        );
    }
    let c = datetime.clone();
    datetime.dict.borrow_mut().insert(
        "strptime".into(),
        NativeFunction::value("strptime", move |i, a| {
            let n = a.pos.len();
            let (Some(Value::Str(text)), Some(Value::Str(fmt))) =
                (a.pos.get(n.wrapping_sub(2)), a.pos.last())
            else {
                return Err(i.type_error("strptime() argument 1 must be str"));
            };
            let (days, us) = parse(i, text, fmt)?;
            let _ = US_PER_DAY;
            Ok(Value::Object(Rc::new(Object {
                kind: Kind::DateTime(days, us),
                class: c.clone(),
                tz: None,
            })))
        }),
    );
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn replace_strptime_fromisoformat_and_format() {
        let (out, r) = crate::interp::run_for_test(
            "from datetime import datetime, date, timedelta\nfrom decimal import Decimal\ndt = datetime.strptime('2024-03-05 02:05 PM', '%Y-%m-%d %I:%M %p')\nprint(dt, dt.replace(day=1), f'{dt:%j %H:%M}', date.fromisoformat('2023-12-25'), -timedelta(hours=1), f'{Decimal(\"1234.5\"):,.2f}')\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "2024-03-05 14:05:00 2024-03-01 14:05:00 065 14:05 2023-12-25 -1 day, 23:00:00 1,234.50\n"
        );
    }

    #[test]
    fn time_of_day() {
        let (out, r) = crate::interp::run_for_test(
            "from datetime import datetime, date, time\nt = time(14, 30)\nprint(t, repr(t), datetime(2024, 1, 1, 9, 5).time(), datetime.combine(date(2024, 1, 2), t), t < time(15))\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "14:30:00 datetime.time(14, 30) 09:05:00 2024-01-02 14:30:00 True\n"
        );
    }
}
