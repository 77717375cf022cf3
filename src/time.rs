//! Timestamps, calendar arithmetic and human-readable times.
//!
//! Everything takes `now` and the zone offset as arguments so it can be tested with fixed clocks;
//! the browser supplies the real clock and the reader's offset.

use std::fmt;

use serde::{Deserialize, Deserializer};

const MS_PER_MINUTE: i64 = 60_000;
const MS_PER_HOUR: i64 = 60 * MS_PER_MINUTE;
const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

/// An instant, as milliseconds since the Unix epoch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid timestamp {value:?}: {reason} (expected RFC 3339, e.g. 2026-11-23T07:40:00Z)")]
pub struct TimestampError {
    pub(crate) value: String,
    pub(crate) reason: &'static str,
}

/// A calendar date in some time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i64,
    pub month: u32,
    pub day: u32,
}

/// Wall-clock fields of an instant seen at a fixed UTC offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    pub date: Date,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

/// A UTC offset, as the reader's chosen time zone has it at some instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone {
    pub offset_minutes: i32,
}

impl Zone {
    pub const UTC: Zone = Zone { offset_minutes: 0 };

    pub fn fixed(offset_minutes: i32) -> Zone {
        Zone { offset_minutes }
    }
}

/// A zone's UTC offsets, remembered by the week. Asking the browser for the offset of each of
/// thousands of incidents costs more than everything else the list does with them; offsets
/// change a few times a year, so a week with the same offset at both ends has it throughout.
#[derive(Debug, Default)]
pub struct ZoneOffsets {
    /// Week number → its offset, or `None` for a week with a change in it; sorted by week.
    weeks: Vec<(i64, Option<i32>)>,
}

const WEEK_MS: i64 = 7 * 24 * 3_600_000;

impl ZoneOffsets {
    /// The zone at `at`, asking `exact` (minutes east of UTC) only for weeks not seen yet and
    /// inside a week in which the offset changes.
    pub fn at(&mut self, at: Timestamp, exact: impl Fn(Timestamp) -> i32) -> Zone {
        let week = at.0.div_euclid(WEEK_MS);
        let offset = match self.weeks.binary_search_by_key(&week, |(w, _)| *w) {
            Ok(found) => self.weeks[found].1,
            Err(slot) => {
                let first = exact(Timestamp(week * WEEK_MS));
                let last = exact(Timestamp((week + 1) * WEEK_MS - 1));
                let steady = (first == last).then_some(first);
                self.weeks.insert(slot, (week, steady));
                steady
            }
        };
        Zone::fixed(offset.unwrap_or_else(|| exact(at)))
    }
}

impl Timestamp {
    /// Parses RFC 3339 (`2026-11-23T07:40:12.097Z`, `2026-11-23T08:40:00+01:00`).
    pub fn parse(value: &str) -> Result<Timestamp, TimestampError> {
        parse_rfc3339(value).map_err(|reason| TimestampError {
            value: truncate_for_message(value),
            reason,
        })
    }

    pub fn from_millis(ms: i64) -> Timestamp {
        Timestamp(ms)
    }

    pub fn millis(self) -> i64 {
        self.0
    }

    /// The instant truncated to its minute (towards the past, also before 1970).
    pub fn start_of_minute(self) -> Timestamp {
        Timestamp(self.0.div_euclid(MS_PER_MINUTE) * MS_PER_MINUTE)
    }

    pub fn in_zone(self, zone: Zone) -> DateTime {
        // In i128, then kept a day inside i64: no input overflows, and a clipped instant stays on
        // its calendar day (so the day's noon is representable too).
        let local = (i128::from(self.0)
            + i128::from(zone.offset_minutes) * i128::from(MS_PER_MINUTE))
        .clamp(
            i128::from(i64::MIN + MS_PER_DAY),
            i128::from(i64::MAX - MS_PER_DAY),
        ) as i64;
        let days = local.div_euclid(MS_PER_DAY);
        let ms_of_day = local.rem_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        DateTime {
            date: Date { year, month, day },
            hour: (ms_of_day / MS_PER_HOUR) as u32,
            minute: ((ms_of_day % MS_PER_HOUR) / MS_PER_MINUTE) as u32,
            second: ((ms_of_day % MS_PER_MINUTE) / 1000) as u32,
        }
    }

    /// The first instant of this instant's calendar day in the zone `zone_at` gives (its offset
    /// is asked at the midnight found, so days next to a daylight-saving change are right).
    pub fn start_of_day(self, zone_at: impl Fn(Timestamp) -> Zone) -> Timestamp {
        let offset = |at: Timestamp| i64::from(zone_at(at).offset_minutes) * MS_PER_MINUTE;
        let local = self.0.saturating_add(offset(self));
        let midnight = local.div_euclid(MS_PER_DAY).saturating_mul(MS_PER_DAY);
        let guess = Timestamp(midnight.saturating_sub(offset(self)));
        Timestamp(midnight.saturating_sub(offset(guess)))
    }

    /// Machine-readable UTC form for `<time datetime>`.
    pub fn to_rfc3339(self) -> String {
        let t = self.in_zone(Zone::UTC);
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            t.date.iso(),
            t.hour,
            t.minute,
            t.second
        )
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Timestamp::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Date {
    /// ISO 8601 date, for `<time datetime>`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Noon UTC on this date: formatted with `timeZone: "UTC"` it always shows this date.
    pub fn noon_utc(self) -> Timestamp {
        let days = days_from_civil(self.year, self.month, self.day);
        Timestamp(
            days.saturating_mul(MS_PER_DAY)
                .saturating_add(12 * MS_PER_HOUR),
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// A unit for `Intl.RelativeTimeFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RelativeUnit {
    Second,
    Minute,
    Hour,
    Day,
}

impl RelativeUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            RelativeUnit::Second => "second",
            RelativeUnit::Minute => "minute",
            RelativeUnit::Hour => "hour",
            RelativeUnit::Day => "day",
        }
    }
}

/// `ts` relative to `now` as a signed amount of one unit, negative for the past (the form
/// `Intl.RelativeTimeFormat` takes): `(-12, Minute)` reads "12 minutes ago". Anything within
/// a minute either way is `(0, Second)`, "now": clocks disagree by that much.
pub fn relative_parts(ts: Timestamp, now: Timestamp) -> (i64, RelativeUnit) {
    let delta = ts.0.saturating_sub(now.0);
    let span = delta.saturating_abs();
    let sign = delta.signum();
    if span < MS_PER_MINUTE {
        (0, RelativeUnit::Second)
    } else if span < MS_PER_HOUR {
        (sign * (span / MS_PER_MINUTE), RelativeUnit::Minute)
    } else if span < MS_PER_DAY {
        (sign * (span / MS_PER_HOUR), RelativeUnit::Hour)
    } else {
        (sign * (span / MS_PER_DAY), RelativeUnit::Day)
    }
}

/// How long something lasted, in the two largest units that matter (for `Intl.DurationFormat`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DurationParts {
    pub days: i64,
    pub hours: i64,
    pub minutes: i64,
}

pub fn duration_parts(from: Timestamp, to: Timestamp) -> DurationParts {
    let span = to.0.saturating_sub(from.0).max(0);
    let days = span / MS_PER_DAY;
    let hours = (span % MS_PER_DAY) / MS_PER_HOUR;
    let minutes = (span % MS_PER_HOUR) / MS_PER_MINUTE;
    if days > 0 {
        DurationParts {
            days,
            hours,
            minutes: 0,
        }
    } else {
        DurationParts {
            days: 0,
            hours,
            minutes,
        }
    }
}

/// Parses the offset `Intl.DateTimeFormat` reports with `timeZoneName: "longOffset"`:
/// `GMT`, `GMT+09:00`, `GMT-03:30`, `UTC+5`. Returns minutes east of UTC.
pub fn parse_gmt_offset(text: &str) -> Option<i32> {
    let rest = text
        .trim()
        .strip_prefix("GMT")
        .or_else(|| text.trim().strip_prefix("UTC"))?;
    if rest.is_empty() {
        return Some(0);
    }
    let sign = match rest.as_bytes()[0] {
        b'+' => 1,
        // Intl may use U+2212 MINUS SIGN.
        b'-' => -1,
        _ if rest.starts_with('\u{2212}') => -1,
        _ => return None,
    };
    let digits = rest.trim_start_matches(['+', '-', '\u{2212}']);
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
        None => (digits.parse::<i32>().ok()?, 0),
    };
    ((0..=18).contains(&hours) && (0..60).contains(&minutes))
        .then_some(sign * (hours * 60 + minutes))
}

fn truncate_for_message(value: &str) -> String {
    value.chars().take(40).collect()
}

fn parse_rfc3339(value: &str) -> Result<Timestamp, &'static str> {
    let b = value.as_bytes();
    if b.len() < 20 {
        return Err("too short");
    }
    let year = digits(b, 0, 4)?;
    expect(b, 4, b'-')?;
    let month = digits(b, 5, 2)? as u32;
    expect(b, 7, b'-')?;
    let day = digits(b, 8, 2)? as u32;
    if !matches!(b[10], b'T' | b't' | b' ') {
        return Err("missing 'T' between date and time");
    }
    let hour = digits(b, 11, 2)?;
    expect(b, 13, b':')?;
    let minute = digits(b, 14, 2)?;
    expect(b, 16, b':')?;
    let second = digits(b, 17, 2)?;
    if !(1..=12).contains(&month) {
        return Err("month out of range");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("day out of range");
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err("time of day out of range");
    }
    let mut pos = 19;
    let mut millis = 0;
    if b[pos] == b'.' {
        pos += 1;
        let start = pos;
        while pos < b.len() && b[pos].is_ascii_digit() {
            if pos - start < 3 {
                millis = millis * 10 + i64::from(b[pos] - b'0');
            }
            pos += 1;
        }
        match pos - start {
            0 => return Err("empty fraction of a second"),
            1 => millis *= 100,
            2 => millis *= 10,
            _ => {}
        }
    }
    let offset_minutes = match b.get(pos) {
        Some(b'Z' | b'z') if pos + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if pos + 6 == b.len() => {
            let hours = digits(b, pos + 1, 2)?;
            expect(b, pos + 3, b':')?;
            let mins = digits(b, pos + 4, 2)?;
            if hours > 23 || mins > 59 {
                return Err("offset out of range");
            }
            let total = hours * 60 + mins;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return Err("missing or malformed time zone (use Z or ±hh:mm)"),
    };
    // A leap second is shown as the last second of its minute.
    let second = second.min(59);
    let days = days_from_civil(year, month, day);
    let ms =
        days * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millis
            - offset_minutes * MS_PER_MINUTE;
    Ok(Timestamp(ms))
}

fn digits(b: &[u8], start: usize, len: usize) -> Result<i64, &'static str> {
    let slice = b.get(start..start + len).ok_or("too short")?;
    slice.iter().try_fold(0i64, |acc, &c| {
        if c.is_ascii_digit() {
            Ok(acc * 10 + i64::from(c - b'0'))
        } else {
            Err("expected a digit")
        }
    })
}

fn expect(b: &[u8], pos: usize, want: u8) -> Result<(), &'static str> {
    match b.get(pos) {
        Some(&c) if c == want => Ok(()),
        _ => Err("malformed separator"),
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days-from-civil algorithms (proleptic Gregorian calendar).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((month + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}
