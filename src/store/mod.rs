//! The store: one owner of the explorer's view. It holds the corpus in use (as a
//! [`Catalog`]), the reader's [`View`] (the [`Query`] and how it is shown), the results,
//! which of them are rendered, and how loading another corpus goes. Every change of view
//! passes one gate, [`Store::update_view`], which keeps the query to the values the corpus
//! knows (and a comparison to its values) and moves the address bar along ([`address`]). Two changes come from elsewhere and
//! add no step: Back and Forward (the view follows the address), and setting aside what hides
//! a linked quote (the address is corrected in place, and a notice says what was set aside).
//! Components read from the store and call its methods; they hold no state of the view
//! themselves.

pub mod address;
pub mod bundled;
pub mod chunked;
pub mod kept;
pub mod loading;

use std::ops::Range;
use std::sync::Arc;

use leptos::prelude::*;

use crate::engine::{text::SearchTerms, Catalog, Query, Results};
use crate::url_state::{Mode, View};
use crate::wording;

/// Quotes rendered at first, and added by each "show more": the DOM stays small whatever
/// the corpus size.
pub const PAGE_SIZE: usize = 20;

/// How an explorer sits in its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    /// Reads its view from the address bar and writes it back (the page, or an embed that opts in).
    pub owns_address_bar: bool,
    /// Inside a host page's element rather than the whole page.
    pub embedded: bool,
    /// Whether the filters start unfolded (there is room beside the results).
    pub filters_open: bool,
}

/// Which corpus is in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusOrigin {
    /// The corpus that comes with the app.
    Bundled,
    /// A file the reader opened, or the address an embed named.
    Loaded(String),
}

impl CorpusOrigin {
    /// Which corpus this is, for the sentences that describe it.
    pub fn kind(&self) -> wording::CorpusKind {
        match self {
            CorpusOrigin::Bundled => wording::CorpusKind::Bundled,
            CorpusOrigin::Loaded(_) => wording::CorpusKind::Loaded,
        }
    }
}

/// How loading another corpus goes. Whatever happens, the corpus in use stays usable until a
/// new one is complete and valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusStatus {
    /// Nothing is being loaded.
    Ready,
    /// Reading the file: `received` bytes so far, of `total` when known.
    Reading { from: String, received: u64, total: Option<u64> },
    /// A spreadsheet read: the reader says which column holds what before it loads.
    Mapping { from: String, table: Arc<crate::import::table::Table> },
    /// An article to propose quotes from (empty until the reader pastes it), to add to the
    /// corpus in use.
    Article { from: String, text: Arc<str> },
    /// Read; now being checked and indexed, `percent` done.
    Checking { from: String, percent: u8 },
    /// Could not be loaded, for these reasons.
    Failed { from: String, messages: Vec<String> },
}

/// Which results are rendered, by rank, for the query and the corpus they were chosen for:
/// a new query, or another corpus, starts again at the first page without anything having
/// to reset it. A window that does
/// not start at the first result is a link's: it opens at the linked quote's page, so that
/// a quote far down a long list costs one page (and, with a chunked index, one pack).
#[derive(Debug, Clone, PartialEq)]
struct RenderedWindow {
    query: Query,
    generation: u64,
    ranks: Range<usize>,
}

/// The explorer's state. Cheap to copy: every part is a handle.
#[derive(Clone, Copy)]
pub struct Store {
    pub catalog: ReadSignal<Arc<Catalog>>,
    set_catalog: WriteSignal<Arc<Catalog>>,
    /// The reader's view, mirrored in the address bar; written only through the gate.
    pub view: ReadSignal<View>,
    set_view: WriteSignal<View>,
    /// The view's query alone, so that what depends on it is not disturbed by the rest.
    pub query: Memo<Query>,
    /// The query's answer; a memo because searching is the expensive step. With a chunked
    /// index, the last exact answer until the files a new query needs have arrived.
    pub results: Memo<Arc<Results>>,
    /// Whether the results are still those of an earlier query (a chunked index's words
    /// or facets are on their way).
    pub searching: Memo<bool>,
    /// Counts the files of a chunked index that have arrived: what depends on them follows it.
    pub arrived: RwSignal<u64>,
    /// The files of a chunked index on their way, and where its files are.
    in_flight: StoredValue<Vec<String>>,
    index_base: StoredValue<Option<String>>,
    pub terms: Memo<SearchTerms>,
    pub placement: Placement,
    window: RwSignal<Option<RenderedWindow>>,
    pub status: RwSignal<CorpusStatus>,
    pub origin: RwSignal<CorpusOrigin>,
    /// Counts loads started, so that only the latest one may replace the corpus.
    loads_started: StoredValue<u64>,
    /// When the search text in the address bar was last typed into, while it is a step of typing.
    typed_at: StoredValue<Option<f64>>,
    /// What the reader should know about a change the explorer made on its own (a link's
    /// filter this corpus lacks, what was set aside to show a linked quote), until dismissed.
    pub notice: RwSignal<Option<String>>,
    /// The reader's own corpus kept in this browser, if any (never in an embed).
    pub kept: RwSignal<Option<kept::Kept>>,
}

impl Store {
    /// A store over `catalog` showing `initial`. When a corpus is still to come (an embed's
    /// `data-src`), the query is kept as it is until that corpus arrives: it may know ids
    /// this one does not.
    pub fn new(catalog: Catalog, mut initial: View, placement: Placement, corpus_to_come: bool) -> Store {
        let mut notice = None;
        if !corpus_to_come {
            notice = left_out(&catalog, &initial.query);
            initial = settled(&catalog, initial);
        }
        let (catalog, set_catalog) = signal(Arc::new(catalog));
        let (view, set_view) = signal(initial);
        let query = Memo::new(move |_| view.with(|v| v.query.clone()));
        let arrived = RwSignal::new(0);
        let searching = Memo::new(move |_| {
            arrived.track();
            catalog.with(|c| query.with(|q| !c.needed_for(q).is_empty()))
        });
        let results = Memo::new(move |previous: Option<&Arc<Results>>| match (searching.get(), previous) {
            (true, Some(previous)) => previous.clone(),
            _ => Arc::new(catalog.with(|c| query.with(|q| c.search(q)))),
        });
        let terms = Memo::new(move |_| catalog.with(|c| query.with(|q| c.index.search_terms(&q.text))));
        let store = Store {
            catalog,
            set_catalog,
            view,
            set_view,
            query,
            results,
            searching,
            arrived,
            in_flight: StoredValue::new(Vec::new()),
            index_base: StoredValue::new(None),
            terms,
            placement,
            window: RwSignal::new(None),
            status: RwSignal::new(CorpusStatus::Ready),
            origin: RwSignal::new(CorpusOrigin::Bundled),
            loads_started: StoredValue::new(0),
            typed_at: StoredValue::new(None),
            notice: RwSignal::new(notice),
            kept: RwSignal::new(if placement.embedded { None } else { kept::Kept::read() }),
        };
        if placement.owns_address_bar {
            address::follow(store);
        }
        store
    }

    /// The store of the explorer this component belongs to.
    pub fn use_context() -> Store {
        expect_context::<Store>()
    }

    /// The one way to change the view: applies `change` to it, drops filter values the
    /// corpus does not know, and writes the address bar when the explorer owns it.
    pub fn update_view(&self, change: impl FnOnce(&mut View)) {
        let previous = self.view.get_untracked();
        let mut next = previous.clone();
        change(&mut next);
        self.commit(previous, next);
    }

    /// [`Store::update_view`] for a change of the query alone.
    pub fn update_query(&self, change: impl FnOnce(&mut Query)) {
        self.update_view(|view| change(&mut view.query));
    }

    /// Shows the view an address describes (Back and Forward), without adding a step.
    pub(crate) fn show_address(&self, view: View) {
        let view = self.catalog.with_untracked(|c| settled(c, view));
        self.typed_at.set_value(None);
        self.set_view.set(view);
    }

    fn commit(&self, previous: View, next: View) {
        let next = self.catalog.with_untracked(|c| settled(c, next));
        if next == previous {
            return;
        }
        self.set_view.set(next.clone());
        if self.placement.owns_address_bar {
            address::record(&previous, &next, self.typed_at);
        }
    }

    /// The ranks of the results to be rendered: the first page, unless the reader asked for
    /// more or a link opened a page further down.
    pub fn wanted(&self) -> Range<usize> {
        let generation = self.catalog.with(|c| c.generation);
        let ranks = self.window.with(|w| match w {
            Some(w) if w.generation == generation && self.query.with(|q| *q == w.query) => w.ranks.clone(),
            _ => 0..PAGE_SIZE,
        });
        let end = ranks.end.min(self.results.with(|r| r.quotes.len()));
        ranks.start.min(end)..end
    }

    /// The ranks of the results rendered: those wanted whose quotes are at hand (with a
    /// chunked index, the packs that have arrived), from the first wanted.
    pub fn rendered(&self) -> Range<usize> {
        let wanted = self.wanted();
        self.arrived.track();
        let at_hand = self.catalog.with(|c| self.results.with(|r| c.at_hand(&r.quotes[wanted.clone()])));
        wanted.start..wanted.start + at_hand
    }

    fn render(&self, ranks: Range<usize>) {
        if ranks != self.wanted() {
            let generation = self.catalog.with_untracked(|c| c.generation);
            self.window.set(Some(RenderedWindow { query: self.query.get_untracked(), generation, ranks }));
        }
    }

    /// Renders the results down to rank `end` at least (the next page: "show more").
    pub fn render_at_least(&self, end: usize) {
        let wanted = self.wanted();
        self.render(wanted.start..wanted.end.max(end));
    }

    /// Renders the page of results before those rendered ("show earlier").
    pub fn render_earlier(&self) {
        let wanted = self.wanted();
        self.render(wanted.start.saturating_sub(PAGE_SIZE)..wanted.end);
    }

    /// Renders the result at `rank` with its page: the rendered list grows to it when it is
    /// on the page after them, and otherwise starts again at its page.
    fn render_around(&self, rank: usize) {
        let wanted = self.wanted();
        if wanted.contains(&rank) {
            return;
        }
        let page = rank / PAGE_SIZE * PAGE_SIZE;
        self.render(if rank < wanted.start {
            page..wanted.end
        } else if page <= wanted.end {
            wanted.start..page + PAGE_SIZE
        } else {
            page..page + PAGE_SIZE
        });
    }

    /// Renders every result (for print).
    pub fn render_all(&self) {
        self.render(0..self.results.with_untracked(|r| r.quotes.len()));
    }

    /// Makes the quote with this id part of the rendered list, setting aside (and saying
    /// so) only what of the query hides it, so that a link to a quote always leads to it.
    /// `false` if the corpus has no such quote.
    pub fn reveal_quote(&self, id: &str) -> bool {
        let Some(position) = self.catalog.with_untracked(|c| c.quote_position(id)) else {
            return false;
        };
        let query = self.query.get_untracked();
        let (widened, set_aside) = self.catalog.with_untracked(|c| c.set_aside_for(&query, position));
        let listed = self.view.with_untracked(View::is_list);
        if !set_aside.is_empty() || !listed {
            let mut view = self.view.get_untracked();
            // The card is in the list.
            view.mode = Mode::List;
            view.query = widened;
            self.set_view.set(view.clone());
            if self.placement.owns_address_bar {
                address::correct(&view);
            }
            self.notice.set(Some(wording::set_aside(&set_aside)));
        }
        if let Some(rank) = self.rank_of(position) {
            self.render_around(rank);
        }
        true
    }

    /// Leaves the comparison or the concordance for the list, showing the card of the quote
    /// with this id: a step of its own, so that Back returns to where the reader was.
    /// Returns the card's place in the list.
    pub fn open_quote(&self, id: &str) -> Option<usize> {
        self.update_view(|view| view.mode = Mode::List);
        if !self.reveal_quote(id) {
            return None;
        }
        let position = self.catalog.with_untracked(|c| c.quote_position(id))?;
        self.rank_of(position)
    }

    fn rank_of(&self, position: u32) -> Option<usize> {
        self.results.with_untracked(|r| r.quotes.iter().position(|&p| p == position))
    }

    /// Replaces the corpus, keeping the filters it knows (and saying which it drops).
    pub fn replace_catalog(&self, catalog: Catalog, origin: CorpusOrigin) {
        let previous = self.view.get_untracked();
        if let Some(notice) = left_out(&catalog, &previous.query) {
            self.notice.set(Some(notice));
        }
        self.set_catalog.set(Arc::new(catalog));
        self.commit(previous.clone(), previous);
        self.origin.set(origin);
        self.status.set(CorpusStatus::Ready);
    }

    /// The catalog in use made whole: a chunked index's, once its facets have arrived. The
    /// same quotes at the same positions, so the view stays as it is.
    fn complete_catalog(&self, catalog: Catalog) {
        self.set_catalog.set(Arc::new(catalog));
    }

    /// Starts a load; the answer identifies it to [`Store::is_latest_load`].
    pub fn start_load(&self) -> u64 {
        self.loads_started.update_value(|n| *n += 1);
        self.loads_started.get_value()
    }

    /// Whether no other load started after this one (a reader may drop a second file while
    /// the first is still being read).
    pub fn is_latest_load(&self, load: u64) -> bool {
        self.loads_started.get_value() == load
    }
}

/// `view` as `catalog` can show it: only filter values it knows, and a comparison of its
/// own values.
fn settled(catalog: &Catalog, mut view: View) -> View {
    view.query = catalog.known_only(&view.query);
    // The other views read every quote's text, which a chunked index keeps in its packs.
    if catalog.is_chunked() {
        view.mode = Mode::List;
    }
    match &view.mode {
        Mode::Compare(spec) => view.mode = Mode::Compare(catalog.settle_comparison(spec)),
        Mode::Words(spec) => {
            let mut two = catalog.settle_comparison(spec);
            two.columns.truncate(2);
            view.mode = Mode::Words(two);
        }
        _ => {}
    }
    view
}

/// The notice for filter values a corpus lacks, if the query has any.
fn left_out(catalog: &Catalog, query: &Query) -> Option<String> {
    let unknown = catalog.unknown_values(query);
    let labels: Vec<String> =
        unknown.iter().map(|(f, id)| format!("{} \u{201C}{id}\u{201D}", f.label())).collect();
    (!labels.is_empty()).then(|| wording::left_out(&labels))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{self, synthetic};
    use crate::engine::compare::{CompareBy, CompareSpec};
    use crate::engine::Facet;

    fn store(quotes: usize) -> Store {
        let placement = Placement { owns_address_bar: false, embedded: true, filters_open: true };
        Store::new(Catalog::new(synthetic::generate(quotes, 3)), View::default(), placement, false)
    }

    #[test]
    fn a_page_is_rendered_and_show_more_adds_to_it_until_the_query_changes() {
        Owner::new().with(|| {
            let s = store(200);
            assert_eq!(s.rendered(), 0..PAGE_SIZE);
            s.render_at_least(PAGE_SIZE * 2);
            assert_eq!(s.rendered(), 0..PAGE_SIZE * 2);
            s.render_at_least(10_000);
            assert_eq!(s.rendered(), 0..200, "never more than the results");
            s.update_query(|q| q.text = "democracy".into());
            let matching = s.results.with(|r| r.quotes.len());
            assert_eq!(s.rendered(), 0..PAGE_SIZE.min(matching), "a new query starts at one page");
        });
    }

    #[test]
    fn revealing_a_hidden_quote_clears_the_query_and_renders_its_page_alone() {
        Owner::new().with(|| {
            let s = store(300);
            let last = s.results.with_untracked(|r| *r.quotes.last().unwrap());
            let id = s.catalog.with_untracked(|c| c.quote(last).id.clone());
            s.update_query(|q| q.text = "zzzz-nothing".into());
            assert!(s.reveal_quote(&id));
            assert_eq!(s.query.get_untracked(), Query::default());
            assert_eq!(s.rendered(), 280..300, "its page, not the 280 quotes before it");
            s.render_earlier();
            assert_eq!(s.rendered(), 260..300, "show earlier adds the page before");
            s.render_at_least(10_000);
            assert_eq!(s.rendered(), 260..300, "nothing after the last");
            assert!(!s.reveal_quote("no-such-quote"));
        });
    }

    #[test]
    fn a_linked_quote_near_the_rendered_list_extends_it_and_one_far_away_starts_a_window() {
        Owner::new().with(|| {
            let s = store(300);
            let id_at = |rank: usize| {
                let position = s.results.with_untracked(|r| r.quotes[rank]);
                s.catalog.with_untracked(|c| c.quote(position).id.clone())
            };
            assert!(s.reveal_quote(&id_at(5)));
            assert_eq!(s.rendered(), 0..PAGE_SIZE, "already rendered");
            assert!(s.reveal_quote(&id_at(PAGE_SIZE + 3)));
            assert_eq!(s.rendered(), 0..PAGE_SIZE * 2, "the next page is added");
            assert!(s.reveal_quote(&id_at(150)));
            assert_eq!(s.rendered(), 140..160);
            assert!(s.reveal_quote(&id_at(125)));
            assert_eq!(s.rendered(), 120..160, "a quote before the window adds the pages down to it");
            s.render_all();
            assert_eq!(s.rendered(), 0..300, "print renders every result");
            s.replace_catalog(Catalog::new(synthetic::generate(3_000, 5)), CorpusOrigin::Bundled);
            assert_eq!(
                s.rendered(),
                0..PAGE_SIZE,
                "another corpus starts again at one page, for the same query"
            );
        });
    }

    #[test]
    fn each_catalog_is_told_apart_even_from_one_of_the_same_corpus() {
        let corpus = corpus::bundled().unwrap();
        let (a, b) = (Catalog::new(corpus.clone()), Catalog::new(corpus));
        assert_ne!(a.generation, b.generation, "views keyed by generation are rebuilt");
    }

    #[test]
    fn the_gate_settles_a_comparison_on_values_the_corpus_has() {
        Owner::new().with(|| {
            let s = store(100);
            s.update_view(|v| {
                v.mode = Mode::Compare(CompareSpec { by: CompareBy::Speaker, columns: vec!["nobody".into()] })
            });
            let spec = s.view.with(|v| v.comparison().cloned()).expect("comparing");
            let choices = s.catalog.with(|c| c.compare_choices(CompareBy::Speaker));
            assert_eq!(spec.columns, [choices[0].id.clone(), choices[1].id.clone()]);
        });
    }

    #[test]
    fn opening_a_quote_from_the_comparison_shows_its_card_in_the_list() {
        Owner::new().with(|| {
            let s = store(300);
            s.update_view(|v| v.mode = Mode::Compare(CompareSpec::default()));
            let last = s.results.with_untracked(|r| *r.quotes.last().unwrap());
            let id = s.catalog.with_untracked(|c| c.quote(last).id.clone());
            assert_eq!(s.open_quote(&id), Some(299));
            assert_eq!(s.view.with(|v| v.mode.clone()), Mode::List);
            assert_eq!(s.rendered(), 280..300, "rendered with its page");
            assert_eq!(s.open_quote("no-such-quote"), None);
        });
    }

    #[test]
    fn only_the_latest_of_overlapping_loads_counts() {
        Owner::new().with(|| {
            let s = store(10);
            let first = s.start_load();
            let second = s.start_load();
            assert!(!s.is_latest_load(first));
            assert!(s.is_latest_load(second));
        });
    }

    #[test]
    fn the_gate_keeps_only_values_the_corpus_knows() {
        Owner::new().with(|| {
            let s = store(100);
            s.update_query(|q| {
                q.select(Facet::Theme, "theme-1");
                q.select(Facet::Theme, "no-such-theme");
            });
            let kept: Vec<String> =
                s.query.with(|q| q.active_filters().map(|(_, id)| id.to_owned()).collect());
            assert_eq!(kept, ["theme-1"]);
        });
    }

    #[test]
    fn a_query_for_a_corpus_still_to_come_is_kept_until_it_arrives() {
        Owner::new().with(|| {
            let placement = Placement { owns_address_bar: false, embedded: true, filters_open: true };
            let mut initial = Query::default();
            initial.select(Facet::Theme, "theme-1");
            let s =
                Store::new(Catalog::new(corpus::bundled().unwrap()), initial.clone().into(), placement, true);
            assert_eq!(s.query.get_untracked(), initial, "kept while the corpus is on its way");
            s.replace_catalog(Catalog::new(synthetic::generate(100, 3)), CorpusOrigin::Loaded("x".into()));
            assert_eq!(s.query.get_untracked(), initial, "the arriving corpus knows it");
        });
    }

    #[test]
    fn replacing_the_corpus_keeps_only_the_filters_it_knows() {
        Owner::new().with(|| {
            let s = store(100);
            s.update_query(|q| {
                q.select(Facet::Theme, "theme-1");
                q.select(Facet::Kind, "direct_quote");
            });
            s.replace_catalog(Catalog::new(corpus::bundled().unwrap()), CorpusOrigin::Bundled);
            let kept: Vec<String> =
                s.query.with(|q| q.active_filters().map(|(_, id)| id.to_owned()).collect());
            assert_eq!(kept, ["direct_quote"]);
            assert_eq!(
                s.results.with(|r| r.quotes.len()),
                s.catalog.with(|c| c.search(&s.query.get_untracked()).quotes.len())
            );
        });
    }
}
