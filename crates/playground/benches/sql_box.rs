//! Benchmarks of the SQL box and the engine under it, each as a ratio against raw rusqlite doing
//! the same work in the same process. Run with `cargo xtask bench`.

use retort::{Engine, Value};
use retort_playground::run_sql_script;
use std::time::{Duration, Instant};

const ROWS: usize = 10_000;
const ROUNDS: usize = 7;

fn main() {
    let script = insert_script(ROWS);
    let sql_box = median(|| {
        let run = run_sql_script(&script);
        assert!(run.error.is_none(), "{:?}", run.error);
    });
    let raw_batch = median(|| {
        let db = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        db.execute_batch(&format!("BEGIN;\n{script}\nCOMMIT;"))
            .unwrap_or_else(|e| panic!("{e}"));
    });
    report(
        "sql_box: script of 10k INSERTs",
        sql_box,
        "rusqlite execute_batch",
        raw_batch,
    );

    let engine_params = median(|| {
        let engine = Engine::in_memory().unwrap_or_else(|e| panic!("{e}"));
        engine
            .begin(|conn| {
                conn.exec_driver_sql(CREATE, &[])?;
                for i in 0..ROWS {
                    conn.exec_driver_sql(INSERT, &row(i))?;
                }
                Ok(())
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(engine.drain_events().len(), ROWS + 3);
    });
    let raw_prepared = median(|| {
        let mut db = rusqlite::Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
        let tx = db.transaction().unwrap_or_else(|e| panic!("{e}"));
        tx.execute(CREATE, []).unwrap_or_else(|e| panic!("{e}"));
        {
            let mut stmt = tx.prepare(INSERT).unwrap_or_else(|e| panic!("{e}"));
            for i in 0..ROWS {
                stmt.execute(rusqlite::params_from_iter(row(i)))
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        tx.commit().unwrap_or_else(|e| panic!("{e}"));
    });
    report(
        "engine: 10k exec_driver_sql INSERTs with parameters",
        engine_params,
        "rusqlite prepared INSERTs",
        raw_prepared,
    );
}

const CREATE: &str =
    "CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(30) NOT NULL, price FLOAT)";
const INSERT: &str = "INSERT INTO item (id, name, price) VALUES (?, ?, ?)";

fn row(i: usize) -> [Value; 3] {
    [
        Value::Integer(i as i64 + 1),
        Value::Text(format!("item {i}").into()),
        Value::Float(i as f64 * 0.25),
    ]
}

fn insert_script(rows: usize) -> String {
    let mut script = format!("{CREATE};\n");
    for i in 0..rows {
        script.push_str(&format!(
            "INSERT INTO item (id, name, price) VALUES ({}, 'item {i}', {});\n",
            i + 1,
            i as f64 * 0.25
        ));
    }
    script.push_str("SELECT count(*) FROM item;\n");
    script
}

fn median(mut f: impl FnMut()) -> Duration {
    f(); // warm-up
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[ROUNDS / 2]
}

fn report(name: &str, measured: Duration, baseline_name: &str, baseline: Duration) {
    println!(
        "bench {name}: {:.2} ms; baseline {baseline_name}: {:.2} ms; ratio {:.2}x",
        measured.as_secs_f64() * 1e3,
        baseline.as_secs_f64() * 1e3,
        measured.as_secs_f64() / baseline.as_secs_f64()
    );
}
