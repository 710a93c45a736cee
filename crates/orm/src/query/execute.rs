//! Running ORM selects in a session: `session.execute(stmt)`, `session.scalars(stmt)` and
//! `session.scalar(stmt)` — autoflush first (unless turned off), then one SELECT, then each
//! entity's columns hydrate through the identity map.

use super::loading::LoadState;
use super::result::{Cell, OrmResult, ScalarResult};
use super::{OrmSelect, Slot};
use crate::error::Result;
use crate::mapper::Mapper;
use crate::session::ObjectId;
use crate::session::Session;
use crate::sql::Statement;
use crate::value::Value;
use std::rc::Rc;

/// The class whose lazy load this query is, if it is one: a many-to-one's lazy load runs as
/// `session.get()` under the cache namespace `lazy:Class.rel` (see `Session::load_related`).
/// As SQLAlchemy's lazy loader carries the parent's path, the selectin loads of the loaded
/// object do not go back to that class.
pub(crate) fn lazy_origin(query: &OrmSelect) -> Option<String> {
    let rest = query.cache_namespace.as_deref()?.strip_prefix("lazy:")?;
    Some(rest.split('.').next()?.to_owned())
}

impl Session {
    /// `session.execute(select(...))`.
    ///
    /// # Failure
    /// [`crate::Error::PendingRollbackError`] after a failed flush; the autoflush's errors;
    /// [`crate::Error::Dbapi`] when SQLite refuses the SELECT; compile errors such as a join
    /// without an inferable ON clause.
    pub fn execute(&mut self, query: &OrmSelect) -> Result<OrmResult> {
        self.check_usable()?;
        if query.autoflush {
            self.autoflush_now()?;
        }
        let (select, slots) = query.build()?;
        // Loader options are part of SQLAlchemy's cache key even where the SQL is the same.
        let namespace = match (
            &query.cache_namespace,
            query.options.is_empty() && query.column_options.is_empty(),
        ) {
            (ns, true) => ns.clone(),
            (ns, false) => Some(format!(
                "{}options:{:?}{:?}",
                ns.as_deref().unwrap_or(""),
                query.options,
                query.column_options
            )),
        };
        let raw = self.connection().execute_keyed(
            &Statement::Select(select),
            &[],
            namespace.as_deref(),
        )?;
        let mut keys = Vec::with_capacity(slots.len());
        let mut pos = 0;
        for slot in &slots {
            match slot {
                Slot::Entity { entity, loads } => {
                    keys.push(entity.mapper.class_name().to_owned());
                    // All columns: the mapper's row (a joined hierarchy's spans its tables);
                    // else only the loaded ones (deferred columns left out).
                    pos += if loads.deferred.is_empty() {
                        entity.mapper.row_width()
                    } else {
                        loads.columns.len()
                    } + loads.expressions.len();
                    pos += loads.contains.iter().map(|l| l.width()).sum::<usize>();
                    pos += loads.joined.iter().map(|l| l.width()).sum::<usize>();
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
        let mut seen: std::collections::HashSet<(usize, ObjectId)> = Default::default();
        let mut st = LoadState {
            populate,
            ..LoadState::default()
        };
        if let [super::Item::Entity(entity)] = query.items() {
            st.origin = Some(super::subquery_load::Origin {
                select: query.select.clone(),
                entity: entity.clone(),
                hops: Vec::new(),
            });
        }
        for row in raw.rows {
            let mut cells = Vec::with_capacity(slots.len());
            let mut at = 0;
            for (n, slot) in slots.iter().enumerate() {
                match slot {
                    Slot::Entity { entity, loads } => {
                        let mut before = Vec::with_capacity(loads.contains.len());
                        for load in &loads.contains {
                            before.push(self.read_eager(load, &row, &mut at, populate, &mut st)?);
                        }
                        let exprs = row.get(at..at + loads.expressions.len()).unwrap_or(&[]);
                        at += loads.expressions.len();
                        let obj = if loads.deferred.is_empty() {
                            let width = entity.mapper.row_width();
                            let part = row.get(at..at + width).unwrap_or(&[]);
                            at += width;
                            self.hydrate_part(&entity.mapper, part, populate)?
                        } else {
                            let part = row.get(at..at + loads.columns.len()).unwrap_or(&[]);
                            at += loads.columns.len();
                            self.hydrate_deferred(&entity.mapper, part, loads, populate)?
                        };
                        if let Some(id) = obj
                            && !loads.expressions.is_empty()
                        {
                            let values = self.expression_values.entry(id).or_default();
                            for (name, v) in loads.expressions.iter().zip(exprs) {
                                if populate || !values.contains_key(name) {
                                    values.insert(name.clone(), v.clone());
                                }
                            }
                        }
                        let mut after = Vec::with_capacity(loads.joined.len());
                        for load in &loads.joined {
                            after.push(self.read_eager(load, &row, &mut at, populate, &mut st)?);
                        }
                        if let Some(parent) = obj {
                            let all = loads.contains.iter().zip(before);
                            for (load, child) in all.chain(loads.joined.iter().zip(after)) {
                                self.link_eager(parent, &load.rel, child, populate, &mut st)?;
                            }
                        }
                        if let Some(id) = obj
                            && seen.insert((n, id))
                        {
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
        let mut joined_collections = false;
        for (slot, objs) in slots.iter().zip(&loaded) {
            if let Slot::Entity { entity, loads } = slot {
                joined_collections |= loads
                    .contains
                    .iter()
                    .chain(&loads.joined)
                    .any(|l| l.has_collection());
                let eager: Vec<_> = loads.contains.iter().chain(&loads.joined).collect();
                let mut path: Vec<String> = lazy_origin(query).into_iter().collect();
                path.push(entity.mapper.class_name().to_owned());
                self.post_load(&entity.mapper, objs, &loads.options, &eager, &st, &mut path)?;
            }
        }
        let result = OrmResult {
            keys,
            rows,
            joined_collections,
        };
        // Rows repeated by a joined collection come once, as after the `unique()` SQLAlchemy
        // insists on; the flag stays so that a 2.0 result can still refuse to be read without
        // it.
        Ok(if joined_collections {
            OrmResult {
                joined_collections: true,
                ..result.unique()
            }
        } else {
            result
        })
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
    pub(crate) fn hydrate_part(
        &mut self,
        mapper: &Rc<Mapper>,
        part: &[Value],
        populate_existing: bool,
    ) -> Result<Option<ObjectId>> {
        let joined;
        let part = if mapper.is_joined() {
            joined = mapper.row_values(part);
            joined.as_slice()
        } else {
            part
        };
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
        self.autoflush_now()?;
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
        self.autoflush_now()?;
        self.connection().execute(stmt)
    }
}
