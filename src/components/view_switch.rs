//! How the results are shown: as a list of cards, side by side, each search word in its
//! context, its trends, or the words that set two groups apart. A button each, the pressed
//! one showing; each is a step in the address.

use leptos::prelude::*;

use crate::engine::concordance::ContextSort;
use crate::store::Store;
use crate::url_state::{Mode, View};

#[component]
pub fn ViewSwitch() -> impl IntoView {
    let store = Store::use_context();
    let button = move |label: &'static str, shows: fn(&View) -> bool, choose: fn(&mut View)| {
        view! {
            <button
                type="button"
                aria-pressed=move || store.view.with(shows).to_string()
                on:click=move |_| store.update_view(choose)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="view-switch" role="group" aria-label="Show the results">
            {button("As a list", View::is_list, |v| v.mode = Mode::List)}
            {button("Side by side", |v| v.comparison().is_some(), |v| {
                v.comparison_mut();
            })}
            {button("In context", |v| matches!(v.mode, Mode::Concordance(_)), |v| {
                if !matches!(v.mode, Mode::Concordance(_)) {
                    v.mode = Mode::Concordance(ContextSort::default());
                }
            })}
            {button("Trends", |v| matches!(v.mode, Mode::Trends { .. }), |v| {
                if !matches!(v.mode, Mode::Trends { .. }) {
                    v.mode = Mode::Trends { per_thousand: false };
                }
            })}
            {button("Distinctive words", |v| v.word_groups().is_some(), |v| {
                if v.word_groups().is_none() {
                    // The groups the comparison had, if it was showing.
                    v.mode = Mode::Words(v.comparison().cloned().unwrap_or_default());
                }
            })}
        </div>
    }
}
