//! Saving the current results as a file, in the formats of [`crate::export`].

use std::sync::Arc;

use leptos::{prelude::*, task::spawn_local};

use crate::browser;
use crate::engine::compare::CompareSpec;
use crate::engine::{Catalog, Query, Results};
use crate::export::{export, export_comparison, Export, Format};
use crate::store::Store;

/// The file for the results: the writers are a chunk of their own, loaded when first used.
#[lazy]
fn export_file(catalog: Arc<Catalog>, query: Query, results: Arc<Results>, format: Format) -> Export {
    export(&catalog, &query, &results.quotes, format)
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

/// Saves the current results (all of them, not only those rendered), or the comparison, as
/// a file.
#[component]
pub fn ExportButtons() -> impl IntoView {
    let Store { catalog, query, results, view, .. } = Store::use_context();
    let (status, set_status) = signal(String::new());
    let comparing = move || view.with(|v| v.compare.is_some());
    let save = move |format: Format| {
        let (catalog, query, results) =
            (catalog.get_untracked(), query.get_untracked(), results.get_untracked());
        let spec = view.with_untracked(|v| v.compare.clone());
        spawn_local(async move {
            let file = match spec {
                Some(spec) => export_comparison_file(catalog, query, results, spec, format).await,
                None => export_file(catalog, query, results, format).await,
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
                {move || {
                    if comparing() {
                        "Export the comparison as".to_owned()
                    } else {
                        format!("Export {} quotes as", shown())
                    }
                }}
            </span>
            {Format::ALL
                .map(|format| {
                    view! {
                        <button
                            type="button"
                            class="export-button"
                            data-format=format.label()
                            disabled=move || shown() == 0
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
