use rustc_hash::FxHashMap;

use super::{Facet, Index, Query, Results};
use crate::corpus::{Corpus, Meeting, Quote, Source, Speaker, Statement, Theme};

/// A loaded corpus with its index and look-ups by id: everything the interface reads.
#[derive(Debug)]
pub struct Catalog {
    /// Tells catalogs apart, so that views keyed by position in one are not reused for another.
    pub generation: u64,
    pub corpus: Corpus,
    pub index: Index,
    quote_positions: FxHashMap<String, u32>,
    speakers: FxHashMap<String, usize>,
    meetings: FxHashMap<String, usize>,
    sources: FxHashMap<String, usize>,
    themes: FxHashMap<String, usize>,
    statements: FxHashMap<String, usize>,
    /// Per statement, its quotes in point order; per variant group, its quotes in corpus
    /// order. Built once: cards ask for them every time they render.
    statement_members: FxHashMap<String, Vec<u32>>,
    variant_groups: FxHashMap<String, Vec<u32>>,
}

fn positions<T>(items: &[T], id: impl Fn(&T) -> &str) -> FxHashMap<String, usize> {
    items.iter().enumerate().map(|(i, item)| (id(item).to_owned(), i)).collect()
}

impl Catalog {
    pub fn new(corpus: Corpus) -> Catalog {
        let mut statement_members: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut variant_groups: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (i, q) in corpus.quotes.iter().enumerate() {
            if let Some(st) = &q.statement {
                statement_members.entry(st.id.clone()).or_default().push(i as u32);
            }
            if let Some(group) = &q.variant_group {
                variant_groups.entry(group.clone()).or_default().push(i as u32);
            }
        }
        let point =
            |i: &u32| corpus.quotes[*i as usize].statement.as_ref().and_then(|s| s.point).unwrap_or(u32::MAX);
        for members in statement_members.values_mut() {
            // Numbered points in order first, then the unnumbered passages; ties in source order.
            members.sort_by_key(|i| (point(i), *i));
        }
        static CATALOGS_MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Catalog {
            generation: CATALOGS_MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            statement_members,
            variant_groups,
            index: Index::build(&corpus),
            quote_positions: corpus
                .quotes
                .iter()
                .enumerate()
                .map(|(i, q)| (q.id.clone(), i as u32))
                .collect(),
            speakers: positions(&corpus.speakers, |s| &s.id),
            meetings: positions(&corpus.meetings, |m| &m.id),
            sources: positions(&corpus.sources, |s| &s.id),
            themes: positions(&corpus.themes, |t| &t.id),
            statements: positions(&corpus.statements, |s| &s.id),
            corpus,
        }
    }

    pub fn search(&self, query: &Query) -> Results {
        self.index.search(&self.corpus, query)
    }

    pub fn len(&self) -> usize {
        self.corpus.quotes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.corpus.quotes.is_empty()
    }

    pub fn quote(&self, position: u32) -> &Quote {
        &self.corpus.quotes[position as usize]
    }

    pub fn quote_position(&self, id: &str) -> Option<u32> {
        self.quote_positions.get(id).copied()
    }

    pub fn speaker(&self, id: &str) -> Option<&Speaker> {
        self.speakers.get(id).map(|&i| &self.corpus.speakers[i])
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        self.meetings.get(id).map(|&i| &self.corpus.meetings[i])
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.get(id).map(|&i| &self.corpus.sources[i])
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.get(id).map(|&i| &self.corpus.themes[i])
    }

    pub fn statement(&self, id: &str) -> Option<&Statement> {
        self.statements.get(id).map(|&i| &self.corpus.statements[i])
    }

    /// The quotes of a statement, numbered points in order first, then its unnumbered
    /// passages, each group in source order.
    pub fn statement_quotes(&self, statement_id: &str) -> &[u32] {
        self.statement_members.get(statement_id).map_or(&[], Vec::as_slice)
    }

    /// Other reports of the same remark, in corpus order.
    pub fn variants(&self, position: u32) -> Vec<u32> {
        let group = self.quote(position).variant_group.as_ref().and_then(|g| self.variant_groups.get(g));
        group.into_iter().flatten().copied().filter(|&i| i != position).collect()
    }

    /// The query without filter values this corpus does not have (from an old or edited
    /// link), so that they neither show as chips nor silently empty the results.
    pub fn known_only(&self, query: &Query) -> Query {
        let mut known = query.clone();
        for (facet, id) in query.active_filters() {
            if self.index.value(facet, id).is_none() {
                known.deselect(facet, id);
            }
        }
        known
    }

    /// A short label for a selected value, as shown on a filter chip.
    pub fn value_label(&self, facet: Facet, id: &str) -> String {
        self.index.value(facet, id).map_or_else(|| id.to_owned(), |v| v.label.clone())
    }
}
