//! The control flow of a generator's body (see [`crate::generator`]): entering the
//! statements that contain a `yield`, what happens when one of their blocks ends (the next
//! loop iteration, `else`, `finally`, `__exit__`), and unwinding for `break`, `continue`,
//! `return` and exceptions through `except`/`finally` blocks and `with` statements.

use crate::exceptions::Exc;
use crate::function::Args;
use crate::generator::{
    Action, Cursor, GenState, Kind, Path, Step, Sub, child, expr_has_yield, owner,
};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::{self as ast, Expr, Stmt, StmtFunctionDef};
use ruff_text_size::Ranged;
use std::rc::Rc;

impl Interpreter {
    /// Run one statement that contains a `yield`.
    pub(crate) fn gen_stmt(
        &mut self,
        g: &mut GenState,
        path: &Path,
        idx: usize,
        stmt: &Stmt,
    ) -> PyResult<Result<Action, Step>> {
        let push = |g: &mut GenState, sub: Sub, kind: Kind| {
            g.stack.push(Cursor {
                path: child(path, idx, sub),
                pc: 0,
                kind,
            });
        };
        let yield_expr = match stmt {
            Stmt::Expr(e) => Some(&*e.value),
            Stmt::Assign(a) if !a.targets.iter().any(expr_has_yield) => Some(&*a.value),
            _ => None,
        };
        match (stmt, yield_expr) {
            (_, Some(Expr::Yield(y))) => {
                let v = match &y.value {
                    Some(e) if !expr_has_yield(e) => self.eval(e)?,
                    Some(_) => return Err(self.unsupported("yield inside an expression", y.range)),
                    None => Value::None,
                };
                g.waiting = Some((path.clone(), idx));
                Ok(Err(Step::Yield(v)))
            }
            (_, Some(Expr::YieldFrom(y))) if !expr_has_yield(&y.value) => {
                let src = self.eval(&y.value)?;
                let it = self.make_iter(&src)?;
                g.delegate = Some(it);
                self.gen_delegate(g, (path.clone(), idx), stmt, Value::None)
            }
            (Stmt::If(s), _) => {
                if expr_has_yield(&s.test) {
                    return Err(self.unsupported("yield inside an expression", s.test.range()));
                }
                if self.eval_truthy(&s.test)? {
                    push(g, Sub::Branch(0), Kind::Plain);
                    return Ok(Ok(Action::Next));
                }
                for (k, clause) in s.elif_else_clauses.iter().enumerate() {
                    let take = match &clause.test {
                        Some(t) => self.eval_truthy(t)?,
                        None => true,
                    };
                    if take {
                        push(g, Sub::Branch(k + 1), Kind::Plain);
                        break;
                    }
                }
                Ok(Ok(Action::Next))
            }
            (Stmt::While(s), _) if !expr_has_yield(&s.test) => {
                if self.eval_truthy(&s.test)? {
                    push(g, Sub::Body, Kind::While);
                } else {
                    push(g, Sub::Orelse, Kind::Plain);
                }
                Ok(Ok(Action::Next))
            }
            (Stmt::For(s), _) if !expr_has_yield(&s.iter) && !s.is_async => {
                let src = self.eval(&s.iter)?;
                let it = self
                    .make_iter(&src)
                    .map_err(|e| self.locate(e, s.iter.range()))?;
                match self.iter_step(&it)? {
                    Some(v) => {
                        self.assign(&s.target, v)?;
                        push(g, Sub::Body, Kind::For(it));
                    }
                    None => push(g, Sub::Orelse, Kind::Plain),
                }
                Ok(Ok(Action::Next))
            }
            (Stmt::Try(s), _) if !s.is_star => {
                push(g, Sub::Body, Kind::TryBody);
                Ok(Ok(Action::Next))
            }
            (Stmt::With(s), _) if !s.is_async => {
                let mut exits = Vec::new();
                for item in &s.items {
                    let entered = (|| {
                        let mgr = self.eval(&item.context_expr)?;
                        let enter = self.getattr(&mgr, "__enter__")?;
                        let exit = self.getattr(&mgr, "__exit__")?;
                        let entered = self.call(&enter, Args::default())?;
                        exits.push(exit);
                        if let Some(t) = &item.optional_vars {
                            self.assign(t, entered)?;
                        }
                        Ok(())
                    })();
                    if let Err(e) = entered {
                        // The managers already entered exit with the exception.
                        let e = match e {
                            Exc::Raise(e) => e,
                            other => return Err(other),
                        };
                        return Ok(Ok(self.gen_exit_all(exits, Action::Raise(e))?));
                    }
                }
                push(g, Sub::Body, Kind::With(exits));
                Ok(Ok(Action::Next))
            }
            (Stmt::With(_) | Stmt::Match(_) | Stmt::For(_) | Stmt::While(_) | Stmt::Try(_), _) => {
                Err(self.unsupported("yield inside this statement", stmt.range()))
            }
            _ => Err(self.unsupported("yield inside an expression", stmt.range())),
        }
    }

    /// The cursor on top of the stack ran off its end.
    pub(crate) fn gen_block_done(
        &mut self,
        g: &mut GenState,
        def: &StmtFunctionDef,
    ) -> PyResult<Action> {
        let Some(c) = g.stack.pop() else {
            return Ok(Action::Return(Value::None));
        };
        if c.path.is_empty() {
            return Ok(Action::Return(Value::None));
        }
        let stmt = owner(def, &c.path);
        let again = |g: &mut GenState, kind: Kind| {
            g.stack.push(Cursor {
                path: c.path.clone(),
                pc: 0,
                kind,
            });
        };
        let raise = |e: Exc| -> PyResult<Action> {
            match e {
                Exc::Raise(e) => Ok(Action::Raise(e)),
                other => Err(other),
            }
        };
        match c.kind {
            Kind::Plain => Ok(Action::Next),
            Kind::While => {
                self.tick()?;
                let Some(Stmt::While(s)) = stmt else {
                    return Ok(Action::Next);
                };
                match self.eval_truthy(&s.test) {
                    Ok(true) => again(g, Kind::While),
                    Ok(false) => g.stack.push(Cursor {
                        path: sibling(&c.path, Sub::Orelse),
                        pc: 0,
                        kind: Kind::Plain,
                    }),
                    Err(e) => return raise(e),
                }
                Ok(Action::Next)
            }
            Kind::For(it) => {
                self.tick()?;
                let Some(Stmt::For(s)) = stmt else {
                    return Ok(Action::Next);
                };
                match self.iter_step(&it) {
                    Ok(Some(v)) => {
                        if let Err(e) = self.assign(&s.target, v) {
                            return raise(e);
                        }
                        again(g, Kind::For(it));
                    }
                    Ok(None) => g.stack.push(Cursor {
                        path: sibling(&c.path, Sub::Orelse),
                        pc: 0,
                        kind: Kind::Plain,
                    }),
                    Err(e) => return raise(e),
                }
                Ok(Action::Next)
            }
            Kind::TryBody => {
                if let Some(Stmt::Try(s)) = stmt
                    && !s.orelse.is_empty()
                {
                    g.stack.push(Cursor {
                        path: sibling(&c.path, Sub::Orelse),
                        pc: 0,
                        kind: Kind::TryElse,
                    });
                    return Ok(Action::Next);
                }
                Ok(self.gen_finally(g, stmt, &c.path, Action::Next))
            }
            Kind::TryHandler(_) => {
                self.gen_leave_handler(stmt, &c.path, None);
                Ok(self.gen_finally(g, stmt, &c.path, Action::Next))
            }
            Kind::TryElse => Ok(self.gen_finally(g, stmt, &c.path, Action::Next)),
            Kind::TryFinally(pending) => Ok(pending.unwrap_or(Action::Next)),
            Kind::With(exits) => self.gen_exit_all(exits, Action::Next),
        }
    }

    /// Leaving an `except` block: the exception is no longer being handled and its name
    /// is unbound.
    fn gen_leave_handler(
        &mut self,
        stmt: Option<&Stmt>,
        path: &[(usize, Sub)],
        new: Option<&Value>,
    ) {
        let handled = self.handling.pop();
        if let (Some(new), Some(old)) = (new, &handled) {
            self.set_context(new, old);
        }
        if let (Some(Stmt::Try(s)), Some((_, Sub::Handler(k)))) = (stmt, path.last())
            && let Some(ast::ExceptHandler::ExceptHandler(h)) = s.handlers.get(*k)
            && let Some(name) = &h.name
        {
            self.current_locals()
                .vars
                .borrow_mut()
                .shift_remove(name.id.as_str());
        }
    }

    /// Run the `finally` block (if any) of the `try` owning `path` before `then`.
    fn gen_finally(
        &mut self,
        g: &mut GenState,
        stmt: Option<&Stmt>,
        path: &Path,
        then: Action,
    ) -> Action {
        match stmt {
            Some(Stmt::Try(s)) if !s.finalbody.is_empty() => {
                g.stack.push(Cursor {
                    path: sibling(path, Sub::Final),
                    pc: 0,
                    kind: Kind::TryFinally(Some(then)),
                });
                Action::Next
            }
            _ => then,
        }
    }

    /// Unwind the cursor stack for `break`, `continue`, `return` or an exception: run
    /// `finally` blocks and `__exit__`s, find a handler. None: carry on with the top cursor.
    pub(crate) fn gen_unwind(
        &mut self,
        g: &mut GenState,
        def: &StmtFunctionDef,
        mut action: Action,
    ) -> PyResult<Option<Step>> {
        loop {
            let Some(c) = g.stack.pop() else {
                return match action {
                    Action::Return(v) => Ok(Some(Step::Return(v))),
                    Action::Raise(e) => Err(Exc::Raise(e)),
                    _ => Ok(Some(Step::Return(Value::None))),
                };
            };
            let stmt = owner(def, &c.path);
            action = match (c.kind, action) {
                (Kind::While | Kind::For(_), Action::Break) => return Ok(None),
                (kind @ (Kind::While | Kind::For(_)), Action::Continue) => {
                    g.stack.push(Cursor {
                        path: c.path,
                        pc: usize::MAX,
                        kind,
                    });
                    return Ok(None);
                }
                (Kind::TryBody, Action::Raise(e)) => match self.gen_handler(stmt, &e) {
                    Ok(Some(k)) => {
                        self.record_current_frame(&e);
                        if let Some(Stmt::Try(s)) = stmt
                            && let Some(ast::ExceptHandler::ExceptHandler(h)) = s.handlers.get(k)
                            && let Some(name) = &h.name
                        {
                            self.store_name(&name.id, e.clone());
                        }
                        self.handling.push(e.clone());
                        g.stack.push(Cursor {
                            path: sibling(&c.path, Sub::Handler(k)),
                            pc: 0,
                            kind: Kind::TryHandler(e),
                        });
                        return Ok(None);
                    }
                    Ok(None) => self.gen_finally(g, stmt, &c.path, Action::Raise(e)),
                    Err(Exc::Raise(e2)) => {
                        self.set_context(&e2, &e);
                        self.gen_finally(g, stmt, &c.path, Action::Raise(e2))
                    }
                    Err(other) => return Err(other),
                },
                (Kind::TryHandler(_), a) => {
                    let new = match &a {
                        Action::Raise(e) => Some(e.clone()),
                        _ => None,
                    };
                    self.gen_leave_handler(stmt, &c.path, new.as_ref());
                    self.gen_finally(g, stmt, &c.path, a)
                }
                (Kind::TryBody | Kind::TryElse, a) => self.gen_finally(g, stmt, &c.path, a),
                (Kind::With(exits), a) => self.gen_exit_all(exits, a)?,
                (_, a) => a,
            };
            if matches!(action, Action::Next) {
                return Ok(None);
            }
        }
    }

    /// Leave a `with` block: `__exit__` of each manager, innermost first, with the
    /// exception while one is pending (a true result suppresses it).
    fn gen_exit_all(&mut self, exits: Vec<Value>, mut action: Action) -> PyResult<Action> {
        for exit in exits.into_iter().rev() {
            let args = match &action {
                Action::Raise(e) => {
                    let class = match e {
                        Value::Instance(i) => Value::Class(i.class.clone()),
                        _ => Value::None,
                    };
                    let tb = crate::stdlib::Marker("traceback", "<traceback object>");
                    vec![class, e.clone(), Value::Object(Rc::new(tb))]
                }
                _ => vec![Value::None, Value::None, Value::None],
            };
            let result = self
                .call(&exit, Args::positional(args))
                .and_then(|v| self.truthy(&v));
            action = match (result, action) {
                (Ok(true), Action::Raise(_)) => Action::Next,
                (Ok(_), a) => a,
                (Err(Exc::Raise(e2)), a) => {
                    if let Action::Raise(e) = &a {
                        self.set_context(&e2, e);
                    }
                    Action::Raise(e2)
                }
                (Err(other), _) => return Err(other),
            };
        }
        Ok(action)
    }

    /// The index of the `except` clause of `stmt` that catches `e`.
    fn gen_handler(&mut self, stmt: Option<&Stmt>, e: &Value) -> PyResult<Option<usize>> {
        let Some(Stmt::Try(s)) = stmt else {
            return Ok(None);
        };
        for (k, h) in s.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            let matches = match &h.type_ {
                None => true,
                Some(t) => {
                    let t = self.eval(t)?;
                    self.exception_matches(e, &t)?
                }
            };
            if matches {
                return Ok(Some(k));
            }
        }
        Ok(None)
    }
}

fn sibling(path: &Path, sub: Sub) -> Path {
    let mut p = (**path).clone();
    if let Some(last) = p.last_mut() {
        last.1 = sub;
    }
    Rc::new(p)
}
