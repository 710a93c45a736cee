//! `Table` objects (`Table("user", metadata, Column(...))` and a mapped class's
//! `__table__`), their columns (`table.c.name`, `table.c["a", "b"]`); the DML statements
//! built from them live in `dml_stmt`.

use super::expr::AsExpr;
use super::schema::{ColumnSpec, MetaDataObj, column_repr};
use super::{Bridge, method, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::schema::{MetaData, Table};
use retort::sql::{self as sql, Expr, FromItem};
use std::any::Any;
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
    if let Some((_, v)) = a.kw.iter().find(|(k, _)| k == "autoload_with") {
        return super::reflection::reflect_table(b, i, md, v, name);
    }
    let mut table = Table::new(name);
    for v in &a.pos[2..] {
        if let Some(c) = native::<ColumnSpec>(v) {
            table = table.column(c.column.borrow().clone());
        } else if let Some(con) = native::<super::constraints::ConstraintObj>(v) {
            table = table.constraint(con.0.clone());
        } else if native::<super::constraints::IndexObj>(v).is_some() {
            // Added below, once the table exists.
        } else {
            let shown = i.repr(v)?;
            return Err(super::unsupported(i, &format!("Table() argument {shown}")));
        }
    }
    let table = md.md.add(table).map_err(|e| b.raise(i, e))?;
    for v in &a.pos[2..] {
        if let Some(c) = native::<ColumnSpec>(v) {
            *c.table.borrow_mut() = Some(table.clone());
            super::core_defaults::register(b, &table, c);
        } else if let Some(ix) = native::<super::constraints::IndexObj>(v) {
            table
                .add_index(ix.index.clone())
                .map_err(|e| b.raise(i, e))?;
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
            "create" | "drop" => {
                let (table, md) = (table.clone(), self.md.clone());
                let create = name == "create";
                method(name, move |i, mut a: Args| {
                    let bind = a.pos.first().cloned().or_else(|| a.take_kw("bind"));
                    let Some(engine) = bind.as_ref().and_then(native::<super::engine::EngineObj>)
                    else {
                        return Err(i.type_error("expected an Engine"));
                    };
                    let checkfirst = match a.take_kw("checkfirst") {
                        Some(v) => i.truthy(&v)?,
                        None => false,
                    };
                    let r = md.create_or_drop_table(&engine.engine, &table, create, checkfirst);
                    b.pump(i);
                    r.map_err(|e| b.raise(i, e))?;
                    Ok(Value::None)
                })
            }
            "schema" => Some(Value::None),
            "join" | "outerjoin" => super::subquery::join_method(
                &self.bridge,
                FromItem::Table(self.table.clone()),
                name,
            ),
            "foreign_keys" => {
                let fks: Vec<retort::schema::ForeignKey> = self
                    .table
                    .columns()
                    .iter()
                    .flat_map(|c| c.foreign_keys.clone())
                    .collect();
                Some(super::dml_exprs::foreign_key_set(i, fks)?)
            }
            "alias" => {
                let table = table.clone();
                method(name, move |i, a| {
                    super::subquery::table_alias(&b, i, &table, a)
                })
            }
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
    // `print(t.c)`: `ReadOnlyColumnCollection(t.id, t.name)`; its repr is the object's.
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        let names: Vec<String> = self
            .0
            .table
            .columns()
            .iter()
            .map(|c| format!("{}.{}", self.0.table.name(), c.name))
            .collect();
        Ok(format!("ReadOnlyColumnCollection({})", names.join(", ")))
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.base.ReadOnlyColumnCollection object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "values" {
            let cols: Vec<Value> = self
                .0
                .table
                .columns()
                .iter()
                .filter_map(|c| self.0.column(&c.name))
                .collect();
            return Ok(method(name, move |_, _| Ok(Value::list(cols.clone()))));
        }
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
        if let Value::Tuple(names) = key {
            // `table.c["name", "fullname"]`: a sub-collection, in the order given.
            let mut cols = Vec::new();
            for n in names.iter() {
                let found = match n {
                    Value::Str(s) => self.0.column(s),
                    _ => None,
                };
                match found {
                    Some(c) => cols.push(c),
                    None => {
                        return Some(i.repr(n).and_then(|shown| Err(i.exc("KeyError", shown))));
                    }
                }
            }
            return Some(Ok(obj(ColumnSubset(cols))));
        }
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

/// `table.c["a", "b"]`: some of a table's columns (`select(table.c["a", "b"])`).
pub struct ColumnSubset(pub Vec<Value>);

impl NativeObject for ColumnSubset {
    fn type_name(&self) -> String {
        "ReadOnlyColumnCollection".into()
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        let mut names = Vec::new();
        for c in &self.0 {
            names.push(i.to_str(c)?);
        }
        Ok(format!("ReadOnlyColumnCollection({})", names.join(", ")))
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.base.ReadOnlyColumnCollection object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.0.clone()))
    }
    fn len(&self) -> Option<usize> {
        Some(self.0.len())
    }
    fn get_attr(&self, i: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        if name != "keys" {
            return Ok(None);
        }
        let mut names = Vec::new();
        for c in &self.0 {
            names.push(i.getattr(c, "key")?);
        }
        Ok(method(name, move |_, _| Ok(Value::list(names.clone()))))
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
    fn bool_checked(&self, i: &mut Interpreter) -> Option<PyResult<bool>> {
        Some(Err(i.exc(
            "TypeError",
            "Boolean value of this clause is not defined",
        )))
    }
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
            "server_default" => {
                return Ok(Some(match col.and_then(|c| c.server_default.clone()) {
                    Some(d) => self.default_clause(d)?,
                    None => Value::None,
                }));
            }
            "foreign_keys" => {
                let fks = col.map(|c| c.foreign_keys.clone()).unwrap_or_default();
                return super::dml_exprs::foreign_key_set(i, fks).map(Some);
            }
            // `a.c.user_id.references(users.c.id)`: a foreign key of this column names it.
            "references" => {
                let fks = col.map(|c| c.foreign_keys.clone()).unwrap_or_default();
                return Ok(method(name, move |_, a: Args| {
                    let Some(other) = a.pos.first().and_then(native::<ColumnRef>) else {
                        return Ok(Value::Bool(false));
                    };
                    Ok(Value::Bool(fks.iter().any(|f| {
                        &*f.table == other.table.name() && f.column == other.name
                    })))
                }));
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
    fn unary_op(&self, i: &mut Interpreter, op: &str) -> Option<PyResult<Value>> {
        let e = match self.as_expr() {
            Ok(e) => e,
            Err(e) => return Some(Err(self.bridge.raise(i, e))),
        };
        super::expr::unary(&self.bridge, e, op)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl ColumnRef {
    /// `column.server_default`: SQLAlchemy's `DefaultClause`, its `arg` the string, the
    /// `text()` or the `func.now()` given (a reflected default is SQL text).
    fn default_clause(&self, d: retort::schema::ServerDefault) -> PyResult<Value> {
        let arg = match d {
            retort::schema::ServerDefault::Literal(s) => Value::str(&s),
            retort::schema::ServerDefault::Text(s) => obj(super::connection_params::TextObj(
                retort::sql::text(&s),
                Vec::new(),
                None,
                self.bridge.clone(),
            )),
            retort::schema::ServerDefault::Now => {
                super::expr::ex(&self.bridge, retort::sql::func("now", Vec::new()))
            }
        };
        Ok(obj(DefaultClause(arg)))
    }
}

/// `Column(..., server_default=...).server_default`.
pub struct DefaultClause(Value);

impl NativeObject for DefaultClause {
    fn type_name(&self) -> String {
        "DefaultClause".into()
    }
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class("sqlalchemy.sql.schema", "DefaultClause"))
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "DefaultClause({}, for_update=False)",
            i.repr(&self.0)?
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match name {
            "arg" => Some(self.0.clone()),
            "for_update" | "reflected" => Some(Value::Bool(false)),
            "has_argument" => Some(Value::Bool(true)),
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
        Ok(match name {
            "name" => Some(Value::None),
            // `table.primary_key.columns`: its columns, with `keys()`.
            "columns" => Some(obj(ColumnSubset(self.0.clone()))),
            _ => None,
        })
    }
    fn hash_key(&self) -> Option<crate::value::HashKey> {
        Some(crate::value::HashKey::Id(self as *const Self as usize))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

pub use super::compiled::compile;
pub use super::dml_stmt::{Dml, DmlObj};
