//! The top component: owns the state and lays out the panels.

use crate::components::{EchoLog, ErrorBanner, Results, SqlEditor};
use crate::state::{Action, State};
use yew::prelude::*;

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Edit(text)))
    };
    let on_run = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::Run))
    };
    let on_example = {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(Action::LoadExample))
    };
    let run = state.last_run.clone();
    html! {
        <div class="app">
            <header class="masthead">
                <h1>{ "Retort" }</h1>
                <p class="tagline">
                    { "SQL and SQLAlchemy's engine, running on a real SQLite in your browser." }
                </p>
            </header>
            <main class="panels">
                <SqlEditor script={state.script.clone()} {on_edit} {on_run} {on_example} />
                <section class="output">
                    if let Some(run) = run {
                        if let Some(error) = run.error.clone() {
                            <ErrorBanner {error} />
                        }
                        <Results statements={run.statements.clone()} failed={run.error.is_some()} />
                        <EchoLog lines={run.echo.clone()} />
                    } else {
                        <p class="hint">{ "Press Run (or Ctrl+Enter) to run the script. Each run starts from an empty in-memory database." }</p>
                    }
                </section>
            </main>
        </div>
    }
}
