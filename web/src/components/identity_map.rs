//! The identity map panel: each session's identity key → object, as `session.identity_map`
//! holds them.

use crate::labels::{object_label, object_names};
use retort_playground::Snapshot;
use std::rc::Rc;
use yew::prelude::*;

/// Props for [`IdentityMap`].
#[derive(Properties, PartialEq)]
pub struct IdentityMapProps {
    /// What the playground reported last.
    pub snapshot: Rc<Snapshot>,
}

/// The identity map panel.
#[function_component(IdentityMap)]
pub fn identity_map(props: &IdentityMapProps) -> Html {
    let snap = &props.snapshot;
    html! {
        <section class="panel identity-map">
            <div class="panel-head"><h2>{ "Identity map" }</h2></div>
            if snap.sessions.is_empty() {
                <p class="hint">{ "No session yet." }</p>
            }
            { for snap.sessions.iter().map(|s| html! {
                <div class="session-block">
                    if snap.sessions.len() > 1 {
                        <h3 class="session-name">{ &s.name }</h3>
                    }
                    if s.snapshot.identity_map.is_empty() {
                        <p class="hint">{ format!("{}.identity_map is empty.", s.name) }</p>
                    } else {
                        <table class="identity">
                            <thead><tr><th>{ "identity key" }</th><th>{ "object" }</th></tr></thead>
                            <tbody>
                                { for s.snapshot.identity_map.iter().map(|e| {
                                    let names = object_names(snap, e.object);
                                    html! {
                                        <tr>
                                            <td><code>{ &e.key }</code></td>
                                            <td>
                                                <span class="chip">{ object_label(snap, e.object) }</span>
                                                if !names.is_empty() { <span class="object-names">{ names }</span> }
                                            </td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    }
                </div>
            }) }
        </section>
    }
}
