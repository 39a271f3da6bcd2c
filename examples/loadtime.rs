//! Times reading, checking and indexing a 100,000-quote synthetic corpus natively
//! (`cargo run --release --example loadtime`), to see where loading spends its time.
use std::time::Instant;

use quote_explorer::corpus::{self, synthetic};
use quote_explorer::engine::Catalog;

fn main() {
    let c = synthetic::generate(100_000, 42);
    let json = serde_json::to_string(&c).unwrap();
    println!("{} MB of JSON", json.len() / 1_000_000);
    for _ in 0..3 {
        let t = Instant::now();
        let by_serde: corpus::Corpus = serde_json::from_str(&json).unwrap();
        let serde = t.elapsed();
        let t = Instant::now();
        let (checked, links) = corpus::parse_linked(&json).unwrap();
        let read_and_check = t.elapsed();
        let t = Instant::now();
        let problems = corpus::check_integrity(&checked);
        let check = t.elapsed();
        let t = Instant::now();
        let catalog = Catalog::linked(checked, links);
        let index = t.elapsed();
        println!(
            "serde alone {serde:.0?}; ours: read + check {read_and_check:.0?} (check {check:.0?}), catalog and index {index:.0?} [{} {} {}]",
            by_serde.quotes.len(),
            problems.len(),
            catalog.len()
        );
    }
}
