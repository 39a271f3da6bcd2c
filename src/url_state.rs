//! The view as a URL query string:
//! `?q=...&speaker=wang-yi&theme=democracy&theme=-security&from=2021-10&to=2022-03&sort=relevance&overview=open`
//! (`-` excludes a value); how the results are shown, if not as a list:
//! `view=compare&by=side&cols=china,russia`, `view=concordance&kwic=left`. Parameters repeat
//! for several values, or take them comma-separated (`speaker=wang-yi,sergey-lavrov`).
//! Anything unknown or malformed is dropped, never an error: a link should always open.

use crate::engine::compare::{CompareBy, CompareSpec};
use crate::engine::concordance::ContextSort;
use crate::engine::{Facet, Month, Query, SortOrder};

/// Everything the address records: what the reader asked for, and how it is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub query: Query,
    /// The overview (timeline and theme map) is open.
    pub overview: bool,
    /// How the results are shown.
    pub mode: Mode,
}

/// How the results are shown: `view=` in the address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Mode {
    /// Quote cards, a page at a time.
    #[default]
    List,
    /// Side by side.
    Compare(CompareSpec),
    /// Each occurrence of the search's words in its context.
    Concordance(ContextSort),
    /// How often each search word is used, by meeting, side and speaker; per 1,000 words if set.
    Trends { per_thousand: bool },
    /// The words that set the first two values of a comparison apart.
    Words(CompareSpec),
}

impl View {
    /// The comparison, when the results are shown side by side.
    pub fn comparison(&self) -> Option<&CompareSpec> {
        match &self.mode {
            Mode::Compare(spec) => Some(spec),
            _ => None,
        }
    }

    /// The two groups whose distinctive words are shown, when they are.
    pub fn word_groups(&self) -> Option<&CompareSpec> {
        match &self.mode {
            Mode::Words(spec) => Some(spec),
            _ => None,
        }
    }

    /// The comparison to change, showing the results side by side (China against Russia
    /// at first) if they were not.
    pub fn comparison_mut(&mut self) -> &mut CompareSpec {
        if !matches!(self.mode, Mode::Compare(_)) {
            self.mode = Mode::Compare(CompareSpec::default());
        }
        match &mut self.mode {
            Mode::Compare(spec) => spec,
            _ => unreachable!("just set"),
        }
    }

    pub fn is_list(&self) -> bool {
        self.mode == Mode::List
    }

    /// The concordance of one search word, narrowed to one facet value if given (a mark of
    /// the trends' drawings): the lines behind that count, the other filters kept.
    pub fn read_in_context(&mut self, word: &str, narrowed_to: Option<(Facet, &str)>) {
        self.mode = Mode::Concordance(ContextSort::default());
        self.query.text = word.to_owned();
        if let Some((facet, id)) = narrowed_to {
            self.query.select(facet, id);
        }
    }
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
    let mut mode = ModeParams::default();
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
            "from" => query.from = Month::parse(&value),
            "to" => query.to = Month::parse(&value),
            "view" => mode.view = Some(value),
            "by" => mode.by = Some(value),
            "cols" => mode.columns = Some(value),
            "kwic" => mode.context_sort = Some(value),
            "per" => mode.per = Some(value),
            _ => {
                if let Some(facet) = Facet::from_param(&key) {
                    // Several values may also come comma-separated, as an embed's attributes take them.
                    for value in value.split(',') {
                        add_value(query, facet, value);
                    }
                }
            }
        }
    }
    view.mode = mode.read();
    view
}

/// How the results are to be shown, as given, in any order: `view`, and the comparison's
/// `by` and `cols` or the concordance's `kwic`.
#[derive(Default)]
struct ModeParams {
    view: Option<String>,
    by: Option<String>,
    columns: Option<String>,
    context_sort: Option<String>,
    per: Option<String>,
}

impl ModeParams {
    fn read(self) -> Mode {
        match self.view.as_deref().map(str::trim) {
            Some("compare") => Mode::Compare(self.spec()),
            Some("concordance") => Mode::Concordance(
                self.context_sort
                    .as_deref()
                    .map(str::trim)
                    .and_then(ContextSort::from_param)
                    .unwrap_or_default(),
            ),
            Some("trends") => {
                Mode::Trends { per_thousand: self.per.as_deref().map(str::trim) == Some("1000") }
            }
            Some("words") => Mode::Words(self.spec()),
            _ => Mode::List,
        }
    }

    /// The comparison asked for. An unknown `by` compares sides; the store settles the
    /// columns against the corpus.
    fn spec(self) -> CompareSpec {
        let by = self.by.as_deref().map(str::trim).and_then(CompareBy::from_param).unwrap_or_default();
        let columns = self
            .columns
            .unwrap_or_default()
            .split([',', ' '])
            .filter(|id| !id.is_empty() && id.len() <= MAX_ID_BYTES)
            .take(MAX_COLUMNS_READ)
            .map(str::to_owned)
            .collect();
        CompareSpec { by, columns }
    }
}

/// Most column ids read from a link (the comparison keeps four of those the corpus knows).
const MAX_COLUMNS_READ: usize = 20;

/// Reads the initial view of an embedded explorer from its element's attributes:
/// `data-q="text"`, and `data-side`, `data-speaker`, `data-meeting`, `data-theme`,
/// `data-source`, `data-kind`, each with one id or several separated by spaces or commas (an
/// id after `-` excluded), `data-from` and `data-to` (`YYYY-MM`), `data-sort`,
/// `data-overview="open"`, and `data-view="compare"` with `data-by` and `data-cols`.
/// `attribute` returns an attribute's value by name.
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
        for value in values.split([' ', ',']) {
            add_value(query, facet, value);
        }
    }
    query.from = attribute("data-from").as_deref().and_then(Month::parse);
    query.to = attribute("data-to").as_deref().and_then(Month::parse);
    if let Some(sort) = attribute("data-sort").as_deref().and_then(SortOrder::from_param) {
        query.sort = sort;
    }
    view.overview = attribute("data-overview").is_some_and(|v| v == "open");
    view.mode = ModeParams {
        view: attribute("data-view"),
        by: attribute("data-by"),
        columns: attribute("data-cols"),
        context_sort: attribute("data-kwic"),
        per: attribute("data-per"),
    }
    .read();
    view
}

/// Selects a facet value from a link or an attribute, or excludes it if it starts with `-`
/// (`theme=-security`); empty, overlong and surplus values are dropped.
fn add_value(query: &mut Query, facet: Facet, value: &str) {
    let value = value.trim();
    let (id, excluded) = match value.strip_prefix('-') {
        Some(id) => (id, true),
        None => (value, false),
    };
    let room = query.selected(facet).count() + query.excluded(facet).count() < MAX_VALUES_PER_FACET;
    if id.is_empty() || id.len() > MAX_ID_BYTES || !room {
        return;
    }
    if excluded {
        query.exclude(facet, id);
    } else {
        query.select(facet, id);
    }
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
    for (facet, id) in query.active_exclusions() {
        pairs.push(format!("{}=-{}", facet.param(), encode(id)));
    }
    if let Some(from) = query.from {
        pairs.push(format!("from={}", from.id()));
    }
    if let Some(to) = query.to {
        pairs.push(format!("to={}", to.id()));
    }
    if query.sort != SortOrder::default() {
        pairs.push(format!("sort={}", query.sort.param()));
    }
    if view.overview {
        pairs.push("overview=open".to_owned());
    }
    match &view.mode {
        Mode::List => {}
        Mode::Compare(spec) | Mode::Words(spec) => {
            let name = if matches!(view.mode, Mode::Words(_)) { "words" } else { "compare" };
            pairs.push(format!("view={name}&by={}", spec.by.param()));
            if !spec.columns.is_empty() {
                let columns: Vec<String> = spec.columns.iter().map(|id| encode(id)).collect();
                pairs.push(format!("cols={}", columns.join(",")));
            }
        }
        Mode::Trends { per_thousand } => {
            pairs.push("view=trends".to_owned());
            if *per_thousand {
                pairs.push("per=1000".to_owned());
            }
        }
        Mode::Concordance(sort) => {
            pairs.push("view=concordance".to_owned());
            if *sort != ContextSort::default() {
                pairs.push(format!("kwic={}", sort.param()));
            }
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
        let view = View { query: q, overview: true, mode: Mode::List };
        assert_eq!(parse(&to_query_string(&view)), view);
    }

    #[test]
    fn round_trips_a_comparison() {
        let mut view = View::from(Query::text("democracy"));
        view.mode = Mode::Compare(CompareSpec {
            by: CompareBy::Statement,
            columns: vec!["js-2021".into(), "a,b".into()],
        });
        assert_eq!(
            parse(&to_query_string(&view)).mode,
            Mode::Compare(CompareSpec {
                by: CompareBy::Statement,
                columns: vec!["js-2021".into(), "a".into(), "b".into()]
            }),
            "a comma in an id splits it"
        );
        view.mode = Mode::Compare(CompareSpec {
            by: CompareBy::Side,
            columns: vec!["china".into(), "russia".into()],
        });
        let written = to_query_string(&view);
        assert_eq!(written, "?q=democracy&view=compare&by=side&cols=china,russia");
        assert_eq!(parse(&written), view);
    }

    #[test]
    fn a_comparison_needs_view_compare_and_takes_odd_parameters_calmly() {
        assert_eq!(parse("?by=speaker&cols=a,b").mode, Mode::List, "by and cols alone compare nothing");
        assert_eq!(parse("?view=list&by=speaker").mode, Mode::List);
        assert_eq!(parse("?view=compare").mode, Mode::Compare(CompareSpec::default()));
        assert_eq!(
            parse("?cols=x,,y&by=sideways&view=compare").mode,
            Mode::Compare(CompareSpec { by: CompareBy::Side, columns: vec!["x".into(), "y".into()] })
        );
        let many: Vec<String> = (0..100).map(|i| format!("c{i}")).collect();
        let view = parse(&format!("?view=compare&cols={}", many.join(",")));
        assert_eq!(view.comparison().unwrap().columns.len(), MAX_COLUMNS_READ);
        let attrs = [("data-view", "compare"), ("data-by", "meeting"), ("data-cols", "rome guilin")];
        let view = from_attributes(|name| attrs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()));
        assert_eq!(
            view.mode,
            Mode::Compare(CompareSpec {
                by: CompareBy::Meeting,
                columns: vec!["rome".into(), "guilin".into()]
            })
        );
    }

    #[test]
    fn trends_and_distinctive_words_are_views_too() {
        let view = parse("?q=democracy+sovereignty&view=trends&per=1000");
        assert_eq!(view.mode, Mode::Trends { per_thousand: true });
        assert_eq!(to_query_string(&view), "?q=democracy%20sovereignty&view=trends&per=1000");
        assert_eq!(parse("?view=trends&per=ten").mode, Mode::Trends { per_thousand: false });
        let words = parse("?view=words&by=side&cols=china,russia");
        assert_eq!(words.word_groups().unwrap().columns, ["china", "russia"]);
        assert_eq!(to_query_string(&words), "?view=words&by=side&cols=china,russia");
    }

    #[test]
    fn the_concordance_is_a_view_with_its_order() {
        let view = parse("?q=democracy&view=concordance&kwic=left");
        assert_eq!(view.mode, Mode::Concordance(ContextSort::Left));
        assert_eq!(to_query_string(&view), "?q=democracy&view=concordance&kwic=left");
        assert_eq!(parse("?view=concordance&kwic=up").mode, Mode::Concordance(ContextSort::Results));
        assert_eq!(to_query_string(&parse("?view=concordance")), "?view=concordance");
        let mut view = View::default();
        view.comparison_mut().columns.push("china".into());
        assert_eq!(view.comparison().unwrap().columns, ["china"]);
        assert!(!view.is_list());
    }

    #[test]
    fn an_excluded_value_is_written_with_a_minus_and_read_back() {
        let mut q = Query::default();
        q.select(Facet::Theme, "democracy");
        q.exclude(Facet::Theme, "security");
        q.exclude(Facet::Side, "japan");
        let view = View::from(q);
        let written = to_query_string(&view);
        assert_eq!(written, "?theme=democracy&theme=-security&side=-japan");
        assert_eq!(parse(&written), view);
        assert_eq!(parse("?theme=-").query, Query::default(), "a lone minus is no value");
        let attrs = from_attributes(|n| (n == "data-theme").then(|| "democracy -security".to_owned())).query;
        assert!(attrs.is_selected(Facet::Theme, "democracy") && attrs.is_excluded(Facet::Theme, "security"));
    }

    #[test]
    fn a_date_range_is_two_months_either_alone() {
        let view = parse("?from=2021-10&to=2022-03");
        assert_eq!(view.query.from, Some(Month { year: 2021, month: 10 }));
        assert_eq!(view.query.to, Some(Month { year: 2022, month: 3 }));
        assert_eq!(to_query_string(&view), "?from=2021-10&to=2022-03");
        assert_eq!(to_query_string(&parse("?to=2022-03")), "?to=2022-03");
        assert_eq!(parse("?from=October&to=2022-13").query, Query::default(), "not months: dropped");
        let attrs = from_attributes(|n| (n == "data-from").then(|| "2022-02".to_owned())).query;
        assert_eq!(attrs.from, Some(Month { year: 2022, month: 2 }));
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

    #[test]
    fn reading_a_count_in_context_opens_the_concordance_of_its_word_and_value() {
        let mut view = parse("q=democracy+sovereign&theme=security&view=trends");
        view.read_in_context("sovereign", Some((Facet::Side, "china")));
        assert_eq!(view.mode, Mode::Concordance(ContextSort::Results));
        assert_eq!(to_query_string(&view), "?q=sovereign&theme=security&side=china&view=concordance");
        view.read_in_context("democracy", None);
        assert_eq!(view.query.text, "democracy");
    }
}
