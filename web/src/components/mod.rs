//! The page's panels, one component per file.

mod console;
mod echo_log;
mod editor;
mod error_banner;
mod mode_tabs;
mod results;

pub use console::Console;
pub use echo_log::EchoLog;
pub use editor::Editor;
pub use error_banner::ErrorBanner;
pub use mode_tabs::ModeTabs;
pub use results::Results;
