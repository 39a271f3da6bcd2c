//! Side by side: the results of a query split into two to four columns (sides, speakers,
//! meetings, statements or sources) and, down the rows, by theme. Comparing statements also
//! marks the phrases they share (see [`super::phrases`]).

use rustc_hash::FxHashMap;

use super::card::attribution;
use super::phrases::{shared_phrases, Span};
use super::{Catalog, Facet, Query, Results};
use crate::corpus::QuoteKind;

/// What a comparison's columns are values of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum CompareBy {
    #[default]
    Side,
    Speaker,
    Meeting,
    Statement,
    Source,
}

impl CompareBy {
    pub const ALL: [CompareBy; 5] =
        [CompareBy::Side, CompareBy::Speaker, CompareBy::Meeting, CompareBy::Statement, CompareBy::Source];

    /// Its name in the URL (`by=`).
    pub fn param(self) -> &'static str {
        match self {
            CompareBy::Side => "side",
            CompareBy::Speaker => "speaker",
            CompareBy::Meeting => "meeting",
            CompareBy::Statement => "statement",
            CompareBy::Source => "source",
        }
    }

    pub fn from_param(param: &str) -> Option<CompareBy> {
        CompareBy::ALL.into_iter().find(|b| b.param() == param)
    }

    pub fn label(self) -> &'static str {
        match self {
            CompareBy::Side => "Side",
            CompareBy::Speaker => "Speaker",
            CompareBy::Meeting => "Meeting",
            CompareBy::Statement => "Statement",
            CompareBy::Source => "Source",
        }
    }

    /// The facet whose values the columns are, for all but statements.
    fn facet(self) -> Option<Facet> {
        match self {
            CompareBy::Side => Some(Facet::Side),
            CompareBy::Speaker => Some(Facet::Speaker),
            CompareBy::Meeting => Some(Facet::Meeting),
            CompareBy::Source => Some(Facet::Source),
            CompareBy::Statement => None,
        }
    }
}

/// Quotes a cell lists before "show all".
pub const CELL_SHOWN: usize = 5;

/// Fewest and most columns a comparison has.
pub const MIN_COLUMNS: usize = 2;
pub const MAX_COLUMNS: usize = 4;

/// The comparison a reader asked for, as the URL records it:
/// `view=compare&by=side&cols=china,russia`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CompareSpec {
    pub by: CompareBy,
    /// Value ids, one per column.
    pub columns: Vec<String>,
}

impl CompareSpec {
    /// Shows `id` in column `at`; if another column shows it, the two swap.
    pub fn set_column(&mut self, at: usize, id: &str) {
        let Some(old) = self.columns.get(at).cloned() else { return };
        if let Some(other) = self.columns.iter().position(|c| c == id) {
            self.columns[other] = old;
        }
        self.columns[at] = id.to_owned();
    }

    /// Adds a column for the first of `choices` not shown yet, up to [`MAX_COLUMNS`].
    pub fn add_column(&mut self, choices: &[Choice]) {
        if self.columns.len() < MAX_COLUMNS {
            if let Some(choice) = choices.iter().find(|c| !self.columns.contains(&c.id)) {
                self.columns.push(choice.id.clone());
            }
        }
    }

    /// Removes column `at`, keeping at least [`MIN_COLUMNS`].
    pub fn remove_column(&mut self, at: usize) {
        if self.columns.len() > MIN_COLUMNS && at < self.columns.len() {
            self.columns.remove(at);
        }
    }
}

/// A quote in a cell: its words, who said them, where, and whether they are the speaker's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub text: String,
    pub speaker: String,
    pub meeting: String,
    pub kind: QuoteKind,
    /// Why these are not the speaker's own words, when they are not.
    pub attribution: Option<String>,
}

/// A value a column can show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// A column: its value and how many of the results it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub id: String,
    pub label: String,
    pub count: usize,
}

/// A theme's row: per column, its quotes (positions, in the results' order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub theme_id: String,
    pub theme: String,
    pub cells: Vec<Vec<u32>>,
}

/// The results side by side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    pub by: CompareBy,
    pub columns: Vec<Column>,
    /// The themes with a quote in any column, in the theme filter's order.
    pub rows: Vec<Row>,
    /// When statements are compared: per quote shown, the byte ranges of its text that
    /// another column's statement shares (three words or more).
    pub shared: FxHashMap<u32, Vec<Span>>,
}

impl Comparison {
    /// The phrases of the quote at `position` another column shares.
    pub fn shared_in(&self, position: u32) -> &[Span] {
        self.shared.get(&position).map_or(&[], Vec::as_slice)
    }
}

impl Catalog {
    /// The values a comparison by `by` can show, in the filters' order (statements as the
    /// corpus lists them); only values some quote has.
    pub fn compare_choices(&self, by: CompareBy) -> Vec<Choice> {
        match by.facet() {
            Some(facet) => self
                .index
                .values(facet)
                .iter()
                .map(|v| Choice { id: v.id.clone(), label: v.label.clone() })
                .collect(),
            None => self
                .corpus
                .statements
                .iter()
                .filter(|s| !self.statement_quotes(&s.id).is_empty())
                .map(|s| Choice { id: s.id.clone(), label: s.title.clone() })
                .collect(),
        }
    }

    /// `spec` with columns this corpus has: known ids, each once, at most [`MAX_COLUMNS`],
    /// filled up to [`MIN_COLUMNS`] (China against Russia first, where there are both).
    pub fn settle_comparison(&self, spec: &CompareSpec) -> CompareSpec {
        let choices = self.compare_choices(spec.by);
        let known = |id: &str| choices.iter().any(|c| c.id == id);
        let mut columns: Vec<String> = Vec::new();
        for id in &spec.columns {
            if known(id) && !columns.contains(id) && columns.len() < MAX_COLUMNS {
                columns.push(id.clone());
            }
        }
        let preferred = if spec.by == CompareBy::Side { &["china", "russia"][..] } else { &[] };
        let fill = preferred.iter().map(|id| id.to_string()).filter(|id| known(id));
        for id in fill.chain(choices.iter().map(|c| c.id.clone())) {
            if columns.len() >= MIN_COLUMNS {
                break;
            }
            if !columns.contains(&id) {
                columns.push(id);
            }
        }
        CompareSpec { by: spec.by, columns }
    }

    /// Per column of `spec`, the quotes of `results` it holds, in the results' order.
    pub fn column_members(&self, spec: &CompareSpec, results: &Results) -> Vec<Vec<u32>> {
        let columns_of = self.column_finder(spec);
        let mut members = vec![Vec::new(); spec.columns.len()];
        for &position in &results.quotes {
            for column in columns_of(position) {
                members[column].push(position);
            }
        }
        members
    }

    /// The column of each value a quote may have, for a comparison's columns.
    fn column_finder(&self, spec: &CompareSpec) -> impl Fn(u32) -> Vec<usize> + '_ {
        let by = spec.by;
        let column_of_value: Vec<Option<usize>> = match by.facet() {
            Some(facet) => self
                .index
                .values(facet)
                .iter()
                .map(|v| spec.columns.iter().position(|c| *c == v.id))
                .collect(),
            None => {
                self.corpus.statements.iter().map(|s| spec.columns.iter().position(|c| *c == s.id)).collect()
            }
        };
        move |position| match by.facet() {
            Some(facet) => self
                .index
                .values_of(facet, position)
                .iter()
                .filter_map(|&v| column_of_value[v as usize])
                .collect(),
            None => self.statement_of(position).and_then(|s| column_of_value[s]).into_iter().collect(),
        }
    }

    /// The results of `query` side by side: one column per value of `spec` (as
    /// [`Catalog::settle_comparison`] leaves it), one row per theme (per theme chosen, when
    /// the query chooses some).
    pub fn compare(&self, spec: &CompareSpec, query: &Query, results: &Results) -> Comparison {
        let choices = self.compare_choices(spec.by);
        let columns_of = self.column_finder(spec);
        let themes = self.index.values(Facet::Theme);
        let width = spec.columns.len();
        let mut cells: Vec<Vec<Vec<u32>>> = vec![vec![Vec::new(); width]; themes.len()];
        let mut counts = vec![0; width];
        for &position in &results.quotes {
            for column in columns_of(position) {
                counts[column] += 1;
                for &theme in self.index.values_of(Facet::Theme, position) {
                    cells[theme as usize][column].push(position);
                }
            }
        }
        let columns = spec
            .columns
            .iter()
            .zip(counts)
            .map(|(id, count)| {
                let label =
                    choices.iter().find(|c| c.id == *id).map_or_else(|| id.clone(), |c| c.label.clone());
                Column { id: id.clone(), label, count }
            })
            .collect();
        let rows: Vec<Row> = themes
            .iter()
            .zip(cells)
            .filter(|(theme, cells)| {
                let chosen =
                    query.selected(Facet::Theme).count() == 0 || query.is_selected(Facet::Theme, &theme.id);
                chosen && cells.iter().any(|c| !c.is_empty())
            })
            .map(|(theme, cells)| Row { theme_id: theme.id.clone(), theme: theme.label.clone(), cells })
            .collect();
        let shared = if spec.by == CompareBy::Statement {
            self.shared_between_columns(&rows, width)
        } else {
            FxHashMap::default()
        };
        Comparison { by: spec.by, columns, rows, shared }
    }

    /// A quote as a comparison's cell lists it.
    pub fn entry(&self, position: u32) -> Entry {
        let q = self.quote(position);
        let speaker = self.speaker(&q.speaker).map_or_else(|| q.speaker.clone(), |s| s.name.clone());
        let outlet = self.source(&q.source).map_or(q.source.as_str(), |s| s.outlet.as_str());
        let meeting = self.meeting(&q.meeting).map_or_else(
            || q.meeting.clone(),
            |m| format!("{}, {}", m.short_title.as_deref().unwrap_or(&m.title), m.date_label()),
        );
        Entry {
            id: q.id.clone(),
            text: q.text.clone(),
            attribution: attribution(q.kind, &speaker, outlet),
            speaker,
            meeting,
            kind: q.kind,
        }
    }

    /// Per quote shown, the phrases of three or more words another column also has.
    fn shared_between_columns(&self, rows: &[Row], width: usize) -> FxHashMap<u32, Vec<Span>> {
        let mut by_column: Vec<Vec<u32>> = vec![Vec::new(); width];
        for row in rows {
            for (column, cell) in row.cells.iter().enumerate() {
                for &p in cell {
                    if !by_column[column].contains(&p) {
                        by_column[column].push(p);
                    }
                }
            }
        }
        let texts: Vec<Vec<&str>> =
            by_column.iter().map(|ps| ps.iter().map(|&p| self.quote(p).text.as_str()).collect()).collect();
        let spans = shared_phrases(&texts);
        let mut shared = FxHashMap::default();
        for (positions, spans) in by_column.iter().zip(spans) {
            for (&p, spans) in positions.iter().zip(spans) {
                if !spans.is_empty() {
                    shared.insert(p, spans);
                }
            }
        }
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{self, synthetic};

    fn bundled() -> Catalog {
        Catalog::new(corpus::bundled().unwrap())
    }

    fn spec(by: CompareBy, columns: &[&str]) -> CompareSpec {
        CompareSpec { by, columns: columns.iter().map(|c| c.to_string()).collect() }
    }

    #[test]
    fn choosing_a_shown_value_swaps_columns_and_there_are_two_to_four() {
        let c = bundled();
        let choices = c.compare_choices(CompareBy::Side);
        let mut s = spec(CompareBy::Side, &["china", "russia"]);
        s.set_column(0, "russia");
        assert_eq!(s.columns, ["russia", "china"]);
        s.set_column(1, "japan");
        assert_eq!(s.columns, ["russia", "japan"]);
        s.remove_column(0);
        assert_eq!(s.columns.len(), 2, "never fewer than two");
        for _ in 0..5 {
            s.add_column(&choices);
        }
        assert_eq!(s.columns.len(), 4, "never more than four");
        let mut unique = s.columns.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 4);
        s.remove_column(3);
        assert_eq!(s.columns, ["russia", "japan", "china"]);
        s.set_column(9, "china");
        assert_eq!(s.columns.len(), 3, "no such column: no change");
    }

    #[test]
    fn an_entry_says_when_the_words_are_not_the_speakers() {
        let c = bundled();
        for p in 0..c.len() as u32 {
            let entry = c.entry(p);
            assert_eq!(entry.attribution.is_none(), c.quote(p).kind.is_speakers_words(), "{}", entry.id);
            assert!(!entry.speaker.is_empty() && !entry.meeting.is_empty());
        }
    }

    #[test]
    fn by_default_china_is_compared_with_russia() {
        let c = bundled();
        assert_eq!(c.settle_comparison(&CompareSpec::default()), spec(CompareBy::Side, &["china", "russia"]));
    }

    #[test]
    fn columns_are_known_values_once_each_two_to_four() {
        let c = bundled();
        let asked =
            spec(CompareBy::Side, &["russia", "nowhere", "russia", "japan", "china", "china-and-russia"]);
        assert_eq!(c.settle_comparison(&asked).columns, ["russia", "japan", "china", "china-and-russia"]);
        assert_eq!(c.settle_comparison(&spec(CompareBy::Side, &["japan"])).columns, ["japan", "china"]);
        let speakers = c.settle_comparison(&spec(CompareBy::Speaker, &[]));
        let choices = c.compare_choices(CompareBy::Speaker);
        assert_eq!(speakers.columns, [choices[0].id.clone(), choices[1].id.clone()]);
        for by in CompareBy::ALL {
            assert!(c.compare_choices(by).len() >= 2, "{by:?}");
            assert_eq!(CompareBy::from_param(by.param()), Some(by));
        }
    }

    #[test]
    fn each_cell_holds_exactly_the_results_of_its_column_and_theme() {
        let c = bundled();
        let mut query = Query::text("democracy");
        query.select(Facet::Kind, "reported_statement");
        let results = c.search(&query);
        for by in CompareBy::ALL {
            let spec = c.settle_comparison(&CompareSpec { by, columns: vec![] });
            let comparison = c.compare(&spec, &query, &results);
            for row in &comparison.rows {
                for (column, cell) in comparison.columns.iter().zip(&row.cells) {
                    let expected: Vec<u32> = results
                        .quotes
                        .iter()
                        .copied()
                        .filter(|&p| c.quote(p).themes.contains(&row.theme_id))
                        .filter(|&p| match by {
                            CompareBy::Side => {
                                c.speaker(&c.quote(p).speaker).and_then(|s| s.side_id())
                                    == Some(column.id.clone())
                            }
                            CompareBy::Speaker => c.quote(p).speaker == column.id,
                            CompareBy::Meeting => c.quote(p).meeting == column.id,
                            CompareBy::Source => c.quote(p).source == column.id,
                            CompareBy::Statement => {
                                c.quote(p).statement.as_ref().is_some_and(|s| s.id == column.id)
                            }
                        })
                        .collect();
                    assert_eq!(*cell, expected, "{by:?} {} {}", row.theme_id, column.id);
                }
            }
            let in_rows = |column: usize| {
                let mut ps: Vec<u32> = comparison.rows.iter().flat_map(|r| r.cells[column].clone()).collect();
                ps.sort_unstable();
                ps.dedup();
                ps.len()
            };
            for (i, column) in comparison.columns.iter().enumerate() {
                assert_eq!(column.count, in_rows(i), "{by:?} {}", column.id);
            }
            assert!(comparison.rows.iter().all(|r| r.cells.iter().any(|c| !c.is_empty())), "no empty rows");
        }
    }

    #[test]
    fn with_themes_chosen_only_their_rows_are_shown() {
        let c = bundled();
        let mut query = Query::default();
        query.select(Facet::Theme, "human-rights");
        let comparison = c.compare(&c.settle_comparison(&CompareSpec::default()), &query, &c.search(&query));
        let rows: Vec<&str> = comparison.rows.iter().map(|r| r.theme_id.as_str()).collect();
        assert_eq!(rows, ["human-rights"]);
    }

    #[test]
    fn the_two_joint_statements_share_phrases_and_each_keeps_its_own() {
        let c = bundled();
        let spec = spec(
            CompareBy::Statement,
            &["joint-statement-global-governance-2021", "joint-statement-2022-02-04"],
        );
        let all = Query::default();
        let comparison = c.compare(&c.settle_comparison(&spec), &all, &c.search(&all));
        assert_eq!(comparison.columns.len(), 2);
        assert!(comparison.columns.iter().all(|col| col.count > 0));
        let marked: Vec<String> = comparison
            .shared
            .iter()
            .flat_map(|(&p, spans)| {
                spans.iter().map(|s| c.quote(p).text[s.clone()].to_lowercase()).collect::<Vec<_>>()
            })
            .collect();
        assert!(!marked.is_empty());
        assert!(marked.iter().all(|m| m.split_whitespace().count() >= 3), "{marked:?}");
        let comparison = c.compare(&c.settle_comparison(&CompareSpec::default()), &all, &c.search(&all));
        assert!(comparison.shared.is_empty(), "phrases are marked between statements only");
    }

    #[test]
    fn a_corpus_without_sides_compares_nothing_by_side_and_other_ways_still() {
        let mut corpus = synthetic::generate(50, 1);
        corpus.speakers.iter_mut().for_each(|s| s.country.clear());
        let c = Catalog::new(corpus);
        let settled = c.settle_comparison(&CompareSpec::default());
        assert!(settled.columns.is_empty());
        let all = Query::default();
        let comparison = c.compare(&settled, &all, &c.search(&all));
        assert!(comparison.columns.is_empty() && comparison.rows.is_empty());
        let by_speaker = c.settle_comparison(&CompareSpec { by: CompareBy::Speaker, columns: vec![] });
        assert_eq!(by_speaker.columns.len(), 2);
    }
}
