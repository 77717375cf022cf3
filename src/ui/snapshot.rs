//! The list page rendered natively, for `sitrep snapshot`: the same components the live page
//! draws, given the data instead of fetching it, worded without a browser (UTC, absolute
//! times, the configured language).

use leptos::prelude::*;

pub use super::api::Bucket;
use super::archives::Archives;
use super::chunks::LaterParts;
use super::clock::Clock;
use super::live::Live;
use super::locale::Locale;
use super::location::Location;
use super::page::Page;
use super::poll::Polled;
use super::settings::Settings;
use crate::config::Config;
use crate::content::url::page_relative_url;
use crate::feed::model::IncidentList;
use crate::i18n::Messages;
use crate::route::{Query, Route};
use crate::time::Timestamp;

/// What a snapshot shows: `list` as fetched at `now`, under `config`'s settings.
pub struct Snapshot {
    pub config: Config,
    pub bucket: Bucket,
    pub list: IncidentList,
    pub messages: Messages,
    pub now: Timestamp,
}

/// The page's markup (header, list page, footer), as the live page renders it at `now`.
pub fn render(snapshot: Snapshot) -> String {
    let Snapshot {
        config,
        bucket,
        list,
        messages,
        now,
    } = snapshot;
    Owner::new().with(move || {
        // The list page's address: no query, so no filter and nothing carried in links.
        provide_context(Location::fixed(Query::default()));
        provide_context(Clock::fixed(now));
        provide_context(Locale::fixed(messages));
        let live = Live::quiet(false);
        provide_context(live);
        provide_context(Archives::new());
        provide_context(LaterParts::at_once());
        provide_context(Settings::new(
            config,
            bucket,
            page_relative_url,
            live.notify.into(),
        ));
        provide_context(Polled {
            data: Signal::stored(Some(std::sync::Arc::new(list))),
            error: Signal::stored(None),
            fetched_at: Signal::stored(Some(now.start_of_minute())),
        });
        view! { <Page route=Signal::stored(Route::List)/> }.to_html()
    })
}
