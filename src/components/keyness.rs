//! Distinctive words: two groups (sides, speakers, meetings, statements or sources) and the
//! words that set each apart from the other, with their z-scores and counts, rendering
//! [`crate::engine::keyness`]. Each word searches itself. Loaded when first shown.

use std::sync::Arc;

use leptos::prelude::*;

use super::compare::{ByMenu, ValueMenu};

use crate::engine::compare::CompareSpec;
use crate::engine::keyness::{z_label, Keyword};
use crate::store::Store;
use crate::url_state::Mode;
use crate::wording;

/// The distinctive words, when the view asks for them.
#[component]
pub fn KeynessPanel() -> impl IntoView {
    let store = Store::use_context();
    let shown = Memo::new(move |_| store.view.with(|v| v.word_groups().is_some()));
    move || shown.get().then(|| Suspend::new(async move { keyness(store).await }))
}

#[lazy]
fn keyness(store: Store) -> AnyView {
    view! { <KeynessView store /> }.into_any()
}

#[component]
fn KeynessView(store: Store) -> impl IntoView {
    let Store { catalog, view, results, .. } = store;
    let spec = Memo::new(move |_| view.with(|v| v.word_groups().cloned()).unwrap_or_default());
    let choices = Memo::new(move |_| catalog.with(|c| spec.with(|s| c.compare_choices(s.by))));
    let keyness = Memo::new(move |_| {
        Arc::new(catalog.with(|c| {
            spec.with(|s| {
                results.with(|r| {
                    let groups = c.column_members(s, r);
                    match groups.as_slice() {
                        [a, b] => Some(c.keyness(a, b)),
                        _ => None,
                    }
                })
            })
        }))
    });
    let change = move |edit: Box<dyn FnOnce(&mut CompareSpec)>| {
        store.update_view(|v| {
            if let Mode::Words(spec) = &mut v.mode {
                edit(spec);
            }
        })
    };
    let by_changed =
        Callback::new(move |by| change(Box::new(move |s| *s = CompareSpec { by, columns: Vec::new() })));
    let group = move |at: usize, label: &'static str| {
        let on_pick = Callback::new(move |id: String| change(Box::new(move |s| s.set_column(at, &id))));
        view! { <ValueMenu spec choices at label on_pick /> }
    };
    let label_of = move |at: usize| {
        spec.with(|s| s.columns.get(at).cloned())
            .and_then(|id| choices.with(|c| c.iter().find(|c| c.id == id).map(|c| c.label.clone())))
            .unwrap_or_default()
    };
    view! {
        <section class="keyness" aria-label="Distinctive words">
            <div class="compare-controls">
                <ByMenu spec on_pick=by_changed />
                {group(0, "Group A")}
                {group(1, "Group B")}
            </div>
            <p class="compare-legend">{wording::KEYNESS_METHOD}</p>
            {move || match keyness.get().as_ref() {
                None => view! { <p class="compare-empty">{wording::too_few_to_compare(spec.with(|s| s.by.label()))}</p> }.into_any(),
                Some(k) => view! {
                    <div class="keyness-lists">
                        <WordList heading=label_of(0) words=k.of_a.clone() total=k.words_a store />
                        <WordList heading=label_of(1) words=k.of_b.clone() total=k.words_b store />
                    </div>
                }
                .into_any(),
            }}
        </section>
    }
}

/// One group's words, most distinctive first; each searches itself.
#[component]
fn WordList(heading: String, words: Vec<Keyword>, total: u32, store: Store) -> impl IntoView {
    let rows = words
        .into_iter()
        .map(|k| {
            let word = k.word.clone();
            let search = move |_| {
                let word = word.clone();
                store.update_view(move |v| {
                    v.query.text = word;
                    v.mode = Mode::Concordance(Default::default());
                })
            };
            view! {
                <tr>
                    <th scope="row"><button type="button" class="keyword" on:click=search>{k.word.clone()}</button></th>
                    <td>{z_label(k.z)}</td>
                    <td>{k.in_a}</td>
                    <td>{k.in_b}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="compare-scroll">
            <table class="keyness-table">
                <caption>{heading} ": " {wording::count(total as usize, "word", "words")}</caption>
                <thead><tr><th scope="col">"Word"</th><th scope="col">"z"</th><th scope="col">"In A"</th><th scope="col">"In B"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
