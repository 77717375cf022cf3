//! When to fetch next. Thousands of readers poll the same files, so every delay is jittered
//! (readers who opened the page together drift apart), failures back off exponentially up to a
//! cap (an origin that is down is not hammered, and recovers to a spread-out crowd rather than a
//! stampede), and hidden tabs do not poll at all.
//!
//! Pure: the caller supplies the clock and the random numbers.

/// Each delay is the nominal one times a factor in `[1 - JITTER, 1 + JITTER]`.
pub const JITTER: f64 = 0.2;
/// Retries never wait longer than this many intervals.
pub const BACKOFF_CAP_INTERVALS: u64 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Fetch again after this many milliseconds.
    In(u64),
    /// Wait for the tab to become visible.
    Paused,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    interval_ms: u64,
    failures: u32,
    hidden: bool,
    poll_while_hidden: bool,
    last_success_ms: Option<i64>,
}

impl Schedule {
    pub fn new(interval_ms: u64) -> Schedule {
        Schedule {
            interval_ms: interval_ms.max(1),
            failures: 0,
            hidden: false,
            poll_while_hidden: false,
            last_success_ms: None,
        }
    }

    /// After a successful fetch at `now_ms`; `random` is uniform in `[0, 1)`.
    pub fn succeeded(&mut self, now_ms: i64, random: f64) -> Next {
        self.failures = 0;
        self.last_success_ms = Some(now_ms);
        self.next(random)
    }

    /// After a failed fetch (network, HTTP, timeout, unusable file).
    pub fn failed(&mut self, random: f64) -> Next {
        self.failures = self.failures.saturating_add(1);
        self.next(random)
    }

    /// The nominal wait before the next fetch, before jitter: the interval, doubled for each
    /// consecutive failure beyond the first, capped.
    fn base_delay_ms(&self) -> u64 {
        let doublings = self.failures.saturating_sub(1).min(16);
        let cap = self.interval_ms.saturating_mul(BACKOFF_CAP_INTERVALS);
        self.interval_ms.saturating_mul(1 << doublings).min(cap)
    }

    fn next(&self, random: f64) -> Next {
        if self.hidden && !self.poll_while_hidden {
            return Next::Paused;
        }
        let factor = 1.0 - JITTER + 2.0 * JITTER * random.clamp(0.0, 1.0);
        Next::In((self.base_delay_ms() as f64 * factor).round() as u64)
    }

    /// The tab was hidden or shown. Returns true when a fetch should happen right away (the
    /// reader is back and may be looking at old data).
    pub fn set_hidden(&mut self, hidden: bool) -> bool {
        let was_hidden = self.hidden;
        self.hidden = hidden;
        was_hidden && !hidden
    }

    pub fn is_paused(&self) -> bool {
        self.hidden && !self.poll_while_hidden
    }

    /// Background notifications need polling to go on in hidden tabs.
    pub fn set_poll_while_hidden(&mut self, enabled: bool) {
        self.poll_while_hidden = enabled;
    }

    /// The window regained focus: refresh if the data is older than half an interval.
    pub fn refresh_on_focus(&self, now_ms: i64) -> bool {
        match self.last_success_ms {
            Some(at) => now_ms - at >= (self.interval_ms / 2) as i64,
            None => true,
        }
    }
}
