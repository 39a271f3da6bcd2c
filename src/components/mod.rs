//! The user interface. Components read one shared [`Explorer`] from context and stay thin:
//! the work is done by [`crate::engine`].

mod app;
mod facets;
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
}

impl Explorer {
    pub fn new(catalog: Catalog, query: Query, placement: Placement) -> Self {
        let catalog = RwSignal::new(Arc::new(catalog));
        let query = RwSignal::new(catalog.with_untracked(|c| c.known_only(&query)));
        let results = Memo::new(move |_| Arc::new(catalog.with(|c| query.with(|q| c.search(q)))));
        let terms = Memo::new(move |_| query.with(|q| SearchTerms::parse(&q.text)));
        Explorer {
            catalog,
            query,
            results,
            terms,
            placement,
        }
    }

    pub fn use_context() -> Self {
        expect_context::<Explorer>()
    }
}
