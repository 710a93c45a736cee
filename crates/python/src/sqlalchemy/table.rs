//! `Table` objects (`Table("user", metadata, Column(...))` and a mapped class's
//! `__table__`), their columns (`table.c.name`), and Core DML (`insert(table).values(...)`,
//! `update(...)`, `delete(...)`).

use super::expr::{AsExpr, operand};
use super::schema::{ColumnSpec, MetaDataObj, column_repr};
use super::{Bridge, method, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::schema::{MetaData, Table};
use retort::sql::{self as sql, Expr, FromItem, Statement};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// A `Table`.
pub struct TableObj {
    /// The bridge.
    pub bridge: Rc<Bridge>,
    /// Its metadata.
    pub md: Rc<MetaData>,
    /// The table.
    pub table: Rc<Table>,
}

impl TableObj {
    /// The table as a value.
    pub fn value(bridge: &Rc<Bridge>, md: &Rc<MetaData>, table: &Rc<Table>) -> Value {
        obj(TableObj {
            bridge: bridge.clone(),
            md: md.clone(),
            table: table.clone(),
        })
    }

    fn column(&self, name: &str) -> Option<Value> {
        self.table.column_index(name)?;
        Some(obj(ColumnRef {
            bridge: self.bridge.clone(),
            md: self.md.clone(),
            table: self.table.clone(),
            name: name.to_owned(),
        }))
    }
}

/// The columns of a table: the `Table` objects built by `Table(...)` register theirs here.
pub fn make_table(b: &Rc<Bridge>, i: &mut Interpreter, a: Args) -> PyResult<Value> {
    let Some(Value::Str(name)) = a.pos.first() else {
        return Err(i.type_error("Table() needs a name"));
    };
    let Some(md) = a.pos.get(1).and_then(native::<MetaDataObj>) else {
        return Err(i.type_error("Table() needs a MetaData"));
    };
    let mut table = Table::new(name);
    for v in &a.pos[2..] {
        if let Some(c) = native::<ColumnSpec>(v) {
            if c.callable_default.is_some() {
                return Err(super::unsupported(
                    i,
                    "a callable default on a Core Table column (declare it on a mapped class)",
                ));
            }
            table = table.column(c.column.borrow().clone());
        } else if let Some(con) = native::<super::constraints::ConstraintObj>(v) {
            table = table.constraint(con.0.clone());
        } else {
            let shown = i.repr(v)?;
            return Err(super::unsupported(i, &format!("Table() argument {shown}")));
        }
    }
    let table = md.md.add(table).map_err(|e| b.raise(i, e))?;
    for v in &a.pos[2..] {
        if let Some(c) = native::<ColumnSpec>(v) {
            *c.table.borrow_mut() = Some(table.clone());
        }
    }
    let value = TableObj::value(b, &md.md, &table);
    md.tables
        .borrow_mut()
        .push((table.name().to_owned(), value.clone()));
    Ok(value)
}

impl NativeObject for TableObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class("sqlalchemy.sql.schema", "Table"))
    }
    fn type_name(&self) -> String {
        "Table".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        let mut parts = vec![
            crate::format::str_repr(self.table.name()),
            "MetaData()".into(),
        ];
        for c in self.table.columns() {
            parts.push(column_repr(&self.md, &self.table, c));
        }
        parts.push("schema=None".into());
        Ok(format!("Table({})", parts.join(", ")))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.table.name().to_owned())
    }
    fn get_attr(&self, i: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let b = self.bridge.clone();
        let table = self.table.clone();
        Ok(match name {
            "name" | "fullname" | "description" => Some(Value::str(self.table.name())),
            "c" | "columns" => Some(obj(Columns(TableObj {
                bridge: self.bridge.clone(),
                md: self.md.clone(),
                table: self.table.clone(),
            }))),
            "primary_key" => {
                let cols: Vec<Value> = self
                    .table
                    .primary_key()
                    .iter()
                    .filter_map(|c| self.column(&c.name))
                    .collect();
                Some(obj(PrimaryKey(cols)))
            }
            "constraints" => {
                let pk = self
                    .get_attr(i, this, "primary_key")?
                    .unwrap_or(Value::None);
                Some(super::constraints::table_constraints(i, pk, &self.table)?)
            }
            "insert" => {
                let table = table.clone();
                method(name, move |_, _| {
                    Ok(DmlObj::value(&b, Dml::Insert(sql::insert(&table))))
                })
            }
            "update" => method(name, move |_, _| {
                Ok(DmlObj::value(&b, Dml::Update(sql::update(&table))))
            }),
            "delete" => method(name, move |_, _| {
                Ok(DmlObj::value(&b, Dml::Delete(sql::delete(&table))))
            }),
            "select" => {
                let this = this.clone();
                method(name, move |i, _| {
                    super::select::select(&b, i, Args::positional(vec![this.clone()]))
                })
            }
            _ => {
                let _ = i;
                None
            }
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `table.c`.
pub struct Columns(TableObj);

impl NativeObject for Columns {
    fn type_name(&self) -> String {
        "ReadOnlyColumnCollection".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        let names: Vec<Value> = self
            .0
            .table
            .columns()
            .iter()
            .map(|c| Value::str(&format!("{}.{}", self.0.table.name(), c.name)))
            .collect();
        Ok(format!(
            "ReadOnlyColumnCollection({})",
            i.repr(&Value::list(names))?.trim_matches(['[', ']'])
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "keys" {
            let names: Vec<Value> = self
                .0
                .table
                .columns()
                .iter()
                .map(|c| Value::str(&c.name))
                .collect();
            return Ok(method(name, move |_, _| Ok(Value::list(names.clone()))));
        }
        Ok(self.0.column(name))
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        let name = match key {
            Value::Str(s) => s.to_string(),
            _ => return None,
        };
        Some(
            self.0
                .column(&name)
                .ok_or_else(|| i.exc("KeyError", crate::format::str_repr(&name))),
        )
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self
            .0
            .table
            .columns()
            .iter()
            .filter_map(|c| self.0.column(&c.name))
            .collect()))
    }
    fn len(&self) -> Option<usize> {
        Some(self.0.table.columns().len())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `table.c.name`: a column of a table, usable in expressions.
pub struct ColumnRef {
    bridge: Rc<Bridge>,
    md: Rc<MetaData>,
    table: Rc<Table>,
    /// The column name.
    pub name: String,
}

impl ColumnRef {
    /// The column's table.
    pub fn table(&self) -> Rc<Table> {
        self.table.clone()
    }

    /// Column `name` of `table` as a value.
    pub fn value(bridge: &Rc<Bridge>, md: &Rc<MetaData>, table: &Rc<Table>, name: &str) -> Value {
        obj(ColumnRef {
            bridge: bridge.clone(),
            md: md.clone(),
            table: table.clone(),
            name: name.to_owned(),
        })
    }
}

impl AsExpr for ColumnRef {
    fn as_expr(&self) -> retort::Result<Expr> {
        FromItem::Table(self.table.clone()).c(&self.name)
    }
}

impl NativeObject for ColumnRef {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class("sqlalchemy.sql.schema", "Column"))
    }
    fn type_name(&self) -> String {
        "Column".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(match self.table.get_column(&self.name) {
            Some(c) => column_repr(&self.md, &self.table, c),
            None => format!("Column('{}')", self.name),
        })
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("{}.{}", self.table.name(), self.name))
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let col = self.table.get_column(&self.name);
        match name {
            "name" | "key" => return Ok(Some(Value::str(&self.name))),
            "primary_key" => return Ok(Some(Value::Bool(col.is_some_and(|c| c.primary_key)))),
            "nullable" => return Ok(Some(Value::Bool(col.is_some_and(|c| c.is_nullable())))),
            "table" => return Ok(Some(TableObj::value(&self.bridge, &self.md, &self.table))),
            "foreign_keys" => {
                let fks = col.map(|c| c.foreign_keys.clone()).unwrap_or_default();
                return super::dml_exprs::foreign_key_set(i, fks).map(Some);
            }
            "type" => {
                let ty = col.and_then(|c| self.md.column_type(&self.table, c).ok());
                return Ok(ty.map(|t| {
                    obj(super::schema::TypeObj {
                        name: super::schema::type_name(&t),
                        sql: t,
                        is_class: false,
                    })
                }));
            }
            _ => {}
        }
        let e = self.as_expr().map_err(|e| self.bridge.raise(i, e))?;
        Ok(super::expr::expr_method(&self.bridge, e, name))
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        reflected: bool,
    ) -> Option<PyResult<Value>> {
        let e = match self.as_expr() {
            Ok(e) => e,
            Err(e) => return Some(Err(self.bridge.raise(i, e))),
        };
        super::expr::binary(&self.bridge, i, e, op, other, reflected)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

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
        match self.dml.borrow().clone() {
            Dml::Insert(s) => Statement::Insert(s),
            Dml::Update(s) => Statement::Update(s),
            Dml::Delete(s) => Statement::Delete(s),
        }
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
            "values" => method(name, move |i, a: Args| {
                let (values, exprs) = super::dml::set_values(&b, i, &a)?;
                let next = match dml.clone() {
                    Dml::Insert(_) if !exprs.is_empty() => {
                        return Err(super::unsupported(
                            i,
                            "insert().values() of SQL expressions",
                        ));
                    }
                    Dml::Insert(s) => Dml::Insert(s.values(values).map_err(|e| b.raise(i, e))?),
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

/// `table.primary_key`: `PrimaryKeyConstraint(Column(...), ...)`.
pub struct PrimaryKey(Vec<Value>);

impl NativeObject for PrimaryKey {
    fn type_name(&self) -> String {
        "PrimaryKeyConstraint".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        let mut parts = Vec::new();
        for c in &self.0 {
            parts.push(i.repr(c)?);
        }
        Ok(format!("PrimaryKeyConstraint({})", parts.join(", ")))
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.0.clone()))
    }
    fn len(&self) -> Option<usize> {
        Some(self.0.len())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok((name == "name").then_some(Value::None))
    }
    fn hash_key(&self) -> Option<crate::value::HashKey> {
        Some(crate::value::HashKey::Id(self as *const Self as usize))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub use super::compiled::compile;
