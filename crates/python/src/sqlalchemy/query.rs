//! The legacy `session.query(...)`: a `Query` bound to its session, with the generative
//! methods it shares with `select()` and its own `all()` / `first()` / `one()` / `count()` /
//! `get()` / `with_parent()`, slicing and iteration.

use super::select::{GENERATIVE, generative, items, rows_to_py};
use super::{Bridge, method, native, obj, to_sql};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::query::{Cell, Entity, Item, Query};
use retort::session::Session;
use retort::sql::{self as sql, Select};
use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

/// `session.query(...)`: a legacy query bound to its session.
pub struct QueryObj {
    bridge: Rc<Bridge>,
    session: Rc<RefCell<Session>>,
    query: Query,
    keys: Rc<Vec<String>>,
}

/// The key of an entity in a result row: its class name, or an alias's name.
pub fn entity_key(e: &Entity) -> String {
    match &e.from {
        sql::FromItem::Alias {
            source: sql::Source::Named(n),
            ..
        } => n.clone(),
        _ => e.mapper.class_name().to_owned(),
    }
}

/// `session.query(*entities)`.
pub fn query(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    session: &Rc<RefCell<Session>>,
    a: Args,
) -> PyResult<Value> {
    b.configure_pending(i)?;
    let items = items(b, i, &a.pos)?;
    let keys = items
        .iter()
        .map(|it| match it {
            Item::Entity(e) => entity_key(e),
            Item::Column(e) => e.result_name().unwrap_or("").to_owned(),
        })
        .collect();
    let mut query = session.borrow().query(items);
    for entity in super::inheritance::column_entities(&a.pos) {
        query = query.with_column_entity(entity);
    }
    Ok(obj(QueryObj {
        bridge: b.clone(),
        session: session.clone(),
        query,
        keys: Rc::new(keys),
    }))
}

impl QueryObj {
    /// The query's SELECT (for `in_(query)` and subqueries).
    pub fn to_select(&self, i: &Interpreter) -> PyResult<Select> {
        self.query
            .statement()
            .to_select()
            .map_err(|e| self.bridge.raise(i, e))
    }

    fn row(&self, i: &mut Interpreter, cells: Vec<Cell>) -> PyResult<Value> {
        let mut values = rows_to_py(&self.bridge, i, vec![cells], self.query.statement())?
            .pop()
            .unwrap_or_default();
        if self.query.is_single_entity() {
            return Ok(values.pop().unwrap_or(Value::None));
        }
        Ok(obj(super::result::RowObj {
            keys: self.keys.clone(),
            values,
        }))
    }

    fn run<T>(
        &self,
        i: &mut Interpreter,
        f: impl FnOnce(&Query, &mut Session) -> retort::Result<T>,
    ) -> PyResult<T> {
        super::orm_events::flush_session(&self.bridge, i, &self.session, true)?;
        self.bridge.apply_defaults(i, &self.session)?;
        let r = f(&self.query, &mut self.session.borrow_mut());
        self.bridge.pump(i);
        let r = r.map_err(|e| self.bridge.raise(i, e))?;
        super::orm_events::fire_loads(&self.bridge, i)?;
        Ok(r)
    }

    fn all(&self, i: &mut Interpreter) -> PyResult<Vec<Value>> {
        let mut rows = self.run(i, |q, s| q.all(s))?;
        if self.query.is_single_entity() {
            // The legacy Query returns each object of a single-entity query once.
            let mut seen = std::collections::HashSet::new();
            rows.retain(|r| match r.first() {
                Some(Cell::Object(id)) => seen.insert(*id),
                _ => true,
            });
        }
        rows.into_iter().map(|r| self.row(i, r)).collect()
    }
}

fn as_query(v: &Value) -> Option<&QueryObj> {
    native::<QueryObj>(v)
}

impl NativeObject for QueryObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class("sqlalchemy.orm.query", "Query"))
    }
    fn type_name(&self) -> String {
        "Query".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "<sqlalchemy.orm.query.Query object at 0x{:x}>",
            self as *const Self as usize
        ))
    }
    fn str(&self, i: &mut Interpreter) -> PyResult<String> {
        self.query
            .to_sql_string()
            .map_err(|e| self.bridge.raise(i, e))
    }
    fn iterate(&self, i: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(self.all(i))
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        Some((|| match key {
            Value::Int(n) if *n < 0 => Err(no_negative_indexes(i)),
            Value::Int(n) => {
                let q = self.query.clone().slice(Some(*n), Some(*n + 1));
                let rows = self.run(i, |_, s| q.all(s))?;
                match rows.into_iter().next() {
                    Some(r) => self.row(i, r),
                    None => Err(i.exc("IndexError", "list index out of range")),
                }
            }
            Value::Slice(s) => {
                let bound = |v: &Value| match v {
                    Value::Int(n) => Ok(Some(*n)),
                    Value::None => Ok(None),
                    _ => Err(super::unsupported(i, "this query slice")),
                };
                let (a, z) = (bound(&s[0])?, bound(&s[1])?);
                if !matches!(s[2], Value::None) {
                    return Err(super::unsupported(i, "a query slice with a step"));
                }
                if let (Some(a), Some(z)) = (a, z)
                    && z - a <= 0
                {
                    return Ok(Value::list(Vec::new()));
                }
                if a.is_some_and(|a| a < 0) || z.is_some_and(|z| z < 0) {
                    return Err(no_negative_indexes(i));
                }
                let q = self.query.clone().slice(a, z);
                let rows = self.run(i, |_, s| q.all(s))?;
                let v: PyResult<Vec<Value>> = rows.into_iter().map(|r| self.row(i, r)).collect();
                Ok(Value::list(v?))
            }
            _ => Err(super::unsupported(i, "this query index")),
        })())
    }
    fn get_attr(&self, _: &mut Interpreter, this: &Value, name: &str) -> PyResult<Option<Value>> {
        let this = this.clone();
        if GENERATIVE.contains(&name) {
            let n = name.to_owned();
            return Ok(method(name, move |i, a: Args| {
                let Some(q) = as_query(&this) else {
                    return Err(i.type_error("not a query"));
                };
                match generative(&q.bridge, i, q.query.clone(), &n, a)? {
                    Some(next) => Ok(obj(QueryObj {
                        bridge: q.bridge.clone(),
                        session: q.session.clone(),
                        query: next,
                        keys: q.keys.clone(),
                    })),
                    None => Err(i.exc("AttributeError", n.clone())),
                }
            }));
        }
        macro_rules! m {
            (|$i:ident, $q:ident, $a:ident| $body:expr) => {
                method(name, move |$i: &mut Interpreter, $a: Args| {
                    let Some($q) = as_query(&this) else {
                        return Err($i.type_error("not a query"));
                    };
                    $body
                })
            };
        }
        Ok(match name {
            "all" => m!(|i, q, _a| Ok(Value::list(q.all(i)?))),
            "first" => m!(|i, q, _a| match q.run(i, |q, s| q.first(s))? {
                Some(r) => q.row(i, r),
                None => Ok(Value::None),
            }),
            "one" => m!(|i, q, _a| {
                let r = q.run(i, |q, s| q.one(s))?;
                q.row(i, r)
            }),
            "one_or_none" => m!(|i, q, _a| match q.run(i, |q, s| q.one_or_none(s))? {
                Some(r) => q.row(i, r),
                None => Ok(Value::None),
            }),
            "scalar" => m!(|i, q, _a| match q.run(i, |q, s| q.scalar(s))? {
                Some(Cell::Object(id)) => q.bridge.object(id),
                Some(Cell::Value(v)) => {
                    let ty = q
                        .query
                        .statement()
                        .column_types()
                        .first()
                        .cloned()
                        .flatten();
                    q.bridge.column_to_py(i, ty, v)
                }
                None => Ok(Value::None),
            }),
            "count" => m!(|i, q, _a| Ok(Value::Int(q.run(i, |q, s| q.count(s))?))),
            "get" => m!(|i, q, a| {
                q.bridge.warn(
                    i,
                    "LegacyAPIWarning",
                    "The Query.get() method is considered legacy as of the 1.x series of SQLAlchemy and becomes a legacy construct in 2.0. The method is now available as Session.get() (deprecated since: 2.0) (Background on SQLAlchemy 2.0 at: https://sqlalche.me/e/b8d9)",
                );
                let mut pk = Vec::new();
                match a.pos.first() {
                    Some(Value::Tuple(t)) => {
                        for v in t.iter() {
                            pk.push(to_sql(i, v)?);
                        }
                    }
                    Some(v) => pk.push(to_sql(i, v)?),
                    None => return Err(i.type_error("get() needs a primary key")),
                }
                let mapper = match q.query.statement().items().first() {
                    Some(Item::Entity(e)) => e.mapper.clone(),
                    _ => return Err(super::unsupported(i, "Query.get() without an entity")),
                };
                let r = q.run(i, |_, s| s.get(&mapper, &pk))?;
                match r {
                    Some(id) => q.bridge.object(id),
                    None => Ok(Value::None),
                }
            }),
            "with_parent" => m!(|i, q, a| {
                q.bridge.warn(
                    i,
                    "LegacyAPIWarning",
                    "The Query.with_parent() method is considered legacy as of the 1.x series of SQLAlchemy and becomes a legacy construct in 2.0. Use the with_parent() standalone construct. (deprecated since: 2.0) (Background on SQLAlchemy 2.0 at: https://sqlalche.me/e/b8d9)",
                );
                let parent = a.pos.first().cloned().unwrap_or(Value::None);
                let id = q.bridge.ensure_state(i, &parent)?;
                let Some(attr) = a
                    .pos
                    .get(1)
                    .and_then(native::<super::instrument::Attribute>)
                else {
                    return Err(super::unsupported(
                        i,
                        "with_parent() without a relationship attribute",
                    ));
                };
                let crit = retort::query::with_parent(&q.bridge.store.borrow(), id, &attr.key)
                    .map_err(|e| q.bridge.raise(i, e))?;
                Ok(obj(QueryObj {
                    bridge: q.bridge.clone(),
                    session: q.session.clone(),
                    query: q.query.clone().filter(crit),
                    keys: q.keys.clone(),
                }))
            }),
            "params" => m!(|i, q, a| {
                let params = super::from_statement::params_kw(i, &a)?;
                let query = q
                    .query
                    .clone()
                    .map_statement(|mut s| {
                        s.select = super::from_statement::bind_text_params(s.select, &params);
                        Ok(s)
                    })
                    .map_err(|e| q.bridge.raise(i, e))?;
                Ok(obj(QueryObj {
                    bridge: q.bridge.clone(),
                    session: q.session.clone(),
                    query,
                    keys: q.keys.clone(),
                }))
            }),
            "from_statement" => m!(|i, q, a| {
                let Some(t) = a.pos.first().and_then(native::<super::engine::TextObj>) else {
                    return Err(super::unsupported(
                        i,
                        "from_statement() of anything but text()",
                    ));
                };
                Ok(obj(super::from_statement::FromStatementObj {
                    bridge: q.bridge.clone(),
                    session: q.session.clone(),
                    items: q.query.statement().items().to_vec(),
                    keys: q.keys.clone(),
                    text: t.0.clone(),
                    params: Vec::new(),
                }))
            }),
            "exists" => m!(|i, q, _a| {
                // `query.exists()`: `EXISTS (SELECT 1 FROM ... WHERE ...)`.
                let mut sel = q.to_select(i)?;
                if sel.from.is_empty() {
                    for item in q.query.statement().items() {
                        if let Item::Entity(e) = item {
                            sel.from.push(e.from.clone());
                        }
                    }
                }
                sel.columns = vec![sql::Expr::LiteralText("1".into())];
                Ok(super::expr::ex(&q.bridge, sql::exists(sel)))
            }),
            "with_entities" => m!(|i, q, a| {
                let items = items(&q.bridge, i, &a.pos)?;
                let keys = items
                    .iter()
                    .map(|it| match it {
                        Item::Entity(e) => entity_key(e),
                        Item::Column(e) => e.result_name().unwrap_or("").to_owned(),
                    })
                    .collect();
                Ok(obj(QueryObj {
                    bridge: q.bridge.clone(),
                    session: q.session.clone(),
                    query: q.query.clone().with_entities(items),
                    keys: Rc::new(keys),
                }))
            }),
            "update" | "delete" => {
                let update = name == "update";
                m!(|i, q, a| {
                    let mut a = a;
                    let sync = a.take_kw("synchronize_session");
                    let sync = super::dml::sync_option(&q.bridge, i, sync.as_ref())?;
                    let values = update.then_some(&a);
                    super::dml::query_dml(&q.bridge, i, &q.session, &q.query, values, sync)
                })
            }
            "subquery" | "cte" => {
                let cte = name == "cte";
                m!(|i, q, a| {
                    // As SQLAlchemy's `Query.subquery()`: columns named by their keys, not
                    // labelled `table_column` as the query's own SELECT is.
                    let stmt = q.query.statement();
                    let mut plain = retort::query::select(stmt.items().to_vec());
                    plain.select = stmt.select.clone();
                    let s = plain.to_select().map_err(|e| q.bridge.raise(i, e))?;
                    if cte {
                        super::subquery::cte(&q.bridge, i, s, a)
                    } else {
                        super::subquery::subquery(&q.bridge, i, s, a)
                    }
                })
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn no_negative_indexes(i: &Interpreter) -> crate::exceptions::Exc {
    i.exc(
        "IndexError",
        "negative indexes are not accepted by SQL index / slice operators",
    )
}
