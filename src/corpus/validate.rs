//! Reading a corpus file: parsed and checked whole, or refused with every problem named by
//! its entry and field.

use std::fmt;

use super::json::{self, Refusal};
use super::links::Links;
use super::model::{Corpus, SCHEMA_VERSION};

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

/// The largest corpus file the explorer opens. A 100,000-quote corpus is about 60 MB; far
/// beyond that, a browser tab runs out of memory before the reader sees anything.
pub const MAX_CORPUS_BYTES: u64 = 100 * 1024 * 1024;

/// At most this many problems are listed; a systematic mistake repeats in every entry.
const MAX_MESSAGES: usize = 100;

impl CorpusError {
    pub(super) fn one(message: impl Into<String>) -> CorpusError {
        CorpusError { messages: vec![message.into()] }
    }

    pub fn many(mut messages: Vec<String>) -> CorpusError {
        if messages.len() > MAX_MESSAGES {
            let more = messages.len() - MAX_MESSAGES;
            messages.truncate(MAX_MESSAGES);
            messages.push(format!("… and {more} more problems, not listed."));
        }
        CorpusError { messages }
    }
}

/// Refuses a file too large to open, before any of it is read.
pub fn check_size(bytes: u64) -> Result<(), CorpusError> {
    if bytes <= MAX_CORPUS_BYTES {
        return Ok(());
    }
    Err(CorpusError::one(format!(
        "The file is {}; the explorer opens corpus files of up to {}.",
        megabytes(bytes),
        megabytes(MAX_CORPUS_BYTES)
    )))
}

/// A byte count for people: "61 MB", "2.5 MB". In integers: float formatting would cost
/// every visitor its code.
pub fn megabytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    let tenths = (bytes.saturating_mul(10) + MIB / 2) / MIB;
    if tenths >= 100 {
        format!("{} MB", (bytes + MIB / 2) / MIB)
    } else {
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

/// Parses and validates a corpus. Either the whole corpus is good, or nothing is returned.
pub fn parse(json: &str) -> Result<Corpus, CorpusError> {
    parse_linked(json).map(|(corpus, _)| corpus)
}

/// [`parse`], keeping the links found while checking, which an index is built from.
pub fn parse_linked(json: &str) -> Result<(Corpus, Links), CorpusError> {
    check_size(json.len() as u64)?;
    parse_linked_of_any_size(json)
}

/// [`parse_bytes`] without the limit a page keeps to ([`MAX_CORPUS_BYTES`]): for the native
/// command's chunked index, made for corpora too large for a page to load whole.
pub fn parse_bytes_of_any_size(bytes: &[u8]) -> Result<(Corpus, Links), CorpusError> {
    parse_linked_of_any_size(utf8_text(bytes)?)
}

fn parse_linked_of_any_size(json: &str) -> Result<(Corpus, Links), CorpusError> {
    let mut reading = Reading::of_any_size(json)?;
    let corpus = loop {
        if let Some(done) = reading.step(usize::MAX) {
            break done?;
        }
    };
    let (links, messages) = Links::new(&corpus);
    if messages.is_empty() {
        Ok((corpus, links))
    } else {
        Err(CorpusError::many(messages))
    }
}

/// Parses a corpus file as read from disk or the network: UTF-8 text, with or without a
/// byte-order mark.
pub fn parse_bytes(bytes: &[u8]) -> Result<(Corpus, Links), CorpusError> {
    parse_linked(text_of(bytes)?)
}

/// A corpus file's text: UTF-8, with its byte-order mark (if any) left out.
pub fn text_of(bytes: &[u8]) -> Result<&str, CorpusError> {
    check_size(bytes.len() as u64)?;
    utf8_text(bytes)
}

fn utf8_text(bytes: &[u8]) -> Result<&str, CorpusError> {
    let mut check = TextCheck::of_any_size(bytes);
    loop {
        if let Some(done) = check.step(usize::MAX) {
            return done;
        }
    }
}

/// Checking that a corpus file is UTF-8 text a slice of bytes at a time, for a page that must
/// stay responsive: checked at once, a 60 MB file keeps a browser's main thread busy for
/// most of a tenth of a second. ([`text_of`] checks at once.)
pub struct TextCheck<'b> {
    bytes: &'b [u8],
    /// The bytes before this are whole characters of UTF-8.
    checked: usize,
}

impl<'b> TextCheck<'b> {
    /// Refuses at once a file too large.
    pub fn new(bytes: &'b [u8]) -> Result<TextCheck<'b>, CorpusError> {
        check_size(bytes.len() as u64)?;
        Ok(TextCheck::of_any_size(bytes))
    }

    fn of_any_size(bytes: &'b [u8]) -> TextCheck<'b> {
        TextCheck { bytes, checked: 0 }
    }

    /// How much of the file has been checked, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        self.checked as f64 / self.bytes.len().max(1) as f64
    }

    /// Checks about `bytes` more bytes; once all are checked, the text (its byte-order mark,
    /// if any, left out), or the first byte that is not UTF-8.
    pub fn step(&mut self, bytes: usize) -> Option<Result<&'b str, CorpusError>> {
        // At least the longest character, so that a step always gets past one cut by its end.
        let end = self.checked.saturating_add(bytes.max(4)).min(self.bytes.len());
        match std::str::from_utf8(&self.bytes[self.checked..end]) {
            Ok(_) => self.checked = end,
            // A character cut by the end of this step, not of the file: the next step reads it whole.
            Err(e) if e.error_len().is_none() && end < self.bytes.len() => self.checked += e.valid_up_to(),
            Err(e) => {
                return Some(Err(CorpusError::one(format!(
                    "Not text: byte {} is not UTF-8. A corpus is a JSON file in UTF-8 text.",
                    self.checked + e.valid_up_to() + 1
                ))))
            }
        }
        if self.checked < self.bytes.len() {
            return None;
        }
        // SAFETY: every byte is checked above, in runs that each begin and end between whole
        // characters, and such runs of UTF-8 joined are UTF-8. Checking the whole file again
        // would take as long as the steps together, in one.
        let text = unsafe { std::str::from_utf8_unchecked(self.bytes) };
        Some(Ok(text.strip_prefix('\u{FEFF}').unwrap_or(text)))
    }
}

/// Reading a corpus file a slice of entries at a time, for a page that must stay responsive
/// while it reads a large one; then [`crate::corpus::Linking`] checks what the entries
/// refer to. ([`parse_linked`] does both at once.)
pub struct Reading<'t>(json::Reading<'t>);

impl<'t> Reading<'t> {
    /// Refuses at once a text too large or empty.
    pub fn new(json: &'t str) -> Result<Reading<'t>, CorpusError> {
        check_size(json.len() as u64)?;
        Reading::of_any_size(json)
    }

    fn of_any_size(json: &'t str) -> Result<Reading<'t>, CorpusError> {
        if json.trim().is_empty() {
            return Err(CorpusError::one("The corpus file is empty."));
        }
        Ok(Reading(json::Reading::new(json)))
    }

    /// How much of the text has been read, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        self.0.fraction()
    }

    /// Reads on, up to `entries` entries; the corpus, or every problem found, once done.
    pub fn step(&mut self, entries: usize) -> Option<Result<Corpus, CorpusError>> {
        let done = self.0.step(entries)?;
        Some(done.map_err(|refusal| match refusal {
            Refusal::NotJson(what) => {
                CorpusError::one(format!("Not JSON: {what}. A corpus is a JSON file in the corpus schema."))
            }
            Refusal::NotAnObject => CorpusError::one(format!(
                "Not a corpus: the file must hold one JSON object with the fields {}.",
                json::FIELDS.join(", ")
            )),
            Refusal::Version(found) => version_error(found),
            Refusal::Schema(messages) => CorpusError::many(messages),
        }))
    }
}

/// `schema_version` missing (`None`), not a whole number (`Some(None)`), or not ours.
fn version_error(found: Option<Option<u64>>) -> CorpusError {
    let message = match found {
        Some(Some(v)) => format!(
            "schema_version: this corpus is version {v}, but this app reads version {SCHEMA_VERSION}."
        ),
        Some(None) => format!("schema_version: expected the number {SCHEMA_VERSION}."),
        None => format!("schema_version: missing; expected the number {SCHEMA_VERSION}."),
    };
    CorpusError::one(message)
}

/// Checks that each id is unique, each reference resolves and each required text is present:
/// a message for every problem, none for a sound corpus.
pub fn check_integrity(c: &Corpus) -> Vec<String> {
    Links::new(c).1
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, with a plausible month and day.
pub(super) fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok())?
    };
    match parts.as_slice() {
        [y] => number(y, 4).is_some(),
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
        assert_eq!(parse("  ").unwrap_err().messages, ["The corpus file is empty."]);
        let not_json = parse("<html>").unwrap_err().messages;
        assert!(not_json[0].starts_with("Not JSON: expected value at line 1 column 1."), "{not_json:?}");
        let truncated = parse(&minimal().to_string()[..100]).unwrap_err().messages;
        assert!(truncated[0].starts_with("Not JSON: EOF while parsing"), "{truncated:?}");
    }

    #[test]
    fn a_file_is_read_as_utf8_text_with_or_without_a_byte_order_mark() {
        let json = minimal().to_string();
        assert!(parse_bytes(json.as_bytes()).is_ok());
        assert!(parse_bytes(format!("\u{FEFF}{json}").as_bytes()).is_ok());
        let mut binary = json.into_bytes();
        binary[3] = 0xFF;
        assert_eq!(
            parse_bytes(&binary).unwrap_err().messages,
            ["Not text: byte 4 is not UTF-8. A corpus is a JSON file in UTF-8 text."]
        );
    }

    #[test]
    fn a_file_checked_a_slice_at_a_time_reads_as_when_checked_at_once() {
        // Characters of one to four bytes, so that slices end inside each kind.
        let text = "\u{FEFF}{\"q\": \"Démocratie – демократия 民主 𝄞 ok\"}";
        let mut broken = text.as_bytes().to_vec();
        broken[20] = 0xFF;
        let cut = text.find('𝄞').unwrap() + 2;
        let cut_short = &text.as_bytes()[..cut];
        for bytes in [text.as_bytes(), &broken, cut_short, b""] {
            let at_once = match std::str::from_utf8(bytes) {
                Ok(text) => Ok(text.strip_prefix('\u{FEFF}').unwrap_or(text)),
                Err(e) => Err(CorpusError::one(format!(
                    "Not text: byte {} is not UTF-8. A corpus is a JSON file in UTF-8 text.",
                    e.valid_up_to() + 1
                ))),
            };
            for slice in (1..12).chain([usize::MAX]) {
                let mut check = TextCheck::new(bytes).unwrap();
                let mut steps = 0;
                let sliced = loop {
                    steps += 1;
                    if let Some(done) = check.step(slice) {
                        break done;
                    }
                    assert!(check.fraction() < 1.0);
                };
                assert_eq!(sliced, at_once, "{slice}-byte slices of {bytes:?}");
                assert!(steps <= bytes.len() / slice.max(4) + 2, "{steps} steps for {slice}-byte slices");
            }
        }
        assert_eq!(utf8_text(text.as_bytes()), Ok(&text[3..]));
        assert_eq!(
            utf8_text(&broken).unwrap_err().messages,
            ["Not text: byte 21 is not UTF-8. A corpus is a JSON file in UTF-8 text."]
        );
        // The last character, cut by the end of the file, is where it stops being text.
        let message = &utf8_text(cut_short).unwrap_err().messages[0];
        assert!(message.starts_with(&format!("Not text: byte {} is not", cut - 1)), "{message}");
    }

    #[test]
    fn json_that_is_not_an_object_is_not_a_corpus() {
        for json in ["[]", "42", "\"quotes\"", "null"] {
            let err = parse(json).unwrap_err();
            assert!(err.messages[0].starts_with("Not a corpus: the file must hold one JSON object"), "{err}");
        }
    }

    #[test]
    fn byte_counts_read_as_people_write_them() {
        assert_eq!(megabytes(0), "0.0 MB");
        assert_eq!(megabytes(2_621_440), "2.5 MB");
        assert_eq!(megabytes(10 * 1024 * 1024 - 1), "10 MB");
        assert_eq!(megabytes(64_172_851), "61 MB");
        assert_eq!(megabytes(u64::MAX / 20), format!("{} MB", (u64::MAX / 20 + 524_288) / 1_048_576));
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused_before_reading_with_its_size() {
        let err = check_size(200 * 1024 * 1024).unwrap_err();
        assert_eq!(err.messages, ["The file is 200 MB; the explorer opens corpus files of up to 100 MB."]);
        assert!(check_size(MAX_CORPUS_BYTES).is_ok());
        assert!(check_size(61_249_028).is_ok(), "the 100,000-quote benchmark corpus opens");
    }

    #[test]
    fn deeply_nested_junk_is_refused_without_overflowing_the_stack() {
        // Parsed on a thread with a wasm-sized stack (1 MiB) to show the depth limit holds.
        let outcome = std::thread::Builder::new()
            .stack_size(1 << 20)
            .spawn(|| {
                let depth = 100_000;
                let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
                let in_a_field = format!(
                    r#"{{"schema_version":1,"title":{}{}{}}}"#,
                    "{\"a\":".repeat(depth),
                    "0",
                    "}".repeat(depth)
                );
                (parse(&arrays).unwrap_err(), parse(&in_a_field).unwrap_err())
            })
            .unwrap()
            .join()
            .expect("no stack overflow");
        assert!(outcome.0.messages[0].starts_with("Not a corpus"), "{:?}", outcome.0);
        assert!(outcome.1.messages.contains(&"title: expected text.".to_owned()), "{:?}", outcome.1);
    }

    #[test]
    fn schema_errors_name_every_broken_entry_and_its_field() {
        let mut v = minimal();
        let good = v["quotes"][0].clone();
        v["quotes"][0]["kind"] = "quip".into();
        v["quotes"].as_array_mut().unwrap().push(good.clone());
        let mut no_text = good.clone();
        no_text.as_object_mut().unwrap().remove("text");
        no_text["id"] = "q3".into();
        v["quotes"].as_array_mut().unwrap().push(no_text);
        v["quotes"][1]["statement"] = serde_json::json!({ "id": "s", "point": "two" });
        v["speakers"][0]["colour"] = "red".into();
        v["extra"] = true.into();
        let err = parse_value(&v).unwrap_err();
        assert_eq!(
            err.messages,
            [
                "extra: not a corpus field; the fields are schema_version, title, themes, speakers, meetings, sources, statements, quotes.",
                "speakers[0].colour: unknown field `colour`, expected one of `id`, `name`, `aliases`, `role`, `country`, `kind`.",
                "quotes[0].kind: unknown variant `quip`, expected one of `direct_quote`, `reported_statement`, `statement_point`, `headline`.",
                "quotes[1].statement.point: invalid type: string \"two\", expected u32.",
                "quotes[2]: missing field `text`.",
            ]
        );
    }

    #[test]
    fn missing_collections_and_wrong_shapes_are_named() {
        let mut v = minimal();
        v.as_object_mut().unwrap().remove("statements");
        v["themes"] = "democracy".into();
        v["title"] = 7.into();
        let err = parse_value(&v).unwrap_err();
        assert_eq!(
            err.messages,
            ["statements: missing.", "title: expected text.", "themes: expected a list of entries."]
        );
    }

    #[test]
    fn a_flood_of_problems_is_listed_up_to_a_limit() {
        let mut v = minimal();
        let q = v["quotes"][0].clone();
        let quotes: Vec<_> = (0..500)
            .map(|i| {
                let mut q = q.clone();
                q["id"] = format!("q{i}").into();
                q["speaker"] = "nobody".into();
                q
            })
            .collect();
        v["quotes"] = quotes.into();
        let err = parse_value(&v).unwrap_err();
        assert_eq!(err.messages.len(), MAX_MESSAGES + 1);
        assert_eq!(err.messages.last().unwrap(), "… and 400 more problems, not listed.");
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
