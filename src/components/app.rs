//! The explorer's page: its header, the search and filters beside the results, and quote
//! links (`#quote-id`) followed as they change.

use leptos::{ev, prelude::*};

use super::corpus_picker::{start_loading, CorpusPicker, DropZone, Load};
use super::{facets::FacetPane, results::Results, search::SearchBar};
use crate::browser;
use crate::corpus::Corpus;
use crate::engine::Catalog;
use crate::store::bundled;
use crate::store::kept::Kept;
use crate::store::{Placement, Store};
use crate::url_state::View;
use crate::wording;

/// The explorer over the corpus the page came with, or a readable message if it cannot be
/// used. An embed that names a corpus of its own starts empty while that one arrives.
#[component]
pub fn App(
    initial: View,
    placement: Placement,
    /// Where to load another corpus from, in place of the bundled one.
    source: Option<String>,
) -> impl IntoView {
    let catalog = match bundled::linked() {
        Some(Ok((corpus, links))) => Ok(Catalog::linked(corpus, links)),
        None if source.is_some() => Ok(Catalog::new(Corpus::empty())),
        Some(Err(messages)) => Err(messages),
        None => Err(vec![wording::NO_PAGE_CORPUS.to_string()]),
    };
    match catalog {
        Ok(catalog) => view! { <ExplorerPage catalog initial placement source /> }.into_any(),
        Err(messages) => view! {
            <main class="load-error" role="alert">
                <h1>"The quote corpus could not be loaded"</h1>
                <p>"The quotes that come with this page cannot be read. Please report these problems:"</p>
                <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </main>
        }
        .into_any(),
    }
}

#[component]
fn ExplorerPage(
    catalog: Catalog,
    initial: View,
    placement: Placement,
    source: Option<String>,
) -> impl IntoView {
    // The reader's own corpus, kept from their last visit, comes back in place of the bundled one.
    let restoring = !placement.embedded && source.is_none() && Kept::read().is_some_and(|k| k.in_use);
    let store = Store::new(catalog, initial, placement, source.is_some() || restoring);
    if let Some(source) = source {
        start_loading(store, Load::Address(source));
    } else if restoring {
        start_loading(store, Load::Kept);
    }
    provide_context(store);
    let title = move || store.catalog.with(|c| c.corpus.title.clone());
    let lede = move || {
        let (quotes, sources) = store.catalog.with(|c| (c.len(), c.corpus.sources.len()));
        store.origin.with(|origin| wording::lede(quotes, sources, origin.kind()))
    };
    if !placement.embedded {
        follow_quote_links(store);
    }
    let filters_open = placement.filters_open;
    let active_filters = move || store.query.with(|q| q.active_filters().count());
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
            <SkipLink />
            <header class="site-header">
                // Hidden while an embed's own corpus is on its way: it has no title yet.
                <h2 class="embed-title" hidden=move || store.catalog.with(|c| c.corpus.title.is_empty())>
                    {title}
                </h2>
                <p class="lede">{lede}</p>
            </header>
            {layout}
        }
        .into_any()
    } else {
        view! {
            <DropZone>
                <SkipLink />
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

/// The first stop for keyboard users: straight to the first quote (past the filters and the
/// overview), or to the count when nothing matches. In an embed too, where a `#results`
/// link would move the host page instead.
#[component]
fn SkipLink() -> impl IntoView {
    let skip = move |ev: ev::MouseEvent| {
        ev.prevent_default();
        browser::focus_after_render(
            browser::explorer_of(&ev),
            vec![browser::FocusTarget { selector: ".quote-card", index: 0 }, browser::RESULT_COUNT],
        );
    };
    view! { <a class="skip-link" href="#results" on:click=skip>"Skip to the quotes"</a> }
}

/// A link ending in `#quote-id` opens with that quote in view and expanded, now and
/// whenever the fragment changes; printing prints every result, not only those rendered.
fn follow_quote_links(store: Store) {
    let show = move || {
        let id = browser::fragment();
        if store.reveal_quote(&id) {
            // After the list has rendered the card.
            request_animation_frame(move || {
                browser::open_and_scroll_to(&id);
            });
        } else if !id.is_empty() && !browser::element_exists(&id) {
            // Not a quote, nor a place on the page (as the skip link's #results is).
            store.notice.set(Some(wording::quote_not_found(&id)));
        }
    };
    request_animation_frame(show);
    let _ = window_event_listener(ev::hashchange, move |_| show());
    let _ = window_event_listener(ev::beforeprint, move |_| store.render_all());
}
