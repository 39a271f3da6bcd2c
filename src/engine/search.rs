//! Answering a query: the quotes matching the search text and every selected facet, in
//! order, and for every facet value the count choosing it would give.

use super::text::SearchTerms;
use super::words::{quote_of_posting, Field};
use super::{Bitset, Facet, Index, Query, SortOrder};
use crate::corpus::Corpus;

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

impl Index {
    /// Answers a query over `corpus`, the corpus this index was built from.
    pub fn search(&self, corpus: &Corpus, query: &Query) -> Results {
        let terms = SearchTerms::parse(&query.text).with_spellings(&self.spellings);
        let mut text = self.text_matches(&terms, corpus);
        // The date range narrows everything, as the search does.
        if let Some(dated) = self.in_date_range(query) {
            match &mut text {
                Some(t) => t.intersect_with(&dated),
                None => text = Some(dated),
            }
        }
        let facet_sets: Vec<Option<Bitset>> =
            Facet::ALL.iter().map(|&f| self.facets[f.slot()].union(query.selected(f), self.len)).collect();
        let excluded_sets: Vec<Option<Bitset>> =
            Facet::ALL.iter().map(|&f| self.facets[f.slot()].union(query.excluded(f), self.len)).collect();

        // Everything but facet `skip`'s selection and exclusion: the base its counts are taken
        // against, so that each value's count says what choosing it would give.
        let constrained = |skip: Option<usize>| -> Option<Bitset> {
            let mut acc = text.clone();
            for (i, (set, excluded)) in facet_sets.iter().zip(&excluded_sets).enumerate() {
                if Some(i) == skip {
                    continue;
                }
                if let Some(set) = set {
                    match &mut acc {
                        Some(a) => a.intersect_with(set),
                        None => acc = Some(set.clone()),
                    }
                }
                if let Some(excluded) = excluded {
                    acc.get_or_insert_with(|| Bitset::full(self.len)).subtract(excluded);
                }
            }
            acc
        };
        let all = constrained(None);

        let counts = std::array::from_fn(|slot| {
            let facet = &self.facets[slot];
            let own = facet_sets[slot].is_some() || excluded_sets[slot].is_some();
            let base = if own { constrained(Some(slot)) } else { all.clone() };
            // Choosing a value lifts its own exclusion, and no other: a quote having another
            // excluded value of this facet would still be left out.
            let excluded: Vec<bool> = match &excluded_sets[slot] {
                None => Vec::new(),
                Some(_) => {
                    let mut excluded = vec![false; facet.values.len()];
                    query
                        .excluded(Facet::ALL[slot])
                        .filter_map(|id| facet.position(id))
                        .for_each(|v| excluded[v] = true);
                    excluded
                }
            };
            // Unconstrained but for this facet's exclusions: every quote is a candidate.
            let base = base.or_else(|| (!excluded.is_empty()).then(|| Bitset::full(self.len)));
            match base {
                None => facet.values.iter().map(|v| v.total).collect(),
                Some(base) => {
                    let mut counts = vec![0u32; facet.values.len()];
                    for doc in base.iter() {
                        let values = facet.values_of(doc);
                        let mut hidden_by =
                            values.iter().filter(|&&v| excluded.get(v as usize) == Some(&true));
                        match (hidden_by.next(), hidden_by.next()) {
                            (None, _) => values.iter().for_each(|&v| counts[v as usize] += 1),
                            (Some(&only), None) => counts[only as usize] += 1,
                            (Some(_), Some(_)) => {}
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
                // Best first, ties by date: sort (lower is better) by score, then by rank in time.
                let scores = self.relevance(&terms, matches);
                let mut keys: Vec<u64> = quotes
                    .iter()
                    .map(|&q| {
                        u64::from(u32::MAX - scores[q as usize]) << 32
                            | u64::from(self.chrono_rank[q as usize])
                    })
                    .collect();
                crate::order::sort_keys(&mut keys);
                quotes = keys.into_iter().map(|key| self.chronological[key as u32 as usize]).collect();
            }
        }
        Results { quotes, counts }
    }

    /// The quotes from meetings inside the query's date range, or `None` without one. A
    /// meeting known only to the month, or approximately, counts as its month; one known only
    /// to the year is inside a range that covers the whole year.
    fn in_date_range(&self, query: &Query) -> Option<Bitset> {
        if !query.has_date_range() {
            return None;
        }
        let meetings = &self.facets[Facet::Meeting.slot()];
        let mut set = Bitset::empty(self.len);
        for (value, month) in self.meeting_months.iter().enumerate() {
            if month.is_some_and(|span| query.covers(span)) {
                meetings.postings_of(value).iter().for_each(|&doc| set.insert(doc));
            }
        }
        Some(set)
    }

    /// The quotes matching all words of the search, or `None` when there is no search text.
    fn text_matches(&self, terms: &SearchTerms, corpus: &Corpus) -> Option<Bitset> {
        if terms.is_empty() {
            return None;
        }
        let mut result: Option<Bitset> = None;
        for at in 0..terms.words.len() {
            let mut set = Bitset::empty(self.len);
            for form in terms.forms(at) {
                for (_, postings) in self.postings_with_prefix(form) {
                    for &p in postings {
                        set.insert(quote_of_posting(p));
                    }
                }
            }
            match &mut result {
                Some(r) => r.intersect_with(&set),
                None => result = Some(set),
            }
        }
        let mut result = result.unwrap_or_else(|| Bitset::full(self.len));
        if !terms.phrases.is_empty() {
            let keep: Vec<u32> = match &self.chunks {
                // A chunked index keeps no texts, but where each word stands in them.
                Some(chunks) => terms.phrases.iter().fold(result.iter().collect(), |kept, phrase| {
                    chunks.phrase_matches(phrase, &Bitset::from_sorted(self.len, &kept))
                }),
                None => {
                    result.iter().filter(|&d| terms.phrases_match(&corpus.quotes[d as usize].text)).collect()
                }
            };
            result = Bitset::from_sorted(self.len, &keep);
        }
        Some(result)
    }

    /// Per quote, a score: each search word found adds its field's weight, twice over for a
    /// whole-word match.
    fn relevance(&self, terms: &SearchTerms, matches: &Bitset) -> Vec<u32> {
        let mut scores = vec![0u32; self.len];
        for word in (0..terms.words.len()).flat_map(|at| terms.forms(at)) {
            for (indexed, postings) in self.postings_with_prefix(word) {
                let exact = if indexed == word { 2 } else { 1 };
                for &p in postings {
                    let doc = quote_of_posting(p);
                    if matches.contains(doc) {
                        scores[doc as usize] += Field::of_posting(p).weight() * exact;
                    }
                }
            }
        }
        scores
    }
}
