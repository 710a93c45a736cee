//! The top component: owns the state and lays out the panels for the language shown.

use crate::components::{
    Console, EchoLog, Editor, ErrorBanner, IdentityMap, ModeTabs, Objects, Results, UowQueue,
};
use crate::state::{Action, Mode, State};
use yew::prelude::*;

/// The whole page.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let dispatch = |make: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |()| state.dispatch(make()))
    };
    let on_switch = {
        let state = state.clone();
        Callback::from(move |mode: Mode| state.dispatch(Action::SwitchTo(mode)))
    };
    let on_edit = {
        let state = state.clone();
        Callback::from(move |text: String| state.dispatch(Action::Edit(text)))
    };
    let on_run = dispatch(|| Action::Run);
    let on_example = dispatch(|| Action::LoadExample);
    let (on_step, ran, next, step_status) = match state.mode {
        Mode::Python => {
            let stepping = state.snapshot.as_ref().filter(|s| s.statements > 0);
            (
                Some(dispatch(|| Action::Step)),
                stepping.and_then(|s| s.last_lines),
                stepping.and_then(|s| s.next_lines),
                stepping.map(|s| AttrValue::from(step_words(s))),
            )
        }
        Mode::Sql => (None, None, None, None),
    };
    let output = match state.mode {
        Mode::Python => python_output(&state),
        Mode::Sql => sql_output(&state),
    };
    html! {
        <div class={classes!("app", (state.mode == Mode::Python).then_some("python"))}>
            <header class="masthead">
                <h1>{ "Retort" }</h1>
                <p class="tagline">
                    { "SQLAlchemy's ORM and engine, running on a real SQLite in your browser." }
                </p>
            </header>
            <ModeTabs mode={state.mode} {on_switch} />
            <main class="panels">
                <Editor mode={state.mode} script={state.script().to_owned()} {on_edit} {on_run}
                    {on_example} {on_step} {ran} {next} {step_status} />
                <section class="output">{ output }</section>
            </main>
        </div>
    }
}

/// Where stepping stands: `statement 3 of 12 ran (line 41) · next: line 45`.
fn step_words(s: &retort_playground::Snapshot) -> String {
    let ran = match s.last_lines {
        Some(l) if l.last > l.first => format!(" (lines {}–{})", l.first, l.last),
        Some(l) => format!(" (line {})", l.first),
        None => String::new(),
    };
    let next = match s.next_lines {
        Some(l) => format!(" · next: line {}", l.first),
        None => " · done".to_owned(),
    };
    format!("statement {} of {} ran{ran}{next}", s.ran, s.statements)
}

fn python_output(state: &UseReducerHandle<State>) -> Html {
    let (Some(run), Some(snapshot)) = (&state.python_run, &state.snapshot) else {
        return html! {
            <p class="hint">{ "Press Run (or Ctrl+Enter) to run the script, or Step to run it one top-level statement at a time. Each run starts a fresh interpreter with empty in-memory databases; what it prints, the SQL log included when echo is on, appears here, with the session's objects, identity map and unit of work." }</p>
        };
    };
    let paused = (snapshot.next_lines.is_some() && snapshot.statements > 0).then(|| {
        AttrValue::from(format!(
            "paused at statement {} of {}",
            snapshot.ran, snapshot.statements
        ))
    });
    let on_flush_step = {
        let state = state.clone();
        Callback::from(move |name: String| state.dispatch(Action::FlushStep(name)))
    };
    let on_flush_all = {
        let state = state.clone();
        Callback::from(move |name: String| state.dispatch(Action::FlushAll(name)))
    };
    html! {
        <div class="inspect">
            <div class="stack">
                <Console run={run.clone()} {paused} />
                <UowQueue snapshot={snapshot.clone()} {on_flush_step} {on_flush_all} />
                if !snapshot.sql_log.is_empty() {
                    <EchoLog lines={snapshot.sql_log.clone()} title="Flush SQL" hint="flushed step by step" />
                }
            </div>
            <div class="stack">
                <Objects snapshot={snapshot.clone()} />
                <IdentityMap snapshot={snapshot.clone()} />
            </div>
        </div>
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
