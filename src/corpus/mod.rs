//! The data model: the corpus of quotes ([`model`]'s types), reading and validating a corpus
//! file, the checks that keep the bundled corpus verbatim, and a synthetic corpus generator
//! for benchmarks. Nothing here touches the browser, so `cargo test` covers it on the host.

mod ids;
mod json;
mod links;
pub mod model;
pub mod synthetic;
mod validate;
mod verify;

pub use ids::{hash, IdTable};
pub use links::{Linking, Links, NONE};
pub use model::*;
pub use validate::{
    check_integrity, check_size, megabytes, parse, parse_bytes, parse_bytes_of_any_size, parse_linked,
    text_of, CorpusError, Reading, TextCheck, MAX_CORPUS_BYTES,
};
pub use verify::{lint, locate_verbatim, normalize_for_comparison, verify_against_sources};

/// The corpus shipped with the app (data/corpus.json, compacted by build.rs), for the tests
/// and the command. The browser build reads it from the page instead (`store::bundled`), so
/// one built app serves any corpus.
#[cfg(not(target_arch = "wasm32"))]
pub const BUNDLED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/corpus.json"));

/// The bundled corpus, parsed and validated.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled() -> Result<Corpus, CorpusError> {
    parse(BUNDLED_JSON)
}

/// The bundled corpus with its links, as the app loads it.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundled_linked() -> Result<(Corpus, Links), CorpusError> {
    parse_linked(BUNDLED_JSON)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_corpus_is_data_corpus_json_compacted() {
        let source = include_str!("../../data/corpus.json");
        let value = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
        assert_eq!(value(BUNDLED_JSON), value(source));
        assert!(BUNDLED_JSON.len() < source.len(), "no layout white space");
        assert!(!BUNDLED_JSON.contains('\n'));
    }
}
