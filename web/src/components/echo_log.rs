//! The echo log: what `create_engine(..., echo=True)` would have printed.

use retort::engine::echo::{EchoKind, EchoLine};
use yew::prelude::*;

/// Props for [`EchoLog`].
#[derive(Properties, PartialEq)]
pub struct EchoLogProps {
    /// The log lines, oldest first.
    pub lines: Vec<EchoLine>,
    /// The panel's title.
    #[prop_or(AttrValue::Static("SQL log"))]
    pub title: AttrValue,
    /// What the log is, in a few words.
    #[prop_or(AttrValue::Static("echo=True"))]
    pub hint: AttrValue,
}

/// Shows the engine's log in SQLAlchemy's format.
#[function_component(EchoLog)]
pub fn echo_log(props: &EchoLogProps) -> Html {
    html! {
        <section class="panel echo">
            <div class="panel-head">
                <h2>{ &props.title }</h2>
                <span class="hint">{ &props.hint }</span>
            </div>
            <pre class="echo-lines">
                { for props.lines.iter().map(|line| {
                    let kind = match line.kind {
                        EchoKind::Transaction => "tx",
                        EchoKind::Rollback => "tx rollback",
                        EchoKind::Parameters => "params",
                        EchoKind::Statement => "sql",
                        EchoKind::Debug => "debug",
                    };
                    html! {
                        <div class={classes!("echo-line", kind)}>
                            <span class="echo-prefix">{ line.prefix() }</span>
                            <span class="echo-message">{ &line.message }</span>
                        </div>
                    }
                }) }
            </pre>
        </section>
    }
}
