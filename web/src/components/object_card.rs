//! One object as a card: class, state badge, the names the script bound it to, identity key,
//! attribute values (modified ones highlighted, expired ones marked) and loaded relationships.

use crate::components::StateBadge;
use crate::labels::{object_label, object_names};
use retort::session::ObjectSnapshot;
use retort_playground::Snapshot;
use std::rc::Rc;
use yew::prelude::*;

/// Props for [`ObjectCard`].
#[derive(Properties, PartialEq)]
pub struct ObjectCardProps {
    /// The object.
    pub object: ObjectSnapshot,
    /// The snapshot it comes from (to name related objects).
    pub snapshot: Rc<Snapshot>,
    /// Whether the last action changed its state.
    pub changed: bool,
}

/// An object card.
#[function_component(ObjectCard)]
pub fn object_card(props: &ObjectCardProps) -> Html {
    let o = &props.object;
    let names = object_names(&props.snapshot, o.id);
    let state_class = crate::labels::state_name(o.state);
    html! {
        <article class={classes!("object-card", state_class, props.changed.then_some("changed"))}
            data-object={o.id.to_string()}>
            <header class="object-head">
                <span class="object-class">{ object_label(&props.snapshot, o.id) }</span>
                if !names.is_empty() {
                    <span class="object-names" title="module-level names">{ names }</span>
                }
                <StateBadge state={o.state} />
            </header>
            <div class="object-key">
                if let Some(key) = &o.identity_key {
                    <code title="inspect(obj).identity_key">{ key }</code>
                } else {
                    <span class="muted">{ "no identity key yet" }</span>
                }
                if o.marked_deleted {
                    <span class="badge marked">{ "marked for deletion" }</span>
                }
            </div>
            <table class="attrs">
                <tbody>
                    { for o.attributes.iter().map(|a| {
                        let value = match (&a.value, a.expired) {
                            (Some(v), _) => html! { <code>{ v }</code> },
                            (None, true) => html! { <span class="expired">{ "expired" }</span> },
                            (None, false) => html! { <span class="unset">{ "not set" }</span> },
                        };
                        html! {
                            <tr class={classes!(a.modified.then_some("modified"))}>
                                <th>{ &a.name }</th>
                                <td>{ value }</td>
                                <td class="flag">{ if a.modified { "modified" } else { "" } }</td>
                            </tr>
                        }
                    }) }
                    { for o.relationships.iter().map(|r| html! {
                        <tr class="relationship">
                            <th>{ &r.name }</th>
                            <td colspan="2">
                                if r.objects.is_empty() {
                                    <span class="unset">{ "[]" }</span>
                                }
                                { for r.objects.iter().map(|&id| html! {
                                    <span class="chip">{ object_label(&props.snapshot, id) }</span>
                                }) }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </article>
    }
}
