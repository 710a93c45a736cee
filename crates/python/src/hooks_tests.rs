//! Tests of the hooks a native module (the coming `sqlalchemy` bridge) builds on, with a
//! tiny native `orm` module: a native base class whose `__init_subclass__` maps each Python
//! subclass when its `class` statement runs, a native default constructor taking keyword
//! arguments, instrumented attributes (native data descriptors intercepting instance reads
//! and writes, returning themselves on class access), operator overloading on native
//! objects (`==`, `<`, `&`, `|`, `~`, `in_`), and a native `__dict__` presentation.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, NativeObject};
use crate::value::Value;
use crate::{Error, Instance, Interpreter, PyResult};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// What the native side observed, in order.
type Log = Rc<RefCell<Vec<String>>>;

/// `Column()`: an instrumented attribute once its class is mapped.
struct Column {
    key: RefCell<String>,
    log: Log,
}

/// A SQL expression built by operators on columns.
struct Expr(String);

impl NativeObject for Expr {
    fn type_name(&self) -> String {
        "BinaryExpression".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("<{}>", self.0))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.0.clone())
    }
    fn binary_op(
        &self,
        _: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        let other = other_text(other);
        let (l, r) = if reflected {
            (other, self.0.clone())
        } else {
            (self.0.clone(), other)
        };
        let word = match op {
            "&" => "AND",
            "|" => "OR",
            _ => return None,
        };
        Some(Ok(expr(format!("({l} {word} {r})"))))
    }
    fn unary_op(&self, _: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        (op == "~").then(|| Ok(expr(format!("NOT {}", self.0))))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn expr(text: String) -> Value {
    Value::Object(Rc::new(Expr(text)))
}

fn other_text(v: &Value) -> String {
    match v {
        Value::Str(s) => format!("'{s}'"),
        Value::Int(n) => n.to_string(),
        Value::Object(o) => match o.as_any().downcast_ref::<Expr>() {
            Some(e) => e.0.clone(),
            None => o.type_name(),
        },
        other => other.type_name(),
    }
}

impl NativeObject for Column {
    fn type_name(&self) -> String {
        "InstrumentedAttribute".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("<Column {}>", self.key.borrow()))
    }
    fn get_attr(&self, _: &mut Interpreter, _this: &Value, name: &str) -> PyResult<Option<Value>> {
        let key = self.key.borrow().clone();
        Ok(match name {
            "key" => Some(Value::str(&key)),
            "in_" => Some(NativeFunction::value("in_", move |i, a: Args| {
                let items = match a.pos.first() {
                    Some(v) => i.iterate(v)?,
                    None => Vec::new(),
                };
                let parts: Vec<String> = items.iter().map(other_text).collect();
                Ok(expr(format!("{key} IN ({})", parts.join(", "))))
            })),
            _ => None,
        })
    }
    fn binary_op(
        &self,
        _: &mut Interpreter,
        op: &str,
        other: &Value,
        _: bool,
    ) -> Option<PyResult<Value>> {
        let sql = match op {
            "==" => "=",
            "!=" => "!=",
            "<" | ">" | "<=" | ">=" => op,
            _ => return None,
        };
        Some(Ok(expr(format!(
            "{} {sql} {}",
            self.key.borrow(),
            other_text(other)
        ))))
    }
    fn descr_get(
        &self,
        _: &mut Interpreter,
        instance: Option<&Value>,
        _: &Value,
    ) -> Option<PyResult<Value>> {
        // Class access: None keeps the descriptor itself (`User.name == "ed"`).
        let Some(Value::Instance(inst)) = instance else {
            return None;
        };
        let key = self.key.borrow().clone();
        self.log.borrow_mut().push(format!("get {key}"));
        Some(Ok(inst
            .attrs
            .borrow()
            .get(&key)
            .cloned()
            .unwrap_or(Value::None)))
    }
    fn descr_set(
        &self,
        _: &mut Interpreter,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        let Value::Instance(inst) = instance else {
            return None;
        };
        let key = self.key.borrow().clone();
        self.log.borrow_mut().push(format!("set {key}"));
        inst.attrs.borrow_mut().insert(key, value);
        Some(Ok(()))
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `__dict__` presented by native code: the instance's attributes plus a state marker.
struct StateDict;

impl NativeObject for StateDict {
    fn type_name(&self) -> String {
        "getset_descriptor".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<attribute '__dict__'>".into())
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        _: &Value,
    ) -> Option<PyResult<Value>> {
        let Some(Value::Instance(inst)) = instance else {
            return None;
        };
        let mut pairs = vec![(Value::str("_sa_instance_state"), Value::str("<state>"))];
        pairs.extend(
            inst.attrs
                .borrow()
                .iter()
                .map(|(k, v)| (Value::str(k), v.clone())),
        );
        Some(i.new_dict(pairs))
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// An interpreter with the native `orm` module registered; returns the log too.
fn interpreter() -> (Interpreter, Log) {
    let log: Log = Rc::default();
    let mut py = Interpreter::new();
    let module_log = log.clone();
    py.registry().register("orm", move |i| {
        let m = Module::new("orm");
        let log = module_log.clone();
        m.set(
            "Column",
            NativeFunction::value("Column", move |_, _| {
                Ok(Value::Object(Rc::new(Column {
                    key: RefCell::default(),
                    log: log.clone(),
                })))
            }),
        );
        let base = i.native_class("Base", "orm");
        let hook_log = module_log.clone();
        base.dict.borrow_mut().insert(
            "__init_subclass__".into(),
            NativeFunction::value("__init_subclass__", move |i, a: Args| {
                let Some(Value::Class(cls)) = a.pos.first() else {
                    return Err(i.type_error("expected a class"));
                };
                let table = match cls.dict.borrow().get("__tablename__") {
                    Some(Value::Str(s)) => s.to_string(),
                    _ => {
                        return Err(i.exc(
                            "AttributeError",
                            format!("class {} has no __tablename__", cls.name),
                        ));
                    }
                };
                let mut columns = Vec::new();
                for (name, v) in cls.dict.borrow().iter() {
                    if let Value::Object(o) = v
                        && let Some(c) = o.as_any().downcast_ref::<Column>()
                    {
                        *c.key.borrow_mut() = name.clone();
                        columns.push(name.clone());
                    }
                }
                hook_log
                    .borrow_mut()
                    .push(format!("map {} -> {table} {columns:?}", cls.name));
                Ok(Value::None)
            }),
        );
        base.dict.borrow_mut().insert(
            "__init__".into(),
            NativeFunction::value("__init__", |i, a: Args| {
                let Some(this) = a.pos.first().cloned() else {
                    return Err(i.type_error("__init__ needs self"));
                };
                let class_name = match &this {
                    Value::Instance(inst) => inst.class.name.clone(),
                    other => other.type_name(),
                };
                for (k, v) in a.kw {
                    let known =
                        matches!(&this, Value::Instance(inst) if inst.class.lookup(&k).is_some());
                    if !known {
                        return Err(i.type_error(format!(
                            "'{k}' is an invalid keyword argument for {class_name}"
                        )));
                    }
                    i.setattr(&this, &k, v)?;
                }
                Ok(Value::None)
            }),
        );
        base.dict
            .borrow_mut()
            .insert("__dict__".into(), Value::Object(Rc::new(StateDict)));
        m.set("Base", Value::Class(base));
        Ok(Rc::new(m))
    });
    (py, log)
}

const MODEL: &str = "from orm import Base, Column
class User(Base):
    __tablename__ = 'users'
    id = Column()
    name = Column()
";

fn run(src: &str) -> (String, Vec<String>, Result<(), Error>) {
    let (mut py, log) = interpreter();
    let r = py.run(&format!("{MODEL}{src}"));
    let out = py.take_output();
    let log = log.borrow().clone();
    (out, log, r)
}

#[test]
fn subclassing_a_native_base_calls_the_native_hook_at_class_creation() {
    let (out, log, r) = run("print(User.__mro__[1].__name__, isinstance(User(), Base))\n");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        log,
        vec!["map User -> users [\"id\", \"name\"]".to_string()]
    );
    assert_eq!(out, "Base True\n");
}

#[test]
fn native_default_constructor_takes_keyword_arguments() {
    let (out, log, r) = run("u = User(name='ed', id=1)\nprint(u.name, u.id)\n");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "ed 1\n");
    assert_eq!(&log[1..], ["set name", "set id", "get name", "get id"]);
    let (_, _, r) = run("User(nickname='x')\n");
    match r {
        Err(Error::Uncaught {
            class_name,
            message,
            ..
        }) => {
            assert_eq!(class_name, "TypeError");
            assert_eq!(
                message,
                "'nickname' is an invalid keyword argument for User"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn native_descriptors_intercept_instance_access_and_return_themselves_on_the_class() {
    let (out, log, r) =
        run("u = User()\nu.name = 'wendy'\nprint(u.name)\nprint(User.name, User.name.key)\n");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "wendy\n<Column name> name\n");
    assert_eq!(&log[1..], ["set name", "get name"]);
}

#[test]
fn operators_on_native_objects_build_expressions() {
    let src = "print(User.name == 'ed')
print(User.id < 5, 5 > User.id)
print((User.name == 'ed') & (User.id >= 2) | ~(User.id != 3))
print(User.name.in_(['a', 'b']))
";
    let (out, _, r) = run(src);
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "name = 'ed'\nid < 5 id < 5\n((name = 'ed' AND id >= 2) OR NOT id != 3)\nname IN ('a', 'b')\n"
    );
}

#[test]
fn native_code_presents_the_instance_dict() {
    let (out, _, r) = run("u = User(name='ed')\nprint(u.__dict__)\n");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "{'_sa_instance_state': '<state>', 'name': 'ed'}\n");
}

#[test]
fn instances_of_python_subclasses_are_plain_instances() {
    let (mut py, _) = interpreter();
    assert!(py.run(MODEL).is_ok());
    assert!(py.run("u = User(id=7)").is_ok());
    let Some(Value::Instance(inst)) = py.global("u") else {
        panic!("u is not an instance")
    };
    let inst: Rc<Instance> = inst;
    assert_eq!(inst.class.name, "User");
    assert!(matches!(inst.attrs.borrow().get("id"), Some(Value::Int(7))));
}
