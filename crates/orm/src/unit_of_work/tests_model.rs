//! Property test of the unit of work against a plain model: random sequences of add (users,
//! and addresses appended to a user's collection) / modify / delete / read / flush / commit /
//! rollback, in sessions with and without `expire_on_commit`. After every step the database
//! rows, the session's `new` / `dirty` / `deleted` views, every object's state and whether it
//! is expired must match the model; rolled-back objects that were flushed keep their ids.
//!
//! Sequences come from proptest: each step is a handful of numbers (the operation, then the
//! objects it picks), so a failing sequence shrinks to fewer steps and earlier choices. The
//! runner starts from a fixed seed, so every run (native and in the browser) tries the same
//! sequences.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::mapper::Mapper;
use crate::relationship::{RelationshipOptions, relationship_with};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::session::{ObjectId, ObjectState, Session, Store};
use crate::types::SqlType;
use crate::{Engine, Result, Value};
use proptest::collection::vec;
use proptest::prelude::{Strategy, any};
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The choices of one step: the operation, then the objects it picks, each taken modulo the
/// number of candidates (proptest shrinks them toward 0, the first candidate).
struct Choices<'a> {
    picks: &'a [u32],
    at: usize,
}

impl Choices<'_> {
    fn next(&mut self, n: usize) -> usize {
        let pick = self.picks.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        pick as usize % n.max(1)
    }
}

/// One object as the model expects it.
struct Obj {
    id: ObjectId,
    user: bool,
    state: ObjectState,
    /// `name` of a user, `email` of an address.
    text: String,
    db_id: Option<i64>,
    /// For an address: the index of its user among the objects, while linked.
    parent: Option<usize>,
    marked: bool,
    dirty: bool,
    expired: bool,
    /// For a user: whether its `addresses` collection is loaded.
    collection: bool,
    /// Whether its text attribute was set since it expired (reading it then loads nothing).
    touched: bool,
    inserted_in_tx: bool,
}

#[derive(Default, Clone, PartialEq, Debug)]
struct Rows {
    users: BTreeMap<i64, String>,
    addresses: BTreeMap<i64, (String, Option<i64>)>,
}

struct World {
    engine: Engine,
    user: Rc<Mapper>,
    address: Rc<Mapper>,
    store: Rc<RefCell<Store>>,
    s: Session,
    objs: Vec<Obj>,
    db: Rows,
    committed: Rows,
    counter: usize,
    /// How many kept ids of rolled-back flushed objects were checked.
    kept_ids: usize,
}

fn db_rows(engine: &Engine) -> Result<Rows> {
    let db = engine.sqlite();
    let err = |e| crate::Error::from_driver(e, "", &[]);
    let mut rows = Rows::default();
    let mut stmt = db.prepare("SELECT id, name FROM users").map_err(err)?;
    let mut it = stmt.query([]).map_err(err)?;
    while let Some(r) = it.next().map_err(err)? {
        rows.users
            .insert(r.get(0).map_err(err)?, r.get(1).map_err(err)?);
    }
    let mut stmt = db
        .prepare("SELECT id, email, user_id FROM addresses")
        .map_err(err)?;
    let mut it = stmt.query([]).map_err(err)?;
    while let Some(r) = it.next().map_err(err)? {
        rows.addresses.insert(
            r.get(0).map_err(err)?,
            (r.get(1).map_err(err)?, r.get(2).map_err(err)?),
        );
    }
    Ok(rows)
}

impl World {
    fn new(expire_on_commit: bool) -> Result<World> {
        let md = MetaData::new();
        let users = md.add(
            Table::new("users")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::new("name", SqlType::String(None))),
        )?;
        let addresses = md.add(
            Table::new("addresses")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::new("email", SqlType::String(None)))
                .column(Column::foreign("user_id", ForeignKey::new("users.id")?)),
        )?;
        let engine = Engine::in_memory()?;
        md.create_all(&engine, false)?;
        let user = Mapper::new("User", &users)?;
        let address = Mapper::new("Address", &addresses)?;
        relationship_with(&user, "addresses", &address, RelationshipOptions::default())?;
        let store = Rc::new(RefCell::new(Store::new()));
        let mut s = Session::new(&engine, Rc::clone(&store));
        s.expire_on_commit = expire_on_commit;
        Ok(World {
            engine,
            user,
            address,
            store,
            s,
            objs: Vec::new(),
            db: Rows::default(),
            committed: Rows::default(),
            counter: 0,
            kept_ids: 0,
        })
    }

    fn live(&self, pred: impl Fn(&Obj) -> bool) -> Vec<usize> {
        (0..self.objs.len())
            .filter(|&i| {
                let o = &self.objs[i];
                matches!(o.state, ObjectState::Pending | ObjectState::Persistent) && pred(o)
            })
            .collect()
    }

    fn create(&mut self, user: bool, parent: Option<usize>) -> Result<usize> {
        self.counter += 1;
        let (mapper, col, text) = if user {
            (&self.user, "name", format!("n{}", self.counter))
        } else {
            (&self.address, "email", format!("e{}", self.counter))
        };
        let id = self
            .store
            .borrow_mut()
            .create(mapper, &[(col.to_owned(), text.as_str().into())])?;
        self.objs.push(Obj {
            id,
            user,
            state: ObjectState::Transient,
            text,
            db_id: None,
            parent,
            marked: false,
            dirty: false,
            expired: false,
            collection: true,
            touched: false,
            inserted_in_tx: false,
        });
        Ok(self.objs.len() - 1)
    }

    /// The lazy load of user `u`'s collection: it fills the expired attributes of the
    /// addresses it returns (those not set since).
    fn load_collection(&mut self, u: usize) {
        let user_id = self.objs[u].db_id;
        for o in &mut self.objs {
            let row = o.db_id.and_then(|i| self.db.addresses.get(&i));
            if !o.user
                && o.state == ObjectState::Persistent
                && row.is_some_and(|r| r.1.is_some() && r.1 == user_id)
            {
                o.expired = false;
            }
        }
    }

    /// The model of a flush: inserts (users before addresses; SQLite numbers new rows after
    /// the largest id present, rows deleted later in the flush included), updates, then
    /// deletes (children of deleted users get a NULL key).
    fn model_flush(&mut self) {
        for user in [true, false] {
            let mut next = if user {
                self.db.users.keys().next_back().copied().unwrap_or(0)
            } else {
                self.db.addresses.keys().next_back().copied().unwrap_or(0)
            };
            for k in 0..self.objs.len() {
                if self.objs[k].user != user || self.objs[k].state != ObjectState::Pending {
                    continue;
                }
                next += 1;
                let parent_id = self.objs[k].parent.and_then(|p| self.objs[p].db_id);
                let o = &mut self.objs[k];
                o.db_id = Some(next);
                o.state = ObjectState::Persistent;
                o.inserted_in_tx = true;
                if user {
                    self.db.users.insert(next, o.text.clone());
                } else {
                    self.db.addresses.insert(next, (o.text.clone(), parent_id));
                }
            }
        }
        let deleted_users: Vec<usize> = self
            .live(|o| o.user && o.marked && o.state == ObjectState::Persistent)
            .into_iter()
            .collect();
        // The flush loads the collections of deleted users, filling the expired attributes
        // of the addresses it returns.
        for &u in &deleted_users {
            if !self.objs[u].collection {
                self.load_collection(u);
            }
        }
        for k in 0..self.objs.len() {
            let orphaned = self.objs[k]
                .parent
                .is_some_and(|p| deleted_users.contains(&p));
            let o = &mut self.objs[k];
            if o.state == ObjectState::Persistent && o.marked {
                if let Some(i) = o.db_id {
                    if o.user {
                        self.db.users.remove(&i);
                    } else {
                        self.db.addresses.remove(&i);
                    }
                }
                o.state = ObjectState::Deleted;
                o.marked = false;
                o.dirty = false;
            } else if o.state == ObjectState::Persistent {
                if orphaned {
                    o.parent = None;
                }
                // The UPDATE of an expired object loads its row first.
                if o.dirty {
                    o.expired = false;
                    o.touched = false;
                }
                if let Some(i) = o.db_id {
                    if o.user {
                        self.db.users.insert(i, o.text.clone());
                    } else if let Some(row) = self.db.addresses.get_mut(&i) {
                        row.0 = o.text.clone();
                        if orphaned {
                            row.1 = None;
                        }
                    }
                }
                o.dirty = false;
            }
        }
    }

    fn flush(&mut self) -> Result<()> {
        self.s.flush()?;
        self.model_flush();
        Ok(())
    }

    fn expire_persistent(&mut self) {
        for o in &mut self.objs {
            if o.state == ObjectState::Persistent {
                o.expired = true;
                o.dirty = false;
                o.collection = false;
                o.touched = false;
            }
        }
    }

    fn step(&mut self, rng: &mut Choices<'_>, ctx: &str) -> Result<usize> {
        let op = rng.next(10);
        match op {
            0 => {
                let k = self.create(true, None)?;
                self.s.add(self.objs[k].id)?;
                self.objs[k].state = ObjectState::Pending;
            }
            1 => {
                let users = self.live(|o| o.user && !o.marked);
                if users.is_empty() {
                    return Ok(op);
                }
                let u = users[rng.next(users.len())];
                // Appending may load the collection, which autoflushes: flush first.
                self.flush()?;
                let k = self.create(false, Some(u))?;
                self.s
                    .append_related(self.objs[u].id, "addresses", self.objs[k].id)?;
                if !self.objs[u].collection {
                    self.load_collection(u);
                }
                self.objs[u].expired = false;
                self.objs[u].collection = true;
                // A collection change makes a persistent parent dirty until the next flush.
                if self.objs[u].state == ObjectState::Persistent {
                    self.objs[u].dirty = true;
                }
                self.objs[k].state = ObjectState::Pending;
            }
            2 => {
                let live = self.live(|o| !o.marked);
                if live.is_empty() {
                    return Ok(op);
                }
                let k = live[rng.next(live.len())];
                self.counter += 1;
                let (col, text) = if self.objs[k].user {
                    ("name", format!("m{}", self.counter))
                } else {
                    ("email", format!("f{}", self.counter))
                };
                self.s
                    .set_attr(self.objs[k].id, col, text.as_str().into())?;
                let o = &mut self.objs[k];
                o.text = text;
                if o.state == ObjectState::Persistent {
                    o.dirty = true;
                    o.touched = o.expired;
                }
            }
            3 => {
                let objs = &self.objs;
                let candidates = self.live(|o| {
                    o.state == ObjectState::Persistent
                        && !o.marked
                        // A user whose new addresses are not flushed yet is left alone.
                        && !objs.iter().any(|c| {
                            c.state == ObjectState::Pending
                                && c.parent.is_some_and(|p| std::ptr::eq(&objs[p], o))
                        })
                        // So is an address in a loaded collection: once deleted and committed,
                        // a later flush of its user would cascade it back into the session
                        // (Retort cannot tell a deleted detached object from another).
                        && !o.parent.is_some_and(|p| objs[p].collection)
                });
                if candidates.is_empty() {
                    return Ok(op);
                }
                let k = candidates[rng.next(candidates.len())];
                self.s.delete(self.objs[k].id)?;
                let o = &mut self.objs[k];
                o.marked = true;
                o.dirty = false;
                o.expired = false;
            }
            4 => {
                let persistent = self.live(|o| o.state == ObjectState::Persistent && !o.marked);
                if persistent.is_empty() {
                    return Ok(op);
                }
                let k = persistent[rng.next(persistent.len())];
                let loads = self.objs[k].expired && !self.objs[k].touched;
                if loads {
                    // The load of an expired attribute autoflushes.
                    self.flush()?;
                }
                let col = if self.objs[k].user { "name" } else { "email" };
                let got = self.s.get_attr(self.objs[k].id, col)?;
                assert_eq!(got, Value::from(self.objs[k].text.as_str()), "{ctx}: read");
                if loads {
                    self.objs[k].expired = false;
                }
            }
            5 | 6 => self.flush()?,
            7 | 8 => {
                self.s.commit()?;
                self.model_flush();
                self.committed = self.db.clone();
                let expire = self.s.expire_on_commit;
                for o in &mut self.objs {
                    o.inserted_in_tx = false;
                    if o.state == ObjectState::Deleted {
                        o.state = ObjectState::Detached;
                    }
                }
                if expire {
                    self.expire_persistent();
                }
            }
            _ => {
                self.s.rollback()?;
                self.db = self.committed.clone();
                for k in 0..self.objs.len() {
                    let o = &mut self.objs[k];
                    o.marked = false;
                    match o.state {
                        ObjectState::Pending => o.state = ObjectState::Transient,
                        ObjectState::Persistent | ObjectState::Deleted if o.inserted_in_tx => {
                            o.state = ObjectState::Transient;
                        }
                        ObjectState::Deleted => o.state = ObjectState::Persistent,
                        _ => {}
                    }
                    o.inserted_in_tx = false;
                    if o.state == ObjectState::Persistent
                        && let Some(i) = o.db_id
                    {
                        if o.user {
                            o.text = self.db.users.get(&i).cloned().unwrap_or_default();
                        } else if let Some((email, _)) = self.db.addresses.get(&i) {
                            o.text = email.clone();
                        }
                    }
                }
                // Links follow the database again.
                for k in 0..self.objs.len() {
                    if self.objs[k].user || self.objs[k].state != ObjectState::Persistent {
                        continue;
                    }
                    let user_id = self.objs[k]
                        .db_id
                        .and_then(|i| self.db.addresses.get(&i))
                        .and_then(|row| row.1);
                    self.objs[k].parent = user_id.and_then(|u| {
                        self.objs.iter().position(|p| {
                            p.user && p.state == ObjectState::Persistent && p.db_id == Some(u)
                        })
                    });
                }
                self.expire_persistent();
                // Objects flushed in the rolled-back transaction keep their ids.
                for o in self
                    .objs
                    .iter()
                    .filter(|o| o.state == ObjectState::Transient)
                {
                    if let Some(i) = o.db_id {
                        let got = self.store.borrow().get(o.id)?.values[0].clone();
                        assert_eq!(got, Some(Value::Integer(i)), "{ctx}: kept id");
                        self.kept_ids += 1;
                    }
                }
            }
        }
        Ok(op)
    }

    fn check(&self, ctx: &str) -> Result<()> {
        assert_eq!(db_rows(&self.engine)?, self.db, "{ctx}: database");
        let store = self.store.borrow();
        for o in &self.objs {
            let inst = store.get(o.id)?;
            assert_eq!(inst.state, o.state, "{ctx}: state of {:?}", o.id);
            if o.state == ObjectState::Persistent && !o.marked {
                // The primary key is loaded with the row (setting another attribute of an
                // expired object loads nothing).
                let expired = inst.values[0].is_none();
                assert_eq!(expired, o.expired, "{ctx}: expired {:?}", o.id);
            }
        }
        let view = |pred: &dyn Fn(&Obj) -> bool| -> Vec<ObjectId> {
            self.objs.iter().filter(|o| pred(o)).map(|o| o.id).collect()
        };
        let sorted = |mut v: Vec<ObjectId>| {
            v.sort();
            v
        };
        assert_eq!(
            sorted(self.s.new_objects()),
            view(&|o| o.state == ObjectState::Pending),
            "{ctx}: session.new"
        );
        assert_eq!(
            sorted(self.s.dirty()),
            view(&|o| o.state == ObjectState::Persistent && o.dirty),
            "{ctx}: session.dirty"
        );
        assert_eq!(
            sorted(self.s.deleted_objects()),
            view(&|o| o.marked),
            "{ctx}: session.deleted"
        );
        Ok(())
    }
}

/// A session run: `expire_on_commit`, then the choices of each step.
fn runs() -> impl Strategy<Value = (bool, Vec<Vec<u32>>)> {
    (any::<bool>(), vec(vec(any::<u32>(), 2), 1..80))
}

/// Runs one sequence against a fresh session and the model, checking after every step;
/// returns how many kept ids of rolled-back flushed objects it checked.
fn run_sequence(expire_on_commit: bool, steps: &[Vec<u32>]) -> Result<usize> {
    let mut w = World::new(expire_on_commit)?;
    for (step, picks) in steps.iter().enumerate() {
        let ctx = format!("(expire_on_commit={expire_on_commit}) step {step}");
        let op = w.step(&mut Choices { picks, at: 0 }, &ctx)?;
        w.check(&format!("{ctx} op {op}"))?;
    }
    Ok(w.kept_ids)
}

#[test]
fn random_sessions_with_relationships_match_the_model() {
    let config = Config {
        cases: 48,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let kept_ids = Cell::new(0);
    let outcome = runner.run(&runs(), |(expire_on_commit, steps)| {
        let kept = run_sequence(expire_on_commit, &steps)
            .map_err(|e| TestCaseError::fail(format!("{}: {e}", e.class_name())))?;
        kept_ids.set(kept_ids.get() + kept);
        Ok(())
    });
    match outcome {
        Ok(()) => {}
        Err(TestError::Fail(why, (expire_on_commit, steps))) => panic!(
            "{why}\nminimal failing run: expire_on_commit={expire_on_commit}, steps={steps:?}"
        ),
        Err(TestError::Abort(why)) => panic!("proptest aborted: {why}"),
    }
    assert!(
        kept_ids.get() > 0,
        "no rollback of flushed objects was exercised"
    );
}
