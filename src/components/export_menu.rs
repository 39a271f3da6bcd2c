//! Saving the current results as a file, in the formats of [`crate::export`].

use leptos::prelude::*;

use crate::browser;
use crate::export::{export, Format};
use crate::store::Store;

/// Saves the current results (all of them, not only those rendered) as a file.
#[component]
pub fn ExportButtons() -> impl IntoView {
    let Store { catalog, query, results, .. } = Store::use_context();
    let (status, set_status) = signal(String::new());
    let save = move |format: Format| {
        let file = catalog.with_untracked(|c| {
            query.with_untracked(|q| results.with_untracked(|r| export(c, q, &r.quotes, format)))
        });
        let message = match browser::download(&file.file_name, file.media_type, &file.contents) {
            Ok(()) => format!("Saved as {}.", file.file_name),
            Err(reason) => format!("Could not save the file: {reason}."),
        };
        set_status.set(message);
    };
    let shown = move || results.with(|r| r.quotes.len());
    view! {
        <div class="export" role="group" aria-label="Export the results">
            <span class="export-label">{move || format!("Export {} quotes as", shown())}</span>
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
