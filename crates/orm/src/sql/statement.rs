//! Statements: `select()`, `insert()`, `update()` and `delete()` and the FROM items they read
//! (tables, aliases, joins and subqueries), built by chaining as in SQLAlchemy 2.x.

use super::expr::{Expr, Source, and_, next_anon};
use crate::error::{Error, Result};
use crate::schema::Table;
use crate::value::Value;
use std::rc::Rc;

/// Something a SELECT reads from.
#[derive(Debug, Clone, PartialEq)]
pub enum FromItem {
    /// A table.
    Table(Rc<Table>),
    /// `aliased(table, name=...)`: `users AS users_1`.
    Alias {
        /// The table.
        table: Rc<Table>,
        /// The alias: a name, or [`Source::AnonAlias`] numbered when compiled.
        source: Source,
    },
    /// `select(...).subquery()`: `(SELECT ...) AS anon_1`.
    Subquery {
        /// The inner select.
        select: Box<Select>,
        /// Its name (`Source::Anon` until compiled).
        source: Source,
    },
    /// `select(...).cte(name)`: referred to by its name, defined in the statement's
    /// `WITH name AS (SELECT ...)`.
    Cte {
        /// The inner select.
        select: Box<Select>,
        /// Its name (`Source::Anon` without one).
        source: Source,
    },
    /// `a JOIN b ON ...` / `a LEFT OUTER JOIN b ON ...`.
    Join {
        /// Left side.
        left: Box<FromItem>,
        /// Right side.
        right: Box<FromItem>,
        /// The ON clause.
        on: Box<Expr>,
        /// `LEFT OUTER`.
        outer: bool,
    },
}

impl FromItem {
    /// The sources this item provides (a join provides both sides').
    pub(crate) fn provides(&self, out: &mut Vec<Source>) {
        match self {
            FromItem::Table(t) => out.push(Source::Named(t.name().to_owned())),
            FromItem::Alias { source, .. } => out.push(source.clone()),
            FromItem::Subquery { source, .. } | FromItem::Cte { source, .. } => {
                out.push(source.clone())
            }
            FromItem::Join { left, right, .. } => {
                left.provides(out);
                right.provides(out);
            }
        }
    }

    /// A column of this table, alias or subquery (`t.c.name`).
    ///
    /// # Failure
    /// [`Error::NoSuchColumnError`] when there is no such column.
    pub fn c(&self, name: &str) -> Result<Expr> {
        let from = Rc::new(self.clone());
        let (source, known) = match self {
            FromItem::Table(t) => (
                Source::Named(t.name().to_owned()),
                t.get_column(name).is_some(),
            ),
            FromItem::Alias { table, source } => (source.clone(), table.get_column(name).is_some()),
            FromItem::Subquery { select, source } | FromItem::Cte { select, source } => (
                source.clone(),
                select.columns.iter().any(|c| c.result_name() == Some(name)),
            ),
            FromItem::Join { .. } => (Source::Named(String::new()), false),
        };
        if known {
            Ok(Expr::Column {
                source,
                name: name.to_owned(),
                from,
            })
        } else {
            Err(Error::NoSuchColumnError(name.to_owned()))
        }
    }

    /// The source whose columns this item provides (a join has none of its own).
    pub fn source(&self) -> Option<Source> {
        match self {
            FromItem::Table(t) => Some(Source::Named(t.name().to_owned())),
            FromItem::Alias { source, .. } => Some(source.clone()),
            FromItem::Subquery { source, .. } | FromItem::Cte { source, .. } => {
                Some(source.clone())
            }
            FromItem::Join { .. } => None,
        }
    }

    pub(crate) fn table(&self) -> Option<&Rc<Table>> {
        match self {
            FromItem::Table(t) | FromItem::Alias { table: t, .. } => Some(t),
            _ => None,
        }
    }
}

/// The ON clause SQLAlchemy infers for a join from the foreign keys between two tables.
///
/// # Failure
/// [`Error::InvalidRequestError`] when there is no foreign key between them.
pub fn infer_on(left: &FromItem, right: &FromItem) -> Result<Expr> {
    let mut conds = Vec::new();
    for (child, parent) in [(right, left), (left, right)] {
        for (col, fk_table, fk_column) in foreign_keys(child) {
            if let Some(referred) = exposed(parent, &fk_table, &fk_column) {
                conds.push(parent.c(&referred)?.eq(child.c(&col)?));
            }
        }
        if !conds.is_empty() {
            break;
        }
    }
    if conds.is_empty() {
        return Err(Error::InvalidRequestError(match (left.table(), right.table()) {
            (Some(lt), Some(rt)) => format!(
                "Can't find any foreign key relationships between '{}' and '{}'.",
                lt.name(),
                rt.name()
            ),
            _ => "Can't determine join between the given FROM clauses; please specify an ON clause."
                .to_owned(),
        }));
    }
    Ok(and_(conds))
}

/// The table column a column of a FROM item stands for: `(table, column)`.
fn underlying(item: &FromItem, name: &str) -> Option<(Rc<Table>, String)> {
    match item {
        FromItem::Table(t) | FromItem::Alias { table: t, .. } => {
            t.get_column(name).map(|_| (Rc::clone(t), name.to_owned()))
        }
        FromItem::Subquery { select, .. } | FromItem::Cte { select, .. } => {
            let mut e = select
                .columns
                .iter()
                .find(|c| c.result_name() == Some(name))?;
            while let Expr::Label { expr, .. } = e {
                e = expr;
            }
            match e {
                Expr::Column { name, from, .. } => underlying(from, name),
                _ => None,
            }
        }
        FromItem::Join { .. } => None,
    }
}

/// The names of an item's columns, in order (`select(subquery)` selects them all).
pub fn column_names(item: &FromItem) -> Vec<String> {
    match item {
        FromItem::Table(t) | FromItem::Alias { table: t, .. } => {
            t.columns().iter().map(|c| c.name.clone()).collect()
        }
        FromItem::Subquery { select, .. } | FromItem::Cte { select, .. } => select
            .columns
            .iter()
            .filter_map(|c| c.result_name().map(str::to_owned))
            .collect(),
        FromItem::Join { .. } => Vec::new(),
    }
}

/// The foreign keys of an item's columns (a subquery's columns carry those of the table
/// columns they select): `(column, referred table, referred column)`.
fn foreign_keys(item: &FromItem) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for name in column_names(item) {
        let Some((table, col)) = underlying(item, &name) else {
            continue;
        };
        if let Some(c) = table.get_column(&col) {
            for fk in &c.foreign_keys {
                out.push((name.clone(), fk.table.clone(), fk.column.clone()));
            }
        }
    }
    out
}

/// The name under which `item` exposes column `column` of table `table`, if it does.
fn exposed(item: &FromItem, table: &str, column: &str) -> Option<String> {
    column_names(item)
        .into_iter()
        .find(|name| underlying(item, name).is_some_and(|(t, c)| t.name() == table && c == column))
}

/// `table.alias(name)` / `aliased(Model, name=...)`.
pub fn alias(table: &Rc<Table>, name: &str) -> FromItem {
    FromItem::Alias {
        table: Rc::clone(table),
        source: Source::Named(name.to_owned()),
    }
}

/// `aliased(Model)` / `table.alias()` without a name: `users AS users_1`, numbered in order of
/// appearance when the statement is compiled.
pub fn anon_alias(table: &Rc<Table>) -> FromItem {
    FromItem::Alias {
        table: Rc::clone(table),
        source: Source::AnonAlias {
            id: next_anon(),
            table: table.name().to_owned(),
        },
    }
}

/// A pending `.join()` of a select.
#[derive(Debug, Clone, PartialEq)]
pub struct JoinSpec {
    /// What is joined.
    pub target: FromItem,
    /// The ON clause (inferred from foreign keys when `None`).
    pub on: Option<Expr>,
    /// `outerjoin`.
    pub outer: bool,
}

/// `select(...)`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Select {
    /// The columns clause.
    pub columns: Vec<Expr>,
    /// `select_from(...)`.
    pub from: Vec<FromItem>,
    /// `.join(...)`s, applied to the leftmost FROM.
    pub joins: Vec<JoinSpec>,
    /// `.where(...)` criteria, ANDed.
    pub where_: Vec<Expr>,
    /// `.group_by(...)`.
    pub group_by: Vec<Expr>,
    /// `.having(...)` criteria, ANDed.
    pub having: Vec<Expr>,
    /// `.order_by(...)`.
    pub order_by: Vec<Expr>,
    /// `.limit(n)`.
    pub limit: Option<i64>,
    /// `.offset(n)`.
    pub offset: Option<i64>,
    /// `.distinct()`.
    pub distinct: bool,
}

/// `select(*columns)`.
pub fn select(columns: Vec<Expr>) -> Select {
    Select {
        columns,
        ..Select::default()
    }
}

/// `select(table)`: every column of the table, in order.
pub fn select_table(table: &Rc<Table>) -> Select {
    let from = Rc::new(FromItem::Table(Rc::clone(table)));
    let cols = table
        .columns()
        .iter()
        .map(|c| Expr::Column {
            source: Source::Named(table.name().to_owned()),
            name: c.name.clone(),
            from: Rc::clone(&from),
        })
        .collect();
    Select {
        columns: cols,
        ..Select::default()
    }
}

impl Select {
    /// `.where(criterion)`.
    pub fn where_(mut self, criterion: Expr) -> Self {
        self.where_.push(criterion);
        self
    }

    /// `.select_from(item)`.
    pub fn select_from(mut self, item: FromItem) -> Self {
        self.from.push(item);
        self
    }

    /// `.join(target, on)`.
    pub fn join(mut self, target: FromItem, on: Option<Expr>) -> Self {
        self.joins.push(JoinSpec {
            target,
            on,
            outer: false,
        });
        self
    }

    /// `.outerjoin(target, on)`.
    pub fn outerjoin(mut self, target: FromItem, on: Option<Expr>) -> Self {
        self.joins.push(JoinSpec {
            target,
            on,
            outer: true,
        });
        self
    }

    /// `.order_by(...)`.
    pub fn order_by(mut self, items: Vec<Expr>) -> Self {
        self.order_by.extend(items);
        self
    }

    /// `.group_by(...)`.
    pub fn group_by(mut self, items: Vec<Expr>) -> Self {
        self.group_by.extend(items);
        self
    }

    /// `.having(criterion)`.
    pub fn having(mut self, criterion: Expr) -> Self {
        self.having.push(criterion);
        self
    }

    /// `.limit(n)`.
    pub fn limit(mut self, n: i64) -> Self {
        self.limit = Some(n);
        self
    }

    /// `.offset(n)`.
    pub fn offset(mut self, n: i64) -> Self {
        self.offset = Some(n);
        self
    }

    /// `.distinct()`.
    pub fn distinct(mut self) -> Self {
        self.distinct = true;
        self
    }

    /// `.subquery()`: a FROM item named `anon_N` when compiled.
    pub fn subquery(self) -> FromItem {
        FromItem::Subquery {
            select: Box::new(self),
            source: Source::Anon(next_anon()),
        }
    }

    /// `.subquery(name)`.
    pub fn subquery_named(self, name: &str) -> FromItem {
        FromItem::Subquery {
            select: Box::new(self),
            source: Source::Named(name.to_owned()),
        }
    }

    /// `.cte(name=None)`.
    pub fn cte(self, name: Option<&str>) -> FromItem {
        FromItem::Cte {
            select: Box::new(self),
            source: match name {
                Some(n) => Source::Named(n.to_owned()),
                None => Source::Anon(next_anon()),
            },
        }
    }

    /// `.scalar_subquery()`.
    pub fn scalar_subquery(self) -> Expr {
        Expr::ScalarSubquery(Box::new(self))
    }
}

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
}

/// `insert(table)`.
pub fn insert(table: &Rc<Table>) -> Insert {
    Insert {
        table: Rc::clone(table),
        values: Vec::new(),
        returning: Vec::new(),
        executemany: false,
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
        check_names(&self.table, &values)?;
        self.values.extend(values);
        Ok(self)
    }
}

fn check_names(table: &Table, values: &[(String, Value)]) -> Result<()> {
    let unknown: Vec<&str> = values
        .iter()
        .filter(|(n, _)| table.get_column(n).is_none())
        .map(|(n, _)| n.as_str())
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
        check_names(&self.table, &values)?;
        self.values.extend(values);
        Ok(self)
    }

    /// `.values(name=expression, ...)`: columns set to SQL expressions.
    ///
    /// # Failure
    /// [`Error::CompileError`] for a column the table lacks.
    pub fn values_exprs(mut self, exprs: Vec<(String, Expr)>) -> Result<Self> {
        let names: Vec<(String, Value)> = exprs
            .iter()
            .map(|(n, _)| (n.clone(), Value::Null))
            .collect();
        check_names(&self.table, &names)?;
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

/// Any statement the compiler can turn into SQL.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    /// A SELECT.
    Select(Select),
    /// An INSERT.
    Insert(Insert),
    /// An UPDATE.
    Update(Update),
    /// A DELETE.
    Delete(Delete),
    /// `union(a, b)`, `union_all(...)`, ...: SELECTs combined.
    Compound(Compound),
}

/// How a [`Compound`] combines its SELECTs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompoundOp {
    /// `UNION`.
    Union,
    /// `UNION ALL`.
    UnionAll,
    /// `INTERSECT`.
    Intersect,
    /// `EXCEPT`.
    Except,
}

impl CompoundOp {
    /// The keyword.
    pub fn sql(self) -> &'static str {
        match self {
            CompoundOp::Union => "UNION",
            CompoundOp::UnionAll => "UNION ALL",
            CompoundOp::Intersect => "INTERSECT",
            CompoundOp::Except => "EXCEPT",
        }
    }
}

/// `union(select(...), select(...))`: a compound SELECT.
#[derive(Debug, Clone, PartialEq)]
pub struct Compound {
    /// The operator between the SELECTs.
    pub op: CompoundOp,
    /// The SELECTs, in order.
    pub selects: Vec<Select>,
}

impl From<Select> for Statement {
    fn from(s: Select) -> Self {
        Statement::Select(s)
    }
}

impl From<Insert> for Statement {
    fn from(s: Insert) -> Self {
        Statement::Insert(s)
    }
}

impl From<Update> for Statement {
    fn from(s: Update) -> Self {
        Statement::Update(s)
    }
}

impl From<Delete> for Statement {
    fn from(s: Delete) -> Self {
        Statement::Delete(s)
    }
}
