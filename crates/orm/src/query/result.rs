//! ORM results: rows whose cells are objects or values, with SQLAlchemy's `first()`, `one()`,
//! `one_or_none()`, `all()`, `scalar()` and `scalars()`, and its wording for
//! `NoResultFound` / `MultipleResultsFound`.

use crate::error::{Error, Result};
use crate::session::ObjectId;
use crate::value::Value;
use serde::Serialize;

/// One cell of an ORM result row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Cell {
    /// A mapped object (an entity of the columns clause).
    Object(ObjectId),
    /// A plain value; also `None` for an entity an outer join found no row for.
    Value(Value),
}

impl Cell {
    /// The object, if this cell holds one.
    pub fn object(&self) -> Option<ObjectId> {
        match self {
            Cell::Object(id) => Some(*id),
            Cell::Value(_) => None,
        }
    }
}

fn no_row() -> Error {
    Error::NoResultFound("No row was found when one was required".to_owned())
}

fn several(one_or_none: bool) -> Error {
    Error::MultipleResultsFound(if one_or_none {
        "Multiple rows were found when one or none was required".to_owned()
    } else {
        "Multiple rows were found when exactly one was required".to_owned()
    })
}

/// `session.execute(select(...))`: fully buffered rows of cells with their column names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrmResult {
    /// The keys of the row (`User`, `name`, `count_1`, ...).
    pub keys: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
    /// Whether a joined eager load filled a collection: SQLAlchemy requires `unique()` before
    /// fetching objects from such a 2.0-style result (the rows here already come once each).
    pub joined_collections: bool,
}

/// SQLAlchemy's error for fetching from a result with joined eager collections without
/// `unique()`.
pub fn unique_required() -> Error {
    Error::InvalidRequestError(
        "The unique() method must be invoked on this Result, as it contains results that \
         include joined eager loads against collections"
            .to_owned(),
    )
}

impl OrmResult {
    /// `result.unique()`: each row once (rows compared cell by cell), in order.
    pub fn unique(mut self) -> OrmResult {
        // Rows of objects (the joined-eager case) by identity; others cell by cell.
        let mut by_identity: std::collections::HashSet<Vec<Option<ObjectId>>> =
            std::collections::HashSet::new();
        let mut seen: Vec<Vec<Cell>> = Vec::new();
        self.rows.retain(|r| {
            let identity: Option<Vec<Option<ObjectId>>> = r
                .iter()
                .map(|c| match c {
                    Cell::Object(id) => Some(Some(*id)),
                    Cell::Value(Value::Null) => Some(None),
                    Cell::Value(_) => None,
                })
                .collect();
            match identity {
                Some(key) => by_identity.insert(key),
                None if seen.contains(r) => false,
                None => {
                    seen.push(r.clone());
                    true
                }
            }
        });
        self.joined_collections = false;
        self
    }

    /// `result.all()`.
    pub fn all(self) -> Vec<Vec<Cell>> {
        self.rows
    }

    /// `result.first()`: the first row or `None`.
    pub fn first(self) -> Option<Vec<Cell>> {
        self.rows.into_iter().next()
    }

    /// `result.one()`.
    ///
    /// # Failure
    /// [`Error::NoResultFound`] without rows, [`Error::MultipleResultsFound`] with several.
    pub fn one(self) -> Result<Vec<Cell>> {
        let mut rows = self.rows.into_iter();
        match (rows.next(), rows.next()) {
            (Some(row), None) => Ok(row),
            (None, _) => Err(no_row()),
            (Some(_), Some(_)) => Err(several(false)),
        }
    }

    /// `result.one_or_none()`.
    ///
    /// # Failure
    /// [`Error::MultipleResultsFound`] with several rows.
    pub fn one_or_none(self) -> Result<Option<Vec<Cell>>> {
        let mut rows = self.rows.into_iter();
        match (rows.next(), rows.next()) {
            (row, None) => Ok(row),
            (Some(_), Some(_)) => Err(several(true)),
            (None, Some(_)) => Ok(None),
        }
    }

    /// `result.scalar()`: the first cell of the first row, `None` without rows.
    pub fn scalar(self) -> Option<Cell> {
        self.rows
            .into_iter()
            .next()
            .and_then(|r| r.into_iter().next())
    }

    /// `result.scalars()`: the first cell of every row.
    pub fn scalars(self) -> ScalarResult {
        ScalarResult {
            items: self
                .rows
                .into_iter()
                .filter_map(|r| r.into_iter().next())
                .collect(),
        }
    }
}

/// `result.scalars()` / `session.scalars(...)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScalarResult {
    /// The first cell of each row.
    pub items: Vec<Cell>,
}

impl ScalarResult {
    /// `.all()`.
    pub fn all(self) -> Vec<Cell> {
        self.items
    }

    /// `.first()`.
    pub fn first(self) -> Option<Cell> {
        self.items.into_iter().next()
    }

    /// `.one()`.
    ///
    /// # Failure
    /// [`Error::NoResultFound`], [`Error::MultipleResultsFound`].
    pub fn one(self) -> Result<Cell> {
        let mut it = self.items.into_iter();
        match (it.next(), it.next()) {
            (Some(c), None) => Ok(c),
            (None, _) => Err(no_row()),
            (Some(_), Some(_)) => Err(several(false)),
        }
    }

    /// `.one_or_none()`.
    ///
    /// # Failure
    /// [`Error::MultipleResultsFound`].
    pub fn one_or_none(self) -> Result<Option<Cell>> {
        let mut it = self.items.into_iter();
        match (it.next(), it.next()) {
            (c, None) => Ok(c),
            (Some(_), Some(_)) => Err(several(true)),
            (None, Some(_)) => Ok(None),
        }
    }
}
