//! The filter pane: the date range, then one group of checkboxes per facet, each value with
//! the count choosing it would give and a "Not" button that leaves its quotes out; a long
//! facet has a box that narrows its list.

use leptos::prelude::*;

use crate::engine::{Facet, Month};
use crate::store::Store;

/// Values a facet lists before "show all".
const FACET_VALUES_SHOWN: usize = 12;

/// The date range, then one group of checkboxes per facet.
#[component]
pub fn FacetPane() -> impl IntoView {
    view! {
        <DateRange />
        {Facet::ALL.map(|facet| view! { <FacetGroup facet /> }).collect_view()}
    }
}

/// From and to: two months from those of the corpus's meetings (the timeline offers it too).
#[component]
pub fn DateRange() -> impl IntoView {
    let store = Store::use_context();
    let Store { catalog, query, .. } = store;
    let months = Memo::new(move |_| catalog.with(|c| c.index.months()));
    let end = move |label: &'static str, is_from: bool| {
        let chosen = move || query.with(|q| if is_from { q.from } else { q.to });
        let set = move |ev: leptos::ev::Event| {
            let month = Month::parse(&event_target_value(&ev));
            store.update_query(|q| if is_from { q.from = month } else { q.to = month });
        };
        view! {
            <label class="date-end">
                <span>{label}</span>
                <select on:change=set>
                    <option value="" prop:selected=move || chosen().is_none()>"Any"</option>
                    {move || months.get().into_iter().map(|m| view! {
                        <option value=m.id() prop:selected=move || chosen() == Some(m)>{m.label()}</option>
                    }).collect_view()}
                </select>
            </label>
        }
    };
    view! {
        <Show when=move || months.with(|m| m.len() > 1)>
            <fieldset class="facet date-range" data-facet="date">
                <legend>"Date"</legend>
                {end("From", true)}
                {end("To", false)}
            </fieldset>
        </Show>
    }
}

#[component]
fn FacetGroup(facet: Facet) -> impl IntoView {
    let store = Store::use_context();
    let Store { catalog, query, results, .. } = store;
    let expanded = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let total_values = move || catalog.with(|c| c.index.values(facet).len());
    let long = move || total_values() > FACET_VALUES_SHOWN;
    let matching = Memo::new(move |_| typed.with(|t| catalog.with(|c| c.facet_values_matching(facet, t))));
    // A long facet shows its first values (or those its box finds) and whatever is selected
    // or left out, until "show all".
    let values = move || {
        let all = expanded.get();
        let narrowed = typed.with(|t| !t.trim().is_empty());
        catalog.with(|c| {
            query.with(|q| {
                c.index
                    .values(facet)
                    .iter()
                    .enumerate()
                    .filter(|(i, v)| {
                        let wanted = if narrowed {
                            matching.with(|m| m.get(*i) == Some(&true))
                        } else {
                            all || *i < FACET_VALUES_SHOWN
                        };
                        wanted || q.is_selected(facet, &v.id) || q.is_excluded(facet, &v.id)
                    })
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
            <Show when=long>
                <input
                    type="search"
                    class="facet-search"
                    aria-label=format!("Find a {}", facet.label().to_lowercase())
                    placeholder=format!("Find a {}", facet.label().to_lowercase())
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <p class="visually-hidden" role="status">
                    {move || typed.with(|t| !t.trim().is_empty()).then(|| {
                        let found = matching.with(|m| m.iter().filter(|&&m| m).count());
                        format!("{found} of {} found", total_values())
                    })}
                </p>
            </Show>
            // A row stands for one value at one place in one corpus: another corpus gets new rows.
            <For each=values key=|(generation, position, value)| (*generation, *position, value.id.clone()) let((_, position, value))>
                {
                    let id = value.id.clone();
                    let input_id = format!("facet-{}-{}", facet.param(), value.id);
                    let checked = {
                        let id = id.clone();
                        move || query.with(|q| q.is_selected(facet, &id))
                    };
                    let excluded = Signal::derive({
                        let id = id.clone();
                        move || query.with(|q| q.is_excluded(facet, &id))
                    });
                    let exclude_id = id.clone();
                    let exclude_label = format!("Leave out {}", value.label);
                    let count = move || results.with(|r| r.count(facet, position));
                    view! {
                        <div class="facet-value" class:is-empty=move || count() == 0 class:is-excluded=excluded>
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
                            <button
                                type="button"
                                class="exclude"
                                aria-label=exclude_label
                                aria-pressed=move || excluded.get().to_string()
                                on:click=move |_| store.update_query(|q| q.toggle_excluded(facet, &exclude_id))
                            >
                                "Not"
                            </button>
                        </div>
                    }
                }
            </For>
            <Show when=move || long() && typed.with(|t| t.trim().is_empty())>
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
