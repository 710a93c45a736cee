//! SQLAlchemy's "evaluate" synchronization of an ORM UPDATE: the statement's criteria are
//! evaluated in Rust against each object of the class in the identity map, and the objects
//! that match take the new values without a SELECT. Criteria it cannot evaluate make the
//! caller fall back to expiring the objects.

use crate::error::Result;
use crate::mapper::Mapper;
use crate::session::{ObjectId, Session};
use crate::sql::{Expr, FromItem, InTarget, Op};
use crate::value::Value;
use std::cmp::Ordering;
use std::rc::Rc;

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
        (Value::Text(x), Value::Text(y)) if op == Op::Concat => Value::Text(format!("{x}{y}")),
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
                if !Rc::ptr_eq(&inst.mapper, mapper) {
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
            for (pos, value) in sets {
                inst.values[pos] = Some(value.clone());
                inst.committed[pos] = Some(value);
            }
        }
        Ok(true)
    }
}
