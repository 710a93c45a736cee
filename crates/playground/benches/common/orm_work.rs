//! Benchmarks of the ORM core, each as a ratio against a baseline measured in the same run
//! (run with `cargo xtask bench`):
//! - flush of 10k and 100k new objects of a three-column model vs raw prepared rusqlite
//!   INSERTs of the same rows in one transaction (target: at most 2x; 100k at most 11x 10k);
//! - hydration of 100k rows through the identity map vs reading the same rows with rusqlite
//!   (target: at least 1M objects/s natively);
//! - `session.get()` of a loaded object vs a `HashMap` lookup (target: at least 10M/s);
//! - `selectinload()` of 4k parents' 40k children vs reading the same rows with the engine
//!   (no target: it shows that matching children to parents stays linear).
//!
//! The workloads, shared by the native bench (`benches/orm.rs`) and the browser one
//! (`tests/wasm_bench.rs`, release wasm in headless Chromium).

use retort::mapper::Mapper;
use retort::query::{Entity, LoaderOption, Strategy, select};
use retort::relationship::{RelationshipOptions, relationship_with};
use retort::schema::{Column, ForeignKey, MetaData, Table};
use retort::session::{ObjectId, Session, Store};
use retort::types::SqlType;
use retort::{Engine, Value};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hint::black_box;
use std::rc::Rc;
use std::time::Duration;
use web_time::Instant;

/// Rounds per measurement (the median is reported): 5 natively, 3 in a browser;
/// `RETORT_BENCH_ROUNDS` overrides natively.
fn rounds() -> usize {
    let default = if cfg!(target_family = "wasm") { 3 } else { 5 };
    std::env::var("RETORT_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

/// Runs the benchmarks named by `only` (all when empty; `flush`, `hydrate`, `get` or `eager`
/// for one;
/// `flush-keyed` or `flush-generated` for the flush of new objects with keys given or
/// generated alone, e.g. under a profiler, of `RETORT_BENCH_ROWS` objects, 10k by default,
/// and `flush-raw` for their rusqlite baseline alone), handing each report line to `emit`.
pub fn run(only: &str, emit: &mut dyn FnMut(String)) {
    let wanted = |name: &str| only.is_empty() || only == name;
    if wanted("flush") {
        flush(emit);
    }
    let rows = || {
        std::env::var("RETORT_BENCH_ROWS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(10_000)
    };
    if only == "flush-keyed" || only == "flush-generated" {
        let (n, keyed) = (rows(), only == "flush-keyed");
        emit(format!("{:?}", median(|| orm_flush(n, keyed))));
    }
    if only == "flush-raw" {
        let n = rows();
        emit(format!("{:?}", median(|| raw_inserts(n, PLAIN))));
    }
    if wanted("hydrate") || wanted("get") {
        reads(&wanted, emit);
    }
    if wanted("eager") {
        eager(emit);
    }
}

fn fail<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

struct Model {
    engine: Engine,
    item: Rc<Mapper>,
    store: Rc<RefCell<Store>>,
}

fn model() -> Model {
    let md = MetaData::new();
    let items = fail(
        md.add(
            Table::new("item")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::new("name", SqlType::String(Some(30))).nullable(false))
                .column(Column::new("price", SqlType::Float)),
        ),
    );
    let engine = fail(Engine::in_memory());
    fail(md.create_all(&engine, false));
    engine.drain_events();
    Model {
        engine,
        item: fail(Mapper::new("Item", &items)),
        store: Rc::new(RefCell::new(Store::new())),
    }
}

fn row(i: usize) -> [(String, Value); 2] {
    [
        ("name".to_owned(), Value::Text(format!("item {i}").into())),
        ("price".to_owned(), Value::Float(i as f64 * 0.25)),
    ]
}

/// Creates `n` objects (with their primary keys given when `keyed`), adds them, commits;
/// returns the time of add + commit.
fn orm_flush(n: usize, keyed: bool) -> Duration {
    let m = model();
    let ids: Vec<ObjectId> = {
        let mut store = m.store.borrow_mut();
        (0..n)
            .map(|i| {
                let mut values = row(i).to_vec();
                if keyed {
                    values.push(("id".to_owned(), Value::Integer(i as i64 + 1)));
                }
                fail(store.create(&m.item, &values))
            })
            .collect()
    };
    let mut s = Session::new(&m.engine, Rc::clone(&m.store));
    let start = Instant::now();
    fail(s.add_all(&ids));
    fail(s.commit());
    let t = start.elapsed();
    black_box(m.engine.drain_events().len());
    t
}

/// Raw rusqlite: one prepared statement run for each row in one transaction; `sql` decides
/// whether keys are given and whether they come back with `RETURNING`.
fn raw_inserts(n: usize, sql: &str) -> Duration {
    let mut db = fail(rusqlite::Connection::open_in_memory());
    fail(db.execute_batch(
        "CREATE TABLE item (id INTEGER NOT NULL, name VARCHAR(30) NOT NULL, price FLOAT, \
         PRIMARY KEY (id))",
    ));
    let keyed = sql.contains("(id,");
    let rows: Vec<Vec<Value>> = (0..n)
        .map(|i| {
            let [(_, a), (_, b)] = row(i);
            if keyed {
                vec![Value::Integer(i as i64 + 1), a, b]
            } else {
                vec![a, b]
            }
        })
        .collect();
    let returning = sql.contains("RETURNING");
    let start = Instant::now();
    let tx = fail(db.transaction());
    {
        let mut stmt = fail(tx.prepare(sql));
        for r in &rows {
            if returning {
                let id: i64 = fail(stmt.query_row(rusqlite::params_from_iter(r), |row| row.get(0)));
                black_box(id);
            } else {
                fail(stmt.execute(rusqlite::params_from_iter(r)));
            }
        }
    }
    fail(tx.commit());
    start.elapsed()
}

fn median(mut f: impl FnMut() -> Duration) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..rounds().max(1)).map(|_| f()).collect();
    times.sort();
    times[times.len() / 2]
}

fn report(
    emit: &mut dyn FnMut(String),
    name: &str,
    measured: Duration,
    baseline_name: &str,
    baseline: Duration,
    extra: &str,
) {
    emit(format!(
        "bench {name}: {:.2} ms; baseline {baseline_name}: {:.2} ms; ratio {:.2}x{extra}",
        measured.as_secs_f64() * 1e3,
        baseline.as_secs_f64() * 1e3,
        measured.as_secs_f64() / baseline.as_secs_f64()
    ));
}

/// A committed table of `n` rows and a fresh session over it.
fn loaded(n: usize) -> Model {
    let m = model();
    let mut conn = m.engine.connect();
    fail(conn.exec_driver_sql("BEGIN", &[]));
    for i in 0..n {
        let [(_, a), (_, b)] = row(i);
        fail(conn.exec_driver_sql("INSERT INTO item (name, price) VALUES (?, ?)", &[a, b]));
    }
    fail(conn.exec_driver_sql("COMMIT", &[]));
    drop(conn);
    m.engine.drain_events();
    m
}

const PLAIN: &str = "INSERT INTO item (name, price) VALUES (?, ?)";
const RETURNING: &str = "INSERT INTO item (name, price) VALUES (?, ?) RETURNING id";
const KEYED: &str = "INSERT INTO item (id, name, price) VALUES (?, ?, ?)";

fn flush(emit: &mut dyn FnMut(String)) {
    let mut at_10k = Duration::ZERO;
    for n in [10_000, 100_000] {
        let label = if n == 10_000 { "10k" } else { "100k" };
        let orm = median(|| orm_flush(n, false));
        let raw = median(|| raw_inserts(n, PLAIN));
        let raw_returning = median(|| raw_inserts(n, RETURNING));
        let scale = if n == 10_000 {
            at_10k = orm;
            String::new()
        } else {
            format!(
                "; 100k/10k time {:.2}x",
                orm.as_secs_f64() / at_10k.as_secs_f64()
            )
        };
        report(
            emit,
            &format!(
                "orm: flush {label} new objects, keys generated (INSERT ... RETURNING per row)"
            ),
            orm,
            "rusqlite prepared INSERTs",
            raw,
            &format!(
                "; vs rusqlite prepared INSERT ... RETURNING ({:.2} ms): {:.2}x{scale}",
                raw_returning.as_secs_f64() * 1e3,
                orm.as_secs_f64() / raw_returning.as_secs_f64()
            ),
        );
        let keyed = median(|| orm_flush(n, true));
        let raw_keyed = median(|| raw_inserts(n, KEYED));
        report(
            emit,
            &format!("orm: flush {label} new objects, keys given (one executemany)"),
            keyed,
            "rusqlite prepared INSERTs with keys",
            raw_keyed,
            "",
        );
    }
}

fn reads(wanted: &dyn Fn(&str) -> bool, emit: &mut dyn FnMut(String)) {
    const N: usize = 100_000;
    let m = loaded(N);
    let item = Entity::of(&m.item);
    if wanted("hydrate") {
        hydrate(&m, &item, emit);
    }
    if wanted("get") {
        get(&m, &item, emit);
    }
}

fn hydrate(m: &Model, item: &Entity, emit: &mut dyn FnMut(String)) {
    const N: usize = 100_000;
    let hydrate = median(|| {
        let mut s = Session::new(&m.engine, Rc::new(RefCell::new(Store::new())));
        let start = Instant::now();
        let objs = fail(s.scalars(&select(vec![item.clone().into()]))).all();
        let t = start.elapsed();
        assert_eq!(objs.len(), N);
        m.engine.drain_events();
        t
    });
    let raw_read = median(|| {
        let start = Instant::now();
        let mut conn = m.engine.connect();
        let rows =
            fail(conn.exec_driver_sql("SELECT item.id, item.name, item.price FROM item", &[]));
        assert_eq!(rows.rows.len(), N);
        let t = start.elapsed();
        drop(conn);
        m.engine.drain_events();
        t
    });
    report(
        emit,
        "orm: hydrate 100k rows through the identity map",
        hydrate,
        "the same SELECT through the engine, no objects",
        raw_read,
        &format!("; {:.2}M objects/s", N as f64 / hydrate.as_secs_f64() / 1e6),
    );
}

fn get(m: &Model, item: &Entity, emit: &mut dyn FnMut(String)) {
    const GETS: usize = 1_000_000;
    let mut s = Session::new(&m.engine, Rc::new(RefCell::new(Store::new())));
    fail(s.scalars(&select(vec![item.clone().into()])));
    let keys: Vec<[Value; 1]> = (1..=1000).map(|i| [Value::Integer(i)]).collect();
    let get = median(|| {
        let start = Instant::now();
        for k in 0..GETS {
            black_box(fail(s.get(&m.item, &keys[k % keys.len()])));
        }
        start.elapsed()
    });
    let map: HashMap<i64, usize> = (1..=1000).map(|i| (i, i as usize)).collect();
    let lookup = median(|| {
        let start = Instant::now();
        for k in 0..GETS {
            black_box(map.get(&((k % 1000) as i64 + 1)));
        }
        start.elapsed()
    });
    report(
        emit,
        "orm: session.get of a loaded object x1M",
        get,
        "HashMap<i64, usize> lookups",
        lookup,
        &format!("; {:.2}M gets/s", GETS as f64 / get.as_secs_f64() / 1e6),
    );
}

/// `select(Parent).options(selectinload(Parent.children))` over 4k parents with 10 children
/// each (a fresh session each round), against the two SELECTs' rows read through the engine.
fn eager(emit: &mut dyn FnMut(String)) {
    const PARENTS: i64 = 4_000;
    const CHILDREN: i64 = 10;
    let md = MetaData::new();
    let text = |n: &str| Column::new(n, SqlType::String(None)).nullable(false);
    let parents = fail(
        md.add(
            Table::new("parent")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(text("name")),
        ),
    );
    let children = fail(
        md.add(
            Table::new("child")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::foreign(
                    "parent_id",
                    fail(ForeignKey::new("parent.id")),
                ))
                .column(text("name")),
        ),
    );
    let engine = fail(Engine::in_memory());
    fail(md.create_all(&engine, false));
    let parent = fail(Mapper::new("Parent", &parents));
    let child = fail(Mapper::new("Child", &children));
    let back = |name: &str| RelationshipOptions {
        back_populates: Some(name.to_owned()),
        ..RelationshipOptions::default()
    };
    fail(relationship_with(
        &parent,
        "children",
        &child,
        back("parent"),
    ));
    fail(relationship_with(
        &child,
        "parent",
        &parent,
        back("children"),
    ));
    let mut conn = engine.connect();
    for i in 1..=PARENTS {
        let row = [Value::Integer(i), Value::Text(format!("p{i}").into())];
        fail(conn.exec_driver_sql("INSERT INTO parent (id, name) VALUES (?, ?)", &row));
    }
    for i in 0..PARENTS * CHILDREN {
        let row = [
            Value::Integer(i % PARENTS + 1),
            Value::Text(format!("c{i}").into()),
        ];
        fail(conn.exec_driver_sql("INSERT INTO child (parent_id, name) VALUES (?, ?)", &row));
    }
    fail(conn.commit());
    drop(conn);
    engine.drain_events();
    let query = select(vec![Entity::of(&parent).into()]).options(vec![LoaderOption::new(
        "Parent",
        "children",
        Strategy::Selectin,
    )]);
    let orm = median(|| {
        let mut s = Session::new(&engine, Rc::new(RefCell::new(Store::new())));
        let start = Instant::now();
        let loaded = fail(s.scalars(&query)).all();
        let t = start.elapsed();
        assert_eq!(loaded.len(), PARENTS as usize);
        engine.drain_events();
        t
    });
    let raw = median(|| {
        let start = Instant::now();
        let mut conn = engine.connect();
        let p = fail(conn.exec_driver_sql("SELECT parent.id, parent.name FROM parent", &[]));
        let c = fail(conn.exec_driver_sql(
            "SELECT child.parent_id, child.id, child.name FROM child",
            &[],
        ));
        assert_eq!(c.rows.len(), (PARENTS * CHILDREN) as usize);
        black_box(p.rows.len());
        let t = start.elapsed();
        drop(conn);
        engine.drain_events();
        t
    });
    report(
        emit,
        "orm: selectinload 4k parents x 10 children",
        orm,
        "the parents' and children's rows through the engine, no objects",
        raw,
        &format!(
            "; {:.2}M objects/s",
            (PARENTS * (CHILDREN + 1)) as f64 / orm.as_secs_f64() / 1e6
        ),
    );
}
