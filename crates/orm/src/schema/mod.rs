//! The schema: `MetaData`, `Table`, `Column`, constraints and indexes, as SQLAlchemy's
//! `sqlalchemy.schema` describes a database.
//!
//! A [`Table`] is built with [`Table::new`] and its builder methods, then registered with
//! [`MetaData::add`], which checks it (constraints name existing columns, names are unique) and
//! returns the shared `Rc<Table>` that expressions and mappers refer to. [`ddl`] renders
//! `CREATE TABLE` exactly as SQLAlchemy's SQLite dialect does; [`create`] runs `create_all` /
//! `drop_all` in foreign-key order.

mod column;
pub mod create;
pub mod ddl;
pub mod naming;

pub use column::{Autoincrement, Column, ColumnDefault, ForeignKey, ServerDefault};

use crate::error::{Error, Result};
use crate::types::SqlType;
use std::cell::RefCell;
use std::rc::Rc;

/// A table-level constraint.
#[derive(Debug, Clone, PartialEq)]
pub enum Constraint {
    /// `UniqueConstraint("a", "b", name=...)`.
    Unique {
        /// `name=`.
        name: Option<String>,
        /// The columns.
        columns: Vec<String>,
    },
    /// `CheckConstraint("a > 0", name=...)`.
    Check {
        /// `name=`.
        name: Option<String>,
        /// The SQL condition, as written.
        sqltext: String,
    },
    /// `ForeignKeyConstraint(["a"], ["t.id"], name=..., ondelete=...)`.
    ForeignKey {
        /// `name=`.
        name: Option<String>,
        /// The local columns.
        columns: Vec<String>,
        /// The referenced table.
        table: String,
        /// The referenced columns.
        referred: Vec<String>,
        /// `ondelete=`.
        ondelete: Option<String>,
        /// `onupdate=`.
        onupdate: Option<String>,
    },
}

impl Constraint {
    fn class_name(&self) -> &'static str {
        match self {
            Constraint::Unique { .. } => "UniqueConstraint",
            Constraint::Check { .. } => "CheckConstraint",
            Constraint::ForeignKey { .. } => "ForeignKeyConstraint",
        }
    }

    fn columns(&self) -> &[String] {
        match self {
            Constraint::Unique { columns, .. } | Constraint::ForeignKey { columns, .. } => columns,
            Constraint::Check { .. } => &[],
        }
    }
}

/// `Index(name, *columns, unique=...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Index {
    /// The index name.
    pub name: String,
    /// Its columns.
    pub columns: Vec<String>,
    /// `unique=True`.
    pub unique: bool,
}

/// A table: its name, columns and constraints (SQLAlchemy's `Table`).
#[derive(Debug)]
pub struct Table {
    name: String,
    columns: Vec<Column>,
    constraints: Vec<Constraint>,
    indexes: RefCell<Vec<Index>>,
}

/// Tables compare by name: a metadata holds one table of each name.
impl PartialEq for Table {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Table {
    /// `Table(name, metadata, ...)` without columns yet.
    pub fn new(name: &str) -> Self {
        Table {
            name: name.to_owned(),
            columns: Vec::new(),
            constraints: Vec::new(),
            indexes: RefCell::new(Vec::new()),
        }
    }

    /// Adds a column.
    pub fn column(mut self, column: Column) -> Self {
        self.columns.push(column);
        self
    }

    /// Adds a table-level constraint.
    pub fn constraint(mut self, constraint: Constraint) -> Self {
        self.constraints.push(constraint);
        self
    }

    /// A copy of this table with `columns` added after its own (the table of a mapper
    /// inheriting another's, see [`crate::mapper::Mapper::inherit`]).
    ///
    /// # Failure
    /// [`Error::ArgumentError`] for a column name the table already has, worded as
    /// SQLAlchemy's.
    pub fn with_columns(&self, columns: Vec<Column>) -> Result<Table> {
        let mut out = Table {
            name: self.name.clone(),
            columns: self.columns.clone(),
            constraints: self.constraints.clone(),
            indexes: RefCell::new(self.indexes.borrow().clone()),
        };
        for c in columns {
            if out.column_index(&c.name).is_some() {
                return Err(Error::ArgumentError(format!(
                    "A column with name '{}' is already present in table '{}'.",
                    c.name, self.name
                )));
            }
            out.columns.push(c);
        }
        Ok(out)
    }

    /// The table name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The columns, in order (`table.c`).
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The column named `name`.
    pub fn get_column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The position of the column named `name`.
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The table-level constraints, in the order given.
    pub fn constraints(&self) -> &[Constraint] {
        &self.constraints
    }

    /// The primary key's columns, in table order.
    pub fn primary_key(&self) -> Vec<&Column> {
        self.columns.iter().filter(|c| c.primary_key).collect()
    }

    /// The column SQLite fills in from its rowid when left out of an INSERT (SQLAlchemy's
    /// `table.autoincrement_column`): the lone integer primary key, unless `autoincrement=False`
    /// or (with `"auto"`) it has a foreign key.
    pub fn autoincrement_column(&self) -> Option<&Column> {
        let pk = self.primary_key();
        let [col] = pk.as_slice() else { return None };
        let integer = col.type_.as_ref().is_none_or(SqlType::is_integer);
        let ok = match col.autoincrement {
            Autoincrement::Yes => true,
            Autoincrement::No => false,
            Autoincrement::Auto => col.foreign_keys.is_empty() && col.type_.is_some(),
        };
        (integer && ok).then_some(*col)
    }

    /// The indexes: each `index=True` column's `ix_<table>_<column>`, then explicit ones.
    pub fn indexes(&self) -> Vec<Index> {
        let mut out: Vec<Index> = self
            .columns
            .iter()
            .filter(|c| c.index)
            .map(|c| Index {
                name: format!("ix_{}_{}", self.name, c.name),
                columns: vec![c.name.clone()],
                unique: c.unique,
            })
            .collect();
        out.extend(self.indexes.borrow().iter().cloned());
        out
    }

    /// `Index(name, *columns)` attached to this table after it was defined.
    ///
    /// # Failure
    /// [`Error::ConstraintColumnNotFoundError`] when a column is missing.
    pub fn add_index(&self, index: Index) -> Result<()> {
        self.check_columns("Index", &index.columns)?;
        self.indexes.borrow_mut().push(index);
        Ok(())
    }

    /// The tables this one's foreign keys refer to (other than itself), in order.
    pub fn referred_tables(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        let column_level = self
            .columns
            .iter()
            .flat_map(|c| c.foreign_keys.iter().map(|f| &*f.table));
        let table_level = self.constraints.iter().filter_map(|c| match c {
            Constraint::ForeignKey { table, .. } => Some(&**table),
            _ => None,
        });
        for t in table_level.chain(column_level) {
            if t != self.name && !out.contains(&t) {
                out.push(t);
            }
        }
        out
    }

    fn check_columns(&self, what: &str, columns: &[String]) -> Result<()> {
        for c in columns {
            if self.get_column(c).is_none() {
                return Err(Error::ConstraintColumnNotFoundError(format!(
                    "Can't create {what} on table '{}': no column named '{c}' is present.",
                    self.name
                )));
            }
        }
        Ok(())
    }
}

/// A collection of tables (SQLAlchemy's `MetaData`), in the order they were defined.
#[derive(Debug, Default)]
pub struct MetaData {
    tables: RefCell<Vec<Rc<Table>>>,
    /// `naming_convention=`, by key (see [`naming`]).
    naming: RefCell<Vec<(String, String)>>,
}

impl MetaData {
    /// `MetaData()`.
    pub fn new() -> Self {
        MetaData::default()
    }

    /// Registers a table, checking its definition.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] when a table of that name exists,
    /// [`Error::ConstraintColumnNotFoundError`] when a constraint names a missing column,
    /// [`Error::ArgumentError`] for an empty or duplicate column name.
    pub fn add(&self, table: Table) -> Result<Rc<Table>> {
        if self.table(&table.name).is_some() {
            return Err(Error::InvalidRequestError(format!(
                "Table '{}' is already defined for this MetaData instance.  Specify \
                 'extend_existing=True' to redefine options and columns on an existing Table object.",
                table.name
            )));
        }
        if table.name.is_empty() {
            return Err(Error::ArgumentError(
                "Table name may not be empty".to_owned(),
            ));
        }
        for (i, c) in table.columns.iter().enumerate() {
            if c.name.is_empty() {
                return Err(Error::ArgumentError(
                    "Column must be constructed with a non-blank name or assign a non-blank .name \
                     before adding to a Table."
                        .to_owned(),
                ));
            }
            if table.columns[..i].iter().any(|o| o.name == c.name) {
                return Err(Error::ArgumentError(format!(
                    "A column with name '{}' is already present in table '{}'.",
                    c.name, table.name
                )));
            }
        }
        for con in &table.constraints {
            table.check_columns(con.class_name(), con.columns())?;
        }
        let table = Rc::new(table);
        self.tables.borrow_mut().push(Rc::clone(&table));
        Ok(table)
    }

    /// Adds `columns` to the table named as `table` (a single-table inheritance subclass's
    /// columns going into its base's table): the metadata then holds the extended table,
    /// which is returned.
    ///
    /// # Failure
    /// [`Error::ArgumentError`] for a column name the table already has, worded as
    /// SQLAlchemy's; [`Error::InvalidRequestError`] for a table the metadata lacks.
    pub fn extend_table(&self, table: &str, columns: Vec<Column>) -> Result<Rc<Table>> {
        let Some(old) = self.table(table) else {
            return Err(Error::InvalidRequestError(format!(
                "Table '{table}' is not defined in this MetaData"
            )));
        };
        let extended = Rc::new(old.with_columns(columns)?);
        for t in self.tables.borrow_mut().iter_mut() {
            if t.name == table {
                *t = Rc::clone(&extended);
            }
        }
        Ok(extended)
    }

    /// The table named `name`.
    pub fn table(&self, name: &str) -> Option<Rc<Table>> {
        self.tables
            .borrow()
            .iter()
            .find(|t| t.name == name)
            .cloned()
    }

    /// All tables, in definition order (`metadata.tables.values()`).
    pub fn tables(&self) -> Vec<Rc<Table>> {
        self.tables.borrow().clone()
    }

    /// The type of a column, following foreign keys for columns declared without one.
    ///
    /// # Failure
    /// [`Error::NoReferencedTableError`] / [`Error::NoReferencedColumnError`] when a foreign key
    /// points nowhere.
    pub fn column_type(&self, table: &Table, column: &Column) -> Result<SqlType> {
        let mut table_name = table.name.clone();
        let mut col = column.clone();
        for _ in 0..16 {
            if let Some(t) = &col.type_ {
                return Ok(t.clone());
            }
            let Some(fk) = col.foreign_keys.first().cloned() else {
                break;
            };
            let target = self.referred(&table_name, &col.name, &fk)?;
            let next = target.get_column(&fk.column).cloned();
            let Some(next) = next else { break };
            table_name = target.name.clone();
            col = next;
        }
        Ok(SqlType::Integer)
    }

    /// The table a foreign key refers to.
    ///
    /// # Failure
    /// [`Error::NoReferencedTableError`] or [`Error::NoReferencedColumnError`].
    pub fn referred(&self, table: &str, column: &str, fk: &ForeignKey) -> Result<Rc<Table>> {
        let Some(target) = self.table(&fk.table) else {
            return Err(Error::NoReferencedTableError(format!(
                "Foreign key associated with column '{table}.{column}' could not find table '{}' \
                 with which to generate a foreign key to target column '{}'",
                fk.table, fk.column
            )));
        };
        if target.get_column(&fk.column).is_none() {
            return Err(Error::NoReferencedColumnError(format!(
                "Could not initialize target column for ForeignKey '{}' on table '{table}': table \
                 '{}' has no column named '{}'",
                fk.target_fullname(),
                fk.table,
                fk.column
            )));
        }
        Ok(target)
    }

    /// The tables in dependency order, as SQLAlchemy's `sort_tables_and_constraints` produces
    /// it: in rounds, each round taking (in definition order) every table whose referred tables
    /// came earlier. Tables in a cycle come last, in definition order.
    pub fn sorted_tables(&self) -> Vec<Rc<Table>> {
        dependency_order(self.tables())
    }

    /// `metadata.sorted_tables`: as [`MetaData::sorted_tables`] over the tables sorted by
    /// name (SQLAlchemy sorts them by key before the dependency sort).
    pub fn sorted_tables_by_name(&self) -> Vec<Rc<Table>> {
        let mut all = self.tables();
        all.sort_by(|a, b| a.name().cmp(b.name()));
        dependency_order(all)
    }
}

/// `all` in dependency order, in rounds (see [`MetaData::sorted_tables`]).
fn dependency_order(all: Vec<Rc<Table>>) -> Vec<Rc<Table>> {
    {
        let names: Vec<&str> = all.iter().map(|t| t.name()).collect();
        let mut done: Vec<&str> = Vec::new();
        let mut todo: Vec<&Rc<Table>> = all.iter().collect();
        let mut out = Vec::new();
        while !todo.is_empty() {
            let ready: Vec<&Rc<Table>> = todo
                .iter()
                .copied()
                .filter(|t| {
                    t.referred_tables()
                        .iter()
                        .all(|r| done.contains(r) || !names.contains(r))
                })
                .collect();
            if ready.is_empty() {
                out.extend(todo.iter().map(|t| Rc::clone(t)));
                break;
            }
            for t in &ready {
                done.push(t.name());
                out.push(Rc::clone(t));
            }
            todo.retain(|t| !done.contains(&t.name()));
        }
        out
    }
}
