//! Core DML statements being built: `insert(t)` / `update(t)` / `delete(t)` (also ORM-enabled
//! ones, `update(User)`) and their generative methods `values()`, `where()`, `returning()`,
//! `from_select()`, `execution_options()`, printed and compiled as SQLAlchemy does.

use super::expr::operand;
use super::table::{ColumnRef, compile};
use super::{Bridge, method, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::sql::{self as sql, Statement};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// A Core DML statement being built.
#[derive(Clone)]
pub enum Dml {
    /// `insert(table)`.
    Insert(sql::Insert),
    /// `update(table)`.
    Update(sql::Update),
    /// `delete(table)`.
    Delete(sql::Delete),
}

/// `insert(t)` / `update(t)` / `delete(t)` and their generative methods.
pub struct DmlObj {
    bridge: Rc<Bridge>,
    dml: RefCell<Dml>,
    /// The mapper of an ORM-enabled statement (`update(User)`), `None` for a Table's.
    pub mapper: Option<Rc<retort::mapper::Mapper>>,
    /// `insert(User).returning(User)`: the returned rows are objects.
    pub returning_entity: bool,
    /// `.execution_options(synchronize_session=...)`.
    pub sync: Option<Value>,
}

impl DmlObj {
    /// The statement as a value.
    pub fn value(b: &Rc<Bridge>, dml: Dml) -> Value {
        Self::orm(b, dml, None)
    }

    /// The statement as a value, ORM-enabled when `mapper` is given.
    pub fn orm(b: &Rc<Bridge>, dml: Dml, mapper: Option<Rc<retort::mapper::Mapper>>) -> Value {
        obj(DmlObj {
            bridge: b.clone(),
            dml: RefCell::new(dml),
            mapper,
            returning_entity: false,
            sync: None,
        })
    }

    /// The statement to execute.
    pub fn statement(&self) -> Statement {
        let mut st = match self.dml.borrow().clone() {
            Dml::Insert(s) => Statement::Insert(s),
            Dml::Update(s) => Statement::Update(s),
            Dml::Delete(s) => Statement::Delete(s),
        };
        if let Some(m) = &self.mapper {
            super::inheritance::dml_criterion(m, &mut st);
        }
        st
    }
}

impl NativeObject for DmlObj {
    fn type_name(&self) -> String {
        match &*self.dml.borrow() {
            Dml::Insert(_) => "Insert",
            Dml::Update(_) => "Update",
            Dml::Delete(_) => "Delete",
        }
        .into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.dml.{} object at 0x{:x}>",
            self.type_name(),
            self as *const Self as usize
        ))
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        retort::sql::compiler::to_string(&self.statement()).map_err(|e| self.bridge.raise(i, e))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let b = self.bridge.clone();
        let dml = self.dml.borrow().clone();
        let mapper = self.mapper.clone();
        let (returning_entity, sync) = (self.returning_entity, self.sync.clone());
        Ok(match name {
            "values" | "ordered_values" => method(name, move |i, a: Args| {
                if let (Some(Value::List(rows)), Dml::Insert(s)) = (a.pos.first(), &dml) {
                    // `insert(t).values([{...}, {...}])`: a multiple-VALUES INSERT.
                    let rows = rows.borrow().clone();
                    let multi = super::dml::multi_values(&b, i, &rows)?;
                    let s = s.clone().values_multi(multi).map_err(|e| b.raise(i, e))?;
                    return Ok(DmlObj::orm(&b, Dml::Insert(s), mapper.clone()));
                }
                let (values, exprs) = super::dml::set_values(&b, i, &a)?;
                let next = match dml.clone() {
                    Dml::Insert(mut s) if values.is_empty() && exprs.is_empty() => {
                        s.empty_values = true;
                        Dml::Insert(s)
                    }
                    Dml::Insert(s) => Dml::Insert(
                        s.values(values)
                            .and_then(|s| s.values_exprs(exprs))
                            .map_err(|e| b.raise(i, e))?,
                    ),
                    Dml::Update(s) => Dml::Update(
                        s.values(values)
                            .and_then(|s| s.values_exprs(exprs))
                            .map_err(|e| b.raise(i, e))?,
                    ),
                    Dml::Delete(_) => {
                        return Err(i.exc(
                            "AttributeError",
                            "'Delete' object has no attribute 'values'",
                        ));
                    }
                };
                Ok(DmlObj::orm(&b, next, mapper.clone()))
            }),
            "where" | "filter" => method(name, move |i, a: Args| {
                let mut crit = Vec::new();
                for v in &a.pos {
                    crit.push(operand(&b, i, v, None)?);
                }
                let c = sql::and_(crit);
                let next = match dml.clone() {
                    Dml::Update(s) => Dml::Update(s.where_(c)),
                    Dml::Delete(s) => Dml::Delete(s.where_(c)),
                    Dml::Insert(_) => {
                        return Err(
                            i.exc("AttributeError", "'Insert' object has no attribute 'where'")
                        );
                    }
                };
                Ok(DmlObj::orm(&b, next, mapper.clone()))
            }),
            "from_select" => method(name, move |i, a: Args| {
                let (Some(names), Some(sel), Dml::Insert(s)) = (a.pos.first(), a.pos.get(1), &dml)
                else {
                    return Err(i.type_error("from_select() needs column names and a select"));
                };
                let mut cols = Vec::new();
                for v in i.iterate(names)? {
                    cols.push(match native::<ColumnRef>(&v) {
                        Some(c) => c.name.clone(),
                        None => i.to_str(&v)?,
                    });
                }
                let Some(sel) = native::<super::select::SelectObj>(sel) else {
                    return Err(super::unsupported(i, "from_select() of this object"));
                };
                let sel = sel.to_select(i, &b)?;
                let s = s
                    .clone()
                    .from_select(cols, sel)
                    .map_err(|e| b.raise(i, e))?;
                Ok(DmlObj::orm(&b, Dml::Insert(s), mapper.clone()))
            }),
            "compile" => {
                let stmt = self.statement();
                method(name, move |i, a: Args| compile(&b, i, &stmt, a))
            }
            "returning" => method(name, move |i, a: Args| {
                let mut cols = Vec::new();
                let mut entity = false;
                for v in &a.pos {
                    if let (Some(e), Dml::Insert(_) | Dml::Update(_)) =
                        (super::select::entity_of(&b, v), &dml)
                        && mapper.as_ref().is_some_and(|m| Rc::ptr_eq(m, &e.mapper))
                    {
                        // `insert(User).returning(User)` / `update(User)...returning(User)`:
                        // every column, rows as objects.
                        cols.extend(e.mapper.table().columns().iter().map(|c| c.name.clone()));
                        entity = true;
                        continue;
                    }
                    if let Some(c) = native::<ColumnRef>(v) {
                        cols.push(c.name.clone());
                        continue;
                    }
                    match super::expr::expr_of(&b, i, v)? {
                        Some(sql::Expr::Column { name, .. }) => cols.push(name),
                        _ => return Err(super::unsupported(i, "returning() of this object")),
                    }
                }
                let next = match dml.clone() {
                    Dml::Insert(s) => Dml::Insert(s.returning(cols)),
                    Dml::Update(mut s) => {
                        s.returning.extend(cols);
                        Dml::Update(s)
                    }
                    Dml::Delete(mut s) => {
                        s.returning.extend(cols);
                        Dml::Delete(s)
                    }
                };
                Ok(obj(DmlObj {
                    bridge: b.clone(),
                    dml: RefCell::new(next),
                    mapper: mapper.clone(),
                    returning_entity: entity,
                    sync: sync.clone(),
                }))
            }),
            "execution_options" => method(name, move |_, a: Args| {
                // `synchronize_session=` of an ORM UPDATE / DELETE; others are ignored.
                let sync =
                    a.kw.iter()
                        .find(|(k, _)| k == "synchronize_session")
                        .map(|(_, v)| v.clone())
                        .or_else(|| sync.clone());
                Ok(obj(DmlObj {
                    bridge: b.clone(),
                    dml: RefCell::new(dml.clone()),
                    mapper: mapper.clone(),
                    returning_entity,
                    sync,
                }))
            }),
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
