//! The corpus format (schema version 1). `data/corpus.schema.json` documents the same
//! structure for people who bring their own corpus; keep the two in step.

use serde::{Deserialize, Serialize};

/// The only corpus format version this build reads.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Corpus {
    pub schema_version: u32,
    pub title: String,
    pub themes: Vec<Theme>,
    pub speakers: Vec<Speaker>,
    pub meetings: Vec<Meeting>,
    pub sources: Vec<Source>,
    pub statements: Vec<Statement>,
    pub quotes: Vec<Quote>,
}

impl Corpus {
    /// A corpus with nothing in it: what an explorer shows while its own corpus is on its way.
    pub fn empty() -> Corpus {
        Corpus {
            schema_version: SCHEMA_VERSION,
            title: String::new(),
            themes: Vec::new(),
            speakers: Vec::new(),
            meetings: Vec::new(),
            sources: Vec::new(),
            statements: Vec::new(),
            quotes: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub id: String,
    pub label: String,
    pub definition: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SpeakerKind {
    /// A named individual.
    Person,
    /// A joint statement, treated as a speaker of its own.
    JointStatement,
    /// Positions reported as "the two sides agreed/said", with no named statement.
    Joint,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Speaker {
    pub id: String,
    pub name: String,
    /// Other spellings used by the sources, so a search for any of them finds the speaker.
    #[serde(default)]
    pub aliases: Vec<String>,
    pub role: String,
    /// Whose side the speaker speaks for ("China", "Russia", "China and Russia"); empty when
    /// a corpus does not say, and then the speaker has no side.
    #[serde(default)]
    pub country: String,
    pub kind: SpeakerKind,
}

impl Speaker {
    /// The id of the side the speaker speaks for: the lower-case slug of its country
    /// ("China and Russia" is `china-and-russia`), or `None` when the corpus gives none.
    pub fn side_id(&self) -> Option<String> {
        let slug = slug(&self.country);
        (!slug.is_empty()).then_some(slug)
    }
}

/// Lower-case letters and digits, every other run of characters one hyphen.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Month,
    /// Only the year is known (a spreadsheet's "2021").
    Year,
    /// Derived from indirect clues in the source; `date_note` explains how.
    Approximate,
}

impl DatePrecision {
    /// The id used in the corpus file and in exports.
    pub fn id(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
            DatePrecision::Approximate => "approximate",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub id: String,
    pub title: String,
    /// A few words that tell the meeting apart where there is little room (a timeline's
    /// label): "Guilin talks", "Think-tank summit". Without one, the place and date do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<String>,
    /// Where it took place; `None` when the source does not say.
    #[serde(default)]
    pub place: Option<String>,
    /// ISO 8601: `YYYY-MM-DD`, `YYYY-MM` when only the month is known, `YYYY` when only the year.
    pub date: String,
    pub date_precision: DatePrecision,
    #[serde(default)]
    pub date_note: Option<String>,
    /// Speaker ids.
    #[serde(default)]
    pub participants: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub outlet: String,
    #[serde(default)]
    pub outlet_note: Option<String>,
    pub headline: String,
    /// ISO date, only when the source itself states it.
    #[serde(default)]
    pub published: Option<String>,
    /// Path of the source text, relative to the corpus file.
    pub file: String,
    /// Where the source is published online. Shown as a link only if it is an http(s) address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The source's whole text, carried in the corpus itself when there is no file beside it
    /// (an article pasted into the explorer), so its quotes can still be checked against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Source {
    /// The source's address, if it is one a reader can safely follow: http or https only,
    /// never `javascript:`, `data:` or anything else a hostile corpus might carry.
    pub fn web_url(&self) -> Option<&str> {
        let url = self.url.as_deref()?.trim();
        let (scheme, rest) = url.split_once("://")?;
        let web = scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http");
        let has_host = !rest.is_empty() && !rest.starts_with('/');
        let clean = !url.chars().any(|c| c.is_control() || c.is_whitespace() || is_bidi_control(c));
        (web && has_host && clean).then_some(url)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    pub id: String,
    pub title: String,
    pub speaker: String,
    pub meeting: String,
    #[serde(default)]
    pub numbering_note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
/// How the source presents the words: what a reader may and may not attribute to the speaker.
pub enum QuoteKind {
    /// The speaker's own words, inside quotation marks in the source.
    DirectQuote,
    /// The source's account of what a speaker said or holds, in its own words (indirect
    /// speech, a readout's rendering, a reporter's sentence quoting a few words): never a
    /// quote of the speaker.
    ReportedStatement,
    /// A joint statement's own text, as the source reproduces it in quotation marks.
    StatementPoint,
    /// The article's headline: the outlet's words about a speaker, never the speaker's.
    Headline,
}

impl QuoteKind {
    pub const ALL: [QuoteKind; 4] = [
        QuoteKind::DirectQuote,
        QuoteKind::ReportedStatement,
        QuoteKind::StatementPoint,
        QuoteKind::Headline,
    ];

    /// The id used in URLs and in the corpus file.
    pub fn id(self) -> &'static str {
        match self {
            QuoteKind::DirectQuote => "direct_quote",
            QuoteKind::ReportedStatement => "reported_statement",
            QuoteKind::StatementPoint => "statement_point",
            QuoteKind::Headline => "headline",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            QuoteKind::DirectQuote => "Direct quote",
            QuoteKind::ReportedStatement => "Reported statement",
            QuoteKind::StatementPoint => "Statement point",
            QuoteKind::Headline => "Headline",
        }
    }

    /// Whether the text is the speaker's own words (as the source prints them).
    pub fn is_speakers_words(self) -> bool {
        matches!(self, QuoteKind::DirectQuote | QuoteKind::StatementPoint)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatementRef {
    pub id: String,
    /// The point's number as the source gives it (or in reported order); `None` for
    /// passages of the statement that are not one of its numbered points.
    #[serde(default)]
    pub point: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub id: String,
    /// Verbatim from the source.
    pub text: String,
    pub kind: QuoteKind,
    pub speaker: String,
    pub meeting: String,
    pub themes: Vec<String>,
    pub source: String,
    /// 1-based line of the source file where `text` starts.
    pub line: u32,
    /// The verbatim paragraph of the source that contains `text`.
    pub context: String,
    #[serde(default)]
    pub statement: Option<StatementRef>,
    /// Quotes sharing a group are the same remark as reported by different sources or passages.
    #[serde(default)]
    pub variant_group: Option<String>,
}

/// Characters that reorder the text around them; harmless inside an isolated element, but
/// never wanted in an address.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The months' names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Meeting {
    /// Where and when, for a line under a title: "Guilin, China · 23 March 2021", or the
    /// date alone when the source does not say where.
    pub fn place_and_date(&self) -> String {
        match &self.place {
            Some(place) => format!("{place} · {}", self.date_label()),
            None => self.date_label(),
        }
    }

    /// The date for people: "23 March 2021", "March 2022", or "about 1 June 2022".
    pub fn date_label(&self) -> String {
        let mut parts = self.date.split('-');
        let year = parts.next().unwrap_or_default();
        let month =
            parts.next().and_then(|m| m.parse::<usize>().ok()).and_then(|m| MONTHS.get(m.wrapping_sub(1)));
        let day = parts.next().and_then(|d| d.parse::<u32>().ok());
        let label = match (day, month) {
            (Some(day), Some(month)) => format!("{day} {month} {year}"),
            (None, Some(month)) => format!("{month} {year}"),
            _ => self.date.clone(),
        };
        match self.date_precision {
            DatePrecision::Approximate => format!("about {label}"),
            _ => label,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meeting(date: &str, date_precision: DatePrecision) -> Meeting {
        Meeting {
            id: "m".into(),
            title: "t".into(),
            short_title: None,
            place: Some("p".into()),
            date: date.into(),
            date_precision,
            date_note: None,
            participants: vec![],
        }
    }

    fn source(url: &str) -> Source {
        Source {
            id: "s".into(),
            outlet: "o".into(),
            outlet_note: None,
            headline: "h".into(),
            published: None,
            file: "f".into(),
            url: Some(url.into()),
            text: None,
        }
    }

    #[test]
    fn only_http_and_https_addresses_become_links() {
        assert_eq!(source("https://example.org/a?b=1").web_url(), Some("https://example.org/a?b=1"));
        assert_eq!(source(" HTTP://example.org ").web_url(), Some("HTTP://example.org"));
        for hostile in [
            "javascript:alert(1)",
            "JavaScript://example.org/%0Aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox",
            "//example.org",
            "https:///path-only",
            "https://exa\nmple.org",
            "https://example.org/\u{202E}",
            "ftp://example.org",
            "",
        ] {
            assert_eq!(source(hostile).web_url(), None, "{hostile:?}");
        }
    }

    #[test]
    fn date_label_reads_as_a_person_writes_dates() {
        assert_eq!(meeting("2021-03-23", DatePrecision::Day).date_label(), "23 March 2021");
        assert_eq!(meeting("2022-03", DatePrecision::Month).date_label(), "March 2022");
        assert_eq!(meeting("2022-06-01", DatePrecision::Approximate).date_label(), "about 1 June 2022");
        assert_eq!(meeting("2022-00", DatePrecision::Month).date_label(), "2022-00");
    }

    #[test]
    fn a_slug_is_lower_case_words_joined_by_hyphens() {
        assert_eq!(slug("China and Russia"), "china-and-russia");
        assert_eq!(slug("  Japan "), "japan");
        assert_eq!(slug("Côte d’Ivoire"), "côte-d-ivoire");
        assert_eq!(slug("Россия"), "россия");
        assert_eq!(slug(" -- "), "");
    }
}
