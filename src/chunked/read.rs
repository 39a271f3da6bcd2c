//! Reading a chunked index's files, once inflated: every one checked as it is decoded, so a
//! damaged or foreign file is refused with a message rather than misread.

use super::{varint, Entry, Facets, Meta, PlaceList, Places, FORMAT};
use crate::corpus::{Quote, NONE};

/// The entry file, which names the meta file.
pub fn entry(json: &[u8]) -> Result<Entry, String> {
    let entry: Entry = serde_json::from_slice(json)
        .map_err(|e| format!("The index's {} cannot be read: {e}", super::ENTRY))?;
    if entry.format != FORMAT {
        return Err(format!("The index is in format {}; this explorer reads format {FORMAT}.", entry.format));
    }
    Ok(entry)
}

/// The meta file.
pub fn meta(json: &[u8]) -> Result<Meta, String> {
    let meta: Meta =
        serde_json::from_slice(json).map_err(|e| format!("The index's meta file cannot be read: {e}"))?;
    if meta.format != FORMAT {
        return Err(format!("The index is in format {}; this explorer reads format {FORMAT}.", meta.format));
    }
    if meta.pack_size == 0 {
        return Err("The index's meta file gives packs of 0 quotes.".into());
    }
    Ok(meta)
}

/// A little cursor over a file's bytes.
struct Bytes<'a> {
    bytes: &'a [u8],
    at: usize,
    what: &'static str,
}

impl Bytes<'_> {
    fn cut(&self) -> String {
        format!("The index's {} file ends early or is damaged.", self.what)
    }

    fn varint(&mut self) -> Result<u64, String> {
        varint::get(self.bytes, &mut self.at).ok_or_else(|| self.cut())
    }

    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or_else(|| self.cut())?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn magic(&mut self, magic: &[u8; 4]) -> Result<(), String> {
        if self.take(4)? == magic {
            Ok(())
        } else {
            Err(format!("This is not the index's {} file.", self.what))
        }
    }

    fn column(&mut self, n: usize) -> Result<Vec<u32>, String> {
        let width = self.take(1)?[0] as usize;
        if ![1, 2, 4].contains(&width) {
            return Err(self.cut());
        }
        let raw = self.take(n.checked_mul(width).ok_or_else(|| self.cut())?)?;
        Ok(raw
            .chunks_exact(width)
            .map(|c| {
                let mut four = [0; 4];
                four[..width].copy_from_slice(c);
                u32::from_le_bytes(four)
            })
            .collect())
    }
}

/// The facets file's columns of one value per quote (see `write::encode_facets`).
const COLUMNS: usize = 7;

/// The facets file.
pub fn facets(bytes: &[u8]) -> Result<Facets, String> {
    let mut b = Bytes { bytes, at: 0, what: "facets" };
    b.magic(b"QEF2")?;
    let n = usize::try_from(b.varint()?).map_err(|_| b.cut())?;
    let mut columns = Vec::with_capacity(COLUMNS);
    for _ in 0..COLUMNS {
        columns.push(b.column(n)?.into_iter().map(|v| v.checked_sub(1).unwrap_or(NONE)).collect::<Vec<_>>());
    }
    let counts = b.take(n)?;
    let mut theme_offsets = Vec::with_capacity(n + 1);
    let mut total = 0u32;
    theme_offsets.push(0);
    for &c in counts {
        total += u32::from(c);
        theme_offsets.push(total);
    }
    let theme_values = b.column(total as usize)?;
    if b.at != bytes.len() {
        return Err(b.cut());
    }
    let [speaker, meeting, source, kind, statement, point, variant]: [Vec<u32>; COLUMNS] =
        columns.try_into().map_err(|_| b.cut())?;
    Ok(Facets { speaker, meeting, source, kind, statement, point, variant, theme_offsets, theme_values })
}

/// A word chunk: its words in order, each with its postings (`quote << 2 | field`).
pub fn words(bytes: &[u8]) -> Result<super::Entries, String> {
    let mut b = Bytes { bytes, at: 0, what: "word" };
    b.magic(b"QEW1")?;
    let entries = b.varint()?;
    let mut words = Vec::new();
    for _ in 0..entries {
        let len = usize::try_from(b.varint()?).map_err(|_| b.cut())?;
        let cut = b.cut();
        let word = std::str::from_utf8(b.take(len)?).map_err(|_| cut)?.to_owned();
        let count = b.varint()?;
        let mut postings = Vec::with_capacity(count.min(1 << 20) as usize);
        let mut previous = 0u32;
        for i in 0..count {
            let value = u32::try_from(b.varint()?).map_err(|_| b.cut())?;
            previous = if i == 0 { value } else { previous.checked_add(value).ok_or_else(|| b.cut())? };
            postings.push(previous);
        }
        words.push((word, postings));
    }
    if b.at != bytes.len() {
        return Err(b.cut());
    }
    Ok(words)
}

/// A word chunk's places file.
pub fn places(bytes: &[u8]) -> Result<Places, String> {
    let mut b = Bytes { bytes, at: 0, what: "places" };
    b.magic(b"QEP1")?;
    let count = b.varint()?;
    let mut entries = Vec::new();
    for _ in 0..count {
        let postings = b.varint()?;
        let mut list = PlaceList { starts: vec![0], at: Vec::new() };
        for _ in 0..postings {
            let n = b.varint()?;
            let mut previous = 0u32;
            for i in 0..n {
                let value = u32::try_from(b.varint()?).map_err(|_| b.cut())?;
                previous = if i == 0 { value } else { previous.checked_add(value).ok_or_else(|| b.cut())? };
                list.at.push(previous);
            }
            list.starts.push(u32::try_from(list.at.len()).map_err(|_| b.cut())?);
        }
        entries.push(list);
    }
    if b.at != bytes.len() {
        return Err(b.cut());
    }
    Ok(Places { entries })
}

/// A pack of quotes.
pub fn pack(json: &[u8]) -> Result<Vec<Quote>, String> {
    serde_json::from_slice(json).map_err(|e| format!("A pack of the index's quotes cannot be read: {e}"))
}
