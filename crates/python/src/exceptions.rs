//! Exceptions: CPython's builtin exception hierarchy, the state an exception instance
//! carries (args, cause, context, traceback), and [`Exc`], how a raise travels through
//! the evaluator.

use crate::class::{Builtin, Class, c3_mro};
use crate::error::Error;
use crate::value::Value;
use ruff_text_size::TextRange;
use std::collections::HashMap;
use std::rc::Rc;

/// Why evaluation is unwinding.
pub enum Exc {
    /// A Python exception (the value is an exception instance).
    Raise(Value),
    /// Evaluation must stop and cannot be caught by the script (the budget ran out).
    Halt(Error),
}

/// One line of a traceback.
#[derive(Clone)]
pub struct TbEntry {
    /// Which frame (so each frame appears once per unwinding).
    pub frame_id: u64,
    /// The frame's name (`<module>`, a function name).
    pub name: String,
    /// The failing node's range.
    pub range: TextRange,
    /// The source the range points into.
    pub source: Rc<crate::parse::Source>,
}

/// The state of an exception instance.
#[derive(Default, Clone)]
pub struct ExcInfo {
    /// `args`.
    pub args: Vec<Value>,
    /// `__cause__` (set by `raise ... from ...`).
    pub cause: Option<Value>,
    /// `__context__` (the exception being handled when this one was raised).
    pub context: Option<Value>,
    /// `__suppress_context__`.
    pub suppress_context: bool,
    /// Frames it unwound through, innermost first.
    pub traceback: Vec<TbEntry>,
    /// The innermost node that failed in the frame being unwound now.
    pub pending: Option<TextRange>,
    /// What a "Did you mean" hint is computed from when the report is printed.
    pub hint: Option<Hint>,
}

/// The source of a "Did you mean" hint on a `NameError` or `AttributeError` report.
#[derive(Clone)]
pub enum Hint {
    /// Already computed when the name was looked up (the frame is gone by report time).
    Ready(String),
    /// `obj.name` failed: computed from `dir(obj)` only if the report is printed.
    Attribute(Value, String),
}

/// CPython 3.11's builtin exceptions, each with its base.
pub const HIERARCHY: &[(&str, &str)] = &[
    ("BaseException", ""),
    ("SystemExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("Exception", "BaseException"),
    ("StopIteration", "Exception"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("FileNotFoundError", "OSError"),
    ("PermissionError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("Warning", "Exception"),
    ("DeprecationWarning", "Warning"),
    ("UserWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
];

/// Build the exception classes over `object`.
pub fn build_hierarchy(object: &Rc<Class>) -> HashMap<String, Rc<Class>> {
    let mut out: HashMap<String, Rc<Class>> = HashMap::new();
    for (name, base) in HIERARCHY {
        let base = out.get(*base).cloned().unwrap_or_else(|| object.clone());
        let bases = vec![base];
        let mro = c3_mro(&bases).unwrap_or_default();
        let mut class = Class::new(name, "builtins", bases, mro);
        class.builtin = Some(Builtin::Exception);
        out.insert(name.to_string(), Rc::new(class));
    }
    out
}
