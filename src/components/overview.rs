//! A picture of the current results that is also a way in: a timeline of meetings and a
//! theme × meeting map, drawn as SVG from [`crate::engine::overview`], which gives every
//! count, label and position. Every mark is a button that sets a filter; each drawing is one
//! tab stop, its marks reached with the arrow keys; a table says the same for those who
//! prefer one.

use leptos::{ev, prelude::*};

use wasm_bindgen::JsCast;

use crate::engine::overview::keys::{self, Move};
use crate::engine::overview::{fit, map, quotes, summarize, svg_number, timeline, Overview, MAX_MEETINGS};
use crate::engine::Facet;
use crate::store::Store;
use crate::wording;

use super::facets::DateRange;

/// The overview's panel. Folded unless the view asks for it, so that the quotes come first;
/// its drawings are loaded (a chunk of their own) and drawn when it is first opened.
#[component]
pub fn OverviewPanel() -> impl IntoView {
    let store = Store::use_context();
    let open = move || store.view.with(|v| v.overview);
    // Once drawn, the drawings stay (folded away) for the next opening.
    let drawn = Memo::new(move |was_drawn| was_drawn.copied().unwrap_or(false) || open());
    view! {
        <details
            class="overview"
            prop:open=open
            on:toggle=move |ev| {
                let opened = event_target::<web_sys::Element>(&ev).has_attribute("open");
                store.update_view(|v| v.overview = opened);
            }
        >
            <summary>"Overview: when and about what"</summary>
            {move || drawn.get().then(|| Suspend::new(async move { drawings().await }))}
        </details>
    }
}

/// The timeline, the theme map and the table, over the current results.
#[lazy]
fn drawings() -> AnyView {
    view! { <Drawings /> }.into_any()
}

#[component]
fn Drawings() -> impl IntoView {
    let Store { catalog, results, .. } = Store::use_context();
    // Counting every result by meeting and theme is worth doing once per change.
    let overview = Memo::new(move |_| catalog.with(|c| results.with(|r| summarize(c, r))));
    // What is drawn changes with the corpus only; the counts change with every query and
    // update the drawing in place, so a focused mark keeps the focus.
    let shape = Memo::new(move |_| overview.with(Overview::shape));
    // A chunked index counts by meeting and theme once its facets have arrived.
    let counted = move || catalog.with(|c| c.needed_facets().is_none());
    view! {
        <Show when=counted fallback=|| view! { <p class="note">{wording::COUNTING}</p> }>
        <Show when=move || shape.with(|s| !s.meetings.is_empty())>
            <Timeline shape overview />
            <DateRange />
            <ThemeMap shape overview />
            <OverviewTable shape overview />
            {move || {
                let left_out = overview.with(|o| o.meetings_left_out);
                (left_out > 0).then(|| view! {
                    <p class="note">
                        {format!("Showing the {MAX_MEETINGS} meetings with the most quotes; {left_out} smaller ones are left out.")}
                    </p>
                })
            }}
        </Show>
        </Show>
    }
}

/// A coordinate or length in SVG units, to a tenth.
pub(super) fn n(value: f64) -> String {
    svg_number(value, 1)
}

/// A drawing's one tab stop: the mark that was focused last (the first at the start). The
/// other marks are reached with the arrow keys.
#[derive(Clone, Copy)]
pub(super) struct Roving {
    pub(super) active: RwSignal<usize>,
}

impl Roving {
    pub(super) fn new() -> Roving {
        Roving { active: RwSignal::new(0) }
    }

    /// The mark `at`'s tabindex, of `len` marks.
    pub(super) fn tabindex(self, at: usize, len: usize) -> impl Fn() -> &'static str + Copy {
        move || if self.active.get().min(len.saturating_sub(1)) == at { "0" } else { "-1" }
    }

    /// Handles the arrow keys on the drawing: `next` says where a move from a mark leads.
    pub(super) fn on_keydown(
        self,
        next: impl Fn(usize, Move) -> usize + 'static,
    ) -> impl Fn(ev::KeyboardEvent) {
        move |e: ev::KeyboardEvent| {
            let Some(step) = Move::from_key(&e.key()) else { return };
            e.prevent_default();
            let Some(drawing) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else {
                return;
            };
            let target = next(self.active.get_untracked(), step);
            let mark =
                drawing.query_selector_all("[role=button]").ok().and_then(|marks| marks.item(target as u32));
            if let Some(mark) = mark.and_then(|m| m.dyn_into::<web_sys::SvgElement>().ok()) {
                self.active.set(target);
                let _ = mark.focus();
            }
        }
    }
}

/// Runs `action` on a click, or on Enter or Space from the keyboard, as a button would.
pub(super) fn activate(
    action: impl Fn() + Copy + 'static,
) -> (impl Fn(ev::MouseEvent), impl Fn(ev::KeyboardEvent)) {
    let on_click = move |_: ev::MouseEvent| action();
    let on_key = move |e: ev::KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            action();
        }
    };
    (on_click, on_key)
}

/// A mark that toggles one facet value: whether it is selected, and its click and key handlers.
pub(super) fn toggles(
    store: Store,
    facet: Facet,
    id: StoredValue<String>,
) -> (impl Fn() -> bool + Copy, impl Fn(ev::MouseEvent), impl Fn(ev::KeyboardEvent)) {
    let selected = move || store.query.with(|q| q.is_selected(facet, &id.get_value()));
    let (on_click, on_key) = activate(move || store.update_query(|q| q.toggle(facet, &id.get_value())));
    (selected, on_click, on_key)
}

#[component]
fn Timeline(shape: Memo<Overview>, overview: Memo<Overview>) -> impl IntoView {
    let store = Store::use_context();
    move || {
        let shape = shape.get();
        let layout = timeline::layout(&shape.meetings, &shape.ticks, &shape.years, shape.largest_meeting());
        let height = layout.height;
        let axis_y = timeline::AXIS_Y;
        let largest = shape.largest_meeting();
        let roving = Roving::new();
        let count = shape.meetings.len();
        let ticks = layout.ticks.into_iter().map(|(_, x)| {
            view! { <line class="tick" x1={n(x)} y1={n(axis_y - timeline::LARGEST_RADIUS - 34.0)} x2={n(x)} y2={n(axis_y + 8.0)} /> }
        });
        let year_count = layout.years.len();
        // Above the largest mark's ring.
        let band_top = axis_y - timeline::LARGEST_RADIUS - 34.0;
        let years = year_buttons(store, layout.years, band_top, roving, count);
        let marks = shape.meetings.into_iter().zip(layout.marks).enumerate().map(|(i, (mark, placed))| {
            let shown = move || overview.with(|o| o.shown_at(i));
            let id = StoredValue::new(mark.id.clone());
            let (selected, on_click, on_key) = toggles(store, Facet::Meeting, id);
            let (x, label_y, outer) = (placed.x, placed.label_y, placed.outer_radius);
            let total = mark.total;
            let (label, date) = (fit(&mark.label, 18), mark.short_date.clone());
            let name = move || mark.spoken(shown());
            view! {
                <g
                    class="timeline-mark"
                    class:selected=selected
                    role="button"
                    tabindex=roving.tabindex(i, count)
                    on:focus=move |_| roving.active.set(i)
                    aria-pressed=move || selected().to_string()
                    aria-label=name
                    data-meeting=id.get_value()
                    data-shown=shown
                    data-total=total
                    on:click=on_click
                    on:keydown=on_key
                >
                    <line class="leader" x1={n(x)} y1={n(axis_y + outer)} x2={n(x)} y2={n(label_y - 13.0)} />
                    <circle class="mark-total" cx={n(x)} cy={n(axis_y)} r={n(outer)} />
                    <circle class="mark-shown" cx={n(x)} cy={n(axis_y)} r=move || n(timeline::radius(shown(), largest)) />
                    <text class="mark-place" x={n(x)} y={n(label_y)} text-anchor="middle">{label}</text>
                    <text class="mark-date" x={n(x)} y={n(label_y + 15.0)} text-anchor="middle">{date}</text>
                    <text class="mark-count" x={n(x)} y={n(label_y + 30.0)} text-anchor="middle">
                        {move || format!("{} of {total}", shown())}
                    </text>
                </g>
            }
        });
        let width = timeline::WIDTH;
        let margin = timeline::MARGIN;
        view! {
            <div class="overview-scroll">
                <svg
                    class="timeline"
                    role="group"
                    aria-label="Timeline of meetings: each mark is a meeting, sized by its quotes; choose one to filter by it; arrow keys move between them; choose a year to see only its meetings"
                    on:keydown=roving.on_keydown(move |at, step| keys::along(at, count + year_count, step))
                    width={n(width)}
                    height={n(height)}
                    viewBox=format!("0 0 {} {}", n(width), n(height))
                >
                    <line class="axis" x1={n(margin / 2.0)} y1={n(axis_y)} x2={n(width - margin / 2.0)} y2={n(axis_y)} />
                    {ticks.collect_view()}
                    {marks.collect_view()}
                    {years}
                </svg>
            </div>
        }
    }
}

/// The years along a timeline's axis, each a button that sets the date range to it (or
/// clears it when it is that year): after the drawing's `marks` marks, in its roving focus
/// (the arrow keys go on from the last mark to the years).
pub(super) fn year_buttons(
    store: Store,
    years: Vec<(u16, f64, f64)>,
    band_top: f64,
    roving: Roving,
    marks: usize,
) -> impl IntoView {
    let len = marks + years.len();
    years
        .into_iter()
        .enumerate()
        .map(move |(k, (year, from, to))| {
            let at = marks + k;
            let chosen = move || store.query.with(|q| q.is_year(year));
            let (on_click, on_key) = activate(move || store.update_query(|q| q.toggle_year(year)));
            view! {
                <g
                    class="year"
                    class:selected=chosen
                    role="button"
                    tabindex=roving.tabindex(at, len)
                    on:focus=move |_| roving.active.set(at)
                    aria-pressed=move || chosen().to_string()
                    aria-label=format!("{year} only: set the date range to {year}")
                    data-year=year
                    on:click=on_click
                    on:keydown=on_key
                >
                    <rect class="year-band" x={n(from + 1.0)} y={n(band_top)} width={n((to - from - 2.0).max(2.0))} height="22" rx="3" />
                    <text class="tick-label" x={n(from + 5.0)} y={n(band_top + 16.0)}>{year.to_string()}</text>
                </g>
            }
        })
        .collect_view()
}

#[component]
fn ThemeMap(shape: Memo<Overview>, overview: Memo<Overview>) -> impl IntoView {
    let store = Store::use_context();
    let largest = Memo::new(move |_| overview.with(Overview::largest_cell));
    move || {
        let shape = shape.get();
        let (width, height) = map::size(shape.meetings.len(), shape.themes.len());
        let roving = Roving::new();
        let (columns_len, rows_len) = (shape.meetings.len(), shape.themes.len());
        let marks_len = columns_len + rows_len * (columns_len + 1);
        let columns = shape.meetings.iter().enumerate().map(|(column, mark)| {
            let (x, _) = map::cell_origin(0, column);
            let x = x + map::CELL_WIDTH / 2.0;
            let id = StoredValue::new(mark.id.clone());
            let (selected, on_click, on_key) = toggles(store, Facet::Meeting, id);
            let (first_line, second_line) = map::header_lines(&mark.label);
            view! {
                <g
                    class="map-column"
                    class:selected=selected
                    role="button"
                    tabindex=roving.tabindex(column, marks_len)
                    on:focus=move |_| roving.active.set(column)
                    aria-pressed=move || selected().to_string()
                    aria-label=mark.column_name()
                    data-meeting=mark.id.clone()
                    on:click=on_click
                    on:keydown=on_key
                >
                    <text x={n(x)} y={n(map::COLUMN_HEADER_HEIGHT - 38.0)} text-anchor="middle">{first_line}</text>
                    <text x={n(x)} y={n(map::COLUMN_HEADER_HEIGHT - 24.0)} text-anchor="middle">{second_line}</text>
                    <text class="map-year" x={n(x)} y={n(map::COLUMN_HEADER_HEIGHT - 9.0)} text-anchor="middle">{mark.short_date.clone()}</text>
                </g>
            }
        });
        let rows = shape.themes.iter().enumerate().map(|(row, theme_row)| {
            let (_, y) = map::cell_origin(row, 0);
            // The row header's place among the marks, in document order; its cells follow.
            let header_at = columns_len + row * (columns_len + 1);
            let theme = StoredValue::new(theme_row.id.clone());
            let (selected, on_click, on_key) = toggles(store, Facet::Theme, theme);
            let theme_label = theme_row.label.clone();
            let cells = shape.meetings.iter().enumerate().map(|(column, mark)| {
                let count = move || overview.with(|o| o.cell(row, column));
                let (x, y) = map::cell_origin(row, column);
                let meeting = StoredValue::new(mark.id.clone());
                let (on_click, on_key) = activate(move || {
                    let (t, m) = (theme.get_value(), meeting.get_value());
                    store.update_query(|q| q.toggle_pair((Facet::Theme, &t), (Facet::Meeting, &m)))
                });
                let selected = move || {
                    let (t, m) = (theme.get_value(), meeting.get_value());
                    store.query.with(|q| q.is_only_selected(Facet::Theme, &t) && q.is_only_selected(Facet::Meeting, &m))
                };
                let place = format!("{theme_label} at {}, {}", mark.title, mark.date_label);
                let (w, h) = (map::CELL_WIDTH - 4.0, map::CELL_HEIGHT - 4.0);
                let at = header_at + 1 + column;
                view! {
                    <g
                        class="map-cell"
                        class:selected=selected
                        class:strong=move || map::is_strong(count(), largest.get())
                        role="button"
                        tabindex=roving.tabindex(at, marks_len)
                        on:focus=move |_| roving.active.set(at)
                        aria-pressed=move || selected().to_string()
                        aria-label=move || format!("{place}: {}", quotes(count()))
                        data-theme=theme.get_value()
                        data-meeting=meeting.get_value()
                        data-count=count
                        on:click=on_click
                        on:keydown=on_key
                    >
                        <rect class="cell-frame" x={n(x + 2.0)} y={n(y + 2.0)} width={n(w)} height={n(h)} rx="3" />
                        <rect
                            class="cell-fill"
                            x={n(x + 2.0)}
                            y={n(y + 2.0)}
                            width={n(w)}
                            height={n(h)}
                            rx="3"
                            fill-opacity=move || svg_number(map::shade(count(), largest.get()), 2)
                        />
                        <text x={n(x + map::CELL_WIDTH / 2.0)} y={n(y + map::CELL_HEIGHT / 2.0 + 5.0)} text-anchor="middle">
                            {move || match count() {
                                0 => String::new(),
                                n => n.to_string(),
                            }}
                        </text>
                    </g>
                }
            });
            view! {
                <g
                    class="map-row"
                    class:selected=selected
                    role="button"
                    tabindex=roving.tabindex(header_at, marks_len)
                    on:focus=move |_| roving.active.set(header_at)
                    aria-pressed=move || selected().to_string()
                    aria-label=format!("Theme: {}", theme_row.label)
                    data-theme=theme_row.id.clone()
                    on:click=on_click
                    on:keydown=on_key
                >
                    <text x={n(map::ROW_HEADER_WIDTH - 10.0)} y={n(y + map::CELL_HEIGHT / 2.0 + 5.0)} text-anchor="end">
                        {theme_row.label.clone()}
                    </text>
                </g>
                {cells.collect_view()}
            }
        });
        view! {
            <div class="overview-scroll">
                <svg
                    class="theme-map"
                    role="group"
                    aria-label="Map of themes by meeting: each cell counts the shown quotes on that theme at that meeting; choose a cell, a theme or a meeting to filter by it; arrow keys move between them"
                    on:keydown=roving.on_keydown(move |at, step| keys::grid(at, columns_len, rows_len, step))
                    width={n(width)}
                    height={n(height)}
                    viewBox=format!("0 0 {} {}", n(width), n(height))
                >
                    {columns.collect_view()}
                    {rows.collect_view()}
                </svg>
            </div>
        }
    }
}

/// The map's numbers as a table, for screen readers, copying and anyone who reads tables.
#[component]
fn OverviewTable(shape: Memo<Overview>, overview: Memo<Overview>) -> impl IntoView {
    let table = move || {
        let shape = shape.get();
        let columns = shape.meetings.len();
        view! {
            <table>
                <caption>"Shown quotes by theme and meeting"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Theme"</th>
                        {shape.meetings.iter().map(|m| view! {
                            <th scope="col">{m.title.clone()} <span class="note">{format!(" ({})", m.date_label)}</span></th>
                        }).collect_view()}
                        <th scope="col">"All meetings"</th>
                    </tr>
                </thead>
                <tbody>
                    {shape.themes.iter().enumerate().map(|(row, theme)| view! {
                        <tr>
                            <th scope="row">{theme.label.clone()}</th>
                            {(0..columns).map(|column| view! { <td>{move || overview.with(|o| o.cell(row, column))}</td> }).collect_view()}
                            <td>{move || overview.with(|o| o.shown_in(row))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Quotes"</th>
                        {(0..columns).map(|column| view! {
                            <td>{move || overview.with(|o| o.shown_at(column))}</td>
                        }).collect_view()}
                        <td>{move || overview.with(Overview::shown)}</td>
                    </tr>
                </tfoot>
            </table>
        }
    };
    view! {
        <details class="overview-table">
            <summary>"The same as a table"</summary>
            <div class="overview-scroll">{table}</div>
        </details>
    }
}
