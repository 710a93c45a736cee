//! Per-object ordering, for mappers whose tables refer to each other in a cycle (`depts` →
//! `emps` → `depts`): their rows are ordered object by object, each after the rows its loaded
//! relationships make it refer to, as SQLAlchemy's unit of work does when its mapper-level
//! sort finds a cycle.

use crate::mapper::Mapper;
use crate::relationship::Direction;
use crate::session::{ObjectId, Store};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// For each object of `ids`, the objects of `ids` it refers to (whose rows must exist first):
/// through its loaded relationships, or else through its many-to-one foreign-key values.
fn parents(store: &Store, ids: &[ObjectId]) -> HashMap<ObjectId, Vec<ObjectId>> {
    let set: HashSet<ObjectId> = ids.iter().copied().collect();
    let mut out: HashMap<ObjectId, Vec<ObjectId>> = HashMap::new();
    for &id in ids {
        let Ok(inst) = store.get(id) else { continue };
        for rel in inst.mapper.relationships() {
            let by_key;
            let related = match inst.related.get(&rel.name) {
                Some(r) => r,
                None if rel.direction == Direction::ManyToOne => {
                    by_key = referred_by_key(store, ids, inst, &rel);
                    &by_key
                }
                None => continue,
            };
            for &other in related.iter().filter(|o| set.contains(o) && **o != id) {
                match rel.direction {
                    Direction::ManyToOne => out.entry(id).or_default().push(other),
                    Direction::OneToMany => out.entry(other).or_default().push(id),
                    Direction::ManyToMany => {}
                }
            }
        }
    }
    out
}

/// The objects of `ids` a many-to-one relationship of `inst` points at by its foreign key.
fn referred_by_key(
    store: &Store,
    ids: &[ObjectId],
    inst: &crate::session::Instance,
    rel: &crate::relationship::Relationship,
) -> Vec<ObjectId> {
    let value = |i: &crate::session::Instance, col: &str| {
        let pos = i.mapper.table().column_index(col)?;
        i.values[pos].clone().or_else(|| i.committed[pos].clone())
    };
    let Some(key) = value(inst, &rel.fk).filter(|v| *v != crate::value::Value::Null) else {
        return Vec::new();
    };
    let Ok(target) = rel.target() else {
        return Vec::new();
    };
    ids.iter()
        .copied()
        .filter(|&o| {
            store.get(o).is_ok_and(|p| {
                Rc::ptr_eq(&p.mapper, &target) && value(p, &rel.referred).as_ref() == Some(&key)
            })
        })
        .collect()
}

/// `ids` ordered so that every object comes after the objects it refers to; ties keep the
/// given order. A true cycle of objects is broken at the earliest object (its INSERT then
/// fails on the foreign key, where SQLAlchemy raises `CircularDependencyError`).
pub(super) fn parents_first(store: &Store, ids: &[ObjectId]) -> Vec<ObjectId> {
    let deps = parents(store, ids);
    let mut done: HashSet<ObjectId> = HashSet::new();
    let mut left: Vec<ObjectId> = ids.to_vec();
    let mut out = Vec::with_capacity(ids.len());
    while !left.is_empty() {
        let ready = left.iter().position(|id| {
            deps.get(id)
                .is_none_or(|ps| ps.iter().all(|p| done.contains(p)))
        });
        let id = left.remove(ready.unwrap_or(0));
        done.insert(id);
        out.push(id);
    }
    out
}

/// Splits an ordered list of objects into runs of the same mapper.
pub(super) fn runs(store: &Store, ordered: Vec<ObjectId>) -> Vec<(Rc<Mapper>, Vec<ObjectId>)> {
    let mut out: Vec<(Rc<Mapper>, Vec<ObjectId>)> = Vec::new();
    for id in ordered {
        let Ok(inst) = store.get(id) else { continue };
        match out.last_mut() {
            Some((m, run)) if Rc::ptr_eq(m, &inst.mapper) => run.push(id),
            _ => out.push((Rc::clone(&inst.mapper), vec![id])),
        }
    }
    out
}
