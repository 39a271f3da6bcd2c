//! The facet index: per facet, its values in display order, the quotes having each value,
//! and each quote's values (for counting).

use rustc_hash::FxHashMap;

use super::{Bitset, Facet};
use crate::chunked::Totals;
use crate::corpus::{Corpus, Links, QuoteKind, NONE};
use crate::order::sort_positions;

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
pub(super) struct FacetIndex {
    /// Display order: meetings by date, sources as listed, the rest by size.
    pub(super) values: Vec<FacetValue>,
    by_id: FxHashMap<String, u32>,
    /// Sorted quote positions per value.
    postings: Vec<Vec<u32>>,
    /// `doc_values[doc_offsets[d]..doc_offsets[d + 1]]` are quote `d`'s values.
    doc_offsets: Vec<u32>,
    doc_values: Vec<u32>,
}

/// Every facet of a corpus, in [`Facet::ALL`] order (see [`build_one`]).
pub(super) fn build_all(corpus: &Corpus, links: &Links, kinds: &[u32]) -> [FacetIndex; Facet::COUNT] {
    Facet::ALL.map(|facet| build_one(corpus, links, kinds, facet))
}

/// One facet of a corpus, in display order: its list from `corpus`, each quote's values
/// from `links` and `kinds` (the corpus's quotes need not be at hand: a chunked index has
/// only their facets). Each facet is a pass over every quote, so a page can build them one
/// at a time.
pub(super) fn build_one(corpus: &Corpus, links: &Links, kinds: &[u32], facet: Facet) -> FacetIndex {
    let (lists, side_of_speaker) = lists(corpus);
    let n = kinds.len();
    let mut index = match facet {
        Facet::Side => {
            let side_of_quote: Vec<u32> = links
                .speaker
                .iter()
                .map(|&s| side_of_speaker.get(s as usize).copied().unwrap_or(NONE))
                .collect();
            FacetIndex::build_single(&side_of_quote, n)
        }
        Facet::Speaker => FacetIndex::build_single(&links.speaker, n),
        Facet::Meeting => FacetIndex::build_single(&links.meeting, n),
        Facet::Theme => FacetIndex {
            doc_offsets: links.theme_offsets.clone(),
            doc_values: links.theme_values.clone(),
            ..FacetIndex::default()
        },
        Facet::Source => FacetIndex::build_single(&links.source, n),
        Facet::Kind => FacetIndex::build_single(kinds, n),
    };
    index.values = lists.into_iter().nth(facet.slot()).unwrap_or_default();
    index.count();
    put_in_display_order(corpus, facet, &mut index);
    index
}

/// Every facet of a corpus from how many quotes have each value (`totals`, in the corpus's
/// lists' order), without which quote has which: the values, totals and order a whole
/// corpus's facets have, for the counts of a list with no filter.
pub(super) fn from_totals(corpus: &Corpus, totals: &Totals) -> Result<[FacetIndex; Facet::COUNT], String> {
    let (lists, side_of_speaker) = lists(corpus);
    let mut sides = vec![0; lists[Facet::Side.slot()].len()];
    for (&side, &total) in side_of_speaker.iter().zip(&totals.speakers) {
        if let Some(s) = sides.get_mut(side as usize) {
            *s += total;
        }
    }
    let columns =
        [&sides, &totals.speakers, &totals.meetings, &totals.themes, &totals.sources, &totals.kinds];
    let mut facets: [FacetIndex; Facet::COUNT] = Default::default();
    for ((facet, mut values), totals) in facets.iter_mut().zip(lists).zip(columns) {
        if totals.len() != values.len() {
            return Err("The index's meta file does not count every value it lists.".into());
        }
        for (value, &total) in values.iter_mut().zip(totals) {
            value.total = total;
        }
        facet.postings = vec![Vec::new(); values.len()];
        facet.values = values;
    }
    for (facet, index) in Facet::ALL.into_iter().zip(&mut facets) {
        put_in_display_order(corpus, facet, index);
    }
    Ok(facets)
}

/// Each facet's values as the corpus lists them (sides in order of first appearance), with no
/// totals yet; and each speaker's side, as a position among the sides (`NONE` without one).
fn lists(corpus: &Corpus) -> ([Vec<FacetValue>; Facet::COUNT], Vec<u32>) {
    let value = |id: &str, label: &str, detail: String| FacetValue {
        id: id.to_owned(),
        label: label.to_owned(),
        detail,
        total: 0,
    };
    let (sides, side_of_speaker) = sides(corpus);
    let speakers = corpus.speakers.iter().map(|s| value(&s.id, &s.name, s.role.clone())).collect();
    let meetings = corpus.meetings.iter().map(|m| value(&m.id, &m.title, m.place_and_date())).collect();
    let themes = corpus.themes.iter().map(|t| value(&t.id, &t.label, t.definition.clone())).collect();
    let sources = corpus.sources.iter().map(|s| value(&s.id, &s.outlet, s.headline.clone())).collect();
    let kinds = QuoteKind::ALL.iter().map(|k| value(k.id(), k.label(), String::new())).collect();
    ([sides, speakers, meetings, themes, sources, kinds], side_of_speaker)
}

/// Meetings by date; sides, speakers and themes by size; then values no quote has are left out.
fn put_in_display_order(corpus: &Corpus, facet: Facet, index: &mut FacetIndex) {
    let mut order: Vec<u32> = (0..index.values.len() as u32).collect();
    match facet {
        Facet::Meeting => crate::order::sort_by_text(&mut order, |m| &corpus.meetings[m as usize].date),
        Facet::Side | Facet::Speaker | Facet::Theme => index.sort_by_total(&mut order),
        Facet::Source | Facet::Kind => {}
    }
    // Values no quote has would only ever show 0, so the pane leaves them out.
    order.retain(|&v| index.values[v as usize].total > 0);
    // Once, in the end: each reordering rewrites every quote's values.
    index.reorder(&order);
    index.by_id = index.values.iter().enumerate().map(|(i, v)| (v.id.clone(), i as u32)).collect();
}

/// The sides the speakers speak for, from their countries (each side's detail names its
/// speakers), and each speaker's side as a position among them (`NONE` without a country).
fn sides(corpus: &Corpus) -> (Vec<FacetValue>, Vec<u32>) {
    let mut sides: Vec<FacetValue> = Vec::new();
    let mut names: Vec<Vec<&str>> = Vec::new();
    let mut side_of_speaker = Vec::with_capacity(corpus.speakers.len());
    for speaker in &corpus.speakers {
        let Some(id) = speaker.side_id() else {
            side_of_speaker.push(NONE);
            continue;
        };
        let at = sides.iter().position(|v| v.id == id).unwrap_or_else(|| {
            let label = speaker.country.trim().to_owned();
            sides.push(FacetValue { id, label, detail: String::new(), total: 0 });
            names.push(Vec::new());
            sides.len() - 1
        });
        names[at].push(&speaker.name);
        side_of_speaker.push(at as u32);
    }
    for (side, names) in sides.iter_mut().zip(names) {
        side.detail = first_names(&names, 3);
    }
    (sides, side_of_speaker)
}

/// Up to `shown` names, and how many more there are: "Wang Yi, Xi Jinping and 2 more".
fn first_names(names: &[&str], shown: usize) -> String {
    let listed = names[..names.len().min(shown)].join(", ");
    match names.len().saturating_sub(shown) {
        0 => listed,
        more => format!("{listed} and {more} more"),
    }
}

impl FacetIndex {
    /// A facet where each quote has at most one value: `of[d]`, a value's position or `NONE`.
    fn build_single(of: &[u32], len: usize) -> FacetIndex {
        let mut doc_offsets = Vec::with_capacity(len + 1);
        let mut doc_values = Vec::with_capacity(len);
        doc_offsets.push(0);
        for &v in of {
            if v != NONE {
                doc_values.push(v);
            }
            doc_offsets.push(doc_values.len() as u32);
        }
        FacetIndex { doc_offsets, doc_values, ..FacetIndex::default() }
    }

    /// Each value's quotes (postings), total and place by id, from each quote's values.
    fn count(&mut self) {
        let mut postings = vec![Vec::new(); self.values.len()];
        for doc in 0..self.doc_offsets.len() - 1 {
            for &v in self.values_of(doc as u32) {
                postings[v as usize].push(doc as u32);
            }
        }
        for (value, postings) in self.values.iter_mut().zip(&postings) {
            value.total = postings.len() as u32;
        }
        self.postings = postings;
    }

    /// Quote `doc`'s values: none if the facet has only totals ([`from_totals`]).
    pub(super) fn values_of(&self, doc: u32) -> &[u32] {
        let d = doc as usize;
        match self.doc_offsets.get(d..d + 2) {
            Some(&[from, to]) => &self.doc_values[from as usize..to as usize],
            _ => &[],
        }
    }

    /// The quotes having the value at `value`.
    pub(super) fn postings_of(&self, value: usize) -> &[u32] {
        &self.postings[value]
    }

    pub(super) fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).map(|&v| v as usize)
    }

    /// The quotes having any of `ids`, or `None` when no id is selected, which leaves the
    /// facet unconstrained. An id no quote has matches nothing (the store drops such ids
    /// from a query before asking, with `Catalog::known_only`).
    pub(super) fn union<'a>(&self, ids: impl Iterator<Item = &'a str>, len: usize) -> Option<Bitset> {
        let mut set: Option<Bitset> = None;
        for id in ids {
            let set = set.get_or_insert_with(|| Bitset::empty(len));
            for &doc in self.position(id).map_or(&[][..], |v| &self.postings[v]) {
                set.insert(doc);
            }
        }
        set
    }

    /// Puts `order` (positions of values) largest first; ties by label.
    fn sort_by_total(&self, order: &mut [u32]) {
        let values = &self.values;
        sort_positions(order, &|a, b| {
            let (va, vb) = (&values[a as usize], &values[b as usize]);
            vb.total.cmp(&va.total).then_with(|| va.label.cmp(&vb.label)).then(a.cmp(&b))
        });
    }

    /// Keeps the values at `order`, in that order, renumbering what refers to them (but for
    /// `by_id`, made once they are in their last order).
    fn reorder(&mut self, order: &[u32]) {
        let mut new_number = vec![NONE; self.values.len()];
        for (new, &old) in order.iter().enumerate() {
            new_number[old as usize] = new as u32;
        }
        // Moved, not cloned: an order names each value at most once.
        let mut values: Vec<Option<FacetValue>> =
            std::mem::take(&mut self.values).into_iter().map(Some).collect();
        self.values = order.iter().filter_map(|&i| values[i as usize].take()).collect();
        self.postings = order.iter().map(|&i| std::mem::take(&mut self.postings[i as usize])).collect();
        if self.doc_offsets.is_empty() {
            return;
        }
        let mut values = Vec::with_capacity(self.doc_values.len());
        let mut offsets = Vec::with_capacity(self.doc_offsets.len());
        offsets.push(0);
        for d in 0..self.doc_offsets.len() - 1 {
            for &v in &self.doc_values[self.doc_offsets[d] as usize..self.doc_offsets[d + 1] as usize] {
                if new_number[v as usize] != NONE {
                    values.push(new_number[v as usize]);
                }
            }
            offsets.push(values.len() as u32);
        }
        self.doc_values = values;
        self.doc_offsets = offsets;
    }
}

#[cfg(test)]
mod tests {
    use crate::corpus::{self, slug};
    use crate::engine::{Catalog, Facet, Query};

    #[test]
    fn sides_are_the_slugs_of_the_speakers_countries() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let mut ids: Vec<&str> = c.index.values(Facet::Side).iter().map(|v| v.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(ids, ["china", "china-and-russia", "japan", "russia"]);
        for p in 0..c.len() as u32 {
            let speaker = c.speaker(&c.quote(p).speaker).unwrap();
            let side = &c.index.values(Facet::Side)[c.index.values_of(Facet::Side, p)[0] as usize];
            assert_eq!(
                (side.id.as_str(), side.label.as_str()),
                (slug(&speaker.country).as_str(), speaker.country.as_str())
            );
        }
        let china = c.index.value(Facet::Side, "china").unwrap();
        assert!(china.detail.contains("Wang Yi") && china.detail.contains("Xi Jinping"), "{}", china.detail);
    }

    #[test]
    fn choosing_a_side_finds_exactly_its_speakers_quotes() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let mut query = Query::default();
        query.select(Facet::Side, "russia");
        let found = c.search(&query).quotes;
        let expected: Vec<u32> = (0..c.len() as u32)
            .filter(|&p| c.speaker(&c.quote(p).speaker).unwrap().country == "Russia")
            .collect();
        let mut sorted = found.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected);
        assert!(!found.is_empty());
    }

    #[test]
    fn a_corpus_without_countries_has_no_side_and_loads() {
        let json = corpus::BUNDLED_JSON.replace(r#""country":"#, r#""former_country":"#);
        assert!(corpus::parse(&json).is_err(), "an unknown field is still an error");
        let mut bare: serde_json::Value = serde_json::from_str(corpus::BUNDLED_JSON).unwrap();
        for speaker in bare["speakers"].as_array_mut().unwrap() {
            speaker.as_object_mut().unwrap().remove("country");
        }
        let corpus = corpus::parse(&bare.to_string()).expect("a corpus may leave countries out");
        let c = Catalog::new(corpus);
        assert!(c.index.values(Facet::Side).is_empty());
        assert_eq!(c.search(&Query::default()).quotes.len(), c.len());
    }

    #[test]
    fn a_side_lists_at_most_three_of_its_speakers() {
        assert_eq!(super::first_names(&["A", "B"], 3), "A, B");
        assert_eq!(super::first_names(&["A", "B", "C", "D", "E"], 3), "A, B, C and 2 more");
    }
}
