//! Effects through one copy of Leptos's effect loop.
//!
//! `Effect::new` compiles its loop (a task that waits for a change, then runs the body) once
//! per closure type: about 700 bytes of wasm for each effect. Boxed, every effect shares one.

use leptos::prelude::*;

/// Runs `body` once the view is built, then again whenever a signal it read changes.
pub fn effect(body: impl FnMut() + 'static) {
    let mut body: Box<dyn FnMut()> = Box::new(body);
    Effect::new(move |_| body());
}

/// [`effect`] with what `body` returned the last time it ran (`None` the first time).
pub fn effect_with<T: 'static>(mut body: impl FnMut(Option<T>) -> T + 'static) {
    let mut last = None;
    effect(move || last = Some(body(last.take())));
}
