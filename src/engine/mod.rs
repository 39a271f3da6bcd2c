//! The engine: an [`Index`] built once from a corpus answers a [`Query`] with the matching
//! quotes in order and a count for every facet value; a [`Catalog`] adds look-ups by id and
//! builds what the interface shows. Pure Rust: `cargo test` covers it on the host.
//!
//! One concern per module: [`query`](Query) what a reader asks, `facets` and `words` the two
//! indexes, `search` the answer, [`text`] and [`highlight`] what a word is and what matched,
//! [`overview`] the counts by meeting and theme, [`card`] a quote as a card shows it,
//! [`suggest`] the speaker filter a search for a name suggests, [`compare`] the results side by
//! side (with [`phrases`] statements share), [`diff`] what one report of a remark changes,
//! [`concordance`] each search word in its context, [`trends`] how often by meeting and side,
//! [`keyness`] the words that set one group apart from another.

mod bitset;
pub mod card;
mod catalog;
pub mod chips;
pub mod compare;
pub mod concordance;
pub mod diff;
mod facets;
pub mod highlight;
pub mod keyness;
pub mod overview;
pub mod phrases;
mod query;
mod search;
pub mod suggest;
pub mod text;
pub mod trends;
mod words;

use crate::corpus::{Corpus, Links};
pub use bitset::Bitset;
pub use catalog::{Catalog, Needed, QuoteGroups};
pub use facets::FacetValue;
pub use query::{date_range_label, Facet, Month, Query, SortOrder};
pub use search::Results;
pub use words::TermWords;

/// Building an index a slice of quotes at a time, so that a page indexing a large corpus
/// stays responsive: [`IndexBuilder::step`] builds one facet (a pass over every quote), then,
/// once all are built, indexes the words of a number of quotes.
pub struct IndexBuilder<'c> {
    corpus: &'c Corpus,
    links: &'c Links,
    kinds: Vec<u32>,
    /// The facets built so far, in [`Facet::ALL`] order.
    facets: Vec<facets::FacetIndex>,
    words: words::Builder,
}

impl<'c> IndexBuilder<'c> {
    pub fn new(corpus: &'c Corpus, links: &'c Links) -> IndexBuilder<'c> {
        let kinds = corpus.quotes.iter().map(|q| q.kind as u32).collect();
        IndexBuilder { corpus, links, kinds, facets: Vec::new(), words: words::Builder::new(corpus) }
    }

    /// Builds the next facet or, once all are built, indexes the words of up to `quotes` more
    /// quotes; `true` once every quote is done.
    pub fn step(&mut self, quotes: usize) -> bool {
        if let Some(&facet) = Facet::ALL.get(self.facets.len()) {
            self.facets.push(facets::build_one(self.corpus, self.links, &self.kinds, facet));
            return false;
        }
        self.words.add_quotes(self.corpus, self.links, quotes)
    }

    /// The index, once [`IndexBuilder::step`] has done every quote.
    pub fn finish(mut self) -> Index {
        // Each step built one; a builder finished before its last step builds the rest here.
        while self.facets.len() < Facet::COUNT {
            self.facets.push(facets::build_one(
                self.corpus,
                self.links,
                &self.kinds,
                Facet::ALL[self.facets.len()],
            ));
        }
        let mut built = self.facets.into_iter();
        let facets: [facets::FacetIndex; Facet::COUNT] =
            std::array::from_fn(|_| built.next().unwrap_or_default());
        let chronological = chronological(&facets, self.corpus.quotes.len());
        Index::assemble(self.corpus, facets, self.words.finish(), None, chronological)
    }
}

/// The chunk numbers, in increasing order, once each (with the app's one sort: see `crate::order`).
fn distinct_in_order(chunks: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut keys: Vec<u64> = chunks.map(|c| c as u64).collect();
    crate::order::sort_keys(&mut keys);
    keys.dedup();
    keys.into_iter().map(|c| c as usize).collect()
}

/// By meeting date, then in corpus order: quotes sorted by their meeting's place in the
/// meeting facet's date order (a quote with no known meeting first). A chunked index puts
/// its quotes in this order (`crate::chunked::write::in_first_order`; a test keeps them equal).
fn chronological(facets: &[facets::FacetIndex; Facet::COUNT], len: usize) -> Vec<u32> {
    let meetings = &facets[Facet::Meeting.slot()];
    let place = |doc: u32| meetings.values_of(doc).first().map_or(0, |&m| m as usize + 1);
    // A counting sort: the places are few, and the quotes of one stay in corpus order.
    let mut starts = vec![0u32; meetings.values.len() + 2];
    for doc in 0..len as u32 {
        starts[place(doc) + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut chronological = vec![0; len];
    for doc in 0..len as u32 {
        let at = &mut starts[place(doc)];
        chronological[*at as usize] = doc;
        *at += 1;
    }
    chronological
}

/// The searchable, filterable form of a corpus, built once when it is loaded.
#[derive(Debug)]
pub struct Index {
    len: usize,
    facets: [facets::FacetIndex; Facet::COUNT],
    words: words::WordIndex,
    /// For a chunked index, its words as they arrive (and `words` is empty).
    chunks: Option<words::WordChunks>,
    /// Quote positions in chronological order.
    chronological: Vec<u32>,
    /// Each quote's rank in `chronological`, to break relevance ties by date.
    chrono_rank: Vec<u32>,
    /// Per meeting (in the meeting facet's order), the months it covers, for the date range.
    meeting_months: Vec<Option<(Month, Month)>>,
    /// Names spelled two ways in the speakers' names and aliases: a search for one finds both.
    spellings: Vec<text::Spelling>,
}

impl Index {
    fn assemble(
        corpus: &Corpus,
        facets: [facets::FacetIndex; Facet::COUNT],
        words: words::WordIndex,
        chunks: Option<words::WordChunks>,
        chronological: Vec<u32>,
    ) -> Index {
        let len = chronological.len();
        let mut chrono_rank = vec![0; len];
        for (rank, &doc) in chronological.iter().enumerate() {
            chrono_rank[doc as usize] = rank as u32;
        }
        let names: Vec<Vec<String>> = corpus
            .speakers
            .iter()
            .map(|s| std::iter::once(s.name.clone()).chain(s.aliases.iter().cloned()).collect())
            .collect();
        let month_of: rustc_hash::FxHashMap<&str, Option<(Month, Month)>> =
            corpus.meetings.iter().map(|m| (m.id.as_str(), Month::span_of(&m.date))).collect();
        let meeting_months = facets[Facet::Meeting.slot()]
            .values
            .iter()
            .map(|v| month_of.get(v.id.as_str()).copied().flatten())
            .collect();
        Index {
            len,
            meeting_months,
            spellings: text::spellings_in(names.iter().map(Vec::as_slice)),
            facets,
            words,
            chunks,
            chronological,
            chrono_rank,
        }
    }

    /// The index of a chunked index (`crate::chunked`): its facets whole, from `shell` (the
    /// corpus without its quotes), `links` (each quote's references) and `kinds`; its words
    /// to come, chunk by chunk, from the files `word_chunks` name.
    pub fn chunked(
        shell: &Corpus,
        links: &Links,
        kinds: &[u32],
        word_chunks: Vec<crate::chunked::WordChunk>,
    ) -> Index {
        let facets = facets::build_all(shell, links, kinds);
        let chronological = chronological(&facets, kinds.len());
        let chunks = Some(words::WordChunks::new(word_chunks));
        Index::assemble(shell, facets, words::WordIndex::default(), chunks, chronological)
    }

    /// The index of a chunked index's first screen, before its facets file: each value's
    /// total from `totals`, no quote's values, and its `len` quotes in the order of their
    /// positions (which is chronological: see `crate::chunked`). It answers the query with
    /// no filter and no search exactly, and nothing else (`Catalog::needed_for` says so).
    pub fn first_screen(
        shell: &Corpus,
        totals: &crate::chunked::Totals,
        len: usize,
        word_chunks: Vec<crate::chunked::WordChunk>,
    ) -> Result<Index, String> {
        let facets = facets::from_totals(shell, totals)?;
        let chunks = Some(words::WordChunks::new(word_chunks));
        Ok(Index::assemble(shell, facets, words::WordIndex::default(), chunks, (0..len as u32).collect()))
    }

    /// Whether the chronological order is the positions' own, as a chunked index needs.
    pub fn is_in_corpus_order(&self) -> bool {
        self.chronological.iter().enumerate().all(|(rank, &doc)| doc as usize == rank)
    }

    /// Whether the words are in chunks that arrive as needed.
    pub fn is_chunked(&self) -> bool {
        self.chunks.is_some()
    }

    /// The word chunks (as their file names, with their places) a search for `terms` needs
    /// that have not arrived: none for an index held whole.
    pub fn missing_chunks(&self, terms: &text::SearchTerms) -> Vec<(usize, String)> {
        let Some(chunks) = &self.chunks else { return Vec::new() };
        let missing = distinct_in_order(
            (0..terms.words.len()).flat_map(|at| terms.forms(at)).flat_map(|form| chunks.missing(form)),
        );
        missing.into_iter().map(|c| (c, chunks.file(c).to_owned())).collect()
    }

    /// The places files (see [`crate::chunked::Places`]) the phrases of `terms` need that
    /// have not arrived: none for an index held whole, or a search with no phrase.
    pub fn missing_places(&self, terms: &text::SearchTerms) -> Vec<(usize, String)> {
        let Some(chunks) = &self.chunks else { return Vec::new() };
        let missing =
            distinct_in_order(terms.phrases.iter().flatten().flat_map(|word| chunks.missing_places(word)));
        missing.into_iter().map(|c| (c, chunks.places_file(c).to_owned())).collect()
    }

    /// Keeps a word chunk that arrived (see [`Index::missing_chunks`]).
    pub fn fill_chunk(&self, chunk: usize, entries: crate::chunked::Entries) -> Result<(), String> {
        self.chunks.as_ref().map_or(Ok(()), |chunks| chunks.fill(chunk, entries))
    }

    /// Keeps a chunk's places that arrived (see [`Index::missing_places`]).
    pub fn fill_places(&self, chunk: usize, places: crate::chunked::Places) -> Result<(), String> {
        self.chunks.as_ref().map_or(Ok(()), |chunks| chunks.fill_places(chunk, places))
    }

    /// Every word starting with `prefix` with its postings, from wherever the words are.
    fn postings_with_prefix<'a>(&'a self, prefix: &'a str) -> Vec<(&'a str, &'a [u32])> {
        match &self.chunks {
            Some(chunks) => chunks.with_prefix(prefix).collect(),
            None => self.words.with_prefix(prefix).collect(),
        }
    }

    /// Indexes `corpus`, whose references `links` resolved.
    pub fn build(corpus: &Corpus, links: &Links) -> Index {
        let mut builder = IndexBuilder::new(corpus, links);
        while !builder.step(usize::MAX) {}
        builder.finish()
    }

    /// What a search text asks of this corpus: its words, each with its other spellings.
    pub fn search_terms(&self, text: &str) -> text::SearchTerms {
        text::SearchTerms::parse(text).with_spellings(&self.spellings)
    }

    /// The words of the index each of `terms`' words matches.
    pub fn term_words(&self, terms: &text::SearchTerms) -> TermWords {
        TermWords::new(&self.words, terms)
    }

    /// The words of quote `doc`'s text, in order, as ids: ids compare as their words do
    /// ([`Index::word`] gives the word), and one id is one spelling, normalised.
    pub fn text_words(&self, doc: u32) -> &[u32] {
        self.words.text_words(doc)
    }

    /// Every indexed word in order, with its postings (`quote << 2 | field`, in quote order):
    /// what a chunked index (`crate::chunked`) writes out.
    pub fn words_and_postings(&self) -> impl Iterator<Item = (&str, &[u32])> {
        self.words.with_prefix("")
    }

    /// The normalised word with id `id`.
    pub fn word(&self, id: u32) -> &str {
        self.words.word(id)
    }

    /// How many distinct words the index holds (ids are below it).
    pub fn vocabulary_len(&self) -> usize {
        self.words.vocabulary_len()
    }

    /// Number of quotes indexed.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// A facet's values, in display order.
    pub fn values(&self, facet: Facet) -> &[FacetValue] {
        &self.facets[facet.slot()].values
    }

    /// The values quote `doc` has in a facet, as positions in the facet's display order.
    pub fn values_of(&self, facet: Facet, doc: u32) -> &[u32] {
        self.facets[facet.slot()].values_of(doc)
    }

    /// Looks up a facet value by id.
    /// The months of the meetings quotes were said at, in order, once each: what a date
    /// range can be set to.
    pub fn months(&self) -> Vec<Month> {
        let mut keys: Vec<u64> = self
            .meeting_months
            .iter()
            .flatten()
            .flat_map(|&(a, b)| [a, b])
            .map(|m| u64::from(m.year) << 8 | u64::from(m.month))
            .collect();
        crate::order::sort_keys(&mut keys);
        keys.dedup();
        keys.into_iter().map(|key| Month { year: (key >> 8) as u16, month: key as u8 }).collect()
    }

    pub fn value(&self, facet: Facet, id: &str) -> Option<&FacetValue> {
        let f = &self.facets[facet.slot()];
        f.position(id).map(|i| &f.values[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::synthetic;

    #[test]
    fn a_step_builds_one_facet_then_indexes_words_so_no_step_passes_over_every_quote_twice() {
        let corpus = synthetic::generate(500, 7);
        let (links, _) = Links::new(&corpus);
        let mut builder = IndexBuilder::new(&corpus, &links);
        for built in 1..=Facet::COUNT {
            assert!(!builder.step(10));
            assert_eq!(builder.facets.len(), built);
        }
        let mut word_steps = 1;
        while !builder.step(10) {
            word_steps += 1;
        }
        assert_eq!(word_steps, 500 / 10, "no words indexed while the facets were built");
        let (sliced, whole) = (builder.finish(), Index::build(&corpus, &links));
        for text in ["democracy", "sovereignty cooperation", ""] {
            let mut query = Query::default();
            query.text = text.into();
            let (a, b) = (sliced.search(&corpus, &query), whole.search(&corpus, &query));
            assert_eq!((a.quotes, a.counts), (b.quotes, b.counts), "{text:?}");
        }
    }
}
