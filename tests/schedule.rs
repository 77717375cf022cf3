use sitrep::schedule::{Next, Schedule, BACKOFF_CAP_INTERVALS, JITTER};

const INTERVAL: u64 = 60_000;

fn delay(next: Next) -> u64 {
    match next {
        Next::In(ms) => ms,
        Next::Paused => panic!("expected a delay, got Paused"),
    }
}

#[test]
fn success_waits_one_interval_within_the_jitter() {
    let mut schedule = Schedule::new(INTERVAL);
    let low = delay(schedule.succeeded(0, 0.0));
    let mid = delay(schedule.succeeded(0, 0.5));
    let high = delay(schedule.succeeded(0, 0.999_999));
    assert_eq!(low, (INTERVAL as f64 * (1.0 - JITTER)) as u64);
    assert_eq!(mid, INTERVAL);
    assert!(
        high <= (INTERVAL as f64 * (1.0 + JITTER)) as u64 && high > mid,
        "{high}"
    );
}

#[test]
fn failures_double_the_wait_up_to_the_cap_then_success_resets() {
    let mut schedule = Schedule::new(INTERVAL);
    let waits: Vec<u64> = (0..8).map(|_| delay(schedule.failed(0.5))).collect();
    assert_eq!(
        waits,
        [1, 2, 4, 8, 10, 10, 10, 10].map(|n| n * INTERVAL),
        "interval, doubling, capped at {BACKOFF_CAP_INTERVALS} intervals"
    );
    assert_eq!(
        delay(schedule.succeeded(1, 0.5)),
        INTERVAL,
        "first success returns to the interval"
    );
    assert_eq!(
        delay(schedule.failed(0.5)),
        INTERVAL,
        "the count starts again after a success"
    );
}

#[test]
fn many_failures_never_overflow() {
    let mut schedule = Schedule::new(u64::MAX / 2);
    for _ in 0..100 {
        schedule.failed(1.0);
    }
    assert!(delay(schedule.failed(0.5)) >= u64::MAX / 2);
}

#[test]
fn hidden_tabs_pause_and_come_back_with_an_immediate_fetch() {
    let mut schedule = Schedule::new(INTERVAL);
    assert!(!schedule.set_hidden(true), "hiding does not fetch");
    assert!(schedule.is_paused());
    assert_eq!(schedule.succeeded(0, 0.5), Next::Paused);
    assert_eq!(schedule.failed(0.5), Next::Paused);
    assert!(!schedule.set_hidden(true), "still hidden: nothing to do");
    assert!(schedule.set_hidden(false), "visible again: fetch now");
    assert!(!schedule.set_hidden(false), "already visible");
    assert!(matches!(schedule.succeeded(0, 0.5), Next::In(_)));
}

#[test]
fn notifications_keep_hidden_tabs_polling() {
    let mut schedule = Schedule::new(INTERVAL);
    schedule.set_hidden(true);
    schedule.set_poll_while_hidden(true);
    assert!(!schedule.is_paused());
    assert_eq!(schedule.succeeded(0, 0.5), Next::In(INTERVAL));
    schedule.set_poll_while_hidden(false);
    assert_eq!(schedule.succeeded(0, 0.5), Next::Paused);
}

#[test]
fn focus_refreshes_only_data_older_than_half_an_interval() {
    let mut schedule = Schedule::new(INTERVAL);
    assert!(schedule.refresh_on_focus(0), "nothing fetched yet");
    schedule.succeeded(1_000, 0.5);
    assert!(!schedule.refresh_on_focus(1_000 + INTERVAL as i64 / 2 - 1));
    assert!(schedule.refresh_on_focus(1_000 + INTERVAL as i64 / 2));
}
