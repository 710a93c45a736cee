//! The state badge: an object's state as a colour-coded pill.

use crate::labels::state_name;
use retort::session::ObjectState;
use yew::prelude::*;

/// Props for [`StateBadge`].
#[derive(Properties, PartialEq)]
pub struct StateBadgeProps {
    /// The state shown.
    pub state: ObjectState,
}

/// `transient`, `pending`, `persistent`, `deleted` or `detached`, each in its colour.
#[function_component(StateBadge)]
pub fn state_badge(props: &StateBadgeProps) -> Html {
    let name = state_name(props.state);
    html! { <span class={classes!("badge", "state", name)}>{ name }</span> }
}
