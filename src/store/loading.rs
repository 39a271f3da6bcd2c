//! Bringing another corpus in: from a file the reader picks or drops (a corpus, a
//! spreadsheet mapped first, or an article whose quotes are added to the corpus in use), or
//! from the address an embed names, and going back to the bundled corpus. What the reader
//! brings is kept for their next visit ([`kept`]). Until a new corpus is complete and valid,
//! the one in use stays; [`CorpusStatus`] says how it goes. Few readers do this, so it is a
//! chunk of its own, loaded when first used: each of these runs as a task (`spawn_local`).

use std::cell::Cell;
use std::sync::Arc;

use leptos::prelude::*;

use super::{kept, CorpusOrigin, CorpusStatus, Store};
use crate::browser;
use crate::corpus::{self, MAX_CORPUS_BYTES};
use crate::engine::{Catalog, IndexBuilder};
use crate::import::article;
use crate::import::mapping::{Building, Imported, Mapping};
use crate::import::table::{self, Table, TableReading};

/// Loads the corpus at `src` (same origin only).
#[lazy]
pub async fn load_from(store: Store, src: String) {
    let load = store.start_load();
    let Some(url) = browser::same_origin_url(&src) else {
        store.status.set(CorpusStatus::Failed {
            from: src,
            messages: vec!["Only a corpus on this page's own site can be loaded.".into()],
        });
        return;
    };
    store.status.set(CorpusStatus::Reading { from: url.clone(), received: 0, total: None });
    let progress = Progress::new(store, load, url.clone());
    let bytes =
        browser::fetch_bytes(&url, MAX_CORPUS_BYTES, &|received, total| progress.report(received, total))
            .await;
    check_and_use(store, load, url, bytes, false).await;
}

/// Opens a file the reader picked or dropped.
#[lazy]
pub async fn open_file(store: Store, file: web_sys::File) {
    let load = store.start_load();
    let name = file.name();
    let size = file.size() as u64;
    // Refused before a byte is read: a browser tab asked to hold far too much can crash.
    if let Err(e) = corpus::check_size(size) {
        store.status.set(CorpusStatus::Failed { from: name, messages: e.messages });
        return;
    }
    store.status.set(CorpusStatus::Reading { from: name.clone(), received: 0, total: Some(size) });
    let progress = Progress::new(store, load, name.clone());
    let bytes =
        browser::read_file(&file, MAX_CORPUS_BYTES, &|received| progress.report(received, Some(size))).await;
    // A corpus the reader brings to the page is kept for their next visit; an embed's is not theirs.
    check_and_use(store, load, name, bytes, !store.placement.embedded).await;
}

/// Goes back to the corpus that comes with the app.
#[lazy]
pub async fn use_bundled(store: Store) {
    store.start_load();
    if let Some(Ok((corpus, links))) = super::bundled::linked() {
        store.replace_catalog(Catalog::linked(corpus, links), CorpusOrigin::Bundled);
    }
    // The reader's own corpus stays kept, set aside: the next visit opens on the bundled one.
    if let Some(k) = store.kept.get_untracked() {
        kept::set_in_use(store, k.name, false);
    }
}

/// Reports reading progress, about once per percent: more often would only cost rendering.
struct Progress {
    store: Store,
    load: u64,
    from: String,
    last_step: Cell<u64>,
}

impl Progress {
    fn new(store: Store, load: u64, from: String) -> Self {
        Progress { store, load, from, last_step: Cell::new(0) }
    }

    fn report(&self, received: u64, total: Option<u64>) {
        let step = progress_step(received, total);
        if step != self.last_step.get() && self.store.is_latest_load(self.load) {
            self.last_step.set(step);
            self.store.status.set(CorpusStatus::Reading { from: self.from.clone(), received, total });
        }
    }
}

/// Which step of progress `received` bytes are: a percent of a known total, else a megabyte.
fn progress_step(received: u64, total: Option<u64>) -> u64 {
    match total {
        Some(total) if total > 0 => received * 100 / total,
        _ => received / (1 << 20),
    }
}

async fn check_and_use(store: Store, load: u64, from: String, bytes: Result<Vec<u8>, String>, keep: bool) {
    if !store.is_latest_load(load) {
        return;
    }
    let bytes = match bytes {
        Ok(bytes) => bytes,
        Err(message) => {
            store.status.set(CorpusStatus::Failed { from, messages: vec![message] });
            return;
        }
    };
    if article::is_article(&from) {
        store.status.set(match article::read(&bytes) {
            Ok(text) => CorpusStatus::Article { from, text: text.into() },
            Err(message) => CorpusStatus::Failed { from, messages: vec![message] },
        });
        return;
    }
    if table::is_table(&from, &bytes) {
        let mut reading = match TableReading::start(&from, &bytes) {
            Ok(reading) => reading,
            Err(message) => {
                store.status.set(CorpusStatus::Failed { from, messages: vec![message] });
                return;
            }
        };
        let mut slices = Slices::new(store, load, &from);
        while !reading.step(SLICE) {
            if slices.next(reading.fraction()).await.is_none() {
                return;
            }
        }
        store.status.set(match reading.finish() {
            Ok(table) => CorpusStatus::Mapping { from, table: Arc::new(table) },
            Err(message) => CorpusStatus::Failed { from, messages: vec![message] },
        });
        return;
    }
    match check_and_index(store, load, &from, &bytes).await {
        Some(Ok(catalog)) => {
            store.replace_catalog(catalog, CorpusOrigin::Loaded(from.clone()));
            if keep {
                kept::keep(store, from, bytes).await;
            }
        }
        Some(Err(e)) => store.status.set(CorpusStatus::Failed { from, messages: e.messages }),
        // Another load started meanwhile, and took over.
        None => {}
    }
}

/// Reads, checks and indexes a corpus a slice at a time, the page free to paint the
/// progress and answer the reader in between; `None` if a later load took over.
pub(super) async fn check_and_index(
    store: Store,
    load: u64,
    from: &str,
    bytes: &[u8],
) -> Option<Result<Catalog, corpus::CorpusError>> {
    let mut slices = Slices::new(store, load, from);
    let mut check = match corpus::TextCheck::new(bytes) {
        Ok(check) => check,
        Err(e) => return Some(Err(e)),
    };
    let text = loop {
        match check.step(TEXT_SLICE) {
            Some(Ok(text)) => break text,
            Some(Err(e)) => return Some(Err(e)),
            None => slices.next(READING * CHECKING_TEXT * check.fraction()).await?,
        }
    };
    let mut reading = match corpus::Reading::new(text) {
        Ok(reading) => reading,
        Err(e) => return Some(Err(e)),
    };
    let corpus = loop {
        if let Some(done) = reading.step(SLICE) {
            break done;
        }
        slices.next(READING * (CHECKING_TEXT + (1.0 - CHECKING_TEXT) * reading.fraction())).await?;
    };
    match corpus {
        Ok(corpus) => link_and_index(&mut slices, corpus, READING).await,
        Err(e) => Some(Err(e)),
    }
}

/// Builds the corpus of a mapped spreadsheet, a slice of rows at a time, and loads it; the
/// rows left out are told in a notice.
pub async fn load_table(store: Store, from: String, table: Arc<Table>, mapping: Mapping) {
    let load = store.start_load();
    let mut slices = Slices::new(store, load, &from);
    let mut building = match Building::new(&table, &mapping, &from) {
        Ok(building) => building,
        Err(message) => {
            store.status.set(CorpusStatus::Failed { from, messages: vec![message] });
            return;
        }
    };
    while !building.step(SLICE) {
        if slices.next(BUILDING * building.fraction()).await.is_none() {
            return;
        }
    }
    let Imported { corpus, problems } = building.finish();
    let left_out = problems.iter().filter(|p| p.left_out).count();
    if !use_made(store, slices, from.clone(), corpus, BUILDING).await {
        return;
    }
    if left_out > 0 {
        let (rows, were) = if left_out == 1 { ("row", "was") } else { ("rows", "were") };
        store
            .notice
            .set(Some(format!("{left_out} {rows} of {from} {were} left out, as its mapping listed.")));
    }
    keep_made(store, from).await;
}

/// Loads a corpus made in the page (an article added to the corpus in use) in its place;
/// whether it took its place.
pub async fn load_made(store: Store, from: String, corpus: corpus::Corpus) -> bool {
    let load = store.start_load();
    let slices = Slices::new(store, load, &from);
    let used = use_made(store, slices, from.clone(), corpus, 0.0).await;
    if used {
        keep_made(store, from).await;
    }
    used
}

/// Checks and indexes a corpus made in the page, the progress going on from `done`, and
/// puts it in place of the one in use.
async fn use_made(store: Store, mut slices: Slices, from: String, corpus: corpus::Corpus, done: f64) -> bool {
    match link_and_index(&mut slices, corpus, done).await {
        Some(Ok(catalog)) => {
            store.replace_catalog(catalog, CorpusOrigin::Loaded(from));
            true
        }
        Some(Err(e)) => {
            store.status.set(CorpusStatus::Failed { from, messages: e.messages });
            false
        }
        None => false,
    }
}

/// Keeps the corpus in use, made in the page, for the reader's next visit: as a corpus file,
/// so that it then loads as one, with no mapping step.
async fn keep_made(store: Store, from: String) {
    if store.placement.embedded {
        return;
    }
    // The results first.
    browser::yield_to_page().await;
    let catalog = store.catalog.get_untracked();
    let bytes = kept::corpus_file(&catalog.corpus, browser::yield_to_page).await;
    kept::keep(store, from, bytes).await;
}

/// Checks a read corpus's references and indexes it, a slice at a time, the progress going
/// on from `done`; `None` if a later load took over.
async fn link_and_index(
    slices: &mut Slices,
    corpus: corpus::Corpus,
    done: f64,
) -> Option<Result<Catalog, corpus::CorpusError>> {
    let (reading, linking_share) = (done, LINKING * (1.0 - done) / (1.0 - READING));
    let total = corpus.quotes.len().max(1) as f64;
    let mut linking = corpus::Linking::new(&corpus);
    let mut linked = 0;
    while !linking.step(SLICE) {
        linked += SLICE;
        slices.next(reading + linking_share * linked as f64 / total).await?;
    }
    let (links, messages) = linking.finish();
    if !messages.is_empty() {
        return Some(Err(corpus::CorpusError::many(messages)));
    }
    let mut indexing = IndexBuilder::new(&corpus, &links);
    let mut indexed = 0;
    while !indexing.step(SLICE) {
        indexed += SLICE;
        let start = reading + linking_share;
        slices.next(start + (1.0 - start) * indexed as f64 / total).await?;
    }
    // Finishing the index, assembling the catalog and showing it each take a good part of a
    // slice's time: a break before each keeps them in tasks of their own.
    slices.pause(1.0).await?;
    let index = indexing.finish();
    slices.pause(1.0).await?;
    let catalog = Catalog::assemble(corpus, links, index);
    slices.pause(1.0).await?;
    Some(Ok(catalog))
}

/// Entries or quotes per step of the work; steps run until a slice's time is up.
const SLICE: usize = 500;
/// Bytes per step of checking that a file is UTF-8 text (about a millisecond's work).
const TEXT_SLICE: usize = 1 << 20;
/// About how the time goes, as shares of the whole: reading (the text check first, a
/// small share of it), then linking, then indexing.
const READING: f64 = 0.45;
const CHECKING_TEXT: f64 = 0.1;
/// The share of building a spreadsheet's rows into a corpus, before it is checked and indexed.
const BUILDING: f64 = 0.4;
const LINKING: f64 = 0.15;

/// Hands the page back to the browser every few milliseconds of work, and says how far the
/// work has got.
struct Slices {
    store: Store,
    load: u64,
    from: String,
    started: f64,
}

impl Slices {
    fn new(store: Store, load: u64, from: &str) -> Self {
        store.status.set(CorpusStatus::Checking { from: from.to_owned(), percent: 0 });
        Slices { store, load, from: from.to_owned(), started: js_sys::Date::now() }
    }

    /// After a step: a break if the slice's time is up, with the progress shown. `None`
    /// if a later load took over meanwhile.
    async fn next(&mut self, done: f64) -> Option<()> {
        if js_sys::Date::now() - self.started < browser::WORK_BETWEEN_BREAKS_MS {
            return Some(());
        }
        self.pause(done).await
    }

    /// A break now, whatever the time, before a step that takes much of a slice on its own.
    async fn pause(&mut self, done: f64) -> Option<()> {
        let percent = (done * 100.0).clamp(0.0, 99.0) as u8;
        self.store.status.set(CorpusStatus::Checking { from: self.from.clone(), percent });
        browser::yield_to_page().await;
        self.started = js_sys::Date::now();
        self.store.is_latest_load(self.load).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_moves_in_percent_steps_or_megabytes_when_the_size_is_unknown() {
        assert_eq!(progress_step(50, Some(100)), 50);
        assert_eq!(progress_step(0, Some(0)), 0);
        assert_eq!(progress_step(3 << 20, None), 3);
    }
}
