//! Loading the expired attributes of a joined-table inheritance subclass, as SQLAlchemy
//! does: attributes of the subclass's own tables only (an object loaded through the base
//! class) come from those tables alone (`SELECT manager.manager_name AS
//! manager_manager_name FROM manager WHERE ? = manager.id`); otherwise the base table joined
//! to them, by the base table's key (the whole row as `select(Manager)` reads it).

use super::Session;
use crate::error::Result;
use crate::mapper::Mapper;
use crate::query::{Entity, Item};
use crate::sql::{FromItem, Select, Statement, and_, literal};
use crate::value::Value;
use std::rc::Rc;

impl Session {
    /// The values of `columns` (positions) of the `mapper` object with key `pk`, or `None`
    /// when its row is gone.
    pub(super) fn select_joined_by_pk(
        &mut self,
        mapper: &Rc<Mapper>,
        pk: &[Value],
        columns: &[usize],
        namespace: &str,
    ) -> Result<Option<Vec<Value>>> {
        let base = mapper.base_mapper().persist_table();
        let names: Vec<String> = columns
            .iter()
            .filter_map(|&i| mapper.table().columns().get(i).map(|c| c.name.clone()))
            .collect();
        let own: Vec<Rc<crate::schema::Table>> =
            names.iter().map(|n| mapper.column_table(n)).collect();
        let local_only = own.iter().all(|t| t.name() != base.name())
            && own.windows(2).all(|w| w[0].name() == w[1].name());
        if let (true, Some(table)) = (local_only, own.first()) {
            // The "optimized get" of the subclass's table.
            let from = FromItem::Table(Rc::clone(table));
            let mut cols = Vec::new();
            for n in &names {
                cols.push(from.c(n)?.label(&format!("{}_{n}", table.name())));
            }
            let mut crit = Vec::new();
            for (c, v) in table.primary_key().iter().zip(pk) {
                crit.push(literal(v.clone()).eq(from.c(&c.name)?));
            }
            let select = Select {
                columns: cols,
                ..Select::default()
            };
            let stmt = Statement::Select(select.where_(and_(crit)));
            let result = self
                .connection()
                .execute_keyed(&stmt, &[], Some(namespace))?;
            return Ok(result.rows.into_iter().next());
        }
        let entity = Entity::of(mapper);
        let whole = columns.len() == mapper.width();
        let items: Vec<Item> = if whole {
            vec![Item::Entity(entity.clone())]
        } else {
            let mut items = Vec::new();
            for n in &names {
                items.push(Item::Column(entity.c(n)?));
            }
            items
        };
        let from = FromItem::Table(Rc::clone(&base));
        let mut query = crate::query::select(items).no_autoflush();
        if !whole {
            query = query.select_from(&Entity {
                mapper: Rc::clone(mapper),
                from: from.clone(),
            });
            for (table, on) in mapper.inheritance_joins()? {
                query.select = query.select.join(table, Some(on));
            }
        }
        for (&i, v) in mapper.pk().iter().zip(pk) {
            let name = &mapper.table().columns()[i].name;
            query = query.where_(from.c(name)?.eq(v.clone()));
        }
        let (select, _) = query.build()?;
        let result =
            self.connection()
                .execute_keyed(&Statement::Select(select), &[], Some(namespace))?;
        Ok(result
            .rows
            .into_iter()
            .next()
            .map(|row| if whole { mapper.row_values(&row) } else { row }))
    }
}
