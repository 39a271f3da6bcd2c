//! The mapping step of bringing a spreadsheet in: its first rows, a menu per column saying
//! which field it holds (guessed from the header), how themes are separated and what kind a
//! row without one is, and, as the mapping changes, how many quotes will load and which rows
//! cannot, by row and column. Renders [`crate::import::mapping`]; part of the loading chunk.

use std::sync::Arc;

use leptos::{prelude::*, task::spawn_local};

use crate::browser::focus_count_after_render;
use crate::corpus::QuoteKind;
use crate::import::mapping::{build_first, Field, Mapping, RowProblem, THEME_SEPARATORS};
use crate::import::table::Table;
use crate::store::loading::load_table;
use crate::store::{CorpusStatus, Store};

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 5;
/// Rows the mapping step checks as the reader maps; a longer table is checked as it loads.
const SAMPLE_ROWS: usize = 2_000;
/// Problems listed; the rest are counted.
const PROBLEMS_LISTED: usize = 100;

#[component]
pub fn ImportMapping(store: Store, from: String, table: Arc<Table>) -> impl IntoView {
    let mapping = RwSignal::new(Mapping::guess(&table));
    let table_rows = table.rows.len();
    let name = from.clone();
    // A long table is checked in full only as it loads, in slices: while the reader maps it,
    // its first rows tell how the mapping reads it.
    let sampled = table.rows.len() > SAMPLE_ROWS;
    let built = {
        let table = table.clone();
        Memo::new(move |_| mapping.with(|m| build_first(&table, m, &name, SAMPLE_ROWS).map(Arc::new)))
    };
    let loadable = move || built.with(|b| b.as_ref().map_or(0, |i| i.corpus.quotes.len()));
    let columns = table.header.len();
    let choose = move |column: usize, value: String| {
        mapping.update(|m| m.set(column, Field::from_label(&value)));
    };
    let header_cells = table
        .header
        .iter()
        .enumerate()
        .map(|(column, name)| {
            let menu_label = format!("Column “{name}” holds");
            let options = Field::ALL
                .into_iter()
                .map(|field| {
                    view! {
                        <option
                            value=field.label()
                            prop:selected=move || mapping.with(|m| m.columns.get(column) == Some(&Some(field)))
                        >
                            {field.label()}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <th scope="col">
                    <span class="column-name">{name.clone()}</span>
                    <select aria-label=menu_label on:change=move |ev| choose(column, event_target_value(&ev))>
                        <option value="" prop:selected=move || mapping.with(|m| m.columns.get(column) == Some(&None))>
                            "Not used"
                        </option>
                        {options}
                    </select>
                </th>
            }
        })
        .collect_view();
    let preview = table
        .rows
        .iter()
        .filter(|r| !r.cells.is_empty())
        .take(PREVIEW_ROWS)
        .map(|row| {
            let cells = (0..columns).map(|c| view! { <td>{row.cells.get(c).cloned()}</td> }).collect_view();
            view! { <tr><th scope="row">{row.line}</th>{cells}</tr> }
        })
        .collect_view();
    let separators = THEME_SEPARATORS
        .into_iter()
        .map(|sep| {
            let label = match sep {
                ';' => "; (semicolon)",
                ',' => ", (comma)",
                _ => "| (bar)",
            };
            view! {
                <option value=sep.to_string() prop:selected=move || mapping.with(|m| m.theme_separator == sep)>{label}</option>
            }
        })
        .collect_view();
    let kinds = QuoteKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <option value=kind.id() prop:selected=move || mapping.with(|m| m.default_kind == kind)>{kind.label()}</option>
            }
        })
        .collect_view();
    let summary = move || {
        built.with(|b| match b {
            Err(message) => view! { <p class="import-needs">{message.clone()}</p> }.into_any(),
            Ok(imported) => {
                let problems = &imported.problems;
                let left_out = problems.iter().filter(|p| p.left_out).count();
                let count = imported.corpus.quotes.len();
                let listed: Vec<String> = problems.iter().take(PROBLEMS_LISTED).map(RowProblem::message).collect();
                let more = problems.len().saturating_sub(PROBLEMS_LISTED);
                let counted = if sampled {
                    format!(
                        "Of the first {SAMPLE_ROWS} rows of {}, {count} will load; {left_out} {} left out. The other rows are checked as they load.",
                        table_rows,
                        if left_out == 1 { "is" } else { "are" }
                    )
                } else {
                    format!(
                        "{count} {} will load; {left_out} {} left out.",
                        if count == 1 { "quote" } else { "quotes" },
                        if left_out == 1 { "row is" } else { "rows are" }
                    )
                };
                view! {
                    <p class="import-count">{counted}</p>
                    {(!listed.is_empty()).then(|| view! {
                        <ul class="corpus-problems import-problems">
                            {listed.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
                            {(more > 0).then(|| view! { <li>{format!("… and {more} more, not listed.")}</li> })}
                        </ul>
                    })}
                }
                .into_any()
            }
        })
    };
    let load = {
        let (from, table) = (from.clone(), table.clone());
        move |ev: leptos::ev::MouseEvent| {
            focus_count_after_render(&ev);
            spawn_local(load_table(store, from.clone(), table.clone(), mapping.get_untracked()));
        }
    };
    let rows = table.rows.len();
    view! {
        <section class="import" aria-labelledby="import-heading">
            <h2 id="import-heading">"Bring in " <span class="file-name">{from.clone()}</span></h2>
            <p>
                {format!("{} with {rows} {}. ", table.format.label(), if rows == 1 { "row" } else { "rows" })}
                "Say which column holds what; the first rows are shown as read. Nothing leaves this page."
            </p>
            <div class="compare-scroll" tabindex="0" role="region" aria-label="The file's first rows and what each column holds">
                <table class="import-preview">
                    <thead><tr><th scope="col">"Line"</th>{header_cells}</tr></thead>
                    <tbody>{preview}</tbody>
                </table>
            </div>
            <div class="import-options">
                <label>
                    "Themes in a cell are separated by "
                    <select on:change=move |ev| {
                        let sep = event_target_value(&ev).chars().next().unwrap_or(';');
                        mapping.update(|m| m.theme_separator = sep);
                    }>{separators}</select>
                </label>
                <label>
                    "A row that gives no kind is a "
                    <select on:change=move |ev| {
                        let id = event_target_value(&ev);
                        if let Some(kind) = QuoteKind::ALL.into_iter().find(|k| k.id() == id) {
                            mapping.update(|m| m.default_kind = kind);
                        }
                    }>{kinds}</select>
                </label>
            </div>
            <div role="status" aria-live="polite">{summary}</div>
            <div class="import-actions">
                <button type="button" class="import-load" disabled=move || loadable() == 0 on:click=load>
                    {move || if sampled { format!("Load from all {table_rows} rows") } else { format!("Load {} quotes", loadable()) }}
                </button>
                <CancelButton store />
            </div>
        </section>
    }
}

/// Leaves a step of bringing something in, changing nothing.
#[component]
pub(super) fn CancelButton(store: Store) -> impl IntoView {
    view! {
        <button
            type="button"
            on:click=move |ev| {
                store.status.set(CorpusStatus::Ready);
                focus_count_after_render(&ev);
            }
        >
            "Cancel"
        </button>
    }
}
