//! `metadata.create_all(engine)` and `metadata.drop_all(engine)`: DDL for every table, in
//! foreign-key order, in one transaction.
//!
//! With `checkfirst` (SQLAlchemy's default) the dialect first asks SQLite which tables exist,
//! one `PRAGMA main.table_info("t")` per table of the metadata (then `PRAGMA temp.table_info("t")`
//! when main has none), in definition order and before any DDL, exactly as SQLAlchemy 2.1 logs it.
//! DDL statements carry the `[no key ...]` badge, as compiled DDL does in SQLAlchemy.

use super::{MetaData, ddl};
use crate::engine::{Connection, Engine};
use crate::error::Result;
use crate::event::SqlOrigin;
use crate::sql::quote::quote_always;
use std::collections::HashSet;
use web_time::Instant;

/// Which of `names` exist, asked as SQLAlchemy's SQLite dialect asks (`has_multi_table`).
fn existing_tables(conn: &mut Connection, names: &[String]) -> Result<HashSet<String>> {
    let mut found = HashSet::new();
    for name in names {
        for schema in ["main", "temp"] {
            let sql = format!("PRAGMA {schema}.table_info({})", quote_always(name));
            if !conn.exec_driver_sql(&sql, &[])?.rows.is_empty() {
                found.insert(name.clone());
                break;
            }
        }
    }
    Ok(found)
}

fn run_ddl(conn: &mut Connection, build: impl FnOnce() -> Result<String>) -> Result<()> {
    let started = Instant::now();
    let sql = build()?;
    let seconds = started.elapsed().as_secs_f64();
    conn.execute_logged(&sql, &[], SqlOrigin::NoKey { seconds })?;
    Ok(())
}

impl MetaData {
    /// `metadata.create_all(engine, checkfirst=...)`: creates the tables (and their indexes)
    /// that do not exist yet, parents before the tables that refer to them.
    ///
    /// # Failure
    /// [`crate::Error::Dbapi`] when SQLite refuses a statement (the transaction is rolled back),
    /// [`crate::Error::NoReferencedTableError`] for a foreign key that points nowhere.
    pub fn create_all(&self, engine: &Engine, checkfirst: bool) -> Result<()> {
        let all: Vec<String> = self.tables().iter().map(|t| t.name().to_owned()).collect();
        engine.begin(|conn| {
            let existing = if checkfirst && !all.is_empty() {
                existing_tables(conn, &all)?
            } else {
                HashSet::new()
            };
            for table in self.sorted_tables() {
                if existing.contains(table.name()) {
                    continue;
                }
                run_ddl(conn, || ddl::create_table(self, &table))?;
                for index in table.indexes() {
                    let index = self.conventional_index(&table, index);
                    run_ddl(conn, || Ok(ddl::create_index(&table, &index)))?;
                }
            }
            Ok(())
        })
    }

    /// `table.create(engine, checkfirst=False)` (`drop` when `!create`): one table's DDL (and
    /// its indexes), in its own transaction.
    ///
    /// # Failure
    /// As [`MetaData::create_all`].
    pub fn create_or_drop_table(
        &self,
        engine: &Engine,
        table: &super::Table,
        create: bool,
        checkfirst: bool,
    ) -> Result<()> {
        let name = vec![table.name().to_owned()];
        engine.begin(|conn| {
            let exists = if checkfirst {
                Some(!existing_tables(conn, &name)?.is_empty())
            } else {
                None
            };
            if create && exists != Some(true) {
                run_ddl(conn, || ddl::create_table(self, table))?;
                for index in table.indexes() {
                    let index = self.conventional_index(table, index);
                    run_ddl(conn, || Ok(ddl::create_index(table, &index)))?;
                }
            } else if !create && exists != Some(false) {
                run_ddl(conn, || Ok(ddl::drop_table(table)))?;
            }
            Ok(())
        })
    }

    /// An `index=True` column's index, named by the `ix` naming convention when there is one.
    fn conventional_index(&self, table: &super::Table, mut index: super::Index) -> super::Index {
        if let [col] = &index.columns[..]
            && index.name == format!("ix_{}_{col}", table.name())
            && let Some(name) = self.convention_name(
                super::naming::Kind::Index,
                table,
                &index.columns,
                None,
                None,
            )
        {
            index.name = name;
        }
        index
    }

    /// `metadata.drop_all(engine, checkfirst=...)`: drops the tables that exist, children
    /// before the tables they refer to.
    ///
    /// # Failure
    /// [`crate::Error::Dbapi`] when SQLite refuses a statement.
    pub fn drop_all(&self, engine: &Engine, checkfirst: bool) -> Result<()> {
        let all: Vec<String> = self.tables().iter().map(|t| t.name().to_owned()).collect();
        engine.begin(|conn| {
            let existing = if checkfirst && !all.is_empty() {
                existing_tables(conn, &all)?
            } else {
                all.iter().cloned().collect()
            };
            for table in self.sorted_tables().iter().rev() {
                if existing.contains(table.name()) {
                    run_ddl(conn, || Ok(ddl::drop_table(table)))?;
                }
            }
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::engine::echo::echo_lines;
    use crate::schema::ddl::tests::fixture;
    use crate::{Engine, Result};

    /// Echo messages, with the `[no key 0.00010s]` timing blanked to `[no key]`.
    pub(crate) fn log(engine: &Engine) -> Vec<String> {
        engine
            .drain_events()
            .iter()
            .flat_map(echo_lines)
            .map(|l| match l.message.strip_prefix("[no key ") {
                Some(rest) => format!("[no key]{}", rest.split_once(']').map_or("", |(_, r)| r)),
                None => l.message,
            })
            .collect()
    }

    #[test]
    fn create_all_then_drop_all_log_as_sqlalchemy() -> Result<()> {
        let (md, users, addresses, assoc) = fixture()?;
        let engine = Engine::in_memory()?;
        md.create_all(&engine, true)?;
        let ct = |t| crate::schema::ddl::create_table(&md, t);
        // Golden: SQLAlchemy 2.1.9 `md.create_all(engine)` with echo=True (/tmp/g/ddl.py).
        let expected: Vec<String> = vec![
            "BEGIN (implicit)".into(),
            "PRAGMA main.table_info(\"users\")".into(),
            "[raw sql] ()".into(),
            "PRAGMA temp.table_info(\"users\")".into(),
            "[raw sql] ()".into(),
            "PRAGMA main.table_info(\"addresses\")".into(),
            "[raw sql] ()".into(),
            "PRAGMA temp.table_info(\"addresses\")".into(),
            "[raw sql] ()".into(),
            "PRAGMA main.table_info(\"assoc\")".into(),
            "[raw sql] ()".into(),
            "PRAGMA temp.table_info(\"assoc\")".into(),
            "[raw sql] ()".into(),
            ct(&users)?,
            "[no key] ()".into(),
            "CREATE INDEX ix_users_fullname ON users (fullname)".into(),
            "[no key] ()".into(),
            ct(&addresses)?,
            "[no key] ()".into(),
            "CREATE UNIQUE INDEX ix_addr_email ON addresses (email_address)".into(),
            "[no key] ()".into(),
            ct(&assoc)?,
            "[no key] ()".into(),
            "COMMIT".into(),
        ];
        assert_eq!(log(&engine), expected);
        md.drop_all(&engine, true)?;
        // Golden: SQLAlchemy 2.1.9 `md.drop_all(engine)` right after.
        assert_eq!(
            log(&engine),
            [
                "BEGIN (implicit)",
                "PRAGMA main.table_info(\"users\")",
                "[raw sql] ()",
                "PRAGMA main.table_info(\"addresses\")",
                "[raw sql] ()",
                "PRAGMA main.table_info(\"assoc\")",
                "[raw sql] ()",
                "\nDROP TABLE assoc",
                "[no key] ()",
                "\nDROP TABLE addresses",
                "[no key] ()",
                "\nDROP TABLE users",
                "[no key] ()",
                "COMMIT",
            ]
        );
        md.create_all(&engine, false)?;
        let lines = log(&engine);
        assert_eq!(lines[1], ct(&users)?);
        assert_eq!(lines.len(), 12);
        Ok(())
    }

    #[test]
    fn one_table_is_created_and_dropped_with_checkfirst() -> Result<()> {
        let (md, users, ..) = fixture()?;
        let engine = Engine::in_memory()?;
        md.create_or_drop_table(&engine, &users, true, false)?;
        md.create_or_drop_table(&engine, &users, true, true)?;
        md.create_or_drop_table(&engine, &users, false, true)?;
        let log = log(&engine);
        assert_eq!(log.iter().filter(|l| l.contains("CREATE TABLE")).count(), 1);
        assert_eq!(log.iter().filter(|l| l.contains("DROP TABLE")).count(), 1);
        assert_eq!(
            log.iter()
                .filter(|l| l.contains("PRAGMA main.table_info"))
                .count(),
            2
        );
        Ok(())
    }

    #[test]
    fn create_all_skips_existing_tables() -> Result<()> {
        let (md, ..) = fixture()?;
        let engine = Engine::in_memory()?;
        md.create_all(&engine, true)?;
        engine.drain_events();
        md.create_all(&engine, true)?;
        assert_eq!(log(&engine).len(), 8);
        Ok(())
    }
}
