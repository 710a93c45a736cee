//! The page's panels, one component per file.

mod console;
mod echo_log;
mod editor;
mod error_banner;
mod identity_map;
mod mode_tabs;
mod object_card;
mod objects;
mod results;
mod state_badge;
mod uow_queue;

pub use console::Console;
pub use echo_log::EchoLog;
pub use editor::Editor;
pub use error_banner::ErrorBanner;
pub use identity_map::IdentityMap;
pub use mode_tabs::ModeTabs;
pub use object_card::ObjectCard;
pub use objects::Objects;
pub use results::Results;
pub use state_badge::StateBadge;
pub use uow_queue::UowQueue;
