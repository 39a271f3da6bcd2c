//! The address bar as the store's mirror: the view is read from it at start and on Back and
//! Forward, and written to it on every change, as a new history step or in place of the
//! current one ([`history_entry`], the pure decision). Each settled search is a step of its
//! own: the keystrokes of one burst of typing refine one step, and a pause ends it.

use leptos::{ev, prelude::*};

use super::Store;
use crate::browser::{self, HistoryEntry};
use crate::url_state::{self, View};

/// The view the address bar describes now.
pub fn read() -> View {
    url_state::parse(&browser::query_string())
}

/// Typing that pauses this long (in milliseconds) has settled: the next keystroke starts a
/// new step.
pub const SETTLED_AFTER_MS: f64 = 1000.0;

/// Whether the search text is all that changed.
fn only_text_changed(previous: &View, next: &View) -> bool {
    let (before, after) = (&previous.query, &next.query);
    before.text != after.text
        && before.sort == after.sort
        && previous.overview == next.overview
        && previous.mode == next.mode
        && before.active_filters().eq(after.active_filters())
}

/// How a change of view enters the session history, or `None` when the address stays the
/// same. `since_typing` is how long ago the text last changed, if the step now in the
/// address bar is one of typing. A keystroke in the same burst refines that step; any other
/// change (a filter, the order, the overview, or typing after a pause) makes a new one, so
/// Back returns to the view before it.
pub fn history_entry(previous: &View, next: &View, since_typing: Option<f64>) -> Option<HistoryEntry> {
    if url_state::to_query_string(previous) == url_state::to_query_string(next) {
        return None;
    }
    let same_burst = since_typing.is_some_and(|ms| ms < SETTLED_AFTER_MS);
    Some(if only_text_changed(previous, next) && same_burst {
        HistoryEntry::Replace
    } else {
        HistoryEntry::Push
    })
}

/// Writes a change of view into the address bar; `typed_at` keeps when the step in the
/// address bar was last typed into, if it is a step of typing.
pub(super) fn record(previous: &View, next: &View, typed_at: StoredValue<Option<f64>>) {
    let now = browser::now_ms();
    let since_typing = typed_at.get_value().map(|at| now - at);
    if let Some(entry) = history_entry(previous, next, since_typing) {
        browser::set_query_string(&url_state::to_query_string(next), entry, false);
    }
    typed_at.set_value(only_text_changed(previous, next).then_some(now));
}

/// Corrects the address to the view shown, in place and keeping its fragment: the page was
/// opened with a view it had to change (to show a linked quote), which is no step of the reader's.
pub(super) fn correct(view: &View) {
    browser::set_query_string(&url_state::to_query_string(view), HistoryEntry::Replace, true);
}

/// Tidies the address the page was opened with (no step of its own) and follows Back and
/// Forward from then on.
pub(super) fn follow(store: Store) {
    let wanted = store.view.with_untracked(url_state::to_query_string);
    if wanted != browser::query_string() {
        browser::set_query_string(&wanted, HistoryEntry::Replace, true);
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
        assert_eq!(history_entry(&base, &typed, Some(200.0)), Some(HistoryEntry::Replace));
        let mut filtered = base.clone();
        filtered.query.select(Facet::Theme, "democracy");
        assert_eq!(history_entry(&base, &filtered, Some(200.0)), Some(HistoryEntry::Push));
        let mut sorted = base.clone();
        sorted.query.sort = SortOrder::Relevance;
        assert_eq!(history_entry(&base, &sorted, None), Some(HistoryEntry::Push));
        let mut opened = base.clone();
        opened.overview = true;
        assert_eq!(history_entry(&base, &opened, None), Some(HistoryEntry::Push));
    }

    #[test]
    fn the_first_keystroke_after_a_filter_or_a_pause_starts_a_new_step() {
        let mut filtered = View::default();
        filtered.query.select(Facet::Theme, "democracy");
        let mut typed = filtered.clone();
        typed.query.text = "d".into();
        assert_eq!(
            history_entry(&filtered, &typed, None),
            Some(HistoryEntry::Push),
            "Back returns to the filter"
        );
        let mut more = typed.clone();
        more.query.text = "de".into();
        assert_eq!(history_entry(&typed, &more, Some(SETTLED_AFTER_MS + 1.0)), Some(HistoryEntry::Push));
        assert_eq!(history_entry(&typed, &more, Some(SETTLED_AFTER_MS - 1.0)), Some(HistoryEntry::Replace));
    }

    #[test]
    fn a_change_the_address_does_not_show_is_no_step() {
        let spaced = View::from(Query::text("  "));
        assert_eq!(history_entry(&View::default(), &spaced, None), None);
        assert_eq!(history_entry(&View::default(), &View::default(), None), None);
    }
}
