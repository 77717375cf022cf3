//! Turning feed text into HTML that is safe to sanitise and show.

pub mod markdown;
pub mod url;
