//! Reading a chunked index (`crate::chunked`) from a static host: its entry file, then at
//! once its meta file and first pack, for a first screen whose counts are exact; then the
//! facets file, which every other view needs, and only what the reader's view needs, as
//! [`Catalog`] says: the word chunks of a search (and a phrase's places), the packs of the
//! quotes shown and of those an opened card lists beside one, the id chunk of a linked quote.
//! Each file is fetched once (its name is its content's hash, so a browser
//! or a CDN may keep it forever); one that cannot be fetched or read is named in the notice,
//! and the explorer stays as it was. Loaded when an explorer is given an index.

use std::sync::Arc;

use leptos::{prelude::*, task::spawn_local};

use super::{CorpusOrigin, CorpusStatus, Store};
use crate::browser;
use crate::chunked::{self, read};
use crate::engine::{Catalog, Needed};
use crate::wording;

/// Opens the index in the folder at `base` (relative to the page, or a full address) in
/// place of the corpus in use, then fetches its facets, and what the view needs whenever it
/// changes.
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
        // Both on their way before either is awaited: the entry names the first pack so that
        // the first screen need not wait for the meta file to learn it.
        let meta = browser::fetch_inflated(&format!("{base}{}", entry.meta));
        let first =
            (!entry.first.is_empty()).then(|| browser::fetch_inflated(&format!("{base}{}", entry.first)));
        let meta = read::meta(&meta.await?)?;
        let catalog = Catalog::first_screen(meta)?;
        if let Some(first) = first {
            let pack = catalog.needed_to_show(&[0]).pop().filter(|p| p.file() == entry.first);
            let pack = pack.ok_or("The index's entry and meta files are of different builds.")?;
            catalog.fill(&pack, &first.await?)?;
        }
        Ok::<_, String>(catalog)
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
            let facets = catalog.needed_facets();
            store.replace_catalog(catalog, origin);
            // Whatever a reader does after the first screen needs the facets: on their way now.
            if let Some(facets) = facets {
                fetch(store, facets);
            }
            Effect::new(move |_| fetch_what_the_view_needs(store));
        }
        Err(message) => store.status.set(CorpusStatus::Failed { from: base, messages: vec![message] }),
    }
}

/// Fetches the files the current view needs that are neither here nor on their way; each
/// one's arrival counts in `store.arrived`, which the results and the list follow.
fn fetch_what_the_view_needs(store: Store) {
    store.arrived.track();
    let wanted = store.wanted();
    let needed = store.catalog.with(|c| {
        let mut needed = store.query.with(|q| c.needed_for(q));
        if needed.is_empty() {
            store.results.with(|r| needed = c.needed_to_show(&r.quotes[wanted]));
        }
        needed
    });
    for file in needed {
        fetch(store, file);
    }
}

/// Fetches one file for the catalog in use, unless it is already on its way.
fn fetch(store: Store, needed: Needed) {
    let name = needed.file().to_owned();
    if store.in_flight.with_value(|f| f.contains(&name)) {
        return;
    }
    store.in_flight.update_value(|f| f.push(name.clone()));
    spawn_local(async move {
        let kept = fetch_and_keep(store, &needed).await;
        store.in_flight.update_value(|f| f.retain(|n| *n != name));
        if let Err(message) = kept {
            store.notice.set(Some(wording::index_file_failed(&message)));
        }
    });
}

/// Fetches a file and gives it to the catalog in use, if that is still the one it was
/// fetched for: kept, or (the facets file) made into the catalog that takes its place.
async fn fetch_and_keep(store: Store, needed: &Needed) -> Result<(), String> {
    fetch_and_keep_all(store, std::slice::from_ref(needed)).await
}

/// [`fetch_and_keep`] for several files, all on their way at once (each fetch starts as it
/// is made); the first that cannot be fetched or read is the error.
async fn fetch_and_keep_all(store: Store, needed: &[Needed]) -> Result<(), String> {
    let Some(base) = store.index_base.get_value() else { return Ok(()) };
    let generation = store.catalog.with_untracked(|c| c.generation);
    let on_their_way: Vec<_> =
        needed.iter().map(|n| browser::fetch_inflated(&format!("{base}{}", n.file()))).collect();
    for (needed, bytes) in needed.iter().zip(on_their_way) {
        let bytes = bytes.await?;
        let catalog = store.catalog.get_untracked();
        if catalog.generation != generation {
            return Ok(());
        }
        match catalog.fill(needed, &bytes)? {
            Some(whole) => store.complete_catalog(whole),
            None => store.arrived.update(|n| *n += 1),
        }
    }
    Ok(())
}

/// Fetches what the opened card of the quote at `position` lists beside it: the facets file
/// (which says which quotes go together), then the packs of those quotes. A file that cannot
/// be fetched is named in the notice, and the card shows what has arrived. Nothing for a
/// catalog held whole. Loaded when first used, so that a card's details from a corpus in
/// memory do not load the code that fetches.
#[lazy]
pub async fn details_at_hand(store: Store, position: u32) {
    // At most two rounds: the facets file, then the packs it shows are needed.
    for _ in 0..2 {
        let needed = store.catalog.with_untracked(|c| c.needed_for_details(position));
        if let Err(message) = fetch_and_keep_all(store, &needed).await {
            store.notice.set(Some(wording::index_file_failed(&message)));
            return;
        }
    }
}

/// Fetches, all at once, the packs of the quotes at `positions` that have not arrived (what
/// an export from an index writes); the first that cannot be fetched or read is the error.
/// Loaded when first used, as reading a pack is not the first screen's code.
#[lazy]
pub async fn quotes_at_hand(store: Store, positions: Arc<Vec<u32>>) -> Result<(), String> {
    let (generation, needed) = store.catalog.with_untracked(|c| (c.generation, c.needed_to_show(&positions)));
    fetch_and_keep_all(store, &needed).await?;
    if store.catalog.with_untracked(|c| c.generation) != generation {
        return Err("another corpus was opened meanwhile".into());
    }
    Ok(())
}

/// Finds the quote with this id in a chunked catalog, fetching its id chunk if need be;
/// `false` if the catalog is held whole (it knows every id already) or has no such quote.
#[lazy]
pub async fn find_quote(store: Store, id: String) -> bool {
    let needed = store.catalog.with_untracked(|c| c.needed_for_id(&id));
    let Some(needed) = needed else { return false };
    if let Err(message) = fetch_and_keep(store, &needed).await {
        store.notice.set(Some(wording::index_file_failed(&message)));
        return false;
    }
    store.catalog.with_untracked(|c| c.quote_position(&id).is_some())
}
