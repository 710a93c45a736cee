//! `Column`: one column of a table, with its type, key and nullability flags, defaults and
//! foreign keys, as SQLAlchemy's `Column(...)` / `mapped_column(...)` describe it.

use crate::error::Result;
use crate::types::SqlType;
use crate::value::Value;
use std::fmt;
use std::rc::Rc;

/// A Python-side default: a constant, or a callable the caller (the Python layer) supplies.
#[derive(Clone)]
pub enum ColumnDefault {
    /// `default=5`.
    Value(Value),
    /// `default=some_function`: called once per INSERT (or UPDATE for `onupdate`).
    Callable(Rc<dyn Fn() -> Result<Value>>),
    /// `default=func.now()`: a SQL expression written into the statement itself
    /// (`VALUES (?, CURRENT_TIMESTAMP)`); the flush fetches the value it made.
    Sql(crate::sql::Expr),
}

impl ColumnDefault {
    /// The value this default gives for one row.
    ///
    /// # Failure
    /// Whatever the callable returns as an error; [`crate::Error::InvalidRequestError`] for a
    /// SQL expression, which has no value before the database runs it (see
    /// [`ColumnDefault::sql`]).
    pub fn produce(&self) -> Result<Value> {
        match self {
            ColumnDefault::Value(v) => Ok(v.clone()),
            ColumnDefault::Callable(f) => f(),
            ColumnDefault::Sql(_) => Err(crate::Error::InvalidRequestError(
                "a SQL expression default has no value before the statement runs".to_owned(),
            )),
        }
    }

    /// The SQL expression of a `default=func.now()`-style default.
    pub fn sql(&self) -> Option<&crate::sql::Expr> {
        match self {
            ColumnDefault::Sql(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Debug for ColumnDefault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnDefault::Value(v) => write!(f, "ColumnDefault({v:?})"),
            ColumnDefault::Callable(_) => f.write_str("ColumnDefault(<function>)"),
            ColumnDefault::Sql(e) => write!(f, "ColumnDefault({e:?})"),
        }
    }
}

/// A default the database applies (`server_default=`), rendered into `CREATE TABLE`.
#[derive(Debug, Clone, PartialEq)]
pub enum ServerDefault {
    /// `server_default="x"`: a string, rendered as the SQL literal `'x'`.
    Literal(String),
    /// `server_default=text("0")`: SQL text, rendered as written (in parentheses when SQLite
    /// needs them, as SQLAlchemy's SQLite dialect decides).
    Text(String),
    /// `server_default=func.now()`: `CURRENT_TIMESTAMP`.
    Now,
}

/// `ForeignKey("users.id", ondelete="CASCADE")` on a column.
#[derive(Debug, Clone, PartialEq)]
pub struct ForeignKey {
    /// The referenced table.
    pub table: String,
    /// The referenced column.
    pub column: String,
    /// `ondelete=`, e.g. `CASCADE`.
    pub ondelete: Option<String>,
    /// `onupdate=`.
    pub onupdate: Option<String>,
}

impl ForeignKey {
    /// `ForeignKey("table.column")`.
    ///
    /// # Failure
    /// [`crate::Error::ArgumentError`] when the target is not `table.column`.
    pub fn new(target: &str) -> Result<Self> {
        match target.rsplit_once('.') {
            Some((table, column)) if !table.is_empty() && !column.is_empty() => Ok(ForeignKey {
                table: table.to_owned(),
                column: column.to_owned(),
                ondelete: None,
                onupdate: None,
            }),
            _ => Err(crate::Error::ArgumentError(format!(
                "Invalid foreign key column specification: {target}"
            ))),
        }
    }

    /// Sets `ondelete=`.
    pub fn ondelete(mut self, action: &str) -> Self {
        self.ondelete = Some(action.to_owned());
        self
    }

    /// Sets `onupdate=`.
    pub fn onupdate(mut self, action: &str) -> Self {
        self.onupdate = Some(action.to_owned());
        self
    }

    /// `"users.id"`.
    pub fn target_fullname(&self) -> String {
        format!("{}.{}", self.table, self.column)
    }
}

/// `autoincrement=`: SQLAlchemy's `"auto"` default, or forced on or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Autoincrement {
    /// `"auto"`: a lone integer primary key without a foreign key autoincrements.
    #[default]
    Auto,
    /// `autoincrement=True`.
    Yes,
    /// `autoincrement=False`.
    No,
}

/// One column of a [`crate::schema::Table`].
#[derive(Debug, Clone)]
pub struct Column {
    /// The column's name in the database.
    pub name: String,
    /// Its type; `None` until taken from the referenced column of its foreign key, as
    /// `Column("user_id", ForeignKey("users.id"))` does.
    pub type_: Option<SqlType>,
    /// Part of the primary key.
    pub primary_key: bool,
    /// `nullable=`; `None` means SQLAlchemy's default (not null for primary keys).
    pub nullable: Option<bool>,
    /// `autoincrement=`.
    pub autoincrement: Autoincrement,
    /// `unique=True`.
    pub unique: bool,
    /// `index=True`.
    pub index: bool,
    /// `default=`.
    pub default: Option<ColumnDefault>,
    /// `onupdate=`.
    pub onupdate: Option<ColumnDefault>,
    /// `server_default=`.
    pub server_default: Option<ServerDefault>,
    /// `ForeignKey(...)` arguments.
    pub foreign_keys: Vec<ForeignKey>,
    /// The type's class name when it is not the generic one (a reflected `VARCHAR`).
    pub type_class: Option<&'static str>,
    /// `Column(..., CheckConstraint("x > 5"))`: (name, SQL text), written after the column.
    pub checks: Vec<(Option<String>, String)>,
}

impl Column {
    /// The value the driver is given for `v` bound to this column (see [`SqlType::bind`]).
    pub fn bind(&self, v: Value) -> Value {
        match &self.type_ {
            Some(t) => t.bind(v),
            None => v,
        }
    }

    /// `Column(name, type_)`.
    pub fn new(name: &str, type_: SqlType) -> Self {
        Column {
            name: name.to_owned(),
            type_: Some(type_),
            primary_key: false,
            nullable: None,
            autoincrement: Autoincrement::Auto,
            unique: false,
            index: false,
            default: None,
            onupdate: None,
            server_default: None,
            foreign_keys: Vec::new(),
            type_class: None,
            checks: Vec::new(),
        }
    }

    /// `Column(name, ForeignKey(...))`: the type comes from the referenced column.
    pub fn foreign(name: &str, fk: ForeignKey) -> Self {
        let mut c = Column::new(name, SqlType::Integer);
        c.type_ = None;
        c.foreign_keys.push(fk);
        c
    }

    /// `primary_key=True`.
    pub fn primary_key(mut self) -> Self {
        self.primary_key = true;
        self
    }

    /// `nullable=`.
    pub fn nullable(mut self, nullable: bool) -> Self {
        self.nullable = Some(nullable);
        self
    }

    /// `unique=True`.
    pub fn unique(mut self) -> Self {
        self.unique = true;
        self
    }

    /// `index=True`.
    pub fn index(mut self) -> Self {
        self.index = true;
        self
    }

    /// `autoincrement=`.
    pub fn autoincrement(mut self, a: Autoincrement) -> Self {
        self.autoincrement = a;
        self
    }

    /// `default=`.
    pub fn default(mut self, d: ColumnDefault) -> Self {
        self.default = Some(d);
        self
    }

    /// `onupdate=`.
    pub fn onupdate(mut self, d: ColumnDefault) -> Self {
        self.onupdate = Some(d);
        self
    }

    /// `server_default=`.
    pub fn server_default(mut self, d: ServerDefault) -> Self {
        self.server_default = Some(d);
        self
    }

    /// The SQL expression of `default=func.now()` (written into INSERTs that leave the
    /// column out).
    pub fn sql_default(&self) -> Option<&crate::sql::Expr> {
        self.default.as_ref().and_then(ColumnDefault::sql)
    }

    /// The SQL expression of `onupdate=func.now()` (written into UPDATEs that leave the
    /// column out).
    pub fn sql_onupdate(&self) -> Option<&crate::sql::Expr> {
        self.onupdate.as_ref().and_then(ColumnDefault::sql)
    }

    /// Whether an INSERT leaving the column out makes its value in the database (a server
    /// default or a SQL expression default): the flush fetches it with `RETURNING`.
    pub fn made_by_database(&self) -> bool {
        self.server_default.is_some() || self.sql_default().is_some()
    }

    /// Adds a `ForeignKey(...)`.
    pub fn foreign_key(mut self, fk: ForeignKey) -> Self {
        self.foreign_keys.push(fk);
        self
    }

    /// Whether the column accepts NULL (SQLAlchemy: not null when part of the primary key,
    /// unless `nullable=` says otherwise).
    pub fn is_nullable(&self) -> bool {
        self.nullable.unwrap_or(!self.primary_key)
    }
}
