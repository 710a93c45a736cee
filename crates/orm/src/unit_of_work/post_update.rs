//! `relationship(post_update=True)`: a relationship whose foreign key is not part of the
//! ordering. The row holding the key (the object of a many-to-one, the children of a
//! one-to-many) is INSERTed with it NULL, and a second UPDATE sets it once every row is saved;
//! before the DELETEs an UPDATE sets it back to NULL where the referenced object is deleted. This is
//! how SQLAlchemy saves two rows that refer to each other (`widgets.favorite_id` →
//! `entries.id`, `entries.widget_id` → `widgets.id`).

use super::{FlushStep, StepKind, flush_key};
use crate::error::Result;
use crate::mapper::Mapper;
use crate::relationship::{Direction, Relationship};
use crate::session::{FxHashMap, Instance, ObjectId, ObjectState, Session, Store};
use crate::sql::compiler::{ParamStyle, compile};
use crate::sql::{Statement, update};
use crate::value::Value;
use std::rc::Rc;

/// Whether `rel` of `mapper` sets its foreign key by a post-update: it has
/// `post_update=True`, or it is the other side (`back_populates`) of one that has.
pub(crate) fn is_post_update(mapper: &Mapper, rel: &Relationship) -> bool {
    if rel.direction == Direction::ManyToMany {
        return false;
    }
    rel.post_update
        || rel.back_populates.as_ref().is_some_and(|back| {
            rel.target().is_ok_and(|t| {
                t.relationship(back).is_some_and(|b| {
                    b.post_update && b.target().is_ok_and(|bt| std::ptr::eq(&*bt, mapper))
                })
            })
        })
}

/// The (table, column) foreign keys that post-updates set, among the relationships of
/// `mappers`: a many-to-one's column on its own table, a one-to-many's on its target's.
pub(super) fn post_update_columns(mappers: &[Rc<Mapper>]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in mappers {
        for rel in m.relationships() {
            if !rel.post_update {
                continue;
            }
            let table = match rel.direction {
                Direction::ManyToOne => m.table().name().to_owned(),
                Direction::OneToMany => match rel.target() {
                    Ok(t) => t.table().name().to_owned(),
                    Err(_) => continue,
                },
                Direction::ManyToMany => continue,
            };
            out.push((table, rel.fk.clone()));
        }
    }
    out
}

/// The value of column `col` of `inst`, as set or as loaded.
fn current(inst: &Instance, col: &str) -> Option<Value> {
    let pos = inst.mapper.table().column_index(col)?;
    inst.values[pos]
        .clone()
        .or_else(|| inst.committed[pos].clone())
}

/// The key of `id`'s column `col`: `None` while it has none (it is inserted earlier in the
/// flush).
fn key_of(store: &Store, id: ObjectId, col: &str) -> Option<Value> {
    store
        .get(id)
        .ok()
        .and_then(|t| current(t, col))
        .filter(|v| *v != Value::Null)
}

/// Whether `id` is pending or persistent (not deleted by an earlier flush).
fn live(store: &Store, id: ObjectId) -> bool {
    store
        .get(id)
        .is_ok_and(|i| matches!(i.state, ObjectState::Pending | ObjectState::Persistent))
}

/// The post-update relationships of a flush, looked up once: each mapper's `post_update`
/// relationships, and for each object held in a live parent's one-to-many post-update
/// collection, its holders in the order the parents entered the session. Built in one pass
/// over the members, so finding an object's post-updates costs no scan of the session.
#[derive(Default)]
pub(super) struct PostUpdates {
    /// Each mapper met (by address) and its `post_update` relationships.
    mappers: Vec<(*const Mapper, Vec<Relationship>)>,
    /// Object → (parent, mapper slot, relationship index) of the collections holding it.
    holders: FxHashMap<ObjectId, Vec<(ObjectId, usize, usize)>>,
}

impl PostUpdates {
    /// The index over `members` (their order decides the holders' order).
    pub(super) fn new(store: &Store, members: &[ObjectId]) -> Self {
        let mut index = PostUpdates::default();
        for &p in members {
            let Ok(parent) = store.get(p) else { continue };
            let slot = index.slot(&parent.mapper);
            if !live(store, p) {
                continue;
            }
            for (r, rel) in index.mappers[slot].1.iter().enumerate() {
                if rel.direction != Direction::OneToMany {
                    continue;
                }
                let Some(children) = parent.extras.related.get(&rel.name) else {
                    continue;
                };
                for &child in children {
                    let held = index.holders.entry(child).or_default();
                    // A child listed twice in one collection is held once.
                    if held.last() != Some(&(p, slot, r)) {
                        held.push((p, slot, r));
                    }
                }
            }
        }
        index
    }

    /// Whether no mapper met has a `post_update` relationship (nothing to post-update).
    fn is_empty(&self) -> bool {
        self.mappers.iter().all(|(_, rels)| rels.is_empty())
    }

    /// The slot of `mapper`, its post-update relationships looked up on first use.
    fn slot(&mut self, mapper: &Rc<Mapper>) -> usize {
        let key = Rc::as_ptr(mapper);
        if let Some(i) = self.mappers.iter().position(|(m, _)| *m == key) {
            return i;
        }
        let rels = mapper
            .relationships()
            .into_iter()
            .filter(|r| r.post_update)
            .collect();
        self.mappers.push((key, rels));
        self.mappers.len() - 1
    }

    /// The columns of `id` a post-update sets, with their values (`None`: the parent's key,
    /// not known until its INSERT has run): after the saves (`deleting` false) the keys of
    /// the objects its post-update relationships now point at, or which hold it in a
    /// post-update collection; before the deletes, NULL where such a parent is deleted.
    fn post_sets(
        &mut self,
        store: &Store,
        id: ObjectId,
        deleting: bool,
    ) -> Vec<(usize, Option<Value>)> {
        let Ok(inst) = store.get(id) else {
            return Vec::new();
        };
        let slot = self.slot(&inst.mapper);
        let mut out: Vec<(usize, Option<Value>)> = Vec::new();
        let mut set = |col: &str, want: Option<Value>| {
            let Some(pos) = inst.mapper.table().column_index(col) else {
                return;
            };
            let have = current(inst, col).unwrap_or(Value::Null);
            if want.as_ref() != Some(&have) && !out.iter().any(|(p, _)| *p == pos) {
                out.push((pos, want));
            }
        };
        for rel in &self.mappers[slot].1 {
            if rel.direction != Direction::ManyToOne {
                continue;
            }
            let Some(related) = inst.extras.related.get(&rel.name) else {
                continue;
            };
            if deleting {
                if inst.marked_deleted && !related.is_empty() {
                    set(&rel.fk, Some(Value::Null));
                }
            } else if !inst.marked_deleted {
                let want = match related.first() {
                    None => Some(Value::Null),
                    // An object deleted by an earlier flush is no longer referred to.
                    Some(&p) if !live(store, p) => continue,
                    Some(&p) => key_of(store, p, &rel.referred),
                };
                set(&rel.fk, want);
            }
        }
        // Parents holding `id` in a one-to-many post-update collection.
        for &(p, pslot, r) in self.holders.get(&id).map_or(&[][..], Vec::as_slice) {
            let Ok(parent) = store.get(p) else { continue };
            let rel = &self.mappers[pslot].1[r];
            if deleting {
                if parent.marked_deleted {
                    set(&rel.fk, Some(Value::Null));
                }
            } else if !parent.marked_deleted && !inst.marked_deleted {
                set(&rel.fk, key_of(store, p, &rel.referred));
            }
        }
        out
    }
}

/// One object's post-update: its id, the (column, value) pairs it sets, and its statement.
type PostUpdateRow = (ObjectId, Vec<(usize, Value)>, crate::sql::Compiled);

impl Session {
    /// The post-update steps: after the saves (`deleting` false) or before the deletes
    /// (`deleting` true), one per mapper in the order objects entered the session.
    pub(super) fn post_update_steps(
        &self,
        store: &Store,
        deleting: bool,
    ) -> Result<Vec<FlushStep>> {
        let members = self.members.to_vec();
        let mut index = PostUpdates::new(store, &members);
        if index.is_empty() {
            return Ok(Vec::new());
        }
        let mut by_mapper: Vec<(Rc<Mapper>, Vec<ObjectId>)> = Vec::new();
        for &id in &members {
            let inst = store.get(id)?;
            let live = if deleting {
                inst.state == ObjectState::Persistent
            } else {
                matches!(inst.state, ObjectState::Pending | ObjectState::Persistent)
            };
            if !live || index.post_sets(store, id, deleting).is_empty() {
                continue;
            }
            match by_mapper
                .iter_mut()
                .find(|(m, _)| Rc::ptr_eq(m, &inst.mapper))
            {
                Some((_, ids)) => ids.push(id),
                None => by_mapper.push((Rc::clone(&inst.mapper), vec![id])),
            }
        }
        let (kind, why) = if deleting {
            (
                StepKind::ClearPostUpdate,
                "post_update: the foreign key is set to NULL before any row is deleted",
            )
        } else {
            (
                StepKind::PostUpdate,
                "post_update: the foreign key is set by an UPDATE once every row is saved",
            )
        };
        Ok(by_mapper
            .into_iter()
            .map(|(m, objects)| FlushStep {
                index: 0,
                kind,
                class_name: m.class_name().to_owned(),
                table: m.table().name().to_owned(),
                objects: objects.into(),
                reason: format!("{}: {why}", m.table().name()),
                links: Vec::new(),
            })
            .collect())
    }

    /// Runs a post-update step: `UPDATE table SET fk=? WHERE pk` for each object (as one
    /// `executemany` when the statements are the same), the key read from the related object
    /// as it is now, or NULL for an object being deleted.
    pub(super) fn run_post_updates(&mut self, ids: &[ObjectId], deleting: bool) -> Result<()> {
        let members = self.members.to_vec();
        let mut index = PostUpdates::new(&self.store.borrow(), &members);
        let mut batch: Vec<PostUpdateRow> = Vec::new();
        for &id in ids {
            let (mapper, sets, pk) = {
                let store = self.store.borrow();
                let inst = store.get(id)?;
                let sets: Vec<(usize, Value)> = index
                    .post_sets(&store, id, deleting)
                    .into_iter()
                    .map(|(pos, v)| (pos, v.unwrap_or(Value::Null)))
                    .collect();
                let pk = inst.loaded_key();
                (Rc::clone(&inst.mapper), sets, pk)
            };
            if sets.is_empty() {
                continue;
            }
            let named: Vec<(String, Value)> = sets
                .iter()
                .map(|(i, v)| (mapper.table().columns()[*i].name.clone(), v.clone()))
                .collect();
            let stmt = update(mapper.table())
                .values(named)?
                .where_(Self::pk_where(&mapper, &pk)?);
            let c = compile(&Statement::Update(stmt), ParamStyle::Qmark, &[])?;
            if batch.first().is_some_and(|(_, _, b)| b.sql != c.sql) {
                self.post_update_batch(std::mem::take(&mut batch))?;
            }
            batch.push((id, sets, c));
        }
        self.post_update_batch(batch)
    }

    fn post_update_batch(&mut self, batch: Vec<PostUpdateRow>) -> Result<()> {
        let Some((_, _, head)) = batch.first() else {
            return Ok(());
        };
        let key = format!("post_update|{}", flush_key(&head.cache_key));
        let origin = self.engine.cache_origin(&key, batch.len() > 1, 0.00005);
        let sql = head.sql.clone();
        if batch.len() == 1 {
            let params = head.params.clone();
            self.connection().execute_logged(&sql, &params, origin)?;
        } else {
            let sets: Vec<Vec<Value>> = batch.iter().map(|(_, _, c)| c.params.clone()).collect();
            self.connection().execute_many_logged(&sql, sets, origin)?;
        }
        let mut store = self.store.borrow_mut();
        for (id, sets, _) in batch {
            let inst = store.get_mut(id)?;
            for (pos, v) in sets {
                inst.values[pos] = Some(v.clone());
                inst.committed[pos] = Some(v);
            }
        }
        Ok(())
    }
}
