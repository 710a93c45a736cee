//! Generator expressions, evaluated lazily as CPython does: the first iterable is taken
//! (`iter()`) when the expression is evaluated, everything else happens one value at a
//! time as the generator is consumed, so `any(f(x) for x in xs)` stops at the first hit.

use crate::exceptions::Exc;
use crate::frame::{Env, FrameKind};
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast as ast;
use ruff_text_size::Ranged;
use std::rc::Rc;

/// A running generator expression: its code, its scope and one iterator per `for` clause
/// entered so far.
struct GenExpr {
    code: Rc<ast::ExprGenerator>,
    locals: Rc<Env>,
    globals: Rc<Env>,
    iters: Vec<Value>,
    frame_id: u64,
}

impl Interpreter {
    /// `(elt for target in iter ...)` as a lazy generator.
    pub(crate) fn eval_genexpr(&mut self, c: &ast::ExprGenerator) -> PyResult<Value> {
        let Some(first) = c.generators.first() else {
            return Ok(Value::generator(vec![]));
        };
        if first.is_async {
            return Err(self.unsupported("async comprehensions", c.range));
        }
        let src = self.eval(&first.iter)?;
        let it = self
            .make_iter(&src)
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
        self.next_frame_id += 1;
        let mut state = GenExpr {
            code: Rc::new(c.clone()),
            locals: Env::new(parent),
            globals,
            iters: vec![it],
            frame_id: self.next_frame_id,
        };
        Ok(Value::lazy_iter("generator", move |i| {
            i.genexpr_next(&mut state)
        }))
    }

    fn genexpr_next(&mut self, g: &mut GenExpr) -> PyResult<Option<Value>> {
        if g.iters.is_empty() {
            return Ok(None);
        }
        self.check_stack()?;
        let mut frame = self.new_frame(
            "<genexpr>",
            FrameKind::Function,
            g.locals.clone(),
            g.globals.clone(),
        );
        frame.id = g.frame_id;
        frame.stmt_range = g.code.range;
        self.frames.push(frame);
        let result = self.genexpr_step(g);
        if let Err(Exc::Raise(e)) = &result {
            let source = self.source.clone();
            self.record_frame(e, g.frame_id, "<genexpr>", &source);
            g.iters.clear();
        }
        self.frames.pop();
        result
    }

    fn genexpr_step(&mut self, g: &mut GenExpr) -> PyResult<Option<Value>> {
        let code = g.code.clone();
        'outer: loop {
            self.tick()?;
            let level = g.iters.len() - 1;
            let Some(it) = g.iters.last().cloned() else {
                return Ok(None);
            };
            let Some(item) = self.iter_step(&it)? else {
                g.iters.pop();
                if g.iters.is_empty() {
                    return Ok(None);
                }
                continue;
            };
            let Some(clause) = code.generators.get(level) else {
                return Ok(None);
            };
            self.assign(&clause.target, item)?;
            for cond in &clause.ifs {
                if !self.eval_truthy(cond)? {
                    continue 'outer;
                }
            }
            match code.generators.get(level + 1) {
                Some(next) => {
                    let src = self.eval(&next.iter)?;
                    let it = self
                        .make_iter(&src)
                        .map_err(|e| self.locate(e, next.iter.range()))?;
                    g.iters.push(it);
                }
                None => return self.eval(&code.elt).map(Some),
            }
        }
    }
}
