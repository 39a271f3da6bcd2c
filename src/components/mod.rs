//! The user interface. Components read one shared [`Explorer`] from context and stay thin:
//! the work is done by [`crate::engine`].

mod app;
mod facets;
mod loading;
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

/// What is being loaded in place of the bundled corpus, and how that went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorpusStatus {
    /// The corpus in use is complete.
    Ready,
    /// Loading from this address; `received` bytes so far.
    Loading { from: String, received: usize },
    /// Could not load from this address; the corpus in use stays.
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
}

impl Explorer {
    pub fn new(catalog: Catalog, query: Query, placement: Placement) -> Self {
        let catalog = RwSignal::new(Arc::new(catalog));
        let query = RwSignal::new(query);
        let results = Memo::new(move |_| Arc::new(catalog.with(|c| query.with(|q| c.search(q)))));
        let terms = Memo::new(move |_| query.with(|q| SearchTerms::parse(&q.text)));
        let window = RwSignal::new(None);
        let status = RwSignal::new(CorpusStatus::Ready);
        Explorer { catalog, query, results, terms, placement, window, status }
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
    pub fn replace_catalog(&self, catalog: Catalog) {
        self.query.update(|q| *q = catalog.known_only(q));
        self.catalog.set(Arc::new(catalog));
        self.status.set(CorpusStatus::Ready);
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
    fn replacing_the_corpus_keeps_only_the_filters_it_knows() {
        Owner::new().with(|| {
            let e = explorer(100);
            e.query.update(|q| {
                q.select(crate::engine::Facet::Theme, "theme-1");
                q.select(crate::engine::Facet::Theme, "democracy");
            });
            e.replace_catalog(Catalog::new(crate::corpus::bundled().unwrap()));
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
