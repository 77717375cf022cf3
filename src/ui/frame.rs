//! Work that can wait until the page has painted.

use std::time::Duration;

use leptos::prelude::{request_animation_frame, set_timeout};

/// Runs `work` after the next frame is painted, not inside it: that frame shows what was
/// drawn before, and `work` does not delay it.
pub fn after_next_paint(work: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(work, Duration::ZERO));
}
