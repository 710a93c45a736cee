//! Table reflection: `Table(name, metadata, autoload_with=engine)` and
//! `metadata.reflect(engine)` build [`Table`]s from what the [`Inspector`] reads (columns with
//! the SQLite dialect's types and server defaults, the primary key, single-column foreign
//! keys), reflecting the tables a foreign key refers to into the same metadata first, as
//! SQLAlchemy does. The queries are SQLAlchemy's, in its order and on one connection (its echo
//! log is the tutorial's); the inspector's `get_indexes()` and `get_unique_constraints()`.

use super::Connection;
use super::reflection::{Inspector, int, table_pragma, text};
use super::reflection::{ReflectedColumn, ReflectedForeignKey, TABLE_NAMES};
use crate::error::{Error, Result};
use crate::schema::{Column, ForeignKey, MetaData, ServerDefault, Table};
use std::rc::Rc;

/// What a reflected table keeps of its reflection: its columns and foreign keys.
type TableInfo = (Vec<ReflectedColumn>, Vec<ReflectedForeignKey>);

/// One entry of `get_indexes()`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReflectedIndex {
    /// The index's name.
    pub name: String,
    /// Its columns, in order.
    pub column_names: Vec<String>,
    /// `UNIQUE`.
    pub unique: bool,
}

impl Inspector {
    /// `get_indexes(table)`: the indexes declared with `CREATE INDEX` (not SQLite's automatic
    /// ones for UNIQUE / PRIMARY KEY), by name, as SQLAlchemy's SQLite dialect reads them.
    ///
    /// # Failure
    /// [`Error::NoSuchTableError`] for a table the database lacks; [`Error::Dbapi`] if SQLite
    /// refuses a query.
    pub fn indexes(&self, table: &str) -> Result<Vec<ReflectedIndex>> {
        self.run(|c| indexes_in(c, table, false))
    }

    /// `get_unique_constraints(table)`: the UNIQUE constraints of the table's DDL that SQLite
    /// backs with an automatic index, as `(name, columns)`, in DDL order — SQLAlchemy's SQLite
    /// dialect parses them from the `CREATE TABLE` text.
    ///
    /// # Failure
    /// As [`Inspector::indexes`].
    pub fn unique_constraints(&self, table: &str) -> Result<Vec<(Option<String>, Vec<String>)>> {
        self.run(|c| {
            let auto = auto_indexes(c, table)?;
            let ddl = self.cached_table_sql(c, table)?;
            Ok(uniques_backed(&ddl, auto))
        })
    }

    /// `get_check_constraints(table)`: `(name, sqltext)` of each CHECK of the table's DDL,
    /// one per line as SQLAlchemy's SQLite dialect parses them, named ones first by name.
    ///
    /// # Failure
    /// [`Error::Dbapi`] if SQLite refuses the query.
    pub fn check_constraints(&self, table: &str) -> Result<Vec<(Option<String>, String)>> {
        let ddl = self.run(|c| self.cached_table_sql(c, table))?;
        let mut out = Vec::new();
        for line in ddl.lines() {
            let upper = line.to_ascii_uppercase();
            let Some(at) = upper.find("CHECK") else {
                continue;
            };
            let rest = line[at + 5..].trim_start();
            let (Some(body), Some(end)) = (rest.strip_prefix('('), rest.rfind(')')) else {
                continue;
            };
            let body_end = end.saturating_sub(1).min(body.len());
            let sqltext = body[..body_end].trim().to_owned();
            let name = upper[..at].find("CONSTRAINT ").map(|c| {
                line[c + "CONSTRAINT ".len()..at]
                    .trim()
                    .trim_matches('"')
                    .to_owned()
            });
            out.push((name, sqltext));
        }
        out.sort_by(|a, b| match (&a.0, &b.0) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        Ok(out)
    }

    /// Reflects table `name` into `md` (and the tables its foreign keys refer to, first).
    /// Returns the tables added, in the order added (empty when `name` was already there).
    /// One connection reads them, in SQLAlchemy's order: the table's columns, primary key,
    /// foreign keys, indexes and unique constraints, then each table it refers to.
    ///
    /// # Failure
    /// [`Error::NoSuchTableError`] when the database has no such table;
    /// [`Error::Dbapi`] if SQLite refuses the queries.
    pub fn reflect_table(&self, md: &MetaData, name: &str) -> Result<Vec<Rc<Table>>> {
        let mut added = Vec::new();
        self.run(|c| self.reflect_into(c, md, name, &mut added))?;
        Ok(added)
    }

    fn reflect_into(
        &self,
        c: &mut Connection,
        md: &MetaData,
        name: &str,
        added: &mut Vec<Rc<Table>>,
    ) -> Result<()> {
        if md.table(name).is_some() {
            return Ok(());
        }
        let info = self.read_table(c, name)?;
        for fk in &info.1 {
            if fk.referred_table != name && md.table(&fk.referred_table).is_none() {
                self.reflect_into(c, md, &fk.referred_table, added)?;
            }
        }
        if md.table(name).is_none() {
            added.push(md.add(build_table(name, info)?)?);
        }
        Ok(())
    }

    /// What SQLAlchemy's reflection of one table reads (`_get_reflection_info`), in its order;
    /// the columns and foreign keys are what Retort's table keeps.
    fn read_table(&self, c: &mut Connection, name: &str) -> Result<TableInfo> {
        let Some(cols) = self.columns_in(c, name)? else {
            return Err(Error::NoSuchTableError(name.to_owned()));
        };
        // The primary key constraint's name.
        Inspector::table_sql(c, name)?;
        let fks = Inspector::foreign_keys_in(c, name)?;
        indexes_in(c, name, false)?;
        unique_constraints_in(c, name)?;
        Ok((cols, fks))
    }

    /// `metadata.reflect(engine)`: every table of the database, by name; returns those added.
    /// One connection reads them as SQLAlchemy's does, each kind of information for every
    /// table in turn (names, columns, primary keys, foreign keys, indexes, unique
    /// constraints).
    ///
    /// # Failure
    /// As [`Inspector::reflect_table`].
    pub fn reflect_all(&self, md: &MetaData) -> Result<Vec<Rc<Table>>> {
        self.run(|c| {
            let mut names: Vec<String> = c
                .exec_driver_sql(TABLE_NAMES, &[])?
                .rows
                .iter()
                .map(|r| text(r.first()))
                .collect();
            let temp = TABLE_NAMES.replace("sqlite_master", "sqlite_temp_master");
            names.extend(
                c.exec_driver_sql(&temp, &[])?
                    .rows
                    .iter()
                    .map(|r| text(r.first())),
            );
            let names: Vec<String> = names
                .into_iter()
                .filter(|n| md.table(n).is_none())
                .collect();
            let mut columns = Vec::with_capacity(names.len());
            for n in &names {
                columns.push(self.columns_in(c, n)?.unwrap_or_default());
            }
            for n in &names {
                Inspector::table_sql(c, n)?;
            }
            let mut fks = Vec::with_capacity(names.len());
            for n in &names {
                fks.push(Inspector::foreign_keys_in(c, n)?);
            }
            for n in &names {
                indexes_in(c, n, false)?;
            }
            for n in &names {
                unique_constraints_in(c, n)?;
            }
            let mut read: Vec<(String, TableInfo)> = names
                .into_iter()
                .zip(columns.into_iter().zip(fks))
                .collect();
            // Each table after those it refers to.
            let mut added = Vec::new();
            while !read.is_empty() {
                let ready = read
                    .iter()
                    .position(|(n, (_, fks))| {
                        fks.iter().all(|fk| {
                            fk.referred_table == *n
                                || md.table(&fk.referred_table).is_some()
                                || !read.iter().any(|(m, _)| *m == fk.referred_table)
                        })
                    })
                    .unwrap_or(0);
                let (n, info) = read.remove(ready);
                added.push(md.add(build_table(&n, info)?)?);
            }
            Ok(added)
        })
    }
}

/// Table `name` from its reflected columns (types, nullability, primary key, server
/// defaults) and single-column foreign keys.
fn build_table(
    name: &str,
    (cols, fks): (Vec<ReflectedColumn>, Vec<ReflectedForeignKey>),
) -> Result<Table> {
    let mut table = Table::new(name);
    for c in cols {
        let mut col = Column::new(&c.name, c.ty.sql.clone());
        col.type_class = Some(c.ty.name);
        col.primary_key = c.primary_key > 0;
        col.nullable = Some(c.nullable && c.primary_key == 0);
        col.server_default = c.default.map(ServerDefault::Text);
        for fk in &fks {
            if let ([from], [to]) = (&fk.constrained_columns[..], &fk.referred_columns[..])
                && *from == c.name
            {
                col.foreign_keys
                    .push(ForeignKey::new(&format!("{}.{to}", fk.referred_table))?);
            }
        }
        table = table.column(col);
    }
    Ok(table)
}

/// `get_indexes()` in connection `c`, as SQLAlchemy's SQLite dialect: the `index_list`
/// pragma, then `index_info` of each index (SQLite's automatic ones only with
/// `include_auto`); without any, the `table_info` pragma tells a table without indexes from
/// no table.
fn indexes_in(c: &mut Connection, table: &str, include_auto: bool) -> Result<Vec<ReflectedIndex>> {
    // index_list: seq, name, unique, origin, partial.
    let listed: Vec<(String, bool)> = table_pragma(c, "index_list", table)?
        .iter()
        .map(|r| (text(r.get(1)), int(r.get(2)) != 0))
        .filter(|(name, _)| include_auto || !name.starts_with("sqlite_autoindex"))
        .collect();
    let mut out = Vec::with_capacity(listed.len());
    for (name, unique) in listed {
        // index_info: seqno, cid, name.
        let cols = table_pragma(c, "index_info", &name)?;
        out.push(ReflectedIndex {
            name,
            column_names: cols.iter().map(|r| text(r.get(2))).collect(),
            unique,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    if out.is_empty() && table_pragma(c, "table_info", table)?.is_empty() {
        return Err(Error::NoSuchTableError(table.to_owned()));
    }
    Ok(out)
}

/// `get_unique_constraints()` in connection `c`: the automatic indexes, then the DDL whose
/// UNIQUE clauses they back.
fn unique_constraints_in(
    c: &mut Connection,
    table: &str,
) -> Result<Vec<(Option<String>, Vec<String>)>> {
    let auto = auto_indexes(c, table)?;
    let ddl = Inspector::table_sql(c, table)?;
    Ok(uniques_backed(&ddl, auto))
}

/// The columns of each of SQLite's automatic indexes of `table` (read with all its indexes).
fn auto_indexes(c: &mut Connection, table: &str) -> Result<Vec<Vec<String>>> {
    Ok(indexes_in(c, table, true)?
        .into_iter()
        .filter(|i| i.name.starts_with("sqlite_autoindex"))
        .map(|i| i.column_names)
        .collect())
}

/// The UNIQUE clauses of `ddl` that automatic indexes (`auto`) back.
fn uniques_backed(ddl: &str, mut auto: Vec<Vec<String>>) -> Vec<(Option<String>, Vec<String>)> {
    let mut out = Vec::new();
    for (name, cols) in parse_uniques(ddl) {
        if let Some(p) = auto.iter().position(|a| *a == cols) {
            auto.remove(p);
            out.push((name, cols));
        }
    }
    out
}

/// The `[CONSTRAINT name] UNIQUE (a, b)` clauses of a `CREATE TABLE` text, then the columns
/// declared `... UNIQUE` inline, as SQLAlchemy's patterns find them.
fn parse_uniques(ddl: &str) -> Vec<(Option<String>, Vec<String>)> {
    let unquote = |s: &str| s.trim().trim_matches(['"', '`', '[', ']']).to_owned();
    let mut out = Vec::new();
    let upper = ddl.to_ascii_uppercase();
    let mut inline = Vec::new();
    let mut from = 0;
    while let Some(at) = upper[from..].find("UNIQUE").map(|p| p + from) {
        from = at + "UNIQUE".len();
        let rest = ddl[from..].trim_start();
        if let Some(list) = rest.strip_prefix('(') {
            let cols = list.split(')').next().unwrap_or("");
            let before = ddl[..at].trim_end();
            let name = before
                .rsplit_once(|c: char| c.is_whitespace())
                .filter(|(head, _)| head.trim_end().to_ascii_uppercase().ends_with("CONSTRAINT"))
                .map(|(_, n)| unquote(n));
            out.push((name, cols.split(',').map(unquote).collect()));
        } else {
            // `name TYPE ... UNIQUE`: the first word of this column's definition.
            let start = ddl[..at].rfind([',', '(']).map_or(0, |p| p + 1);
            if let Some(col) = ddl[start..at].split_whitespace().next() {
                inline.push((None, vec![unquote(col)]));
            }
        }
    }
    out.extend(inline);
    out
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::engine::Engine;
    use crate::engine::reflection::Inspector;
    use crate::error::Result;
    use crate::schema::MetaData;

    #[test]
    fn a_reflected_table_brings_the_table_its_foreign_key_refers_to() -> Result<()> {
        let engine = Engine::in_memory()?;
        engine.dbapi_execute(
            "CREATE TABLE parent (id INTEGER NOT NULL, name VARCHAR(30), PRIMARY KEY (id))",
        )?;
        engine.dbapi_execute("CREATE TABLE child (id INTEGER NOT NULL, parent_id INTEGER NOT NULL, PRIMARY KEY (id), FOREIGN KEY(parent_id) REFERENCES parent (id))")?;
        let md = MetaData::new();
        let added = Inspector::new(&engine).reflect_table(&md, "child")?;
        let names: Vec<&str> = added.iter().map(|t| t.name()).collect();
        assert_eq!(names, ["parent", "child"]);
        let fks: Vec<(String, String)> = md
            .table("child")
            .iter()
            .flat_map(|t| t.columns()[1].foreign_keys.clone())
            .map(|fk| (fk.table, fk.column))
            .collect();
        assert_eq!(fks, [("parent".to_owned(), "id".to_owned())]);
        let parent = md.table("parent");
        assert_eq!(
            parent.map(|t| t.columns()[1].type_class),
            Some(Some("VARCHAR"))
        );
        assert!(matches!(
            Inspector::new(&engine).reflect_table(&md, "nope"),
            Err(crate::Error::NoSuchTableError(_))
        ));
        Ok(())
    }

    #[test]
    fn unique_and_check_constraints_are_parsed_from_the_ddl() -> Result<()> {
        let engine = Engine::in_memory()?;
        engine.dbapi_execute("CREATE TABLE p (\n\tid INTEGER, \n\tn VARCHAR UNIQUE, \n\tq INTEGER CHECK (q > 0), \n\tCONSTRAINT uq_iq UNIQUE (id, q), \n\tCONSTRAINT ck_n CHECK (length(n) > 1)\n)")?;
        let insp = Inspector::new(&engine);
        assert_eq!(
            insp.unique_constraints("p")?,
            vec![
                (
                    Some("uq_iq".to_owned()),
                    vec!["id".to_owned(), "q".to_owned()]
                ),
                (None, vec!["n".to_owned()]),
            ]
        );
        assert_eq!(
            insp.check_constraints("p")?,
            vec![
                (Some("ck_n".to_owned()), "length(n) > 1".to_owned()),
                (None, "q > 0".to_owned()),
            ]
        );
        Ok(())
    }
}
