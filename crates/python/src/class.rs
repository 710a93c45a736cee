//! Classes and their instances: the class dict, C3 method resolution order, attribute lookup
//! along the MRO, and the per-instance attribute dict.

use crate::exceptions::ExcInfo;
use crate::value::Value;
use indexmap::IndexMap;
use std::cell::RefCell;
use std::rc::Rc;

/// Which builtin type a class is, or derives its instance layout from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// `object`.
    Object,
    /// `type`.
    Type,
    /// `int`.
    Int,
    /// `bool`.
    Bool,
    /// `float`.
    Float,
    /// `str`.
    Str,
    /// `list`.
    List,
    /// `tuple`.
    Tuple,
    /// `dict`.
    Dict,
    /// `set`.
    Set,
    /// `frozenset` (behaves as set).
    FrozenSet,
    /// `range`.
    Range,
    /// `NoneType`.
    NoneType,
    /// `slice`.
    Slice,
    /// `function`, `builtin_function_or_method`, `method`.
    Function,
    /// `property`.
    Property,
    /// `classmethod`.
    ClassMethod,
    /// `staticmethod`.
    StaticMethod,
    /// `super`.
    Super,
    /// `module`.
    Module,
    /// iterators and generators.
    Iterator,
    /// `BaseException` and every exception class.
    Exception,
    /// A class implemented by a native module (its instances are `Value::Object`).
    Native,
}

/// A class object.
pub struct Class {
    /// `__name__`.
    pub name: String,
    /// `__module__` (`builtins` for builtin types, `__main__` for script classes).
    pub module: String,
    /// Direct bases in declaration order.
    pub bases: Vec<Rc<Class>>,
    /// The C3 linearization without the class itself.
    pub mro: Vec<Rc<Class>>,
    /// The class namespace.
    pub dict: RefCell<IndexMap<String, Value>>,
    /// The builtin type this class is or inherits its layout from, if any.
    pub builtin: Option<Builtin>,
}

impl Class {
    /// A new class; `mro` must already be computed by [`c3_mro`].
    pub fn new(name: &str, module: &str, bases: Vec<Rc<Class>>, mro: Vec<Rc<Class>>) -> Class {
        let builtin = mro
            .iter()
            .find_map(|c| c.builtin.filter(|b| *b != Builtin::Object));
        Class {
            name: name.to_string(),
            module: module.to_string(),
            bases,
            mro,
            dict: RefCell::new(IndexMap::new()),
            builtin,
        }
    }

    /// Look `name` up in this class and then along its MRO.
    pub fn lookup(&self, name: &str) -> Option<Value> {
        if let Some(v) = self.dict.borrow().get(name) {
            return Some(v.clone());
        }
        self.mro
            .iter()
            .find_map(|c| c.dict.borrow().get(name).cloned())
    }

    /// Whether `other` is this class or one of its ancestors.
    pub fn is_subclass_of(self: &Rc<Self>, other: &Rc<Class>) -> bool {
        Rc::ptr_eq(self, other) || self.mro.iter().any(|c| Rc::ptr_eq(c, other))
    }

    /// Whether this is an exception class.
    pub fn is_exception(&self) -> bool {
        self.builtin == Some(Builtin::Exception)
    }
}

/// Compute the C3 linearization of a class with `bases` (the result excludes the class itself).
/// Returns None when no consistent order exists (CPython raises TypeError).
pub fn c3_mro(bases: &[Rc<Class>]) -> Option<Vec<Rc<Class>>> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases
        .iter()
        .map(|b| {
            let mut s = vec![b.clone()];
            s.extend(b.mro.iter().cloned());
            s
        })
        .collect();
    seqs.push(bases.to_vec());
    let mut out: Vec<Rc<Class>> = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Some(out);
        }
        let candidate = seqs.iter().find_map(|s| {
            let head = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|c| Rc::ptr_eq(c, head)));
            (!in_tail).then(|| head.clone())
        })?;
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &candidate) {
                s.remove(0);
            }
        }
        out.push(candidate);
    }
}

/// An instance of a class defined in Python (or of an exception class).
pub struct Instance {
    /// Its class.
    pub class: Rc<Class>,
    /// `__dict__`.
    pub attrs: RefCell<IndexMap<String, Value>>,
    /// Exception state when the class is an exception class.
    pub exc: RefCell<Option<ExcInfo>>,
    /// The builtin value an instance of a `dict`/`list` subclass extends
    /// (see [`crate::builtin_subclass`]).
    pub base: RefCell<Option<Value>>,
}

impl Instance {
    /// A fresh instance with an empty `__dict__`.
    pub fn new(class: Rc<Class>) -> Instance {
        let exc = class.is_exception().then(ExcInfo::default);
        Instance {
            class,
            attrs: RefCell::new(IndexMap::new()),
            exc: RefCell::new(exc),
            base: RefCell::new(None),
        }
    }
}
