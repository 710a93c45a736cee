//! Per-object ordering, for mappers whose tables refer to each other in a cycle (`depts` →
//! `emps` → `depts`): their rows are ordered object by object, each after the rows its loaded
//! relationships make it refer to, as SQLAlchemy's unit of work does when its mapper-level
//! sort finds a cycle; objects that refer to each other raise `CircularDependencyError`
//! unless a `post_update` relationship breaks the cycle.

use crate::error::{Error, Result};
use crate::mapper::Mapper;
use crate::relationship::Direction;
use crate::session::{ObjectId, Store};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// One dependency between two objects: `child`'s row needs `parent`'s first, through
/// relationship `rel` of `owner` (the object holding the relationship).
struct Edge {
    parent: ObjectId,
    owner: ObjectId,
    rel: String,
    direction: Direction,
}

/// For each object of `ids`, the objects of `ids` it refers to (whose rows must exist first):
/// through its loaded relationships, or else through its many-to-one foreign-key values.
/// `post_update` relationships add none (their keys are set after the saves).
fn parents(store: &Store, ids: &[ObjectId], key_fallback: bool) -> HashMap<ObjectId, Vec<Edge>> {
    let set: HashSet<ObjectId> = ids.iter().copied().collect();
    let mut out: HashMap<ObjectId, Vec<Edge>> = HashMap::new();
    for &id in ids {
        let Ok(inst) = store.get(id) else { continue };
        for rel in inst.mapper.relationships() {
            if super::is_post_update(&inst.mapper, &rel) {
                continue;
            }
            let by_key;
            let related = match inst.extras.related.get(&rel.name) {
                Some(r) => r,
                None if key_fallback && rel.direction == Direction::ManyToOne => {
                    by_key = referred_by_key(store, ids, inst, &rel);
                    &by_key
                }
                None => continue,
            };
            for &other in related.iter().filter(|o| set.contains(o) && **o != id) {
                let edge = |parent| Edge {
                    parent,
                    owner: id,
                    rel: rel.name.clone(),
                    direction: rel.direction,
                };
                match rel.direction {
                    Direction::ManyToOne => out.entry(id).or_default().push(edge(other)),
                    Direction::OneToMany => out.entry(other).or_default().push(edge(id)),
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
/// given order. Objects that refer to each other in a cycle cannot be ordered: SQLAlchemy's
/// `CircularDependencyError`, naming the states of the cycle as SQLAlchemy's message does.
pub(super) fn parents_first(
    store: &Store,
    ids: &[ObjectId],
    deleting: bool,
) -> Result<Vec<ObjectId>> {
    let deps = parents(store, ids, true);
    let mut done: HashSet<ObjectId> = HashSet::new();
    let mut left: Vec<ObjectId> = ids.to_vec();
    let mut out = Vec::with_capacity(ids.len());
    while !left.is_empty() {
        let ready = left.iter().position(|id| {
            deps.get(id)
                .is_none_or(|es| es.iter().all(|e| done.contains(&e.parent)))
        });
        let Some(ready) = ready else {
            return Err(circular(store, &deps, left, deleting));
        };
        let id = left.remove(ready);
        done.insert(id);
        out.push(id);
    }
    Ok(out)
}

/// SQLAlchemy's per-object sort of the saves (INSERTs and UPDATEs) of mappers in a cycle
/// follows only loaded relationships: objects to save that refer to each other through
/// them (`x.parent = y; y.parent = x`) raise `CircularDependencyError`, UPDATEs included.
pub(super) fn check_saves(store: &Store, ids: &[ObjectId]) -> Result<()> {
    let deps = parents(store, ids, false);
    let mut done: HashSet<ObjectId> = HashSet::new();
    let mut left: Vec<ObjectId> = ids.to_vec();
    while !left.is_empty() {
        let ready = left.iter().position(|id| {
            deps.get(id)
                .is_none_or(|es| es.iter().all(|e| done.contains(&e.parent)))
        });
        let Some(ready) = ready else {
            return Err(circular(store, &deps, left, false));
        };
        done.insert(left.remove(ready));
    }
    Ok(())
}

/// The error for the objects `left` unordered: those on a cycle (objects no other of them
/// waits for are dropped, repeatedly), each as its save (or delete) state and the
/// relationships that tie it in.
fn circular(
    store: &Store,
    deps: &HashMap<ObjectId, Vec<Edge>>,
    mut left: Vec<ObjectId>,
    deleting: bool,
) -> Error {
    loop {
        let needed: HashSet<ObjectId> = left
            .iter()
            .flat_map(|id| deps.get(id).into_iter().flatten().map(|e| e.parent))
            .collect();
        let before = left.len();
        left.retain(|id| needed.contains(id));
        if left.len() == before {
            break;
        }
    }
    let name = |id: ObjectId| {
        let class = store
            .get(id)
            .map(|i| i.mapper.class_name().to_owned())
            .unwrap_or_default();
        (class.clone(), format!("<{class} at 0x{:x}>", id.0))
    };
    let mut parts = Vec::new();
    for &id in &left {
        let (_, obj) = name(id);
        parts.push(if deleting {
            format!("_DeleteState({obj})")
        } else {
            format!("_SaveUpdateState({obj})")
        });
        let edges = deps.get(&id).into_iter().flatten();
        for e in edges.filter(|e| left.contains(&e.parent)) {
            let (class, owner) = name(e.owner);
            let dp = match e.direction {
                Direction::OneToMany => "_OneToManyDP",
                _ => "_ManyToOneDP",
            };
            let process = format!(
                "_ProcessState({dp}({class}.{}), {owner}, delete={})",
                e.rel,
                if deleting { "True" } else { "False" }
            );
            if !parts.contains(&process) {
                parts.push(process);
            }
        }
    }
    Error::CircularDependencyError(format!(
        "Circular dependency detected. ({})",
        parts.join(", ")
    ))
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
