//! Timestamps: RFC 3339 parsing, the calendar, zones, and what Intl is asked to word.

use sitrep::time::{
    duration_parts, parse_gmt_offset, relative_parts, Date, DurationParts, RelativeUnit, Timestamp,
    Zone, ZoneOffsets,
};

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

fn ts(value: &str) -> Timestamp {
    Timestamp::parse(value).unwrap_or_else(|e| panic!("{value:?} should parse: {e}"))
}

// ---------------------------------------------------------------- parsing: valid

#[test]
fn parses_utc_with_z() {
    assert_eq!(ts("1970-01-01T00:00:00Z"), Timestamp(0));
    assert_eq!(ts("2000-01-01T00:00:00Z").millis(), 946_684_800_000);
    assert_eq!(ts("2026-11-23T07:40:00Z").millis(), 1_795_419_600_000);
    assert_eq!(ts("1900-01-01T00:00:00Z").millis(), -2_208_988_800_000);
}

#[test]
fn parses_lowercase_t_and_z() {
    assert_eq!(ts("2026-11-23t07:40:00z"), ts("2026-11-23T07:40:00Z"));
    assert_eq!(ts("2026-11-23t07:40:00Z"), ts("2026-11-23T07:40:00Z"));
    assert_eq!(ts("2026-11-23T07:40:00z"), ts("2026-11-23T07:40:00Z"));
}

#[test]
fn parses_space_as_date_time_separator() {
    // RFC 3339 section 5.6 allows a space in place of the T.
    assert_eq!(ts("2026-11-23 07:40:00Z"), ts("2026-11-23T07:40:00Z"));
}

#[test]
fn parses_positive_and_negative_offsets() {
    let utc = ts("2026-11-23T07:40:00Z");
    assert_eq!(ts("2026-11-23T08:40:00+01:00"), utc);
    assert_eq!(ts("2026-11-23T13:10:00+05:30"), utc);
    assert_eq!(ts("2026-11-23T02:40:00-05:00"), utc);
    assert_eq!(ts("2026-11-22T21:40:00-10:00"), utc);
    assert_eq!(ts("2026-11-23T07:40:00+00:00"), utc);
    assert_eq!(ts("2026-11-23T07:40:00-00:00"), utc);
    // The offset moves the instant across a day boundary.
    assert_eq!(ts("2026-11-24T08:30:00+09:00"), ts("2026-11-23T23:30:00Z"));
    assert_eq!(
        ts("2026-11-23T23:59:00+23:59").millis(),
        ts("2026-11-23T00:00:00Z").millis()
    );
}

#[test]
fn parses_fractions_of_one_to_nine_digits() {
    let base = ts("2026-11-23T07:40:12Z").millis();
    let cases = [
        (".1", 100),
        (".12", 120),
        (".123", 123),
        (".1234", 123),
        (".12345", 123),
        (".123456", 123),
        (".1234567", 123),
        (".12345678", 123),
        (".123456789", 123),
        (".9", 900),
        (".09", 90),
        (".009", 9),
        (".999999999", 999),
        (".0", 0),
        (".000000000", 0),
    ];
    for (fraction, millis) in cases {
        for zone in ["Z", "z", "+00:00"] {
            let text = format!("2026-11-23T07:40:12{fraction}{zone}");
            assert_eq!(ts(&text).millis() - base, millis, "{text}");
        }
    }
    // GitLab writes milliseconds.
    assert_eq!(ts("2020-02-21T07:10:46.097Z").millis() % 1000, 97);
    // A fraction together with an offset.
    assert_eq!(ts("2026-11-23T08:40:12.5+01:00").millis(), base + 500);
}

#[test]
fn leap_second_is_shown_as_the_last_second_of_its_minute() {
    assert_eq!(ts("2016-12-31T23:59:60Z"), ts("2016-12-31T23:59:59Z"));
}

#[test]
fn leap_days_are_valid_only_in_leap_years() {
    for valid in [
        "2024-02-29T00:00:00Z",
        "2000-02-29T12:00:00Z",
        "2400-02-29T00:00:00Z",
        "1904-02-29T00:00:00Z",
    ] {
        assert!(Timestamp::parse(valid).is_ok(), "{valid} should parse");
    }
    assert_eq!(
        ts("2024-02-29T00:00:00Z").millis() + DAY,
        ts("2024-03-01T00:00:00Z").millis()
    );
}

#[test]
fn month_lengths_are_respected() {
    for valid in [
        "2026-01-31T00:00:00Z",
        "2026-03-31T00:00:00Z",
        "2026-04-30T00:00:00Z",
        "2026-06-30T00:00:00Z",
        "2026-07-31T00:00:00Z",
        "2026-08-31T00:00:00Z",
        "2026-09-30T00:00:00Z",
        "2026-11-30T00:00:00Z",
        "2026-12-31T23:59:59Z",
    ] {
        assert!(Timestamp::parse(valid).is_ok(), "{valid} should parse");
    }
}

// ---------------------------------------------------------------- parsing: invalid

#[test]
fn rejects_impossible_dates() {
    for invalid in [
        "2026-02-29T00:00:00Z", // 2026 is not a leap year
        "2100-02-29T00:00:00Z", // divisible by 100, not by 400
        "1900-02-29T00:00:00Z",
        "2026-02-30T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-10T00:00:00Z",
        "2026-01-00T00:00:00Z",
        "2026-01-32T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-06-31T00:00:00Z",
        "2026-09-31T00:00:00Z",
        "2026-11-31T00:00:00Z",
        "2026-99-99T00:00:00Z",
    ] {
        assert!(
            Timestamp::parse(invalid).is_err(),
            "{invalid} should be rejected"
        );
    }
}

#[test]
fn rejects_impossible_times_and_offsets() {
    for invalid in [
        "2026-11-23T24:00:00Z",
        "2026-11-23T23:60:00Z",
        "2026-11-23T23:59:61Z",
        "2026-11-23T07:40:00+24:00",
        "2026-11-23T07:40:00+01:60",
        "2026-11-23T07:40:00+0100",
        "2026-11-23T07:40:00+01",
        "2026-11-23T07:40:00+1:00",
        "2026-11-23T07:40:00+01:00Z",
        "2026-11-23T07:40:00ZZ",
        "2026-11-23T07:40:00 Z",
        "2026-11-23T07:40:00UTC",
        "2026-11-23T07:40:00.Z",
        "2026-11-23T07:40:00.",
        "2026-11-23T07:40:00.5",
        "2026-11-23T07:40:00,5Z",
        "2026-11-23T07:40Z",
        "2026-11-23T7:40:00Z",
        "2026-11-23T07:4:00Z",
    ] {
        assert!(
            Timestamp::parse(invalid).is_err(),
            "{invalid} should be rejected"
        );
    }
}

#[test]
fn rejects_missing_zone() {
    for invalid in [
        "2026-11-23T07:40:00",
        "2026-11-23T07:40:00.000",
        "2026-11-23T07:40:00.123456",
    ] {
        assert!(
            Timestamp::parse(invalid).is_err(),
            "{invalid} has no zone and must be rejected"
        );
    }
}

#[test]
fn rejects_garbage_and_wrong_shapes() {
    for invalid in [
        "",
        " ",
        "Z",
        "now",
        "yesterday",
        "not a timestamp at all!",
        "2026-11-23",
        "2026/11/23T07:40:00Z",
        "2026-11-23X07:40:00Z",
        "20261123T074000Z",
        "26-11-23T07:40:00Z",
        "+2026-11-23T07:40:00Z",
        "-2026-11-23T07:40:00Z",
        " 2026-11-23T07:40:00Z",
        "2026-11-23T07:40:00Z ",
        "2026-11-23T07:40:00Z\n",
        "Mon, 23 Nov 2026 07:40:00 GMT",
        "1795419600000",
        "２０２６-11-23T07:40:00Z",
        "2026-11-23T07:40:00Ä",
        "ÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄÄ",
        "2026-1a-23T07:40:00Z",
        "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
    ] {
        assert!(
            Timestamp::parse(invalid).is_err(),
            "{invalid:?} should be rejected"
        );
    }
}

#[test]
fn rejects_very_long_strings_without_panicking() {
    let long_garbage = "x".repeat(1_000_000);
    assert!(Timestamp::parse(&long_garbage).is_err());
    let valid_then_junk = format!("2026-11-23T07:40:00Z{}", "0".repeat(100_000));
    assert!(Timestamp::parse(&valid_then_junk).is_err());
    let long_offset_tail = format!("2026-11-23T07:40:00+01:00{}", ":00".repeat(10_000));
    assert!(Timestamp::parse(&long_offset_tail).is_err());
    let multibyte = "é".repeat(100_000);
    assert!(Timestamp::parse(&multibyte).is_err());
    // The error message quotes only the start of the value.
    let message = Timestamp::parse(&long_garbage).unwrap_err().to_string();
    assert!(
        message.len() < 300,
        "message is {} bytes long",
        message.len()
    );
}

#[test]
fn every_prefix_of_a_valid_timestamp_is_rejected_without_panicking() {
    for full in ["2026-11-23T07:40:12.097Z", "2026-11-23T08:40:00+01:00"] {
        for end in 0..full.len() {
            assert!(
                Timestamp::parse(&full[..end]).is_err(),
                "prefix {:?}",
                &full[..end]
            );
        }
        assert!(Timestamp::parse(full).is_ok());
    }
}

#[test]
fn error_message_names_the_value_and_the_expected_format() {
    let message = Timestamp::parse("2026-13-01T00:00:00Z")
        .unwrap_err()
        .to_string();
    assert!(message.contains("2026-13-01T00:00:00Z"), "{message}");
    assert!(message.contains("RFC 3339"), "{message}");
}

#[test]
fn deserializes_from_json_strings() {
    let parsed: Timestamp = serde_json::from_str("\"2026-11-23T08:40:00+01:00\"").unwrap();
    assert_eq!(parsed, ts("2026-11-23T07:40:00Z"));
    assert!(serde_json::from_str::<Timestamp>("\"2026-02-29T00:00:00Z\"").is_err());
    assert!(serde_json::from_str::<Timestamp>("\"\"").is_err());
    assert!(serde_json::from_str::<Timestamp>("1795419600000").is_err());
    assert!(serde_json::from_str::<Timestamp>("null").is_err());
    // Escaped characters in the JSON string still parse.
    let escaped: Timestamp = serde_json::from_str("\"2026-11-23T07:40:00\\u005A\"").unwrap();
    assert_eq!(escaped, ts("2026-11-23T07:40:00Z"));
}

// ---------------------------------------------------------------- calendar

#[test]
fn every_day_from_1900_to_2100_round_trips() {
    let start = ts("1900-01-01T00:00:00Z").millis();
    let end = ts("2101-01-01T00:00:00Z").millis();
    let mut previous: Option<Date> = None;
    let mut days = 0;
    let mut ms = start;
    while ms < end {
        let t = Timestamp(ms + 12 * HOUR + 34 * MINUTE + 56_000);
        let fields = t.in_zone(Zone::UTC);
        assert_eq!((fields.hour, fields.minute, fields.second), (12, 34, 56));
        let date = fields.date;
        assert!(
            (1..=12).contains(&date.month) && (1..=31).contains(&date.day),
            "{date:?}"
        );
        if let Some(prev) = previous {
            assert!(date > prev, "{date:?} should follow {prev:?}");
            let next_day =
                date.day == prev.day + 1 && date.month == prev.month && date.year == prev.year;
            let next_month =
                date.day == 1 && date.month == prev.month + 1 && date.year == prev.year;
            let next_year = date.day == 1
                && date.month == 1
                && prev.month == 12
                && prev.day == 31
                && date.year == prev.year + 1;
            assert!(next_day || next_month || next_year, "{prev:?} -> {date:?}");
        }
        // Formatting and re-parsing gives the same instant back.
        let text = t.to_rfc3339();
        assert_eq!(text, format!("{}T12:34:56Z", date.iso()));
        assert_eq!(Timestamp::parse(&text).unwrap(), t, "{text}");
        assert_eq!(t.to_string(), text);
        // The same wall-clock time written with an offset is the same instant.
        let shifted = Timestamp(t.millis() + 5 * HOUR + 30 * MINUTE).in_zone(Zone::UTC);
        let with_offset = format!(
            "{}T{:02}:{:02}:{:02}+05:30",
            shifted.date.iso(),
            shifted.hour,
            shifted.minute,
            shifted.second
        );
        assert_eq!(Timestamp::parse(&with_offset).unwrap(), t, "{with_offset}");
        // in_zone agrees with adding the offset by hand.
        assert_eq!(t.in_zone(Zone::fixed(330)), shifted);
        previous = Some(date);
        days += 1;
        ms += DAY;
    }
    // 201 years, 49 of them leap years (2000 is one, 1900 and 2100 are not).
    assert_eq!(days, 201 * 365 + 49);
    assert_eq!(
        previous,
        Some(Date {
            year: 2100,
            month: 12,
            day: 31
        })
    );
}

#[test]
fn before_the_epoch_rounds_towards_the_earlier_day() {
    let t = ts("1969-12-31T23:59:59Z");
    assert_eq!(t.millis(), -1000);
    let fields = t.in_zone(Zone::UTC);
    assert_eq!(
        fields.date,
        Date {
            year: 1969,
            month: 12,
            day: 31
        }
    );
    assert_eq!((fields.hour, fields.minute, fields.second), (23, 59, 59));
    assert_eq!(Timestamp(-1).in_zone(Zone::UTC).second, 59);
}

#[test]
fn day_boundary_depends_on_the_zone() {
    let t = ts("2026-11-23T23:30:00Z");
    let utc = t.in_zone(Zone::UTC);
    assert_eq!(
        utc.date,
        Date {
            year: 2026,
            month: 11,
            day: 23
        }
    );
    assert_eq!((utc.hour, utc.minute), (23, 30));

    let tokyo = t.in_zone(Zone::fixed(9 * 60));
    assert_eq!(
        tokyo.date,
        Date {
            year: 2026,
            month: 11,
            day: 24
        }
    );
    assert_eq!((tokyo.hour, tokyo.minute), (8, 30));

    let new_york = ts("2026-11-24T02:00:00Z").in_zone(Zone::fixed(-5 * 60));
    assert_eq!(
        new_york.date,
        Date {
            year: 2026,
            month: 11,
            day: 23
        }
    );
    assert_eq!(new_york.hour, 21);

    // Year boundary.
    let new_year = ts("2026-12-31T20:00:00Z").in_zone(Zone::fixed(5 * 60 + 30));
    assert_eq!(
        new_year.date,
        Date {
            year: 2027,
            month: 1,
            day: 1
        }
    );
    assert_eq!((new_year.hour, new_year.minute), (1, 30));
}

#[test]
fn to_rfc3339_is_always_utc() {
    assert_eq!(
        ts("2026-11-24T08:30:00+09:00").to_rfc3339(),
        "2026-11-23T23:30:00Z"
    );
    assert_eq!(
        ts("2026-11-23T07:40:12.097Z").to_rfc3339(),
        "2026-11-23T07:40:12Z"
    );
}

// ---------------------------------------------------------------- zones

// ---------------------------------------------------------------- formats

// ---------------------------------------------------------------- parts for Intl

#[test]
fn relative_parts_with_a_fixed_now() {
    let now = ts("2026-11-23T09:00:00Z");
    let ago = |ms: i64| relative_parts(Timestamp(now.0 - ms), now);
    assert_eq!(ago(0), (0, RelativeUnit::Second));
    assert_eq!(
        ago(59_999),
        (0, RelativeUnit::Second),
        "within a minute is now"
    );
    assert_eq!(
        ago(-30_000),
        (0, RelativeUnit::Second),
        "a fetch slightly ahead of the clock is now"
    );
    assert_eq!(ago(MINUTE), (-1, RelativeUnit::Minute));
    assert_eq!(ago(12 * MINUTE + 30_000), (-12, RelativeUnit::Minute));
    assert_eq!(ago(HOUR - 1), (-59, RelativeUnit::Minute));
    assert_eq!(ago(HOUR), (-1, RelativeUnit::Hour));
    assert_eq!(ago(DAY - 1), (-23, RelativeUnit::Hour));
    assert_eq!(ago(DAY), (-1, RelativeUnit::Day));
    assert_eq!(ago(400 * DAY), (-400, RelativeUnit::Day));
    assert_eq!(
        ago(-5 * MINUTE),
        (5, RelativeUnit::Minute),
        "future instants are positive"
    );
    assert_eq!(ago(-3 * DAY), (3, RelativeUnit::Day));
    assert_eq!(
        relative_parts(Timestamp(i64::MIN), Timestamp(i64::MAX)).1,
        RelativeUnit::Day
    );
    assert_eq!(RelativeUnit::Minute.as_str(), "minute");
}

#[test]
fn duration_parts_keep_the_two_largest_units() {
    let start = ts("2026-11-23T07:40:00Z");
    let after = |ms: i64| duration_parts(start, Timestamp(start.0 + ms));
    let parts = |days, hours, minutes| DurationParts {
        days,
        hours,
        minutes,
    };
    assert_eq!(after(0), parts(0, 0, 0));
    assert_eq!(after(45 * MINUTE), parts(0, 0, 45));
    assert_eq!(after(2 * HOUR + 5 * MINUTE), parts(0, 2, 5));
    assert_eq!(after(3 * DAY + 4 * HOUR + 59 * MINUTE), parts(3, 4, 0));
    assert_eq!(
        after(-HOUR),
        parts(0, 0, 0),
        "an end before the start lasts nothing"
    );
}

#[test]
fn gmt_offsets_as_intl_writes_them() {
    assert_eq!(parse_gmt_offset("GMT"), Some(0));
    assert_eq!(parse_gmt_offset("GMT+09:00"), Some(540));
    assert_eq!(parse_gmt_offset("GMT-03:30"), Some(-210));
    assert_eq!(parse_gmt_offset("GMT\u{2212}05:00"), Some(-300));
    assert_eq!(parse_gmt_offset("GMT+5"), Some(300));
    assert_eq!(parse_gmt_offset("UTC+05:45"), Some(345));
    for bad in [
        "",
        "CET",
        "GMT+",
        "GMT+25:00",
        "GMT+05:60",
        "GMT*05:00",
        "GMT+aa:00",
    ] {
        assert_eq!(parse_gmt_offset(bad), None, "{bad:?}");
    }
}

#[test]
fn noon_utc_stays_on_its_date() {
    for (y, m, d) in [(2026, 11, 23), (2024, 2, 29), (1970, 1, 1), (2100, 12, 31)] {
        let date = Date {
            year: y,
            month: m,
            day: d,
        };
        assert_eq!(date.noon_utc().in_zone(Zone::UTC).date, date);
        assert_eq!(date.noon_utc().in_zone(Zone::fixed(11 * 60)).date, date);
        assert_eq!(
            date.noon_utc().in_zone(Zone::fixed(-11 * 60)).date,
            date,
            "and at UTC-11"
        );
    }
}

#[test]
fn start_of_minute_truncates_towards_the_past() {
    assert_eq!(
        ts("2026-11-23T14:03:27.500Z").start_of_minute(),
        ts("2026-11-23T14:03:00Z")
    );
    assert_eq!(
        ts("2026-11-23T14:03:00Z").start_of_minute(),
        ts("2026-11-23T14:03:00Z")
    );
    // Before 1970 the millisecond count is negative: still the earlier minute.
    assert_eq!(
        ts("1969-12-31T23:59:30Z").start_of_minute(),
        ts("1969-12-31T23:59:00Z")
    );
}

/// A zone like Europe/Berlin in 2026: +60, and +120 from 29 March 01:00 UTC.
fn berlin_2026(at: Timestamp) -> i32 {
    let summer = ts("2026-03-29T01:00:00Z");
    if at >= summer {
        120
    } else {
        60
    }
}

#[test]
fn zone_offsets_match_the_exact_offset_on_every_side_of_a_change() {
    let mut offsets = ZoneOffsets::default();
    for at in [
        "2026-03-10T12:00:00Z",
        "2026-03-29T00:59:59Z",
        "2026-03-29T01:00:00Z",
        "2026-03-27T23:00:00Z",
        "2026-04-02T06:00:00Z",
        "2026-03-10T13:00:00Z",
        "1969-12-31T23:00:00Z",
    ] {
        let at = ts(at);
        assert_eq!(
            offsets.at(at, berlin_2026),
            Zone::fixed(berlin_2026(at)),
            "{at}"
        );
    }
}

#[test]
fn zone_offsets_ask_twice_per_steady_week_whatever_the_number_of_instants() {
    use std::cell::Cell;
    let asked = Cell::new(0);
    let counting = |at| {
        asked.set(asked.get() + 1);
        berlin_2026(at)
    };
    let mut offsets = ZoneOffsets::default();
    // Weeks are counted from the epoch, a Thursday.
    let thursday = ts("2026-01-08T00:00:00Z").millis();
    // 1,000 instants five minutes apart, newest first, all within that week.
    for i in (0..1000).rev() {
        offsets.at(
            Timestamp::from_millis(thursday + HOUR + i * 5 * MINUTE),
            counting,
        );
    }
    assert_eq!(asked.get(), 2);
}
