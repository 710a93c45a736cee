//! `retort`: Retort from a terminal.
//!
//! `retort sql FILE.sql` (or `-` for standard input) runs a SQL script as the page's SQL box does,
//! printing the echo log and each result to stdout and an error to stderr. Exit codes: 0 when
//! the script ran, 1 when a statement failed, 2 on a usage error.

use retort_playground::{SqlRun, run_sql_script};
use std::io::Read;
use std::process::ExitCode;

const USAGE: &str = "usage: retort sql FILE.sql   (FILE may be - for standard input)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [cmd, file] if cmd == "sql" => match read_source(file) {
            Ok(script) => report(&run_sql_script(&script)),
            Err(message) => {
                eprintln!("retort: {message}");
                ExitCode::from(2)
            }
        },
        [flag] if flag == "-h" || flag == "--help" => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read_source(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(text)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {file}: {e}"))
    }
}

fn report(run: &SqlRun) -> ExitCode {
    for line in &run.echo {
        println!("{line}");
    }
    for statement in run.statements.iter().filter(|s| !s.columns.is_empty()) {
        println!(
            "\n-- line {}: {}",
            statement.line,
            statement.columns.join(" | ")
        );
        for row in &statement.rows {
            let cells: Vec<String> = row.iter().map(|v| v.py_repr()).collect();
            println!("({})", cells.join(", "));
        }
    }
    match &run.error {
        None => ExitCode::SUCCESS,
        Some(err) => {
            eprintln!(
                "sqlalchemy.exc.{}: {}\n  (statement {}, line {})",
                err.class_name, err.full_message, err.statement, err.line
            );
            ExitCode::from(1)
        }
    }
}
