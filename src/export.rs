//! The current results as files a reader takes elsewhere: CSV for spreadsheets, JSON in the
//! corpus schema (so a selection can be opened again, here or anywhere), Markdown with a
//! citation under every quote, and citations for reference managers (CSL-JSON, BibTeX, RIS,
//! from [`crate::citation::formats`]); and a comparison as a table in CSV or Markdown.

use std::collections::{HashMap, HashSet};

use crate::citation::cite;
use crate::corpus::{Corpus, Quote};
use crate::engine::card::attribution;
use crate::engine::compare::{Column, Comparison};
use crate::engine::concordance::{Hit, Line};
use crate::engine::{date_range_label, Catalog, Query};

/// A file to hand to the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    pub file_name: String,
    pub media_type: &'static str,
    pub contents: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Markdown,
    CslJson,
    Bibtex,
    Ris,
}

impl Format {
    pub const ALL: [Format; 6] =
        [Format::Csv, Format::Json, Format::Markdown, Format::CslJson, Format::Bibtex, Format::Ris];
    /// The formats reference managers read.
    pub const CITATIONS: [Format; 3] = [Format::CslJson, Format::Bibtex, Format::Ris];

    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Json => "JSON",
            Format::Markdown => "Markdown",
            Format::CslJson => "CSL-JSON",
            Format::Bibtex => "BibTeX",
            Format::Ris => "RIS",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::CslJson => "csl.json",
            Format::Bibtex => "bib",
            Format::Ris => "ris",
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv;charset=utf-8",
            Format::Json => "application/json;charset=utf-8",
            Format::Markdown => "text/markdown;charset=utf-8",
            Format::CslJson => "application/vnd.citationstyles.csl+json;charset=utf-8",
            Format::Bibtex => "application/x-bibtex;charset=utf-8",
            Format::Ris => "application/x-research-info-systems;charset=utf-8",
        }
    }
}

/// The quotes at `positions` as citations in a reference manager's format (`None` for the
/// other formats).
fn citations(catalog: &Catalog, positions: &[u32], format: Format) -> Option<String> {
    let quotes: Vec<&Quote> = positions.iter().map(|&p| catalog.quote(p)).collect();
    Some(match format {
        Format::CslJson => crate::citation::formats::csl_json(catalog, &quotes),
        Format::Bibtex => crate::citation::formats::bibtex(catalog, &quotes),
        Format::Ris => crate::citation::formats::ris(catalog, &quotes),
        Format::Csv | Format::Json | Format::Markdown => return None,
    })
}

/// One quote's citation in a reference manager's format, named by its id.
pub fn cite_one(catalog: &Catalog, position: u32, format: Format) -> Export {
    let contents = citations(catalog, &[position], format).unwrap_or_default();
    let id: String = catalog
        .quote(position)
        .id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    Export {
        file_name: format!("quote-{id}.{}", format.extension()),
        media_type: format.media_type(),
        contents,
    }
}

/// The quotes at `positions` (in that order), as a file in `format`.
pub fn export(catalog: &Catalog, query: &Query, positions: &[u32], format: Format) -> Export {
    let contents = match format {
        Format::Csv => to_csv(catalog, positions),
        Format::Json => to_corpus_json(catalog, positions),
        Format::Markdown => to_markdown(catalog, query, positions),
        Format::CslJson | Format::Bibtex | Format::Ris => {
            citations(catalog, positions, format).unwrap_or_default()
        }
    };
    Export { file_name: file_name(query, positions.len(), format), media_type: format.media_type(), contents }
}

/// Longest file name stem made from a query, in bytes.
const MAX_STEM: usize = 80;

/// A file name that says what is in the file: the search, the filters and the count, as in
/// `quotes-q-small-circles-theme-democracy-speaker-wang-yi-12.csv`. Only ASCII letters,
/// digits and hyphens, so it is safe on every file system.
pub fn file_name(query: &Query, count: usize, format: Format) -> String {
    let mut parts = Vec::new();
    if query.has_text() {
        parts.push(format!("q-{}", query.text));
    }
    parts.extend(query.active_filters().map(|(facet, id)| format!("{}-{id}", facet.param())));
    parts.extend(query.active_exclusions().map(|(facet, id)| format!("not-{}-{id}", facet.param())));
    parts.extend(query.from.map(|m| format!("from-{}", m.id())));
    parts.extend(query.to.map(|m| format!("to-{}", m.id())));
    let mut stem = String::from("quotes-");
    for c in parts.join("-").chars().flat_map(char::to_lowercase) {
        let c = if c.is_ascii_alphanumeric() { c } else { '-' };
        if !(c == '-' && stem.ends_with('-')) {
            stem.push(c);
        }
    }
    let mut stem = stem.trim_end_matches('-').to_owned();
    if stem.len() > MAX_STEM {
        stem.truncate(MAX_STEM);
        stem = stem.trim_end_matches('-').to_owned();
    }
    format!("{stem}-{count}.{}", format.extension())
}

const CSV_COLUMNS: [&str; 18] = [
    "id",
    "text",
    "kind",
    "side",
    "speaker",
    "role",
    "meeting",
    "place",
    "date",
    "date_precision",
    "themes",
    "outlet",
    "headline",
    "source_file",
    "line",
    "statement",
    "point",
    "citation",
];

/// RFC 4180 CSV with a byte-order mark, so spreadsheets read the Chinese and Cyrillic text as
/// UTF-8.
pub fn to_csv(catalog: &Catalog, positions: &[u32]) -> String {
    let mut out = String::from("\u{FEFF}");
    write_csv_row(&mut out, CSV_COLUMNS.iter().map(|c| c.to_string()));
    for &position in positions {
        let q = catalog.quote(position);
        let speaker = catalog.speaker(&q.speaker);
        let meeting = catalog.meeting(&q.meeting);
        let source = catalog.source(&q.source);
        let themes: Vec<&str> =
            q.themes.iter().map(|t| catalog.theme(t).map_or(t.as_str(), |t| t.label.as_str())).collect();
        let statement = q.statement.as_ref();
        write_csv_row(
            &mut out,
            [
                q.id.clone(),
                q.text.clone(),
                q.kind.label().to_owned(),
                speaker.map(|s| s.country.trim().to_owned()).unwrap_or_default(),
                speaker.map_or_else(|| q.speaker.clone(), |s| s.name.clone()),
                speaker.map(|s| s.role.clone()).unwrap_or_default(),
                meeting.map_or_else(|| q.meeting.clone(), |m| m.title.clone()),
                meeting.and_then(|m| m.place.clone()).unwrap_or_default(),
                meeting.map(|m| m.date.clone()).unwrap_or_default(),
                meeting.map(|m| m.date_precision.id().to_owned()).unwrap_or_default(),
                themes.join("; "),
                source.map(|s| s.outlet.clone()).unwrap_or_default(),
                source.map(|s| s.headline.clone()).unwrap_or_default(),
                source.map(|s| s.file.clone()).unwrap_or_default(),
                q.line.to_string(),
                statement.and_then(|s| catalog.statement(&s.id)).map(|s| s.title.clone()).unwrap_or_default(),
                statement.and_then(|s| s.point).map(|p| p.to_string()).unwrap_or_default(),
                cite(catalog, q),
            ],
        );
    }
    out
}

fn write_csv_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        // A cell a spreadsheet would run as a formula starts with an apostrophe instead
        // (OWASP's advice against CSV injection); spreadsheets hide it.
        let formula = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
        let quoted = formula || cell.contains([',', '"', '\n', '\r']);
        if quoted {
            out.push('"');
        }
        if formula {
            out.push('\'');
        }
        out.push_str(&cell.replace('"', "\"\""));
        if quoted {
            out.push('"');
        }
    }
    out.push_str("\r\n");
}

/// The selection as a corpus of its own: the quotes and everything they refer to, valid
/// against the corpus schema, so it can be opened in the explorer again.
pub fn to_corpus_json(catalog: &Catalog, positions: &[u32]) -> String {
    let corpus = &catalog.corpus;
    let quotes: Vec<&Quote> = positions.iter().map(|&p| catalog.quote(p)).collect();
    let ids = |f: &dyn Fn(&Quote) -> Vec<&str>| -> HashSet<String> {
        quotes.iter().flat_map(|q| f(q)).map(str::to_owned).collect()
    };
    let statements = ids(&|q| q.statement.iter().map(|s| s.id.as_str()).collect());
    let mut meetings = ids(&|q| vec![q.meeting.as_str()]);
    let mut speakers = ids(&|q| vec![q.speaker.as_str()]);
    for s in corpus.statements.iter().filter(|s| statements.contains(&s.id)) {
        meetings.insert(s.meeting.clone());
        speakers.insert(s.speaker.clone());
    }
    for m in corpus.meetings.iter().filter(|m| meetings.contains(&m.id)) {
        speakers.extend(m.participants.iter().cloned());
    }
    let themes = ids(&|q| q.themes.iter().map(String::as_str).collect());
    let sources = ids(&|q| vec![q.source.as_str()]);
    // A variant group needs two members; one left alone in the selection is no longer one.
    let mut group_sizes: HashMap<&str, usize> = HashMap::new();
    for group in quotes.iter().filter_map(|q| q.variant_group.as_deref()) {
        *group_sizes.entry(group).or_default() += 1;
    }
    let kept = |ids: &HashSet<String>, id: &str| ids.contains(id);
    let selection = Corpus {
        schema_version: corpus.schema_version,
        title: corpus.title.clone(),
        themes: corpus.themes.iter().filter(|t| kept(&themes, &t.id)).cloned().collect(),
        speakers: corpus.speakers.iter().filter(|s| kept(&speakers, &s.id)).cloned().collect(),
        meetings: corpus.meetings.iter().filter(|m| kept(&meetings, &m.id)).cloned().collect(),
        sources: corpus.sources.iter().filter(|s| kept(&sources, &s.id)).cloned().collect(),
        statements: corpus.statements.iter().filter(|s| kept(&statements, &s.id)).cloned().collect(),
        quotes: quotes
            .iter()
            .map(|&q| {
                let mut q = q.clone();
                if q.variant_group.as_deref().is_some_and(|g| group_sizes[g] < 2) {
                    q.variant_group = None;
                }
                q
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&selection).unwrap_or_default();
    json.push('\n');
    json
}

/// A readable document: what was selected, then each quote as a block quote with its
/// citation beneath.
pub fn to_markdown(catalog: &Catalog, query: &Query, positions: &[u32]) -> String {
    let mut out = format!("# {}\n\n", escape_markdown(&catalog.corpus.title));
    out.push_str(&escape_markdown(&selection(catalog, query, positions.len())));
    out.push_str(".\n");
    for (n, &position) in positions.iter().enumerate() {
        let q = catalog.quote(position);
        let speaker = catalog.speaker(&q.speaker).map_or(q.speaker.as_str(), |s| s.name.as_str());
        let meeting = catalog.meeting(&q.meeting);
        let occasion =
            meeting.map_or_else(|| q.meeting.clone(), |m| format!("{}, {}", m.title, m.date_label()));
        out.push_str(&format!(
            "\n## {}. {} — {}\n\n",
            n + 1,
            escape_markdown(speaker),
            escape_markdown(&occasion)
        ));
        for line in q.text.lines() {
            out.push_str("> ");
            out.push_str(&escape_markdown(line));
            out.push('\n');
        }
        out.push('\n');
        let outlet = catalog.source(&q.source).map_or(q.source.as_str(), |s| s.outlet.as_str());
        if let Some(note) = attribution(q.kind, speaker, outlet) {
            out.push_str(&escape_markdown(&note));
            out.push_str("\n\n");
        }
        out.push_str(&escape_markdown(&cite(catalog, q)));
        out.push('\n');
    }
    out
}

/// What was selected: "12 of 72 quotes, matching “x”, filtered by Theme: Democracy".
fn selection(catalog: &Catalog, query: &Query, count: usize) -> String {
    let filters: Vec<String> = query
        .active_filters()
        .map(|(facet, id)| format!("{}: {}", facet.label(), catalog.value_label(facet, id)))
        .chain(
            query
                .active_exclusions()
                .map(|(facet, id)| format!("{}: not {}", facet.label(), catalog.value_label(facet, id))),
        )
        .collect();
    let mut selection = format!("{count} of {} quotes", catalog.len());
    if query.has_text() {
        selection.push_str(&format!(", matching \u{201C}{}\u{201D}", query.text.trim()));
    }
    if query.has_date_range() {
        selection.push_str(&format!(", dated {}", date_range_label(query.from, query.to)));
    }
    if !filters.is_empty() {
        selection.push_str(&format!(", filtered by {}", filters.join("; ")));
    }
    selection
}

/// The comparison as a file: CSV and Markdown as a table (a row per theme, a column per
/// value, each cell its quotes with speaker, meeting and id), JSON as the corpus of its quotes.
pub fn export_comparison(
    catalog: &Catalog,
    query: &Query,
    comparison: &Comparison,
    format: Format,
) -> Export {
    let positions = comparison_quotes(comparison);
    let contents = match format {
        Format::Csv => comparison_csv(catalog, comparison),
        Format::Json => to_corpus_json(catalog, &positions),
        Format::Markdown => comparison_markdown(catalog, query, comparison, positions.len()),
        Format::CslJson | Format::Bibtex | Format::Ris => {
            citations(catalog, &positions, format).unwrap_or_default()
        }
    };
    let name = file_name(query, positions.len(), format);
    let by = comparison.by.param();
    let file_name = format!("comparison-by-{by}-{}", name.strip_prefix("quotes-").unwrap_or(&name));
    Export { file_name, media_type: format.media_type(), contents }
}

/// The concordance as a file: CSV and Markdown a line per occurrence (the words before, the
/// word, the words after, and whose quote it is), JSON the corpus of its quotes.
pub fn export_concordance(catalog: &Catalog, query: &Query, hits: &[Hit], format: Format) -> Export {
    let mut positions: Vec<u32> = hits.iter().map(|h| h.position).collect();
    positions.sort_unstable();
    positions.dedup();
    let lines: Vec<Line> = hits.iter().map(|h| catalog.concordance_line(h)).collect();
    let source = |line: &Line| {
        let q = catalog.quote(line.position);
        let speaker = catalog.speaker(&q.speaker).map_or(q.speaker.as_str(), |s| s.name.as_str());
        let meeting = catalog
            .meeting(&q.meeting)
            .map_or_else(|| q.meeting.clone(), |m| format!("{}, {}", m.title, m.date_label()));
        (speaker.to_owned(), meeting, q.kind.label())
    };
    let contents = match format {
        Format::Csv => {
            let mut out = String::from("\u{FEFF}");
            write_csv_row(
                &mut out,
                ["before", "word", "after", "id", "speaker", "meeting", "kind"].map(str::to_owned),
            );
            for line in &lines {
                let (speaker, meeting, kind) = source(line);
                write_csv_row(
                    &mut out,
                    [
                        line.left.clone(),
                        line.keyword.clone(),
                        line.right.clone(),
                        line.id.clone(),
                        speaker,
                        meeting,
                        kind.to_owned(),
                    ],
                );
            }
            out
        }
        Format::CslJson | Format::Bibtex | Format::Ris => {
            citations(catalog, &positions, format).unwrap_or_default()
        }
        Format::Json => to_corpus_json(catalog, &positions),
        Format::Markdown => {
            let mut out = format!("# {}\n\n", escape_markdown(&catalog.corpus.title));
            let intro = format!(
                "Each occurrence of the search words: {} lines. {}",
                lines.len(),
                selection(catalog, query, positions.len())
            );
            out.push_str(&escape_markdown(&intro));
            out.push_str(".\n\n| Before | Word | After | Quote |\n| ---: | :---: | --- | --- |\n");
            let cell = |text: &str| escape_markdown(&text.split_whitespace().collect::<Vec<_>>().join(" "));
            for line in &lines {
                let (speaker, meeting, _) = source(line);
                out.push_str(&format!(
                    "| {} | **{}** | {} | {} |\n",
                    cell(&line.left),
                    cell(&line.keyword),
                    cell(&line.right),
                    cell(&format!("{speaker}, {meeting} [{}]", line.id))
                ));
            }
            out
        }
    };
    let name = file_name(query, lines.len(), format);
    let file_name = format!("in-context-{}", name.strip_prefix("quotes-").unwrap_or(&name));
    Export { file_name, media_type: format.media_type(), contents }
}

/// Every quote of a comparison once, in the order of the results.
fn comparison_quotes(comparison: &Comparison) -> Vec<u32> {
    let mut positions: Vec<u32> =
        comparison.rows.iter().flat_map(|r| r.cells.iter().flatten().copied()).collect();
    positions.sort_unstable();
    positions.dedup();
    positions
}

/// A column's heading: its value and how many quotes it has.
fn column_heading(column: &Column) -> String {
    format!("{} ({})", column.label, column.count)
}

/// A quote in a comparison's cell: “text” — speaker, meeting [id].
fn cell_line(catalog: &Catalog, position: u32) -> String {
    let q = catalog.quote(position);
    let speaker = catalog.speaker(&q.speaker).map_or(q.speaker.as_str(), |s| s.name.as_str());
    let meeting = catalog
        .meeting(&q.meeting)
        .map_or_else(|| q.meeting.clone(), |m| format!("{}, {}", m.title, m.date_label()));
    format!("\u{201C}{}\u{201D} \u{2014} {speaker}, {meeting} [{}]", q.text, q.id)
}

fn comparison_csv(catalog: &Catalog, comparison: &Comparison) -> String {
    let mut out = String::from("\u{FEFF}");
    let header = std::iter::once("theme".to_owned()).chain(comparison.columns.iter().map(column_heading));
    write_csv_row(&mut out, header);
    for row in &comparison.rows {
        let cells = row
            .cells
            .iter()
            .map(|cell| cell.iter().map(|&p| cell_line(catalog, p)).collect::<Vec<_>>().join("\n\n"));
        write_csv_row(&mut out, std::iter::once(row.theme.clone()).chain(cells));
    }
    out
}

fn comparison_markdown(catalog: &Catalog, query: &Query, comparison: &Comparison, count: usize) -> String {
    let mut out = format!("# {}\n\n", escape_markdown(&catalog.corpus.title));
    let columns: Vec<String> = comparison.columns.iter().map(column_heading).collect();
    let intro = format!(
        "Compared by {}: {}. {}",
        comparison.by.label().to_lowercase(),
        columns.join(", "),
        selection(catalog, query, count)
    );
    out.push_str(&escape_markdown(&intro));
    out.push_str(".\n\n");
    // One line per table row: a quote's own line breaks become spaces.
    let cell = |text: &str| escape_markdown(&text.split_whitespace().collect::<Vec<_>>().join(" "));
    out.push_str("| Theme |");
    for heading in &columns {
        out.push_str(&format!(" {} |", cell(heading)));
    }
    out.push_str("\n| --- |");
    out.push_str(&" --- |".repeat(columns.len()));
    out.push('\n');
    for row in &comparison.rows {
        out.push_str(&format!("| {} |", cell(&row.theme)));
        for quotes in &row.cells {
            let lines: Vec<String> = quotes.iter().map(|&p| cell(&cell_line(catalog, p))).collect();
            out.push_str(&format!(" {} |", lines.join("<br><br>")));
        }
        out.push('\n');
    }
    out
}

/// Makes text read literally in Markdown: no emphasis, links or raw HTML from the data.
fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::engine::Facet;

    fn bundled() -> Catalog {
        Catalog::new(corpus::bundled().unwrap())
    }

    #[test]
    fn a_comparison_is_a_table_of_theme_rows_and_a_column_per_value() {
        use crate::engine::compare::CompareSpec;
        let c = bundled();
        let query = Query::default();
        let comparison = c.compare(&c.settle_comparison(&CompareSpec::default()), &query, &c.search(&query));
        let csv = export_comparison(&c, &query, &comparison, Format::Csv);
        assert!(
            csv.file_name.starts_with("comparison-by-side-") && csv.file_name.ends_with(".csv"),
            "{}",
            csv.file_name
        );
        let header = csv.contents.lines().next().unwrap();
        let china = &comparison.columns[0];
        assert_eq!(
            header,
            format!("\u{FEFF}theme,China ({}),Russia ({})", china.count, comparison.columns[1].count)
        );
        let md = export_comparison(&c, &query, &comparison, Format::Markdown).contents;
        let table: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(table.len(), comparison.rows.len() + 2, "header, rule and a line per theme");
        assert!(table.iter().all(|l| l.matches(" |").count() == comparison.columns.len() + 1), "{table:#?}");
        let first = comparison.rows[0].cells.iter().flatten().next().unwrap();
        assert!(md.contains(&format!("\\[{}\\]", c.quote(*first).id.replace('_', "\\_"))), "ids are named");
        let json = export_comparison(&c, &query, &comparison, Format::Json).contents;
        let reopened = corpus::parse(&json).expect("the comparison's quotes open as a corpus");
        assert_eq!(reopened.quotes.len(), comparison_quotes(&comparison).len());
    }

    #[test]
    fn the_concordance_exports_a_line_per_occurrence() {
        use crate::engine::concordance::ContextSort;
        let c = bundled();
        let query = Query::text("democracy");
        let hits = c.concordance(&c.index.search_terms(&query.text), &c.search(&query), ContextSort::Right);
        let csv = export_concordance(&c, &query, &hits, Format::Csv);
        assert!(csv.file_name.starts_with("in-context-q-democracy-"), "{}", csv.file_name);
        assert!(csv.contents.starts_with("\u{FEFF}before,word,after,id,speaker,meeting,kind\r\n"));
        assert_eq!(csv.contents.matches("\r\n").count(), hits.len() + 1);
        let md = export_concordance(&c, &query, &hits, Format::Markdown).contents;
        assert_eq!(
            md.lines().filter(|l| l.starts_with("| ")).count(),
            hits.len() + 2,
            "a header, a rule and a line each"
        );
        assert!(md.contains("| **democracy** |") || md.contains("| **Democracy** |"));
    }

    #[test]
    fn a_comparison_keeps_hostile_text_inert_in_its_table() {
        use crate::engine::compare::CompareSpec;
        let c = hostile_catalog("=cmd| <script>x</script>\nnext | line");
        let query = Query::default();
        let spec = c.settle_comparison(&CompareSpec {
            by: crate::engine::compare::CompareBy::Speaker,
            columns: vec![],
        });
        let comparison = c.compare(&spec, &query, &c.search(&query));
        let md = export_comparison(&c, &query, &comparison, Format::Markdown).contents;
        assert!(md.contains("\\<script\\>") && md.contains("next \\| line"), "{md}");
        assert!(md.lines().filter(|l| l.starts_with('|')).all(|l| !l.contains('\n')));
    }

    fn hostile_catalog(text: &str) -> Catalog {
        let mut corpus = corpus::bundled().unwrap();
        corpus.quotes.truncate(1);
        corpus.quotes[0].text = text.into();
        Catalog::new(corpus)
    }

    #[test]
    fn csv_has_a_header_and_one_row_per_quote_with_fields_quoted_as_rfc_4180_wants() {
        let catalog = bundled();
        let positions: Vec<u32> = (0..catalog.len() as u32).collect();
        let csv = to_csv(&catalog, &positions);
        assert!(csv.starts_with("\u{FEFF}id,text,kind,side,speaker,"));
        // Rows are counted by record ends outside quoted fields.
        let mut quoted = false;
        let mut records = 0;
        for c in csv.chars() {
            match c {
                '"' => quoted = !quoted,
                '\n' if !quoted => records += 1,
                _ => {}
            }
        }
        assert_eq!(records, catalog.len() + 1);
        let first = catalog.quote(0);
        assert!(csv.contains(&format!("\r\n{},", first.id)));
    }

    #[test]
    fn csv_neutralises_formulas_and_escapes_quotes() {
        let catalog = hostile_catalog("=HYPERLINK(\"http://evil\",\"x\")");
        let csv = to_csv(&catalog, &[0]);
        assert!(csv.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), "{csv}");
    }

    #[test]
    fn json_export_is_a_valid_corpus_of_exactly_the_selection() {
        let catalog = bundled();
        let query = {
            let mut q = Query::default();
            q.select(Facet::Theme, "democracy");
            q
        };
        let positions = catalog.search(&query).quotes;
        assert!(positions.len() > 3 && positions.len() < catalog.len());
        let json = to_corpus_json(&catalog, &positions);
        let reopened = corpus::parse(&json).expect("the export opens again");
        let ids: Vec<&str> = reopened.quotes.iter().map(|q| q.id.as_str()).collect();
        let expected: Vec<&str> = positions.iter().map(|&p| catalog.quote(p).id.as_str()).collect();
        assert_eq!(ids, expected);
        assert!(reopened.themes.iter().any(|t| t.id == "democracy"));
        assert!(reopened.sources.len() <= catalog.corpus.sources.len());
    }

    #[test]
    fn json_export_of_any_single_quote_is_valid() {
        let catalog = bundled();
        for p in 0..catalog.len() as u32 {
            let json = to_corpus_json(&catalog, &[p]);
            if let Err(e) = corpus::parse(&json) {
                panic!("quote {}: {e}", catalog.quote(p).id);
            }
        }
    }

    #[test]
    fn markdown_cites_every_quote_and_keeps_hostile_text_literal() {
        let catalog = bundled();
        let positions = [0, 1];
        let md = to_markdown(&catalog, &Query::text("democracy"), &positions);
        assert!(md.contains(&format!("2 of {} quotes, matching “democracy”", catalog.len())));
        assert_eq!(md.matches("\n## ").count(), 2);
        assert_eq!(md.matches("Quote id: ").count(), 2);

        let hostile = hostile_catalog("<img src=x onerror=alert(1)> [click](javascript:alert(1)) *bold*");
        let md = to_markdown(&hostile, &Query::default(), &[0]);
        assert!(
            md.contains("> \\<img src=x onerror=alert(1)\\> \\[click\\](javascript:alert(1)) \\*bold\\*"),
            "{md}"
        );
    }

    #[test]
    fn file_names_say_how_many_quotes_and_what_kind_of_file() {
        let catalog = bundled();
        let e = export(&catalog, &Query::default(), &[0, 1, 2], Format::Markdown);
        assert_eq!(e.file_name, "quotes-3.md");
        assert_eq!(e.media_type, "text/markdown;charset=utf-8");
    }

    #[test]
    fn file_names_say_what_was_searched_and_filtered() {
        let mut query = Query::text("“Small circles”");
        query.select(Facet::Theme, "democracy");
        query.select(Facet::Speaker, "wang-yi");
        assert_eq!(
            file_name(&query, 12, Format::Csv),
            "quotes-q-small-circles-theme-democracy-speaker-wang-yi-12.csv"
        );
        let hostile = Query::text("../../etc/passwd 民主 <x>");
        assert_eq!(file_name(&hostile, 1, Format::Json), "quotes-q-etc-passwd-x-1.json");
        let long = Query::text("word ".repeat(100));
        let name = file_name(&long, 5, Format::Markdown);
        assert!(name.len() <= MAX_STEM + "-5.md".len() && name.ends_with("-5.md"), "{name}");
        assert!(!name.contains("--"));
    }
}
