//! Finding a corpus's entries by id. A large corpus is hundreds of thousands of quotes, and
//! loading it looks up every reference of every quote: the table holds positions, not
//! copies of the ids, and compares against the entries themselves.

/// A fast hash of a short string: FxHash over eight bytes at a time. Nobody chooses a
/// corpus's ids or words to collide (a corpus is the reader's own).
pub fn hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        h = (h.rotate_left(5) ^ u64::from_le_bytes(chunk.try_into().expect("eight bytes"))).wrapping_mul(K);
    }
    let mut last = [0u8; 8];
    last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
    h ^ (h >> 29)
}

/// The positions of a list's entries by their ids (open addressing, at most half full).
#[derive(Debug, Clone, Default)]
pub struct IdTable {
    /// Per slot: the id's hash (high half) and its position + 1 (low half); 0 when empty.
    slots: Vec<u64>,
}

impl IdTable {
    /// A table of `len` entries, `id(i)` being entry `i`'s id. The second part lists each
    /// entry whose id an earlier one already has, as (entry, earlier entry).
    pub fn new<'a>(len: usize, id: impl Fn(usize) -> &'a str) -> (IdTable, Vec<(usize, usize)>) {
        let mut table = IdTable::with_room(len);
        let repeated = (0..len).filter_map(|i| Some((i, table.insert(i, &id).err()?))).collect();
        (table, repeated)
    }

    /// An empty table with room for `len` entries, to be added one at a time.
    pub fn with_room(len: usize) -> IdTable {
        IdTable { slots: vec![0; (len * 2).next_power_of_two().max(8)] }
    }

    /// Adds entry `i`, `id(i)` being its id, unless an earlier entry has that id: then the
    /// earlier entry's position. At most as many entries as the table has room for.
    pub fn insert<'a>(&mut self, i: usize, id: &impl Fn(usize) -> &'a str) -> Result<(), usize> {
        let h = hash(id(i).as_bytes()) & !0xFFFF_FFFF;
        match self.find(id(i), h, id) {
            Ok(earlier) => Err(earlier),
            Err(slot) => {
                self.slots[slot] = h | (i as u64 + 1);
                Ok(())
            }
        }
    }

    /// The position of the entry with this id; `id(i)` gives entry `i`'s id, as when built.
    pub fn get<'a>(&self, wanted: &str, id: impl Fn(usize) -> &'a str) -> Option<usize> {
        self.find(wanted, hash(wanted.as_bytes()) & !0xFFFF_FFFF, &id).ok()
    }

    /// The entry's position, or the empty slot where it would go; `h` is the high half of
    /// the id's hash (computed once by the caller, who may store it).
    fn find<'a>(&self, wanted: &str, h: u64, id: &impl Fn(usize) -> &'a str) -> Result<usize, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let mut slot = (h >> 32) as usize & mask;
        loop {
            let entry = self.slots[slot];
            if entry == 0 {
                return Err(slot);
            }
            let position = (entry & 0xFFFF_FFFF) as usize - 1;
            if entry & !0xFFFF_FFFF == h && id(position) == wanted {
                return Ok(position);
            }
            slot = (slot + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_id_and_names_the_repeated_ones() {
        let ids: Vec<String> = (0..1000).map(|i| format!("id-{}", i % 700)).collect();
        let (table, repeated) = IdTable::new(ids.len(), |i| &ids[i]);
        assert_eq!(repeated.len(), 300);
        assert_eq!(repeated[0], (700, 0));
        for (i, id) in ids.iter().enumerate().take(700) {
            assert_eq!(table.get(id, |i| &ids[i]), Some(i));
        }
        assert_eq!(table.get("id-700", |i| &ids[i]), None);
        assert_eq!(IdTable::default().get("x", |i| &ids[i]), None);
    }
}
