//! `re.Match`: a match's groups (`group`, `groups`, `groupdict`, `m[1]`), positions
//! (`start`, `end`, `span`, in characters) and CPython's repr; and the replacement
//! templates of `re.sub` (`\1`, `\g<name>`, `\g<0>`, escapes).

use crate::function::{Args, NativeFunction};
use crate::modules::NativeObject;
use crate::re::{Pattern, PatternObject};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// The character index of byte offset `byte` in `s`.
pub fn char_index(s: &str, byte: usize) -> usize {
    s.get(..byte).map(|p| p.chars().count()).unwrap_or(0)
}

/// One match.
pub struct MatchObject {
    pattern: Rc<Pattern>,
    string: Rc<str>,
    /// Byte spans by group number (None: the group did not take part).
    spans: Vec<Option<(usize, usize)>>,
}

impl MatchObject {
    /// The match of `caps` over `string`.
    pub fn new(pattern: Rc<Pattern>, string: Rc<str>, caps: &regex_lite::Captures) -> Self {
        let spans = (0..caps.len())
            .map(|g| caps.get(g).map(|m| (m.start(), m.end())))
            .collect();
        MatchObject {
            pattern,
            string,
            spans,
        }
    }

    /// Group `g`'s byte span.
    pub fn byte_span(&self, g: usize) -> Option<(usize, usize)> {
        self.spans.get(g).copied().flatten()
    }

    /// Group `g`'s text, or `default` when it did not take part.
    pub fn group_or(&self, g: usize, default: Value) -> Value {
        match self.byte_span(g) {
            Some((s, e)) => Value::str(&self.string[s..e]),
            None => default,
        }
    }

    /// Group `g`'s text or None.
    pub fn group_value(&self, g: usize) -> Value {
        self.group_or(g, Value::None)
    }

    /// The group number `key` names (an int or a group name).
    fn index(&self, i: &Interpreter, key: &Value) -> PyResult<usize> {
        let found = match key {
            Value::Int(n) => usize::try_from(*n).ok().filter(|n| *n < self.spans.len()),
            Value::Bool(b) => Some(usize::from(*b)),
            Value::Str(s) => self
                .pattern
                .names()
                .iter()
                .position(|n| n.as_deref() == Some(&**s)),
            _ => None,
        };
        found.ok_or_else(|| i.exc("IndexError", "no such group"))
    }

    fn char_span(&self, g: usize) -> (i64, i64) {
        match self.byte_span(g) {
            Some((s, e)) => (
                char_index(&self.string, s) as i64,
                char_index(&self.string, e) as i64,
            ),
            None => (-1, -1),
        }
    }
}

fn me(v: &Value) -> Option<&MatchObject> {
    match v {
        Value::Object(o) => o.as_any().downcast_ref::<MatchObject>(),
        _ => None,
    }
}

/// A method of the match `this`: `f(match, args)`.
fn method(
    this: &Value,
    name: &str,
    f: fn(&mut Interpreter, &MatchObject, Args) -> PyResult<Value>,
) -> Value {
    let this = this.clone();
    NativeFunction::value(name, move |i, a| match me(&this) {
        Some(m) => f(i, m, a),
        None => Ok(Value::None),
    })
}

fn group_arg(i: &Interpreter, m: &MatchObject, a: &Args) -> PyResult<usize> {
    match a.pos.first() {
        Some(k) => m.index(i, k),
        None => Ok(0),
    }
}

impl NativeObject for MatchObject {
    fn type_name(&self) -> String {
        "re.Match".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        let (s, e) = self.char_span(0);
        let text = match self.group_value(0) {
            Value::Str(t) => crate::format::str_repr(&t),
            _ => "None".into(),
        };
        Ok(format!("<re.Match object; span=({s}, {e}), match={text}>"))
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "string" => Value::Str(self.string.clone()),
            "re" => Value::Object(Rc::new(PatternObject(self.pattern.clone()))),
            "pos" => Value::Int(0),
            "endpos" => Value::Int(self.string.chars().count() as i64),
            "lastindex" => (1..self.spans.len())
                .rev()
                .find(|g| self.byte_span(*g).is_some())
                .map(|g| Value::Int(g as i64))
                .unwrap_or(Value::None),
            "group" => method(this, name, |i, m, a| {
                if a.pos.len() > 1 {
                    let mut out = Vec::new();
                    for k in &a.pos {
                        out.push(m.group_value(m.index(i, k)?));
                    }
                    return Ok(Value::tuple(out));
                }
                Ok(m.group_value(group_arg(i, m, &a)?))
            }),
            "groups" => method(this, name, |_, m, a| {
                let default = a.pos.first().cloned().unwrap_or(Value::None);
                Ok(Value::tuple(
                    (1..m.spans.len())
                        .map(|g| m.group_or(g, default.clone()))
                        .collect(),
                ))
            }),
            "groupdict" => method(this, name, |i, m, a| {
                let default = a.pos.first().cloned().unwrap_or(Value::None);
                let pairs = m
                    .pattern
                    .names()
                    .into_iter()
                    .enumerate()
                    .filter_map(|(g, n)| {
                        n.map(|n| (Value::str(&n), m.group_or(g, default.clone())))
                    })
                    .collect();
                i.new_dict(pairs)
            }),
            "start" => method(this, name, |i, m, a| {
                Ok(Value::Int(m.char_span(group_arg(i, m, &a)?).0))
            }),
            "end" => method(this, name, |i, m, a| {
                Ok(Value::Int(m.char_span(group_arg(i, m, &a)?).1))
            }),
            "span" => method(this, name, |i, m, a| {
                let (s, e) = m.char_span(group_arg(i, m, &a)?);
                Ok(Value::tuple(vec![Value::Int(s), Value::Int(e)]))
            }),
            "expand" => method(this, name, |i, m, a| match a.pos.first() {
                Some(Value::Str(t)) => Ok(Value::str(&expand_template(i, m, t)?)),
                _ => Err(i.type_error("expand() argument must be str")),
            }),
            _ => {
                let _ = i;
                return Ok(None);
            }
        }))
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        Some(self.index(i, key).map(|g| self.group_value(g)))
    }
    fn truthy(&self) -> Option<bool> {
        Some(true)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `re.sub`'s replacement template for match `m`: `\1`..`\99`, `\g<n>`, `\g<name>`, and
/// the string escapes `\n`, `\t`, `\\`.
pub fn expand_template(i: &Interpreter, m: &MatchObject, t: &str) -> PyResult<String> {
    let bad = |what: String| i.exc("re.error", what);
    let mut out = String::new();
    let chars: Vec<char> = t.chars().collect();
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k];
        if c != '\\' {
            out.push(c);
            k += 1;
            continue;
        }
        let Some(&n) = chars.get(k + 1) else {
            return Err(bad(format!("bad escape (end of pattern) at position {k}")));
        };
        k += 2;
        let group = match n {
            'g' => {
                let close = chars[k..].iter().position(|c| *c == '>');
                if chars.get(k) != Some(&'<') || close.is_none() {
                    return Err(bad(format!("missing < at position {k}")));
                }
                let end = k + close.unwrap_or(0);
                let name: String = chars[k + 1..end].iter().collect();
                k = end + 1;
                let key = match name.parse::<i64>() {
                    Ok(n) => Value::Int(n),
                    Err(_) => Value::str(&name),
                };
                m.index(i, &key)
                    .map_err(|_| i.exc("IndexError", format!("unknown group name '{name}'")))?
            }
            d if d.is_ascii_digit() => {
                let mut num = d.to_digit(10).unwrap_or(0) as usize;
                if let Some(d2) = chars.get(k).and_then(|c| c.to_digit(10)) {
                    num = num * 10 + d2 as usize;
                    k += 1;
                }
                if num >= m.spans.len() {
                    return Err(bad(format!("invalid group reference {num}")));
                }
                num
            }
            'n' => {
                out.push('\n');
                continue;
            }
            't' => {
                out.push('\t');
                continue;
            }
            'r' => {
                out.push('\r');
                continue;
            }
            '\\' => {
                out.push('\\');
                continue;
            }
            other if other.is_ascii_alphabetic() => {
                return Err(bad(format!("bad escape \\{other} at position {}", k - 2)));
            }
            other => {
                out.push('\\');
                out.push(other);
                continue;
            }
        };
        if let Value::Str(s) = m.group_or(group, Value::str("")) {
            out.push_str(&s);
        }
    }
    Ok(out)
}
