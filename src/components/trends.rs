//! Term trends: how often each search word is used per meeting (in date order) and per side
//! and speaker, in the quotes the filters select, raw or per 1,000 words: drawn on a date axis
//! (a lane per word, as the overview's timeline) and as a grid of sides and speakers by word
//! (as its map), each mark a way to the lines behind it; and as tables with bars. Renders
//! [`crate::engine::trends`]; its code is loaded when it is first shown.

use std::sync::Arc;

use leptos::prelude::*;

use crate::engine::overview::keys::{self, Move};
use crate::engine::overview::{fit, map, svg_number};
use crate::engine::trends::{drawing, value_label, TrendMap, TrendRow, TrendTimeline, Trends};
use crate::engine::Facet;
use crate::store::Store;

use super::overview::{activate, n, year_buttons, Roving};
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
                    let timeline = catalog.with(|c| trends.timeline(c, per));
                    view! {
                        {timeline_drawing(store, timeline, &trends.terms, per)}
                        {map_drawing(store, trends.map(per), &trends.terms, per)}
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
    let value = move |row: &TrendRow, term: usize| row.value(term, per);
    let largest: Vec<u32> =
        (0..trends.terms.len()).map(|t| rows.iter().map(|r| value(r, t)).max().unwrap_or(0).max(1)).collect();
    let headings = trends.terms.iter().map(|t| view! { <th scope="col">{t.clone()}</th> }).collect_view();
    let body = rows
        .iter()
        .map(|row| {
            let cells = (0..trends.terms.len())
                .map(|t| {
                    let v = value(row, t);
                    let label = value_label(v, per);
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

/// "12 occurrences", "12.5 per 1,000 words".
fn spoken_value(tenths: u32, per: bool) -> String {
    match (per, tenths) {
        (true, _) => format!("{} per 1,000 words", value_label(tenths, true)),
        (false, 10) => "1 occurrence".into(),
        (false, _) => format!("{} occurrences", tenths / 10),
    }
}

/// The words on a date axis: a lane per word, a mark per meeting where it is used, sized by
/// its count or rate. A mark opens the lines behind it; a year sets the date range.
fn timeline_drawing(store: Store, timeline: TrendTimeline, terms: &[String], per: bool) -> impl IntoView {
    if timeline.meetings.is_empty() {
        return None;
    }
    let TrendTimeline { meetings, years, ticks, values, largest, left_out } = timeline;
    let marks: Vec<(usize, usize, u32)> = values
        .iter()
        .enumerate()
        .flat_map(|(term, row)| {
            row.iter().enumerate().filter(|(_, &v)| v > 0).map(move |(at, &v)| (term, at, v))
        })
        .collect();
    let count = marks.len();
    let roving = Roving::new();
    let marks = marks
        .into_iter()
        .enumerate()
        .map(|(i, (term, at, value))| {
            let meeting = &meetings[at];
            let (word, id) = (terms[term].clone(), meeting.id.clone());
            let name =
                format!("{word} at {}, {}: {}", meeting.title, meeting.date_label, spoken_value(value, per));
            let (on_click, on_key) = activate({
                let (word, id) = (StoredValue::new(word.clone()), StoredValue::new(id.clone()));
                move || {
                    store.update_view(|v| {
                        v.read_in_context(&word.get_value(), Some((Facet::Meeting, &id.get_value())))
                    })
                }
            });
            let (x, y) = (drawing::x(meeting.x), drawing::lane_y(term));
            let title = name.clone();
            view! {
                <g
                    class="trend-mark"
                    role="button"
                    tabindex=roving.tabindex(i, count)
                    on:focus=move |_| roving.active.set(i)
                    aria-label=name
                    data-term=word
                    data-meeting=id
                    data-value=value
                    on:click=on_click
                    on:keydown=on_key
                >
                    <title>{title}</title>
                    <circle cx={n(x)} cy={n(y)} r={n(drawing::radius(value, largest))} />
                </g>
            }
        })
        .collect_view();
    let lanes = terms
        .iter()
        .enumerate()
        .map(|(term, word)| {
            let y = drawing::lane_y(term);
            view! {
                <line class="drawing-lane" x1={n(drawing::LEFT - 8.0)} y1={n(y)} x2={n(drawing::WIDTH - drawing::RIGHT)} y2={n(y)} />
                <text class="lane-label" x={n(drawing::LEFT - 30.0)} y={n(y + 4.0)} text-anchor="end">{fit(word, 12)}</text>
            }
        })
        .collect_view();
    let ticks = ticks
        .iter()
        .map(|t| {
            let x = drawing::x(t.x);
            view! { <line class="tick" x1={n(x)} y1={n(drawing::AXIS_Y - 30.0)} x2={n(x)} y2={n(drawing::AXIS_Y + 8.0)} /> }
        })
        .collect_view();
    let year_count = years.len();
    let years = year_buttons(
        store,
        years.iter().map(|y| (y.year, drawing::x(y.from), drawing::x(y.to))).collect(),
        drawing::AXIS_Y - 30.0,
        roving,
        count,
    );
    let lines = drawing::label_lines(&meetings.iter().map(|m| m.x).collect::<Vec<_>>());
    let labels = meetings
        .iter()
        .zip(&lines)
        .map(|(meeting, &line)| {
            let (x, y) = (drawing::x(meeting.x), drawing::label_y(terms.len(), line));
            view! {
                <text class="mark-place" x={n(x)} y={n(y)} text-anchor="middle">{fit(&meeting.label, 16)}</text>
                <text class="mark-date" x={n(x)} y={n(y + 13.0)} text-anchor="middle">{meeting.short_date.clone()}</text>
            }
        })
        .collect_view();
    let line_count = lines.iter().max().map_or(1, |l| l + 1);
    let (width, height) = (drawing::WIDTH, drawing::height(terms.len(), line_count));
    let unit = if per { "rate per 1,000 words" } else { "count" };
    let label = format!(
        "Trend timeline: a lane per word, a mark per meeting where it is used, sized by its {unit}; choose a mark to read those lines in context; arrow keys move between marks; choose a year to see only its meetings"
    );
    Some(view! {
        <h3 class="drawing-caption">"By meeting, on a date axis"</h3>
        <div class="overview-scroll">
            <svg
                class="trend-timeline"
                role="group"
                aria-label=label
                on:keydown=roving.on_keydown(move |at, step| keys::along(at, count + year_count, step))
                width={n(width)}
                height={n(height)}
                viewBox=format!("0 0 {} {}", n(width), n(height))
            >
                <line class="axis" x1={n(drawing::LEFT - 8.0)} y1={n(drawing::AXIS_Y)} x2={n(width - drawing::RIGHT)} y2={n(drawing::AXIS_Y)} />
                {ticks}
                {lanes}
                {labels}
                {marks}
                {years}
            </svg>
        </div>
        {(left_out > 0).then(|| view! {
            <p class="note">{format!("Drawn: the {} meetings where the words occur most; {left_out} more are in the table.", meetings.len())}</p>
        })}
    })
}

/// The sides and the speakers using the words most, by word: each cell shaded by its count
/// or rate, relative to the largest among sides or among speakers. A word's header and a
/// cell open the lines behind them; a row's header filters by its side or speaker.
fn map_drawing(store: Store, trend_map: TrendMap, terms: &[String], per: bool) -> impl IntoView {
    if trend_map.rows.is_empty() {
        return None;
    }
    let TrendMap { rows, speakers_left_out } = trend_map;
    let (columns_len, rows_len) = (terms.len(), rows.len());
    let marks_len = columns_len + rows_len * (columns_len + 1);
    let (width, height) = map::size(columns_len, rows_len);
    let roving = Roving::new();
    let columns = terms
        .iter()
        .enumerate()
        .map(|(column, word)| {
            let (x, _) = map::cell_origin(0, column);
            let x = x + map::CELL_WIDTH / 2.0;
            let stored = StoredValue::new(word.clone());
            let (on_click, on_key) =
                activate(move || store.update_view(|v| v.read_in_context(&stored.get_value(), None)));
            let (first_line, second_line) = map::header_lines(word);
            view! {
                <g
                    class="map-column"
                    role="button"
                    tabindex=roving.tabindex(column, marks_len)
                    on:focus=move |_| roving.active.set(column)
                    aria-label=format!("Read “{word}” in context")
                    data-term=word.clone()
                    on:click=on_click
                    on:keydown=on_key
                >
                    <text x={n(x)} y={n(map::COLUMN_HEADER_HEIGHT - 30.0)} text-anchor="middle">{first_line}</text>
                    <text x={n(x)} y={n(map::COLUMN_HEADER_HEIGHT - 16.0)} text-anchor="middle">{second_line}</text>
                </g>
            }
        })
        .collect_view();
    let body = rows
        .into_iter()
        .enumerate()
        .map(|(row, map_row)| {
            let (_, y) = map::cell_origin(row, 0);
            let header_at = columns_len + row * (columns_len + 1);
            let (facet, largest) = (map_row.facet, map_row.largest);
            let id = StoredValue::new(map_row.id.clone());
            let selected = move || store.query.with(|q| q.is_selected(facet, &id.get_value()));
            let (on_click, on_key) = activate(move || store.update_query(|q| q.toggle(facet, &id.get_value())));
            let kind = if facet == Facet::Side { "Side" } else { "Speaker" };
            let row_label = map_row.label.clone();
            let cells = map_row
                .values
                .iter()
                .enumerate()
                .map(|(column, &value)| {
                    let (x, y) = map::cell_origin(row, column);
                    let word = StoredValue::new(terms[column].clone());
                    let (on_click, on_key) = activate(move || {
                        store.update_view(|v| v.read_in_context(&word.get_value(), Some((facet, &id.get_value()))))
                    });
                    let (w, h) = (map::CELL_WIDTH - 4.0, map::CELL_HEIGHT - 4.0);
                    let at = header_at + 1 + column;
                    let name = format!("{}, {row_label}: {}", terms[column], spoken_value(value, per));
                    view! {
                        <g
                            class="map-cell"
                            class:strong=map::is_strong(value, largest)
                            role="button"
                            tabindex=roving.tabindex(at, marks_len)
                            on:focus=move |_| roving.active.set(at)
                            aria-label=name
                            data-term=word.get_value()
                            data-row=id.get_value()
                            data-value=value
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
                                fill-opacity=svg_number(map::shade(value, largest), 2)
                            />
                            <text x={n(x + map::CELL_WIDTH / 2.0)} y={n(y + map::CELL_HEIGHT / 2.0 + 5.0)} text-anchor="middle">
                                {(value > 0).then(|| value_label(value, per))}
                            </text>
                        </g>
                    }
                })
                .collect_view();
            view! {
                <g
                    class="map-row"
                    class:selected=selected
                    role="button"
                    tabindex=roving.tabindex(header_at, marks_len)
                    on:focus=move |_| roving.active.set(header_at)
                    aria-pressed=move || selected().to_string()
                    aria-label=format!("{kind}: {}", map_row.label)
                    data-row=map_row.id.clone()
                    on:click=on_click
                    on:keydown=on_key
                >
                    <text x={n(map::ROW_HEADER_WIDTH - 10.0)} y={n(y + map::CELL_HEIGHT / 2.0 + 5.0)} text-anchor="end">
                        {fit(&map_row.label, 30)}
                    </text>
                </g>
                {cells}
            }
        })
        .collect_view();
    let label = "Map of sides and speakers by word: each cell is how often the word is used, shaded against the largest among the sides or the speakers; choose a cell to read those lines, a word to read all of its lines, a side or speaker to filter by it; arrow keys move between them";
    Some(view! {
        <h3 class="drawing-caption">"By side and speaker"</h3>
        <div class="overview-scroll">
            <svg
                class="trend-map"
                role="group"
                aria-label=label
                on:keydown=roving.on_keydown(move |at, step: Move| keys::grid(at, columns_len, rows_len, step))
                width={n(width)}
                height={n(height)}
                viewBox=format!("0 0 {} {}", n(width), n(height))
            >
                {columns}
                {body}
            </svg>
        </div>
        {(speakers_left_out > 0).then(|| view! {
            <p class="note">{format!("Drawn: the speakers who use the words most; {speakers_left_out} more are in the table.")}</p>
        })}
    })
}
