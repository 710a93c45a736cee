//! Selectin loading (`lazy="selectin"`, `selectinload()`): after a query, one
//! `SELECT child.fk, child... WHERE child.fk IN (...)` for all the parents it returned (for a
//! many-to-one, `SELECT parent... WHERE parent.pk IN (...)` for the keys not in the identity
//! map; for a many-to-many, `SELECT link.parent_fk, child... FROM link JOIN child ...`) — with the target's joined eager loads joined in — then the loads further along the
//! path on the objects it loaded.

use super::Entity;
use super::loading::{EagerJoin, LoadState, add_joins, eager_columns, plan};
use super::options::LoaderOption;
use crate::error::Result;
use crate::mapper::Mapper;
use crate::relationship::{Direction, Relationship};
use crate::session::{FxHashMap, FxHashSet, ObjectId, Session, identity_key};
use crate::sql::{FromItem, Select, Statement};
use crate::value::{Value, ValueKey};
use std::rc::Rc;

/// One selectin load to run: the relationship, the options below it, and the key that sets
/// its statement's compiled-cache entry apart (a load an option asked for is a statement of
/// its own, as in SQLAlchemy's cache).
pub(crate) struct SelectinLoad<'a> {
    /// The relationship.
    pub rel: &'a Relationship,
    /// The options for its target's level.
    pub below: &'a [LoaderOption],
    /// The compiled-cache namespace of its SELECT.
    pub cache_key: String,
}

impl Session {
    /// One selectin load of `rel` for `parents`, then the loads `below` (the options for the
    /// target's level) and the target's configured eager loads ask for on what it loaded.
    pub(crate) fn selectin_rel(
        &mut self,
        mapper: &Rc<Mapper>,
        load: &SelectinLoad<'_>,
        parents: &[ObjectId],
        populate: bool,
        path: &mut Vec<String>,
    ) -> Result<()> {
        let (rel, below) = (load.rel, load.below);
        let joined_target = rel.target()?.is_joined();
        if joined_target && (rel.direction != Direction::OneToMany || !load.below.is_empty()) {
            super::refuse_joined_target(&*rel.target()?, "this selectinload()")?;
        }
        let (key_col, remote_col) = match (rel.direction, &rel.secondary) {
            (Direction::OneToMany, _) => (&rel.referred, &rel.fk),
            (Direction::ManyToOne, _) => (&rel.fk, &rel.referred),
            (Direction::ManyToMany, Some(sec)) => (&sec.parent_referred, &sec.parent_fk),
            (Direction::ManyToMany, None) => return Ok(()),
        };
        let Some(key_pos) = mapper.table().column_index(key_col) else {
            return Ok(());
        };
        let target = rel.target()?;
        let mut keys: Vec<Value> = Vec::new();
        let mut waiting: Vec<(ObjectId, Option<Value>)> = Vec::new();
        {
            let store = self.store.borrow();
            for &p in parents {
                let inst = store.get(p)?;
                if !populate && inst.extras.related.contains_key(&rel.name) {
                    continue;
                }
                let k = inst.values[key_pos].clone().filter(|v| *v != Value::Null);
                if let Some(k) = &k {
                    let known = rel.direction == Direction::ManyToOne
                        && !populate
                        && self
                            .identity
                            .contains_key(&identity_key(&target, std::slice::from_ref(k)));
                    if !known && !keys.contains(k) {
                        keys.push(k.clone());
                    }
                }
                waiting.push((p, k));
            }
        }
        let mut children: Vec<(Value, ObjectId)> = Vec::new();
        // The target's joined eager loads ride along, as SQLAlchemy's selectin query has them.
        let ent = Entity::of(&target);
        let mut counter = 0;
        let loads = plan(&ent, below, &[], &mut counter)?;
        let mut st = LoadState {
            populate,
            ..LoadState::default()
        };
        if !keys.is_empty() && joined_target {
            children = self.selectin_joined_rows(rel, &target, keys, populate, &load.cache_key)?;
        } else if !keys.is_empty() {
            let table = target.table();
            let from = FromItem::Table(Rc::clone(table));
            // Many-to-many reads the association table's column first, then the target's
            // (`FROM post_tags JOIN tags ON ...`).
            let link = match &rel.secondary {
                Some(sec) if rel.direction == Direction::ManyToMany => Some((
                    FromItem::Table(Rc::clone(&sec.table)),
                    from.c(&sec.target_referred)?,
                    &sec.target_fk,
                )),
                _ => None,
            };
            let remote_pos = match &link {
                Some(_) => 0,
                None => match table.column_index(remote_col) {
                    Some(p) => p,
                    None => return Ok(()),
                },
            };
            // The key the rows are matched by comes first (the foreign key of one-to-many,
            // the primary key of many-to-one), then the target's `column_property()`
            // expressions, then its other columns, as SQLAlchemy selects them.
            let first = link.is_none().then_some(remote_pos);
            let mut order: Vec<usize> = first.into_iter().collect();
            order.extend((0..table.columns().len()).filter(|&i| Some(i) != first));
            let lead = usize::from(link.is_some());
            let exprs = Entity::of(&target).expression_columns()?;
            let mut columns = Vec::with_capacity(order.len() + lead + exprs.len());
            // What each selected column after `lead` is: a table column's position, or
            // (`None`) an expression.
            let mut layout: Vec<Option<usize>> = Vec::with_capacity(order.len() + exprs.len());
            if let Some((link_from, _, _)) = &link {
                columns.push(link_from.c(remote_col)?);
            }
            for (n, &i) in order.iter().enumerate() {
                if n == usize::from(first.is_some()) {
                    for (_, e) in &exprs {
                        columns.push(e.clone());
                        layout.push(None);
                    }
                }
                columns.push(from.c(&table.columns()[i].name)?);
                layout.push(Some(i));
            }
            columns.extend(eager_columns(&loads.joined)?);
            let mut stmt = Select {
                columns,
                ..Select::default()
            };
            let key_column = match &link {
                Some((link_from, target_col, target_fk)) => {
                    stmt = stmt.select_from(link_from.clone()).join(
                        from.clone(),
                        Some(target_col.clone().eq(link_from.c(target_fk)?)),
                    );
                    link_from.c(remote_col)?
                }
                None => from.c(remote_col)?,
            };
            stmt = stmt.where_(key_column.in_(keys));
            if let Some(c) = target.single_table_criterion(&from)? {
                stmt = stmt.where_(c);
            }
            stmt = stmt.order_by(if rel.direction == Direction::ManyToOne {
                Vec::new()
            } else {
                rel.order_by_exprs(&from)
            });
            add_joins(&mut stmt, &loads.joined);
            let rows = self
                .connection()
                .execute_keyed(&Statement::Select(stmt), &[], Some(&load.cache_key))?
                .rows;
            for row in rows {
                let mut in_table_order = vec![Value::Null; table.columns().len()];
                let mut expr_values = Vec::with_capacity(exprs.len());
                for (cell, pos) in row.iter().skip(lead).zip(&layout) {
                    match pos {
                        Some(p) => in_table_order[*p] = cell.clone(),
                        None => expr_values.push(cell.clone()),
                    }
                }
                let k = match lead {
                    0 => in_table_order[remote_pos].clone(),
                    _ => row.first().cloned().unwrap_or(Value::Null),
                };
                let child = self.hydrate_row(&target, &in_table_order, populate)?;
                if !exprs.is_empty() {
                    let values = self.expression_values.entry(child).or_default();
                    for ((name, _), v) in exprs.iter().zip(expr_values) {
                        if populate || !values.contains_key(name) {
                            values.insert(name.clone(), v);
                        }
                    }
                }
                let mut at = lead + layout.len();
                for load in &loads.joined {
                    let related = self.read_eager(load, &row, &mut at, populate, &mut st)?;
                    self.link_eager(child, &load.rel, related, populate, &mut st)?;
                }
                children.push((k, child));
            }
        }
        let children = ChildrenByKey::new(&children);
        let mut loaded = LoadedOnce::default();
        for (parent, key) in waiting {
            let mine: Vec<ObjectId> = match (&key, rel.direction) {
                (None, _) => Vec::new(),
                (Some(k), Direction::ManyToOne) => {
                    let found = children.of(k).first().copied();
                    found
                        .or_else(|| {
                            self.identity
                                .get(&identity_key(&target, std::slice::from_ref(k)))
                                .copied()
                        })
                        .into_iter()
                        .collect()
                }
                (Some(k), _) => children.of(k).to_vec(),
            };
            self.give_loaded(rel, parent, mine, &mut loaded)?;
        }
        let eager: Vec<&EagerJoin> = loads.joined.iter().collect();
        self.post_load(&target, &loaded.order, below, &eager, &st, path)
    }

    /// Gives `parent` what an eager load of `rel` found for it, `mine`: a one-to-many's
    /// children learn their parent (through its `back_populates`), a many-to-many's
    /// association rows are recorded as loaded (what the flush diffs the collection
    /// against); adds the children to `loaded`.
    pub(super) fn give_loaded(
        &mut self,
        rel: &Relationship,
        parent: ObjectId,
        mine: Vec<ObjectId>,
        loaded: &mut LoadedOnce,
    ) -> Result<()> {
        let mut store = self.store.borrow_mut();
        if rel.direction == Direction::OneToMany
            && let Some(back) = &rel.back_populates
        {
            for &c in &mine {
                store
                    .get_mut(c)?
                    .extras
                    .related
                    .entry(back.clone())
                    .or_insert_with(|| vec![parent]);
            }
        }
        for &c in &mine {
            loaded.add(c);
        }
        let inst = store.get_mut(parent)?;
        if rel.direction == Direction::ManyToMany {
            inst.extras.links.insert(rel.name.clone(), mine.clone());
        }
        inst.extras.related.insert(rel.name.clone(), mine);
        Ok(())
    }
}

/// The children an eager load found, by the key that matches each to its parents (in the
/// order their rows came): a parent finds its own in one look, not by reading every child.
pub(super) struct ChildrenByKey(FxHashMap<ValueKey, Vec<ObjectId>>);

impl ChildrenByKey {
    pub(super) fn new(children: &[(Value, ObjectId)]) -> Self {
        let mut by_key: FxHashMap<ValueKey, Vec<ObjectId>> = FxHashMap::default();
        for (k, c) in children {
            if let Some(k) = k.key() {
                by_key.entry(k).or_default().push(*c);
            }
        }
        ChildrenByKey(by_key)
    }

    /// The children whose key equals `key`.
    pub(super) fn of(&self, key: &Value) -> &[ObjectId] {
        key.key()
            .and_then(|k| self.0.get(&k))
            .map_or(&[], Vec::as_slice)
    }
}

/// The objects an eager load gave its parents, in order, each once.
#[derive(Default)]
pub(super) struct LoadedOnce {
    pub(super) order: Vec<ObjectId>,
    seen: FxHashSet<ObjectId>,
}

impl LoadedOnce {
    fn add(&mut self, id: ObjectId) {
        if self.seen.insert(id) {
            self.order.push(id);
        }
    }
}
