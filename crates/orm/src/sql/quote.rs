//! Identifier quoting as SQLAlchemy's `IdentifierPreparer` does it: a name is quoted only when
//! it is a reserved word, is not all lower case, starts with a digit or `$`, or holds a
//! character other than letters, digits, `_` and `$`.

/// Which dialect's reserved words apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLAlchemy's SQLite dialect (what statements run with).
    Sqlite,
    /// SQLAlchemy's default dialect (what `str(stmt)` uses when no engine is bound).
    Default,
}

/// Reserved words of `sqlalchemy.dialects.sqlite.base.SQLiteIdentifierPreparer` (2.1.9).
const SQLITE_RESERVED: &[&str] = &[
    "add",
    "after",
    "all",
    "alter",
    "analyze",
    "and",
    "as",
    "asc",
    "attach",
    "autoincrement",
    "before",
    "begin",
    "between",
    "by",
    "cascade",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "commit",
    "conflict",
    "constraint",
    "create",
    "cross",
    "current_date",
    "current_time",
    "current_timestamp",
    "database",
    "default",
    "deferrable",
    "deferred",
    "delete",
    "desc",
    "detach",
    "distinct",
    "drop",
    "each",
    "else",
    "end",
    "escape",
    "except",
    "exclusive",
    "exists",
    "explain",
    "fail",
    "false",
    "for",
    "foreign",
    "from",
    "full",
    "glob",
    "group",
    "having",
    "if",
    "ignore",
    "immediate",
    "in",
    "index",
    "indexed",
    "initially",
    "inner",
    "insert",
    "instead",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "key",
    "left",
    "like",
    "limit",
    "match",
    "natural",
    "not",
    "notnull",
    "null",
    "of",
    "offset",
    "on",
    "or",
    "order",
    "outer",
    "plan",
    "pragma",
    "primary",
    "query",
    "raise",
    "references",
    "reindex",
    "rename",
    "replace",
    "restrict",
    "right",
    "rollback",
    "row",
    "select",
    "set",
    "table",
    "temp",
    "temporary",
    "then",
    "to",
    "transaction",
    "trigger",
    "true",
    "union",
    "unique",
    "update",
    "using",
    "vacuum",
    "values",
    "view",
    "virtual",
    "when",
    "where",
];

/// Reserved words of `sqlalchemy.sql.compiler.IdentifierPreparer` (2.1.9).
const DEFAULT_RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "cross",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "new",
    "not",
    "notnull",
    "null",
    "off",
    "offset",
    "old",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "right",
    "select",
    "session_user",
    "set",
    "similar",
    "some",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "verbose",
    "when",
    "where",
];

/// Whether SQLAlchemy would quote `name`.
pub fn requires_quotes(name: &str, dialect: Dialect) -> bool {
    let reserved = match dialect {
        Dialect::Sqlite => SQLITE_RESERVED,
        Dialect::Default => DEFAULT_RESERVED,
    };
    let lower = name.to_lowercase();
    let Some(first) = name.chars().next() else {
        return true;
    };
    reserved.contains(&lower.as_str())
        || first.is_ascii_digit()
        || first == '$'
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        || lower != name
}

/// `name`, quoted with `"` (doubling inner quotes) when SQLAlchemy would quote it.
pub fn quote(name: &str, dialect: Dialect) -> String {
    if requires_quotes(name, dialect) {
        quote_always(name)
    } else {
        name.to_owned()
    }
}

/// `name` always quoted, as SQLAlchemy's `quote_identifier` does for PRAGMA arguments.
pub fn quote_always(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A string literal in SQL: `'it''s'`.
pub fn string_literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn names_are_quoted_only_when_needed() {
        // Golden: SQLAlchemy 2.1.9 DDL shows `"order" INTEGER`, `"Score" FLOAT`, `email_address`.
        assert_eq!(quote("order", Dialect::Sqlite), "\"order\"");
        assert_eq!(quote("Score", Dialect::Sqlite), "\"Score\"");
        assert_eq!(quote("email_address", Dialect::Sqlite), "email_address");
        assert_eq!(quote("user", Dialect::Sqlite), "user");
        assert_eq!(quote("user", Dialect::Default), "\"user\"");
        assert_eq!(quote("my col", Dialect::Sqlite), "\"my col\"");
        assert_eq!(quote("1a", Dialect::Sqlite), "\"1a\"");
        assert_eq!(quote_always("users"), "\"users\"");
    }
}
