//! INSERTs of rows without values, and keys read by rowid. Golden: SQLAlchemy 2.1.9 with
//! `echo=True`, `crates/orm/tests/sqla/default_values.py` (output in `default_values.out`),
//! timings blanked.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::mapper::Mapper;
use crate::query::tests::log;
use crate::schema::{Column, MetaData, Table};
use crate::session::{Session, Store};
use crate::sql::{ParamStyle, Statement, compile, insert};
use crate::types::SqlType;
use crate::{Engine, Result, Value};
use std::cell::RefCell;
use std::rc::Rc;

#[test]
fn rows_without_values_insert_as_sqlalchemy() -> Result<()> {
    let md = MetaData::new();
    let left =
        md.add(Table::new("left").column(Column::new("id", SqlType::Integer).primary_key()))?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let mapper = Mapper::new("Left", &left)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let one = store.borrow_mut().create(&mapper, &[])?;
    s.add(one)?;
    s.flush()?;
    for _ in 0..3 {
        let id = store.borrow_mut().create(&mapper, &[])?;
        s.add(id)?;
    }
    s.flush()?;
    s.commit()?;
    let mut conn = engine.connect();
    conn.execute(&Statement::Insert(insert(&left)))?;
    let named = compile(&Statement::Insert(insert(&left)), ParamStyle::Named, &[])?;
    assert_eq!(named.sql, "INSERT INTO \"left\" (id) VALUES (:id)");
    let count = conn.exec_driver_sql("SELECT count(*) FROM \"left\"", &[])?;
    assert_eq!(count.scalar(), Some(Value::Integer(5)));
    conn.commit()?;
    let many = "INSERT INTO \"left\" (id) VALUES (NULL) RETURNING id";
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO \"left\" DEFAULT VALUES",
            "[generated in] ()",
            many,
            "[generated in (insertmanyvalues) 1/3 (ordered; batch not supported)] ()",
            many,
            "[insertmanyvalues 2/3 (ordered; batch not supported)] ()",
            many,
            "[insertmanyvalues 3/3 (ordered; batch not supported)] ()",
            "COMMIT",
            "BEGIN (implicit)",
            "INSERT INTO \"left\" DEFAULT VALUES",
            "[generated in] ()",
            "SELECT count(*) FROM \"left\"",
            "[raw sql] ()",
            "COMMIT",
        ]
    );
    Ok(())
}

/// The keys of `n` new `Item`s flushed together (one `INSERT ... RETURNING id` each), and
/// the session dropped (its transaction rolled back), `echo="debug"` logging rows when
/// `debug`.
fn flush_items(engine: &Engine, items: &Rc<Table>, n: usize, debug: bool) -> Result<Vec<Value>> {
    engine.set_log_rows(debug);
    let mapper = Mapper::new("Item", items)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(engine, Rc::clone(&store));
    let mut ids = Vec::new();
    for i in 0..n {
        let id = store.borrow_mut().create(
            &mapper,
            &[("name".to_owned(), Value::Text(format!("i{i}").into()))],
        )?;
        s.add(id)?;
        ids.push(id);
    }
    s.flush()?;
    let store = store.borrow();
    ids.iter()
        .map(|&id| Ok(store.get(id)?.values[0].clone().unwrap_or(Value::Null)))
        .collect()
}

fn item_table(md: &MetaData) -> Result<Rc<Table>> {
    md.add(
        Table::new("item")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None))),
    )
}

/// A rowid key is read with `last_insert_rowid()` instead of `RETURNING`: the same keys,
/// the same log as the real `RETURNING` (which `echo="debug"` runs, to log its rows).
#[test]
fn rowid_keys_are_the_keys_returning_gives() -> Result<()> {
    let mut runs = Vec::new();
    for debug in [false, true] {
        let md = MetaData::new();
        let items = item_table(&md)?;
        let engine = Engine::in_memory()?;
        md.create_all(&engine, false)?;
        let mut conn = engine.connect();
        conn.exec_driver_sql("INSERT INTO item (id, name) VALUES (7, 'x')", &[])?;
        conn.commit()?;
        engine.drain_events();
        let keys = flush_items(&engine, &items, 3, debug)?;
        assert_eq!(keys, [8, 9, 10].map(Value::Integer));
        let lines: Vec<String> = log(&engine)
            .into_iter()
            .filter(|l| !l.starts_with("Col") && !l.starts_with("Row"))
            .collect();
        runs.push(lines);
    }
    let sql = "INSERT INTO item (name) VALUES (?) RETURNING id";
    assert_eq!(
        runs[0],
        [
            "BEGIN (implicit)",
            sql,
            "[generated in (insertmanyvalues) 1/3 (ordered; batch not supported)] ('i0',)",
            sql,
            "[insertmanyvalues 2/3 (ordered; batch not supported)] ('i1',)",
            sql,
            "[insertmanyvalues 3/3 (ordered; batch not supported)] ('i2',)",
            "ROLLBACK",
        ]
    );
    assert_eq!(runs[0], runs[1]);
    Ok(())
}

/// A table declared otherwise in the database than in the metadata: `INT PRIMARY KEY` is
/// no rowid alias, so the real `RETURNING` runs and reports no key (NULL).
#[test]
fn a_key_that_is_no_rowid_alias_is_fetched_with_returning() -> Result<()> {
    let md = MetaData::new();
    let items = item_table(&md)?;
    let engine = Engine::in_memory()?;
    engine
        .connect()
        .exec_driver_sql("CREATE TABLE item (id INT PRIMARY KEY, name TEXT)", &[])?;
    let err = flush_items(&engine, &items, 2, false).err();
    assert!(matches!(err, Some(crate::Error::FlushError(_))), "{err:?}");
    Ok(())
}

#[test]
fn sqlite_tells_which_keys_are_rowid_aliases() -> Result<()> {
    let engine = Engine::in_memory()?;
    let mut conn = engine.connect();
    for ddl in [
        "CREATE TABLE a (id INTEGER NOT NULL, x TEXT, PRIMARY KEY (id))",
        "CREATE TABLE b (Id integer PRIMARY KEY AUTOINCREMENT, x TEXT)",
        "CREATE TABLE c (id BIGINT NOT NULL, x TEXT, PRIMARY KEY (id))",
        "CREATE TABLE d (id INTEGER PRIMARY KEY DESC, x TEXT)",
        "CREATE TABLE e (id INTEGER PRIMARY KEY, x TEXT) WITHOUT ROWID",
        "CREATE TABLE f (id INTEGER, x INTEGER, PRIMARY KEY (id, x))",
        "CREATE VIEW g AS SELECT id, x FROM a",
    ] {
        conn.exec_driver_sql(ddl, &[])?;
    }
    let alias = |t: &str| engine.is_rowid_alias(t, "id");
    assert!(alias("a") && alias("b"));
    assert!(!alias("c") && !alias("d") && !alias("e") && !alias("f") && !alias("g"));
    assert!(!alias("missing") && !engine.is_rowid_alias("a", "x"));
    Ok(())
}

/// Golden: SQLAlchemy 2.1.9 with `echo=True` on the same table (id, name, label with
/// `server_default="main"`), timings blanked: a row giving every server-defaulted column has
/// nothing to fetch.
#[test]
fn server_defaults_left_out_come_back_with_returning() -> Result<()> {
    use crate::schema::ServerDefault;
    let md = MetaData::new();
    let a = md.add(
        Table::new("a")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(Column::new("name", SqlType::String(None)))
            .column(
                Column::new("label", SqlType::String(None))
                    .server_default(ServerDefault::Literal("main".into())),
            ),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let mapper = Mapper::new("A", &a)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let x = store
        .borrow_mut()
        .create(&mapper, &[("name".into(), "x".into())])?;
    s.add(x)?;
    s.flush()?;
    // The server default is known after the flush, with no SELECT.
    assert_eq!(
        store.borrow().get(x)?.values[2],
        Some(Value::Text("main".into()))
    );
    let z = store.borrow_mut().create(
        &mapper,
        &[
            ("name".into(), "z".into()),
            ("label".into(), "given".into()),
        ],
    )?;
    s.add(z)?;
    s.flush()?;
    assert_eq!(
        log(&engine),
        [
            "BEGIN (implicit)",
            "INSERT INTO a (name) VALUES (?) RETURNING id, label",
            "[generated in] ('x',)",
            "INSERT INTO a (name, label) VALUES (?, ?)",
            "[generated in] ('z', 'given')",
        ]
    );
    Ok(())
}

/// An engine whose `item` table refuses the name `refused` (a CHECK constraint), and the
/// table as mapped.
fn refusing(md: &MetaData, refused: &str) -> Result<(Engine, Rc<Table>)> {
    let items = item_table(md)?;
    let engine = Engine::in_memory()?;
    let mut conn = engine.connect();
    conn.exec_driver_sql(
        &format!(
            "CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR CHECK (name != '{refused}'))"
        ),
        &[],
    )?;
    conn.commit()?;
    drop(conn);
    engine.drain_events();
    Ok((engine, items))
}

/// A row SQLite refuses on the rowid path: the rows before it and the refused one are
/// logged, as by the real `RETURNING` statements, and the flush fails with the same error.
#[test]
fn a_refused_row_read_by_rowid_logs_as_with_returning() -> Result<()> {
    let mut runs = Vec::new();
    for debug in [false, true] {
        let md = MetaData::new();
        let (engine, items) = refusing(&md, "i1")?;
        let err = match flush_items(&engine, &items, 3, debug) {
            Ok(keys) => panic!("flushed {keys:?}"),
            Err(err) => err.to_string(),
        };
        let lines: Vec<String> = log(&engine)
            .into_iter()
            .filter(|l| !l.starts_with("Col") && !l.starts_with("Row"))
            .collect();
        runs.push((lines, err));
    }
    let sql = "INSERT INTO item (name) VALUES (?) RETURNING id";
    assert_eq!(
        runs[0].0,
        [
            "BEGIN (implicit)",
            sql,
            "[generated in (insertmanyvalues) 1/3 (ordered; batch not supported)] ('i0',)",
            sql,
            "[insertmanyvalues 2/3 (ordered; batch not supported)] ('i1',)",
            "ROLLBACK",
        ]
    );
    assert!(
        runs[0].1.contains("CHECK constraint failed"),
        "{}",
        runs[0].1
    );
    assert_eq!(runs[0], runs[1]);
    Ok(())
}

/// The rows of the rowid path, recorded as one event, read as the statements of each row.
#[test]
fn rows_read_by_rowid_are_one_event_of_statements() -> Result<()> {
    use crate::event::{Event, SqlOrigin, StatementOutcome};
    let md = MetaData::new();
    let items = item_table(&md)?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, false)?;
    engine.drain_events();
    flush_items(&engine, &items, 3, false)?;
    let events = engine.drain_events();
    let rows: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::StatementRows(rows) => Some(rows),
            _ => None,
        })
        .collect();
    let [rows] = rows.as_slice() else {
        panic!("{events:?}")
    };
    assert_eq!(rows.len(), 3);
    let statements = rows.to_statements();
    let shown: Vec<(Vec<Value>, SqlOrigin, StatementOutcome)> = statements
        .into_iter()
        .filter_map(|e| match e {
            Event::Statement {
                params,
                origin,
                outcome,
                ..
            } => Some((params, origin, outcome)),
            _ => None,
        })
        .collect();
    let ran = StatementOutcome::Ran {
        rowcount: 1,
        rows_returned: 1,
    };
    let later = |batch| SqlOrigin::InsertManyValues {
        generated: None,
        cached_since: None,
        batch,
        total: 3,
        ordered: true,
    };
    assert!(matches!(
        shown[0].1,
        SqlOrigin::InsertManyValues {
            generated: Some(_),
            batch: 1,
            total: 3,
            ..
        }
    ));
    assert_eq!(
        shown[1..],
        [
            (vec![Value::Text("i1".into())], later(2), ran.clone()),
            (vec![Value::Text("i2".into())], later(3), ran),
        ]
    );
    Ok(())
}

#[test]
fn a_value_set_from_its_column_default_by_init_inserts_as_defaulted() -> Result<()> {
    let md = MetaData::new();
    let items = md.add(
        Table::new("items")
            .column(Column::new("id", SqlType::Integer).primary_key())
            .column(
                Column::new("rank", SqlType::Integer)
                    .default(crate::schema::ColumnDefault::Value(Value::Integer(0))),
            ),
    )?;
    let engine = Engine::in_memory()?;
    md.create_all(&engine, true)?;
    engine.drain_events();
    let item = Mapper::new("Item", &items)?;
    let store = Rc::new(RefCell::new(Store::new()));
    let mut s = Session::new(&engine, Rc::clone(&store));
    let a = store
        .borrow_mut()
        .create(&item, &[("rank".into(), Value::Integer(0))])?;
    store.borrow_mut().mark_init_default(a, "rank")?;
    let b = store
        .borrow_mut()
        .create(&item, &[("rank".into(), Value::Integer(2))])?;
    s.add(a)?;
    s.add(b)?;
    s.flush()?;
    let inserts: Vec<String> = log(&engine)
        .into_iter()
        .filter(|l| l.starts_with("INSERT"))
        .collect();
    // Two statements of their own, not one executemany batch with RETURNING.
    assert_eq!(
        inserts,
        [
            "INSERT INTO items (rank) VALUES (?)",
            "INSERT INTO items (rank) VALUES (?)"
        ]
    );
    Ok(())
}

/// A group refused part-way leaves its objects as the RETURNING path does (which
/// `echo="debug"` runs): no key, the same state and `modified` flag, no identity, and no
/// move to persistent in the log, though the rows before the refused one were settled as
/// they ran.
#[test]
fn a_refused_group_takes_back_what_its_rows_gave() -> Result<()> {
    let mut runs = Vec::new();
    for debug in [false, true] {
        let md = MetaData::new();
        let (engine, items) = refusing(&md, "i2")?;
        engine.set_log_rows(debug);
        let mapper = Mapper::new("Item", &items)?;
        let store = Rc::new(RefCell::new(Store::new()));
        let mut s = Session::new(&engine, Rc::clone(&store));
        let mut ids = Vec::new();
        for i in 0..4 {
            let mut values = vec![("name".to_owned(), Value::from(format!("i{i}")))];
            if i == 1 {
                values.push(("id".to_owned(), Value::Null));
            }
            let id = store.borrow_mut().create(&mapper, &values)?;
            s.add(id)?;
            ids.push(id);
        }
        assert!(s.flush().is_err());
        let objects: Vec<_> = {
            let store = store.borrow();
            ids.iter()
                .map(|&id| {
                    let inst = store.get(id)?;
                    Ok((
                        inst.state,
                        inst.values[0].clone(),
                        inst.committed[0].clone(),
                    ))
                })
                .collect::<Result<_>>()?
        };
        let persistent = engine.drain_events().iter().any(|e| {
            matches!(e, crate::Event::StateChange { to, .. }
                if *to == crate::session::ObjectState::Persistent)
        });
        runs.push((objects, s.identity_map().len(), persistent));
    }
    assert_eq!(runs[0], runs[1]);
    let (objects, identities, persistent) = &runs[0];
    assert_eq!(objects[1].1, Some(Value::Null), "id=None stays None");
    assert!(
        objects
            .iter()
            .all(|(_, v, c)| v != &Some(Value::Integer(1)) && c.is_none())
    );
    assert_eq!((*identities, *persistent), (0, false));
    Ok(())
}
