//! Expressions: names, literals, operators, containers, comprehensions, f-strings,
//! attribute access, subscripts, calls and lambdas.

use crate::exceptions::Exc;
use crate::frame::{Env, FrameKind};
use crate::function::{Args, Code, Function};
use crate::value::{Dict, Set, Value};
use crate::{Interpreter, PyResult};
use ruff_python_ast::{self as ast, ConversionFlag, Expr, InterpolatedStringElement, Number};
use ruff_text_size::Ranged;
use std::cell::RefCell;
use std::rc::Rc;

impl Interpreter {
    /// Evaluate an expression.
    ///
    /// Every Python call nests several `eval` frames on the native stack, so this
    /// dispatcher stays tiny: each arm lives in its own non-inlined function and only the
    /// arms on the way down pay for their locals (see `Config::max_stack_bytes`).
    pub(crate) fn eval(&mut self, expr: &Expr) -> PyResult<Value> {
        self.check_stack()?;
        match expr {
            Expr::Name(n) => self.eval_name(n),
            Expr::BinOp(b) => self.eval_binop(b),
            Expr::Call(c) => self.eval_call(c),
            Expr::Attribute(a) => self.eval_attribute(a),
            Expr::Subscript(s) => self.eval_subscript(s),
            Expr::Compare(c) => self.eval_compare(c),
            Expr::If(i) => self.eval_if(i),
            _ => self.eval_other(expr),
        }
    }

    #[inline(never)]
    fn eval_name(&mut self, n: &ast::ExprName) -> PyResult<Value> {
        self.load_name(&n.id).map_err(|e| self.locate(e, n.range))
    }

    #[inline(never)]
    fn eval_binop(&mut self, b: &ast::ExprBinOp) -> PyResult<Value> {
        let l = self.eval(&b.left)?;
        let r = self.eval(&b.right)?;
        self.binary_op(b.op, l, r)
            .map_err(|e| self.locate(e, b.range))
    }

    #[inline(never)]
    fn eval_attribute(&mut self, a: &ast::ExprAttribute) -> PyResult<Value> {
        let obj = self.eval(&a.value)?;
        self.getattr(&obj, &a.attr.id)
            .map_err(|e| self.locate(e, a.range))
    }

    #[inline(never)]
    fn eval_subscript(&mut self, s: &ast::ExprSubscript) -> PyResult<Value> {
        let obj = self.eval(&s.value)?;
        let key = self.eval(&s.slice)?;
        self.get_item(&obj, &key)
            .map_err(|e| self.locate(e, s.range))
    }

    #[inline(never)]
    fn eval_if(&mut self, i: &ast::ExprIf) -> PyResult<Value> {
        if self.eval_truthy(&i.test)? {
            self.eval(&i.body)
        } else {
            self.eval(&i.orelse)
        }
    }

    /// The less common expressions (kept out of [`Interpreter::eval`]'s frame).
    #[inline(never)]
    fn eval_other(&mut self, expr: &Expr) -> PyResult<Value> {
        match expr {
            Expr::Name(n) => self.eval_name(n),
            Expr::NumberLiteral(n) => match &n.value {
                Number::Int(i) => match i.as_i64() {
                    Some(v) => Ok(Value::Int(v)),
                    None => Err(self.exc(
                        "OverflowError",
                        "integer literal too large for Retort's 64-bit int",
                    )),
                },
                Number::Float(f) => Ok(Value::Float(*f)),
                Number::Complex { .. } => Err(self.unsupported("complex numbers", n.range)),
            },
            Expr::StringLiteral(s) => Ok(Value::str(s.value.to_str())),
            Expr::BooleanLiteral(b) => Ok(Value::Bool(b.value)),
            Expr::NoneLiteral(_) => Ok(Value::None),
            Expr::EllipsisLiteral(_) => Ok(Value::Ellipsis),
            Expr::BytesLiteral(b) => Ok(crate::bytes::new(
                self,
                b.value
                    .as_slice()
                    .iter()
                    .flat_map(|l| l.value.iter().copied())
                    .collect(),
                false,
            )),
            Expr::FString(f) => self.eval_fstring(f),
            Expr::TString(t) => Err(self.unsupported("template strings", t.range)),
            Expr::BoolOp(b) => {
                let mut last = Value::None;
                for (i, v) in b.values.iter().enumerate() {
                    last = self.eval(v)?;
                    let t = self.truthy(&last)?;
                    let stop = match b.op {
                        ast::BoolOp::And => !t,
                        ast::BoolOp::Or => t,
                    };
                    if stop || i + 1 == b.values.len() {
                        break;
                    }
                }
                Ok(last)
            }
            Expr::Named(n) => {
                let v = self.eval(&n.value)?;
                self.assign(&n.target, v.clone())?;
                Ok(v)
            }
            Expr::BinOp(b) => {
                let l = self.eval(&b.left)?;
                let r = self.eval(&b.right)?;
                self.binary_op(b.op, l, r)
                    .map_err(|e| self.locate(e, b.range))
            }
            Expr::UnaryOp(u) => {
                let v = self.eval(&u.operand)?;
                self.unary_op(u.op, v).map_err(|e| self.locate(e, u.range))
            }
            Expr::Compare(c) => self.eval_compare(c),
            Expr::If(i) => {
                if self.eval_truthy(&i.test)? {
                    self.eval(&i.body)
                } else {
                    self.eval(&i.orelse)
                }
            }
            Expr::Lambda(l) => {
                let defaults = self.eval_defaults(l.parameters.as_deref())?;
                let closure = self.frame().and_then(|f| match f.kind {
                    FrameKind::Module => None,
                    FrameKind::Function => Some(f.locals.clone()),
                    FrameKind::Class => f.locals.parent.clone(),
                });
                let func = Function {
                    name: "<lambda>".into(),
                    qualname: "<lambda>".into(),
                    code: Code::Lambda(Rc::new(l.clone())),
                    defaults,
                    globals: self
                        .frame()
                        .map(|f| f.globals.clone())
                        .unwrap_or_else(|| self.globals.clone()),
                    closure,
                    source: self.source.clone(),
                    local_names: Rc::new(crate::scope::local_names(l.parameters.as_deref(), &[])),
                    generator: false,
                    attrs: Default::default(),
                };
                Ok(Value::Function(Rc::new(func)))
            }
            Expr::List(l) => Ok(Value::list(self.eval_elements(&l.elts)?)),
            Expr::Tuple(t) => Ok(Value::tuple(self.eval_elements(&t.elts)?)),
            Expr::Set(s) => {
                let items = self.eval_elements(&s.elts)?;
                let mut set = Set::new();
                for v in items {
                    let k = self.hash_key(&v)?;
                    crate::value::set_put(&mut set, k, v);
                }
                Ok(Value::Set(Rc::new(RefCell::new(set))))
            }
            Expr::Dict(d) => {
                let mut dict = Dict::new();
                for item in &d.items {
                    match &item.key {
                        Some(k) => {
                            let k = self.eval(k)?;
                            let v = self.eval(&item.value)?;
                            let hk = self.hash_key(&k)?;
                            crate::value::dict_put(&mut dict, hk, k, v);
                        }
                        None => {
                            let other = self.eval(&item.value)?;
                            for (k, v) in self.dict_items(&other)? {
                                let hk = self.hash_key(&k)?;
                                crate::value::dict_put(&mut dict, hk, k, v);
                            }
                        }
                    }
                }
                Ok(Value::Dict(Rc::new(RefCell::new(dict))))
            }
            Expr::ListComp(c) => {
                let mut out = Vec::new();
                self.comprehension("<listcomp>", &c.generators, &mut |it| {
                    let v = it.eval(&c.elt)?;
                    out.push(v);
                    Ok(())
                })
                .map_err(|e| self.locate(e, c.range))?;
                Ok(Value::list(out))
            }
            Expr::Generator(c) => self.eval_genexpr(c),
            Expr::SetComp(c) => {
                let mut out = Set::new();
                self.comprehension("<setcomp>", &c.generators, &mut |it| {
                    let v = it.eval(&c.elt)?;
                    let k = it.hash_key(&v)?;
                    crate::value::set_put(&mut out, k, v);
                    Ok(())
                })
                .map_err(|e| self.locate(e, c.range))?;
                Ok(Value::Set(Rc::new(RefCell::new(out))))
            }
            Expr::DictComp(c) => {
                let mut out = Dict::new();
                self.comprehension("<dictcomp>", &c.generators, &mut |it| {
                    let k = match &c.key {
                        Some(k) => it.eval(k)?,
                        None => Value::None,
                    };
                    let v = it.eval(&c.value)?;
                    let hk = it.hash_key(&k)?;
                    crate::value::dict_put(&mut out, hk, k, v);
                    Ok(())
                })
                .map_err(|e| self.locate(e, c.range))?;
                Ok(Value::Dict(Rc::new(RefCell::new(out))))
            }
            Expr::Attribute(a) => {
                let obj = self.eval(&a.value)?;
                self.getattr(&obj, &a.attr.id)
                    .map_err(|e| self.locate(e, a.range))
            }
            Expr::Subscript(s) => {
                let obj = self.eval(&s.value)?;
                let key = self.eval(&s.slice)?;
                self.get_item(&obj, &key)
                    .map_err(|e| self.locate(e, s.range))
            }
            Expr::Slice(s) => {
                let mut parts = [Value::None, Value::None, Value::None];
                for (slot, e) in parts.iter_mut().zip([&s.lower, &s.upper, &s.step]) {
                    if let Some(e) = e {
                        *slot = self.eval(e)?;
                    }
                }
                Ok(Value::Slice(Rc::new(parts)))
            }
            Expr::Call(c) => self.eval_call(c),
            Expr::Starred(s) => Err(self.unsupported("a starred expression here", s.range)),
            Expr::Await(a) => Err(self.unsupported("await", a.range)),
            Expr::Yield(y) => Err(self.unsupported("generator functions (yield)", y.range)),
            Expr::YieldFrom(y) => {
                Err(self.unsupported("generator functions (yield from)", y.range))
            }
            Expr::IpyEscapeCommand(i) => Err(self.unsupported("IPython escape commands", i.range)),
        }
    }

    /// Evaluate and test truthiness.
    pub(crate) fn eval_truthy(&mut self, expr: &Expr) -> PyResult<bool> {
        let v = self.eval(expr)?;
        self.truthy(&v).map_err(|e| self.locate(e, expr.range()))
    }

    /// Evaluate list/tuple/set elements, expanding `*iterable`.
    fn eval_elements(&mut self, elts: &[Expr]) -> PyResult<Vec<Value>> {
        let mut out = Vec::with_capacity(elts.len());
        for e in elts {
            if let Expr::Starred(s) = e {
                let v = self.eval(&s.value)?;
                out.extend(self.iterate(&v)?);
            } else {
                out.push(self.eval(e)?);
            }
        }
        Ok(out)
    }

    #[inline(never)]
    fn eval_compare(&mut self, c: &ast::ExprCompare) -> PyResult<Value> {
        let mut left = self.eval(&c.left)?;
        let mut result = Value::Bool(true);
        let last = c.ops.len().saturating_sub(1);
        for (n, (op, right_expr)) in c.ops.iter().zip(c.comparators.iter()).enumerate() {
            let right = self.eval(right_expr)?;
            result = self
                .compare(*op, &left, &right)
                .map_err(|e| self.locate(e, c.range))?;
            // Only a chain (`a < b < c`) asks a comparison's truth, between its links: the
            // last result is returned as it is (a SQL expression need not have one).
            if n < last && !matches!(result, Value::Bool(true)) && !self.truthy(&result)? {
                return Ok(result);
            }
            left = right;
        }
        Ok(result)
    }

    /// Run comprehension loops in their own scope, calling `body` for each innermost binding.
    fn comprehension(
        &mut self,
        name: &str,
        generators: &[ast::Comprehension],
        body: &mut dyn FnMut(&mut Interpreter) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some(first) = generators.first() else {
            return Ok(());
        };
        // The first iterable is evaluated in the enclosing scope, as in CPython.
        let first_iter = self.eval(&first.iter)?;
        let first_items = self
            .iterate(&first_iter)
            .map_err(|e| self.locate(e, first.iter.range()))?;
        let parent = self.frame().and_then(|f| match f.kind {
            FrameKind::Module => None,
            FrameKind::Function => Some(f.locals.clone()),
            FrameKind::Class => f.locals.parent.clone(),
        });
        let globals = self
            .frame()
            .map(|f| f.globals.clone())
            .unwrap_or_else(|| self.globals.clone());
        let mut frame = self.new_frame(name, FrameKind::Function, Env::new(parent), globals);
        frame.stmt_range = self.frame().map(|f| f.stmt_range).unwrap_or_default();
        self.frames.push(frame);
        let result = self.comprehension_level(generators, 0, Some(first_items), body);
        let frame = self.frames.pop();
        if let (Err(Exc::Raise(e)), Some(f)) = (&result, frame) {
            let source = self.source.clone();
            self.frames.push(f);
            let (id, n) = self
                .frames
                .last()
                .map(|f| (f.id, f.name.clone()))
                .unwrap_or_default();
            self.record_frame(e, id, &n, &source);
            self.frames.pop();
        }
        result
    }

    fn comprehension_level(
        &mut self,
        generators: &[ast::Comprehension],
        level: usize,
        items: Option<Vec<Value>>,
        body: &mut dyn FnMut(&mut Interpreter) -> PyResult<()>,
    ) -> PyResult<()> {
        let Some(g) = generators.get(level) else {
            return body(self);
        };
        let items = match items {
            Some(items) => items,
            None => {
                let v = self.eval(&g.iter)?;
                self.iterate(&v)
                    .map_err(|e| self.locate(e, g.iter.range()))?
            }
        };
        'items: for item in items {
            self.tick()?;
            self.assign(&g.target, item)?;
            for cond in &g.ifs {
                if !self.eval_truthy(cond)? {
                    continue 'items;
                }
            }
            self.comprehension_level(generators, level + 1, None, body)?;
        }
        Ok(())
    }

    fn eval_fstring(&mut self, f: &ast::ExprFString) -> PyResult<Value> {
        let mut out = String::new();
        for part in f.value.iter() {
            match part {
                ast::FStringPart::Literal(l) => out.push_str(&l.value),
                ast::FStringPart::FString(fs) => {
                    for el in fs.elements.iter() {
                        self.fstring_element(el, &mut out)?;
                    }
                }
            }
        }
        Ok(Value::str(&out))
    }

    fn fstring_element(
        &mut self,
        el: &InterpolatedStringElement,
        out: &mut String,
    ) -> PyResult<()> {
        match el {
            InterpolatedStringElement::Literal(l) => out.push_str(&l.value),
            InterpolatedStringElement::Interpolation(i) => {
                let v = self.eval(&i.expression)?;
                let mut conversion = i.conversion;
                if let Some(d) = &i.debug_text {
                    out.push_str(d.as_str());
                    if conversion == ConversionFlag::None && i.format_spec.is_none() {
                        conversion = ConversionFlag::Repr;
                    }
                }
                let v = match conversion {
                    ConversionFlag::None => v,
                    ConversionFlag::Str => Value::str(&self.to_str(&v)?),
                    ConversionFlag::Repr => Value::str(&self.repr(&v)?),
                    ConversionFlag::Ascii => {
                        Value::str(&crate::strings::ascii_escape(&self.repr(&v)?))
                    }
                };
                let mut spec = String::new();
                if let Some(s) = &i.format_spec {
                    for e in s.elements.iter() {
                        self.fstring_element(e, &mut spec)?;
                    }
                }
                let text = self
                    .format_value(&v, &spec)
                    .map_err(|e| self.locate(e, i.range))?;
                out.push_str(&text);
            }
        }
        Ok(())
    }

    #[inline(never)]
    fn eval_call(&mut self, c: &ast::ExprCall) -> PyResult<Value> {
        let func = self.eval(&c.func)?;
        let mut args = Args::default();
        for a in c.arguments.args.iter() {
            if let Expr::Starred(s) = a {
                let v = self.eval(&s.value)?;
                args.pos.extend(self.iterate(&v)?);
            } else {
                args.pos.push(self.eval(a)?);
            }
        }
        for k in c.arguments.keywords.iter() {
            let v = self.eval(&k.value)?;
            match &k.arg {
                Some(name) => args.kw.push((name.id.to_string(), v)),
                None => {
                    for (key, val) in self.dict_items(&v)? {
                        match key {
                            Value::Str(s) => args.kw.push((s.to_string(), val)),
                            _ => return Err(self.type_error("keywords must be strings")),
                        }
                    }
                }
            }
        }
        self.call(&func, args)
            .map_err(|e| self.locate(e, c.range()))
    }
}
