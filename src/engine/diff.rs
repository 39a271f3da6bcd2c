//! What changed between two reports of one remark: a word-level difference, by the same word
//! rules the index uses, so that punctuation, case and quotation-mark styles are no
//! difference, only words are.

use super::text::{normalize_word, word_ranges};

/// How a piece of the shown text relates to the report it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// In both reports (and the spaces and punctuation between words).
    Same,
    /// Only in the report shown.
    Added,
    /// Only in the report it is compared with: its words, shown where they would have been.
    Removed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffPart {
    pub change: Change,
    pub text: String,
}

/// Longest pair of texts compared word by word (words × words); beyond it the two are shown
/// as wholly different rather than spending seconds on a hostile corpus's giant quotes.
const MAX_CELLS: usize = 1_000_000;

/// `other` as it differs from `base`: `other`'s text in order, its words that `base` lacks
/// marked [`Change::Added`], and `base`'s words that `other` lacks inserted as
/// [`Change::Removed`]. Leaving out the removed parts gives `other` exactly.
pub fn word_diff(base: &str, other: &str) -> Vec<DiffPart> {
    let a: Vec<(usize, usize)> = word_ranges(base).collect();
    let b: Vec<(usize, usize)> = word_ranges(other).collect();
    let key = |text: &str, &(s, e): &(usize, usize)| normalize_word(&text[s..e]);
    let (a_keys, b_keys): (Vec<String>, Vec<String>) =
        (a.iter().map(|r| key(base, r)).collect(), b.iter().map(|r| key(other, r)).collect());
    let steps = align(&a_keys, &b_keys);

    let mut parts = Parts::default();
    let leading_end = b.first().map_or(other.len(), |&(s, _)| s);
    parts.push(Change::Same, &other[..leading_end]);
    let mut k = 0;
    while k < steps.len() {
        // A run of one kind of step, as one part.
        let (kind, first) = steps[k];
        let mut last = first;
        while k + 1 < steps.len() && steps[k + 1].0 == kind {
            k += 1;
            last = steps[k].1;
        }
        k += 1;
        match kind {
            Change::Removed => {
                // Spaced from the words around it, which would otherwise touch it; the space
                // goes with the removed words, so that the rest is `other` as it is.
                let mut removed = String::new();
                if !parts.ends_with_space() {
                    removed.push(' ');
                }
                removed.push_str(&base[a[first].0..a[last].1]);
                if k < steps.len() {
                    removed.push(' ');
                }
                parts.push(Change::Removed, &removed);
            }
            change => {
                parts.push(change, &other[b[first].0..b[last].1]);
                let gap_end = b.get(last + 1).map_or(other.len(), |&(s, _)| s);
                parts.push(Change::Same, &other[b[last].1..gap_end]);
            }
        }
    }
    parts.0
}

/// The parts so far; adjacent parts of one kind become one.
#[derive(Default)]
struct Parts(Vec<DiffPart>);

impl Parts {
    fn push(&mut self, change: Change, text: &str) {
        if text.is_empty() {
            return;
        }
        match self.0.last_mut() {
            Some(last) if last.change == change => last.text.push_str(text),
            _ => self.0.push(DiffPart { change, text: text.to_owned() }),
        }
    }

    /// Whether the text so far is empty or ends in white space.
    fn ends_with_space(&self) -> bool {
        self.0.last().is_none_or(|p| p.text.ends_with(char::is_whitespace))
    }
}

/// The steps from `a` to `b` by a longest common subsequence: (`Same` or `Added`, a word of
/// `b`) or (`Removed`, a word of `a`), in reading order, removals before additions.
fn align(a: &[String], b: &[String]) -> Vec<(Change, usize)> {
    let (n, m) = (a.len(), b.len());
    if n.saturating_mul(m) > MAX_CELLS {
        return (0..n).map(|i| (Change::Removed, i)).chain((0..m).map(|j| (Change::Added, j))).collect();
    }
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    let width = m + 1;
    let mut lcs = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * width + j] = if a[i] == b[j] {
                lcs[(i + 1) * width + j + 1] + 1
            } else {
                lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
            };
        }
    }
    let mut steps = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            steps.push((Change::Same, j));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
            steps.push((Change::Removed, i));
            i += 1;
        } else {
            steps.push((Change::Added, j));
            j += 1;
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::engine::text::words;
    use crate::engine::Catalog;

    fn marked(parts: &[DiffPart], change: Change) -> Vec<&str> {
        parts.iter().filter(|p| p.change == change).map(|p| p.text.trim()).collect()
    }

    /// Every diff keeps both texts: without the removed parts it is `other`; the words of
    /// the parts that are not added are `base`'s words.
    fn assert_keeps_both(base: &str, other: &str, parts: &[DiffPart]) {
        let shown: String =
            parts.iter().filter(|p| p.change != Change::Removed).map(|p| p.text.as_str()).collect();
        assert_eq!(shown, other);
        let base_words: Vec<String> = parts
            .iter()
            .filter(|p| p.change != Change::Added)
            .flat_map(|p| words(&p.text).collect::<Vec<_>>())
            .collect();
        assert_eq!(base_words, words(base).collect::<Vec<_>>(), "{parts:?}");
    }

    #[test]
    fn identical_words_in_other_quotation_marks_and_punctuation_are_no_difference() {
        let (base, other) = ("Promote ‘real democracy’, he said.", "promote \"real democracy\" he said");
        let parts = word_diff(base, other);
        assert_eq!(parts, [DiffPart { change: Change::Same, text: other.to_owned() }]);
    }

    #[test]
    fn added_and_removed_words_are_marked_where_they_fall() {
        let base = "China will work with Russia to promote real democracy";
        let other = "China is willing to work together with Russia to promote real democracy";
        let parts = word_diff(base, other);
        assert_eq!(marked(&parts, Change::Added), ["is willing to", "together"]);
        assert_eq!(marked(&parts, Change::Removed), ["will"]);
        assert_keeps_both(base, other, &parts);
    }

    #[test]
    fn reordered_words_are_one_removal_and_one_addition() {
        let parts = word_diff("small circles, new Cold War", "new Cold War, small circles");
        assert_eq!(marked(&parts, Change::Removed), ["small circles"]);
        assert_eq!(marked(&parts, Change::Added), ["small circles"]);
        assert_keeps_both("small circles, new Cold War", "new Cold War, small circles", &parts);
    }

    #[test]
    fn empty_and_one_word_texts() {
        assert_eq!(word_diff("", ""), []);
        let parts = word_diff("", "democracy.");
        assert_eq!(marked(&parts, Change::Added), ["democracy"]);
        assert_keeps_both("", "democracy.", &parts);
        let parts = word_diff("democracy", "");
        assert_eq!(marked(&parts, Change::Removed), ["democracy"]);
        assert_eq!(
            word_diff("Democracy", "democracy!"),
            [DiffPart { change: Change::Same, text: "democracy!".into() }]
        );
        let parts = word_diff("democracy", "hegemony");
        assert_eq!(
            (marked(&parts, Change::Removed), marked(&parts, Change::Added)),
            (vec!["democracy"], vec!["hegemony"])
        );
    }

    #[test]
    fn texts_too_long_to_align_are_wholly_different_and_still_kept() {
        let base = "word ".repeat(1500);
        let other = "word ".repeat(1000);
        let parts = word_diff(&base, &other);
        assert_keeps_both(&base, &other, &parts);
    }

    #[test]
    fn every_variant_group_of_the_bundled_corpus_diffs_both_ways_and_keeps_both_texts() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let mut pairs = 0;
        for p in 0..c.len() as u32 {
            for v in c.variants(p) {
                let (base, other) = (&c.quote(p).text, &c.quote(v).text);
                let parts = word_diff(base, other);
                assert_keeps_both(base, other, &parts);
                pairs += 1;
            }
        }
        assert!(pairs >= 10, "{pairs}");
        // The Guilin remark: the readout says "partnership of" and "China and Russia" where the
        // tracker's quote says "the two countries".
        let tracker = c.quote(c.quote_position("guilin-wang-no-matter-how-tracker").unwrap());
        let readout = c.quote(c.quote_position("guilin-wang-no-matter-how-readout").unwrap());
        let parts = word_diff(&tracker.text, &readout.text);
        assert!(marked(&parts, Change::Added).iter().any(|t| t.contains("partnership of")), "{parts:?}");
        assert!(marked(&parts, Change::Removed).iter().any(|t| t.contains("two countries")), "{parts:?}");
    }
}
