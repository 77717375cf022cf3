use sitrep::sort::sort_stable_by;

#[test]
fn sorts_and_keeps_equal_items_in_order() {
    let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
    sort_stable_by(&mut items, |a, b| a.0.cmp(&b.0));
    assert_eq!(items, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
}

#[test]
fn matches_the_standard_stable_sort_on_many_items() {
    // A fixed pseudo-random sequence with many ties.
    let mut seed = 7u64;
    let items: Vec<(u64, usize)> = (0..5_000)
        .map(|position| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 33) % 100, position)
        })
        .collect();
    let mut expected = items.clone();
    expected.sort_by_key(|item| std::cmp::Reverse(item.0));
    let mut sorted = items;
    sort_stable_by(&mut sorted, |a, b| b.0.cmp(&a.0));
    assert_eq!(sorted, expected);
}

#[test]
fn empty_and_single_lists_stay_as_they_are() {
    let mut empty: Vec<u8> = Vec::new();
    sort_stable_by(&mut empty, |a, b| a.cmp(b));
    assert!(empty.is_empty());
    let mut one = vec![String::from("only")];
    sort_stable_by(&mut one, |a, b| a.cmp(b));
    assert_eq!(one, ["only"]);
}

#[test]
fn every_length_up_to_a_few_runs_matches_the_standard_sort() {
    // Runs of every width meet uneven tails: lengths that are not powers of two.
    for len in 0..70usize {
        let items: Vec<(usize, usize)> = (0..len).map(|i| ((i * 7919) % 5, i)).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|item| item.0);
        let mut sorted = items;
        sort_stable_by(&mut sorted, |a, b| a.0.cmp(&b.0));
        assert_eq!(sorted, expected, "length {len}");
    }
}

#[test]
fn a_comparator_that_is_no_order_loses_nothing_and_does_not_panic() {
    // Feed data decides what is compared; a broken order must still keep every item once.
    let calls = std::cell::Cell::new(0u32);
    let mut items: Vec<u32> = (0..500).collect();
    sort_stable_by(&mut items, |_, _| {
        calls.set(calls.get().wrapping_mul(1103515245).wrapping_add(12345));
        [std::cmp::Ordering::Less, std::cmp::Ordering::Greater][(calls.get() >> 16) as usize % 2]
    });
    let mut seen = items.clone();
    seen.sort_unstable();
    assert_eq!(seen, (0..500).collect::<Vec<_>>());
}

#[test]
fn a_list_already_in_order_costs_one_comparison_per_item_at_most() {
    // Feeds list incidents newest first, the order they are sorted into: no n log n for them.
    let calls = std::cell::Cell::new(0usize);
    let mut items: Vec<u32> = (0..10_000).collect();
    sort_stable_by(&mut items, |a, b| {
        calls.set(calls.get() + 1);
        a.cmp(b)
    });
    assert_eq!(items, (0..10_000).collect::<Vec<_>>());
    assert!(calls.get() <= 10_000, "{} comparisons", calls.get());
}
