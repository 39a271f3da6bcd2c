//! The search box, the speaker it suggests for a name, and the order of the results.

use leptos::prelude::*;

use crate::browser::{explorer_of, focus_after_render, FocusTarget};
use crate::engine::{Facet, Query, SortOrder};
use crate::store::Store;

/// The search box and the sort order.
#[component]
pub fn SearchBar() -> impl IntoView {
    let store = Store::use_context();
    let query = store.query;
    let searching = move || query.with(Query::has_text);
    view! {
        <div class="search" role="search">
            <label for="search-input">"Search quotes, speakers, meetings and themes"</label>
            <input
                id="search-input"
                type="search"
                autocomplete="off"
                spellcheck="false"
                placeholder=move || store.catalog.with(|c| c.search_example())
                prop:value=move || query.with(|q| q.text.clone())
                on:input=move |ev| store.update_query(|q| q.text = event_target_value(&ev))
            />
            <SpeakerSuggestions />
            <label for="sort-select">"Order"</label>
            <select
                id="sort-select"
                on:change=move |ev| {
                    let sort = SortOrder::from_param(&event_target_value(&ev)).unwrap_or_default();
                    store.update_query(|q| q.sort = sort);
                }
            >
                <option value="date" prop:selected=move || query.with(|q| q.sort == SortOrder::Chronological)>
                    "By date"
                </option>
                <option
                    value="relevance"
                    prop:selected=move || query.with(|q| q.sort == SortOrder::Relevance)
                    prop:disabled=move || !searching()
                >
                    "By relevance (when searching)"
                </option>
            </select>
        </div>
    }
}

/// "Only what Sergey Lavrov said": for a search that names a person, the speaker filter
/// that asks for their words alone (the search finds every mention too). Its code is loaded
/// when there is first a search.
#[component]
fn SpeakerSuggestions() -> impl IntoView {
    let store = Store::use_context();
    let searching = Memo::new(move |_| store.query.with(Query::has_text));
    move || searching.get().then(|| Suspend::new(async move { suggestions(store).await }))
}

#[lazy]
fn suggestions(store: Store) -> AnyView {
    view! { <Suggestions store /> }.into_any()
}

#[component]
fn Suggestions(store: Store) -> impl IntoView {
    let suggestions = move || store.catalog.with(|c| store.query.with(|q| c.speaker_suggestions(q)));
    move || {
        let suggestions = suggestions();
        (!suggestions.is_empty()).then(|| {
            view! {
                <ul class="speaker-suggestions" aria-label="Filter by speaker instead">
                    {suggestions
                        .into_iter()
                        .map(|s| {
                            let (id, rest) = (s.id, s.rest);
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        on:click=move |ev| {
                                            let (id, rest) = (id.clone(), rest.clone());
                                            store.update_query(|q| {
                                                q.select(Facet::Speaker, &id);
                                                q.text = rest;
                                            });
                                            focus_after_render(
                                                explorer_of(&ev),
                                                vec![FocusTarget { selector: "#search-input", index: 0 }],
                                            );
                                        }
                                    >
                                        "Only what " {s.name} " said"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
        })
    }
}
