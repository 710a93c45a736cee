//! Retort's one error type, named and worded as SQLAlchemy names and words its exceptions.
//!
//! A database error keeps what SQLAlchemy's `DBAPIError` keeps: the driver exception's class
//! (as Python's `sqlite3` module would choose it from SQLite's result code), SQLite's message,
//! the statement and its parameters. Its `Display` is SQLAlchemy's `str(exc)`.

use crate::value::Value;
use serde::Serialize;
use std::fmt;

/// The exception class Python's `sqlite3` driver raises for a SQLite result code, which
/// SQLAlchemy wraps in its own class of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DbapiErrorKind {
    /// Constraint violations (`UNIQUE`, `NOT NULL`, `FOREIGN KEY`, `CHECK`) and type mismatches.
    IntegrityError,
    /// Most runtime errors: syntax errors, missing tables, locked or read-only databases.
    OperationalError,
    /// Misuse of the driver API, such as a wrong number of bound parameters.
    ProgrammingError,
    /// A value too large for SQLite.
    DataError,
    /// SQLite's internal errors.
    InternalError,
    /// A corrupt database file, and codes the driver does not classify.
    DatabaseError,
}

impl DbapiErrorKind {
    /// The class name, e.g. `"IntegrityError"`.
    pub fn name(self) -> &'static str {
        match self {
            DbapiErrorKind::IntegrityError => "IntegrityError",
            DbapiErrorKind::OperationalError => "OperationalError",
            DbapiErrorKind::ProgrammingError => "ProgrammingError",
            DbapiErrorKind::DataError => "DataError",
            DbapiErrorKind::InternalError => "InternalError",
            DbapiErrorKind::DatabaseError => "DatabaseError",
        }
    }

    /// The code of SQLAlchemy's "Background on this error" page for this class.
    pub fn background_code(self) -> &'static str {
        match self {
            DbapiErrorKind::IntegrityError => "gkpj",
            DbapiErrorKind::OperationalError => "e3q8",
            DbapiErrorKind::ProgrammingError => "f405",
            DbapiErrorKind::DataError => "9h9h",
            DbapiErrorKind::InternalError => "2j85",
            DbapiErrorKind::DatabaseError => "4xp6",
        }
    }

    /// Classifies a SQLite primary result code as CPython's `_sqlite/util.c` does.
    fn from_sqlite_code(code: rusqlite::ErrorCode) -> Self {
        use rusqlite::ErrorCode as C;
        match code {
            C::ConstraintViolation | C::TypeMismatch => DbapiErrorKind::IntegrityError,
            C::TooBig => DbapiErrorKind::DataError,
            C::InternalMalfunction | C::NotFound => DbapiErrorKind::InternalError,
            C::ApiMisuse | C::ParameterOutOfRange => DbapiErrorKind::ProgrammingError,
            C::DatabaseCorrupt | C::NotADatabase => DbapiErrorKind::DatabaseError,
            _ => DbapiErrorKind::OperationalError,
        }
    }
}

/// Everything that can go wrong in Retort's ORM core.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// The database refused a statement (SQLAlchemy's `DBAPIError` subclasses): raised by any
    /// execute when SQLite reports an error preparing or running it.
    Dbapi {
        /// Which driver exception class this is.
        kind: DbapiErrorKind,
        /// SQLite's own message, e.g. `UNIQUE constraint failed: users.id`.
        message: String,
        /// The statement that failed.
        sql: String,
        /// Its bound parameters.
        params: Vec<Value>,
        /// Every parameter set of a failed `executemany` (empty for a single execution):
        /// SQLAlchemy's message shows them all, not only the set SQLite refused.
        param_sets: Vec<Vec<Value>>,
        /// The line SQLAlchemy puts before the message (`add_detail()`), e.g. that an
        /// autoflush raised it.
        detail: Option<Box<str>>,
    },
    /// `create_engine()` got a URL it cannot parse (SQLAlchemy's `ArgumentError`).
    ArgumentError(String),
    /// `create_engine()` named a database Retort cannot reach from a browser (SQLAlchemy's
    /// `NoSuchModuleError` when a dialect's driver is missing).
    NoSuchModuleError(String),
    /// An operation on a connection or transaction that is no longer usable
    /// (SQLAlchemy's `ResourceClosedError`/`InvalidRequestError`).
    InvalidRequestError(String),
    /// A constraint or index names a column its table lacks (SQLAlchemy's
    /// `ConstraintColumnNotFoundError`, an `ArgumentError`).
    ConstraintColumnNotFoundError(String),
    /// A foreign key names a table the metadata does not hold (`NoReferencedTableError`).
    NoReferencedTableError(String),
    /// A foreign key names a column its table lacks (`NoReferencedColumnError`).
    NoReferencedColumnError(String),
    /// A statement cannot be compiled to SQL (`CompileError`).
    CompileError(String),
    /// A statement could not be executed as given (`StatementError`), its message complete
    /// (the wrapped error, `[SQL: ...]`, the background link).
    StatementError(String),
    /// `one()` / `scalar_one()` found no row (`NoResultFound`).
    NoResultFound(String),
    /// `one()` / `one_or_none()` found more than one row (`MultipleResultsFound`).
    MultipleResultsFound(String),
    /// The unit of work cannot flush the session's changes (`FlushError`).
    FlushError(String),
    /// Objects refer to each other so that no order of INSERTs or DELETEs works; a
    /// `post_update` relationship would break the cycle (`CircularDependencyError`).
    CircularDependencyError(String),
    /// A previous flush failed and the session must be rolled back first
    /// (`PendingRollbackError`).
    PendingRollbackError(String),
    /// An expired or unloaded attribute of an object no longer in a session was read
    /// (`DetachedInstanceError`).
    DetachedInstanceError(String),
    /// A refresh found that the object's row was deleted (`ObjectDeletedError`).
    ObjectDeletedError(String),
    /// A flush's UPDATE matched fewer rows than it expected: the row was deleted or changed
    /// behind the ORM's back (`StaleDataError`).
    StaleDataError(String),
    /// An object handed to the session is not of a mapped class (`UnmappedInstanceError`).
    UnmappedInstanceError(String),
    /// A key or attribute is unknown (Python's `KeyError` / `AttributeError` as SQLAlchemy
    /// raises them, e.g. `NoSuchColumnError`).
    NoSuchColumnError(String),
    /// `NoSuchTableError`: reflecting a table the database does not have (the message is
    /// its name).
    NoSuchTableError(String),
    /// `relationship()` found several foreign-key paths between the tables and no
    /// `foreign_keys=` to choose (`AmbiguousForeignKeysError`, an `ArgumentError`).
    AmbiguousForeignKeysError(String),
    /// Python's `AttributeError`: a mapped class or object has no such attribute
    /// (`User.nme`, `user.nme`, an unknown relationship name).
    AttributeError(String),
    /// Python's `TypeError` as SQLAlchemy raises it, e.g. an invalid keyword argument to a
    /// mapped class's constructor.
    TypeError(String),
    /// Python's `NotImplementedError`: a construct Retort does not support yet (the message
    /// names it).
    NotImplementedError(String),
    /// Python's `AssertionError` as SQLAlchemy raises it (a row whose discriminator names no
    /// class of the hierarchy).
    AssertionError(String),
}

impl Error {
    /// SQLAlchemy's exception class name for this error.
    pub fn class_name(&self) -> &'static str {
        match self {
            Error::Dbapi { kind, .. } => kind.name(),
            Error::ArgumentError(_) => "ArgumentError",
            Error::NoSuchModuleError(_) => "NoSuchModuleError",
            Error::InvalidRequestError(_) => "InvalidRequestError",
            Error::ConstraintColumnNotFoundError(_) => "ConstraintColumnNotFoundError",
            Error::NoReferencedTableError(_) => "NoReferencedTableError",
            Error::NoReferencedColumnError(_) => "NoReferencedColumnError",
            Error::CompileError(_) => "CompileError",
            Error::StatementError(_) => "StatementError",
            Error::NoResultFound(_) => "NoResultFound",
            Error::MultipleResultsFound(_) => "MultipleResultsFound",
            Error::FlushError(_) => "FlushError",
            Error::CircularDependencyError(_) => "CircularDependencyError",
            Error::PendingRollbackError(_) => "PendingRollbackError",
            Error::DetachedInstanceError(_) => "DetachedInstanceError",
            Error::ObjectDeletedError(_) => "ObjectDeletedError",
            Error::StaleDataError(_) => "StaleDataError",
            Error::UnmappedInstanceError(_) => "UnmappedInstanceError",
            Error::NoSuchColumnError(_) => "NoSuchColumnError",
            Error::NoSuchTableError(_) => "NoSuchTableError",
            Error::AmbiguousForeignKeysError(_) => "AmbiguousForeignKeysError",
            Error::AttributeError(_) => "AttributeError",
            Error::TypeError(_) => "TypeError",
            Error::NotImplementedError(_) => "NotImplementedError",
            Error::AssertionError(_) => "AssertionError",
        }
    }

    /// A driver error of an `executemany` of `sets` (see [`Error::Dbapi`]'s `param_sets`);
    /// any other error unchanged.
    pub(crate) fn with_param_sets(self, sets: Vec<Vec<Value>>) -> Self {
        match self {
            Error::Dbapi {
                kind,
                message,
                sql,
                params,
                detail,
                ..
            } => Error::Dbapi {
                kind,
                message,
                sql,
                params,
                param_sets: sets,
                detail,
            },
            other => other,
        }
    }

    /// Wraps a driver error raised while running `sql`.
    pub(crate) fn from_driver(err: rusqlite::Error, sql: &str, params: &[Value]) -> Self {
        let (kind, message) = match &err {
            rusqlite::Error::SqliteFailure(e, msg) => (
                DbapiErrorKind::from_sqlite_code(e.code),
                msg.clone().unwrap_or_else(|| e.to_string()),
            ),
            rusqlite::Error::SqlInputError { error, msg, .. } => {
                (DbapiErrorKind::from_sqlite_code(error.code), msg.clone())
            }
            rusqlite::Error::MultipleStatement => (
                DbapiErrorKind::ProgrammingError,
                "You can only execute one statement at a time.".to_owned(),
            ),
            rusqlite::Error::InvalidParameterCount(given, wanted) => (
                DbapiErrorKind::ProgrammingError,
                format!(
                    "Incorrect number of bindings supplied. The current statement uses {wanted}, and there are {given} supplied."
                ),
            ),
            other => (DbapiErrorKind::DatabaseError, other.to_string()),
        };
        Error::Dbapi {
            kind,
            message,
            sql: sql.to_owned(),
            params: params.to_vec(),
            param_sets: Vec::new(),
            detail: None,
        }
    }

    /// The error of a flush an operation began with (SQLAlchemy's `_autoflush()`): a
    /// database error says so in a line before its message.
    pub(crate) fn raised_by_autoflush(mut self) -> Self {
        if let Error::Dbapi { detail, .. } = &mut self {
            *detail = Some(Box::from(
                "(raised as a result of Query-invoked autoflush; consider using a \
                 session.no_autoflush block if this flush is occurring prematurely)",
            ));
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Dbapi {
                kind,
                message,
                sql,
                params,
                param_sets,
                detail,
            } => {
                if let Some(d) = detail {
                    writeln!(f, "{d}")?;
                }
                write!(f, "(sqlite3.{}) {message}\n[SQL: {sql}]", kind.name())?;
                if !param_sets.is_empty() {
                    write!(
                        f,
                        "\n[parameters: {}]",
                        crate::engine::echo::many_repr(param_sets)
                    )?;
                } else if !params.is_empty() {
                    write!(
                        f,
                        "\n[parameters: {}]",
                        crate::engine::echo::params_repr(params)
                    )?;
                }
                write!(
                    f,
                    "\n(Background on this error at: https://sqlalche.me/e/21/{})",
                    kind.background_code()
                )
            }
            Error::ArgumentError(m)
            | Error::NoSuchModuleError(m)
            | Error::InvalidRequestError(m)
            | Error::ConstraintColumnNotFoundError(m)
            | Error::NoReferencedTableError(m)
            | Error::NoReferencedColumnError(m)
            | Error::CompileError(m)
            | Error::StatementError(m)
            | Error::NoResultFound(m)
            | Error::MultipleResultsFound(m)
            | Error::FlushError(m)
            | Error::CircularDependencyError(m)
            | Error::PendingRollbackError(m)
            | Error::DetachedInstanceError(m)
            | Error::ObjectDeletedError(m)
            | Error::StaleDataError(m)
            | Error::UnmappedInstanceError(m)
            | Error::NoSuchColumnError(m)
            | Error::NoSuchTableError(m)
            | Error::AmbiguousForeignKeysError(m)
            | Error::AttributeError(m)
            | Error::TypeError(m)
            | Error::NotImplementedError(m)
            | Error::AssertionError(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// The result of every fallible operation in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
