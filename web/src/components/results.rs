//! The results panel: each statement's outcome, and a table for each that returned rows.

use retort::Value;
use retort_playground::StatementResult;
use yew::prelude::*;

/// Props for [`Results`].
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The statements that ran.
    pub statements: Vec<StatementResult>,
    /// Whether the run stopped at an error (and so was rolled back).
    pub failed: bool,
}

/// Shows what each statement did.
#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    html! {
        <section class="panel results">
            <div class="panel-head"><h2>{ "Results" }</h2></div>
            if props.statements.is_empty() {
                <p class="hint">{ if props.failed { "No statement completed." } else { "The script has no statements." } }</p>
            }
            { for props.statements.iter().map(statement) }
        </section>
    }
}

fn statement(s: &StatementResult) -> Html {
    let summary = if !s.columns.is_empty() {
        match s.rows.len() {
            1 => "1 row".to_owned(),
            n => format!("{n} rows"),
        }
    } else if s.rowcount >= 0 {
        match s.rowcount {
            1 => "1 row affected".to_owned(),
            n => format!("{n} rows affected"),
        }
    } else {
        "done".to_owned()
    };
    html! {
        <div class="statement">
            <div class="statement-head">
                <code class="statement-sql">{ first_line(&s.sql) }</code>
                <span class="statement-summary">{ summary }</span>
            </div>
            if !s.columns.is_empty() {
                <table class="rows">
                    <thead><tr>{ for s.columns.iter().map(|c| html! { <th>{ c }</th> }) }</tr></thead>
                    <tbody>
                        { for s.rows.iter().map(|row| html! {
                            <tr>{ for row.iter().map(cell) }</tr>
                        }) }
                    </tbody>
                </table>
            }
        </div>
    }
}

fn first_line(sql: &str) -> String {
    let mut lines = sql.lines();
    let first = lines.next().unwrap_or_default();
    if lines.next().is_some() {
        format!("{first} …")
    } else {
        first.to_owned()
    }
}

fn cell(value: &Value) -> Html {
    match value {
        Value::Null => html! { <td class="null">{ "NULL" }</td> },
        Value::Integer(_) | Value::Float(_) => html! { <td class="num">{ value.py_repr() }</td> },
        Value::Text(t) => html! { <td>{ t.to_string() }</td> },
        Value::Blob(_) => html! { <td class="blob">{ value.py_repr() }</td> },
    }
}
