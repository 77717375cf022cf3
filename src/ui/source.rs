//! The incident list every page reads: the polled list file and, for Statuspage, the
//! incidents file beside its summary (the history), read when the page loads and again
//! whenever the summary changed, so it costs no request of its own per poll.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::{reachable, Bucket, LoadError};
use super::poll::{use_polled, PollOptions, Polled};
use crate::feed::combine_lists;
use crate::feed::model::{Format, IncidentList};

pub fn use_incident_list(options: PollOptions, bucket: &Bucket) -> Polled<IncidentList> {
    let live = {
        let parse_with = bucket.clone();
        use_polled(
            options,
            reachable(bucket.list_url.clone()),
            &bucket.list_file,
            move |bytes| parse_with.parse_list(bytes),
        )
    };
    let history = RwSignal::new(None::<Arc<IncidentList>>);
    let history_error = RwSignal::new(None::<LoadError>);
    Effect::new({
        let bucket = bucket.clone();
        move |_| {
            let is_statuspage = live.data.with(|list| {
                list.as_ref()
                    .is_some_and(|list| list.format == Format::Statuspage)
            });
            if !is_statuspage {
                return;
            }
            let bucket = bucket.clone();
            spawn_local(async move {
                match bucket.statuspage_history().await {
                    Ok(list) => {
                        history.try_set(Some(Arc::new(list)));
                        history_error.try_set(None);
                    }
                    Err(error) => {
                        history_error.try_set(Some(error));
                    }
                }
            });
        }
    });
    // Compared by pointer: the polled list was already compared by value when it arrived.
    let data = Memo::new_with_compare(
        move |_| {
            let live = live.data.get()?;
            Some(match history.get() {
                Some(history) => Arc::new(combine_lists(&live, &history)),
                None => live,
            })
        },
        |old, new| match (old, new) {
            (Some(Some(old)), Some(Some(new))) => !Arc::ptr_eq(old, new),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    );
    // The history failing leaves the live status on screen, with the reason beside it.
    let error = Signal::derive(move || live.error.get().or_else(|| history_error.get()));
    Polled {
        data: data.into(),
        error,
        fetched_at: live.fetched_at,
    }
}
