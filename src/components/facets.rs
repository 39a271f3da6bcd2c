use leptos::prelude::*;

use super::Explorer;
use crate::engine::Facet;

/// One group of checkboxes per facet.
#[component]
pub fn FacetPane() -> impl IntoView {
    Facet::ALL
        .map(|facet| view! { <FacetGroup facet /> })
        .collect_view()
}

#[component]
fn FacetGroup(facet: Facet) -> impl IntoView {
    let Explorer {
        catalog,
        query,
        results,
        ..
    } = Explorer::use_context();
    let values = move || {
        catalog.with(|c| {
            c.index
                .values(facet)
                .iter()
                .cloned()
                .enumerate()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <fieldset class="facet" data-facet=facet.param()>
            <legend>{facet.label()}</legend>
            <For each=values key=|(_, value)| value.id.clone() let((position, value))>
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
                                on:change=move |_| query.update(|q| q.toggle(facet, &id))
                            />
                            <label for=input_id>
                                <span class="value-label">{value.label.clone()}</span>
                                {(!value.detail.is_empty())
                                    .then(|| view! { <span class="value-detail">{value.detail.clone()}</span> })}
                                <span class="count">{count}<span class="visually-hidden">" quotes"</span></span>
                            </label>
                        </div>
                    }
                }
            </For>
        </fieldset>
    }
}
