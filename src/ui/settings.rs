//! This deployment's settings, from config.json: read once, provided as a `Copy` context, apart
//! from the polled incident list (its own context, `use_list`).

use std::time::Duration;

use leptos::prelude::*;

use super::api::Bucket;
use super::poll::PollOptions;
use crate::config::Config;

/// What does not change while the page is open.
pub struct About {
    pub title: String,
    pub logo_url: Option<String>,
    pub contact_url: Option<String>,
    pub feed_url: Option<String>,
    pub embed_allowed_origins: Vec<String>,
    pub bucket: Bucket,
}

#[derive(Clone, Copy)]
pub struct Settings {
    about: StoredValue<About>,
    /// How every poll loop on the page runs.
    pub poll: PollOptions,
    /// Set by the embed while it is scrolled out of view.
    pub offscreen: RwSignal<bool>,
    /// Whether to show the components panel, and how many days its bars cover.
    pub components: bool,
    pub component_days: u32,
}

impl Settings {
    /// The settings of `config`, its URLs passed through `url` (resolved against the page in
    /// the browser; kept relative in a snapshot, which does not know the page's address).
    pub fn new(
        config: Config,
        bucket: Bucket,
        url: impl Fn(&str) -> Option<String>,
        poll_while_hidden: Signal<bool>,
    ) -> Settings {
        let resolve = |value: Option<String>| value.and_then(|value| url(&value));
        let offscreen = RwSignal::new(false);
        Settings {
            about: StoredValue::new(About {
                logo_url: resolve(config.logo_url),
                contact_url: resolve(config.contact_url),
                feed_url: resolve(config.feed_url),
                title: config.title,
                embed_allowed_origins: config.embed_allowed_origins,
                bucket,
            }),
            poll: PollOptions {
                interval: Duration::from_secs(config.poll_interval_seconds.into()),
                poll_while_hidden,
                offscreen: offscreen.into(),
            },
            offscreen,
            components: config.components,
            component_days: config.component_days,
        }
    }

    pub fn with<R>(&self, f: impl FnOnce(&About) -> R) -> R {
        self.about.with_value(f)
    }

    pub fn title(&self) -> String {
        self.with(|about| about.title.clone())
    }

    pub fn bucket(&self) -> Bucket {
        self.with(|about| about.bucket.clone())
    }

    /// Seconds between polls, as error messages state it.
    pub fn poll_seconds(&self) -> u32 {
        self.poll.interval.as_secs() as u32
    }
}

pub fn use_settings() -> Settings {
    expect_context::<Settings>()
}
