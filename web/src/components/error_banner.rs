//! The error banner: which statement failed, where, and SQLite's message.

use retort_playground::RunError;
use yew::prelude::*;

/// Props for [`ErrorBanner`].
#[derive(Properties, PartialEq)]
pub struct ErrorBannerProps {
    /// The error to show.
    pub error: RunError,
}

/// Shows the error that stopped a run, as SQLAlchemy would raise it.
#[function_component(ErrorBanner)]
pub fn error_banner(props: &ErrorBannerProps) -> Html {
    let e = &props.error;
    html! {
        <div class="panel error" role="alert">
            <div class="error-title">
                <span class="error-class">{ format!("sqlalchemy.exc.{}", e.class_name) }</span>
                if e.statement > 0 {
                    <span class="error-where">{ format!("statement {}, line {}", e.statement, e.line) }</span>
                }
            </div>
            <p class="error-message">{ &e.sqlite_message }</p>
            <pre class="error-full">{ &e.full_message }</pre>
            <p class="hint">{ "Everything this run did was rolled back. Fix the script and run it again." }</p>
        </div>
    }
}
