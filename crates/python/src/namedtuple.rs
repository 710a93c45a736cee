//! `collections.namedtuple`: a class whose instances keep their fields as attributes and
//! behave as tuples (indexing, iteration, `len`, comparison, hashing, unpacking).

use super::{arg, attr, def, this, tuple_cmp};
use crate::class::{Class, c3_mro};
use crate::function::Args;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use ruff_python_ast::CmpOp;
use std::rc::Rc;

fn fields_of(cls: &Class) -> Vec<String> {
    match cls.lookup("_fields") {
        Some(Value::Tuple(t)) => t
            .iter()
            .filter_map(|v| match v {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            })
            .collect(),
        _ => vec![],
    }
}

/// The instance's values in field order.
fn as_tuple(v: &Value) -> Value {
    match v {
        Value::Instance(i) => {
            let names = fields_of(&i.class);
            Value::tuple(names.iter().map(|n| attr(v, n)).collect())
        }
        other => other.clone(),
    }
}

/// `namedtuple(typename, field_names, defaults=None)`.
pub(super) fn namedtuple(i: &mut Interpreter, mut a: Args) -> PyResult<Value> {
    let defaults = a.take_kw("defaults");
    let _ = a.take_kw("rename");
    let _ = a.take_kw("module");
    let name = match arg(&a, 0) {
        Value::Str(s) => s.to_string(),
        _ => return Err(i.type_error("namedtuple() typename must be a string")),
    };
    let names: Vec<String> = match arg(&a, 1) {
        Value::Str(s) => s
            .replace(',', " ")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        other => {
            let mut out = Vec::new();
            for v in i.iterate(&other)? {
                out.push(i.to_str(&v)?);
            }
            out
        }
    };
    let defaults = match defaults {
        Some(Value::None) | None => vec![],
        Some(v) => i.iterate(&v)?,
    };
    let bases: Vec<Rc<Class>> = i.builtin_type("object").into_iter().collect();
    let mro = c3_mro(&bases).unwrap_or_default();
    let cls = Rc::new(Class::new(&name, "__main__", bases, mro));
    cls.dict.borrow_mut().insert(
        "_fields".into(),
        Value::tuple(names.iter().map(|n| Value::str(n)).collect()),
    );
    let n_required = names.len().saturating_sub(defaults.len());
    let (init_names, init_name) = (names.clone(), name.clone());
    def(&cls, "__init__", move |i, mut a| {
        let me = if a.pos.is_empty() {
            Value::None
        } else {
            a.pos.remove(0)
        };
        let Value::Instance(inst) = &me else {
            return Ok(Value::None);
        };
        if a.pos.len() > init_names.len() {
            return Err(i.type_error(format!(
                "{init_name}.__new__() takes {} positional arguments but {} were given",
                init_names.len() + 1,
                a.pos.len() + 1
            )));
        }
        let mut vals: Vec<Option<Value>> = a.pos.into_iter().map(Some).collect();
        vals.resize(init_names.len(), None);
        for (k, v) in a.kw {
            match init_names.iter().position(|n| *n == k) {
                Some(p) => vals[p] = Some(v),
                None => {
                    return Err(i.type_error(format!(
                        "{init_name}.__new__() got an unexpected keyword argument '{k}'"
                    )));
                }
            }
        }
        let mut missing = Vec::new();
        for (idx, n) in init_names.iter().enumerate() {
            let v = match vals[idx].take() {
                Some(v) => v,
                None if idx >= n_required => defaults[idx - n_required].clone(),
                None => {
                    missing.push(format!("'{n}'"));
                    continue;
                }
            };
            inst.attrs.borrow_mut().insert(n.clone(), v);
        }
        if !missing.is_empty() {
            let list = match missing.as_slice() {
                [a] => a.clone(),
                [a, b] => format!("{a} and {b}"),
                [init @ .., last] => format!("{}, and {last}", init.join(", ")),
                [] => String::new(),
            };
            return Err(i.type_error(format!(
                "{init_name}.__new__() missing {} required positional argument{}: {list}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            )));
        }
        Ok(Value::None)
    });
    def(&cls, "__repr__", |i, a| {
        let me = this(&a);
        let Value::Instance(inst) = &me else {
            return Ok(Value::str(""));
        };
        let mut parts = Vec::new();
        for n in fields_of(&inst.class) {
            parts.push(format!("{n}={}", i.repr(&attr(&me, &n))?));
        }
        Ok(Value::str(&format!(
            "{}({})",
            inst.class.name,
            parts.join(", ")
        )))
    });
    def(&cls, "__getitem__", |i, a| {
        i.get_item(&as_tuple(&this(&a)), &arg(&a, 1))
    });
    def(&cls, "__iter__", |i, a| i.make_iter(&as_tuple(&this(&a))));
    def(&cls, "__len__", |_, a| match as_tuple(&this(&a)) {
        Value::Tuple(t) => Ok(Value::Int(t.len() as i64)),
        _ => Ok(Value::Int(0)),
    });
    def(&cls, "__hash__", |i, a| {
        let h = i.builtins.get("hash").cloned().unwrap_or(Value::None);
        i.call(&h, Args::positional(vec![as_tuple(&this(&a))]))
    });
    def(&cls, "__contains__", |i, a| {
        Ok(Value::Bool(i.contains(&as_tuple(&this(&a)), &arg(&a, 1))?))
    });
    let cmps = [
        ("__eq__", CmpOp::Eq),
        ("__ne__", CmpOp::NotEq),
        ("__lt__", CmpOp::Lt),
        ("__le__", CmpOp::LtE),
        ("__gt__", CmpOp::Gt),
        ("__ge__", CmpOp::GtE),
    ];
    for (n, op) in cmps {
        def(&cls, n, move |i, a| {
            let (x, y) = (as_tuple(&this(&a)), as_tuple(&arg(&a, 1)));
            tuple_cmp(i, op, &x, &y)
        });
    }
    def(&cls, "_asdict", |i, a| {
        let me = this(&a);
        let Value::Instance(inst) = &me else {
            return i.new_dict(vec![]);
        };
        let items = fields_of(&inst.class)
            .into_iter()
            .map(|n| (Value::str(&n), attr(&me, &n)))
            .collect();
        i.new_dict(items)
    });
    def(&cls, "_replace", |i, a| {
        let me = this(&a);
        let Value::Instance(inst) = &me else {
            return Ok(Value::None);
        };
        let mut args = Args::default();
        for n in fields_of(&inst.class) {
            let v = match a.kw.iter().find(|(k, _)| *k == n) {
                Some((_, v)) => v.clone(),
                None => attr(&me, &n),
            };
            args.kw.push((n, v));
        }
        i.call(&Value::Class(inst.class.clone()), args)
    });
    def(&cls, "__getattr__", |i, a| {
        let name = match arg(&a, 1) {
            Value::Str(s) => s.to_string(),
            _ => String::new(),
        };
        i.getattr(&as_tuple(&this(&a)), &name)
    });
    Ok(Value::Class(cls))
}
