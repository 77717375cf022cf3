//! The snapshot's wording: what readers see before the app takes over (or without it).

use sitrep::time::{duration_parts, Date, Timestamp};
use sitrep::wording::{day, duration, percent, plural_category, utc_minute, utc_short};

fn at(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

#[test]
fn times_are_absolute_in_utc_whatever_the_offset_written() {
    assert_eq!(
        utc_minute(at("2026-11-23T09:05:59Z")),
        "2026-11-23 09:05 UTC"
    );
    assert_eq!(
        utc_minute(at("2026-11-24T01:30:00+09:00")),
        "2026-11-23 16:30 UTC"
    );
}

#[test]
fn short_times_leave_out_the_date_of_the_snapshot_day_only() {
    let now = at("2026-11-23T09:00:00Z");
    assert_eq!(utc_short(at("2026-11-23T00:00:00Z"), now), "00:00 UTC");
    assert_eq!(utc_short(at("2026-11-23T23:59:00Z"), now), "23:59 UTC");
    assert_eq!(
        utc_short(at("2026-11-22T23:59:00Z"), now),
        "2026-11-22 23:59 UTC"
    );
    assert_eq!(
        utc_short(at("2025-11-23T08:00:00Z"), now),
        "2025-11-23 08:00 UTC"
    );
}

#[test]
fn day_headings_are_iso_dates() {
    let date = Date {
        year: 2026,
        month: 3,
        day: 7,
    };
    assert_eq!(day(date), "2026-03-07");
}

#[test]
fn durations_leave_out_empty_parts() {
    for (from, to, expected) in [
        ("2026-11-23T09:00:00Z", "2026-11-23T09:00:20Z", "0 min"),
        ("2026-11-23T09:00:00Z", "2026-11-23T11:00:00Z", "2 h"),
        ("2026-11-23T09:00:00Z", "2026-11-23T10:05:00Z", "1 h 5 min"),
        ("2026-11-21T09:00:00Z", "2026-11-23T10:05:00Z", "2 d 1 h"),
    ] {
        assert_eq!(
            duration(&duration_parts(at(from), at(to))),
            expected,
            "{from} to {to}"
        );
    }
}

#[test]
fn percentages_keep_up_to_two_decimals() {
    assert_eq!(percent(1.0), "100%");
    assert_eq!(percent(0.9995), "99.95%");
    assert_eq!(percent(0.99951), "99.95%");
    assert_eq!(percent(0.5), "50%");
    assert_eq!(percent(-1.0), "0%");
}

#[test]
fn plural_categories_follow_cldr_for_every_shipped_language() {
    let of = |lang, ns: &[usize]| {
        ns.iter()
            .map(|n| plural_category(lang, *n))
            .collect::<Vec<_>>()
    };
    for lang in ["en", "de", "es"] {
        assert_eq!(
            of(lang, &[0, 1, 2, 21]),
            ["other", "one", "other", "other"],
            "{lang}"
        );
    }
    assert_eq!(of("fr", &[0, 1, 2]), ["one", "one", "other"]);
    assert_eq!(of("ja", &[0, 1, 2]), ["other", "other", "other"]);
    assert_eq!(
        of("ar", &[0, 1, 2, 3, 10, 11, 99, 100, 102, 103, 111]),
        ["zero", "one", "two", "few", "few", "many", "many", "other", "other", "few", "many"]
    );
}
