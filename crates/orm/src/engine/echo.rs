//! The echo log: SQLAlchemy's `echo=True` output, produced from engine [`Event`]s.
//!
//! This is the only place that turns events into log text. Each line reads exactly as
//! SQLAlchemy's logger prints it: `2026-11-21 23:42:36,195 INFO sqlalchemy.engine.Engine BEGIN (implicit)`.

use crate::event::{Event, SqlOrigin};
use crate::value::Value;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The logger name SQLAlchemy's engine logs under.
const LOGGER: &str = "sqlalchemy.engine.Engine";

/// What a line of the echo log says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EchoKind {
    /// `BEGIN (implicit)` or `COMMIT`.
    Transaction,
    /// `ROLLBACK`.
    Rollback,
    /// A statement's SQL text.
    Statement,
    /// A statement's parameters line.
    Parameters,
    /// A `DEBUG` line of `echo="debug"`: a result's `Col (...)` or one `Row (...)`.
    Debug,
}

/// How an engine's log is configured beyond `echo=True`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EchoOptions {
    /// `hide_parameters=True`: parameters lines say they are hidden.
    pub hide_parameters: bool,
    /// `echo="debug"`: results log their columns and rows.
    pub debug: bool,
}

/// What a parameters line says in place of the parameters under `hide_parameters=True`.
const HIDDEN: &str = "[SQL parameters hidden due to hide_parameters=True]";

/// One line of the echo log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EchoLine {
    /// Python logging's `asctime`.
    pub at: String,
    /// What the line says.
    pub kind: EchoKind,
    /// The message after the logger name.
    pub message: String,
}

impl EchoLine {
    /// Everything before the message: `2026-11-21 23:42:36,195 INFO sqlalchemy.engine.Engine `.
    pub fn prefix(&self) -> String {
        let level = if self.kind == EchoKind::Debug {
            "DEBUG"
        } else {
            "INFO"
        };
        format!("{} {level} {LOGGER} ", self.at)
    }
}

impl fmt::Display for EchoLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.prefix(), self.message)
    }
}

/// The echo lines for one event (a statement logs two: its SQL and its parameters line).
pub fn echo_lines(event: &Event) -> Vec<EchoLine> {
    echo_lines_with(event, EchoOptions::default())
}

/// The echo lines for one event under `options` (`hide_parameters`, `echo="debug"`).
pub fn echo_lines_with(event: &Event, options: EchoOptions) -> Vec<EchoLine> {
    let shown = |repr: String| {
        if options.hide_parameters {
            HIDDEN.to_owned()
        } else {
            repr
        }
    };
    let line = |at: &str, kind, message: String| EchoLine {
        at: at.to_owned(),
        kind,
        message,
    };
    match event {
        Event::Begin { at } => vec![line(
            at,
            EchoKind::Transaction,
            "BEGIN (implicit)".to_owned(),
        )],
        Event::Commit { at } => vec![line(at, EchoKind::Transaction, "COMMIT".to_owned())],
        Event::Rollback { at } => vec![line(at, EchoKind::Rollback, "ROLLBACK".to_owned())],
        Event::StateChange { .. }
        | Event::FlushPlanned(_)
        | Event::FlushStepStarted(_)
        | Event::Warning { .. } => Vec::new(),
        Event::Rows { .. } if !options.debug => Vec::new(),
        Event::Rows { at, columns, rows } => {
            let names: Vec<Value> = columns
                .iter()
                .map(|c| Value::Text(c.as_str().into()))
                .collect();
            let mut out = vec![line(
                at,
                EchoKind::Debug,
                format!("Col {}", params_repr(&names)),
            )];
            for row in rows {
                out.push(line(
                    at,
                    EchoKind::Debug,
                    format!("Row {}", params_repr(row)),
                ));
            }
            out
        }
        Event::Statement {
            at,
            sql,
            params,
            origin,
            ..
        } => vec![
            line(at, EchoKind::Statement, sql.to_string()),
            line(
                at,
                EchoKind::Parameters,
                format!("[{}] {}", badge(*origin), shown(params_repr(params))),
            ),
        ],
        Event::StatementRows(rows) => rows
            .rows()
            .flat_map(|r| {
                [
                    line(r.at, EchoKind::Statement, r.sql.to_string()),
                    line(
                        r.at,
                        EchoKind::Parameters,
                        format!("[{}] {}", badge(r.origin), shown(params_repr(r.params))),
                    ),
                ]
            })
            .collect(),
        Event::StatementMany {
            at,
            sql,
            params,
            width,
            origin,
            ..
        } => {
            let sets: Vec<&[Value]> = params.chunks((*width).max(1)).collect();
            vec![
                line(at, EchoKind::Statement, sql.to_string()),
                line(
                    at,
                    EchoKind::Parameters,
                    format!("[{}] {}", badge(*origin), shown(many_repr(&sets))),
                ),
            ]
        }
    }
}

/// The badge in front of a parameters line: `raw sql`, `generated in 0.00012s`, ...
fn badge(origin: SqlOrigin) -> String {
    match origin {
        SqlOrigin::Raw => "raw sql".to_owned(),
        SqlOrigin::Generated { seconds } => format!("generated in {seconds:.5}s"),
        SqlOrigin::Cached { since } => format!("cached since {}s ago", since_repr(since)),
        SqlOrigin::NoKey { seconds } => format!("no key {seconds:.5}s"),
        SqlOrigin::InsertManyValues {
            generated,
            cached_since,
            batch,
            total,
            ordered,
        } => {
            let how = if ordered {
                "(ordered; batch not supported)"
            } else {
                "(unordered)"
            };
            match (generated, cached_since) {
                (Some(s), _) => {
                    format!("generated in {s:.5}s (insertmanyvalues) {batch}/{total} {how}")
                }
                (None, Some(s)) => format!(
                    "cached since {}s ago (insertmanyvalues) {batch}/{total} {how}",
                    since_repr(s)
                ),
                (None, None) => format!("insertmanyvalues {batch}/{total} {how}"),
            }
        }
    }
}

/// SQLAlchemy prints "cached since" with `%.4g`.
fn since_repr(seconds: f64) -> String {
    if seconds <= 0.0 || !seconds.is_finite() {
        return "0".to_owned();
    }
    let exp = seconds.log10().floor() as i32;
    if (-4..4).contains(&exp) {
        let decimals = (3 - exp).max(0) as usize;
        let s = format!("{seconds:.decimals$}");
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            s
        }
    } else {
        let s = format!("{seconds:.3e}");
        let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        let e: i32 = e.parse().unwrap_or(0);
        format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
    }
}

/// SQLAlchemy's `_repr_base.trunc`: a value whose repr is longer than 300 characters shows
/// its first and last 150 around a note of how many were left out.
fn truncated_repr(value: &Value) -> String {
    const MAX: usize = 300;
    let repr = value.py_repr();
    let chars: Vec<char> = repr.chars().collect();
    if chars.len() <= MAX {
        return repr;
    }
    let head: String = chars[..MAX / 2].iter().collect();
    let tail: String = chars[chars.len() - MAX / 2..].iter().collect();
    format!(
        "{head} ... ({} characters truncated) ... {tail}",
        chars.len() - MAX
    )
}

/// The parameters as the Python tuple SQLAlchemy prints: `()`, `(5,)`, `('ed', 'Ed Jones')`
/// (each value's repr truncated past 300 characters, as SQLAlchemy's log does).
pub fn params_repr(params: &[Value]) -> String {
    let items: Vec<String> = params.iter().map(truncated_repr).collect();
    match items.len() {
        1 => format!("({},)", items[0]),
        _ => format!("({})", items.join(", ")),
    }
}

/// Several parameter tuples as SQLAlchemy logs an `executemany`: a list, shortened past ten
/// sets to the first eight and the last two around a "displaying 10 of N" note.
pub fn many_repr<S: AsRef<[Value]>>(sets: &[S]) -> String {
    let reprs = |s: &[S]| {
        s.iter()
            .map(|p| params_repr(p.as_ref()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if sets.len() > 10 {
        format!(
            "[{}  ... displaying 10 of {} total bound parameter sets ...  {}]",
            reprs(&sets[..8]),
            sets.len(),
            reprs(&sets[sets.len() - 2..])
        )
    } else {
        format!("[{}]", reprs(sets))
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    #[test]
    fn debug_logs_rows_and_parameters_can_be_hidden() {
        let rows = Event::Rows {
            at: "t".into(),
            columns: vec!["x".into(), "y".into()],
            rows: vec![vec![Value::Integer(1), Value::Text("one".into())]],
        };
        assert!(echo_lines(&rows).is_empty());
        let debug = EchoOptions {
            debug: true,
            ..EchoOptions::default()
        };
        let lines: Vec<String> = echo_lines_with(&rows, debug)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            lines,
            [
                "t DEBUG sqlalchemy.engine.Engine Col ('x', 'y')",
                "t DEBUG sqlalchemy.engine.Engine Row (1, 'one')"
            ]
        );
        let stmt = Event::Statement {
            at: "t".into(),
            sql: "SELECT ?".into(),
            params: vec![Value::Integer(1)],
            origin: SqlOrigin::Raw,
            outcome: crate::event::StatementOutcome::Ran {
                rowcount: -1,
                rows_returned: 1,
            },
            elapsed: 0.0,
        };
        let hidden = EchoOptions {
            hide_parameters: true,
            ..EchoOptions::default()
        };
        assert_eq!(
            echo_lines_with(&stmt, hidden)[1].message,
            "[raw sql] [SQL parameters hidden due to hide_parameters=True]"
        );
    }

    #[test]
    fn long_values_are_truncated() {
        let long = Value::Text("x".repeat(400).into());
        let repr = params_repr(&[long]);
        assert!(repr.contains(" ... (102 characters truncated) ... "));
        assert_eq!(
            repr.len(),
            2 + 300 + " ... (102 characters truncated) ... ".len() + 1
        );
    }

    #[test]
    fn parameter_tuples_read_as_python() {
        assert_eq!(params_repr(&[]), "()");
        assert_eq!(params_repr(&[Value::Integer(5)]), "(5,)");
        assert_eq!(
            params_repr(&[Value::Text("ed".into()), Value::Null, Value::Float(2.0)]),
            "('ed', None, 2.0)"
        );
    }

    #[test]
    fn executemany_parameters_read_as_sqlalchemy() {
        let sets: Vec<Vec<Value>> = (0..25).map(|i| vec![Value::Integer(i)]).collect();
        // Golden: SQLAlchemy 2.1.9, 25 parameter sets (/tmp/g/res.py).
        assert_eq!(
            many_repr(&sets),
            "[(0,), (1,), (2,), (3,), (4,), (5,), (6,), (7,)  ... displaying 10 of 25 total bound parameter sets ...  (23,), (24,)]"
        );
        assert_eq!(
            many_repr(&[vec!["a".into()], vec!["b".into()]]),
            "[('a',), ('b',)]"
        );
    }

    #[test]
    fn badges_read_as_sqlalchemy() {
        assert_eq!(badge(SqlOrigin::Raw), "raw sql");
        assert_eq!(
            badge(SqlOrigin::Generated { seconds: 0.000123 }),
            "generated in 0.00012s"
        );
        assert_eq!(
            badge(SqlOrigin::Cached { since: 0.002134 }),
            "cached since 0.002134s ago"
        );
        assert_eq!(
            badge(SqlOrigin::Cached { since: 12.5 }),
            "cached since 12.5s ago"
        );
        assert_eq!(
            badge(SqlOrigin::Cached { since: 0.00001 }),
            "cached since 1e-05s ago"
        );
        assert_eq!(
            badge(SqlOrigin::NoKey { seconds: 0.0001 }),
            "no key 0.00010s"
        );
    }

    #[test]
    fn a_line_reads_as_python_logging() {
        let line = EchoLine {
            at: "2026-11-21 23:42:36,195".into(),
            kind: EchoKind::Transaction,
            message: "COMMIT".into(),
        };
        assert_eq!(
            line.to_string(),
            "2026-11-21 23:42:36,195 INFO sqlalchemy.engine.Engine COMMIT"
        );
    }
}
