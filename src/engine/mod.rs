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
pub use catalog::Catalog;
pub use facets::FacetValue;
pub use query::{date_range_label, Facet, Month, Query, SortOrder};
pub use search::Results;
pub use words::TermWords;

/// Building an index a slice of quotes at a time, so that a page indexing a large corpus
/// stays responsive: the facets and the order at once, then the words of
/// [`IndexBuilder::step`]'s quotes at each step.
pub struct IndexBuilder<'c> {
    corpus: &'c Corpus,
    links: &'c Links,
    facets: [facets::FacetIndex; Facet::COUNT],
    chronological: Vec<u32>,
    words: words::Builder,
}

impl<'c> IndexBuilder<'c> {
    pub fn new(corpus: &'c Corpus, links: &'c Links) -> IndexBuilder<'c> {
        let facets = facets::build_all(corpus, links);
        // By meeting date, then in corpus order: quotes sorted by their meeting's place in
        // the meeting facet's date order (a quote with no known meeting first).
        let meetings = &facets[Facet::Meeting.slot()];
        let mut chronological: Vec<u32> = (0..corpus.quotes.len() as u32).collect();
        crate::order::sort_by_key(&mut chronological, |doc| {
            meetings.values_of(doc).first().map_or(0, |&m| m + 1)
        });
        IndexBuilder { corpus, links, facets, chronological, words: words::Builder::new(corpus) }
    }

    /// Indexes the words of up to `quotes` more quotes; `true` once every quote is done.
    pub fn step(&mut self, quotes: usize) -> bool {
        self.words.add_quotes(self.corpus, self.links, quotes)
    }

    /// The index, once [`IndexBuilder::step`] has done every quote.
    pub fn finish(self) -> Index {
        let len = self.corpus.quotes.len();
        let mut chrono_rank = vec![0; len];
        for (rank, &doc) in self.chronological.iter().enumerate() {
            chrono_rank[doc as usize] = rank as u32;
        }
        let names: Vec<Vec<String>> = self
            .corpus
            .speakers
            .iter()
            .map(|s| std::iter::once(s.name.clone()).chain(s.aliases.iter().cloned()).collect())
            .collect();
        let month_of: rustc_hash::FxHashMap<&str, Option<(Month, Month)>> =
            self.corpus.meetings.iter().map(|m| (m.id.as_str(), Month::span_of(&m.date))).collect();
        let meeting_months = self.facets[Facet::Meeting.slot()]
            .values
            .iter()
            .map(|v| month_of.get(v.id.as_str()).copied().flatten())
            .collect();
        Index {
            len,
            meeting_months,
            spellings: text::spellings_in(names.iter().map(Vec::as_slice)),
            facets: self.facets,
            words: self.words.finish(),
            chronological: self.chronological,
            chrono_rank,
        }
    }
}

/// The searchable, filterable form of a corpus, built once when it is loaded.
#[derive(Debug)]
pub struct Index {
    len: usize,
    facets: [facets::FacetIndex; Facet::COUNT],
    words: words::WordIndex,
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
        let mut months: Vec<Month> =
            self.meeting_months.iter().flatten().flat_map(|&(a, b)| [a, b]).collect();
        months.sort_unstable();
        months.dedup();
        months
    }

    pub fn value(&self, facet: Facet, id: &str) -> Option<&FacetValue> {
        let f = &self.facets[facet.slot()];
        f.position(id).map(|i| &f.values[i])
    }
}
