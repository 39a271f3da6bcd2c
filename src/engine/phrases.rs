//! Phrases two texts share: runs of three or more words, normalised for case, punctuation
//! and quotation marks by the index's word rules, so that a reader comparing two statements
//! sees what carried over from one to the other.

use std::ops::Range;

use rustc_hash::{FxHashSet, FxHasher};

use super::text::{normalize_word, word_ranges};

/// A piece of a text, in bytes.
pub type Span = Range<usize>;

/// Fewest words a shared phrase has: two would mark every "of the".
pub const PHRASE_WORDS: usize = 3;

/// For each group of texts, for each text, the spans of its phrases of [`PHRASE_WORDS`] or
/// more words that a text of another group also has (overlapping shared phrases are one span).
pub fn shared_phrases(groups: &[Vec<&str>]) -> Vec<Vec<Vec<Span>>> {
    let words: Vec<Vec<Vec<(Span, String)>>> = groups
        .iter()
        .map(|texts| {
            texts
                .iter()
                .map(|text| word_ranges(text).map(|(s, e)| (s..e, normalize_word(&text[s..e]))).collect())
                .collect()
        })
        .collect();
    let phrase_sets: Vec<FxHashSet<u64>> = words
        .iter()
        .map(|texts| texts.iter().flat_map(|w| phrase_keys(w).collect::<Vec<_>>()).collect())
        .collect();
    words
        .iter()
        .enumerate()
        .map(|(group, texts)| {
            texts
                .iter()
                .map(|w| {
                    let in_another = |key: &u64| {
                        phrase_sets.iter().enumerate().any(|(other, set)| other != group && set.contains(key))
                    };
                    let mut covered = vec![false; w.len()];
                    for (start, key) in phrase_keys(w).enumerate() {
                        if in_another(&key) {
                            covered[start..start + PHRASE_WORDS].iter_mut().for_each(|c| *c = true);
                        }
                    }
                    runs(w, &covered)
                })
                .collect()
        })
        .collect()
}

/// A key for each run of [`PHRASE_WORDS`] words, by where it starts.
fn phrase_keys(words: &[(Span, String)]) -> impl Iterator<Item = u64> + '_ {
    words.windows(PHRASE_WORDS).map(|window| {
        use std::hash::{Hash, Hasher};
        let mut hasher = FxHasher::default();
        window.iter().for_each(|(_, word)| word.hash(&mut hasher));
        hasher.finish()
    })
}

/// The spans of the runs of covered words, each from its first word's start to its last's end.
fn runs(words: &[(Span, String)], covered: &[bool]) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut previous_covered = false;
    for ((span, _), &is_covered) in words.iter().zip(covered) {
        if is_covered {
            match spans.last_mut() {
                Some(last) if previous_covered => last.end = span.end,
                _ => spans.push(span.clone()),
            }
        }
        previous_covered = is_covered;
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| &text[s.clone()]).collect()
    }

    #[test]
    fn three_shared_words_are_a_phrase_and_two_are_not() {
        let a = "The two sides agree. They oppose “small circles” and hegemony.";
        let b = "We OPPOSE small-circles AND hegemony, as the two sides said.";
        let spans = shared_phrases(&[vec![a], vec![b]]);
        assert_eq!(
            marked(a, &spans[0][0]),
            ["The two sides", "oppose “small circles” and hegemony"],
            "case, quotes and punctuation aside"
        );
        assert_eq!(marked(b, &spans[1][0]), ["OPPOSE small-circles AND hegemony", "the two sides"]);
        let spans = shared_phrases(&[vec!["real democracy now"], vec!["real democracy later"]]);
        assert!(spans.iter().flatten().all(Vec::is_empty), "two words are no phrase");
    }

    #[test]
    fn phrases_are_matched_across_groups_only_and_in_any_text_of_the_other() {
        let spans =
            shared_phrases(&[vec!["one two three", "one two three four"], vec!["x", "two three four"]]);
        assert!(spans[0][0].is_empty(), "shared within its own group only");
        assert_eq!(marked("one two three four", &spans[0][1]), ["two three four"]);
        assert_eq!(marked("two three four", &spans[1][1]), ["two three four"]);
    }

    #[test]
    fn empty_and_short_texts_share_nothing() {
        let none: Vec<Vec<Vec<Span>>> = vec![vec![vec![]], vec![vec![]]];
        assert_eq!(shared_phrases(&[vec![""], vec!["a b"]]), none);
        assert_eq!(shared_phrases(&[]), Vec::<Vec<Vec<Span>>>::new());
    }
}
