//! Loading a corpus from an address in place of the bundled one, and saying how it went.

use leptos::{prelude::*, task::spawn_local};

use super::{CorpusStatus, Explorer};
use crate::browser;
use crate::corpus;
use crate::engine::Catalog;

/// Starts loading the corpus at `src` (same origin only); until it is in, and if it fails,
/// the bundled corpus stays in use.
pub fn load_from(explorer: Explorer, src: String) {
    let Some(url) = browser::same_origin_url(&src) else {
        explorer.status.set(CorpusStatus::Failed {
            from: src,
            messages: vec!["Only a corpus on this page's own site can be loaded.".into()],
        });
        return;
    };
    explorer.status.set(CorpusStatus::Loading { from: url.clone(), received: 0 });
    spawn_local(async move {
        let outcome = match browser::fetch_text(&url).await {
            Ok(json) => corpus::parse(&json).map(Catalog::new).map_err(|e| e.messages),
            Err(message) => Err(vec![message]),
        };
        match outcome {
            Ok(catalog) => explorer.replace_catalog(catalog),
            Err(messages) => explorer.status.set(CorpusStatus::Failed { from: url, messages }),
        }
    });
}

/// Progress and problems of loading a corpus, for the results header.
#[component]
pub fn CorpusStatusLine() -> impl IntoView {
    let Explorer { status, .. } = Explorer::use_context();
    move || match status.get() {
        CorpusStatus::Ready => ().into_any(),
        CorpusStatus::Loading { from, .. } => {
            view! { <p class="corpus-status" role="status">"Loading the corpus from " {from} "…"</p> }
                .into_any()
        }
        CorpusStatus::Failed { from, messages } => view! {
            <div class="corpus-error" role="alert">
                <p>"The corpus from " {from} " could not be loaded; the bundled quotes are shown instead."</p>
                <ul>{messages.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
    }
}
