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

    /// Adds a value to a facet's selection (once).
    pub fn select(&mut self, facet: Facet, id: &str) {
        if !self.is_selected(facet, id) {
            self.filters.push((facet, id.to_owned()));
        }
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

    pub fn has_filters(&self) -> bool {
        !self.filters.is_empty()
    }

    pub fn has_text(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// Removes the search text and every filter, keeping the sort order.
    pub fn clear(&mut self) {
        self.text.clear();
        self.filters.clear();
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
