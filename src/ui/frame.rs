//! Work that can wait until the page has painted.

use crate::batches::Batches;

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

/// Draws a long view a batch per frame, each after the one before is painted: `draw(n)` adds
/// up to `n` items and says whether any are left. `batches` sizes each batch by how long the
/// frames before took, so a fast machine is done in a few frames and a slow one never stalls.
pub fn draw_in_batches(mut batches: Batches, mut draw: impl FnMut(usize) -> bool + 'static) {
    after_next_paint(move || {
        if draw(batches.next(clock_ms())) {
            draw_in_batches(batches, draw);
        }
    });
}

#[cfg(target_arch = "wasm32")]
fn clock_ms() -> f64 {
    super::clock::now().millis() as f64
}

/// Without a browser every batch is drawn at once: no frame to time.
#[cfg(not(target_arch = "wasm32"))]
fn clock_ms() -> f64 {
    0.0
}
