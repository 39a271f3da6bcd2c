//! The whole record at a glance: how many of the current results fall at each meeting (on a
//! date axis) and in each theme at each meeting, and where each mark goes. Pure numbers,
//! labels and positions; the interface only draws them as SVG.

use super::{Catalog, Facet, Results};

/// At most this many meetings are drawn: past a few dozen, neither a timeline nor a map can
/// be read. The meetings with the most quotes are kept.
pub const MAX_MEETINGS: usize = 40;

#[derive(Debug, Clone, PartialEq)]
pub struct MeetingMark {
    pub id: String,
    pub title: String,
    /// Where it took place, if the source says.
    pub place: Option<String>,
    /// A few words that tell the meeting apart: its short title, else its place.
    pub label: String,
    pub date_label: String,
    /// The date as briefly as it stays clear: "23 Mar 2021", "Mar 2022", "c. 1 Jun 2022".
    pub short_date: String,
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

/// A year's stretch of the date axis, from 0 to 1 like the marks: choosing it sets the date
/// range to that year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearSpan {
    pub year: u16,
    pub from: f64,
    pub to: f64,
}

/// Where dates go on a date axis (see [`date_axis`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DateAxis {
    pub xs: Vec<f64>,
    pub ticks: Vec<Tick>,
    pub years: Vec<YearSpan>,
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
    pub years: Vec<YearSpan>,
    /// Meetings left out to keep to [`MAX_MEETINGS`].
    pub meetings_left_out: usize,
}

impl MeetingMark {
    /// What a mark says to a screen reader: "Wang Yi meets Sergey Lavrov in Rome, Rome,
    /// Italy, 30 October 2021: 3 quotes of 7 shown".
    pub fn spoken(&self, shown: u32) -> String {
        let place = self.place.as_deref().map(|p| format!(", {p}")).unwrap_or_default();
        format!("{}{place}, {}: {} of {} shown", self.title, self.date_label, quotes(shown), self.total)
    }

    /// The name of the meeting's column in the map: "Meeting: Rome meeting, 30 October 2021".
    pub fn column_name(&self) -> String {
        format!("Meeting: {}, {}", self.title, self.date_label)
    }
}

impl Overview {
    /// Current results with the theme of row `theme` at the meeting of column `meeting`.
    pub fn cell(&self, theme: usize, meeting: usize) -> u32 {
        self.cells.get(theme).and_then(|row| row.get(meeting)).copied().unwrap_or(0)
    }

    /// Current results at the meeting of column `meeting`.
    pub fn shown_at(&self, meeting: usize) -> u32 {
        self.meetings.get(meeting).map_or(0, |m| m.shown)
    }

    /// Current results with the theme of row `theme`.
    pub fn shown_in(&self, theme: usize) -> u32 {
        self.themes.get(theme).map_or(0, |t| t.shown)
    }

    /// Current results at the meetings drawn.
    pub fn shown(&self) -> u32 {
        self.meetings.iter().map(|m| m.shown).sum()
    }

    /// The same overview with every count at zero: what is drawn, which changes only with
    /// the corpus, apart from the counts, which change with every query.
    pub fn shape(&self) -> Overview {
        Overview {
            meetings: self.meetings.iter().map(|m| MeetingMark { shown: 0, ..m.clone() }).collect(),
            themes: self.themes.iter().map(|t| ThemeRow { shown: 0, ..t.clone() }).collect(),
            cells: Vec::new(),
            ticks: self.ticks.clone(),
            years: self.years.clone(),
            meetings_left_out: self.meetings_left_out,
        }
    }

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

    // Each meeting value with its record: the facet lists only meetings the corpus has.
    let mut kept: Vec<(usize, &crate::corpus::Meeting)> = meeting_values
        .iter()
        .enumerate()
        .filter_map(|(i, value)| Some((i, catalog.meeting(&value.id)?)))
        .collect();
    let meetings_left_out = kept.len().saturating_sub(MAX_MEETINGS);
    if meetings_left_out > 0 {
        let mut largest: Vec<u32> = (0..kept.len() as u32).collect();
        crate::order::sort_by_key(&mut largest, |k| u32::MAX - meeting_values[kept[k as usize].0].total);
        largest.truncate(MAX_MEETINGS);
        // Back to date order, which is the facet's order.
        crate::order::sort_by_key(&mut largest, |k| k);
        kept = largest.into_iter().map(|k| kept[k as usize]).collect();
    }
    let mut column_of = vec![None; meeting_values.len()];
    for (column, &(value, _)) in kept.iter().enumerate() {
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

    let DateAxis { xs, ticks, years } = date_axis(kept.iter().map(|&(_, m)| m.date.as_str()));
    let meetings = kept
        .iter()
        .zip(xs)
        .zip(&meeting_shown)
        .map(|((&(i, meeting), x), &shown)| MeetingMark {
            id: meeting.id.clone(),
            title: meeting.title.clone(),
            place: meeting.place.clone(),
            label: meeting_label(meeting),
            date_label: meeting.date_label(),
            short_date: short_date(meeting),
            x,
            shown,
            total: meeting_values[i].total,
        })
        .collect();

    let themes = theme_values
        .iter()
        .zip(theme_shown)
        .map(|(v, shown)| ThemeRow { id: v.id.clone(), label: v.label.clone(), shown })
        .collect();
    Overview { meetings, themes, cells, ticks, years, meetings_left_out }
}

/// Where each of these dates (`YYYY-MM-DD`, or coarser) goes on a date axis from 0 (the
/// earliest) to 1 (the latest; all at 0.5 if they are one day), a tick at each new year
/// between them, and each year's stretch. A date that cannot be read goes at 0.
pub fn date_axis<'a>(dates: impl Iterator<Item = &'a str>) -> DateAxis {
    let days: Vec<Option<i64>> = dates.map(day_number).collect();
    let (Some(first), Some(last)) =
        (days.iter().flatten().min().copied(), days.iter().flatten().max().copied())
    else {
        return DateAxis { xs: vec![0.0; days.len()], ..DateAxis::default() };
    };
    let position = |day: i64| if last > first { (day - first) as f64 / (last - first) as f64 } else { 0.5 };
    let (first_year, last_year) = (year_of(first), year_of(last));
    let mut ticks = Vec::new();
    let mut years = Vec::new();
    let mut from = 0.0;
    for year in first_year..=last_year {
        let to = days_from_civil(year + 1, 1, 1).filter(|&day| day <= last).map_or(1.0, position);
        if year > first_year {
            ticks.push(Tick { label: year.to_string(), x: from });
        }
        if let Ok(year) = u16::try_from(year) {
            years.push(YearSpan { year, from, to });
        }
        from = to;
    }
    DateAxis { xs: days.iter().map(|day| day.map_or(0.0, position)).collect(), ticks, years }
}

/// A few words for a meeting where there is little room: its short title if the corpus
/// gives one, else the first part of its place ("Guilin" of "Guilin, Guangxi …, China"),
/// else its title. The full title and place are in the mark's accessible name.
pub fn meeting_label(meeting: &crate::corpus::Meeting) -> String {
    match (&meeting.short_title, &meeting.place) {
        (Some(short), _) => short.clone(),
        (None, Some(place)) => place.split(',').next().unwrap_or(place).trim().to_owned(),
        (None, None) => meeting.title.clone(),
    }
}

/// `text` cut to at most `chars` characters, an ellipsis marking the cut.
pub fn fit(text: &str, chars: usize) -> String {
    if text.chars().count() > chars {
        format!("{}…", text.chars().take(chars - 1).collect::<String>().trim_end())
    } else {
        text.to_owned()
    }
}

/// A meeting's date in few characters, keeping its precision: "23 Mar 2021", "Mar 2022",
/// "c. 1 Jun 2022" (circa: an approximate date).
pub fn short_date(meeting: &crate::corpus::Meeting) -> String {
    let label = meeting.date_label();
    let (about, rest) = match label.strip_prefix("about ") {
        Some(rest) => ("c. ", rest),
        None => ("", label.as_str()),
    };
    let words: Vec<String> =
        rest.split(' ')
            .map(|w| {
                if w.len() > 3 && w.chars().all(char::is_alphabetic) {
                    w[..3].to_owned()
                } else {
                    w.to_owned()
                }
            })
            .collect();
    format!("{about}{}", words.join(" "))
}

/// "1 quote", "3 quotes".
pub fn quotes(n: u32) -> String {
    if n == 1 {
        "1 quote".into()
    } else {
        format!("{n} quotes")
    }
}

/// The timeline's drawing, in SVG units (pixels when not scaled).
pub mod timeline {
    use super::{label_lanes, MeetingMark, Tick, YearSpan};

    pub const WIDTH: f64 = 720.0;
    pub const MARGIN: f64 = 70.0;
    pub const AXIS_Y: f64 = 58.0;
    pub const LARGEST_RADIUS: f64 = 20.0;
    const LABEL_GAP: f64 = 130.0;
    const LANE_HEIGHT: f64 = 50.0;

    /// Where a meeting's mark and its label go.
    #[derive(Debug, Clone, PartialEq)]
    pub struct Placed {
        pub x: f64,
        /// The baseline of the label's first line.
        pub label_y: f64,
        /// The ring for all its quotes.
        pub outer_radius: f64,
    }

    #[derive(Debug, Clone, PartialEq)]
    pub struct Layout {
        pub height: f64,
        pub marks: Vec<Placed>,
        /// Year labels and their x.
        pub ticks: Vec<(String, f64)>,
        /// Each year's stretch of the axis, from and to x.
        pub years: Vec<(u16, f64, f64)>,
    }

    pub fn layout(meetings: &[MeetingMark], ticks: &[Tick], years: &[YearSpan], largest: u32) -> Layout {
        let span = WIDTH - 2.0 * MARGIN;
        let xs: Vec<f64> = meetings.iter().map(|m| MARGIN + m.x * span).collect();
        let lanes = label_lanes(&xs, LABEL_GAP);
        let lane_count = lanes.iter().max().map_or(1, |l| l + 1);
        let marks = meetings
            .iter()
            .zip(xs)
            .zip(lanes)
            .map(|((m, x), lane)| Placed {
                x,
                label_y: AXIS_Y + LARGEST_RADIUS + 22.0 + lane as f64 * LANE_HEIGHT,
                outer_radius: radius(m.total, largest),
            })
            .collect();
        Layout {
            height: AXIS_Y + LARGEST_RADIUS + 28.0 + lane_count as f64 * LANE_HEIGHT,
            marks,
            ticks: ticks.iter().map(|t| (t.label.clone(), MARGIN + t.x * span)).collect(),
            years: years.iter().map(|y| (y.year, MARGIN + y.from * span, MARGIN + y.to * span)).collect(),
        }
    }

    /// A mark's radius: its area, not its radius, in proportion to the count.
    pub fn radius(count: u32, largest: u32) -> f64 {
        if count == 0 || largest == 0 {
            return 0.0;
        }
        4.0 + (LARGEST_RADIUS - 4.0) * (count as f64 / largest as f64).sqrt()
    }
}

/// The theme map's drawing, in SVG units.
pub mod map {
    pub const ROW_HEADER_WIDTH: f64 = 215.0;
    pub const CELL_WIDTH: f64 = 88.0;
    pub const CELL_HEIGHT: f64 = 30.0;
    pub const COLUMN_HEADER_HEIGHT: f64 = 62.0;
    /// Characters a column header's line holds.
    const HEADER_LINE: usize = 13;

    /// A column's label in two lines that fit its width, breaking between words.
    pub fn header_lines(label: &str) -> (String, String) {
        let mut first = String::new();
        let mut words = label.split(' ').peekable();
        while let Some(word) = words
            .next_if(|w| first.is_empty() || first.chars().count() + 1 + w.chars().count() <= HEADER_LINE)
        {
            if !first.is_empty() {
                first.push(' ');
            }
            first.push_str(word);
        }
        let rest: Vec<&str> = words.collect();
        let second = rest.join(" ");
        (super::fit(&first, HEADER_LINE), super::fit(&second, HEADER_LINE))
    }

    /// The whole map's width and height for so many meetings and themes.
    pub fn size(meetings: usize, themes: usize) -> (f64, f64) {
        (ROW_HEADER_WIDTH + meetings as f64 * CELL_WIDTH, COLUMN_HEADER_HEIGHT + themes as f64 * CELL_HEIGHT)
    }

    /// A cell's top-left corner.
    pub fn cell_origin(theme: usize, meeting: usize) -> (f64, f64) {
        (ROW_HEADER_WIDTH + meeting as f64 * CELL_WIDTH, COLUMN_HEADER_HEIGHT + theme as f64 * CELL_HEIGHT)
    }

    /// How strongly a cell is shaded, from 0 (empty) to 1 (the largest cell).
    pub fn shade(count: u32, largest: u32) -> f64 {
        match (count, largest) {
            (0, _) | (_, 0) => 0.0,
            _ => 0.12 + 0.88 * (count as f64 / largest as f64),
        }
    }

    /// Whether a cell is dark enough to need light text.
    pub fn is_strong(count: u32, largest: u32) -> bool {
        largest > 0 && count as f64 / largest as f64 > 0.55
    }
}

/// A number for an SVG attribute, rounded to `places` decimals (at most 3), written with
/// integer arithmetic: Rust's float formatting would otherwise be shipped to every visitor
/// for the drawings alone.
pub fn svg_number(value: f64, places: u32) -> String {
    let scale = 10i64.pow(places.min(3));
    let scaled = (value * scale as f64).round() as i64;
    let (sign, scaled) = if scaled < 0 { ("-", -scaled) } else { ("", scaled) };
    let (whole, fraction) = (scaled / scale, scaled % scale);
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let mut digits = format!("{fraction:0width$}", width = places.min(3) as usize);
    while digits.ends_with('0') {
        digits.pop();
    }
    format!("{sign}{whole}.{digits}")
}

/// Moving the keyboard focus among a drawing's marks, which are one tab stop together (the
/// rest are reached with the arrow keys, Home and End).
pub mod keys {
    /// A key that moves the focus.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Move {
        Left,
        Right,
        Up,
        Down,
        First,
        Last,
    }

    impl Move {
        /// The move a `KeyboardEvent.key` asks for, if any.
        pub fn from_key(key: &str) -> Option<Move> {
            Some(match key {
                "ArrowLeft" => Move::Left,
                "ArrowRight" => Move::Right,
                "ArrowUp" => Move::Up,
                "ArrowDown" => Move::Down,
                "Home" => Move::First,
                "End" => Move::Last,
                _ => return None,
            })
        }
    }

    /// The timeline's marks in a row: the mark after a move from `at`, of `len`.
    pub fn along(at: usize, len: usize, step: Move) -> usize {
        let last = len.saturating_sub(1);
        match step {
            Move::Left | Move::Up => at.saturating_sub(1),
            Move::Right | Move::Down => (at + 1).min(last),
            Move::First => 0,
            Move::Last => last,
        }
    }

    /// The theme map's marks in document order: the `columns` column headers, then per theme
    /// its row header and its `columns` cells. The mark after a move from `at`, in a grid
    /// where the column headers sit above the cells, and the row headers before them.
    pub fn grid(at: usize, columns: usize, rows: usize, step: Move) -> usize {
        let len = columns + rows * (columns + 1);
        // (row, column) with the header row as row 0 and the row headers as column 0;
        // the corner (0, 0) has no mark.
        let (row, column) = if at < columns {
            (0, at + 1)
        } else {
            ((at - columns) / (columns + 1) + 1, (at - columns) % (columns + 1))
        };
        let index = |row: usize, column: usize| {
            if row == 0 {
                column - 1
            } else {
                columns + (row - 1) * (columns + 1) + column
            }
        };
        // The corner (0, 0) has no mark; no move leaves the grid.
        let to = |row: usize, column: usize| if row == 0 && column == 0 { at } else { index(row, column) };
        match step {
            Move::Left if column > 0 => to(row, column - 1),
            Move::Right if column < columns => to(row, column + 1),
            Move::Up if row > 0 => to(row - 1, column),
            Move::Down if row < rows => to(row + 1, column),
            Move::Left | Move::Right | Move::Up | Move::Down => at,
            Move::First => 0,
            Move::Last => len.saturating_sub(1),
        }
    }
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
    // A date known to the month is placed mid-month, one known to the year mid-year.
    let (month, day) = match parts.next() {
        None => (7, 1),
        Some(month) => (month?, parts.next().unwrap_or(Some(15))?),
    };
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
    use super::keys::{along, grid, Move};
    use super::*;

    #[test]
    fn svg_numbers_are_written_without_float_formatting() {
        assert_eq!(svg_number(215.0, 1), "215");
        assert_eq!(svg_number(12.345, 1), "12.3");
        assert_eq!(svg_number(0.12, 2), "0.12");
        assert_eq!(svg_number(0.5, 2), "0.5");
        assert_eq!(svg_number(0.04, 2), "0.04");
        assert_eq!(svg_number(-2.25, 1), "-2.3");
        assert_eq!(svg_number(-0.04, 1), "0");
        assert_eq!(svg_number(1.0, 2), "1");
    }

    #[test]
    fn arrow_keys_walk_the_timeline_and_stop_at_its_ends() {
        assert_eq!(along(0, 5, Move::Left), 0);
        assert_eq!(along(0, 5, Move::Right), 1);
        assert_eq!(along(4, 5, Move::Right), 4);
        assert_eq!(along(2, 5, Move::Up), 1);
        assert_eq!(along(2, 5, Move::Last), 4);
        assert_eq!(along(2, 5, Move::First), 0);
        assert_eq!(Move::from_key("ArrowDown"), Some(Move::Down));
        assert_eq!(Move::from_key("a"), None);
    }

    #[test]
    fn arrow_keys_walk_the_theme_map_as_a_grid_of_headers_and_cells() {
        // 3 meetings, 2 themes: [c0 c1 c2] [r0 a0 a1 a2] [r1 b0 b1 b2] = indices 0..=10.
        let (columns, rows) = (3, 2);
        let go = |at, step| grid(at, columns, rows, step);
        assert_eq!(go(0, Move::Down), 4, "from a column header to its first cell");
        assert_eq!(go(4, Move::Up), 0);
        assert_eq!(go(0, Move::Left), 0, "nothing left of the first column header");
        assert_eq!(go(0, Move::Up), 0);
        assert_eq!(go(2, Move::Right), 2);
        assert_eq!(go(3, Move::Up), 3, "above the first row header is the empty corner");
        assert_eq!(go(3, Move::Right), 4, "from a row header to its first cell");
        assert_eq!(go(4, Move::Left), 3);
        assert_eq!(go(3, Move::Down), 7, "row header to row header");
        assert_eq!(go(10, Move::Down), 10);
        assert_eq!(go(10, Move::Right), 10);
        assert_eq!(go(9, Move::Up), 5);
        assert_eq!(go(5, Move::Last), 10);
        assert_eq!(go(5, Move::First), 0);
    }
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
        let catalog = catalog();
        let overview = summarize(&catalog, &catalog.search(&Query::default()));
        let xs: Vec<f64> = overview.meetings.iter().map(|m| m.x).collect();
        assert!(xs.windows(2).all(|w| w[0] <= w[1]), "{xs:?}");
        assert_eq!(xs.first(), Some(&0.0));
        assert_eq!(xs.last(), Some(&1.0));
        // A tick starts each year after the first meeting's, up to the last meeting's.
        let mut years: Vec<i64> =
            catalog.corpus.meetings.iter().map(|m| m.date[..4].parse().unwrap()).collect();
        years.sort_unstable();
        let expected: Vec<String> = (years[0] + 1..=*years.last().unwrap()).map(|y| y.to_string()).collect();
        let ticks: Vec<&str> = overview.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(ticks, expected);
        assert!(!ticks.is_empty(), "the bundled corpus spans two years");
        let years: Vec<u16> = overview.years.iter().map(|y| y.year).collect();
        assert_eq!(years, [2021, 2022]);
        assert_eq!((overview.years[0].from, overview.years[1].to), (0.0, 1.0));
        assert_eq!(overview.years[0].to, overview.years[1].from);
        assert_eq!(overview.years[1].from, overview.ticks[0].x, "a year starts at its tick");
        let placed = |year: u16| {
            let span = overview.years.iter().find(|y| y.year == year).unwrap();
            overview
                .meetings
                .iter()
                .filter(|m| m.date_label.ends_with(&year.to_string()))
                .all(|m| span.from <= m.x && m.x <= span.to)
        };
        assert!(placed(2021) && placed(2022), "each meeting is inside its year's stretch");
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
    fn dates_come_from_the_meetings_and_cells_from_one_look_up() {
        let catalog = catalog();
        let overview = summarize(&catalog, &catalog.search(&Query::default()));
        for mark in &overview.meetings {
            let date = &catalog.meeting(&mark.id).unwrap().date;
            assert!(mark.short_date.ends_with(&date[..4]), "{} for {date}", mark.short_date);
        }
        assert_eq!(overview.cell(0, 0), overview.cells[0][0]);
        assert_eq!(overview.cell(99, 99), 0, "outside the map is empty");
        assert_eq!(overview.shown(), catalog.len() as u32);
        let shape = overview.shape();
        assert!(shape.meetings.iter().all(|m| m.shown == 0) && shape.largest_cell() == 0);
        assert_eq!(shape.meetings.len(), overview.meetings.len());
    }

    #[test]
    fn timeline_marks_sit_on_lanes_inside_the_drawing_sized_by_area() {
        let catalog = catalog();
        let overview = summarize(&catalog, &catalog.search(&Query::default()));
        let layout = timeline::layout(
            &overview.meetings,
            &overview.ticks,
            &overview.years,
            overview.largest_meeting(),
        );
        assert_eq!(layout.marks.len(), overview.meetings.len());
        for mark in &layout.marks {
            assert!(mark.x >= timeline::MARGIN && mark.x <= timeline::WIDTH - timeline::MARGIN);
            assert!(mark.label_y < layout.height);
            assert!(mark.outer_radius <= timeline::LARGEST_RADIUS);
        }
        assert_eq!(timeline::radius(0, 10), 0.0);
        assert_eq!(timeline::radius(10, 10), timeline::LARGEST_RADIUS);
        let quarter = timeline::radius(1, 4) - 4.0;
        assert!(
            (quarter - (timeline::LARGEST_RADIUS - 4.0) / 2.0).abs() < 1e-9,
            "a quarter of the count, half the radius"
        );
        assert_eq!(map::header_lines("Guilin talks"), ("Guilin talks".into(), String::new()));
        assert_eq!(
            map::header_lines("Kishi on the bomber flight"),
            ("Kishi on the".into(), "bomber flight".into())
        );
        assert_eq!(map::header_lines("Think-tank summit"), ("Think-tank".into(), "summit".into()));
        assert_eq!(map::header_lines("Extraordinarily-long-word"), ("Extraordinar…".into(), String::new()));
        assert_eq!(map::shade(0, 5), 0.0);
        assert_eq!(map::shade(5, 5), 1.0);
        assert!(map::is_strong(5, 5) && !map::is_strong(1, 5));
    }

    #[test]
    fn a_meeting_is_labelled_by_its_short_title_else_its_place_else_its_title() {
        let mut m = catalog().corpus.meetings[0].clone();
        m.short_title = Some("Guilin talks".into());
        assert_eq!(meeting_label(&m), "Guilin talks");
        m.short_title = None;
        m.place = Some("Guilin, Guangxi Zhuang Autonomous Region, China".into());
        assert_eq!(meeting_label(&m), "Guilin");
        m.place = None;
        m.title = "A very long meeting title indeed".into();
        assert_eq!(meeting_label(&m), "A very long meeting title indeed");
        assert_eq!(fit(&meeting_label(&m), 18), "A very long meeti…");
        assert_eq!(quotes(1), "1 quote");
        assert_eq!(quotes(0), "0 quotes");
    }

    #[test]
    fn short_dates_keep_their_precision() {
        let mut m = catalog().corpus.meetings[0].clone();
        (m.date, m.date_precision) = ("2021-03-23".into(), crate::corpus::DatePrecision::Day);
        assert_eq!(short_date(&m), "23 Mar 2021");
        (m.date, m.date_precision) = ("2022-03".into(), crate::corpus::DatePrecision::Month);
        assert_eq!(short_date(&m), "Mar 2022");
        (m.date, m.date_precision) = ("2022-06-01".into(), crate::corpus::DatePrecision::Approximate);
        assert_eq!(short_date(&m), "c. 1 Jun 2022");
        (m.date, m.date_precision) = ("2022-05-24".into(), crate::corpus::DatePrecision::Day);
        assert_eq!(short_date(&m), "24 May 2022");
    }

    #[test]
    fn every_meeting_of_the_bundled_corpus_has_a_label_of_its_own() {
        let catalog = catalog();
        let overview = summarize(&catalog, &catalog.search(&Query::default()));
        let mut labels: Vec<(String, String)> =
            overview.meetings.iter().map(|m| (m.label.clone(), m.short_date.clone())).collect();
        let count = labels.len();
        labels.sort();
        labels.dedup();
        assert_eq!(labels.len(), count, "two meetings read alike: {labels:?}");
        assert!(overview.meetings.iter().all(|m| !m.label.is_empty() && !m.label.contains("Not stated")));
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
