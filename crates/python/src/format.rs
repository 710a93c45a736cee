//! Text conversions as CPython does them: `repr` and `str` of every value, float repr,
//! format specs (`f"{x:>10.2f}"`, `format()`), `%`-formatting and `str.format`.

use crate::function::Args;
use crate::numfmt::{format_float, group};
use crate::value::Value;
use crate::{Interpreter, PyResult};

/// CPython's `repr(float)`: shortest round-trip digits, scientific below 1e-4 and from 1e16.
/// The ORM's echo log prints parameters with the same function, so the two always agree.
pub fn float_repr(f: f64) -> String {
    retort::value::py_float_repr(f)
}

/// CPython's `repr(str)`: single quotes unless the text has `'` and no `"` (shared with the
/// ORM's echo log, as [`float_repr`] is).
pub fn str_repr(s: &str) -> String {
    retort::value::py_str_repr(s)
}

impl Interpreter {
    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_repr(*f),
            Value::Str(s) => str_repr(s),
            Value::List(l) => {
                let items = l.borrow().clone();
                format!("[{}]", self.join_reprs(&items)?)
            }
            Value::Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", self.repr(&t[0])?)
                } else {
                    format!("({})", self.join_reprs(t)?)
                }
            }
            Value::Dict(d) => {
                let items: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
                let mut parts = Vec::with_capacity(items.len());
                for (k, v) in items {
                    parts.push(format!("{}: {}", self.repr(&k)?, self.repr(&v)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::Set(s) => {
                let items = crate::setorder::ordered(&s.borrow());
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.join_reprs(&items)?)
                }
            }
            Value::Range(a, b, c) => {
                if *c == 1 {
                    format!("range({a}, {b})")
                } else {
                    format!("range({a}, {b}, {c})")
                }
            }
            Value::Slice(s) => {
                let s = s.clone();
                format!(
                    "slice({}, {}, {})",
                    self.repr(&s[0])?,
                    self.repr(&s[1])?,
                    self.repr(&s[2])?
                )
            }
            Value::Function(f) => format!(
                "<function {} at 0x{:012x}>",
                f.display_qualname(),
                v.identity()
            ),
            Value::Native(f) => format!("<built-in function {}>", f.name),
            Value::Method(m) => {
                let name = match &m.func {
                    Value::Function(f) => f.qualname.clone(),
                    Value::Native(f) => f.name.clone(),
                    _ => "?".into(),
                };
                let recv = m.receiver.clone();
                format!("<bound method {name} of {}>", self.repr(&recv)?)
            }
            Value::Class(c) => {
                if crate::enums::members(c).is_some() {
                    format!("<enum '{}'>", c.name)
                } else if c.module == "builtins" {
                    format!("<class '{}'>", c.name)
                } else {
                    format!("<class '{}.{}'>", self.class_module(c), c.name)
                }
            }
            Value::Instance(i) => {
                if let Some(m) = i.class.lookup("__repr__") {
                    let r = self.call(&m, Args::positional(vec![v.clone()]))?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(self.type_error(format!(
                            "__repr__ returned non-string (type {})",
                            other.type_name()
                        ))),
                    };
                }
                if let Some(args) = i.exc.borrow().as_ref().map(|e| e.args.clone()) {
                    let inner = self.join_reprs(&args)?;
                    return Ok(format!("{}({inner})", i.class.name));
                }
                format!(
                    "<{}.{} object at 0x{:012x}>",
                    self.class_module(&i.class),
                    i.class.name,
                    v.identity()
                )
            }
            Value::Module(m) => format!("<module '{}'>", m.name),
            Value::Iter(it) => match it.try_borrow().as_deref() {
                Ok(crate::value::PyIter::Gen(g)) => {
                    format!(
                        "<generator object {} at 0x{:012x}>",
                        g.qualname(),
                        v.identity()
                    )
                }
                Ok(crate::value::PyIter::Generator(..))
                | Ok(crate::value::PyIter::Lazy("generator", _)) => {
                    format!("<generator object <genexpr> at 0x{:012x}>", v.identity())
                }
                _ => format!("<{} object at 0x{:012x}>", v.type_name(), v.identity()),
            },
            Value::Property(_) => format!("<property object at 0x{:012x}>", v.identity()),
            Value::ClassMethod(_) => format!("<classmethod object at 0x{:012x}>", v.identity()),
            Value::StaticMethod(_) => format!("<staticmethod object at 0x{:012x}>", v.identity()),
            Value::Super(_) => "<super object>".into(),
            Value::Object(o) => o.clone().repr(self)?,
        })
    }

    fn class_module(&self, c: &crate::class::Class) -> String {
        match c.dict.borrow().get("__module__") {
            Some(Value::Str(s)) => s.to_string(),
            _ => c.module.clone(),
        }
    }

    fn join_reprs(&mut self, items: &[Value]) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for item in items {
            parts.push(self.repr(item)?);
        }
        Ok(parts.join(", "))
    }

    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.to_string()),
            Value::Instance(i) => {
                if let Some(m) = i.class.lookup("__str__") {
                    let r = self.call(&m, Args::positional(vec![v.clone()]))?;
                    return match r {
                        Value::Str(s) => Ok(s.to_string()),
                        other => Err(self.type_error(format!(
                            "__str__ returned non-string (type {})",
                            other.type_name()
                        ))),
                    };
                }
                let args = i.exc.borrow().as_ref().map(|e| e.args.clone());
                match args {
                    Some(args) if i.class.lookup("__repr__").is_none() || !args.is_empty() => {
                        match args.as_slice() {
                            [] => Ok(String::new()),
                            [one] if self.is_instance_named(v, "KeyError") => self.repr(one),
                            [one] => self.to_str(one),
                            many => self.repr(&Value::tuple(many.to_vec())),
                        }
                    }
                    _ => self.repr(v),
                }
            }
            Value::Object(o) => o.clone().str(self),
            other => self.repr(other),
        }
    }

    /// Display text for internal messages (never fails).
    pub(crate) fn display(&self, v: &Value) -> String {
        match v {
            Value::Str(s) => s.to_string(),
            Value::Int(i) => i.to_string(),
            other => other.type_name(),
        }
    }

    /// `format(v, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Value::Instance(i) = v
            && let Some(m) = i.class.lookup("__format__")
        {
            let r = self.call(&m, Args::positional(vec![v.clone(), Value::str(spec)]))?;
            return self.to_str(&r);
        }
        if spec.is_empty() {
            return self.to_str(v);
        }
        if let Value::Object(o) = v
            && let Some(m) = o.clone().get_attr(self, v, "__format__")?
        {
            let r = self.call(&m, Args::positional(vec![Value::str(spec)]))?;
            return self.to_str(&r);
        }
        let Some(s) = Spec::parse(spec) else {
            return Err(self.value_error(format!(
                "Invalid format specifier '{spec}' for object of type '{}'",
                v.type_name()
            )));
        };
        let body = match (v, s.kind) {
            (Value::Int(_) | Value::Float(_), _)
                if s.precision.is_some_and(|p| p > MAX_FORMAT_DIGITS) =>
            {
                return Err(self.value_error("Too many decimal digits in format string"));
            }
            (Value::Int(_) | Value::Bool(_), None | Some('d' | 'n')) => {
                let i = match v {
                    Value::Int(i) => *i,
                    Value::Bool(b) => i64::from(*b),
                    _ => 0,
                };
                if s.kind.is_none()
                    && matches!(v, Value::Bool(_))
                    && s.precision.is_none()
                    && !s.grouping
                {
                    self.to_str(v)?
                } else {
                    group(&i.to_string(), s.grouping)
                }
            }
            (Value::Int(i), Some(k @ ('x' | 'X' | 'b' | 'o'))) => {
                let n = i.unsigned_abs();
                let (digits, prefix) = match k {
                    'x' => (format!("{n:x}"), "0x"),
                    'X' => (format!("{n:X}"), "0X"),
                    'b' => (format!("{n:b}"), "0b"),
                    _ => (format!("{n:o}"), "0o"),
                };
                let digits = match (s.grouping, s.underscore) {
                    (_, true) => group_by(&digits, 4, '_'),
                    _ => digits,
                };
                format!(
                    "{}{}{digits}",
                    if *i < 0 { "-" } else { "" },
                    if s.alternate { prefix } else { "" }
                )
            }
            (Value::Int(i), Some('c')) => char::from_u32(*i as u32)
                .map(String::from)
                .unwrap_or_default(),
            (
                Value::Int(_) | Value::Float(_) | Value::Bool(_),
                Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%') | None,
            ) => {
                let f = match v {
                    Value::Int(i) => *i as f64,
                    Value::Bool(b) => f64::from(u8::from(*b)),
                    Value::Float(f) => *f,
                    _ => 0.0,
                };
                format_float(f, s.kind, s.precision, s.grouping)
            }
            (Value::Str(st), None | Some('s')) => match s.precision {
                Some(p) => st.chars().take(p).collect(),
                None => st.to_string(),
            },
            (Value::Object(o), _) => {
                let o = o.clone();
                let this = v.clone();
                if let Some(m) = o.get_attr(self, &this, "__format__")? {
                    let r = self.call(&m, Args::positional(vec![Value::str(spec)]))?;
                    return self.to_str(&r);
                }
                let text = self.to_str(v)?;
                return Ok(s.pad(&text, false));
            }
            (_, Some(k)) => {
                return Err(self.value_error(format!(
                    "Unknown format code '{k}' for object of type '{}'",
                    v.type_name()
                )));
            }
            _ => {
                return Err(self.type_error(format!(
                    "unsupported format string passed to {}.__format__",
                    v.type_name()
                )));
            }
        };
        let numeric = matches!(v, Value::Int(_) | Value::Float(_) | Value::Bool(_));
        let body = if numeric && s.underscore {
            body.replace(',', "_")
        } else {
            body
        };
        let body = if numeric { s.sign(body) } else { body };
        Ok(s.pad(&body, numeric))
    }
}

/// A parsed format spec.
struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    alternate: bool,
    zero: bool,
    width: usize,
    grouping: bool,
    /// The grouping separator is `_` rather than `,`.
    underscore: bool,
    precision: Option<usize>,
    kind: Option<char>,
}

/// Widths and precisions above this are refused rather than allocated.
const MAX_FORMAT_DIGITS: usize = 100_000;

impl Spec {
    fn parse(spec: &str) -> Option<Spec> {
        let chars: Vec<char> = spec.chars().collect();
        let mut i = 0;
        let mut s = Spec {
            fill: ' ',
            align: None,
            sign: '-',
            alternate: false,
            zero: false,
            width: 0,
            grouping: false,
            underscore: false,
            precision: None,
            kind: None,
        };
        if chars.len() >= 2 && matches!(chars[1], '<' | '>' | '^' | '=') {
            s.fill = chars[0];
            s.align = Some(chars[1]);
            i = 2;
        } else if !chars.is_empty() && matches!(chars[0], '<' | '>' | '^' | '=') {
            s.align = Some(chars[0]);
            i = 1;
        }
        if let Some(c @ ('+' | '-' | ' ')) = chars.get(i) {
            s.sign = *c;
            i += 1;
        }
        if chars.get(i) == Some(&'#') {
            s.alternate = true;
            i += 1;
        }
        if chars.get(i) == Some(&'0') {
            s.zero = true;
            i += 1;
        }
        let start = i;
        while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
            i += 1;
        }
        s.width = chars[start..i]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(0);
        if let Some(c @ (',' | '_')) = chars.get(i) {
            s.grouping = true;
            s.underscore = *c == '_';
            i += 1;
        }
        if s.width > MAX_FORMAT_DIGITS {
            return None;
        }
        if chars.get(i) == Some(&'.') {
            i += 1;
            let start = i;
            while chars.get(i).is_some_and(|c| c.is_ascii_digit()) {
                i += 1;
            }
            s.precision = Some(chars[start..i].iter().collect::<String>().parse().ok()?);
        }
        if let Some(c) = chars.get(i) {
            s.kind = Some(*c);
            i += 1;
        }
        (i == chars.len()).then_some(s)
    }

    fn sign(&self, body: String) -> String {
        if body.starts_with('-') {
            return body;
        }
        match self.sign {
            '+' => format!("+{body}"),
            ' ' => format!(" {body}"),
            _ => body,
        }
    }

    fn pad(&self, body: &str, numeric: bool) -> String {
        let len = body.chars().count();
        if len >= self.width {
            return body.to_string();
        }
        let n = self.width - len;
        let (fill, align) = if self.zero && self.align.is_none() {
            ('0', '=')
        } else {
            (
                self.fill,
                self.align.unwrap_or(if numeric { '>' } else { '<' }),
            )
        };
        let pad = |k: usize| fill.to_string().repeat(k);
        match align {
            '<' => format!("{body}{}", pad(n)),
            '^' => format!("{}{body}{}", pad(n / 2), pad(n - n / 2)),
            '=' => {
                let (sign, rest) = match body.chars().next() {
                    Some(c @ ('-' | '+' | ' ')) => (c.to_string(), &body[1..]),
                    _ => (String::new(), body),
                };
                // `#` prefixes (`0x`, `0b`, `0o`) stay before the padding.
                let (prefix, rest) = match rest.get(..2) {
                    Some(p @ ("0x" | "0X" | "0b" | "0o")) if self.alternate => (p, &rest[2..]),
                    _ => ("", rest),
                };
                format!("{sign}{prefix}{}{rest}", pad(n))
            }
            _ => format!("{}{body}", pad(n)),
        }
    }
}

/// Digits grouped from the right every `size` characters with `sep` (`_` for hex/binary).
fn group_by(digits: &str, size: usize, sep: char) -> String {
    let n = digits.chars().count();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (n - k).is_multiple_of(size) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn float_repr_matches_cpython() {
        // Expected strings from CPython 3.11.7: `repr(x)` for each value.
        let cases = [
            (0.1, "0.1"),
            (1e-05, "1e-05"),
            (3.0, "3.0"),
            (1e16, "1e+16"),
            (123456789.123, "123456789.123"),
            (0.0001, "0.0001"),
            (1.5e300, "1.5e+300"),
            (-2.5, "-2.5"),
            (1e15, "1000000000000000.0"),
        ];
        for (v, want) in cases {
            assert_eq!(float_repr(v), want);
        }
    }

    #[test]
    fn str_repr_picks_quotes_like_cpython() {
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a'b\"c"), "'a\\'b\"c'");
        assert_eq!(str_repr("x\ny"), "'x\\ny'");
    }
}
