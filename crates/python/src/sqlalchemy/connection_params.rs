//! What `Connection.execute()` takes besides the statement: its parameter dicts (and the
//! lists of expanding IN parameters in them), `text()` clauses with their `.bindparams()`,
//! SQLAlchemy's executemany key check, and the `inserted_primary_key` of one INSERT.

use super::{Bridge, method, obj, to_sql};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::engine::Params;
use retort::sql::TextClause;
use std::any::Any;
use std::rc::Rc;

/// The list values of one parameter dict (`{"ids": [1, 3]}` for `in_(bindparam("ids"))`),
/// taken out; the rest of the dict stays the execution's parameters.
#[allow(clippy::type_complexity)]
pub(super) fn expanding_lists(
    i: &mut Interpreter,
    v: Option<&Value>,
) -> PyResult<(Option<Value>, Vec<(String, Vec<retort::Value>)>)> {
    let Some(Value::Dict(d)) = v else {
        return Ok((v.cloned(), Vec::new()));
    };
    let pairs: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
    if !pairs
        .iter()
        .any(|(_, v)| matches!(v, Value::List(_) | Value::Tuple(_)))
    {
        return Ok((v.cloned(), Vec::new()));
    }
    let mut rest = Vec::new();
    let mut lists = Vec::new();
    for (k, v) in pairs {
        if let Value::List(_) | Value::Tuple(_) = v {
            let mut list = Vec::new();
            for item in i.iterate(&v)? {
                list.push(to_sql(i, &item)?);
            }
            lists.push((i.to_str(&k)?, list));
        } else {
            rest.push((k, v));
        }
    }
    Ok((Some(i.new_dict(rest)?), lists))
}

/// Parameters given to `execute()`: one dict or a list of dicts.
pub fn params_of(i: &mut Interpreter, v: Option<&Value>) -> PyResult<Vec<Params>> {
    let Some(v) = v else { return Ok(Vec::new()) };
    let dicts = match v {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        Value::None => Vec::new(),
        other => vec![other.clone()],
    };
    let mut out = Vec::new();
    for d in dicts {
        let Value::Dict(d) = d else {
            return Err(super::unsupported(
                i,
                "execute() parameters that are not dicts",
            ));
        };
        let pairs: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
        let mut params = Vec::new();
        for (k, v) in pairs {
            params.push((i.to_str(&k)?, to_sql(i, &v)?));
        }
        out.push(params);
    }
    Ok(out)
}

/// A `text()` clause.
/// Its `.bindparams(name=value)` values, used where the execution gives none.
pub struct TextObj(
    pub TextClause,
    pub Params,
    /// `.columns(...)`: the names of its result columns (a `TextualSelect`).
    pub Option<Vec<String>>,
    /// The bridge, for a subquery of it.
    pub Rc<Bridge>,
);

impl NativeObject for TextObj {
    fn type_name(&self) -> String {
        "TextClause".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.elements.TextClause object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.0.text.clone())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let clause = self.0.clone();
        Ok(match name {
            // `text(...).columns(User.name, ...)`: rows are matched to entities by column name,
            // so the typed columns add nothing Retort needs.
            "columns" => {
                let (bound, b) = (self.1.clone(), self.3.clone());
                method(name, move |i, a: Args| {
                    let mut out = Vec::new();
                    for v in &a.pos {
                        if let Some(c) = super::native::<super::schema::ColumnSpec>(v) {
                            out.push(c.column.borrow().name.clone());
                            continue;
                        }
                        // Table columns, ORM attributes, labels: the name they select under.
                        if let Some(n) = super::expr::expr_of(&b, i, v)?
                            .as_ref()
                            .and_then(retort::sql::Expr::result_name)
                        {
                            out.push(n.to_owned());
                        }
                    }
                    out.extend(a.kw.iter().map(|(k, _)| k.clone()));
                    Ok(obj(TextObj(
                        clause.clone(),
                        bound.clone(),
                        Some(out),
                        b.clone(),
                    )))
                })
            }
            // `text(...).columns(...).subquery()`: a subquery of the SELECT as written.
            "subquery" | "alias" | "cte" if self.2.is_some() => {
                let names = self.2.clone().unwrap_or_default();
                let b = self.3.clone();
                let cte = name == "cte";
                method(name, move |i, a: Args| {
                    let sel = retort::sql::select_text(&clause.text, &names);
                    if cte {
                        super::subquery::cte(&b, i, sel, a)
                    } else {
                        super::subquery::subquery(&b, i, sel, a)
                    }
                })
            }
            "bindparams" => {
                let (bound, names, b) = (self.1.clone(), self.2.clone(), self.3.clone());
                method(name, move |i, a: Args| {
                    let mut bound = bound.clone();
                    for (k, v) in &a.kw {
                        let v = to_sql(i, v)?;
                        bound.retain(|(n, _)| n != k);
                        bound.push((k.clone(), v));
                    }
                    Ok(obj(TextObj(
                        clause.clone(),
                        bound,
                        names.clone(),
                        b.clone(),
                    )))
                })
            }
            "text" => Some(Value::str(&self.0.text)),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `inserted_primary_key` of a one-row INSERT: the primary key values given, the rowid for
/// an integer key that was not.
pub(super) fn inserted_key(
    ins: &retort::sql::Insert,
    row: Option<&Params>,
    rowid: Option<i64>,
) -> Vec<Value> {
    ins.table
        .primary_key()
        .iter()
        .map(|c| {
            let given = ins
                .values
                .iter()
                .chain(row.into_iter().flatten())
                .find(|(k, _)| *k == c.name)
                .map(|(_, v)| super::to_py(v));
            given.unwrap_or_else(|| rowid.map_or(Value::None, Value::Int))
        })
        .collect()
}

/// SQLAlchemy's executemany check: every parameter set must give the keys the first one
/// gives (the statement is compiled from the first).
pub(super) fn missing_key(
    b: &Bridge,
    i: &mut Interpreter,
    stmt: &retort::sql::Statement,
    params: &[Params],
    given: Option<&Value>,
) -> PyResult<Option<crate::exceptions::Exc>> {
    use retort::sql::Statement;
    if params.len() < 2 || !matches!(stmt, Statement::Insert(_) | Statement::Update(_)) {
        return Ok(None);
    }
    let first = &params[0];
    for (n, row) in params.iter().enumerate().skip(1) {
        let Some((key, _)) = first.iter().find(|(k, _)| !row.iter().any(|(r, _)| r == k)) else {
            continue;
        };
        // The SQL as compiled from the first set, with the callable defaults it would get.
        let mut with_defaults = first.clone();
        for (table, column) in super::core_defaults::callable_columns(b, stmt) {
            if !with_defaults.iter().any(|(k, _)| *k == column) {
                let at = table.column_index(&column).unwrap_or(usize::MAX);
                let pos = with_defaults
                    .iter()
                    .position(|(k, _)| table.column_index(k).is_some_and(|p| p > at))
                    .unwrap_or(with_defaults.len());
                with_defaults.insert(pos, (column, retort::Value::Null));
            }
        }
        let sql = retort::sql::compile(stmt, retort::sql::ParamStyle::Qmark, &with_defaults)
            .map(|c| c.sql)
            .unwrap_or_default();
        let shown = match given {
            Some(v) => i.repr(v)?,
            None => String::new(),
        };
        return Ok(Some(b.error(
            i,
            "StatementError",
            &format!(
                "(sqlalchemy.exc.InvalidRequestError) A value is required for bind parameter '{key}', in parameter group {n}\n[SQL: {sql}]\n[parameters: {shown}]\n(Background on this error at: https://sqlalche.me/e/21/cd3x)"
            ),
        )));
    }
    Ok(None)
}

/// `text(sql)`.
pub fn text(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    match a.pos.first() {
        Some(Value::Str(s)) => Ok(obj(TextObj(
            retort::sql::text(s),
            Vec::new(),
            None,
            b.clone(),
        ))),
        _ => Err(i.type_error("text() takes a SQL string")),
    }
}
