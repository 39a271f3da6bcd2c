//! The comparison: the results side by side, a column per value of what is compared (sides,
//! speakers, meetings, statements or sources) and a row per theme, rendering
//! [`crate::engine::compare`]. Its code is loaded when it is first shown.

use std::sync::Arc;

use leptos::{ev, prelude::*};

use super::quote_card::open_card;
use crate::engine::compare::{
    Choice, CompareBy, CompareSpec, Comparison, CELL_SHOWN, MAX_COLUMNS, MIN_COLUMNS,
};
use crate::engine::highlight::highlight_shared;
use crate::engine::phrases::Span;
use crate::engine::text::SearchTerms;
use crate::store::Store;
use crate::wording;

/// The comparison, when the view asks for it.
#[component]
pub fn ComparePanel() -> impl IntoView {
    let store = Store::use_context();
    let comparing = Memo::new(move |_| store.view.with(|v| v.comparison().is_some()));
    move || comparing.get().then(|| Suspend::new(async move { comparison(store).await }))
}

#[lazy]
fn comparison(store: Store) -> AnyView {
    view! { <CompareView store /> }.into_any()
}

#[component]
fn CompareView(store: Store) -> impl IntoView {
    let Store { catalog, view, query, results, terms, .. } = store;
    let spec = Memo::new(move |_| view.with(|v| v.comparison().cloned()).unwrap_or_default());
    let comparison = Memo::new(move |_| {
        query.with(|q| Arc::new(catalog.with(|c| spec.with(|s| results.with(|r| c.compare(s, q, r))))))
    });
    let choices = Memo::new(move |_| catalog.with(|c| spec.with(|s| c.compare_choices(s.by))));
    // A printout has every cell in full.
    let printing = RwSignal::new(false);
    let before = window_event_listener(ev::beforeprint, move |_| printing.set(true));
    let after = window_event_listener(ev::afterprint, move |_| printing.set(false));
    on_cleanup(move || {
        before.remove();
        after.remove();
    });
    let change =
        move |edit: Box<dyn FnOnce(&mut CompareSpec)>| store.update_view(|v| edit(v.comparison_mut()));
    let by_changed =
        Callback::new(move |by| change(Box::new(move |s| *s = CompareSpec { by, columns: Vec::new() })));
    let column_select = move |at: usize| {
        let label = format!("Column {}", at + 1);
        view! {
            <div class="compare-column-choice">
                <ValueMenu
                    spec
                    choices
                    at
                    label
                    on_pick=Callback::new(move |id: String| change(Box::new(move |s| s.set_column(at, &id))))
                />
                <Show when=move || spec.with(|s| s.columns.len() > MIN_COLUMNS)>
                    <button
                        type="button"
                        class="remove-column"
                        aria-label=format!("Remove column {}", at + 1)
                        on:click=move |_| change(Box::new(move |s| s.remove_column(at)))
                    >
                        "Remove"
                    </button>
                </Show>
            </div>
        }
    };
    let can_add =
        move || spec.with(|s| s.columns.len() < MAX_COLUMNS && choices.with(|c| c.len() > s.columns.len()));
    view! {
        <section class="compare" aria-label="Side by side">
            <div class="compare-controls">
                <ByMenu spec on_pick=by_changed />
                {move || (0..spec.with(|s| s.columns.len())).map(column_select).collect_view()}
                <Show when=can_add>
                    <button
                        type="button"
                        class="add-column"
                        on:click=move |_| change(Box::new(move |s| s.add_column(&choices.get_untracked())))
                    >
                        "Add a column"
                    </button>
                </Show>
            </div>
            {move || {
                let by = spec.with(|s| s.by);
                (choices.with(Vec::len) < MIN_COLUMNS).then(|| view! {
                    <p class="compare-empty">{wording::too_few_to_compare(by.label())}</p>
                })
            }}
            {move || (by_statement(spec)).then(|| view! {
                <p class="compare-legend">
                    <span class="shared">"Marked"</span>
                    ": a phrase of three or more words another column's statement also has."
                </p>
            })}
            {move || {
                let comparison = comparison.get();
                (!comparison.columns.is_empty()).then(|| view! { <CompareTable comparison terms=terms.into() printing /> })
            }}
        </section>
    }
}

/// What to compare by: a menu, shared with distinctive words. Choosing starts again from
/// that kind's default values.
#[component]
pub(super) fn ByMenu(spec: Memo<CompareSpec>, on_pick: Callback<CompareBy>) -> impl IntoView {
    view! {
        <label class="compare-by">
            <span>"Compare by"</span>
            <select on:change=move |ev| {
                if let Some(by) = CompareBy::from_param(&event_target_value(&ev)) {
                    on_pick.run(by);
                }
            }>
                {CompareBy::ALL.map(|by| view! {
                    <option value=by.param() prop:selected=move || spec.with(|s| s.by == by)>{by.label()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// The value of one column (or group): a menu of the kind's values, shared with distinctive words.
#[component]
pub(super) fn ValueMenu(
    spec: Memo<CompareSpec>,
    choices: Memo<Vec<Choice>>,
    at: usize,
    #[prop(into)] label: String,
    on_pick: Callback<String>,
) -> impl IntoView {
    view! {
        <label>
            <span>{label}</span>
            <select on:change=move |ev| on_pick.run(event_target_value(&ev))>
                {move || {
                    let chosen = spec.with(|s| s.columns.get(at).cloned()).unwrap_or_default();
                    choices.get().into_iter().map(|c| {
                        let selected = c.id == chosen;
                        view! { <option value=c.id prop:selected=selected>{c.label}</option> }
                    }).collect_view()
                }}
            </select>
        </label>
    }
}

fn by_statement(spec: Memo<CompareSpec>) -> bool {
    spec.with(|s| s.by == CompareBy::Statement)
}

/// The table: a heading per column with its count, a row per theme, each cell labelled with
/// its column too (on a narrow screen the cells stack under their theme).
#[component]
fn CompareTable(
    comparison: Arc<Comparison>,
    terms: Signal<SearchTerms>,
    printing: RwSignal<bool>,
) -> impl IntoView {
    let caption = wording::comparison_caption(comparison.by.label());
    let headings = comparison
        .columns
        .iter()
        .map(|c| {
            let count = wording::count(c.count, "quote", "quotes");
            view! { <th scope="col" data-column=c.id.clone()>{c.label.clone()} <span class="column-count">{count}</span></th> }
        })
        .collect_view();
    let rows = comparison
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .cells
                .iter()
                .zip(&comparison.columns)
                .map(|(cell, column)| {
                    view! {
                        <td data-column=column.id.clone()>
                            <p class="cell-label">{column.label.clone()}</p>
                            <CompareCell positions=cell.clone() comparison=comparison.clone() terms printing />
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr data-theme=row.theme_id.clone()>
                    <th scope="row">{row.theme.clone()}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="compare-scroll">
            <table class="compare-table">
                <caption>{caption}</caption>
                <thead>
                    <tr><th scope="col">"Theme"</th>{headings}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// A cell's quotes: its first few, and the rest on request.
#[component]
fn CompareCell(
    positions: Vec<u32>,
    comparison: Arc<Comparison>,
    terms: Signal<SearchTerms>,
    printing: RwSignal<bool>,
) -> impl IntoView {
    let store = Store::use_context();
    let total = positions.len();
    let all_shown = RwSignal::new(false);
    let entries = move || {
        let shown = if all_shown.get() || printing.get() { total } else { total.min(CELL_SHOWN) };
        positions[..shown]
            .iter()
            .map(|&p| {
                let entry = store.catalog.with_untracked(|c| c.entry(p));
                let shared = comparison.shared_in(p).to_vec();
                let id = entry.id.clone();
                let open = move |ev: ev::MouseEvent| open_card(store, &ev, &id);
                view! {
                    <li class="compare-quote" data-quote-id=entry.id.clone() data-kind=entry.kind.id()>
                        <p class="compare-text"><MarkedText text=entry.text shared terms /></p>
                        {entry.attribution.map(|note| view! { <p class="attribution-note">{note}</p> })}
                        <p class="compare-meta">
                            {entry.speaker} " · " {entry.meeting} " · "
                            <a href=format!("#{}", entry.id) on:click=open>"Open card"</a>
                        </p>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <p class="cell-count">{wording::count(total, "quote", "quotes")}</p>
        {(total > 0).then(|| view! { <ul class="compare-quotes">{entries}</ul> })}
        {(total > CELL_SHOWN).then(|| view! {
            <button
                type="button"
                class="cell-toggle"
                aria-expanded=move || all_shown.get().to_string()
                on:click=move |_| all_shown.update(|a| *a = !*a)
            >
                {move || if all_shown.get() { "Show fewer".to_owned() } else { format!("Show all {total}") }}
            </button>
        })}
    }
}

/// A quote's text with its search matches in `<mark>` and the phrases another column shares
/// marked as such; always text nodes.
#[component]
fn MarkedText(text: String, shared: Vec<Span>, terms: Signal<SearchTerms>) -> impl IntoView {
    move || {
        terms.with(|terms| {
            highlight_shared(&text, terms, &shared)
                .into_iter()
                .map(|piece| {
                    let words = piece.text.to_owned();
                    let words = if piece.matched { view! { <mark>{words}</mark> }.into_any() } else { words.into_any() };
                    if piece.shared {
                        view! {
                            <span class="shared">
                                <span class="visually-hidden">"[shared: "</span>{words}<span class="visually-hidden">"]"</span>
                            </span>
                        }
                        .into_any()
                    } else {
                        words
                    }
                })
                .collect_view()
        })
    }
}
