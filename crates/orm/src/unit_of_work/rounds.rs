//! The rounds of SQLAlchemy's flush: its actions run in rounds of a topological sort of
//! their dependencies, each round in the order of the actions' sort keys (class names).
//! Retort places each mapper's saves, and the association rows of many-to-many
//! relationships, in the round SQLAlchemy would run them in.

use super::FlushStep;
use crate::mapper::Mapper;
use crate::schema::Table;
use std::rc::Rc;

/// A mapper with the round of the flush in which it saves.
pub(super) type Round = (usize, Rc<Mapper>);

/// Mappers in SQLAlchemy's flush order: its actions run in rounds of a topological sort,
/// each round in class-name order. A mapper whose table refers to another's saves two
/// rounds after it (the relationship's own step runs between), and one on either side of a
/// many-to-many relationship after the round of that relationship's first step, so no
/// earlier than the second round. Apart: those left when their tables refer to each other
/// in a cycle (with the mappers that depend on them), whose rows are then ordered object
/// by object. `mappers` comes in class-name order. A joined-table hierarchy saves all its
/// tables in its base mapper's step.
pub(super) fn sort_mappers(mappers: Vec<Rc<Mapper>>) -> (Vec<Round>, Vec<Rc<Mapper>>) {
    let own = |m: &Rc<Mapper>| -> Vec<String> {
        m.hierarchy_tables()
            .iter()
            .map(|t| t.name().to_owned())
            .collect()
    };
    let names: Vec<String> = mappers.iter().flat_map(own).collect();
    let excluded = super::post_update::post_update_columns(&mappers);
    let many_to_many = |m: &Rc<Mapper>| {
        mappers.iter().any(|o| {
            o.relationships().iter().any(|r| {
                r.secondary.is_some()
                    && (Rc::ptr_eq(o, m) || r.target().is_ok_and(|t| Rc::ptr_eq(&t, m)))
            })
        })
    };
    let base: Vec<usize> = mappers
        .iter()
        .map(|m| if many_to_many(m) { 2 } else { 1 })
        .collect();
    // (table, round) of the mappers placed so far.
    let mut done: Vec<(String, usize)> = Vec::new();
    let mut todo: Vec<(Rc<Mapper>, usize)> = mappers.into_iter().zip(base).collect();
    let mut out: Vec<(usize, Rc<Mapper>)> = Vec::new();
    while !todo.is_empty() {
        let (ready, rest): (Vec<_>, Vec<_>) = todo.into_iter().partition(|(m, _)| {
            let mine = own(m);
            referred(m, &excluded).iter().all(|r| {
                mine.contains(r)
                    || done.iter().any(|(d, _)| d == r)
                    || !names.iter().any(|n| n == r)
            })
        });
        if ready.is_empty() {
            out.sort_by_key(|(round, _)| *round);
            return (out, rest.into_iter().map(|(m, _)| m).collect());
        }
        let mut placed = Vec::with_capacity(ready.len());
        for (m, base) in ready {
            let mine = own(&m);
            let round = referred(&m, &excluded)
                .iter()
                .filter(|r| !mine.contains(r))
                .filter_map(|r| done.iter().find(|(d, _)| d == r).map(|(_, n)| n + 2))
                .fold(base, usize::max);
            placed.extend(mine.into_iter().map(|t| (t, round)));
            out.push((round, m));
        }
        done.extend(placed);
        todo = rest;
    }
    // Stable: within a round, class-name order.
    out.sort_by_key(|(round, _)| *round);
    (out, Vec::new())
}

/// The round of SQLAlchemy's flush in which the association rows of `step` are written:
/// the one after both sides' saves.
pub(super) fn association_round(step: &FlushStep, sorted: &[Round]) -> Option<usize> {
    let round_of = |m: &Rc<Mapper>| {
        sorted
            .iter()
            .find(|(_, x)| Rc::ptr_eq(x, m))
            .map(|(r, _)| *r)
    };
    let (parent_round, parent) = sorted
        .iter()
        .find(|(_, m)| m.class_name() == step.class_name)?;
    let target = parent.relationships().into_iter().find_map(|r| {
        r.secondary
            .as_ref()
            .filter(|s| s.table.name() == step.table)
            .and_then(|_| r.target().ok())
    });
    let target_round = target.as_ref().and_then(round_of).unwrap_or(0);
    Some((*parent_round).max(target_round) + 1)
}

/// The tables `m`'s table refers to, leaving out those it refers to only through foreign
/// keys that post-updates set (`excluded`: table, column).
fn referred(m: &Rc<Mapper>, excluded: &[(String, String)]) -> Vec<String> {
    m.hierarchy_tables()
        .iter()
        .flat_map(|t| referred_by(t, excluded))
        .collect()
}

/// The tables `table` refers to, as [`referred`].
fn referred_by(table: &Rc<Table>, excluded: &[(String, String)]) -> Vec<String> {
    let post = |c: &str| {
        excluded
            .iter()
            .any(|(t, col)| t == table.name() && col == c)
    };
    table
        .referred_tables()
        .into_iter()
        .filter(|t| {
            let mut cols = table
                .columns()
                .iter()
                .filter(|c| c.foreign_keys.iter().any(|f| &*f.table == *t))
                .peekable();
            cols.peek().is_none() || cols.any(|c| !post(&c.name))
        })
        .map(str::to_owned)
        .collect()
}
