//! The editor: a text area for the shown language, Run, and a way back to the example.

use crate::state::Mode;
use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

/// Props for [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The language being edited (its title, element id and label).
    pub mode: Mode,
    /// The script shown.
    pub script: String,
    /// Called with the new text on every edit.
    pub on_edit: Callback<String>,
    /// Called when the learner asks to run (button or Ctrl+Enter).
    pub on_run: Callback<()>,
    /// Called to put the example script back.
    pub on_example: Callback<()>,
}

/// The editor panel.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let oninput = {
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                on_edit.emit(area.value());
            }
        })
    };
    let onkeydown = {
        let on_run = props.on_run.clone();
        let on_edit = props.on_edit.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_run.emit(());
            } else if e.key() == "Tab"
                && !(e.ctrl_key() || e.meta_key() || e.alt_key() || e.shift_key())
            {
                // Python is indented: Tab indents (four spaces) instead of leaving the editor.
                if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
                    e.prevent_default();
                    indent(&area);
                    on_edit.emit(area.value());
                }
            }
        })
    };
    let onclick_run = props.on_run.reform(|_: MouseEvent| ());
    let onclick_example = props.on_example.reform(|_: MouseEvent| ());
    let label = format!("{} script", props.mode.title());
    html! {
        <section class="panel editor">
            <div class="panel-head">
                <h2>{ props.mode.title() }</h2>
                <div class="buttons">
                    <button id="load-example" class="secondary" onclick={onclick_example}>{ "Example" }</button>
                    <button id="run" class="primary" onclick={onclick_run} title="Ctrl+Enter">{ "Run ▶" }</button>
                </div>
            </div>
            <textarea id={props.mode.id()} spellcheck="false" wrap="off" aria-label={label}
                value={props.script.clone()} {oninput} {onkeydown} />
        </section>
    }
}

/// Replaces the selection (or inserts at the cursor) with four spaces, leaving the cursor after
/// them, as a code editor's Tab does.
fn indent(area: &HtmlTextAreaElement) {
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    // A failure leaves the text as it was: nothing to report to the learner.
    let _ = area.set_range_text_with_start_and_end_and_mode("    ", start, end, "end");
}
