//! Saving the current results as a file, in the formats of [`crate::export`], and one
//! quote's citation for a reference manager.

use std::sync::Arc;

use leptos::{prelude::*, task::spawn_local};

use crate::browser;
use crate::engine::compare::CompareSpec;
use crate::engine::concordance::ContextSort;
use crate::engine::{Catalog, Query, Results};
use crate::export::{cite_one, export, export_comparison, export_concordance, Export, Format};
use crate::store::Store;
use crate::url_state::Mode;
use crate::wording;

/// The file for the results: the writers are a chunk of their own, loaded when first used.
#[lazy]
fn export_file(catalog: Arc<Catalog>, query: Query, results: Arc<Results>, format: Format) -> Export {
    export(&catalog, &query, &results.quotes, format)
}

/// One quote's citation file, in a chunk of its own too.
#[lazy]
fn citation_file(catalog: Arc<Catalog>, position: u32, format: Format) -> Export {
    cite_one(&catalog, position, format)
}

/// "Cite as BibTeX, RIS, CSL-JSON": the quote's citation saved as a file a reference manager
/// imports.
#[component]
pub fn CiteAs(position: u32) -> impl IntoView {
    let Store { catalog, .. } = Store::use_context();
    let (status, set_status) = signal(String::new());
    let save = move |format: Format| {
        let catalog = catalog.get_untracked();
        spawn_local(async move {
            let file = citation_file(catalog, position, format).await;
            set_status.set(match browser::download(&file.file_name, file.media_type, &file.contents) {
                Ok(()) => format!("Saved as {}.", file.file_name),
                Err(reason) => format!("Could not save the file: {reason}."),
            });
        });
    };
    view! {
        <span class="cite-as" role="group" aria-label="Save this quote's citation for a reference manager">
            <span class="export-label">"Cite as"</span>
            {Format::CITATIONS
                .map(|format| view! {
                    <button type="button" class="cite-button" data-format=format.label() on:click=move |_| save(format)>
                        {format.label()}
                    </button>
                })
                .collect_view()}
            <span class="export-status" role="status">{status}</span>
        </span>
    }
}

/// The comparison's file, in a chunk of its own too.
#[lazy]
fn export_comparison_file(
    catalog: Arc<Catalog>,
    query: Query,
    results: Arc<Results>,
    spec: CompareSpec,
    format: Format,
) -> Export {
    export_comparison(&catalog, &query, &catalog.compare(&spec, &query, &results), format)
}

/// The concordance's file, in a chunk of its own too.
#[lazy]
fn export_concordance_file(
    catalog: Arc<Catalog>,
    query: Query,
    results: Arc<Results>,
    sort: ContextSort,
    format: Format,
) -> Export {
    let hits = catalog.concordance(&catalog.index.search_terms(&query.text), &results, sort);
    export_concordance(&catalog, &query, &hits, format)
}

/// Saves the current results (all of them, not only those rendered), the comparison or the
/// concordance, as a file. From a chunked index, the results (up to
/// [`wording::EXPORT_FROM_INDEX_MAX`]) are fetched first.
#[component]
pub fn ExportButtons() -> impl IntoView {
    let store = Store::use_context();
    let Store { catalog, query, results, view, .. } = store;
    let (status, set_status) = signal(String::new());
    let too_many = move || {
        catalog.with(|c| c.is_chunked()) && results.with(|r| r.quotes.len()) > wording::EXPORT_FROM_INDEX_MAX
    };
    let what = move || {
        view.with(|v| match v.mode {
            Mode::List => None,
            Mode::Compare(_) => Some("Export the comparison as"),
            Mode::Concordance(_) => Some("Export these lines as"),
            // These views' numbers are on screen as tables; the export writes their quotes.
            Mode::Trends { .. } | Mode::Words(_) => None,
        })
    };
    let save = move |format: Format| {
        let (query, results) = (query.get_untracked(), results.get_untracked());
        let mode = view.with_untracked(|v| v.mode.clone());
        spawn_local(async move {
            if catalog.with_untracked(|c| c.is_chunked()) {
                set_status.set(wording::export_fetching(results.quotes.len()));
                let positions = Arc::new(results.quotes.clone());
                if let Err(problem) = crate::store::chunked::quotes_at_hand(store, positions).await {
                    set_status.set(wording::export_fetch_failed(&problem));
                    return;
                }
            }
            let catalog = catalog.get_untracked();
            let file = match mode {
                Mode::Compare(spec) => export_comparison_file(catalog, query, results, spec, format).await,
                Mode::Concordance(sort) => {
                    export_concordance_file(catalog, query, results, sort, format).await
                }
                Mode::List | Mode::Trends { .. } | Mode::Words(_) => {
                    export_file(catalog, query, results, format).await
                }
            };
            let message = match browser::download(&file.file_name, file.media_type, &file.contents) {
                Ok(()) => format!("Saved as {}.", file.file_name),
                Err(reason) => format!("Could not save the file: {reason}."),
            };
            set_status.set(message);
        });
    };
    let shown = move || results.with(|r| r.quotes.len());
    view! {
        <div class="export" role="group" aria-label="Export the results">
            <span class="export-label">
                {move || match what() {
                    Some(what) => what.to_owned(),
                    None if too_many() => wording::export_from_index_too_many(shown()),
                    None => format!("Export {} quotes as", shown()),
                }}
            </span>
            {Format::ALL
                .map(|format| {
                    view! {
                        <button
                            type="button"
                            class="export-button"
                            data-format=format.label()
                            disabled=move || shown() == 0 || too_many()
                            on:click=move |_| save(format)
                        >
                            {format.label()}
                        </button>
                    }
                })
                .collect_view()}
            <span class="export-status" role="status">{status}</span>
        </div>
    }
}
