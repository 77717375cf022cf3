//! Dates, numbers and plurals worded without a browser, for the snapshot `sitrep snapshot`
//! writes into index.html: times in UTC with absolute dates (a snapshot is read later than it
//! is written, so "5 minutes ago" would soon be wrong), numbers as digits, plural categories by
//! the CLDR rules of the languages sitrep ships. In the browser, Intl words all of these.

use crate::time::{Date, DurationParts, Timestamp, Zone};

/// "2026-11-23 09:05 UTC".
pub fn utc_minute(at: Timestamp) -> String {
    let t = at.in_zone(Zone::UTC);
    format!("{} {:02}:{:02} UTC", t.date.iso(), t.hour, t.minute)
}

/// "09:05 UTC" on `now`'s day (UTC), with the date on any other: short like the live page's
/// times, and never ambiguous when read on a later day (the page says the snapshot's date).
pub fn utc_short(at: Timestamp, now: Timestamp) -> String {
    let (t, today) = (at.in_zone(Zone::UTC), now.in_zone(Zone::UTC));
    if t.date == today.date {
        format!("{:02}:{:02} UTC", t.hour, t.minute)
    } else {
        utc_minute(at)
    }
}

/// A day heading: "2026-11-23".
pub fn day(date: Date) -> String {
    date.iso()
}

/// "2 d 3 h 5 min", leaving out empty parts (minutes stay when all are empty).
pub fn duration(parts: &DurationParts) -> String {
    let mut words = Vec::new();
    if parts.days > 0 {
        words.push(format!("{} d", parts.days));
    }
    if parts.hours > 0 {
        words.push(format!("{} h", parts.hours));
    }
    if parts.minutes > 0 || words.is_empty() {
        words.push(format!("{} min", parts.minutes));
    }
    words.join(" ")
}

/// A share (0 to 1) as a percentage with up to two decimals: "99.95%", "100%".
pub fn percent(share: f64) -> String {
    let text = format!("{:.2}", share.clamp(0.0, 1.0) * 100.0);
    let text = text.trim_end_matches('0').trim_end_matches('.');
    format!("{text}%")
}

/// The CLDR plural category of a whole number `n` in `lang` (one of the shipped languages;
/// any other gets English's rule).
pub fn plural_category(lang: &str, n: usize) -> &'static str {
    match lang {
        "ja" => "other",
        "fr" if n <= 1 => "one",
        "fr" => "other",
        "ar" => match (n, n % 100) {
            (0, _) => "zero",
            (1, _) => "one",
            (2, _) => "two",
            (_, 3..=10) => "few",
            (_, 11..=99) => "many",
            _ => "other",
        },
        _ if n == 1 => "one",
        _ => "other",
    }
}
