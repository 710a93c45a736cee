//! Generator functions: a `def` whose body contains `yield` returns a generator that runs
//! its body lazily, one `yield` at a time (`next()`, `for`, `send()`, `throw()`, `close()`,
//! `yield from`, `return value` → `StopIteration.value`).
//!
//! The evaluator walks the AST recursively, so a generator cannot simply pause inside a
//! Rust call. Instead its body is run by a small resumable machine: the statements that
//! contain a `yield` (`if`, `while`, `for`, `try`, `with` and the `yield` statements
//! themselves) are stepped through an explicit stack of [`Cursor`]s, which survives a
//! suspension; every other statement runs through the ordinary evaluator. A `yield` must
//! be a statement of its own (`yield x`, `y = yield x`, `yield from it`, `r = yield from it`);
//! anywhere else it raises NotImplementedError naming the construct.

use crate::exceptions::Exc;
use crate::frame::FrameKind;
use crate::function::{Code, Function};
use crate::stmt::Ctl;
use crate::value::{PyIter, Value};
use crate::{Interpreter, PyResult};
use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{self as ast, Expr, Stmt, StmtFunctionDef};
use ruff_text_size::Ranged;
use std::cell::RefCell;
use std::rc::Rc;

/// Whether a function body is a generator's (a `yield` outside nested scopes).
pub fn is_generator(body: &[Stmt]) -> bool {
    body.iter().any(contains_yield)
}

struct YieldFinder(bool);

impl<'a> Visitor<'a> for YieldFinder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::FunctionDef(_) | Stmt::ClassDef(_) => {}
            _ => visitor::walk_stmt(self, stmt),
        }
    }
    fn visit_expr(&mut self, expr: &'a Expr) {
        match expr {
            Expr::Yield(_) | Expr::YieldFrom(_) => self.0 = true,
            Expr::Lambda(_)
            | Expr::ListComp(_)
            | Expr::SetComp(_)
            | Expr::DictComp(_)
            | Expr::Generator(_) => {}
            _ => visitor::walk_expr(self, expr),
        }
    }
}

pub(crate) fn contains_yield(stmt: &Stmt) -> bool {
    let mut f = YieldFinder(false);
    f.visit_stmt(stmt);
    f.0
}

pub(crate) fn expr_has_yield(e: &Expr) -> bool {
    let mut f = YieldFinder(false);
    f.visit_expr(e);
    f.0
}

/// Which block of a statement a cursor runs.
#[derive(Clone, Copy)]
pub(crate) enum Sub {
    Body,
    Orelse,
    Final,
    Branch(usize),
    Handler(usize),
}

/// Where a block is: statement indices and sub-blocks from the function body down.
pub(crate) type Path = Rc<Vec<(usize, Sub)>>;

/// What a cursor's block belongs to, and what happens when it ends.
pub(crate) enum Kind {
    Plain,
    While,
    For(Value),
    TryBody,
    TryHandler(Value),
    TryElse,
    TryFinally(Option<Action>),
    With(Vec<Value>),
}

/// One block being run: where it is (a path of statement index and sub-block from the
/// function body), the next statement, and what owns it.
pub(crate) struct Cursor {
    pub(crate) path: Path,
    pub(crate) pc: usize,
    pub(crate) kind: Kind,
}

/// How the last step ended.
pub(crate) enum Action {
    Next,
    Break,
    Continue,
    Return(Value),
    Raise(Value),
}

/// How a generator is resumed.
pub enum Resume {
    /// `next()` / `send(value)`.
    Send(Value),
    /// `throw(exc)`.
    Throw(Value),
}

/// What a resumption produced.
pub enum Step {
    /// A yielded value (the generator is suspended).
    Yield(Value),
    /// The body finished with this return value.
    Return(Value),
}

/// A generator's state.
pub struct GenState {
    func: Rc<Function>,
    def: Rc<StmtFunctionDef>,
    locals: Rc<crate::frame::Env>,
    pub(crate) stack: Vec<Cursor>,
    started: bool,
    done: bool,
    /// The `yield` statement it is suspended at (to bind a sent value).
    pub(crate) waiting: Option<(Path, usize)>,
    /// The iterator a `yield from` is delegating to.
    pub(crate) delegate: Option<Value>,
    frame_id: u64,
    /// The value of the last `return` (for `StopIteration.value`), taken once.
    pub returned: Option<Value>,
}

impl GenState {
    /// The function's qualified name (for the repr).
    pub fn qualname(&self) -> &str {
        &self.func.qualname
    }

    /// Started and not finished: paused at a `yield`.
    pub fn is_suspended(&self) -> bool {
        self.started && !self.done
    }

    /// Mark finished without running anything.
    pub fn finish(&mut self) {
        self.done = true;
        self.stack.clear();
    }
}

pub(crate) fn block<'a>(def: &'a StmtFunctionDef, path: &[(usize, Sub)]) -> &'a [Stmt] {
    let mut body: &[Stmt] = &def.body;
    for (idx, sub) in path {
        let Some(stmt) = body.get(*idx) else {
            return &[];
        };
        body = sub_block(stmt, *sub);
    }
    body
}

fn sub_block(stmt: &Stmt, sub: Sub) -> &[Stmt] {
    match (stmt, sub) {
        (Stmt::If(s), Sub::Branch(0)) => &s.body,
        (Stmt::If(s), Sub::Branch(k)) => s
            .elif_else_clauses
            .get(k - 1)
            .map(|c| &c.body[..])
            .unwrap_or(&[]),
        (Stmt::While(s), Sub::Body) => &s.body,
        (Stmt::While(s), Sub::Orelse) => &s.orelse,
        (Stmt::For(s), Sub::Body) => &s.body,
        (Stmt::For(s), Sub::Orelse) => &s.orelse,
        (Stmt::Try(s), Sub::Body) => &s.body,
        (Stmt::Try(s), Sub::Orelse) => &s.orelse,
        (Stmt::Try(s), Sub::Final) => &s.finalbody,
        (Stmt::Try(s), Sub::Handler(k)) => match s.handlers.get(k) {
            Some(ast::ExceptHandler::ExceptHandler(h)) => &h.body,
            None => &[],
        },
        (Stmt::With(s), Sub::Body) => &s.body,
        _ => &[],
    }
}

pub(crate) fn owner<'a>(def: &'a StmtFunctionDef, path: &[(usize, Sub)]) -> Option<&'a Stmt> {
    let (last, parent) = path.split_last()?;
    block(def, parent).get(last.0)
}

pub(crate) fn child(path: &Path, idx: usize, sub: Sub) -> Path {
    let mut p = (**path).clone();
    p.push((idx, sub));
    Rc::new(p)
}

impl Interpreter {
    /// Calling a generator function: bind nothing more, return the generator.
    pub(crate) fn make_generator(
        &mut self,
        f: &Rc<Function>,
        locals: Rc<crate::frame::Env>,
    ) -> Value {
        let Code::Def(def) = &f.code else {
            return Value::None;
        };
        self.next_frame_id += 1;
        let state = GenState {
            func: f.clone(),
            def: def.clone(),
            locals,
            stack: vec![Cursor {
                path: Rc::new(Vec::new()),
                pc: 0,
                kind: Kind::Plain,
            }],
            started: false,
            done: false,
            waiting: None,
            delegate: None,
            frame_id: self.next_frame_id,
            returned: None,
        };
        Value::Iter(Rc::new(RefCell::new(PyIter::Gen(Box::new(state)))))
    }

    /// Resume a generator; Ok(None) when it is exhausted (its return value is kept in
    /// [`GenState::returned`]).
    pub(crate) fn gen_resume(&mut self, g: &mut GenState, how: Resume) -> PyResult<Option<Value>> {
        if g.done {
            return match how {
                Resume::Send(_) => Ok(None),
                Resume::Throw(e) => Err(Exc::Raise(e)),
            };
        }
        self.check_stack()?;
        if self.frames.len() >= self.config.recursion_limit {
            return Err(self.exc("RecursionError", "maximum recursion depth exceeded"));
        }
        if !g.started {
            match &how {
                Resume::Send(Value::None) => {}
                Resume::Send(_) => {
                    return Err(
                        self.type_error("can't send non-None value to a just-started generator")
                    );
                }
                Resume::Throw(e) => {
                    g.done = true;
                    return Err(Exc::Raise(e.clone()));
                }
            }
            g.started = true;
        }
        let mut frame = self.new_frame(
            &g.func.name,
            FrameKind::Function,
            g.locals.clone(),
            g.func.globals.clone(),
        );
        frame.function = Some(Value::Function(g.func.clone()));
        frame.local_names = g.func.local_names.clone();
        frame.id = g.frame_id;
        self.frames.push(frame);
        let handling = self.handling.len();
        for c in &g.stack {
            if let Kind::TryHandler(e) = &c.kind {
                self.handling.push(e.clone());
            }
        }
        let result = self.gen_run(g, how);
        if let Err(Exc::Raise(e)) = &result {
            let source = g.func.source.clone();
            self.record_frame(e, g.frame_id, &g.func.name, &source);
        }
        self.handling.truncate(handling);
        self.frames.pop();
        match result {
            Ok(Step::Yield(v)) => Ok(Some(v)),
            Ok(Step::Return(v)) => {
                g.done = true;
                g.stack.clear();
                g.returned = Some(v);
                Ok(None)
            }
            Err(Exc::Raise(e)) => {
                g.done = true;
                g.stack.clear();
                if self.is_instance_named(&e, "StopIteration") {
                    let err = self.exc("RuntimeError", "generator raised StopIteration");
                    if let Exc::Raise(new) = &err {
                        self.set_context(new, &e);
                    }
                    return Err(err);
                }
                Err(Exc::Raise(e))
            }
            Err(e) => {
                g.done = true;
                Err(e)
            }
        }
    }

    fn gen_run(&mut self, g: &mut GenState, how: Resume) -> PyResult<Step> {
        let def = g.def.clone();
        let mut action = match g.waiting.take() {
            None => match how {
                Resume::Send(_) => Action::Next,
                Resume::Throw(e) => Action::Raise(e),
            },
            Some(at) => match self.gen_resume_at(g, &def, at, how)? {
                Ok(a) => a,
                Err(step) => return Ok(step),
            },
        };
        loop {
            if !matches!(action, Action::Next)
                && let Some(step) = self.gen_unwind(g, &def, action)?
            {
                return Ok(step);
            }
            let Some(cur) = g.stack.last_mut() else {
                return Ok(Step::Return(Value::None));
            };
            let body = block(&def, &cur.path);
            if cur.pc >= body.len() {
                action = self.gen_block_done(g, &def)?;
                continue;
            }
            let idx = cur.pc;
            cur.pc += 1;
            let path = cur.path.clone();
            let stmt = &body[idx];
            if let Some(f) = self.frames.last_mut() {
                f.stmt_range = stmt.range();
            }
            if !contains_yield(stmt) {
                action = match self.exec_block(std::slice::from_ref(stmt)) {
                    Ok(Ctl::Normal) => Action::Next,
                    Ok(Ctl::Break) => Action::Break,
                    Ok(Ctl::Continue) => Action::Continue,
                    Ok(Ctl::Return(v)) => Action::Return(v),
                    Err(Exc::Raise(e)) => Action::Raise(e),
                    Err(e) => return Err(e),
                };
                continue;
            }
            self.tick()?;
            match self.gen_stmt(g, &path, idx, stmt) {
                Ok(Ok(a)) => action = a,
                Ok(Err(step)) => return Ok(step),
                Err(Exc::Raise(e)) => {
                    let e = match self.locate(Exc::Raise(e), stmt.range()) {
                        Exc::Raise(e) => e,
                        other => return Err(other),
                    };
                    action = Action::Raise(e)
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Resume at the `yield` statement `at`: feed the delegate, or bind the sent value.
    fn gen_resume_at(
        &mut self,
        g: &mut GenState,
        def: &StmtFunctionDef,
        at: (Path, usize),
        how: Resume,
    ) -> PyResult<Result<Action, Step>> {
        let stmt = match block(def, &at.0).get(at.1) {
            Some(s) => s,
            None => return Ok(Ok(Action::Next)),
        };
        if let Some(f) = self.frames.last_mut() {
            f.stmt_range = stmt.range();
        }
        let sent = match how {
            Resume::Send(v) => v,
            Resume::Throw(e) => {
                if let Some(Value::Iter(it)) = g.delegate.clone()
                    && let Ok(mut st) = it.try_borrow_mut()
                    && let PyIter::Gen(sub) = &mut *st
                {
                    return match self.gen_resume(sub, Resume::Throw(e)) {
                        Ok(Some(v)) => {
                            g.waiting = Some(at);
                            Ok(Err(Step::Yield(v)))
                        }
                        Ok(None) => {
                            let r = sub.returned.take().unwrap_or(Value::None);
                            drop(st);
                            g.delegate = None;
                            Ok(Ok(self.gen_bind(stmt, r)))
                        }
                        Err(Exc::Raise(e)) => {
                            g.delegate = None;
                            Ok(Ok(Action::Raise(e)))
                        }
                        Err(e) => Err(e),
                    };
                }
                g.delegate = None;
                return Ok(Ok(Action::Raise(e)));
            }
        };
        if g.delegate.is_some() {
            return self.gen_delegate(g, at, stmt, sent);
        }
        Ok(Ok(self.gen_bind(stmt, sent)))
    }

    /// `x = yield ...` binds the sent value (or `yield from`'s result).
    fn gen_bind(&mut self, stmt: &Stmt, v: Value) -> Action {
        if let Stmt::Assign(a) = stmt {
            for t in &a.targets {
                if let Err(e) = self.assign(t, v.clone()) {
                    return match e {
                        Exc::Raise(e) => Action::Raise(e),
                        Exc::Halt(_) => Action::Next,
                    };
                }
            }
        }
        Action::Next
    }

    /// One step of `yield from`: the delegate's next value, or its result once exhausted.
    pub(crate) fn gen_delegate(
        &mut self,
        g: &mut GenState,
        at: (Path, usize),
        stmt: &Stmt,
        sent: Value,
    ) -> PyResult<Result<Action, Step>> {
        let Some(d) = g.delegate.clone() else {
            return Ok(Ok(Action::Next));
        };
        let got = match &d {
            Value::Iter(it) => {
                let Ok(mut st) = it.try_borrow_mut() else {
                    return Err(self.value_error("generator already executing"));
                };
                if let PyIter::Gen(sub) = &mut *st {
                    match self.gen_resume(sub, Resume::Send(sent)) {
                        Ok(Some(v)) => Ok(Ok(v)),
                        Ok(None) => Ok(Err(sub.returned.take().unwrap_or(Value::None))),
                        Err(e) => Err(e),
                    }
                } else {
                    drop(st);
                    self.next_item(it).map(|o| o.ok_or(Value::None))
                }
            }
            other => self.iter_step(other).map(|o| o.ok_or(Value::None)),
        };
        match got {
            Ok(Ok(v)) => {
                g.waiting = Some(at);
                Ok(Err(Step::Yield(v)))
            }
            Ok(Err(r)) => {
                g.delegate = None;
                Ok(Ok(self.gen_bind(stmt, r)))
            }
            Err(Exc::Raise(e)) => {
                g.delegate = None;
                Ok(Ok(Action::Raise(e)))
            }
            Err(e) => Err(e),
        }
    }
}

#[cfg(test)]
#[path = "generator_tests.rs"]
mod tests;
