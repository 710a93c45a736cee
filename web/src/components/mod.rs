//! The page's panels, one component per file.

mod echo_log;
mod error_banner;
mod results;
mod sql_editor;

pub use echo_log::EchoLog;
pub use error_banner::ErrorBanner;
pub use results::Results;
pub use sql_editor::SqlEditor;
