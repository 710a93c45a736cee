//! Schema inspection: `inspect(engine)`, SQLAlchemy's `Inspector` over its SQLite dialect.
//!
//! Every public method runs in its own transaction (`BEGIN (implicit)` ... `ROLLBACK` in the echo
//! log) and asks SQLite exactly what SQLAlchemy 2.1's SQLite dialect asks (`PRAGMA
//! main.table_xinfo("t")`, `PRAGMA main.foreign_key_list("t")`, the table's `CREATE` text from
//! `sqlite_master`, ...). As with SQLAlchemy's `info_cache`, each method's answer for a table is
//! remembered, so asking again runs no SQL.

use super::{Connection, Engine};
use crate::error::Result;
use crate::sql::quote::quote_always;
use crate::types::SqlType;
use crate::value::Value;
use std::cell::RefCell;
use std::collections::HashMap;

pub(super) const TABLE_NAMES: &str = "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite~_%' ESCAPE '~' ORDER BY name";
const TABLE_SQL: &str = "SELECT sql FROM  (SELECT * FROM sqlite_master UNION ALL   SELECT * FROM sqlite_temp_master) WHERE name = ? AND type in ('table', 'view')";

/// A reflected column type: the SQLite dialect's class name (`VARCHAR`) and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct ReflectedType {
    /// The type class SQLAlchemy reflects (`INTEGER`, `VARCHAR`, `NUMERIC`, `NullType`).
    pub name: &'static str,
    /// The generic type it corresponds to.
    pub sql: SqlType,
}

/// One entry of `get_columns()`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReflectedColumn {
    /// The column's name.
    pub name: String,
    /// Its type.
    pub ty: ReflectedType,
    /// Whether it accepts NULL.
    pub nullable: bool,
    /// Its server default's SQL text.
    pub default: Option<String>,
    /// Its position in the primary key (1-based), 0 when not part of it.
    pub primary_key: i64,
}

/// One entry of `get_foreign_keys()`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReflectedForeignKey {
    /// The constraint's name, when the DDL gave one.
    pub name: Option<String>,
    /// The referring columns.
    pub constrained_columns: Vec<String>,
    /// The referred table.
    pub referred_table: String,
    /// The referred columns.
    pub referred_columns: Vec<String>,
    /// `ondelete` / `onupdate` when other than `NO ACTION`.
    pub options: Vec<(&'static str, String)>,
}

#[derive(Default)]
struct Cache {
    table_names: Option<Vec<String>>,
    columns: HashMap<String, Vec<ReflectedColumn>>,
    foreign_keys: HashMap<String, Vec<ReflectedForeignKey>>,
    pk: HashMap<String, (Vec<String>, Option<String>)>,
    /// Each table's `CREATE TABLE` text, as read for its primary key, unique and check
    /// constraints (SQLAlchemy caches it for those; its foreign keys read it again).
    sql: HashMap<String, String>,
}

/// `inspect(engine)`.
pub struct Inspector {
    engine: Engine,
    cache: RefCell<Cache>,
}

pub(super) fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::Text(s)) => s.to_string(),
        Some(Value::Integer(n)) => n.to_string(),
        _ => String::new(),
    }
}

pub(super) fn int(v: Option<&Value>) -> i64 {
    match v {
        Some(Value::Integer(n)) => *n,
        _ => 0,
    }
}

/// SQLAlchemy's `_resolve_type_affinity`: the declared type's name looked up among the SQLite
/// dialect's type names, else SQLite's affinity rules.
pub fn resolve_type(declared: &str) -> ReflectedType {
    let (head, args) = match declared.split_once('(') {
        Some((h, rest)) => (h.trim(), rest.trim_end_matches(')')),
        None => (declared.trim(), ""),
    };
    let nums: Vec<u32> = args
        .split(',')
        .filter_map(|a| a.trim().parse().ok())
        .collect();
    let upper = head.to_ascii_uppercase();
    let t = |name, sql| ReflectedType { name, sql };
    match upper.as_str() {
        "INTEGER" | "INT" => t("INTEGER", SqlType::Integer),
        "BIGINT" => t("BIGINT", SqlType::BigInteger),
        "SMALLINT" => t("SMALLINT", SqlType::SmallInteger),
        "VARCHAR" | "NVARCHAR" | "CHAR" | "NCHAR" => {
            t("VARCHAR", SqlType::String(nums.first().copied()))
        }
        "TEXT" => t("TEXT", SqlType::Text),
        "BOOLEAN" | "BOOL" => t("BOOLEAN", SqlType::Boolean),
        "FLOAT" | "REAL" => t("FLOAT", SqlType::Float),
        "DOUBLE" => t("DOUBLE", SqlType::Double),
        "NUMERIC" | "DECIMAL" => t(
            "NUMERIC",
            SqlType::Numeric {
                precision: nums.first().copied(),
                scale: nums.get(1).copied(),
            },
        ),
        "DATE" => t("DATE", SqlType::Date),
        "DATETIME" | "TIMESTAMP" => t("DATETIME", SqlType::DateTime),
        "TIME" => t("TIME", SqlType::Time),
        "BLOB" => t("BLOB", SqlType::LargeBinary),
        "JSON" => t("JSON", SqlType::Json),
        u if u.contains("INT") => t("INTEGER", SqlType::Integer),
        u if u.contains("CHAR") || u.contains("CLOB") || u.contains("TEXT") => {
            t("TEXT", SqlType::Text)
        }
        u if u.is_empty() || u.contains("BLOB") => t("NullType", SqlType::LargeBinary),
        u if u.contains("REAL") || u.contains("FLOA") || u.contains("DOUB") => {
            t("FLOAT", SqlType::Float)
        }
        _ => t(
            "NUMERIC",
            SqlType::Numeric {
                precision: None,
                scale: None,
            },
        ),
    }
}

/// The name given by `CONSTRAINT name <kind>` in a table's DDL, if `kind` (`PRIMARY KEY`,
/// `FOREIGN KEY(cols)`) is preceded by one. `columns` restricts a foreign key to its columns.
fn constraint_name(sql: &str, kind: &str, columns: Option<&[String]>) -> Option<String> {
    let upper = sql.to_ascii_uppercase();
    let mut from = 0;
    while let Some(pos) = upper[from..].find("CONSTRAINT ") {
        let start = from + pos + "CONSTRAINT ".len();
        from = start;
        let rest = &sql[start..];
        let name_end = rest.find(char::is_whitespace)?;
        let name = rest[..name_end].trim_matches('"');
        let after = rest[name_end..].trim_start();
        if !after.to_ascii_uppercase().starts_with(kind) {
            continue;
        }
        if let Some(cols) = columns {
            let inner = after
                .split_once('(')
                .and_then(|(_, r)| r.split_once(')'))
                .map(|(c, _)| c);
            let listed: Vec<&str> = inner
                .unwrap_or("")
                .split(',')
                .map(|c| c.trim().trim_matches('"'))
                .collect();
            if listed != cols.iter().map(String::as_str).collect::<Vec<_>>() {
                continue;
            }
        }
        return Some(name.to_owned());
    }
    None
}

/// `PRAGMA main.<pragma>(<name>)`, then `PRAGMA temp.<pragma>(<name>)` when `main` has no
/// rows (SQLAlchemy's `_get_table_pragma`).
///
/// # Failure
/// [`crate::Error::Dbapi`] if SQLite refuses the pragma.
pub(super) fn table_pragma(
    c: &mut Connection,
    pragma: &str,
    name: &str,
) -> Result<Vec<Vec<Value>>> {
    for schema in ["main", "temp"] {
        let sql = format!("PRAGMA {schema}.{pragma}({})", quote_always(name));
        let rows = c.exec_driver_sql(&sql, &[])?.rows;
        if !rows.is_empty() {
            return Ok(rows);
        }
    }
    Ok(Vec::new())
}

impl Inspector {
    /// `inspect(engine)`.
    pub fn new(engine: &Engine) -> Self {
        Inspector {
            engine: engine.clone(),
            cache: RefCell::new(Cache::default()),
        }
    }

    pub(super) fn run<T>(&self, body: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.engine.connect();
        let out = body(&mut conn);
        conn.rollback();
        out
    }

    /// `get_table_names()`: the tables of `main`, by name.
    ///
    /// # Failure
    /// [`crate::Error::Dbapi`] if SQLite refuses the query.
    pub fn table_names(&self) -> Result<Vec<String>> {
        if let Some(names) = &self.cache.borrow().table_names {
            return Ok(names.clone());
        }
        let rows = self.run(|c| c.exec_driver_sql(TABLE_NAMES, &[]))?.rows;
        let names: Vec<String> = rows.iter().map(|r| text(r.first())).collect();
        self.cache.borrow_mut().table_names = Some(names.clone());
        Ok(names)
    }

    /// `has_table(name)`.
    ///
    /// # Failure
    /// [`crate::Error::Dbapi`] if SQLite refuses the query.
    pub fn has_table(&self, table: &str) -> Result<bool> {
        self.run(|c| {
            for schema in ["main", "temp"] {
                let sql = format!("PRAGMA {schema}.table_info({})", quote_always(table));
                if !c.exec_driver_sql(&sql, &[])?.rows.is_empty() {
                    return Ok(true);
                }
            }
            Ok(false)
        })
    }

    pub(super) fn columns_in(
        &self,
        c: &mut Connection,
        table: &str,
    ) -> Result<Option<Vec<ReflectedColumn>>> {
        if let Some(cols) = self.cache.borrow().columns.get(table) {
            return Ok(Some(cols.clone()));
        }
        let mut rows = Vec::new();
        for schema in ["main", "temp"] {
            let sql = format!("PRAGMA {schema}.table_xinfo({})", quote_always(table));
            rows = c.exec_driver_sql(&sql, &[])?.rows;
            if !rows.is_empty() {
                break;
            }
        }
        if rows.is_empty() {
            for schema in ["main", "temp"] {
                let sql = format!("PRAGMA {schema}.table_info({})", quote_always(table));
                if !c.exec_driver_sql(&sql, &[])?.rows.is_empty() {
                    return Ok(Some(Vec::new()));
                }
            }
            return Ok(None);
        }
        // table_xinfo: cid, name, type, notnull, dflt_value, pk, hidden.
        let cols: Vec<ReflectedColumn> = rows
            .iter()
            .filter(|r| int(r.get(6)) != 1)
            .map(|r| ReflectedColumn {
                name: text(r.get(1)),
                ty: resolve_type(&text(r.get(2))),
                nullable: int(r.get(3)) == 0,
                default: match r.get(4) {
                    Some(Value::Null) | None => None,
                    v => Some(text(v)),
                },
                primary_key: int(r.get(5)),
            })
            .collect();
        self.cache
            .borrow_mut()
            .columns
            .insert(table.to_owned(), cols.clone());
        Ok(Some(cols))
    }

    /// `get_columns(table)`; `None` when there is no such table (`NoSuchTableError`).
    ///
    /// # Failure
    /// [`crate::Error::Dbapi`] if SQLite refuses a query.
    pub fn columns(&self, table: &str) -> Result<Option<Vec<ReflectedColumn>>> {
        if let Some(cols) = self.cache.borrow().columns.get(table) {
            return Ok(Some(cols.clone()));
        }
        self.run(|c| self.columns_in(c, table))
    }

    /// [`Inspector::table_sql`] through this inspector's cache.
    pub(super) fn cached_table_sql(&self, c: &mut Connection, table: &str) -> Result<String> {
        if let Some(sql) = self.cache.borrow().sql.get(table) {
            return Ok(sql.clone());
        }
        let sql = Self::table_sql(c, table)?;
        self.cache
            .borrow_mut()
            .sql
            .insert(table.to_owned(), sql.clone());
        Ok(sql)
    }

    pub(super) fn table_sql(c: &mut Connection, table: &str) -> Result<String> {
        let rows = c
            .exec_driver_sql(TABLE_SQL, &[Value::Text(table.into())])?
            .rows;
        Ok(text(rows.first().and_then(|r| r.first())))
    }

    /// `get_pk_constraint(table)`: the primary key's columns, in key order, and its name.
    ///
    /// # Failure
    /// [`crate::Error::Dbapi`] if SQLite refuses a query.
    pub fn pk_constraint(&self, table: &str) -> Result<(Vec<String>, Option<String>)> {
        if let Some(pk) = self.cache.borrow().pk.get(table) {
            return Ok(pk.clone());
        }
        let pk = self.run(|c| {
            let sql = self.cached_table_sql(c, table)?;
            let mut cols = self.columns_in(c, table)?.unwrap_or_default();
            cols.retain(|col| col.primary_key > 0);
            cols.sort_by_key(|col| col.primary_key);
            let names = cols.into_iter().map(|col| col.name).collect();
            Ok((names, constraint_name(&sql, "PRIMARY KEY", None)))
        })?;
        self.cache
            .borrow_mut()
            .pk
            .insert(table.to_owned(), pk.clone());
        Ok(pk)
    }

    /// `get_foreign_keys(table)`, in the order the DDL declares them.
    ///
    /// # Failure
    /// [`crate::Error::Dbapi`] if SQLite refuses a query.
    pub fn foreign_keys(&self, table: &str) -> Result<Vec<ReflectedForeignKey>> {
        if let Some(fks) = self.cache.borrow().foreign_keys.get(table) {
            return Ok(fks.clone());
        }
        let fks = self.run(|c| Self::foreign_keys_in(c, table))?;
        self.cache
            .borrow_mut()
            .foreign_keys
            .insert(table.to_owned(), fks.clone());
        Ok(fks)
    }

    /// `get_foreign_keys(table)` in connection `c`: the `foreign_key_list` pragma (`main`,
    /// then `temp`), then the DDL the constraint names come from, as SQLAlchemy's SQLite
    /// dialect reads them.
    pub(super) fn foreign_keys_in(
        c: &mut Connection,
        table: &str,
    ) -> Result<Vec<ReflectedForeignKey>> {
        {
            let rows = table_pragma(c, "foreign_key_list", table)?;
            // foreign_key_list: id, seq, table, from, to, on_update, on_delete, match.
            let mut by_id: Vec<(i64, ReflectedForeignKey)> = Vec::new();
            for r in &rows {
                let id = int(r.first());
                let pos = match by_id.iter().position(|(i, _)| *i == id) {
                    Some(p) => p,
                    None => {
                        let mut options = Vec::new();
                        for (key, at) in [("onupdate", 5), ("ondelete", 6)] {
                            let rule = text(r.get(at));
                            if !rule.is_empty() && rule != "NO ACTION" {
                                options.push((key, rule));
                            }
                        }
                        options.sort();
                        by_id.push((
                            id,
                            ReflectedForeignKey {
                                name: None,
                                constrained_columns: Vec::new(),
                                referred_table: text(r.get(2)),
                                referred_columns: Vec::new(),
                                options,
                            },
                        ));
                        by_id.len() - 1
                    }
                };
                by_id[pos].1.constrained_columns.push(text(r.get(3)));
                by_id[pos].1.referred_columns.push(text(r.get(4)));
            }
            let ddl = Self::table_sql(c, table)?;
            by_id.sort_by_key(|(id, _)| std::cmp::Reverse(*id));
            Ok(by_id
                .into_iter()
                .map(|(_, mut fk)| {
                    fk.name = constraint_name(&ddl, "FOREIGN KEY", Some(&fk.constrained_columns));
                    fk
                })
                .collect::<Vec<_>>())
        }
    }

    /// `get_view_names()`.
    ///
    /// # Failure
    /// [`crate::Error::Dbapi`] if SQLite refuses the query.
    pub fn view_names(&self) -> Result<Vec<String>> {
        let sql = TABLE_NAMES.replace("type='table'", "type='view'");
        let rows = self.run(|c| c.exec_driver_sql(&sql, &[]))?.rows;
        Ok(rows.iter().map(|r| text(r.first())).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_resolve_as_sqlite_dialect_does() {
        assert_eq!(resolve_type("VARCHAR(30)").sql, SqlType::String(Some(30)));
        assert_eq!(resolve_type("INTEGER").name, "INTEGER");
        assert_eq!(resolve_type("MEDIUMINT").name, "INTEGER");
        assert_eq!(resolve_type("").name, "NullType");
        assert_eq!(
            resolve_type("NUMERIC(10, 2)").sql,
            SqlType::Numeric {
                precision: Some(10),
                scale: Some(2)
            }
        );
    }

    #[test]
    fn inspector_reflects_tables_columns_and_keys() -> Result<()> {
        let engine = Engine::in_memory()?;
        let mut conn = engine.connect();
        conn.exec_driver_sql(
            "CREATE TABLE u (id INTEGER NOT NULL, name VARCHAR(30), PRIMARY KEY (id))",
            &[],
        )?;
        conn.exec_driver_sql(
            "CREATE TABLE a (id INTEGER NOT NULL, u_id INTEGER, PRIMARY KEY (id), \
             CONSTRAINT fk_u FOREIGN KEY(u_id) REFERENCES u (id) ON DELETE CASCADE)",
            &[],
        )?;
        conn.commit()?;
        drop(conn);
        let insp = Inspector::new(&engine);
        assert_eq!(insp.table_names()?, vec!["a".to_owned(), "u".to_owned()]);
        let cols = insp.columns("u")?.unwrap_or_default();
        assert_eq!(cols.len(), 2);
        assert!(!cols[0].nullable);
        assert_eq!(cols[0].primary_key, 1);
        assert_eq!(cols[1].ty.name, "VARCHAR");
        assert_eq!(insp.columns("nope")?, None);
        assert_eq!(insp.pk_constraint("u")?, (vec!["id".to_owned()], None));
        let fks = insp.foreign_keys("a")?;
        assert_eq!(fks[0].name.as_deref(), Some("fk_u"));
        assert_eq!(fks[0].referred_table, "u");
        assert_eq!(fks[0].options, vec![("ondelete", "CASCADE".to_owned())]);
        assert!(insp.has_table("u")?);
        Ok(())
    }
}
