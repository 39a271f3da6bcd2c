//! Term trends: how often each search word is used per meeting (in date order) and per side
//! and speaker, in the quotes the filters select, raw or per 1,000 words, as tables with bars,
//! rendering [`crate::engine::trends`]. Its code is loaded when it is first shown.

use std::sync::Arc;

use leptos::prelude::*;

use crate::engine::trends::{tenths_label, TrendRow, Trends};
use crate::store::Store;
use crate::url_state::Mode;
use crate::wording;

/// The trends, when the view asks for them.
#[component]
pub fn TrendsPanel() -> impl IntoView {
    let store = Store::use_context();
    let shown = Memo::new(move |_| store.view.with(|v| matches!(v.mode, Mode::Trends { .. })));
    move || shown.get().then(|| Suspend::new(async move { trends(store).await }))
}

#[lazy]
fn trends(store: Store) -> AnyView {
    view! { <TrendsView store /> }.into_any()
}

#[component]
fn TrendsView(store: Store) -> impl IntoView {
    let Store { catalog, view, query, terms, .. } = store;
    let per_thousand =
        Memo::new(move |_| view.with(|v| matches!(v.mode, Mode::Trends { per_thousand: true })));
    // Each word is counted in every quote the filters select, not only in those having all
    // the search's words.
    let trends = Memo::new(move |_| {
        let mut filters_only = query.get();
        filters_only.text.clear();
        Arc::new(catalog.with(|c| terms.with(|t| c.trends(t, &c.search(&filters_only)))))
    });
    let toggle = move |_| {
        let per = !per_thousand.get_untracked();
        store.update_view(|v| v.mode = Mode::Trends { per_thousand: per });
    };
    view! {
        <section class="trends" aria-label="Trends">
            <Show
                when=move || terms.with(|t| !t.is_empty())
                fallback=|| view! { <p class="kwic-empty">{wording::TRENDS_NEED_WORDS}</p> }
            >
                <div class="kwic-controls">
                    <button type="button" class="per-thousand" aria-pressed=move || per_thousand.get().to_string() on:click=toggle>
                        "Per 1,000 words"
                    </button>
                </div>
                {move || {
                    let trends = trends.get();
                    let per = per_thousand.get();
                    view! {
                        <TrendTable caption="By meeting, in date order" kind="Meeting" rows=trends.by_meeting.clone() trends=trends.clone() per />
                        <TrendTable caption="By side" kind="Side" rows=trends.by_side.clone() trends=trends.clone() per />
                        <TrendTable caption="By speaker" kind="Speaker" rows=trends.by_speaker.clone() trends=trends.clone() per />
                    }
                }}
            </Show>
        </section>
    }
}

/// A table: a row per meeting, side or speaker, a column per search word, each number with a
/// bar as long as its share of the column's largest.
#[component]
fn TrendTable(
    caption: &'static str,
    kind: &'static str,
    rows: Vec<TrendRow>,
    trends: Arc<Trends>,
    per: bool,
) -> impl IntoView {
    let value = move |row: &TrendRow, term: usize| {
        if per {
            row.per_thousand_tenths(term)
        } else {
            row.counts[term] * 10
        }
    };
    let largest: Vec<u32> =
        (0..trends.terms.len()).map(|t| rows.iter().map(|r| value(r, t)).max().unwrap_or(0).max(1)).collect();
    let headings = trends.terms.iter().map(|t| view! { <th scope="col">{t.clone()}</th> }).collect_view();
    let body = rows
        .iter()
        .map(|row| {
            let cells = (0..trends.terms.len())
                .map(|t| {
                    let v = value(row, t);
                    let label = if per { tenths_label(v) } else { (v / 10).to_string() };
                    // Whole percent, from integers; set through the CSS object model, which the
                    // page's Content-Security-Policy allows where a style attribute is refused.
                    let width = format!("{}%", u64::from(v) * 100 / u64::from(largest[t]));
                    view! {
                        <td>
                            <span class="trend-number">{label}</span>
                            <span class="trend-bar" aria-hidden="true"><span style:width=width></span></span>
                        </td>
                    }
                })
                .collect_view();
            view! { <tr data-row=row.id.clone()><th scope="row">{row.label.clone()}</th>{cells}</tr> }
        })
        .collect_view();
    let unit = if per { "occurrences per 1,000 words" } else { "occurrences" };
    view! {
        // A table wider than a phone scrolls sideways: a region the keyboard can reach and scroll.
        <div class="compare-scroll" tabindex="0" role="region" aria-label=caption>
            <table class="trend-table">
                <caption>{caption} ", " {unit}</caption>
                <thead><tr><th scope="col">{kind}</th>{headings}</tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}
