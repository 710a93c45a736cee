//! Running ORM selects in a session: `session.execute(stmt)`, `session.scalars(stmt)` and
//! `session.scalar(stmt)` — autoflush first (unless turned off), then one SELECT, then each
//! entity's columns hydrate through the identity map.

use super::result::{Cell, OrmResult, ScalarResult};
use super::{Item, OrmSelect};
use crate::error::Result;
use crate::session::Session;
use crate::sql::Statement;
use crate::value::Value;

impl Session {
    /// `session.execute(select(...))`.
    ///
    /// # Failure
    /// [`crate::Error::PendingRollbackError`] after a failed flush; the autoflush's errors;
    /// [`crate::Error::Dbapi`] when SQLite refuses the SELECT; compile errors such as a join
    /// without an inferable ON clause.
    pub fn execute(&mut self, query: &OrmSelect) -> Result<OrmResult> {
        self.check_usable()?;
        if self.autoflush && query.autoflush {
            self.flush()?;
        }
        let stmt = Statement::Select(query.to_select());
        let raw = self.connection().execute(&stmt)?;
        let mut keys = Vec::with_capacity(query.items().len());
        let mut pos = 0;
        for item in query.items() {
            match item {
                Item::Entity(e) => {
                    keys.push(e.mapper.class_name().to_owned());
                    pos += e.mapper.width();
                }
                Item::Column(_) => {
                    keys.push(raw.columns.get(pos).cloned().unwrap_or_default());
                    pos += 1;
                }
            }
        }
        let mut rows = Vec::with_capacity(raw.rows.len());
        for row in raw.rows {
            let mut cells = Vec::with_capacity(query.items().len());
            let mut at = 0;
            for item in query.items() {
                match item {
                    Item::Entity(e) => {
                        let width = e.mapper.width();
                        let part = row.get(at..at + width).unwrap_or(&[]);
                        at += width;
                        let no_row = e
                            .mapper
                            .pk()
                            .iter()
                            .all(|&i| matches!(part.get(i), None | Some(Value::Null)));
                        cells.push(if no_row {
                            Cell::Value(Value::Null)
                        } else {
                            Cell::Object(self.hydrate_row(
                                &e.mapper,
                                part,
                                query.populate_existing,
                            )?)
                        });
                    }
                    Item::Column(_) => {
                        cells.push(Cell::Value(row.get(at).cloned().unwrap_or(Value::Null)));
                        at += 1;
                    }
                }
            }
            rows.push(cells);
        }
        Ok(OrmResult { keys, rows })
    }

    /// `session.scalars(select(...))`: the first cell of each row.
    ///
    /// # Failure
    /// As [`Session::execute`].
    pub fn scalars(&mut self, query: &OrmSelect) -> Result<ScalarResult> {
        Ok(self.execute(query)?.scalars())
    }

    /// `session.scalar(select(...))`: the first cell of the first row.
    ///
    /// # Failure
    /// As [`Session::execute`].
    pub fn scalar(&mut self, query: &OrmSelect) -> Result<Option<Cell>> {
        Ok(self.execute(query)?.scalar())
    }
}
