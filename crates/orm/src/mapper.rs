//! The mapper: a class mapped to a table, declared at run time (the playground defines models
//! while a script runs). Each column of the table is a column property of the same name;
//! relationships (see [`crate::relationship`]) are added once both classes exist.
//! A mapper may inherit another ([`inheritance`]): single-table inheritance.

use crate::error::{Error, Result};
use crate::relationship::Relationship;
use crate::schema::Table;
use std::cell::RefCell;
use std::rc::Rc;

mod inheritance;
mod joined;
pub use inheritance::Polymorphic;
pub use joined::JoinedColumn;

/// A mapped class: its name, its table and its column properties.
#[derive(Debug)]
pub struct Mapper {
    class_name: Rc<str>,
    table: Rc<Table>,
    pk: Vec<usize>,
    relationships: RefCell<Vec<Relationship>>,
    /// `column_property(expr)`s: read-only SQL expressions selected with the entity.
    expressions: RefCell<Vec<(String, crate::sql::Expr)>>,
    /// Columns the mapping defers (`mapped_column(deferred=True)`), by position.
    deferred: RefCell<Vec<usize>>,
    /// The mapper this one inherits (single-table inheritance), if any.
    inherits: Option<Rc<Mapper>>,
    /// Its polymorphic identity and discriminator, and the mappers inheriting it.
    polymorphic: RefCell<Polymorphic>,
}

impl Mapper {
    /// Maps `class_name` to `table`.
    ///
    /// # Failure
    /// [`Error::ArgumentError`] when the table has no primary key, worded as SQLAlchemy's
    /// "could not assemble any primary key columns".
    pub fn new(class_name: &str, table: &Rc<Table>) -> Result<Rc<Mapper>> {
        let pk: Vec<usize> = table
            .columns()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.primary_key)
            .map(|(i, _)| i)
            .collect();
        if pk.is_empty() {
            return Err(Error::ArgumentError(format!(
                "Mapper Mapper[{class_name}({})] could not assemble any primary key columns for \
                 mapped table '{}'",
                table.name(),
                table.name()
            )));
        }
        Ok(Rc::new(Mapper {
            class_name: Rc::from(class_name),
            table: Rc::clone(table),
            pk,
            relationships: RefCell::new(Vec::new()),
            expressions: RefCell::new(Vec::new()),
            deferred: RefCell::new(Vec::new()),
            inherits: None,
            polymorphic: RefCell::new(Polymorphic::default()),
        }))
    }

    /// The class name (`User`).
    pub fn class_name(&self) -> &str {
        &self.class_name
    }

    /// The mapped table.
    pub fn table(&self) -> &Rc<Table> {
        &self.table
    }

    /// Positions of the primary-key columns.
    pub fn pk(&self) -> &[usize] {
        &self.pk
    }

    /// The position of attribute `name`.
    ///
    /// # Failure
    /// [`Error::AttributeError`] for an unknown attribute: `'User' object has no attribute 'x'`.
    pub fn attr(&self, name: &str) -> Result<usize> {
        self.table.column_index(name).ok_or_else(|| {
            Error::AttributeError(format!(
                "'{}' object has no attribute '{name}'",
                self.class_name
            ))
        })
    }

    /// The relationships declared so far that a flush writes (all but `viewonly=True`
    /// ones; those of the inherited mapper first).
    pub fn relationships(&self) -> Vec<Relationship> {
        let mut out = match &self.inherits {
            Some(parent) => parent.relationships(),
            None => Vec::new(),
        };
        out.extend(
            self.relationships
                .borrow()
                .iter()
                .filter(|r| !r.viewonly)
                .cloned(),
        );
        out
    }

    /// Whether a relationship loads eagerly by its `lazy=` (`selectin`).
    pub(crate) fn has_eager_relationships(&self) -> bool {
        self.all_relationships()
            .iter()
            .any(|r| r.lazy == crate::relationship::Lazy::Selectin)
    }

    /// Every relationship declared so far, `viewonly=True` ones included (what loads and
    /// inspection see; those of the inherited mapper first).
    pub fn all_relationships(&self) -> Vec<Relationship> {
        let mut out = match &self.inherits {
            Some(parent) => parent.all_relationships(),
            None => Vec::new(),
        };
        out.extend(self.relationships.borrow().iter().cloned());
        out
    }

    /// Whether the mapper has any relationship (sparing a copy of none).
    pub(crate) fn has_relationships(&self) -> bool {
        self.relationships.borrow().iter().any(|r| !r.viewonly)
            || self
                .inherits
                .as_ref()
                .is_some_and(|p| p.has_relationships())
    }

    /// The relationship called `name` (its own, else an inherited one).
    pub fn relationship(&self, name: &str) -> Option<Relationship> {
        self.relationships
            .borrow()
            .iter()
            .find(|r| r.name == name)
            .cloned()
            .or_else(|| self.inherits.as_ref()?.relationship(name))
    }

    /// Maps `name` to the SQL expression `expr` of the table's columns
    /// (`column_property(expr)`): selected before the table's columns when the entity is
    /// queried.
    pub fn add_expression(&self, name: &str, expr: crate::sql::Expr) {
        self.expressions.borrow_mut().push((name.to_owned(), expr));
    }

    /// The `column_property()` expressions, in declaration order.
    pub fn expressions(&self) -> Vec<(String, crate::sql::Expr)> {
        self.expressions.borrow().clone()
    }

    /// Defers column `name` in the mapping (`mapped_column(deferred=True)`,
    /// `deferred(Column(...))`): queries of the class leave it out until it is read.
    ///
    /// # Failure
    /// [`Error::AttributeError`] for an unknown column.
    pub fn defer_column(&self, name: &str) -> Result<()> {
        let pos = self.attr(name)?;
        if !self.pk.contains(&pos) && !self.deferred.borrow().contains(&pos) {
            self.deferred.borrow_mut().push(pos);
        }
        Ok(())
    }

    /// Whether the mapping defers the column at `pos`.
    pub fn is_deferred(&self, pos: usize) -> bool {
        self.deferred.borrow().contains(&pos)
    }

    /// The positions of the columns the mapping defers.
    pub(crate) fn deferred_columns(&self) -> Vec<usize> {
        self.deferred.borrow().clone()
    }

    pub(crate) fn push_relationship(&self, rel: Relationship) {
        self.relationships.borrow_mut().push(rel);
    }

    /// The class name as a shared string (what events carry).
    pub fn class_name_rc(&self) -> Rc<str> {
        Rc::clone(&self.class_name)
    }

    /// The class name, shared (to tell one class from another by address).
    pub(crate) fn class_name_ref(&self) -> &Rc<str> {
        &self.class_name
    }

    /// The number of column properties.
    pub fn width(&self) -> usize {
        self.table.columns().len()
    }
}

#[cfg(test)]
mod inheritance_tests;

#[cfg(test)]
mod joined_tests;
