//! Entities in a query: a mapped class (`User`) or an `aliased(User)`, and the columns and
//! relationship joins they provide.

use crate::error::{Error, Result};
use crate::mapper::Mapper;
use crate::relationship::{Direction, Relationship};
use crate::session::{ObjectId, Store};
use crate::sql::{Expr, FromItem, Source, alias, and_, anon_alias};
use crate::value::Value;
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
    /// [`Error::AttributeError`] for an unknown class attribute: `type object 'User' has no attribute 'nme'`.
    pub fn c(&self, name: &str) -> Result<Expr> {
        if self.mapper.table().column_index(name).is_none() {
            return Err(Error::AttributeError(format!(
                "type object '{}' has no attribute '{name}'",
                self.mapper.class_name()
            )));
        }
        if self.joined() {
            return self.mapper.joined_column(name);
        }
        if let Some(alias) = self.joined_alias_of(name) {
            return alias.c(name);
        }
        self.from.c(name)
    }

    /// For an aliased joined-table subclass (its tables' aliases joined): the alias of the
    /// table holding column `name`.
    fn joined_alias_of(&self, name: &str) -> Option<&FromItem> {
        if !matches!(self.from, FromItem::Join { .. }) || !self.mapper.is_joined() {
            return None;
        }
        let table = self.mapper.column_table(name);
        find_alias(&self.from, table.name())
    }

    /// Whether this is a joined-table inheritance subclass read from its tables (not an
    /// alias).
    pub(crate) fn joined(&self) -> bool {
        matches!(self.from, FromItem::Table(_)) && self.mapper.is_joined()
    }

    /// Every column of the entity, in table order.
    pub fn columns(&self) -> Vec<Expr> {
        if self.joined() {
            return self
                .mapper
                .joined_columns()
                .iter()
                .filter_map(|c| FromItem::Table(Rc::clone(&c.table)).c(&c.name).ok())
                .collect();
        }
        if matches!(self.from, FromItem::Join { .. }) && self.mapper.is_joined() {
            return self
                .mapper
                .joined_columns()
                .iter()
                .filter_map(|c| find_alias(&self.from, c.table.name())?.c(&c.name).ok())
                .collect();
        }
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

    /// The `column_property()` expressions of the class, on this entity's source: (name,
    /// column).
    ///
    /// # Failure
    /// [`Error::NoSuchColumnError`] for a column the entity's source lacks.
    pub fn expression_columns(&self) -> Result<Vec<(String, Expr)>> {
        let table = self.mapper.table().name().to_owned();
        let mut out = Vec::new();
        for (name, expr) in self.mapper.expressions() {
            let on_entity = expr.map_columns(&mut |c| match &c {
                Expr::Column {
                    source: Source::Named(t),
                    name,
                    ..
                } if *t == table => self.from.c(name),
                _ => Ok(c),
            })?;
            // Unlabelled: the compiler names it as SQLAlchemy's anonymous label does
            // (`length_1` for a function, `anon_1` otherwise), counted over the statement.
            out.push((name, on_entity));
        }
        Ok(out)
    }

    fn source(&self) -> Source {
        self.from
            .source()
            .unwrap_or_else(|| Source::Named(self.mapper.table().name().to_owned()))
    }

    /// The relationship `name` of this entity's class.
    ///
    /// # Failure
    /// [`Error::AttributeError`] for an unknown relationship.
    pub fn relationship(&self, name: &str) -> Result<Relationship> {
        self.mapper.relationship(name).ok_or_else(|| {
            Error::AttributeError(format!(
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
    /// [`Error::AttributeError`] for an unknown relationship; [`Error::InvalidRequestError`]
    /// for `any()` on a
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

    /// `Child.parent == obj` for a many-to-one: `:param_1 = child.fk` with `obj`'s key (as
    /// loaded or flushed), or `child.fk IS NULL` for `None`; `negate` gives
    /// `Child.parent != obj`: `child.fk != :fk_1 OR child.fk IS NULL`.
    ///
    /// # Failure
    /// [`Error::AttributeError`] for an unknown relationship; [`Error::InvalidRequestError`]
    /// for one that is not
    /// many-to-one; [`Error::UnmappedInstanceError`] for an unknown object.
    pub fn rel_eq(
        &self,
        rel: &str,
        store: &Store,
        obj: Option<ObjectId>,
        negate: bool,
    ) -> Result<Expr> {
        let relationship = self.relationship(rel)?;
        if relationship.direction != Direction::ManyToOne {
            return Err(Error::InvalidRequestError(format!(
                "Can't compare a collection to an object or collection; use contains() to                  test for membership. ({}.{rel})",
                self.mapper.class_name()
            )));
        }
        let fk = self.from.c(&relationship.fk)?;
        let Some(obj) = obj else {
            return Ok(if negate {
                fk.is_not_null()
            } else {
                fk.is_null()
            });
        };
        let key = column_value(store, obj, &relationship.referred)?;
        Ok(if negate {
            crate::sql::or_(vec![fk.clone().ne(key), fk.is_null()])
        } else {
            crate::sql::literal(key).eq(fk)
        })
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
                // SQLAlchemy's `select_from(target)` puts the target before the association
                // table the criteria bring in.
                from.push(target.from.clone());
                from.push(link);
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

/// `with_parent(obj, Parent.rel)`: the criterion selecting `obj`'s related rows of a
/// one-to-many relationship, `:param_1 = child.fk`.
///
/// # Failure
/// [`Error::AttributeError`] for an unknown relationship; [`Error::InvalidRequestError`]
/// for one that is not one-to-many; [`Error::UnmappedInstanceError`] for an unknown object.
pub fn with_parent(store: &Store, obj: ObjectId, rel: &str) -> Result<Expr> {
    let mapper = Rc::clone(&store.get(obj)?.mapper);
    let parent = Entity::of(&mapper);
    let relationship = parent.relationship(rel)?;
    let target = Entity::of(&relationship.target()?);
    match relationship.direction {
        // `:param_1 = address.user_id`
        Direction::OneToMany => {
            let key = column_value(store, obj, &relationship.referred)?;
            Ok(crate::sql::literal(key).eq(target.from.c(&relationship.fk)?))
        }
        // `user_account.id = :param_1`
        Direction::ManyToOne => {
            let key = column_value(store, obj, &relationship.fk)?;
            Ok(target
                .from
                .c(&relationship.referred)?
                .eq(crate::sql::literal(key)))
        }
        Direction::ManyToMany => Err(Error::InvalidRequestError(format!(
            "with_parent() supports one-to-many and many-to-one relationships here ({}.{rel})",
            mapper.class_name()
        ))),
    }
}

/// The value of column `col` of `obj`, as set, loaded or flushed (NULL when unknown).
fn column_value(store: &Store, obj: ObjectId, col: &str) -> Result<Value> {
    let inst = store.get(obj)?;
    let pos = inst.mapper.attr(col)?;
    Ok(inst.values[pos]
        .clone()
        .or_else(|| inst.committed[pos].clone())
        .unwrap_or(Value::Null))
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

/// The alias of table `table` in a join of aliases.
fn find_alias<'a>(from: &'a FromItem, table: &str) -> Option<&'a FromItem> {
    match from {
        FromItem::Join { left, right, .. } => {
            find_alias(left, table).or_else(|| find_alias(right, table))
        }
        FromItem::Alias { table: t, .. } if t.name() == table => Some(from),
        _ => None,
    }
}
