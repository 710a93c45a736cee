//! Column types: SQLAlchemy's generic types (`Integer`, `String(30)`, `DateTime`, ...) and the
//! name each one takes in SQLite DDL, as SQLAlchemy's SQLite dialect renders it.

use serde::Serialize;

/// A column's SQL type, named after SQLAlchemy's generic type classes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub enum SqlType {
    /// `Integer` → `INTEGER`.
    Integer,
    /// `BigInteger` → `BIGINT`.
    BigInteger,
    /// `SmallInteger` → `SMALLINT`.
    SmallInteger,
    /// `String(n)` → `VARCHAR(n)` (or `VARCHAR`).
    String(Option<u32>),
    /// `Text` → `TEXT`.
    Text,
    /// `Unicode(n)` → `VARCHAR(n)` (or `VARCHAR`).
    Unicode(Option<u32>),
    /// `UnicodeText` → `TEXT`.
    UnicodeText,
    /// `Boolean` → `BOOLEAN` (stored as 0/1).
    Boolean,
    /// `Float` → `FLOAT`.
    Float,
    /// `Double` → `DOUBLE` (SQLAlchemy 2.1's type of `Mapped[float]`).
    Double,
    /// `Numeric(p, s)` → `NUMERIC(p, s)`.
    Numeric {
        /// Total digits.
        precision: Option<u32>,
        /// Digits after the point (only rendered with a precision).
        scale: Option<u32>,
    },
    /// `Date` → `DATE` (stored as `'2024-01-31'`).
    Date,
    /// `DateTime` → `DATETIME` (stored as `'2024-01-31 12:00:00.000000'`).
    DateTime,
    /// `Time` → `TIME`.
    Time,
    /// `LargeBinary` → `BLOB`.
    LargeBinary,
    /// `Enum("a", "bb")` → `VARCHAR(2)`: SQLite has no native enum, so SQLAlchemy uses a
    /// `VARCHAR` as long as the longest label.
    Enum {
        /// The allowed labels.
        labels: Vec<String>,
    },
    /// `JSON` → `JSON`.
    Json,
}

impl SqlType {
    /// The type as SQLAlchemy's SQLite dialect writes it in `CREATE TABLE`.
    pub fn ddl(&self) -> String {
        let varchar = |n: &Option<u32>| match n {
            Some(n) => format!("VARCHAR({n})"),
            None => "VARCHAR".to_owned(),
        };
        match self {
            SqlType::Integer => "INTEGER".to_owned(),
            SqlType::BigInteger => "BIGINT".to_owned(),
            SqlType::SmallInteger => "SMALLINT".to_owned(),
            SqlType::String(n) | SqlType::Unicode(n) => varchar(n),
            SqlType::Text | SqlType::UnicodeText => "TEXT".to_owned(),
            SqlType::Boolean => "BOOLEAN".to_owned(),
            SqlType::Float => "FLOAT".to_owned(),
            SqlType::Double => "DOUBLE".to_owned(),
            SqlType::Numeric {
                precision: Some(p),
                scale: Some(s),
            } => format!("NUMERIC({p}, {s})"),
            SqlType::Numeric {
                precision: Some(p),
                scale: None,
            } => format!("NUMERIC({p})"),
            SqlType::Numeric { .. } => "NUMERIC".to_owned(),
            SqlType::Date => "DATE".to_owned(),
            SqlType::DateTime => "DATETIME".to_owned(),
            SqlType::Time => "TIME".to_owned(),
            SqlType::LargeBinary => "BLOB".to_owned(),
            SqlType::Enum { labels } => {
                let longest = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
                format!("VARCHAR({longest})")
            }
            SqlType::Json => "JSON".to_owned(),
        }
    }

    /// Whether this is one of the integer types (SQLAlchemy's `Integer` affinity), which makes a
    /// lone primary key autoincrement.
    pub fn is_integer(&self) -> bool {
        matches!(
            self,
            SqlType::Integer | SqlType::BigInteger | SqlType::SmallInteger
        )
    }

    /// The value the driver is given for `v` bound to a column of this type: SQLAlchemy's
    /// `Numeric` and `Float` bind processors on SQLite turn an `int` into a `float`
    /// (`Item(price=2)` logs `(2.0,)`).
    pub fn bind(&self, v: crate::value::Value) -> crate::value::Value {
        match (self, v) {
            (
                SqlType::Numeric { .. } | SqlType::Float | SqlType::Double,
                crate::value::Value::Integer(n),
            ) => crate::value::Value::Float(n as f64),
            (_, v) => v,
        }
    }

    /// Whether [`SqlType::bind`] may change a value of this type.
    pub fn binds_float(&self) -> bool {
        matches!(
            self,
            SqlType::Numeric { .. } | SqlType::Float | SqlType::Double
        )
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn types_render_as_the_sqlite_dialect() {
        // Golden: SQLAlchemy 2.1.9 CreateTable(...).compile(sqlite engine).
        assert_eq!(SqlType::String(Some(30)).ddl(), "VARCHAR(30)");
        assert_eq!(SqlType::String(None).ddl(), "VARCHAR");
        assert_eq!(SqlType::Unicode(Some(50)).ddl(), "VARCHAR(50)");
        assert_eq!(
            SqlType::Numeric {
                precision: Some(10),
                scale: Some(2)
            }
            .ddl(),
            "NUMERIC(10, 2)"
        );
        assert_eq!(
            SqlType::Enum {
                labels: vec!["a".into(), "b".into()]
            }
            .ddl(),
            "VARCHAR(1)"
        );
        assert_eq!(SqlType::LargeBinary.ddl(), "BLOB");
        assert_eq!(SqlType::BigInteger.ddl(), "BIGINT");
        assert_eq!(SqlType::SmallInteger.ddl(), "SMALLINT");
        assert_eq!(SqlType::Json.ddl(), "JSON");
    }

    #[test]
    fn numeric_and_float_bind_ints_as_floats() {
        use crate::value::Value;
        // Golden: SQLAlchemy 2.1.9 logs `Item(price=2)` of a Numeric(8, 2) column as (2.0,).
        let numeric = SqlType::Numeric {
            precision: Some(8),
            scale: Some(2),
        };
        assert_eq!(numeric.bind(Value::Integer(2)), Value::Float(2.0));
        assert_eq!(SqlType::Float.bind(Value::Integer(3)), Value::Float(3.0));
        assert_eq!(SqlType::Integer.bind(Value::Integer(2)), Value::Integer(2));
        assert_eq!(numeric.bind(Value::Null), Value::Null);
    }
}
