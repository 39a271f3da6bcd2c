//! The address bar as the store's mirror: the view is read from it at start and on Back and
//! Forward, and written to it on every change, as a new history step or in place of the
//! current one ([`history_entry`], the pure decision).

use leptos::{ev, prelude::*};

use super::Store;
use crate::browser::{self, HistoryEntry};
use crate::url_state::{self, View};

/// The view the address bar describes now.
pub fn read() -> View {
    url_state::parse(&browser::query_string())
}

/// How a change of view enters the session history, or `None` when the address stays the
/// same. Typing refines the current step; anything else (a filter, the order, the overview)
/// makes a new one.
pub fn history_entry(previous: &View, next: &View) -> Option<HistoryEntry> {
    if url_state::to_query_string(previous) == url_state::to_query_string(next) {
        return None;
    }
    let (before, after) = (&previous.query, &next.query);
    let only_text_changed = before.text != after.text
        && before.sort == after.sort
        && previous.overview == next.overview
        && before.active_filters().eq(after.active_filters());
    Some(if only_text_changed { HistoryEntry::Replace } else { HistoryEntry::Push })
}

/// Writes a change of view into the address bar.
pub(super) fn record(previous: &View, next: &View) {
    if let Some(entry) = history_entry(previous, next) {
        browser::set_query_string(&url_state::to_query_string(next), entry);
    }
}

/// Tidies the address the page was opened with (no step of its own) and follows Back and
/// Forward from then on.
pub(super) fn follow(store: Store) {
    let wanted = store.view.with_untracked(url_state::to_query_string);
    if wanted != browser::query_string() {
        browser::set_query_string(&wanted, HistoryEntry::Replace);
    }
    let _ = window_event_listener(ev::popstate, move |_| store.show_address(read()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{Facet, Query, SortOrder};

    #[test]
    fn typing_refines_the_current_step_and_a_filter_makes_a_new_one() {
        let base = View::from(Query::text("demo"));
        let typed = View::from(Query::text("democracy"));
        assert_eq!(history_entry(&base, &typed), Some(HistoryEntry::Replace));
        let mut filtered = base.clone();
        filtered.query.select(Facet::Theme, "democracy");
        assert_eq!(history_entry(&base, &filtered), Some(HistoryEntry::Push));
        let mut sorted = base.clone();
        sorted.query.sort = SortOrder::Relevance;
        assert_eq!(history_entry(&base, &sorted), Some(HistoryEntry::Push));
        let mut opened = base.clone();
        opened.overview = true;
        assert_eq!(history_entry(&base, &opened), Some(HistoryEntry::Push));
    }

    #[test]
    fn a_change_the_address_does_not_show_is_no_step() {
        let spaced = View::from(Query::text("  "));
        assert_eq!(history_entry(&View::default(), &spaced), None);
        assert_eq!(history_entry(&View::default(), &View::default()), None);
    }
}
