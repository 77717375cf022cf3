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

/// Runs `work` once the next frame is painted and the browser is idle (Safari has no idle
/// callback: there, right after the paint). For work a reader may want soon that must not
/// stand between data and its first paint.
#[cfg(target_arch = "wasm32")]
pub fn when_idle(work: impl Fn() + Clone + 'static) {
    use leptos::prelude::{request_idle_callback_with_handle, set_timeout};
    after_next_paint(move || {
        if request_idle_callback_with_handle(work.clone()).is_err() {
            set_timeout(work, std::time::Duration::ZERO);
        }
    });
}

/// Without a browser there is no idle time: the work is part of the render.
#[cfg(not(target_arch = "wasm32"))]
pub fn when_idle(work: impl Fn() + Clone + 'static) {
    work();
}
