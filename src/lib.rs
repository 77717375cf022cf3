//! sitrep: a static status page. The modules here are plain Rust (tested natively); the
//! browser app lives in `ui` and is only built for wasm32; the command-line publisher in `cli`
//! is only built natively.

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

#[cfg(target_arch = "wasm32")]
pub mod ui;

/// The `sitrep` command-line publisher: native only, so none of it reaches the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
