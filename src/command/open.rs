//! A file as the app opens it: a corpus in the explorer's JSON, or a spreadsheet whose
//! columns are mapped as the app first guesses them from its header.

use crate::corpus::{self, Corpus};
use crate::import::{article, mapping, table};

/// What opening a file gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    /// The corpus, if anything loads.
    pub corpus: Option<Corpus>,
    /// Every problem, in the app's words.
    pub problems: Vec<String>,
    /// Whether every problem leaves something out (a row, or the whole file).
    pub leaves_out: bool,
}

impl Opened {
    /// Whether the file loads with nothing left out.
    pub fn loads_whole(&self) -> bool {
        self.corpus.is_some() && !self.leaves_out
    }

    fn refused(problems: Vec<String>) -> Opened {
        Opened { corpus: None, problems, leaves_out: true }
    }
}

/// Opens the file called `name` holding `bytes`, as the app would (a corpus file of at most
/// [`corpus::MAX_CORPUS_BYTES`]).
pub fn open(name: &str, bytes: &[u8]) -> Opened {
    open_within(name, bytes, true)
}

/// [`open`], but a corpus file of any size: for the chunked index, which is how a corpus too
/// large for a page reaches one.
pub fn open_of_any_size(name: &str, bytes: &[u8]) -> Opened {
    open_within(name, bytes, false)
}

fn open_within(name: &str, bytes: &[u8], bounded: bool) -> Opened {
    if article::is_article(name) {
        return Opened::refused(vec![
            "An article is not a corpus: add it to one in the explorer (“Add an article…”), which proposes its quotes."
                .into(),
        ]);
    }
    if table::is_table(name, bytes) {
        let table = match table::read(name, bytes) {
            Ok(table) => table,
            Err(message) => return Opened::refused(vec![message]),
        };
        let file_name = name.rsplit(['/', '\\']).next().unwrap_or(name);
        return match mapping::build(&table, &mapping::Mapping::guess(&table), file_name) {
            Ok(imported) => Opened {
                leaves_out: imported.problems.iter().any(|p| p.left_out),
                problems: imported.problems.iter().map(mapping::RowProblem::message).collect(),
                corpus: Some(imported.corpus),
            },
            Err(message) => Opened::refused(vec![message]),
        };
    }
    let parsed = if bounded { corpus::parse_bytes(bytes) } else { corpus::parse_bytes_of_any_size(bytes) };
    match parsed {
        Ok((corpus, _)) => Opened { corpus: Some(corpus), problems: Vec::new(), leaves_out: false },
        Err(e) => Opened::refused(e.messages),
    }
}
