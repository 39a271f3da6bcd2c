//! How the results are shown: as a list of cards, side by side, or each search word in its
//! context. Three buttons, the pressed one showing; each is a step in the address.

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
        </div>
    }
}
