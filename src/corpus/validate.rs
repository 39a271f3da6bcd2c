use std::collections::{HashMap, HashSet};
use std::fmt;

use super::model::{Corpus, SCHEMA_VERSION};
use super::verify::normalize_for_comparison;

/// Why a corpus could not be loaded. Each message names the entry and field and says what
/// was expected, so a person can fix their file; all problems are reported at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    pub messages: Vec<String>,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.messages.join("\n"))
    }
}

impl std::error::Error for CorpusError {}

/// Parses and validates a corpus. Either the whole corpus is good, or nothing is returned.
pub fn parse(json: &str) -> Result<Corpus, CorpusError> {
    if json.trim().is_empty() {
        return Err(CorpusError { messages: vec!["The corpus file is empty.".into()] });
    }
    let corpus: Corpus = match serde_json::from_str::<Corpus>(json) {
        Ok(corpus) if corpus.schema_version == SCHEMA_VERSION => corpus,
        Ok(corpus) => return Err(version_error(Some(u64::from(corpus.schema_version)))),
        Err(e) => {
            // An old or future file should hear about its version rather than about whichever
            // field changed; only a file that failed is skimmed for it, so good ones parse once.
            // (A number only: a general JSON value type would cost the wasm bundle dearly.)
            #[derive(serde::Deserialize)]
            struct VersionOnly {
                schema_version: Option<u64>,
            }
            match serde_json::from_str::<VersionOnly>(json) {
                Ok(VersionOnly { schema_version }) if schema_version != Some(u64::from(SCHEMA_VERSION)) => {
                    return Err(version_error(schema_version))
                }
                _ => return Err(CorpusError { messages: vec![format!("Not a valid corpus file: {e}.")] }),
            }
        }
    };
    let messages = check_integrity(&corpus);
    if messages.is_empty() {
        Ok(corpus)
    } else {
        Err(CorpusError { messages })
    }
}

fn version_error(found: Option<u64>) -> CorpusError {
    let message = match found {
        Some(v) => format!(
            "schema_version: this corpus is version {v}, but this app reads version {SCHEMA_VERSION}."
        ),
        None => format!("schema_version: missing; expected the number {SCHEMA_VERSION}."),
    };
    CorpusError { messages: vec![message] }
}

fn ids<'a>(collection: &str, items: impl Iterator<Item = &'a str>, messages: &mut Vec<String>) -> IdSet<'a> {
    let mut seen = IdSet::default();
    for (i, id) in items.enumerate() {
        if id.trim().is_empty() {
            messages.push(format!("{collection}[{i}].id: must not be empty."));
        } else if !seen.insert(id) {
            messages.push(format!(
                "{collection}[{i}].id: '{id}' is used by an earlier entry; ids must be unique."
            ));
        }
    }
    seen
}

/// Ids are many and short, and a reader's corpus is no adversary: a fast hash suits.
type IdSet<'a> = HashSet<&'a str, crate::engine::fast_hash::Build>;

fn check_ref(
    known: &IdSet,
    value: &str,
    what: &str,
    path: impl FnOnce() -> String,
    messages: &mut Vec<String>,
) {
    if !known.contains(value) {
        messages.push(format!("{}: '{value}' is not a {what} id.", path()));
    }
}

/// Checks that each id is unique, each reference resolves and each required text is present.
fn check_integrity(c: &Corpus) -> Vec<String> {
    let mut m = Vec::new();
    let themes = ids("themes", c.themes.iter().map(|t| t.id.as_str()), &mut m);
    let speakers = ids("speakers", c.speakers.iter().map(|s| s.id.as_str()), &mut m);
    let meetings = ids("meetings", c.meetings.iter().map(|s| s.id.as_str()), &mut m);
    let sources = ids("sources", c.sources.iter().map(|s| s.id.as_str()), &mut m);
    let statements = ids("statements", c.statements.iter().map(|s| s.id.as_str()), &mut m);
    ids("quotes", c.quotes.iter().map(|s| s.id.as_str()), &mut m);

    for (i, t) in c.themes.iter().enumerate() {
        if t.label.trim().is_empty() {
            m.push(format!("themes[{i}].label: must not be empty."));
        }
    }
    for (i, s) in c.speakers.iter().enumerate() {
        if s.name.trim().is_empty() {
            m.push(format!("speakers[{i}].name: must not be empty."));
        }
    }
    for (i, mt) in c.meetings.iter().enumerate() {
        if !is_iso_date(&mt.date) {
            m.push(format!(
                "meetings[{i}].date: '{}' is not a date; expected YYYY-MM-DD or YYYY-MM.",
                mt.date
            ));
        }
        for (j, p) in mt.participants.iter().enumerate() {
            check_ref(&speakers, p, "speaker", || format!("meetings[{i}].participants[{j}]"), &mut m);
        }
    }
    for (i, s) in c.sources.iter().enumerate() {
        if let Some(date) = &s.published {
            if !is_iso_date(date) {
                m.push(format!(
                    "sources[{i}].published: '{date}' is not a date; expected YYYY-MM-DD or YYYY-MM."
                ));
            }
        }
    }
    for (i, s) in c.statements.iter().enumerate() {
        check_ref(&speakers, &s.speaker, "speaker", || format!("statements[{i}].speaker"), &mut m);
        check_ref(&meetings, &s.meeting, "meeting", || format!("statements[{i}].meeting"), &mut m);
    }

    let mut variant_sizes: HashMap<&str, usize> = HashMap::new();
    for (i, q) in c.quotes.iter().enumerate() {
        if q.text.trim().is_empty() {
            m.push(format!("quotes[{i}].text: must not be empty."));
        }
        check_ref(&speakers, &q.speaker, "speaker", || format!("quotes[{i}].speaker"), &mut m);
        check_ref(&meetings, &q.meeting, "meeting", || format!("quotes[{i}].meeting"), &mut m);
        check_ref(&sources, &q.source, "source", || format!("quotes[{i}].source"), &mut m);
        if q.themes.is_empty() {
            m.push(format!("quotes[{i}].themes: needs at least one theme."));
        }
        for (j, t) in q.themes.iter().enumerate() {
            check_ref(&themes, t, "theme", || format!("quotes[{i}].themes[{j}]"), &mut m);
        }
        if let Some(st) = &q.statement {
            check_ref(&statements, &st.id, "statement", || format!("quotes[{i}].statement.id"), &mut m);
        }
        // Comparing exactly first is much faster, and almost always enough.
        if !q.context.contains(q.text.as_str())
            && !normalize_for_comparison(&q.context).contains(&normalize_for_comparison(&q.text))
        {
            m.push(format!(
                "quotes[{i}].context: does not contain the quote's text; the context must be the passage the quote sits in."
            ));
        }
        if let Some(group) = &q.variant_group {
            *variant_sizes.entry(group.as_str()).or_default() += 1;
        }
    }
    let mut lonely: Vec<&str> = variant_sizes.into_iter().filter(|&(_, n)| n < 2).map(|(g, _)| g).collect();
    lonely.sort_unstable();
    for g in lonely {
        m.push(format!(
            "variant_group '{g}': only one quote has it; a variant group links two or more reports of the same remark."
        ));
    }
    m
}

/// `YYYY-MM-DD` or `YYYY-MM`, with a plausible month and day.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok())?
    };
    match parts.as_slice() {
        [y, mo] => number(y, 4).is_some() && matches!(number(mo, 2), Some(1..=12)),
        [y, mo, d] => {
            number(y, 4).is_some()
                && matches!(number(mo, 2), Some(1..=12))
                && matches!(number(d, 2), Some(1..=31))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minimal() -> serde_json::Value {
        serde_json::json!({
            "schema_version": 1,
            "title": "t",
            "themes": [{"id": "democracy", "label": "Democracy", "definition": "d"}],
            "speakers": [{"id": "wang-yi", "name": "Wang Yi", "aliases": [], "role": "r", "country": "China", "kind": "person"}],
            "meetings": [{"id": "m", "title": "M", "place": "P", "date": "2021-03-23", "date_precision": "day", "participants": ["wang-yi"]}],
            "sources": [{"id": "s", "outlet": "O", "headline": "H", "file": "sources/s.txt"}],
            "statements": [],
            "quotes": [{"id": "q1", "text": "real democracy", "kind": "direct_quote", "speaker": "wang-yi",
                        "meeting": "m", "themes": ["democracy"], "source": "s", "line": 1,
                        "context": "to promote “real democracy” based on"}]
        })
    }

    fn parse_value(v: &serde_json::Value) -> Result<Corpus, CorpusError> {
        parse(&v.to_string())
    }

    #[test]
    fn accepts_a_minimal_valid_corpus() {
        let corpus = parse_value(&minimal()).expect("valid");
        assert_eq!(corpus.quotes.len(), 1);
    }

    #[test]
    fn names_the_entry_and_field_of_a_dangling_speaker() {
        let mut v = minimal();
        v["quotes"][0]["speaker"] = "wang".into();
        let err = parse_value(&v).unwrap_err();
        assert_eq!(err.messages, vec!["quotes[0].speaker: 'wang' is not a speaker id."]);
    }

    #[test]
    fn reports_every_problem_at_once() {
        let mut v = minimal();
        v["quotes"][0]["meeting"] = "nowhere".into();
        v["quotes"][0]["themes"] = serde_json::json!([]);
        v["meetings"][0]["participants"] = serde_json::json!(["ghost"]);
        let err = parse_value(&v).unwrap_err();
        assert_eq!(err.messages.len(), 3, "{err}");
    }

    #[test]
    fn rejects_duplicate_ids() {
        let mut v = minimal();
        let q = v["quotes"][0].clone();
        v["quotes"].as_array_mut().unwrap().push(q);
        let err = parse_value(&v).unwrap_err();
        assert!(err.messages[0].contains("quotes[1].id: 'q1' is used by an earlier entry"), "{err}");
    }

    #[test]
    fn rejects_another_schema_version_with_a_version_message() {
        let mut v = minimal();
        v["schema_version"] = 2.into();
        let err = parse_value(&v).unwrap_err();
        assert!(err.messages[0].contains("version 2"), "{err}");
    }

    #[test]
    fn a_future_format_or_a_missing_version_gets_a_version_message() {
        let mut v = minimal();
        v["schema_version"] = 3.into();
        v["quotes"] = serde_json::json!({ "restructured": true });
        assert!(parse_value(&v).unwrap_err().messages[0].contains("version 3"));
        v.as_object_mut().unwrap().remove("schema_version");
        assert!(parse_value(&v).unwrap_err().messages[0].contains("missing"));
    }

    #[test]
    fn rejects_empty_and_non_json_input() {
        assert!(parse("  ").unwrap_err().messages[0].contains("empty"));
        assert!(parse("<html>").unwrap_err().messages[0].contains("Not a valid corpus"));
    }

    #[test]
    fn rejects_a_quote_missing_from_its_context() {
        let mut v = minimal();
        v["quotes"][0]["context"] = "something else".into();
        let err = parse_value(&v).unwrap_err();
        assert!(err.messages[0].starts_with("quotes[0].context"), "{err}");
    }

    #[test]
    fn rejects_a_variant_group_of_one() {
        let mut v = minimal();
        v["quotes"][0]["variant_group"] = "alone".into();
        let err = parse_value(&v).unwrap_err();
        assert!(err.messages[0].contains("'alone'"), "{err}");
    }

    #[test]
    fn checks_date_shapes() {
        assert!(is_iso_date("2021-03-23"));
        assert!(is_iso_date("2022-03"));
        assert!(!is_iso_date("2022-13"));
        assert!(!is_iso_date("23 March 2021"));
        assert!(!is_iso_date("2021-3-23"));
    }
}
