//! The FROM items a SELECT reads (tables, aliases, joins, subqueries and CTEs), their columns,
//! and the ON clause SQLAlchemy infers for a join from foreign keys.

use super::Select;
use crate::error::{Error, Result};
use crate::schema::Table;
use crate::sql::expr::{Expr, Source, and_, next_anon};
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
    /// `cte.alias()`: `anon_1 AS anon_2`, the CTE referred to under another name (inside a
    /// recursive CTE's own body).
    CteAlias {
        /// The CTE (a [`FromItem::Cte`]).
        cte: Box<FromItem>,
        /// The alias's name (`Source::Anon` without one).
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
        /// `FULL OUTER` (`join(..., full=True)`).
        full: bool,
    },
}

impl FromItem {
    /// The sources this item provides (a join provides both sides').
    pub(crate) fn provides(&self, out: &mut Vec<Source>) {
        match self {
            FromItem::Table(t) => out.push(Source::Named(t.name().to_owned())),
            FromItem::Alias { source, .. } => out.push(source.clone()),
            FromItem::Subquery { source, .. }
            | FromItem::Cte { source, .. }
            | FromItem::CteAlias { source, .. } => out.push(source.clone()),
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
            FromItem::CteAlias { cte, source } => {
                (source.clone(), column_names(cte).iter().any(|c| c == name))
            }
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
            FromItem::Subquery { source, .. }
            | FromItem::Cte { source, .. }
            | FromItem::CteAlias { source, .. } => Some(source.clone()),
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

/// `left.join(right)` without an ON clause (`user_table.join(address_table)`): the ON clause
/// from the foreign keys between `right` and the first item of `left` (a join is searched
/// item by item) that has one.
///
/// # Failure
/// As [`infer_on`].
pub fn infer_join_on(left: &FromItem, right: &FromItem) -> Result<Expr> {
    fn flatten<'a>(item: &'a FromItem, out: &mut Vec<&'a FromItem>) {
        match item {
            FromItem::Join { left, right, .. } => {
                flatten(left, out);
                flatten(right, out);
            }
            other => out.push(other),
        }
    }
    let mut items = Vec::new();
    flatten(left, &mut items);
    let mut last = None;
    for item in items {
        match infer_on(item, right) {
            Ok(on) => return Ok(on),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| {
        Error::InvalidRequestError("Don't know how to join; please use an ON clause.".to_owned())
    }))
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
        FromItem::CteAlias { cte, .. } => underlying(cte, name),
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
        FromItem::CteAlias { cte, .. } => column_names(cte),
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
