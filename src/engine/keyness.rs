//! Distinctive words: which words one group of quotes uses that the other does not, by the
//! log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and Quinn 2008,
//! "Fightin' Words"), the prior being the whole corpus's word frequencies. Common function
//! words are left out ([`STOP_WORDS`]).

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

/// Whether a word counts: not a function word, not a number.
pub fn is_counted(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_err() && !word.bytes().all(|b| b.is_ascii_digit())
}

/// Each word's z-score for groups A and B, given their counts and the background's (the
/// prior's frequencies) by word id, as Monroe, Colaresi and Quinn's equations 16 and 20–22
/// have it: every word either group uses, most distinctive of A first (ties by id).
pub fn log_odds_z(a: &[u32], b: &[u32], background: &[u32], prior_words: f64) -> Vec<(u32, f64)> {
    let total = |counts: &[u32]| counts.iter().map(|&n| f64::from(n)).sum::<f64>();
    let (n_a, n_b, n_bg) = (total(a), total(b), total(background));
    if n_bg == 0.0 {
        return Vec::new();
    }
    let mut found: Vec<(u32, f64)> = (0..background.len())
        .filter(|&id| background[id] > 0 && (a[id] > 0 || b[id] > 0))
        .map(|id| {
            let alpha = prior_words * f64::from(background[id]) / n_bg;
            let (y_a, y_b) = (f64::from(a[id]), f64::from(b[id]));
            let log_odds = |y: f64, n: f64| ((y + alpha) / (n + prior_words - y - alpha)).ln();
            let delta = log_odds(y_a, n_a) - log_odds(y_b, n_b);
            let variance = 1.0 / (y_a + alpha) + 1.0 / (y_b + alpha);
            (id as u32, delta / variance.sqrt())
        })
        .collect();
    found.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    found
}

impl Catalog {
    /// The whole corpus's word counts by word id, the words that do not count at 0: the
    /// prior of distinctive words, counted when first asked for, once.
    fn background_words(&self) -> &[u32] {
        self.background_words.get_or_init(|| {
            let mut counts = vec![0u32; self.index.vocabulary_len()];
            for doc in 0..self.len() as u32 {
                self.index.text_words(doc).iter().for_each(|&id| counts[id as usize] += 1);
            }
            for (id, n) in counts.iter_mut().enumerate() {
                if *n > 0 && !is_counted(self.index.word(id as u32)) {
                    *n = 0;
                }
            }
            counts
        })
    }

    /// The words most distinctive of the quotes at `a` against those at `b` and back, the
    /// whole corpus being the prior.
    pub fn keyness(&self, a: &[u32], b: &[u32]) -> Keyness {
        let background = self.background_words();
        let counts = |positions: &[u32]| {
            let mut counts = vec![0u32; background.len()];
            for &position in positions {
                for &id in self.index.text_words(position) {
                    // Uncounted words are 0 in the background.
                    counts[id as usize] += u32::from(background[id as usize] > 0);
                }
            }
            counts
        };
        let (in_a, in_b) = (counts(a), counts(b));
        let scored = log_odds_z(&in_a, &in_b, background, PRIOR_WORDS);
        let keyword = |&(id, z): &(u32, f64)| Keyword {
            word: self.index.word(id).to_owned(),
            z,
            in_a: in_a[id as usize],
            in_b: in_b[id as usize],
        };
        let of_a = scored
            .iter()
            .filter(|k| k.1 > 0.0 && in_a[k.0 as usize] > 0)
            .take(WORDS_LISTED)
            .map(keyword)
            .collect();
        let of_b = scored
            .iter()
            .rev()
            .filter(|k| k.1 < 0.0 && in_b[k.0 as usize] > 0)
            .take(WORDS_LISTED)
            .map(keyword)
            .collect();
        Keyness { of_a, of_b, words_a: in_a.iter().sum(), words_b: in_b.iter().sum() }
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

    #[test]
    fn the_z_scores_are_those_worked_out_by_hand() {
        // A: hegemony ×3, peace ×1 (4 words); B: hegemony ×1, peace ×3 (4 words); background:
        // both (hegemony 4, peace 4, 8 words); prior weight 8, so alpha = 4 for each word.
        // hegemony: delta = ln((3+4)/(4+8-3-4)) - ln((1+4)/(4+8-1-4)) = ln(7/5) - ln(5/7)
        //         = 0.672944; variance = 1/7 + 1/5 = 0.342857; z = 0.672944 / 0.585540 = 1.149271.
        // Word 0 is "hegemony", 1 "peace", 2 a word neither group uses.
        let scored = log_odds_z(&[3, 1, 0], &[1, 3, 0], &[4, 4, 5], 8.0);
        assert_eq!(scored.len(), 2, "a word neither group uses is not scored");
        assert_eq!(scored[0].0, 0);
        // With word 2 in the background, n_bg is 13: alpha = 8 × 4 / 13 for both words.
        let alpha = 8.0 * 4.0 / 13.0;
        let log_odds = |y: f64| ((y + alpha) / (4.0 + 8.0 - y - alpha)).ln();
        let z = (log_odds(3.0) - log_odds(1.0)) / (1.0 / (3.0 + alpha) + 1.0 / (1.0 + alpha)).sqrt();
        assert!((scored[0].1 - z).abs() < 1e-9);
        let scored = log_odds_z(&[3, 1], &[1, 3], &[4, 4], 8.0);
        assert!((scored[0].1 - 1.149_271).abs() < 1e-5, "{}", scored[0].1);
        assert!((scored[1].1 + 1.149_271).abs() < 1e-5, "peace is as distinctive of B: {}", scored[1].1);
        assert_eq!(z_label(scored[0].1), "1.15");
        assert_eq!(z_label(-0.004), "0.00");
        assert_eq!(z_label(-12.345), "-12.35");
    }

    #[test]
    fn the_stop_list_is_in_order_for_its_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn function_words_and_numbers_are_not_counted() {
        let words = crate::engine::text::words("The two sides oppose the hegemony of 2021");
        let counted: Vec<String> = words.filter(|w| is_counted(w)).collect();
        assert_eq!(counted, ["two", "sides", "oppose", "hegemony"]);
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
        // Every count is a plain count of the word in the group's texts.
        let plain = |group: &[u32], word: &str| -> u32 {
            let texts = group.iter().map(|&p| c.quote(p).text.as_str());
            texts.flat_map(crate::engine::text::words).filter(|w| w == word).count() as u32
        };
        let plain_total = |group: &[u32]| -> u32 {
            let texts = group.iter().map(|&p| c.quote(p).text.as_str());
            texts.flat_map(crate::engine::text::words).filter(|w| is_counted(w)).count() as u32
        };
        for k in keyness.of_a.iter().chain(&keyness.of_b) {
            assert_eq!((k.in_a, k.in_b), (plain(&china, &k.word), plain(&russia, &k.word)), "{}", k.word);
        }
        assert_eq!((keyness.words_a, keyness.words_b), (plain_total(&china), plain_total(&russia)));
    }
}
