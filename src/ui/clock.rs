//! The reader's clock: relative times ("3 min ago") tick without refetching anything.

use std::time::Duration;

use leptos::prelude::*;

use crate::time::Timestamp;

const TICK: Duration = Duration::from_secs(15);

pub fn now() -> Timestamp {
    Timestamp::from_millis(js_sys::Date::now() as i64)
}

#[derive(Clone, Copy)]
pub struct Clock {
    now: RwSignal<Timestamp>,
    /// `now` to the minute: what relative times and the list's grouping follow, so a tick
    /// that does not change the minute recomputes nothing.
    pub minute: Memo<Timestamp>,
}

impl Clock {
    /// Creates the clock for the app and starts its tick.
    pub fn start() -> Clock {
        let current = RwSignal::new(now());
        let clock = Clock {
            now: current,
            minute: Memo::new(move |_| current.get().start_of_minute()),
        };
        if let Ok(handle) = set_interval_with_handle(move || clock.now.set(now()), TICK) {
            on_cleanup(move || handle.clear());
        }
        clock
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// A clock stopped at `at`: a snapshot is rendered for one instant.
    pub fn fixed(at: Timestamp) -> Clock {
        let current = RwSignal::new(at);
        Clock {
            now: current,
            minute: Memo::new(move |_| current.get().start_of_minute()),
        }
    }
}

pub fn use_clock() -> Clock {
    expect_context::<Clock>()
}

/// localStorage, when the browser allows it (not in some private modes and sandboxed frames).
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
