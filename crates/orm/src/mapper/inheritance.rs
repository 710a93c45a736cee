//! Mapped class inheritance, as SQLAlchemy's mapper has it: a mapper may inherit another
//! one (single-table inheritance: both map the same table, the subclass adding columns of
//! its own to it). The base mapper names a discriminator column (`polymorphic_on`); each
//! mapper of the hierarchy has a `polymorphic_identity`, written to that column when an object
//! is created and read back to pick the class of each loaded row (polymorphic loading).
//!
//! Each mapper of a single-table hierarchy has its own [`Table`] value, named as the shared
//! table and holding the columns it maps: the base's columns, then those its subclasses add
//! (so a parent's columns are always a prefix of its subclass's, at the same positions).
//! The table as created (every column of the hierarchy) is [`Mapper::persist_table`].

use super::Mapper;
use crate::error::{Error, Result};
use crate::sql::{Expr, FromItem};
use crate::value::Value;
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// The polymorphic settings of a mapper.
#[derive(Debug, Default)]
pub struct Polymorphic {
    /// The discriminator column's name (set on the base mapper).
    on: Option<String>,
    /// `polymorphic_identity`.
    identity: Option<Value>,
    /// The mappers inheriting this one directly, in the order they were mapped.
    subclasses: Vec<Weak<Mapper>>,
    /// The whole table of a single-table hierarchy (on the base mapper) once subclasses
    /// added columns to it.
    persist: Option<Rc<crate::schema::Table>>,
    /// A joined-table subclass's own table.
    local: Option<Rc<crate::schema::Table>>,
}

impl Mapper {
    /// Maps `class_name` as a subclass of `parent` sharing its table (single-table
    /// inheritance): `table` holds the parent's columns then the subclass's own.
    ///
    /// # Failure
    /// [`Error::ArgumentError`] when `table` does not start with the parent's columns.
    pub fn inherit(
        class_name: &str,
        table: &Rc<crate::schema::Table>,
        parent: &Rc<Mapper>,
        identity: Option<Value>,
    ) -> Result<Rc<Mapper>> {
        let width = parent.width();
        let prefix = table.columns().len() >= width
            && table.columns()[..width]
                .iter()
                .zip(parent.table().columns())
                .all(|(a, b)| a.name == b.name);
        if !prefix || table.name() != parent.table().name() {
            return Err(Error::ArgumentError(format!(
                "Mapper Mapper[{class_name}({})] does not extend the table of its parent {}",
                table.name(),
                parent.class_name()
            )));
        }
        let mapper = Rc::new(Mapper {
            class_name: Rc::from(class_name),
            table: Rc::clone(table),
            pk: parent.pk.clone(),
            relationships: RefCell::new(Vec::new()),
            expressions: RefCell::new(Vec::new()),
            deferred: RefCell::new(parent.deferred.borrow().clone()),
            inherits: Some(Rc::clone(parent)),
            polymorphic: RefCell::new(Polymorphic {
                identity,
                ..Polymorphic::default()
            }),
        });
        parent.add_subclass(&mapper);
        Ok(mapper)
    }

    pub(super) fn add_subclass(&self, sub: &Rc<Mapper>) {
        self.polymorphic
            .borrow_mut()
            .subclasses
            .push(Rc::downgrade(sub));
    }

    pub(super) fn set_local(&self, local: &Rc<crate::schema::Table>, identity: Option<Value>) {
        let mut p = self.polymorphic.borrow_mut();
        p.local = Some(Rc::clone(local));
        p.identity = identity;
    }

    /// A joined-table subclass's own table (`mapper.local_table`).
    pub fn local_table(&self) -> Option<Rc<crate::schema::Table>> {
        self.polymorphic.borrow().local.clone()
    }

    /// Sets the base mapper's discriminator column and identity (`polymorphic_on`,
    /// `polymorphic_identity`).
    ///
    /// # Failure
    /// [`Error::ArgumentError`] for a column the table lacks.
    pub fn set_polymorphic(&self, on: Option<&str>, identity: Option<Value>) -> Result<()> {
        if let Some(on) = on
            && self.table.column_index(on).is_none()
        {
            return Err(Error::ArgumentError(format!(
                "Can't determine polymorphic_on value '{on}' - no attribute is mapped to this name."
            )));
        }
        let mut p = self.polymorphic.borrow_mut();
        p.on = on.map(str::to_owned);
        p.identity = identity;
        Ok(())
    }

    /// Writes the polymorphic identity into the discriminator of a new object's `values`
    /// when not set, as SQLAlchemy's mapper does on construction.
    pub(crate) fn init_polymorphic_identity(&self, values: &mut [Option<Value>]) {
        if self.inherits.is_none() && self.polymorphic.borrow().on.is_none() {
            return;
        }
        if let (Some(on), Some(identity)) = (self.polymorphic_on(), self.polymorphic_identity())
            && let Some(slot) = self.table.column_index(&on).and_then(|p| values.get_mut(p))
            && slot.is_none()
        {
            *slot = Some(identity);
        }
    }

    /// The identities a row saved by this mapper may have (SQLAlchemy's
    /// `_acceptable_polymorphic_identities`): its own and those of the subclasses sharing
    /// its table.
    pub fn acceptable_identities(self: &Rc<Self>) -> Vec<Option<Value>> {
        let mut out = Vec::new();
        let mut todo = vec![Rc::clone(self)];
        while let Some(m) = todo.pop() {
            out.push(m.polymorphic_identity());
            let subs = m.polymorphic.borrow().subclasses.clone();
            todo.extend(
                subs.iter()
                    .filter_map(Weak::upgrade)
                    .filter(|s| s.local_table().is_none()),
            );
        }
        out
    }

    /// The mapper this one inherits.
    pub fn inherits(&self) -> Option<&Rc<Mapper>> {
        self.inherits.as_ref()
    }

    /// The root of the hierarchy (`mapper.base_mapper`); itself without inheritance.
    pub fn base_mapper(&self) -> &Mapper {
        match &self.inherits {
            Some(p) => p.base_mapper(),
            None => self,
        }
    }

    /// `mapper.polymorphic_identity`.
    pub fn polymorphic_identity(&self) -> Option<Value> {
        self.polymorphic.borrow().identity.clone()
    }

    /// The discriminator column's name (`mapper.polymorphic_on`), the base mapper's.
    pub fn polymorphic_on(&self) -> Option<String> {
        match &self.inherits {
            Some(p) => p.polymorphic_on(),
            None => self.polymorphic.borrow().on.clone(),
        }
    }

    /// Whether this mapper is `other` or inherits it (`mapper.isa(other)`).
    pub fn isa(&self, other: &Mapper) -> bool {
        std::ptr::eq(self, other) || self.inherits.as_ref().is_some_and(|p| p.isa(other))
    }

    /// The mapper and those inheriting it, breadth first (`mapper.self_and_descendants`).
    pub fn self_and_descendants(self: &Rc<Self>) -> Vec<Rc<Mapper>> {
        let mut out = vec![Rc::clone(self)];
        let mut at = 0;
        while let Some(m) = out.get(at).cloned() {
            out.extend(
                m.polymorphic
                    .borrow()
                    .subclasses
                    .iter()
                    .filter_map(Weak::upgrade),
            );
            at += 1;
        }
        out
    }

    /// The table as the database has it: for the base of a single-table hierarchy, with the
    /// columns its subclasses added; otherwise the mapped table.
    pub fn persist_table(&self) -> Rc<crate::schema::Table> {
        match &self.inherits {
            Some(p) => p.persist_table(),
            None => self
                .polymorphic
                .borrow()
                .persist
                .clone()
                .unwrap_or_else(|| Rc::clone(&self.table)),
        }
    }

    /// Records the whole table of this base mapper's hierarchy (after a subclass added
    /// columns to it).
    pub fn set_persist_table(&self, table: &Rc<crate::schema::Table>) {
        self.polymorphic.borrow_mut().persist = Some(Rc::clone(table));
    }

    /// The criterion a query of a single-table subclass adds (SQLAlchemy's
    /// `_single_table_criterion`): `type IN (<identities of it and its subclasses>)` on
    /// `from`; `None` for a mapper that inherits nothing or has no discriminator.
    ///
    /// # Failure
    /// [`Error::NoSuchColumnError`] when `from` lacks the discriminator.
    pub fn single_table_criterion(self: &Rc<Self>, from: &FromItem) -> Result<Option<Expr>> {
        if self.inherits.is_none() || self.is_joined() {
            return Ok(None);
        }
        let Some(on) = self.polymorphic_on() else {
            return Ok(None);
        };
        let identities: Vec<Value> = self
            .self_and_descendants()
            .iter()
            .filter_map(|m| m.polymorphic_identity())
            .collect();
        Ok(Some(from.c(&on)?.in_(identities)))
    }

    /// The mapper of a loaded row of this mapper's columns: the one whose identity the
    /// discriminator holds (this mapper without a discriminator or for NULL).
    ///
    /// # Failure
    /// [`Error::AssertionError`] for an identity no mapper of the hierarchy has, worded as
    /// SQLAlchemy's.
    pub fn polymorphic_mapper_for(self: &Rc<Self>, row: &[Value]) -> Result<Rc<Mapper>> {
        let Some(on) = self.polymorphic_on() else {
            return Ok(Rc::clone(self));
        };
        let Some(value) = self.table.column_index(&on).and_then(|p| row.get(p)) else {
            return Ok(Rc::clone(self));
        };
        if *value == Value::Null {
            return Ok(Rc::clone(self));
        }
        let base = self.base_mapper_rc();
        base.self_and_descendants()
            .into_iter()
            .find(|m| m.polymorphic_identity().as_ref() == Some(value))
            .ok_or_else(|| {
                Error::AssertionError(format!(
                    "No such polymorphic_identity {} is defined",
                    crate::engine::echo::params_repr(std::slice::from_ref(value))
                        .trim_start_matches('(')
                        .trim_end_matches(')')
                        .trim_end_matches(',')
                ))
            })
    }

    /// The base mapper as an `Rc`.
    pub fn base_mapper_rc(self: &Rc<Self>) -> Rc<Mapper> {
        match &self.inherits {
            Some(p) => p.base_mapper_rc(),
            None => Rc::clone(self),
        }
    }
}
