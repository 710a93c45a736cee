//! Names and targets: reading a variable through local, enclosing, global and builtin
//! scopes (with UnboundLocalError and NameError hints), binding it where `global`/`nonlocal`
//! say, unpacking assignment targets, and `del`.

use crate::exceptions::Exc;
use crate::frame::FrameKind;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

impl Interpreter {
    /// Bind `value` to an assignment target.
    pub(crate) fn assign(&mut self, target: &Expr, value: Value) -> PyResult<()> {
        match target {
            Expr::Name(n) => {
                // A suspended generator that loses its last reference is closed at once,
                // as CPython's reference counting does (its `finally` blocks run).
                if let Some(old @ Value::Iter(_)) = self.rebind_name(&n.id, value) {
                    self.close_if_unreferenced(&old)?;
                }
                Ok(())
            }
            Expr::Attribute(a) => {
                let obj = self.eval(&a.value)?;
                self.setattr(&obj, &a.attr.id, value)
                    .map_err(|e| self.locate(e, a.range))
            }
            Expr::Subscript(s) => {
                let obj = self.eval(&s.value)?;
                let key = self.eval(&s.slice)?;
                self.set_item(&obj, key, value)
                    .map_err(|e| self.locate(e, s.range))
            }
            Expr::Tuple(ast::ExprTuple { elts, range, .. })
            | Expr::List(ast::ExprList { elts, range, .. }) => {
                let items = self.iterate(&value).map_err(|e| self.locate(e, *range))?;
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                match star {
                    None => {
                        if items.len() != elts.len() {
                            let msg = if items.len() > elts.len() {
                                format!("too many values to unpack (expected {})", elts.len())
                            } else {
                                format!(
                                    "not enough values to unpack (expected {}, got {})",
                                    elts.len(),
                                    items.len()
                                )
                            };
                            return Err(self.locate(self.value_error(msg), *range));
                        }
                        for (t, v) in elts.iter().zip(items) {
                            self.assign(t, v)?;
                        }
                    }
                    Some(si) => {
                        let after = elts.len() - si - 1;
                        if items.len() < si + after {
                            let msg = format!(
                                "not enough values to unpack (expected at least {}, got {})",
                                si + after,
                                items.len()
                            );
                            return Err(self.value_error(msg));
                        }
                        let mut items = items;
                        let tail = items.split_off(items.len() - after);
                        let middle = items.split_off(si);
                        for (t, v) in elts[..si].iter().zip(items) {
                            self.assign(t, v)?;
                        }
                        if let Expr::Starred(s) = &elts[si] {
                            self.assign(&s.value, Value::list(middle))?;
                        }
                        for (t, v) in elts[si + 1..].iter().zip(tail) {
                            self.assign(t, v)?;
                        }
                    }
                }
                Ok(())
            }
            other => Err(self.unsupported("this assignment target", other.range())),
        }
    }

    /// `del target`.
    pub(crate) fn delete(&mut self, target: &Expr) -> PyResult<()> {
        match target {
            Expr::Name(n) => {
                let env = self.current_locals();
                let old = env.vars.borrow_mut().shift_remove(n.id.as_str());
                match old {
                    None => Err(self.locate(
                        self.exc("NameError", format!("name '{}' is not defined", n.id)),
                        n.range,
                    )),
                    Some(old @ Value::Iter(_)) => self.close_if_unreferenced(&old),
                    Some(_) => Ok(()),
                }
            }
            Expr::Subscript(s) => {
                let obj = self.eval(&s.value)?;
                let key = self.eval(&s.slice)?;
                self.del_item(&obj, &key)
                    .map_err(|e| self.locate(e, s.range))
            }
            Expr::Attribute(a) => {
                let obj = self.eval(&a.value)?;
                self.delattr(&obj, &a.attr.id)
                    .map_err(|e| self.locate(e, a.range))
            }
            Expr::Tuple(t) => {
                for e in &t.elts {
                    self.delete(e)?;
                }
                Ok(())
            }
            other => Err(self.unsupported("this del target", other.range())),
        }
    }

    /// Read a variable through locals, enclosing scopes, globals and builtins.
    pub(crate) fn load_name(&self, name: &str) -> PyResult<Value> {
        if let Some(f) = self.frame() {
            if f.kind != FrameKind::Module && !f.global_names.contains(name) {
                if f.local_names.contains(name) && !f.nonlocal_names.contains(name) {
                    return match f.locals.get(name) {
                        Some(v) => Ok(v),
                        None => Err(self.exc(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        )),
                    };
                }
                let mut env = Some(&f.locals);
                while let Some(e) = env {
                    if let Some(v) = e.get(name) {
                        return Ok(v);
                    }
                    env = e.parent.as_ref();
                }
            }
            if let Some(v) = f.globals.get(name) {
                return Ok(v);
            }
        } else if let Some(v) = self.globals.get(name) {
            return Ok(v);
        }
        if let Some(v) = self.builtins.get(name) {
            return Ok(v.clone());
        }
        let exc = self.exc("NameError", format!("name '{name}' is not defined"));
        if let Exc::Raise(Value::Instance(inst)) = &exc {
            if let Some(info) = inst.exc.borrow_mut().as_mut() {
                info.hint = self
                    .name_suggestion(name)
                    .map(crate::exceptions::Hint::Ready);
            }
            inst.attrs
                .borrow_mut()
                .insert("name".into(), Value::str(name));
        }
        Err(exc)
    }

    /// Bind a variable in the scope Python's rules choose (`global`, `nonlocal`, local).
    pub(crate) fn store_name(&self, name: &str, value: Value) {
        self.rebind_name(name, value);
    }

    /// Bind `name` where an assignment in the current frame binds it; the old value.
    fn rebind_name(&self, name: &str, value: Value) -> Option<Value> {
        let Some(f) = self.frame() else {
            return self.globals.replace(name, value);
        };
        if f.global_names.contains(name) {
            return f.globals.replace(name, value);
        }
        if f.nonlocal_names.contains(name) {
            let mut env = f.locals.parent.as_ref();
            while let Some(e) = env {
                if e.vars.borrow().contains_key(name) {
                    return e.replace(name, value);
                }
                env = e.parent.as_ref();
            }
        }
        f.locals.replace(name, value)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn scopes_follow_global_nonlocal_and_unpacking() {
        let (out, r) = crate::interp::run_for_test(
            "x = 1\ndef f():\n    global x\n    x += 1\n    def g():\n        nonlocal_val = 5\n        def h():\n            nonlocal nonlocal_val\n            nonlocal_val += 1\n            return nonlocal_val\n        return h() + h()\n    return g()\nprint(f(), x)\na, (b, *c), d = 1, (2, 3, 4), 5\nprint(a, b, c, d)\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(out, "13 2\n1 2 [3, 4] 5\n");
    }
}
