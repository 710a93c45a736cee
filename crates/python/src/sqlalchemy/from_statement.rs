//! Textual SQL in the legacy `Query`: `query.filter(text("id < :value")).params(value=5)`
//! and `session.query(User).from_statement(text("SELECT ..."))`, whose rows become objects of
//! the query's entities (columns matched by name) or rows of its columns.

use super::result::RowObj;
use super::{Bridge, method, obj, to_sql};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::engine::Params;
use retort::query::Item;
use retort::session::Session;
use retort::sql::{Expr, Select, TextClause};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// `.params(name=value, ...)`'s keyword arguments as SQL values.
pub fn params_kw(i: &mut Interpreter, a: &Args) -> PyResult<Params> {
    let mut out = Vec::new();
    if let Some(Value::Dict(d)) = a.pos.first() {
        let pairs: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
        for (k, v) in pairs {
            out.push((i.to_str(&k)?, to_sql(i, &v)?));
        }
    }
    for (k, v) in &a.kw {
        out.push((k.clone(), to_sql(i, v)?));
    }
    Ok(out)
}

fn bind_expr(e: Expr, params: &Params) -> Expr {
    let merge = |text: String, mut given: Params| {
        for (k, v) in params {
            given.retain(|(n, _)| n != k);
            given.push((k.clone(), v.clone()));
        }
        Expr::TextBinds {
            text,
            params: given,
        }
    };
    match e {
        Expr::LiteralText(t) if t.contains(':') => merge(t, Vec::new()),
        Expr::TextBinds {
            text,
            params: given,
        } => merge(text, given),
        Expr::And(v) => Expr::And(v.into_iter().map(|e| bind_expr(e, params)).collect()),
        Expr::Or(v) => Expr::Or(v.into_iter().map(|e| bind_expr(e, params)).collect()),
        Expr::Not(e) => Expr::Not(Box::new(bind_expr(*e, params))),
        Expr::Grouped(e) => Expr::Grouped(Box::new(bind_expr(*e, params))),
        other => other,
    }
}

/// `Query.params(...)`: binds the `:name` parameters of the query's `text()` criteria.
pub fn bind_text_params(mut s: Select, params: &Params) -> Select {
    for list in [&mut s.where_, &mut s.having, &mut s.order_by] {
        let taken = std::mem::take(list);
        *list = taken.into_iter().map(|e| bind_expr(e, params)).collect();
    }
    s
}

/// `session.query(...).from_statement(text(...))`.
#[derive(Clone)]
pub struct FromStatementObj {
    /// The bridge.
    pub bridge: Rc<Bridge>,
    /// The session.
    pub session: Rc<RefCell<Session>>,
    /// The query's entities and columns.
    pub items: Vec<Item>,
    /// Their keys in result rows.
    pub keys: Rc<Vec<String>>,
    /// The statement.
    pub text: TextClause,
    /// Its parameters (`.params(...)`).
    pub params: Params,
}

impl FromStatementObj {
    fn all(&self, i: &mut Interpreter) -> PyResult<Vec<Value>> {
        let rows = self.rows(i)?;
        Ok(rows
            .into_iter()
            .map(|mut values| {
                if let [Item::Entity(_)] = self.items.as_slice() {
                    values.pop().unwrap_or(Value::None)
                } else {
                    obj(RowObj {
                        keys: self.keys.clone(),
                        values,
                    })
                }
            })
            .collect())
    }

    /// The rows of the statement: per row, a value per entity or column of the query.
    pub fn rows(&self, i: &mut Interpreter) -> PyResult<Vec<Vec<Value>>> {
        let b = &self.bridge;
        b.apply_defaults(i, &self.session)?;
        let params = if self.params.is_empty() {
            Vec::new()
        } else {
            vec![self.params.clone()]
        };
        super::orm_events::flush_session(b, i, &self.session, true)?;
        let r = self.session.borrow_mut().execute_text(&self.text, &params);
        b.pump(i);
        let r = r.map_err(|e| b.raise(i, e))?;
        let at = |name: &str| r.columns.iter().position(|c| c.eq_ignore_ascii_case(name));
        let mut out = Vec::with_capacity(r.rows.len());
        for row in &r.rows {
            let mut values = Vec::with_capacity(self.items.len());
            for item in &self.items {
                match item {
                    Item::Entity(e) => {
                        let cells: Vec<retort::Value> = e
                            .mapper
                            .table()
                            .columns()
                            .iter()
                            .map(|c| {
                                at(&c.name)
                                    .and_then(|p| row.get(p).cloned())
                                    .unwrap_or(retort::Value::Null)
                            })
                            .collect();
                        let id = self
                            .session
                            .borrow_mut()
                            .hydrate(&e.mapper, cells)
                            .map_err(|e| b.raise(i, e))?;
                        values.push(b.object(id)?);
                    }
                    Item::Column(c) => {
                        let v = c
                            .result_name()
                            .and_then(at)
                            .and_then(|p| row.get(p))
                            .map_or(Value::None, super::to_py);
                        values.push(v);
                    }
                }
            }
            out.push(values);
        }
        Ok(out)
    }
}

/// `select(User).from_statement(text("SELECT ..."))`: run by `session.execute()` /
/// `session.scalars()`, its rows become objects of the select's entities.
pub struct SelectFromText {
    /// The select's entities and columns.
    pub items: Vec<Item>,
    /// Their keys in result rows.
    pub keys: Rc<Vec<String>>,
    /// The statement.
    pub text: TextClause,
}

impl NativeObject for SelectFromText {
    fn type_name(&self) -> String {
        "FromStatement".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.context.FromStatement object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.text.text.clone())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl NativeObject for FromStatementObj {
    fn type_name(&self) -> String {
        "Query".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.query.Query object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.text.text.clone())
    }
    fn iterate(&self, i: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(self.all(i))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let me = self.clone();
        Ok(match name {
            "params" => method(name, move |i, a| {
                let mut next = me.clone();
                for (k, v) in params_kw(i, &a)? {
                    next.params.retain(|(n, _)| *n != k);
                    next.params.push((k, v));
                }
                Ok(obj(next))
            }),
            "all" => method(name, move |i, _| Ok(Value::list(me.all(i)?))),
            "first" => method(name, move |i, _| {
                Ok(me.all(i)?.into_iter().next().unwrap_or(Value::None))
            }),
            "one" | "one_or_none" | "scalar" => {
                let n = name.to_owned();
                method(name, move |i, _| {
                    let mut rows = me.all(i)?;
                    match (rows.len(), n.as_str()) {
                        (1, _) => Ok(rows.pop().unwrap_or(Value::None)),
                        (0, "one") => Err(me.bridge.error(
                            i,
                            "NoResultFound",
                            "No row was found when one was required",
                        )),
                        (0, _) => Ok(Value::None),
                        _ => Err(me.bridge.error(
                            i,
                            "MultipleResultsFound",
                            "Multiple rows were found when exactly one was required",
                        )),
                    }
                })
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
