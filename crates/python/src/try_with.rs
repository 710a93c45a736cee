//! Raising and handling: `raise` (with `from`), `try`/`except`/`else`/`finally`
//! with CPython's exception chaining, and `with` blocks calling `__enter__`/`__exit__`.

use crate::exceptions::Exc;
use crate::function::Args;
use crate::stmt::Ctl;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::{self as ast};
use std::rc::Rc;

impl Interpreter {
    pub(crate) fn exec_raise(&mut self, s: &ast::StmtRaise) -> PyResult<Exc> {
        let Some(exc_expr) = &s.exc else {
            return match self.handling.last() {
                Some(e) => Ok(Exc::Raise(e.clone())),
                None => Ok(self.exc("RuntimeError", "No active exception to reraise")),
            };
        };
        let v = self.eval(exc_expr)?;
        let exc = self.make_exception(v)?;
        if let Some(c) = &s.cause {
            let cause = self.eval(c)?;
            let cause = match cause {
                Value::None => None,
                other => Some(self.make_exception(other)?),
            };
            if let Value::Instance(i) = &exc
                && let Some(info) = i.exc.borrow_mut().as_mut()
            {
                info.cause = cause;
                info.suppress_context = true;
            }
        }
        Ok(Exc::Raise(exc))
    }

    /// Turn the operand of `raise` into an exception instance.
    pub(crate) fn make_exception(&mut self, v: Value) -> PyResult<Value> {
        match &v {
            Value::Class(c) if c.is_exception() => self.call(&v, Args::default()),
            Value::Instance(i) if i.class.is_exception() => Ok(v),
            _ => Err(self.type_error("exceptions must derive from BaseException")),
        }
    }

    pub(crate) fn exec_try(&mut self, s: &ast::StmtTry) -> PyResult<Ctl> {
        if s.is_star {
            return Err(self.unsupported("except*", s.range));
        }
        let mut result = self.exec_block(&s.body);
        if let Err(Exc::Raise(exc)) = &result {
            let exc = exc.clone();
            let mut handled = None;
            for h in &s.handlers {
                let ast::ExceptHandler::ExceptHandler(h) = h;
                let matches = match &h.type_ {
                    None => true,
                    Some(t) => {
                        let t = self.eval(t)?;
                        self.exception_matches(&exc, &t)?
                    }
                };
                if matches {
                    handled = Some(h);
                    break;
                }
            }
            if let Some(h) = handled {
                self.record_current_frame(&exc);
                if let Some(name) = &h.name {
                    self.store_name(&name.id, exc.clone());
                }
                self.handling.push(exc.clone());
                let r = self.exec_block(&h.body);
                self.handling.pop();
                if let Err(Exc::Raise(new)) = &r {
                    self.set_context(new, &exc);
                }
                if let Some(name) = &h.name {
                    self.current_locals()
                        .vars
                        .borrow_mut()
                        .shift_remove(name.id.as_str());
                }
                result = r;
            }
        } else if let Ok(Ctl::Normal) = result {
            result = self.exec_block(&s.orelse);
        }
        if !s.finalbody.is_empty() {
            match self.exec_block(&s.finalbody)? {
                Ctl::Normal => {}
                other => return Ok(other),
            }
        }
        result
    }

    /// Note in `exc`'s traceback that it reached the current frame (it is being caught here).
    pub(crate) fn record_current_frame(&mut self, exc: &Value) {
        let Some(frame) = self.frames.last() else {
            return;
        };
        let (id, name) = (frame.id, frame.name.clone());
        let source = match &frame.function {
            Some(Value::Function(f)) => f.source.clone(),
            _ => self.source.clone(),
        };
        self.record_frame(exc, id, &name, &source);
    }

    /// Set `__context__` of `new` to `old` unless it is the same exception.
    pub(crate) fn set_context(&self, new: &Value, old: &Value) {
        if new.is(old) {
            return;
        }
        if let Value::Instance(i) = new
            && let Some(info) = i.exc.borrow_mut().as_mut()
            && info.context.is_none()
        {
            info.context = Some(old.clone());
        }
    }

    /// Whether `exc` is an instance of the class (or a class in the tuple) `t`.
    pub(crate) fn exception_matches(&mut self, exc: &Value, t: &Value) -> PyResult<bool> {
        match t {
            Value::Class(c) => Ok(matches!(exc, Value::Instance(i) if i.class.is_subclass_of(c))),
            Value::Tuple(items) => {
                for item in items.iter() {
                    if self.exception_matches(exc, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    pub(crate) fn exec_with(&mut self, s: &ast::StmtWith, index: usize) -> PyResult<Ctl> {
        if s.is_async {
            return Err(self.unsupported("async with", s.range));
        }
        let Some(item) = s.items.get(index) else {
            return self.exec_block(&s.body);
        };
        let mgr = self.eval(&item.context_expr)?;
        let enter = self.getattr(&mgr, "__enter__")?;
        let exit = self.getattr(&mgr, "__exit__")?;
        let entered = self.call(&enter, Args::default())?;
        if let Some(target) = &item.optional_vars {
            self.assign(target, entered)?;
        }
        let result = self.exec_with(s, index + 1);
        match result {
            Err(Exc::Raise(exc)) => {
                let class = match &exc {
                    Value::Instance(i) => Value::Class(i.class.clone()),
                    _ => Value::None,
                };
                let tb = crate::stdlib::Marker("traceback", "<traceback object>");
                let args = vec![class, exc.clone(), Value::Object(Rc::new(tb))];
                let suppress = self.call(&exit, Args::positional(args))?;
                if self.truthy(&suppress)? {
                    Ok(Ctl::Normal)
                } else {
                    Err(Exc::Raise(exc))
                }
            }
            other => {
                self.call(
                    &exit,
                    Args::positional(vec![Value::None, Value::None, Value::None]),
                )?;
                other
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn finally_runs_before_return_and_from_sets_the_cause() {
        let (out, r) = crate::interp::run_for_test(
            "def f():\n    try:\n        return 'try'\n    finally:\n        print('finally')\nprint(f())\ntry:\n    try:\n        1/0\n    except ZeroDivisionError as e:\n        raise KeyError('k') from e\nexcept KeyError as k:\n    print(type(k.__cause__).__name__, k.__suppress_context__)\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "finally\ntry\nZeroDivisionError True\n");
    }
}
