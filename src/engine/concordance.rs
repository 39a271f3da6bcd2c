//! Keyword in context, as a concordancer (AntConc, Voyant's Contexts) lists it: every
//! occurrence of the search's words in the current results' quotes, with the words before
//! and after it, sortable by either side.

use super::text::{normalize_word, normalize_word_into, word_ranges, SearchTerms};
use super::{Catalog, Results};

/// How the lines are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ContextSort {
    /// As the results are, and within a quote in reading order.
    #[default]
    Results,
    /// By the words before the keyword, nearest first.
    Left,
    /// By the words after the keyword.
    Right,
}

impl ContextSort {
    pub const ALL: [ContextSort; 3] = [ContextSort::Results, ContextSort::Left, ContextSort::Right];

    /// Its name in the URL (`kwic=left`).
    pub fn param(self) -> &'static str {
        match self {
            ContextSort::Results => "results",
            ContextSort::Left => "left",
            ContextSort::Right => "right",
        }
    }

    pub fn from_param(param: &str) -> Option<ContextSort> {
        ContextSort::ALL.into_iter().find(|s| s.param() == param)
    }

    pub fn label(self) -> &'static str {
        match self {
            ContextSort::Results => "As the results",
            ContextSort::Left => "By the words before",
            ContextSort::Right => "By the words after",
        }
    }
}

/// Lines shown at first, and added by each "show more".
pub const LINES_SHOWN: usize = 100;

/// Words of context shown on each side of the keyword.
pub const CONTEXT_WORDS: usize = 8;

/// One occurrence: the quote, and where its keyword is in the quote's text (bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub position: u32,
    pub start: usize,
    pub end: usize,
}

/// A line as shown: up to [`CONTEXT_WORDS`] words either side of the keyword, cut at words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub position: u32,
    pub id: String,
    pub left: String,
    pub keyword: String,
    pub right: String,
}

impl Catalog {
    /// Every occurrence of a search word in the text of the results' quotes, in `sort` order.
    pub fn concordance(&self, terms: &SearchTerms, results: &Results, sort: ContextSort) -> Vec<Hit> {
        let mut hits = Vec::new();
        if terms.is_empty() {
            return hits;
        }
        let mut word = String::new();
        for &position in &results.quotes {
            let text = &self.quote(position).text;
            for (start, end) in word_ranges(text) {
                word.clear();
                normalize_word_into(&text[start..end], &mut word);
                if terms.matches_word(&word) {
                    hits.push(Hit { position, start, end });
                }
            }
        }
        if sort != ContextSort::Results {
            let keys: Vec<(Vec<String>, String)> = hits.iter().map(|hit| self.sort_key(hit, sort)).collect();
            let mut order: Vec<u32> = (0..hits.len() as u32).collect();
            crate::order::sort_positions(&mut order, &|a, b| {
                keys[a as usize].cmp(&keys[b as usize]).then(a.cmp(&b))
            });
            hits = order.into_iter().map(|i| hits[i as usize]).collect();
        }
        hits
    }

    /// What a line sorts by: the normalised words before the keyword, nearest first, or
    /// those after it (no words first); then the keyword, so that equal contexts group by it.
    fn sort_key(&self, hit: &Hit, sort: ContextSort) -> (Vec<String>, String) {
        let text = &self.quote(hit.position).text;
        let words: Vec<String> = match sort {
            ContextSort::Left => {
                let before: Vec<String> = super::text::words(&text[..hit.start]).collect();
                before.into_iter().rev().take(CONTEXT_WORDS).collect()
            }
            _ => super::text::words(&text[hit.end..]).take(CONTEXT_WORDS).collect(),
        };
        (words, normalize_word(&text[hit.start..hit.end]))
    }

    /// The line of a hit, as a reader sees it.
    pub fn concordance_line(&self, hit: &Hit) -> Line {
        let q = self.quote(hit.position);
        let text = &q.text;
        let before: Vec<(usize, usize)> = word_ranges(&text[..hit.start]).collect();
        let left_from = before.len().checked_sub(CONTEXT_WORDS).map_or(0, |first| before[first].0);
        let after: Vec<(usize, usize)> = word_ranges(&text[hit.end..]).take(CONTEXT_WORDS).collect();
        let right_to = after.last().map_or(hit.end, |&(_, e)| hit.end + e);
        Line {
            position: hit.position,
            id: q.id.clone(),
            left: format!("{}{}", if left_from > 0 { "…" } else { "" }, &text[left_from..hit.start]),
            keyword: text[hit.start..hit.end].to_owned(),
            right: format!("{}{}", &text[hit.end..right_to], if right_to < text.len() { "…" } else { "" }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::engine::Query;

    fn bundled() -> Catalog {
        Catalog::new(corpus::bundled().unwrap())
    }

    #[test]
    fn every_occurrence_in_the_results_is_a_line_and_the_line_is_the_quote() {
        let c = bundled();
        let query = Query::text("democra");
        let terms = c.index.search_terms(&query.text);
        let results = c.search(&query);
        let hits = c.concordance(&terms, &results, ContextSort::Results);
        let expected: usize = results
            .quotes
            .iter()
            .map(|&p| {
                crate::engine::text::words(&c.quote(p).text).filter(|w| w.starts_with("democra")).count()
            })
            .sum();
        assert_eq!(hits.len(), expected);
        assert!(expected > 5);
        for hit in &hits {
            let line = c.concordance_line(hit);
            assert!(line.keyword.to_lowercase().starts_with("democra"));
            let joined = format!(
                "{}{}{}",
                line.left.trim_start_matches('…'),
                line.keyword,
                line.right.trim_end_matches('…')
            );
            assert!(c.quote(hit.position).text.contains(&joined), "{joined}");
            assert!(
                line.left.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count()
                    <= CONTEXT_WORDS
            );
        }
    }

    #[test]
    fn lines_sort_by_the_words_before_or_after() {
        let c = bundled();
        let query = Query::text("democracy");
        let terms = c.index.search_terms(&query.text);
        let results = c.search(&query);
        let right = c.concordance(&terms, &results, ContextSort::Right);
        let keys: Vec<_> = right.iter().map(|h| c.sort_key(h, ContextSort::Right)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        let left = c.concordance(&terms, &results, ContextSort::Left);
        let keys: Vec<_> = left.iter().map(|h| c.sort_key(h, ContextSort::Left)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]));
        assert!(keys[0].0.is_empty(), "a keyword with nothing before it comes first");
        assert_eq!(left.len(), right.len());
    }

    #[test]
    fn no_search_words_no_lines() {
        let c = bundled();
        let results = c.search(&Query::default());
        assert!(c.concordance(&SearchTerms::default(), &results, ContextSort::Left).is_empty());
        for sort in ContextSort::ALL {
            assert_eq!(ContextSort::from_param(sort.param()), Some(sort));
        }
    }
}
