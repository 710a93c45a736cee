//! `text("SELECT ... WHERE name = :name")`: literal SQL with named bound parameters, converted
//! to SQLite's `?` placeholders in order of appearance, as SQLAlchemy's `TextClause` compiles.
//! A backslash-escaped colon (`\:`) is a literal colon.

use crate::error::{Error, Result};
use crate::value::Value;

/// A textual SQL statement with `:name` parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextClause {
    /// The text as written.
    pub text: String,
}

/// `text(sql)`.
pub fn text(sql: &str) -> TextClause {
    TextClause {
        text: sql.to_owned(),
    }
}

impl TextClause {
    /// The `?` form and the parameter names in placeholder order.
    pub fn compile(&self) -> (String, Vec<String>) {
        let mut out = String::with_capacity(self.text.len());
        let mut names = Vec::new();
        let chars: Vec<char> = self.text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\\' && chars.get(i + 1) == Some(&':') {
                out.push(':');
                i += 2;
                continue;
            }
            // SQLAlchemy's pattern: `(?<![:\w\\]):(\w+)(?!:)`.
            let word = |ch: &char| ch.is_alphanumeric() || *ch == '_';
            let prev_ok =
                i == 0 || !(word(&chars[i - 1]) || chars[i - 1] == ':' || chars[i - 1] == '\\');
            let mut end = i + 1;
            while end < chars.len() && word(&chars[end]) {
                end += 1;
            }
            if c == ':' && prev_ok && end > i + 1 && chars.get(end) != Some(&':') {
                let start = i + 1;
                names.push(chars[start..end].iter().collect());
                out.push('?');
                i = end;
                continue;
            }
            out.push(c);
            i += 1;
        }
        (out, names)
    }

    /// The positional parameters for one dict of named parameters.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] naming a missing parameter, as SQLAlchemy's
    /// "A value is required for bind parameter 'x'".
    pub fn bind(names: &[String], params: &[(String, Value)]) -> Result<Vec<Value>> {
        names
            .iter()
            .map(|n| {
                params
                    .iter()
                    .find(|(k, _)| k == n)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| {
                        Error::InvalidRequestError(format!(
                            "A value is required for bind parameter '{n}'"
                        ))
                    })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn named_parameters_become_question_marks() {
        let (sql, names) = text("SELECT * FROM users WHERE name = :n AND id > :i").compile();
        assert_eq!(sql, "SELECT * FROM users WHERE name = ? AND id > ?");
        assert_eq!(names, ["n", "i"]);
        let (sql, names) = text("SELECT '12:30', x::int, a\\:b").compile();
        assert_eq!(sql, "SELECT '12:30', x::int, a:b");
        assert!(names.is_empty());
    }
}
