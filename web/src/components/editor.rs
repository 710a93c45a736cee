//! The editor: a text area for the shown language, Run, Step (Python: one top-level statement
//! at a time, the statement that ran highlighted and the next one marked), and a way back to
//! the example.

use crate::state::Mode;
use retort_playground::Lines;
use web_sys::{Element, HtmlTextAreaElement, KeyboardEvent};
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
    /// Called to run the next top-level statement (no Step button when absent).
    #[prop_or_default]
    pub on_step: Option<Callback<()>>,
    /// The lines of the statement that ran last (highlighted while stepping).
    #[prop_or_default]
    pub ran: Option<Lines>,
    /// The lines of the statement Step runs next.
    #[prop_or_default]
    pub next: Option<Lines>,
    /// Where stepping stands, in words (`statement 3 of 12`).
    #[prop_or_default]
    pub step_status: Option<AttrValue>,
}

/// The editor's line height and top inset (border + padding), in CSS pixels: the highlight
/// bands are placed with them (styles.css sets the same values).
const LINE_PX: i32 = 20;
const TOP_PX: i32 = 11;

fn band(lines: Lines, class: &'static str, title: String) -> Html {
    let first = i32::try_from(lines.first).unwrap_or(1).max(1);
    let count = i32::try_from(lines.last.saturating_sub(lines.first) + 1).unwrap_or(1);
    let top = TOP_PX + (first - 1) * LINE_PX;
    let style = format!("top:{top}px;height:{}px", count * LINE_PX);
    html! { <div class={classes!("line-band", class)} {style} {title} aria-hidden="true" /> }
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
    // The bands follow the text as it scrolls. They are moved directly, not re-rendered:
    // a render would put the editor's text back from the state while WebDriver's clear()
    // (which fires no input event) has emptied it.
    let bands = use_node_ref();
    let onscroll = {
        let bands = bands.clone();
        Callback::from(move |e: Event| {
            if let (Some(area), Some(layer)) =
                (e.target_dyn_into::<Element>(), bands.cast::<Element>())
            {
                let style = format!("transform:translateY({}px)", -area.scroll_top());
                // Failing leaves the bands where they were: nothing to tell the learner.
                let _ = layer.set_attribute("style", &style);
            }
        })
    };
    let step_button = props.on_step.as_ref().map(|on_step| {
        let onclick = on_step.reform(|_: MouseEvent| ());
        html! { <button id="step" class="secondary" {onclick} title="Run the next top-level statement">{ "Step ▷" }</button> }
    });
    let label = format!("{} script", props.mode.title());
    html! {
        <section class="panel editor">
            <div class="panel-head">
                <h2>{ props.mode.title() }</h2>
                <div class="buttons">
                    <button id="load-example" class="secondary" onclick={onclick_example}>{ "Example" }</button>
                    { for step_button }
                    <button id="run" class="primary" onclick={onclick_run} title="Ctrl+Enter">{ "Run ▶" }</button>
                </div>
            </div>
            if let Some(status) = &props.step_status {
                <div id="step-status" class="step-status">{ status }</div>
            }
            <div class="code-wrap">
                <div class="bands" ref={bands}>
                    if let Some(ran) = props.ran {
                        { band(ran, "ran", format!("ran: line {}", ran.first)) }
                    }
                    if let Some(next) = props.next {
                        { band(next, "next", format!("next: line {}", next.first)) }
                    }
                </div>
                <textarea id={props.mode.id()} spellcheck="false" wrap="off" aria-label={label}
                    value={props.script.clone()} {oninput} {onkeydown} {onscroll} />
            </div>
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
