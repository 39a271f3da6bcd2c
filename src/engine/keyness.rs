//! Distinctive words: which words one group of quotes uses that the other does not, by the
//! log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
//! "Fightin' Words"), the prior being the whole corpus's word frequencies. Common function
//! words are left out ([`STOP_WORDS`]).

use rustc_hash::FxHashMap;

use super::text::{normalize_word_into, word_ranges};
use super::Catalog;

/// The prior's total weight, in words: how strongly a rare word is pulled towards its
/// frequency in the whole corpus.
pub const PRIOR_WORDS: f64 = 500.0;

/// Words listed per group.
pub const WORDS_LISTED: usize = 20;

/// English function words, and the reporting verbs every news article is full of; in
/// alphabetical order, for a binary search.
pub const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
];

/// A word and how distinctive it is of group A (positive) or B (negative).
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword {
    pub word: String,
    /// The z-score of the log-odds ratio: above about 2, the difference is unlikely to be chance.
    pub z: f64,
    pub in_a: u32,
    pub in_b: u32,
}

/// The words most distinctive of each of two groups.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Keyness {
    /// Most distinctive of A first.
    pub of_a: Vec<Keyword>,
    /// Most distinctive of B first.
    pub of_b: Vec<Keyword>,
    pub words_a: u32,
    pub words_b: u32,
}

/// Word counts of a set of texts, function words and numbers left out. (One buffer for
/// every word, and a new key only for a new word: this runs over a million words at 100k quotes.)
pub fn word_counts<'a>(texts: impl Iterator<Item = &'a str>) -> FxHashMap<String, u32> {
    let mut counts: FxHashMap<String, u32> = FxHashMap::default();
    let mut word = String::new();
    for text in texts {
        for (start, end) in word_ranges(text) {
            word.clear();
            normalize_word_into(&text[start..end], &mut word);
            if STOP_WORDS.binary_search(&word.as_str()).is_ok() || word.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            match counts.get_mut(word.as_str()) {
                Some(n) => *n += 1,
                None => {
                    counts.insert(word.clone(), 1);
                }
            }
        }
    }
    counts
}

/// Each word's z-score, for groups A and B against a background (the prior's frequencies),
/// as Monroe, Colaresi and Quinn's equations 16 and 20–22 have it.
pub fn log_odds_z(
    a: &FxHashMap<String, u32>,
    b: &FxHashMap<String, u32>,
    background: &FxHashMap<String, u32>,
    prior_words: f64,
) -> Vec<Keyword> {
    let total = |counts: &FxHashMap<String, u32>| counts.values().map(|&n| f64::from(n)).sum::<f64>();
    let (n_a, n_b, n_bg) = (total(a), total(b), total(background));
    if n_bg == 0.0 {
        return Vec::new();
    }
    let mut found: Vec<Keyword> = background
        .iter()
        .filter(|(w, _)| a.contains_key(*w) || b.contains_key(*w))
        .map(|(word, &in_bg)| {
            let alpha = prior_words * f64::from(in_bg) / n_bg;
            let (y_a, y_b) =
                (f64::from(a.get(word).copied().unwrap_or(0)), f64::from(b.get(word).copied().unwrap_or(0)));
            let log_odds = |y: f64, n: f64| ((y + alpha) / (n + prior_words - y - alpha)).ln();
            let delta = log_odds(y_a, n_a) - log_odds(y_b, n_b);
            let variance = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha);
            Keyword { word: word.clone(), z: delta / variance.sqrt(), in_a: y_a as u32, in_b: y_b as u32 }
        })
        .collect();
    found.sort_by(|x, y| y.z.total_cmp(&x.z).then_with(|| x.word.cmp(&y.word)));
    found
}

impl Catalog {
    /// The words most distinctive of the quotes at `a` against those at `b` and back, the
    /// whole corpus being the prior.
    pub fn keyness(&self, a: &[u32], b: &[u32]) -> Keyness {
        let counts = |positions: &[u32]| word_counts(positions.iter().map(|&p| self.quote(p).text.as_str()));
        let (in_a, in_b) = (counts(a), counts(b));
        let background = self
            .background_words
            .get_or_init(|| word_counts(self.corpus.quotes.iter().map(|q| q.text.as_str())));
        let scored = log_odds_z(&in_a, &in_b, background, PRIOR_WORDS);
        let of_a = scored.iter().filter(|k| k.z > 0.0 && k.in_a > 0).take(WORDS_LISTED).cloned().collect();
        let of_b =
            scored.iter().rev().filter(|k| k.z < 0.0 && k.in_b > 0).take(WORDS_LISTED).cloned().collect();
        Keyness { of_a, of_b, words_a: in_a.values().sum(), words_b: in_b.values().sum() }
    }
}

/// A z-score as people read it, to two decimals ("4.21", "-0.50"), without float formatting.
pub fn z_label(z: f64) -> String {
    let hundredths = (z * 100.0).round() as i64;
    let sign = if hundredths < 0 { "-" } else { "" };
    let abs = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::engine::{Facet, Query};

    fn counts(pairs: &[(&str, u32)]) -> FxHashMap<String, u32> {
        pairs.iter().map(|&(w, n)| (w.to_owned(), n)).collect()
    }

    #[test]
    fn the_z_scores_are_those_worked_out_by_hand() {
        // A: hegemony ×3, peace ×1 (4 words); B: hegemony ×1, peace ×3 (4 words); background:
        // both (hegemony 4, peace 4, 8 words); prior weight 8, so alpha = 4 for each word.
        // hegemony: delta = ln((3+4)/(4+8-3-4)) - ln((1+4)/(4+8-1-4)) = ln(7/5) - ln(5/7)
        //         = 0.672944; variance = 1/7 + 1/5 = 0.342857; z = 0.672944 / 0.585540 = 1.149271.
        let a = counts(&[("hegemony", 3), ("peace", 1)]);
        let b = counts(&[("hegemony", 1), ("peace", 3)]);
        let background = counts(&[("hegemony", 4), ("peace", 4)]);
        let scored = log_odds_z(&a, &b, &background, 8.0);
        assert_eq!(scored.len(), 2);
        assert_eq!((scored[0].word.as_str(), scored[0].in_a, scored[0].in_b), ("hegemony", 3, 1));
        assert!((scored[0].z - 1.149_271).abs() < 1e-5, "{}", scored[0].z);
        assert!((scored[1].z + 1.149_271).abs() < 1e-5, "peace is as distinctive of B: {}", scored[1].z);
        assert_eq!(z_label(scored[0].z), "1.15");
        assert_eq!(z_label(-0.004), "0.00");
        assert_eq!(z_label(-12.345), "-12.35");
    }

    #[test]
    fn the_stop_list_is_in_order_for_its_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn function_words_and_numbers_are_not_counted() {
        let found = word_counts(["The two sides oppose the hegemony of 2021"].into_iter());
        let mut words: Vec<&str> = found.keys().map(String::as_str).collect();
        words.sort_unstable();
        assert_eq!(words, ["hegemony", "oppose", "sides", "two"]);
    }

    #[test]
    fn each_side_gets_its_own_words_and_every_word_is_in_its_group() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let side = |id: &str| {
            let mut q = Query::default();
            q.select(Facet::Side, id);
            c.search(&q).quotes
        };
        let (china, russia) = (side("china"), side("russia"));
        let keyness = c.keyness(&china, &russia);
        assert!(!keyness.of_a.is_empty() && !keyness.of_b.is_empty());
        assert!(keyness.of_a.windows(2).all(|w| w[0].z >= w[1].z));
        assert!(keyness.of_b.windows(2).all(|w| w[0].z <= w[1].z));
        assert!(keyness.of_a.iter().all(|k| k.in_a > 0 && !STOP_WORDS.contains(&k.word.as_str())));
        assert!(keyness.of_b.iter().all(|k| k.in_b > 0));
        assert!(keyness.words_a > keyness.words_b, "China's side has more quotes here");
    }
}
