use rustc_hash::FxHashMap;

use super::{Facet, Index, Month, Query, Results};
use crate::corpus::{Corpus, Links, Meeting, Quote, Source, Speaker, Statement, Theme, NONE};

/// A loaded corpus with its index and look-ups by id: everything the interface reads.
#[derive(Debug)]
pub struct Catalog {
    /// Tells catalogs apart, so that views keyed by position in one are not reused for another.
    pub generation: u64,
    pub corpus: Corpus,
    pub index: Index,
    links: Links,
    /// Per statement (by position), its quotes in point order; per quote, its variant group;
    /// per variant group, its quotes in corpus order. Built once: cards ask for them every
    /// time they render.
    statement_members: Vec<Vec<u32>>,
    variant_of: Vec<u32>,
    variant_groups: Vec<Vec<u32>>,
    /// The whole corpus's word counts by word id, the prior of distinctive words: counted
    /// when first asked for, once.
    pub(super) background_words: std::sync::OnceLock<Vec<u32>>,
    /// For a chunked index, its quotes as their packs arrive (and `corpus` has none).
    packs: Option<Packs>,
}

/// The quotes of a chunked index, in packs of the list's first order, each kept once it has
/// arrived.
#[derive(Debug)]
struct Packs {
    meta: crate::chunked::Meta,
    loaded: Vec<std::sync::OnceLock<Vec<Quote>>>,
    /// The quote ids in order, in chunks (their files in `meta.ids`), as they arrive.
    ids: Vec<std::sync::OnceLock<crate::chunked::Entries>>,
    /// Whether the facets file has arrived: until then the index has only each value's
    /// total ([`Catalog::first_screen`]).
    faceted: bool,
}

/// Per quote, what groups it with others: its point number in its statement ([`NONE`] when
/// unnumbered or in none) and its group of reports of one remark (numbered in order of first
/// appearance; [`NONE`] for none). Columns, so that a chunked index keeps them in its facets
/// file, for quotes it does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuoteGroups {
    pub point: Vec<u32>,
    pub variant: Vec<u32>,
}

impl QuoteGroups {
    pub fn of(quotes: &[Quote]) -> QuoteGroups {
        let mut numbers: FxHashMap<&str, u32> = FxHashMap::default();
        let variant = quotes
            .iter()
            .map(|q| match &q.variant_group {
                Some(group) => {
                    let next = numbers.len() as u32;
                    *numbers.entry(group.as_str()).or_insert(next)
                }
                None => NONE,
            })
            .collect();
        let point =
            quotes.iter().map(|q| q.statement.as_ref().and_then(|s| s.point).unwrap_or(NONE)).collect();
        QuoteGroups { point, variant }
    }
}

/// What a chunked catalog still needs fetched, by the file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needed {
    /// A word chunk, by its place in the meta file's list.
    Words(usize, String),
    /// A pack of quotes, by its number.
    Pack(u32, String),
    /// A word chunk's places, for a phrase, by the chunk's place in the meta file's list.
    Places(usize, String),
    /// A chunk of quote ids, by its place in the meta file's list.
    Ids(usize, String),
    /// The facets file: which quote has which value.
    Facets(String),
}

impl Needed {
    pub fn file(&self) -> &str {
        match self {
            Needed::Words(_, f)
            | Needed::Places(_, f)
            | Needed::Pack(_, f)
            | Needed::Ids(_, f)
            | Needed::Facets(f) => f,
        }
    }
}

impl Packs {
    fn new(meta: crate::chunked::Meta, faceted: bool) -> Packs {
        Packs {
            loaded: (0..meta.quotes.div_ceil(meta.pack_size)).map(|_| std::sync::OnceLock::new()).collect(),
            ids: meta.ids.iter().map(|_| std::sync::OnceLock::new()).collect(),
            meta,
            faceted,
        }
    }
}

/// What a quote not yet arrived reads as, should anything ask before its pack is in.
fn not_arrived() -> &'static Quote {
    static NOT_ARRIVED: std::sync::OnceLock<Quote> = std::sync::OnceLock::new();
    NOT_ARRIVED.get_or_init(|| Quote {
        id: String::new(),
        text: String::new(),
        kind: crate::corpus::QuoteKind::DirectQuote,
        speaker: String::new(),
        meeting: String::new(),
        themes: Vec::new(),
        source: String::new(),
        line: 0,
        context: String::new(),
        statement: None,
        variant_group: None,
    })
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
        let groups = QuoteGroups::of(&corpus.quotes);
        Catalog::grouped(corpus, links, index, groups)
    }

    /// [`Catalog::assemble`], with the quotes' groups given (a chunked index has no quotes
    /// to find them in).
    fn grouped(corpus: Corpus, links: Links, index: Index, groups: QuoteGroups) -> Catalog {
        let mut statement_members = vec![Vec::new(); corpus.statements.len()];
        for (i, &statement) in links.statement.iter().enumerate() {
            if let Some(members) = statement_members.get_mut(statement as usize) {
                members.push(i as u32);
            }
        }
        for members in &mut statement_members {
            // Numbered points in order first, then the unnumbered passages; ties in source order.
            crate::order::sort_by_key(members, |i| groups.point.get(i as usize).copied().unwrap_or(NONE));
        }
        let mut variant_groups: Vec<Vec<u32>> = Vec::new();
        for (i, &group) in groups.variant.iter().enumerate() {
            if group != NONE {
                if variant_groups.len() <= group as usize {
                    variant_groups.resize(group as usize + 1, Vec::new());
                }
                variant_groups[group as usize].push(i as u32);
            }
        }
        static CATALOGS_MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Catalog {
            generation: CATALOGS_MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            statement_members,
            variant_of: groups.variant,
            variant_groups,
            background_words: std::sync::OnceLock::new(),
            packs: None,
            index,
            links,
            corpus,
        }
    }

    /// The catalog of a chunked index (`crate::chunked`) from its meta file alone: the first
    /// screen (the list with no filter and no search, with its exact counts) as soon as its
    /// first pack is given; anything else needs the facets file first (see
    /// [`Catalog::needed_for`]), which [`Catalog::fill`] turns into [`Catalog::chunked`]'s.
    pub fn first_screen(mut meta: crate::chunked::Meta) -> Result<Catalog, String> {
        let n = meta.quotes as usize;
        // The catalog's corpus from now on (`with_facets` gives it back).
        let shell = std::mem::take(&mut meta.shell);
        let (mut links, problems) = Links::new(&shell);
        if let Some(problem) = problems.first() {
            return Err(format!("The index's corpus is not sound: {problem}"));
        }
        links.statement = vec![crate::corpus::NONE; n];
        let index = Index::first_screen(&shell, &meta.totals, n, meta.words.clone())?;
        let catalog = Catalog::grouped(shell, links, index, QuoteGroups::default());
        Ok(Catalog { packs: Some(Packs::new(meta, false)), ..catalog })
    }

    /// The catalog of a chunked index (`crate::chunked`) from its meta and facets files: every
    /// count exact; a search's words, the quotes shown and a linked quote's id to be fetched
    /// as [`Catalog::needed_for`] and [`Catalog::needed_to_show`] say, and given with
    /// [`Catalog::fill`].
    pub fn chunked(
        mut meta: crate::chunked::Meta,
        facets: crate::chunked::Facets,
    ) -> Result<Catalog, String> {
        let n = meta.quotes as usize;
        let columns = [
            &facets.speaker,
            &facets.meeting,
            &facets.source,
            &facets.kind,
            &facets.statement,
            &facets.point,
            &facets.variant,
        ];
        if columns.iter().any(|c| c.len() != n) || facets.theme_offsets.len() != n + 1 {
            return Err(format!("The index's facets file is not for its {n} quotes."));
        }
        let shell = std::mem::take(&mut meta.shell);
        let (mut links, problems) = Links::new(&shell);
        if let Some(problem) = problems.first() {
            return Err(format!("The index's corpus is not sound: {problem}"));
        }
        let within = |column: &[u32], len: usize| {
            column.iter().all(|&v| v == crate::corpus::NONE || (v as usize) < len)
        };
        if !within(&facets.speaker, shell.speakers.len())
            || !within(&facets.meeting, shell.meetings.len())
            || !within(&facets.source, shell.sources.len())
            || !within(&facets.kind, crate::corpus::QuoteKind::ALL.len())
            || !within(&facets.theme_values, shell.themes.len())
            || !within(&facets.statement, shell.statements.len())
            || !within(&facets.variant, n)
        {
            return Err("The index's facets file names values its meta file does not have.".into());
        }
        if crate::chunked::Totals::count(&shell, &facets) != meta.totals {
            return Err("The index's facets file does not match its meta file's counts.".into());
        }
        (links.speaker, links.meeting, links.source) = (facets.speaker, facets.meeting, facets.source);
        (links.theme_offsets, links.theme_values) = (facets.theme_offsets, facets.theme_values);
        links.statement = facets.statement;
        let index = Index::chunked(&shell, &links, &facets.kind, meta.words.clone());
        if !index.is_in_corpus_order() {
            return Err("The index's quotes are not in the list's order.".into());
        }
        let groups = QuoteGroups { point: facets.point, variant: facets.variant };
        let catalog = Catalog::grouped(shell, links, index, groups);
        Ok(Catalog { packs: Some(Packs::new(meta, true)), ..catalog })
    }

    /// This first screen's catalog with its facets, keeping what has arrived; the same
    /// generation, as its positions are the same quotes.
    fn with_facets(&self, packs: &Packs, facets: crate::chunked::Facets) -> Result<Catalog, String> {
        let meta = crate::chunked::Meta { shell: self.corpus.clone(), ..packs.meta.clone() };
        let mut whole = Catalog::chunked(meta, facets)?;
        whole.generation = self.generation;
        whole.index.chunks.clone_from(&self.index.chunks);
        let kept = whole.packs.as_mut().expect("a chunked catalog has packs");
        kept.loaded.clone_from(&packs.loaded);
        kept.ids.clone_from(&packs.ids);
        Ok(whole)
    }

    /// Whether this is a chunked index's catalog, whose quotes arrive as they are shown.
    pub fn is_chunked(&self) -> bool {
        self.packs.is_some()
    }

    /// The files `query`'s search needs before its answer is exact (none for a catalog held
    /// whole, or once they have arrived): its words, and for anything but the first screen
    /// the facets file; for a phrase, where its words stand.
    pub fn needed_for(&self, query: &Query) -> Vec<Needed> {
        // Asked at every keystroke: a catalog held whole needs nothing, with no parsing.
        let Some(packs) = &self.packs else { return Vec::new() };
        let terms = self.index.search_terms(&query.text);
        let words = self.index.missing_chunks(&terms).into_iter().map(|(c, file)| Needed::Words(c, file));
        let places = self.index.missing_places(&terms).into_iter().map(|(c, file)| Needed::Places(c, file));
        let facets = (!packs.faceted && (query.has_text() || query.has_filters()))
            .then(|| Needed::Facets(packs.meta.facets.clone()));
        facets.into_iter().chain(words).chain(places).collect()
    }

    /// The facets file, until it has arrived: wanted soon after the first screen, as nearly
    /// anything a reader does next needs it.
    pub fn needed_facets(&self) -> Option<Needed> {
        self.packs.as_ref().filter(|p| !p.faceted).map(|p| Needed::Facets(p.meta.facets.clone()))
    }

    /// The packs holding the quotes at `positions` that have not arrived.
    pub fn needed_to_show(&self, positions: &[u32]) -> Vec<Needed> {
        let Some(packs) = &self.packs else { return Vec::new() };
        let mut numbers: Vec<u32> = positions.iter().map(|&p| p / packs.meta.pack_size).collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
            .into_iter()
            .filter(|&n| packs.loaded.get(n as usize).is_some_and(|l| l.get().is_none()))
            .map(|n| Needed::Pack(n, packs.meta.pack_of(n * packs.meta.pack_size).0))
            .collect()
    }

    /// How many of `positions`, from the first, have their quotes at hand.
    pub fn at_hand(&self, positions: &[u32]) -> usize {
        match &self.packs {
            None => positions.len(),
            Some(packs) => positions
                .iter()
                .take_while(|&&p| {
                    packs.loaded.get((p / packs.meta.pack_size) as usize).is_some_and(|l| l.get().is_some())
                })
                .count(),
        }
    }

    /// The id chunk a link to the quote `id` needs, unless it has arrived (or the catalog
    /// is held whole).
    pub fn needed_for_id(&self, id: &str) -> Option<Needed> {
        let packs = self.packs.as_ref()?;
        let chunk = crate::chunked::chunk_range(&packs.meta.ids, id).next()?;
        packs.ids[chunk].get().is_none().then(|| Needed::Ids(chunk, packs.meta.ids[chunk].file.clone()))
    }

    /// Keeps a file that arrived, decoding it (its bytes inflated); a damaged file is refused
    /// with a message and changes nothing. The facets file makes a new catalog, with
    /// everything this one has, to take its place: that catalog is returned.
    pub fn fill(&self, needed: &Needed, bytes: &[u8]) -> Result<Option<Catalog>, String> {
        use crate::chunked::read;
        let Some(packs) = &self.packs else { return Ok(None) };
        match needed {
            Needed::Facets(_) if packs.faceted => {}
            Needed::Facets(_) => return self.with_facets(packs, read::facets(bytes)?).map(Some),
            Needed::Words(chunk, _) => self.index.fill_chunk(*chunk, read::words(bytes)?)?,
            Needed::Places(chunk, _) => self.index.fill_places(*chunk, read::places(bytes)?)?,
            Needed::Ids(chunk, _) => {
                if let Some(slot) = packs.ids.get(*chunk) {
                    let _ = slot.set(read::words(bytes)?);
                }
            }
            Needed::Pack(n, _) => {
                let quotes = read::pack(bytes)?;
                let start = *n as usize * packs.meta.pack_size as usize;
                let expected = (self.len() - start.min(self.len())).min(packs.meta.pack_size as usize);
                if quotes.len() != expected {
                    return Err(format!(
                        "A pack of the index's quotes holds {} quotes, not {expected}.",
                        quotes.len()
                    ));
                }
                if let Some(slot) = packs.loaded.get(*n as usize) {
                    let _ = slot.set(quotes);
                }
            }
        }
        Ok(None)
    }

    pub fn search(&self, query: &Query) -> Results {
        self.index.search(&self.corpus, query)
    }

    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The quote at `position`. In a chunked catalog, its pack must have arrived (see
    /// [`Catalog::at_hand`]); until then it reads as an empty quote, never another's.
    pub fn quote(&self, position: u32) -> &Quote {
        match &self.packs {
            None => &self.corpus.quotes[position as usize],
            Some(packs) => {
                let size = packs.meta.pack_size;
                packs
                    .loaded
                    .get((position / size) as usize)
                    .and_then(|pack| pack.get()?.get((position % size) as usize))
                    .unwrap_or(not_arrived())
            }
        }
    }

    /// The position of the quote with this id: in a chunked catalog, once its id chunk has
    /// arrived (see [`Catalog::needed_for_id`]).
    pub fn quote_position(&self, id: &str) -> Option<u32> {
        if let Some(packs) = &self.packs {
            let chunk = crate::chunked::chunk_range(&packs.meta.ids, id).next()?;
            let entries = packs.ids[chunk].get()?;
            let at = entries.binary_search_by(|(i, _)| i.as_str().cmp(id)).ok()?;
            return entries[at].1.first().copied().filter(|&p| (p as usize) < self.len());
        }
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
        let meeting = *self.links.meeting.get(position as usize)?;
        self.corpus.meetings.get(meeting as usize)
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
        let group = self.variant_of.get(position as usize).and_then(|&g| self.variant_groups.get(g as usize));
        group.into_iter().flatten().copied().filter(|&i| i != position).collect()
    }

    /// The quotes an opened card lists beside the one at `position`: the other points of its
    /// statement and other reports of the same remark.
    pub fn related(&self, position: u32) -> Vec<u32> {
        let statement =
            self.links.statement.get(position as usize).and_then(|&s| self.statement_members.get(s as usize));
        let mut related: Vec<u32> =
            statement.into_iter().flatten().copied().chain(self.variants(position)).collect();
        related.retain(|&p| p != position);
        related
    }

    /// What the opened card of the quote at `position` needs fetched before it shows all it
    /// lists: with a chunked index, the facets file (which says which quotes go together),
    /// then the packs of those quotes.
    pub fn needed_for_details(&self, position: u32) -> Vec<Needed> {
        match self.needed_facets() {
            Some(facets) => vec![facets],
            None => self.needed_to_show(&self.related(position)),
        }
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

    /// What the search box suggests typing, from this corpus: the label of its largest theme
    /// and the name of its most quoted speaker, so that an explorer of any corpus offers
    /// searches that find something in it.
    pub fn search_example(&self) -> String {
        let largest = |facet: Facet| {
            let values = self.index.values(facet).iter().filter(|v| v.total > 0);
            // The first of equals, in display order.
            values.fold(None::<&super::FacetValue>, |best, v| match best {
                Some(b) if b.total >= v.total => Some(b),
                _ => Some(v),
            })
        };
        let examples: Vec<String> = [Facet::Theme, Facet::Speaker]
            .into_iter()
            .filter_map(|f| largest(f).map(|v| v.label.clone()))
            .collect();
        if examples.is_empty() {
            String::new()
        } else {
            format!("e.g. {}", examples.join(", "))
        }
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
    fn the_search_example_comes_from_the_corpus_in_use() {
        let bundled = Catalog::new(corpus::bundled().unwrap());
        let example = bundled.search_example();
        let speaker = bundled.index.values(Facet::Speaker).iter().max_by_key(|v| v.total).unwrap();
        assert!(example.starts_with("e.g. ") && example.ends_with(&speaker.label), "{example}");
        let theirs = Catalog::new(corpus::synthetic::generate(50, 2));
        let example = theirs.search_example();
        assert!(theirs.corpus.themes.iter().any(|t| example.contains(&t.label)), "{example}");
        assert!(!example.contains(&speaker.label), "nothing of another corpus: {example}");
        assert_eq!(Catalog::new(crate::corpus::Corpus::empty()).search_example(), "");
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
