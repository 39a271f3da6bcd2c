//! Opening another corpus (a file picked or dropped on the page), adding an article to the
//! one in use, how loading goes (a spreadsheet's mapping step and an article's proposals
//! among it), and the way back to the bundled quotes. The loading itself is [`crate::store::loading`]; it
//! and the status line are loaded when first needed.

use leptos::{ev, prelude::*, task::spawn_local};

use super::article::ArticleStep;
use super::import::ImportMapping;
use crate::browser::focus_count_after_render;
use crate::corpus::megabytes;
use crate::store::kept::{forget, restore};
use crate::store::loading::{load_from, open_file, use_bundled};
use crate::store::{CorpusOrigin, CorpusStatus, Store};

/// Where a corpus to load is.
pub enum Load {
    File(web_sys::File),
    Address(String),
    /// The reader's own, kept in this browser.
    Kept,
}

/// Loads a corpus in place of the one in use, the status line ready before reading starts.
pub fn start_loading(store: Store, from: Load) {
    spawn_local(async move {
        __preload_status_line().await;
        match from {
            Load::File(file) => open_file(store, file).await,
            Load::Address(src) => load_from(store, src).await,
            Load::Kept => restore(store).await,
        }
    });
}

/// Progress and problems of loading a corpus, above the results, while there are any.
#[component]
pub fn CorpusStatusLine() -> impl IntoView {
    let store = Store::use_context();
    let busy = Memo::new(move |_| store.status.with(|s| *s != CorpusStatus::Ready));
    move || busy.get().then(|| Suspend::new(async move { status_line(store).await }))
}

#[lazy]
fn status_line(store: Store) -> AnyView {
    let Store { status, catalog, .. } = store;
    (move || match status.get() {
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
        // Steps few loads need, each a chunk of its own.
        CorpusStatus::Mapping { from, table } => {
            Suspend::new(async move { mapping_step(store, from, table).await }).into_any()
        }
        CorpusStatus::Article { from, text } => {
            Suspend::new(async move { article_step(store, from, text).await }).into_any()
        }
        CorpusStatus::Checking { from, percent } => view! {
            <div class="corpus-status" role="status">
                <p>"Checking and indexing " <span class="file-name">{from}</span> "…"</p>
                <progress max="100" value=percent></progress>
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
                    <button
                        type="button"
                        on:click=move |ev| {
                            status.set(CorpusStatus::Ready);
                            focus_count_after_render(&ev);
                        }
                    >
                        "Dismiss"
                    </button>
                </div>
            }
            .into_any()
        }
    })
    .into_any()
}

/// Opening a corpus file, and going back to the bundled corpus.
#[component]
pub fn CorpusPicker() -> impl IntoView {
    let store = Store::use_context();
    let on_change = move |ev: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            start_loading(store, Load::File(file));
        }
        // Picking the same file again, after fixing it, must load it again.
        input.set_value("");
    };
    // Most visitors see the bundled quotes with nothing kept: the line about the reader's own
    // corpus is a chunk of its own.
    let own = Memo::new(move |_| {
        store.origin.with(|o| *o != CorpusOrigin::Bundled) || store.kept.with(Option::is_some)
    });
    view! {
        <div class="corpus-picker">
            {move || own.get().then(|| Suspend::new(async move { own_corpus_line(store).await }))}
            <label class="open-corpus">
                <input type="file" accept=".json,.csv,.tsv,.tab,.jsonl,.ndjson,.txt,application/json,text/csv,text/tab-separated-values,text/plain" on:change=on_change />
                "Open your own corpus…"
            </label>
            <span class="open-corpus-hint">
                " A spreadsheet (CSV, TSV or JSON Lines: you say which column holds what), a JSON file in this explorer's corpus format (“Export JSON” gives an example), or an article as a .txt file; or drop it on the page. "
            </span>
            <button
                type="button"
                class="add-article"
                on:click=move |_| {
                    store.status.set(CorpusStatus::Article { from: "Pasted article".into(), text: "".into() });
                }
            >
                "Add an article…"
            </button>
        </div>
    }
}

#[lazy]
fn mapping_step(store: Store, from: String, table: std::sync::Arc<crate::import::table::Table>) -> AnyView {
    view! { <ImportMapping store from table /> }.into_any()
}

#[lazy]
fn article_step(store: Store, from: String, text: std::sync::Arc<str>) -> AnyView {
    view! { <ArticleStep store from text /> }.into_any()
}

/// Which of the reader's corpora is shown or kept, and the way back to the bundled quotes.
#[lazy]
fn own_corpus_line(store: Store) -> AnyView {
    let loaded = move || match store.origin.get() {
        CorpusOrigin::Bundled => None,
        CorpusOrigin::Loaded(name) => Some(name),
    };
    // The reader's corpus kept in this browser, while the bundled one is shown.
    let kept_aside = move || {
        store
            .kept
            .get()
            .filter(|k| !k.in_use && store.origin.with(|o| *o == CorpusOrigin::Bundled))
            .map(|k| k.name)
    };
    let forget_button = move || {
        store.kept.with(Option::is_some).then(|| {
            view! {
                <button
                    type="button"
                    class="forget-corpus"
                    on:click=move |ev| {
                        focus_count_after_render(&ev);
                        spawn_local(forget(store));
                    }
                >
                    "Forget my corpus"
                </button>
            }
        })
    };
    view! {
        {move || kept_aside().map(|name| view! {
            <p class="corpus-origin corpus-kept">
                "Your corpus from " <span class="file-name">{name}</span> " is kept in this browser. "
                <button type="button" class="show-kept" on:click=move |_| start_loading(store, Load::Kept)>
                    "Show it"
                </button>
                " "
                {forget_button}
            </p>
        })}
        {move || loaded().map(|name| view! {
            <p class="corpus-origin">
                "Showing your corpus from " <span class="file-name">{name}</span>
                {move || if store.kept.with(|k| k.as_ref().is_some_and(|k| k.in_use)) { ", kept in this browser for your next visit. " } else { ". " }}
                <button
                    type="button"
                    class="use-bundled"
                    on:click=move |ev| {
                        focus_count_after_render(&ev);
                        spawn_local(use_bundled(store));
                    }
                >
                    "Back to the bundled quotes"
                </button>
                " "
                {forget_button}
            </p>
        })}
    }
    .into_any()
}

/// Whether a drag carries files (and not, say, selected text).
fn carries_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|dt| dt.types().includes(&"Files".into(), 0))
}

/// The whole explorer as a drop target for a corpus file.
#[component]
pub fn DropZone(children: Children) -> impl IntoView {
    let store = Store::use_context();
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
            start_loading(store, Load::File(file));
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
