//! An article's text as the proposer reads it: paragraphs (and the bullet or number that
//! opens a point), passages in quotation marks, sentences and words. Every part is a byte
//! range of the article, so whatever is proposed from it is the article's own text.

use std::ops::Range;

/// How a paragraph begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// Running text.
    None,
    /// "•", "-", "*" and the like: the mark is not part of the point's text.
    Bullet,
    /// "1.", "2)", "(3)": the number is not part of the point's text.
    Number,
    /// "First,", "Second,": the word is part of the point's sentence.
    Ordinal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// From its first to its last visible character.
    pub range: Range<usize>,
    /// The paragraph without its bullet or number.
    pub body: Range<usize>,
    pub marker: Marker,
}

const BULLETS: [char; 9] = ['•', '·', '▪', '◦', '‣', '-', '*', '–', '—'];
const ORDINALS: [&str; 20] = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "firstly",
    "secondly", "thirdly", "fourthly", "fifthly", "finally", "lastly", "last", "next", "then",
];

/// The paragraphs: runs of lines between blank lines, or each line when the text has no blank
/// line between two others (as a page's text often comes); a bulleted or numbered line always
/// starts a paragraph of its own.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        lines.push(start..start + line.len());
        start += line.len();
    }
    let blank = |r: &Range<usize>| text[r.clone()].trim().is_empty();
    let first = lines.iter().position(|l| !blank(l)).unwrap_or(lines.len());
    let last = lines.iter().rposition(|l| !blank(l)).unwrap_or(0);
    let blank_lines_part_paragraphs =
        lines.iter().enumerate().any(|(i, l)| i > first && i < last && blank(l));
    let mut out: Vec<Paragraph> = Vec::new();
    let mut previous_blank = true;
    for line in &lines {
        if blank(line) {
            previous_blank = true;
            continue;
        }
        let visible = trimmed(text, line.clone());
        let (marker, body) = marker_of(text, visible.clone());
        let starts = previous_blank || !blank_lines_part_paragraphs || marker != Marker::None;
        match out.last_mut() {
            Some(paragraph) if !starts => {
                paragraph.range.end = visible.end;
                paragraph.body.end = visible.end;
            }
            _ => out.push(Paragraph { range: visible, body, marker }),
        }
        previous_blank = false;
    }
    out
}

/// `range` without the white space at either end.
pub fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let part = &text[range.clone()];
    let start = range.start + (part.len() - part.trim_start().len());
    let end = range.end - (part.len() - part.trim_end().len());
    start..end.max(start)
}

fn marker_of(text: &str, line: Range<usize>) -> (Marker, Range<usize>) {
    let part = &text[line.clone()];
    let after = |skip: usize| -> Option<Range<usize>> {
        let rest = &part[skip..];
        let body = rest.trim_start();
        (rest.starts_with(char::is_whitespace) && !body.is_empty()).then(|| line.end - body.len()..line.end)
    };
    let mut chars = part.chars();
    if let Some(first) = chars.next() {
        if BULLETS.contains(&first) {
            if let Some(body) = after(first.len_utf8()) {
                return (Marker::Bullet, body);
            }
        }
    }
    let digits = part.bytes().skip(usize::from(part.starts_with('('))).take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let open = usize::from(part.starts_with('('));
        let close = part.as_bytes().get(open + digits).copied();
        let closes = if open == 1 { close == Some(b')') } else { matches!(close, Some(b'.' | b')')) };
        if closes {
            if let Some(body) = after(open + digits + 1) {
                return (Marker::Number, body);
            }
        }
    }
    let word: String = part.chars().take_while(|c| c.is_alphabetic()).collect();
    let lower = word.to_lowercase();
    if ORDINALS.contains(&lower.as_str()) && part[word.len()..].starts_with(',') {
        return (Marker::Ordinal, line);
    }
    (Marker::None, line)
}

/// A passage in quotation marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quotation {
    /// From the opening mark to just after the closing one.
    pub outer: Range<usize>,
    /// The words inside, without the white space and the trailing comma the marks enclose.
    pub inner: Range<usize>,
    /// The paragraphs it spans, by position.
    pub paragraphs: Range<usize>,
}

/// Opening marks and the mark that closes each.
const MARKS: [(char, char); 4] = [('“', '”'), ('"', '"'), ('«', '»'), ('‘', '’')];

/// Every top-level passage in quotation marks, straight or curly. A passage may span
/// paragraphs the way English prints it: no closing mark at the end of a paragraph, an
/// opening mark again at the start of the next. A mark that is never closed opens nothing.
pub fn quotations(text: &str, paragraphs: &[Paragraph]) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut p = 0;
    let mut pos = paragraphs.first().map_or(0, |p| p.body.start);
    while p < paragraphs.len() {
        let end = paragraphs[p].range.end;
        let Some((open_at, open, close)) = next_opening(text, pos, end) else {
            p += 1;
            pos = paragraphs.get(p).map_or(0, |p| p.body.start);
            continue;
        };
        let from = open_at + open.len_utf8();
        match closing(text, paragraphs, p, from, open, close) {
            Some((close_at, last)) => {
                let outer = open_at..close_at + close.len_utf8();
                let inner = inner_words(text, from..close_at);
                if !inner.is_empty() {
                    out.push(Quotation { outer: outer.clone(), inner, paragraphs: p..last + 1 });
                }
                p = last;
                pos = outer.end;
            }
            None => pos = from,
        }
    }
    out
}

fn next_opening(text: &str, from: usize, end: usize) -> Option<(usize, char, char)> {
    let mut previous = text[..from].chars().next_back();
    for (i, c) in text[from..end].char_indices() {
        let at = from + i;
        if let Some(&(open, close)) = MARKS.iter().find(|(open, _)| *open == c) {
            let opens_after = previous.is_none_or(|p| p.is_whitespace() || "([{—–-:/".contains(p));
            let next = text[at + c.len_utf8()..].chars().next();
            if opens_after && next.is_some_and(|n| !n.is_whitespace()) {
                return Some((at, open, close));
            }
        }
        previous = Some(c);
    }
    None
}

/// Where the passage opened just before `from` (in paragraph `p`) closes, and the paragraph
/// it closes in.
fn closing(
    text: &str,
    paragraphs: &[Paragraph],
    mut p: usize,
    mut from: usize,
    open: char,
    close: char,
) -> Option<(usize, usize)> {
    loop {
        let end = paragraphs[p].range.end;
        for (i, c) in text[from..end].char_indices() {
            let at = from + i;
            // A curly apostrophe inside a word ("Russia’s") closes nothing.
            let ends_word =
                close != '’' || text[at + c.len_utf8()..].chars().next().is_none_or(|n| !n.is_alphanumeric());
            if c == close && ends_word {
                return Some((at, p));
            }
        }
        let next = paragraphs.get(p + 1)?;
        if !text[next.body.start..].starts_with(open) {
            return None;
        }
        p += 1;
        from = next.body.start + open.len_utf8();
    }
}

/// The words a pair of marks encloses: no white space at the ends, and no comma that only
/// joins the quote to "he said" (“…conditions,” Wang said).
fn inner_words(text: &str, range: Range<usize>) -> Range<usize> {
    let range = trimmed(text, range);
    let end = range.start + text[range.clone()].trim_end_matches([',', ';', ':']).trim_end().len();
    range.start..end
}

/// How many words a passage has.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Words a sentence may end with a full stop after without ending there.
const ABBREVIATIONS: [&str; 26] = [
    "mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "no", "vs", "etc", "inc", "co", "ltd", "gen", "gov", "prof",
];

/// The sentences of a paragraph, as ranges that together cover it.
pub fn sentences(text: &str, paragraph: Range<usize>) -> Vec<Range<usize>> {
    let part = &text[paragraph.clone()];
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = part.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '?' | '!' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, closer)) = chars.peek() {
            if !"”’\"»)]".contains(closer) {
                break;
            }
            end = j + closer.len_utf8();
            chars.next();
        }
        let rest = &part[end..];
        let next = rest.trim_start();
        let spaced = rest.len() > next.len();
        let starts_sentence = next
            .chars()
            .next()
            .is_some_and(|n| n.is_uppercase() || n.is_ascii_digit() || "“\"‘«".contains(n));
        let word: &str = part[..i].rsplit(|ch: char| ch.is_whitespace()).next().unwrap_or("");
        let abbreviation = c == '.'
            && (ABBREVIATIONS.contains(
                &word.trim_start_matches(|ch: char| !ch.is_alphanumeric()).to_lowercase().as_str(),
            ) || word.contains('.')
                || word.chars().count() == 1);
        if spaced && starts_sentence && !abbreviation {
            out.push(paragraph.start + start..paragraph.start + end);
            start = part.len() - next.len();
        }
    }
    if start < part.len() {
        out.push(paragraph.start + start..paragraph.end);
    }
    out
}

/// A word of the text and where it is.
#[derive(Debug, Clone)]
pub struct Word<'a> {
    pub text: &'a str,
    pub range: Range<usize>,
    /// Whether punctuation follows it directly ("Smith," or "said:"), which ends a name.
    pub then_punctuation: bool,
}

/// The words, stripped of the punctuation around them.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for token in text.split_inclusive(char::is_whitespace) {
        let at = offset;
        offset += token.len();
        let token = token.trim_end();
        let lead = token.len() - token.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let core = token[lead..].trim_end_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            continue;
        }
        let then_punctuation = lead + core.len() < token.len();
        out.push(Word { text: core, range: at + lead..at + lead + core.len(), then_punctuation });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        let paragraphs = paragraphs(text);
        quotations(text, &paragraphs).into_iter().map(|q| &text[q.inner]).collect()
    }

    #[test]
    fn paragraphs_are_parted_by_blank_lines_or_else_by_lines_and_points_stand_alone() {
        let text = "Title\n\nOne line\nwrapped here.\n\n  • A point\n  2. Another\n\nFirst, do this.\n";
        let found: Vec<(&str, &str, Marker)> =
            paragraphs(text).into_iter().map(|p| (&text[p.range], &text[p.body], p.marker)).collect();
        assert_eq!(
            found,
            [
                ("Title", "Title", Marker::None),
                ("One line\nwrapped here.", "One line\nwrapped here.", Marker::None),
                ("• A point", "A point", Marker::Bullet),
                ("2. Another", "Another", Marker::Number),
                ("First, do this.", "First, do this.", Marker::Ordinal),
            ]
        );
        let lines = "Head\nSecond line\n(3) third\n";
        let found: Vec<&str> = paragraphs(lines).into_iter().map(|p| &lines[p.body]).collect();
        assert_eq!(found, ["Head", "Second line", "third"]);
    }

    #[test]
    fn straight_curly_and_single_quotation_marks_are_read_and_apostrophes_are_not() {
        assert_eq!(
            quoted("He said “we will,” and ‘Russia’s friends’ and \"fine\" then «bien». It’s 5\" long."),
            ["we will", "Russia’s friends", "fine", "bien"]
        );
    }

    #[test]
    fn a_quotation_spans_paragraphs_when_the_next_one_opens_again() {
        let text = "He said: “First part.\n\n“Second part.”\n\nAfter.";
        assert_eq!(quoted(text), ["First part.\n\n“Second part."]);
        let q = &quotations(text, &paragraphs(text))[0];
        assert_eq!(q.paragraphs, 0..2);
    }

    #[test]
    fn a_mark_never_closed_opens_nothing() {
        assert_eq!(quoted("An “unclosed one.\n\nNext “closed” here."), ["closed"]);
    }

    #[test]
    fn sentences_end_at_stops_but_not_after_abbreviations_or_initials() {
        let text = "Mr. Wang met the U.S. envoy. “Fine.” He left! 200 came. Dec. 7 was it";
        let found: Vec<&str> = sentences(text, 0..text.len()).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            ["Mr. Wang met the U.S. envoy.", "“Fine.”", "He left!", "200 came.", "Dec. 7 was it"]
        );
    }

    #[test]
    fn words_lose_the_punctuation_around_them() {
        let found: Vec<(&str, bool)> =
            words("“Smith,” said (Mr Wang):").iter().map(|w| (w.text, w.then_punctuation)).collect();
        assert_eq!(found, [("Smith", true), ("said", false), ("Mr", false), ("Wang", true)]);
    }
}
