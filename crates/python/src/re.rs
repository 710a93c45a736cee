//! The `re` module over `regex-lite`: `compile`, `match`, `search`, `fullmatch`, `findall`,
//! `finditer`, `sub`, `subn`, `split`, `escape`, the flags and `re.error`. Patterns are
//! Python's syntax, which `regex-lite` shares for everything tutorials write (classes,
//! quantifiers, groups, named groups `(?P<name>...)`, inline flags); lookaround and
//! backreferences, which `regex-lite` lacks, raise NotImplementedError. Positions are
//! character indices, as in CPython. The match object lives in [`crate::re_match`].

use crate::class::{Builtin, Class, c3_mro};
use crate::exceptions::Exc;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::re_match::{MatchObject, expand_template};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use regex_lite::Regex;
use std::any::Any;
use std::rc::Rc;

/// The flags, with CPython's values.
const FLAGS: &[(&str, &str, i64, char)] = &[
    ("IGNORECASE", "I", 2, 'i'),
    ("MULTILINE", "M", 8, 'm'),
    ("DOTALL", "S", 16, 's'),
    ("VERBOSE", "X", 64, 'x'),
    ("ASCII", "A", 256, ' '),
    ("UNICODE", "U", 32, ' '),
];

/// How a pattern is anchored for one call.
#[derive(Clone, Copy)]
enum Mode {
    Search,
    Match,
    Full,
}

/// A compiled pattern (`re.Pattern`).
pub struct Pattern {
    /// The pattern's source text.
    pub source: String,
    /// The flags it was compiled with.
    pub flags: i64,
    search: Regex,
    anchored: Regex,
    full: Regex,
}

impl Pattern {
    /// The number of capturing groups.
    pub fn groups(&self) -> usize {
        self.search.captures_len().saturating_sub(1)
    }

    /// The group names by group number (index 0 is the whole match).
    pub fn names(&self) -> Vec<Option<String>> {
        self.search
            .capture_names()
            .map(|n| n.map(str::to_string))
            .collect()
    }

    fn regex(&self, mode: Mode) -> &Regex {
        match mode {
            Mode::Search => &self.search,
            Mode::Match => &self.anchored,
            Mode::Full => &self.full,
        }
    }
}

/// `re.error` (module `re`, an `Exception`), made once per interpreter.
fn error_class(i: &mut Interpreter) -> Option<Rc<Class>> {
    const KEY: &str = "re.error";
    if let Some(class) = i.exception_class(KEY) {
        return Some(class);
    }
    let bases = vec![i.exception_class("Exception")?];
    let mro = c3_mro(&bases)?;
    let mut class = Class::new("error", "re", bases, mro);
    class.builtin = Some(Builtin::Exception);
    let class = Rc::new(class);
    i.types.exceptions.insert(KEY.to_owned(), Rc::clone(&class));
    Some(class)
}

/// The Python constructs `regex-lite` cannot run, named for NotImplementedError.
fn unsupported(source: &str) -> Option<&'static str> {
    let constructs = [
        ("(?=", "lookahead"),
        ("(?!", "negative lookahead"),
        ("(?<=", "lookbehind"),
        ("(?<!", "negative lookbehind"),
        ("(?P=", "named backreferences"),
        ("(?(", "conditional groups"),
    ];
    if let Some((_, name)) = constructs.iter().find(|(s, _)| source.contains(s)) {
        return Some(name);
    }
    let b = source.as_bytes();
    let mut k = 0;
    while k + 1 < b.len() {
        if b[k] == b'\\' {
            if b[k + 1].is_ascii_digit() && b[k + 1] != b'0' {
                return Some("backreferences");
            }
            k += 2;
        } else {
            k += 1;
        }
    }
    None
}

/// Python's pattern text as `regex-lite` reads it (`\Z` is `\z`).
fn translate(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('Z') => out.push_str("\\z"),
            Some(n) => {
                out.push('\\');
                out.push(n);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Compile `source` with `flags` (a cached pattern when one was compiled before).
pub fn compile(i: &mut Interpreter, source: &str, flags: i64) -> PyResult<Rc<Pattern>> {
    if let Some(name) = unsupported(source) {
        return Err(i.exc(
            "NotImplementedError",
            format!("regular expression {name} are not supported by Retort"),
        ));
    }
    let inline: String = FLAGS
        .iter()
        .filter(|(_, _, v, c)| flags & v != 0 && *c != ' ')
        .map(|(_, _, _, c)| *c)
        .collect();
    let prefix = if inline.is_empty() {
        String::new()
    } else {
        format!("(?{inline})")
    };
    let body = translate(source);
    let build = |text: String| Regex::new(&text);
    let compiled = (|| {
        Ok::<_, regex_lite::Error>((
            build(format!("{prefix}{body}"))?,
            build(format!("{prefix}\\A(?:{body})"))?,
            build(format!("{prefix}\\A(?:{body})\\z"))?,
        ))
    })();
    match compiled {
        Ok((search, anchored, full)) => Ok(Rc::new(Pattern {
            source: source.to_string(),
            flags,
            search,
            anchored,
            full,
        })),
        Err(e) => {
            let msg = e.to_string();
            let first = msg.lines().last().unwrap_or("invalid pattern").trim();
            let text = format!("{first} in pattern {}", crate::format::str_repr(source));
            Err(match error_class(i) {
                Some(c) => Exc::Raise(i.new_exception(&c, vec![Value::str(&text)])),
                None => i.value_error(text),
            })
        }
    }
}

fn str_of(i: &Interpreter, v: Option<&Value>, what: &str) -> PyResult<Rc<str>> {
    match v {
        Some(Value::Str(s)) => Ok(s.clone()),
        Some(other) => Err(i.type_error(format!(
            "expected string or bytes-like object, got '{}'",
            other.type_name()
        ))),
        None => Err(i.type_error(format!("{what}() missing required argument 'string'"))),
    }
}

fn flags_of(i: &Interpreter, v: Option<Value>) -> PyResult<i64> {
    match v {
        None | Some(Value::None) => Ok(0),
        Some(Value::Int(n)) => Ok(n),
        Some(Value::Object(o)) if o.as_any().is::<FlagValue>() => Ok(o
            .as_any()
            .downcast_ref::<FlagValue>()
            .map(|f| f.0)
            .unwrap_or(0)),
        Some(other) => Err(i.type_error(format!(
            "unsupported operand type(s) for &: '{}' and 'int'",
            other.type_name()
        ))),
    }
}

/// One `re.IGNORECASE`-style flag value: an int that prints as `re.IGNORECASE` and combines
/// with `|`.
pub struct FlagValue(pub i64);

impl FlagValue {
    fn text(&self) -> String {
        let names: Vec<String> = FLAGS
            .iter()
            .filter(|(_, _, v, _)| self.0 & v != 0)
            .map(|(n, _, _, _)| format!("re.{n}"))
            .collect();
        if names.is_empty() {
            "re.NOFLAG".into()
        } else {
            names.join("|")
        }
    }
}

impl NativeObject for FlagValue {
    fn type_name(&self) -> String {
        "RegexFlag".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.text())
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        _: bool,
    ) -> Option<PyResult<Value>> {
        let o = flags_of(i, Some(other.clone())).ok()?;
        match op {
            "|" => Some(Ok(Value::Object(Rc::new(FlagValue(self.0 | o))))),
            "&" => Some(Ok(Value::Int(self.0 & o))),
            "==" => Some(Ok(Value::Bool(self.0 == o))),
            _ => None,
        }
    }
    fn hash_key(&self) -> Option<crate::value::HashKey> {
        Some(crate::value::HashKey::Int(self.0))
    }
    fn truthy(&self) -> Option<bool> {
        Some(self.0 != 0)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The compiled pattern a module-level function's first argument names.
fn pattern_arg(i: &mut Interpreter, a: &mut Args, name: &str) -> PyResult<Rc<Pattern>> {
    let flags = a.take_kw("flags");
    let p = if a.pos.is_empty() {
        a.take_kw("pattern")
    } else {
        Some(a.pos.remove(0))
    };
    match p {
        Some(Value::Object(o)) if o.as_any().is::<PatternObject>() => o
            .as_any()
            .downcast_ref::<PatternObject>()
            .map(|p| p.0.clone())
            .ok_or_else(|| i.type_error("bad pattern")),
        Some(Value::Str(s)) => {
            let flags = flags_of(i, flags.or_else(|| flag_position(a, name)))?;
            compile(i, &s, flags)
        }
        Some(other) => Err(i.type_error(format!(
            "first argument must be string or compiled pattern, not {}",
            other.type_name()
        ))),
        None => Err(i.type_error(format!("{name}() missing required argument 'pattern'"))),
    }
}

/// A module-level function's positional `flags` argument (after the pattern is removed).
fn flag_position(a: &mut Args, name: &str) -> Option<Value> {
    let at = match name {
        "sub" | "subn" => 3,
        "split" => 2,
        _ => 1,
    };
    (a.pos.len() > at).then(|| a.pos.remove(at))
}

/// `re.Pattern`.
pub struct PatternObject(pub Rc<Pattern>);

impl NativeObject for PatternObject {
    fn type_name(&self) -> String {
        "re.Pattern".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        let src = crate::format::str_repr(&self.0.source);
        Ok(if self.0.flags & !32 == 0 {
            format!("re.compile({src})")
        } else {
            format!(
                "re.compile({src}, {})",
                FlagValue(self.0.flags & !32).text()
            )
        })
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let p = self.0.clone();
        Ok(Some(match name {
            "pattern" => Value::str(&p.source),
            "flags" => Value::Int(p.flags | 32),
            "groups" => Value::Int(p.groups() as i64),
            "groupindex" => {
                let pairs = p
                    .names()
                    .into_iter()
                    .enumerate()
                    .filter_map(|(n, name)| name.map(|s| (Value::str(&s), Value::Int(n as i64))))
                    .collect();
                i.new_dict(pairs)?
            }
            "match" | "search" | "fullmatch" | "findall" | "finditer" | "sub" | "subn"
            | "split" => {
                let method = name.to_string();
                NativeFunction::value(name, move |i, a| call(i, &p, &method, a))
            }
            _ => return Ok(None),
        }))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A character index as the byte offset into `s` (clamped to the string).
fn byte_at(s: &str, chars: i64) -> usize {
    let n = usize::try_from(chars.max(0)).unwrap_or(0);
    s.char_indices().nth(n).map(|(b, _)| b).unwrap_or(s.len())
}

/// `pattern.method(string, ...)` (module functions come here with the pattern compiled).
fn call(i: &mut Interpreter, p: &Rc<Pattern>, method: &str, mut a: Args) -> PyResult<Value> {
    let s = match a.take_kw("string") {
        Some(v) => str_of(i, Some(&v), method)?,
        None if method.starts_with("sub") => str_of(i, a.pos.get(1), method)?,
        None => str_of(i, a.pos.first(), method)?,
    };
    match method {
        "match" | "search" | "fullmatch" => {
            let mode = match method {
                "match" => Mode::Match,
                "fullmatch" => Mode::Full,
                _ => Mode::Search,
            };
            let pos = match a.take_kw("pos").or_else(|| a.pos.get(1).cloned()) {
                Some(Value::Int(n)) => byte_at(&s, n),
                _ => 0,
            };
            Ok(find(p, &s, mode, pos)
                .map(|m| Value::Object(Rc::new(m)))
                .unwrap_or(Value::None))
        }
        "findall" => {
            let mut out = Vec::new();
            for m in all(i, p, &s)? {
                out.push(match p.groups() {
                    0 => m.group_value(0),
                    1 => m.group_or(1, Value::str("")),
                    n => Value::tuple((1..=n).map(|g| m.group_or(g, Value::str(""))).collect()),
                });
            }
            Ok(Value::list(out))
        }
        "finditer" => {
            let ms = all(i, p, &s)?;
            Ok(Value::iter_of(
                ms.into_iter().map(|m| Value::Object(Rc::new(m))).collect(),
            ))
        }
        "sub" | "subn" => {
            let repl = a.take_kw("repl").or_else(|| a.pos.first().cloned());
            let count = match a.take_kw("count").or_else(|| a.pos.get(2).cloned()) {
                Some(Value::Int(n)) if n > 0 => Some(n as usize),
                _ => None,
            };
            let (text, n) = substitute(i, p, &s, repl.unwrap_or(Value::None), count)?;
            Ok(if method == "subn" {
                Value::tuple(vec![Value::str(&text), Value::Int(n as i64)])
            } else {
                Value::str(&text)
            })
        }
        _ => {
            let maxsplit = match a.take_kw("maxsplit").or_else(|| a.pos.get(1).cloned()) {
                Some(Value::Int(n)) if n > 0 => Some(n as usize),
                _ => None,
            };
            split(i, p, &s, maxsplit)
        }
    }
}

/// The first match of `p` in `s` from byte `pos`.
fn find(p: &Rc<Pattern>, s: &Rc<str>, mode: Mode, pos: usize) -> Option<MatchObject> {
    let caps = p.regex(mode).captures_at(s, pos)?;
    Some(MatchObject::new(p.clone(), s.clone(), &caps))
}

/// Every non-overlapping match, left to right.
fn all(i: &mut Interpreter, p: &Rc<Pattern>, s: &Rc<str>) -> PyResult<Vec<MatchObject>> {
    let mut out = Vec::new();
    for caps in p.search.captures_iter(s) {
        i.tick()?;
        out.push(MatchObject::new(p.clone(), s.clone(), &caps));
    }
    Ok(out)
}

fn substitute(
    i: &mut Interpreter,
    p: &Rc<Pattern>,
    s: &Rc<str>,
    repl: Value,
    count: Option<usize>,
) -> PyResult<(String, usize)> {
    let mut out = String::new();
    let (mut last, mut n) = (0, 0);
    for m in all(i, p, s)? {
        if count.is_some_and(|c| n >= c) {
            break;
        }
        let (start, end) = m.byte_span(0).unwrap_or((last, last));
        out.push_str(&s[last..start]);
        match &repl {
            Value::Str(t) => out.push_str(&expand_template(i, &m, t)?),
            f => {
                let r = i.call(f, Args::positional(vec![Value::Object(Rc::new(m))]))?;
                match r {
                    Value::Str(t) => out.push_str(&t),
                    other => {
                        return Err(i.type_error(format!(
                            "expected str instance, {} found",
                            other.type_name()
                        )));
                    }
                }
            }
        }
        last = end;
        n += 1;
    }
    out.push_str(&s[last..]);
    Ok((out, n))
}

fn split(i: &mut Interpreter, p: &Rc<Pattern>, s: &Rc<str>, max: Option<usize>) -> PyResult<Value> {
    let mut out = Vec::new();
    let mut last = 0;
    for (n, m) in all(i, p, s)?.into_iter().enumerate() {
        if max.is_some_and(|c| n >= c) {
            break;
        }
        let (start, end) = m.byte_span(0).unwrap_or((last, last));
        out.push(Value::str(&s[last..start]));
        for g in 1..=p.groups() {
            out.push(m.group_or(g, Value::None));
        }
        last = end;
    }
    out.push(Value::str(&s[last..]));
    Ok(Value::list(out))
}

/// `re.escape(s)`: CPython escapes every character that is special in a pattern.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "()[]{}?*+-|^$\\.&~# \t\n\r\x0b\x0c".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Register `re`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("re", |i| {
        let m = Module::new("re");
        for (long, short, v, _) in FLAGS {
            let flag = Value::Object(Rc::new(FlagValue(*v)));
            m.set(long, flag.clone());
            m.set(short, flag);
        }
        m.set("NOFLAG", Value::Object(Rc::new(FlagValue(0))));
        if let Some(c) = error_class(i) {
            m.set("error", Value::Class(c));
        }
        m.set(
            "compile",
            NativeFunction::value("compile", |i, mut a| {
                let flags = a.take_kw("flags").or_else(|| a.pos.get(1).cloned());
                match a.pos.first().cloned().or_else(|| a.take_kw("pattern")) {
                    Some(Value::Str(s)) => {
                        let flags = flags_of(i, flags)?;
                        Ok(Value::Object(Rc::new(PatternObject(compile(
                            i, &s, flags,
                        )?))))
                    }
                    Some(v @ Value::Object(_)) => Ok(v),
                    other => Err(i.type_error(format!(
                        "first argument must be string or compiled pattern, not {}",
                        other
                            .map(|v| v.type_name())
                            .unwrap_or_else(|| "None".into())
                    ))),
                }
            }),
        );
        for name in [
            "match",
            "search",
            "fullmatch",
            "findall",
            "finditer",
            "sub",
            "subn",
            "split",
        ] {
            m.set(
                name,
                NativeFunction::value(name, move |i, mut a| {
                    let p = pattern_arg(i, &mut a, name)?;
                    call(i, &p, name, a)
                }),
            );
        }
        m.set(
            "escape",
            NativeFunction::value("escape", |i, a| {
                let s = str_of(i, a.pos.first(), "escape")?;
                Ok(Value::str(&escape(&s)))
            }),
        );
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
#[path = "re_tests.rs"]
mod tests;
