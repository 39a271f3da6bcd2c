//! The active filters as chips, each removable: the search, the values chosen, the date
//! range and the values left out, in that order, each with what it says, what it says to a
//! screen reader, and what removing it changes.

use super::{date_range_label, Catalog, Facet, Query};

/// What removing a chip takes out of the query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Removal {
    Search,
    Value(Facet, String),
    Dates,
    Exclusion(Facet, String),
}

impl Removal {
    pub fn apply(&self, query: &mut Query) {
        match self {
            Removal::Search => query.text.clear(),
            Removal::Value(facet, id) => query.deselect(*facet, id),
            Removal::Dates => (query.from, query.to) = (None, None),
            Removal::Exclusion(facet, id) => query.include_again(*facet, id),
        }
    }
}

/// One chip.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Chip {
    /// What it shows ("Theme: Democracy", "Theme: not Security").
    pub label: String,
    /// What its button says to a screen reader ("Remove filter Theme: Democracy").
    pub description: String,
    pub removal: Removal,
}

impl Chip {
    /// Whether it stands for a value left out, which is drawn as such.
    pub fn excluded(&self) -> bool {
        matches!(self.removal, Removal::Exclusion(..))
    }
}

impl Catalog {
    /// The chips of `query`'s active filters, in the order they are shown.
    pub fn chips(&self, query: &Query) -> Vec<Chip> {
        let mut chips = Vec::new();
        if query.has_text() {
            chips.push(Chip {
                label: format!("Search: {}", query.text),
                description: format!("Remove search “{}”", query.text),
                removal: Removal::Search,
            });
        }
        let value = |facet: Facet, id: &str, excluded: bool| {
            let label = format!(
                "{}: {}{}",
                facet.label(),
                if excluded { "not " } else { "" },
                self.value_label(facet, id)
            );
            Chip {
                description: format!("Remove filter {label}"),
                label,
                removal: if excluded {
                    Removal::Exclusion(facet, id.to_owned())
                } else {
                    Removal::Value(facet, id.to_owned())
                },
            }
        };
        chips.extend(query.active_filters().map(|(facet, id)| value(facet, id, false)));
        if query.has_date_range() {
            let label = format!("Date: {}", date_range_label(query.from, query.to));
            chips.push(Chip {
                description: format!("Remove filter {label}"),
                label,
                removal: Removal::Dates,
            });
        }
        chips.extend(query.active_exclusions().map(|(facet, id)| value(facet, id, true)));
        chips
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::engine::Month;

    fn catalog() -> Catalog {
        let (corpus, links) = corpus::bundled_linked().unwrap();
        Catalog::linked(corpus, links)
    }

    #[test]
    fn chips_come_search_first_then_values_dates_and_exclusions_each_saying_what_it_removes() {
        let catalog = catalog();
        let mut query = Query::default();
        query.text = "world order".into();
        query.select(Facet::Speaker, "wang-yi");
        query.toggle_excluded(Facet::Theme, "security");
        (query.from, query.to) = (Month::parse("2021-03"), Month::parse("2022-02"));
        let chips = catalog.chips(&query);
        let labels: Vec<&str> = chips.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "Search: world order",
                "Speaker: Wang Yi",
                "Date: March 2021 to February 2022",
                "Theme: not Security"
            ]
        );
        assert_eq!(chips[0].description, "Remove search “world order”");
        assert_eq!(chips[1].description, "Remove filter Speaker: Wang Yi");
        assert_eq!(chips[3].description, "Remove filter Theme: not Security");
        assert_eq!(chips.iter().map(Chip::excluded).collect::<Vec<_>>(), [false, false, false, true]);
        assert!(catalog.chips(&Query::default()).is_empty());
    }

    #[test]
    fn removing_each_chip_takes_out_its_own_filter_alone() {
        let catalog = catalog();
        let mut query = Query::default();
        query.text = "democracy".into();
        query.select(Facet::Speaker, "wang-yi");
        query.select(Facet::Speaker, "sergey-lavrov");
        query.toggle_excluded(Facet::Theme, "security");
        (query.from, query.to) = (Month::parse("2021-03"), None);
        for chip in catalog.chips(&query) {
            let mut after = query.clone();
            chip.removal.apply(&mut after);
            let left: Vec<String> = catalog.chips(&after).into_iter().map(|c| c.label).collect();
            let mut expected: Vec<String> = catalog.chips(&query).into_iter().map(|c| c.label).collect();
            expected.retain(|label| *label != chip.label);
            assert_eq!(left, expected, "removing {}", chip.label);
        }
    }
}
