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
