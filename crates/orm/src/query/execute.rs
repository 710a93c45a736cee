//! Running ORM selects in a session: `session.execute(stmt)`, `session.scalars(stmt)` and
//! `session.scalar(stmt)` — autoflush first (unless turned off), then one SELECT, then each
//! entity's columns hydrate through the identity map.

use super::result::{Cell, OrmResult, ScalarResult};
use super::{OrmSelect, Slot};
use crate::error::Result;
use crate::mapper::Mapper;
use crate::session::ObjectId;
use crate::session::Session;
use crate::sql::Statement;
use crate::value::Value;
use std::rc::Rc;

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
        let (select, slots) = query.build()?;
        let raw = self.connection().execute_keyed(
            &Statement::Select(select),
            &[],
            query.cache_namespace.as_deref(),
        )?;
        let mut keys = Vec::with_capacity(slots.len());
        let mut pos = 0;
        for slot in &slots {
            match slot {
                Slot::Entity { entity, joined } => {
                    keys.push(entity.mapper.class_name().to_owned());
                    pos += entity.mapper.width();
                    pos += joined.iter().map(|(_, m)| m.width()).sum::<usize>();
                }
                Slot::Column => {
                    keys.push(raw.columns.get(pos).cloned().unwrap_or_default());
                    pos += 1;
                }
            }
        }
        let populate = query.populate_existing;
        let mut rows = Vec::with_capacity(raw.rows.len());
        // Objects of each entity slot, for the selectin loads after the rows.
        let mut loaded: Vec<Vec<ObjectId>> = vec![Vec::new(); slots.len()];
        for row in raw.rows {
            let mut cells = Vec::with_capacity(slots.len());
            let mut at = 0;
            for (n, slot) in slots.iter().enumerate() {
                match slot {
                    Slot::Entity { entity, joined } => {
                        let width = entity.mapper.width();
                        let part = row.get(at..at + width).unwrap_or(&[]);
                        at += width;
                        let obj = self.hydrate_part(&entity.mapper, part, populate)?;
                        for (rel, target) in joined {
                            let width = target.width();
                            let part = row.get(at..at + width).unwrap_or(&[]);
                            at += width;
                            let related = self.hydrate_part(target, part, populate)?;
                            if let Some(parent) = obj {
                                self.store
                                    .borrow_mut()
                                    .get_mut(parent)?
                                    .related
                                    .insert(rel.name.clone(), related.into_iter().collect());
                            }
                        }
                        if let Some(id) = obj {
                            loaded[n].push(id);
                        }
                        cells.push(obj.map_or(Cell::Value(Value::Null), Cell::Object));
                    }
                    Slot::Column => {
                        cells.push(Cell::Value(row.get(at).cloned().unwrap_or(Value::Null)));
                        at += 1;
                    }
                }
            }
            rows.push(cells);
        }
        for (slot, objs) in slots.iter().zip(&loaded) {
            if let Slot::Entity { entity, .. } = slot
                && !objs.is_empty()
            {
                self.selectin_load(&entity.mapper, objs)?;
            }
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

    /// Hydrates one entity's stretch of a row; `None` when its primary key is NULL (an outer
    /// join found no row).
    fn hydrate_part(
        &mut self,
        mapper: &Rc<Mapper>,
        part: &[Value],
        populate_existing: bool,
    ) -> Result<Option<ObjectId>> {
        let no_row = mapper
            .pk()
            .iter()
            .all(|&i| matches!(part.get(i), None | Some(Value::Null)));
        if no_row {
            return Ok(None);
        }
        Ok(Some(self.hydrate_row(mapper, part, populate_existing)?))
    }

    /// `session.execute(text(...), params)`: raw SQL on the session's connection (after an
    /// autoflush), as a Core result.
    ///
    /// # Failure
    /// As [`crate::Connection::execute_text`]; [`crate::Error::PendingRollbackError`].
    pub fn execute_text(
        &mut self,
        text: &crate::sql::TextClause,
        params: &[crate::engine::Params],
    ) -> Result<crate::CursorResult> {
        self.check_usable()?;
        if self.autoflush {
            self.flush()?;
        }
        self.connection().execute_text(text, params)
    }

    /// `session.execute(insert(...)/update(...)/delete(...)/select(table))`: a Core statement
    /// on the session's connection (after an autoflush). Objects already loaded are not
    /// refreshed, as with SQLAlchemy's Core statements.
    ///
    /// # Failure
    /// As [`crate::Connection::execute`]; [`crate::Error::PendingRollbackError`].
    pub fn execute_core(&mut self, stmt: &Statement) -> Result<crate::CursorResult> {
        self.check_usable()?;
        if self.autoflush {
            self.flush()?;
        }
        self.connection().execute(stmt)
    }
}
