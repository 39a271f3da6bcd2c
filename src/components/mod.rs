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
}

impl Explorer {
    pub fn new(catalog: Catalog, query: Query) -> Self {
        let catalog = RwSignal::new(Arc::new(catalog));
        let query = RwSignal::new(catalog.with_untracked(|c| c.known_only(&query)));
        let results = Memo::new(move |_| Arc::new(catalog.with(|c| query.with(|q| c.search(q)))));
        let terms = Memo::new(move |_| query.with(|q| SearchTerms::parse(&q.text)));
        Explorer {
            catalog,
            query,
            results,
            terms,
        }
    }

    pub fn use_context() -> Self {
        expect_context::<Explorer>()
    }
}
