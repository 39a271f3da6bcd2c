use leptos::{ev, prelude::*};

use super::loading::{CorpusPicker, DropZone};
use super::{facets::FacetPane, results::Results, search::SearchBar, CorpusOrigin, Explorer, Placement};
use crate::browser::{self, HistoryEntry};
use crate::engine::{Catalog, Query};
use crate::{corpus, url_state};

/// The explorer over the bundled corpus, or a readable message if it cannot be loaded.
#[component]
pub fn App(
    initial: Query,
    placement: Placement,
    /// Where to load another corpus from, in place of the bundled one.
    source: Option<String>,
) -> impl IntoView {
    match corpus::bundled() {
        Ok(corpus) => {
            view! { <ExplorerPage catalog=Catalog::new(corpus) initial placement source /> }.into_any()
        }
        Err(error) => view! {
            <main class="load-error" role="alert">
                <h1>"The quote corpus could not be loaded"</h1>
                <p>"The data shipped with this page is damaged. Please report these problems:"</p>
                <ul>{error.messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </main>
        }
        .into_any(),
    }
}

#[component]
fn ExplorerPage(
    catalog: Catalog,
    initial: Query,
    placement: Placement,
    source: Option<String>,
) -> impl IntoView {
    // Filters are checked against the corpus they are meant for: a corpus still to come
    // from `source` may know ids the bundled one does not.
    let initial = if source.is_some() { initial } else { catalog.known_only(&initial) };
    let explorer = Explorer::new(catalog, initial, placement);
    if let Some(source) = source {
        super::loading::load_from(explorer, source);
    }
    provide_context(explorer);
    let (title, lede) = (title(), lede());
    if placement.owns_address_bar {
        sync_with_address_bar(explorer);
    }
    if !placement.embedded {
        bring_linked_quote_into_view(explorer);
    }
    let filters_open = placement.filters_open;
    let active_filters = move || explorer.query.with(|q| q.active_filters().count());
    let layout = view! {
        <div class="layout">
            <aside class="filters" aria-label="Search and filters">
                <SearchBar />
                <details class="facet-drawer" open=filters_open>
                    <summary>
                        "Filters"
                        {move || match active_filters() {
                            0 => String::new(),
                            n => format!(" ({n} active)"),
                        }}
                    </summary>
                    <FacetPane />
                </details>
            </aside>
            <Results />
        </div>
    };
    // An embed sits under its host page's own headings, shows the corpus its author chose
    // and must not move the host's address.
    if placement.embedded {
        view! {
            <header class="site-header">
                <h2 class="embed-title">{title}</h2>
                <p class="lede">{lede}</p>
            </header>
            {layout}
        }
        .into_any()
    } else {
        view! {
            <DropZone>
                <a class="skip-link" href="#results">"Skip to results"</a>
                <header class="site-header">
                    <h1>{title}</h1>
                    <p class="lede">{lede}</p>
                    <CorpusPicker />
                </header>
                {layout}
            </DropZone>
        }
        .into_any()
    }
}

/// The corpus's title, as its data gives it.
fn title() -> impl Fn() -> String + Copy {
    let explorer = Explorer::use_context();
    move || explorer.catalog.with(|c| c.corpus.title.clone())
}

/// One sentence on what the corpus in use is.
fn lede() -> impl Fn() -> String + Copy {
    let explorer = Explorer::use_context();
    move || {
        let (quotes, sources) = explorer.catalog.with(|c| (c.len(), c.corpus.sources.len()));
        match explorer.origin.with(|o| matches!(o, CorpusOrigin::Bundled)) {
            true => format!(
                "Every quote and statement point from {sources} news articles and readouts, verbatim, each \
                 traceable to its line in the source. {quotes} quotes."
            ),
            false => format!("{quotes} quotes from {sources} sources."),
        }
    }
}

/// Keeps the query and the address bar in step: each view has its own link, and the
/// browser's back and forward buttons step through filter changes.
fn sync_with_address_bar(explorer: Explorer) {
    let query = explorer.query;
    Effect::new(move |previous: Option<crate::engine::Query>| {
        let current = query.get();
        let wanted = url_state::to_query_string(&current);
        if wanted != browser::query_string() {
            // Typing refines the current step, and tidying the link the page was opened
            // with is no step at all; anything else makes a new one.
            let entry = match &previous {
                None => HistoryEntry::Replace,
                Some(p) if p.text != current.text && p.active_filters().eq(current.active_filters()) => {
                    HistoryEntry::Replace
                }
                Some(_) => HistoryEntry::Push,
            };
            browser::set_query_string(&wanted, entry);
        }
        current
    });
    let _ = window_event_listener(ev::popstate, move |_| {
        let from_url = url_state::parse(&browser::query_string());
        let known = explorer.catalog.with_untracked(|c| c.known_only(&from_url));
        query.set(known);
    });
}

/// A link ending in `#quote-id` opens with that quote in view and expanded. If the current
/// filters hide it, they are cleared first, so the link always leads somewhere.
fn bring_linked_quote_into_view(explorer: Explorer) {
    let show = move || {
        let id = browser::fragment();
        let Some(position) = explorer.catalog.with_untracked(|c| c.quote_position(&id)) else {
            return;
        };
        if !explorer.results.with_untracked(|r| r.quotes.contains(&position)) {
            explorer.query.update(|q| q.clear());
        }
        if let Some(rank) = explorer.results.with_untracked(|r| r.quotes.iter().position(|&p| p == position))
        {
            explorer.render_at_least(rank + 1);
        }
        // After the list has rendered the card.
        request_animation_frame(move || {
            browser::open_and_scroll_to(&id);
        });
    };
    request_animation_frame(show);
    let _ = window_event_listener(ev::hashchange, move |_| show());
    // Print every result, not only those rendered so far.
    let _ = window_event_listener(ev::beforeprint, move |_| {
        explorer.render_at_least(explorer.results.with_untracked(|r| r.quotes.len()));
    });
}
