use sitrep::batches::{Batches, BUDGET_MS};

const FRAME: f64 = 1000.0 / 60.0;

/// Sizes of the batches a view of `total` items is drawn in, when each item costs
/// `ms_per_item` and the frames come at 60 Hz (a frame that overruns takes whole frames).
fn drawn(first: usize, total: usize, ms_per_item: f64) -> Vec<(usize, f64)> {
    let mut batches = Batches::new(first);
    let (mut now, mut done, mut sizes) = (0.0, 0, Vec::new());
    while done < total {
        let size = batches.next(now).min(total - done);
        let work = size as f64 * ms_per_item;
        sizes.push((size, work));
        done += size;
        // The next batch starts with the frame after the one this batch's work ended in.
        now += FRAME * ((work / FRAME).floor() + 1.0);
    }
    sizes
}

#[test]
fn the_first_batch_has_the_size_given() {
    assert_eq!(Batches::new(10).next(1234.0), 10);
    assert_eq!(Batches::new(0).next(0.0), 1, "never an empty batch");
}

#[test]
fn a_batch_grows_at_most_twofold() {
    let mut batches = Batches::new(10);
    assert_eq!(batches.next(0.0), 10);
    assert_eq!(batches.next(FRAME), 20, "done within its frame");
    assert_eq!(batches.next(FRAME / 2.0), 40, "a clock that went back");
}

#[test]
fn a_fast_machine_draws_a_long_view_in_few_frames() {
    // 60 rows at 0.8 ms: a fixed 10 rows a frame took six frames.
    let sizes = drawn(10, 60, 0.8);
    assert!(sizes.len() <= 3, "{sizes:?}");
    // Nor a frame longer than the budget for it.
    assert!(
        sizes.iter().all(|(_, work)| *work <= BUDGET_MS),
        "{sizes:?}"
    );
}

#[test]
fn a_slow_machine_keeps_every_frame_well_under_a_long_task() {
    // 500 updates at 4 ms each (a slow phone): ten of them are a 40 ms frame.
    let sizes = drawn(10, 500, 4.0);
    assert_eq!(sizes.iter().map(|(size, _)| size).sum::<usize>(), 500);
    for (size, work) in &sizes[1..] {
        assert!(*work <= 40.0, "a batch of {size} took {work} ms: {sizes:?}");
    }
    // Not a frame wasted on crumbs either: on average near the budget.
    let average = 2000.0 / sizes.len() as f64;
    assert!(
        average >= BUDGET_MS * 0.8,
        "{average} ms a batch: {sizes:?}"
    );
}

#[test]
fn a_batch_that_overran_shrinks_the_next_by_at_most_half() {
    let mut batches = Batches::new(40);
    batches.next(0.0);
    assert_eq!(batches.next(500.0), 20);
    assert_eq!(batches.next(1000.0), 10);
}

#[test]
fn any_clock_reading_gives_a_batch_without_panicking() {
    for now in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1e300,
        0.0,
        1e300,
    ] {
        let mut batches = Batches::new(usize::MAX);
        assert!(batches.next(0.0) >= 1);
        assert!(batches.next(now) >= 1);
        assert!(batches.next(now) >= 1);
    }
}
