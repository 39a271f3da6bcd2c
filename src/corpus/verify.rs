//! Checks that keep the curated corpus honest: every quoted word traceable to its source,
//! nothing unused, undocumented or duplicated. Loading a corpus does not require these;
//! the corpus tests do.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::model::{Corpus, Source};

/// Folds the differences a verbatim comparison should forgive: runs of white space and
/// typographic quotation marks. Everything else, letters and punctuation, must match.
pub fn normalize_for_comparison(s: &str) -> String {
    normalized_chars(s).map(|(c, _)| c).collect()
}

/// The characters of `s` as [`normalize_for_comparison`] gives them, each with the byte
/// range of `s` it stands for (a run of white space becomes one space).
fn normalized_chars(s: &str) -> impl Iterator<Item = (char, Range<usize>)> + '_ {
    let mut chars = s.char_indices().peekable();
    let mut started = false;
    std::iter::from_fn(move || loop {
        let (start, ch) = chars.next()?;
        if !ch.is_whitespace() {
            started = true;
            return Some((fold_quote_style(ch), start..start + ch.len_utf8()));
        }
        while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
        // A trailing run ends the text; a leading one is dropped; an inner one is one space.
        let (next, _) = *chars.peek()?;
        if started {
            return Some((' ', start..next));
        }
    })
}

fn fold_quote_style(ch: char) -> char {
    match ch {
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        other => other,
    }
}

/// Where `needle` occurs verbatim in `haystack`, as a byte range of `haystack`: exactly, or
/// else forgiving only what [`normalize_for_comparison`] forgives. This is the one test of
/// "the quote sits in this passage", for validation and for marking the quote in its context.
pub fn locate_verbatim(haystack: &str, needle: &str) -> Option<Range<usize>> {
    if let Some(start) = find(haystack, needle) {
        return Some(start..start + needle.len());
    }
    let wanted: Vec<char> = normalized_chars(needle).map(|(c, _)| c).collect();
    if wanted.is_empty() {
        return None;
    }
    let hay: Vec<(char, Range<usize>)> = normalized_chars(haystack).collect();
    let at = hay
        .windows(wanted.len())
        .position(|window| window.iter().map(|(c, _)| *c).eq(wanted.iter().copied()))?;
    Some(hay[at].1.start..hay[at + wanted.len() - 1].1.end)
}

/// Every problem found when comparing the quotes with their source texts.
/// `source_text` returns the text of a source, or `None` if it cannot be read.
pub fn verify_against_sources(
    corpus: &Corpus,
    source_text: impl Fn(&Source) -> Option<String>,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut texts: HashMap<&str, (String, Vec<String>)> = HashMap::new();
    for source in &corpus.sources {
        match source_text(source) {
            Some(text) => {
                let lines = text.lines().map(normalize_for_comparison).collect();
                texts.insert(&source.id, (normalize_for_comparison(&text), lines));
            }
            None => {
                problems.push(format!("source '{}': cannot read its text at '{}'.", source.id, source.file))
            }
        }
    }
    for q in &corpus.quotes {
        let Some((whole, lines)) = texts.get(q.source.as_str()) else {
            continue;
        };
        let text = normalize_for_comparison(&q.text);
        let context = normalize_for_comparison(&q.context);
        if !whole.contains(&text) {
            problems
                .push(format!("quote '{}': text does not occur verbatim in source '{}'.", q.id, q.source));
        }
        if !whole.contains(&context) {
            problems
                .push(format!("quote '{}': context does not occur verbatim in source '{}'.", q.id, q.source));
        }
        // A quotation that runs over paragraphs starts on its line and goes on below.
        let first_line = normalize_for_comparison(q.text.lines().next().unwrap_or_default());
        let on_line = (q.line as usize)
            .checked_sub(1)
            .and_then(|i| lines.get(i))
            .is_some_and(|line| line.contains(&first_line));
        if !on_line {
            problems
                .push(format!("quote '{}': text is not on line {} of source '{}'.", q.id, q.line, q.source));
        }
    }
    problems
}

/// Where `needle` first occurs in `haystack`. Checking every quote against its context is
/// the bulk of validating a corpus: most candidates are rejected on their first byte, so
/// scanning for it and comparing the rest is several times faster than setting up the
/// standard two-way search for every quote. A pathological pair that makes the scan
/// compare too much falls back to that search, which is linear.
fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, wanted) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = wanted.split_first() else { return Some(0) };
    let last_start = hay.len().checked_sub(wanted.len())?;
    let mut budget = 4 * hay.len() + 64;
    let mut at = 0;
    while at <= last_start {
        at += hay[at..=last_start].iter().position(|&b| b == first)?;
        if &hay[at + 1..at + wanted.len()] == rest {
            return Some(at);
        }
        match budget.checked_sub(wanted.len()) {
            Some(left) => budget = left,
            None => return haystack[at..].find(needle).map(|found| at + found),
        }
        at += 1;
    }
    None
}

/// Quality rules for a curated corpus: each speaker, meeting, theme and statement is used and
/// documented, and no two quotes repeat the same text from the same source.
pub fn lint(corpus: &Corpus) -> Vec<String> {
    let mut problems = Vec::new();
    let used_speakers: HashSet<&str> = corpus
        .quotes
        .iter()
        .map(|q| q.speaker.as_str())
        .chain(corpus.statements.iter().map(|s| s.speaker.as_str()))
        .chain(corpus.meetings.iter().flat_map(|m| m.participants.iter().map(String::as_str)))
        .collect();
    let used_meetings: HashSet<&str> = corpus.quotes.iter().map(|q| q.meeting.as_str()).collect();
    let used_themes: HashSet<&str> =
        corpus.quotes.iter().flat_map(|q| q.themes.iter().map(String::as_str)).collect();
    let used_sources: HashSet<&str> = corpus.quotes.iter().map(|q| q.source.as_str()).collect();
    let used_statements: HashSet<&str> =
        corpus.quotes.iter().filter_map(|q| q.statement.as_ref().map(|s| s.id.as_str())).collect();

    for s in &corpus.speakers {
        if !used_speakers.contains(s.id.as_str()) {
            problems.push(format!("speaker '{}' is not used by any quote or meeting.", s.id));
        }
        if s.role.trim().is_empty() || s.country.trim().is_empty() {
            problems.push(format!("speaker '{}' needs a role and a country.", s.id));
        }
    }
    for m in &corpus.meetings {
        if !used_meetings.contains(m.id.as_str()) {
            problems.push(format!("meeting '{}' is not used by any quote.", m.id));
        }
        let derived = m.date_precision != super::model::DatePrecision::Day;
        if derived && m.date_note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            problems.push(format!(
                "meeting '{}' has a {:?} date but no date_note saying how it was derived.",
                m.id, m.date_precision
            ));
        }
    }
    for t in &corpus.themes {
        if !used_themes.contains(t.id.as_str()) {
            problems.push(format!("theme '{}' is not used by any quote.", t.id));
        }
        if t.definition.trim().is_empty() {
            problems.push(format!("theme '{}' has no definition.", t.id));
        }
    }
    for s in &corpus.sources {
        if !used_sources.contains(s.id.as_str()) {
            problems.push(format!("source '{}' is not used by any quote.", s.id));
        }
    }
    for s in &corpus.statements {
        if !used_statements.contains(s.id.as_str()) {
            problems.push(format!("statement '{}' has no points in the corpus.", s.id));
        }
    }
    let mut seen = HashMap::new();
    for q in &corpus.quotes {
        let key = (normalize_for_comparison(&q.text), q.source.as_str());
        if let Some(first) = seen.insert(key, q.id.as_str()) {
            problems
                .push(format!("quotes '{first}' and '{}' repeat the same text from the same source.", q.id));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_located_in_its_passage_despite_quote_styles_and_white_space() {
        let context = "He said:  \u{201C}small\n circles\u{201D} are wrong.";
        let range = locate_verbatim(context, "\"small circles\"").expect("found");
        assert_eq!(&context[range], "\u{201C}small\n circles\u{201D}");
        let at = context.find("are wrong").unwrap();
        assert_eq!(locate_verbatim(context, "are wrong"), Some(at..at + 9));
        assert_eq!(locate_verbatim(context, "are right"), None);
        let exact = "plain text";
        assert_eq!(locate_verbatim(exact, "text"), Some(6..10));
    }

    #[test]
    fn the_fast_search_finds_what_the_standard_one_finds() {
        let many_a = "a".repeat(5_000);
        let cases = [
            ("plain text", "text"),
            ("text", "plain text"),
            ("abc", ""),
            ("", "a"),
            ("ééé x ééé", "é x"),
            (many_a.as_str(), "aaab"),
            (&format!("{many_a}b"), &format!("{}b", "a".repeat(3_000))),
        ];
        for (hay, needle) in cases {
            assert_eq!(find(hay, needle), hay.find(needle), "{needle} in {hay}");
        }
    }

    #[test]
    fn normalization_forgives_only_whitespace_and_quote_styles() {
        assert_eq!(
            normalize_for_comparison("  oppose \u{201C}small  circles,\u{201D}\n  it\u{2019}s"),
            "oppose \"small circles,\" it's"
        );
        assert_ne!(normalize_for_comparison("democracy"), normalize_for_comparison("Democracy"));
    }
}
