//! The SQL editor: a text area, Run, and a way back to the example.

use web_sys::{HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

/// Props for [`SqlEditor`].
#[derive(Properties, PartialEq)]
pub struct SqlEditorProps {
    /// The script shown.
    pub script: String,
    /// Called with the new text on every edit.
    pub on_edit: Callback<String>,
    /// Called when the learner asks to run (button or Ctrl+Enter).
    pub on_run: Callback<()>,
    /// Called to put the example script back.
    pub on_example: Callback<()>,
}

/// The SQL editor panel.
#[function_component(SqlEditor)]
pub fn sql_editor(props: &SqlEditorProps) -> Html {
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
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_run.emit(());
            }
        })
    };
    let onclick_run = props.on_run.reform(|_: MouseEvent| ());
    let onclick_example = props.on_example.reform(|_: MouseEvent| ());
    html! {
        <section class="panel editor">
            <div class="panel-head">
                <h2>{ "SQL" }</h2>
                <div class="buttons">
                    <button id="load-example" class="secondary" onclick={onclick_example}>{ "Example" }</button>
                    <button id="run" class="primary" onclick={onclick_run} title="Ctrl+Enter">{ "Run ▶" }</button>
                </div>
            </div>
            <textarea id="sql" spellcheck="false" aria-label="SQL script"
                value={props.script.clone()} {oninput} {onkeydown} />
        </section>
    }
}
