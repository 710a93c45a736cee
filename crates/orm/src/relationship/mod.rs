//! `relationship()`: links between mapped classes, described as data — one-to-many,
//! many-to-one, one-to-one (`uselist=False`), many-to-many through a `secondary` table and
//! self-referential ones (`remote_side`) — with `back_populates` / `backref` kept in step in
//! memory before any flush (see [`memory`]) and SQLAlchemy's cascades. The join is inferred
//! from the foreign keys between the tables, as SQLAlchemy infers it.

pub mod memory;

use crate::error::{Error, Result};
use crate::mapper::Mapper;
use crate::schema::Table;
use crate::sql::{Expr, FromItem};
use std::rc::{Rc, Weak};

/// Which side of the foreign key the relationship sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// The parent's collection of children (`User.addresses`), or with `uselist=False` its
    /// one child (`User.profile`).
    OneToMany,
    /// The child's reference to its parent (`Address.user`).
    ManyToOne,
    /// A collection linked through rows of a `secondary` table (`Post.tags`).
    ManyToMany,
}

/// `lazy=`: when a relationship's objects are loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lazy {
    /// `"select"`: one SELECT when the attribute is first read (the default).
    #[default]
    Select,
    /// `"raise"`: reading an unloaded attribute raises `InvalidRequestError`.
    Raise,
    /// `"selectin"`: a query of the parents loads every parent's collection with one
    /// `SELECT ... WHERE fk IN (...)` (one-to-many; other directions load as `"select"`).
    Selectin,
    /// `"joined"`: the query of the parents LEFT OUTER JOINs the related table (many-to-many
    /// loads as `"select"`).
    Joined,
    /// `"raise_on_sql"`: reading an unloaded attribute raises `InvalidRequestError` when it
    /// would emit SQL (a many-to-one whose object is in the identity map still loads).
    RaiseOnSql,
    /// `"noload"`: never loaded.
    NoLoad,
    /// `"dynamic"`: the attribute is a query (SQLAlchemy's `AppenderQuery`, built by the
    /// Python layer); `append()` / `remove()` change the collection without loading it (the
    /// changes wait as pending, flushed as SQLAlchemy's write-only history), and the ORM
    /// loads it as `"select"` only where it needs every row (deleting the parent).
    Dynamic,
    /// `"write_only"`: as `"dynamic"`, the attribute being SQLAlchemy 2.0's
    /// `WriteOnlyCollection` (`add()`, `remove()`, `select()`), never loaded by reading it.
    WriteOnly,
    /// `"immediate"`: loaded by its lazy load at once after the query of the parents.
    Immediate,
}

impl Lazy {
    /// Whether reading the attribute gives a query or a write-only collection, not the
    /// related objects: its collection is changed without being loaded.
    pub fn is_query(self) -> bool {
        matches!(self, Lazy::Dynamic | Lazy::WriteOnly)
    }

    /// Parses `lazy="..."`.
    ///
    /// # Failure
    /// [`Error::ArgumentError`] for an unknown strategy, worded as SQLAlchemy's.
    pub fn parse(text: &str) -> Result<Lazy> {
        Ok(match text {
            "select" | "True" => Lazy::Select,
            "raise" => Lazy::Raise,
            "selectin" => Lazy::Selectin,
            "joined" | "False" => Lazy::Joined,
            "raise_on_sql" => Lazy::RaiseOnSql,
            "noload" => Lazy::NoLoad,
            "dynamic" => Lazy::Dynamic,
            "write_only" => Lazy::WriteOnly,
            "immediate" => Lazy::Immediate,
            other => {
                return Err(Error::ArgumentError(format!(
                    "No such loader strategy: lazy={other:?}; expected one of 'select',                      'raise', 'selectin', 'joined'"
                )));
            }
        })
    }
}

/// The association table of a many-to-many relationship and how its columns link both sides.
#[derive(Debug, Clone)]
pub struct Secondary {
    /// The association table (`post_tags`).
    pub table: Rc<Table>,
    /// Its column referring to the parent (`post_id`).
    pub parent_fk: String,
    /// The parent's column it refers to (`posts.id`).
    pub parent_referred: String,
    /// Its column referring to the target (`tag_id`).
    pub target_fk: String,
    /// The target's column it refers to (`tags.id`).
    pub target_referred: String,
    /// Whether `primaryjoin=` / `secondaryjoin=` named the columns (written
    /// `secondary.c.column == column`, the order a lazy load's criteria keep).
    pub explicit: bool,
}

/// A relationship of a mapper.
#[derive(Debug, Clone)]
pub struct Relationship {
    /// The attribute name.
    pub name: String,
    /// The related class.
    pub target: Weak<Mapper>,
    /// One-to-many, many-to-one or many-to-many.
    pub direction: Direction,
    /// The foreign-key column (on the child's table; for many-to-many, the secondary's column
    /// referring to the parent).
    pub fk: String,
    /// The parent's referenced column.
    pub referred: String,
    /// The association table of a many-to-many relationship.
    pub secondary: Option<Secondary>,
    /// Whether the attribute is a collection (false for many-to-one and `uselist=False`).
    pub uselist: bool,
    /// `back_populates=` / `backref=`: the attribute on the other side kept in step.
    pub back_populates: Option<String>,
    /// `cascade="save-update"` (in the default cascade).
    pub cascade_save_update: bool,
    /// `cascade="... delete ..."`.
    pub cascade_delete: bool,
    /// `cascade="... delete-orphan"`.
    pub delete_orphan: bool,
    /// `lazy=`.
    pub lazy: Lazy,
    /// `innerjoin=True`: a `lazy="joined"` load uses JOIN instead of LEFT OUTER JOIN.
    pub innerjoin: bool,
    /// `join_depth=`: how many levels of a self-referential chain eager loads follow.
    pub join_depth: Option<usize>,
    /// `viewonly=True`: loaded and read, never written by a flush (nor cascading).
    pub viewonly: bool,
    /// `overlaps="a,b"`: relationships that may write the same columns without a warning.
    pub overlaps: Vec<String>,
    /// `order_by=`: columns of the target's table (name, descending) that order the loaded
    /// collection.
    pub order_by: Vec<(String, bool)>,
    /// `post_update=True`: the foreign key is set by a second UPDATE after the INSERTs (and
    /// cleared before the DELETEs), breaking a cycle of rows that refer to each other.
    pub post_update: bool,
    /// `passive_deletes=True`: deleting the parent leaves unloaded children to the
    /// database's `ON DELETE` rule instead of loading them.
    pub passive_deletes: bool,
}

impl Relationship {
    /// Whether an eager load of this relationship stops along `path` (the classes loaded
    /// so far) because it would go back to `target`: at once without `join_depth=`, else
    /// after that many levels.
    pub(crate) fn stops_at(&self, path: &[String], target: &str) -> bool {
        let depth = path.iter().filter(|c| *c == target).count();
        match self.join_depth {
            Some(d) => depth > d,
            None => depth > 0,
        }
    }

    /// The loader strategy `lazy=` (and `innerjoin=`) configure.
    pub fn strategy(&self) -> crate::query::Strategy {
        match crate::query::Strategy::from(self.lazy) {
            crate::query::Strategy::Joined { .. } => crate::query::Strategy::Joined {
                innerjoin: self.innerjoin,
            },
            other => other,
        }
    }

    /// The `ORDER BY` items of a load of this relationship from `from` (the target's table).
    ///
    /// Names the table lacks are left out.
    pub fn order_by_exprs(&self, from: &FromItem) -> Vec<Expr> {
        self.order_by
            .iter()
            .filter_map(|(name, desc)| {
                let c = from.c(name).ok()?;
                Some(if *desc { c.desc() } else { c })
            })
            .collect()
    }

    /// The related mapper.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] when the related class is gone.
    pub fn target(&self) -> Result<Rc<Mapper>> {
        self.target.upgrade().ok_or_else(|| {
            Error::InvalidRequestError(format!(
                "relationship '{}' lost its target class",
                self.name
            ))
        })
    }
}

/// The keyword arguments of `relationship()`.
#[derive(Debug, Clone, Default)]
pub struct RelationshipOptions {
    /// `back_populates="..."`: the other side, declared separately.
    pub back_populates: Option<String>,
    /// `backref="..."`: declares the other side too.
    pub backref: Option<String>,
    /// `cascade="..."`; `None` is SQLAlchemy's default `"save-update, merge"`.
    pub cascade: Option<String>,
    /// `secondary=table`: many-to-many through this association table.
    pub secondary: Option<Rc<Table>>,
    /// `uselist=False`: one object instead of a collection.
    pub uselist: Option<bool>,
    /// `remote_side=[...]`: column names on the remote side of a self-referential relationship
    /// (naming the primary key makes it many-to-one).
    pub remote_side: Vec<String>,
    /// `lazy=`.
    pub lazy: Lazy,
    /// `innerjoin=True`.
    pub innerjoin: bool,
    /// `join_depth=`.
    pub join_depth: Option<usize>,
    /// `viewonly=True`.
    pub viewonly: bool,
    /// `overlaps="a,b"`.
    pub overlaps: Vec<String>,
    /// `foreign_keys=[...]`: the foreign-key columns (on either table) to join by, when the
    /// tables are linked by more than one.
    pub foreign_keys: Vec<String>,
    /// `order_by=`: columns of the target's table (name, descending) ordering the collection.
    pub order_by: Vec<(String, bool)>,
    /// `backref(..., order_by=...)`: the ordering of the reverse side a `backref` declares.
    pub backref_order_by: Vec<(String, bool)>,
    /// `backref(..., cascade=...)`: the cascade of the reverse side a `backref` declares.
    pub backref_cascade: Option<String>,
    /// `post_update=True`.
    pub post_update: bool,
    /// `passive_deletes=True`.
    pub passive_deletes: bool,
    /// `primaryjoin=` / `secondaryjoin=` of a many-to-many: the association table's columns
    /// referring to the parent and to the target (instead of the first foreign keys found).
    pub secondary_fks: Option<(String, String)>,
    /// Whether those conditions were written `column == secondary.c.column` (a lazy load's
    /// criteria then read as without them).
    pub secondary_fks_reversed: bool,
}

/// Declares `parent.name = relationship(target, back_populates=..., cascade=...)`: the
/// common case of [`relationship_with`].
///
/// # Failure
/// As [`relationship_with`].
pub fn relationship(
    parent: &Rc<Mapper>,
    name: &str,
    target: &Rc<Mapper>,
    back_populates: Option<&str>,
    cascade: &str,
) -> Result<()> {
    relationship_with(
        parent,
        name,
        target,
        RelationshipOptions {
            back_populates: back_populates.map(str::to_owned),
            cascade: Some(cascade.to_owned()),
            ..RelationshipOptions::default()
        },
    )
}

/// The first foreign key of `child` that refers to `parent`: (column, referred column).
fn fk_between(child: &Table, parent: &Table) -> Option<(String, String)> {
    child.columns().iter().find_map(|c| {
        c.foreign_keys
            .iter()
            .find(|f| f.table == parent.name())
            .map(|f| (c.name.clone(), f.column.clone()))
    })
}

/// Every foreign key of `child` referring to `parent` (limited to the columns named in `only`
/// when given): (column, referred column).
fn fks_between(child: &Table, parent: &Table, only: &[String]) -> Vec<(String, String)> {
    child
        .columns()
        .iter()
        .filter(|c| only.is_empty() || only.contains(&c.name))
        .flat_map(|c| {
            c.foreign_keys
                .iter()
                .filter(|f| f.table == parent.name())
                .map(|f| (c.name.clone(), f.column.clone()))
        })
        .collect()
}

fn no_join(parent: &Mapper, name: &str) -> Error {
    Error::ArgumentError(format!(
        "Could not determine join condition between parent/child tables on relationship \
         {}.{name} - there are no foreign keys linking these tables.  Ensure that referencing \
         columns are associated with a ForeignKey or ForeignKeyConstraint, or specify a \
         'primaryjoin' expression.",
        parent.class_name()
    ))
}

/// Declares `parent.name = relationship(target, **options)`, inferring its direction from
/// the foreign keys; a `backref` declares the reverse relationship on `target` too.
///
/// # Failure
/// [`Error::ArgumentError`] when no foreign key links the tables (SQLAlchemy's "Could not
/// determine join condition" error), or when the name is already taken on the class;
/// [`Error::AmbiguousForeignKeysError`] when several do and `foreign_keys` does not choose.
pub fn relationship_with(
    parent: &Rc<Mapper>,
    name: &str,
    target: &Rc<Mapper>,
    options: RelationshipOptions,
) -> Result<()> {
    let cascade = match (&options.cascade, options.viewonly) {
        // A view-only relationship cascades nothing.
        (_, true) => "merge".to_owned(),
        (Some(c), false) => c.clone(),
        (None, false) => "save-update, merge".to_owned(),
    };
    let words: Vec<&str> = cascade.split(',').map(str::trim).collect();
    for w in &words {
        if !matches!(
            *w,
            "all"
                | "save-update"
                | "merge"
                | "delete"
                | "delete-orphan"
                | "refresh-expire"
                | "expunge"
                | "none"
                | ""
        ) {
            return Err(Error::ArgumentError(format!(
                "Invalid cascade option(s): '{w}'"
            )));
        }
    }
    let all = words.contains(&"all");
    let (direction, fk, referred, secondary) = if let Some(table) = &options.secondary {
        let pair = match &options.secondary_fks {
            Some((p, t)) => (fk_of(table, p), fk_of(table, t)),
            None => (
                fk_between(table, parent.table()),
                fk_between_other(table, target.table(), parent.table()),
            ),
        };
        let (Some((parent_fk, parent_referred)), Some((target_fk, target_referred))) = pair else {
            return Err(no_join(parent, name));
        };
        (
            Direction::ManyToMany,
            parent_fk.clone(),
            parent_referred.clone(),
            Some(Secondary {
                table: Rc::clone(table),
                parent_fk,
                parent_referred,
                target_fk,
                target_referred,
                explicit: options.secondary_fks.is_some() && !options.secondary_fks_reversed,
            }),
        )
    } else {
        let only = &options.foreign_keys;
        let up = fks_between(parent.table(), target.table(), only);
        let ambiguous = || {
            Error::AmbiguousForeignKeysError(format!(
                "Could not determine join condition between parent/child tables on \
                 relationship {}.{name} - there are multiple foreign key paths linking the \
                 tables.  Specify the 'foreign_keys' argument, providing a list of those \
                 columns which should be counted as containing a foreign key reference to the \
                 parent table.",
                parent.class_name()
            ))
        };
        let one = |mut candidates: Vec<(String, String)>| match candidates.len() {
            0 => Err(no_join(parent, name)),
            1 => Ok(candidates.remove(0)),
            _ => Err(ambiguous()),
        };
        if Rc::ptr_eq(parent, target) {
            let (fk, referred) = one(up)?;
            let direction = if options.remote_side.contains(&referred) {
                Direction::ManyToOne
            } else {
                Direction::OneToMany
            };
            (direction, fk, referred, None)
        } else {
            let down = fks_between(target.table(), parent.table(), only);
            match (up.is_empty(), down.is_empty()) {
                (false, true) => {
                    let (fk, referred) = one(up)?;
                    (Direction::ManyToOne, fk, referred, None)
                }
                (true, false) => {
                    let (fk, referred) = one(down)?;
                    (Direction::OneToMany, fk, referred, None)
                }
                (false, false) => return Err(ambiguous()),
                (true, true) => return Err(no_join(parent, name)),
            }
        }
    };
    if parent.relationship(name).is_some() || parent.table().column_index(name).is_some() {
        return Err(Error::ArgumentError(format!(
            "Property {name} on Mapper[{}({})] conflicts with an existing attribute",
            parent.class_name(),
            parent.table().name()
        )));
    }
    let uselist = options.uselist.unwrap_or(direction != Direction::ManyToOne);
    let back = options.back_populates.clone().or(options.backref.clone());
    parent.push_relationship(Relationship {
        name: name.to_owned(),
        target: Rc::downgrade(target),
        direction,
        fk,
        referred,
        secondary,
        uselist,
        back_populates: back,
        cascade_save_update: all || words.contains(&"save-update"),
        cascade_delete: all || words.contains(&"delete"),
        delete_orphan: words.contains(&"delete-orphan"),
        lazy: options.lazy,
        innerjoin: options.innerjoin,
        join_depth: options.join_depth,
        viewonly: options.viewonly,
        overlaps: options.overlaps.clone(),
        order_by: options.order_by.clone(),
        post_update: options.post_update,
        passive_deletes: options.passive_deletes,
    });
    if let Some(backref) = &options.backref {
        let remote_side = if Rc::ptr_eq(parent, target) && direction == Direction::OneToMany {
            parent
                .relationship(name)
                .map(|r| vec![r.referred])
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        relationship_with(
            target,
            backref,
            parent,
            RelationshipOptions {
                back_populates: Some(name.to_owned()),
                secondary: options.secondary.clone(),
                foreign_keys: options.foreign_keys.clone(),
                remote_side,
                order_by: options.backref_order_by.clone(),
                cascade: options.backref_cascade.clone(),
                secondary_fks: options.secondary_fks.clone().map(|(p, t)| (t, p)),
                ..RelationshipOptions::default()
            },
        )?;
    }
    Ok(())
}

/// Column `name` of `table` and the column its foreign key refers to.
fn fk_of(table: &Table, name: &str) -> Option<(String, String)> {
    let c = table.get_column(name)?;
    let f = c.foreign_keys.first()?;
    Some((c.name.clone(), f.column.clone()))
}

/// For an association table: its foreign key to `target`, skipping the one used for `parent`
/// when both sides are the same table.
fn fk_between_other(table: &Table, target: &Table, parent: &Table) -> Option<(String, String)> {
    let first = fk_between(table, parent);
    table.columns().iter().find_map(|c| {
        c.foreign_keys
            .iter()
            .find(|f| f.table == target.name() && first.as_ref().is_none_or(|(n, _)| *n != c.name))
            .map(|f| (c.name.clone(), f.column.clone()))
    })
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_kinds;

#[cfg(test)]
mod tests_order;

#[cfg(test)]
mod tests_pending;
