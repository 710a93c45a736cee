//! A program: a script parsed once, then run one top-level statement at a time, so a
//! playground can step through it and show what each statement did. Running every statement
//! in order does what [`Interpreter::run`] does with the whole text.

use crate::Interpreter;
use crate::error::Error;
use crate::exceptions::Exc;
use crate::frame::FrameKind;
use crate::parse::{Source, parse_module};
use ruff_python_ast::{ModModule, Stmt};
use ruff_text_size::Ranged;
use std::rc::Rc;

/// A parsed script whose top-level statements can be run one by one.
pub struct Program {
    source: Rc<Source>,
    module: ModModule,
}

/// Where a top-level statement stands in its script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatementSpan {
    /// Its 1-based line.
    pub first_line: usize,
    /// The 1-based line it ends on (a `class` or `with` block spans several).
    pub last_line: usize,
}

impl Program {
    /// How many top-level statements the script has.
    pub fn len(&self) -> usize {
        self.module.body.len()
    }

    /// Whether the script has no statements.
    pub fn is_empty(&self) -> bool {
        self.module.body.is_empty()
    }

    /// The lines of each top-level statement, in order.
    pub fn spans(&self) -> Vec<StatementSpan> {
        self.module
            .body
            .iter()
            .map(|stmt| {
                let range = stmt.range();
                let end = range.end().checked_sub(1.into()).unwrap_or(range.end());
                StatementSpan {
                    first_line: self.source.line_of(range.start()),
                    last_line: self.source.line_of(end.max(range.start())),
                }
            })
            .collect()
    }
}

impl Interpreter {
    /// Parses `text` as the `__main__` module, to run it with [`Interpreter::run_statement`].
    ///
    /// # Failure
    /// [`Error::Syntax`], as [`Interpreter::run`] reports it.
    pub fn parse_program(&self, text: &str) -> Result<Program, Error> {
        let source = Rc::new(Source::new(&self.config.filename, text));
        let module = parse_module(&source)?;
        Ok(Program { source, module })
    }

    /// Runs top-level statement `index` of `program` (0-based; past the end does nothing).
    /// Globals persist, so running statements 0, 1, 2, ... in order is running the script.
    /// Each statement gets the whole step budget.
    ///
    /// # Failure
    /// As [`Interpreter::run`]: the traceback of an uncaught exception, the budget, an exit.
    pub fn run_statement(&mut self, program: &Program, index: usize) -> Result<(), Error> {
        let Some(stmt) = program.module.body.get(index) else {
            return Ok(());
        };
        self.run_top_level(&program.source, std::slice::from_ref(stmt))
    }

    fn run_top_level(&mut self, source: &Rc<Source>, body: &[Stmt]) -> Result<(), Error> {
        self.source = Rc::clone(source);
        self.budget.reset();
        let marker = 0u8;
        self.stack_base = std::ptr::addr_of!(marker) as usize;
        self.stack_peak = 0;
        self.handling.clear();
        let frame = self.new_frame(
            "<module>",
            FrameKind::Module,
            self.globals.clone(),
            self.globals.clone(),
        );
        self.frames.clear();
        self.frames.push(frame);
        let result = self.exec_block(body);
        let frame_id = self.frames.last().map(|f| f.id).unwrap_or(0);
        self.frames.clear();
        match result {
            Ok(_) => Ok(()),
            Err(Exc::Halt(e)) => Err(e),
            Err(Exc::Raise(exc)) => {
                self.record_frame(&exc, frame_id, "<module>", source);
                Err(self.uncaught(&exc))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[cfg(all(target_family = "wasm", target_os = "unknown"))]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use crate::{Error, Interpreter};

    const SCRIPT: &str = "x = 1\nclass A:\n    y = 2\n\nprint(x + A.y)\n";

    #[test]
    fn statements_run_one_at_a_time_share_globals() -> Result<(), Error> {
        let mut py = Interpreter::new();
        let program = py.parse_program(SCRIPT)?;
        let lines: Vec<(usize, usize)> = program
            .spans()
            .iter()
            .map(|s| (s.first_line, s.last_line))
            .collect();
        assert_eq!(lines, [(1, 1), (2, 3), (5, 5)]);
        for i in 0..program.len() {
            py.run_statement(&program, i)?;
            if i == 0 {
                assert_eq!(py.take_output(), "");
            }
        }
        assert_eq!(py.take_output(), "3\n");
        py.run_statement(&program, 99)?;
        Ok(())
    }

    #[test]
    fn a_failing_statement_reports_its_own_line() -> Result<(), Error> {
        let mut py = Interpreter::new();
        let program = py.parse_program("a = 1\nb = a / 0\n")?;
        py.run_statement(&program, 0)?;
        let err = py.run_statement(&program, 1).err().map(|e| e.render());
        assert_eq!(
            err.as_deref(),
            Some(
                "Traceback (most recent call last):\n  File \"script.py\", line 2, in <module>\n    \
                 b = a / 0\n        ~~^~~\nZeroDivisionError: division by zero\n"
            )
        );
        Ok(())
    }
}
