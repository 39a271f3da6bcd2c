//! The corpus the page came with. It is data, not code: the page carries it in a JSON data
//! block (`<script type="application/json" id="quote-explorer-corpus">`), and an embed's
//! script fetches it from the content-named file beside `embed.js`, so one built app serves
//! any corpus (`quote-explorer build` writes another one in). The start-up script hands its
//! text over once, before the explorer mounts; it is kept as text and parsed when needed
//! (at start, and when the reader goes back to it).

use std::sync::{Arc, OnceLock};

use crate::corpus::{self, Corpus, Links};

/// What the start-up script handed over.
#[derive(Debug, Clone)]
enum Given {
    /// The corpus file's text.
    Text(Arc<str>),
    /// Why there is none (the data block is missing, or the file could not be fetched).
    Missing(String),
    /// None was asked for: every explorer on the page loads a corpus of its own.
    NotNeeded,
}

static GIVEN: OnceLock<Given> = OnceLock::new();

/// Keeps what the start-up script handed over: the corpus's text, or else why there is
/// none; neither when no explorer on the page needs it. Only the first call counts.
pub fn hand_over(text: Option<String>, problem: Option<String>) {
    let given = match (text, problem) {
        (Some(text), _) => Given::Text(text.into()),
        (None, Some(problem)) => Given::Missing(problem),
        (None, None) => Given::NotNeeded,
    };
    let _ = GIVEN.set(given);
}

/// The page's corpus with its links, or the messages that say why it cannot be used; `None`
/// when the page has none because none was needed.
pub fn linked() -> Option<Result<(Corpus, Links), Vec<String>>> {
    match GIVEN.get()? {
        Given::Text(text) => Some(corpus::parse_linked(text).map_err(|e| e.messages)),
        Given::Missing(problem) => Some(Err(vec![problem.clone()])),
        Given::NotNeeded => None,
    }
}
