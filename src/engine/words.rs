//! The inverted word index: every normalised word of the quotes' text, speakers' names and
//! aliases, meetings' titles and places and themes' labels, sorted for prefix look-up, with
//! the quotes (and the field) it occurs in.

use rustc_hash::FxHashMap;

use super::text;
use crate::corpus::Corpus;

/// Where in a quote's searchable text a word was found; earlier fields weigh more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Text = 0,
    Speaker = 1,
    Meeting = 2,
    Theme = 3,
}

impl Field {
    pub(super) fn weight(self) -> u32 {
        match self {
            Field::Text => 8,
            Field::Speaker => 4,
            Field::Meeting | Field::Theme => 2,
        }
    }

    /// The field of a posting (`quote << 2 | field`).
    pub(super) fn of_posting(posting: u32) -> Field {
        match posting & 3 {
            0 => Field::Text,
            1 => Field::Speaker,
            2 => Field::Meeting,
            _ => Field::Theme,
        }
    }
}

/// The quote a posting belongs to.
pub(super) fn quote_of_posting(posting: u32) -> u32 {
    posting >> 2
}

#[derive(Debug, Default)]
pub(super) struct WordIndex {
    /// Sorted by word; each posting is `quote << 2 | field`, in quote order.
    entries: Vec<(String, Vec<u32>)>,
}

impl WordIndex {
    pub(super) fn build(corpus: &Corpus) -> WordIndex {
        WordIndex { entries: Builder::default().build(corpus) }
    }

    /// Every indexed word starting with `prefix`, with its postings.
    pub(super) fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u32])> {
        let start = self.entries.partition_point(|(w, _)| w.as_str() < prefix);
        self.entries[start..]
            .iter()
            .take_while(move |(w, _)| w.starts_with(prefix))
            .map(|(w, p)| (w.as_str(), p.as_slice()))
    }
}

/// Speakers, meetings and themes repeat across thousands of quotes, so their words are
/// looked up once each and only their postings repeat.
#[derive(Default)]
struct Builder {
    ids: FxHashMap<Box<str>, u32>,
    words: Vec<(String, Vec<u32>)>,
    buffer: String,
}

impl Builder {
    fn build(mut self, corpus: &Corpus) -> Vec<(String, Vec<u32>)> {
        let speakers: FxHashMap<&str, Vec<u32>> = corpus
            .speakers
            .iter()
            .map(|s| {
                let names = std::iter::once(s.name.as_str()).chain(s.aliases.iter().map(String::as_str));
                (s.id.as_str(), self.distinct_word_ids(names))
            })
            .collect();
        let meetings: FxHashMap<&str, Vec<u32>> = corpus
            .meetings
            .iter()
            .map(|m| (m.id.as_str(), self.distinct_word_ids([m.title.as_str(), m.place.as_str()])))
            .collect();
        let themes: FxHashMap<&str, Vec<u32>> = corpus
            .themes
            .iter()
            .map(|t| (t.id.as_str(), self.distinct_word_ids([t.label.as_str()])))
            .collect();

        let mut text_ids = Vec::new();
        for (doc, q) in corpus.quotes.iter().enumerate() {
            let doc = doc as u32;
            self.distinct_word_ids_into([q.text.as_str()], &mut text_ids);
            for &w in &text_ids {
                self.words[w as usize].1.push(doc << 2 | Field::Text as u32);
            }
            let mut post = |ids: Option<&Vec<u32>>, field: Field| {
                for &w in ids.into_iter().flatten() {
                    let list = &mut self.words[w as usize].1;
                    let posting = doc << 2 | field as u32;
                    // Quotes are indexed in order, so this quote's postings are at the end.
                    if !list.iter().rev().take_while(|&&p| quote_of_posting(p) == doc).any(|&p| p == posting)
                    {
                        list.push(posting);
                    }
                }
            };
            post(speakers.get(q.speaker.as_str()), Field::Speaker);
            post(meetings.get(q.meeting.as_str()), Field::Meeting);
            for t in &q.themes {
                post(themes.get(t.as_str()), Field::Theme);
            }
        }
        let mut words = self.words;
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        words
    }

    /// The ids of the distinct words of `texts`, adding new words to the vocabulary.
    fn distinct_word_ids<'t>(&mut self, texts: impl IntoIterator<Item = &'t str>) -> Vec<u32> {
        let mut ids = Vec::new();
        self.distinct_word_ids_into(texts, &mut ids);
        ids
    }

    /// [`Builder::distinct_word_ids`] into a buffer that is reused for every quote.
    fn distinct_word_ids_into<'t>(&mut self, texts: impl IntoIterator<Item = &'t str>, ids: &mut Vec<u32>) {
        ids.clear();
        for text in texts {
            for (start, end) in text::word_ranges(text) {
                ids.push(self.word_id(&text[start..end]));
            }
        }
        ids.sort_unstable();
        ids.dedup();
    }

    fn word_id(&mut self, word: &str) -> u32 {
        self.buffer.clear();
        text::normalize_word_into(word, &mut self.buffer);
        if let Some(&id) = self.ids.get(self.buffer.as_str()) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(self.buffer.as_str().into(), id);
        self.words.push((self.buffer.clone(), Vec::new()));
        id
    }
}
