//! The tabs that switch the editor between Python and SQL.

use crate::state::Mode;
use yew::prelude::*;

/// Props for [`ModeTabs`].
#[derive(Properties, PartialEq)]
pub struct ModeTabsProps {
    /// The language shown now.
    pub mode: Mode,
    /// Called with the language the learner picks.
    pub on_switch: Callback<Mode>,
}

/// One tab per language; the shown one is selected.
#[function_component(ModeTabs)]
pub fn mode_tabs(props: &ModeTabsProps) -> Html {
    let tab = |mode: Mode| {
        let selected = props.mode == mode;
        let onclick = props.on_switch.reform(move |_: MouseEvent| mode);
        html! {
            <button id={format!("mode-{}", mode.id())} role="tab"
                class={classes!("tab", selected.then_some("selected"))}
                aria-selected={selected.to_string()} {onclick}>
                { mode.title() }
            </button>
        }
    };
    html! {
        <nav class="tabs" role="tablist" aria-label="Language">
            { tab(Mode::Python) }
            { tab(Mode::Sql) }
        </nav>
    }
}
