//! Telling readers what changed while the page was open: marks on new or updated incidents, a
//! polite live region for screen readers, and opt-in browser notifications.

use leptos::prelude::*;
use wasm_bindgen::JsValue;
use web_sys::{Notification, NotificationOptions, NotificationPermission};

use std::sync::Arc;

use super::clock::{local_storage, now};
use super::effect::effect;
use super::locale::{use_locale, Locale};
use super::poll::Polled;
use super::sanitize::title_text;
use crate::changes::{incident_changes, Announcement, Change, Marks};
use crate::feed::model::IncidentList;
use crate::time::Timestamp;

const NOTIFY_KEY: &str = "sitrep.notify";

#[derive(Clone, Copy)]
pub struct Live {
    marks: RwSignal<Marks>,
    message: RwSignal<String>,
    /// The reader asked for notifications (and the browser allows them).
    pub notify: RwSignal<bool>,
    /// Whether this browser has notifications at all (none without a browser).
    pub(super) notifications: bool,
}

impl Live {
    /// In the browser: notifications as the reader left them on this device.
    pub fn start() -> Live {
        let supported = notifications_supported();
        let stored = local_storage().and_then(|s| s.get_item(NOTIFY_KEY).ok().flatten());
        // The permission is read only for readers who turned notifications on: the browser's
        // first answer costs milliseconds on the way to the first render.
        let turned_on = supported && stored.as_deref() == Some("1");
        Live {
            notifications: supported,
            ..Live::quiet(
                turned_on && Notification::permission() == NotificationPermission::Granted,
            )
        }
    }

    /// Nothing marked or announced yet, and no notifications: a snapshot's page.
    pub fn quiet(notify: bool) -> Live {
        Live {
            marks: RwSignal::new(Marks::default()),
            message: RwSignal::new(String::new()),
            notify: RwSignal::new(notify),
            notifications: false,
        }
    }

    pub fn mark(&self, id: &str, change: Change) {
        self.marks.update(|marks| marks.mark(id, change, now()));
    }

    /// The mark to show on an incident at `at`, if it changed recently.
    pub fn mark_of(&self, id: &str, at: Timestamp) -> Option<Change> {
        self.marks.with(|marks| marks.get(id, at))
    }

    /// Says `text` to screen readers (politely) and, when the reader is elsewhere and asked
    /// for it, as a browser notification.
    pub fn announce(&self, text: String, site_title: &str) {
        if self.notify.get_untracked() && document().hidden() {
            let options = NotificationOptions::new();
            options.set_body(&text);
            options.set_tag("sitrep");
            let _ = Notification::new_with_options(site_title, &options);
        }
        // A live region only speaks when its text changes.
        self.message.update(|message| {
            if *message == text {
                message.push('\u{200b}');
            } else {
                *message = text;
            }
        });
    }

    pub(super) fn set_notify(&self, enabled: bool) {
        self.notify.set(enabled);
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(NOTIFY_KEY, if enabled { "1" } else { "0" });
        }
    }
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// Marks and announces what changed in `list` since `shown`, the first list the page showed
/// (`None` if it has shown none yet), and from then on at every poll: never the first load.
pub fn use_change_announcements(
    list: Polled<IncidentList>,
    site_title: String,
    shown: Option<Arc<IncidentList>>,
) {
    let (live, locale) = (use_live(), use_locale());
    let mut previous = shown;
    effect(move || {
        let Some(current) = list.data.get() else {
            return;
        };
        if let Some(old) = &previous {
            let changes = incident_changes(&old.incidents, &current.incidents);
            for (incident, change) in &changes {
                live.mark(&incident.id, *change);
            }
            if let Some(announcement) = Announcement::of(&changes) {
                live.announce(sentence(locale, &announcement), &site_title);
            }
        }
        previous = Some(current);
    });
}

/// An announcement in the reader's language.
fn sentence(locale: Locale, announcement: &Announcement) -> String {
    match announcement {
        Announcement::New(incident) => {
            locale.t_with("announce.new", &[("title", &title_text(&incident.title))])
        }
        Announcement::Updated(incident) => {
            let status = locale.name(incident.status);
            locale.t_with(
                "announce.updated",
                &[("title", &title_text(&incident.title)), ("status", &status)],
            )
        }
        Announcement::Many(count) => locale.plural("announce.many", *count, &[]),
    }
}

fn notifications_supported() -> bool {
    js_sys::Reflect::has(&window(), &JsValue::from_str("Notification")).unwrap_or(false)
}

/// Visually hidden, always present: screen readers hear changes, never the first load.
#[component]
pub fn LiveRegion() -> impl IntoView {
    let live = use_live();
    view! {
        <div id="live-region" class="visually-hidden" aria-live="polite" aria-atomic="true">
            {move || live.message.get()}
        </div>
    }
}
