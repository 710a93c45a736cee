//! SQLAlchemy's "evaluate" synchronization of an ORM UPDATE: the statement's criteria are
//! evaluated in Rust against each object of the class in the identity map, and the objects
//! that match take the new values without a SELECT. Criteria it cannot evaluate make the
//! caller fall back to expiring the objects.

use crate::error::Result;
use crate::mapper::Mapper;
use crate::session::{ObjectId, Session};
use crate::sql::{Expr, FromItem, InTarget, Op, Statement};
use crate::value::Value;
use std::cmp::Ordering;
use std::rc::Rc;

/// `synchronize_session=` of an ORM UPDATE / DELETE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DmlSync {
    /// `False`.
    None,
    /// `"auto"` (the default) and `"evaluate"`: evaluate when possible, else fetch.
    Auto,
    /// `"fetch"`: `RETURNING` the primary keys.
    Fetch,
}

/// What evaluating an expression against an object gives.
enum Eval {
    /// A value (SQL `NULL` as [`Value::Null`]).
    Value(Value),
    /// The object lacks a value it needs (expired or unloaded).
    Expired,
    /// Not something the evaluator knows.
    Unknown,
}

fn truth(v: &Value) -> Option<bool> {
    match v {
        Value::Null => None,
        Value::Integer(n) => Some(*n != 0),
        Value::Float(f) => Some(*f != 0.0),
        Value::Text(t) => Some(!t.is_empty()),
        Value::Blob(b) => Some(!b.is_empty()),
    }
}

fn bool_value(b: Option<bool>) -> Value {
    match b {
        None => Value::Null,
        Some(b) => Value::Integer(i64::from(b)),
    }
}

fn compare(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => Some(x.cmp(y)),
        (Value::Integer(x), Value::Float(y)) => (*x as f64).partial_cmp(y),
        (Value::Float(x), Value::Integer(y)) => x.partial_cmp(&(*y as f64)),
        (Value::Float(x), Value::Float(y)) => x.partial_cmp(y),
        (Value::Text(x), Value::Text(y)) => Some(x.cmp(y)),
        (Value::Blob(x), Value::Blob(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn arith(op: Op, a: &Value, b: &Value) -> Option<Value> {
    Some(match (a, b) {
        (Value::Integer(x), Value::Integer(y)) => Value::Integer(match op {
            Op::Add => x.checked_add(*y)?,
            Op::Sub => x.checked_sub(*y)?,
            Op::Mul => x.checked_mul(*y)?,
            _ => return None,
        }),
        (Value::Float(_) | Value::Integer(_), Value::Float(_) | Value::Integer(_)) => {
            let f = |v: &Value| match v {
                Value::Integer(n) => *n as f64,
                Value::Float(f) => *f,
                _ => 0.0,
            };
            Value::Float(match op {
                Op::Add => f(a) + f(b),
                Op::Sub => f(a) - f(b),
                Op::Mul => f(a) * f(b),
                _ => return None,
            })
        }
        (Value::Text(x), Value::Text(y)) if op == Op::Concat => {
            Value::Text(format!("{x}{y}").into())
        }
        _ => return None,
    })
}

struct Evaluator<'a> {
    mapper: &'a Mapper,
    values: &'a [Option<Value>],
}

impl Evaluator<'_> {
    fn eval(&self, e: &Expr) -> Eval {
        use Eval::{Expired, Unknown};
        let v = |x: Value| Eval::Value(x);
        match e {
            Expr::Column { name, from, .. } => {
                let ours =
                    matches!(&**from, FromItem::Table(t) if t.name() == self.mapper.table().name());
                match (ours, self.mapper.table().column_index(name)) {
                    (true, Some(pos)) => match self.values.get(pos).cloned().flatten() {
                        Some(x) => v(x),
                        None => Expired,
                    },
                    _ => Unknown,
                }
            }
            Expr::Bind { value, .. } => v(value.clone()),
            Expr::Null => v(Value::Null),
            Expr::Bool(b) => v(Value::Integer(i64::from(*b))),
            Expr::Grouped(inner) => self.eval(inner),
            Expr::Binary { left, op, right } => {
                let (l, r) = match (self.eval(left), self.eval(right)) {
                    (Eval::Value(l), Eval::Value(r)) => (l, r),
                    (Unknown, _) | (_, Unknown) => return Unknown,
                    _ => return Expired,
                };
                if l == Value::Null || r == Value::Null {
                    return match op {
                        Op::Is => v(bool_value(Some(l == r))),
                        Op::IsNot => v(bool_value(Some(l != r))),
                        _ => v(Value::Null),
                    };
                }
                let ord = compare(&l, &r);
                let b = |f: fn(Ordering) -> bool| v(bool_value(ord.map(f)));
                match op {
                    Op::Eq | Op::Is => b(|o| o == Ordering::Equal),
                    Op::Ne | Op::IsNot => b(|o| o != Ordering::Equal),
                    Op::Lt => b(|o| o == Ordering::Less),
                    Op::Le => b(|o| o != Ordering::Greater),
                    Op::Gt => b(|o| o == Ordering::Greater),
                    Op::Ge => b(|o| o != Ordering::Less),
                    Op::Add | Op::Sub | Op::Mul | Op::Concat => match arith(*op, &l, &r) {
                        Some(x) => v(x),
                        None => Unknown,
                    },
                    _ => Unknown,
                }
            }
            Expr::And(items) | Expr::Or(items) => {
                let and = matches!(e, Expr::And(_));
                let (mut decided, mut unknown) = (false, false);
                for item in items {
                    match self.eval(item) {
                        Eval::Value(x) => match truth(&x) {
                            Some(t) if t != and => decided = true,
                            Some(_) => {}
                            None => unknown = true,
                        },
                        other => return other,
                    }
                }
                // AND: any false is false; OR: any true is true; else NULL wins over the rest.
                v(bool_value(if decided {
                    Some(!and)
                } else if unknown {
                    None
                } else {
                    Some(and)
                }))
            }
            Expr::Not(inner) => match self.eval(inner) {
                Eval::Value(x) => v(bool_value(truth(&x).map(|t| !t))),
                other => other,
            },
            Expr::IsNull { expr, negate } => match self.eval(expr) {
                Eval::Value(x) => v(bool_value(Some((x == Value::Null) != *negate))),
                other => other,
            },
            Expr::In {
                expr,
                target: InTarget::Values(list),
                negate,
            } => match self.eval(expr) {
                Eval::Value(Value::Null) => v(Value::Null),
                Eval::Value(x) => {
                    let found = list.iter().any(|y| compare(&x, y) == Some(Ordering::Equal));
                    v(bool_value(Some(found != *negate)))
                }
                other => other,
            },
            _ => Unknown,
        }
    }
}

impl Session {
    /// After `update(User).where(...).values(...)`: sets the new values on the objects of
    /// `mapper` in the identity map that the criteria match (as loaded, without history),
    /// as SQLAlchemy's `synchronize_session="evaluate"`. `Ok(false)` when some criterion or
    /// value cannot be evaluated (the caller then expires the objects instead).
    ///
    /// # Failure
    /// [`crate::Error::UnmappedInstanceError`] for a stale object id.
    pub fn synchronize_update(
        &mut self,
        mapper: &Rc<Mapper>,
        where_: &[Expr],
        values: &[(String, Value)],
        exprs: &[(String, Expr)],
    ) -> Result<bool> {
        let ids: Vec<ObjectId> = self.identity.values().copied().collect();
        let criteria = crate::sql::and_(where_.to_vec());
        let mut updates: Vec<(ObjectId, Vec<(usize, Value)>)> = Vec::new();
        {
            let store = self.store.borrow();
            for id in ids {
                let inst = store.get(id)?;
                if !inst.mapper.isa(mapper) {
                    continue;
                }
                let ev = Evaluator {
                    mapper,
                    values: &inst.values,
                };
                let matched = if where_.is_empty() {
                    true
                } else {
                    match ev.eval(&criteria) {
                        Eval::Value(x) => truth(&x) == Some(true),
                        Eval::Expired => continue,
                        Eval::Unknown => return Ok(false),
                    }
                };
                if !matched {
                    continue;
                }
                let mut sets = Vec::new();
                for (name, value) in values {
                    if let Some(pos) = mapper.table().column_index(name) {
                        sets.push((pos, value.clone()));
                    }
                }
                for (name, e) in exprs {
                    let Some(pos) = mapper.table().column_index(name) else {
                        continue;
                    };
                    match ev.eval(e) {
                        Eval::Value(x) => sets.push((pos, x)),
                        Eval::Expired => continue,
                        Eval::Unknown => return Ok(false),
                    }
                }
                updates.push((id, sets));
            }
        }
        let mut store = self.store.borrow_mut();
        for (id, sets) in updates {
            let inst = store.get_mut(id)?;
            // As SQLAlchemy: an attribute not loaded stays so (its next read SELECTs it).
            for (pos, value) in sets {
                if inst.values[pos].is_some() {
                    inst.values[pos] = Some(value.clone());
                    inst.committed[pos] = Some(value);
                }
            }
        }
        Ok(true)
    }

    /// The objects of `mapper` in the identity map that `where_` matches (objects lacking a
    /// value it needs are left out); `None` when it cannot be evaluated.
    fn evaluate_matches(
        &self,
        mapper: &Rc<Mapper>,
        where_: &[Expr],
    ) -> Result<Option<Vec<ObjectId>>> {
        let criteria = crate::sql::and_(where_.to_vec());
        let store = self.store.borrow();
        let mut out = Vec::new();
        for &id in self.identity.values() {
            let inst = store.get(id)?;
            if !inst.mapper.isa(mapper) {
                continue;
            }
            let ev = Evaluator {
                mapper,
                values: &inst.values,
            };
            let matched = where_.is_empty()
                || match ev.eval(&criteria) {
                    Eval::Value(x) => truth(&x) == Some(true),
                    Eval::Expired => false,
                    Eval::Unknown => return Ok(None),
                };
            if matched {
                out.push(id);
            }
        }
        Ok(Some(out))
    }

    /// Expires every object of `mapper` in the identity map.
    fn expire_mapper(&mut self, mapper: &Rc<Mapper>) -> Result<()> {
        let ids: Vec<ObjectId> = {
            let store = self.store.borrow();
            self.identity
                .values()
                .copied()
                .filter(|&id| store.get(id).is_ok_and(|o| o.mapper.isa(mapper)))
                .collect()
        };
        for id in ids {
            self.expire(id)?;
        }
        Ok(())
    }

    /// Objects an ORM DELETE removed: out of the identity map, `deleted` until the
    /// transaction ends (SQLAlchemy's `_remove_newly_deleted`).
    fn remove_newly_deleted(&mut self, ids: &[ObjectId]) -> Result<()> {
        let mut already: crate::session::FxHashSet<ObjectId> =
            self.deleted.iter().copied().collect();
        for &id in ids {
            self.forget_identity(id)?;
            self.store.borrow_mut().get_mut(id)?.marked_deleted = false;
            if already.insert(id) {
                self.deleted.push(id);
            }
            self.transition(id, crate::session::ObjectState::Deleted)?;
        }
        Ok(())
    }

    /// The objects of `mapper` in the identity map with these primary keys.
    fn objects_by_pk(&self, mapper: &Rc<Mapper>, rows: &[Vec<Value>]) -> Vec<ObjectId> {
        rows.iter()
            .filter_map(|pk| {
                self.identity
                    .get(&crate::session::identity_key(mapper, pk))
                    .copied()
            })
            .collect()
    }

    /// `session.execute(update(User)...)` / `delete(User)...` with SQLAlchemy's
    /// `synchronize_session` (`sync`); with `"auto"`: criteria Retort can evaluate are evaluated
    /// against the identity map ("evaluate": matching objects take the new values, or leave
    /// the session as deleted); others run with `RETURNING` the primary key ("fetch") and the
    /// returned objects are updated (attributes it cannot compute expired) or removed.
    ///
    /// # Failure
    /// As [`Session::execute_core`].
    pub fn execute_orm_dml(
        &mut self,
        stmt: &Statement,
        mapper: &Rc<Mapper>,
        sync: DmlSync,
    ) -> Result<crate::CursorResult> {
        let fetch_only = sync == DmlSync::Fetch;
        let pk_names: Vec<String> = mapper
            .pk()
            .iter()
            .map(|&p| mapper.table().columns()[p].name.clone())
            .collect();
        match (sync != DmlSync::None, stmt) {
            (true, Statement::Update(u)) => {
                if !fetch_only
                    && u.where_.iter().all(|e| evaluable(mapper, e))
                    && u.exprs.iter().all(|(_, e)| evaluable(mapper, e))
                {
                    let r = self.execute_core(stmt)?;
                    self.synchronize_update(mapper, &u.where_, &u.values, &u.exprs)?;
                    return Ok(r);
                }
                if !u.returning.is_empty() {
                    // The statement returns its own columns: the objects are expired.
                    let r = self.execute_core(stmt)?;
                    self.expire_mapper(mapper)?;
                    return Ok(r);
                }
                let mut fetch = u.clone();
                fetch.returning = pk_names;
                let r = self.execute_core(&Statement::Update(fetch))?;
                let ids = self.objects_by_pk(mapper, &r.rows);
                for id in ids {
                    let mut expire = Vec::new();
                    let mut sets = Vec::new();
                    {
                        let store = self.store.borrow();
                        let inst = store.get(id)?;
                        let ev = Evaluator {
                            mapper,
                            values: &inst.values,
                        };
                        for (name, v) in &u.values {
                            if let Some(pos) = mapper.table().column_index(name) {
                                sets.push((pos, v.clone()));
                            }
                        }
                        for (name, e) in &u.exprs {
                            match (mapper.table().column_index(name), ev.eval(e)) {
                                (Some(pos), Eval::Value(x)) => sets.push((pos, x)),
                                _ => expire.push(name.clone()),
                            }
                        }
                    }
                    {
                        let mut store = self.store.borrow_mut();
                        let inst = store.get_mut(id)?;
                        for (pos, v) in sets {
                            if inst.values[pos].is_some() {
                                inst.values[pos] = Some(v.clone());
                                inst.committed[pos] = Some(v);
                            }
                        }
                    }
                    if !expire.is_empty() {
                        self.expire_attrs(id, &expire)?;
                    }
                }
                Ok(crate::CursorResult {
                    columns: Vec::new(),
                    rowcount: i64::try_from(r.rows.len()).unwrap_or(i64::MAX),
                    rows: Vec::new(),
                })
            }
            (true, Statement::Delete(d)) => {
                if !fetch_only
                    && d.where_.iter().all(|e| evaluable(mapper, e))
                    && let Some(matched) = self.evaluate_matches(mapper, &d.where_)?
                {
                    let r = self.execute_core(stmt)?;
                    self.remove_newly_deleted(&matched)?;
                    return Ok(r);
                }
                if !d.returning.is_empty() {
                    return self.execute_core(stmt);
                }
                let mut fetch = d.clone();
                fetch.returning = pk_names;
                let r = self.execute_core(&Statement::Delete(fetch))?;
                let ids = self.objects_by_pk(mapper, &r.rows);
                self.remove_newly_deleted(&ids)?;
                Ok(crate::CursorResult {
                    columns: Vec::new(),
                    rowcount: i64::try_from(r.rows.len()).unwrap_or(i64::MAX),
                    rows: Vec::new(),
                })
            }
            _ => self.execute_core(stmt),
        }
    }
}

/// Whether `e` is something the evaluator knows (columns of `mapper`'s table, values and
/// the operators it implements), whatever the objects hold.
fn evaluable(mapper: &Mapper, e: &Expr) -> bool {
    match e {
        Expr::Column { name, from, .. } => {
            matches!(&**from, FromItem::Table(t) if t.name() == mapper.table().name())
                && mapper.table().column_index(name).is_some()
        }
        Expr::Bind { .. } | Expr::Null | Expr::Bool(_) => true,
        Expr::Grouped(x) | Expr::Not(x) => evaluable(mapper, x),
        Expr::IsNull { expr, .. } => evaluable(mapper, expr),
        Expr::In {
            expr,
            target: InTarget::Values(_),
            ..
        } => evaluable(mapper, expr),
        Expr::Binary { left, op, right } => {
            !matches!(
                op,
                Op::Like | Op::NotLike | Op::Div | Op::TrueDiv | Op::FloorDiv | Op::Mod
            ) && evaluable(mapper, left)
                && evaluable(mapper, right)
        }
        Expr::And(items) | Expr::Or(items) => items.iter().all(|x| evaluable(mapper, x)),
        _ => false,
    }
}
