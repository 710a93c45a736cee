//! Executing compiled statements: `conn.execute(select(...))`, `conn.execute(insert(t), [rows])`
//! and `conn.execute(text(...), params)`, with SQLAlchemy's compiled cache deciding each
//! statement's `[generated in ...]` / `[cached since ... ago]` badge, and `executemany` logged
//! as one statement with a list of parameter sets.

use super::connection::{Connection, CursorResult, is_dml};
use crate::error::{Error, Result};
use crate::event::{Event, SqlOrigin, StatementOutcome, asctime_at};
use crate::sql::compiler::{ParamStyle, compile};
use crate::sql::{Statement, TextClause};
use crate::value::Value;
use web_time::Instant;

/// One dict of named parameters, in the caller's order.
pub type Params = Vec<(String, Value)>;

impl Connection {
    /// `conn.execute(stmt)`: compiles `stmt` (to `?` placeholders) and runs it.
    ///
    /// # Failure
    /// [`Error::Dbapi`] when SQLite refuses it; compile errors such as
    /// [`Error::InvalidRequestError`] for a join without an inferable ON clause.
    pub fn execute(&mut self, stmt: &Statement) -> Result<CursorResult> {
        self.execute_with(stmt, &[])
    }

    /// `conn.execute(stmt, rows)`: with one parameter dict per row for an INSERT without
    /// `.values()` (several rows run as one `executemany`).
    ///
    /// # Failure
    /// As [`Connection::execute`].
    pub fn execute_with(&mut self, stmt: &Statement, rows: &[Params]) -> Result<CursorResult> {
        self.execute_keyed(stmt, rows, None)
    }

    /// Runs `stmt` as [`Connection::execute_with`], its compiled-cache key set apart by
    /// `namespace`: SQLAlchemy's ORM loads (`session.get()`, an expired object's refresh, a
    /// relationship's lazy load) are cache entries of their own even when their SQL is the
    /// same as a user's `select()`, each first logged `[generated in ...]`.
    ///
    /// # Failure
    /// As [`Connection::execute`].
    pub(crate) fn execute_keyed(
        &mut self,
        stmt: &Statement,
        rows: &[Params],
        namespace: Option<&str>,
    ) -> Result<CursorResult> {
        let started = Instant::now();
        let first = compile(
            stmt,
            ParamStyle::Qmark,
            rows.first().map_or(&[], |r| r.as_slice()),
        )?;
        let mut sets = vec![first.params];
        // As SQLAlchemy's executemany, the first row's keys decide the statement: a later
        // row's other keys are left out (their columns take their defaults).
        let keys: Vec<&str> = rows
            .first()
            .map(|r| r.iter().map(|(k, _)| k.as_str()).collect())
            .unwrap_or_default();
        for row in rows.iter().skip(1) {
            let row: Params = row
                .iter()
                .filter(|(k, _)| keys.contains(&k.as_str()))
                .cloned()
                .collect();
            sets.push(compile(stmt, ParamStyle::Qmark, &row)?.params);
        }
        let seconds = started.elapsed().as_secs_f64();
        let mut key = match namespace {
            Some(ns) => format!("{ns}|{}", first.cache_key),
            None => first.cache_key,
        };
        if let Some(row) = rows.first() {
            // SQLAlchemy's cache key includes the names of the execution's parameters.
            let mut names: Vec<&str> = row.iter().map(|(n, _)| n.as_str()).collect();
            names.sort_unstable();
            key = format!("{key}|params:{}", names.join(","));
        }
        let origin = match stmt {
            // A multiple-VALUES INSERT is not cached: SQLAlchemy logs it `[no key ...]`.
            Statement::Insert(ins) if !ins.multi.is_empty() => SqlOrigin::NoKey { seconds },
            _ => self.engine.cache_origin(&key, sets.len() > 1, seconds),
        };
        if sets.len() == 1 {
            let params = sets.pop().unwrap_or_default();
            self.execute_logged(&first.sql, &params, origin)
        } else {
            self.execute_many_logged(&first.sql, sets, origin)
        }
    }

    /// Statements that compile to the same SQL (one per row, as SQLAlchemy's ORM bulk UPDATE
    /// by primary key), run as one `executemany`.
    ///
    /// # Failure
    /// As [`Connection::execute`]; [`Error::InvalidRequestError`] when the statements' SQL
    /// differs.
    pub fn execute_many(&mut self, stmts: &[Statement]) -> Result<CursorResult> {
        self.execute_many_keyed(stmts, str::to_owned)
    }

    /// [`Connection::execute_many`] with the compiled-cache key `key` makes of the
    /// statement's own (e.g. [`super::mapper_cache_key`]).
    ///
    /// # Failure
    /// As [`Connection::execute_many`].
    pub(crate) fn execute_many_keyed(
        &mut self,
        stmts: &[Statement],
        key: impl FnOnce(&str) -> String,
    ) -> Result<CursorResult> {
        let started = Instant::now();
        let mut compiled = Vec::with_capacity(stmts.len());
        for s in stmts {
            compiled.push(compile(s, ParamStyle::Qmark, &[])?);
        }
        let seconds = started.elapsed().as_secs_f64();
        let Some(first) = compiled.first() else {
            return Ok(CursorResult {
                columns: Vec::new(),
                rows: Vec::new(),
                rowcount: 0,
            });
        };
        if compiled.iter().any(|c| c.sql != first.sql) {
            return Err(Error::InvalidRequestError(
                "executemany() of statements that differ".to_owned(),
            ));
        }
        let sql = first.sql.clone();
        let key = key(&first.cache_key);
        let mut sets: Vec<Vec<Value>> = compiled.into_iter().map(|c| c.params).collect();
        let origin = self.engine.cache_origin(&key, sets.len() > 1, seconds);
        if sets.len() == 1 {
            let params = sets.pop().unwrap_or_default();
            self.execute_logged(&sql, &params, origin)
        } else {
            self.execute_many_logged(&sql, sets, origin)
        }
    }

    /// `conn.execute(insert(t).returning(...), [rows])`: one `INSERT ... VALUES (...), (...)
    /// RETURNING ...` logged `(insertmanyvalues) 1/1 (unordered)`, as SQLAlchemy batches an
    /// executemany with RETURNING on SQLite (one row is a plain INSERT ... RETURNING).
    ///
    /// # Failure
    /// [`Error::Dbapi`] when SQLite refuses it; compile errors for unknown columns.
    pub fn execute_insert_returning(
        &mut self,
        ins: &crate::sql::Insert,
        rows: &[Params],
    ) -> Result<CursorResult> {
        let started = Instant::now();
        let refs: Vec<&[(String, Value)]> = rows.iter().map(|r| r.as_slice()).collect();
        let compiled = crate::sql::compiler::compile_insert_rows(ins, &refs, ParamStyle::Qmark)?;
        let seconds = started.elapsed().as_secs_f64();
        let origin = match self
            .engine
            .cache_origin(&compiled.cache_key, false, seconds)
        {
            other if rows.len() <= 1 => other,
            SqlOrigin::Cached { since } => SqlOrigin::InsertManyValues {
                generated: None,
                cached_since: Some(since),
                batch: 1,
                total: 1,
                ordered: false,
            },
            SqlOrigin::Generated { seconds } => SqlOrigin::InsertManyValues {
                generated: Some(seconds),
                cached_since: None,
                batch: 1,
                total: 1,
                ordered: false,
            },
            other => other,
        };
        self.execute_logged(&compiled.sql, &compiled.params, origin)
    }

    /// `conn.execute(text(sql), params)`: one dict runs once, several run as `executemany`.
    ///
    /// # Failure
    /// [`Error::InvalidRequestError`] when a `:name` has no value; [`Error::Dbapi`].
    pub fn execute_text(&mut self, text: &TextClause, params: &[Params]) -> Result<CursorResult> {
        let started = Instant::now();
        let (sql, names) = text.compile();
        let seconds = started.elapsed().as_secs_f64();
        let mut sets = Vec::with_capacity(params.len().max(1));
        if params.is_empty() {
            sets.push(TextClause::bind(&names, &[])?);
        }
        for p in params {
            sets.push(TextClause::bind(&names, p)?);
        }
        let origin = self.engine.cache_origin(&sql, sets.len() > 1, seconds);
        if sets.len() == 1 {
            let params = sets.pop().unwrap_or_default();
            self.execute_logged(&sql, &params, origin)
        } else {
            self.execute_many_logged(&sql, sets, origin)
        }
    }

    /// Runs `sql` once per parameter set and logs it as one statement.
    ///
    /// # Failure
    /// [`Error::Dbapi`] from the first set SQLite refuses.
    pub(crate) fn execute_many_logged(
        &mut self,
        sql: &str,
        sets: Vec<Vec<Value>>,
        origin: SqlOrigin,
    ) -> Result<CursorResult> {
        self.open_savepoints()?;
        self.begin();
        let started = Instant::now();
        let at = asctime_at(started);
        let result = self.run_many(sql, &sets);
        let elapsed = started.elapsed().as_secs_f64();
        let outcome = match &result {
            Ok(r) => StatementOutcome::Ran {
                rowcount: r.rowcount,
                rows_returned: 0,
            },
            Err(Error::Dbapi { message, .. }) => StatementOutcome::Failed {
                message: message.clone(),
            },
            Err(other) => StatementOutcome::Failed {
                message: other.to_string(),
            },
        };
        let width = sets.first().map_or(0, Vec::len);
        self.engine.record(Event::StatementMany {
            at,
            sql: sql.into(),
            params: sets.into_iter().flatten().collect(),
            width,
            origin,
            outcome,
            elapsed,
        });
        result
    }

    fn run_many(&self, sql: &str, sets: &[Vec<Value>]) -> Result<CursorResult> {
        let db = self.engine.sqlite();
        let all: Vec<Value> = sets.first().cloned().unwrap_or_default();
        let fail = |e, p: &[Value]| Error::from_driver(e, sql, p);
        let dml = is_dml(sql);
        if dml && db.is_autocommit() {
            db.execute_batch("BEGIN").map_err(|e| fail(e, &all))?;
        }
        let mut stmt = db.prepare_cached(sql).map_err(|e| fail(e, &all))?;
        let mut total: i64 = 0;
        for p in sets {
            let n = stmt
                .execute(rusqlite::params_from_iter(p))
                .map_err(|e| fail(e, p).with_param_sets(sets.to_vec()))?;
            total += i64::try_from(n).unwrap_or(i64::MAX);
        }
        Ok(CursorResult {
            columns: Vec::new(),
            rows: Vec::new(),
            rowcount: if dml { total } else { -1 },
        })
    }
}

impl CursorResult {
    /// `result.scalar()`: the first column of the first row, or `None` without rows.
    pub fn scalar(&self) -> Option<Value> {
        self.rows.first().and_then(|r| r.first()).cloned()
    }

    /// `result.scalars().all()`: the first column of every row.
    pub fn scalars(&self) -> Vec<Value> {
        self.rows
            .iter()
            .filter_map(|r| r.first().cloned())
            .collect()
    }

    /// `result.first()`.
    pub fn first(&self) -> Option<&Vec<Value>> {
        self.rows.first()
    }

    /// `result.one()`.
    ///
    /// # Failure
    /// [`Error::NoResultFound`] without rows, [`Error::MultipleResultsFound`] with several.
    pub fn one(&self) -> Result<&Vec<Value>> {
        match self.rows.as_slice() {
            [row] => Ok(row),
            [] => Err(Error::NoResultFound(
                "No row was found when one was required".to_owned(),
            )),
            _ => Err(Error::MultipleResultsFound(
                "Multiple rows were found when exactly one was required".to_owned(),
            )),
        }
    }

    /// `result.one_or_none()`.
    ///
    /// # Failure
    /// [`Error::MultipleResultsFound`] with several rows.
    pub fn one_or_none(&self) -> Result<Option<&Vec<Value>>> {
        match self.rows.as_slice() {
            [] => Ok(None),
            [row] => Ok(Some(row)),
            _ => Err(Error::MultipleResultsFound(
                "Multiple rows were found when one or none was required".to_owned(),
            )),
        }
    }

    /// The value of column `name` in `row` (`row.name` / `row._mapping["name"]`).
    pub fn get(&self, row: usize, name: &str) -> Option<&Value> {
        let col = self.columns.iter().position(|c| c == name)?;
        self.rows.get(row)?.get(col)
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::engine::echo::echo_lines;
    use crate::schema::{Column, MetaData, Table};
    use crate::sql::text::text;
    use crate::sql::{FromItem, Statement, insert, select_table};
    use crate::types::SqlType;
    use crate::{Engine, Result, Value};

    /// Echo messages with timings blanked: `[generated in]`, `[cached since]`.
    fn log(engine: &Engine) -> Vec<String> {
        engine
            .drain_events()
            .iter()
            .flat_map(echo_lines)
            .map(|l| {
                let m = l.message;
                for badge in ["[generated in", "[cached since", "[no key"] {
                    if m.starts_with(badge) {
                        let rest = m.split_once(']').map_or("", |(_, r)| r);
                        return format!("{badge}]{rest}");
                    }
                }
                m
            })
            .collect()
    }

    #[test]
    fn compiled_statements_log_with_cache_badges() -> Result<()> {
        let md = MetaData::new();
        let users = md.add(
            Table::new("users")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::new("name", SqlType::String(Some(30)))),
        )?;
        let engine = Engine::in_memory()?;
        md.create_all(&engine, false)?;
        engine.drain_events();
        let u = FromItem::Table(users.clone());
        let mut conn = engine.connect();
        let row = |n: &str| vec![("name".to_owned(), Value::from(n))];
        conn.execute_with(&Statement::Insert(insert(&users)), &[row("a"), row("b")])?;
        let one = |n: &str| insert(&users).values(row(n)).map(Statement::Insert);
        conn.execute(&one("c")?)?;
        conn.execute(&one("d")?)?;
        let ids = |v: &[i64]| v.iter().map(|i| Value::Integer(*i)).collect::<Vec<_>>();
        let r = conn.execute(
            &select_table(&users)
                .where_(u.c("id")?.in_(ids(&[1, 2, 3])))
                .into(),
        )?;
        assert_eq!(r.rows.len(), 3);
        conn.execute(&select_table(&users).where_(u.c("id")?.in_(vec![])).into())?;
        let r = conn.execute_text(
            &text("SELECT * FROM users WHERE name = :n AND id > :i"),
            &[vec![
                ("n".into(), "a".into()),
                ("i".into(), Value::Integer(0)),
            ]],
        )?;
        assert_eq!(r.get(0, "name"), Some(&Value::from("a")));
        conn.commit()?;
        // Golden: SQLAlchemy 2.1.9 with echo=True (/tmp/g/ex.py), timings blanked.
        assert_eq!(
            log(&engine),
            [
                "BEGIN (implicit)",
                "INSERT INTO users (name) VALUES (?)",
                "[generated in] [('a',), ('b',)]",
                "INSERT INTO users (name) VALUES (?)",
                "[generated in] ('c',)",
                "INSERT INTO users (name) VALUES (?)",
                "[cached since] ('d',)",
                "SELECT users.id, users.name \nFROM users \nWHERE users.id IN (?, ?, ?)",
                "[generated in] (1, 2, 3)",
                "SELECT users.id, users.name \nFROM users \nWHERE users.id IN (SELECT 1 FROM (SELECT 1) WHERE 1!=1)",
                "[cached since] ()",
                "SELECT * FROM users WHERE name = ? AND id > ?",
                "[generated in] ('a', 0)",
                "COMMIT",
            ]
        );
        Ok(())
    }

    #[test]
    fn one_and_one_or_none_raise_sqlalchemy_errors() -> Result<()> {
        let engine = Engine::in_memory()?;
        let mut conn = engine.connect();
        conn.exec_driver_sql("CREATE TABLE t (x)", &[])?;
        let q = text("SELECT x FROM t");
        // Goldens: SQLAlchemy 2.1.9 (/tmp/g/res.py).
        let err = conn
            .execute_text(&q, &[])?
            .one()
            .err()
            .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("No row was found when one was required")
        );
        let rows: Vec<_> = (0..25)
            .map(|i| vec![("x".to_owned(), Value::Integer(i))])
            .collect();
        let r = conn.execute_text(&text("INSERT INTO t VALUES (:x)"), &rows)?;
        assert_eq!(r.rowcount, 25);
        let r = conn.execute_text(&q, &[])?;
        assert_eq!(
            r.one().err().map(|e| e.to_string()).as_deref(),
            Some("Multiple rows were found when exactly one was required")
        );
        assert_eq!(
            r.one_or_none().err().map(|e| e.to_string()).as_deref(),
            Some("Multiple rows were found when one or none was required")
        );
        let err = conn.execute_text(
            &text("SELECT x FROM t WHERE x = :y"),
            &[vec![("z".into(), Value::Integer(1))]],
        );
        assert_eq!(
            err.err().map(|e| e.to_string()).as_deref(),
            Some("A value is required for bind parameter 'y'")
        );
        Ok(())
    }

    /// Golden: `crates/orm/tests/sqla/executemany_error.py` (output in
    /// `executemany_error.out`).
    #[test]
    fn a_refused_executemany_shows_every_parameter_set() -> Result<()> {
        let md = MetaData::new();
        let t = md.add(
            Table::new("t")
                .column(Column::new("id", SqlType::Integer).primary_key())
                .column(Column::new("name", SqlType::String(None))),
        )?;
        let engine = Engine::in_memory()?;
        md.create_all(&engine, false)?;
        let mut conn = engine.connect();
        let row = |id: i64, n: &str| {
            vec![
                ("id".to_owned(), Value::Integer(id)),
                ("name".to_owned(), Value::from(n)),
            ]
        };
        let rows = [row(1, "a"), row(1, "b"), row(2, "c")];
        let err = conn
            .execute_with(&Statement::Insert(insert(&t)), &rows)
            .err();
        assert_eq!(
            err.map(|e| e.to_string()).as_deref(),
            Some(
                "(sqlite3.IntegrityError) UNIQUE constraint failed: t.id\n[SQL: INSERT INTO t \
                 (id, name) VALUES (?, ?)]\n[parameters: [(1, 'a'), (1, 'b'), (2, 'c')]]\n\
                 (Background on this error at: https://sqlalche.me/e/21/gkpj)"
            )
        );
        Ok(())
    }
}
