//! Column types: `Integer`, `String(30)`, `Enum(...)`, ... as classes and instances, with the
//! reprs and names SQLAlchemy gives them.

use crate::function::Args;
use crate::modules::NativeObject;
use crate::sqlalchemy::obj;
use crate::value::Value;
use crate::{Interpreter, PyResult};
use retort::types::SqlType;
use std::any::Any;
use std::rc::Rc;

/// A column type: the class (`String`) or an instance (`String(30)`).
pub struct TypeObj {
    /// The class name (`String`).
    pub name: &'static str,
    /// The SQL type.
    pub sql: SqlType,
    /// Whether this is the class itself rather than an instance.
    pub is_class: bool,
}

/// `Enum(SomePythonEnum)`: a VARCHAR of the members' names (what SQLAlchemy stores), read
/// back as the members.
pub struct EnumTypeObj {
    /// The SQL type (`Enum { labels }`: the member names).
    pub sql: SqlType,
    /// The Python enum class.
    pub class: Value,
}

impl NativeObject for EnumTypeObj {
    fn type_name(&self) -> String {
        "Enum".into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(type_repr("Enum", &self.sql))
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(self.sql.ddl())
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The SQL type of a Python enum class's members: their names.
pub fn enum_labels(i: &mut Interpreter, members: &[Value]) -> PyResult<Vec<String>> {
    let mut labels = Vec::new();
    for m in members {
        let name = i.getattr(m, "name")?;
        labels.push(i.to_str(&name)?);
    }
    Ok(labels)
}

fn enum_type(i: &mut Interpreter, members: &[Value], class: Value) -> PyResult<Value> {
    let labels = enum_labels(i, members)?;
    Ok(obj(EnumTypeObj {
        sql: SqlType::Enum { labels },
        class,
    }))
}

/// The type classes of the `sqlalchemy` module.
pub const TYPES: &[&str] = &[
    "Integer",
    "BigInteger",
    "SmallInteger",
    "String",
    "Text",
    "Unicode",
    "UnicodeText",
    "Boolean",
    "Float",
    "Double",
    "DOUBLE",
    "Numeric",
    "Date",
    "DateTime",
    "Time",
    "LargeBinary",
    "Enum",
    "JSON",
];

fn int_arg(v: Option<&Value>) -> Option<u32> {
    match v {
        Some(Value::Int(n)) => u32::try_from(*n).ok(),
        _ => None,
    }
}

/// `name(*args)`: the SQL type of a type class called with `args`.
fn sql_type(i: &mut Interpreter, name: &str, a: &mut Args) -> PyResult<SqlType> {
    let first = a.pos.first().cloned().or_else(|| a.take_kw("length"));
    Ok(match name {
        "Integer" => SqlType::Integer,
        "BigInteger" => SqlType::BigInteger,
        "SmallInteger" => SqlType::SmallInteger,
        "String" => SqlType::String(int_arg(first.as_ref())),
        "Unicode" => SqlType::Unicode(int_arg(first.as_ref())),
        "Text" => SqlType::Text,
        "UnicodeText" => SqlType::UnicodeText,
        "Boolean" => SqlType::Boolean,
        "Float" => SqlType::Float,
        "Double" | "DOUBLE" => SqlType::Double,
        "Numeric" => SqlType::Numeric {
            precision: int_arg(a.pos.first()),
            scale: int_arg(a.pos.get(1)),
        },
        "Date" => SqlType::Date,
        "DateTime" => SqlType::DateTime,
        "Time" => SqlType::Time,
        "LargeBinary" => SqlType::LargeBinary,
        "JSON" => SqlType::Json,
        "Enum" => {
            let mut labels = Vec::new();
            for v in &a.pos {
                labels.push(i.to_str(v)?);
            }
            SqlType::Enum { labels }
        }
        other => {
            return Err(crate::sqlalchemy::unsupported(
                i,
                &format!("the type {other}"),
            ));
        }
    })
}

/// The type class `name` as a value.
pub fn type_class(name: &'static str) -> Value {
    let sql = match name {
        "Integer" => SqlType::Integer,
        "BigInteger" => SqlType::BigInteger,
        "SmallInteger" => SqlType::SmallInteger,
        "String" => SqlType::String(None),
        "Unicode" => SqlType::Unicode(None),
        "Text" => SqlType::Text,
        "UnicodeText" => SqlType::UnicodeText,
        "Boolean" => SqlType::Boolean,
        "Float" => SqlType::Float,
        "Double" | "DOUBLE" => SqlType::Double,
        "Numeric" => SqlType::Numeric {
            precision: None,
            scale: None,
        },
        "Date" => SqlType::Date,
        "DateTime" => SqlType::DateTime,
        "Time" => SqlType::Time,
        "LargeBinary" => SqlType::LargeBinary,
        "Enum" => SqlType::Enum { labels: Vec::new() },
        _ => SqlType::Json,
    };
    obj(TypeObj {
        name,
        sql,
        is_class: true,
    })
}

/// The repr SQLAlchemy gives a type instance: `Integer()`, `String(length=30)`.
pub fn type_repr(name: &str, sql: &SqlType) -> String {
    match sql {
        SqlType::String(Some(n)) | SqlType::Unicode(Some(n)) => format!("{name}(length={n})"),
        SqlType::Numeric {
            precision: Some(p),
            scale,
        } => match scale {
            Some(s) => format!("{name}(precision={p}, scale={s})"),
            None => format!("{name}(precision={p})"),
        },
        SqlType::Enum { labels } => {
            let parts: Vec<String> = labels.iter().map(|l| crate::format::str_repr(l)).collect();
            format!("{name}({})", parts.join(", "))
        }
        _ => format!("{name}()"),
    }
}

/// The type class name of a SQL type (for reprs of types taken from annotations).
pub fn type_name(sql: &SqlType) -> &'static str {
    match sql {
        SqlType::Integer => "Integer",
        SqlType::BigInteger => "BigInteger",
        SqlType::SmallInteger => "SmallInteger",
        SqlType::String(_) => "String",
        SqlType::Unicode(_) => "Unicode",
        SqlType::Text => "Text",
        SqlType::UnicodeText => "UnicodeText",
        SqlType::Boolean => "Boolean",
        SqlType::Float => "Float",
        SqlType::Double => "Double",
        SqlType::Numeric { .. } => "Numeric",
        SqlType::Date => "Date",
        SqlType::DateTime => "DateTime",
        SqlType::Time => "Time",
        SqlType::LargeBinary => "LargeBinary",
        SqlType::Enum { .. } => "Enum",
        _ => "JSON",
    }
}

impl NativeObject for TypeObj {
    fn type_name(&self) -> String {
        if self.is_class { "type" } else { self.name }.into()
    }
    fn repr(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(if self.is_class {
            format!("<class 'sqlalchemy.sql.sqltypes.{}'>", self.name)
        } else {
            type_repr(self.name, &self.sql)
        })
    }
    fn str(&self, _: &mut Interpreter) -> PyResult<String> {
        Ok(if self.is_class {
            format!("<class 'sqlalchemy.sql.sqltypes.{}'>", self.name)
        } else {
            self.sql.ddl()
        })
    }
    fn call(&self, i: &mut Interpreter, _: &Value, mut a: Args) -> Option<PyResult<Value>> {
        if !self.is_class {
            return Some(Err(
                i.type_error(format!("'{}' object is not callable", self.name))
            ));
        }
        let name = self.name;
        if name == "Enum"
            && let Some(Value::Class(class)) = a.pos.first()
            && let Some(members) = crate::enums::members(class)
        {
            return Some(enum_type(i, &members, Value::Class(Rc::clone(class))));
        }
        Some(sql_type(i, name, &mut a).map(|sql| {
            obj(TypeObj {
                name,
                sql,
                is_class: false,
            })
        }))
    }
    fn get_attr(&self, _: &mut Interpreter, _: &Value, name: &str) -> PyResult<Option<Value>> {
        Ok(match (name, &self.sql) {
            ("__name__", _) => Some(Value::str(self.name)),
            ("length", SqlType::String(n) | SqlType::Unicode(n)) => {
                Some(n.map_or(Value::None, |n| Value::Int(i64::from(n))))
            }
            _ => None,
        })
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}
