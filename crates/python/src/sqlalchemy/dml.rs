//! ORM-enabled DML: the `SET` values of `update(...).values(...)` and `Query.update({...})`
//! (plain values or SQL expressions such as `Player.goals + 1`), `Query.update()` /
//! `Query.delete()`, and how the session is synchronized after them.

use super::{Bridge, native, to_sql};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::session::{ObjectId, Session};
use retort::sql::{self, Expr};
use std::cell::RefCell;
use std::rc::Rc;

/// `SET` values: plain ones, and SQL expressions.
pub type SetValues = (Vec<(String, retort::Value)>, Vec<(String, Expr)>);

/// The column name a `values()` key names: a Core column, an ORM attribute or a string.
fn column_key(b: &Bridge, i: &mut Interpreter, k: &Value) -> PyResult<String> {
    if let Some(c) = native::<super::table::ColumnRef>(k) {
        return Ok(c.name.clone());
    }
    if let Some(a) = native::<super::instrument::Attribute>(k) {
        return match a.entity.c(&a.key).map_err(|e| b.raise(i, e))? {
            Expr::Column { name, .. } => Ok(name),
            _ => Ok(a.key.clone()),
        };
    }
    i.to_str(k)
}

/// The rows of `insert(t).values([{...}, ...])`: plain values only.
pub fn multi_values(
    b: &Bridge,
    i: &mut Interpreter,
    rows: &[Value],
) -> PyResult<Vec<Vec<(String, retort::Value)>>> {
    let mut out = Vec::new();
    for row in rows {
        let Value::Dict(d) = row else {
            return Err(super::unsupported(
                i,
                "insert().values() of a list of non-dicts",
            ));
        };
        let entries: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
        let mut pairs = Vec::new();
        for (k, v) in entries {
            if super::expr::expr_of(b, i, &v)?.is_some() {
                return Err(super::unsupported(
                    i,
                    "SQL expressions in a multiple-VALUES insert()",
                ));
            }
            pairs.push((column_key(b, i, &k)?, to_sql(i, &v)?));
        }
        out.push(pairs);
    }
    Ok(out)
}

/// The values of `.values({...}, name=...)` / `Query.update({...})` /
/// `.ordered_values((col, value), ...)`.
pub fn set_values(b: &Bridge, i: &mut Interpreter, a: &Args) -> PyResult<SetValues> {
    let mut pairs: Vec<(String, Value)> = Vec::new();
    if let Some(Value::Dict(d)) = a.pos.first() {
        let entries: Vec<(Value, Value)> = d.borrow().values().cloned().collect();
        for (k, v) in entries {
            pairs.push((column_key(b, i, &k)?, v));
        }
    }
    for p in &a.pos {
        if let Value::Tuple(t) = p
            && let [k, v] = &t[..]
        {
            pairs.push((column_key(b, i, k)?, v.clone()));
        }
    }
    for (k, v) in &a.kw {
        pairs.push((k.clone(), v.clone()));
    }
    let (mut values, mut exprs) = (Vec::new(), Vec::new());
    for (k, v) in pairs {
        match super::expr::expr_of(b, i, &v)? {
            Some(e) => exprs.push((k, e)),
            None => values.push((k, to_sql(i, &v)?)),
        }
    }
    Ok((values, exprs))
}

pub use retort::query::DmlSync as Sync;

/// The `synchronize_session` a `session.execute(stmt, execution_options={...})` asks for,
/// else the statement's own `.execution_options(synchronize_session=...)`.
pub fn sync_requested(i: &mut Interpreter, a: &Args, stmt: &Value) -> PyResult<Option<Value>> {
    if let Some((_, Value::Dict(d))) = a.kw.iter().find(|(k, _)| k == "execution_options") {
        let key = Value::str("synchronize_session");
        let hk = i.hash_key(&key)?;
        if let Some((_, v)) = d.borrow().get(&hk) {
            return Ok(Some(v.clone()));
        }
    }
    Ok(native::<super::table::DmlObj>(stmt).and_then(|d| d.sync.clone()))
}

/// Reads `synchronize_session=` (SQLAlchemy's values: `'auto'`, `'evaluate'`, `'fetch'`,
/// `False`).
pub fn sync_option(b: &Bridge, i: &mut Interpreter, v: Option<&Value>) -> PyResult<Sync> {
    match v {
        None => Ok(Sync::Auto),
        Some(Value::Bool(false)) => Ok(Sync::None),
        Some(Value::Str(s)) if matches!(&**s, "auto" | "evaluate") => Ok(Sync::Auto),
        Some(Value::Str(s)) if &**s == "fetch" => Ok(Sync::Fetch),
        Some(other) => {
            let shown = i.repr(other)?;
            Err(b.error(
                i,
                "ArgumentError",
                &format!(
                    "Valid strategies for session synchronization are 'auto', 'evaluate', 'fetch', False; got {shown}"
                ),
            ))
        }
    }
}

/// After an ORM UPDATE: the objects of `mapper` the criteria match take the new values
/// (SQLAlchemy's "evaluate"); when the criteria cannot be evaluated in Rust, all of them are
/// expired instead, so they read the new values when next used.
pub fn synchronize(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    session: &Rc<RefCell<Session>>,
    mapper: &Rc<retort::mapper::Mapper>,
    update: Option<&sql::Update>,
) -> PyResult<()> {
    if let Some(u) = update {
        let r = session
            .borrow_mut()
            .synchronize_update(mapper, &u.where_, &u.values, &u.exprs);
        if r.map_err(|e| b.raise(i, e))? {
            return Ok(());
        }
    }
    let ids: Vec<ObjectId> = session
        .borrow()
        .identity_map()
        .into_iter()
        .map(|(_, id)| id)
        .filter(|id| {
            b.store
                .borrow()
                .get(*id)
                .is_ok_and(|o| o.mapper.isa(mapper))
        })
        .collect();
    for id in ids {
        let r = session.borrow_mut().expire(id);
        b.pump(i);
        r.map_err(|e| b.raise(i, e))?;
    }
    Ok(())
}

/// `Query.update(values, synchronize_session=...)` / `Query.delete(...)`: the statement
/// on the table of the query's entity, with the query's criteria; returns the row count.
pub fn query_dml(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    session: &Rc<RefCell<Session>>,
    query: &retort::query::Query,
    update: Option<&Args>,
    sync: Sync,
) -> PyResult<Value> {
    let stmt = query.statement();
    let Some(entity) = stmt.items().iter().find_map(|it| match it {
        retort::query::Item::Entity(e) => Some(e.clone()),
        retort::query::Item::Column(_) => None,
    }) else {
        return Err(super::unsupported(
            i,
            "Query.update()/delete() without an entity",
        ));
    };
    let table = entity.mapper.table().clone();
    let where_ = stmt.select.where_.clone();
    let statement = match update {
        Some(a) => {
            let (values, exprs) = set_values(b, i, a)?;
            let mut u = sql::update(&table)
                .values(values)
                .and_then(|u| u.values_exprs(exprs))
                .map_err(|e| b.raise(i, e))?;
            u.where_ = where_;
            sql::Statement::Update(u)
        }
        None => {
            let mut d = sql::delete(&table);
            d.where_ = where_;
            sql::Statement::Delete(d)
        }
    };
    let mut statement = statement;
    b.add_onupdates(i, &mut statement)?;
    b.apply_defaults(i, session)?;
    let r = session
        .borrow_mut()
        .execute_orm_dml(&statement, &entity.mapper, sync);
    b.pump(i);
    let r = r.map_err(|e| b.raise(i, e))?;
    Ok(Value::Int(r.rowcount))
}

/// After an ORM bulk UPDATE by primary key: the object of each row (if in the identity map)
/// takes the row's values.
pub fn synchronize_rows(
    b: &Rc<Bridge>,
    i: &mut Interpreter,
    session: &Rc<RefCell<Session>>,
    mapper: &Rc<retort::mapper::Mapper>,
    rows: &[retort::engine::Params],
) -> PyResult<()> {
    let table = mapper.table().clone();
    let from = sql::FromItem::Table(table.clone());
    for row in rows {
        let mut u = sql::update(&table);
        for col in table.columns() {
            let Some((_, v)) = row.iter().find(|(k, _)| *k == col.name) else {
                continue;
            };
            if col.primary_key {
                let c = from.c(&col.name).map_err(|e| b.raise(i, e))?;
                u.where_.push(c.eq(v.clone()));
            } else {
                u.values.push((col.name.clone(), v.clone()));
            }
        }
        synchronize(b, i, session, mapper, Some(&u))?;
    }
    Ok(())
}
