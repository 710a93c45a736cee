//! The page's state: the script being edited and the last run's report.

use retort_playground::{DEFAULT_SQL_SCRIPT, SqlRun, run_sql_script};
use std::rc::Rc;
use yew::Reducible;

/// Everything the page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The SQL in the editor.
    pub script: String,
    /// The report of the last run, if there was one.
    pub last_run: Option<SqlRun>,
    /// How many runs so far (lets panels tell a new run from the same one).
    pub runs: u32,
}

impl Default for State {
    fn default() -> Self {
        State {
            script: DEFAULT_SQL_SCRIPT.to_owned(),
            last_run: None,
            runs: 0,
        }
    }
}

/// What the learner can do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The editor's text changed.
    Edit(String),
    /// Run the script against a fresh database.
    Run,
    /// Put the example script back.
    LoadExample,
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Edit(script) => next.script = script,
            Action::Run => {
                next.last_run = Some(run_sql_script(&next.script));
                next.runs += 1;
            }
            Action::LoadExample => next.script = DEFAULT_SQL_SCRIPT.to_owned(),
        }
        Rc::new(next)
    }
}
