//! The whole record at a glance: how many of the current results fall at each meeting (on a
//! date axis) and in each theme at each meeting. Pure numbers and positions; the interface
//! draws them as SVG.

use super::{Catalog, Facet, Results};

/// At most this many meetings are drawn: past a few dozen, neither a timeline nor a map can
/// be read. The meetings with the most quotes are kept.
pub const MAX_MEETINGS: usize = 40;

#[derive(Debug, Clone, PartialEq)]
pub struct MeetingMark {
    pub id: String,
    pub title: String,
    pub place: String,
    pub date_label: String,
    /// Where on the date axis, from 0 (the earliest meeting) to 1 (the latest).
    pub x: f64,
    /// Quotes from this meeting among the current results.
    pub shown: u32,
    /// Quotes from this meeting in the whole corpus.
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ThemeRow {
    pub id: String,
    pub label: String,
    pub shown: u32,
}

/// A year boundary on the date axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    pub label: String,
    pub x: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Overview {
    /// In date order.
    pub meetings: Vec<MeetingMark>,
    /// In the theme filter's order (largest first).
    pub themes: Vec<ThemeRow>,
    /// `cells[theme][meeting]`: current results with that theme at that meeting.
    pub cells: Vec<Vec<u32>>,
    pub ticks: Vec<Tick>,
    /// Meetings left out to keep to [`MAX_MEETINGS`].
    pub meetings_left_out: usize,
}

impl Overview {
    pub fn largest_cell(&self) -> u32 {
        self.cells.iter().flatten().copied().max().unwrap_or(0)
    }

    pub fn largest_meeting(&self) -> u32 {
        self.meetings.iter().map(|m| m.total).max().unwrap_or(0)
    }
}

/// Counts the results by meeting and by theme and meeting.
pub fn summarize(catalog: &Catalog, results: &Results) -> Overview {
    let index = &catalog.index;
    let meeting_values = index.values(Facet::Meeting);
    let theme_values = index.values(Facet::Theme);

    let mut kept: Vec<usize> = (0..meeting_values.len()).collect();
    let meetings_left_out = kept.len().saturating_sub(MAX_MEETINGS);
    if meetings_left_out > 0 {
        kept.sort_by_key(|&i| std::cmp::Reverse(meeting_values[i].total));
        kept.truncate(MAX_MEETINGS);
        // Back to date order, which is the facet's order.
        kept.sort_unstable();
    }
    let mut column_of = vec![None; meeting_values.len()];
    for (column, &value) in kept.iter().enumerate() {
        column_of[value] = Some(column);
    }

    let mut meeting_shown = vec![0u32; kept.len()];
    let mut theme_shown = vec![0u32; theme_values.len()];
    let mut cells = vec![vec![0u32; kept.len()]; theme_values.len()];
    for &doc in &results.quotes {
        let column = index.values_of(Facet::Meeting, doc).first().and_then(|&m| column_of[m as usize]);
        for &theme in index.values_of(Facet::Theme, doc) {
            theme_shown[theme as usize] += 1;
            if let Some(column) = column {
                cells[theme as usize][column] += 1;
            }
        }
        if let Some(column) = column {
            meeting_shown[column] += 1;
        }
    }

    let days: Vec<Option<i64>> = kept
        .iter()
        .map(|&i| catalog.meeting(&meeting_values[i].id).and_then(|m| day_number(&m.date)))
        .collect();
    let first = days.iter().flatten().min().copied().unwrap_or(0);
    let last = days.iter().flatten().max().copied().unwrap_or(0);
    let position = |day: i64| if last > first { (day - first) as f64 / (last - first) as f64 } else { 0.5 };

    let meetings = kept
        .iter()
        .zip(&days)
        .zip(&meeting_shown)
        .map(|((&i, day), &shown)| {
            let value = &meeting_values[i];
            let meeting = catalog.meeting(&value.id);
            MeetingMark {
                id: value.id.clone(),
                title: value.label.clone(),
                place: meeting.map(|m| m.place.clone()).unwrap_or_default(),
                date_label: meeting.map(|m| m.date_label()).unwrap_or_default(),
                x: day.map_or(0.0, position),
                shown,
                total: value.total,
            }
        })
        .collect();

    let mut ticks = Vec::new();
    if last > first {
        let (first_year, last_year) = (year_of(first), year_of(last));
        for year in first_year + 1..=last_year {
            if let Some(day) = days_from_civil(year, 1, 1) {
                ticks.push(Tick { label: year.to_string(), x: position(day) });
            }
        }
    }

    let themes = theme_values
        .iter()
        .zip(theme_shown)
        .map(|(v, shown)| ThemeRow { id: v.id.clone(), label: v.label.clone(), shown })
        .collect();
    Overview { meetings, themes, cells, ticks, meetings_left_out }
}

/// Places labels, in order along an axis, on as few lanes as possible so that no two on a
/// lane are closer than `gap`: the lane of each label.
pub fn label_lanes(xs: &[f64], gap: f64) -> Vec<usize> {
    let mut lane_ends: Vec<f64> = Vec::new();
    xs.iter()
        .map(|&x| match lane_ends.iter().position(|&end| x - end >= gap) {
            Some(lane) => {
                lane_ends[lane] = x;
                lane
            }
            None => {
                lane_ends.push(x);
                lane_ends.len() - 1
            }
        })
        .collect()
}

/// Days since 1970-01-01 of `YYYY-MM-DD`, or of the middle of the month for `YYYY-MM`.
fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.split('-').map(|p| p.parse::<i64>().ok());
    let year = parts.next()??;
    let month = parts.next()??;
    let day = parts.next().unwrap_or(Some(15))?;
    days_from_civil(year, month, day)
}

/// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

fn year_of(day: i64) -> i64 {
    // Close enough to find the year, then exact against 1 January.
    let mut year = 1970 + day.div_euclid(365);
    while days_from_civil(year, 1, 1).is_some_and(|start| start > day) {
        year -= 1;
    }
    while days_from_civil(year + 1, 1, 1).is_some_and(|start| start <= day) {
        year += 1;
    }
    year
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::engine::Query;

    fn catalog() -> Catalog {
        Catalog::new(corpus::bundled().unwrap())
    }

    /// The same counts by a plain scan of the corpus.
    fn scanned(catalog: &Catalog, results: &Results, theme: &str, meeting: &str) -> u32 {
        results
            .quotes
            .iter()
            .map(|&p| catalog.quote(p))
            .filter(|q| q.meeting == meeting && q.themes.iter().any(|t| t == theme))
            .count() as u32
    }

    #[test]
    fn every_meeting_and_cell_counts_the_current_results() {
        let catalog = catalog();
        for query in [Query::default(), Query::text("democracy"), {
            let mut q = Query::default();
            q.select(Facet::Speaker, "wang-yi");
            q
        }] {
            let results = catalog.search(&query);
            let overview = summarize(&catalog, &results);
            assert_eq!(overview.meetings.len(), catalog.corpus.meetings.len());
            for (column, mark) in overview.meetings.iter().enumerate() {
                let in_results =
                    results.quotes.iter().filter(|&&p| catalog.quote(p).meeting == mark.id).count() as u32;
                assert_eq!(mark.shown, in_results, "{}", mark.id);
                let in_corpus = catalog.corpus.quotes.iter().filter(|q| q.meeting == mark.id).count() as u32;
                assert_eq!(mark.total, in_corpus);
                for (row, theme) in overview.themes.iter().enumerate() {
                    assert_eq!(overview.cells[row][column], scanned(&catalog, &results, &theme.id, &mark.id));
                }
            }
        }
    }

    #[test]
    fn meetings_are_in_date_order_on_a_linear_date_axis() {
        let overview = summarize(&catalog(), &catalog().search(&Query::default()));
        let xs: Vec<f64> = overview.meetings.iter().map(|m| m.x).collect();
        assert!(xs.windows(2).all(|w| w[0] <= w[1]), "{xs:?}");
        assert_eq!(xs.first(), Some(&0.0));
        assert_eq!(xs.last(), Some(&1.0));
        let years: Vec<&str> = overview.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(years, ["2022"]);
    }

    #[test]
    fn dates_count_days_exactly() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2021-03-23"), Some(18_709));
        assert_eq!(day_number("2022-03"), day_number("2022-03-15"));
        assert_eq!(day_number("2022-13-01"), None);
        assert_eq!(year_of(day_number("2021-12-31").unwrap()), 2021);
        assert_eq!(year_of(day_number("2022-01-01").unwrap()), 2022);
    }

    #[test]
    fn labels_too_close_together_go_on_separate_lanes() {
        assert_eq!(label_lanes(&[0.0, 10.0, 200.0, 205.0, 400.0], 100.0), [0, 1, 0, 1, 0]);
        assert_eq!(label_lanes(&[], 100.0), Vec::<usize>::new());
    }

    #[test]
    fn a_corpus_with_many_meetings_keeps_the_largest_in_date_order() {
        let catalog = Catalog::new(corpus::synthetic::generate(5_000, 1));
        assert!(catalog.corpus.meetings.len() > MAX_MEETINGS);
        let overview = summarize(&catalog, &catalog.search(&Query::default()));
        assert_eq!(overview.meetings.len(), MAX_MEETINGS);
        assert_eq!(overview.meetings_left_out, catalog.index.values(Facet::Meeting).len() - MAX_MEETINGS);
        assert!(overview.meetings.windows(2).all(|w| w[0].x <= w[1].x));
    }
}
