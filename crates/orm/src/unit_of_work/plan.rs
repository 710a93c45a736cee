//! Planning a flush: which rows each mapper saves and deletes, in SQLAlchemy's order —
//! tables in foreign-key order (parents first), for each its UPDATEs (primary-key order) then
//! INSERTs (add() order; a self-referential table inserts parents before their children, one
//! step per level of the tree); then association rows (deletes, then inserts) once both sides
//! exist; then DELETEs, children before parents. The association rows of deleted objects are
//! deleted first of all, and `post_update` keys are set after the saves and cleared before the
//! DELETEs.

use super::post_update::is_post_update;
use super::rounds::{association_round, sort_mappers};
use super::{FlushPlan, FlushStep, Link, StepKind, cycle};
use crate::error::Result;
use crate::mapper::Mapper;
use crate::relationship::Direction;
use crate::schema::Table;
use crate::session::{Instance, ObjectId, ObjectState, Session, Store};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// The association rows of one table a flush writes: (table, class, deletes, inserts, the
/// column of the links' parents).
type AssociationRows = (String, String, Vec<Link>, Vec<Link>, String);

fn deps(table: &Table) -> String {
    let r = table.referred_tables();
    if r.is_empty() {
        "it refers to no other table".to_owned()
    } else {
        format!("it refers to {}", r.join(", "))
    }
}

/// For a self-referential mapper: each object's parent among `ids`, from its loaded
/// many-to-one and one-to-many relationships to its own class.
fn tree_parents(
    store: &Store,
    mapper: &Rc<Mapper>,
    ids: &[ObjectId],
) -> HashMap<ObjectId, ObjectId> {
    let mut parent = HashMap::new();
    let to_self: Vec<_> = mapper
        .relationships()
        .into_iter()
        .filter(|rel| rel.target().is_ok_and(|t| Rc::ptr_eq(&t, mapper)))
        .collect();
    if to_self.is_empty() {
        return parent;
    }
    let set: HashSet<ObjectId> = ids.iter().copied().collect();
    for rel in to_self {
        for &id in ids {
            let Some(related) = store
                .get(id)
                .ok()
                .and_then(|i| i.extras.related.get(&rel.name))
            else {
                continue;
            };
            match rel.direction {
                Direction::ManyToOne => {
                    if let Some(&p) = related.first().filter(|p| set.contains(p)) {
                        parent.insert(id, p);
                    }
                }
                Direction::OneToMany => {
                    for &c in related.iter().filter(|c| set.contains(c)) {
                        parent.insert(c, id);
                    }
                }
                Direction::ManyToMany => {}
            }
        }
    }
    parent
}

/// Splits `ids` into levels of the tree (roots first), each level in the given order.
fn levels(store: &Store, mapper: &Rc<Mapper>, ids: Vec<ObjectId>) -> Vec<Vec<ObjectId>> {
    let parents = tree_parents(store, mapper, &ids);
    if parents.is_empty() {
        return vec![ids];
    }
    let depth = |mut id: ObjectId| {
        let mut d = 0;
        while let Some(&p) = parents.get(&id) {
            d += 1;
            id = p;
            if d > ids.len() {
                break;
            }
        }
        d
    };
    let mut out: Vec<Vec<ObjectId>> = Vec::new();
    for &id in &ids {
        let d = depth(id);
        if out.len() <= d {
            out.resize(d + 1, Vec::new());
        }
        out[d].push(id);
    }
    out.retain(|l| !l.is_empty());
    out
}

/// Persistent objects whose foreign key comes from a pending object (a new parent's
/// collection holds them, or they refer to a new parent): they are UPDATEd after that
/// parent's INSERT, even though none of their own attributes was set.
fn awaiting_keys(store: &Store, members: impl Iterator<Item = ObjectId>) -> HashSet<ObjectId> {
    let state = |id: ObjectId| store.get(id).ok().map(|i| i.state);
    let mut out = HashSet::new();
    for id in members {
        let Ok(inst) = store.get(id) else { continue };
        if !inst.mapper.has_relationships() {
            continue;
        }
        for rel in inst.mapper.relationships() {
            let Some(related) = inst.extras.related.get(&rel.name) else {
                continue;
            };
            if is_post_update(&inst.mapper, &rel) {
                continue;
            }
            match rel.direction {
                Direction::ManyToOne
                    if inst.state == ObjectState::Persistent
                        && related
                            .first()
                            .is_some_and(|&p| state(p) == Some(ObjectState::Pending)) =>
                {
                    out.insert(id);
                }
                Direction::OneToMany if inst.state == ObjectState::Pending => {
                    out.extend(
                        related
                            .iter()
                            .filter(|&&c| state(c) == Some(ObjectState::Persistent)),
                    );
                }
                _ => {}
            }
        }
    }
    out
}

fn pk_order(store: &Store, ids: &mut [ObjectId]) {
    ids.sort_by(|a, b| {
        let key = |id: &ObjectId| store.get(*id).ok().and_then(Instance::pk_values);
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
}

impl Session {
    /// Builds the plan the next flush will run, without running anything.
    ///
    /// # Failure
    /// [`crate::Error::UnmappedInstanceError`] if the store lost an object.
    pub fn plan_flush(&self) -> Result<FlushPlan> {
        let store = self.store.borrow();
        let mut mappers: Vec<Rc<Mapper>> = Vec::new();
        let mut by_mapper: Vec<Vec<ObjectId>> = Vec::new();
        // Each member's state, read in the same look (a new object needs no second one).
        let mut states: Vec<Vec<ObjectState>> = Vec::new();
        for id in self.members.iter() {
            let inst = store.get(id)?;
            // The classes of a single-table hierarchy save their rows together, as their
            // base mapper's.
            let base;
            let m = match inst.mapper.inherits() {
                Some(_) => {
                    base = inst.mapper.base_mapper_rc();
                    &base
                }
                None => &inst.mapper,
            };
            match mappers.iter().position(|x| Rc::ptr_eq(x, m)) {
                Some(i) => {
                    by_mapper[i].push(id);
                    states[i].push(inst.state);
                }
                None => {
                    mappers.push(Rc::clone(m));
                    by_mapper.push(vec![id]);
                    states.push(vec![inst.state]);
                }
            }
        }
        let members_of = |m: &Rc<Mapper>| -> &[ObjectId] {
            mappers
                .iter()
                .position(|x| Rc::ptr_eq(x, m))
                .map_or(&[], |i| by_mapper[i].as_slice())
        };
        // SQLAlchemy sorts its flush actions by class name before ordering them by
        // dependency: mappers that do not depend on each other save in class-name order.
        let mut by_name = mappers.clone();
        by_name.sort_by(|a, b| a.class_name().cmp(b.class_name()));
        let (rounds, cyclic) = sort_mappers(by_name);
        let sorted: Vec<Rc<Mapper>> = rounds.iter().map(|(_, m)| Rc::clone(m)).collect();
        // The round of each save step, to place the association steps among them.
        let mut save_rounds: Vec<(usize, usize)> = Vec::new();
        // Keys awaited follow relationships: without any, no member need be visited.
        let awaiting = if self.members_have_relationships() {
            awaiting_keys(&store, self.members.iter())
        } else {
            HashSet::new()
        };
        // Only the members' mappers can have association rows; without any, no member need
        // be visited.
        let associations = mappers
            .iter()
            .any(|m| m.relationships().iter().any(|r| r.secondary.is_some()));
        let mut steps = if associations {
            self.association_steps(&store, true)?
        } else {
            Vec::new()
        };
        let step = |kind, m: &Rc<Mapper>, objects: Vec<ObjectId>, reason| FlushStep {
            index: 0,
            kind,
            class_name: m.class_name().to_owned(),
            table: m.table().name().to_owned(),
            objects: objects.into(),
            reason,
            links: Vec::new(),
        };
        for m in &sorted {
            let mine = members_of(m);
            let mine_states = mappers
                .iter()
                .position(|x| Rc::ptr_eq(x, m))
                .map_or(&[][..], |i| states[i].as_slice());
            let table = m.table().name();
            let mut updates = Vec::new();
            let mut inserts = Vec::new();
            for (&id, &state) in mine.iter().zip(mine_states) {
                match state {
                    ObjectState::Pending => inserts.push(id),
                    ObjectState::Persistent => {
                        let i = store.get(id)?;
                        if !i.marked_deleted && (i.is_changed() || awaiting.contains(&id)) {
                            updates.push(id)
                        }
                    }
                    _ => {}
                }
            }
            pk_order(&store, &mut updates);
            // A self-referential table: saved rows referring to each other are a cycle.
            let self_ref = m
                .relationships()
                .iter()
                .any(|r| !is_post_update(m, r) && r.target().is_ok_and(|t| Rc::ptr_eq(&t, m)));
            if self_ref && !updates.is_empty() {
                let saves: Vec<ObjectId> = updates.iter().chain(&inserts).copied().collect();
                cycle::check_saves(&store, &saves)?;
            }
            let round = rounds
                .iter()
                .find(|(_, x)| Rc::ptr_eq(x, m))
                .map_or(0, |(r, _)| *r);
            if !updates.is_empty() {
                let reason = format!(
                    "{table} is saved in foreign-key order ({}); its UPDATEs run before its \
                     INSERTs, in primary-key order",
                    deps(m.table())
                );
                save_rounds.push((steps.len(), round));
                steps.push(step(StepKind::Update, m, updates, reason));
            }
            if inserts.is_empty() {
                continue;
            }
            let tree = levels(&store, m, inserts);
            let many = tree.len() > 1;
            for (n, level) in tree.into_iter().enumerate() {
                let reason = if many {
                    format!(
                        "{table} refers to itself: parents are inserted before their children \
                         (level {} of the tree), in add() order",
                        n + 1
                    )
                } else {
                    format!(
                        "{table} is saved in foreign-key order ({}); new objects are inserted \
                         in add() order",
                        deps(m.table())
                    )
                };
                save_rounds.push((steps.len(), round));
                steps.push(step(StepKind::Insert, m, level, reason));
            }
        }
        let cycle_names: Vec<&str> = cyclic.iter().map(|m| m.table().name()).collect();
        let cycle_reason = |what: &str| {
            format!(
                "{} refer to each other: {what} one object after another, each after the rows \
                 it refers to",
                cycle_names.join(" and ")
            )
        };
        let mut cyclic_inserts = Vec::new();
        let mut cyclic_deletes = Vec::new();
        let mut cyclic_updates = Vec::new();
        for m in &cyclic {
            let mut updates = Vec::new();
            for &id in members_of(m) {
                let i = store.get(id)?;
                match i.state {
                    ObjectState::Pending => cyclic_inserts.push(id),
                    ObjectState::Persistent if i.marked_deleted => cyclic_deletes.push(id),
                    ObjectState::Persistent if i.is_changed() || awaiting.contains(&id) => {
                        updates.push(id)
                    }
                    _ => {}
                }
            }
            pk_order(&store, &mut updates);
            cyclic_updates.extend(updates.iter().copied());
            if !updates.is_empty() {
                let reason =
                    cycle_reason("UPDATEs run per table before the INSERTs, and rows are inserted");
                steps.push(step(StepKind::Update, m, updates, reason));
            }
        }
        cyclic_inserts.sort_by_key(|id| self.members.position(*id));
        let ordered = cycle::parents_first(&store, &cyclic_inserts, false)?;
        if !cyclic_updates.is_empty() {
            let saves: Vec<ObjectId> = cyclic_updates
                .iter()
                .chain(&cyclic_inserts)
                .copied()
                .collect();
            cycle::check_saves(&store, &saves)?;
        }
        for (m, run) in cycle::runs(&store, ordered) {
            steps.push(step(
                StepKind::Insert,
                &m,
                run,
                cycle_reason("rows are inserted"),
            ));
        }
        // Only the members' mappers can post-update; without any, no member need be visited.
        let post_updates = !super::post_update::post_update_columns(&mappers).is_empty();
        if post_updates {
            steps.extend(self.post_update_steps(&store, false)?);
        }
        if associations && !post_updates && cyclic.is_empty() {
            // Each table's rows in its round: before the saves of later rounds.
            let mut at: Vec<(usize, FlushStep)> = self
                .association_steps(&store, false)?
                .into_iter()
                .map(|a| {
                    let index = association_round(&a, &rounds)
                        .and_then(|r| save_rounds.iter().find(|(_, sr)| *sr >= r))
                        .map_or(usize::MAX, |(index, _)| *index);
                    (index, a)
                })
                .collect();
            at.sort_by_key(|(index, _)| *index);
            for (placed, (index, a)) in at.into_iter().enumerate() {
                if index == usize::MAX {
                    steps.push(a);
                } else {
                    steps.insert(index + placed, a);
                }
            }
        } else if associations {
            steps.extend(self.association_steps(&store, false)?);
        }
        if post_updates {
            steps.extend(self.post_update_steps(&store, true)?);
        }
        cyclic_deletes.sort_by_key(|id| self.members.position(*id));
        let mut ordered = cycle::parents_first(&store, &cyclic_deletes, true)?;
        ordered.reverse();
        for (m, run) in cycle::runs(&store, ordered) {
            let reason = cycle_reason("rows are deleted children first,");
            steps.push(step(StepKind::Delete, &m, run, reason));
        }
        for m in sorted.iter().rev() {
            let mut dels = Vec::new();
            for &id in members_of(m) {
                let i = store.get(id)?;
                if i.state == ObjectState::Persistent && i.marked_deleted {
                    dels.push(id);
                }
            }
            if dels.is_empty() {
                continue;
            }
            pk_order(&store, &mut dels);
            let table = m.table().name();
            let mut tree = levels(&store, m, dels);
            tree.reverse();
            for level in tree {
                let reason = format!(
                    "deletes run after all saves, children before parents ({table}: {})",
                    deps(m.table())
                );
                steps.push(step(StepKind::Delete, m, level, reason));
            }
        }
        for (n, s) in steps.iter_mut().enumerate() {
            s.index = n;
        }
        Ok(FlushPlan { steps })
    }

    /// The association-row steps: for each association table, the links removed from
    /// many-to-many collections (or whose objects are deleted), then the links added. With
    /// `deleted_sides`, only the removed links of which one side is deleted: SQLAlchemy
    /// deletes those rows before any save (its many-to-many "before delete" action), the
    /// others after the saves.
    pub(super) fn association_steps(
        &self,
        store: &Store,
        deleted_sides: bool,
    ) -> Result<Vec<FlushStep>> {
        type Key = (String, Vec<(String, ObjectId)>);
        let mut seen: HashSet<Key> = HashSet::new();
        // (table, class, deletes, inserts, the column of the links' parents) in first-seen
        // order.
        let mut tables: Vec<AssociationRows> = Vec::new();
        for id in self.members.iter() {
            let inst = store.get(id)?;
            for rel in inst.mapper.relationships() {
                let Some(sec) = &rel.secondary else { continue };
                let current = inst.extras.related.get(&rel.name);
                let in_db = inst.extras.links.get(&rel.name);
                let gone = |c: &ObjectId| store.get(*c).is_ok_and(|i| i.marked_deleted);
                let (removed, added): (Vec<ObjectId>, Vec<ObjectId>) = if inst.marked_deleted {
                    (in_db.or(current).cloned().unwrap_or_default(), Vec::new())
                } else if current.is_none()
                    && let Some(p) = inst.extras.pending.get(&rel.name)
                {
                    // A dynamic or write-only collection, not loaded: its pending changes.
                    (
                        p.removed.iter().filter(|c| !gone(c)).copied().collect(),
                        p.added
                            .iter()
                            .filter(|c| !gone(c) && self.members.contains(**c))
                            .copied()
                            .collect(),
                    )
                } else {
                    let Some(current) = current else { continue };
                    let empty = Vec::new();
                    let db = in_db.unwrap_or(&empty);
                    (
                        db.iter()
                            .filter(|c| !current.contains(c) || gone(c))
                            .copied()
                            .collect(),
                        // Not an object outside the session (SQLAlchemy warns: the "add"
                        // operation along the relationship won't proceed).
                        current
                            .iter()
                            .filter(|c| !db.contains(c) && !gone(c) && self.members.contains(**c))
                            .copied()
                            .collect(),
                    )
                };
                let table = sec.table.name().to_owned();
                let idx = match tables.iter().position(|t| t.0 == table) {
                    Some(i) => i,
                    None => {
                        tables.push((
                            table.clone(),
                            inst.mapper.class_name().to_owned(),
                            Vec::new(),
                            Vec::new(),
                            sec.parent_fk.clone(),
                        ));
                        tables.len() - 1
                    }
                };
                let early = |c: &ObjectId| inst.marked_deleted || gone(c);
                let (removed, added): (Vec<ObjectId>, Vec<ObjectId>) = if deleted_sides {
                    (removed.into_iter().filter(early).collect(), Vec::new())
                } else {
                    (removed.into_iter().filter(|c| !early(c)).collect(), added)
                };
                for (list, insert) in [(removed, false), (added, true)] {
                    for child in list {
                        let mut cols =
                            vec![(sec.parent_fk.clone(), id), (sec.target_fk.clone(), child)];
                        cols.sort();
                        if !seen.insert((format!("{table}|{insert}"), cols)) {
                            continue;
                        }
                        // The other side of a self-referential many-to-many (`followers` of
                        // `following`) writes the same rows the other way round.
                        let parent_fk = tables[idx].4.clone();
                        let link = if sec.parent_fk == parent_fk {
                            Link {
                                parent: id,
                                child,
                                parent_fk,
                            }
                        } else {
                            Link {
                                parent: child,
                                child: id,
                                parent_fk,
                            }
                        };
                        if insert {
                            tables[idx].3.push(link);
                        } else {
                            tables[idx].2.push(link);
                        }
                    }
                }
            }
        }
        let mut steps = Vec::new();
        for (table, class_name, deletes, inserts, _) in tables {
            for (kind, links, why) in [
                (
                    StepKind::DeleteAssociation,
                    deletes,
                    if deleted_sides {
                        "the rows of deleted objects are deleted first, before any save"
                    } else {
                        "association rows are deleted after all saves and before either side's rows are deleted"
                    },
                ),
                (
                    StepKind::InsertAssociation,
                    inserts,
                    "association rows are inserted once both sides are inserted",
                ),
            ] {
                if links.is_empty() {
                    continue;
                }
                steps.push(FlushStep {
                    index: 0,
                    kind,
                    class_name: class_name.clone(),
                    table: table.clone(),
                    objects: links.iter().map(|l| l.parent).collect(),
                    reason: format!("{table}: {why}"),
                    links,
                });
            }
        }
        Ok(steps)
    }
}
