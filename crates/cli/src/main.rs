//! `retort`: Retort from a terminal.
//!
//! - `retort run [--budget N] FILE.py` (or `-` for standard input) runs a Python script as
//!   CPython would: its output on stdout, an uncaught exception's traceback (or a
//!   SyntaxError report) on stderr. `--budget N` sets the evaluation step budget.
//! - `retort sql FILE.sql` (or `-`) runs a SQL script as the page's SQL box does, printing
//!   the echo log and each result to stdout and an error to stderr.
//!
//! Exit codes: 0 when the script ran, 1 on an uncaught exception (or a failed statement),
//! 2 on a usage error.

use retort_playground::{SqlRun, run_sql_script};
use retort_python::{Config, Interpreter};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str = "usage: retort run [--budget N] FILE.py   (FILE may be - for standard input)
       retort sql FILE.sql                 (FILE may be - for standard input)";

/// The evaluator recurses on the Rust stack; give it room for CPython's recursion limit.
const EVAL_STACK_BYTES: usize = 512 * 1024 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("sql") if args.len() == 2 => match read_source(&args[1]) {
            Ok(script) => report(&run_sql_script(&script)),
            Err(message) => usage_error(&message),
        },
        Some("run") => match parse_run_args(&args[1..]) {
            Ok((file, budget)) => match read_source(&file) {
                Ok(script) => run_python(script, budget),
                Err(message) => usage_error(&message),
            },
            Err(message) => usage_error(&message),
        },
        Some("-h" | "--help") if args.len() == 1 => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("retort: {message}\n{USAGE}");
    ExitCode::from(2)
}

/// `[--budget N] FILE` in any order.
fn parse_run_args(args: &[String]) -> Result<(String, Option<u64>), String> {
    let mut file = None;
    let mut budget = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "--budget" {
            let n = it.next().ok_or("--budget needs a number")?;
            budget = Some(
                n.parse::<u64>()
                    .map_err(|_| format!("--budget: not a number: {n}"))?,
            );
        } else if let Some(n) = arg.strip_prefix("--budget=") {
            budget = Some(
                n.parse::<u64>()
                    .map_err(|_| format!("--budget: not a number: {n}"))?,
            );
        } else if file.is_none() {
            file = Some(arg.clone());
        } else {
            return Err(format!("unexpected argument: {arg}"));
        }
    }
    Ok((file.ok_or("run needs a FILE.py (or -)")?, budget))
}

fn run_python(script: String, budget: Option<u64>) -> ExitCode {
    let worker = std::thread::Builder::new()
        .stack_size(EVAL_STACK_BYTES)
        .spawn(move || {
            // Leave a margin below the thread's stack for the frames around the evaluator.
            let mut config = Config {
                max_stack_bytes: EVAL_STACK_BYTES - 8 * 1024 * 1024,
                ..Config::default()
            };
            if let Some(b) = budget {
                config.budget = b;
            }
            let mut py = Interpreter::with_config(config);
            let result = py.run(&script);
            (py.take_output(), py.take_stderr(), result)
        });
    let joined = match worker {
        Ok(handle) => handle.join(),
        Err(e) => {
            eprintln!("retort: cannot start the evaluator: {e}");
            return ExitCode::from(1);
        }
    };
    let Ok((output, warnings, result)) = joined else {
        eprintln!("retort: the evaluator crashed");
        return ExitCode::from(1);
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (e.g. `| head`) is not an error worth reporting.
    let _ = stdout.write_all(output.as_bytes());
    let _ = stdout.flush();
    // Warnings (what Python's `warnings` module prints) come before a final traceback.
    eprint!("{warnings}");
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("{}", e.render());
            ExitCode::from(u8::try_from(e.exit_code() & 0xff).unwrap_or(1))
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
