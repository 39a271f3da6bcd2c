//! A small JavaScript API to the engine, for the benchmark, which times it against
//! JavaScript libraries in the same page. Only the benchmark's build has it (feature
//! `bench-api`): it would cost every visitor about 8 KB gzipped.

use wasm_bindgen::prelude::*;

use crate::engine::compare::CompareSpec;
use crate::engine::concordance::{ContextSort, LINES_SHOWN};
use crate::engine::Catalog;
use crate::{corpus, url_state};

/// A parsed, validated and indexed corpus.
#[wasm_bindgen]
pub struct CorpusIndex {
    catalog: Catalog,
}

#[wasm_bindgen]
impl CorpusIndex {
    /// Parses, validates and indexes a corpus file's bytes (UTF-8 JSON in the corpus
    /// schema, as `fetch` or a file gives them); throws the validation messages, one per
    /// line, if it is not valid. (Bytes rather than a string: handing wasm a string of many
    /// megabytes costs more than reading it.)
    #[wasm_bindgen(constructor)]
    pub fn new(json: &[u8]) -> Result<CorpusIndex, String> {
        let (corpus, links) = corpus::parse_bytes(json).map_err(|e| e.to_string())?;
        Ok(CorpusIndex { catalog: Catalog::linked(corpus, links) })
    }

    /// Runs a query written as a URL query string (`q=…&theme=…`), computing the results in
    /// order and every facet value's count; returns the number of results.
    pub fn search(&self, query_string: &str) -> usize {
        let results = self.catalog.search(&url_state::parse(query_string).query);
        std::hint::black_box(&results.counts);
        results.quotes.len()
    }

    /// The ids of the first `limit` results of a query, in display order.
    #[wasm_bindgen(js_name = resultIds)]
    pub fn result_ids(&self, query_string: &str, limit: usize) -> Vec<String> {
        let results = self.catalog.search(&url_state::parse(query_string).query);
        results.quotes.iter().take(limit).map(|&p| self.catalog.quote(p).id.clone()).collect()
    }

    /// The concordance of a query's search words, ordered by the words before them, as its
    /// view builds it (every occurrence, and the first page's lines); returns the number of
    /// occurrences.
    pub fn concordance(&self, query_string: &str) -> usize {
        let query = url_state::parse(query_string).query;
        let terms = self.catalog.index.search_terms(&query.text);
        let hits = self.catalog.concordance(&terms, &self.catalog.search(&query), ContextSort::Left);
        let lines: Vec<_> = hits.iter().take(LINES_SHOWN).map(|h| self.catalog.concordance_line(h)).collect();
        std::hint::black_box(&lines);
        hits.len()
    }

    /// The trends of a query's search words over the quotes its filters select, as their view
    /// builds them; returns the number of rows.
    pub fn trends(&self, query_string: &str) -> usize {
        let mut query = url_state::parse(query_string).query;
        let terms = self.catalog.index.search_terms(&query.text);
        query.text.clear();
        let trends = self.catalog.trends(&terms, &self.catalog.search(&query));
        trends.by_meeting.len() + trends.by_side.len() + trends.by_speaker.len()
    }

    /// The distinctive words of China against Russia in a query's results, as their view
    /// builds them; returns how many words are listed.
    pub fn keyness(&self, query_string: &str) -> usize {
        let query = url_state::parse(query_string).query;
        let spec = self.catalog.settle_comparison(&CompareSpec::default());
        let groups = self.catalog.column_members(&spec, &self.catalog.search(&query));
        match groups.as_slice() {
            [a, b] => {
                let k = self.catalog.keyness(a, b);
                k.of_a.len() + k.of_b.len()
            }
            _ => 0,
        }
    }

    /// Number of quotes.
    #[wasm_bindgen(getter)]
    pub fn length(&self) -> usize {
        self.catalog.len()
    }
}
