//! The top component: owns the state and lays out the panels for the language shown.

use crate::components::{Console, EchoLog, Editor, ErrorBanner, ModeTabs, Results};
use crate::state::{Action, Mode, State};
use yew::prelude::*;

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let on_switch = {
        let state = state.clone();
        Callback::from(move |mode: Mode| state.dispatch(Action::SwitchTo(mode)))
    };
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
    let output = match state.mode {
        Mode::Python => python_output(&state),
        Mode::Sql => sql_output(&state),
    };
    html! {
        <div class="app">
            <header class="masthead">
                <h1>{ "Retort" }</h1>
                <p class="tagline">
                    { "SQLAlchemy's ORM and engine, running on a real SQLite in your browser." }
                </p>
            </header>
            <ModeTabs mode={state.mode} {on_switch} />
            <main class="panels">
                <Editor mode={state.mode} script={state.script().to_owned()} {on_edit} {on_run} {on_example} />
                <section class="output">{ output }</section>
            </main>
        </div>
    }
}

fn python_output(state: &State) -> Html {
    match &state.python_run {
        Some(run) => html! { <Console run={run.clone()} /> },
        None => html! {
            <p class="hint">{ "Press Run (or Ctrl+Enter) to run the script. Each run starts a fresh interpreter with empty in-memory databases; what it prints, the SQL log included when echo is on, appears here." }</p>
        },
    }
}

fn sql_output(state: &State) -> Html {
    match &state.sql_run {
        Some(run) => html! {
            <>
                if let Some(error) = run.error.clone() {
                    <ErrorBanner {error} />
                }
                <Results statements={run.statements.clone()} failed={run.error.is_some()} />
                <EchoLog lines={run.echo.clone()} />
            </>
        },
        None => html! {
            <p class="hint">{ "Press Run (or Ctrl+Enter) to run the script. Each run starts from an empty in-memory database." }</p>
        },
    }
}
