//! Reading declarative annotations: `Mapped[...]` (as objects or, with
//! `from __future__ import annotations`, as strings) says a mapped attribute's SQL type and
//! nullability, or the target class of a relationship; and SQLAlchemy's order of a class's
//! attributes (`vars(cls)` merged with `__annotations__`).

use super::{native, obj};
use crate::modules::NativeObject;
use crate::stdlib::TypingForm;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::types::SqlType;
use std::any::Any;

/// `Mapped[X]`: the annotation of a mapped attribute.
pub struct MappedAnn(pub Value);

impl NativeObject for MappedAnn {
    fn type_name(&self) -> String {
        "_GenericAlias".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        Ok(format!("sqlalchemy.orm.base.Mapped[{}]", i.repr(&self.0)?))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `Mapped` itself (subscriptable).
pub struct MappedForm;

impl NativeObject for MappedForm {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok("<class 'sqlalchemy.orm.base.Mapped'>".into())
    }
    fn get_item(&self, _: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        Some(Ok(obj(MappedAnn(key.clone()))))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `DynamicMapped` / `WriteOnlyMapped` (subscriptable): the annotation of a collection that
/// reading gives as a query (`lazy="dynamic"`) or a `WriteOnlyCollection`
/// (`lazy="write_only"`).
pub struct LoaderMappedForm(pub retort::relationship::Lazy);

impl LoaderMappedForm {
    /// Its name in `sqlalchemy.orm`.
    pub(super) fn name(&self) -> &'static str {
        match self.0 {
            retort::relationship::Lazy::Dynamic => "DynamicMapped",
            _ => "WriteOnlyMapped",
        }
    }
}

impl NativeObject for LoaderMappedForm {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(format!("<class 'sqlalchemy.orm.base.{}'>", self.name()))
    }
    fn get_item(&self, _: &mut Interpreter, key: &Value) -> Option<PyResult<Value>> {
        Some(Ok(obj(LoaderMapped(key.clone(), self.0))))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `DynamicMapped[X]` / `WriteOnlyMapped[X]`.
pub struct LoaderMapped(pub Value, pub retort::relationship::Lazy);

impl NativeObject for LoaderMapped {
    fn type_name(&self) -> String {
        "_GenericAlias".into()
    }
    fn repr(&self, i: &mut Interpreter) -> PyResult<String> {
        Ok(format!(
            "sqlalchemy.orm.base.{}[{}]",
            LoaderMappedForm(self.1).name(),
            i.repr(&self.0)?
        ))
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The loader a `DynamicMapped[...]` / `WriteOnlyMapped[...]` annotation implies.
pub(super) fn annotation_lazy(v: &Value) -> Option<retort::relationship::Lazy> {
    native::<LoaderMapped>(v).map(|m| m.1)
}

/// A string annotation (`from __future__ import annotations`, `Mapped["Decimal"]`) read as
/// SQLAlchemy reads it: evaluated as an expression in the module's namespace. `None` when it
/// names something not defined (yet), such as a class declared further down: the text is
/// then read as a class name.
fn evaluate_string(i: &mut Interpreter, text: &str) -> Option<Value> {
    let parsed = ruff_python_parser::parse_expression(text).ok()?;
    i.eval(parsed.syntax().body.as_ref()).ok()
}

/// The annotation of a mapped attribute with its strings evaluated where they can be:
/// `"Mapped[Optional[dt.datetime]]"` and `Mapped["decimal.Decimal"]` become the objects
/// they name; forward references to classes stay strings.
pub(super) fn resolve_annotation(i: &mut Interpreter, v: &Value) -> Value {
    let v = match v {
        Value::Str(s) => match evaluate_string(i, s) {
            Some(e) => e,
            None => return v.clone(),
        },
        other => other.clone(),
    };
    if let Some(m) = native::<MappedAnn>(&v)
        && let Value::Str(s) = &m.0
        && let Some(inner) = evaluate_string(i, s)
    {
        return obj(MappedAnn(inner));
    }
    v
}

/// `Annotated[T, mapped_column(...)]` (a type alias declaring a column): `T`, and the
/// `mapped_column()` among its metadata, if any.
pub(super) fn unwrap_annotated(v: &Value) -> (Value, Option<Value>) {
    match native::<TypingForm>(v) {
        Some(form) if form.origin == "Annotated" && !form.args.is_empty() => {
            let spec = form.args[1..]
                .iter()
                .find(|a| native::<super::schema::ColumnSpec>(a).is_some())
                .cloned();
            (form.args[0].clone(), spec)
        }
        _ => (v.clone(), None),
    }
}

/// The `mapped_column()` an annotation carries through an `Annotated` alias
/// (`Mapped[intpk]`, `Mapped[Optional[str30]]`).
pub(super) fn annotated_column(v: &Value) -> Option<Value> {
    let inner = native::<MappedAnn>(v)?.0.clone();
    let inner = match native::<TypingForm>(&inner) {
        Some(form) if matches!(form.origin.as_str(), "Optional" | "|") => form
            .args
            .iter()
            .find(|a| !matches!(a, Value::None))?
            .clone(),
        _ => inner,
    };
    unwrap_annotated(&inner).1
}

/// The Python type an annotation maps (`Mapped[Optional[int]]` → `int`), for the
/// declarative base's `type_annotation_map`.
pub(super) fn python_type(v: &Value) -> Option<Value> {
    let inner = native::<MappedAnn>(v)?.0.clone();
    let inner = match native::<TypingForm>(&inner) {
        Some(form) if matches!(form.origin.as_str(), "Optional" | "|") => form
            .args
            .iter()
            .find(|a| !matches!(a, Value::None))?
            .clone(),
        _ => inner,
    };
    let inner = unwrap_annotated(&inner).0;
    matches!(inner, Value::Class(_)).then_some(inner)
}

/// Python's `merge_lists_w_ordering` as SQLAlchemy uses it to reconcile `vars(cls)` with
/// `cls.__annotations__`.
pub(super) fn merge_order(a: &[String], b: &[String]) -> Vec<String> {
    let mut overlap: Vec<&String> = a.iter().filter(|x| b.contains(x)).collect();
    let mut result = Vec::new();
    let (mut current, mut other) = (a.iter(), b.iter());
    loop {
        let mut swapped = false;
        for e in current.by_ref() {
            if let Some(p) = overlap.iter().position(|o| *o == e) {
                overlap.remove(p);
                swapped = true;
                break;
            }
            result.push(e.clone());
        }
        if swapped {
            std::mem::swap(&mut current, &mut other);
            continue;
        }
        result.extend(other.cloned());
        return result;
    }
}

/// What an annotation says: the SQL type (for a column), nullability, or a relationship.
pub(super) enum Ann {
    Column(Option<SqlType>, bool),
    Related(String, bool),
}

fn class_sql_type(v: &Value) -> Option<SqlType> {
    if native::<TypingForm>(v).is_some_and(|f| f.origin == "Annotated") {
        return class_sql_type(&unwrap_annotated(v).0);
    }
    if let Value::Class(c) = v
        && let Some(members) = crate::enums::members(c)
    {
        let labels = members
            .iter()
            .filter_map(|m| match m {
                Value::Instance(inst) => match inst.attrs.borrow().get("_name_") {
                    Some(Value::Str(s)) => Some(s.to_string()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        return Some(SqlType::Enum { labels });
    }
    if let Some(g) = native::<crate::stdlib::GenericAlias>(v) {
        return class_sql_type(&Value::Class(g.origin.clone()));
    }
    match v {
        Value::Class(c) => Some(match c.name.as_str() {
            "int" => SqlType::Integer,
            "str" => SqlType::String(None),
            // SQLAlchemy 2.1 maps `float` to `Double`.
            "float" => SqlType::Double,
            "bool" => SqlType::Boolean,
            "bytes" => SqlType::LargeBinary,
            "date" => SqlType::Date,
            "datetime" => SqlType::DateTime,
            "time" => SqlType::Time,
            "Decimal" => SqlType::Numeric {
                precision: None,
                scale: None,
            },
            "dict" => SqlType::Json,
            _ => return None,
        }),
        _ => None,
    }
}

pub(super) fn target_name(v: &Value) -> Option<String> {
    match v {
        Value::Str(s) => Some(s.trim_matches(['"', '\'']).to_owned()),
        Value::Class(c) => Some(c.name.clone()),
        _ => None,
    }
}

/// The Python enum class of `Mapped[SomeEnum]` / `Mapped[Optional[SomeEnum]]`, if any.
pub(super) fn annotation_enum(v: &Value) -> Option<Value> {
    let inner = native::<MappedAnn>(v)?.0.clone();
    let inner = match native::<TypingForm>(&inner) {
        Some(form) if form.origin == "Optional" => form.args.first()?.clone(),
        Some(_) => return None,
        None => inner,
    };
    match &inner {
        Value::Class(c) if crate::enums::members(c).is_some() => Some(inner),
        _ => None,
    }
}

/// Reads `Mapped[...]`.
pub(super) fn read_annotation(v: &Value) -> Option<Ann> {
    if let Some(m) = native::<LoaderMapped>(v) {
        return Some(Ann::Related(target_name(&m.0)?, true));
    }
    let inner = match native::<MappedAnn>(v) {
        Some(m) => m.0.clone(),
        None => match v {
            Value::Str(s) => {
                let s = s.trim();
                let inner = s.strip_prefix("Mapped[")?.strip_suffix(']')?;
                return Some(parse_string_annotation(inner));
            }
            _ => return None,
        },
    };
    // `Mapped["Entry | None"]`: the quoted part is read as source text.
    if let Value::Str(s) = &inner {
        return Some(parse_string_annotation(s.trim()));
    }
    if let Some(form) = native::<TypingForm>(&inner) {
        match (form.origin.as_str(), form.args.as_slice()) {
            ("Annotated", [x, ..]) => {
                return Some(match class_sql_type(x) {
                    Some(t) => Ann::Column(Some(t), false),
                    None => Ann::Related(target_name(x)?, false),
                });
            }
            ("Optional", [x]) => {
                return Some(match class_sql_type(x) {
                    Some(t) => Ann::Column(Some(t), true),
                    None => Ann::Related(target_name(x)?, false),
                });
            }
            ("|", [x, Value::None] | [Value::None, x]) => {
                return Some(match class_sql_type(x) {
                    Some(t) => Ann::Column(Some(t), true),
                    None => Ann::Related(target_name(x)?, false),
                });
            }
            ("List" | "list" | "Set" | "set", [x]) => {
                return Some(Ann::Related(target_name(x)?, true));
            }
            _ => return None,
        }
    }
    if let Some(g) = native::<crate::stdlib::GenericAlias>(&inner) {
        return match (g.origin.name.as_str(), g.args.as_slice()) {
            ("list" | "set", [x]) => Some(Ann::Related(target_name(x)?, true)),
            _ => class_sql_type(&inner).map(|t| Ann::Column(Some(t), false)),
        };
    }
    if let Some(t) = class_sql_type(&inner) {
        return Some(Ann::Column(Some(t), false));
    }
    Some(Ann::Related(target_name(&inner)?, false))
}

/// Whether an annotation is `Mapped[set[...]]` / `Mapped[Set[...]]`.
pub(super) fn is_set_annotation(v: &Value) -> bool {
    match native::<MappedAnn>(v) {
        Some(m) => {
            native::<TypingForm>(&m.0).is_some_and(|f| matches!(f.origin.as_str(), "Set" | "set"))
                || native::<crate::stdlib::GenericAlias>(&m.0)
                    .is_some_and(|g| g.origin.name == "set")
        }
        None => match v {
            Value::Str(s) => {
                let s = s.trim();
                s.starts_with("Mapped[set[") || s.starts_with("Mapped[Set[")
            }
            _ => false,
        },
    }
}

/// `Mapped[...]` written as a string (`from __future__ import annotations`).
fn parse_string_annotation(s: &str) -> Ann {
    let builtin = |n: &str| match n {
        "int" => Some(SqlType::Integer),
        "str" => Some(SqlType::String(None)),
        "float" => Some(SqlType::Double),
        "bool" => Some(SqlType::Boolean),
        "bytes" => Some(SqlType::LargeBinary),
        "datetime" | "datetime.datetime" => Some(SqlType::DateTime),
        "date" | "datetime.date" => Some(SqlType::Date),
        _ => None,
    };
    let unquote = |n: &str| n.trim().trim_matches(['"', '\'']).to_owned();
    if let Some(x) = s
        .strip_prefix("Optional[")
        .and_then(|x| x.strip_suffix(']'))
    {
        return match builtin(x.trim()) {
            Some(t) => Ann::Column(Some(t), true),
            None => Ann::Related(unquote(x), false),
        };
    }
    let parts: Vec<&str> = s.split('|').map(str::trim).collect();
    if let [x, "None"] | ["None", x] = parts.as_slice() {
        return match builtin(x) {
            Some(t) => Ann::Column(Some(t), true),
            None => Ann::Related(unquote(x), false),
        };
    }
    for p in ["List[", "list[", "Set[", "set["] {
        if let Some(x) = s.strip_prefix(p).and_then(|x| x.strip_suffix(']')) {
            return Ann::Related(unquote(x), true);
        }
    }
    match builtin(s.trim()) {
        Some(t) => Ann::Column(Some(t), false),
        None => Ann::Related(unquote(s), false),
    }
}
