//! `sqlalchemy.ext.hybrid`: `hybrid_property` (its getter runs on instances; on the class it
//! runs with the class as `self`, or its `.expression` function does, giving a SQL
//! expression) with `.setter` / `.expression`, and `hybrid_method`.

use super::expr::{binary, ex, expr_method, expr_of, unary};
use super::{Bridge, method, obj};
use crate::function::{Args, NativeFunction};
use crate::modules::{Module, NativeObject};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::Expr;
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// The `sqlalchemy.ext.hybrid` module.
pub fn module(b: &Rc<Bridge>) -> Module {
    let m = Module::new("sqlalchemy.ext.hybrid");
    let b1 = b.clone();
    m.set(
        "hybrid_property",
        NativeFunction::value("hybrid_property", move |i, a: Args| {
            let Some(fget) = a.pos.first().cloned() else {
                return Err(i.type_error(
                    "hybrid_property() missing 1 required positional argument: 'fget'",
                ));
            };
            let fset = a.pos.get(1).cloned().or_else(|| kw(&a, "fset"));
            let expr = kw(&a, "expr");
            Ok(obj(HybridProperty {
                bridge: b1.clone(),
                fget,
                fset: RefCell::new(fset),
                expr: RefCell::new(expr),
            }))
        }),
    );
    let b2 = b.clone();
    m.set(
        "hybrid_method",
        NativeFunction::value("hybrid_method", move |i, a: Args| {
            let Some(func) = a.pos.first().cloned() else {
                return Err(
                    i.type_error("hybrid_method() missing 1 required positional argument: 'func'")
                );
            };
            Ok(obj(HybridMethod {
                bridge: b2.clone(),
                func,
                expr: a.pos.get(1).cloned().or_else(|| kw(&a, "expr")),
            }))
        }),
    );
    m
}

fn kw(a: &Args, name: &str) -> Option<Value> {
    a.kw.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

fn func_name(i: &mut Interpreter, f: &Value) -> String {
    i.getattr(f, "__name__")
        .ok()
        .and_then(|v| match v {
            Value::Str(s) => Some(s.to_string()),
            _ => None,
        })
        .unwrap_or_default()
}

/// `@hybrid_property`.
pub struct HybridProperty {
    bridge: Rc<Bridge>,
    fget: Value,
    /// The setter and the class-level expression; changed in place by `.inplace.setter` /
    /// `.inplace.expression` (the plain `.setter` / `.expression` make a copy).
    fset: RefCell<Option<Value>>,
    expr: RefCell<Option<Value>>,
}

impl HybridProperty {
    fn with(&self, fset: Option<Value>, expr: Option<Value>) -> Value {
        obj(HybridProperty {
            bridge: self.bridge.clone(),
            fget: self.fget.clone(),
            fset: RefCell::new(fset.or_else(|| self.fset.borrow().clone())),
            expr: RefCell::new(expr.or_else(|| self.expr.borrow().clone())),
        })
    }
}

/// A function given to a hybrid's decorator, a `@classmethod` unwrapped (the 2.0 typed form
/// stacks `@classmethod` under `@x.inplace.expression`).
fn unwrap_function(i: &mut Interpreter, f: Value) -> Value {
    match i.getattr(&f, "__func__") {
        Ok(inner @ Value::Function(_)) => inner,
        _ => f,
    }
}

/// `hybrid.inplace`: its `setter` / `expression` / `getter` change the hybrid itself and
/// return it.
pub struct HybridInplace(Value);

impl NativeObject for HybridInplace {
    fn type_name(&self) -> String {
        "_InPlace".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.ext.hybrid.hybrid_property._InPlace object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let hybrid = self.0.clone();
        Ok(match name {
            "setter" | "expression" => {
                let n = name.to_owned();
                method(name, move |i, a: Args| {
                    let Some(f) = a.pos.first().cloned() else {
                        return Err(i.type_error(format!("{n}() needs a function")));
                    };
                    let f = unwrap_function(i, f);
                    if let Some(h) = super::native::<HybridProperty>(&hybrid) {
                        match n.as_str() {
                            "setter" => *h.fset.borrow_mut() = Some(f),
                            _ => *h.expr.borrow_mut() = Some(f),
                        }
                    }
                    Ok(hybrid.clone())
                })
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl NativeObject for HybridProperty {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class(
            "sqlalchemy.ext.hybrid",
            "hybrid_property",
        ))
    }
    fn type_name(&self) -> String {
        "hybrid_property".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.ext.hybrid.hybrid_property object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let this = this.clone();
        Ok(match name {
            "setter" | "expression" | "getter" => {
                let n = name.to_owned();
                method(name, move |i, a: Args| {
                    let Some(f) = a.pos.first().cloned() else {
                        return Err(i.type_error(format!("{n}() needs a function")));
                    };
                    let Some(h) = super::native::<HybridProperty>(&this) else {
                        return Ok(Value::None);
                    };
                    let f = unwrap_function(i, f);
                    Ok(match n.as_str() {
                        "setter" => h.with(Some(f), None),
                        "expression" => h.with(None, Some(f)),
                        _ => obj(HybridProperty {
                            bridge: h.bridge.clone(),
                            fget: f,
                            fset: RefCell::new(h.fset.borrow().clone()),
                            expr: RefCell::new(h.expr.borrow().clone()),
                        }),
                    })
                })
            }
            "fget" => Some(self.fget.clone()),
            "fset" => Some(self.fset.borrow().clone().unwrap_or(Value::None)),
            "__name__" => Some(Value::str(&func_name(i, &self.fget))),
            "inplace" => Some(obj(HybridInplace(this.clone()))),
            "deleter" | "update_expression" | "comparator" => {
                return Err(super::unsupported(i, &format!("hybrid_property.{name}")));
            }
            _ => None,
        })
    }
    fn descr_get(
        &self,
        i: &mut Interpreter,
        instance: Option<&Value>,
        owner: &Value,
    ) -> Option<PyResult<Value>> {
        if let Some(inst) = instance {
            return Some(i.call(&self.fget, Args::positional(vec![inst.clone()])));
        }
        let f = self
            .expr
            .borrow()
            .clone()
            .unwrap_or_else(|| self.fget.clone());
        let r = (|| {
            let v = i.call(&f, Args::positional(vec![owner.clone()]))?;
            let Some(e) = expr_of(&self.bridge, i, &v)? else {
                return Ok(v);
            };
            let class = match owner {
                Value::Class(c) => c.name.clone(),
                _ => String::new(),
            };
            Ok(obj(HybridExpr {
                bridge: self.bridge.clone(),
                expr: e,
                name: func_name(i, &self.fget),
                class,
            }))
        })();
        Some(r)
    }
    fn descr_set(
        &self,
        i: &mut Interpreter,
        instance: &Value,
        value: Value,
    ) -> Option<PyResult<()>> {
        let fset = self.fset.borrow().clone();
        Some(match &fset {
            Some(f) => i
                .call(f, Args::positional(vec![instance.clone(), value]))
                .map(|_| ()),
            None => Err(i.exc("AttributeError", "can't set attribute")),
        })
    }
    fn is_data_descriptor(&self) -> bool {
        true
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `Person.full_name`: the hybrid's SQL expression, labelled with the hybrid's name when
/// selected as a column.
pub struct HybridExpr {
    bridge: Rc<Bridge>,
    /// The expression.
    pub expr: Expr,
    name: String,
    class: String,
}

impl HybridExpr {
    /// The expression as a selected column: labelled `AS name` unless it names itself
    /// (a column, a function, a label).
    pub fn column(&self) -> Expr {
        match &self.expr {
            Expr::Column { .. } | Expr::Func { .. } | Expr::Label { .. } => self.expr.clone(),
            other => other.clone().label(&self.name),
        }
    }
}

impl NativeObject for HybridExpr {
    fn type_name(&self) -> String {
        "Proxy".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.attributes._create_proxied_attribute.<locals>.Proxy object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("{}.{}", self.class, self.name))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "expression" => Some(ex(&self.bridge, self.expr.clone())),
            "key" | "__name__" => Some(Value::str(&self.name)),
            _ => expr_method(&self.bridge, self.expr.clone(), name),
        })
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        binary(&self.bridge, i, self.expr.clone(), op, other, reflected)
    }
    fn unary_op(&self, _: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        unary(&self.bridge, self.expr.clone(), op)
    }
    fn truthy(&self) -> Option<bool> {
        None
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `@hybrid_method`.
pub struct HybridMethod {
    bridge: Rc<Bridge>,
    func: Value,
    expr: Option<Value>,
}

impl NativeObject for HybridMethod {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class("sqlalchemy.ext.hybrid", "hybrid_method"))
    }
    fn type_name(&self) -> String {
        "hybrid_method".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.ext.hybrid.hybrid_method object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let this = this.clone();
        Ok(match name {
            "expression" => method(name, move |i, a: Args| {
                let Some(f) = a.pos.first().cloned() else {
                    return Err(i.type_error("expression() needs a function"));
                };
                let Some(h) = super::native::<HybridMethod>(&this) else {
                    return Ok(Value::None);
                };
                Ok(obj(HybridMethod {
                    bridge: h.bridge.clone(),
                    func: h.func.clone(),
                    expr: Some(f),
                }))
            }),
            _ => None,
        })
    }
    fn descr_get(
        &self,
        _: &mut Interpreter,
        instance: Option<&Value>,
        owner: &Value,
    ) -> Option<PyResult<Value>> {
        let (target, f) = match instance {
            Some(inst) => (inst.clone(), self.func.clone()),
            None => (
                owner.clone(),
                self.expr.clone().unwrap_or_else(|| self.func.clone()),
            ),
        };
        Some(Ok(method("hybrid_method", move |i, mut a: Args| {
            a.pos.insert(0, target.clone());
            i.call(&f, a)
        })
        .unwrap_or(Value::None)))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
