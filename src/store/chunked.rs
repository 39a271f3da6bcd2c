//! Reading a chunked index (`crate::chunked`) from a static host: its entry, meta and facets
//! files first, for a catalog whose every count is exact; then only what the reader's view
//! needs, as [`Catalog`] says: the word chunks of a search, the packs of the quotes shown, the
//! id chunk of a linked quote. Each file is fetched once (its name is its content's hash, so a
//! browser or a CDN may keep it forever); one that cannot be fetched or read is named in the
//! notice, and the explorer stays as it was. Loaded when an explorer is given an index.

use leptos::{prelude::*, task::spawn_local};

use super::{CorpusOrigin, CorpusStatus, Store};
use crate::browser;
use crate::chunked::{self, read};
use crate::engine::{Catalog, Needed};
use crate::wording;

/// Opens the index in the folder at `base` (relative to the page, or a full address) in
/// place of the corpus in use, then fetches what the view needs whenever it changes.
#[lazy]
pub async fn open(store: Store, base: String) {
    let load = store.start_load();
    let Some(base) = browser::http_url(&base).map(|b| if b.ends_with('/') { b } else { b + "/" }) else {
        store
            .status
            .set(CorpusStatus::Failed { from: base, messages: vec![wording::INDEX_NOT_AN_ADDRESS.into()] });
        return;
    };
    store.status.set(CorpusStatus::Reading { from: base.clone(), received: 0, total: None });
    let catalog = async {
        let entry = read::entry(&browser::fetch_inflated(&format!("{base}{}", chunked::ENTRY)).await?)?;
        let meta = read::meta(&browser::fetch_inflated(&format!("{base}{}", entry.meta)).await?)?;
        let facets = read::facets(&browser::fetch_inflated(&format!("{base}{}", meta.facets)).await?)?;
        Catalog::chunked(meta, facets)
    };
    let catalog = catalog.await;
    if !store.is_latest_load(load) {
        return;
    }
    match catalog {
        Ok(catalog) => {
            store.index_base.set_value(Some(base.clone()));
            // A page's own index is its corpus, as a bundled one is; an embed's is one it names.
            let origin =
                if store.placement.embedded { CorpusOrigin::Loaded(base) } else { CorpusOrigin::Bundled };
            store.replace_catalog(catalog, origin);
            Effect::new(move |_| fetch_what_the_view_needs(store));
        }
        Err(message) => store.status.set(CorpusStatus::Failed { from: base, messages: vec![message] }),
    }
}

/// Fetches the files the current view needs that are neither here nor on their way; each
/// one's arrival counts in `store.arrived`, which the results and the list follow.
fn fetch_what_the_view_needs(store: Store) {
    store.arrived.track();
    let wanted = store.wanted_len();
    let needed = store.catalog.with(|c| {
        let mut needed = store.query.with(|q| c.needed_for(q));
        if needed.is_empty() {
            store.results.with(|r| needed = c.needed_to_show(&r.quotes[..wanted.min(r.quotes.len())]));
        }
        needed
    });
    for file in needed {
        fetch(store, file);
    }
}

/// Fetches one file for the catalog in use, unless it is already on its way.
fn fetch(store: Store, needed: Needed) {
    let Some(base) = store.index_base.get_value() else { return };
    let name = needed.file().to_owned();
    if store.in_flight.with_value(|f| f.contains(&name)) {
        return;
    }
    store.in_flight.update_value(|f| f.push(name.clone()));
    let catalog = store.catalog.get_untracked();
    spawn_local(async move {
        let kept = match browser::fetch_inflated(&format!("{base}{name}")).await {
            Ok(bytes) => catalog.fill(&needed, &bytes),
            Err(message) => Err(message),
        };
        store.in_flight.update_value(|f| f.retain(|n| *n != name));
        match kept {
            Ok(()) => store.arrived.update(|n| *n += 1),
            Err(message) => store.notice.set(Some(wording::index_file_failed(&message))),
        }
    });
}

/// Finds the quote with this id in a chunked catalog, fetching its id chunk if need be;
/// `false` if the catalog is held whole (it knows every id already) or has no such quote.
#[lazy]
pub async fn find_quote(store: Store, id: String) -> bool {
    let id = id.as_str();
    let needed = store.catalog.with_untracked(|c| c.needed_for_id(id));
    let Some(needed) = needed else { return false };
    let (Some(base), catalog) = (store.index_base.get_value(), store.catalog.get_untracked()) else {
        return false;
    };
    let kept = match browser::fetch_inflated(&format!("{base}{}", needed.file())).await {
        Ok(bytes) => catalog.fill(&needed, &bytes),
        Err(message) => Err(message),
    };
    if let Err(message) = kept {
        store.notice.set(Some(wording::index_file_failed(&message)));
        return false;
    }
    catalog.quote_position(id).is_some()
}
