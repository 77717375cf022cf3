//! The reader's language and time zone. Messages come from the catalogue in `i18n/`; dates,
//! times, durations, numbers and plural categories are worded by the browser's Intl APIs
//! (js/intl.js), or, for a snapshot rendered without a browser, by `crate::wording`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;

use super::clock::local_storage;
use super::effect::effect;
use super::location::use_query;
use crate::i18n::{is_shipped, negotiate, split_slot, Catalogue, Messages, Sentence, Worded};
use crate::route::{Carried, LANG_PARAM, TZ_PARAM};
use crate::time::{
    duration_parts, parse_gmt_offset, relative_parts, Date, Timestamp, Zone, ZoneOffsets,
};
use crate::wording;

#[wasm_bindgen(module = "/js/intl.js")]
extern "C" {
    fn format_date_time(ms: f64, lang: &str, zone: &str, style: &str) -> String;
    fn format_relative(value: f64, unit: &str, lang: &str) -> String;
    fn format_duration(days: f64, hours: f64, minutes: f64, lang: &str) -> String;
    fn plural_category(n: f64, lang: &str) -> String;
    fn format_number(n: f64, lang: &str) -> String;
    fn format_percent(share: f64, lang: &str) -> String;
    fn zone_offset(ms: f64, zone: &str) -> String;
    fn local_offset(ms: f64) -> i32;
    fn local_zone_name() -> String;
    fn zone_names() -> String;
    fn is_valid_zone(zone: &str) -> bool;
}

const ZONE_KEY: &str = "sitrep.tz";
const LOCAL: &str = "local";
const UTC: &str = "UTC";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZoneChoice {
    Local,
    Utc,
    Named(String),
}

impl ZoneChoice {
    /// From a `tz` parameter or the stored choice; unknown zones are ignored.
    fn parse(value: &str) -> Option<ZoneChoice> {
        match value {
            LOCAL => Some(ZoneChoice::Local),
            UTC => Some(ZoneChoice::Utc),
            name if is_valid_zone(name) => Some(ZoneChoice::Named(name.to_string())),
            _ => None,
        }
    }

    /// The value for `select#tz-select`, the URL and storage.
    pub fn value(&self) -> &str {
        match self {
            ZoneChoice::Local => LOCAL,
            ZoneChoice::Utc => UTC,
            ZoneChoice::Named(name) => name,
        }
    }

    /// The `timeZone` option for Intl ("" keeps the browser's own).
    fn intl(&self) -> &str {
        match self {
            ZoneChoice::Local => "",
            other => other.value(),
        }
    }
}

/// Who words dates, numbers and plurals.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Wording {
    /// The browser's Intl, in the reader's zone.
    Intl,
    /// Fixed wording in UTC with absolute times (`sitrep snapshot`, no browser).
    Fixed,
}

#[derive(Clone, Copy)]
pub struct Locale {
    wording: Wording,
    messages: RwSignal<Arc<Messages>>,
    /// The chosen language's catalogue is being fetched: the page is not drawn in English
    /// meanwhile (for up to the first-answer wait).
    catalogue_pending: RwSignal<bool>,
    lang: Memo<String>,
    pub zone: Memo<ZoneChoice>,
    /// The zone the reader picked on this device, if any.
    stored_zone: RwSignal<Option<ZoneChoice>>,
    pub carried: Memo<Carried>,
}

thread_local! {
    /// The offsets of the zone chosen last (the list groups thousands of incidents by day).
    static ZONE_OFFSETS: std::cell::RefCell<(ZoneChoice, ZoneOffsets)> =
        std::cell::RefCell::new((ZoneChoice::Utc, ZoneOffsets::default()));
}

/// Catalogues already fetched, so switching back and forth costs nothing.
static CATALOGUES: Mutex<Option<HashMap<String, Arc<Messages>>>> = Mutex::new(None);

impl Locale {
    /// Sets up the language and zone from the URL, `config_language` and the browser, and
    /// loads the catalogue whenever the language changes.
    pub fn start(config_language: Signal<Option<String>>, page_base: String) -> Locale {
        let query = use_query();
        // Parsed once: the built-in catalogue is both the English page and every fallback.
        let catalogue = Catalogue::english();
        let english = Arc::new(Messages::new(catalogue.clone(), catalogue));
        let lang = Memo::new(move |_| {
            query
                .with(|q| q.get(LANG_PARAM).map(str::to_string))
                .filter(|code| is_shipped(code))
                .or_else(|| config_language.get().filter(|code| is_shipped(code)))
                .or_else(|| {
                    browser_languages().and_then(|langs| {
                        negotiate(langs.iter().map(String::as_str)).map(str::to_string)
                    })
                })
                .unwrap_or_else(|| "en".to_string())
        });
        let stored_zone = RwSignal::new(
            local_storage()
                .and_then(|s| s.get_item(ZONE_KEY).ok().flatten())
                .and_then(|value| ZoneChoice::parse(&value)),
        );
        let zone = Memo::new(move |_| {
            query
                .with(|q| q.get(TZ_PARAM).and_then(ZoneChoice::parse))
                .or_else(|| stored_zone.get())
                .unwrap_or(ZoneChoice::Local)
        });
        let carried = Memo::new(move |_| {
            query.with(|q| Carried {
                lang: q
                    .get(LANG_PARAM)
                    .filter(|code| is_shipped(code))
                    .map(str::to_string),
                tz: q
                    .get(TZ_PARAM)
                    .filter(|value| ZoneChoice::parse(value).is_some())
                    .map(str::to_string),
            })
        });
        let locale = Locale {
            wording: Wording::Intl,
            messages: RwSignal::new(english.clone()),
            // Until the effect below has looked at the language.
            catalogue_pending: RwSignal::new(true),
            lang,
            zone,
            stored_zone,
            carried,
        };
        effect(move || {
            let code = lang.get();
            locale.load(code, english.clone(), page_base.clone());
        });
        // `<html lang dir>` follow the catalogue, so screen readers and the layout do too.
        effect(move || {
            locale.messages.with(|m| {
                let root = document().document_element();
                if let Some(root) = root {
                    let _ = root.set_attribute("lang", m.language());
                    let _ = root.set_attribute("dir", m.direction().as_str());
                }
            })
        });
        locale
    }

    #[cfg(not(target_arch = "wasm32"))]
    /// The language of `messages`, times in UTC, worded without a browser: for rendering a
    /// snapshot natively.
    pub fn fixed(messages: Messages) -> Locale {
        let lang = messages.language().to_string();
        Locale {
            wording: Wording::Fixed,
            messages: RwSignal::new(Arc::new(messages)),
            catalogue_pending: RwSignal::new(false),
            lang: Memo::new(move |_| lang.clone()),
            zone: Memo::new(|_| ZoneChoice::Utc),
            stored_zone: RwSignal::new(None),
            carried: Memo::new(|_| Carried::default()),
        }
    }

    fn load(self, code: String, english: Arc<Messages>, page_base: String) {
        let ready = if code == "en" {
            Some(english.clone())
        } else {
            CATALOGUES
                .lock()
                .ok()
                .and_then(|c| c.as_ref().and_then(|c| c.get(&code).cloned()))
        };
        if let Some(messages) = ready {
            self.messages.set(messages);
            self.catalogue_pending.set(false);
            return;
        }
        self.catalogue_pending.set(true);
        let fallback = english.fallback().clone();
        spawn_local(async move {
            let file = format!("i18n/{code}.json");
            let loaded = super::api::fetch_file(&page_base, &file, web_sys::RequestCache::Default)
                .await
                .ok()
                .and_then(|bytes| Catalogue::parse(&file, &bytes).ok())
                .map(|catalogue| Arc::new(Messages::new(catalogue, fallback)));
            if let (Some(messages), Ok(mut cache)) = (&loaded, CATALOGUES.lock()) {
                cache
                    .get_or_insert_with(HashMap::new)
                    .insert(code.clone(), messages.clone());
            }
            if self.lang.get_untracked() == code {
                // A missing catalogue leaves the page in English rather than failing.
                if let Some(messages) = loaded {
                    self.messages.try_set(messages);
                }
                self.catalogue_pending.try_set(false);
            }
        });
    }

    /// Whether the page's words are in: the chosen language's, or English when its catalogue
    /// could not be loaded.
    pub fn words_ready(self) -> bool {
        !self.catalogue_pending.get()
    }

    pub fn lang(self) -> String {
        self.messages.with(|m| m.language().to_string())
    }

    /// A message (tracks the language).
    pub fn t(self, key: &str) -> String {
        self.messages.with(|m| m.text(key, &[]))
    }

    /// The words for a status, impact, severity… (tracks the language).
    pub fn name(self, value: impl Worded) -> String {
        self.t(&value.message_key())
    }

    pub fn t_with(self, key: &str, args: &[(&str, &str)]) -> String {
        self.messages.with(|m| m.text(key, args))
    }

    /// A sentence (an error's message) in the reader's language (tracks the language).
    pub fn words(self, sentence: &Sentence) -> String {
        self.messages.with(|m| sentence.words(m))
    }

    /// Whether this locale words without a browser. Never in the wasm build, where the
    /// constant lets the fixed wording (and the float formatting it needs) be left out.
    fn words_fixed(self) -> bool {
        cfg!(not(target_arch = "wasm32")) && self.wording == Wording::Fixed
    }

    /// Whether the reader can change language and zone here (not in a snapshot, which has no
    /// app to act on the choice until it takes over).
    pub fn is_live(self) -> bool {
        !self.words_fixed()
    }

    /// A plural message for `n`, with the count written the language's way.
    pub fn plural(self, key: &str, n: usize, args: &[(&str, &str)]) -> String {
        let lang = self.lang();
        let (category, count) = if self.words_fixed() {
            (
                wording::plural_category(&lang, n).to_string(),
                n.to_string(),
            )
        } else {
            (
                plural_category(n as f64, &lang),
                format_number(n as f64, &lang),
            )
        };
        self.messages
            .with(|m| m.plural(key, &category, &count, args))
    }

    /// A share (0 to 1) as a percentage, written the language's way.
    pub fn percent(self, share: f64) -> String {
        if self.words_fixed() {
            return wording::percent(share);
        }
        format_percent(share, &self.lang())
    }

    /// The text before and after `{slot}` in a message, for an element to stand between.
    pub fn around(self, key: &str, slot: &str) -> (String, String) {
        let text = self.t(key);
        let (before, after) = split_slot(&text, slot);
        (before.into_owned(), after.into_owned())
    }

    /// The chosen zone's UTC offset at `at` (tracks the choice).
    pub fn zone_at(self, at: Timestamp) -> Zone {
        self.zone_offsets()(at)
    }

    /// The chosen zone's offsets, the choice read (and tracked) once: for asking about many
    /// instants in a row.
    pub fn zone_offsets(self) -> impl Fn(Timestamp) -> Zone + Copy {
        let zone = self.zone.get();
        let utc = zone == ZoneChoice::Utc;
        ZONE_OFFSETS.with_borrow_mut(|(cached_for, offsets)| {
            if *cached_for != zone {
                (*cached_for, *offsets) = (zone, ZoneOffsets::default());
            }
        });
        move |at| {
            if utc {
                return Zone::UTC;
            }
            ZONE_OFFSETS.with_borrow_mut(|(zone, offsets)| {
                let zone = &*zone;
                offsets.at(at, |at| match zone {
                    ZoneChoice::Named(name) => {
                        parse_gmt_offset(&zone_offset(at.millis() as f64, name)).unwrap_or(0)
                    }
                    _ => local_offset(at.millis() as f64),
                })
            })
        }
    }

    fn format(self, at: Timestamp, style: &str) -> String {
        if self.words_fixed() {
            return wording::utc_minute(at);
        }
        let zone = self.zone.get();
        format_date_time(at.millis() as f64, &self.lang(), zone.intl(), style)
    }

    /// The time alone today, with the day this year, with the year otherwise.
    pub fn short_time(self, at: Timestamp, now: Timestamp) -> String {
        if self.words_fixed() {
            return wording::utc_short(at, now);
        }
        let (then, today) = (
            at.in_zone(self.zone_at(at)).date,
            now.in_zone(self.zone_at(now)).date,
        );
        let style = if then == today {
            "time"
        } else if then.year == today.year {
            "day-time"
        } else {
            "year-time"
        };
        self.format(at, style)
    }

    /// Date, time and zone in full, for hover and focus.
    pub fn full_time(self, at: Timestamp) -> String {
        self.format(at, "full")
    }

    /// Date, time to the minute and zone, for instants known to the minute.
    pub fn full_minute(self, at: Timestamp) -> String {
        self.format(at, "full-minute")
    }

    /// When the data was confirmed: "2 minutes ago", or in a snapshot the full time (with its
    /// date), since the reader must be able to tell how old it is on any later day.
    pub fn checked(self, at: Timestamp, now: Timestamp) -> String {
        if self.words_fixed() {
            return wording::utc_minute(at);
        }
        self.relative(at, now)
    }

    /// "12 minutes ago"; an absolute time where the wording is fixed, as it is read later.
    pub fn relative(self, at: Timestamp, now: Timestamp) -> String {
        if self.words_fixed() {
            return wording::utc_short(at, now);
        }
        let (value, unit) = relative_parts(at, now);
        format_relative(value as f64, unit.as_str(), &self.lang())
    }

    pub fn duration(self, from: Timestamp, to: Timestamp) -> String {
        let parts = duration_parts(from, to);
        if self.words_fixed() {
            return wording::duration(&parts);
        }
        format_duration(
            parts.days as f64,
            parts.hours as f64,
            parts.minutes as f64,
            &self.lang(),
        )
    }

    /// A day heading in the history ("Friday, 20 November 2026" in the reader's language).
    pub fn day(self, date: Date) -> String {
        if self.words_fixed() {
            return wording::day(date);
        }
        format_date_time(date.noon_utc().millis() as f64, &self.lang(), UTC, "day")
    }

    /// What the zone picker shows for the reader's own zone (unknown without a browser).
    pub fn local_zone_label(self) -> String {
        let zone = if self.words_fixed() {
            String::new()
        } else {
            local_zone_name()
        };
        self.t_with("footer.zone-local", &[("zone", &zone)])
    }

    /// Remembers a zone choice on this device.
    pub fn store_zone(self, choice: &ZoneChoice) {
        self.stored_zone.set(Some(choice.clone()));
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(ZONE_KEY, choice.value());
        }
    }

    pub fn href(self, incident: Option<&str>, update: Option<&str>) -> String {
        self.carried.with(|c| c.href(incident, update))
    }

    pub fn component_href(self, component: &str) -> String {
        self.carried.with(|c| c.component_href(component))
    }
}

pub fn use_locale() -> Locale {
    expect_context::<Locale>()
}

/// IANA zones the browser knows, for the picker.
pub fn all_zones() -> Vec<String> {
    zone_names().lines().map(str::to_string).collect()
}

fn browser_languages() -> Option<Vec<String>> {
    let languages = window().navigator().languages();
    Some(languages.iter().filter_map(|l| l.as_string()).collect())
}
