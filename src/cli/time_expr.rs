//! Times in incident sources: RFC 3339, or relative to the build's `now` (`now`, `now-2h`,
//! `now+1d12h`, `now-3d-2h30m`, `now-5m12s250ms`), so demo and test sources never look stale.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::time::Timestamp;

/// The current time, or `given` (RFC 3339) when a command was told which time it is.
pub fn now(given: Option<&str>) -> Result<Timestamp, String> {
    match given {
        Some(text) => Timestamp::parse(text).map_err(|e| format!("--now: {e}")),
        None => {
            let millis = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_err(|e| e.to_string())?
                .as_millis();
            Ok(Timestamp::from_millis(
                i64::try_from(millis).map_err(|e| e.to_string())?,
            ))
        }
    }
}

/// Reads a time written in a source file.
pub fn parse(text: &str, now: Timestamp) -> Result<Timestamp, String> {
    let Some(offsets) = text.strip_prefix("now") else {
        return Timestamp::parse(text).map_err(|e| e.to_string());
    };
    let invalid = || {
        format!(
            "invalid relative time {text:?} (expected now, or now followed by +/- and amounts \
             such as now-2h30m or now+1d; units w, d, h, m, s, ms)"
        )
    };
    let mut total: i64 = 0;
    let mut sign = 0;
    // A sign must be followed by at least one amount with its unit.
    let mut signed_amounts = 0;
    let mut amount: Option<i64> = None;
    let mut chars = offsets.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '+' | '-' if amount.is_none() && (sign == 0 || signed_amounts > 0) => {
                sign = if c == '+' { 1 } else { -1 };
                signed_amounts = 0;
            }
            '0'..='9' if sign != 0 => {
                let digit = i64::from(c as u8 - b'0');
                amount = Some(
                    amount
                        .unwrap_or(0)
                        .checked_mul(10)
                        .and_then(|n| n.checked_add(digit))
                        .ok_or_else(invalid)?,
                );
            }
            unit => {
                let millis = match unit {
                    'w' => 7 * 86_400_000,
                    'd' => 86_400_000,
                    'h' => 3_600_000,
                    'm' if chars.next_if_eq(&'s').is_some() => 1,
                    'm' => 60_000,
                    's' => 1_000,
                    _ => return Err(invalid()),
                };
                let n = amount.take().ok_or_else(invalid)?;
                signed_amounts += 1;
                total = n
                    .checked_mul(millis * sign)
                    .and_then(|ms| total.checked_add(ms))
                    .ok_or_else(invalid)?;
            }
        }
    }
    if amount.is_some() || (sign != 0 && signed_amounts == 0) {
        return Err(invalid());
    }
    now.millis()
        .checked_add(total)
        .map(Timestamp::from_millis)
        .ok_or_else(invalid)
}
