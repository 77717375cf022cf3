//! Work that can wait until the page has painted.

/// Runs `work` after the next frame is painted, not inside it: that frame shows what was
/// drawn before, and `work` does not delay it.
#[cfg(target_arch = "wasm32")]
pub fn after_next_paint(work: impl FnOnce() + 'static) {
    use leptos::prelude::{request_animation_frame, set_timeout};
    request_animation_frame(move || set_timeout(work, std::time::Duration::ZERO));
}

/// Rendered without a browser (a snapshot) there is no later frame: the work is part of it.
#[cfg(not(target_arch = "wasm32"))]
pub fn after_next_paint(work: impl FnOnce() + 'static) {
    work();
}
