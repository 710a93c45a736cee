//! The console: what a Python run printed (stdout, the echo log included when the script turns
//! `echo` on) and its stderr (warnings, the traceback), as a terminal would show them.

use retort_playground::PythonRun;
use yew::prelude::*;

/// Props for [`Console`].
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    /// The run to show.
    pub run: PythonRun,
    /// Set while the script is being stepped through: where it stands.
    #[prop_or_default]
    pub paused: Option<AttrValue>,
}

/// Shows a Python run's output.
#[function_component(Console)]
pub fn console(props: &ConsoleProps) -> Html {
    let run = &props.run;
    let status = if run.failed {
        html! { <span class="status failed">{ "ended with an exception" }</span> }
    } else if let Some(paused) = &props.paused {
        html! { <span class="status paused">{ paused }</span> }
    } else {
        html! { <span class="status ok">{ "finished" }</span> }
    };
    html! {
        <section class="panel console">
            <div class="panel-head">
                <h2>{ "Output" }</h2>
                { status }
            </div>
            if run.stdout.is_empty() && run.stderr.is_empty() {
                <p class="hint">{ "The script printed nothing." }</p>
            }
            if !run.stdout.is_empty() {
                <pre class="console-out">{ &run.stdout }</pre>
            }
            if !run.stderr.is_empty() {
                <pre class="console-err" role="alert">{ &run.stderr }</pre>
            }
        </section>
    }
}
