//! The page's state: which language the learner is writing, each editor's text, the last
//! run of each, and for Python the playground the script runs in with its last snapshot.

use retort_playground::{
    DEFAULT_SQL_SCRIPT, Playground, PythonRun, QUICKSTART_SCRIPT, Request, Snapshot, SqlRun,
    run_sql_script,
};
use std::cell::RefCell;
use std::rc::Rc;
use yew::Reducible;

/// The playground the Python script runs in (one per page; equal only to itself).
#[derive(Clone, Default)]
pub struct PlaygroundCell(pub Rc<RefCell<Playground>>);

impl PartialEq for PlaygroundCell {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for PlaygroundCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PlaygroundCell")
    }
}

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
            Mode::Python => QUICKSTART_SCRIPT,
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
    /// The playground the Python script runs (or steps) in.
    pub playground: PlaygroundCell,
    /// What the playground reported last.
    pub snapshot: Option<Rc<Snapshot>>,
}

impl Default for State {
    fn default() -> Self {
        State {
            mode: Mode::Python,
            python: QUICKSTART_SCRIPT.to_owned(),
            sql: DEFAULT_SQL_SCRIPT.to_owned(),
            python_run: None,
            sql_run: None,
            runs: 0,
            playground: PlaygroundCell::default(),
            snapshot: None,
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

impl State {
    /// Hands `request` to the playground and keeps what it reports.
    fn ask(&mut self, request: Request) {
        let snapshot = self.playground.0.borrow_mut().handle(request);
        self.python_run = Some(PythonRun {
            stdout: snapshot.stdout.clone(),
            stderr: snapshot.stderr.clone(),
            failed: snapshot.failed,
        });
        self.snapshot = Some(Rc::new(snapshot));
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
    /// Run the next top-level statement of the Python script.
    Step,
    /// Run the next step of the named session's flush.
    FlushStep(String),
    /// Run the rest of the named session's flush.
    FlushAll(String),
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
                let source = next.python.clone();
                next.ask(Request::Run { source });
                next.runs += 1;
            }
            (Action::Step, _) => {
                let source = next.python.clone();
                next.ask(Request::Step { source });
            }
            (Action::FlushStep(session), _) => next.ask(Request::FlushStep { session }),
            (Action::FlushAll(session), _) => next.ask(Request::FlushAll { session }),
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
