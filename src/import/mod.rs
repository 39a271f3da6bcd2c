//! Quotes as people keep them, brought into a corpus: a spreadsheet (CSV, TSV or JSON Lines)
//! read as a [`table`], its columns mapped to the corpus's fields ([`mapping`]), its dates
//! read in the common forms ([`dates`]); or an [`article`], whose quotes are proposed for the
//! reader to accept. Pure Rust, tested on the host.

pub mod article;
pub mod dates;
pub mod mapping;
pub mod table;
