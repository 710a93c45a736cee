//! What a flush loads of expired objects before writing rows, as SQLAlchemy's does: a
//! parent whose key a child's row takes (the many-to-one's dependency processor reads it,
//! loading the expired parent), and an updated object whose primary key expired (the
//! UPDATE's WHERE reads its history, loading its expired attributes first).

use crate::error::Result;
use crate::relationship::Direction;
use crate::session::{ObjectId, ObjectState, Session};
use std::rc::Rc;

impl Session {
    /// Loads, without autoflush, the expired parents of `ids` that their rows need and (for
    /// an UPDATE step, `updating`) the expired attributes of those among `ids` whose
    /// primary key expired.
    pub(super) fn load_expired_for_step(&mut self, ids: &[ObjectId], updating: bool) -> Result<()> {
        let mut parents: Vec<ObjectId> = Vec::new();
        let mut rows: Vec<ObjectId> = Vec::new();
        {
            let store = self.store.borrow();
            for &id in ids {
                let inst = store.get(id)?;
                if updating && inst.mapper.pk().iter().any(|&i| inst.values[i].is_none()) {
                    rows.push(id);
                }
                if !inst.mapper.has_relationships() {
                    continue;
                }
                let mapper = Rc::clone(&inst.mapper);
                for rel in mapper.relationships() {
                    if rel.direction != Direction::ManyToOne || super::is_post_update(&mapper, &rel)
                    {
                        continue;
                    }
                    let Some(&p) = inst.extras.related.get(&rel.name).and_then(|v| v.first())
                    else {
                        continue;
                    };
                    let parent = store.get(p)?;
                    let (Some(pcol), Some(fcol)) = (
                        parent.mapper.table().column_index(&rel.referred),
                        mapper.table().column_index(&rel.fk),
                    ) else {
                        continue;
                    };
                    // Only a changed many-to-one (the child's loaded key is not the parent's).
                    let changed = inst.committed[fcol] != parent.committed[pcol]
                        || inst.committed[fcol].is_none();
                    if parent.state == ObjectState::Persistent
                        && self.members.contains(p)
                        && parent.values[pcol].is_none()
                        && changed
                        && !parents.contains(&p)
                    {
                        parents.push(p);
                    }
                }
            }
        }
        if parents.is_empty() && rows.is_empty() {
            return Ok(());
        }
        let autoflush = std::mem::replace(&mut self.autoflush, false);
        let done = parents
            .into_iter()
            .chain(rows)
            .try_for_each(|id| self.load(id));
        self.autoflush = autoflush;
        done
    }
}
