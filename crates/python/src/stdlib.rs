//! The small standard-library modules tutorials import: `typing`, `__future__`,
//! `itertools`, `functools`, `math`, `sys` (and `datetime`, `decimal` from their own
//! modules), plus helper objects (`dict_keys` views, singletons like `NotImplemented`).

use crate::function::{Args, NativeFunction};
use crate::modules::{Module, ModuleRegistry, NativeObject};
use crate::value::{Dict, Value};
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// A named singleton (`NotImplemented`, `__future__.annotations`): type name and repr.
pub struct Marker(pub &'static str, pub &'static str);

impl NativeObject for Marker {
    fn type_name(&self) -> String {
        self.0.to_string()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.1.to_string())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `sys.stdout` / `sys.stderr`: `write()` appends to the interpreter's output or stderr.
pub struct Stream(pub bool);

impl Stream {
    /// Write `text` to the stream (`true`: stderr).
    pub fn write(i: &mut Interpreter, to_stderr: bool, text: &str) {
        if to_stderr {
            i.write_stderr(text);
        } else {
            i.write_output(text);
        }
    }
}

impl NativeObject for Stream {
    fn type_name(&self) -> String {
        "TextIOWrapper".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(if self.0 {
            "<_io.TextIOWrapper name='<stderr>' mode='w' encoding='utf-8'>".into()
        } else {
            "<_io.TextIOWrapper name='<stdout>' mode='w' encoding='utf-8'>".into()
        })
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let err = self.0;
        Ok(match name {
            "write" => Some(NativeFunction::value("write", move |i, a| {
                let text = match a.pos.first() {
                    Some(Value::Str(s)) => s.to_string(),
                    Some(other) => {
                        return Err(i.type_error(format!(
                            "write() argument must be str, not {}",
                            other.type_name()
                        )));
                    }
                    None => String::new(),
                };
                Stream::write(i, err, &text);
                Ok(Value::Int(text.chars().count() as i64))
            })),
            "flush" => Some(NativeFunction::value("flush", |_, _| Ok(Value::None))),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A `typing` special form (`List`, `Optional[int]`, ...): subscriptable, usable in
/// annotations, otherwise inert. Native modules read `origin` and `args` to interpret
/// annotations such as `Mapped[Optional[str]]`.
pub struct TypingForm {
    /// The form's name (`Optional`, `List`, ...).
    pub origin: String,
    /// The subscript arguments (empty when not subscripted).
    pub args: Vec<Value>,
}

impl NativeObject for TypingForm {
    fn type_name(&self) -> String {
        "_SpecialForm".into()
    }
    fn repr(&self, interp: &mut Interpreter) -> PyResult<String> {
        if self.args.is_empty() {
            return Ok(format!("typing.{}", self.origin));
        }
        // `str | None` (types.UnionType).
        if self.origin == "|" {
            let mut parts = Vec::new();
            for a in &self.args {
                parts.push(match a {
                    Value::Class(c) => c.name.clone(),
                    other => interp.repr(other)?,
                });
            }
            return Ok(parts.join(" | "));
        }
        let mut parts = Vec::new();
        for (n, a) in self.args.iter().enumerate() {
            // `Literal[...]` values and `Annotated[T, ...]` metadata are values, not types.
            let value = self.origin == "Literal" || (self.origin == "Annotated" && n > 0);
            if value {
                parts.push(interp.repr(a)?);
                continue;
            }
            parts.push(match a {
                Value::Class(c) if c.module == "builtins" => c.name.clone(),
                Value::Class(c) => format!("{}.{}", c.module, c.name),
                Value::None => "NoneType".into(),
                Value::Str(s) => format!("ForwardRef({})", crate::format::str_repr(s)),
                other => interp.repr(other)?,
            });
        }
        if self.origin == "Optional" {
            return Ok(format!("typing.Optional[{}]", parts.join(", ")));
        }
        Ok(format!("typing.{}[{}]", self.origin, parts.join(", ")))
    }
    fn get_item(&self, _: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        let args = match key {
            Value::Tuple(t) => (**t).clone(),
            other => vec![other.clone()],
        };
        Some(Ok(Value::Object(Rc::new(TypingForm {
            origin: self.origin.clone(),
            args,
        }))))
    }
    fn call(&self, _: &mut Interpreter, _: &Value, args: Args) -> Option<PyResult<Value>> {
        // NewType-like use: `UserId = NewType(...)`, `cast` handled separately.
        Some(Ok(args.pos.last().cloned().unwrap_or(Value::None)))
    }
    fn binary_op(
        &self,
        _: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        (op == "|").then(|| {
            let this = if self.origin == "|" {
                self.args.clone()
            } else {
                vec![Value::Object(Rc::new(TypingForm {
                    origin: self.origin.clone(),
                    args: self.args.clone(),
                }))]
            };
            let args = if reflected {
                std::iter::once(other.clone()).chain(this).collect()
            } else {
                this.into_iter()
                    .chain(std::iter::once(other.clone()))
                    .collect()
            };
            Ok(Value::Object(Rc::new(TypingForm {
                origin: "|".into(),
                args,
            })))
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `dict.keys()`, `.values()`, `.items()`: a live view of a dict.
pub struct DictView {
    /// The dict viewed.
    pub dict: Rc<RefCell<Dict>>,
    /// `keys`, `values` or `items`.
    pub kind: String,
}

impl DictView {
    fn items(&self) -> Vec<Value> {
        self.dict
            .borrow()
            .values()
            .map(|(k, v)| match self.kind.as_str() {
                "keys" => k.clone(),
                "values" => v.clone(),
                _ => Value::tuple(vec![k.clone(), v.clone()]),
            })
            .collect()
    }
}

impl NativeObject for DictView {
    fn type_name(&self) -> String {
        format!("dict_{}", self.kind)
    }
    fn repr(&self, interp: &mut Interpreter) -> PyResult<String> {
        let inner = interp.repr(&Value::list(self.items()))?;
        Ok(format!("dict_{}({inner})", self.kind))
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.items()))
    }
    fn len(&self) -> Option<usize> {
        Some(self.dict.borrow().len())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn native(m: &Module, name: &str, f: impl Fn(&mut Interpreter, Args) -> PyResult<Value> + 'static) {
    m.set(name, NativeFunction::value(name, f));
}

/// Register the standard-library modules.
pub fn register(r: &mut ModuleRegistry) {
    crate::typing::register(r);
    r.register("__future__", |_| {
        let m = Module::new("__future__");
        m.set(
            "annotations",
            Value::Object(Rc::new(Marker(
                "_Feature",
                "_Feature((3, 7, 0, 'beta', 1), None, 16777216)",
            ))),
        );
        Ok(Rc::new(m))
    });
    r.register("sys", |i| {
        let m = Module::new("sys");
        m.set("argv", Value::list(vec![Value::str("script.py")]));
        m.set("version", Value::str("3.11.7 (Retort)"));
        m.set("maxsize", Value::Int(i64::MAX));
        m.set("platform", Value::str("linux"));
        // `sys.version_info`: a named tuple (`.major`, `>= (3, 8)`), as CPython's.
        let fields = [
            Value::Int(3),
            Value::Int(11),
            Value::Int(7),
            Value::str("final"),
            Value::Int(0),
        ];
        let collections = i.import_module("collections")?;
        let make = collections.attrs.borrow().get("namedtuple").cloned();
        let info = match make {
            Some(make) => {
                let names = Value::str("major minor micro releaselevel serial");
                let cls = i.call(
                    &make,
                    Args::positional(vec![Value::str("sys.version_info"), names]),
                )?;
                i.call(&cls, Args::positional(fields.to_vec()))?
            }
            None => Value::tuple(fields.to_vec()),
        };
        m.set("version_info", info);
        m.set("stdout", Value::Object(Rc::new(Stream(false))));
        m.set("stderr", Value::Object(Rc::new(Stream(true))));
        native(&m, "exit", |i, a| {
            let c = i.exception_class("SystemExit");
            match c {
                Some(c) => Err(crate::exceptions::Exc::Raise(i.new_exception(&c, a.pos))),
                None => Ok(Value::None),
            }
        });
        native(&m, "getrecursionlimit", |i, _| {
            Ok(Value::Int(i.config.recursion_limit as i64))
        });
        Ok(Rc::new(m))
    });
    r.register("math", |_| {
        let m = Module::new("math");
        m.set("pi", Value::Float(std::f64::consts::PI));
        m.set("e", Value::Float(std::f64::consts::E));
        m.set("inf", Value::Float(f64::INFINITY));
        m.set("nan", Value::Float(f64::NAN));
        fn float_arg(i: &Interpreter, a: &Args) -> PyResult<f64> {
            match a.pos.first() {
                Some(Value::Int(n)) => Ok(*n as f64),
                Some(Value::Float(f)) => Ok(*f),
                Some(Value::Bool(b)) => Ok(f64::from(u8::from(*b))),
                _ => Err(i.type_error("must be real number")),
            }
        }
        native(&m, "sqrt", |i, a| {
            let x = float_arg(i, &a)?;
            if x < 0.0 {
                Err(i.value_error("math domain error"))
            } else {
                Ok(Value::Float(x.sqrt()))
            }
        });
        native(&m, "floor", |i, a| {
            crate::ops::float_to_int(i, float_arg(i, &a)?.floor())
        });
        native(&m, "ceil", |i, a| {
            crate::ops::float_to_int(i, float_arg(i, &a)?.ceil())
        });
        native(&m, "fabs", |i, a| Ok(Value::Float(float_arg(i, &a)?.abs())));
        native(&m, "isclose", |i, a| {
            let x = float_arg(i, &a)?;
            let y = float_arg(
                i,
                &Args::positional(a.pos.get(1..).map(<[Value]>::to_vec).unwrap_or_default()),
            )?;
            Ok(Value::Bool((x - y).abs() <= 1e-9 * x.abs().max(y.abs())))
        });
        native(&m, "trunc", |i, a| {
            crate::ops::float_to_int(i, float_arg(i, &a)?.trunc())
        });
        native(&m, "exp", |i, a| Ok(Value::Float(float_arg(i, &a)?.exp())));
        native(&m, "log10", |i, a| {
            Ok(Value::Float(float_arg(i, &a)?.log10()))
        });
        native(&m, "log2", |i, a| {
            Ok(Value::Float(float_arg(i, &a)?.log2()))
        });
        native(&m, "factorial", |i, a| match a.pos.as_slice() {
            [Value::Int(n)] if *n < 0 => {
                Err(i.value_error("factorial() not defined for negative values"))
            }
            [Value::Int(n)] => {
                let mut acc: i64 = 1;
                for k in 2..=*n {
                    acc = acc.checked_mul(k).ok_or_else(|| i.overflow())?;
                }
                Ok(Value::Int(acc))
            }
            [other] => Err(i.type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            ))),
            other => Err(i.type_error(format!(
                "math.factorial() takes exactly one argument ({} given)",
                other.len()
            ))),
        });
        native(&m, "gcd", |i, a| {
            let mut g: i64 = 0;
            for v in &a.pos {
                let &Value::Int(mut n) = v else {
                    return Err(i.type_error(format!(
                        "'{}' object cannot be interpreted as an integer",
                        v.type_name()
                    )));
                };
                n = n.abs();
                while n != 0 {
                    (g, n) = (n, g % n);
                }
            }
            Ok(Value::Int(g))
        });
        native(&m, "prod", |i, a| {
            let mut acc = Value::Int(1);
            for v in i.iterate(&a.pos.first().cloned().unwrap_or(Value::None))? {
                acc = i.binary_op(ruff_python_ast::Operator::Mult, acc, v)?;
            }
            Ok(acc)
        });
        Ok(Rc::new(m))
    });
    r.register("functools", |_| {
        let m = Module::new("functools");
        native(&m, "reduce", |i, a| {
            let f = a.pos.first().cloned().unwrap_or(Value::None);
            let items = i.iterate(&a.pos.get(1).cloned().unwrap_or(Value::None))?;
            let mut it = items.into_iter();
            let mut acc = match a.pos.get(2).cloned().or_else(|| it.next()) {
                Some(v) => v,
                None => {
                    return Err(i.type_error("reduce() of empty iterable with no initial value"));
                }
            };
            for x in it {
                acc = i.call(&f, Args::positional(vec![acc, x]))?;
            }
            Ok(acc)
        });
        crate::functools::extend(&m);
        Ok(Rc::new(m))
    });
    crate::itertools::register(r);
    crate::genobj::register(r);
    crate::enums::register(r);
    crate::logging::register(r);
    crate::textmods::register(r);
    crate::random::register(r);
    crate::pprint::register(r);
    crate::sysmods::register(r);
    crate::abc::register(r);
    crate::json::register(r);
    crate::re::register(r);
    crate::uuid::register(r);
    crate::hashing::register(r);
    crate::csvio::register(r);
    crate::heapq_bisect::register(r);
    crate::urlparse::register(r);
    crate::types_mod::register(r);
    crate::paths::register(r);
    crate::collections::register(r);
    crate::dataclass::register(r);
    crate::functools::register_operator(r);
    crate::decimal::register(r);
    crate::datetime::register(r);
}

/// `list[int]`, `dict[str, "User"]`: a builtin class subscripted (`types.GenericAlias`).
/// Calls and class statements use the origin class; annotations read `origin` and `args`.
pub struct GenericAlias {
    /// The subscripted class (`list`).
    pub origin: Rc<crate::Class>,
    /// The subscript arguments.
    pub args: Vec<Value>,
}

impl NativeObject for GenericAlias {
    fn type_name(&self) -> String {
        "types.GenericAlias".into()
    }
    fn repr(&self, interp: &mut Interpreter) -> PyResult<String> {
        let mut parts = Vec::new();
        for a in &self.args {
            parts.push(match a {
                Value::Class(c) if c.module == "builtins" => c.name.clone(),
                Value::Class(c) => format!("{}.{}", c.module, c.name),
                other => interp.repr(other)?,
            });
        }
        Ok(format!("{}[{}]", self.origin.name, parts.join(", ")))
    }
    fn call(&self, interp: &mut Interpreter, _: &Value, args: Args) -> Option<PyResult<Value>> {
        Some(interp.call(&Value::Class(self.origin.clone()), args))
    }
    fn mro_entry(&self) -> Option<Rc<crate::Class>> {
        Some(self.origin.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
