//! The view as a URL query string:
//! `?q=...&speaker=wang-yi&theme=democracy&sort=relevance&overview=open`, and for the
//! comparison `view=compare&by=side&cols=china,russia`. Parameters repeat
//! for several values, or take them comma-separated (`speaker=wang-yi,sergey-lavrov`). Anything unknown or malformed is dropped, never an error: a link
//! should always open.

use crate::engine::compare::{CompareBy, CompareSpec};
use crate::engine::{Facet, Query, SortOrder};

/// Everything the address records: what the reader asked for, and how it is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub query: Query,
    /// The overview (timeline and theme map) is open.
    pub overview: bool,
    /// The results side by side rather than as a list.
    pub compare: Option<CompareSpec>,
}

impl From<Query> for View {
    fn from(query: Query) -> View {
        View { query, ..View::default() }
    }
}

/// Longest search text kept from a URL, in characters.
const MAX_TEXT_CHARS: usize = 500;
/// Longest value id kept from a URL, in bytes.
const MAX_ID_BYTES: usize = 200;
/// Most values kept per facet.
const MAX_VALUES_PER_FACET: usize = 100;

/// Reads a query string (with or without the leading `?`).
pub fn parse(query_string: &str) -> View {
    let mut view = View::default();
    let query = &mut view.query;
    let mut comparison = Comparison::default();
    let query_string = query_string.strip_prefix('?').unwrap_or(query_string);
    for pair in query_string.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(key);
        let value = decode(value);
        match key.as_str() {
            "q" => query.text = value.chars().take(MAX_TEXT_CHARS).collect(),
            "sort" => {
                if let Some(sort) = SortOrder::from_param(&value) {
                    query.sort = sort;
                }
            }
            "overview" => view.overview = value == "open",
            "view" => comparison.view = Some(value),
            "by" => comparison.by = Some(value),
            "cols" => comparison.columns = Some(value),
            _ => {
                if let Some(facet) = Facet::from_param(&key) {
                    // Several values may also come comma-separated, as an embed's attributes take them.
                    for value in value.split(',').map(str::trim) {
                        if !value.is_empty()
                            && value.len() <= MAX_ID_BYTES
                            && query.selected(facet).count() < MAX_VALUES_PER_FACET
                        {
                            query.select(facet, value);
                        }
                    }
                }
            }
        }
    }
    view.compare = comparison.spec();
    view
}

/// The comparison's parameters as given, in any order: `view`, `by` and `cols`.
#[derive(Default)]
struct Comparison {
    view: Option<String>,
    by: Option<String>,
    columns: Option<String>,
}

impl Comparison {
    /// The comparison asked for, if the view is `compare`. An unknown `by` compares sides;
    /// the store settles the columns against the corpus.
    fn spec(self) -> Option<CompareSpec> {
        if self.view.as_deref().map(str::trim) != Some("compare") {
            return None;
        }
        let by = self.by.as_deref().map(str::trim).and_then(CompareBy::from_param).unwrap_or_default();
        let columns = self
            .columns
            .unwrap_or_default()
            .split([',', ' '])
            .filter(|id| !id.is_empty() && id.len() <= MAX_ID_BYTES)
            .take(MAX_COLUMNS_READ)
            .map(str::to_owned)
            .collect();
        Some(CompareSpec { by, columns })
    }
}

/// Most column ids read from a link (the comparison keeps four of those the corpus knows).
const MAX_COLUMNS_READ: usize = 20;

/// Reads the initial view of an embedded explorer from its element's attributes:
/// `data-q="text"`, and `data-side`, `data-speaker`, `data-meeting`, `data-theme`, `data-source`,
/// `data-kind`, each with one id or several separated by spaces or commas, `data-sort`,
/// `data-overview="open"`, and `data-view="compare"` with `data-by` and `data-cols`. `attribute` returns an attribute's value by name.
pub fn from_attributes(attribute: impl Fn(&str) -> Option<String>) -> View {
    let mut view = View::default();
    let query = &mut view.query;
    if let Some(text) = attribute("data-q") {
        query.text = text.chars().take(MAX_TEXT_CHARS).collect();
    }
    for facet in Facet::ALL {
        let Some(values) = attribute(&format!("data-{}", facet.param())) else {
            continue;
        };
        for id in values.split([' ', ',']).filter(|v| !v.is_empty() && v.len() <= MAX_ID_BYTES) {
            if query.selected(facet).count() < MAX_VALUES_PER_FACET {
                query.select(facet, id);
            }
        }
    }
    if let Some(sort) = attribute("data-sort").as_deref().and_then(SortOrder::from_param) {
        query.sort = sort;
    }
    view.overview = attribute("data-overview").is_some_and(|v| v == "open");
    view.compare = Comparison {
        view: attribute("data-view"),
        by: attribute("data-by"),
        columns: attribute("data-cols"),
    }
    .spec();
    view
}

/// An embed's height from its `data-height` attribute: a CSS length in `px`, `rem`, `em`,
/// `vh` or `%` (a number and its unit, nothing else, so no other CSS can come in), or `none`
/// (as tall as its contents). `None` for anything else: the default height applies.
pub fn embed_height(value: &str) -> Option<String> {
    let value = value.trim().to_ascii_lowercase();
    if value == "none" || value == "auto" {
        return Some("none".to_owned());
    }
    let unit_at = value.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = value.split_at(unit_at);
    let valid_number = !number.is_empty() && number.matches('.').count() <= 1 && number != ".";
    (valid_number && ["px", "rem", "em", "vh", "%"].contains(&unit)).then_some(value)
}

/// Writes the query string for a view, `""` for the default view, else starting with `?`.
pub fn to_query_string(view: &View) -> String {
    let query = &view.query;
    let mut pairs = Vec::new();
    if query.has_text() {
        pairs.push(format!("q={}", encode(&query.text)));
    }
    for (facet, id) in query.active_filters() {
        pairs.push(format!("{}={}", facet.param(), encode(id)));
    }
    if query.sort != SortOrder::default() {
        pairs.push(format!("sort={}", query.sort.param()));
    }
    if view.overview {
        pairs.push("overview=open".to_owned());
    }
    if let Some(spec) = &view.compare {
        pairs.push(format!("view=compare&by={}", spec.by.param()));
        if !spec.columns.is_empty() {
            let columns: Vec<String> = spec.columns.iter().map(|id| encode(id)).collect();
            pairs.push(format!("cols={}", columns.join(",")));
        }
    }
    if pairs.is_empty() {
        String::new()
    } else {
        format!("?{}", pairs.join("&"))
    }
}

/// Percent-encodes all but RFC 3986's unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` as a space. A malformed escape stays as typed, and bytes
/// that are not UTF-8 become U+FFFD.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_text_filters_and_sort() {
        let mut q = Query::default();
        q.text = "“small circles” & 民主 100%".into();
        q.sort = SortOrder::Relevance;
        q.select(Facet::Speaker, "wang-yi");
        q.select(Facet::Speaker, "sergei-lavrov");
        q.select(Facet::Theme, "democracy");
        q.select(Facet::Kind, "direct_quote");
        let view = View { query: q, overview: true, compare: None };
        assert_eq!(parse(&to_query_string(&view)), view);
    }

    #[test]
    fn round_trips_a_comparison() {
        let mut view = View::from(Query::text("democracy"));
        view.compare =
            Some(CompareSpec { by: CompareBy::Statement, columns: vec!["js-2021".into(), "a,b".into()] });
        assert_eq!(
            parse(&to_query_string(&view)).compare,
            Some(CompareSpec {
                by: CompareBy::Statement,
                columns: vec!["js-2021".into(), "a".into(), "b".into()]
            }),
            "a comma in an id splits it"
        );
        view.compare =
            Some(CompareSpec { by: CompareBy::Side, columns: vec!["china".into(), "russia".into()] });
        let written = to_query_string(&view);
        assert_eq!(written, "?q=democracy&view=compare&by=side&cols=china,russia");
        assert_eq!(parse(&written), view);
    }

    #[test]
    fn a_comparison_needs_view_compare_and_takes_odd_parameters_calmly() {
        assert_eq!(parse("?by=speaker&cols=a,b").compare, None, "by and cols alone compare nothing");
        assert_eq!(parse("?view=list&by=speaker").compare, None);
        assert_eq!(parse("?view=compare").compare, Some(CompareSpec::default()));
        assert_eq!(
            parse("?cols=x,,y&by=sideways&view=compare").compare,
            Some(CompareSpec { by: CompareBy::Side, columns: vec!["x".into(), "y".into()] })
        );
        let many: Vec<String> = (0..100).map(|i| format!("c{i}")).collect();
        let spec = parse(&format!("?view=compare&cols={}", many.join(","))).compare.unwrap();
        assert_eq!(spec.columns.len(), MAX_COLUMNS_READ);
        let attrs = [("data-view", "compare"), ("data-by", "meeting"), ("data-cols", "rome guilin")];
        let view = from_attributes(|name| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()));
        assert_eq!(
            view.compare,
            Some(CompareSpec { by: CompareBy::Meeting, columns: vec!["rome".into(), "guilin".into()] })
        );
    }

    #[test]
    fn default_view_has_an_empty_query_string() {
        assert_eq!(to_query_string(&View::default()), "");
        assert_eq!(parse(""), View::default());
        assert_eq!(parse("?"), View::default());
        assert_eq!(parse("?overview=shut"), View::default(), "only overview=open opens it");
    }

    #[test]
    fn ignores_unknown_and_malformed_parameters() {
        let q = parse("?utm_source=x&speaker=&theme=democracy&sort=sideways&=&&%zz=1&q=a%2").query;
        let mut expected = Query::default();
        expected.text = "a%2".into();
        expected.select(Facet::Theme, "democracy");
        assert_eq!(q, expected);
    }

    #[test]
    fn decodes_plus_and_bad_utf8_without_panicking() {
        assert_eq!(decode("real+democracy"), "real democracy");
        assert_eq!(decode("%FF%FE"), "\u{FFFD}\u{FFFD}");
        assert_eq!(decode("%"), "%");
        assert_eq!(decode("%4"), "%4");
        assert_eq!(decode("%é"), "%é");
    }

    #[test]
    fn caps_hostile_sizes() {
        let long = "a".repeat(10_000);
        let q = parse(&format!("?q={long}&speaker={long}")).query;
        assert_eq!(q.text.chars().count(), MAX_TEXT_CHARS);
        assert_eq!(q.selected(Facet::Speaker).count(), 0);
        let many: String = (0..500).map(|i| format!("theme=t{i}&")).collect();
        assert_eq!(parse(&many).query.selected(Facet::Theme).count(), MAX_VALUES_PER_FACET);
    }

    #[test]
    fn reads_an_embeds_attributes() {
        let attrs =
            [("data-theme", "democracy, human-rights"), ("data-speaker", "wang-yi"), ("data-q", "real")];
        let q =
            from_attributes(|name| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())).query;
        assert_eq!(q.selected(Facet::Theme).collect::<Vec<_>>(), ["democracy", "human-rights"]);
        assert_eq!(q.selected(Facet::Speaker).collect::<Vec<_>>(), ["wang-yi"]);
        assert_eq!(q.text, "real");
        assert_eq!(from_attributes(|_| None), View::default());
    }

    #[test]
    fn comma_separated_values_are_several_values_as_in_an_embed() {
        let q = parse("?speaker=wang-yi,sergey-lavrov&speaker=xi-jinping&theme=,democracy,").query;
        assert_eq!(
            q.selected(Facet::Speaker).collect::<Vec<_>>(),
            ["wang-yi", "sergey-lavrov", "xi-jinping"]
        );
        assert_eq!(q.selected(Facet::Theme).collect::<Vec<_>>(), ["democracy"]);
        let attrs =
            from_attributes(|n| (n == "data-speaker").then(|| "wang-yi,sergey-lavrov".to_owned())).query;
        assert_eq!(attrs.selected(Facet::Speaker).collect::<Vec<_>>(), ["wang-yi", "sergey-lavrov"]);
    }

    #[test]
    fn an_embeds_height_is_a_plain_length_or_none() {
        assert_eq!(embed_height("600px").as_deref(), Some("600px"));
        assert_eq!(embed_height(" 40REM ").as_deref(), Some("40rem"));
        assert_eq!(embed_height("80vh").as_deref(), Some("80vh"));
        assert_eq!(embed_height("12.5em").as_deref(), Some("12.5em"));
        assert_eq!(embed_height("auto").as_deref(), Some("none"));
        for bad in ["", "px", "600", "1.2.3px", "600px; color: red", "calc(1px)", "-5px", "10 px", ".px"] {
            assert_eq!(embed_height(bad), None, "{bad}");
        }
    }

    #[test]
    fn repeated_values_are_kept_once() {
        let q = parse("?theme=democracy&theme=democracy").query;
        assert_eq!(q.selected(Facet::Theme).collect::<Vec<_>>(), ["democracy"]);
    }
}
