//! The generative methods `Select` and the legacy `Query` share (`where`, `filter_by`,
//! `join`, `order_by` with label names, `limit`, `options`, ...), over the [`Generative`]
//! trait both implement.

use super::expr::operand;
use super::select::entity_of;
use super::{Bridge, native, to_sql};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::query::{Entity, Item, OrmSelect, Query};
use retort::sql::{self as sql, Expr};
use std::rc::Rc;

/// What `where()` / `filter()` / `order_by()` ... do to either kind of statement.
pub(super) trait Generative: Sized + Clone {
    /// The legacy `Query` (some messages differ from `select()`'s).
    const LEGACY: bool = false;
    fn select_from(self, e: &Entity) -> Self;
    /// `select_from(table)` (a Core table); `None` where unsupported.
    fn select_from_table(self, t: &Rc<retort::schema::Table>) -> Option<Self>;
    /// Adds `criteria` to the ON clause of the last join (`join(User.addresses.and_(...))`).
    fn and_last_join(self, criteria: Vec<Expr>) -> Self;
    /// A new columns clause (`with_only_columns()`, `add_columns()`); `None` where unsupported.
    fn with_items(self, _items: Vec<Item>) -> Option<Self> {
        None
    }
    /// `order_by(None)`: drops the ordering; `None` where unsupported.
    fn without_order_by(self) -> Option<Self> {
        None
    }
    /// Makes the last join a `FULL OUTER JOIN` (`join(..., full=True)`).
    fn full_last_join(self) -> Self {
        self
    }
    /// `select_from(subquery)`; `None` where unsupported.
    fn select_from_item(self, _item: sql::FromItem) -> Option<Self> {
        None
    }
    /// `join(table_or_subquery, on)`.
    fn join_item(
        self,
        target: sql::FromItem,
        on: Option<Expr>,
        outer: bool,
    ) -> retort::Result<Self>;
    /// `join(Parent.rel)` to `target` (`Parent.rel.of_type(alias)`, `join(alias, Parent.rel)`).
    fn join_rel_to(
        self,
        parent: &Entity,
        rel: &str,
        target: Option<&Entity>,
        outer: bool,
    ) -> retort::Result<Self>;
    fn items(&self) -> Vec<Item>;
    fn has_joins(&self) -> bool;
    fn where_(self, e: Expr) -> Self;
    fn filter_by(self, c: &[(&str, Expr)]) -> retort::Result<Self>;
    fn join(self, target: &Entity, on: Option<Expr>, outer: bool) -> Self;
    fn join_rel(self, parent: &Entity, rel: &str, outer: bool) -> retort::Result<Self>;
    fn order_by(self, e: Vec<Expr>) -> Self;
    fn group_by(self, e: Vec<Expr>) -> Self;
    fn having(self, e: Expr) -> Self;
    fn limit(self, n: i64) -> Self;
    fn offset(self, n: i64) -> Self;
    fn distinct(self) -> Self;
    fn populate_existing(self) -> Self;
    fn yield_per(self, n: usize) -> Self;
    fn options(self, o: Vec<retort::query::LoaderOption>) -> Self;
    fn column_options(self, o: Vec<retort::query::ColumnOption>) -> Self;
}

/// The [`Generative`] methods both statements implement as inherent methods of the same
/// name and signature.
macro_rules! forward_generative {
    ($t:ident) => {
        fn order_by(self, e: Vec<Expr>) -> Self {
            $t::order_by(self, e)
        }
        fn group_by(self, e: Vec<Expr>) -> Self {
            $t::group_by(self, e)
        }
        fn having(self, e: Expr) -> Self {
            $t::having(self, e)
        }
        fn limit(self, n: i64) -> Self {
            $t::limit(self, n)
        }
        fn offset(self, n: i64) -> Self {
            $t::offset(self, n)
        }
        fn distinct(self) -> Self {
            $t::distinct(self)
        }
        fn populate_existing(self) -> Self {
            $t::populate_existing(self)
        }
        fn yield_per(self, n: usize) -> Self {
            $t::yield_per(self, n)
        }
        fn options(self, o: Vec<retort::query::LoaderOption>) -> Self {
            $t::options(self, o)
        }
        fn column_options(self, o: Vec<retort::query::ColumnOption>) -> Self {
            $t::column_options(self, o)
        }
    };
}

impl Generative for OrmSelect {
    fn select_from(self, e: &Entity) -> Self {
        OrmSelect::select_from(self, e)
    }
    fn select_from_table(mut self, t: &Rc<retort::schema::Table>) -> Option<Self> {
        self.select = self.select.select_from(sql::FromItem::Table(t.clone()));
        Some(self)
    }
    fn select_from_item(mut self, item: sql::FromItem) -> Option<Self> {
        self.select = self.select.select_from(item);
        Some(self)
    }
    fn with_items(self, items: Vec<Item>) -> Option<Self> {
        Some(OrmSelect::with_items(self, items))
    }
    fn without_order_by(mut self) -> Option<Self> {
        self.select.order_by.clear();
        Some(self)
    }
    fn full_last_join(mut self) -> Self {
        self.select = self.select.full_last_join();
        self
    }
    fn and_last_join(mut self, criteria: Vec<Expr>) -> Self {
        if let Some(j) = self.select.joins.last_mut()
            && !criteria.is_empty()
        {
            let mut all: Vec<Expr> = j.on.take().into_iter().collect();
            all.extend(criteria);
            j.on = Some(sql::and_(all));
        }
        self
    }
    fn join_item(
        mut self,
        target: sql::FromItem,
        on: Option<Expr>,
        outer: bool,
    ) -> retort::Result<Self> {
        self.select = if outer {
            self.select.outerjoin(target, on)
        } else {
            self.select.join(target, on)
        };
        Ok(self)
    }
    fn join_rel_to(
        self,
        parent: &Entity,
        rel: &str,
        target: Option<&Entity>,
        outer: bool,
    ) -> retort::Result<Self> {
        if outer {
            self.outerjoin_relationship(parent, rel, target)
        } else {
            self.join_relationship(parent, rel, target)
        }
    }
    fn items(&self) -> Vec<Item> {
        OrmSelect::items(self).to_vec()
    }
    fn has_joins(&self) -> bool {
        !self.select.joins.is_empty()
    }
    fn where_(self, e: Expr) -> Self {
        OrmSelect::where_(self, e)
    }
    fn filter_by(self, c: &[(&str, Expr)]) -> retort::Result<Self> {
        OrmSelect::filter_by_exprs(self, c)
    }
    fn join(self, t: &Entity, on: Option<Expr>, outer: bool) -> Self {
        if outer {
            self.outerjoin(t, on)
        } else {
            OrmSelect::join(self, t, on)
        }
    }
    fn join_rel(self, parent: &Entity, rel: &str, outer: bool) -> retort::Result<Self> {
        if outer {
            self.outerjoin_relationship(parent, rel, None)
        } else {
            self.join_relationship(parent, rel, None)
        }
    }
    forward_generative!(OrmSelect);
}

impl Generative for Query {
    const LEGACY: bool = true;
    fn select_from(self, e: &Entity) -> Self {
        Query::select_from(self, e)
    }
    fn select_from_table(self, _: &Rc<retort::schema::Table>) -> Option<Self> {
        None
    }
    fn and_last_join(self, criteria: Vec<Expr>) -> Self {
        let q = self.clone();
        self.map_statement(|s| Ok(s.and_last_join(criteria)))
            .unwrap_or(q)
    }
    fn join_item(
        self,
        target: sql::FromItem,
        on: Option<Expr>,
        outer: bool,
    ) -> retort::Result<Self> {
        self.map_statement(|s| s.join_item(target, on, outer))
    }
    fn join_rel_to(
        self,
        parent: &Entity,
        rel: &str,
        target: Option<&Entity>,
        outer: bool,
    ) -> retort::Result<Self> {
        self.map_statement(|s| s.join_rel_to(parent, rel, target, outer))
    }
    fn items(&self) -> Vec<Item> {
        self.statement().items().to_vec()
    }
    fn has_joins(&self) -> bool {
        !self.statement().select.joins.is_empty()
    }
    fn where_(self, e: Expr) -> Self {
        self.filter(e)
    }
    fn filter_by(self, c: &[(&str, Expr)]) -> retort::Result<Self> {
        Query::filter_by_exprs(self, c)
    }
    fn join(self, t: &Entity, on: Option<Expr>, outer: bool) -> Self {
        if outer {
            self.outerjoin(t, on)
        } else {
            Query::join(self, t, on)
        }
    }
    fn join_rel(self, parent: &Entity, rel: &str, outer: bool) -> retort::Result<Self> {
        if outer {
            self.outerjoin_relationship(parent, rel)
        } else {
            self.join_relationship(parent, rel)
        }
    }
    forward_generative!(Query);
}

fn exprs(b: &Rc<Bridge>, i: &mut Interpreter, a: &Args) -> PyResult<Vec<Expr>> {
    let mut out = Vec::new();
    for v in &a.pos {
        if let Value::Str(s) = v {
            return Err(b.error(
                i,
                "ArgumentError",
                &format!(
                    "Textual SQL expression '{s}' should be explicitly declared as text('{s}')"
                ),
            ));
        }
        out.push(match v {
            // `where(False)` (what `User.id in [1, 2]` gives): SQLAlchemy's `false` constant.
            Value::Bool(t) => Expr::Bool(*t),
            _ => operand(b, i, v, None)?,
        });
    }
    Ok(out)
}

/// `order_by("name")` / `group_by("name")`: a label of the columns clause (written as its
/// name), else a column of it by name; SQLAlchemy's `CompileError` otherwise.
fn label_exprs(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    a: &Args,
    items: &[Item],
    clause: &str,
) -> PyResult<Vec<Expr>> {
    let mut out = Vec::new();
    for v in &a.pos {
        if let Value::Int(n) = v {
            // SQLAlchemy takes no positional ORDER BY / GROUP BY numbers.
            return Err(b.error(
                i,
                "ArgumentError",
                &format!("{clause} expression expected, got {n}."),
            ));
        }
        let Value::Str(s) = v else {
            out.push(operand(b, i, v, None)?);
            continue;
        };
        let name: &str = s;
        let mut found = None;
        for item in items {
            match item {
                Item::Column(Expr::Label { name: l, .. }) if l == name => {
                    found = Some(Expr::LiteralText(l.clone()));
                }
                Item::Column(e @ Expr::Column { name: c, .. }) if c == name => {
                    found = Some(e.clone());
                }
                _ => continue,
            }
            break;
        }
        match found {
            Some(e) => out.push(e),
            None => {
                return Err(b.error(
                    i,
                    "CompileError",
                    &format!(
                        "Can't resolve label reference for ORDER BY / GROUP BY / DISTINCT etc. Textual SQL expression '{name}' should be explicitly declared as text('{name}')"
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// The generative methods shared by `Select` and `Query`: `Some(new statement)`.
pub(super) fn generative<S: Generative + 'static>(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    s: S,
    name: &str,
    a: Args,
) -> PyResult<Option<S>> {
    Ok(Some(match name {
        "where" | "filter" => {
            let c = exprs(b, i, &a)?;
            if c.is_empty() {
                s
            } else {
                s.where_(sql::and_(c))
            }
        }
        "filter_by" => {
            let mut pairs = Vec::new();
            let mut exprs = Vec::new();
            let (kws, descriptors) = super::select_filter_by::descriptor_criteria(b, i, &s, &a)?;
            for (k, v) in &kws {
                let value = to_sql(i, v)?;
                // `retired=True` compares with the constant `true` (SQLite: `= 1`).
                exprs.push(match v {
                    Value::Bool(t) => Expr::Bool(*t),
                    _ => Expr::Bind {
                        value: value.clone(),
                        key: None,
                    },
                });
                pairs.push((k.clone(), value));
            }
            super::select_filter_by::check_filter_by(b, i, &s, &pairs)?;
            let s = if let Some(entity) = super::select_filter_by::column_entity(b, &s) {
                // Columns only (`query(User.name).filter_by(...)`): SQLAlchemy filters on
                // the entity of the first column.
                let mut crit = Vec::new();
                for ((k, v), e) in pairs.iter().zip(&exprs) {
                    let col = entity.c(k).map_err(|e| b.raise(i, e))?;
                    crit.push(match e {
                        Expr::Bool(_) => col.eq(e.clone()),
                        _ => col.eq(v.clone()),
                    });
                }
                s.where_(sql::and_(crit))
            } else if let Some(from) = super::select_filter_by::core_from_of(&s) {
                // A Core `select(table).filter_by(name=...)`: the first column's table.
                let mut crit = Vec::new();
                for ((k, v), e) in pairs.iter().zip(&exprs) {
                    let col = from.c(k).map_err(|e| b.raise(i, e))?;
                    crit.push(match e {
                        Expr::Bool(_) => col.eq(e.clone()),
                        _ => col.eq(v.clone()),
                    });
                }
                s.where_(sql::and_(crit))
            } else {
                let refs: Vec<(&str, Expr)> = pairs
                    .iter()
                    .zip(exprs)
                    .map(|((k, _), e)| (k.as_str(), e))
                    .collect();
                s.filter_by(&refs).map_err(|e| b.raise(i, e))?
            };
            descriptors.into_iter().fold(s, |s, e| s.where_(e))
        }
        "join" | "outerjoin" | "join_from" => return super::select_join::join(b, i, s, name, a),
        "add_columns" | "with_only_columns" => {
            let mut items = if name == "add_columns" {
                s.items()
            } else {
                Vec::new()
            };
            let args = match a.pos.as_slice() {
                [Value::List(l)] => l.borrow().clone(),
                other => other.to_vec(),
            };
            items.extend(super::select::items(b, i, &args)?);
            match s.with_items(items) {
                Some(next) => next,
                None => return Err(super::unsupported(i, &format!("Query.{name}()"))),
            }
        }
        "select_from" => {
            if let Some(t) = a.pos.first().and_then(native::<super::table::TableObj>) {
                return match s.select_from_table(&t.table) {
                    Some(next) => Ok(Some(next)),
                    None => Err(super::unsupported(i, "Query.select_from() of a Table")),
                };
            }
            if let Some(item) = a.pos.first().and_then(super::subquery::from_item_of) {
                return match s.select_from_item(item) {
                    Some(next) => Ok(Some(next)),
                    None => Err(super::unsupported(i, "Query.select_from() of a subquery")),
                };
            }
            let Some(e) = a.pos.first().and_then(|v| entity_of(b, v)) else {
                return Err(super::unsupported(i, "select_from() of this object"));
            };
            s.select_from(&e)
        }
        "order_by" if matches!(a.pos.as_slice(), [Value::None]) => match s.without_order_by() {
            Some(next) => next,
            None => return Err(super::unsupported(i, "Query.order_by(None)")),
        },
        "order_by" => {
            let e = label_exprs(b, i, &a, &s.items(), "ORDER BY")?;
            s.order_by(e)
        }
        "group_by" => {
            let e = label_exprs(b, i, &a, &s.items(), "GROUP BY")?;
            s.group_by(e)
        }
        "having" => {
            let c = exprs(b, i, &a)?;
            s.having(sql::and_(c))
        }
        "limit" | "offset" => {
            let n = match a.pos.first() {
                Some(Value::Int(n)) => *n,
                _ => return Err(i.type_error(format!("{name}() needs an integer"))),
            };
            if name == "limit" {
                s.limit(n)
            } else {
                s.offset(n)
            }
        }
        "distinct" => s.distinct(),
        "populate_existing" => s.populate_existing(),
        "execution_options" => {
            let mut s = s;
            for (k, v) in &a.kw {
                match k.as_str() {
                    "populate_existing" if i.truthy(v)? => s = s.populate_existing(),
                    "yield_per" => {
                        if let Value::Int(n) = v
                            && let Ok(n) = usize::try_from(*n)
                            && n > 0
                        {
                            s = s.yield_per(n);
                        }
                    }
                    _ => {}
                }
            }
            s
        }
        "options" => {
            let (loaders, columns) = super::loader_options::collect(i, &a)?;
            s.options(loaders).column_options(columns)
        }
        _ => return Ok(None),
    }))
}

pub(super) const GENERATIVE: &[&str] = &[
    "where",
    "filter",
    "filter_by",
    "join",
    "outerjoin",
    "join_from",
    "order_by",
    "group_by",
    "having",
    "limit",
    "offset",
    "distinct",
    "populate_existing",
    "execution_options",
    "options",
    "select_from",
    "add_columns",
    "with_only_columns",
];
