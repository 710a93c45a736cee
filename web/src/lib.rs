//! Retort's page: a Yew app that hands what the learner typed to the playground and shows what
//! came back. It holds no ORM logic and builds no SQL.
//!
//! # Where to find things
//! - [`state`]: the page's one state value, its actions and reducer.
//! - [`app`]: the top component; owns the reducer and lays out the panels.
//! - [`components`]: one panel per file.
//! - [`labels`]: how panels name objects, states and flush steps.

pub mod app;
pub mod components;
pub mod labels;
pub mod state;

pub use app::App;
