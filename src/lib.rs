//! quote-explorer: what Chinese and Russian leaders and their joint statements said about
//! democracy, human rights, multilateralism and world order (2021-2022), verbatim and
//! traceable to the source.
//!
//! The layers, each using only those above it in this list ([`order`], one way of sorting,
//! serves them all):
//! - [`corpus`]: the data model, loading and validation (pure).
//! - [`engine`]: the index, search, counts, and what a card or the overview shows (pure).
//! - [`import`]: a spreadsheet brought in as a corpus, and an article's quotes proposed and
//!   added to one (pure).
//! - [`chunked`]: a corpus indexed in pieces for a static host (pure; written by the command).
//! - [`url_state`], [`citation`], [`export`], [`wording`]: the view as a link, citations,
//!   files, and the sentences about counts and queries (pure).
//! - [`browser`]: the calls into the browser (address bar, clipboard, files, downloads, and
//!   storage: `localStorage` and IndexedDB).
//! - [`store`]: the explorer's state, with the one gate every change of view passes, and the
//!   corpus the page came with (read from the page, not compiled in).
//! - [`components`]: the Leptos user interface, rendering what the engine builds.
//! - [`mount`]: where the explorer appears: the whole page, or embeds in a host page. (If it
//!   ever hits a bug, the page's start-up script replaces it with a message: see
//!   `scripts/post-build.mjs`.)
//! - `js_api`: the engine for JavaScript callers, in the benchmark's build only (feature
//!   `bench-api`).
//! - `command`: the `quote-explorer` command (`validate`, `stats`, `build`), in the native
//!   build only.

pub mod browser;
pub mod chunked;
pub mod citation;
#[cfg(not(target_arch = "wasm32"))]
pub mod command;
pub mod components;
pub mod corpus;
pub mod engine;
pub mod export;
pub mod import;
#[cfg(feature = "bench-api")]
pub mod js_api;
pub mod mount;
pub mod order;
pub mod store;
pub mod url_state;
pub mod wording;
