//! From a table to a corpus: which column holds what ([`Mapping`], guessed from the header
//! and changed by the reader), and the corpus those columns make. Speakers, meetings, themes
//! and sources are made from the distinct values (the same name in another case or spacing
//! is one value; ids are slugs of the names); each quote is traceable to its row of the file.
//! Rows that cannot be used are listed by row and column with the reason; the rest load.

use rustc_hash::FxHashMap;

use super::dates::{parse_date, DATE_FORMS};
use super::table::Table;
use crate::corpus::{
    locate_verbatim, slug, Corpus, DatePrecision, Meeting, Quote, QuoteKind, Source, Speaker, SpeakerKind,
    Theme, SCHEMA_VERSION,
};

/// What a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Text,
    Speaker,
    Date,
    Meeting,
    Place,
    Themes,
    Source,
    Outlet,
    Url,
    Kind,
    Context,
}

impl Field {
    pub const ALL: [Field; 11] = [
        Field::Text,
        Field::Speaker,
        Field::Date,
        Field::Meeting,
        Field::Place,
        Field::Themes,
        Field::Source,
        Field::Outlet,
        Field::Url,
        Field::Kind,
        Field::Context,
    ];

    /// Its name in the mapping's menus (and its value there).
    pub fn label(self) -> &'static str {
        match self {
            Field::Text => "Quote text",
            Field::Speaker => "Speaker",
            Field::Date => "Date",
            Field::Meeting => "Meeting",
            Field::Place => "Place",
            Field::Themes => "Themes",
            Field::Source => "Source (headline)",
            Field::Outlet => "Outlet",
            Field::Url => "URL",
            Field::Kind => "Kind",
            Field::Context => "Context",
        }
    }

    pub fn from_label(label: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.label() == label)
    }

    /// Column names that mean this field, lower case, letters only.
    fn names(self) -> &'static [&'static str] {
        match self {
            Field::Text => {
                &["text", "quote", "quotes", "quotation", "statement", "remark", "words", "excerpt"]
            }
            Field::Speaker => {
                &["speaker", "speakers", "who", "person", "name", "saidby", "attribution", "author"]
            }
            Field::Date => &["date", "when", "day", "dated"],
            Field::Meeting => &["meeting", "event", "occasion", "meetings", "talks", "summit"],
            Field::Place => &["place", "location", "where", "city", "venue"],
            Field::Themes => &["themes", "theme", "topic", "topics", "tags", "tag", "subject", "subjects"],
            Field::Source => &["source", "headline", "title", "article", "sourcetitle", "document"],
            Field::Outlet => &["outlet", "publication", "publisher", "newspaper", "media", "agency"],
            Field::Url => &["url", "link", "href", "sourceurl", "web"],
            Field::Kind => &["kind", "type", "quotekind", "quotetype"],
            Field::Context => &["context", "paragraph", "passage", "surrounding"],
        }
    }
}

/// Which field each column holds (`None`: not used), and how to read two of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    pub columns: Vec<Option<Field>>,
    /// What separates the themes in a themes cell.
    pub theme_separator: char,
    /// The kind of a row with no kind given.
    pub default_kind: QuoteKind,
}

/// The separators a themes cell may use.
pub const THEME_SEPARATORS: [char; 3] = [';', ',', '|'];

impl Mapping {
    /// The mapping a header suggests: each column whose name means a field, each field once
    /// (the first such column). Themes are separated by semicolons unless no cell has one
    /// and some have commas.
    pub fn guess(table: &Table) -> Mapping {
        let mut columns: Vec<Option<Field>> = vec![None; table.header.len()];
        for (column, name) in table.header.iter().enumerate() {
            let key: String =
                name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
            let field = Field::ALL.into_iter().find(|f| f.names().contains(&key.as_str()));
            if let Some(field) = field.filter(|f| !columns.contains(&Some(*f))) {
                columns[column] = Some(field);
            }
        }
        let themes = columns.iter().position(|c| *c == Some(Field::Themes));
        let cells = |sep: char| {
            themes.is_some_and(|t| {
                table.rows.iter().take(200).any(|r| r.cells.get(t).is_some_and(|c| c.contains(sep)))
            })
        };
        let theme_separator = if !cells(';') && cells(',') { ',' } else { ';' };
        Mapping { columns, theme_separator, default_kind: QuoteKind::DirectQuote }
    }

    pub fn column_of(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(field))
    }

    /// Gives `field` to `column` (`None` leaves the column unused); a field is in one
    /// column at a time, so another column holding it lets it go.
    pub fn set(&mut self, column: usize, field: Option<Field>) {
        if let Some(field) = field {
            self.columns.iter_mut().filter(|c| **c == Some(field)).for_each(|c| *c = None);
        }
        if let Some(slot) = self.columns.get_mut(column) {
            *slot = field;
        }
    }
}

/// A row that was left out, or loaded with a change: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The row's place among the data rows, from 1, and its line in the file.
    pub row: usize,
    pub line: u64,
    /// The column's name, when one column is the reason.
    pub column: Option<String>,
    pub reason: String,
    /// Whether the row was left out (else it was loaded as the reason says).
    pub left_out: bool,
}

impl RowProblem {
    /// "Row 4 (line 5), column “date”: “soon” is not a date …; left out."
    pub fn message(&self) -> String {
        let column = self.column.as_deref().map(|c| format!(", column “{c}”")).unwrap_or_default();
        let outcome = if self.left_out { "left out" } else { "loaded" };
        format!("Row {} (line {}){column}: {}; {outcome}.", self.row, self.line, self.reason)
    }
}

/// The corpus a table makes, and its rows' problems.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub corpus: Corpus,
    pub problems: Vec<RowProblem>,
}

/// The theme given to rows that name none: a quote has at least one theme.
const NO_THEME: &str = "No theme given";
const NO_SPEAKER: &str = "Speaker not given";

/// Reads a kind as a person may write it: its id or label, or a common word for it.
pub fn parse_kind(text: &str) -> Option<QuoteKind> {
    let key: String = text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    Some(match key.as_str() {
        "directquote" | "direct" | "quote" | "quotation" => QuoteKind::DirectQuote,
        "reportedstatement" | "reported" | "paraphrase" | "indirect" | "summary" => {
            QuoteKind::ReportedStatement
        }
        "statementpoint" | "point" | "jointstatement" => QuoteKind::StatementPoint,
        "headline" => QuoteKind::Headline,
        _ => return None,
    })
}

/// The same name in another case or spacing is one value.
fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Entries made from distinct names: a name's entry, made once, with an id that is the
/// name's slug (made unique by a number).
struct Distinct<T> {
    entries: Vec<T>,
    by_key: FxHashMap<String, usize>,
    ids: FxHashMap<String, ()>,
}

impl<T> Distinct<T> {
    fn new() -> Self {
        Distinct { entries: Vec::new(), by_key: FxHashMap::default(), ids: FxHashMap::default() }
    }

    /// The position of the entry for `key`, made by `make(id)` if new; `fallback` is the id's
    /// stem when the name has no letters or digits.
    fn get_or_make(
        &mut self,
        key: String,
        name: &str,
        fallback: &str,
        make: impl FnOnce(String) -> T,
    ) -> usize {
        if let Some(&at) = self.by_key.get(&key) {
            return at;
        }
        let stem = match slug(name) {
            s if s.is_empty() => fallback.to_owned(),
            s => s,
        };
        let mut id = stem.clone();
        let mut n = 1;
        while self.ids.contains_key(&id) {
            n += 1;
            id = format!("{stem}-{n}");
        }
        self.ids.insert(id.clone(), ());
        self.entries.push(make(id));
        self.by_key.insert(key, self.entries.len() - 1);
        self.entries.len() - 1
    }
}

/// Builds the corpus of a table's usable rows. Without a text column or a date column there
/// is nothing to build: the message says which to choose.
pub fn build(table: &Table, mapping: &Mapping, file_name: &str) -> Result<Imported, String> {
    let mut building = Building::new(table, mapping, file_name)?;
    while !building.step(usize::MAX) {}
    Ok(building.finish())
}

/// [`build`] over the first `rows` rows only: what the mapping step shows of a long table
/// while the reader changes the mapping.
pub fn build_first(
    table: &Table,
    mapping: &Mapping,
    file_name: &str,
    rows: usize,
) -> Result<Imported, String> {
    let mut building = Building::new(table, mapping, file_name)?;
    building.step(rows);
    Ok(building.finish())
}

/// A corpus being built from a table, some rows at a time, so that a long table leaves the
/// page free to paint its progress in between.
pub struct Building<'a> {
    table: &'a Table,
    mapping: &'a Mapping,
    file_name: &'a str,
    text_column: usize,
    date_column: usize,
    speakers: Distinct<Speaker>,
    meetings: Distinct<Meeting>,
    themes: Distinct<Theme>,
    sources: Distinct<Source>,
    quotes: Vec<Quote>,
    problems: Vec<RowProblem>,
    next_row: usize,
}

impl<'a> Building<'a> {
    pub fn new(table: &'a Table, mapping: &'a Mapping, file_name: &'a str) -> Result<Self, String> {
        let Some(text_column) = mapping.column_of(Field::Text) else {
            return Err("Choose the column that holds the quotes' text (“Quote text”).".into());
        };
        let Some(date_column) = mapping.column_of(Field::Date) else {
            return Err(
                "Choose the column that holds the dates (“Date”): each quote is placed in time.".into()
            );
        };
        Ok(Building {
            table,
            mapping,
            file_name,
            text_column,
            date_column,
            speakers: Distinct::new(),
            meetings: Distinct::new(),
            themes: Distinct::new(),
            sources: Distinct::new(),
            quotes: Vec::new(),
            problems: Vec::new(),
            next_row: 0,
        })
    }

    /// Builds up to `rows` more rows; whether every row is done.
    pub fn step(&mut self, rows: usize) -> bool {
        let end = self.next_row.saturating_add(rows).min(self.table.rows.len());
        while self.next_row < end {
            self.add_row(self.next_row);
            self.next_row += 1;
        }
        self.next_row == self.table.rows.len()
    }

    /// The share of the rows done, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        self.next_row as f64 / self.table.rows.len().max(1) as f64
    }

    fn add_row(&mut self, at: usize) {
        let (table, mapping, file_name) = (self.table, self.mapping, self.file_name);
        let (text_column, date_column) = (self.text_column, self.date_column);
        let row = &table.rows[at];
        let column = |field: Field| mapping.column_of(field);
        let header = |c: usize| table.header.get(c).cloned();
        let problems = &mut self.problems;
        let mut problem = |column: Option<usize>, reason: String, left_out: bool| {
            problems.push(RowProblem {
                row: at + 1,
                line: row.line,
                column: column.and_then(header),
                reason,
                left_out,
            })
        };
        if row.cells.is_empty() {
            problem(None, row.problem.clone().unwrap_or_else(|| "has no cells".into()), true);
            return;
        }
        if let Some(reason) = &row.problem {
            problem(None, reason.clone(), false);
        }
        let cell = |field: Field| column(field).and_then(|c| row.cells.get(c)).map_or("", |c| c.trim());
        let text = row.cells[text_column].trim();
        if text.is_empty() {
            problem(Some(text_column), "no text".into(), true);
            return;
        }
        let Some((date, precision)) = parse_date(&row.cells[date_column]) else {
            let written = row.cells[date_column].trim();
            let reason = if written.is_empty() {
                "no date".to_owned()
            } else {
                format!("“{written}” is not a date; write it as {DATE_FORMS}")
            };
            problem(Some(date_column), reason, true);
            return;
        };
        let kind = match cell(Field::Kind) {
            "" => mapping.default_kind,
            written => match parse_kind(written) {
                Some(kind) => kind,
                None => {
                    let reason = format!(
                        "“{written}” is not a kind; use direct quote, reported statement, statement point or headline"
                    );
                    problem(column(Field::Kind), reason, true);
                    return;
                }
            },
        };
        let speaker_name = match cell(Field::Speaker) {
            "" => NO_SPEAKER,
            name => name,
        };
        let speaker =
            self.speakers.get_or_make(name_key(speaker_name), speaker_name, "speaker", |id| Speaker {
                id,
                name: speaker_name.to_owned(),
                aliases: Vec::new(),
                role: String::new(),
                country: String::new(),
                kind: SpeakerKind::Person,
            });
        let place = cell(Field::Place);
        let meeting_title = match (cell(Field::Meeting), place) {
            ("", "") => format!("{speaker_name}, {}", date_label(&date, precision)),
            ("", place) => format!("{place}, {}", date_label(&date, precision)),
            (title, _) => title.to_owned(),
        };
        let meeting_key = format!("{}\u{0}{date}", name_key(&meeting_title));
        let meeting = self.meetings.get_or_make(meeting_key, &meeting_title, "meeting", |id| Meeting {
            id,
            title: meeting_title.clone(),
            short_title: None,
            place: (!place.is_empty()).then(|| place.to_owned()),
            date: date.clone(),
            date_precision: precision,
            date_note: None,
            participants: Vec::new(),
        });
        let mut theme_ids = Vec::new();
        for label in
            cell(Field::Themes).split(mapping.theme_separator).map(str::trim).filter(|t| !t.is_empty())
        {
            let at = self.themes.get_or_make(name_key(label), label, "theme", |id| Theme {
                id,
                label: label.to_owned(),
                definition: String::new(),
            });
            if !theme_ids.contains(&at) {
                theme_ids.push(at);
            }
        }
        if theme_ids.is_empty() {
            theme_ids.push(self.themes.get_or_make(name_key(NO_THEME), NO_THEME, "theme", |id| Theme {
                id,
                label: NO_THEME.to_owned(),
                definition: String::new(),
            }));
        }
        let (headline, outlet, url) = (cell(Field::Source), cell(Field::Outlet), cell(Field::Url));
        let source_key = format!("{}\u{0}{}\u{0}{url}", name_key(headline), name_key(outlet));
        let source_name = [headline, outlet, url].into_iter().find(|s| !s.is_empty()).unwrap_or(file_name);
        let source = self.sources.get_or_make(source_key, source_name, "source", |id| Source {
            id,
            outlet: if outlet.is_empty() { "Outlet not given".into() } else { outlet.to_owned() },
            outlet_note: None,
            headline: if headline.is_empty() { format!("Row of {file_name}") } else { headline.to_owned() },
            published: None,
            file: file_name.to_owned(),
            url: (!url.is_empty()).then(|| url.to_owned()),
            text: None,
        });
        let context = match cell(Field::Context) {
            "" => text.to_owned(),
            context if locate_verbatim(context, text).is_some() => context.to_owned(),
            _ => {
                let reason =
                    "the context does not contain the quote's text, so the quote is its own context".into();
                problem(column(Field::Context), reason, false);
                text.to_owned()
            }
        };
        self.quotes.push(Quote {
            id: format!("row-{}", row.line),
            text: text.to_owned(),
            kind,
            speaker: self.speakers.entries[speaker].id.clone(),
            meeting: self.meetings.entries[meeting].id.clone(),
            themes: theme_ids.iter().map(|&t| self.themes.entries[t].id.clone()).collect(),
            source: self.sources.entries[source].id.clone(),
            line: u32::try_from(row.line).unwrap_or(u32::MAX),
            context,
            statement: None,
            variant_group: None,
        });
    }

    /// The corpus of the rows built so far, and their problems.
    pub fn finish(self) -> Imported {
        let file_name = self.file_name;
        let title = file_name.rsplit_once('.').map_or(file_name, |(stem, _)| stem).to_owned();
        let corpus = Corpus {
            schema_version: SCHEMA_VERSION,
            title,
            themes: self.themes.entries,
            speakers: self.speakers.entries,
            meetings: self.meetings.entries,
            sources: self.sources.entries,
            statements: Vec::new(),
            quotes: self.quotes,
        };
        Imported { corpus, problems: self.problems }
    }
}

/// A date as a meeting's title gives it, with the precision it has.
fn date_label(date: &str, precision: DatePrecision) -> String {
    Meeting {
        id: String::new(),
        title: String::new(),
        short_title: None,
        place: None,
        date: date.to_owned(),
        date_precision: precision,
        date_note: None,
        participants: Vec::new(),
    }
    .date_label()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Links;
    use crate::import::table::read;

    const SHEET: &str = "Quote,Said by,Date,Meeting,Location,Topics,Headline,Outlet,Link,Type\n\
\"There is no one-size-fits-all model of democracy\",Wang Yi,23 March 2021,Guilin talks,Guilin,Democracy; World order,China and Russia meet,Xinhua,https://example.org/a,quote\n\
\"We oppose hegemony\",wang  YI,2021-03-23,guilin TALKS,Guilin,democracy,China and Russia meet,Xinhua,https://example.org/a,\n\
Sanctions are unacceptable,Sergey Lavrov,March 2022,,Beijing,,Lavrov in Beijing,TASS,,paraphrase\n\
,Nobody,2021,,,,,,,\n\
Something,Somebody,soonish,,,,,,,\n\
Other,Somebody,2021,,,,,,,opinion\n";

    fn imported() -> Imported {
        let table = read("sheet.csv", SHEET.as_bytes()).unwrap();
        build(&table, &Mapping::guess(&table), "sheet.csv").unwrap()
    }

    #[test]
    fn building_a_row_at_a_time_or_only_the_first_rows_agrees_with_building_at_once() {
        let table = read("sheet.csv", SHEET.as_bytes()).unwrap();
        let mapping = Mapping::guess(&table);
        let whole = build(&table, &mapping, "sheet.csv").unwrap();
        let mut building = Building::new(&table, &mapping, "sheet.csv").unwrap();
        let mut steps = 0;
        while !building.step(1) {
            steps += 1;
            assert!(building.fraction() < 1.0);
        }
        assert_eq!(steps, table.rows.len() - 1);
        assert_eq!(building.finish(), whole);
        let first = build_first(&table, &mapping, "sheet.csv", 2).unwrap();
        let mut short = table.clone();
        short.rows.truncate(2);
        assert_eq!(first, build(&short, &mapping, "sheet.csv").unwrap());
    }

    #[test]
    fn the_header_suggests_each_columns_field() {
        let table = read("sheet.csv", SHEET.as_bytes()).unwrap();
        let mapping = Mapping::guess(&table);
        use Field::*;
        assert_eq!(
            mapping.columns,
            [
                Some(Text),
                Some(Speaker),
                Some(Date),
                Some(Meeting),
                Some(Place),
                Some(Themes),
                Some(Source),
                Some(Outlet),
                Some(Url),
                Some(Kind)
            ]
        );
        assert_eq!(mapping.theme_separator, ';');
    }

    #[test]
    fn distinct_names_make_one_entry_each_whatever_their_case_or_spacing() {
        let c = imported().corpus;
        let names: Vec<&str> = c.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Wang Yi", "Sergey Lavrov"]);
        assert_eq!(c.speakers[0].id, "wang-yi");
        assert_eq!(c.meetings.len(), 2, "“guilin TALKS” on the same day is the Guilin talks");
        assert_eq!(c.meetings[0].date, "2021-03-23");
        assert_eq!(c.meetings[1].title, "Beijing, March 2022");
        assert_eq!(
            (c.meetings[1].date.as_str(), c.meetings[1].date_precision),
            ("2022-03", DatePrecision::Month)
        );
        let themes: Vec<&str> = c.themes.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(themes, ["democracy", "world-order", "no-theme-given"]);
        assert_eq!(c.sources.len(), 2);
        assert_eq!(c.sources[0].url.as_deref(), Some("https://example.org/a"));
        let kinds: Vec<QuoteKind> = c.quotes.iter().map(|q| q.kind).collect();
        assert_eq!(kinds, [QuoteKind::DirectQuote, QuoteKind::DirectQuote, QuoteKind::ReportedStatement]);
        assert_eq!(c.quotes[0].line, 2, "each quote keeps its line in the file");
        assert!(Links::new(&c).1.is_empty(), "{:?}", Links::new(&c).1);
    }

    #[test]
    fn unusable_rows_are_listed_by_row_and_column_and_the_rest_load() {
        let Imported { corpus, problems } = imported();
        assert_eq!(corpus.quotes.len(), 3);
        let messages: Vec<String> = problems.iter().map(RowProblem::message).collect();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert_eq!(messages[0], "Row 4 (line 5), column “Quote”: no text; left out.");
        assert!(
            messages[1].starts_with("Row 5 (line 6), column “Date”: “soonish” is not a date"),
            "{}",
            messages[1]
        );
        assert!(messages[2].starts_with("Row 6 (line 7), column “Type”: “opinion” is not a kind"));
    }

    #[test]
    fn without_a_text_or_date_column_the_reader_is_asked_to_choose_one() {
        let table = read("x.csv", b"speaker,when\nA,2021\n").unwrap();
        let mut mapping = Mapping::guess(&table);
        assert!(build(&table, &mapping, "x.csv").unwrap_err().contains("Quote text"));
        mapping.set(0, Some(Field::Text));
        assert_eq!(mapping.column_of(Field::Speaker), None, "a column holds one field");
        let c = build(&table, &mapping, "x.csv").unwrap().corpus;
        assert_eq!(c.quotes[0].text, "A");
        assert_eq!(
            (c.meetings[0].date.as_str(), c.meetings[0].date_precision),
            ("2021", DatePrecision::Year)
        );
    }

    #[test]
    fn a_formula_stays_text() {
        let table = read("x.csv", b"text,date\n\"=HYPERLINK(\"\"http://x\"\")\",2021\n").unwrap();
        let c = build(&table, &Mapping::guess(&table), "x.csv").unwrap().corpus;
        assert_eq!(c.quotes[0].text, "=HYPERLINK(\"http://x\")");
    }
}
