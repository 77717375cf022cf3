//! One stable sort for every list sitrep orders.
//!
//! The standard library's sort is several kilobytes of wasm, compiled again for each element
//! type and comparator, and may panic when a comparator is not a total order. Sorting
//! positions by merging, through a `dyn` comparator, keeps one small copy that never panics.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their original order.
pub fn sort_stable_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &|a, b| compare(&items[a], &items[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .into_iter()
            .filter_map(|position| slots[position].take()),
    );
}

/// The positions `0..len` in the order `compare` gives them: a bottom-up merge sort, so
/// stable, in O(n log n) comparisons at most.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = order.clone();
    let mut width = 1;
    while width < len {
        for start in (0..len).step_by(2 * width) {
            let middle = (start + width).min(len);
            let end = (start + 2 * width).min(len);
            // Runs already in order, as most lists come, cost one comparison: a sorted list
            // is sorted in O(n) comparisons.
            if middle == end || compare(order[middle - 1], order[middle]) != Ordering::Greater {
                merged[start..end].copy_from_slice(&order[start..end]);
                continue;
            }
            let (mut left, mut right) = (start, middle);
            for slot in &mut merged[start..end] {
                // On a tie the left run's item goes first: that keeps the sort stable.
                let from_left = right == end
                    || (left < middle && compare(order[left], order[right]) != Ordering::Greater);
                let from = if from_left { &mut left } else { &mut right };
                *slot = order[*from];
                *from += 1;
            }
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}
