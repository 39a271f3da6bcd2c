//! Term trends, as Voyant's Trends shows them: how often each search word is used per
//! meeting (in date order) and per side or speaker, counted in the quotes the filters select,
//! raw or per 1,000 words; and where each count goes when drawn on a date axis (as the
//! overview's timeline) and in a grid of sides and speakers by word (as its map).

use super::overview::{date_axis, meeting_label, short_date, DateAxis, Tick, YearSpan, MAX_MEETINGS};
use super::text::SearchTerms;
use super::{Catalog, Facet, Results};

/// At most this many speakers are drawn in the map (those using the words most); every one
/// is in the table.
pub const MAX_SPEAKERS_DRAWN: usize = 24;

/// One row of a trend table: a meeting, a side or a speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendRow {
    pub id: String,
    pub label: String,
    /// Occurrences of each search word, in the search's order.
    pub counts: Vec<u32>,
    /// All words of the row's quotes, for rates.
    pub words: u32,
}

impl TrendRow {
    /// Occurrences per 1,000 words, in tenths ("12.5 per 1,000" is 125), so that no float
    /// is formatted.
    pub fn per_thousand_tenths(&self, term: usize) -> u32 {
        if self.words == 0 {
            return 0;
        }
        ((u64::from(self.counts[term]) * 10_000 + u64::from(self.words) / 2) / u64::from(self.words)) as u32
    }

    /// What is shown for a word, in tenths: its rate per 1,000 words, or its count.
    pub fn value(&self, term: usize, per_thousand: bool) -> u32 {
        if per_thousand {
            self.per_thousand_tenths(term)
        } else {
            self.counts[term] * 10
        }
    }

    /// Occurrences of all the search's words.
    fn occurrences(&self) -> u32 {
        self.counts.iter().sum()
    }
}

/// A value in tenths as shown: "12.5" for a rate, "12" for a count.
pub fn value_label(tenths: u32, per_thousand: bool) -> String {
    if per_thousand {
        tenths_label(tenths)
    } else {
        (tenths / 10).to_string()
    }
}

/// A meeting on the trend timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelinePoint {
    pub id: String,
    pub title: String,
    /// A few words that tell it apart, and its date in few characters.
    pub label: String,
    pub short_date: String,
    pub date_label: String,
    /// From 0 (the earliest meeting drawn) to 1 (the latest).
    pub x: f64,
}

/// The words' counts (or rates) per meeting on a date axis: a lane per word.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrendTimeline {
    /// In date order.
    pub meetings: Vec<TimelinePoint>,
    pub ticks: Vec<Tick>,
    pub years: Vec<YearSpan>,
    /// `values[term][meeting]`, in tenths (see [`TrendRow::value`]).
    pub values: Vec<Vec<u32>>,
    pub largest: u32,
    /// Meetings with the words that are not drawn, to keep to [`MAX_MEETINGS`].
    pub left_out: usize,
}

/// A row of the trend map: a side or a speaker, with its value for each word.
#[derive(Debug, Clone, PartialEq)]
pub struct MapRow {
    pub facet: Facet,
    pub id: String,
    pub label: String,
    /// In tenths, a value per search word.
    pub values: Vec<u32>,
    /// The largest value among the rows of its facet, which its shade is relative to: a
    /// side's count is the sum of its speakers'.
    pub largest: u32,
}

/// The sides, then the speakers using the words most, by word.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrendMap {
    pub rows: Vec<MapRow>,
    /// Speakers with the words that are not drawn, to keep to [`MAX_SPEAKERS_DRAWN`].
    pub speakers_left_out: usize,
}

/// The positions of the `limit` rows with the most occurrences of the words (ties to the
/// earlier), in their own order; and how many rows with occurrences are left out.
fn most_used(rows: &[TrendRow], limit: usize) -> (Vec<usize>, usize) {
    let mut used: Vec<u32> = (0..rows.len() as u32).filter(|&i| rows[i as usize].occurrences() > 0).collect();
    let left_out = used.len().saturating_sub(limit);
    crate::order::sort_by_key(&mut used, |i| u32::MAX - rows[i as usize].occurrences());
    used.truncate(limit);
    crate::order::sort_by_key(&mut used, |i| i);
    (used.into_iter().map(|i| i as usize).collect(), left_out)
}

impl Trends {
    /// The timeline's marks: the meetings where the words occur (at most [`MAX_MEETINGS`],
    /// those with the most occurrences), placed by date.
    pub fn timeline(&self, catalog: &Catalog, per_thousand: bool) -> TrendTimeline {
        let (kept, left_out) = most_used(&self.by_meeting, MAX_MEETINGS);
        let meetings: Vec<(&TrendRow, &crate::corpus::Meeting)> = kept
            .iter()
            .filter_map(|&i| Some((&self.by_meeting[i], catalog.meeting(&self.by_meeting[i].id)?)))
            .collect();
        let DateAxis { xs, ticks, years } = date_axis(meetings.iter().map(|(_, m)| m.date.as_str()));
        let values: Vec<Vec<u32>> = (0..self.terms.len())
            .map(|term| meetings.iter().map(|(row, _)| row.value(term, per_thousand)).collect())
            .collect();
        TrendTimeline {
            largest: values.iter().flatten().copied().max().unwrap_or(0),
            meetings: meetings
                .iter()
                .zip(xs)
                .map(|((row, m), x)| TimelinePoint {
                    id: row.id.clone(),
                    title: m.title.clone(),
                    label: meeting_label(m),
                    short_date: short_date(m),
                    date_label: m.date_label(),
                    x,
                })
                .collect(),
            ticks,
            years,
            values,
            left_out,
        }
    }

    /// The map's rows: every side, then the speakers using the words most (at most
    /// [`MAX_SPEAKERS_DRAWN`]).
    pub fn map(&self, per_thousand: bool) -> TrendMap {
        let rows_of = |facet: Facet, rows: &[TrendRow], kept: &[usize]| -> Vec<MapRow> {
            let values: Vec<Vec<u32>> = kept
                .iter()
                .map(|&i| (0..self.terms.len()).map(|term| rows[i].value(term, per_thousand)).collect())
                .collect();
            let largest = values.iter().flatten().copied().max().unwrap_or(0);
            kept.iter()
                .zip(values)
                .map(|(&i, values)| MapRow {
                    facet,
                    id: rows[i].id.clone(),
                    label: rows[i].label.clone(),
                    values,
                    largest,
                })
                .collect()
        };
        let sides: Vec<usize> = (0..self.by_side.len()).collect();
        let (speakers, speakers_left_out) = most_used(&self.by_speaker, MAX_SPEAKERS_DRAWN);
        let mut rows = rows_of(Facet::Side, &self.by_side, &sides);
        rows.extend(rows_of(Facet::Speaker, &self.by_speaker, &speakers));
        TrendMap { rows, speakers_left_out }
    }
}

/// The search's words and their counts by meeting and by side and speaker.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trends {
    pub terms: Vec<String>,
    /// Meetings in date order.
    pub by_meeting: Vec<TrendRow>,
    pub by_side: Vec<TrendRow>,
    pub by_speaker: Vec<TrendRow>,
}

impl Catalog {
    /// Counts each word of `terms` (as a search matches it: the start of a word, any of its
    /// spellings) in the texts of the quotes `results` holds.
    pub fn trends(&self, terms: &SearchTerms, results: &Results) -> Trends {
        let rows = |facet: Facet| -> Vec<TrendRow> {
            self.index
                .values(facet)
                .iter()
                .map(|v| TrendRow {
                    id: v.id.clone(),
                    label: v.label.clone(),
                    counts: vec![0; terms.words.len()],
                    words: 0,
                })
                .collect()
        };
        let (mut by_meeting, mut by_side, mut by_speaker) =
            (rows(Facet::Meeting), rows(Facet::Side), rows(Facet::Speaker));
        let matching = self.index.term_words(terms);
        let mut counts = vec![0u32; terms.words.len()];
        for &position in &results.quotes {
            let text = self.index.text_words(position);
            let words = text.len() as u32;
            counts.iter_mut().for_each(|c| *c = 0);
            for &id in text.iter().filter(|&&id| matching.matches(id)) {
                matching.terms_of(id).for_each(|term| counts[term] += 1);
            }
            for (facet, rows) in [
                (Facet::Meeting, &mut by_meeting),
                (Facet::Side, &mut by_side),
                (Facet::Speaker, &mut by_speaker),
            ] {
                for &v in self.index.values_of(facet, position) {
                    let row = &mut rows[v as usize];
                    row.words += words;
                    row.counts.iter_mut().zip(&counts).for_each(|(total, n)| *total += n);
                }
            }
        }
        let keep = |rows: Vec<TrendRow>| rows.into_iter().filter(|r| r.words > 0).collect();
        Trends {
            terms: terms.words.clone(),
            by_meeting: keep(by_meeting),
            by_side: keep(by_side),
            by_speaker: keep(by_speaker),
        }
    }
}

/// Tenths as a decimal: 125 is "12.5".
pub fn tenths_label(tenths: u32) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// The trend timeline's drawing, in SVG units: a lane per search word under a date axis.
pub mod drawing {
    pub const WIDTH: f64 = super::super::overview::timeline::WIDTH;
    /// Room for the words on the left, and for a mark's radius on the right.
    pub const LEFT: f64 = 124.0;
    pub const RIGHT: f64 = 30.0;
    pub const AXIS_Y: f64 = 44.0;
    pub const LANE_HEIGHT: f64 = 46.0;

    /// Where a point of the date axis (0 to 1) goes.
    pub fn x(at: f64) -> f64 {
        LEFT + at * (WIDTH - LEFT - RIGHT)
    }

    /// The middle of the lane of the search word at `term`.
    pub fn lane_y(term: usize) -> f64 {
        AXIS_Y + 8.0 + LANE_HEIGHT * (term as f64 + 0.5)
    }

    /// Horizontal room a meeting's label needs before the next label on its line.
    const LABEL_GAP: f64 = 110.0;
    const LABEL_LINE: f64 = 32.0;

    /// The line of each meeting's label under the lanes (meetings close in time take turns),
    /// for meetings at these points of the date axis.
    pub fn label_lines(at: &[f64]) -> Vec<usize> {
        let xs: Vec<f64> = at.iter().map(|&a| x(a)).collect();
        super::super::overview::label_lanes(&xs, LABEL_GAP)
    }

    /// The baseline of a label's first line on line `line`, under `terms` lanes.
    pub fn label_y(terms: usize, line: usize) -> f64 {
        AXIS_Y + 8.0 + LANE_HEIGHT * terms as f64 + 16.0 + LABEL_LINE * line as f64
    }

    /// The drawing's height, with `terms` lanes and `label_lines` lines of labels.
    pub fn height(terms: usize, label_lines: usize) -> f64 {
        label_y(terms, label_lines) + 4.0
    }

    /// A mark's radius: its area in proportion to its value, as on the overview's timeline.
    pub fn radius(value: u32, largest: u32) -> f64 {
        super::super::overview::timeline::radius(value, largest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::engine::text::words;
    use crate::engine::Query;

    #[test]
    fn each_words_count_per_meeting_and_speaker_is_a_plain_count_of_its_quotes() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let terms = c.index.search_terms("democracy sovereign");
        let results = c.search(&Query::default());
        let trends = c.trends(&terms, &results);
        assert_eq!(trends.terms, ["democracy", "sovereign"]);
        let count = |keep: &dyn Fn(u32) -> bool, prefix: &str| -> u32 {
            results
                .quotes
                .iter()
                .filter(|&&p| keep(p))
                .map(|&p| words(&c.quote(p).text).filter(|w| w.starts_with(prefix)).count() as u32)
                .sum()
        };
        for row in &trends.by_meeting {
            let at = |p: u32| c.quote(p).meeting == row.id;
            assert_eq!(row.counts, [count(&at, "democracy"), count(&at, "sovereign")], "{}", row.id);
            let words_at: u32 = results
                .quotes
                .iter()
                .filter(|&&p| at(p))
                .map(|&p| words(&c.quote(p).text).count() as u32)
                .sum();
            assert_eq!(row.words, words_at);
        }
        for row in &trends.by_speaker {
            let by = |p: u32| c.quote(p).speaker == row.id;
            assert_eq!(row.counts, [count(&by, "democracy"), count(&by, "sovereign")], "{}", row.id);
        }
        let dates: Vec<&str> =
            trends.by_meeting.iter().map(|r| c.meeting(&r.id).unwrap().date.as_str()).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "meetings in date order");
        let sides: u32 = trends.by_side.iter().map(|r| r.counts[0]).sum();
        assert_eq!(sides, count(&|_| true, "democracy"));
    }

    #[test]
    fn the_timeline_and_map_draw_the_tables_numbers() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let trends = c.trends(&c.index.search_terms("democracy hegemon"), &c.search(&Query::default()));
        for per in [false, true] {
            let timeline = trends.timeline(&c, per);
            // Every meeting where a word occurs, in date order, at its value in the table.
            let used: Vec<&TrendRow> =
                trends.by_meeting.iter().filter(|r| r.counts.iter().any(|&n| n > 0)).collect();
            assert_eq!(timeline.meetings.len(), used.len().min(MAX_MEETINGS));
            assert!(!timeline.meetings.is_empty());
            for (at, point) in timeline.meetings.iter().enumerate() {
                let row = used.iter().find(|r| r.id == point.id).expect("a meeting with the words");
                for term in 0..2 {
                    assert_eq!(timeline.values[term][at], row.value(term, per));
                }
            }
            assert!(timeline.meetings.windows(2).all(|w| w[0].x <= w[1].x));
            assert_eq!(timeline.largest, timeline.values.iter().flatten().copied().max().unwrap());
            let map = trends.map(per);
            let sides: Vec<&MapRow> = map.rows.iter().filter(|r| r.facet == Facet::Side).collect();
            assert_eq!(sides.len(), trends.by_side.len(), "every side");
            for row in &map.rows {
                let table = if row.facet == Facet::Side { &trends.by_side } else { &trends.by_speaker };
                let source = table.iter().find(|r| r.id == row.id).unwrap();
                assert_eq!(row.values, [source.value(0, per), source.value(1, per)]);
                assert!(row.values.iter().all(|&v| v <= row.largest));
            }
        }
        assert_eq!(value_label(125, true), "12.5");
        assert_eq!(value_label(120, false), "12");
    }

    #[test]
    fn only_the_meetings_and_speakers_using_the_words_most_are_drawn() {
        let rows: Vec<TrendRow> = (0..50)
            .map(|i| TrendRow { id: format!("m{i}"), label: String::new(), counts: vec![i % 7], words: 100 })
            .collect();
        let (kept, left_out) = most_used(&rows, 10);
        assert_eq!(kept.len(), 10);
        assert!(kept.windows(2).all(|w| w[0] < w[1]), "in their own order");
        let least_kept = kept.iter().map(|&i| rows[i].counts[0]).min().unwrap();
        let most_left = (0..50).filter(|i| !kept.contains(i)).map(|i| rows[i].counts[0]).max().unwrap();
        assert!(least_kept >= most_left && least_kept == 5, "{least_kept} {most_left}");
        assert_eq!(left_out, rows.iter().filter(|r| r.counts[0] > 0).count() - 10);
    }

    #[test]
    fn rates_are_per_thousand_words_in_tenths() {
        let row = TrendRow { id: "x".into(), label: "x".into(), counts: vec![1, 0], words: 80 };
        assert_eq!(row.per_thousand_tenths(0), 125);
        assert_eq!(tenths_label(row.per_thousand_tenths(0)), "12.5");
        assert_eq!(row.per_thousand_tenths(1), 0);
        let empty = TrendRow { words: 0, ..row };
        assert_eq!(empty.per_thousand_tenths(0), 0);
    }
}
