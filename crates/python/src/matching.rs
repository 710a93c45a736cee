//! The `match` statement: value, singleton, capture/wildcard, sequence (with a star),
//! mapping (with `**rest`), class (positional through `__match_args__`, keyword through
//! attributes), `|` and `as` patterns, and guards, with CPython's matching rules.

use crate::class::Builtin;
use crate::stmt::Ctl;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::{self as ast, Pattern, Singleton};

impl Interpreter {
    pub(crate) fn exec_match(&mut self, s: &ast::StmtMatch) -> PyResult<Ctl> {
        let subject = self.eval(&s.subject)?;
        for case in &s.cases {
            if !self.match_pattern(&case.pattern, &subject)? {
                continue;
            }
            if let Some(g) = &case.guard
                && !self.eval_truthy(g)?
            {
                continue;
            }
            return self.exec_block(&case.body);
        }
        Ok(Ctl::Normal)
    }

    fn match_pattern(&mut self, p: &Pattern, v: &Value) -> PyResult<bool> {
        match p {
            Pattern::MatchValue(m) => {
                let want = self.eval(&m.value)?;
                self.eq(v, &want)
            }
            Pattern::MatchSingleton(m) => Ok(match m.value {
                Singleton::None => matches!(v, Value::None),
                Singleton::True => matches!(v, Value::Bool(true)),
                Singleton::False => matches!(v, Value::Bool(false)),
            }),
            Pattern::MatchAs(m) => {
                if let Some(inner) = &m.pattern
                    && !self.match_pattern(inner, v)?
                {
                    return Ok(false);
                }
                if let Some(name) = &m.name {
                    self.store_name(&name.id, v.clone());
                }
                Ok(true)
            }
            Pattern::MatchOr(m) => {
                for alt in &m.patterns {
                    if self.match_pattern(alt, v)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Pattern::MatchStar(_) => Ok(true),
            Pattern::MatchSequence(m) => self.match_sequence(&m.patterns, v),
            Pattern::MatchMapping(m) => self.match_mapping(m, v),
            Pattern::MatchClass(m) => self.match_class(m, v),
        }
    }

    fn match_sequence(&mut self, patterns: &[Pattern], v: &Value) -> PyResult<bool> {
        let items = match v {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => (**t).clone(),
            Value::Range(..) => self.iterate(v)?,
            Value::Instance(i) if i.class.lookup("_fields").is_some() => self.iterate(v)?,
            _ => return Ok(false),
        };
        let star = patterns
            .iter()
            .position(|p| matches!(p, Pattern::MatchStar(_)));
        match star {
            None => {
                if items.len() != patterns.len() {
                    return Ok(false);
                }
                for (p, x) in patterns.iter().zip(&items) {
                    if !self.match_pattern(p, x)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Some(s) => {
                let after = patterns.len() - s - 1;
                if items.len() < patterns.len() - 1 {
                    return Ok(false);
                }
                for (p, x) in patterns[..s].iter().zip(&items) {
                    if !self.match_pattern(p, x)? {
                        return Ok(false);
                    }
                }
                let tail_start = items.len() - after;
                for (p, x) in patterns[s + 1..].iter().zip(&items[tail_start..]) {
                    if !self.match_pattern(p, x)? {
                        return Ok(false);
                    }
                }
                if let Pattern::MatchStar(st) = &patterns[s]
                    && let Some(name) = &st.name
                {
                    self.store_name(&name.id, Value::list(items[s..tail_start].to_vec()));
                }
                Ok(true)
            }
        }
    }

    fn match_mapping(&mut self, m: &ast::PatternMatchMapping, v: &Value) -> PyResult<bool> {
        let is_mapping = match v {
            Value::Dict(_) => true,
            Value::Instance(i) => i.attrs.borrow().contains_key("_data"),
            _ => false,
        };
        if !is_mapping {
            return Ok(false);
        }
        let Some(items) = self.mapping_items(v)? else {
            return Ok(false);
        };
        let mut used = Vec::new();
        for (k, p) in m.keys.iter().zip(&m.patterns) {
            let key = self.eval(k)?;
            let mut found = None;
            for (idx, (ik, iv)) in items.iter().enumerate() {
                if self.eq(ik, &key)? {
                    found = Some((idx, iv.clone()));
                    break;
                }
            }
            let Some((idx, value)) = found else {
                return Ok(false);
            };
            if !self.match_pattern(p, &value)? {
                return Ok(false);
            }
            used.push(idx);
        }
        if let Some(rest) = &m.rest {
            let remaining = items
                .into_iter()
                .enumerate()
                .filter(|(idx, _)| !used.contains(idx))
                .map(|(_, kv)| kv)
                .collect();
            let d = self.new_dict(remaining)?;
            self.store_name(&rest.id, d);
        }
        Ok(true)
    }

    fn match_class(&mut self, m: &ast::PatternMatchClass, v: &Value) -> PyResult<bool> {
        let cls = self.eval(&m.cls)?;
        let Value::Class(c) = &cls else {
            return Err(self.type_error("called match pattern must be a class"));
        };
        let isinstance = self
            .builtins
            .get("isinstance")
            .cloned()
            .unwrap_or(Value::None);
        let ok = self.call(
            &isinstance,
            crate::function::Args::positional(vec![v.clone(), cls.clone()]),
        )?;
        if !self.truthy(&ok)? {
            return Ok(false);
        }
        let positional = &m.arguments.patterns;
        if !positional.is_empty() {
            let self_matching = matches!(
                c.builtin,
                Some(
                    Builtin::Int
                        | Builtin::Bool
                        | Builtin::Float
                        | Builtin::Str
                        | Builtin::List
                        | Builtin::Tuple
                        | Builtin::Dict
                        | Builtin::Set
                        | Builtin::FrozenSet
                )
            ) && c.module == "builtins";
            if self_matching {
                if positional.len() > 1 {
                    return Err(self.type_error(format!(
                        "{}() accepts 1 positional sub-pattern ({} given)",
                        c.name,
                        positional.len()
                    )));
                }
                if !self.match_pattern(&positional[0], v)? {
                    return Ok(false);
                }
            } else {
                let names = match c.lookup("__match_args__").or_else(|| c.lookup("_fields")) {
                    Some(Value::Tuple(t)) => (*t).clone(),
                    _ => vec![],
                };
                if positional.len() > names.len() {
                    return Err(self.type_error(format!(
                        "{}() accepts {} positional sub-pattern{} ({} given)",
                        c.name,
                        names.len(),
                        if names.len() == 1 { "" } else { "s" },
                        positional.len()
                    )));
                }
                for (p, n) in positional.iter().zip(names) {
                    let name = self.to_str(&n)?;
                    let Some(x) = self.try_getattr(v, &name)? else {
                        return Ok(false);
                    };
                    if !self.match_pattern(p, &x)? {
                        return Ok(false);
                    }
                }
            }
        }
        for kw in &m.arguments.keywords {
            let Some(x) = self.try_getattr(v, &kw.attr.id)? else {
                return Ok(false);
            };
            if !self.match_pattern(&kw.pattern, &x)? {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    // Expected output from CPython 3.11.7.
    #[test]
    fn sequence_mapping_class_and_guard_patterns() {
        let (out, r) = crate::interp::run_for_test(
            "class P:\n    __match_args__ = ('x', 'y')\n    def __init__(self, x, y):\n        self.x, self.y = x, y\ndef f(v):\n    match v:\n        case [1, *rest]:\n            return f'one then {rest}'\n        case {'k': k, **others}:\n            return f'k={k} {others}'\n        case P(0, y=yy):\n            return f'on axis {yy}'\n        case P(x, y) if x == y:\n            return 'diagonal'\n        case int(n) | float(n) if n > 10:\n            return 'big'\n        case None:\n            return 'none'\n        case _:\n            return 'other'\nfor v in [[1, 2, 3], {'k': 1, 'z': 2}, P(0, 5), P(2, 2), 11, None, 'x']:\n    print(f(v))\n",
        );
        assert!(r.is_ok(), "{r:?}");
        assert_eq!(
            out,
            "one then [2, 3]\nk=1 {'z': 2}\non axis 5\ndiagonal\nbig\nnone\nother\n"
        );
    }
}
