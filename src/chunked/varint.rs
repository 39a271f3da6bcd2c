//! Unsigned LEB128 integers: the word chunks' lengths and posting gaps, most of them one byte.

#[cfg(not(target_arch = "wasm32"))]
pub fn put(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The integer at `at`, moving `at` past it; `None` if the bytes end inside it or it
/// overflows 64 bits.
pub fn get(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes.get(*at)?;
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return Some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_width_reads_back_and_a_cut_one_is_refused() {
        let values = [0, 1, 127, 128, 300, 16_383, 16_384, u64::from(u32::MAX), u64::MAX];
        let mut bytes = Vec::new();
        values.iter().for_each(|&v| super::put(&mut bytes, v));
        let mut at = 0;
        let read: Vec<u64> = values.iter().map(|_| super::get(&bytes, &mut at).unwrap()).collect();
        assert_eq!(read, values);
        assert_eq!(at, bytes.len());
        let mut at = 0;
        assert_eq!(super::get(&[0x80, 0x80], &mut at), None);
    }
}
