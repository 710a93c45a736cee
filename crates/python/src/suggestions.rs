//! "Did you mean" hints CPython 3.11 appends to `NameError` and `AttributeError` reports
//! (`Python/suggestions.c`): the closest candidate name by a Levenshtein distance where a
//! case change costs 1 and any other edit 2, accepted when at most about a third of the
//! characters change.

use crate::Interpreter;
use crate::value::Value;

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_CANDIDATE_ITEMS: usize = 750;
const MAX_STRING_SIZE: usize = 40;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        0
    } else if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (b_index, &code) in b.iter().enumerate() {
        let mut distance = b_index * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (index, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[index];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[index] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

/// The candidate closest to `name`, if one is close enough.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&str, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let max = (name.len() + item.len() + 3) * MOVE_COST / 6;
        let max = best.map_or(max, |(_, d)| max.min(d.saturating_sub(1)));
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max);
        if d > max {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s.to_string())
}

impl Interpreter {
    /// The hint for a `NameError` on `name` raised in the current frame: its locals first,
    /// then the module's globals, then the builtins.
    pub(crate) fn name_suggestion(&self, name: &str) -> Option<String> {
        let frame = self.frame()?;
        let locals: Vec<String> = match frame.kind {
            crate::frame::FrameKind::Module => Vec::new(),
            _ => frame.locals.vars.borrow().keys().cloned().collect(),
        };
        if let Some(s) = closest(name, locals.iter().map(String::as_str)) {
            return Some(s);
        }
        let globals: Vec<String> = frame.globals.vars.borrow().keys().cloned().collect();
        if let Some(s) = closest(name, globals.iter().map(String::as_str)) {
            return Some(s);
        }
        let mut builtins: Vec<&str> = self.builtins.keys().map(String::as_str).collect();
        builtins.sort_unstable();
        closest(name, builtins)
    }

    /// The hint for an `AttributeError` on `obj.name`: the closest name in `dir(obj)`.
    pub(crate) fn attr_suggestion(&self, obj: &Value, name: &str) -> Option<String> {
        let mut names: Vec<String> = Vec::new();
        let classes = |c: &std::rc::Rc<crate::Class>| {
            let mut out: Vec<String> = c.dict.borrow().keys().cloned().collect();
            for base in &c.mro {
                out.extend(base.dict.borrow().keys().cloned());
            }
            out
        };
        match obj {
            Value::Instance(inst) => {
                names.extend(inst.attrs.borrow().keys().cloned());
                names.extend(classes(&inst.class));
            }
            Value::Class(c) => names.extend(classes(c)),
            Value::Module(m) => names.extend(m.attrs.borrow().keys().cloned()),
            _ => return None,
        }
        names.sort_unstable();
        names.dedup();
        closest(name, names.iter().map(String::as_str))
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::closest;

    // Expected suggestions from CPython 3.11.7 tracebacks.
    #[test]
    fn suggestions_match_cpython() {
        assert_eq!(
            closest("mesage", ["message", "print"]).as_deref(),
            Some("message")
        );
        assert_eq!(closest("nmae", ["name", "__init__"]), None);
        assert_eq!(
            closest("nme", ["__init__", "name"]).as_deref(),
            Some("name")
        );
        assert_eq!(
            closest("prnt", ["print", "property"]).as_deref(),
            Some("print")
        );
        assert_eq!(closest("Name", ["name"]).as_deref(), Some("name"));
        assert_eq!(closest("xyz", ["message"]), None);
    }
}
