//! Joined-table inheritance: a subclass mapper with a table of its own (`manager`, its
//! primary key a foreign key to the base table's), mapping the base table's columns and its
//! own. Its [`Mapper::table`] is a table value named as its own table holding the columns it
//! maps (the parent's, then its own but the primary key), at the positions its objects'
//! values use; where each column really lives is [`Mapper::column_table`].
//!
//! As SQLAlchemy: `select(Manager)` reads `manager.id, employee.id AS id_1, employee.name,
//! ..., manager.manager_name FROM employee JOIN manager ON employee.id = manager.id`; a
//! flush INSERTs the base rows first, then each subclass table's rows with the new keys.

use super::Mapper;
use super::inheritance::Polymorphic;
use crate::error::{Error, Result};
use crate::schema::Table;
use crate::sql::{Expr, FromItem};
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

/// One column of a joined mapper's SELECT: its real table, its name, and the position of
/// the attribute it loads.
#[derive(Debug, Clone)]
pub struct JoinedColumn {
    /// The table the column belongs to.
    pub table: Rc<Table>,
    /// The column name.
    pub name: String,
    /// The attribute's position in the mapper's values.
    pub pos: usize,
}

impl Mapper {
    /// Maps `class_name` as a joined-table subclass of `parent`: `local` is its own table
    /// (whose primary key refers to the parent's), `view` the parent's columns then the
    /// local ones but the primary key.
    ///
    /// # Failure
    /// [`Error::ArgumentError`] when `view` does not extend the parent's columns.
    pub fn inherit_joined(
        class_name: &str,
        view: &Rc<Table>,
        local: &Rc<Table>,
        parent: &Rc<Mapper>,
        identity: Option<Value>,
    ) -> Result<Rc<Mapper>> {
        let width = parent.width();
        let prefix = view.columns().len() >= width
            && view.columns()[..width]
                .iter()
                .zip(parent.table().columns())
                .all(|(a, b)| a.name == b.name);
        if !prefix || local.primary_key().is_empty() {
            return Err(Error::ArgumentError(format!(
                "Mapper Mapper[{class_name}({})] does not extend the table of its parent {}",
                local.name(),
                parent.class_name()
            )));
        }
        let mapper = Rc::new(Mapper {
            class_name: Rc::from(class_name),
            table: Rc::clone(view),
            pk: parent.pk.clone(),
            relationships: RefCell::new(Vec::new()),
            expressions: RefCell::new(Vec::new()),
            deferred: RefCell::new(Vec::new()),
            inherits: Some(Rc::clone(parent)),
            polymorphic: RefCell::new(Polymorphic::default()),
        });
        mapper.set_local(local, identity);
        parent.add_subclass(&mapper);
        Ok(mapper)
    }

    /// Whether this mapper or one it inherits has a table of its own beyond the base's.
    pub fn is_joined(&self) -> bool {
        self.local_table().is_some() || self.inherits.as_ref().is_some_and(|p| p.is_joined())
    }

    /// The tables of the hierarchy this base mapper saves: its table, then the own tables
    /// of the joined-table subclasses.
    pub fn hierarchy_tables(self: &Rc<Self>) -> Vec<Rc<Table>> {
        let mut out = vec![self.persist_table()];
        out.extend(
            self.self_and_descendants()
                .iter()
                .filter_map(|m| m.local_table()),
        );
        out
    }

    /// The tables the mapper's rows span, base first (`mapper.tables`).
    pub fn joined_tables(&self) -> Vec<Rc<Table>> {
        let mut out = match &self.inherits {
            Some(p) => p.joined_tables(),
            None => vec![self.persist_table()],
        };
        out.extend(self.local_table());
        out
    }

    /// The table column `name` of this mapper lives in: the nearest own table having it
    /// (`Manager.id` is `manager.id`), else the base table.
    pub fn column_table(&self, name: &str) -> Rc<Table> {
        if let Some(local) = self.local_table()
            && local.get_column(name).is_some()
        {
            return local;
        }
        match &self.inherits {
            Some(p) => p.column_table(name),
            None => self.persist_table(),
        }
    }

    /// The columns a SELECT of this mapper reads, in SQLAlchemy's order: its own table's
    /// primary key, the parent's columns, then its own other columns.
    pub fn joined_columns(&self) -> Vec<JoinedColumn> {
        let Some(local) = self.local_table() else {
            let table = match &self.inherits {
                Some(p) => return p.joined_columns(),
                None => self.persist_table(),
            };
            return self
                .table
                .columns()
                .iter()
                .enumerate()
                .map(|(pos, c)| JoinedColumn {
                    table: Rc::clone(&table),
                    name: c.name.clone(),
                    pos,
                })
                .collect();
        };
        let at = |name: &str| self.table.column_index(name).unwrap_or(0);
        let mut out: Vec<JoinedColumn> = local
            .primary_key()
            .iter()
            .map(|c| JoinedColumn {
                table: Rc::clone(&local),
                name: c.name.clone(),
                pos: at(&c.name),
            })
            .collect();
        if let Some(p) = &self.inherits {
            out.extend(p.joined_columns());
        }
        out.extend(
            local
                .columns()
                .iter()
                .filter(|c| !c.primary_key)
                .map(|c| JoinedColumn {
                    table: Rc::clone(&local),
                    name: c.name.clone(),
                    pos: at(&c.name),
                }),
        );
        out
    }

    /// The number of columns a row of this mapper's SELECT has.
    pub fn row_width(&self) -> usize {
        if self.is_joined() {
            self.joined_columns().len()
        } else {
            self.width()
        }
    }

    /// A row of this mapper's SELECT as the mapper's values (a joined mapper reads some
    /// attributes from two columns).
    pub fn row_values(&self, part: &[Value]) -> Vec<Value> {
        if !self.is_joined() {
            return part.to_vec();
        }
        let mut out = vec![Value::Null; self.width()];
        for (c, v) in self.joined_columns().iter().zip(part) {
            if let Some(slot) = out.get_mut(c.pos) {
                *slot = v.clone();
            }
        }
        out
    }

    /// The joins from the base table to this mapper's own tables: (table, ON), as
    /// `employee JOIN manager ON employee.id = manager.id`.
    ///
    /// # Failure
    /// [`Error::NoSuchColumnError`] for a primary key column a table lacks.
    pub fn inheritance_joins(&self) -> Result<Vec<(FromItem, Expr)>> {
        let mut out = match &self.inherits {
            Some(p) => p.inheritance_joins()?,
            None => Vec::new(),
        };
        if let Some(local) = self.local_table() {
            let base = FromItem::Table(self.parent_table());
            let own = FromItem::Table(Rc::clone(&local));
            let mut on = Vec::new();
            for (&i, c) in self.pk.iter().zip(local.primary_key()) {
                let name = &self.table.columns()[i].name;
                on.push(base.c(name)?.eq(own.c(&c.name)?));
            }
            out.push((own, crate::sql::and_(on)));
        }
        Ok(out)
    }

    /// The nearest table above this mapper's own: its parent's own table, else the base
    /// table.
    pub fn parent_table(&self) -> Rc<Table> {
        match &self.inherits {
            Some(p) => p.local_table().unwrap_or_else(|| p.parent_table()),
            None => self.persist_table(),
        }
    }

    /// The table a joined-table subclass of this mapper refers to: its own table, else the
    /// one above.
    pub fn parent_table_for_subclass(&self) -> Rc<Table> {
        self.local_table().unwrap_or_else(|| self.parent_table())
    }

    /// Column `name` as this mapper's entity reads it (on its real table).
    ///
    /// # Failure
    /// [`Error::NoSuchColumnError`] for an unknown column.
    pub fn joined_column(&self, name: &str) -> Result<Expr> {
        FromItem::Table(self.column_table(name)).c(name)
    }
}
