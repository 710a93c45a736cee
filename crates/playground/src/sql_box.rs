//! The SQL box: a SQL script run the way SQLAlchemy runs raw SQL.
//!
//! Each run starts from an empty in-memory database, so a script always means the same thing.
//! The script is cut into statements and run as
//! `with engine.begin() as conn: conn.exec_driver_sql(statement)` would run them: one
//! transaction, committed at the end, rolled back at the first error, every step in the echo log.

use retort::engine::echo::{EchoLine, echo_lines};
use retort::engine::script::split_statements;
use retort::{Engine, Error, Value};
use serde::Serialize;

/// The script the page opens with: a table, three rows, and a query that reads them back.
pub const DEFAULT_SQL_SCRIPT: &str = "\
CREATE TABLE user_account (
    id INTEGER PRIMARY KEY,
    name VARCHAR(30) NOT NULL,
    fullname VARCHAR
);
INSERT INTO user_account (name, fullname) VALUES ('spongebob', 'Spongebob Squarepants');
INSERT INTO user_account (name, fullname) VALUES ('sandy', 'Sandy Cheeks');
INSERT INTO user_account (name, fullname) VALUES ('patrick', 'Patrick Star');
SELECT id, name, fullname FROM user_account ORDER BY id;
";

/// What one statement of the script did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatementResult {
    /// The statement as run.
    pub sql: String,
    /// The script line it starts on (1-based).
    pub line: usize,
    /// Column names; empty for statements that return no rows.
    pub columns: Vec<String>,
    /// Rows returned.
    pub rows: Vec<Vec<Value>>,
    /// The driver's rowcount: rows changed by INSERT/UPDATE/DELETE, otherwise -1.
    pub rowcount: i64,
}

/// The statement that stopped the run, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunError {
    /// SQLAlchemy's exception class, e.g. `OperationalError`.
    pub class_name: String,
    /// SQLite's own message, e.g. `near "SELEC": syntax error`.
    pub sqlite_message: String,
    /// `str(exc)` as SQLAlchemy prints it.
    pub full_message: String,
    /// The failing statement's text.
    pub sql: String,
    /// The script line the failing statement starts on (1-based).
    pub line: usize,
    /// Its position among the script's statements (1-based).
    pub statement: usize,
}

/// Everything a run of the SQL box produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SqlRun {
    /// The statements that ran, in order (the failing one is not among them).
    pub statements: Vec<StatementResult>,
    /// The echo log, as `create_engine(..., echo=True)` prints it.
    pub echo: Vec<EchoLine>,
    /// Why the run stopped early, if it did; everything it had done is rolled back.
    pub error: Option<RunError>,
}

/// Runs `script` against a fresh in-memory database.
pub fn run_sql_script(script: &str) -> SqlRun {
    let engine = match Engine::in_memory() {
        Ok(engine) => engine,
        Err(err) => {
            return SqlRun {
                statements: Vec::new(),
                echo: Vec::new(),
                error: Some(run_error(&err, "", 0, 0)),
            };
        }
    };
    let pieces = split_statements(script);
    let mut statements = Vec::with_capacity(pieces.len());
    let mut failed_at = None;
    let outcome = engine.begin(|conn| {
        for (index, piece) in pieces.iter().enumerate() {
            failed_at = Some((index, piece));
            let result = conn.exec_driver_sql(piece.sql, &[])?;
            statements.push(StatementResult {
                sql: piece.sql.to_owned(),
                line: piece.line,
                columns: result.columns,
                rows: result.rows,
                rowcount: result.rowcount,
            });
        }
        Ok(())
    });
    let error = outcome.err().map(|err| match failed_at {
        Some((index, piece)) => run_error(&err, piece.sql, piece.line, index + 1),
        None => run_error(&err, "COMMIT", 0, 0),
    });
    let echo = engine.drain_events().iter().flat_map(echo_lines).collect();
    SqlRun {
        statements,
        echo,
        error,
    }
}

fn run_error(err: &Error, sql: &str, line: usize, statement: usize) -> RunError {
    let sqlite_message = match err {
        Error::Dbapi { message, .. } => message.clone(),
        other => other.to_string(),
    };
    RunError {
        class_name: err.class_name().to_owned(),
        sqlite_message,
        full_message: err.to_string(),
        sql: sql.to_owned(),
        line,
        statement,
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    fn messages(run: &SqlRun) -> Vec<&str> {
        run.echo.iter().map(|l| l.message.as_str()).collect()
    }

    #[test]
    fn the_default_script_creates_inserts_and_selects() {
        let run = run_sql_script(DEFAULT_SQL_SCRIPT);
        assert_eq!(run.error, None);
        assert_eq!(run.statements.len(), 5);
        let select = &run.statements[4];
        assert_eq!(select.columns, ["id", "name", "fullname"]);
        assert_eq!(
            select.rows,
            [
                vec![
                    Value::Integer(1),
                    "spongebob".into(),
                    "Spongebob Squarepants".into()
                ],
                vec![Value::Integer(2), "sandy".into(), "Sandy Cheeks".into()],
                vec![Value::Integer(3), "patrick".into(), "Patrick Star".into()],
            ]
        );
        assert_eq!(run.statements[1].rowcount, 1);
        assert_eq!(run.statements[0].rowcount, -1);
        let log = messages(&run);
        assert_eq!(log.first(), Some(&"BEGIN (implicit)"));
        assert_eq!(log.last(), Some(&"COMMIT"));
        assert_eq!(log.len(), 1 + 5 * 2 + 1);
        assert_eq!(log[2], "[raw sql] ()");
        assert!(log[1].starts_with("CREATE TABLE user_account (\n    id INTEGER PRIMARY KEY,"));
    }

    #[test]
    fn bad_sql_reports_sqlites_message_and_where() {
        let run = run_sql_script("CREATE TABLE t (x);\n\nSELEC x FROM t;\nSELECT 1;");
        let Some(error) = &run.error else {
            panic!("no error: {run:?}")
        };
        assert_eq!(error.class_name, "OperationalError");
        assert_eq!(error.sqlite_message, "near \"SELEC\": syntax error");
        assert_eq!((error.statement, error.line), (2, 3));
        assert_eq!(error.sql, "SELEC x FROM t");
        assert_eq!(run.statements.len(), 1);
        assert_eq!(
            messages(&run),
            [
                "BEGIN (implicit)",
                "CREATE TABLE t (x)",
                "[raw sql] ()",
                "SELEC x FROM t",
                "[raw sql] ()",
                "ROLLBACK"
            ]
        );
    }

    #[test]
    fn every_run_starts_from_an_empty_database() {
        assert_eq!(run_sql_script(DEFAULT_SQL_SCRIPT).error, None);
        assert_eq!(run_sql_script(DEFAULT_SQL_SCRIPT).error, None);
    }

    #[test]
    fn an_empty_script_commits_an_empty_transaction() {
        let run = run_sql_script("  -- nothing here\n");
        assert!(run.statements.is_empty() && run.error.is_none());
        assert_eq!(messages(&run), ["BEGIN (implicit)", "COMMIT"]);
    }
}

#[cfg(all(test, target_family = "wasm", target_os = "unknown"))]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
