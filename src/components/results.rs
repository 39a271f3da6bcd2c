//! The results: their count, the active filters as chips, the explorer's notices, why nothing
//! matches (when nothing does), the switch between the ways of showing them, the export
//! buttons, and the view chosen: the overview and the list of quote cards (a page at a time),
//! the comparison, the concordance, trends or distinctive words. A control here that removes itself hands the focus on.

use leptos::prelude::*;

use super::compare::ComparePanel;
use super::concordance::ConcordancePanel;
use super::corpus_picker::CorpusStatusLine;
use super::export_menu::ExportButtons;
use super::keyness::KeynessPanel;
use super::overview::OverviewPanel;
use super::quote_card::QuoteCard;
use super::trends::TrendsPanel;
use super::view_switch::ViewSwitch;
use crate::browser::{explorer_of, focus_after_render, focus_count_after_render, FocusTarget, RESULT_COUNT};
use crate::engine::Query;
use crate::store::{CorpusStatus, Store, PAGE_SIZE};
use crate::url_state::{Mode, View};
use crate::wording;

/// The results header, the active filters and the list of quote cards.
#[component]
pub fn Results() -> impl IntoView {
    let store = Store::use_context();
    let Store { catalog, results, placement, .. } = store;
    let shown = move || results.with(|r| r.quotes.len());
    let total = move || catalog.with(|c| c.len());
    // The page's main content; an embed is only part of its host's.
    let role = (!placement.embedded).then_some("main");
    view! {
        <div id="results" class="results" role=role tabindex="-1">
            <h2 class="visually-hidden">"Quotes"</h2>
            <CorpusStatusLine />
            <div class="results-header">
                // Where the focus goes when the control it was on goes away.
                <p class="result-count" role="status" aria-live="polite" tabindex="-1">
                    {move || {
                        let arriving = total() == 0
                            && store.status.with(|s| matches!(s, CorpusStatus::Reading { .. } | CorpusStatus::Checking { .. }));
                        match (arriving, store.searching.get()) {
                            (true, _) => wording::LOADING.to_owned(),
                            (false, true) => wording::SEARCHING.to_owned(),
                            (false, false) => wording::result_count(shown(), total()),
                        }
                    }}
                </p>
                <ActiveFilters />
            </div>
            <Notice />
            // Where the eye is: right under the count that says nothing matches. (Trends count
            // each word on its own, so a search no quote matches whole still has them.)
            <Show when=move || { shown() == 0 && total() > 0 && !store.view.with(|v| matches!(v.mode, Mode::Trends { .. })) }>
                {move || Suspend::new(async move { empty_results(store).await })}
            </Show>
            <div class="results-tools">
                // The other views read every result's text, which a chunked index keeps in packs
                // fetched only for the quotes shown (an export fetches those it holds).
                <Show when=move || !catalog.with(|c| c.is_chunked())>
                    <ViewSwitch />
                </Show>
                <ExportButtons />
            </div>
            <ComparePanel />
            <ConcordancePanel />
            <TrendsPanel />
            <KeynessPanel />
            <Show when=move || store.view.with(View::is_list)>
            <OverviewPanel />
            <Show when=move || { shown() > 0 }>
                <ShowEarlier />
                <ol class="quote-list">
                    // Keyed by corpus too: position 3 of another corpus is another quote.
                    <For
                        each=move || {
                            let generation = catalog.with(|c| c.generation);
                            results.with(|r| {
                                r.quotes[store.rendered()].iter().map(|&p| (generation, p)).collect::<Vec<_>>()
                            })
                        }
                        key=|entry| *entry
                        let((_, position))
                    >
                        <li><QuoteCard position /></li>
                    </For>
                </ol>
                <ShowMore />
            </Show>
            </Show>
        </div>
    }
}

/// Renders the page of results before the first rendered, when a link opened the list
/// further down; the focus goes to the first card it adds.
#[component]
fn ShowEarlier() -> impl IntoView {
    let store = Store::use_context();
    let owner = Owner::current().unwrap_or_default();
    let before = move || store.wanted().start;
    view! {
        <Show when=move || { before() > 0 }>
            <button
                type="button"
                class="show-more show-earlier"
                on:click={
                    let owner = owner.clone();
                    move |ev| {
                        let first_new = before().saturating_sub(PAGE_SIZE);
                        store.render_earlier();
                        focus_card_when_rendered(store, explorer_of(&ev), first_new, &owner);
                    }
                }
            >
                {move || wording::show_earlier(before(), PAGE_SIZE)}
            </button>
        </Show>
    }
}

/// Renders the next page of results; the focus goes to the first card it adds.
#[component]
fn ShowMore() -> impl IntoView {
    let store = Store::use_context();
    let owner = Owner::current().unwrap_or_default();
    let remaining = move || store.results.with(|r| r.quotes.len()) - store.rendered().end;
    view! {
        <Show when=move || { remaining() > 0 }>
            <button
                type="button"
                class="show-more"
                on:click={
                    let owner = owner.clone();
                    move |ev| {
                        let first_new = store.rendered().end;
                        store.render_at_least(first_new + PAGE_SIZE);
                        focus_card_when_rendered(store, explorer_of(&ev), first_new, &owner);
                    }
                }
            >
                {move || wording::show_more(remaining(), PAGE_SIZE)}
            </button>
        </Show>
    }
}

/// Focuses the card of the result at `rank` once it is rendered: at the next frame in
/// memory, once its pack has arrived with a chunked index. Within `owner` (the list's), not
/// the clicked button's, which the last page removes; given up if the query changes first.
fn focus_card_when_rendered(store: Store, root: Option<web_sys::Element>, rank: usize, owner: &Owner) {
    let query = store.query.get_untracked();
    owner.with(|| {
        let done = StoredValue::new(false);
        Effect::new(move |_| {
            if done.get_value() {
                return;
            }
            let rendered = store.rendered();
            let same_query = store.query.with(|q| *q == query);
            if same_query && !rendered.contains(&rank) {
                return;
            }
            done.set_value(true);
            if same_query {
                let index = rank - rendered.start;
                focus_after_render(root.clone(), vec![FocusTarget { selector: ".quote-card", index }]);
            }
        })
    });
}

/// Each active filter as a removable chip, and one button to clear them all. (Their code is
/// loaded when there is first a filter to show.)
#[component]
fn ActiveFilters() -> impl IntoView {
    let store = Store::use_context();
    let anything_active = Memo::new(move |_| store.query.with(|q| q.has_filters() || q.has_text()));
    move || anything_active.get().then(|| Suspend::new(async move { chips(store).await }))
}

#[lazy]
fn chips(store: Store) -> AnyView {
    view! { <Chips store /> }.into_any()
}

#[component]
fn Chips(store: Store) -> impl IntoView {
    let Store { catalog, query, .. } = store;
    // Keyed by corpus too: another corpus may label the same id differently.
    let chips = move || {
        let generation = catalog.with(|c| c.generation);
        catalog
            .with(|c| query.with(|q| c.chips(q)))
            .into_iter()
            .enumerate()
            .map(move |(place, chip)| (generation, place, chip))
    };
    view! {
        <ul class="chips" aria-label="Active filters">
            <For each=chips key=|chip| chip.clone() let((_, place, chip))>
                {
                    // Read before the view takes the chip's label and description.
                    let excluded = chip.excluded();
                    view! {
                        <li>
                            <button
                                type="button"
                                class="chip"
                                class:chip-excluded=excluded
                                aria-label=chip.description
                                on:click=move |ev| {
                                    store.update_query(|q| chip.removal.apply(q));
                                    focus_after_render(explorer_of(&ev), after_chip(place));
                                }
                            >
                                {chip.label} <span aria-hidden="true">" ×"</span>
                            </button>
                        </li>
                    }
                }
            </For>
            <li>
                <button
                    type="button"
                    class="clear-all"
                    on:click=move |ev| {
                        store.update_query(Query::clear);
                        focus_count_after_render(&ev);
                    }
                >
                    "Clear all"
                </button>
            </li>
        </ul>
    }
}

/// After the chip at `place` is removed: the chip that takes its place, else the one before,
/// else the count.
fn after_chip(place: usize) -> Vec<FocusTarget> {
    vec![
        FocusTarget { selector: ".chips .chip", index: place },
        FocusTarget { selector: ".chips .chip", index: place.saturating_sub(1) },
        RESULT_COUNT,
    ]
}

/// What the explorer changed on its own, said until the reader dismisses it. (Its code is
/// loaded when there is first something to say.)
#[component]
fn Notice() -> impl IntoView {
    let store = Store::use_context();
    let shown = Memo::new(move |_| store.notice.with(Option::is_some));
    move || shown.get().then(|| Suspend::new(async move { notice(store).await }))
}

#[lazy]
fn notice(store: Store) -> AnyView {
    view! { <NoticeBox store /> }.into_any()
}

#[component]
fn NoticeBox(store: Store) -> impl IntoView {
    move || {
        store.notice.get().map(|text| {
            view! {
                <div class="notice" role="status">
                    <p>{text}</p>
                    <button
                        type="button"
                        on:click=move |ev| {
                            store.notice.set(None);
                            focus_count_after_render(&ev);
                        }
                    >
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}

/// What to do when nothing matches: say why, and offer to undo the last narrowing. (Loaded
/// when first needed.)
#[lazy]
fn empty_results(store: Store) -> AnyView {
    view! { <EmptyResults store /> }.into_any()
}

#[component]
fn EmptyResults(store: Store) -> impl IntoView {
    let Store { catalog, query, .. } = store;
    let last_filter = move || query.with(|q| q.last_filter().map(|(f, id)| (f, id.to_owned())));
    view! {
        <div class="empty-results">
            <h2>"No quotes match"</h2>
            <p>{move || query.with(wording::no_results)}</p>
            {move || last_filter().map(|(facet, id)| {
                let label = catalog.with_untracked(|c| c.value_label(facet, &id));
                view! {
                    <button
                        type="button"
                        on:click=move |ev| {
                            store.update_query(|q| q.deselect(facet, &id));
                            focus_count_after_render(&ev);
                        }
                    >
                        "Remove the filter " {facet.label()} ": " {label}
                    </button>
                }
            })}
            <Show when=move || query.with(Query::has_text)>
                <button
                    type="button"
                    on:click=move |ev| {
                        store.update_query(|q| q.text.clear());
                        focus_count_after_render(&ev);
                    }
                >
                    "Clear the search"
                </button>
            </Show>
        </div>
    }
}
