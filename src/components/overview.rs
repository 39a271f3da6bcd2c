//! A picture of the current results that is also a way in: a timeline of meetings and a
//! theme × meeting map, drawn as SVG from [`crate::engine::overview`]. Every mark is a
//! focusable button that sets a filter; a table says the same for those who prefer one.

use leptos::{ev, prelude::*};

use super::Explorer;
use crate::engine::overview::{label_lanes, summarize, MeetingMark, Overview};
use crate::engine::Facet;

/// The timeline's drawing area, in SVG units (pixels when not scaled).
const TIMELINE_WIDTH: f64 = 720.0;
const TIMELINE_MARGIN: f64 = 70.0;
const AXIS_Y: f64 = 58.0;
const LARGEST_RADIUS: f64 = 20.0;
const LABEL_GAP: f64 = 130.0;
const LANE_HEIGHT: f64 = 50.0;

/// The map's cells and headers.
const ROW_HEADER_WIDTH: f64 = 250.0;
const CELL_WIDTH: f64 = 78.0;
const CELL_HEIGHT: f64 = 30.0;
const COLUMN_HEADER_HEIGHT: f64 = 48.0;

#[component]
pub fn OverviewPanel() -> impl IntoView {
    let Explorer { catalog, results, placement, .. } = Explorer::use_context();
    // Counting every result by meeting and theme is worth doing once per change.
    let overview = Memo::new(move |_| catalog.with(|c| results.with(|r| summarize(c, r))));
    // What is drawn changes with the corpus only; the counts change with every query and
    // update the drawing in place, so a focused mark keeps the focus.
    let shape = Memo::new(move |_| overview.with(Shape::of));
    view! {
        <details class="overview" open=placement.filters_open>
            <summary>"Overview: when and about what"</summary>
            <Show when=move || shape.with(|s| !s.meetings.is_empty())>
                <Timeline shape overview />
                <ThemeMap shape overview />
                <OverviewTable shape overview />
                {move || {
                    let left_out = overview.with(|o| o.meetings_left_out);
                    (left_out > 0).then(|| view! {
                        <p class="note">
                            {format!("Showing the {} meetings with the most quotes; {left_out} smaller ones are left out.", crate::engine::overview::MAX_MEETINGS)}
                        </p>
                    })
                }}
            </Show>
        </details>
    }
}

/// The overview without its counts.
#[derive(Debug, Clone, PartialEq)]
struct Shape {
    meetings: Vec<MeetingMark>,
    themes: Vec<(String, String)>,
    ticks: Vec<(String, f64)>,
    largest_meeting: u32,
}

impl Shape {
    fn of(o: &Overview) -> Shape {
        Shape {
            meetings: o.meetings.iter().map(|m| MeetingMark { shown: 0, ..m.clone() }).collect(),
            themes: o.themes.iter().map(|t| (t.id.clone(), t.label.clone())).collect(),
            ticks: o.ticks.iter().map(|t| (t.label.clone(), t.x)).collect(),
            largest_meeting: o.largest_meeting(),
        }
    }
}

/// Runs `action` on a click, or on Enter or Space from the keyboard, as a button would.
fn activate(action: impl Fn() + Copy + 'static) -> (impl Fn(ev::MouseEvent), impl Fn(ev::KeyboardEvent)) {
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
fn toggles(
    query: RwSignal<crate::engine::Query>,
    facet: Facet,
    id: StoredValue<String>,
) -> (impl Fn() -> bool + Copy, impl Fn(ev::MouseEvent), impl Fn(ev::KeyboardEvent)) {
    let selected = move || query.with(|q| q.is_selected(facet, &id.get_value()));
    let (on_click, on_key) = activate(move || query.update(|q| q.toggle(facet, &id.get_value())));
    (selected, on_click, on_key)
}

fn quotes(n: u32) -> String {
    if n == 1 {
        "1 quote".into()
    } else {
        format!("{n} quotes")
    }
}

/// The first part of a place ("Guilin" of "Guilin, Guangxi …, China"), short enough for a
/// label; the full place is in the mark's accessible name.
fn short_place(place: &str) -> String {
    let first = place.split(',').next().unwrap_or(place).trim();
    if first.chars().count() > 16 {
        format!("{}…", first.chars().take(15).collect::<String>())
    } else {
        first.to_owned()
    }
}

fn radius(count: u32, largest: u32) -> f64 {
    if count == 0 || largest == 0 {
        return 0.0;
    }
    // Area, not radius, in proportion to the count.
    4.0 + (LARGEST_RADIUS - 4.0) * (count as f64 / largest as f64).sqrt()
}

#[component]
fn Timeline(shape: Memo<Shape>, overview: Memo<Overview>) -> impl IntoView {
    let Explorer { query, .. } = Explorer::use_context();
    move || {
        let shape = shape.get();
        let span = TIMELINE_WIDTH - 2.0 * TIMELINE_MARGIN;
        let xs: Vec<f64> = shape.meetings.iter().map(|m| TIMELINE_MARGIN + m.x * span).collect();
        let lanes = label_lanes(&xs, LABEL_GAP);
        let lane_count = lanes.iter().max().map_or(1, |l| l + 1);
        let height = AXIS_Y + LARGEST_RADIUS + 28.0 + lane_count as f64 * LANE_HEIGHT;
        let largest = shape.largest_meeting;
        let ticks = shape.ticks.iter().map(|(year, x)| {
            let x = TIMELINE_MARGIN + x * span;
            view! {
                <line class="tick" x1=x y1=AXIS_Y - 30.0 x2=x y2=AXIS_Y + 8.0 />
                <text class="tick-label" x=x + 4.0 y=AXIS_Y - 20.0>{year.clone()}</text>
            }
        });
        let marks =
            shape.meetings.into_iter().zip(xs).zip(lanes).enumerate().map(|(i, ((mark, x), lane))| {
                let shown = move || overview.with(|o| o.meetings.get(i).map_or(0, |m| m.shown));
                let id = StoredValue::new(mark.id.clone());
                let (selected, on_click, on_key) = toggles(query, Facet::Meeting, id);
                let label_y = AXIS_Y + LARGEST_RADIUS + 22.0 + lane as f64 * LANE_HEIGHT;
                let outer = radius(mark.total, largest);
                let total = mark.total;
                let (place, date) = (short_place(&mark.place), mark.date_label.clone());
                let name = move || {
                    format!(
                        "{}, {}, {}: {} of {total} shown",
                        mark.title,
                        mark.place,
                        mark.date_label,
                        quotes(shown())
                    )
                };
                view! {
                    <g
                        class="timeline-mark"
                        class:selected=selected
                        role="button"
                        tabindex="0"
                        aria-pressed=move || selected().to_string()
                        aria-label=name
                        data-meeting=id.get_value()
                        data-shown=shown
                        data-total=total
                        on:click=on_click
                        on:keydown=on_key
                    >
                        <line class="leader" x1=x y1=AXIS_Y + outer x2=x y2=label_y - 13.0 />
                        <circle class="mark-total" cx=x cy=AXIS_Y r=outer />
                        <circle class="mark-shown" cx=x cy=AXIS_Y r=move || radius(shown(), largest) />
                        <text class="mark-place" x=x y=label_y text-anchor="middle">{place}</text>
                        <text class="mark-date" x=x y=label_y + 15.0 text-anchor="middle">{date}</text>
                        <text class="mark-count" x=x y=label_y + 30.0 text-anchor="middle">
                            {move || format!("{} of {total}", shown())}
                        </text>
                    </g>
                }
            });
        view! {
            <div class="overview-scroll">
                <svg
                    class="timeline"
                    role="group"
                    aria-label="Timeline of meetings: each mark is a meeting, sized by its quotes; choose one to filter by it"
                    width=TIMELINE_WIDTH
                    height=height
                    viewBox=format!("0 0 {TIMELINE_WIDTH} {height}")
                >
                    <line class="axis" x1=TIMELINE_MARGIN / 2.0 y1=AXIS_Y x2=TIMELINE_WIDTH - TIMELINE_MARGIN / 2.0 y2=AXIS_Y />
                    {ticks.collect_view()}
                    {marks.collect_view()}
                </svg>
            </div>
        }
    }
}

#[component]
fn ThemeMap(shape: Memo<Shape>, overview: Memo<Overview>) -> impl IntoView {
    let Explorer { query, .. } = Explorer::use_context();
    let largest = Memo::new(move |_| overview.with(Overview::largest_cell));
    move || {
        let shape = shape.get();
        let width = ROW_HEADER_WIDTH + shape.meetings.len() as f64 * CELL_WIDTH;
        let height = COLUMN_HEADER_HEIGHT + shape.themes.len() as f64 * CELL_HEIGHT;
        let columns = shape.meetings.iter().enumerate().map(|(column, mark)| {
            let x = ROW_HEADER_WIDTH + column as f64 * CELL_WIDTH + CELL_WIDTH / 2.0;
            let id = StoredValue::new(mark.id.clone());
            let (selected, on_click, on_key) = toggles(query, Facet::Meeting, id);
            let year = mark.date_label.rsplit(' ').next().unwrap_or_default().to_owned();
            view! {
                <g
                    class="map-column"
                    class:selected=selected
                    role="button"
                    tabindex="0"
                    aria-pressed=move || selected().to_string()
                    aria-label=format!("Meeting: {}, {}", mark.title, mark.date_label)
                    data-meeting=mark.id.clone()
                    on:click=on_click
                    on:keydown=on_key
                >
                    <text x=x y=COLUMN_HEADER_HEIGHT - 24.0 text-anchor="middle">{short_place(&mark.place)}</text>
                    <text class="map-year" x=x y=COLUMN_HEADER_HEIGHT - 9.0 text-anchor="middle">{year}</text>
                </g>
            }
        });
        let rows = shape.themes.iter().enumerate().map(|(row, (theme_id, theme_label))| {
            let y = COLUMN_HEADER_HEIGHT + row as f64 * CELL_HEIGHT;
            let theme = StoredValue::new(theme_id.clone());
            let (selected, on_click, on_key) = toggles(query, Facet::Theme, theme);
            let cells = shape.meetings.iter().enumerate().map(|(column, mark)| {
                let count = move || overview.with(|o| o.cells.get(row).and_then(|r| r.get(column)).copied().unwrap_or(0));
                let share = move || match largest.get() {
                    0 => 0.0,
                    largest => count() as f64 / largest as f64,
                };
                let x = ROW_HEADER_WIDTH + column as f64 * CELL_WIDTH;
                let meeting = StoredValue::new(mark.id.clone());
                let (on_click, on_key) = activate(move || {
                    let (t, m) = (theme.get_value(), meeting.get_value());
                    query.update(|q| q.toggle_pair((Facet::Theme, &t), (Facet::Meeting, &m)))
                });
                let selected = move || {
                    let (t, m) = (theme.get_value(), meeting.get_value());
                    query.with(|q| q.is_only_selected(Facet::Theme, &t) && q.is_only_selected(Facet::Meeting, &m))
                };
                let place = format!("{theme_label} at {}, {}", mark.title, mark.date_label);
                view! {
                    <g
                        class="map-cell"
                        class:selected=selected
                        class:strong=move || { share() > 0.55 }
                        role="button"
                        tabindex="0"
                        aria-pressed=move || selected().to_string()
                        aria-label=move || format!("{place}: {}", quotes(count()))
                        data-theme=theme.get_value()
                        data-meeting=meeting.get_value()
                        data-count=count
                        on:click=on_click
                        on:keydown=on_key
                    >
                        <rect class="cell-frame" x=x + 2.0 y=y + 2.0 width=CELL_WIDTH - 4.0 height=CELL_HEIGHT - 4.0 rx="3" />
                        <rect
                            class="cell-fill"
                            x=x + 2.0
                            y=y + 2.0
                            width=CELL_WIDTH - 4.0
                            height=CELL_HEIGHT - 4.0
                            rx="3"
                            fill-opacity=move || if count() == 0 { 0.0 } else { 0.12 + 0.88 * share() }
                        />
                        <text x=x + CELL_WIDTH / 2.0 y=y + CELL_HEIGHT / 2.0 + 5.0 text-anchor="middle">
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
                    tabindex="0"
                    aria-pressed=move || selected().to_string()
                    aria-label=format!("Theme: {theme_label}")
                    data-theme=theme_id.clone()
                    on:click=on_click
                    on:keydown=on_key
                >
                    <text x=ROW_HEADER_WIDTH - 10.0 y=y + CELL_HEIGHT / 2.0 + 5.0 text-anchor="end">
                        {theme_label.clone()}
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
                    aria-label="Map of themes by meeting: each cell counts the shown quotes on that theme at that meeting; choose a cell, a theme or a meeting to filter by it"
                    width=width
                    height=height
                    viewBox=format!("0 0 {width} {height}")
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
fn OverviewTable(shape: Memo<Shape>, overview: Memo<Overview>) -> impl IntoView {
    let cell = move |row: usize, column: usize| {
        move || overview.with(|o| o.cells.get(row).and_then(|r| r.get(column)).copied().unwrap_or(0))
    };
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
                    {shape.themes.iter().enumerate().map(|(row, (_, label))| view! {
                        <tr>
                            <th scope="row">{label.clone()}</th>
                            {(0..columns).map(|column| view! { <td>{cell(row, column)}</td> }).collect_view()}
                            <td>{move || overview.with(|o| o.themes.get(row).map_or(0, |t| t.shown))}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">"Quotes"</th>
                        {(0..columns).map(|column| view! {
                            <td>{move || overview.with(|o| o.meetings.get(column).map_or(0, |m| m.shown))}</td>
                        }).collect_view()}
                        <td>{move || overview.with(|o| o.meetings.iter().map(|m| m.shown).sum::<u32>())}</td>
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
