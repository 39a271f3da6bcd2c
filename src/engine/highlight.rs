//! Marking what matched: a displayed text split into plain and matched pieces, by the same
//! word rules the index uses.

use super::phrases::Span;
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

/// A piece of displayed text: whether it matched the search, whether it is part of a
/// phrase another text shares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece<'a> {
    pub text: &'a str,
    pub matched: bool,
    pub shared: bool,
}

/// Splits `text` into pieces by the search's matches and the `shared` spans; joined, the
/// pieces are `text`.
pub fn highlight_shared<'a>(text: &'a str, terms: &SearchTerms, shared: &[Span]) -> Vec<Piece<'a>> {
    let mut pieces: Vec<Piece<'a>> = Vec::new();
    let mut at = 0;
    for segment in highlight(text, terms) {
        let end = at + segment.text.len();
        // Cut the segment where a shared span starts or ends.
        let mut cuts: Vec<usize> =
            shared.iter().flat_map(|s| [s.start, s.end]).filter(|&c| c > at && c < end).collect();
        cuts.sort_unstable();
        cuts.push(end);
        let mut from = at;
        for cut in cuts {
            if cut > from {
                let is_shared = shared.iter().any(|s| s.start <= from && from < s.end);
                let piece = Piece { text: &text[from..cut], matched: segment.marked, shared: is_shared };
                match pieces.last_mut() {
                    Some(last) if last.matched == piece.matched && last.shared == piece.shared => {
                        let start = from - last.text.len();
                        last.text = &text[start..cut];
                    }
                    _ => pieces.push(piece),
                }
                from = cut;
            }
        }
        at = end;
    }
    pieces
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
    fn shared_phrases_and_matches_are_marked_each_on_its_own_and_together() {
        let text = "oppose small circles and hegemony";
        let pieces = highlight_shared(text, &SearchTerms::parse("circles"), &[Span { start: 7, end: 24 }]);
        let flags: Vec<(&str, bool, bool)> = pieces.iter().map(|p| (p.text, p.matched, p.shared)).collect();
        assert_eq!(
            flags,
            [
                ("oppose ", false, false),
                ("small ", false, true),
                ("circles", true, true),
                (" and", false, true),
                (" hegemony", false, false)
            ]
        );
        assert_eq!(pieces.iter().map(|p| p.text).collect::<String>(), text);
        let plain = highlight_shared(text, &SearchTerms::default(), &[]);
        assert_eq!(plain, [Piece { text, matched: false, shared: false }]);
    }

    #[test]
    fn highlight_without_terms_is_one_plain_segment() {
        let segs = highlight("text", &SearchTerms::default());
        assert_eq!(segs, vec![Segment { text: "text", marked: false }]);
    }
}
