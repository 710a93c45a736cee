//! Calls: binding arguments to parameters with CPython's error messages, running function
//! bodies in a new frame (with the recursion limit), and instantiating classes.

use crate::class::{Builtin, Class, Instance};
use crate::exceptions::Exc;
use crate::frame::{Env, FrameKind};
use crate::function::{Args, Code, Function};
use crate::stmt::Ctl;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::Parameters;
use std::rc::Rc;

impl Interpreter {
    /// Call any callable value.
    pub fn call(&mut self, func: &Value, mut args: Args) -> PyResult<Value> {
        match func {
            Value::Function(f) => self.call_function(f, args),
            Value::Native(n) => {
                let f = n.func.clone();
                f(self, args)
            }
            Value::Method(m) => {
                args.pos.insert(0, m.receiver.clone());
                let f = m.func.clone();
                self.call(&f, args)
            }
            Value::Class(c) => self.instantiate(c, args),
            Value::StaticMethod(f) | Value::ClassMethod(f) => {
                let f = (**f).clone();
                self.call(&f, args)
            }
            Value::Object(o) => {
                let o = o.clone();
                match o.call(self, func, args) {
                    Some(r) => r,
                    None => {
                        Err(self.type_error(format!("'{}' object is not callable", o.type_name())))
                    }
                }
            }
            Value::Instance(i) => match i.class.lookup("__call__") {
                Some(call) => {
                    args.pos.insert(0, func.clone());
                    self.call(&call, args)
                }
                None => Err(self.type_error(format!("'{}' object is not callable", i.class.name))),
            },
            other => {
                Err(self.type_error(format!("'{}' object is not callable", other.type_name())))
            }
        }
    }

    /// Call a Python function: bind arguments, run the body in a new frame.
    fn call_function(&mut self, f: &Rc<Function>, args: Args) -> PyResult<Value> {
        self.tick()?;
        self.check_stack()?;
        if self.frames.len() >= self.config.recursion_limit {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        let locals = Env::new(f.closure.clone());
        let params = match &f.code {
            Code::Def(d) => Some(&*d.parameters),
            Code::Lambda(l) => l.parameters.as_deref(),
        };
        self.bind_args(f, params, args, &locals)?;
        if f.generator {
            return Ok(self.make_generator(f, locals));
        }
        let mut frame = self.new_frame(&f.name, FrameKind::Function, locals, f.globals.clone());
        frame.function = Some(Value::Function(f.clone()));
        frame.local_names = f.local_names.clone();
        let frame_id = frame.id;
        self.frames.push(frame);
        let result = match &f.code {
            Code::Def(d) => self.exec_block(&d.body).map(|c| match c {
                Ctl::Return(v) => v,
                _ => Value::None,
            }),
            Code::Lambda(l) => self.eval(&l.body),
        };
        if let Err(Exc::Raise(e)) = &result {
            self.record_frame(e, frame_id, &f.name, &f.source);
        }
        self.frames.pop();
        result
    }

    fn bind_args(
        &mut self,
        f: &Function,
        params: Option<&Parameters>,
        mut args: Args,
        locals: &Env,
    ) -> PyResult<()> {
        let name = &f.qualname;
        let Some(p) = params else {
            if !args.pos.is_empty() {
                return Err(self.type_error(format!(
                    "{name}() takes 0 positional arguments but {} {} given",
                    args.pos.len(),
                    if args.pos.len() == 1 { "was" } else { "were" }
                )));
            }
            if let Some((k, _)) = args.kw.first() {
                return Err(
                    self.type_error(format!("{name}() got an unexpected keyword argument '{k}'"))
                );
            }
            return Ok(());
        };
        let positional: Vec<&str> = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .map(|a| a.parameter.name.id.as_str())
            .collect();
        let npos = args.pos.len();
        if npos > positional.len() && p.vararg.is_none() {
            let required = p
                .posonlyargs
                .iter()
                .chain(p.args.iter())
                .filter(|a| a.default.is_none())
                .count();
            let takes = if required == positional.len() {
                format!(
                    "{} positional argument{}",
                    positional.len(),
                    if positional.len() == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "from {required} to {} positional arguments",
                    positional.len()
                )
            };
            return Err(self.type_error(format!(
                "{name}() takes {takes} but {npos} {} given",
                if npos == 1 { "was" } else { "were" }
            )));
        }
        let mut rest = Vec::new();
        for (i, v) in std::mem::take(&mut args.pos).into_iter().enumerate() {
            match positional.get(i) {
                Some(n) => locals.set(n, v),
                None => rest.push(v),
            }
        }
        if let Some(va) = &p.vararg {
            locals.set(&va.name.id, Value::tuple(rest));
        }
        let kwonly: Vec<&str> = p
            .kwonlyargs
            .iter()
            .map(|a| a.parameter.name.id.as_str())
            .collect();
        let posonly: Vec<&str> = p
            .posonlyargs
            .iter()
            .map(|a| a.parameter.name.id.as_str())
            .collect();
        let mut extra = crate::value::Dict::new();
        if p.kwarg.is_none() {
            let misused: Vec<&str> = args
                .kw
                .iter()
                .map(|(k, _)| k.as_str())
                .filter(|k| posonly.contains(k))
                .collect();
            if !misused.is_empty() {
                return Err(self.type_error(format!(
                    "{name}() got some positional-only arguments passed as keyword arguments: '{}'",
                    misused.join(", ")
                )));
            }
        }
        for (k, v) in args.kw {
            let known = (positional.contains(&k.as_str()) && !posonly.contains(&k.as_str()))
                || kwonly.contains(&k.as_str());
            if known {
                if locals.vars.borrow().contains_key(&k) {
                    return Err(
                        self.type_error(format!("{name}() got multiple values for argument '{k}'"))
                    );
                }
                locals.set(&k, v);
            } else if p.kwarg.is_some() {
                let key = Value::str(&k);
                if let Some(hk) = key.hash_key() {
                    crate::value::dict_put(&mut extra, hk, key, v);
                }
            } else {
                return Err(
                    self.type_error(format!("{name}() got an unexpected keyword argument '{k}'"))
                );
            }
        }
        if let Some(kw) = &p.kwarg {
            locals.set(
                &kw.name.id,
                Value::Dict(Rc::new(std::cell::RefCell::new(extra))),
            );
        }
        let mut missing = Vec::new();
        for n in &positional {
            if !locals.vars.borrow().contains_key(*n) {
                match f.defaults.get(*n) {
                    Some(d) => locals.set(n, d.clone()),
                    None => missing.push(format!("'{n}'")),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(format!(
                "{name}() missing {} required positional argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
        for n in &kwonly {
            if !locals.vars.borrow().contains_key(*n) {
                match f.defaults.get(*n) {
                    Some(d) => locals.set(n, d.clone()),
                    None => missing.push(format!("'{n}'")),
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.type_error(format!(
                "{name}() missing {} required keyword-only argument{}: {}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                join_names(&missing)
            )));
        }
        Ok(())
    }

    /// `cls(*args)`: builtin constructors, exceptions, native classes, Python classes.
    fn instantiate(&mut self, class: &Rc<Class>, args: Args) -> PyResult<Value> {
        if class.builtin.is_some() && crate::enums::is_enum_class(class) {
            return crate::enums::lookup_value(self, class, args);
        }
        crate::abc::check_instantiable(self, class)?;
        // A class's own `__new__` (an implicit staticmethod) takes the arguments; then
        // `object.__init__` accepts them too.
        let mut user_new = false;
        let instance = match class.builtin {
            Some(Builtin::Exception) => {
                let inst = Instance::new(class.clone());
                if let Some(info) = inst.exc.borrow_mut().as_mut() {
                    info.args = args.pos.clone();
                }
                Value::Instance(Rc::new(inst))
            }
            Some(Builtin::Native) | None => match class.lookup("__new__") {
                Some(new) => {
                    user_new = matches!(new, Value::Function(_));
                    let mut a = args.clone();
                    a.pos.insert(0, Value::Class(class.clone()));
                    let v = self.call(&new, a)?;
                    let is_ours = match &v {
                        Value::Instance(i) => i.class.is_subclass_of(class),
                        _ => false,
                    };
                    if !is_ours {
                        return Ok(v);
                    }
                    v
                }
                _ => Value::Instance(Rc::new(Instance::new(class.clone()))),
            },
            Some(b) if Rc::ptr_eq(class, &self.builtin_type_of(b)) => {
                return crate::builtins::construct(self, b, args);
            }
            Some(b) if crate::builtin_subclass::supported(b) => {
                let inst = Instance::new(class.clone());
                *inst.base.borrow_mut() = Some(crate::builtin_subclass::empty(b));
                Value::Instance(Rc::new(inst))
            }
            Some(_) => return Err(self.unsupported_subclass(class)),
        };
        match class.lookup("__init__") {
            Some(init) => {
                let mut a = args;
                a.pos.insert(0, instance.clone());
                let r = self.call(&init, a)?;
                if !matches!(r, Value::None) {
                    return Err(self.type_error(format!(
                        "__init__() should return None, not '{}'",
                        r.type_name()
                    )));
                }
            }
            None => {
                if (!args.pos.is_empty() || !args.kw.is_empty())
                    && class.builtin.is_none()
                    && !user_new
                {
                    return Err(self.type_error(format!("{}() takes no arguments", class.name)));
                }
            }
        }
        Ok(instance)
    }

    fn unsupported_subclass(&self, class: &Class) -> Exc {
        self.exc(
            "NotImplementedError",
            format!(
                "subclasses of builtin types ({}) are not supported by Retort",
                class.name
            ),
        )
    }

    /// The class object of builtin kind `b`.
    pub(crate) fn builtin_type_of(&self, b: Builtin) -> Rc<Class> {
        let name = match b {
            Builtin::Object => "object",
            Builtin::Type => "type",
            Builtin::Int => "int",
            Builtin::Bool => "bool",
            Builtin::Float => "float",
            Builtin::Str => "str",
            Builtin::List => "list",
            Builtin::Tuple => "tuple",
            Builtin::Dict => "dict",
            Builtin::Set => "set",
            Builtin::FrozenSet => "frozenset",
            Builtin::Range => "range",
            Builtin::NoneType => "NoneType",
            Builtin::Slice => "slice",
            Builtin::Function => "function",
            Builtin::Property => "property",
            Builtin::ClassMethod => "classmethod",
            Builtin::StaticMethod => "staticmethod",
            Builtin::Super => "super",
            Builtin::Module => "module",
            Builtin::Iterator | Builtin::Native => "iterator",
            Builtin::Exception => "object",
        };
        self.types
            .by_name
            .get(name)
            .cloned()
            .unwrap_or_else(|| Rc::new(Class::new(name, "builtins", vec![], vec![])))
    }
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'` as CPython lists missing arguments.
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}
