//! `literal_binds`: statements compiled with every bound value written inline as a SQL literal,
//! as `stmt.compile(compile_kwargs={"literal_binds": True})` prints them.

use super::{Compiler, Param, ParamStyle};
use crate::error::Result;
use crate::sql::statement::Statement;
use crate::value::Value;

/// `stmt.compile(compile_kwargs={"literal_binds": True})`: the statement with every bound
/// value rendered inline as a SQL literal (`'patrick'`, `IN (1, 2, 3)`), in `style`'s dialect
/// (reserved words).
///
/// # Failure
/// As [`super::compile`]; [`crate::Error::CompileError`] for a value with no literal form (bytes).
pub fn compile_literal(stmt: &Statement, style: ParamStyle) -> Result<String> {
    let mut c = Compiler::new(style);
    c.literal = true;
    match stmt {
        Statement::Select(s) => {
            c.select(s, &[], false)?;
            c.prefix_ctes();
        }
        Statement::Insert(i) => c.insert(i, &[])?,
        Statement::Update(u) => c.update(u)?,
        Statement::Delete(d) => c.delete(d)?,
        Statement::Compound(k) => c.compound(k, false)?,
    }
    if let Some(e) = c.literal_error.take() {
        return Err(e);
    }
    Ok(c.finish().sql)
}

/// A value as a SQL literal, as SQLAlchemy's literal processors render it for SQLite.
fn literal_sql(v: &Value) -> std::result::Result<String, crate::Error> {
    Ok(match v {
        Value::Null => "NULL".to_owned(),
        Value::Integer(n) => n.to_string(),
        Value::Float(f) => crate::value::py_float_repr(*f),
        Value::Text(t) => crate::sql::quote::string_literal(t),
        Value::Blob(b) => {
            return Err(crate::Error::CompileError(format!(
                "No literal value renderer is available for literal value \"{}\" with datatype LargeBinary",
                crate::value::py_bytes_repr(b)
            )));
        }
    })
}

impl Compiler {
    /// Writes a `text()` fragment whose `:name` parameters are bound: `?` placeholders when
    /// executed, the text as written for `str()`, literals under `literal_binds`.
    pub(super) fn text_binds(&mut self, text: &str, params: &[(String, Value)]) {
        let (qmark, names) = crate::sql::TextClause {
            text: text.to_owned(),
        }
        .compile();
        let value = |n: &String| {
            params
                .iter()
                .find(|(k, _)| k == n)
                .map_or(Value::Null, |(_, v)| v.clone())
        };
        if self.literal {
            let mut pieces = qmark.split('?');
            if let Some(first) = pieces.next() {
                self.sql.push_str(first);
            }
            for (piece, n) in pieces.zip(&names) {
                self.push_literals(&Param::One(value(n)));
                self.sql.push_str(piece);
            }
            return;
        }
        match self.style {
            ParamStyle::Qmark | ParamStyle::SqliteStr => self.sql.push_str(&qmark),
            ParamStyle::Named => self.sql.push_str(text),
        }
        for n in &names {
            self.params.push((n.clone(), Param::One(value(n))));
        }
    }

    /// Writes `param`'s values as literals (comma-separated for an expanding IN list).
    pub(super) fn push_literals(&mut self, param: &Param) {
        let values = match param {
            Param::One(v) => std::slice::from_ref(v),
            Param::Expanding(vs) => vs.as_slice(),
            Param::Rows(rows, _) => {
                let rows: Vec<String> = rows
                    .iter()
                    .map(|r| {
                        let parts: Vec<String> =
                            r.iter().filter_map(|v| self.literal_or_note(v)).collect();
                        format!("({})", parts.join(", "))
                    })
                    .collect();
                self.sql.push_str(&rows.join(", "));
                return;
            }
        };
        let mut parts = Vec::with_capacity(values.len());
        for v in values {
            match literal_sql(v) {
                Ok(s) => parts.push(s),
                Err(e) => {
                    self.literal_error.get_or_insert(e);
                }
            }
        }
        self.sql.push_str(&parts.join(", "));
    }

    /// `v` as a literal; `None` (the first such error kept) when it has none.
    fn literal_or_note(&mut self, v: &Value) -> Option<String> {
        match literal_sql(v) {
            Ok(s) => Some(s),
            Err(e) => {
                self.literal_error.get_or_insert(e);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;
    use crate::schema::{Column, MetaData, Table};
    use crate::sql::{FromItem, select_table};
    use crate::types::SqlType;
    use std::rc::Rc;

    #[test]
    fn literal_binds_render_values_inline() -> Result<()> {
        let md = MetaData::new();
        let t = md.add(
            Table::new("t")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::new("name", SqlType::String(None))),
        )?;
        let from = FromItem::Table(Rc::clone(&t));
        let stmt = Statement::Select(
            select_table(&t)
                .where_(from.c("name")?.eq(Value::Text("it's".into())))
                .where_(
                    from.c("id")?
                        .in_(vec![Value::Integer(1), Value::Integer(2)]),
                ),
        );
        let sql = compile_literal(&stmt, ParamStyle::Named)?;
        assert!(
            sql.ends_with("WHERE t.name = 'it''s' AND t.id IN (1, 2)"),
            "{sql}"
        );
        let blob = Statement::Select(
            select_table(&t).where_(from.c("name")?.eq(Value::Blob(vec![0].into()))),
        );
        assert!(compile_literal(&blob, ParamStyle::Named).is_err());
        Ok(())
    }
}
