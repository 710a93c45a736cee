//! Rendering an uncaught exception as CPython 3.11 prints it: chained exceptions, the
//! `Traceback (most recent call last):` frames with their source lines, the caret lines
//! (`^^^^`, and `~~^~~` anchors for binary operators and subscripts, found by re-parsing
//! the failing segment as CPython does), and the final `Type: message` line.

use crate::Interpreter;
use crate::error::Error;
use crate::exceptions::TbEntry;
use crate::value::Value;
use ruff_python_ast::Expr;
use ruff_text_size::{Ranged, TextSize};

/// The caret line for `entry`, if CPython would print one.
fn carets(entry: &TbEntry) -> Option<String> {
    let src = &entry.source;
    let line_no = src.line_of(entry.range.start());
    let text = src.line_text(line_no);
    let chars: Vec<char> = text.chars().collect();
    let indent = chars.iter().take_while(|c| c.is_whitespace()).count();
    let stripped_len = text.trim_end().chars().count();
    let start = src.column_of(entry.range.start());
    let single = src.line_of(entry.range.end()) == line_no;
    let end = if single {
        src.column_of(entry.range.end()).min(chars.len())
    } else {
        stripped_len
    };
    if end <= start {
        return None;
    }
    let segment: String = chars[start..end].iter().collect();
    let anchors = if single { anchors(&segment) } else { None };
    if anchors.is_none() && start == indent && end >= stripped_len {
        return None;
    }
    let mut line = " ".repeat(start - indent);
    for k in 0..(end - start) {
        let primary = match anchors {
            Some((l, r)) => k >= l && k < r,
            None => true,
        };
        line.push(if primary { '^' } else { '~' });
    }
    Some(line)
}

/// `(left, right)` character offsets of the operator (or `[index]`) inside `segment`.
fn anchors(segment: &str) -> Option<(usize, usize)> {
    let parsed = ruff_python_parser::parse_expression(segment).ok()?;
    let expr = parsed.syntax().body.as_ref();
    let col = |off: TextSize| {
        segment
            .get(..usize::from(off))
            .map(|s| s.chars().count())
            .unwrap_or(0)
    };
    match expr {
        Expr::BinOp(b) => {
            let op_start = col(b.left.range().end());
            let op_end = col(b.right.range().start());
            let op_text: Vec<char> = segment
                .chars()
                .skip(op_start)
                .take(op_end.saturating_sub(op_start))
                .collect();
            let offset = op_text
                .iter()
                .take_while(|c| c.is_whitespace() || **c == ')')
                .count();
            let left = op_start + offset;
            let mut right = left + 1;
            if op_text.get(offset + 1).is_some_and(|c| !c.is_whitespace()) {
                right += 1;
            }
            Some((left, right))
        }
        Expr::Subscript(s) => Some((col(s.value.range().end()), col(s.slice.range().end()) + 1)),
        _ => None,
    }
}

impl Interpreter {
    /// The full CPython report of an uncaught exception, causes and contexts first.
    pub(crate) fn render_exception(&mut self, exc: &Value, depth: usize) -> String {
        let Value::Instance(inst) = exc else {
            return String::new();
        };
        let info = inst.exc.borrow().clone().unwrap_or_default();
        let mut out = String::new();
        if depth < 20 {
            if let Some(cause) = &info.cause {
                out += &self.render_exception(cause, depth + 1);
                out += "\nThe above exception was the direct cause of the following exception:\n\n";
            } else if let (Some(ctx), false) = (&info.context, info.suppress_context) {
                out += &self.render_exception(ctx, depth + 1);
                out += "\nDuring handling of the above exception, another exception occurred:\n\n";
            }
        }
        if !info.traceback.is_empty() {
            out += "Traceback (most recent call last):\n";
            for entry in info.traceback.iter().rev() {
                let line = entry.source.line_of(entry.range.start());
                out += &format!(
                    "  File \"{}\", line {line}, in {}\n",
                    entry.source.filename, entry.name
                );
                let text = entry.source.line_text(line).trim();
                if !text.is_empty() {
                    out += &format!("    {text}\n");
                    if let Some(c) = carets(entry) {
                        out += &format!("    {c}\n");
                    }
                }
            }
        }
        out += &self.exception_line(exc);
        let hint = match &info.hint {
            Some(crate::exceptions::Hint::Ready(s)) => Some(s.clone()),
            Some(crate::exceptions::Hint::Attribute(obj, name)) => self.attr_suggestion(obj, name),
            None => None,
        };
        if let Some(h) = hint {
            out += &format!(". Did you mean: '{h}'?");
        }
        out += "\n";
        out
    }

    /// `Type: message` (or just `Type` when the message is empty).
    pub(crate) fn exception_line(&mut self, exc: &Value) -> String {
        let Value::Instance(inst) = exc else {
            return String::new();
        };
        let module = match inst.class.dict.borrow().get("__module__") {
            Some(Value::Str(s)) => s.to_string(),
            _ => inst.class.module.clone(),
        };
        let name = if module == "builtins" || module == "__main__" {
            inst.class.name.clone()
        } else {
            format!("{module}.{}", inst.class.name)
        };
        let msg = self
            .to_str(exc)
            .unwrap_or_else(|_| "<exception str() failed>".into());
        if msg.is_empty() {
            name
        } else {
            format!("{name}: {msg}")
        }
    }

    /// Convert an escaped exception into the crate's error.
    pub(crate) fn uncaught(&mut self, exc: &Value) -> Error {
        if let Value::Instance(inst) = exc {
            let system_exit = self.exception_class("SystemExit");
            if system_exit.is_some_and(|c| inst.class.is_subclass_of(&c)) {
                let args = inst
                    .exc
                    .borrow()
                    .as_ref()
                    .map(|e| e.args.clone())
                    .unwrap_or_default();
                return match args.as_slice() {
                    [] | [Value::None] => Error::Exit {
                        code: 0,
                        rendered: String::new(),
                    },
                    [Value::Int(n)] => Error::Exit {
                        code: *n as i32,
                        rendered: String::new(),
                    },
                    [Value::Bool(b)] => Error::Exit {
                        code: i32::from(*b),
                        rendered: String::new(),
                    },
                    [v] => {
                        let text = self.to_str(v).unwrap_or_default();
                        Error::Exit {
                            code: 1,
                            rendered: format!("{text}\n"),
                        }
                    }
                    _ => {
                        let text = self.repr(&Value::tuple(args.clone())).unwrap_or_default();
                        Error::Exit {
                            code: 1,
                            rendered: format!("{text}\n"),
                        }
                    }
                };
            }
        }
        let rendered = self.render_exception(exc, 0);
        let class_name = match exc {
            Value::Instance(i) => i.class.name.clone(),
            other => other.type_name(),
        };
        let message = self.to_str(exc).unwrap_or_default();
        Error::Uncaught {
            class_name,
            message,
            rendered,
        }
    }
}
