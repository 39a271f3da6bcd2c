//! The reader's own corpus, kept in this browser between visits: the last one they opened
//! (a corpus file as read, or the corpus a spreadsheet or an article made), in IndexedDB.
//! A line in `localStorage` says whether one is kept, under which name, and whether it was
//! in use when the reader left, so that a visit without one costs nothing but that read.
//! Nothing leaves the browser.

use leptos::prelude::*;

use super::loading::{check_and_index, use_bundled};
use super::{CorpusOrigin, CorpusStatus, Store};
use crate::browser::{shelf, vault};

const FLAG: &str = "quote-explorer:kept";
const KEY: &str = "corpus";

/// A corpus kept in this browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub name: String,
    /// Shown when the reader left (and so shown again on their next visit).
    pub in_use: bool,
}

impl Kept {
    /// What the shelf says is kept.
    pub fn read() -> Option<Kept> {
        shelf::get(FLAG).as_deref().and_then(Kept::from_flag)
    }

    fn from_flag(flag: &str) -> Option<Kept> {
        let (state, name) = flag.split_once(':')?;
        let in_use = match state {
            "in-use" => true,
            "aside" => false,
            _ => return None,
        };
        Some(Kept { name: name.to_owned(), in_use })
    }

    fn flag(&self) -> String {
        format!("{}:{}", if self.in_use { "in-use" } else { "aside" }, self.name)
    }

    fn write(kept: Option<&Kept>) {
        shelf::set(FLAG, kept.map(Kept::flag).as_deref());
    }
}

/// Keeps the corpus just loaded from `name` (its bytes as a corpus file), in place of any
/// kept before. A browser that keeps nothing is told about in a notice.
#[lazy]
pub async fn keep(store: Store, name: String, bytes: Vec<u8>) {
    match vault::put(KEY, &name, &bytes).await {
        Ok(()) => {
            let kept = Kept { name, in_use: true };
            Kept::write(Some(&kept));
            store.kept.set(Some(kept));
        }
        Err(why) => store.notice.set(Some(format!(
            "This browser could not keep your corpus for your next visit ({why}); it is shown until you leave the page."
        ))),
    }
}

/// Writes `corpus` as its JSON file, a slice of quotes at a time, `between` awaited after
/// each: a corpus of 100,000 quotes takes longer to write than a page may stand still.
pub async fn corpus_file<F: std::future::Future<Output = ()>>(
    corpus: &crate::corpus::Corpus,
    mut between: impl FnMut() -> F,
) -> Vec<u8> {
    let shell = crate::corpus::Corpus { quotes: Vec::new(), ..corpus.clone() };
    let mut out = serde_json::to_vec(&shell).unwrap_or_default();
    // The quotes are the last field: `…"quotes":[]}` is opened again to hold them.
    let closing = out.split_off(out.len() - 2);
    for (n, slice) in corpus.quotes.chunks(QUOTES_PER_SLICE).enumerate() {
        for (i, quote) in slice.iter().enumerate() {
            if n > 0 || i > 0 {
                out.push(b',');
            }
            let _ = serde_json::to_writer(&mut out, quote);
        }
        between().await;
    }
    out.extend_from_slice(&closing);
    out
}

const QUOTES_PER_SLICE: usize = 5_000;

/// Shows the kept corpus again (at the start of a visit, or when the reader asks).
#[lazy]
pub async fn restore(store: Store) {
    let load = store.start_load();
    let found = vault::get(KEY).await;
    let (name, bytes) = match found {
        Ok(Some(kept)) => kept,
        Ok(None) => {
            // Cleared with the site's data, say: the line in localStorage outlived it.
            Kept::write(None);
            store.kept.set(None);
            store.status.set(CorpusStatus::Ready);
            return;
        }
        Err(why) => {
            store.status.set(CorpusStatus::Failed {
                from: "your corpus kept in this browser".into(),
                messages: vec![format!("The browser would not give it back: {why}.")],
            });
            return;
        }
    };
    let from = name.clone();
    match check_and_index(store, load, &from, &bytes).await {
        Some(Ok(catalog)) => {
            store.replace_catalog(catalog, CorpusOrigin::Loaded(name.clone()));
            set_in_use(store, name, true);
        }
        Some(Err(e)) => {
            // Kept, not shown: the reader may forget it.
            set_in_use(store, name, false);
            store.status.set(CorpusStatus::Failed { from, messages: e.messages });
        }
        None => {}
    }
}

/// Removes the kept corpus and shows the bundled one.
#[lazy]
pub async fn forget(store: Store) {
    if let Err(why) = vault::delete(KEY).await {
        store.notice.set(Some(format!("This browser would not forget your corpus: {why}.")));
        return;
    }
    Kept::write(None);
    store.kept.set(None);
    if store.origin.get_untracked() != CorpusOrigin::Bundled {
        use_bundled(store).await;
    }
    store.notice.set(Some("Your corpus is forgotten: this browser keeps nothing of it.".into()));
}

/// Records whether the kept corpus is the one shown, for the next visit.
pub fn set_in_use(store: Store, name: String, in_use: bool) {
    let kept = Kept { name, in_use };
    Kept::write(Some(&kept));
    store.kept.set(Some(kept));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_corpus_written_in_slices_is_its_json_file() {
        for corpus in [crate::corpus::bundled().unwrap(), crate::corpus::synthetic::generate(12_000, 3)] {
            let mut slices = 0;
            let written = finished(corpus_file(&corpus, || {
                slices += 1;
                std::future::ready(())
            }));
            assert_eq!(written, serde_json::to_vec(&corpus).unwrap());
            assert_eq!(slices, corpus.quotes.len().div_ceil(QUOTES_PER_SLICE));
        }
    }

    /// Runs a future that never waits.
    fn finished<T>(future: impl std::future::Future<Output = T>) -> T {
        let waker = std::task::Waker::noop();
        let mut context = std::task::Context::from_waker(waker);
        let mut future = std::pin::pin!(future);
        match future.as_mut().poll(&mut context) {
            std::task::Poll::Ready(value) => value,
            std::task::Poll::Pending => panic!("the future waited"),
        }
    }

    #[test]
    fn the_flag_reads_back_what_was_written_and_nothing_else() {
        for kept in
            [Kept { name: "sheet.csv".into(), in_use: true }, Kept { name: "a: b".into(), in_use: false }]
        {
            assert_eq!(Kept::from_flag(&kept.flag()), Some(kept));
        }
        assert_eq!(Kept::from_flag("yes"), None);
        assert_eq!(Kept::from_flag("maybe:x"), None);
    }
}
