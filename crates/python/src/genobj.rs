//! The generator object's Python API (`send`, `throw`, `close`, `StopIteration.value`),
//! stepping any iterator one value at a time, and `contextlib.contextmanager`, whose
//! context managers drive a generator through its single `yield`.

use crate::exceptions::Exc;
use crate::function::{Args, NativeFunction};
use crate::generator::Resume;
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::{PyIter, Value};
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// The generator methods besides `__next__`.
pub const GEN_METHODS: &[&str] = &["send", "throw", "close"];

/// Whether `v` is a generator object (from a generator function).
pub fn is_generator_object(v: &Value) -> bool {
    matches!(v, Value::Iter(it) if matches!(it.try_borrow().as_deref(), Ok(PyIter::Gen(_)) | Err(_)))
}

impl Interpreter {
    /// The next value of iterator `it` (a `Value::Iter` or an instance with `__next__`),
    /// None when exhausted.
    pub(crate) fn iter_step(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Iter(state) => self.next_item(state),
            Value::Instance(inst) if inst.class.lookup("__next__").is_some() => {
                let m = inst.class.lookup("__next__").unwrap_or(Value::None);
                match self.call(&m, Args::positional(vec![it.clone()])) {
                    Ok(v) => Ok(Some(v)),
                    Err(Exc::Raise(e)) if self.is_instance_named(&e, "StopIteration") => Ok(None),
                    Err(e) => Err(e),
                }
            }
            other => {
                Err(self.type_error(format!("'{}' object is not an iterator", other.type_name())))
            }
        }
    }

    /// The `StopIteration` a finished iterator raises (with a generator's return value).
    pub(crate) fn stop_iteration(&mut self, it: &Value) -> Exc {
        let mut args = vec![];
        if let Value::Iter(state) = it
            && let Ok(mut st) = state.try_borrow_mut()
            && let PyIter::Gen(g) = &mut *st
            && let Some(v) = g.returned.take()
            && !matches!(v, Value::None)
        {
            args.push(v);
        }
        match self.exception_class("StopIteration") {
            Some(c) => Exc::Raise(self.new_exception(&c, args)),
            None => self.exc("StopIteration", ""),
        }
    }

    /// Resume generator `it` as `how`: its next value, or the StopIteration it finished with.
    pub(crate) fn gen_send(&mut self, it: &Value, how: Resume) -> PyResult<Value> {
        let Value::Iter(state) = it else {
            return Err(self.type_error("not a generator"));
        };
        let got = {
            let Ok(mut st) = state.try_borrow_mut() else {
                return Err(self.value_error("generator already executing"));
            };
            match &mut *st {
                PyIter::Gen(g) => self.gen_resume(g, how)?,
                _ => return Err(self.type_error("not a generator")),
            }
        };
        match got {
            Some(v) => Ok(v),
            None => Err(self.stop_iteration(it)),
        }
    }

    /// `generator.close()`: raise GeneratorExit at the paused `yield`.
    pub(crate) fn gen_close(&mut self, it: &Value) -> PyResult<()> {
        let Value::Iter(state) = it else {
            return Ok(());
        };
        let exit = match self.exception_class("GeneratorExit") {
            Some(c) => self.new_exception(&c, vec![]),
            None => return Ok(()),
        };
        let got = {
            let Ok(mut st) = state.try_borrow_mut() else {
                return Err(self.value_error("generator already executing"));
            };
            match &mut *st {
                PyIter::Gen(g) if g.is_suspended() => self.gen_resume(g, Resume::Throw(exit)),
                PyIter::Gen(g) => {
                    g.finish();
                    return Ok(());
                }
                _ => return Ok(()),
            }
        };
        match got {
            Ok(Some(_)) => Err(self.exc("RuntimeError", "generator ignored GeneratorExit")),
            Ok(None) => Ok(()),
            Err(Exc::Raise(e))
                if self.is_instance_named(&e, "GeneratorExit")
                    || self.is_instance_named(&e, "StopIteration") =>
            {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Close `it` if nothing but the caller still refers to it (CPython finalizes a
    /// generator as soon as its last reference goes, e.g. after `break` out of a `for`).
    pub(crate) fn close_if_unreferenced(&mut self, it: &Value) -> PyResult<()> {
        if let Value::Iter(state) = it
            && Rc::strong_count(state) == 1
            && is_generator_object(it)
        {
            return self.gen_close(it);
        }
        Ok(())
    }

    /// `generator.send(v)`, `generator.throw(exc)`, `generator.close()`.
    pub(crate) fn gen_method(&mut self, it: &Value, name: &str, a: Args) -> PyResult<Value> {
        match name {
            "send" => {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                self.gen_send(it, Resume::Send(v))
            }
            "throw" => {
                let v = match a.pos.first().cloned() {
                    Some(Value::Class(c)) if c.is_exception() => {
                        let args = a.pos.get(1).cloned().into_iter().collect();
                        self.call(&Value::Class(c), Args::positional(args))?
                    }
                    Some(v) => self.make_exception(v)?,
                    None => {
                        return Err(self.type_error("throw expected at least 1 argument, got 0"));
                    }
                };
                self.gen_send(it, Resume::Throw(v))
            }
            _ => self.gen_close(it).map(|_| Value::None),
        }
    }
}

/// What `@contextmanager` returns: calling it makes a [`GenContext`].
fn contextmanager(i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(func) = a.pos.first().cloned() else {
        return Err(i.type_error("contextmanager() missing 1 required positional argument: 'func'"));
    };
    let name = match &func {
        Value::Function(f) => f.name.clone(),
        _ => "helper".into(),
    };
    Ok(NativeFunction::value(&name, move |i, args| {
        let generator = i.call(&func, args)?;
        Ok(Value::Object(Rc::new(GenContext {
            generator: RefCell::new(Some(generator)),
        })))
    }))
}

/// `contextlib._GeneratorContextManager`: `__enter__` runs the generator to its `yield`,
/// `__exit__` resumes it (throwing the block's exception in, if any).
struct GenContext {
    generator: RefCell<Option<Value>>,
}

impl GenContext {
    fn generator(&self, i: &Interpreter) -> PyResult<Value> {
        self.generator
            .borrow()
            .clone()
            .ok_or_else(|| i.exc("RuntimeError", "generator didn't yield"))
    }

    fn enter(&self, i: &mut Interpreter) -> PyResult<Value> {
        let generator = self.generator(i)?;
        match i.gen_send(&generator, Resume::Send(Value::None)) {
            Err(Exc::Raise(e)) if i.is_instance_named(&e, "StopIteration") => {
                Err(i.exc("RuntimeError", "generator didn't yield"))
            }
            other => other,
        }
    }

    fn exit(&self, i: &mut Interpreter, a: Args) -> PyResult<Value> {
        let generator = self.generator(i)?;
        let exc = a.pos.get(1).cloned().unwrap_or(Value::None);
        if matches!(exc, Value::None) {
            return match i.gen_send(&generator, Resume::Send(Value::None)) {
                Ok(_) => Err(i.exc("RuntimeError", "generator didn't stop")),
                Err(Exc::Raise(e)) if i.is_instance_named(&e, "StopIteration") => {
                    Ok(Value::Bool(false))
                }
                Err(e) => Err(e),
            };
        }
        match i.gen_send(&generator, Resume::Throw(exc.clone())) {
            Ok(_) => Err(i.exc("RuntimeError", "generator didn't stop after throw()")),
            Err(Exc::Raise(e)) if e.is(&exc) => Ok(Value::Bool(false)),
            Err(Exc::Raise(e)) if i.is_instance_named(&e, "StopIteration") => Ok(Value::Bool(true)),
            Err(e) => Err(e),
        }
    }
}

impl NativeObject for GenContext {
    fn type_name(&self) -> String {
        "_GeneratorContextManager".into()
    }

    fn repr(&self, _interp: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<contextlib._GeneratorContextManager object at 0x{:012x}>",
            self as *const GenContext as usize
        ))
    }

    fn get_attr(&self, _i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let this = this.clone();
        Ok(match name {
            "__enter__" => Some(NativeFunction::value(
                "__enter__",
                move |i, _| match &this {
                    Value::Object(o) => match o.as_any().downcast_ref::<GenContext>() {
                        Some(g) => g.enter(i),
                        None => Ok(Value::None),
                    },
                    _ => Ok(Value::None),
                },
            )),
            "__exit__" => Some(NativeFunction::value("__exit__", move |i, a| match &this {
                Value::Object(o) => match o.as_any().downcast_ref::<GenContext>() {
                    Some(g) => g.exit(i, a),
                    None => Ok(Value::None),
                },
                _ => Ok(Value::None),
            })),
            _ => None,
        })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `contextlib.suppress`, `nullcontext` and `closing`.
enum Simple {
    Suppress(Vec<Value>),
    Null(Value),
    Closing(Value),
}

impl NativeObject for Simple {
    fn type_name(&self) -> String {
        match self {
            Simple::Suppress(_) => "suppress",
            Simple::Null(_) => "nullcontext",
            Simple::Closing(_) => "closing",
        }
        .into()
    }

    fn repr(&self, _interp: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<contextlib.{} object at 0x{:012x}>",
            self.type_name(),
            self as *const Simple as usize
        ))
    }

    fn get_attr(&self, _i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let this = this.clone();
        let get = move || match &this {
            Value::Object(o) => match o.as_any().downcast_ref::<Simple>() {
                Some(Simple::Suppress(v)) => Simple::Suppress(v.clone()),
                Some(Simple::Null(v)) => Simple::Null(v.clone()),
                Some(Simple::Closing(v)) => Simple::Closing(v.clone()),
                None => Simple::Null(Value::None),
            },
            _ => Simple::Null(Value::None),
        };
        Ok(match name {
            "__enter__" => Some(NativeFunction::value("__enter__", move |_, _| {
                Ok(match get() {
                    Simple::Suppress(_) => Value::None,
                    Simple::Null(v) | Simple::Closing(v) => v,
                })
            })),
            "__exit__" => Some(NativeFunction::value("__exit__", move |i, a| match get() {
                Simple::Suppress(types) => {
                    let exc = a.pos.get(1).cloned().unwrap_or(Value::None);
                    if matches!(exc, Value::None) {
                        return Ok(Value::Bool(false));
                    }
                    for t in &types {
                        if i.exception_matches(&exc, t)? {
                            return Ok(Value::Bool(true));
                        }
                    }
                    Ok(Value::Bool(false))
                }
                Simple::Null(_) => Ok(Value::Bool(false)),
                Simple::Closing(thing) => {
                    let close = i.getattr(&thing, "close")?;
                    i.call(&close, Args::default())?;
                    Ok(Value::Bool(false))
                }
            })),
            _ => None,
        })
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Register `contextlib`.
pub fn register(r: &mut ModuleRegistry) {
    r.register("contextlib", |_| {
        let m = Module::new("contextlib");
        m.set(
            "contextmanager",
            NativeFunction::value("contextmanager", contextmanager),
        );
        m.set(
            "suppress",
            NativeFunction::value("suppress", |_, a| {
                Ok(Value::Object(Rc::new(Simple::Suppress(a.pos))))
            }),
        );
        m.set(
            "nullcontext",
            NativeFunction::value("nullcontext", |_, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                Ok(Value::Object(Rc::new(Simple::Null(v))))
            }),
        );
        m.set(
            "closing",
            NativeFunction::value("closing", |_, a| {
                let v = a.pos.first().cloned().unwrap_or(Value::None);
                Ok(Value::Object(Rc::new(Simple::Closing(v))))
            }),
        );
        Ok(Rc::new(m))
    });
}
