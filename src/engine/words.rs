//! The inverted word index: every normalised word of the quotes' text, speakers' names and
//! aliases, meetings' titles and places and themes' labels, sorted for prefix look-up, with
//! the quotes (and the field) it occurs in; and each quote's text as the sequence of its
//! words' ids, which the reading views (concordance, trends, distinctive words) count and
//! sort without splitting or normalising a text again.

use super::text::{self, SearchTerms};
use super::Bitset;
use crate::corpus::{hash, Corpus, Links};

/// Where in a quote's searchable text a word was found; earlier fields weigh more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Text = 0,
    Speaker = 1,
    Meeting = 2,
    Theme = 3,
}

impl Field {
    pub(super) fn weight(self) -> u32 {
        match self {
            Field::Text => 8,
            Field::Speaker => 4,
            Field::Meeting | Field::Theme => 2,
        }
    }

    /// The field of a posting (`quote << 2 | field`).
    pub(super) fn of_posting(posting: u32) -> Field {
        match posting & 3 {
            0 => Field::Text,
            1 => Field::Speaker,
            2 => Field::Meeting,
            _ => Field::Theme,
        }
    }
}

/// The quote a posting belongs to.
pub(super) fn quote_of_posting(posting: u32) -> u32 {
    posting >> 2
}

#[derive(Debug, Default)]
pub(super) struct WordIndex {
    /// Sorted by word; each posting is `quote << 2 | field`, in quote order.
    entries: Vec<(String, Vec<u32>)>,
    /// Every quote's text as word ids (positions in `entries`, so ids compare as their words
    /// do), quote after quote; quote `q`'s are `text[text_starts[q]..text_starts[q + 1]]`.
    text: Vec<u32>,
    text_starts: Vec<u32>,
}

impl WordIndex {
    /// Every indexed word starting with `prefix`, with its postings.
    pub(super) fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u32])> {
        let start = self.entries.partition_point(|(w, _)| w.as_str() < prefix);
        self.entries[start..]
            .iter()
            .take_while(move |(w, _)| w.starts_with(prefix))
            .map(|(w, p)| (w.as_str(), p.as_slice()))
    }

    /// The ids of the words starting with `prefix`: a run, as the entries are sorted.
    pub(super) fn ids_with_prefix(&self, prefix: &str) -> std::ops::Range<u32> {
        let start = self.entries.partition_point(|(w, _)| w.as_str() < prefix);
        let len = self.entries[start..].partition_point(|(w, _)| w.starts_with(prefix));
        start as u32..(start + len) as u32
    }

    /// The word with id `id`.
    pub(super) fn word(&self, id: u32) -> &str {
        &self.entries[id as usize].0
    }

    /// How many distinct words the index holds: ids are below it.
    pub(super) fn vocabulary_len(&self) -> usize {
        self.entries.len()
    }

    /// The ids of the words of quote `doc`'s text, in order (as `text::word_ranges` splits it).
    pub(super) fn text_words(&self, doc: u32) -> &[u32] {
        let doc = doc as usize;
        // None for an index whose words are in chunks: it keeps no texts.
        match (self.text_starts.get(doc), self.text_starts.get(doc + 1)) {
            (Some(&start), Some(&end)) => &self.text[start as usize..end as usize],
            _ => &[],
        }
    }
}

/// The word index of a chunked index (`crate::chunked`): the same sorted words and postings,
/// cut into chunks that arrive one by one, and for a phrase each chunk's places. A chunk,
/// once given, is kept for the catalog's life; a search is exact once every chunk its words
/// need has arrived.
#[derive(Debug, Default, Clone)]
pub(super) struct WordChunks {
    /// Each chunk's first word, in order.
    firsts: Vec<crate::chunked::WordChunk>,
    loaded: Vec<std::sync::OnceLock<crate::chunked::Entries>>,
    places: Vec<std::sync::OnceLock<crate::chunked::Places>>,
}

impl WordChunks {
    pub(super) fn new(firsts: Vec<crate::chunked::WordChunk>) -> WordChunks {
        let loaded = firsts.iter().map(|_| std::sync::OnceLock::new()).collect();
        let places = firsts.iter().map(|_| std::sync::OnceLock::new()).collect();
        WordChunks { firsts, loaded, places }
    }

    /// The chunks a search for words starting with `prefix` reads that have not arrived.
    pub(super) fn missing(&self, prefix: &str) -> impl Iterator<Item = usize> + '_ {
        crate::chunked::chunk_range(&self.firsts, prefix).filter(|&c| self.loaded[c].get().is_none())
    }

    /// The places files a phrase with a word starting with `prefix` reads that have not arrived.
    pub(super) fn missing_places(&self, prefix: &str) -> impl Iterator<Item = usize> + '_ {
        crate::chunked::chunk_range(&self.firsts, prefix).filter(|&c| self.places[c].get().is_none())
    }

    /// The chunk's file name.
    pub(super) fn file(&self, chunk: usize) -> &str {
        &self.firsts[chunk].file
    }

    /// The chunk's places file name.
    pub(super) fn places_file(&self, chunk: usize) -> &str {
        &self.firsts[chunk].places
    }

    /// Keeps an arrived chunk (a second arrival of the same one changes nothing), unless its
    /// places have arrived and are not its own.
    pub(super) fn fill(&self, chunk: usize, entries: crate::chunked::Entries) -> Result<(), String> {
        let Some(slot) = self.loaded.get(chunk) else { return Ok(()) };
        if self.places[chunk].get().is_some_and(|places| !places.fit(&entries)) {
            return Err(PLACES_MISMATCH.into());
        }
        let _ = slot.set(entries);
        Ok(())
    }

    /// Keeps a chunk's arrived places, unless its chunk has arrived and they are not its own.
    pub(super) fn fill_places(&self, chunk: usize, places: crate::chunked::Places) -> Result<(), String> {
        let Some(slot) = self.places.get(chunk) else { return Ok(()) };
        if self.loaded[chunk].get().is_some_and(|entries| !places.fit(entries)) {
            return Err(PLACES_MISMATCH.into());
        }
        let _ = slot.set(places);
        Ok(())
    }

    /// Of `candidates`, the quotes whose text has `phrase`'s words one after another, the
    /// last as the start of a word (as [`SearchTerms::phrases_match`] reads a text), from the
    /// places of the chunks that have arrived.
    pub(super) fn phrase_matches(&self, phrase: &[String], candidates: &Bitset) -> Vec<u32> {
        // Per phrase word, each quote's places of it, by quote (a prefix's words one after
        // another for the same quote).
        let lists: Vec<Vec<(u32, &[u32])>> = phrase
            .iter()
            .enumerate()
            .map(|(at, word)| {
                let whole = at + 1 < phrase.len();
                let mut list: Vec<(u32, &[u32])> = Vec::new();
                for c in crate::chunked::chunk_range(&self.firsts, word) {
                    let (Some(entries), Some(places)) = (self.loaded[c].get(), self.places[c].get()) else {
                        continue;
                    };
                    for ((w, postings), places) in entries.iter().zip(&places.entries) {
                        if !w.starts_with(word.as_str()) || (whole && w != word) {
                            continue;
                        }
                        let texts = postings.iter().filter(|&&p| p & 3 == Field::Text as u32);
                        for (i, &p) in texts.enumerate() {
                            if candidates.contains(quote_of_posting(p)) {
                                list.push((quote_of_posting(p), places.of(i)));
                            }
                        }
                    }
                }
                // By quote, ties in the order found (the app's one sort: see `crate::order`).
                let mut keys: Vec<u64> = list
                    .iter()
                    .enumerate()
                    .map(|(i, &(quote, _))| u64::from(quote) << 32 | i as u64)
                    .collect();
                crate::order::sort_keys(&mut keys);
                keys.into_iter().map(|key| list[key as u32 as usize]).collect()
            })
            .collect();
        let of = |list: &[(u32, &'_ [u32])], quote: u32| {
            let from = list.partition_point(|&(q, _)| q < quote);
            let to = from + list[from..].partition_point(|&(q, _)| q == quote);
            (from, to)
        };
        let Some((first, rest)) = lists.split_first() else { return Vec::new() };
        let mut found: Vec<u32> = first.iter().map(|&(q, _)| q).collect();
        found.dedup();
        found.retain(|&quote| {
            let (from, to) = of(first, quote);
            first[from..to].iter().flat_map(|(_, places)| places.iter()).any(|&start| {
                rest.iter().enumerate().all(|(i, list)| {
                    let (from, to) = of(list, quote);
                    let wanted = start + i as u32 + 1;
                    list[from..to].iter().any(|(_, places)| places.binary_search(&wanted).is_ok())
                })
            })
        });
        found
    }

    /// Every word starting with `prefix` in the chunks that have arrived, with its postings
    /// (a word cut across two chunks comes twice, each time with its own postings).
    pub(super) fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u32])> {
        crate::chunked::chunk_range(&self.firsts, prefix).filter_map(|c| self.loaded[c].get()).flat_map(
            move |entries| {
                let start = entries.partition_point(|(w, _)| w.as_str() < prefix);
                entries[start..]
                    .iter()
                    .take_while(move |(w, _)| w.starts_with(prefix))
                    .map(|(w, p)| (w.as_str(), p.as_slice()))
            },
        )
    }
}

const PLACES_MISMATCH: &str = "The index's places file does not match its word chunk.";

/// Which words of the index each search word matches, as a search matches them (the start of
/// a word, in any of its spellings): a run of ids per spelling, and one set of them all for
/// the common case of a word that matches nothing.
#[derive(Debug)]
pub struct TermWords {
    any: Bitset,
    runs: Vec<Vec<std::ops::Range<u32>>>,
}

impl TermWords {
    pub(super) fn new(index: &WordIndex, terms: &SearchTerms) -> TermWords {
        let mut any = Bitset::empty(index.vocabulary_len());
        let runs: Vec<Vec<std::ops::Range<u32>>> = (0..terms.words.len())
            .map(|at| terms.forms(at).map(|form| index.ids_with_prefix(form)).collect())
            .collect();
        runs.iter().flatten().flat_map(Clone::clone).for_each(|id| any.insert(id));
        TermWords { any, runs }
    }

    /// Whether the word with id `id` matches any search word.
    pub fn matches(&self, id: u32) -> bool {
        self.any.contains(id)
    }

    /// The search words (by their place in the search) that the word with id `id` matches.
    pub fn terms_of(&self, id: u32) -> impl Iterator<Item = usize> + '_ {
        self.runs
            .iter()
            .enumerate()
            .filter(move |(_, runs)| runs.iter().any(|r| r.contains(&id)))
            .map(|(t, _)| t)
    }
}

/// The words of the name, title or label at `at` (none for a reference that resolved to nothing).
fn words(all: &[Vec<u32>], at: u32) -> &[u32] {
    all.get(at as usize).map_or(&[], Vec::as_slice)
}

/// The word ids of each speaker's names, each meeting's title and place, each theme's label.
struct Names {
    speakers: Vec<Vec<u32>>,
    meetings: Vec<Vec<u32>>,
    themes: Vec<Vec<u32>>,
}

/// A word's place in the vocabulary's table.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Slot {
    key: WordKey,
    /// The word's id (`u32::MAX` in an empty slot).
    id: u32,
}

impl Slot {
    const EMPTY: Slot = Slot { key: WordKey { start: 0, len: 0 }, id: u32::MAX };

    fn key(word: &[u8]) -> WordKey {
        let mut start = [0u8; 8];
        let head = &word[..word.len().min(8)];
        start[..head.len()].copy_from_slice(head);
        let start = u64::from_le_bytes(start);
        // A longer word's key has its hash too, so that words sharing their first eight bytes
        // spread over the table.
        let len = if word.len() <= 8 { word.len() as u64 } else { hash(word) | 0xFF };
        WordKey { start, len }
    }
}

/// Who a word is, as far as the table is concerned: its first eight bytes (zero-padded) and
/// its length, which say all of a word of eight bytes or fewer; or, for a longer word, its
/// first eight bytes and its hash (the low byte set, so that it is never a short length).
#[derive(Clone, Copy, PartialEq, Eq)]
struct WordKey {
    start: u64,
    len: u64,
}

impl WordKey {
    fn hash(self) -> u64 {
        let h = (self.start ^ self.len.rotate_left(32)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^ (h >> 29)
    }
}

/// Builds the index. Speakers, meetings and themes repeat across thousands of quotes, so
/// their words are looked up once each and only their postings repeat. The vocabulary is an
/// open-addressing table of its own: building is mostly looking words up, millions of
/// times for a large corpus, and this is several times faster than a general map.
pub(super) struct Builder {
    /// The words of each speaker's names, each meeting's title and place, each theme's label.
    speakers: Vec<Vec<u32>>,
    meetings: Vec<Vec<u32>>,
    themes: Vec<Vec<u32>>,
    /// The next quote to add.
    next: usize,
    /// The vocabulary's table: a power of two of slots, at most half full.
    slots: Vec<Slot>,
    /// Per word: its normalised text and its postings, and the last quote whose text it was
    /// posted for.
    words: Vec<(String, Vec<u32>)>,
    last_text_posting: Vec<u32>,
    buffer: String,
    /// Each quote's text as word ids (the builder's own, until `finish` sorts the words).
    text: Vec<u32>,
    text_starts: Vec<u32>,
}

impl Builder {
    /// A builder for `corpus`, with the words of its speakers, meetings and themes.
    pub(super) fn new(corpus: &Corpus) -> Builder {
        let mut b = Builder {
            slots: vec![Slot::EMPTY; 1024],
            words: Vec::new(),
            last_text_posting: Vec::new(),
            buffer: String::new(),
            text: Vec::new(),
            text_starts: vec![0],
            speakers: Vec::new(),
            meetings: Vec::new(),
            themes: Vec::new(),
            next: 0,
        };
        b.speakers = corpus
            .speakers
            .iter()
            .map(|s| {
                let names = std::iter::once(s.name.as_str()).chain(s.aliases.iter().map(String::as_str));
                b.distinct_word_ids(names)
            })
            .collect();
        b.meetings = corpus
            .meetings
            .iter()
            .map(|m| b.distinct_word_ids([Some(m.title.as_str()), m.place.as_deref()].into_iter().flatten()))
            .collect();
        b.themes = corpus.themes.iter().map(|t| b.distinct_word_ids([t.label.as_str()])).collect();
        b
    }

    /// Indexes up to `count` more quotes; `true` once every quote is indexed.
    pub(super) fn add_quotes(&mut self, corpus: &Corpus, links: &Links, count: usize) -> bool {
        let end = corpus.quotes.len().min(self.next.saturating_add(count));
        // Taken out while the vocabulary grows, and put back.
        let names = Names {
            speakers: std::mem::take(&mut self.speakers),
            meetings: std::mem::take(&mut self.meetings),
            themes: std::mem::take(&mut self.themes),
        };
        for doc in self.next..end {
            self.add_quote(&corpus.quotes[doc], doc as u32, links, &names);
        }
        (self.speakers, self.meetings, self.themes) = (names.speakers, names.meetings, names.themes);
        self.next = end;
        end == corpus.quotes.len()
    }

    fn add_quote(&mut self, q: &crate::corpus::Quote, doc: u32, links: &Links, names: &Names) {
        let posting = doc << 2 | Field::Text as u32;
        let post_text = |builder: &mut Builder, w: u32| {
            builder.text.push(w);
            let w = w as usize;
            // Once per quote, however often the word occurs in it.
            if builder.last_text_posting[w] != posting {
                builder.last_text_posting[w] = posting;
                builder.words[w].1.push(posting);
            }
        };
        if q.text.is_ascii() {
            // Most text: words are runs of letters and digits, and case is all there is to
            // normalise. One pass, with nothing copied but new words.
            let bytes = q.text.as_bytes();
            let mut at = 0;
            loop {
                while at < bytes.len() && !bytes[at].is_ascii_alphanumeric() {
                    at += 1;
                }
                let start = at;
                while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
                    at += 1;
                }
                if start == at {
                    break;
                }
                let w = self.ascii_word_id(&bytes[start..at]);
                post_text(self, w);
            }
        } else {
            for (start, end) in text::word_ranges(&q.text) {
                let w = self.word_id(&q.text[start..end], false);
                post_text(self, w);
            }
        }
        self.text_starts.push(self.text.len() as u32);
        let mut post = |ids: &[u32], field: Field| {
            for &w in ids {
                let list = &mut self.words[w as usize].1;
                let posting = doc << 2 | field as u32;
                // Quotes are indexed in order, so this quote's postings are at the end.
                if !list.iter().rev().take_while(|&&p| quote_of_posting(p) == doc).any(|&p| p == posting) {
                    list.push(posting);
                }
            }
        };
        post(words(&names.speakers, links.speaker[doc as usize]), Field::Speaker);
        post(words(&names.meetings, links.meeting[doc as usize]), Field::Meeting);
        for &t in links.themes_of(doc as usize) {
            post(words(&names.themes, t), Field::Theme);
        }
    }

    /// The index, sorted by word for prefix look-ups, once every quote is added.
    pub(super) fn finish(self) -> WordIndex {
        let words = self.words;
        let mut order: Vec<u32> = (0..words.len() as u32).collect();
        crate::order::sort_positions(&mut order, &|a, b| words[a as usize].0.cmp(&words[b as usize].0));
        let mut sorted_id = vec![0u32; words.len()];
        for (rank, &id) in order.iter().enumerate() {
            sorted_id[id as usize] = rank as u32;
        }
        let mut text = self.text;
        text.iter_mut().for_each(|id| *id = sorted_id[*id as usize]);
        let mut slots: Vec<Option<(String, Vec<u32>)>> = words.into_iter().map(Some).collect();
        WordIndex {
            entries: order.into_iter().filter_map(|i| slots[i as usize].take()).collect(),
            text,
            text_starts: self.text_starts,
        }
    }

    /// The ids of the distinct words of `texts`, adding new words to the vocabulary.
    fn distinct_word_ids<'t>(&mut self, texts: impl IntoIterator<Item = &'t str>) -> Vec<u32> {
        let mut ids = Vec::new();
        for text in texts {
            for (start, end) in text::word_ranges(text) {
                let id = self.word_id(&text[start..end], text.is_ascii());
                // A name or a title has a few words: a look along the list is enough.
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        ids
    }

    /// The id of an ASCII word, lower-cased on the stack (a long word takes the general way).
    fn ascii_word_id(&mut self, word: &[u8]) -> u32 {
        let mut lower = [0u8; 24];
        let Some(lower) = lower.get_mut(..word.len()) else {
            let word = std::str::from_utf8(word).expect("ASCII");
            return self.word_id(word, true);
        };
        for (l, &b) in lower.iter_mut().zip(word) {
            *l = b.to_ascii_lowercase();
        }
        self.id_of_normalised(lower)
    }

    /// The id of a word of a text, adding it to the vocabulary if it is new. `ascii` says
    /// the text is all ASCII, which makes normalising it a matter of case alone.
    fn word_id(&mut self, word: &str, ascii: bool) -> u32 {
        let mut buffer = std::mem::take(&mut self.buffer);
        buffer.clear();
        if ascii {
            buffer.push_str(word);
            buffer.make_ascii_lowercase();
        } else {
            text::normalize_word_into(word, &mut buffer);
        }
        let id = self.id_of_normalised(buffer.as_bytes());
        self.buffer = buffer;
        id
    }

    /// The id of a normalised word (UTF-8), adding it to the vocabulary if it is new.
    fn id_of_normalised(&mut self, word: &[u8]) -> u32 {
        let key = Slot::key(word);
        let mask = self.slots.len() - 1;
        let mut at = key.hash() as usize & mask;
        loop {
            let slot = self.slots[at];
            if slot == Slot::EMPTY {
                break;
            }
            // Most words are eight bytes or fewer, and their key is all of them: only a longer
            // word's text is read.
            if slot.key == key && (word.len() <= 8 || self.words[slot.id as usize].0.as_bytes() == word) {
                return slot.id;
            }
            at = (at + 1) & mask;
        }
        let id = self.words.len() as u32;
        self.slots[at] = Slot { key, id };
        let word = std::str::from_utf8(word).expect("a normalised word is text").to_owned();
        self.words.push((word, Vec::new()));
        self.last_text_posting.push(u32::MAX);
        if self.words.len() * 2 > self.slots.len() {
            self.grow();
        }
        id
    }

    /// Doubles the table, placing every word again.
    fn grow(&mut self) {
        let doubled = vec![Slot::EMPTY; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|&s| s != Slot::EMPTY) {
            let mut at = slot.key.hash() as usize & mask;
            while self.slots[at] != Slot::EMPTY {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_tells_apart_words_that_share_their_first_eight_bytes_or_a_padded_form() {
        let mut builder = Builder::new(&Corpus::empty());
        // Short and long words with the same start, a word and its zero-padded form, and
        // enough of them for the table to grow several times.
        let mut words: Vec<Vec<u8>> = ["internat", "internati", "international", "internationalism", "a"]
            .iter()
            .map(|w| w.as_bytes().to_vec())
            .collect();
        words.push(b"a\0".to_vec());
        words.extend((0..5000).map(|i| format!("word{i}").into_bytes()));
        words.extend((0..5000).map(|i| format!("multilateralism{i}").into_bytes()));
        let ids: Vec<u32> = words.iter().map(|w| builder.id_of_normalised(w)).collect();
        for (word, &id) in words.iter().zip(&ids) {
            assert_eq!(builder.words[id as usize].0.as_bytes(), &word[..]);
            assert_eq!(builder.id_of_normalised(word), id, "found again");
        }
        let mut distinct = ids.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), words.len(), "one id per word");
    }
}
