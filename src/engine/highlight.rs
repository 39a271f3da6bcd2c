//! Marking what matched: a displayed text split into plain and matched pieces, by the same
//! word rules the index uses.

use super::text::{normalize_word, word_ranges, SearchTerms};

/// A piece of displayed text, marked when it matched the search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub marked: bool,
}

/// Splits `text` into plain and matched pieces for display; joined, the pieces are `text`.
pub fn highlight<'a>(text: &'a str, terms: &SearchTerms) -> Vec<Segment<'a>> {
    let mut segments = Vec::new();
    let mut plain_from = 0;
    if !terms.is_empty() {
        for (start, end) in word_ranges(text) {
            if terms.matches_word(&normalize_word(&text[start..end])) {
                if plain_from < start {
                    segments.push(Segment { text: &text[plain_from..start], marked: false });
                }
                segments.push(Segment { text: &text[start..end], marked: true });
                plain_from = end;
            }
        }
    }
    if plain_from < text.len() || segments.is_empty() {
        segments.push(Segment { text: &text[plain_from..], marked: false });
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_marks_prefix_matches_and_keeps_every_character() {
        let text = "“False democracy” and democratic <b>values</b>";
        let segs = highlight(text, &SearchTerms::parse("democ"));
        let marked: Vec<&str> = segs.iter().filter(|s| s.marked).map(|s| s.text).collect();
        assert_eq!(marked, ["democracy", "democratic"]);
        assert_eq!(segs.iter().map(|s| s.text).collect::<String>(), text);
    }

    #[test]
    fn highlight_without_terms_is_one_plain_segment() {
        let segs = highlight("text", &SearchTerms::default());
        assert_eq!(segs, vec![Segment { text: "text", marked: false }]);
    }
}
