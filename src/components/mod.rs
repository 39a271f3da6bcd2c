//! The user interface. Components read one shared [`Explorer`] from context and stay thin:
//! the work is done by [`crate::engine`].

mod app;
mod export_menu;
mod facets;
mod loading;
mod overview;
mod quote_card;
mod results;
mod search;

use std::sync::Arc;

use leptos::prelude::*;

pub use app::App;

/// The stylesheet, compiled in so that embeds can apply it inside their shadow roots.
pub const STYLESHEET: &str = include_str!("../../style/main.css");

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

use crate::engine::{text::SearchTerms, Catalog, Query, Results};

/// Quotes rendered at first, and added by each "show more": the DOM stays small whatever
/// the corpus size.
pub const PAGE_SIZE: usize = 50;

/// How many results are rendered, for the query it was raised for: a new query starts again
/// at one page without any effect having to reset it.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedWindow {
    query: Query,
    len: usize,
}

/// Which corpus is in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusOrigin {
    /// The corpus compiled into the app.
    Bundled,
    /// A file the reader opened, or the address an embed named.
    Loaded(String),
}

/// How loading another corpus goes. Whatever happens, the corpus in use stays usable until a
/// new one is complete and valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusStatus {
    /// Nothing is being loaded.
    Ready,
    /// Reading the file: `received` bytes so far, of `total` when known.
    Reading { from: String, received: u64, total: Option<u64> },
    /// Read; now being validated and indexed.
    Checking { from: String },
    /// Could not be loaded, for these reasons.
    Failed { from: String, messages: Vec<String> },
}

/// The explorer's shared state: the loaded catalog, the reader's query (the raw input,
/// mirrored in the URL) and what is derived from them.
#[derive(Clone, Copy)]
pub struct Explorer {
    pub catalog: RwSignal<Arc<Catalog>>,
    pub query: RwSignal<Query>,
    /// The query's answer; a memo because searching is the expensive step.
    pub results: Memo<Arc<Results>>,
    pub terms: Memo<SearchTerms>,
    pub placement: Placement,
    window: RwSignal<Option<RenderedWindow>>,
    pub status: RwSignal<CorpusStatus>,
    pub origin: RwSignal<CorpusOrigin>,
    /// Counts loads started, so that only the latest one may replace the corpus.
    loads_started: StoredValue<u64>,
}

impl Explorer {
    pub fn new(catalog: Catalog, query: Query, placement: Placement) -> Self {
        let catalog = RwSignal::new(Arc::new(catalog));
        let query = RwSignal::new(query);
        let results = Memo::new(move |_| Arc::new(catalog.with(|c| query.with(|q| c.search(q)))));
        let terms = Memo::new(move |_| query.with(|q| SearchTerms::parse(&q.text)));
        let window = RwSignal::new(None);
        let status = RwSignal::new(CorpusStatus::Ready);
        let origin = RwSignal::new(CorpusOrigin::Bundled);
        let loads_started = StoredValue::new(0);
        Explorer { catalog, query, results, terms, placement, window, status, origin, loads_started }
    }

    /// How many of the results are rendered.
    pub fn rendered_len(&self) -> usize {
        let len = self.window.with(|w| match w {
            Some(w) if self.query.with(|q| *q == w.query) => w.len,
            _ => PAGE_SIZE,
        });
        len.min(self.results.with(|r| r.quotes.len()))
    }

    /// Renders at least `len` results of the current query.
    pub fn render_at_least(&self, len: usize) {
        if len > self.rendered_len() {
            self.window.set(Some(RenderedWindow { query: self.query.get_untracked(), len }));
        }
    }

    /// Replaces the corpus, keeping the filters it knows.
    pub fn replace_catalog(&self, catalog: Catalog, origin: CorpusOrigin) {
        self.query.update(|q| *q = catalog.known_only(q));
        self.catalog.set(Arc::new(catalog));
        self.origin.set(origin);
        self.status.set(CorpusStatus::Ready);
    }

    /// Starts a load; the answer identifies it to [`Explorer::is_latest_load`].
    pub fn start_load(&self) -> u64 {
        self.loads_started.update_value(|n| *n += 1);
        self.loads_started.get_value()
    }

    /// Whether no other load started after this one (a reader may drop a second file while
    /// the first is still being read).
    pub fn is_latest_load(&self, load: u64) -> bool {
        self.loads_started.get_value() == load
    }

    pub fn use_context() -> Self {
        expect_context::<Explorer>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::synthetic;

    fn explorer(quotes: usize) -> Explorer {
        let placement = Placement { owns_address_bar: false, embedded: true, filters_open: true };
        Explorer::new(Catalog::new(synthetic::generate(quotes, 3)), Query::default(), placement)
    }

    #[test]
    fn a_page_is_rendered_and_show_more_adds_to_it_until_the_query_changes() {
        Owner::new().with(|| {
            let e = explorer(200);
            assert_eq!(e.rendered_len(), PAGE_SIZE);
            e.render_at_least(PAGE_SIZE * 2);
            assert_eq!(e.rendered_len(), PAGE_SIZE * 2);
            e.render_at_least(10_000);
            assert_eq!(e.rendered_len(), 200, "never more than the results");
            e.query.update(|q| q.text = "democracy".into());
            let matching = e.results.with(|r| r.quotes.len());
            assert_eq!(e.rendered_len(), PAGE_SIZE.min(matching), "a new query starts at one page");
        });
    }

    #[test]
    fn each_catalog_is_told_apart_even_from_one_of_the_same_corpus() {
        let corpus = crate::corpus::bundled().unwrap();
        let (a, b) = (Catalog::new(corpus.clone()), Catalog::new(corpus));
        assert_ne!(a.generation, b.generation, "views keyed by generation are rebuilt");
    }

    #[test]
    fn only_the_latest_of_overlapping_loads_counts() {
        Owner::new().with(|| {
            let e = explorer(10);
            let first = e.start_load();
            let second = e.start_load();
            assert!(!e.is_latest_load(first));
            assert!(e.is_latest_load(second));
        });
    }

    #[test]
    fn replacing_the_corpus_keeps_only_the_filters_it_knows() {
        Owner::new().with(|| {
            let e = explorer(100);
            e.query.update(|q| {
                q.select(crate::engine::Facet::Theme, "theme-1");
                q.select(crate::engine::Facet::Theme, "democracy");
            });
            e.replace_catalog(Catalog::new(crate::corpus::bundled().unwrap()), CorpusOrigin::Bundled);
            let kept: Vec<String> =
                e.query.with(|q| q.active_filters().map(|(_, id)| id.to_owned()).collect());
            assert_eq!(kept, ["democracy"]);
            assert_eq!(
                e.results.with(|r| r.quotes.len()),
                e.catalog.with(|c| c.search(&e.query.get()).quotes.len())
            );
        });
    }
}
