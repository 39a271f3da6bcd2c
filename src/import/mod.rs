//! Quotes as people keep them, brought into a corpus: a spreadsheet (CSV, TSV or JSON Lines)
//! read as a [`table`], its columns mapped to the corpus's fields ([`mapping`]), its dates
//! read in the common forms ([`dates`]). Pure Rust, tested on the host.

pub mod dates;
pub mod mapping;
pub mod table;
