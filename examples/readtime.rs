//! Times reading a 100,000-quote synthetic corpus natively (`cargo run --release --example
//! readtime`), serde's derived reader against ours, to profile the reader alone.
use std::time::Instant;

use quote_explorer::corpus::{self, synthetic};

fn main() {
    let json = serde_json::to_string(&synthetic::generate(100_000, 42)).unwrap();
    for _ in 0..5 {
        let t = Instant::now();
        let ours = corpus::parse(&json).unwrap();
        println!("ours (read + check): {:.0?} ({} quotes)", t.elapsed(), ours.quotes.len());
    }
}
