//! Eager loading, from a relationship's `lazy=` or a query's loader options
//! ([`super::options`]):
//!
//! - joined (`lazy="joined"`, `joinedload()`): the query of the parents LEFT OUTER JOINs (or,
//!   with `innerjoin=True`, JOINs) an anonymous alias of the related table; its columns follow
//!   the parent's (a nested joined load's columns come before its parent load's, as SQLAlchemy
//!   orders them) and the relationship's `order_by` follows the statement's ORDER BY;
//! - `contains_eager()`: the related objects come from a table the statement already joins;
//!   their columns come before the entity's;
//! - selectin (`lazy="selectin"`, `selectinload()`, see [`super::selectin`]) and `noload`: run
//!   by `Session::post_load` after the query, on the objects each level loaded, further
//!   along the paths of the options.
//!
//! A configured eager load does not go back to a class already on its path (SQLAlchemy's
//! cycle rule); one an option names explicitly does.

use super::Entity;
use super::options::{LoaderOption, Strategy, effective, effective_of_type, named};
use crate::error::Result;
use crate::mapper::Mapper;
use crate::relationship::Secondary;
use crate::relationship::{Direction, Relationship};
use crate::session::{ObjectId, Session, identity_key};
use crate::sql::{Expr, FromItem, Select, anon_alias};
use crate::value::Value;
use std::collections::HashMap;
use std::rc::Rc;

/// A relationship loaded from columns of the query itself (joined or `contains_eager`).
#[derive(Debug, Clone)]
pub(crate) struct EagerJoin {
    /// The relationship.
    pub rel: Relationship,
    /// Where its objects' columns come from: an anonymous alias, or the joined entity.
    pub target: Entity,
    /// The join to add (`None` for `contains_eager`): the ON clause and whether it is inner.
    /// For a many-to-many it joins the association table's alias to the parent.
    pub join: Option<(Expr, bool)>,
    /// A many-to-many's association table alias and the ON clause joining the target's
    /// alias to it.
    pub secondary: Option<(FromItem, Expr)>,
    /// Joined loads of the target's own relationships.
    pub nested: Vec<EagerJoin>,
    /// The options for the target's level (its selectin loads after the query).
    pub below: Vec<LoaderOption>,
    /// Its number in the query, indexing the objects it loaded.
    pub idx: usize,
}

impl EagerJoin {
    /// Its columns in the order the query selects them: nested loads first.
    pub(crate) fn width(&self) -> usize {
        self.nested.iter().map(EagerJoin::width).sum::<usize>()
            + self.target.mapper.expressions().len()
            + self.target.mapper.row_width()
    }

    /// Whether this or a nested load fills a collection.
    pub(crate) fn has_collection(&self) -> bool {
        self.rel.uselist || self.nested.iter().any(EagerJoin::has_collection)
    }
}

/// The eager loads of one entity of a query: `contains_eager` ones, then joined ones.
#[derive(Debug, Clone, Default)]
pub(crate) struct EntityLoads {
    /// `contains_eager()` loads (columns before the entity's).
    pub contains: Vec<EagerJoin>,
    /// Joined loads (columns after the entity's).
    pub joined: Vec<EagerJoin>,
    /// The options at the entity's level.
    pub options: Vec<LoaderOption>,
    /// The `column_property()` names whose columns come just before the entity's.
    pub expressions: Vec<String>,
    /// The entity's own columns the statement selects (positions in table order; all of
    /// them unless columns are deferred).
    pub columns: Vec<usize>,
    /// Its deferred columns: (position, raise on read).
    pub deferred: Vec<(usize, bool)>,
    /// The column options that deferred them (part of the cache key of their loads).
    pub deferred_key: std::rc::Rc<str>,
}

/// Plans the joined and `contains_eager` loads of `ent` given the query's options and the
/// entities it joins to; `counter` numbers the loads.
pub(crate) fn plan(
    ent: &Entity,
    options: &[LoaderOption],
    joined_to: &[Entity],
    counter: &mut usize,
) -> Result<EntityLoads> {
    plan_from(ent, options, joined_to, counter, &|name| ent.from.c(name))
}

/// As [`plan`], with the entity's columns in the ON clauses of its joins read through
/// `parent_c` (the columns of a subquery wrapping the entity).
pub(crate) fn plan_from(
    ent: &Entity,
    options: &[LoaderOption],
    joined_to: &[Entity],
    counter: &mut usize,
    parent_c: &dyn Fn(&str) -> Result<Expr>,
) -> Result<EntityLoads> {
    let mut path = vec![ent.mapper.class_name().to_owned()];
    let level = Level {
        joined_to,
        parent_c,
        top: true,
    };
    let (contains, joined) = plan_level(ent, options, &level, counter, &mut path)?;
    Ok(EntityLoads {
        contains,
        joined,
        options: options.to_vec(),
        expressions: Vec::new(),
        columns: (0..ent.mapper.width()).collect(),
        deferred: Vec::new(),
        deferred_key: std::rc::Rc::from(""),
    })
}

type Planned = (Vec<EagerJoin>, Vec<EagerJoin>);

/// Where a level of eager loads starts.
struct Level<'a> {
    /// The entities the statement joins to (`contains_eager` reads from them).
    joined_to: &'a [Entity],
    /// The parent's columns.
    parent_c: &'a dyn Fn(&str) -> Result<Expr>,
    /// Whether this is the queried entity's own level.
    top: bool,
}

fn plan_level(
    ent: &Entity,
    options: &[LoaderOption],
    level: &Level<'_>,
    counter: &mut usize,
    path: &mut Vec<String>,
) -> Result<Planned> {
    let (joined_to, top) = (level.joined_to, level.top);
    let mut contains = Vec::new();
    let mut joined = Vec::new();
    let mut joined_secondary = None;
    for rel in ent.mapper.all_relationships() {
        let (strategy, below, of_type) = effective_of_type(&ent.mapper, &rel, options);
        let target = rel.target()?;
        match strategy {
            Strategy::Joined { innerjoin } => {
                let cycle = rel.stops_at(path, target.class_name());
                if cycle && !named(&ent.mapper, &rel, options) {
                    continue;
                }
                let alias = if target.is_joined() {
                    super::inheritance::aliased_joined(&target)?
                } else {
                    Entity {
                        mapper: Rc::clone(&target),
                        from: anon_alias(target.table()),
                    }
                };
                let parent_c = level.parent_c;
                let on = match (rel.direction, &rel.secondary) {
                    (Direction::ManyToMany, Some(sec)) => {
                        secondary_joins(&mut joined_secondary, sec, &alias, parent_c)?
                    }
                    (Direction::ManyToOne, _) => alias.c(&rel.referred)?.eq(parent_c(&rel.fk)?),
                    _ => parent_c(&rel.referred)?.eq(alias.c(&rel.fk)?),
                };
                // A single-table subclass's identities go in the ON clause.
                let on = match target.single_table_criterion(&alias.from)? {
                    Some(c) => crate::sql::and_(vec![on, c]),
                    None => on,
                };
                path.push(target.class_name().to_owned());
                let nested_level = Level {
                    joined_to: &[],
                    parent_c: &|name| alias.c(name),
                    top: false,
                };
                let (_, nested) = plan_level(&alias, &below, &nested_level, counter, path)?;
                path.pop();
                *counter += 1;
                joined.push(EagerJoin {
                    rel,
                    target: alias,
                    join: Some((on, innerjoin)),
                    secondary: joined_secondary.take(),
                    nested,
                    below,
                    idx: *counter - 1,
                });
            }
            Strategy::ContainsEager if top => {
                let from = of_type.unwrap_or_else(|| {
                    joined_to
                        .iter()
                        .rev()
                        .find(|e| e.mapper.class_name() == target.class_name())
                        .cloned()
                        .unwrap_or_else(|| Entity::of(&target))
                });
                *counter += 1;
                contains.push(EagerJoin {
                    rel,
                    target: from,
                    join: None,
                    secondary: None,
                    nested: Vec::new(),
                    below,
                    idx: *counter - 1,
                });
            }
            _ => {}
        }
    }
    Ok((contains, joined))
}

/// The joins of a many-to-many's joined load: an alias of the association table, joined to
/// the target's `alias` (kept in `out`), and the ON clause joining it to the parent.
fn secondary_joins(
    out: &mut Option<(FromItem, Expr)>,
    sec: &Secondary,
    alias: &Entity,
    parent_c: &dyn Fn(&str) -> Result<Expr>,
) -> Result<Expr> {
    let link = anon_alias(&sec.table);
    let inner = alias
        .from
        .c(&sec.target_referred)?
        .eq(link.c(&sec.target_fk)?);
    let outer = parent_c(&sec.parent_referred)?.eq(link.c(&sec.parent_fk)?);
    *out = Some((link, inner));
    Ok(outer)
}

/// The columns of `loads` in the order the query selects them (a nested load's before its
/// parent load's).
pub(crate) fn eager_columns(loads: &[EagerJoin]) -> Result<Vec<Expr>> {
    let mut out = Vec::new();
    for load in loads {
        out.extend(eager_columns(&load.nested)?);
        // The target's `column_property()` expressions come before its columns, as
        // SQLAlchemy selects them.
        out.extend(
            load.target
                .expression_columns()?
                .into_iter()
                .map(|(_, c)| c),
        );
        out.extend(load.target.columns());
    }
    Ok(out)
}

/// Adds the joins of `loads` (and their nested loads) to `select`, and their `order_by`.
pub(crate) fn add_joins(select: &mut Select, loads: &[EagerJoin]) {
    for load in loads {
        if let Some((on, inner)) = &load.join {
            let from = load.target.from.clone();
            *select = match (&load.secondary, *inner) {
                // An inner many-to-many join is flat: `JOIN link ON ... JOIN target ON ...`.
                (Some((link, link_on)), true) => std::mem::take(select)
                    .join(link.clone(), Some(on.clone()))
                    .join(from, Some(link_on.clone())),
                // An outer one groups the link and the target:
                // `LEFT OUTER JOIN (link JOIN target ON ...) ON ...`.
                (Some((link, link_on)), false) => {
                    let nested = FromItem::Join {
                        left: Box::new(link.clone()),
                        right: Box::new(from),
                        on: Box::new(link_on.clone()),
                        outer: false,
                        full: false,
                    };
                    std::mem::take(select).outerjoin(nested, Some(on.clone()))
                }
                (None, true) => std::mem::take(select).join(from, Some(on.clone())),
                (None, false) => std::mem::take(select).outerjoin(from, Some(on.clone())),
            };
            select
                .order_by
                .extend(super::inheritance::eager_order_by(load));
        }
        add_joins(select, &load.nested);
    }
}

/// What one result's eager loads have done so far.
#[derive(Debug, Default)]
pub(crate) struct LoadState {
    /// (parent, relationship) → whether this result fills it (it was not loaded, or
    /// `populate_existing`).
    pub(crate) started: HashMap<(ObjectId, String), bool>,
    /// The objects each eager load (by [`EagerJoin::idx`]) loaded, in order.
    pub collected: Vec<Vec<ObjectId>>,
    /// (load, object) pairs already in `collected`.
    pub(crate) collected_set: std::collections::HashSet<(usize, ObjectId)>,
    /// (parent, relationship's address, child) links made: a joined load's rows repeat a
    /// child, its parent's collection takes it once (one look, not a scan of it).
    pub(crate) linked: crate::session::FxHashSet<(ObjectId, usize, ObjectId)>,
    /// `populate_existing`: loaded objects and relationships are overwritten.
    pub populate: bool,
    /// The query's own clauses and the class it loads, for its `subqueryload()`s (which
    /// select the parents' keys again from them).
    pub origin: Option<super::subquery_load::Origin>,
}

impl Session {
    /// Reads the columns of `load` (nested loads first) from `row` at `at`: the related
    /// object, linked to those of its nested loads.
    pub(crate) fn read_eager(
        &mut self,
        load: &EagerJoin,
        row: &[Value],
        at: &mut usize,
        populate: bool,
        st: &mut LoadState,
    ) -> Result<Option<ObjectId>> {
        let mut nested = Vec::with_capacity(load.nested.len());
        for n in &load.nested {
            nested.push(self.read_eager(n, row, at, populate, st)?);
        }
        let names: Vec<String> = load
            .target
            .mapper
            .expressions()
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        let exprs = row.get(*at..*at + names.len()).unwrap_or(&[]).to_vec();
        *at += names.len();
        let width = load.target.mapper.row_width();
        let part = row.get(*at..*at + width).unwrap_or(&[]);
        *at += width;
        let obj = self.hydrate_part(&load.target.mapper, part, populate)?;
        if let Some(id) = obj
            && !names.is_empty()
        {
            let values = self.expression_values.entry(id).or_default();
            for (name, v) in names.into_iter().zip(exprs) {
                if populate || !values.contains_key(&name) {
                    values.insert(name, v);
                }
            }
        }
        if let Some(o) = obj {
            for (n, child) in load.nested.iter().zip(nested) {
                self.link_eager(o, &n.rel, child, populate, st)?;
            }
            if st.collected.len() <= load.idx {
                st.collected.resize(load.idx + 1, Vec::new());
            }
            if st.collected_set.insert((load.idx, o)) {
                st.collected[load.idx].push(o);
            }
        }
        Ok(obj)
    }

    /// Puts `child` (or nothing, for an outer join that found no row) in `rel` of `parent`,
    /// unless `parent` had it loaded already (and `populate_existing` is off).
    pub(crate) fn link_eager(
        &mut self,
        parent: ObjectId,
        rel: &Relationship,
        child: Option<ObjectId>,
        populate: bool,
        st: &mut LoadState,
    ) -> Result<()> {
        let key = (parent, rel.name.clone());
        let filling = match st.started.get(&key) {
            Some(&f) => f,
            None => {
                let loaded = self.store.borrow().related(parent, &rel.name)?.is_some();
                let f = populate || !loaded;
                if f {
                    let mut store = self.store.borrow_mut();
                    let inst = store.get_mut(parent)?;
                    inst.extras.related.insert(rel.name.clone(), Vec::new());
                    if rel.direction == Direction::ManyToMany {
                        // The association rows as loaded: what the flush diffs against.
                        inst.extras.links.insert(rel.name.clone(), Vec::new());
                    }
                }
                st.started.insert(key, f);
                f
            }
        };
        let Some(c) = child.filter(|_| filling) else {
            return Ok(());
        };
        let first_link = st
            .linked
            .insert((parent, std::ptr::from_ref(rel) as usize, c));
        let mut store = self.store.borrow_mut();
        let list = store
            .get_mut(parent)?
            .extras
            .related
            .entry(rel.name.clone())
            .or_default();
        if !rel.uselist {
            *list = vec![c];
        } else if first_link {
            list.push(c);
        }
        if rel.direction == Direction::ManyToMany && first_link {
            let inst = store.get_mut(parent)?;
            inst.extras
                .links
                .entry(rel.name.clone())
                .or_default()
                .push(c);
        }
        if rel.direction == Direction::OneToMany
            && let Some(back) = &rel.back_populates
        {
            store
                .get_mut(c)?
                .extras
                .related
                .entry(back.clone())
                .or_insert_with(|| vec![parent]);
        }
        Ok(())
    }

    /// After a query: the selectin loads of `objs` (objects of `mapper`) as `options` and the
    /// configured `lazy=` say, then those of the objects `loads` brought in, then further
    /// along the paths.
    pub(crate) fn post_load(
        &mut self,
        mapper: &Rc<Mapper>,
        objs: &[ObjectId],
        options: &[LoaderOption],
        loads: &[&EagerJoin],
        st: &LoadState,
        path: &mut Vec<String>,
    ) -> Result<()> {
        let populate = st.populate;
        if !objs.is_empty() {
            for rel in mapper.all_relationships() {
                let (strategy, below) = effective(mapper, &rel, options);
                if strategy == Strategy::NoLoad {
                    // `noload`: the attribute is set empty as the object loads.
                    let mut store = self.store.borrow_mut();
                    for &o in objs {
                        let related = &mut store.get_mut(o)?.extras.related;
                        if populate || !related.contains_key(&rel.name) {
                            related.insert(rel.name.clone(), Vec::new());
                        }
                    }
                    continue;
                }
                if strategy == Strategy::Immediate {
                    for &o in objs {
                        self.related(o, &rel.name)?;
                    }
                    continue;
                }
                if matches!(strategy, Strategy::Select | Strategy::Raise { .. }) {
                    self.override_lazy(&rel, strategy, objs, populate)?;
                }
                if strategy == Strategy::Subquery
                    && let Some(origin) = &st.origin
                    && origin.continues_at(mapper, path)
                {
                    let origin = origin.clone();
                    let target = rel.target()?;
                    path.push(target.class_name().to_owned());
                    self.subquery_rel(mapper, &rel, &below, &origin, objs, populate, path)?;
                    path.pop();
                    continue;
                }
                if strategy == Strategy::Subquery {
                    return Err(crate::Error::NotImplementedError(
                        "subqueryload() in a query of more than one entity or column, or \
                         below a relationship loaded another way, is not supported by Retort \
                         yet"
                        .to_owned(),
                    ));
                }
                if strategy != Strategy::Selectin {
                    continue;
                }
                let target = rel.target()?;
                let cycle = rel.stops_at(path, target.class_name());
                if cycle && !named(mapper, &rel, options) {
                    continue;
                }
                let cycle_ok = path.iter().any(|c| c == target.class_name());
                let mut cache_key = format!("selectin:{}.{}", mapper.class_name(), rel.name);
                if named(mapper, &rel, options) || (cycle_ok && rel.join_depth.is_some()) {
                    cache_key = format!("{cache_key}:option:{}", path.join("."));
                } else if !options.is_empty() {
                    // SQLAlchemy carries the query's loader options into the load's own
                    // statement, whose cache key they are part of.
                    cache_key = format!("{cache_key}:with:{options:?}");
                }
                let load = super::selectin::SelectinLoad {
                    rel: &rel,
                    below: &below,
                    cache_key,
                };
                path.push(target.class_name().to_owned());
                self.selectin_rel(mapper, &load, objs, populate, path)?;
                path.pop();
            }
        }
        for load in loads {
            let objs = st.collected.get(load.idx).cloned().unwrap_or_default();
            let nested: Vec<&EagerJoin> = load.nested.iter().collect();
            path.push(load.target.mapper.class_name().to_owned());
            self.post_load(&load.target.mapper, &objs, &load.below, &nested, st, path)?;
            path.pop();
        }
        Ok(())
    }

    /// A `lazyload()` / `raiseload()` option's strategy for `rel` of `objs` (where the query
    /// populates the attribute): a per-object loader, as SQLAlchemy's instance-level loader
    /// callables; the relationship's own strategy under `populate_existing` resets it.
    fn override_lazy(
        &mut self,
        rel: &crate::relationship::Relationship,
        strategy: Strategy,
        objs: &[ObjectId],
        populate: bool,
    ) -> Result<()> {
        use crate::relationship::Lazy;
        let class_level = strategy == rel.strategy();
        let lazy = match strategy {
            Strategy::Raise { sql_only: true } => Lazy::RaiseOnSql,
            Strategy::Raise { sql_only: false } => Lazy::Raise,
            _ => Lazy::Select,
        };
        let mut store = self.store.borrow_mut();
        for &o in objs {
            let inst = store.get_mut(o)?;
            if !populate && inst.extras.related.contains_key(&rel.name) {
                continue;
            }
            if class_level {
                if populate && let Some(extras) = inst.extras.if_any() {
                    extras.lazy_override.retain(|(n, _)| *n != rel.name);
                }
            } else {
                inst.extras.lazy_override.push((rel.name.clone(), lazy));
            }
        }
        Ok(())
    }

    /// What reading the unloaded relationship `name` of `id` must do under a raise strategy
    /// (`lazy="raise"` / `"raise_on_sql"`): `Err(InvalidRequestError)` worded as
    /// SQLAlchemy's when it must raise, `Ok(())` when the load may proceed (a many-to-one
    /// whose object is in the identity map emits no SQL, so `raise_on_sql` lets it load).
    ///
    /// # Failure
    /// [`crate::Error::InvalidRequestError`] as described.
    pub fn check_raise_load(&self, id: ObjectId, name: &str) -> Result<()> {
        let store = self.store.borrow();
        let inst = store.get(id)?;
        let Some(rel) = inst.mapper.relationship(name) else {
            return Ok(());
        };
        let raise = |mode: &str| {
            Err(crate::Error::InvalidRequestError(format!(
                "'{}.{name}' is not available due to lazy='{mode}'",
                inst.mapper.class_name()
            )))
        };
        match inst.lazy_of(&rel) {
            crate::relationship::Lazy::Raise => raise("raise"),
            crate::relationship::Lazy::RaiseOnSql => {
                if rel.direction == Direction::ManyToOne {
                    let key = inst
                        .mapper
                        .attr(&rel.fk)
                        .ok()
                        .and_then(|p| inst.values.get(p).cloned().flatten());
                    match key {
                        None | Some(Value::Null) => return Ok(()),
                        Some(k) => {
                            let target = rel.target()?;
                            if self.identity.contains_key(&identity_key(&target, &[k])) {
                                return Ok(());
                            }
                        }
                    }
                }
                raise("raise_on_sql")
            }
            _ => Ok(()),
        }
    }
}
