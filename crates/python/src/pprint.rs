//! The `pprint` module: `pprint`, `pformat` and `pp` with CPython's layout (width 80,
//! indent 1, dicts sorted by key, one item per line once a container does not fit).

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use std::rc::Rc;

struct Printer {
    width: usize,
    sort_dicts: bool,
}

impl Printer {
    fn items(&self, i: &mut Interpreter, v: &Value) -> PyResult<Vec<(Value, Value)>> {
        let mut items = i.dict_items(v)?;
        if self.sort_dicts {
            let mut keyed: Vec<Value> = items
                .iter()
                .map(|(k, x)| Value::tuple(vec![k.clone(), x.clone()]))
                .collect();
            let key = NativeFunction::value("key", |i, a| {
                i.get_item(
                    &a.pos.first().cloned().unwrap_or(Value::None),
                    &Value::Int(0),
                )
            });
            if crate::iteration::sort_values(i, &mut keyed, Some(key), false).is_ok() {
                items = keyed
                    .into_iter()
                    .filter_map(|t| match t {
                        Value::Tuple(t) if t.len() == 2 => Some((t[0].clone(), t[1].clone())),
                        _ => None,
                    })
                    .collect();
            }
        }
        Ok(items)
    }

    /// `repr` with dicts in sorted order, recursively.
    fn safe_repr(&self, i: &mut Interpreter, v: &Value, depth: usize) -> PyResult<String> {
        i.tick()?;
        if depth > 100 {
            return i.repr(v);
        }
        Ok(match v {
            Value::Dict(_) => {
                let mut parts = Vec::new();
                for (k, x) in self.items(i, v)? {
                    parts.push(format!(
                        "{}: {}",
                        self.safe_repr(i, &k, depth + 1)?,
                        self.safe_repr(i, &x, depth + 1)?
                    ));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::List(l) => {
                let items = l.borrow().clone();
                let mut parts = Vec::new();
                for x in &items {
                    parts.push(self.safe_repr(i, x, depth + 1)?);
                }
                format!("[{}]", parts.join(", "))
            }
            Value::Tuple(t) => {
                let mut parts = Vec::new();
                for x in t.iter() {
                    parts.push(self.safe_repr(i, x, depth + 1)?);
                }
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            other => i.repr(other)?,
        })
    }

    fn format(
        &self,
        i: &mut Interpreter,
        v: &Value,
        out: &mut String,
        indent: usize,
        allowance: usize,
    ) -> PyResult<()> {
        let rep = self.safe_repr(i, v, 0)?;
        let max_width = self.width.saturating_sub(indent + allowance);
        if rep.chars().count() <= max_width {
            out.push_str(&rep);
            return Ok(());
        }
        match v {
            Value::Dict(_) => {
                let items = self.items(i, v)?;
                out.push('{');
                let inner = indent + 1;
                let last_index = items.len().saturating_sub(1);
                for (n, (k, x)) in items.iter().enumerate() {
                    let last = n == last_index;
                    let krep = self.safe_repr(i, k, 0)?;
                    out.push_str(&krep);
                    out.push_str(": ");
                    let allow = if last { allowance + 1 } else { 1 };
                    self.format(i, x, out, inner + krep.chars().count() + 2, allow)?;
                    if !last {
                        out.push_str(",\n");
                        out.push_str(&" ".repeat(inner));
                    }
                }
                out.push('}');
            }
            Value::List(l) => {
                let items = l.borrow().clone();
                out.push('[');
                self.format_items(i, &items, out, indent, allowance + 1)?;
                out.push(']');
            }
            Value::Tuple(t) => {
                let end = if t.len() == 1 { ",)" } else { ")" };
                out.push('(');
                self.format_items(i, t, out, indent, allowance + end.len())?;
                out.push_str(end);
            }
            _ => out.push_str(&rep),
        }
        Ok(())
    }

    fn format_items(
        &self,
        i: &mut Interpreter,
        items: &[Value],
        out: &mut String,
        indent: usize,
        allowance: usize,
    ) -> PyResult<()> {
        let inner = indent + 1;
        for (n, x) in items.iter().enumerate() {
            let last = n + 1 == items.len();
            if n > 0 {
                out.push_str(",\n");
                out.push_str(&" ".repeat(inner));
            }
            self.format(i, x, out, inner, if last { allowance } else { 1 })?;
        }
        Ok(())
    }
}

fn printer(i: &mut Interpreter, a: &mut Args) -> PyResult<Printer> {
    let width = match a.take_kw("width") {
        Some(Value::Int(n)) if n > 0 => n as usize,
        _ => 80,
    };
    let sort_dicts = match a.take_kw("sort_dicts") {
        Some(v) => i.truthy(&v)?,
        None => true,
    };
    Ok(Printer { width, sort_dicts })
}

fn pformat(i: &mut Interpreter, mut a: Args, sort_default: bool) -> PyResult<String> {
    let mut p = printer(i, &mut a)?;
    if !sort_default && !a.kw.iter().any(|(k, _)| k == "sort_dicts") {
        p.sort_dicts = false;
    }
    let v = a.pos.first().cloned().unwrap_or(Value::None);
    let mut out = String::new();
    p.format(i, &v, &mut out, 0, 0)?;
    Ok(out)
}

/// Register `pprint`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("pprint", |_| {
        let m = Module::new("pprint");
        m.set(
            "pformat",
            NativeFunction::value("pformat", |i, a| Ok(Value::str(&pformat(i, a, true)?))),
        );
        m.set(
            "pprint",
            NativeFunction::value("pprint", |i, a| {
                let text = pformat(i, a, true)?;
                i.write_output(&text);
                i.write_output("\n");
                Ok(Value::None)
            }),
        );
        m.set(
            "pp",
            NativeFunction::value("pp", |i, mut a| {
                let sort = a.take_kw("sort_dicts");
                if let Some(s) = sort {
                    a.kw.push(("sort_dicts".into(), s));
                }
                let text = pformat(i, a, false)?;
                i.write_output(&text);
                i.write_output("\n");
                Ok(Value::None)
            }),
        );
        Ok(Rc::new(m))
    });
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn sorted_dicts_and_wrapping() {
        let (out, r) = crate::interp::run_for_test(
            "from pprint import pprint\npprint({'b': 1, 'a': [1, 2]})\npprint({'k': ['x' * 30, 'y' * 30], 'a': 1})\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "{'a': [1, 2], 'b': 1}\n{'a': 1,\n 'k': ['xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy']}\n"
        );
    }
}
