//! The incident list every page reads: the polled list file and, for Statuspage, the
//! incidents file beside its summary (the history), read when the page loads and again
//! whenever the summary changed, so it costs no request of its own per poll.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::api::{reachable, Bucket, LoadError};
use super::archives::use_archives;
use super::clock::use_clock;
use super::effect::effect_with;
use super::formats::{combine_lists, load_other_formats, needs_other_formats};
use super::locale::use_locale;
use super::poll::{use_polled_with_code, PollOptions, Polled};
use crate::feed::model::{Format, IncidentList};
use crate::feed::FormatChoice;
use crate::overview::{list_overview, Overview};

/// The polled incident list, as every page reads it (a context of its own, apart from the
/// settings: it is the part that changes).
pub fn use_list() -> Polled<IncidentList> {
    expect_context::<Polled<IncidentList>>()
}

/// The list page's overview (active, maintenance, history by day in the reader's zone), now;
/// with the archives the reader opened when `with_archives`.
pub fn use_overview(with_archives: bool) -> Memo<Option<Overview>> {
    let (list, clock, locale, archives) = (use_list(), use_clock(), use_locale(), use_archives());
    Memo::new(move |_| {
        list.data.get().map(|list| {
            let now = clock.minute.get();
            let zone_at = locale.zone_offsets();
            if with_archives {
                archives.with_shown(|archived| list_overview(&list, archived, now, zone_at))
            } else {
                list_overview(&list, [], now, zone_at)
            }
        })
    })
}

/// The page is drawn once the first answer about the list is in, and the reader's language,
/// so it appears with its data and in its words in one go rather than empty or in English
/// first (js/early.js has usually fetched the list by now); a slow data server or catalogue
/// gets `wait` before the page is drawn without it.
pub fn use_first_answer(list: Polled<IncidentList>, wait: std::time::Duration) -> Memo<bool> {
    let locale = use_locale();
    let waited = RwSignal::new(false);
    set_timeout(
        move || {
            waited.try_set(true);
        },
        wait,
    );
    // Once drawn, drawn: a later change of language does not take the page away.
    Memo::new(move |drawn| {
        drawn == Some(&true) || waited.get() || (list.answered() && locale.words_ready())
    })
}

pub fn use_incident_list(options: PollOptions, bucket: &Bucket) -> Polled<IncidentList> {
    // A format other than sitrep's is read by parsers loaded on demand: when config.json
    // names it, they are fetched beside the list rather than after it.
    if needs_other_formats(bucket.format) {
        spawn_local(async {
            _ = load_other_formats().await;
        });
    }
    let live = {
        let parse_with = bucket.clone();
        use_polled_with_code(
            options,
            reachable(bucket.list_url.clone()),
            &bucket.list_file,
            move |bytes| parse_with.parse_list(bytes),
            Some(|| Box::pin(load_other_formats())),
        )
    };
    // The history's last answer; until the first, a Statuspage list is not shown, so its
    // history does not arrive later as if every past incident were new.
    let history = RwSignal::new(None::<Option<Arc<IncidentList>>>);
    let history_error = RwSignal::new(None::<LoadError>);
    let fetch_history = {
        let bucket = bucket.clone();
        move || {
            let bucket = bucket.clone();
            spawn_local(async move {
                match bucket.statuspage_history().await {
                    Ok(list) => {
                        history.try_set(Some(Some(Arc::new(list))));
                        history_error.try_set(None);
                    }
                    Err(error) => {
                        history.try_update(|h| *h = Some(h.take().flatten()));
                        history_error.try_set(Some(error));
                    }
                }
            });
        }
    };
    // A page configured for Statuspage asks for both files at once.
    let asked_early = bucket.format == FormatChoice::Statuspage;
    if asked_early {
        fetch_history();
    }
    effect_with(move |previous: Option<bool>| {
        let is_statuspage = live.data.with(|list| {
            list.as_ref()
                .is_some_and(|list| list.format == Format::Statuspage)
        });
        let first_summary = previous != Some(true);
        if is_statuspage && !(first_summary && asked_early) {
            fetch_history();
        }
        is_statuspage
    });
    // Compared by pointer: the polled list was already compared by value when it arrived.
    let data = Memo::new_with_compare(
        move |_| {
            let live = live.data.get()?;
            if live.format != Format::Statuspage {
                return Some(live);
            }
            let history = history.get()?;
            Some(
                history
                    .and_then(|history| combine_lists(&live, &history))
                    .map_or(live, Arc::new),
            )
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
