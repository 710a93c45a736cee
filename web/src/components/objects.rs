//! The objects panel: every ORM object the script created or loaded, as cards, in creation
//! order, with a count per state.

use crate::components::ObjectCard;
use crate::labels::state_name;
use retort::session::ObjectState;
use retort_playground::Snapshot;
use std::rc::Rc;
use yew::prelude::*;

/// At most this many cards are drawn (a script that loads thousands of rows would make the
/// page crawl); the count says how many there are.
const MAX_CARDS: usize = 120;

/// Props for [`Objects`].
#[derive(Properties, PartialEq)]
pub struct ObjectsProps {
    /// What the playground reported last.
    pub snapshot: Rc<Snapshot>,
}

/// The objects panel.
#[function_component(Objects)]
pub fn objects(props: &ObjectsProps) -> Html {
    let snap = &props.snapshot;
    let counts: Vec<(ObjectState, usize)> = [
        ObjectState::Transient,
        ObjectState::Pending,
        ObjectState::Persistent,
        ObjectState::Deleted,
        ObjectState::Detached,
    ]
    .into_iter()
    .map(|s| (s, snap.objects.iter().filter(|o| o.state == s).count()))
    .filter(|(_, n)| *n > 0)
    .collect();
    html! {
        <section class="panel objects">
            <div class="panel-head">
                <h2>{ "Objects" }</h2>
                <span class="counts">
                    { for counts.iter().map(|(s, n)| html! {
                        <span class={classes!("count", state_name(*s))}>{ format!("{n} {}", state_name(*s)) }</span>
                    }) }
                </span>
            </div>
            if !snap.changes.is_empty() {
                <div class="transitions" aria-label="state changes">
                    { for snap.changes.iter().take(12).map(|c| html! {
                        <span class="transition">
                            <span class="chip">{ format!("{}#{}", c.class_name, c.object) }</span>
                            <span class={classes!("from", c.from.map(state_name))}>{ c.from.map_or("new", state_name) }</span>
                            { " → " }
                            <span class={classes!("to", state_name(c.to))}>{ state_name(c.to) }</span>
                        </span>
                    }) }
                    if snap.changes.len() > 12 {
                        <span class="hint">{ format!("+{} more", snap.changes.len() - 12) }</span>
                    }
                </div>
            }
            if snap.objects.is_empty() {
                <p class="hint">{ "No ORM objects yet: create instances of mapped classes and add them to a session." }</p>
            }
            <div class="object-grid">
                { for snap.objects.iter().take(MAX_CARDS).map(|o| {
                    let changed = snap.changes.iter().any(|c| c.object == o.id);
                    html! { <ObjectCard object={o.clone()} snapshot={snap.clone()} {changed} /> }
                }) }
            </div>
            if snap.objects.len() > MAX_CARDS {
                <p class="hint">{ format!("… and {} more objects.", snap.objects.len() - MAX_CARDS) }</p>
            }
        </section>
    }
}
