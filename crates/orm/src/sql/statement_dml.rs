//! DML statements: `insert()`, `update()` and `delete()` and their generative methods.

use crate::error::{Error, Result};
use crate::schema::Table;
use crate::sql::expr::Expr;
use crate::value::Value;
use std::rc::Rc;

/// `insert(table)`, optionally `.values(...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Insert {
    /// The table.
    pub table: Rc<Table>,
    /// Column names and values given with `.values()`; empty means every column, with the
    /// parameters given at execution.
    pub values: Vec<(String, Value)>,
    /// `.returning(...)` column names.
    pub returning: Vec<String>,
    /// Compiled for an `executemany` (the unit of work's batch of rows): a row without values
    /// is then `(first_column) VALUES (NULL)` rather than `DEFAULT VALUES`, which cannot
    /// repeat, as SQLAlchemy writes it for SQLite.
    pub executemany: bool,
    /// Columns set to SQL expressions with `.values()` (`user_id=scalar_subq`).
    pub exprs: Vec<(String, Expr)>,
    /// `.values([{...}, {...}])`: one `VALUES` tuple per dict ("multiple VALUES").
    pub multi: Vec<Vec<(String, Value)>>,
    /// `.from_select(names, select)`: `INSERT INTO t (names) SELECT ...`.
    pub from_select: Option<(Vec<String>, Box<super::Select>)>,
    /// `.values()` with nothing: every column takes its default (`DEFAULT VALUES`).
    pub empty_values: bool,
}

/// `insert(table)`.
pub fn insert(table: &Rc<Table>) -> Insert {
    Insert {
        table: Rc::clone(table),
        values: Vec::new(),
        returning: Vec::new(),
        executemany: false,
        exprs: Vec::new(),
        multi: Vec::new(),
        from_select: None,
        empty_values: false,
    }
}

impl Insert {
    /// `.returning(*columns)`.
    pub fn returning(mut self, columns: Vec<String>) -> Self {
        self.returning = columns;
        self
    }

    /// Compiles it for an `executemany` (see [`Insert::executemany`]).
    pub fn for_executemany(mut self) -> Self {
        self.executemany = true;
        self
    }

    /// `.values(name=value, ...)`.
    ///
    /// # Failure
    /// [`Error::CompileError`] for a column the table lacks, worded as SQLAlchemy's
    /// "Unconsumed column names" error.
    pub fn values(mut self, values: Vec<(String, Value)>) -> Result<Self> {
        check_names(&self.table, values.iter().map(|(n, _)| n))?;
        self.values.extend(values);
        Ok(self)
    }

    /// `.values(name=expression, ...)`: columns set to SQL expressions.
    ///
    /// # Failure
    /// [`Error::CompileError`] for a column the table lacks.
    pub fn values_exprs(mut self, exprs: Vec<(String, Expr)>) -> Result<Self> {
        check_names(&self.table, exprs.iter().map(|(n, _)| n))?;
        self.exprs.extend(exprs);
        Ok(self)
    }

    /// `.values([{...}, ...])`: several rows in one statement.
    ///
    /// # Failure
    /// [`Error::CompileError`] for a column the table lacks.
    pub fn values_multi(mut self, rows: Vec<Vec<(String, Value)>>) -> Result<Self> {
        for row in &rows {
            check_names(&self.table, row.iter().map(|(n, _)| n))?;
        }
        self.multi.extend(rows);
        Ok(self)
    }

    /// `.from_select(["a", "b"], select)`.
    ///
    /// # Failure
    /// [`Error::CompileError`] for a column the table lacks.
    pub fn from_select(mut self, names: Vec<String>, select: super::Select) -> Result<Self> {
        check_names(&self.table, &names)?;
        self.from_select = Some((names, Box::new(select)));
        Ok(self)
    }
}

fn check_names<'a>(table: &Table, names: impl IntoIterator<Item = &'a String>) -> Result<()> {
    let unknown: Vec<&str> = names
        .into_iter()
        .filter(|n| table.get_column(n).is_none())
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(Error::CompileError(format!(
            "Unconsumed column names: {}",
            unknown.join(", ")
        )))
    }
}

/// `update(table).where(...).values(...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    /// The table.
    pub table: Rc<Table>,
    /// `SET` column names and values.
    pub values: Vec<(String, Value)>,
    /// `SET` column names and SQL expressions (`goals=(players.goals + ?)`).
    pub exprs: Vec<(String, Expr)>,
    /// `.where(...)` criteria, ANDed.
    pub where_: Vec<Expr>,
    /// `RETURNING` column names (the ORM's "fetch" synchronization asks for the keys).
    pub returning: Vec<String>,
}

/// `update(table)`.
pub fn update(table: &Rc<Table>) -> Update {
    Update {
        table: Rc::clone(table),
        values: Vec::new(),
        exprs: Vec::new(),
        where_: Vec::new(),
        returning: Vec::new(),
    }
}

impl Update {
    /// `.values(name=value, ...)`.
    ///
    /// # Failure
    /// [`Error::CompileError`] for a column the table lacks.
    pub fn values(mut self, values: Vec<(String, Value)>) -> Result<Self> {
        check_names(&self.table, values.iter().map(|(n, _)| n))?;
        self.values.extend(values);
        Ok(self)
    }

    /// `.values(name=expression, ...)`: columns set to SQL expressions.
    ///
    /// # Failure
    /// [`Error::CompileError`] for a column the table lacks.
    pub fn values_exprs(mut self, exprs: Vec<(String, Expr)>) -> Result<Self> {
        check_names(&self.table, exprs.iter().map(|(n, _)| n))?;
        self.exprs.extend(exprs);
        Ok(self)
    }

    /// `.where(criterion)`.
    pub fn where_(mut self, criterion: Expr) -> Self {
        self.where_.push(criterion);
        self
    }
}

/// `delete(table).where(...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    /// The table.
    pub table: Rc<Table>,
    /// `.where(...)` criteria, ANDed.
    pub where_: Vec<Expr>,
    /// `RETURNING` column names.
    pub returning: Vec<String>,
}

/// `delete(table)`.
pub fn delete(table: &Rc<Table>) -> Delete {
    Delete {
        table: Rc::clone(table),
        where_: Vec::new(),
        returning: Vec::new(),
    }
}

impl Delete {
    /// `.where(criterion)`.
    pub fn where_(mut self, criterion: Expr) -> Self {
        self.where_.push(criterion);
        self
    }
}
