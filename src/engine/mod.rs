//! The filter engine: an index built once from a corpus, answering a [`Query`] with the
//! matching quotes in order and a count for every facet value.

mod bitset;
mod catalog;
pub mod overview;
mod query;
pub mod text;

use std::collections::HashMap;

use crate::corpus::{Corpus, QuoteKind};
pub use bitset::Bitset;
pub use catalog::Catalog;
pub use query::{Facet, Query, SortOrder};
use text::SearchTerms;

/// One value of a facet, as the filter pane lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub id: String,
    pub label: String,
    /// A second line: a speaker's role, a meeting's place and date, a theme's definition.
    pub detail: String,
    /// Quotes with this value in the whole corpus.
    pub total: u32,
}

/// A facet's values and, for each quote, which values it has.
#[derive(Debug, Default)]
struct FacetIndex {
    /// Display order: meetings by date, sources as listed, the rest by size.
    values: Vec<FacetValue>,
    by_id: HashMap<String, u16, fast_hash::Build>,
    /// Sorted quote positions per value.
    postings: Vec<Vec<u32>>,
    /// `doc_values[doc_offsets[d]..doc_offsets[d + 1]]` are quote `d`'s values.
    doc_offsets: Vec<u32>,
    doc_values: Vec<u16>,
}

impl FacetIndex {
    /// `values` in display order; `of_doc(d)` gives the ids quote `d` has.
    fn build<'a, I: IntoIterator<Item = &'a str>>(
        values: Vec<FacetValue>,
        docs: impl Iterator<Item = I>,
    ) -> Self {
        let by_id: HashMap<String, u16, fast_hash::Build> =
            values.iter().enumerate().map(|(i, v)| (v.id.clone(), i as u16)).collect();
        let mut index = FacetIndex {
            postings: vec![Vec::new(); values.len()],
            doc_offsets: vec![0],
            by_id,
            values,
            doc_values: Vec::new(),
        };
        for (doc, ids) in docs.enumerate() {
            for id in ids {
                if let Some(&v) = index.by_id.get(id) {
                    if !index.doc_values[index.doc_offsets[doc] as usize..].contains(&v) {
                        index.doc_values.push(v);
                        index.postings[v as usize].push(doc as u32);
                    }
                }
            }
            index.doc_offsets.push(index.doc_values.len() as u32);
        }
        for (value, postings) in index.values.iter_mut().zip(&index.postings) {
            value.total = postings.len() as u32;
        }
        index
    }

    fn values_of(&self, doc: u32) -> &[u16] {
        let d = doc as usize;
        &self.doc_values[self.doc_offsets[d] as usize..self.doc_offsets[d + 1] as usize]
    }

    /// The quotes having any of `ids`, or `None` when no id is selected, which leaves the
    /// facet unconstrained. An id no quote has matches nothing (the interface drops such ids
    /// from a link before asking, with `Catalog::known_only`).
    fn union<'a>(&self, ids: impl Iterator<Item = &'a str>, len: usize) -> Option<Bitset> {
        let mut set: Option<Bitset> = None;
        for id in ids {
            let set = set.get_or_insert_with(|| Bitset::empty(len));
            for &doc in self.by_id.get(id).map_or(&[][..], |&v| &self.postings[v as usize]) {
                set.insert(doc);
            }
        }
        set
    }
}

/// Where in a quote's searchable text a word was found; earlier fields weigh more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Text = 0,
    Speaker = 1,
    Meeting = 2,
    Theme = 3,
}

impl Field {
    fn weight(self) -> u32 {
        match self {
            Field::Text => 8,
            Field::Speaker => 4,
            Field::Meeting | Field::Theme => 2,
        }
    }

    fn from_bits(bits: u32) -> Field {
        match bits & 3 {
            0 => Field::Text,
            1 => Field::Speaker,
            2 => Field::Meeting,
            _ => Field::Theme,
        }
    }
}

/// What a query found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Results {
    /// Quote positions in the corpus, in display order.
    pub quotes: Vec<u32>,
    /// Per facet (in [`Facet::ALL`] order), per value (in display order): how many quotes
    /// would match with that value selected, counted against every other active constraint.
    pub counts: [Vec<u32>; Facet::COUNT],
}

impl Results {
    /// The count of the value at `value` in the facet's display order (0 for a value the
    /// results' corpus does not have).
    pub fn count(&self, facet: Facet, value: usize) -> u32 {
        self.counts[facet.slot()].get(value).copied().unwrap_or(0)
    }
}

/// The searchable, filterable form of a corpus, built once when it is loaded.
#[derive(Debug)]
pub struct Index {
    len: usize,
    facets: [FacetIndex; Facet::COUNT],
    /// Sorted by word; each posting is `quote << 2 | field`.
    words: Vec<(String, Vec<u32>)>,
    /// Quote positions in chronological order.
    chronological: Vec<u32>,
    /// Each quote's rank in `chronological`, to break relevance ties by date.
    chrono_rank: Vec<u32>,
}

impl Index {
    pub fn build(corpus: &Corpus) -> Index {
        let len = corpus.quotes.len();
        let meetings: HashMap<&str, &crate::corpus::Meeting> =
            corpus.meetings.iter().map(|m| (m.id.as_str(), m)).collect();

        let value = |id: &str, label: &str, detail: String| FacetValue {
            id: id.to_owned(),
            label: label.to_owned(),
            detail,
            total: 0,
        };
        let mut meeting_values: Vec<(&str, FacetValue)> = corpus
            .meetings
            .iter()
            .map(|m| (m.date.as_str(), value(&m.id, &m.title, format!("{} · {}", m.place, m.date_label()))))
            .collect();
        meeting_values.sort_by(|a, b| a.0.cmp(b.0));
        let speaker_values = corpus.speakers.iter().map(|s| value(&s.id, &s.name, s.role.clone())).collect();
        let theme_values =
            corpus.themes.iter().map(|t| value(&t.id, &t.label, t.definition.clone())).collect();
        let source_values =
            corpus.sources.iter().map(|s| value(&s.id, &s.outlet, s.headline.clone())).collect();
        let kind_values = QuoteKind::ALL.iter().map(|k| value(k.id(), k.label(), String::new())).collect();

        let quotes = &corpus.quotes;
        let mut facets = [
            FacetIndex::build(speaker_values, quotes.iter().map(|q| [q.speaker.as_str()])),
            FacetIndex::build(
                meeting_values.into_iter().map(|(_, v)| v).collect(),
                quotes.iter().map(|q| [q.meeting.as_str()]),
            ),
            FacetIndex::build(theme_values, quotes.iter().map(|q| q.themes.iter().map(String::as_str))),
            FacetIndex::build(source_values, quotes.iter().map(|q| [q.source.as_str()])),
            FacetIndex::build(kind_values, quotes.iter().map(|q| [q.kind.id()])),
        ];
        for facet in [Facet::Speaker, Facet::Theme] {
            sort_by_total(&mut facets[facet.slot()]);
        }
        for facet in &mut facets {
            drop_unused(facet);
        }

        let words = WordIndexBuilder::build(corpus);

        let dates: Vec<&str> =
            quotes.iter().map(|q| meetings.get(q.meeting.as_str()).map_or("", |m| m.date.as_str())).collect();
        let mut chronological: Vec<u32> = (0..len as u32).collect();
        chronological.sort_by(|&a, &b| dates[a as usize].cmp(dates[b as usize]).then(a.cmp(&b)));
        let mut chrono_rank = vec![0; len];
        for (rank, &doc) in chronological.iter().enumerate() {
            chrono_rank[doc as usize] = rank as u32;
        }

        Index { len, facets, words, chronological, chrono_rank }
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
    pub fn values_of(&self, facet: Facet, doc: u32) -> &[u16] {
        self.facets[facet.slot()].values_of(doc)
    }

    /// Looks up a facet value by id.
    pub fn value(&self, facet: Facet, id: &str) -> Option<&FacetValue> {
        let f = &self.facets[facet.slot()];
        f.by_id.get(id).map(|&i| &f.values[i as usize])
    }

    /// Posting-list entries of every indexed word starting with `prefix`.
    fn prefix_entries<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u32])> + 'a {
        let start = self.words.partition_point(|(w, _)| w.as_str() < prefix);
        self.words[start..]
            .iter()
            .take_while(move |(w, _)| w.starts_with(prefix))
            .map(|(w, p)| (w.as_str(), p.as_slice()))
    }

    /// The quotes matching all words of the search, or `None` when there is no search text.
    fn text_matches(&self, terms: &SearchTerms, corpus: &Corpus) -> Option<Bitset> {
        if terms.is_empty() {
            return None;
        }
        let mut result: Option<Bitset> = None;
        for word in &terms.words {
            let mut set = Bitset::empty(self.len);
            for (_, postings) in self.prefix_entries(word) {
                for &p in postings {
                    set.insert(p >> 2);
                }
            }
            match &mut result {
                Some(r) => r.intersect_with(&set),
                None => result = Some(set),
            }
        }
        let mut result = result.unwrap_or_else(|| Bitset::full(self.len));
        if !terms.phrases.is_empty() {
            let keep: Vec<u32> =
                result.iter().filter(|&d| terms.phrases_match(&corpus.quotes[d as usize].text)).collect();
            result = Bitset::from_sorted(self.len, &keep);
        }
        Some(result)
    }

    fn relevance(&self, terms: &SearchTerms, matches: &Bitset) -> Vec<u32> {
        let mut scores = vec![0u32; self.len];
        for word in &terms.words {
            for (indexed, postings) in self.prefix_entries(word) {
                let exact = if indexed == word { 2 } else { 1 };
                for &p in postings {
                    if matches.contains(p >> 2) {
                        scores[(p >> 2) as usize] += Field::from_bits(p).weight() * exact;
                    }
                }
            }
        }
        scores
    }

    /// Answers a query over `corpus`, the corpus this index was built from.
    pub fn search(&self, corpus: &Corpus, query: &Query) -> Results {
        let terms = SearchTerms::parse(&query.text);
        let text = self.text_matches(&terms, corpus);
        let facet_sets: Vec<Option<Bitset>> =
            Facet::ALL.iter().map(|&f| self.facets[f.slot()].union(query.selected(f), self.len)).collect();

        // Everything but facet `skip`: the base its counts are taken against, so that each
        // value's count says what choosing it would give.
        let constrained = |skip: Option<usize>| -> Option<Bitset> {
            let mut acc = text.clone();
            for (i, set) in facet_sets.iter().enumerate() {
                if Some(i) == skip {
                    continue;
                }
                if let Some(set) = set {
                    match &mut acc {
                        Some(a) => a.intersect_with(set),
                        None => acc = Some(set.clone()),
                    }
                }
            }
            acc
        };
        let all = constrained(None);

        let counts = std::array::from_fn(|slot| {
            let facet = &self.facets[slot];
            let base = if facet_sets[slot].is_some() { constrained(Some(slot)) } else { all.clone() };
            match base {
                None => facet.values.iter().map(|v| v.total).collect(),
                Some(base) => {
                    let mut counts = vec![0u32; facet.values.len()];
                    for doc in base.iter() {
                        for &v in facet.values_of(doc) {
                            counts[v as usize] += 1;
                        }
                    }
                    counts
                }
            }
        });

        let in_results = |doc: &u32| all.as_ref().is_none_or(|set| set.contains(*doc));
        let mut quotes: Vec<u32> = self.chronological.iter().copied().filter(in_results).collect();
        if query.sort == SortOrder::Relevance {
            if let Some(matches) = &text {
                let scores = self.relevance(&terms, matches);
                quotes.sort_by(|&a, &b| {
                    scores[b as usize]
                        .cmp(&scores[a as usize])
                        .then(self.chrono_rank[a as usize].cmp(&self.chrono_rank[b as usize]))
                });
            }
        }
        Results { quotes, counts }
    }
}

/// Builds the inverted word index. Speakers, meetings and themes repeat across thousands of
/// quotes, so their words are looked up once each and only their postings repeat.
#[derive(Default)]
struct WordIndexBuilder {
    ids: HashMap<Box<str>, u32, fast_hash::Build>,
    words: Vec<(String, Vec<u32>)>,
    buffer: String,
}

impl WordIndexBuilder {
    fn build(corpus: &Corpus) -> Vec<(String, Vec<u32>)> {
        let mut b = WordIndexBuilder::default();
        let word_ids = |b: &mut WordIndexBuilder, texts: &[&str]| -> Vec<u32> {
            let mut ids = Vec::new();
            for text in texts {
                ids.extend(b.word_ids(text));
            }
            ids.sort_unstable();
            ids.dedup();
            ids
        };
        let speakers: HashMap<&str, Vec<u32>> = corpus
            .speakers
            .iter()
            .map(|s| {
                let mut texts = vec![s.name.as_str()];
                texts.extend(s.aliases.iter().map(String::as_str));
                (s.id.as_str(), word_ids(&mut b, &texts))
            })
            .collect();
        let meetings: HashMap<&str, Vec<u32>> = corpus
            .meetings
            .iter()
            .map(|m| (m.id.as_str(), word_ids(&mut b, &[&m.title, &m.place])))
            .collect();
        let themes: HashMap<&str, Vec<u32>> =
            corpus.themes.iter().map(|t| (t.id.as_str(), word_ids(&mut b, &[&t.label]))).collect();

        let mut text_ids = Vec::new();
        for (doc, q) in corpus.quotes.iter().enumerate() {
            let doc = doc as u32;
            text_ids.clear();
            text_ids.extend(b.word_ids(&q.text));
            text_ids.sort_unstable();
            text_ids.dedup();
            for &w in &text_ids {
                b.words[w as usize].1.push(doc << 2 | Field::Text as u32);
            }
            let mut post = |ids: Option<&Vec<u32>>, field: Field| {
                for &w in ids.into_iter().flatten() {
                    let list = &mut b.words[w as usize].1;
                    let posting = doc << 2 | field as u32;
                    // Quotes are indexed in order, so this quote's postings are at the end.
                    if !list.iter().rev().take_while(|p| *p >> 2 == doc).any(|p| *p == posting) {
                        list.push(posting);
                    }
                }
            };
            post(speakers.get(q.speaker.as_str()), Field::Speaker);
            post(meetings.get(q.meeting.as_str()), Field::Meeting);
            for t in &q.themes {
                post(themes.get(t.as_str()), Field::Theme);
            }
        }
        let mut words = b.words;
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        words
    }

    /// The ids of the words of `text`, adding new words to the vocabulary.
    fn word_ids<'a>(&'a mut self, text: &'a str) -> impl Iterator<Item = u32> + 'a {
        text::word_ranges(text).map(move |(start, end)| {
            self.buffer.clear();
            text::normalize_word_into(&text[start..end], &mut self.buffer);
            if let Some(&id) = self.ids.get(self.buffer.as_str()) {
                return id;
            }
            let id = self.words.len() as u32;
            self.ids.insert(self.buffer.as_str().into(), id);
            self.words.push((self.buffer.clone(), Vec::new()));
            id
        })
    }
}

/// FxHash: much faster than the default SipHash for the many short keys of an index, and
/// no untrusted party chooses our keys to collide (a corpus is the reader's own).
pub(crate) mod fast_hash {
    use std::hash::{BuildHasherDefault, Hasher};

    #[derive(Default)]
    pub struct FxHasher(u64);

    impl Hasher for FxHasher {
        fn write(&mut self, bytes: &[u8]) {
            for chunk in bytes.chunks(8) {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word))
                    .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
            }
        }

        fn finish(&self) -> u64 {
            self.0
        }
    }

    pub type Build = BuildHasherDefault<FxHasher>;
}

fn sort_by_total(facet: &mut FacetIndex) {
    let mut order: Vec<usize> = (0..facet.values.len()).collect();
    order.sort_by(|&a, &b| {
        let (va, vb) = (&facet.values[a], &facet.values[b]);
        vb.total.cmp(&va.total).then_with(|| va.label.cmp(&vb.label))
    });
    reorder(facet, &order);
}

/// Values no quote has would only ever show 0, so the pane leaves them out.
fn drop_unused(facet: &mut FacetIndex) {
    let order: Vec<usize> = (0..facet.values.len()).filter(|&i| facet.values[i].total > 0).collect();
    reorder(facet, &order);
}

/// Keeps the values at `order`, in that order, renumbering what refers to them.
fn reorder(facet: &mut FacetIndex, order: &[usize]) {
    let mut new_number = vec![u16::MAX; facet.values.len()];
    for (new, &old) in order.iter().enumerate() {
        new_number[old] = new as u16;
    }
    facet.values = order.iter().map(|&i| facet.values[i].clone()).collect();
    facet.postings = order.iter().map(|&i| std::mem::take(&mut facet.postings[i])).collect();
    facet.by_id = facet.values.iter().enumerate().map(|(i, v)| (v.id.clone(), i as u16)).collect();
    let mut values = Vec::with_capacity(facet.doc_values.len());
    let mut offsets = Vec::with_capacity(facet.doc_offsets.len());
    offsets.push(0);
    for d in 0..facet.doc_offsets.len() - 1 {
        for &v in &facet.doc_values[facet.doc_offsets[d] as usize..facet.doc_offsets[d + 1] as usize] {
            if new_number[v as usize] != u16::MAX {
                values.push(new_number[v as usize]);
            }
        }
        offsets.push(values.len() as u32);
    }
    facet.doc_values = values;
    facet.doc_offsets = offsets;
}
