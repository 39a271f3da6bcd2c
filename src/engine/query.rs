/// The dimensions a reader can filter by. Values within one facet are alternatives (OR);
/// facets narrow each other (AND).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// The speaker's country: China, Russia, the two jointly, others.
    Side,
    Speaker,
    Meeting,
    Theme,
    Source,
    Kind,
}

impl Facet {
    pub const COUNT: usize = 6;
    /// In the order the filter pane shows them (which is also their order in the index).
    pub const ALL: [Facet; Facet::COUNT] =
        [Facet::Side, Facet::Speaker, Facet::Meeting, Facet::Theme, Facet::Source, Facet::Kind];

    /// The URL query parameter for this facet.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Side => "side",
            Facet::Speaker => "speaker",
            Facet::Meeting => "meeting",
            Facet::Theme => "theme",
            Facet::Source => "source",
            Facet::Kind => "kind",
        }
    }

    pub fn from_param(param: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.param() == param)
    }

    pub fn label(self) -> &'static str {
        match self {
            Facet::Side => "Side",
            Facet::Speaker => "Speaker",
            Facet::Meeting => "Meeting",
            Facet::Theme => "Theme",
            Facet::Source => "Source",
            Facet::Kind => "Kind",
        }
    }

    pub(crate) fn slot(self) -> usize {
        self as usize
    }
}

/// A month: the date range's precision, since a meeting may be known only to the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: u16,
    /// 1 to 12.
    pub month: u8,
}

impl Month {
    /// Reads `YYYY-MM`, or the month of `YYYY-MM-DD`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Month> {
        let mut parts = text.trim().splitn(3, '-');
        let (year, month) = (parts.next()?, parts.next()?);
        let day_ok = parts.next().is_none_or(|d| d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()));
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(year, 4) && digits(month, 2) && day_ok) {
            return None;
        }
        let month: u8 = month.parse().ok()?;
        (1..=12).contains(&month).then_some(Month { year: year.parse().ok()?, month })
    }

    /// The months a meeting's date covers, first and last: its month, or January to December
    /// of a date known only to the year (`YYYY`).
    pub fn span_of(date: &str) -> Option<(Month, Month)> {
        if let Some(month) = Month::parse(date) {
            return Some((month, month));
        }
        let date = date.trim();
        let year = (date.len() == 4 && date.bytes().all(|b| b.is_ascii_digit()))
            .then(|| date.parse::<u16>().ok())??;
        Some((Month { year, month: 1 }, Month { year, month: 12 }))
    }

    /// `YYYY-MM`, as the URL writes it.
    pub fn id(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// "October 2021".
    pub fn label(self) -> String {
        format!("{} {}", crate::corpus::MONTHS[usize::from(self.month - 1)], self.year)
    }
}

/// A date range as its chip says it: "October 2021 to March 2022", "from October 2021",
/// "until March 2022".
pub fn date_range_label(from: Option<Month>, to: Option<Month>) -> String {
    match (from, to) {
        (Some(from), Some(to)) if from == to => from.label(),
        (Some(from), Some(to)) => format!("{} to {}", from.label(), to.label()),
        (Some(from), None) => format!("from {}", from.label()),
        (None, Some(to)) => format!("until {}", to.label()),
        (None, None) => "any date".to_owned(),
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// By meeting date, then in the order of the sources.
    #[default]
    Chronological,
    /// Best text matches first; the same as chronological when there is no search text.
    Relevance,
}

impl SortOrder {
    pub fn param(self) -> &'static str {
        match self {
            SortOrder::Chronological => "date",
            SortOrder::Relevance => "relevance",
        }
    }

    pub fn from_param(param: &str) -> Option<SortOrder> {
        [SortOrder::Chronological, SortOrder::Relevance].into_iter().find(|s| s.param() == param)
    }
}

/// Everything a reader has asked for: the whole state of the explorer's view, and what
/// the URL query string records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub text: String,
    /// Selected (facet, value id) pairs in the order they were chosen, so the most recent
    /// one can be undone first.
    filters: Vec<(Facet, String)>,
    /// Excluded (facet, value id) pairs, in the order they were chosen: no result has any.
    excluded: Vec<(Facet, String)>,
    /// Only quotes from meetings in these months, inclusive (either end may be open).
    pub from: Option<Month>,
    pub to: Option<Month>,
    pub sort: SortOrder,
}

impl Query {
    /// A query for search text alone.
    pub fn text(text: impl Into<String>) -> Query {
        Query { text: text.into(), ..Query::default() }
    }

    /// The selected value ids of one facet.
    pub fn selected(&self, facet: Facet) -> impl Iterator<Item = &str> {
        self.filters.iter().filter(move |(f, _)| *f == facet).map(|(_, id)| id.as_str())
    }

    pub fn is_selected(&self, facet: Facet, id: &str) -> bool {
        self.filters.iter().any(|(f, v)| *f == facet && v == id)
    }

    /// Adds a value to a facet's selection (once), lifting its exclusion if it had one.
    pub fn select(&mut self, facet: Facet, id: &str) {
        self.include_again(facet, id);
        if !self.is_selected(facet, id) {
            self.filters.push((facet, id.to_owned()));
        }
    }

    /// The excluded value ids of one facet.
    pub fn excluded(&self, facet: Facet) -> impl Iterator<Item = &str> {
        self.excluded.iter().filter(move |(f, _)| *f == facet).map(|(_, id)| id.as_str())
    }

    pub fn is_excluded(&self, facet: Facet, id: &str) -> bool {
        self.excluded.iter().any(|(f, v)| *f == facet && v == id)
    }

    /// Leaves out every quote with this value (once), lifting its selection if it had one.
    pub fn exclude(&mut self, facet: Facet, id: &str) {
        self.deselect(facet, id);
        if !self.is_excluded(facet, id) {
            self.excluded.push((facet, id.to_owned()));
        }
    }

    /// Lifts a value's exclusion.
    pub fn include_again(&mut self, facet: Facet, id: &str) {
        self.excluded.retain(|(f, v)| !(*f == facet && v == id));
    }

    pub fn toggle_excluded(&mut self, facet: Facet, id: &str) {
        if self.is_excluded(facet, id) {
            self.include_again(facet, id);
        } else {
            self.exclude(facet, id);
        }
    }

    /// Every excluded (facet, value) pair, oldest first.
    pub fn active_exclusions(&self) -> impl Iterator<Item = (Facet, &str)> {
        self.excluded.iter().map(|(f, id)| (*f, id.as_str()))
    }

    pub fn deselect(&mut self, facet: Facet, id: &str) {
        self.filters.retain(|(f, v)| !(*f == facet && v == id));
    }

    pub fn toggle(&mut self, facet: Facet, id: &str) {
        if self.is_selected(facet, id) {
            self.deselect(facet, id);
        } else {
            self.select(facet, id);
        }
    }

    /// Whether `id` is the one value selected in `facet`.
    pub fn is_only_selected(&self, facet: Facet, id: &str) -> bool {
        self.selected(facet).eq([id])
    }

    /// Narrows to exactly `a` and `b` in their two facets (a cell of the theme map: one
    /// theme at one meeting), replacing those facets' selections; if that is already the
    /// selection, lifts both instead.
    pub fn toggle_pair(&mut self, a: (Facet, &str), b: (Facet, &str)) {
        let already = self.is_only_selected(a.0, a.1) && self.is_only_selected(b.0, b.1);
        self.filters.retain(|(f, _)| *f != a.0 && *f != b.0);
        if !already {
            self.select(a.0, a.1);
            self.select(b.0, b.1);
        }
    }

    /// Every selected (facet, value) pair, oldest first.
    pub fn active_filters(&self) -> impl Iterator<Item = (Facet, &str)> {
        self.filters.iter().map(|(f, id)| (*f, id.as_str()))
    }

    /// The most recently chosen filter.
    pub fn last_filter(&self) -> Option<(Facet, &str)> {
        self.active_filters().last()
    }

    /// How many filters are set, as the chips show them: each value chosen or left out, and
    /// the date range as one.
    pub fn filter_count(&self) -> usize {
        self.filters.len() + self.excluded.len() + usize::from(self.has_date_range())
    }

    /// Whether any value is selected or excluded, or a date range set.
    pub fn has_filters(&self) -> bool {
        !self.filters.is_empty() || !self.excluded.is_empty() || self.has_date_range()
    }

    pub fn has_date_range(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// Whether the date range is the whole of `year`, January to December.
    pub fn is_year(&self, year: u16) -> bool {
        self.from == Some(Month { year, month: 1 }) && self.to == Some(Month { year, month: 12 })
    }

    /// Sets the date range to the whole of `year`, or clears it if it is that year already.
    pub fn toggle_year(&mut self, year: u16) {
        if self.is_year(year) {
            (self.from, self.to) = (None, None);
        } else {
            (self.from, self.to) = (Some(Month { year, month: 1 }), Some(Month { year, month: 12 }));
        }
    }

    /// Whether a meeting covering these months (see [`Month::span_of`]) is inside the date
    /// range: all of them are.
    pub fn covers(&self, (first, last): (Month, Month)) -> bool {
        self.in_date_range(first) && self.in_date_range(last)
    }

    /// Whether a meeting of this month is inside the date range (always, without one).
    pub fn in_date_range(&self, month: Month) -> bool {
        self.from.is_none_or(|from| from <= month) && self.to.is_none_or(|to| month <= to)
    }

    pub fn has_text(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// Removes the search text and every filter, keeping the sort order.
    pub fn clear(&mut self) {
        self.text.clear();
        self.filters.clear();
        self.excluded.clear();
        self.from = None;
        self.to = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toggle_adds_then_removes_a_value() {
        let mut q = Query::default();
        q.toggle(Facet::Theme, "democracy");
        q.toggle(Facet::Theme, "human-rights");
        assert_eq!(q.selected(Facet::Theme).collect::<Vec<_>>(), ["democracy", "human-rights"]);
        q.toggle(Facet::Theme, "democracy");
        assert_eq!(q.selected(Facet::Theme).collect::<Vec<_>>(), ["human-rights"]);
    }

    #[test]
    fn a_value_is_selected_or_excluded_never_both() {
        let mut q = Query::default();
        q.select(Facet::Theme, "security");
        q.exclude(Facet::Theme, "security");
        assert!(q.is_excluded(Facet::Theme, "security") && !q.is_selected(Facet::Theme, "security"));
        assert!(q.has_filters());
        q.select(Facet::Theme, "security");
        assert!(!q.is_excluded(Facet::Theme, "security") && q.is_selected(Facet::Theme, "security"));
        q.toggle_excluded(Facet::Theme, "democracy");
        q.toggle_excluded(Facet::Theme, "democracy");
        assert_eq!(q.active_exclusions().count(), 0);
        q.exclude(Facet::Side, "japan");
        q.clear();
        assert!(!q.has_filters());
    }

    #[test]
    fn a_month_is_read_from_a_date_or_a_month_and_nothing_else() {
        let october = Month { year: 2021, month: 10 };
        assert_eq!(Month::parse("2021-10"), Some(october));
        assert_eq!(Month::parse("2021-10-30"), Some(october));
        // A date known only to the year covers all of it: inside a range only if it covers the year.
        let year = Month::span_of("2021").unwrap();
        assert_eq!(year, (Month { year: 2021, month: 1 }, Month { year: 2021, month: 12 }));
        assert_eq!(Month::span_of("2021-10"), Some((october, october)));
        let mut whole = Query::default();
        whole.toggle_year(2021);
        assert!(whole.covers(year));
        assert!(!Query { from: Some(october), ..Query::default() }.covers(year));
        assert_eq!(october.id(), "2021-10");
        for bad in
            ["", "2021", "2021-13", "2021-00", "21-10", "2021-1", "2021-10-3x", "year-10", "2021-10-30-1"]
        {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        let mut year = Query { to: Some(october), ..Query::default() };
        year.toggle_year(2021);
        assert!(
            year.is_year(2021)
                && year.in_date_range(october)
                && !year.in_date_range(Month::parse("2022-01").unwrap())
        );
        year.toggle_year(2021);
        assert!(!year.has_date_range(), "choosing the year again clears the range");
        let mut q = Query { from: Some(october), ..Query::default() };
        assert!(
            q.in_date_range(Month { year: 2022, month: 2 })
                && !q.in_date_range(Month { year: 2021, month: 9 })
        );
        q.to = Some(october);
        assert!(q.in_date_range(october) && !q.in_date_range(Month { year: 2021, month: 11 }));
        assert!(q.has_filters());
    }

    #[test]
    fn a_date_range_reads_as_written() {
        let (october, march) = (Month::parse("2021-10"), Month::parse("2022-03"));
        assert_eq!(date_range_label(october, march), "October 2021 to March 2022");
        assert_eq!(date_range_label(october, None), "from October 2021");
        assert_eq!(date_range_label(None, march), "until March 2022");
        assert_eq!(date_range_label(march, march), "March 2022");
    }

    #[test]
    fn last_filter_is_the_most_recent_across_facets() {
        let mut q = Query::default();
        q.select(Facet::Theme, "democracy");
        q.select(Facet::Speaker, "wang-yi");
        q.select(Facet::Theme, "human-rights");
        assert_eq!(q.last_filter(), Some((Facet::Theme, "human-rights")));
        q.deselect(Facet::Theme, "human-rights");
        assert_eq!(q.last_filter(), Some((Facet::Speaker, "wang-yi")));
    }

    #[test]
    fn the_filter_count_takes_values_exclusions_and_the_date_range_but_not_the_search() {
        let mut q = Query { text: "democracy".into(), ..Query::default() };
        assert_eq!(q.filter_count(), 0);
        q.select(Facet::Speaker, "wang-yi");
        q.select(Facet::Speaker, "sergey-lavrov");
        q.toggle_excluded(Facet::Theme, "security");
        assert_eq!(q.filter_count(), 3);
        q.from = Month::parse("2021-03");
        q.to = Month::parse("2022-02");
        assert_eq!(q.filter_count(), 4, "the date range counts once");
    }

    #[test]
    fn select_is_idempotent_and_clear_keeps_sort() {
        let mut q = Query { sort: SortOrder::Relevance, text: "x".into(), ..Query::default() };
        q.select(Facet::Speaker, "wang-yi");
        q.select(Facet::Speaker, "wang-yi");
        assert_eq!(q.active_filters().count(), 1);
        q.clear();
        assert!(!q.has_filters() && q.text.is_empty());
        assert_eq!(q.sort, SortOrder::Relevance);
    }

    #[test]
    fn a_map_cell_narrows_to_its_theme_and_meeting_and_a_second_click_lifts_both() {
        let mut q = Query::default();
        q.select(Facet::Theme, "democracy");
        q.select(Facet::Theme, "human-rights");
        q.select(Facet::Speaker, "wang-yi");
        let cell = ((Facet::Theme, "security"), (Facet::Meeting, "rome"));
        q.toggle_pair(cell.0, cell.1);
        assert!(q.is_only_selected(Facet::Theme, "security") && q.is_only_selected(Facet::Meeting, "rome"));
        assert!(q.is_selected(Facet::Speaker, "wang-yi"), "other facets are kept");
        q.toggle_pair(cell.0, cell.1);
        assert_eq!(q.selected(Facet::Theme).count() + q.selected(Facet::Meeting).count(), 0);
        assert!(q.is_selected(Facet::Speaker, "wang-yi"));
    }
}
