/// A fixed-size set of quote positions, one bit each: intersections and unions over
/// thousands of quotes cost a few hundred word operations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bitset {
    words: Vec<u64>,
    len: usize,
}

impl Bitset {
    pub fn empty(len: usize) -> Self {
        Bitset { words: vec![0; len.div_ceil(64)], len }
    }

    pub fn full(len: usize) -> Self {
        let mut set = Bitset { words: vec![u64::MAX; len.div_ceil(64)], len };
        if len % 64 != 0 {
            if let Some(last) = set.words.last_mut() {
                *last = (1u64 << (len % 64)) - 1;
            }
        }
        set
    }

    pub fn from_sorted(len: usize, members: &[u32]) -> Self {
        let mut set = Bitset::empty(len);
        for &m in members {
            set.insert(m);
        }
        set
    }

    pub fn insert(&mut self, i: u32) {
        self.words[i as usize / 64] |= 1 << (i % 64);
    }

    pub fn contains(&self, i: u32) -> bool {
        self.words[i as usize / 64] & (1 << (i % 64)) != 0
    }

    pub fn intersect_with(&mut self, other: &Bitset) {
        for (a, b) in self.words.iter_mut().zip(&other.words) {
            *a &= b;
        }
    }

    /// Removes every member of `other`.
    pub fn subtract(&mut self, other: &Bitset) {
        for (word, other) in self.words.iter_mut().zip(&other.words) {
            *word &= !other;
        }
    }

    pub fn count(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(wi, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                Some(wi as u32 * 64 + bit)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_set_holds_exactly_len_members() {
        for len in [0, 1, 63, 64, 65, 130] {
            let set = Bitset::full(len);
            assert_eq!(set.count(), len);
            assert_eq!(set.iter().collect::<Vec<_>>(), (0..len as u32).collect::<Vec<_>>());
        }
    }

    #[test]
    fn intersection_keeps_common_members_in_order() {
        let mut a = Bitset::from_sorted(200, &[1, 64, 70, 199]);
        let b = Bitset::from_sorted(200, &[0, 64, 199]);
        a.intersect_with(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), [64, 199]);
        assert!(a.contains(199) && !a.contains(70));
    }
}
