//! The dynamic value every Python expression evaluates to, and the hash keys that make
//! dicts and sets work with CPython's equality (`1 == 1.0 == True` are one key).

use crate::class::{Class, Instance};
use crate::function::{BoundMethod, Function, NativeFunction};
use crate::modules::{Module, NativeObject};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::rc::Rc;

/// A dict: insertion-ordered, keyed by [`HashKey`], keeping the original key value.
pub type Dict = IndexMap<HashKey, (Value, Value)>;
/// A set: insertion-ordered (CPython's order differs for some values; small ints and strings
/// in insertion order is what tutorials print).
pub type Set = IndexMap<HashKey, Value>;

/// `d[k] = v`: a new key is appended; an existing equal key keeps its original key object
/// and only the value changes, as in CPython (`{1: 'a', 1.0: 'b'}` is `{1: 'b'}`).
pub fn dict_put(d: &mut Dict, hk: HashKey, k: Value, v: Value) {
    match d.get_mut(&hk) {
        Some(slot) => slot.1 = v,
        None => {
            d.insert(hk, (k, v));
        }
    }
}

/// `s.add(v)`: an equal member already present stays (`{True, 1.0}` is `{True}`).
pub fn set_put(s: &mut Set, hk: HashKey, v: Value) {
    s.entry(hk).or_insert(v);
}

/// A Python value.
#[derive(Clone)]
pub enum Value {
    /// `None`.
    None,
    /// `...`.
    Ellipsis,
    /// `True` / `False`.
    Bool(bool),
    /// An `int` (i64; arithmetic that leaves this range raises OverflowError).
    Int(i64),
    /// A `float`.
    Float(f64),
    /// A `str`.
    Str(Rc<str>),
    /// A `list`.
    List(Rc<RefCell<Vec<Value>>>),
    /// A `tuple`.
    Tuple(Rc<Vec<Value>>),
    /// A `dict`.
    Dict(Rc<RefCell<Dict>>),
    /// A `set`.
    Set(Rc<RefCell<Set>>),
    /// A `range(start, stop, step)`.
    Range(i64, i64, i64),
    /// A `slice(start, stop, step)` object.
    Slice(Rc<[Value; 3]>),
    /// A function defined in Python.
    Function(Rc<Function>),
    /// A function implemented in Rust.
    Native(Rc<NativeFunction>),
    /// A function bound to its receiver (`obj.method`).
    Method(Rc<BoundMethod>),
    /// A class (builtin or user-defined).
    Class(Rc<Class>),
    /// An instance of a user-defined class (exceptions included).
    Instance(Rc<Instance>),
    /// A module.
    Module(Rc<Module>),
    /// An iterator (also what generator expressions evaluate to).
    Iter(Rc<RefCell<PyIter>>),
    /// A `property` object: getter, setter, deleter (None when absent).
    Property(Rc<[Value; 3]>),
    /// A `classmethod` wrapper.
    ClassMethod(Rc<Value>),
    /// A `staticmethod` wrapper.
    StaticMethod(Rc<Value>),
    /// `super()` bound to a class and a receiver.
    Super(Rc<(Rc<Class>, Value)>),
    /// An object implemented in Rust by a native module (sqlalchemy objects, Decimal, dates).
    Object(Rc<dyn NativeObject>),
}

/// An iterator's state.
pub enum PyIter {
    /// Over a snapshot of values.
    Seq(Vec<Value>, usize),
    /// Over a live list (sees appends, as CPython's list iterator does).
    List(Rc<RefCell<Vec<Value>>>, usize),
    /// Over a range.
    Range(i64, i64, i64),
    /// A generator expression's values (computed when it was created).
    Generator(Vec<Value>, usize),
    /// Values produced on demand (infinite `itertools.count()`, lazy `islice`), with the
    /// type name `type()` reports.
    Lazy(&'static str, Box<LazyNext>),
    /// A generator function's generator.
    Gen(Box<crate::generator::GenState>),
}

/// The step function of a [`PyIter::Lazy`] iterator: the next value, or None when done.
pub type LazyNext = dyn FnMut(&mut crate::Interpreter) -> crate::PyResult<Option<Value>>;

impl Value {
    /// A `str` value.
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::from(s))
    }

    /// A `list` value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(RefCell::new(items)))
    }

    /// A `tuple` value.
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(items))
    }

    /// An iterator over `items`.
    pub fn iter_of(items: Vec<Value>) -> Value {
        Value::Iter(Rc::new(RefCell::new(PyIter::Seq(items, 0))))
    }

    /// A generator (what a generator expression evaluates to) over `items`.
    pub fn generator(items: Vec<Value>) -> Value {
        Value::Iter(Rc::new(RefCell::new(PyIter::Generator(items, 0))))
    }

    /// A lazy iterator named `name` whose values `next` produces.
    pub fn lazy_iter(
        name: &'static str,
        next: impl FnMut(&mut crate::Interpreter) -> crate::PyResult<Option<Value>> + 'static,
    ) -> Value {
        Value::Iter(Rc::new(RefCell::new(PyIter::Lazy(name, Box::new(next)))))
    }

    /// The key for dict/set membership, or None when the value is unhashable.
    pub fn hash_key(&self) -> Option<HashKey> {
        Some(match self {
            Value::None => HashKey::None,
            Value::Ellipsis => HashKey::Id(1),
            Value::Bool(b) => HashKey::Int(i64::from(*b)),
            Value::Int(i) => HashKey::Int(*i),
            Value::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 9.0e18 {
                    HashKey::Int(*f as i64)
                } else {
                    HashKey::Float(f.to_bits())
                }
            }
            Value::Str(s) => HashKey::Str(s.clone()),
            Value::Tuple(items) => HashKey::Tuple(
                items
                    .iter()
                    .map(Value::hash_key)
                    .collect::<Option<Vec<_>>>()?,
            ),
            Value::Range(a, b, c) => {
                HashKey::Tuple(vec![HashKey::Int(*a), HashKey::Int(*b), HashKey::Int(*c)])
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) | Value::Slice(_) => return None,
            Value::Object(o) => return o.hash_key(),
            other => HashKey::Id(other.identity()),
        })
    }

    /// An identity for `is` and default hashing: the address of the shared allocation.
    pub fn identity(&self) -> usize {
        match self {
            Value::None => 0,
            Value::Ellipsis => 1,
            Value::Bool(b) => 2 + usize::from(*b),
            Value::Int(i) => *i as usize,
            Value::Float(f) => f.to_bits() as usize,
            Value::Str(s) => Rc::as_ptr(s) as *const u8 as usize,
            Value::List(r) => Rc::as_ptr(r) as usize,
            Value::Tuple(r) => Rc::as_ptr(r) as usize,
            Value::Dict(r) => Rc::as_ptr(r) as usize,
            Value::Set(r) => Rc::as_ptr(r) as usize,
            Value::Range(a, b, _) => (*a as usize) ^ (*b as usize),
            Value::Slice(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::Function(r) => Rc::as_ptr(r) as usize,
            Value::Native(r) => Rc::as_ptr(r) as usize,
            Value::Method(r) => Rc::as_ptr(r) as usize,
            Value::Class(r) => Rc::as_ptr(r) as usize,
            Value::Instance(r) => Rc::as_ptr(r) as usize,
            Value::Module(r) => Rc::as_ptr(r) as usize,
            Value::Iter(r) => Rc::as_ptr(r) as usize,
            Value::Property(r) => Rc::as_ptr(r) as *const u8 as usize,
            Value::ClassMethod(r) | Value::StaticMethod(r) => Rc::as_ptr(r) as usize,
            Value::Super(r) => Rc::as_ptr(r) as usize,
            Value::Object(r) => Rc::as_ptr(r) as *const u8 as usize,
        }
    }

    /// Python's `is`.
    pub fn is(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::None, Value::None) | (Value::Ellipsis, Value::Ellipsis) => true,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Int(a), Value::Int(b)) => a == b && (-5..=256).contains(a),
            (Value::Str(a), Value::Str(b)) => Rc::ptr_eq(a, b) || (a.len() <= 1 && a == b),
            (Value::Float(_), _) | (Value::Int(_), _) | (Value::Bool(_), _) | (Value::None, _) => {
                false
            }
            _ => {
                std::mem::discriminant(self) == std::mem::discriminant(other)
                    && self.identity() == other.identity()
            }
        }
    }

    /// The builtin type's name for messages (`'int'`, `'list'`, ...); instances use their class.
    pub fn type_name(&self) -> String {
        match self {
            Value::None => "NoneType".into(),
            Value::Ellipsis => "ellipsis".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Float(_) => "float".into(),
            Value::Str(_) => "str".into(),
            Value::List(_) => "list".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::Dict(_) => "dict".into(),
            Value::Set(_) => "set".into(),
            Value::Range(..) => "range".into(),
            Value::Slice(_) => "slice".into(),
            Value::Function(_) => "function".into(),
            Value::Native(_) => "builtin_function_or_method".into(),
            Value::Method(_) => "method".into(),
            Value::Class(_) => "type".into(),
            Value::Instance(i) => i.class.name.clone(),
            Value::Module(_) => "module".into(),
            Value::Iter(it) => match it.try_borrow().as_deref() {
                Ok(PyIter::Generator(..) | PyIter::Gen(_)) => "generator".into(),
                Ok(PyIter::Lazy(name, _)) => (*name).into(),
                Ok(PyIter::List(..)) => "list_iterator".into(),
                Ok(PyIter::Range(..)) => "range_iterator".into(),
                _ => "iterator".into(),
            },
            Value::Property(_) => "property".into(),
            Value::ClassMethod(_) => "classmethod".into(),
            Value::StaticMethod(_) => "staticmethod".into(),
            Value::Super(_) => "super".into(),
            Value::Object(o) => o.type_name(),
        }
    }
}

/// A hashable identity for dict keys and set members.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum HashKey {
    /// `None`.
    None,
    /// An int, a bool, or an integral float.
    Int(i64),
    /// A non-integral float, by bits.
    Float(u64),
    /// A string.
    Str(Rc<str>),
    /// A tuple of hashables.
    Tuple(Vec<HashKey>),
    /// Identity-hashed objects.
    Id(usize),
    /// An instance whose class defines `__hash__`: keys with the same hash are one key
    /// (Retort does not call `__eq__` on hash collisions).
    Custom(i64),
}
