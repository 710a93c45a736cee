//! Scopes and frames: a frame is one executing function call (or the module, or a class
//! body); an [`Env`] is a namespace that closures keep alive.

use crate::value::Value;
use indexmap::IndexMap;
use ruff_text_size::TextRange;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// A namespace: module globals, a function's locals, or a class body.
#[derive(Default)]
pub struct Env {
    /// The bindings.
    pub vars: RefCell<IndexMap<String, Value>>,
    /// The enclosing function scope (closures), never the module.
    pub parent: Option<Rc<Env>>,
}

impl Env {
    /// An empty namespace inside `parent`.
    pub fn new(parent: Option<Rc<Env>>) -> Rc<Env> {
        Rc::new(Env {
            vars: RefCell::new(IndexMap::new()),
            parent,
        })
    }

    /// Read a binding.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.vars.borrow().get(name).cloned()
    }

    /// Bind `name`.
    pub fn set(&self, name: &str, value: Value) {
        self.vars.borrow_mut().insert(name.to_string(), value);
    }

    /// Bind `name`, returning what it was bound to.
    pub fn replace(&self, name: &str, value: Value) -> Option<Value> {
        self.vars.borrow_mut().insert(name.to_string(), value)
    }
}

/// What kind of code a frame runs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum FrameKind {
    /// The module body.
    Module,
    /// A function body.
    Function,
    /// A class body.
    Class,
}

/// One executing frame.
pub struct Frame {
    /// The name shown in tracebacks (`<module>`, the function name).
    pub name: String,
    /// Module, function or class body.
    pub kind: FrameKind,
    /// Local namespace (the globals themselves for the module frame).
    pub locals: Rc<Env>,
    /// The module namespace.
    pub globals: Rc<Env>,
    /// Names declared `global`.
    pub global_names: HashSet<String>,
    /// Names declared `nonlocal`.
    pub nonlocal_names: HashSet<String>,
    /// The range of the statement executing now (for tracebacks and the budget report).
    pub stmt_range: TextRange,
    /// The function running in this frame (for zero-argument `super()`).
    pub function: Option<Value>,
    /// The names bound locally in this function (reading one before assignment raises
    /// UnboundLocalError).
    pub local_names: Rc<HashSet<String>>,
    /// A unique id, so a traceback records each frame once.
    pub id: u64,
}
