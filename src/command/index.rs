//! `index`: a chunked index of a corpus for a static host (see [`crate::chunked`]), written
//! into a folder with its progress shown.

use std::fs;
use std::path::Path;

use crate::chunked::write;
use crate::corpus::{Corpus, Links};
use crate::engine::IndexBuilder;

use super::progress::Progress;

/// What an index run wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexed {
    /// The entry file, `index.json`.
    pub meta_file: String,
    pub files: u64,
    pub bytes: u64,
    /// The meta and facets files' sizes and the largest word chunk's, gzipped: what a reader
    /// fetches first, and at most per word typed.
    pub meta_bytes: u64,
    pub facets_bytes: u64,
    pub largest_chunk: u64,
}

/// Indexes `corpus` into `out`, which must be new, empty, or an earlier index (replaced).
pub fn index(corpus: &Corpus, out: &Path, progress: &Progress) -> Result<Indexed, String> {
    check_out_dir(out)?;
    progress.step("Putting the quotes in the list's order".into());
    let corpus = &write::in_first_order(corpus.clone());
    progress.step("Linking references".into());
    let (links, problems) = Links::new(corpus);
    if !problems.is_empty() {
        return Err(problems.join("\n"));
    }
    let mut builder = IndexBuilder::new(corpus, &links);
    let total = corpus.quotes.len();
    let mut done = 0;
    while !builder.step(50_000) {
        done = (done + 50_000).min(total);
        progress.step(format!("Indexing words: {done} of {total} quotes"));
    }
    let index = builder.finish();
    fs::create_dir_all(out).map_err(|e| format!("{}: cannot be created: {e}", out.display()))?;
    let mut written = Indexed {
        meta_file: String::new(),
        files: 0,
        bytes: 0,
        meta_bytes: 0,
        facets_bytes: 0,
        largest_chunk: 0,
    };
    let meta_file = write::write(corpus, &links, &index, &mut |name, bytes| {
        let path = out.join(name);
        fs::write(&path, bytes).map_err(|e| format!("{}: cannot be written: {e}", path.display()))?;
        written.files += 1;
        written.bytes += bytes.len() as u64;
        if name.starts_with("meta-") {
            written.meta_bytes = bytes.len() as u64;
        } else if name.starts_with("facets-") {
            written.facets_bytes = bytes.len() as u64;
        } else if name.starts_with("words-") {
            written.largest_chunk = written.largest_chunk.max(bytes.len() as u64);
        }
        if written.files % 500 == 0 || !name.starts_with("quotes-") {
            progress.step(format!("Writing: {} files, {:.1} MB", written.files, written.bytes as f64 / 1e6));
        }
        Ok(())
    })?;
    written.meta_file = meta_file;
    Ok(written)
}

/// `out` may not exist yet, be empty, or hold an earlier index (whose files are removed).
fn check_out_dir(out: &Path) -> Result<(), String> {
    let Ok(entries) = fs::read_dir(out) else {
        return if out.exists() { Err(format!("{} is not a folder.", out.display())) } else { Ok(()) };
    };
    let names: Vec<_> =
        entries.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    let ours = |n: &String| {
        n == crate::chunked::ENTRY
            || ["meta-", "facets-", "words-", "places-", "ids-", "quotes-"].iter().any(|p| n.starts_with(p))
    };
    if !names.iter().all(ours) {
        return Err(format!(
            "{} already holds files that are not an index: choose an empty or new folder.",
            out.display()
        ));
    }
    for name in names {
        let path = out.join(name);
        fs::remove_file(&path).map_err(|e| format!("{}: cannot be replaced: {e}", path.display()))?;
    }
    Ok(())
}
