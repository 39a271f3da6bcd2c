//! The explorer's page: its header, the search and filters beside the results, and quote
//! links (`#quote-id`) followed as they change.

use leptos::{ev, prelude::*};

use super::corpus_picker::{start_loading, CorpusPicker, DropZone, Load};
use super::{facets::FacetPane, results::Results, search::SearchBar};
use crate::browser;
use crate::corpus::Corpus;
use crate::engine::{Catalog, Query};
use crate::store::kept::Kept;
use crate::store::{bundled, chunked};
use crate::store::{CorpusStatus, Placement, Store};
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
    /// The folder of a chunked index to read in place of the bundled corpus (and of `source`).
    index: Option<String>,
) -> impl IntoView {
    let source = if index.is_some() { None } else { source };
    // An index takes the bundled corpus's place, which is then not even read.
    let bundled = if index.is_some() { None } else { bundled::linked() };
    let catalog = match bundled {
        None if index.is_some() => Ok(Catalog::new(Corpus::empty())),
        Some(Ok((corpus, links))) => Ok(Catalog::linked(corpus, links)),
        None if source.is_some() => Ok(Catalog::new(Corpus::empty())),
        Some(Err(messages)) => Err(messages),
        None => Err(vec![wording::NO_PAGE_CORPUS.to_string()]),
    };
    match catalog {
        Ok(catalog) => view! { <ExplorerPage catalog initial placement source index /> }.into_any(),
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
    index: Option<String>,
) -> impl IntoView {
    // The reader's own corpus, kept from their last visit, comes back in place of the bundled
    // one (not in place of a page's index: the page is that index's).
    let restoring =
        !placement.embedded && source.is_none() && index.is_none() && Kept::read().is_some_and(|k| k.in_use);
    let corpus_to_come = source.is_some() || restoring || index.is_some();
    let store = Store::new(catalog, initial, placement, corpus_to_come);
    if let Some(index) = index {
        // Said from the first frame: the index's first files are on their way.
        store.status.set(CorpusStatus::Reading { from: index.clone(), received: 0, total: None });
        leptos::task::spawn_local(chunked::open(store, index));
    } else if let Some(source) = source {
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
        follow_quote_links(store, corpus_to_come);
    }
    let filters_open = placement.filters_open;
    // On a narrow screen the drawer starts closed, and many readers never open it: its pane
    // is built when it is first opened (a toggle event can only be that, if it started
    // closed), which takes a quarter of the first screen's work off a phone's first paint.
    let pane_built = RwSignal::new(filters_open);
    let active_filters = move || store.query.with(Query::filter_count);
    let layout = view! {
        <div class="layout">
            <aside class="filters" aria-label="Search and filters">
                <SearchBar />
                <details class="facet-drawer" open=filters_open on:toggle=move |_| pane_built.set(true)>
                    <summary>
                        "Filters"
                        {move || match active_filters() {
                            0 => String::new(),
                            n => format!(" ({n} active)"),
                        }}
                    </summary>
                    <Show when=move || pane_built.get()>
                        <FacetPane />
                    </Show>
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

/// Shows the quote `id` in the list if the catalog knows it (see [`Store::reveal_quote`]).
fn reveal(store: Store, id: &str, owner: &Owner) -> bool {
    let found = store.reveal_quote(id);
    if found {
        scroll_when_rendered(store, id.to_owned(), owner);
    }
    found
}

/// Opens and scrolls to the card of the quote `id` once the list shows it, within `owner`
/// (link changes come from event handlers, outside any).
fn scroll_when_rendered(store: Store, id: String, owner: &Owner) {
    let done = StoredValue::new(false);
    owner.with(|| {
        Effect::new(move |_| {
            let _ = store.rendered();
            if done.get_value() {
                return;
            }
            let id = id.clone();
            request_animation_frame(move || {
                if browser::open_and_scroll_to(&id) {
                    done.set_value(true);
                }
            });
        })
    });
}

/// A link ending in `#quote-id` opens with that quote in view and expanded, now (or, when
/// another corpus is on its way, once it is in) and whenever the fragment changes; printing
/// prints every result, not only those rendered.
fn follow_quote_links(store: Store, corpus_to_come: bool) {
    let owner = Owner::current().unwrap_or_default();
    let show = move |owner: Owner| {
        let id = browser::fragment();
        if id.is_empty() || reveal(store, &id, &owner) {
            return;
        }
        leptos::task::spawn_local(async move {
            // A chunked index finds the id in a chunk of its own first.
            if store.catalog.with_untracked(|c| c.is_chunked())
                && chunked::find_quote(store, id.clone()).await
                && reveal(store, &id, &owner)
            {
                return;
            }
            if !browser::element_exists(&id) {
                // Not a quote, nor a place on the page (as the skip link's #results is).
                store.notice.set(Some(wording::quote_not_found(&id)));
            }
        });
    };
    // Once, at the start: when the page's corpus is at hand, or once the corpus to come (an
    // index, a kept corpus) has arrived or failed.
    let followed = StoredValue::new(false);
    let first_owner = owner.clone();
    Effect::new(move |_| {
        let status = store.status.get();
        let empty = store.catalog.with(|c| c.is_empty());
        // A chunked index's link is followed once the view is exact (its facets and words in):
        // what the link sets aside is worked out from them.
        let arriving = matches!(status, CorpusStatus::Reading { .. } | CorpusStatus::Checking { .. })
            || (corpus_to_come && status == CorpusStatus::Ready && empty)
            || store.searching.get();
        if arriving || followed.get_value() {
            return;
        }
        followed.set_value(true);
        let owner = first_owner.clone();
        request_animation_frame(move || show(owner));
    });
    let _ = window_event_listener(ev::hashchange, move |_| show(owner.clone()));
    let _ = window_event_listener(ev::beforeprint, move |_| store.render_all());
}
