//! Entities in a query: a mapped class (`User`) or an `aliased(User)`, and the columns and
//! relationship joins they provide.

use crate::error::{Error, Result};
use crate::mapper::Mapper;
use crate::relationship::{Direction, Relationship};
use crate::sql::{Expr, FromItem, Source, alias, and_, anon_alias};
use std::rc::Rc;

/// A mapped class as it appears in a query: the mapper and the FROM item its columns come from
/// (its table, or an alias of it).
#[derive(Debug, Clone)]
pub struct Entity {
    /// The mapped class.
    pub mapper: Rc<Mapper>,
    /// Its table or alias.
    pub from: FromItem,
}

/// `aliased(User)` (numbered `users_1` when compiled) or `aliased(User, name="u")`.
pub fn aliased(mapper: &Rc<Mapper>, name: Option<&str>) -> Entity {
    let from = match name {
        Some(n) => alias(mapper.table(), n),
        None => anon_alias(mapper.table()),
    };
    Entity {
        mapper: Rc::clone(mapper),
        from,
    }
}

impl Entity {
    /// The class itself (`User`), reading from its table.
    pub fn of(mapper: &Rc<Mapper>) -> Entity {
        Entity {
            mapper: Rc::clone(mapper),
            from: FromItem::Table(Rc::clone(mapper.table())),
        }
    }

    /// `User.name`: the column of attribute `name`.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] worded as Python's `AttributeError` for a class
    /// attribute: `type object 'User' has no attribute 'nme'`.
    pub fn c(&self, name: &str) -> Result<Expr> {
        if self.mapper.table().column_index(name).is_none() {
            return Err(Error::InvalidRequestError(format!(
                "type object '{}' has no attribute '{name}'",
                self.mapper.class_name()
            )));
        }
        self.from.c(name)
    }

    /// Every column of the entity, in table order.
    pub fn columns(&self) -> Vec<Expr> {
        let source = self.source();
        let from = Rc::new(self.from.clone());
        self.mapper
            .table()
            .columns()
            .iter()
            .map(|c| Expr::Column {
                source: source.clone(),
                name: c.name.clone(),
                from: Rc::clone(&from),
            })
            .collect()
    }

    fn source(&self) -> Source {
        self.from
            .source()
            .unwrap_or_else(|| Source::Named(self.mapper.table().name().to_owned()))
    }

    /// The relationship `name` of this entity's class.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] for an unknown relationship.
    pub fn relationship(&self, name: &str) -> Result<Relationship> {
        self.mapper.relationship(name).ok_or_else(|| {
            Error::InvalidRequestError(format!(
                "type object '{}' has no attribute '{name}'",
                self.mapper.class_name()
            ))
        })
    }
}

impl Entity {
    /// `Parent.rel.any(criterion)` (collections) / `Parent.rel.has(criterion)` (scalars):
    /// `EXISTS (SELECT 1 FROM <related> WHERE <relationship's join> AND <criterion>)`,
    /// correlated to this entity.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] for an unknown relationship, or for `any()` on a
    /// scalar relationship / `has()` on a collection, worded as SQLAlchemy's.
    pub fn any(&self, rel: &str, criterion: Option<Expr>) -> Result<Expr> {
        self.exists_related(rel, criterion, true)
    }

    /// `Parent.rel.has(criterion)`; see [`Entity::any`].
    ///
    /// # Failure
    /// As [`Entity::any`].
    pub fn has(&self, rel: &str, criterion: Option<Expr>) -> Result<Expr> {
        self.exists_related(rel, criterion, false)
    }

    fn exists_related(&self, name: &str, criterion: Option<Expr>, any: bool) -> Result<Expr> {
        let rel = self.relationship(name)?;
        if rel.uselist != any {
            return Err(Error::InvalidRequestError(if any {
                format!(
                    "'any()' not implemented for scalar attributes. Use has(). ({}.{name})",
                    self.mapper.class_name()
                )
            } else {
                format!(
                    "'has()' not implemented for collections. Use any(). ({}.{name})",
                    self.mapper.class_name()
                )
            }));
        }
        let target = Entity::of(&rel.target()?);
        let mut from = Vec::new();
        let mut crit = Vec::new();
        match (&rel.direction, &rel.secondary) {
            (Direction::ManyToMany, Some(sec)) => {
                let link = FromItem::Table(Rc::clone(&sec.table));
                crit.push(
                    self.from
                        .c(&sec.parent_referred)?
                        .eq(link.c(&sec.parent_fk)?),
                );
                crit.push(
                    target
                        .from
                        .c(&sec.target_referred)?
                        .eq(link.c(&sec.target_fk)?),
                );
                from.push(link);
                from.push(target.from.clone());
            }
            _ => {
                for (_, on) in join_path(self, &rel, &target)? {
                    crit.push(on);
                }
                from.push(target.from.clone());
            }
        }
        crit.extend(criterion);
        let mut inner = crate::sql::select(vec![Expr::LiteralText("1".to_owned())]);
        for f in from {
            inner = inner.select_from(f);
        }
        Ok(crate::sql::exists(inner.where_(and_(crit))))
    }
}

/// The FROM items and ON clauses that join `target` to `parent` along `rel`, as
/// SQLAlchemy writes a relationship's primaryjoin (the referenced column on the left).
pub(crate) fn join_path(
    parent: &Entity,
    rel: &Relationship,
    target: &Entity,
) -> Result<Vec<(FromItem, Expr)>> {
    Ok(match rel.direction {
        Direction::OneToMany => vec![(
            target.from.clone(),
            parent.from.c(&rel.referred)?.eq(target.from.c(&rel.fk)?),
        )],
        Direction::ManyToOne => vec![(
            target.from.clone(),
            target.from.c(&rel.referred)?.eq(parent.from.c(&rel.fk)?),
        )],
        Direction::ManyToMany => {
            let Some(sec) = &rel.secondary else {
                return Ok(Vec::new());
            };
            let link = anon_alias(&sec.table);
            vec![
                (
                    link.clone(),
                    parent
                        .from
                        .c(&sec.parent_referred)?
                        .eq(link.c(&sec.parent_fk)?),
                ),
                (
                    target.from.clone(),
                    target
                        .from
                        .c(&sec.target_referred)?
                        .eq(link.c(&sec.target_fk)?),
                ),
            ]
        }
    })
}
