//! ORM-enabled DML through the session: `session.execute(insert(User), [rows])` as one
//! `executemany`, ORM bulk UPDATE by primary key, and `insert(User).returning(User)` of several
//! rows as one "insertmanyvalues" batch whose returned rows become persistent objects.

use crate::error::Result;
use crate::mapper::Mapper;
use crate::session::{ObjectId, Session};
use crate::sql::Statement;
use std::rc::Rc;

impl Session {
    /// `session.execute(insert(User), [rows])` / a Core statement with parameter rows: one
    /// `executemany` (after an autoflush).
    ///
    /// # Failure
    /// As [`crate::Connection::execute_with`]; [`crate::Error::PendingRollbackError`].
    pub fn execute_core_with(
        &mut self,
        stmt: &Statement,
        rows: &[crate::engine::Params],
    ) -> Result<crate::CursorResult> {
        self.check_usable()?;
        if self.autoflush {
            self.flush()?;
        }
        self.connection().execute_with(stmt, rows)
    }

    /// `session.execute(insert(User), [rows])`: SQLAlchemy's ORM bulk INSERT, consecutive
    /// rows with the same keys run as one `executemany` (a row alone as a plain INSERT).
    ///
    /// # Failure
    /// As [`Session::execute_core_with`].
    pub fn bulk_insert(
        &mut self,
        stmt: &Statement,
        rows: &[crate::engine::Params],
    ) -> Result<crate::CursorResult> {
        let mut rowcount = 0;
        for run in same_key_runs(rows) {
            let r = match stmt {
                // The legacy `bulk_insert_mappings()`: the flush's statements (each row's
                // values), in the mapper's compiled cache.
                Statement::Insert(ins) if self.legacy_bulk => {
                    let mut stmts = Vec::with_capacity(run.len());
                    for row in run {
                        stmts.push(Statement::Insert(
                            crate::sql::insert(&ins.table).values(row.clone())?,
                        ));
                    }
                    self.check_usable()?;
                    // The columns a Python default fills make a cache entry of their own,
                    // as in the flush's INSERTs.
                    let given = run.first().map_or(&[][..], Vec::as_slice);
                    let defaulted: Vec<usize> = (ins.table.columns().iter().enumerate())
                        .filter(|(_, c)| c.default.as_ref().is_some_and(|d| d.sql().is_none()))
                        .filter(|(_, c)| !given.iter().any(|(k, _)| *k == c.name))
                        .map(|(i, _)| i)
                        .collect();
                    let key = |k: &str| crate::engine::mapper_cache_key(k, &defaulted);
                    self.connection().execute_many_keyed(&stmts, key)?
                }
                _ => self.execute_core_with(stmt, run)?,
            };
            rowcount += r.rowcount.max(0);
        }
        Ok(crate::CursorResult {
            columns: Vec::new(),
            rows: Vec::new(),
            rowcount,
        })
    }

    /// `session.execute(update(User), [rows with primary keys])`: SQLAlchemy's ORM bulk
    /// UPDATE by primary key, `UPDATE t SET a=? WHERE t.id = ?` as one `executemany`.
    ///
    /// # Failure
    /// [`crate::Error::InvalidRequestError`] for a row without its primary key or with
    /// other keys than the first row's; as [`Session::execute_core`].
    pub fn bulk_update_by_pk(
        &mut self,
        table: &std::rc::Rc<crate::schema::Table>,
        rows: &[crate::engine::Params],
    ) -> Result<crate::CursorResult> {
        let pk: Vec<&crate::schema::Column> =
            table.columns().iter().filter(|c| c.primary_key).collect();
        let from = crate::sql::FromItem::Table(std::rc::Rc::clone(table));
        let mut stmts = Vec::with_capacity(rows.len());
        for row in rows {
            let mut u = crate::sql::update(table);
            for col in table.columns().iter().filter(|c| !c.primary_key) {
                if let Some((_, v)) = row.iter().find(|(k, _)| *k == col.name) {
                    u.values.push((col.name.clone(), v.clone()));
                }
            }
            for col in &pk {
                let Some((_, v)) = row.iter().find(|(k, _)| *k == col.name) else {
                    return Err(crate::Error::InvalidRequestError(format!(
                        "No primary key value supplied for column(s) {}.{}; per-row ORM Bulk \
                         UPDATE by Primary Key requires that records contain primary key values",
                        table.name(),
                        col.name
                    )));
                };
                u.where_.push(crate::sql::Expr::Binary {
                    left: Box::new(from.c(&col.name)?),
                    op: crate::sql::Op::Eq,
                    right: Box::new(crate::sql::Expr::Bind {
                        value: v.clone(),
                        key: Some(col.name.clone()),
                    }),
                });
            }
            stmts.push(Statement::Update(u));
        }
        self.check_usable()?;
        if self.autoflush {
            self.flush()?;
        }
        let legacy = self.legacy_bulk;
        let key = |k: &str| match legacy {
            true => crate::engine::mapper_cache_key(k, &[]),
            false => k.to_owned(),
        };
        self.connection().execute_many_keyed(&stmts, key)
    }

    /// `session.execute(insert(User).returning(User), [rows])`: consecutive rows with the
    /// same keys as one `INSERT ... VALUES (...), (...) RETURNING ...` logged
    /// `(insertmanyvalues) 1/1 (unordered)` (one row as a plain INSERT ... RETURNING), as
    /// SQLAlchemy's ORM bulk INSERT; each returned row (all of the table's columns, in
    /// order) becomes a persistent object of `mapper`.
    ///
    /// # Failure
    /// As [`Session::execute_core`].
    pub fn insert_returning(
        &mut self,
        ins: &crate::sql::Insert,
        rows: &[crate::engine::Params],
        mapper: &Rc<Mapper>,
    ) -> Result<Vec<ObjectId>> {
        self.check_usable()?;
        if self.autoflush {
            self.flush()?;
        }
        let mut ids = Vec::with_capacity(rows.len());
        for run in same_key_runs(rows) {
            let r = self.connection().execute_insert_returning(ins, run)?;
            for row in &r.rows {
                if let Some(id) = self.hydrate_part(mapper, row, false)? {
                    ids.push(id);
                }
            }
        }
        Ok(ids)
    }
}

/// `rows` cut into runs of consecutive rows with the same keys (the statements of an ORM
/// bulk INSERT).
fn same_key_runs(rows: &[crate::engine::Params]) -> impl Iterator<Item = &[crate::engine::Params]> {
    fn keys(r: &crate::engine::Params) -> Vec<&str> {
        let mut k: Vec<&str> = r.iter().map(|(k, _)| k.as_str()).collect();
        k.sort_unstable();
        k
    }
    rows.chunk_by(|a, b| keys(a) == keys(b))
}
