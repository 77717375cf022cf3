//! Keeping a file current: load it now and again every interval, keep the last good data when
//! a load fails, and only touch the data signal when the content really changed.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::LoadError;
use super::clock::now;
use crate::time::Timestamp;

pub struct Polled<T: Send + Sync + 'static> {
    pub data: RwSignal<Option<Arc<T>>>,
    /// The last load's error; cleared by the next success.
    pub error: RwSignal<Option<LoadError>>,
    /// When the data was last confirmed current.
    pub fetched_at: RwSignal<Option<Timestamp>>,
}

impl<T: Send + Sync + 'static> Clone for Polled<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Polled<T> {}

/// Starts polling with `load`; stops when the calling component is unmounted.
pub fn use_polled<T, F, Fut>(interval: Duration, load: F) -> Polled<T>
where
    T: PartialEq + Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, LoadError>> + 'static,
{
    let polled = Polled {
        data: RwSignal::new(None),
        error: RwSignal::new(None),
        fetched_at: RwSignal::new(None),
    };
    let in_flight = Rc::new(Cell::new(false));
    let load = Rc::new(load);
    let tick = move || {
        // A slow response must not pile up requests behind it.
        if in_flight.replace(true) {
            return;
        }
        let (load, in_flight) = (Rc::clone(&load), Rc::clone(&in_flight));
        spawn_local(async move {
            let result = load().await;
            in_flight.set(false);
            polled.apply(result);
        });
    };
    tick();
    if let Ok(handle) = set_interval_with_handle(tick, interval) {
        on_cleanup(move || handle.clear());
    }
    polled
}

impl<T: PartialEq + Send + Sync + 'static> Polled<T> {
    fn apply(self, result: Result<T, LoadError>) {
        match result {
            Ok(value) => {
                let changed = self
                    .data
                    .try_with_untracked(|old| old.as_deref() != Some(&value))
                    .unwrap_or(false);
                if changed {
                    self.data.try_set(Some(Arc::new(value)));
                }
                if self.error.try_with_untracked(Option::is_some) == Some(true) {
                    self.error.try_set(None);
                }
                self.fetched_at.try_set(Some(now()));
            }
            Err(error) => {
                self.error.try_set(Some(error));
            }
        }
    }
}
