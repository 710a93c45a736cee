//! Table constraints and indexes: `UniqueConstraint`, `CheckConstraint`, `Index` (in
//! `Table(...)`, in `__table_args__`, or standalone on a table's columns).

use super::schema::ColumnSpec;
use super::{Bridge, native, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::schema as rs;
use std::any::Any;
use std::rc::Rc;

/// `UniqueConstraint(...)` / `CheckConstraint(...)`.
pub struct ConstraintObj(pub rs::Constraint);

impl NativeObject for ConstraintObj {
    fn type_name(&self) -> String {
        match self.0 {
            rs::Constraint::Unique { .. } => "UniqueConstraint",
            rs::Constraint::Check { .. } => "CheckConstraint",
            rs::Constraint::ForeignKey { .. } => "ForeignKeyConstraint",
        }
        .into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.sql.schema.{} object at 0x{:x}>",
            self.type_name(),
            self as *const Self as usize
        ))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (rs::Constraint::Unique { name: n, .. }
        | rs::Constraint::Check { name: n, .. }
        | rs::Constraint::ForeignKey { name: n, .. }) = &self.0;
        Ok(match name {
            "name" => Some(n.as_deref().map_or(Value::None, Value::str)),
            "sqltext" => match &self.0 {
                rs::Constraint::Check { sqltext, .. } => Some(Value::str(sqltext)),
                _ => None,
            },
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

/// `table.constraints`: a set of the primary key, the table's constraints and one
/// `ForeignKeyConstraint` per column-level `ForeignKey`.
pub fn table_constraints(i: &mut Interpreter, pk: Value, table: &rs::Table) -> PyResult<Value> {
    let mut items = vec![pk];
    for c in table.constraints() {
        items.push(obj(ConstraintObj(c.clone())));
    }
    for col in table.columns() {
        for fk in &col.foreign_keys {
            items.push(obj(ConstraintObj(rs::Constraint::ForeignKey {
                name: None,
                columns: vec![col.name.clone()],
                table: fk.table.clone(),
                referred: vec![fk.column.clone()],
                ondelete: fk.ondelete.clone(),
                onupdate: fk.onupdate.clone(),
            })));
        }
    }
    let mut set = crate::value::Set::new();
    for v in items {
        let k = i.hash_key(&v)?;
        crate::value::set_put(&mut set, k, v);
    }
    Ok(Value::Set(Rc::new(std::cell::RefCell::new(set))))
}

fn name_kw(i: &mut Interpreter, a: &mut Args) -> PyResult<Option<String>> {
    match a.take_kw("name") {
        Some(Value::None) | None => Ok(None),
        Some(v) => Ok(Some(i.to_str(&v)?)),
    }
}

/// `UniqueConstraint("a", "b", name=...)`.
pub fn unique_constraint(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let name = name_kw(i, &mut a)?;
    let mut columns = Vec::new();
    for v in &a.pos {
        columns.push(match native::<ColumnSpec>(v) {
            Some(c) => c.column.borrow().name.clone(),
            None => i.to_str(v)?,
        });
    }
    Ok(obj(ConstraintObj(rs::Constraint::Unique { name, columns })))
}

/// `CheckConstraint("a > 0", name=...)`.
pub fn check_constraint(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let name = name_kw(i, &mut a)?;
    let sqltext = match a.pos.first() {
        Some(v) => i.to_str(v)?,
        None => return Err(i.type_error("CheckConstraint() needs a condition")),
    };
    Ok(obj(ConstraintObj(rs::Constraint::Check { name, sqltext })))
}

/// `Index(name, *columns, unique=False)`: added to its table right away when its columns
/// are table columns, or when the mapped class listing it in `__table_args__` is mapped.
pub struct IndexObj {
    /// The index definition.
    pub index: rs::Index,
}

impl NativeObject for IndexObj {
    fn type_name(&self) -> String {
        "Index".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        let mut parts = vec![crate::format::str_repr(&self.index.name)];
        parts.extend(self.index.columns.iter().map(|c| format!("Column('{c}')")));
        if self.index.unique {
            parts.push("unique=True".into());
        }
        Ok(format!("Index({})", parts.join(", ")))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `Index(name, *columns, unique=...)`.
pub fn index(b: &Rc<Bridge>, i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let unique = match a.take_kw("unique") {
        Some(v) => i.truthy(&v)?,
        None => false,
    };
    let Some(Value::Str(name)) = a.pos.first() else {
        return Err(i.type_error("Index() needs a name"));
    };
    let mut columns = Vec::new();
    let mut table = None;
    for v in &a.pos[1..] {
        if let Some(c) = native::<super::table::ColumnRef>(v) {
            columns.push(c.name.clone());
            table = Some(c.table());
        } else if let Some(attr) = native::<super::instrument::Attribute>(v) {
            columns.push(attr.key.clone());
            table = Some(attr.mapper.table().clone());
        } else if let Some(c) = native::<ColumnSpec>(v) {
            columns.push(c.column.borrow().name.clone());
            table = c.table.borrow().clone();
        } else {
            columns.push(i.to_str(v)?);
        }
    }
    let index = rs::Index {
        name: name.to_string(),
        columns,
        unique,
    };
    if let Some(t) = table {
        t.add_index(index.clone()).map_err(|e| b.raise(i, e))?;
    }
    Ok(obj(IndexObj { index }))
}
