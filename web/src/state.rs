//! The page's state: which language the learner is writing, each editor's text, and the last
//! run of each.

use retort_playground::{
    DEFAULT_PYTHON_SCRIPT, DEFAULT_SQL_SCRIPT, PythonRun, SqlRun, run_python_script, run_sql_script,
};
use std::rc::Rc;
use yew::Reducible;

/// What the editor holds and Run runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A Python script (SQLAlchemy code), run by Retort's interpreter.
    Python,
    /// A SQL script, run statement by statement on a fresh database.
    Sql,
}

impl Mode {
    /// The name shown on its tab and editor.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Python => "Python",
            Mode::Sql => "SQL",
        }
    }

    /// The element id of its tab and editor (`python`, `sql`).
    pub fn id(self) -> &'static str {
        match self {
            Mode::Python => "python",
            Mode::Sql => "sql",
        }
    }

    /// The script the editor opens with.
    pub fn example(self) -> &'static str {
        match self {
            Mode::Python => DEFAULT_PYTHON_SCRIPT,
            Mode::Sql => DEFAULT_SQL_SCRIPT,
        }
    }
}

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The language being edited.
    pub mode: Mode,
    /// The Python in its editor.
    pub python: String,
    /// The SQL in its editor.
    pub sql: String,
    /// The report of the last Python run, if there was one.
    pub python_run: Option<PythonRun>,
    /// The report of the last SQL run, if there was one.
    pub sql_run: Option<SqlRun>,
    /// How many runs so far (lets panels tell a new run from the same one).
    pub runs: u32,
}

impl Default for State {
    fn default() -> Self {
        State {
            mode: Mode::Python,
            python: DEFAULT_PYTHON_SCRIPT.to_owned(),
            sql: DEFAULT_SQL_SCRIPT.to_owned(),
            python_run: None,
            sql_run: None,
            runs: 0,
        }
    }
}

impl State {
    /// The text of the editor being shown.
    pub fn script(&self) -> &str {
        match self.mode {
            Mode::Python => &self.python,
            Mode::Sql => &self.sql,
        }
    }
}

/// What the learner can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Show the other language's editor (its text and last run are kept).
    SwitchTo(Mode),
    /// The shown editor's text changed.
    Edit(String),
    /// Run the shown script from a fresh start.
    Run,
    /// Put the shown editor's example back.
    LoadExample,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match (action, next.mode) {
            (Action::SwitchTo(mode), _) => next.mode = mode,
            (Action::Edit(text), Mode::Python) => next.python = text,
            (Action::Edit(text), Mode::Sql) => next.sql = text,
            (Action::Run, Mode::Python) => {
                next.python_run = Some(run_python_script(&next.python));
                next.runs += 1;
            }
            (Action::Run, Mode::Sql) => {
                next.sql_run = Some(run_sql_script(&next.sql));
                next.runs += 1;
            }
            (Action::LoadExample, mode) => match mode {
                Mode::Python => next.python = mode.example().to_owned(),
                Mode::Sql => next.sql = mode.example().to_owned(),
            },
        }
        Rc::new(next)
    }
}
