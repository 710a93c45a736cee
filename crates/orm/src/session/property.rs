//! Property test: random sequences of add / modify / delete / flush / commit / rollback / query
//! applied to a session and to a plain model of the expected rows and states; after every step
//! the database, the session's `new` view and every object's state must match the model, and a
//! query (which autoflushes) must return exactly the model's persistent objects, through the
//! identity map.
//!
//! Sequences come from a small xorshift generator (seeded, so failures reproduce) rather than
//! proptest, which the workspace lock file does not carry yet.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use super::*;
use crate::schema::{Column, MetaData, Table};
use crate::types::SqlType;
use std::collections::BTreeMap;

struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[derive(Clone)]
struct Model {
    id: ObjectId,
    state: ObjectState,
    name: String,
    db_id: Option<i64>,
    marked: bool,
    inserted_in_tx: bool,
}

fn db_rows(engine: &Engine) -> Result<BTreeMap<i64, String>> {
    let mut out = BTreeMap::new();
    let db = engine.sqlite();
    let mut stmt = db
        .prepare("SELECT id, name FROM users")
        .map_err(|e| Error::from_driver(e, "", &[]))?;
    let mut rows = stmt.query([]).map_err(|e| Error::from_driver(e, "", &[]))?;
    while let Some(r) = rows.next().map_err(|e| Error::from_driver(e, "", &[]))? {
        let id: i64 = r.get(0).map_err(|e| Error::from_driver(e, "", &[]))?;
        let name: String = r.get(1).map_err(|e| Error::from_driver(e, "", &[]))?;
        out.insert(id, name);
    }
    Ok(out)
}

/// Runs one sequence; returns how many queries it checked.
fn run(seed: u64, steps: usize) -> Result<usize> {
    let md = MetaData::new();
    let users = md.add(
        Table::new("users")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None))),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, false)?;
    let user = Mapper::new("User", &users)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let mut rng = Rng(seed.max(1));
    let mut objs: Vec<Model> = Vec::new();
    let mut db: BTreeMap<i64, String> = BTreeMap::new();
    let mut committed = db.clone();
    let mut counter = 0;
    let mut queries = 0;
    for step in 0..steps {
        let live: Vec<usize> = (0..objs.len())
            .filter(|&i| {
                matches!(
                    objs[i].state,
                    ObjectState::Pending | ObjectState::Persistent
                )
            })
            .collect();
        let op = rng.next(7);
        let ctx = format!("seed {seed} step {step} op {op}");
        match op {
            0 => {
                counter += 1;
                let name = format!("n{counter}");
                let id = store
                    .borrow_mut()
                    .create(&user, &[("name".into(), name.as_str().into())])?;
                s.add(id)?;
                objs.push(Model {
                    id,
                    state: ObjectState::Pending,
                    name,
                    db_id: None,
                    marked: false,
                    inserted_in_tx: false,
                });
            }
            1 if !live.is_empty() => {
                let k = live[rng.next(live.len())];
                if !objs[k].marked {
                    counter += 1;
                    let name = format!("m{counter}");
                    s.set_attr(objs[k].id, "name", name.as_str().into())?;
                    objs[k].name = name;
                }
            }
            2 if !live.is_empty() => {
                let k = live[rng.next(live.len())];
                if objs[k].state == ObjectState::Persistent && !objs[k].marked {
                    s.delete(objs[k].id)?;
                    objs[k].marked = true;
                }
            }
            3 | 4 | 6 => {
                let queried = if op == 6 {
                    let ent = crate::query::Entity::of(&user);
                    let q =
                        crate::query::select(vec![ent.clone().into()]).order_by(vec![ent.c("id")?]);
                    Some(s.scalars(&q)?.all())
                } else {
                    s.flush()?;
                    None
                };
                let mut next = db.keys().next_back().copied().unwrap_or(0);
                for m in objs.iter_mut() {
                    match m.state {
                        ObjectState::Persistent if m.marked => {
                            if let Some(i) = m.db_id {
                                db.remove(&i);
                            }
                            m.state = ObjectState::Deleted;
                            m.marked = false;
                        }
                        ObjectState::Persistent => {
                            if let Some(i) = m.db_id {
                                db.insert(i, m.name.clone());
                            }
                        }
                        _ => {}
                    }
                }
                for m in objs.iter_mut().filter(|m| m.state == ObjectState::Pending) {
                    next += 1;
                    m.db_id = Some(next);
                    db.insert(next, m.name.clone());
                    m.state = ObjectState::Persistent;
                    m.inserted_in_tx = true;
                }
                if let Some(got) = queried {
                    let mut expected: Vec<(i64, ObjectId)> = objs
                        .iter()
                        .filter(|m| m.state == ObjectState::Persistent)
                        .filter_map(|m| m.db_id.map(|i| (i, m.id)))
                        .collect();
                    expected.sort();
                    let expected: Vec<crate::query::Cell> = expected
                        .into_iter()
                        .map(|(_, id)| crate::query::Cell::Object(id))
                        .collect();
                    assert_eq!(got, expected, "{ctx}: query");
                    queries += 1;
                }
                if op == 4 {
                    s.commit()?;
                    committed = db.clone();
                    for m in objs.iter_mut() {
                        m.inserted_in_tx = false;
                        if m.state == ObjectState::Deleted {
                            m.state = ObjectState::Detached;
                        }
                    }
                }
            }
            5 => {
                s.rollback()?;
                db = committed.clone();
                for m in objs.iter_mut() {
                    m.marked = false;
                    match m.state {
                        ObjectState::Pending => m.state = ObjectState::Transient,
                        ObjectState::Persistent | ObjectState::Deleted if m.inserted_in_tx => {
                            m.state = ObjectState::Transient;
                        }
                        ObjectState::Deleted => m.state = ObjectState::Persistent,
                        _ => {}
                    }
                    if m.state == ObjectState::Persistent
                        && let Some(i) = m.db_id
                        && let Some(n) = db.get(&i)
                    {
                        m.name = n.clone();
                    }
                    m.inserted_in_tx = false;
                }
            }
            _ => {}
        }
        assert_eq!(db_rows(&engine)?, db, "{ctx}: database");
        for m in &objs {
            assert_eq!(
                store.borrow().get(m.id)?.state,
                m.state,
                "{ctx}: state of {:?}",
                m.id
            );
        }
        let pending: Vec<ObjectId> = objs
            .iter()
            .filter(|m| m.state == ObjectState::Pending)
            .map(|m| m.id)
            .collect();
        assert_eq!(s.new_objects(), pending, "{ctx}: session.new");
        let deleted: Vec<ObjectId> = objs.iter().filter(|m| m.marked).map(|m| m.id).collect();
        assert_eq!(s.deleted_objects(), deleted, "{ctx}: session.deleted");
    }
    Ok(queries)
}

#[test]
fn random_sessions_match_the_model() -> Result<()> {
    let mut queries = 0;
    for seed in 1..=40 {
        queries += run(seed * 7919, 60)?;
    }
    assert!(queries > 100, "only {queries} queries checked");
    Ok(())
}
