//! Result rows: `Row` (a named tuple whose repr is the plain tuple's), `RowMapping` (a
//! read-only mapping: `dict(row._mapping)` works) with its `keys()` / `values()` /
//! `items()` views, and `RMKeyView`.

use super::{method, obj};
use crate::function::Args;
use crate::modules::NativeObject;
use crate::value::{HashKey, Value};
use crate::{Interpreter, PyResult};
use std::any::Any;
use std::rc::Rc;

/// A result row.
pub struct RowObj {
    /// Column names.
    pub keys: Rc<Vec<String>>,
    /// Values.
    pub values: Vec<Value>,
}

thread_local! {
    /// `type(row)`: the `Row` class (only its name and module are observable).
    static ROW_CLASS: Rc<crate::Class> = Rc::new(crate::Class::new("Row", "sqlalchemy.engine.row", Vec::new(), Vec::new()));
}

/// SQLAlchemy 2.1's deprecation warnings of `Row.t`, `Row._t`, `Row.tuple()` and
/// `Row._tuple()` (`row.t` warns twice: it is `row._t` underneath).
const RENAMED_T: &str = "The Row.t attribute is deprecated in favor of Row._t; all Row methods and library-level attributes are intended to be underscored to avoid name conflicts.  Please use Row._t. (deprecated since: 2.0.19)";
const TUPLE_T: &str = "The Row._t attribute is deprecated, Row now behaves like a tuple and can unpack types directly. (deprecated since: 2.1.0)";
const RENAMED_TUPLE: &str = "The Row.tuple() method is deprecated in favor of Row._tuple(); all Row methods and library-level attributes are intended to be underscored to avoid name conflicts.  Please use Row._tuple(). (deprecated since: 2.0.19)";
const TUPLE_METHOD: &str = "The Row._tuple() method is deprecated, Row now behaves like a tuple and can unpack types directly. (deprecated since: 2.1.0)";

fn deprecated(i: &mut Interpreter, message: &str) -> PyResult<()> {
    crate::sysmods::emit_warning(i, "SADeprecationWarning", message, 1)
}

impl NativeObject for RowObj {
    fn type_name(&self) -> String {
        "Row".into()
    }
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(ROW_CLASS.with(Rc::clone))
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        i.repr(&Value::tuple(self.values.clone()))
    }
    fn get_attr(&self, i: &mut Interpreter, me: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "_mapping" {
            return Ok(Some(obj(MappingObj {
                keys: self.keys.clone(),
                values: self.values.clone(),
            })));
        }
        if name == "_fields" {
            return Ok(Some(Value::tuple(
                self.keys.iter().map(|k| Value::str(k)).collect(),
            )));
        }
        if name == "_asdict" {
            let keys = self.keys.clone();
            let values = self.values.clone();
            return Ok(method("_asdict", move |i, _| {
                let pairs = keys
                    .iter()
                    .map(|k| Value::str(k))
                    .zip(values.clone())
                    .collect();
                i.new_dict(pairs)
            }));
        }
        if name == "_t" || name == "t" {
            if name == "t" {
                deprecated(i, RENAMED_T)?;
            }
            deprecated(i, TUPLE_T)?;
            // The row itself, as SQLAlchemy 2.1's `_t` (a Row is a tuple now).
            return Ok(Some(me.clone()));
        }
        if name == "_tuple" || name == "tuple" {
            let me = me.clone();
            let renamed = name == "tuple";
            return Ok(method(name, move |i, _| {
                if renamed {
                    deprecated(i, RENAMED_TUPLE)?;
                }
                deprecated(i, TUPLE_METHOD)?;
                Ok(me.clone())
            }));
        }
        match self.keys.iter().position(|k| k == name) {
            Some(p) => Ok(self.values.get(p).cloned()),
            // SQLAlchemy's Row: `AttributeError: name` for a column it lacks.
            None if !name.starts_with('_') && !matches!(name, "count" | "index") => {
                Err(i.exc("AttributeError", name))
            }
            None => Ok(None),
        }
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        Some(i.get_item(&Value::tuple(self.values.clone()), key))
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.values.clone()))
    }
    fn len(&self) -> Option<usize> {
        Some(self.values.len())
    }
    fn binary_op(
        &self,
        i: &mut Interpreter,
        op: &str,
        other: &Value,
        _: bool,
    ) -> Option<PyResult<Value>> {
        let other = match other {
            Value::Object(o) => match o.as_any().downcast_ref::<RowObj>() {
                Some(r) => Value::tuple(r.values.clone()),
                None => return None,
            },
            Value::Tuple(_) => other.clone(),
            _ => return None,
        };
        let me = Value::tuple(self.values.clone());
        match op {
            "==" => Some(i.eq(&me, &other).map(Value::Bool)),
            "!=" => Some(i.eq(&me, &other).map(|b| Value::Bool(!b))),
            // Rows order as tuples (`sorted(result.all())`).
            "<" | "<=" | ">" | ">=" => Some(i.order(&me, &other, op).map(|o| {
                use std::cmp::Ordering::{Greater, Less};
                Value::Bool(match op {
                    "<" => o == Less,
                    "<=" => o != Greater,
                    ">" => o == Greater,
                    _ => o != Less,
                })
            })),
            _ => None,
        }
    }
    fn hash_key(&self) -> Option<HashKey> {
        Value::tuple(self.values.clone()).hash_key()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `row._mapping` / a row of `result.mappings()`: a read-only mapping of column names.
pub struct MappingObj {
    /// Column names.
    pub keys: Rc<Vec<String>>,
    /// Values.
    pub values: Vec<Value>,
}

impl MappingObj {
    fn find(&self, key: &Value) -> Option<Value> {
        // `row._mapping[user_table.c.name]`: a column stands for its name.
        let column = match key {
            Value::Str(_) => None,
            other => match super::native::<super::table::ColumnRef>(other) {
                Some(c) => Some(c.name.clone()),
                None => match super::native::<super::expr::ExprObj>(other) {
                    Some(super::expr::ExprObj(retort::sql::Expr::Column { name, .. }, _)) => {
                        Some(name.clone())
                    }
                    _ => None,
                },
            },
        };
        let name: &str = match (key, &column) {
            (_, Some(c)) => c,
            (Value::Str(s), None) => s,
            _ => return None,
        };
        let p = self.keys.iter().position(|k| **k == *name)?;
        Some(self.values.get(p).cloned().unwrap_or(Value::None))
    }
}

impl NativeObject for MappingObj {
    fn class(&self) -> Option<Rc<crate::Class>> {
        Some(super::named_class("sqlalchemy.engine.row", "RowMapping"))
    }
    fn type_name(&self) -> String {
        "RowMapping".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        dict_repr(i, &self.keys, &self.values)
    }
    fn get_item(&self, i: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        Some(match self.find(key) {
            Some(v) => Ok(v),
            None => Err(match i.exception_class("KeyError") {
                Some(c) => crate::exceptions::Exc::Raise(i.new_exception(&c, vec![key.clone()])),
                None => i.exc("KeyError", ""),
            }),
        })
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.keys.iter().map(|k| Value::str(k)).collect()))
    }
    fn len(&self) -> Option<usize> {
        Some(self.keys.len())
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        let (keys, values) = (self.keys.clone(), self.values.clone());
        let view = move |kind: ViewKind| {
            let (keys, values) = (keys.clone(), values.clone());
            move |_: &mut Interpreter, _: Args| {
                Ok(match kind {
                    ViewKind::Keys => obj(KeyView(keys.clone())),
                    kind => obj(MappingView {
                        kind,
                        keys: keys.clone(),
                        values: values.clone(),
                    }),
                })
            }
        };
        Ok(match name {
            "keys" => method("keys", view(ViewKind::Keys)),
            "values" => method("values", view(ViewKind::Values)),
            "items" => method("items", view(ViewKind::Items)),
            "get" => {
                let me = MappingObj {
                    keys: self.keys.clone(),
                    values: self.values.clone(),
                };
                method("get", move |_, a: Args| {
                    let key = a.pos.first().cloned().unwrap_or(Value::None);
                    Ok(me
                        .find(&key)
                        .unwrap_or_else(|| a.pos.get(1).cloned().unwrap_or(Value::None)))
                })
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn dict_repr(i: &mut Interpreter, keys: &[String], values: &[Value]) -> PyResult<String> {
    let mut parts = Vec::new();
    for (k, v) in keys.iter().zip(values) {
        parts.push(format!("{}: {}", crate::format::str_repr(k), i.repr(v)?));
    }
    Ok(format!("{{{}}}", parts.join(", ")))
}

#[derive(Clone, Copy)]
enum ViewKind {
    Keys,
    Values,
    Items,
}

/// `row._mapping.values()` / `.items()`: `ROMappingKeysValuesView({...})`,
/// `ROMappingItemsView({...})`.
struct MappingView {
    kind: ViewKind,
    keys: Rc<Vec<String>>,
    values: Vec<Value>,
}

impl NativeObject for MappingView {
    fn type_name(&self) -> String {
        match self.kind {
            ViewKind::Items => "ROMappingItemsView".into(),
            _ => "ROMappingKeysValuesView".into(),
        }
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "{}({})",
            self.type_name(),
            dict_repr(i, &self.keys, &self.values)?
        ))
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(match self.kind {
            ViewKind::Items => self
                .keys
                .iter()
                .zip(&self.values)
                .map(|(k, v)| Value::tuple(vec![Value::str(k), v.clone()]))
                .collect(),
            ViewKind::Keys => self.keys.iter().map(|k| Value::str(k)).collect(),
            ViewKind::Values => self.values.clone(),
        }))
    }
    fn len(&self) -> Option<usize> {
        Some(self.keys.len())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `result.keys()`: `RMKeyView(['a', 'b'])`.
pub struct KeyView(pub Rc<Vec<String>>);

impl NativeObject for KeyView {
    fn type_name(&self) -> String {
        "RMKeyView".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        let list = Value::list(self.0.iter().map(|k| Value::str(k)).collect());
        Ok(format!("RMKeyView({})", i.repr(&list)?))
    }
    fn iterate(&self, _: &mut Interpreter) -> Option<PyResult<Vec<Value>>> {
        Some(Ok(self.0.iter().map(|k| Value::str(k)).collect()))
    }
    fn len(&self) -> Option<usize> {
        Some(self.0.len())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
