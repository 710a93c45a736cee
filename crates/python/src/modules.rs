//! Modules and the native-module interface.
//!
//! A [`Module`] is a name plus attributes. Native modules (Rust code such as the `sqlalchemy`
//! modules) register an initializer in the [`ModuleRegistry`] under their dotted name; the
//! first `import` runs it and caches the module. Attributes may be native functions
//! ([`crate::NativeFunction::value`]), native classes ([`crate::Class`] with
//! [`crate::Builtin::Native`], constructed through a native `__new__`), or native objects: any
//! Rust type implementing [`NativeObject`], stored as [`Value::Object`].

use crate::class::Class;
use crate::exceptions::Exc;
use crate::function::Args;
use crate::value::{HashKey, Value};
use crate::{Interpreter, PyResult};
use indexmap::IndexMap;
use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// A module: `__name__` and its attributes.
pub struct Module {
    /// The dotted name.
    pub name: String,
    /// Its attributes in definition order.
    pub attrs: RefCell<IndexMap<String, Value>>,
}

impl Module {
    /// An empty module.
    pub fn new(name: &str) -> Module {
        Module {
            name: name.to_string(),
            attrs: RefCell::new(IndexMap::new()),
        }
    }

    /// Set an attribute (builder style for initializers).
    pub fn set(&self, name: &str, value: Value) {
        self.attrs.borrow_mut().insert(name.to_string(), value);
    }
}

/// How a native module is built on first import.
pub type ModuleInit = dyn Fn(&mut Interpreter) -> PyResult<Rc<Module>>;

/// The modules `import` can find, by dotted name.
#[derive(Default)]
pub struct ModuleRegistry {
    inits: HashMap<String, Rc<ModuleInit>>,
}

impl ModuleRegistry {
    /// Make `name` importable; `init` builds it on first import.
    pub fn register(
        &mut self,
        name: &str,
        init: impl Fn(&mut Interpreter) -> PyResult<Rc<Module>> + 'static,
    ) {
        self.inits.insert(name.to_string(), Rc::new(init));
    }

    /// Whether `name` is registered.
    pub fn contains(&self, name: &str) -> bool {
        self.inits.contains_key(name)
    }

    fn get(&self, name: &str) -> Option<Rc<ModuleInit>> {
        self.inits.get(name).cloned()
    }
}

/// An object implemented in Rust. Every method has a default, so a type implements only
/// what it supports; `None` from a hook means "not supported" and the evaluator raises
/// CPython's usual TypeError/AttributeError.
pub trait NativeObject {
    /// The type name used in messages and by `type(x).__name__`.
    fn type_name(&self) -> String;
    /// The class `type(self)` returns and `isinstance` checks against (None: a plain
    /// `object`).
    fn class(&self) -> Option<Rc<Class>> {
        None
    }
    /// `repr(self)`.
    fn repr(&self, interp: &mut Interpreter) -> PyResult<String>;
    /// `str(self)` (defaults to `repr`).
    fn str(&self, interp: &mut Interpreter) -> PyResult<String> {
        self.repr(interp)
    }
    /// `self.name` (`this` is the value wrapping `self`, for binding methods).
    fn get_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _name: &str,
    ) -> PyResult<Option<Value>> {
        Ok(None)
    }
    /// `self.name = value`.
    fn set_attr(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _name: &str,
        _value: Value,
    ) -> Option<PyResult<()>> {
        None
    }
    /// `self(*args)`.
    fn call(
        &self,
        _interp: &mut Interpreter,
        _this: &Value,
        _args: Args,
    ) -> Option<PyResult<Value>> {
        None
    }
    /// A binary operator with `self` on the left (or on the right when `reflected`):
    /// `op` is the operator's symbol (`+`, `==`, `<`, `&`, `|`, `~` ...).
    fn binary_op(
        &self,
        _interp: &mut Interpreter,
        _op: &str,
        _other: &Value,
        _reflected: bool,
    ) -> Option<PyResult<Value>> {
        None
    }
    /// A unary operator on `self`: `op` is `-`, `+`, `~` or `abs`.
    fn unary_op(&self, _interp: &mut Interpreter, _op: &str) -> Option<PyResult<Value>> {
        None
    }
    /// Truthiness (`None`: always true).
    fn truthy(&self) -> Option<bool> {
        None
    }
    /// `bool(self)` when it may raise (SQLAlchemy's clauses raise `TypeError`); `None`
    /// falls back to [`NativeObject::truthy`].
    fn bool_checked(&self, _interp: &mut Interpreter) -> Option<PyResult<bool>> {
        None
    }
    /// The dict/set key when hashable by value; `None` hashes by identity.
    fn hash_key(&self) -> Option<HashKey> {
        None
    }
    /// `iter(self)` as a list of values.
    fn iterate(&self, _interp: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        None
    }
    /// `self[key]`.
    fn get_item(&self, _interp: &mut Interpreter, _key: &Value) -> Option<PyResult<Value>> {
        None
    }
    /// `len(self)`.
    fn len(&self) -> Option<usize> {
        None
    }
    /// `len(self)` when it needs the interpreter (defaults to [`NativeObject::len`]).
    fn len_in(&self, _interp: &mut Interpreter) -> Option<PyResult<usize>> {
        self.len().map(Ok)
    }
    /// Whether `len(self)` is 0 (None when `len` is not supported).
    fn is_empty(&self) -> Option<bool> {
        self.len().map(|n| n == 0)
    }
    /// Descriptor protocol: the value of `owner.attr` / `instance.attr` when this object is
    /// a class attribute (`instance` is None for access through the class).
    fn descr_get(
        &self,
        _interp: &mut Interpreter,
        _instance: Option<&Value>,
        _owner: &Value,
    ) -> Option<PyResult<Value>> {
        None
    }
    /// Descriptor protocol: `instance.attr = value`.
    fn descr_set(
        &self,
        _interp: &mut Interpreter,
        _instance: &Value,
        _value: Value,
    ) -> Option<PyResult<()>> {
        None
    }
    /// Whether this descriptor takes precedence over the instance dict.
    fn is_data_descriptor(&self) -> bool {
        false
    }
    /// When a class statement lists this object as a base, the class to use instead
    /// (how `declarative_base()` results are subclassed).
    fn mro_entry(&self) -> Option<Rc<Class>> {
        None
    }
    /// Downcasting for native modules.
    fn as_any(&self) -> &dyn Any;
}

/// Modules of SQLAlchemy 2.x that Retort does not provide: importing one raises
/// `NotImplementedError` naming it rather than a misleading `ModuleNotFoundError`.
const KNOWN_UNSUPPORTED: &[&str] = &[
    "sqlalchemy.schema",
    "sqlalchemy.types",
    "sqlalchemy.engine",
    "sqlalchemy.engine.url",
    "sqlalchemy.pool",
    "sqlalchemy.inspection",
    "sqlalchemy.future",
    "sqlalchemy.sql.expression",
    "sqlalchemy.sql.functions",
    "sqlalchemy.ext.associationproxy",
    "sqlalchemy.ext.asyncio",
    "sqlalchemy.ext.automap",
    "sqlalchemy.ext.compiler",
    "sqlalchemy.ext.mutable",
    "sqlalchemy.ext.orderinglist",
    "sqlalchemy.ext.indexable",
    "sqlalchemy.ext.horizontal_shard",
    "sqlalchemy.ext.baked",
    "sqlalchemy.ext.serializer",
    "sqlalchemy.orm.attributes",
    "sqlalchemy.orm.collections",
    "sqlalchemy.orm.query",
    "sqlalchemy.orm.scoping",
    "sqlalchemy.orm.decl_api",
    "sqlalchemy.dialects.postgresql",
    "sqlalchemy.dialects.mysql",
    "sqlalchemy.dialects.mssql",
    "sqlalchemy.dialects.oracle",
];

impl Interpreter {
    /// Import a module by dotted name, running its initializer once.
    pub fn import_module(&mut self, name: &str) -> PyResult<Rc<Module>> {
        if let Some(m) = self.loaded.get(name) {
            return Ok(m.clone());
        }
        let Some(init) = self.registry.get(name) else {
            let top = name.split('.').next().unwrap_or(name);
            // A module of a supported package that Retort does not have (yet):
            // `sqlalchemy.ext.associationproxy` exists in SQLAlchemy, so say so plainly.
            if KNOWN_UNSUPPORTED.contains(&name) {
                return Err(self.exc(
                    "NotImplementedError",
                    format!("the module {name} is not supported by Retort yet"),
                ));
            }
            // A missing submodule of a package (`sqlalchemy.ormm`): CPython's message.
            let package = name.rsplit_once('.').map(|(p, _)| p).unwrap_or(name);
            if top != name && self.registry.contains(package) {
                let err = self.exc("ModuleNotFoundError", format!("No module named '{name}'"));
                if let Exc::Raise(Value::Instance(inst)) = &err {
                    inst.attrs
                        .borrow_mut()
                        .insert("name".into(), Value::str(name));
                }
                return Err(err);
            }
            let msg = if top != name && self.registry.contains(top) {
                format!("No module named '{name}'; '{top}' is not a package")
            } else {
                format!(
                    "No module named '{}'",
                    if self.registry.contains(top) {
                        name
                    } else {
                        top
                    }
                )
            };
            let err = self.exc("ModuleNotFoundError", msg);
            if let Exc::Raise(Value::Instance(inst)) = &err {
                inst.attrs
                    .borrow_mut()
                    .insert("name".into(), Value::str(name));
            }
            return Err(err);
        };
        let module = init(self)?;
        self.loaded.insert(name.to_string(), module.clone());
        if let Some((parent, child)) = name.rsplit_once('.') {
            let parent = self.import_module(parent)?;
            if !parent.attrs.borrow().contains_key(child) {
                parent.set(child, Value::Module(module.clone()));
            }
        }
        Ok(module)
    }
}
