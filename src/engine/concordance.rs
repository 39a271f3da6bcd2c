//! Keyword in context, as a concordancer (AntConc, Voyant's Contexts) lists it: every
//! occurrence of the search's words in the current results' quotes, with the words before
//! and after it, sortable by either side.

use super::text::{word_ranges, SearchTerms};
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

/// One occurrence: the quote, and which of its text's words is the keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub position: u32,
    pub word: u32,
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
    /// Words are compared by their ids in the index, which order as the words do, so that
    /// sorting tens of thousands of lines splits no text and makes no string.
    pub fn concordance(&self, terms: &SearchTerms, results: &Results, sort: ContextSort) -> Vec<Hit> {
        let mut hits = Vec::new();
        if terms.is_empty() {
            return hits;
        }
        let matching = self.index.term_words(terms);
        for &position in &results.quotes {
            let text = self.index.text_words(position);
            hits.extend(
                (0..text.len() as u32)
                    .filter(|&at| matching.matches(text[at as usize]))
                    .map(|word| Hit { position, word }),
            );
        }
        if sort != ContextSort::Results {
            let words = |hit: &Hit| {
                let text = self.index.text_words(hit.position);
                let (before, rest) = text.split_at(hit.word as usize);
                (before, rest[0], &rest[1..])
            };
            let mut order: Vec<u32> = (0..hits.len() as u32).collect();
            crate::order::sort_positions(&mut order, &|a, b| {
                let ((before_a, keyword_a, after_a), (before_b, keyword_b, after_b)) =
                    (words(&hits[a as usize]), words(&hits[b as usize]));
                let context = if sort == ContextSort::Left {
                    let nearest_a = before_a.iter().rev().take(CONTEXT_WORDS);
                    nearest_a.cmp(before_b.iter().rev().take(CONTEXT_WORDS))
                } else {
                    after_a.iter().take(CONTEXT_WORDS).cmp(after_b.iter().take(CONTEXT_WORDS))
                };
                context.then(keyword_a.cmp(&keyword_b)).then(a.cmp(&b))
            });
            hits = order.into_iter().map(|i| hits[i as usize]).collect();
        }
        hits
    }

    /// The line of a hit, as a reader sees it.
    pub fn concordance_line(&self, hit: &Hit) -> Line {
        let q = self.quote(hit.position);
        let text = &q.text;
        let ranges: Vec<(usize, usize)> = word_ranges(text).collect();
        let at = hit.word as usize;
        let (start, end) = ranges[at];
        // Cut only where words are left out: a closing stop or quotation mark stays.
        let left_from = if at > CONTEXT_WORDS { ranges[at - CONTEXT_WORDS].0 } else { 0 };
        let right_to =
            if ranges.len() > at + CONTEXT_WORDS + 1 { ranges[at + CONTEXT_WORDS].1 } else { text.len() };
        Line {
            position: hit.position,
            id: q.id.clone(),
            left: format!("{}{}", if left_from > 0 { "…" } else { "" }, &text[left_from..start]),
            keyword: text[start..end].to_owned(),
            right: format!("{}{}", &text[end..right_to], if right_to < text.len() { "…" } else { "" }),
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

    /// What a line sorts by, read from the quote's text: the normalised words before the
    /// keyword, nearest first, or those after it; then the keyword.
    fn sort_key(c: &Catalog, hit: &Hit, sort: ContextSort) -> (Vec<String>, String) {
        let words: Vec<String> = crate::engine::text::words(&c.quote(hit.position).text).collect();
        let at = hit.word as usize;
        let context = match sort {
            ContextSort::Left => words[..at].iter().rev().take(CONTEXT_WORDS).cloned().collect(),
            _ => words[at + 1..].iter().take(CONTEXT_WORDS).cloned().collect(),
        };
        (context, words[at].clone())
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
        let keys: Vec<_> = right.iter().map(|h| sort_key(&c, h, ContextSort::Right)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        let left = c.concordance(&terms, &results, ContextSort::Left);
        let keys: Vec<_> = left.iter().map(|h| sort_key(&c, h, ContextSort::Left)).collect();
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
