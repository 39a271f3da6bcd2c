//! Bringing another corpus in: from a file the reader picks or drops, or from the address an
//! embed names; showing how it goes; and going back to the bundled corpus. Until a new corpus
//! is complete and valid, the one in use stays.

use std::cell::Cell;

use leptos::{ev, prelude::*, task::spawn_local};

use super::{CorpusOrigin, CorpusStatus, Explorer};
use crate::browser;
use crate::corpus::{self, megabytes, MAX_CORPUS_BYTES};
use crate::engine::Catalog;

/// Starts loading the corpus at `src` (same origin only).
pub fn load_from(explorer: Explorer, src: String) {
    let load = explorer.start_load();
    let Some(url) = browser::same_origin_url(&src) else {
        explorer.status.set(CorpusStatus::Failed {
            from: src,
            messages: vec!["Only a corpus on this page's own site can be loaded.".into()],
        });
        return;
    };
    explorer.status.set(CorpusStatus::Reading { from: url.clone(), received: 0, total: None });
    spawn_local(async move {
        let progress = Progress::new(explorer, load, url.clone());
        let bytes =
            browser::fetch_bytes(&url, MAX_CORPUS_BYTES, &|received, total| progress.report(received, total))
                .await;
        check_and_use(explorer, load, url, bytes).await;
    });
}

/// Starts opening a file the reader picked or dropped.
pub fn open_file(explorer: Explorer, file: web_sys::File) {
    let load = explorer.start_load();
    let name = file.name();
    let size = file.size() as u64;
    // Refused before a byte is read: a browser tab asked to hold far too much can crash.
    if let Err(e) = corpus::check_size(size) {
        explorer.status.set(CorpusStatus::Failed { from: name, messages: e.messages });
        return;
    }
    explorer.status.set(CorpusStatus::Reading { from: name.clone(), received: 0, total: Some(size) });
    spawn_local(async move {
        let progress = Progress::new(explorer, load, name.clone());
        let bytes =
            browser::read_file(&file, MAX_CORPUS_BYTES, &|received| progress.report(received, Some(size)))
                .await;
        check_and_use(explorer, load, name, bytes).await;
    });
}

/// Goes back to the corpus that comes with the app.
pub fn use_bundled(explorer: Explorer) {
    explorer.start_load();
    if let Ok(corpus) = corpus::bundled() {
        explorer.replace_catalog(Catalog::new(corpus), CorpusOrigin::Bundled);
    }
}

/// Reports reading progress, about once per percent: more often would only cost rendering.
struct Progress {
    explorer: Explorer,
    load: u64,
    from: String,
    last_step: Cell<u64>,
}

impl Progress {
    fn new(explorer: Explorer, load: u64, from: String) -> Self {
        Progress { explorer, load, from, last_step: Cell::new(0) }
    }

    fn report(&self, received: u64, total: Option<u64>) {
        let step = match total {
            Some(total) if total > 0 => received * 100 / total,
            _ => received / (1 << 20),
        };
        if step != self.last_step.get() && self.explorer.is_latest_load(self.load) {
            self.last_step.set(step);
            self.explorer.status.set(CorpusStatus::Reading { from: self.from.clone(), received, total });
        }
    }
}

async fn check_and_use(explorer: Explorer, load: u64, from: String, bytes: Result<Vec<u8>, String>) {
    if !explorer.is_latest_load(load) {
        return;
    }
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => {
            explorer.status.set(CorpusStatus::Failed { from, messages: vec![message] });
            return;
        }
    };
    explorer.status.set(CorpusStatus::Checking { from: from.clone() });
    // Checking blocks the page for up to a second or two on a large corpus; say so first.
    browser::after_next_paint().await;
    if !explorer.is_latest_load(load) {
        return;
    }
    match corpus::parse_bytes(&bytes) {
        Ok(corpus) => explorer.replace_catalog(Catalog::new(corpus), CorpusOrigin::Loaded(from)),
        Err(e) => explorer.status.set(CorpusStatus::Failed { from, messages: e.messages }),
    }
}

/// Progress and problems of loading a corpus, above the results.
#[component]
pub fn CorpusStatusLine() -> impl IntoView {
    let Explorer { status, catalog, .. } = Explorer::use_context();
    move || match status.get() {
        CorpusStatus::Ready => ().into_any(),
        CorpusStatus::Reading { from, received, total } => {
            let (value, amount) = match total {
                Some(total) if total > 0 => (
                    Some((received as f64 / total as f64).min(1.0)),
                    format!("{} of {}", megabytes(received), megabytes(total)),
                ),
                _ => (None, format!("{} so far", megabytes(received))),
            };
            view! {
                <div class="corpus-status" role="status">
                    <p>"Reading " <span class="file-name">{from}</span> ": " {amount}</p>
                    <progress max="1" value=value></progress>
                </div>
            }
            .into_any()
        }
        CorpusStatus::Checking { from } => view! {
            <div class="corpus-status" role="status">
                <p>"Checking and indexing " <span class="file-name">{from}</span> "…"</p>
                <progress></progress>
            </div>
        }
        .into_any(),
        CorpusStatus::Failed { from, messages } => {
            let current = catalog.with(|c| c.corpus.title.clone());
            let count = messages.len();
            view! {
                <div class="corpus-error" role="alert">
                    <p>
                        <span class="file-name">{from}</span>
                        {if count == 1 { " could not be opened:" } else { " could not be opened. Problems found:" }}
                    </p>
                    <ul class="corpus-problems">
                        {messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                    </ul>
                    <p>"Nothing was changed: " <span class="corpus-title">{current}</span> " is still shown."</p>
                    <button type="button" on:click=move |_| status.set(CorpusStatus::Ready)>"Dismiss"</button>
                </div>
            }
            .into_any()
        }
    }
}

/// Opening a corpus file, and going back to the bundled corpus.
#[component]
pub fn CorpusPicker() -> impl IntoView {
    let explorer = Explorer::use_context();
    let loaded = move || match explorer.origin.get() {
        CorpusOrigin::Bundled => None,
        CorpusOrigin::Loaded(name) => Some(name),
    };
    let on_change = move |ev: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            open_file(explorer, file);
        }
        // Picking the same file again, after fixing it, must load it again.
        input.set_value("");
    };
    view! {
        <div class="corpus-picker">
            {move || loaded().map(|name| view! {
                <p class="corpus-origin">
                    "Showing your corpus from " <span class="file-name">{name}</span> ". "
                    <button type="button" class="use-bundled" on:click=move |_| use_bundled(explorer)>
                        "Back to the bundled quotes"
                    </button>
                </p>
            })}
            <label class="open-corpus">
                <input type="file" accept=".json,application/json" on:change=on_change />
                "Open your own corpus…"
            </label>
            <span class="open-corpus-hint">
                " A JSON file in this explorer's corpus format (“Export JSON” gives an example); or drop it on the page."
            </span>
        </div>
    }
}

/// Whether a drag carries files (and not, say, selected text).
fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|dt| dt.types().includes(&"Files".into(), 0))
}

/// The whole explorer as a drop target for a corpus file.
#[component]
pub fn DropZone(children: Children) -> impl IntoView {
    let explorer = Explorer::use_context();
    let (dragging, set_dragging) = signal(false);
    let on_dragover = move |ev: web_sys::DragEvent| {
        if carries_files(&ev) {
            // Without this the browser would open the file itself, leaving the page.
            ev.prevent_default();
            set_dragging.set(true);
        }
    };
    let on_dragleave = move |ev: web_sys::DragEvent| {
        // Leaving for a child element is not leaving.
        if ev.related_target().is_none() {
            set_dragging.set(false);
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        set_dragging.set(false);
        let file = ev.data_transfer().and_then(|dt| dt.files()).and_then(|files| files.get(0));
        if let Some(file) = file {
            ev.prevent_default();
            open_file(explorer, file);
        }
    };
    view! {
        <div
            class="drop-zone"
            class:dragging=dragging
            on:dragover=on_dragover
            on:dragleave=on_dragleave
            on:drop=on_drop
        >
            {children()}
            <div class="drop-hint" aria-hidden="true">"Drop a corpus file to open it"</div>
        </div>
    }
}
