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
        let local_only = own.iter().all(|t| t.name() != base.name());
        if local_only && !own.is_empty() {
            // The "optimized get" of the subclass tables: `? = manager.id AND manager.id =
            // boss.id`.
            let tables: Vec<Rc<crate::schema::Table>> = mapper
                .joined_tables()
                .into_iter()
                .filter(|t| own.iter().any(|o| o.name() == t.name()))
                .collect();
            let mut cols = Vec::new();
            for (n, t) in names.iter().zip(&own) {
                cols.push(
                    FromItem::Table(Rc::clone(t))
                        .c(n)?
                        .label(&format!("{}_{n}", t.name())),
                );
            }
            let mut crit = Vec::new();
            if let Some(first) = tables.first() {
                let from = FromItem::Table(Rc::clone(first));
                for (c, v) in first.primary_key().iter().zip(pk) {
                    crit.push(literal(v.clone()).eq(from.c(&c.name)?));
                }
            }
            for pair in tables.windows(2) {
                let (up, down) = (
                    FromItem::Table(Rc::clone(&pair[0])),
                    FromItem::Table(Rc::clone(&pair[1])),
                );
                for (a, b) in pair[0].primary_key().iter().zip(pair[1].primary_key()) {
                    crit.push(up.c(&a.name)?.eq(down.c(&b.name)?));
                }
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
            // The base table, joined to the subclass tables as the entity's.
            query = query.select_from(&Entity {
                mapper: Rc::clone(mapper),
                from: from.clone(),
            });
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

    /// A one-to-many lazy load of a joined-table subclass: the subclass's SELECT (its tables
    /// joined, no labels) `WHERE ? = manager.company_id`.
    pub(super) fn lazy_joined_collection(
        &mut self,
        rel: &crate::relationship::Relationship,
        target: &Rc<Mapper>,
        key: Value,
        lazy_key: &str,
    ) -> Result<Vec<super::ObjectId>> {
        let entity = Entity::of(target);
        let fk = entity.c(&rel.fk)?;
        let mut query = crate::query::select(vec![Item::Entity(entity.clone())])
            .no_autoflush()
            .where_(literal(key).eq(fk));
        let order: Vec<_> = rel
            .order_by
            .iter()
            .filter_map(|(name, desc)| {
                let c = entity.c(name).ok()?;
                Some(if *desc { c.desc() } else { c })
            })
            .collect();
        if !order.is_empty() {
            query = query.order_by(order);
        }
        query.cache_namespace = Some(lazy_key.to_owned());
        Ok(self
            .execute(&query)?
            .rows
            .into_iter()
            .filter_map(|row| row.into_iter().next().and_then(|c| c.object()))
            .collect())
    }
}
