//! Table reflection: `Table(name, metadata, autoload_with=engine)` and
//! `metadata.reflect(engine)` build [`Table`]s from what the [`Inspector`] reads (columns with
//! the SQLite dialect's types, the primary key, single-column foreign keys), reflecting the
//! tables a foreign key refers to into the same metadata first, as SQLAlchemy does.

use super::reflection::{Inspector, int, text};
use crate::error::{Error, Result};
use crate::schema::{Column, ForeignKey, MetaData, Table};
use crate::sql::quote::quote_always;
use std::rc::Rc;

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
    /// [`Error::Dbapi`] if SQLite refuses a query.
    pub fn indexes(&self, table: &str) -> Result<Vec<ReflectedIndex>> {
        let mut out = self.run(|c| {
            let sql = format!("PRAGMA main.index_list({})", quote_always(table));
            let rows = c.exec_driver_sql(&sql, &[])?.rows;
            let mut out = Vec::new();
            // index_list: seq, name, unique, origin, partial.
            for r in &rows {
                let name = text(r.get(1));
                if name.starts_with("sqlite_autoindex") {
                    continue;
                }
                let sql = format!("PRAGMA main.index_info({})", quote_always(&name));
                // index_info: seqno, cid, name.
                let cols = c.exec_driver_sql(&sql, &[])?.rows;
                out.push(ReflectedIndex {
                    name,
                    column_names: cols.iter().map(|r| text(r.get(2))).collect(),
                    unique: int(r.get(2)) != 0,
                });
            }
            Ok(out)
        })?;
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// Reflects table `name` into `md` (and the tables its foreign keys refer to, first).
    /// Returns the tables added, in the order added (empty when `name` was already there).
    ///
    /// # Failure
    /// [`Error::NoSuchTableError`] when the database has no such table;
    /// [`Error::Dbapi`] if SQLite refuses the queries.
    pub fn reflect_table(&self, md: &MetaData, name: &str) -> Result<Vec<Rc<Table>>> {
        let mut added = Vec::new();
        self.reflect_into(md, name, &mut added)?;
        Ok(added)
    }

    fn reflect_into(&self, md: &MetaData, name: &str, added: &mut Vec<Rc<Table>>) -> Result<()> {
        if md.table(name).is_some() {
            return Ok(());
        }
        let Some(cols) = self.columns(name)? else {
            return Err(Error::NoSuchTableError(name.to_owned()));
        };
        let fks = self.foreign_keys(name)?;
        let mut table = Table::new(name);
        for c in cols {
            let mut col = Column::new(&c.name, c.ty.sql.clone());
            col.type_class = Some(c.ty.name);
            col.primary_key = c.primary_key > 0;
            col.nullable = Some(c.nullable && c.primary_key == 0);
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
        for fk in &fks {
            if fk.referred_table != name && md.table(&fk.referred_table).is_none() {
                self.reflect_into(md, &fk.referred_table, added)?;
            }
        }
        if md.table(name).is_none() {
            added.push(md.add(table)?);
        }
        Ok(())
    }

    /// `metadata.reflect(engine)`: every table of the database, by name; returns those added.
    ///
    /// # Failure
    /// As [`Inspector::reflect_table`].
    pub fn reflect_all(&self, md: &MetaData) -> Result<Vec<Rc<Table>>> {
        let mut added = Vec::new();
        for name in self.table_names()? {
            self.reflect_into(md, &name, &mut added)?;
        }
        Ok(added)
    }
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
}
