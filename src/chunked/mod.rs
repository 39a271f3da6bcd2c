//! A corpus indexed in pieces, for a static host, after Pagefind: a small file read first,
//! the word index split by prefix into chunks fetched only for the words typed, and the
//! quotes themselves in packs fetched only for the results shown. What the explorer has that
//! Pagefind lacks, exact counts with OR within and AND across facets, stays: every quote's
//! facet values are one compact file held in memory. The first screen does not wait for it:
//! the meta file has each value's total, which are the unfiltered list's counts, and the
//! quotes are indexed in the list's first order, so its first page is the first pack.
//!
//! The files, all in one folder, each named by a hash of its content (the packs by a hash of
//! the whole corpus, so one build's names never serve another's data), and gzipped as
//! written, so that every host serves the same bytes and a browser inflates them itself:
//! - `index.json`: the one name that never changes ([`ENTRY`]): the format, and the names
//!   of the meta file and the first pack, so that a page can fetch both at once (not
//!   gzipped, and tiny);
//! - `meta-<hash>.json.gz`: [`Meta`]: the corpus without its quotes (its speakers, meetings,
//!   themes, sources and statements, for the filters and cards), how many quotes, how many
//!   have each facet value ([`Totals`]), and the names of every other file;
//! - `facets-<hash>.bin.gz`: each quote's speaker, meeting, source, kind and themes, and its
//!   statement, point and variant group ([`Facets`]);
//! - `words-<hash>.bin.gz`: a run of the sorted word index, each word with its postings as
//!   the engine keeps them (`quote << 2 | field`), at most [`CHUNK_BYTES`] before gzip; a word
//!   with more postings than that continues in the next chunk;
//! - `places-<hash>.bin.gz`, one per word chunk: where in each quote's text each of the
//!   chunk's words stands ([`Places`]), fetched only for a phrase in quotation marks, which
//!   must find its words one after another;
//! - `ids-<hash>.bin.gz`: the quote ids in order, each with its position, chunked as the
//!   words are, so that a link to a quote fetches one chunk to find it;
//! - `quotes-<corpus hash>-<n>.json.gz`: the quotes, a page of the list (20) to a pack.
//!
//! A quote's position, in every file, is its place in the list's first order (by meeting
//! date, then as listed), which the indexer puts the corpus in first
//! (`write::in_first_order`): so the engine's chronological order is the positions' own,
//! and pack `n` holds positions `20n` to `20n + 19`.
//!
//! [`write::write`] makes them from a corpus (the native command's `index`); [`read`] decodes them.

pub mod read;
mod varint;
#[cfg(not(target_arch = "wasm32"))]
pub mod write;

use serde::{Deserialize, Serialize};

use crate::corpus::Corpus;

/// This layout's version: a reader refuses others.
pub const FORMAT: u32 = 3;

/// The most bytes (before gzip) a word chunk holds.
pub const CHUNK_BYTES: usize = 96 * 1024;

/// The one file whose name is fixed, so that a page can find the rest: it names the meta file.
pub const ENTRY: &str = "index.json";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub format: u32,
    pub meta: String,
    /// The first pack: the first screen's quotes.
    pub first: String,
}

/// The file read next.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub format: u32,
    pub quotes: u32,
    /// The corpus with no quotes: its title, speakers, meetings, themes, sources, statements.
    pub shell: Corpus,
    /// How many quotes have each value: the counts of the list before any filter.
    pub totals: Totals,
    /// The facets file.
    pub facets: String,
    /// The word chunks in word order, each with the first word it holds.
    pub words: Vec<WordChunk>,
    /// The quote ids in order, each with its corpus position, in chunks as the words are.
    pub ids: Vec<WordChunk>,
    /// Quotes per pack, and how the packs are named: `{packs}-{n}.json.gz`, `n` from 0.
    pub pack_size: u32,
    pub packs: String,
}

/// A word (or id) chunk's entries, in order: each word with its postings.
pub type Entries = Vec<(String, Vec<u32>)>;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordChunk {
    pub first: String,
    pub file: String,
    /// The chunk's places file (none for the id chunks, whose "words" are quote ids).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub places: String,
}

/// A word chunk's places: for each of its entries, for each of the entry's postings in a
/// quote's text (field 0), in order, the places of the word in that text (the first word is
/// place 0, as `engine::text::words` splits a text).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Places {
    /// Per entry: `at[starts[i]..starts[i + 1]]` are its `i`th text posting's places.
    pub entries: Vec<PlaceList>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlaceList {
    pub starts: Vec<u32>,
    pub at: Vec<u32>,
}

impl PlaceList {
    /// How many text postings it has places for.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The places of its `i`th text posting.
    pub fn of(&self, i: usize) -> &[u32] {
        &self.at[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

impl Places {
    /// Whether these are the places of `entries`: as many entries, and for each as many
    /// lists as it has postings in a quote's text.
    pub fn fit(&self, entries: &Entries) -> bool {
        self.entries.len() == entries.len()
            && self.entries.iter().zip(entries).all(|(places, (_, postings))| {
                places.len() == postings.iter().filter(|&&p| p & 3 == 0).count()
            })
    }
}

impl Meta {
    /// The pack holding the quote at `position`, and its place in it.
    pub fn pack_of(&self, position: u32) -> (String, usize) {
        (
            format!("{}-{}.json.gz", self.packs, position / self.pack_size),
            (position % self.pack_size) as usize,
        )
    }

    /// The word chunks that can hold words starting with `prefix`.
    pub fn chunks_for(&self, prefix: &str) -> &[WordChunk] {
        &self.words[chunk_range(&self.words, prefix)]
    }
}

/// Of chunks in word order, those that can hold words starting with `prefix`: from the last
/// one starting before it, to the last one starting with it.
pub fn chunk_range(chunks: &[WordChunk], prefix: &str) -> std::ops::Range<usize> {
    let after = chunks.partition_point(|c| c.first.as_str() < prefix);
    let start = after.saturating_sub(1);
    let end = after + chunks[after..].partition_point(|c| c.first.starts_with(prefix));
    start..end.max(start + 1).min(chunks.len())
}

/// Each quote's facet values (positions in the shell's lists; [`crate::corpus::NONE`] for
/// none), in corpus order; and what groups it with other quotes, for its card's details.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub speaker: Vec<u32>,
    pub meeting: Vec<u32>,
    pub source: Vec<u32>,
    pub kind: Vec<u32>,
    /// Its statement (a position in the shell's), its point in it, its group of reports of
    /// one remark: [`crate::engine::QuoteGroups`].
    pub statement: Vec<u32>,
    pub point: Vec<u32>,
    pub variant: Vec<u32>,
    /// Quote `q`'s themes are `theme_values[theme_offsets[q]..theme_offsets[q + 1]]`.
    pub theme_offsets: Vec<u32>,
    pub theme_values: Vec<u32>,
}

/// Per value of each of the shell's lists (in its order), how many quotes have it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    pub speakers: Vec<u32>,
    pub meetings: Vec<u32>,
    pub themes: Vec<u32>,
    pub sources: Vec<u32>,
    /// Per [`crate::corpus::QuoteKind::ALL`].
    pub kinds: Vec<u32>,
}

impl Totals {
    /// Counts each quote's values.
    pub fn count(shell: &Corpus, facets: &Facets) -> Totals {
        let count = |len: usize, values: &[u32]| {
            let mut totals = vec![0; len];
            for &v in values {
                if let Some(t) = totals.get_mut(v as usize) {
                    *t += 1;
                }
            }
            totals
        };
        Totals {
            speakers: count(shell.speakers.len(), &facets.speaker),
            meetings: count(shell.meetings.len(), &facets.meeting),
            themes: count(shell.themes.len(), &facets.theme_values),
            sources: count(shell.sources.len(), &facets.source),
            kinds: count(crate::corpus::QuoteKind::ALL.len(), &facets.kind),
        }
    }
}
