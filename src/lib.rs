//! quote-explorer: what Chinese and Russian leaders and their joint statements said about
//! democracy, human rights, multilateralism and world order (2021-2022), verbatim and
//! traceable to the source.
//!
//! - [`corpus`]: the data model, loading and validation (pure).
//! - [`engine`]: the filter and search index (pure).
//! - [`url_state`]: the view state as a URL query string (pure).
//! - [`citation`]: plain-text citations (pure).
//! - [`export`]: the current results as CSV, JSON and Markdown files (pure).
//! - [`components`]: the Leptos user interface, thin over the above.
//! - [`browser`]: the few calls into the browser (URL, history, clipboard, styles).
//! - [`js_api`]: the engine for JavaScript callers (and the benchmark).
//! - [`crash`]: the message shown instead of a blank page if the explorer hits a bug.
//! - [`mount`]: where the explorer appears: the whole page, or embeds in a host page.

pub mod browser;
pub mod citation;
pub mod components;
pub mod corpus;
pub mod crash;
pub mod engine;
pub mod export;
pub mod js_api;
pub mod mount;
pub mod url_state;
