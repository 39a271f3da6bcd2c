use rustc_hash::FxHashMap;

use super::{Facet, Index, Month, Query, Results};
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
    /// The whole corpus's word counts by word id, the prior of distinctive words: counted
    /// when first asked for, once.
    pub(super) background_words: std::sync::OnceLock<Vec<u32>>,
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
            background_words: std::sync::OnceLock::new(),
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

    /// The position of the statement the quote at `position` belongs to, if any.
    pub fn statement_of(&self, position: u32) -> Option<usize> {
        Some(self.links.statement[position as usize])
            .filter(|&s| s != crate::corpus::NONE)
            .map(|s| s as usize)
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
        for (facet, id) in query.active_exclusions() {
            if self.index.value(facet, id).is_none() {
                known.include_again(facet, id);
            }
        }
        known
    }

    /// The filter values of `query` this corpus does not have, as (facet, id).
    pub fn unknown_values(&self, query: &Query) -> Vec<(Facet, String)> {
        query
            .active_filters()
            .chain(query.active_exclusions())
            .filter(|(f, id)| self.index.value(*f, id).is_none())
            .map(|(f, id)| (f, id.to_owned()))
            .collect()
    }

    /// What must be set aside for the quote at `position` to be among the results of
    /// `query`: each facet none of whose selected values the quote has, and the search if the
    /// quote does not match it. Everything else is kept. Returns the widened query and, for
    /// the reader, a label of each thing set aside ("Speaker: Nobuo Kishi", "the search “x”").
    pub fn set_aside_for(&self, query: &Query, position: u32) -> (Query, Vec<String>) {
        let mut widened = query.clone();
        let mut set_aside = Vec::new();
        for facet in Facet::ALL {
            let selected: Vec<String> = query.selected(facet).map(str::to_owned).collect();
            if selected.is_empty() {
                continue;
            }
            let has = self.index.values_of(facet, position);
            let values = self.index.values(facet);
            if !has.iter().any(|&v| selected.contains(&values[v as usize].id)) {
                for id in &selected {
                    set_aside.push(format!("{}: {}", facet.label(), self.value_label(facet, id)));
                    widened.deselect(facet, id);
                }
            }
        }
        for facet in Facet::ALL {
            let values = self.index.values(facet);
            for &v in self.index.values_of(facet, position) {
                let id = &values[v as usize].id;
                if query.is_excluded(facet, id) {
                    set_aside.push(format!("{}: not {}", facet.label(), self.value_label(facet, id)));
                    widened.include_again(facet, id);
                }
            }
        }
        let span = self.meeting_of(position).and_then(|m| Month::span_of(&m.date));
        if query.has_date_range() && !span.is_some_and(|span| query.covers(span)) {
            set_aside.push(format!("the dates {}", super::query::date_range_label(query.from, query.to)));
            (widened.from, widened.to) = (None, None);
        }
        if query.has_text() && !self.search(&Query::text(query.text.clone())).quotes.contains(&position) {
            set_aside.push(format!("the search \u{201C}{}\u{201D}", query.text.trim()));
            widened.text.clear();
        }
        (widened, set_aside)
    }

    /// Which of a facet's values (in display order) what a reader typed in its box finds:
    /// every typed word the start of a word of the value's label, its second line, or (for
    /// a speaker) one of its other names, in any of their spellings ("Sergei" finds Sergey
    /// Lavrov).
    pub fn facet_values_matching(&self, facet: Facet, typed: &str) -> Vec<bool> {
        let terms = self.index.search_terms(typed);
        self.index
            .values(facet)
            .iter()
            .map(|value| {
                let aliases = match facet {
                    Facet::Speaker => self.speaker(&value.id).map_or(&[][..], |s| s.aliases.as_slice()),
                    _ => &[],
                };
                let texts = [value.label.as_str(), value.detail.as_str()]
                    .into_iter()
                    .chain(aliases.iter().map(String::as_str));
                let words: Vec<String> = texts.flat_map(super::text::words).collect();
                (0..terms.words.len())
                    .all(|at| terms.forms(at).any(|form| words.iter().any(|w| w.starts_with(form))))
            })
            .collect()
    }

    /// A short label for a selected value, as shown on a filter chip.
    pub fn value_label(&self, facet: Facet, id: &str) -> String {
        self.index.value(facet, id).map_or_else(|| id.to_owned(), |v| v.label.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    #[test]
    fn a_linked_quote_sets_aside_only_what_excludes_it() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let position = c.quote_position("rome-wang-democracy-common-value").unwrap();
        let q = c.quote(position).clone();
        let other_speaker = c.corpus.speakers.iter().find(|s| s.id != q.speaker).unwrap().id.clone();
        let mut query = Query::text("zzzz-no-such-word");
        query.select(Facet::Speaker, &other_speaker);
        query.select(Facet::Theme, &q.themes[0]);
        let (widened, set_aside) = c.set_aside_for(&query, position);
        assert!(c.search(&widened).quotes.contains(&position), "the quote is shown");
        assert_eq!(
            widened.selected(Facet::Theme).collect::<Vec<_>>(),
            [q.themes[0].as_str()],
            "its theme is kept"
        );
        assert_eq!(widened.selected(Facet::Speaker).count(), 0);
        assert!(!widened.has_text());
        assert_eq!(set_aside.len(), 2, "{set_aside:?}");
        assert!(set_aside[0].starts_with("Speaker: "), "{set_aside:?}");
        assert!(set_aside[1].contains("zzzz-no-such-word"), "{set_aside:?}");
        assert_eq!(
            c.set_aside_for(&widened, position),
            (widened.clone(), vec![]),
            "nothing more to set aside"
        );
    }

    #[test]
    fn a_linked_quote_lifts_the_exclusions_that_hide_it() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let position = c.quote_position("rome-wang-democracy-common-value").unwrap();
        let q = c.quote(position).clone();
        let mut query = Query::default();
        query.exclude(Facet::Theme, &q.themes[0]);
        query.exclude(Facet::Speaker, "nobuo-kishi");
        let (widened, set_aside) = c.set_aside_for(&query, position);
        assert!(c.search(&widened).quotes.contains(&position));
        assert!(widened.is_excluded(Facet::Speaker, "nobuo-kishi"), "what does not hide it stays");
        assert_eq!(set_aside.len(), 1);
        assert!(set_aside[0].starts_with("Theme: not "), "{set_aside:?}");
    }

    #[test]
    fn a_facets_box_finds_values_by_label_detail_and_other_names() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let found = |facet: Facet, typed: &str| -> Vec<String> {
            let matching = c.facet_values_matching(facet, typed);
            c.index
                .values(facet)
                .iter()
                .zip(matching)
                .filter(|(_, m)| *m)
                .map(|(v, _)| v.id.clone())
                .collect()
        };
        assert_eq!(found(Facet::Speaker, "Sergei"), ["sergey-lavrov"], "another spelling");
        assert_eq!(found(Facet::Speaker, "lavr"), ["sergey-lavrov"]);
        assert!(
            found(Facet::Speaker, "foreign minister").contains(&"wang-yi".to_owned()),
            "the role, its second line"
        );
        assert_eq!(found(Facet::Theme, "").len(), c.index.values(Facet::Theme).len(), "nothing typed: all");
        assert!(found(Facet::Meeting, "zzzz").is_empty());
    }

    #[test]
    fn values_a_corpus_lacks_are_named() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let mut query = Query::default();
        query.select(Facet::Speaker, "wang-yi");
        query.select(Facet::Speaker, "nobody");
        assert_eq!(c.unknown_values(&query), [(Facet::Speaker, "nobody".to_owned())]);
    }
}
