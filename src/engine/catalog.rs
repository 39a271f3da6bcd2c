use rustc_hash::FxHashMap;

use super::{Facet, Index, Query, Results};
use crate::corpus::{Corpus, Links, Meeting, Quote, Source, Speaker, Statement, Theme};

/// A loaded corpus with its index and look-ups by id: everything the interface reads.
#[derive(Debug)]
pub struct Catalog {
    /// Tells catalogs apart, so that views keyed by position in one are not reused for another.
    pub generation: u64,
    pub corpus: Corpus,
    pub index: Index,
    links: Links,
    /// Per statement (by position), its quotes in point order; per variant group, its quotes
    /// in corpus order. Built once: cards ask for them every time they render.
    statement_members: Vec<Vec<u32>>,
    variant_groups: FxHashMap<String, Vec<u32>>,
}

impl Catalog {
    /// Indexes a corpus (checking its links; a corpus from `corpus::parse` is sound).
    pub fn new(corpus: Corpus) -> Catalog {
        let (links, _) = Links::new(&corpus);
        Catalog::linked(corpus, links)
    }

    /// Indexes a corpus whose links were found while loading it.
    pub fn linked(corpus: Corpus, links: Links) -> Catalog {
        let index = Index::build(&corpus, &links);
        Catalog::assemble(corpus, links, index)
    }

    /// A catalog of a corpus, its links and its index (built in slices by the caller).
    pub fn assemble(corpus: Corpus, links: Links, index: Index) -> Catalog {
        let mut statement_members = vec![Vec::new(); corpus.statements.len()];
        let mut variant_groups: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        for (i, q) in corpus.quotes.iter().enumerate() {
            if let Some(members) = statement_members.get_mut(links.statement[i] as usize) {
                members.push(i as u32);
            }
            if let Some(group) = &q.variant_group {
                variant_groups.entry(group.clone()).or_default().push(i as u32);
            }
        }
        let point =
            |i: &u32| corpus.quotes[*i as usize].statement.as_ref().and_then(|s| s.point).unwrap_or(u32::MAX);
        for members in &mut statement_members {
            // Numbered points in order first, then the unnumbered passages; ties in source order.
            crate::order::sort_by_key(members, |i| point(&i));
        }
        static CATALOGS_MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Catalog {
            generation: CATALOGS_MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            statement_members,
            variant_groups,
            index,
            links,
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
        let quotes = &self.corpus.quotes;
        self.links.quotes.get(id, |i| &quotes[i].id).map(|i| i as u32)
    }

    pub fn speaker(&self, id: &str) -> Option<&Speaker> {
        let all = &self.corpus.speakers;
        self.links.speakers.get(id, |i| &all[i].id).map(|i| &all[i])
    }

    pub fn meeting(&self, id: &str) -> Option<&Meeting> {
        let all = &self.corpus.meetings;
        self.links.meetings.get(id, |i| &all[i].id).map(|i| &all[i])
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        let all = &self.corpus.sources;
        self.links.sources.get(id, |i| &all[i].id).map(|i| &all[i])
    }

    pub fn theme(&self, id: &str) -> Option<&Theme> {
        let all = &self.corpus.themes;
        self.links.themes.get(id, |i| &all[i].id).map(|i| &all[i])
    }

    pub fn statement(&self, id: &str) -> Option<&Statement> {
        let all = &self.corpus.statements;
        self.links.statements.get(id, |i| &all[i].id).map(|i| &all[i])
    }

    /// The meeting of the quote at `position`, if it names one the corpus has.
    pub fn meeting_of(&self, position: u32) -> Option<&Meeting> {
        self.corpus.meetings.get(self.links.meeting[position as usize] as usize)
    }

    /// The quotes of a statement, numbered points in order first, then its unnumbered
    /// passages, each group in source order.
    pub fn statement_quotes(&self, statement_id: &str) -> &[u32] {
        let all = &self.corpus.statements;
        self.links.statements.get(statement_id, |i| &all[i].id).map_or(&[], |i| &self.statement_members[i])
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
