//! The reader's clock and time zone choice (local or UTC, remembered in localStorage).

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::time::{Timestamp, Zone};

const UTC_KEY: &str = "sitrep.utc";
/// Relative times ("3 min ago") tick at this pace without refetching anything.
const TICK: Duration = Duration::from_secs(15);

pub fn now() -> Timestamp {
    Timestamp::from_millis(js_sys::Date::now() as i64)
}

#[derive(Clone, Copy)]
pub struct Clock {
    pub now: RwSignal<Timestamp>,
    pub utc: RwSignal<bool>,
}

impl Clock {
    /// Creates the clock for the app and starts its tick.
    pub fn start() -> Clock {
        let clock = Clock {
            now: RwSignal::new(now()),
            utc: RwSignal::new(stored_utc().unwrap_or(false)),
        };
        if let Ok(handle) = set_interval_with_handle(move || clock.now.set(now()), TICK) {
            on_cleanup(move || handle.clear());
        }
        clock
    }

    /// The zone to show `at` in (tracks the UTC choice).
    pub fn zone_at(self, at: Timestamp) -> Zone {
        if self.utc.get() {
            Zone::UTC
        } else {
            local_zone_at(at)
        }
    }

    pub fn set_utc(self, utc: bool) {
        self.utc.set(utc);
        if let Some(storage) = local_storage() {
            // Storage can be full or blocked (private mode, sandboxed frames): the choice then
            // lasts for this visit only.
            let _ = storage.set_item(UTC_KEY, if utc { "1" } else { "0" });
        }
    }
}

/// The reader's UTC offset at that instant (it changes with daylight saving time).
pub fn local_zone_at(at: Timestamp) -> Zone {
    let date = js_sys::Date::new(&JsValue::from_f64(at.millis() as f64));
    Zone::fixed(-(date.get_timezone_offset() as i32))
}

pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn stored_utc() -> Option<bool> {
    local_storage()?
        .get_item(UTC_KEY)
        .ok()
        .flatten()
        .map(|v| v == "1")
}

pub fn use_clock() -> Clock {
    expect_context::<Clock>()
}
