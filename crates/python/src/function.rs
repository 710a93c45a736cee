//! Functions: those defined in Python (with their defaults and closure), native functions
//! implemented in Rust, bound methods, and the argument list a call passes.

use crate::frame::Env;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use indexmap::IndexMap;
use ruff_python_ast::{ExprLambda, StmtFunctionDef};
use std::rc::Rc;

/// The code of a Python function.
pub enum Code {
    /// A `def`.
    Def(Rc<StmtFunctionDef>),
    /// A `lambda`.
    Lambda(Rc<ExprLambda>),
}

/// A function defined in Python.
pub struct Function {
    /// `__name__`.
    pub name: String,
    /// `__qualname__`.
    pub qualname: String,
    /// Its code.
    pub code: Code,
    /// Evaluated defaults of positional parameters, by parameter name.
    pub defaults: IndexMap<String, Value>,
    /// The module namespace it was defined in.
    pub globals: Rc<Env>,
    /// The enclosing function scope, for closures.
    pub closure: Option<Rc<Env>>,
    /// The source its code came from (for tracebacks).
    pub source: Rc<crate::parse::Source>,
    /// The names its body binds locally (see [`crate::scope::local_names`]).
    pub local_names: Rc<std::collections::HashSet<String>>,
    /// Whether its body contains `yield` (calling it makes a generator).
    pub generator: bool,
    /// Attributes set on the function (`f.calls = 0`, `functools.wraps`'s `__wrapped__`).
    pub attrs: std::cell::RefCell<IndexMap<String, Value>>,
}

impl Function {
    /// `__doc__`: the docstring of a `def` (its first statement, if a string literal).
    pub fn docstring(&self) -> Value {
        if let Code::Def(d) = &self.code
            && let Some(ruff_python_ast::Stmt::Expr(e)) = d.body.first()
            && let ruff_python_ast::Expr::StringLiteral(s) = &*e.value
        {
            return Value::str(s.value.to_str());
        }
        Value::None
    }

    /// `__qualname__`, as `functools.wraps` may have replaced it.
    pub fn display_qualname(&self) -> String {
        match self.attrs.borrow().get("__qualname__") {
            Some(Value::Str(s)) => s.to_string(),
            _ => self.qualname.clone(),
        }
    }
}

/// The arguments of a call: positional values and keyword pairs in call order.
#[derive(Default, Clone)]
pub struct Args {
    /// Positional arguments.
    pub pos: Vec<Value>,
    /// Keyword arguments.
    pub kw: Vec<(String, Value)>,
}

impl Args {
    /// Positional arguments only.
    pub fn positional(pos: Vec<Value>) -> Args {
        Args {
            pos,
            kw: Vec::new(),
        }
    }

    /// Remove and return keyword `name`.
    pub fn take_kw(&mut self, name: &str) -> Option<Value> {
        let i = self.kw.iter().position(|(k, _)| k == name)?;
        Some(self.kw.remove(i).1)
    }
}

/// The signature of a native function: the interpreter and the call's arguments.
pub type NativeFn = dyn Fn(&mut Interpreter, Args) -> PyResult<Value>;

/// A function implemented in Rust.
pub struct NativeFunction {
    /// `__name__`.
    pub name: String,
    /// The implementation.
    pub func: Rc<NativeFn>,
}

impl NativeFunction {
    /// Wrap a closure as a Python-callable value.
    pub fn value(
        name: &str,
        func: impl Fn(&mut Interpreter, Args) -> PyResult<Value> + 'static,
    ) -> Value {
        Value::Native(Rc::new(NativeFunction {
            name: name.to_string(),
            func: Rc::new(func),
        }))
    }
}

/// A function bound to the object it was looked up on.
pub struct BoundMethod {
    /// `__self__`.
    pub receiver: Value,
    /// `__func__`.
    pub func: Value,
}
