//! The unit-of-work queue: per session, `new` / `dirty` / `deleted` and the flush plan — the
//! ordered steps the next flush runs, each with its reason — with "Flush one step", which
//! drains it step by step (the step just run is highlighted, its SQL goes to the SQL log),
//! and "Flush all".

use crate::labels::{object_label, step_verb};
use retort::session::StepSnapshot;
use retort_playground::{NamedSession, Snapshot};
use std::rc::Rc;
use yew::prelude::*;

/// Props for [`UowQueue`].
#[derive(Properties, PartialEq)]
pub struct UowQueueProps {
    /// What the playground reported last.
    pub snapshot: Rc<Snapshot>,
    /// Runs the next flush step of the named session.
    pub on_flush_step: Callback<String>,
    /// Runs the rest of the named session's flush.
    pub on_flush_all: Callback<String>,
}

/// The unit-of-work panel.
#[function_component(UowQueue)]
pub fn uow_queue(props: &UowQueueProps) -> Html {
    let snap = &props.snapshot;
    html! {
        <section class="panel uow">
            <div class="panel-head"><h2>{ "Unit of work" }</h2></div>
            if snap.sessions.is_empty() {
                <p class="hint">{ "No session yet: once the script binds a Session to a name, its pending changes and the flush that would write them show here." }</p>
            }
            { for snap.sessions.iter().map(|s| session_queue(props, s)) }
        </section>
    }
}

fn session_queue(props: &UowQueueProps, s: &NamedSession) -> Html {
    let snap = &props.snapshot;
    let progress = snap.flush.as_ref().filter(|f| f.session == s.name);
    let (steps, done, error): (&[StepSnapshot], usize, Option<&String>) = match progress {
        Some(f) if f.done < f.steps.len() || s.snapshot.flush_plan.is_empty() => {
            (&f.steps, f.done, f.error.as_ref())
        }
        _ => (&s.snapshot.flush_plan, 0, None),
    };
    let remaining = done < steps.len() && error.is_none();
    let name = s.name.clone();
    let on_step = props
        .on_flush_step
        .reform(move |_: MouseEvent| name.clone());
    let name = s.name.clone();
    let on_all = props.on_flush_all.reform(move |_: MouseEvent| name.clone());
    let view = |title: &str, class: &str, ids: &[usize]| {
        html! {
            <div class={classes!("uow-view", class.to_owned())}>
                <h3>{ format!("{}.{title}", s.name) }<span class="n">{ ids.len() }</span></h3>
                <div class="chips">
                    if ids.is_empty() { <span class="unset">{ "empty" }</span> }
                    { for ids.iter().map(|&id| html! { <span class="chip">{ object_label(snap, id) }</span> }) }
                </div>
            </div>
        }
    };
    html! {
        <div class="session-block" data-session={s.name.clone()}>
            <div class="uow-views">
                { view("new", "new", &s.snapshot.new) }
                { view("dirty", "dirty", &s.snapshot.dirty) }
                { view("deleted", "deleted", &s.snapshot.deleted) }
            </div>
            <div class="plan-head">
                <h3>{ "Flush plan" }</h3>
                <div class="buttons">
                    <button id="flush-step" class="primary" disabled={!remaining} onclick={on_step}
                        title="Run the next step of the flush">{ "Flush one step" }</button>
                    <button id="flush-all" class="secondary" disabled={!remaining} onclick={on_all}>{ "Flush all" }</button>
                </div>
            </div>
            if let Some(err) = &s.snapshot.plan_error {
                <p class="plan-error" role="alert">{ err }</p>
            }
            if steps.is_empty() {
                <p class="hint">{ "Nothing to flush: the session holds no pending changes." }</p>
            } else {
                <ol class="plan">
                    { for steps.iter().enumerate().map(|(i, step)| {
                        let (verb, verb_class) = step_verb(step.kind);
                        let status = if i + 1 == done { "current" } else if i < done { "done" } else { "queued" };
                        html! {
                            <li class={classes!("step", status)}>
                                <span class="step-no">{ if i < done { "✓".to_owned() } else { (i + 1).to_string() } }</span>
                                <div class="step-body">
                                    <div class="step-title">
                                        <span class={classes!("badge", "verb", verb_class)}>{ verb }</span>
                                        <code class="step-table">{ &step.table }</code>
                                        <span class="step-count">{ format!("{} × {}", step.objects.len(), step.class_name) }</span>
                                    </div>
                                    <div class="chips">
                                        { for step.objects.iter().map(|&id| html! { <span class="chip">{ object_label(snap, id) }</span> }) }
                                    </div>
                                    <p class="step-reason">{ &step.reason }</p>
                                </div>
                            </li>
                        }
                    }) }
                </ol>
            }
            if let Some(err) = error {
                <p class="plan-error" role="alert">{ err }</p>
            } else if progress.is_some() && !remaining && !steps.is_empty() {
                <p class="flush-done">{ format!("Flush complete: {} step{} ran.", steps.len(), if steps.len() == 1 { "" } else { "s" }) }</p>
            }
        </div>
    }
}
