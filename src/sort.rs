//! One stable sort for every list sitrep orders.
//!
//! The standard library's sort is several kilobytes of wasm, compiled again for each element
//! type and comparator. Sorting positions through a `dyn` comparator keeps a single copy.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their original order.
pub fn sort_stable_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    let by_position: &dyn Fn(&usize, &usize) -> Ordering = &|a, b| compare(&items[*a], &items[*b]);
    order.sort_by(by_position);
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|position| slots[position].take()),
    );
}
