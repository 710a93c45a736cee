//! SQLAlchemy's configuration warning for relationships that write the same column without
//! knowing of each other (`relationship 'Post.author' will copy column authors.id to column
//! posts.author_id, which conflicts with relationship(s): 'Author.posts' ...`): the usual
//! sign of two sides declared without `back_populates`. Checked as SQLAlchemy's
//! `configure_mappers()` does, in the order the relationships are configured; `viewonly=True`
//! relationships write nothing and `overlaps="..."` silences it.

use super::Bridge;
use crate::Interpreter;
use retort::mapper::Mapper;
use retort::relationship::{Direction, Relationship};
use std::rc::Rc;

/// A column a configured relationship copies a value into.
#[derive(Debug, Clone)]
pub struct SyncTarget {
    /// The column written (`posts.author_id`).
    to: String,
    /// The column its value comes from (`authors.id`).
    from: String,
    /// The relationship's class and attribute.
    class: Rc<Mapper>,
    key: String,
    /// Its target class, `back_populates` and `overlaps`.
    target: Rc<Mapper>,
    back_populates: Option<String>,
    overlaps: Vec<String>,
}

/// The (from, to) column pairs a relationship synchronizes, as SQLAlchemy lists them (the
/// parent's side first for a many-to-many).
fn sync_pairs(parent: &Mapper, rel: &Relationship, target: &Mapper) -> Vec<(String, String)> {
    let col = |m: &Mapper, c: &str| format!("{}.{c}", m.table().name());
    match (&rel.secondary, rel.direction) {
        (Some(sec), _) => {
            let t = sec.table.name();
            vec![
                (
                    col(parent, &sec.parent_referred),
                    format!("{t}.{}", sec.parent_fk),
                ),
                (
                    col(target, &sec.target_referred),
                    format!("{t}.{}", sec.target_fk),
                ),
            ]
        }
        (None, Direction::ManyToOne) => vec![(col(target, &rel.referred), col(parent, &rel.fk))],
        (None, _) => vec![(col(parent, &rel.referred), col(target, &rel.fk))],
    }
}

/// Whether `a` and `b` are different branches of one inheritance hierarchy.
fn siblings(a: &Mapper, b: &Mapper) -> bool {
    !std::ptr::eq(a, b) && std::ptr::eq(a.base_mapper(), b.base_mapper()) && !a.isa(b) && !b.isa(a)
}

impl Bridge {
    /// Checks the relationships just configured (`(class, attribute)`, in configuration
    /// order) against those configured before, warning as SQLAlchemy does.
    pub fn check_overlaps(&self, i: &mut Interpreter, configured: &[(Rc<Mapper>, String)]) {
        for (parent, key) in configured {
            let Some(rel) = parent.relationship(key) else {
                continue;
            };
            let Ok(target) = rel.target() else {
                continue;
            };
            if rel.viewonly {
                continue;
            }
            for (from, to) in sync_pairs(parent, &rel, &target) {
                let others: Vec<SyncTarget> = self
                    .sync_targets
                    .borrow()
                    .iter()
                    .filter(|t| t.to == to && !self.may_overlap(t, parent, &rel, &target))
                    .cloned()
                    .collect();
                if !others.is_empty() {
                    let mut conflicts: Vec<String> = others
                        .iter()
                        .map(|t| {
                            format!(
                                "'{}.{}' (copies {} to {to})",
                                t.class.class_name(),
                                t.key,
                                t.from
                            )
                        })
                        .collect();
                    conflicts.sort();
                    let mut keys: Vec<&str> = others.iter().map(|t| t.key.as_str()).collect();
                    keys.sort_unstable();
                    let me = format!("{}.{key}", parent.class_name());
                    self.warn(
                        i,
                        "SAWarning",
                        &format!(
                            "relationship '{me}' will copy column {from} to column {to}, which \
                             conflicts with relationship(s): {}. If this is not the intention, \
                             consider if these relationships should be linked with \
                             back_populates, or if viewonly=True should be applied to one or \
                             more if they are read-only. For the less common case that foreign \
                             key constraints are partially overlapping, the orm.foreign() \
                             annotation can be used to isolate the columns that should be \
                             written towards.   To silence this warning, add the parameter \
                             'overlaps=\"{}\"' to the '{me}' relationship. (Background on this \
                             warning at: https://sqlalche.me/e/21/qzyx) (This warning \
                             originated from the `configure_mappers()` process, which was \
                             invoked automatically in response to a user-initiated operation.)",
                            conflicts.join(", "),
                            keys.join(","),
                        ),
                    );
                }
                self.sync_targets.borrow_mut().push(SyncTarget {
                    to,
                    from,
                    class: Rc::clone(parent),
                    key: key.clone(),
                    target: Rc::clone(&target),
                    back_populates: rel.back_populates.clone(),
                    overlaps: rel.overlaps.clone(),
                });
            }
        }
    }

    /// Whether the earlier relationship `t` may write the same column as `rel` (of `parent`,
    /// to `target`): its other side, named in either's `overlaps`, in another branch of an
    /// inheritance hierarchy, or the same attribute of a class in the same hierarchy.
    fn may_overlap(
        &self,
        t: &SyncTarget,
        parent: &Rc<Mapper>,
        rel: &Relationship,
        target: &Rc<Mapper>,
    ) -> bool {
        let reverse = (Rc::ptr_eq(&t.class, target)
            && rel.back_populates.as_deref() == Some(&t.key))
            || (Rc::ptr_eq(&t.target, parent) && t.back_populates.as_deref() == Some(&rel.name));
        let same = Rc::ptr_eq(&t.class, parent) && t.key == rel.name;
        reverse
            || same
            || rel.overlaps.contains(&t.key)
            || t.overlaps.contains(&rel.name)
            || siblings(parent, &t.class)
            || siblings(target, &t.target)
            || siblings(parent, &t.target)
            || siblings(target, &t.class)
            || (t.key == rel.name && std::ptr::eq(parent.base_mapper(), t.class.base_mapper()))
    }
}
