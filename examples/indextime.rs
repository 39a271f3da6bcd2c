//! Times building the catalog (index and look-ups) of a 100,000-quote synthetic corpus
//! natively (`cargo run --release --example indextime`), to profile indexing alone.
use std::time::Instant;

use quote_explorer::corpus::synthetic;
use quote_explorer::engine::Catalog;

fn main() {
    let corpus = synthetic::generate(100_000, 42);
    let (links, _) = quote_explorer::corpus::Links::new(&corpus);
    for _ in 0..5 {
        let (copy, links) = (corpus.clone(), links.clone());
        let t = Instant::now();
        let catalog = Catalog::linked(copy, links);
        println!("catalog: {:.0?} ({} quotes)", t.elapsed(), catalog.len());
    }
}
