//! sitrep: a static status page. The modules here are plain Rust (tested natively); the
//! app's components live in `ui`, run in the browser (wasm32) and render natively for
//! `sitrep snapshot`; the command-line publisher in `cli` is only built natively.

// Natively (ssr) the components' nested view types are deep enough to need more than the default.
#![recursion_limit = "256"]

pub mod batches;
pub mod changes;
pub mod components;
pub mod config;
pub mod content;
pub mod embed;
pub mod feed;
pub mod i18n;
pub mod load_error;
pub mod overview;
pub mod route;
pub mod schedule;
pub mod sort;
pub mod time;
pub mod wording;

pub mod ui;

/// The `sitrep` command-line publisher: native only, so none of it reaches the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
