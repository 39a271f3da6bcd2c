//! The search box and the order of the results.

use leptos::prelude::*;

use crate::engine::{Query, SortOrder};
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
                placeholder="e.g. democracy, Sergei, “small circles”"
                prop:value=move || query.with(|q| q.text.clone())
                on:input=move |ev| store.update_query(|q| q.text = event_target_value(&ev))
            />
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
