//! Small text and object utilities: `string` (its constants and `capwords`), `textwrap`
//! (`dedent`, `indent`, `wrap`, `fill`, `shorten` with the default greedy layout) and `copy`
//! (`copy`, `deepcopy` of lists, dicts, sets and plain class instances).

use crate::class::Instance;
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

fn text_arg(i: &Interpreter, a: &Args, n: usize) -> PyResult<String> {
    match a.pos.get(n) {
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(other) => Err(i.type_error(format!("expected str, got {}", other.type_name()))),
        None => Err(i.type_error("missing required argument 'text'")),
    }
}

fn dedent(text: &str) -> String {
    let margin = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::new();
    for piece in text.split_inclusive('\n') {
        let (line, nl) = match piece.strip_suffix('\n') {
            Some(l) => (l, "\n"),
            None => (piece, ""),
        };
        if line.trim().is_empty() {
            out.push_str(nl);
        } else {
            out.push_str(line.get(margin..).unwrap_or(line));
            out.push_str(nl);
        }
    }
    out
}

/// Greedy word wrapping as `textwrap.wrap` does with its defaults (no hyphen splitting).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let need = if cur.is_empty() {
                word.chars().count()
            } else {
                cur.chars().count() + 1 + word.chars().count()
            };
            if need <= width {
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(&word);
                break;
            }
            if cur.is_empty() {
                let head: String = word.chars().take(width.max(1)).collect();
                let tail: String = word.chars().skip(width.max(1)).collect();
                lines.push(head);
                word = tail;
                if word.is_empty() {
                    break;
                }
            } else {
                lines.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

fn width_kw(i: &Interpreter, a: &mut Args, pos: usize) -> PyResult<usize> {
    match a.take_kw("width").or_else(|| a.pos.get(pos).cloned()) {
        None => Ok(70),
        Some(Value::Int(n)) if n > 0 => Ok(n as usize),
        Some(_) => Err(i.value_error(format!("invalid width {} (must be > 0)", 0))),
    }
}

fn deep(i: &mut Interpreter, v: &Value, memo: &mut HashMap<usize, Value>) -> PyResult<Value> {
    i.tick()?;
    if let Some(done) = memo.get(&v.identity()) {
        return Ok(done.clone());
    }
    let out = match v {
        Value::List(l) => {
            let new = Value::list(vec![]);
            memo.insert(v.identity(), new.clone());
            let items = l.borrow().clone();
            let mut copied = Vec::new();
            for x in &items {
                copied.push(deep(i, x, memo)?);
            }
            if let Value::List(n) = &new {
                *n.borrow_mut() = copied;
            }
            return Ok(new);
        }
        Value::Tuple(t) => {
            let mut copied = Vec::new();
            for x in t.iter() {
                copied.push(deep(i, x, memo)?);
            }
            Value::tuple(copied)
        }
        Value::Dict(_) => {
            let mut copied = Vec::new();
            for (k, x) in i.dict_items(v)? {
                copied.push((deep(i, &k, memo)?, deep(i, &x, memo)?));
            }
            i.new_dict(copied)?
        }
        Value::Set(s) => Value::Set(Rc::new(RefCell::new(s.borrow().clone()))),
        Value::Instance(inst) if !inst.class.is_exception() && inst.class.builtin.is_none() => {
            let new = Instance::new(inst.class.clone());
            let nv = Value::Instance(Rc::new(new));
            memo.insert(v.identity(), nv.clone());
            let attrs: Vec<(String, Value)> = inst
                .attrs
                .borrow()
                .iter()
                .map(|(k, x)| (k.clone(), x.clone()))
                .collect();
            for (k, x) in attrs {
                let c = deep(i, &x, memo)?;
                if let Value::Instance(n) = &nv {
                    n.attrs.borrow_mut().insert(k, c);
                }
            }
            return Ok(nv);
        }
        other => other.clone(),
    };
    memo.insert(v.identity(), out.clone());
    Ok(out)
}

fn shallow(i: &mut Interpreter, v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::List(l) => Value::list(l.borrow().clone()),
        Value::Dict(_) => {
            let items = i.dict_items(v)?;
            i.new_dict(items)?
        }
        Value::Set(s) => Value::Set(Rc::new(RefCell::new(s.borrow().clone()))),
        Value::Instance(inst) if !inst.class.is_exception() && inst.class.builtin.is_none() => {
            let new = Instance::new(inst.class.clone());
            for (k, x) in inst.attrs.borrow().iter() {
                new.attrs.borrow_mut().insert(k.clone(), x.clone());
            }
            Value::Instance(Rc::new(new))
        }
        other => other.clone(),
    })
}

fn set(m: &Module, name: &str, f: impl Fn(&mut Interpreter, Args) -> PyResult<Value> + 'static) {
    m.set(name, NativeFunction::value(name, f));
}

/// Register `string`, `textwrap` and `copy`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("string", |_| {
        let m = Module::new("string");
        let lower = "abcdefghijklmnopqrstuvwxyz";
        let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        m.set("ascii_lowercase", Value::str(lower));
        m.set("ascii_uppercase", Value::str(upper));
        m.set("ascii_letters", Value::str(&format!("{lower}{upper}")));
        m.set("digits", Value::str("0123456789"));
        m.set("hexdigits", Value::str("0123456789abcdefABCDEF"));
        m.set("octdigits", Value::str("01234567"));
        m.set(
            "punctuation",
            Value::str("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
        );
        m.set("whitespace", Value::str(" \t\n\r\x0b\x0c"));
        set(&m, "capwords", |i, a| {
            let s = text_arg(i, &a, 0)?;
            let words: Vec<String> = s
                .split_whitespace()
                .map(|w| {
                    let mut c = w.chars();
                    match c.next() {
                        Some(f) => {
                            f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase()
                        }
                        None => String::new(),
                    }
                })
                .collect();
            Ok(Value::str(&words.join(" ")))
        });
        Ok(Rc::new(m))
    });
    r.register("textwrap", |_| {
        let m = Module::new("textwrap");
        set(&m, "dedent", |i, a| {
            Ok(Value::str(&dedent(&text_arg(i, &a, 0)?)))
        });
        set(&m, "indent", |i, a| {
            let (text, prefix) = (text_arg(i, &a, 0)?, text_arg(i, &a, 1)?);
            let mut out = String::new();
            for line in text.split_inclusive('\n') {
                if !line.trim().is_empty() {
                    out.push_str(&prefix);
                }
                out.push_str(line);
            }
            Ok(Value::str(&out))
        });
        set(&m, "wrap", |i, mut a| {
            let w = width_kw(i, &mut a, 1)?;
            let text = text_arg(i, &a, 0)?;
            Ok(Value::list(
                wrap(&text, w).iter().map(|l| Value::str(l)).collect(),
            ))
        });
        set(&m, "fill", |i, mut a| {
            let w = width_kw(i, &mut a, 1)?;
            let text = text_arg(i, &a, 0)?;
            Ok(Value::str(&wrap(&text, w).join("\n")))
        });
        set(&m, "shorten", |i, mut a| {
            let w = width_kw(i, &mut a, 1)?;
            let placeholder = match a.take_kw("placeholder") {
                Some(Value::Str(s)) => s.to_string(),
                _ => " [...]".to_string(),
            };
            let text = text_arg(i, &a, 0)?;
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if joined.chars().count() <= w {
                return Ok(Value::str(&joined));
            }
            let room = w.saturating_sub(placeholder.chars().count());
            let mut out = String::new();
            for word in joined.split(' ') {
                let need = if out.is_empty() {
                    word.len()
                } else {
                    out.len() + 1 + word.len()
                };
                if need > room {
                    break;
                }
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(word);
            }
            Ok(Value::str(format!("{out}{placeholder}").trim_start()))
        });
        Ok(Rc::new(m))
    });
    r.register("copy", |_| {
        let m = Module::new("copy");
        set(&m, "copy", |i, a| {
            shallow(i, a.pos.first().unwrap_or(&Value::None))
        });
        set(&m, "deepcopy", |i, a| {
            let mut memo = HashMap::new();
            deep(i, a.pos.first().unwrap_or(&Value::None), &mut memo)
        });
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn dedent_fill_and_deepcopy() {
        let (out, r) = crate::interp::run_for_test(
            "import textwrap, copy\nprint(textwrap.dedent('  a\\n    b\\n'), end='')\nprint(textwrap.fill('one two three four', width=9))\nx = {'l': [1]}\ny = copy.deepcopy(x)\ny['l'].append(2)\nprint(x, y)\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "a\n  b\none two\nthree\nfour\n{'l': [1]} {'l': [1, 2]}\n"
        );
    }
}
