//! Statements: assignment, control flow, `def`, `class`, `try`, `with`, `raise`, imports.

use crate::exceptions::Exc;
use crate::frame::{Env, FrameKind};
use crate::function::{Args, Code, Function};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use indexmap::IndexMap;
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};
use std::rc::Rc;

/// How a statement finished.
pub enum Ctl {
    /// Fell through to the next statement.
    Normal,
    /// `return`.
    Return(Value),
    /// `break`.
    Break,
    /// `continue`.
    Continue,
}

impl Interpreter {
    /// Run statements in order until one does not finish normally.
    pub(crate) fn exec_block(&mut self, body: &[Stmt]) -> PyResult<Ctl> {
        for stmt in body {
            if let Some(f) = self.frames.last_mut() {
                f.stmt_range = stmt.range();
            }
            self.tick()?;
            match self
                .exec_stmt(stmt)
                .map_err(|e| self.locate(e, stmt.range()))?
            {
                Ctl::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Ctl::Normal)
    }

    /// A NotImplementedError naming an unsupported construct and its line.
    pub(crate) fn unsupported(&self, what: &str, range: TextRange) -> Exc {
        let line = self.source.line_of_range(range);
        self.exc(
            "NotImplementedError",
            format!("{what} (line {line}) is not supported by Retort"),
        )
    }

    /// One statement. A small dispatcher for the statements on the way down a call chain,
    /// as [`Interpreter::eval`] is, to keep each Python frame's native stack use low.
    fn exec_stmt(&mut self, stmt: &Stmt) -> PyResult<Ctl> {
        match stmt {
            Stmt::Return(s) => self.exec_return(s),
            Stmt::If(s) => self.exec_if(s),
            Stmt::Expr(s) => self.eval(&s.value).map(|_| Ctl::Normal),
            _ => self.exec_other(stmt),
        }
    }

    #[inline(never)]
    fn exec_return(&mut self, s: &ast::StmtReturn) -> PyResult<Ctl> {
        let v = match &s.value {
            Some(e) => self.eval(e)?,
            None => Value::None,
        };
        Ok(Ctl::Return(v))
    }

    #[inline(never)]
    fn exec_if(&mut self, s: &ast::StmtIf) -> PyResult<Ctl> {
        if self.eval_truthy(&s.test)? {
            return self.exec_block(&s.body);
        }
        for clause in &s.elif_else_clauses {
            let take = match &clause.test {
                Some(t) => self.eval_truthy(t)?,
                None => true,
            };
            if take {
                return self.exec_block(&clause.body);
            }
        }
        Ok(Ctl::Normal)
    }

    #[inline(never)]
    fn exec_other(&mut self, stmt: &Stmt) -> PyResult<Ctl> {
        match stmt {
            Stmt::Expr(s) => {
                self.eval(&s.value)?;
            }
            Stmt::Assign(s) => {
                let value = self.eval(&s.value)?;
                for target in &s.targets {
                    self.assign(target, value.clone())?;
                }
            }
            Stmt::AugAssign(s) => self.aug_assign(s)?,
            Stmt::AnnAssign(s) => self.ann_assign(s)?,
            Stmt::Pass(_) => {}
            Stmt::Break(_) => return Ok(Ctl::Break),
            Stmt::Continue(_) => return Ok(Ctl::Continue),
            Stmt::Return(s) => {
                let v = match &s.value {
                    Some(e) => self.eval(e)?,
                    None => Value::None,
                };
                return Ok(Ctl::Return(v));
            }
            Stmt::If(s) => {
                if self.eval_truthy(&s.test)? {
                    return self.exec_block(&s.body);
                }
                for clause in &s.elif_else_clauses {
                    let take = match &clause.test {
                        Some(t) => self.eval_truthy(t)?,
                        None => true,
                    };
                    if take {
                        return self.exec_block(&clause.body);
                    }
                }
            }
            Stmt::While(s) => loop {
                self.tick()?;
                if !self.eval_truthy(&s.test)? {
                    return self.exec_block(&s.orelse);
                }
                match self.exec_block(&s.body)? {
                    Ctl::Break => break,
                    Ctl::Return(v) => return Ok(Ctl::Return(v)),
                    Ctl::Normal | Ctl::Continue => {}
                }
            },
            Stmt::For(s) => return self.exec_for(s),
            Stmt::FunctionDef(s) => self.exec_def(s)?,
            Stmt::ClassDef(s) => self.exec_class(s)?,
            Stmt::Try(s) => return self.exec_try(s),
            Stmt::Raise(s) => return Err(self.exec_raise(s)?),
            Stmt::With(s) => return self.exec_with(s, 0),
            Stmt::Assert(s) => {
                if !self
                    .eval_truthy(&s.test)
                    .map_err(|e| self.locate(e, s.test.range()))?
                {
                    let args = match &s.msg {
                        Some(m) => vec![self.eval(m)?],
                        None => vec![],
                    };
                    let class = self.exception_class("AssertionError");
                    if let Some(c) = class {
                        let exc = Exc::Raise(self.new_exception(&c, args));
                        return Err(self.locate(exc, s.test.range()));
                    }
                }
            }
            Stmt::Delete(s) => {
                for t in &s.targets {
                    self.delete(t)?;
                }
            }
            Stmt::Global(s) => {
                if let Some(f) = self.frames.last_mut() {
                    f.global_names
                        .extend(s.names.iter().map(|n| n.id.to_string()));
                }
            }
            Stmt::Nonlocal(s) => {
                if let Some(f) = self.frames.last_mut() {
                    f.nonlocal_names
                        .extend(s.names.iter().map(|n| n.id.to_string()));
                }
            }
            Stmt::Import(s) => self.exec_import(s)?,
            Stmt::ImportFrom(s) => self.exec_import_from(s)?,
            Stmt::Match(s) => return self.exec_match(s),
            Stmt::TypeAlias(_) => return Err(self.unsupported("the type statement", stmt.range())),
            Stmt::IpyEscapeCommand(_) => {
                return Err(self.unsupported("IPython escape commands", stmt.range()));
            }
        }
        Ok(Ctl::Normal)
    }

    fn exec_for(&mut self, s: &ast::StmtFor) -> PyResult<Ctl> {
        if s.is_async {
            return Err(self.unsupported("async for", s.range));
        }
        let iterable = self.eval(&s.iter)?;
        // Step the iterator lazily (generators interleave with the loop body, as in
        // CPython); other iterables are snapshotted as before.
        let it = match &iterable {
            Value::Iter(_) | Value::Instance(_) => self
                .make_iter(&iterable)
                .map_err(|e| self.locate(e, s.iter.range()))?,
            _ => Value::iter_of(
                self.iterate(&iterable)
                    .map_err(|e| self.locate(e, s.iter.range()))?,
            ),
        };
        drop(iterable);
        loop {
            self.tick()?;
            // CPython points at the whole `for` line (no carets) for errors while stepping.
            let Some(item) = self.iter_step(&it).map_err(|e| self.locate(e, s.range))? else {
                break;
            };
            self.assign(&s.target, item)?;
            match self.exec_block(&s.body)? {
                Ctl::Break => {
                    self.close_if_unreferenced(&it)?;
                    return Ok(Ctl::Normal);
                }
                Ctl::Return(v) => {
                    self.close_if_unreferenced(&it)?;
                    return Ok(Ctl::Return(v));
                }
                Ctl::Normal | Ctl::Continue => {}
            }
        }
        self.exec_block(&s.orelse)
    }

    fn aug_assign(&mut self, s: &ast::StmtAugAssign) -> PyResult<()> {
        let right = self.eval(&s.value)?;
        match &*s.target {
            Expr::Name(n) => {
                let left = self.load_name(&n.id).map_err(|e| self.locate(e, n.range))?;
                let v = self
                    .inplace_op(s.op, left, right)
                    .map_err(|e| self.locate(e, s.range))?;
                self.store_name(&n.id, v);
            }
            Expr::Attribute(a) => {
                let obj = self.eval(&a.value)?;
                let left = self.getattr(&obj, &a.attr.id)?;
                let v = self
                    .inplace_op(s.op, left, right)
                    .map_err(|e| self.locate(e, s.range))?;
                self.setattr(&obj, &a.attr.id, v)?;
            }
            Expr::Subscript(sub) => {
                let obj = self.eval(&sub.value)?;
                let key = self.eval(&sub.slice)?;
                let left = self.get_item(&obj, &key)?;
                let v = self
                    .inplace_op(s.op, left, right)
                    .map_err(|e| self.locate(e, s.range))?;
                self.set_item(&obj, key, v)?;
            }
            _ => return Err(self.unsupported("this augmented assignment target", s.range)),
        }
        Ok(())
    }

    fn ann_assign(&mut self, s: &ast::StmtAnnAssign) -> PyResult<()> {
        let kind = self.frame().map(|f| f.kind).unwrap_or(FrameKind::Module);
        if let (Expr::Name(n), true) = (&*s.target, kind != FrameKind::Function) {
            let ann = if self.future_annotations() {
                Value::str(
                    self.source
                        .text
                        .get(s.annotation.range().to_std_range())
                        .unwrap_or(""),
                )
            } else {
                self.eval(&s.annotation)?
            };
            let env = self.current_locals();
            let anns = env.get("__annotations__");
            let dict = match anns {
                Some(Value::Dict(d)) => d,
                _ => {
                    let d = Rc::new(std::cell::RefCell::new(IndexMap::new()));
                    env.set("__annotations__", Value::Dict(d.clone()));
                    d
                }
            };
            let key = Value::str(&n.id);
            if let Some(k) = key.hash_key() {
                dict.borrow_mut().insert(k, (key, ann));
            }
        }
        if let Some(v) = &s.value {
            let value = self.eval(v)?;
            self.assign(&s.target, value)?;
        }
        Ok(())
    }

    pub(crate) fn future_annotations(&self) -> bool {
        matches!(self.globals.get("annotations"), Some(Value::Object(o)) if o.type_name() == "_Feature")
    }

    pub(crate) fn current_locals(&self) -> Rc<Env> {
        self.frame()
            .map(|f| f.locals.clone())
            .unwrap_or_else(|| self.globals.clone())
    }

    /// The closure scope for a function defined in the current frame.
    fn closure_scope(&self) -> Option<Rc<Env>> {
        let f = self.frame()?;
        match f.kind {
            FrameKind::Module => None,
            FrameKind::Function => Some(f.locals.clone()),
            FrameKind::Class => f.locals.parent.clone(),
        }
    }

    fn qualname(&self, name: &str) -> String {
        match self.frame() {
            Some(f) if f.kind == FrameKind::Class => {
                let cls = f
                    .locals
                    .get("__qualname__")
                    .map(|v| self.display(&v))
                    .unwrap_or_default();
                format!("{cls}.{name}")
            }
            Some(f) if f.kind == FrameKind::Function => format!("{}.<locals>.{name}", f.name),
            _ => name.to_string(),
        }
    }

    /// Evaluate the defaults of `params` into a name → value map.
    pub(crate) fn eval_defaults(
        &mut self,
        params: Option<&ast::Parameters>,
    ) -> PyResult<IndexMap<String, Value>> {
        let mut out = IndexMap::new();
        if let Some(p) = params {
            for pd in p
                .posonlyargs
                .iter()
                .chain(p.args.iter())
                .chain(p.kwonlyargs.iter())
            {
                if let Some(d) = &pd.default {
                    let v = self.eval(d)?;
                    out.insert(pd.parameter.name.id.to_string(), v);
                }
            }
        }
        Ok(out)
    }

    fn exec_def(&mut self, s: &ast::StmtFunctionDef) -> PyResult<()> {
        if s.is_async {
            return Err(self.unsupported("async def", s.range));
        }
        let mut decorators = Vec::new();
        for d in &s.decorator_list {
            decorators.push(self.eval(&d.expression)?);
        }
        let defaults = self.eval_defaults(Some(&s.parameters))?;
        let func = Function {
            name: s.name.id.to_string(),
            qualname: self.qualname(&s.name.id),
            code: Code::Def(Rc::new(s.clone())),
            defaults,
            globals: self
                .frame()
                .map(|f| f.globals.clone())
                .unwrap_or_else(|| self.globals.clone()),
            closure: self.closure_scope(),
            source: self.source.clone(),
            local_names: Rc::new(crate::scope::local_names(Some(&s.parameters), &s.body)),
            generator: crate::generator::is_generator(&s.body),
            attrs: Default::default(),
        };
        let mut value = Value::Function(Rc::new(func));
        for d in decorators.into_iter().rev() {
            value = self.call(&d, Args::positional(vec![value]))?;
        }
        self.store_name(&s.name.id, value);
        Ok(())
    }

    fn exec_class(&mut self, s: &ast::StmtClassDef) -> PyResult<()> {
        let mut decorators = Vec::new();
        for d in &s.decorator_list {
            decorators.push(self.eval(&d.expression)?);
        }
        let mut bases = Vec::new();
        let mut kwargs = Vec::new();
        let mut typed = None;
        if let Some(args) = &s.arguments {
            for a in args.args.iter() {
                match self.eval(a)? {
                    Value::Class(c) => bases.push(c),
                    Value::Object(o) => match o.mro_entry() {
                        Some(c) => bases.push(c),
                        // `class P(NamedTuple)` / `class Movie(TypedDict)`: built from the body.
                        None if o
                            .as_any()
                            .downcast_ref::<crate::stdlib::TypingForm>()
                            .is_some_and(|f| {
                                matches!(f.origin.as_str(), "NamedTuple" | "TypedDict")
                            }) =>
                        {
                            typed = o
                                .as_any()
                                .downcast_ref::<crate::stdlib::TypingForm>()
                                .map(|f| f.origin.clone());
                        }
                        // `Generic[T]` and `Protocol` only matter to type checkers.
                        None if o
                            .as_any()
                            .downcast_ref::<crate::stdlib::TypingForm>()
                            .is_some_and(|f| {
                                matches!(f.origin.as_str(), "Generic" | "Protocol")
                            }) => {}
                        None => {
                            return Err(self.type_error(format!(
                                "cannot inherit from '{}' object",
                                o.type_name()
                            )));
                        }
                    },
                    other => {
                        return Err(self.type_error(format!(
                            "metaclass conflict: cannot inherit from an instance of '{}'",
                            other.type_name()
                        )));
                    }
                }
            }
            for k in args.keywords.iter() {
                let v = self.eval(&k.value)?;
                let name = k.arg.as_ref().map(|a| a.id.to_string()).unwrap_or_default();
                if name != "metaclass" {
                    kwargs.push((name, v));
                }
            }
        }
        let qualname = self.qualname(&s.name.id);
        let env = Env::new(self.closure_scope());
        env.set("__module__", Value::str("__main__"));
        env.set("__qualname__", Value::str(&qualname));
        if let Some(Stmt::Expr(e)) = s.body.first()
            && let Expr::StringLiteral(doc) = &*e.value
        {
            env.set("__doc__", Value::str(doc.value.to_str()));
        }
        let globals = self
            .frame()
            .map(|f| f.globals.clone())
            .unwrap_or_else(|| self.globals.clone());
        let frame = self.new_frame(&s.name.id, FrameKind::Class, env.clone(), globals);
        self.frames.push(frame);
        let result = self.exec_block(&s.body);
        let frame = self.frames.pop();
        if let Err(Exc::Raise(e)) = &result
            && let Some(f) = &frame
        {
            self.record_frame(e, f.id, &f.name, &self.source.clone());
        }
        result?;
        if let Some(kind) = typed {
            let vars: Vec<(String, Value)> = env
                .vars
                .borrow()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            let value = crate::collections::typing_class(self, &kind, &s.name.id, vars)?;
            self.store_name(&s.name.id, value);
            return Ok(());
        }
        let class = self.make_class(&s.name.id, bases)?;
        {
            let mut dict = class.dict.borrow_mut();
            for (k, v) in env.vars.borrow().iter() {
                dict.insert(k.clone(), v.clone());
            }
        }
        let class_value = Value::Class(class.clone());
        // `__set_name__` of descriptors defined in the body, before `__init_subclass__`.
        let named: Vec<(String, Value)> = class
            .dict
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in named {
            if let Some(hook) = crate::attr::user_hook(&v, "__set_name__") {
                let args = vec![v, class_value.clone(), Value::str(&k)];
                self.call(&hook, Args::positional(args))?;
            }
        }
        if let Some(hook) = class
            .mro
            .iter()
            .find_map(|c| c.dict.borrow().get("__init_subclass__").cloned())
        {
            let func = match hook {
                Value::ClassMethod(f) => (*f).clone(),
                other => other,
            };
            let mut args = Args::positional(vec![class_value.clone()]);
            args.kw = kwargs;
            self.call(&func, args)?;
        }
        let mut value = class_value;
        for d in decorators.into_iter().rev() {
            value = self.call(&d, Args::positional(vec![value]))?;
        }
        self.store_name(&s.name.id, value);
        Ok(())
    }

    fn exec_import(&mut self, s: &ast::StmtImport) -> PyResult<()> {
        for alias in &s.names {
            let full = alias.name.id.to_string();
            let module = self.import_module(&full)?;
            match &alias.asname {
                Some(as_name) => self.store_name(&as_name.id, Value::Module(module)),
                None => {
                    let top = full.split('.').next().unwrap_or(&full).to_string();
                    let top_mod = self.import_module(&top)?;
                    self.store_name(&top, Value::Module(top_mod));
                }
            }
        }
        Ok(())
    }

    fn exec_import_from(&mut self, s: &ast::StmtImportFrom) -> PyResult<()> {
        if s.level > 0 {
            return Err(self.unsupported("relative imports", s.range));
        }
        let name = s
            .module
            .as_ref()
            .map(|m| m.id.to_string())
            .unwrap_or_default();
        let module = self.import_module(&name)?;
        for alias in &s.names {
            let attr = alias.name.id.as_str();
            if attr == "*" {
                let attrs: Vec<(String, Value)> = module
                    .attrs
                    .borrow()
                    .iter()
                    .filter(|(k, _)| !k.starts_with('_'))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                for (k, v) in attrs {
                    self.store_name(&k, v);
                }
                continue;
            }
            // The borrow ends here: importing a submodule sets it on `module`.
            let found = module.attrs.borrow().get(attr).cloned();
            let value = match found {
                Some(v) => v,
                None => match self.import_module(&format!("{name}.{attr}")) {
                    Ok(m) => Value::Module(m),
                    Err(_) => {
                        return Err(self.exc(
                            "ImportError",
                            format!("cannot import name '{attr}' from '{name}' (unknown location)"),
                        ));
                    }
                },
            };
            let bind = alias.asname.as_ref().map(|a| a.id.as_str()).unwrap_or(attr);
            self.store_name(bind, value);
        }
        Ok(())
    }
}
