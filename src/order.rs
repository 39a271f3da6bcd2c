//! Sorting, one way for the whole app. The standard library's sorts are fast, but every call
//! with another element type or comparison compiles another two kilobytes or so of code, and
//! the app's first download has a size budget: here there are two heapsorts, one for keys
//! and one for a comparison. Heapsort is O(n log n) with no allocation; it is not stable, so
//! callers break ties themselves (by position, say), which makes every order a total one.

use std::cmp::Ordering;

/// Sorts keys in increasing order. Pack what to sort by into the key: `(major << 32) | minor`.
pub fn sort_keys(keys: &mut [u64]) {
    heapsort(&mut Keys(keys));
}

/// Sorts positions by `order`, which must never call two different positions equal.
pub fn sort_positions(positions: &mut [u32], order: &dyn Fn(u32, u32) -> Ordering) {
    heapsort(&mut ByOrder { positions, order });
}

/// Sorts `items` by their key `key(item)`, the items themselves breaking ties.
pub fn sort_by_key(items: &mut [u32], key: impl Fn(u32) -> u32) {
    let mut keys: Vec<u64> = items.iter().map(|&i| u64::from(key(i)) << 32 | u64::from(i)).collect();
    sort_keys(&mut keys);
    for (item, key) in items.iter_mut().zip(keys) {
        *item = key as u32;
    }
}

/// Sorts `items` by a text each has, the items themselves breaking ties. Many items share
/// few texts (a meeting's date, say): the distinct texts are ordered first, then the items
/// by their text's place, so that few string comparisons are made.
pub fn sort_by_text<'t>(items: &mut [u32], text: impl Fn(u32) -> &'t str) {
    let mut distinct: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
    let mut texts: Vec<&str> = Vec::new();
    let item_text: Vec<u32> = items
        .iter()
        .map(|&i| {
            let t = text(i);
            *distinct.entry(t).or_insert_with(|| {
                texts.push(t);
                texts.len() as u32 - 1
            })
        })
        .collect();
    let mut by_text: Vec<u32> = (0..texts.len() as u32).collect();
    sort_positions(&mut by_text, &|a, b| texts[a as usize].cmp(texts[b as usize]));
    let mut place = vec![0; texts.len()];
    for (p, &t) in by_text.iter().enumerate() {
        place[t as usize] = p as u32;
    }
    let mut keys: Vec<u64> = items
        .iter()
        .zip(&item_text)
        .map(|(&i, &t)| u64::from(place[t as usize]) << 32 | u64::from(i))
        .collect();
    sort_keys(&mut keys);
    for (item, key) in items.iter_mut().zip(keys) {
        *item = key as u32;
    }
}

/// What heapsort needs of what it sorts.
trait Heap {
    fn len(&self) -> usize;
    fn less(&self, a: usize, b: usize) -> bool;
    fn swap(&mut self, a: usize, b: usize);
}

struct Keys<'a>(&'a mut [u64]);

impl Heap for Keys<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn less(&self, a: usize, b: usize) -> bool {
        self.0[a] < self.0[b]
    }
    fn swap(&mut self, a: usize, b: usize) {
        self.0.swap(a, b);
    }
}

struct ByOrder<'a> {
    positions: &'a mut [u32],
    order: &'a dyn Fn(u32, u32) -> Ordering,
}

impl Heap for ByOrder<'_> {
    fn len(&self) -> usize {
        self.positions.len()
    }
    fn less(&self, a: usize, b: usize) -> bool {
        (self.order)(self.positions[a], self.positions[b]) == Ordering::Less
    }
    fn swap(&mut self, a: usize, b: usize) {
        self.positions.swap(a, b);
    }
}

fn heapsort(heap: &mut dyn Heap) {
    fn sift_down(heap: &mut dyn Heap, mut node: usize, end: usize) {
        loop {
            let mut child = 2 * node + 1;
            if child >= end {
                return;
            }
            if child + 1 < end && heap.less(child, child + 1) {
                child += 1;
            }
            if !heap.less(node, child) {
                return;
            }
            heap.swap(node, child);
            node = child;
        }
    }
    let len = heap.len();
    for node in (0..len / 2).rev() {
        sift_down(heap, node, len);
    }
    for end in (1..len).rev() {
        heap.swap(0, end);
        sift_down(heap, 0, end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same small generator as the synthetic corpus uses, for repeatable inputs.
    fn numbers(n: usize, seed: u64) -> Vec<u64> {
        let mut s = seed;
        (0..n)
            .map(|_| {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                s >> 40
            })
            .collect()
    }

    #[test]
    fn items_sort_by_their_text_then_by_themselves() {
        let dates = ["2022-02-04", "2021-06-28", "", "2022-02-04", "2021", "2021-06-28", "2022"];
        let mut items: Vec<u32> = (0..dates.len() as u32).rev().collect();
        sort_by_text(&mut items, |i| dates[i as usize]);
        let mut expected: Vec<u32> = (0..dates.len() as u32).collect();
        expected.sort_by(|&a, &b| dates[a as usize].cmp(dates[b as usize]).then(a.cmp(&b)));
        assert_eq!(items, expected);
        let words: Vec<String> = numbers(2_000, 9).iter().map(|n| format!("w{}", n % 97)).collect();
        let mut items: Vec<u32> = (0..2_000).collect();
        sort_by_text(&mut items, |i| &words[i as usize]);
        let mut expected: Vec<u32> = (0..2_000).collect();
        expected.sort_by(|&a, &b| words[a as usize].cmp(&words[b as usize]).then(a.cmp(&b)));
        assert_eq!(items, expected);
    }

    #[test]
    fn keys_come_out_in_the_standard_order() {
        for n in [0, 1, 2, 3, 10, 1000] {
            let mut ours = numbers(n, n as u64);
            let mut std = ours.clone();
            sort_keys(&mut ours);
            std.sort_unstable();
            assert_eq!(ours, std, "{n} keys");
        }
    }

    #[test]
    fn positions_sort_by_any_total_order_and_keys_break_ties_by_position() {
        let values = numbers(500, 3);
        let mut positions: Vec<u32> = (0..500).collect();
        sort_positions(&mut positions, &|a, b| values[a as usize].cmp(&values[b as usize]).then(a.cmp(&b)));
        let mut expected: Vec<u32> = (0..500).collect();
        expected.sort_by_key(|&i| (values[i as usize], i));
        assert_eq!(positions, expected);

        let mut items: Vec<u32> = (0..500).rev().collect();
        sort_by_key(&mut items, |i| (values[i as usize] % 7) as u32);
        expected.sort_by_key(|&i| (values[i as usize] % 7, i));
        assert_eq!(items, expected);
    }
}
