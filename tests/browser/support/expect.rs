//! What the page should show, by the engine's own answer: browser tests compare the page
//! with these rather than with numbers of today's corpus.

use quote_explorer::corpus;
use quote_explorer::engine::compare::CELL_SHOWN;
use quote_explorer::engine::{Catalog, Facet};
use quote_explorer::store::PAGE_SIZE;
use quote_explorer::url_state;

pub fn catalog() -> Catalog {
    Catalog::new(corpus::bundled().unwrap())
}

/// The ids the engine gives for the view a query string describes, in display order.
pub fn engine_all_ids(query_string: &str) -> Vec<String> {
    let c = catalog();
    let query = c.known_only(&url_state::parse(query_string).query);
    c.search(&query).quotes.iter().map(|&p| c.quote(p).id.clone()).collect()
}

/// The ids the list renders at first for that view: its first page.
pub fn engine_ids(query_string: &str) -> Vec<String> {
    engine_all_ids(query_string).into_iter().take(PAGE_SIZE).collect()
}

/// Each facet value's count for that view, as (facet, value id, count).
pub fn engine_counts(query_string: &str) -> Vec<(String, String, u32)> {
    let c = catalog();
    let results = c.search(&c.known_only(&url_state::parse(query_string).query));
    Facet::ALL
        .iter()
        .flat_map(|&f| {
            let results = &results;
            c.index
                .values(f)
                .iter()
                .enumerate()
                .map(move |(i, v)| (f.param().to_owned(), v.id.clone(), results.count(f, i)))
        })
        .collect()
}

/// The result count line for `shown` of the bundled corpus's quotes.
pub fn bundled_count(shown: usize) -> String {
    format!("{shown} of {} quotes", catalog().len())
}

/// A comparison's cells for the view a query string describes (`view=compare&…`), as
/// (theme id, column id, count, the ids the cell lists at first).
pub fn engine_cells(query_string: &str) -> Vec<(String, String, usize, Vec<String>)> {
    let c = catalog();
    let view = url_state::parse(query_string);
    let spec = c.settle_comparison(view.comparison().expect("a comparison view"));
    let query = c.known_only(&view.query);
    let comparison = c.compare(&spec, &query, &c.search(&query));
    comparison
        .rows
        .iter()
        .flat_map(|row| {
            let c = &c;
            row.cells.iter().zip(&comparison.columns).map(move |(cell, column)| {
                let first = cell.iter().take(CELL_SHOWN).map(|&p| c.quote(p).id.clone()).collect();
                (row.theme_id.clone(), column.id.clone(), cell.len(), first)
            })
        })
        .collect()
}
