//! Keyword in context: each occurrence of the search's words in the results, aligned on the
//! word, rendering [`crate::engine::concordance`]. Its code is loaded when it is first shown.

use std::sync::Arc;

use leptos::{ev, prelude::*};

use super::quote_card::open_card;
use crate::engine::concordance::{ContextSort, Hit, LINES_SHOWN};
use crate::engine::Query;
use crate::store::Store;
use crate::url_state::Mode;
use crate::wording;

/// The concordance, when the view asks for it.
#[component]
pub fn ConcordancePanel() -> impl IntoView {
    let store = Store::use_context();
    let shown = Memo::new(move |_| store.view.with(|v| matches!(v.mode, Mode::Concordance(_))));
    move || shown.get().then(|| Suspend::new(async move { concordance(store).await }))
}

#[lazy]
fn concordance(store: Store) -> AnyView {
    view! { <Concordance store /> }.into_any()
}

#[component]
fn Concordance(store: Store) -> impl IntoView {
    let Store { catalog, view, results, terms, .. } = store;
    let sort = Memo::new(move |_| match view.with(|v| v.mode.clone()) {
        Mode::Concordance(sort) => sort,
        _ => ContextSort::default(),
    });
    let hits: Memo<Arc<Vec<Hit>>> = Memo::new(move |_| {
        Arc::new(catalog.with(|c| terms.with(|t| results.with(|r| c.concordance(t, r, sort.get())))))
    });
    // How many lines are shown, for the query and order it was raised for: another answer
    // starts again at one page without anything having to reset it.
    let window = RwSignal::new(None::<(Query, ContextSort, usize)>);
    let limit = move || {
        window.with(|w| match w {
            Some((q, s, n)) if store.query.with(|now| now == q) && *s == sort.get() => *n,
            _ => LINES_SHOWN,
        })
    };
    let show_more = move |_| {
        let more = limit() + LINES_SHOWN;
        window.set(Some((store.query.get_untracked(), sort.get_untracked(), more)));
    };
    let sort_changed = move |ev: ev::Event| {
        if let Some(sort) = ContextSort::from_param(&event_target_value(&ev)) {
            store.update_view(|v| v.mode = Mode::Concordance(sort));
        }
    };
    let quotes = move || {
        hits.with(|h| {
            let mut positions: Vec<u32> = h.iter().map(|hit| hit.position).collect();
            positions.sort_unstable();
            positions.dedup();
            positions.len()
        })
    };
    let lines = move || {
        let shown = limit();
        hits.with(|h| {
            catalog.with_untracked(|c| {
                h.iter()
                    .take(shown)
                    .map(|hit| {
                        let line = c.concordance_line(hit);
                        let id = line.id.clone();
                        let open = move |ev: ev::MouseEvent| open_card(store, &ev, &id);
                        view! {
                            <tr data-quote-id=line.id.clone()>
                                <td class="kwic-left"><span>{line.left}</span></td>
                                <td class="kwic-word"><mark>{line.keyword}</mark></td>
                                <td class="kwic-right"><span>{line.right}</span></td>
                                <td class="kwic-card">
                                    <a href=format!("#{}", line.id) on:click=open>"Card"</a>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let remaining = move || hits.with(|h| h.len()).saturating_sub(limit());
    view! {
        <section class="concordance" aria-label="In context">
            <Show
                when=move || terms.with(|t| !t.is_empty())
                fallback=|| view! { <p class="kwic-empty">{wording::CONCORDANCE_NEEDS_WORDS}</p> }
            >
                <div class="kwic-controls">
                    <label>
                        <span>"Order"</span>
                        <select on:change=sort_changed>
                            {ContextSort::ALL.map(|s| view! {
                                <option value=s.param() prop:selected=move || sort.get() == s>{s.label()}</option>
                            }).collect_view()}
                        </select>
                    </label>
                    <p class="kwic-count" role="status">
                        {move || wording::occurrences(hits.with(|h| h.len()), quotes())}
                    </p>
                </div>
                <div class="kwic-scroll">
                    <table class="kwic">
                        <caption class="visually-hidden">"Each occurrence of the search words, with the words before and after it"</caption>
                        <thead class="visually-hidden">
                            <tr><th scope="col">"Before"</th><th scope="col">"Word"</th><th scope="col">"After"</th><th scope="col">"Quote"</th></tr>
                        </thead>
                        <tbody>{lines}</tbody>
                    </table>
                </div>
                <Show when=move || { remaining() > 0 }>
                    <button type="button" class="show-more" on:click=show_more>
                        {move || wording::show_more(remaining(), LINES_SHOWN)}
                    </button>
                </Show>
            </Show>
        </section>
    }
}
