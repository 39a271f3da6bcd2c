//! The filter pane: one group of checkboxes per facet, each value with the count choosing it
//! would give.

use leptos::prelude::*;

use crate::engine::Facet;
use crate::store::Store;

/// Values a facet lists before "show all".
const FACET_VALUES_SHOWN: usize = 12;

/// One group of checkboxes per facet.
#[component]
pub fn FacetPane() -> impl IntoView {
    Facet::ALL.map(|facet| view! { <FacetGroup facet /> }).collect_view()
}

#[component]
fn FacetGroup(facet: Facet) -> impl IntoView {
    let store = Store::use_context();
    let Store { catalog, query, results, .. } = store;
    let expanded = RwSignal::new(false);
    let total_values = move || catalog.with(|c| c.index.values(facet).len());
    // A long facet shows its first values and whatever is selected, until "show all".
    let values = move || {
        let all = expanded.get();
        catalog.with(|c| {
            query.with(|q| {
                c.index
                    .values(facet)
                    .iter()
                    .enumerate()
                    .filter(|(i, v)| all || *i < FACET_VALUES_SHOWN || q.is_selected(facet, &v.id))
                    .map(|(i, v)| (c.generation, i, v.clone()))
                    .collect::<Vec<_>>()
            })
        })
    };
    // A facet this corpus gives no value (a corpus with no countries has no sides) is left out.
    view! {
        <Show when=move || { total_values() > 0 }>
        <fieldset class="facet" data-facet=facet.param()>
            <legend>{facet.label()}</legend>
            // A row stands for one value at one place in one corpus: another corpus gets new rows.
            <For each=values key=|(generation, position, value)| (*generation, *position, value.id.clone()) let((_, position, value))>
                {
                    let id = value.id.clone();
                    let input_id = format!("facet-{}-{}", facet.param(), value.id);
                    let checked = {
                        let id = id.clone();
                        move || query.with(|q| q.is_selected(facet, &id))
                    };
                    let count = move || results.with(|r| r.count(facet, position));
                    view! {
                        <div class="facet-value" class:is-empty=move || count() == 0>
                            <input
                                type="checkbox"
                                id=input_id.clone()
                                value=id.clone()
                                prop:checked=checked
                                on:change=move |_| store.update_query(|q| q.toggle(facet, &id))
                            />
                            <label for=input_id>
                                <span class="value-label">{value.label.clone()}</span>
                                {(!value.detail.is_empty())
                                    .then(|| view! { <span class="value-detail">{value.detail.clone()}</span> })}
                                <span class="count">
                                    {count}
                                    <span class="visually-hidden">{move || if count() == 1 { " quote" } else { " quotes" }}</span>
                                </span>
                            </label>
                        </div>
                    }
                }
            </For>
            <Show when=move || { total_values() > FACET_VALUES_SHOWN }>
                <button
                    type="button"
                    class="facet-toggle"
                    aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|e| *e = !*e)
                >
                    {move || {
                        if expanded.get() {
                            format!("Show fewer {}s", facet.label().to_lowercase())
                        } else {
                            format!("Show all {} {}s", total_values(), facet.label().to_lowercase())
                        }
                    }}
                </button>
            </Show>
        </fieldset>
        </Show>
    }
}
