//! The timeline and the theme map, in Chromium: their numbers against the corpus, clicks and
//! keys that filter, small screens, dark mode and accessibility.

use fantoccini::key::Key;
use quote_explorer::corpus;
use quote_explorer::engine::overview::fit;
use quote_explorer::engine::Catalog;
use quote_explorer::url_state;
use serde_json::{json, Value};

use crate::support::expect::engine_ids;
use crate::support::page::{click, wait_for_ids};
use crate::support::{browser_test, browser_test_sized, Browser};

/// Meetings as (id, shown, total) and cells as (theme, meeting, shown).
type Drawn = (Vec<(String, u32, u32)>, Vec<(String, String, u32)>);

/// For a view, each meeting's (id, quotes shown, quotes in the corpus) and each
/// (theme, meeting, quotes shown), by a plain scan of the corpus.
fn expected_marks(query_string: &str) -> Drawn {
    let c = Catalog::new(corpus::bundled().unwrap());
    let results = c.search(&c.known_only(&url_state::parse(query_string).query));
    let shown: Vec<&corpus::Quote> = results.quotes.iter().map(|&p| c.quote(p)).collect();
    let mut meetings: Vec<&corpus::Meeting> = c.corpus.meetings.iter().collect();
    meetings.sort_by(|a, b| a.date.cmp(&b.date));
    let marks = meetings
        .iter()
        .map(|m| {
            let count = |qs: &mut dyn Iterator<Item = &corpus::Quote>| {
                qs.filter(|q| q.meeting == m.id).count() as u32
            };
            (m.id.clone(), count(&mut shown.iter().copied()), count(&mut c.corpus.quotes.iter()))
        })
        .collect();
    let cells = c
        .corpus
        .themes
        .iter()
        .flat_map(|t| {
            let shown = &shown;
            meetings.iter().map(move |m| {
                let n = shown.iter().filter(|q| q.meeting == m.id && q.themes.contains(&t.id)).count() as u32;
                (t.id.clone(), m.id.clone(), n)
            })
        })
        .collect();
    (marks, cells)
}

async fn drawn_marks(b: &Browser) -> Drawn {
    let marks = b
        .eval(
            "return [...document.querySelectorAll('.timeline-mark')].map(g =>
                 [g.dataset.meeting, +g.dataset.shown, +g.dataset.total])",
        )
        .await;
    let mut cells: Vec<(String, String, u32)> = serde_json::from_value(
        b.eval(
            "return [...document.querySelectorAll('.map-cell')].map(g =>
                 [g.dataset.theme, g.dataset.meeting, +g.dataset.count])",
        )
        .await,
    )
    .unwrap();
    cells.sort();
    (serde_json::from_value(marks).unwrap(), cells)
}

async fn assert_marks_match(b: &Browser, view: &str) {
    let (marks, mut cells) = expected_marks(view);
    cells.sort();
    b.wait_until(&format!("the overview counts {view}"), || async {
        drawn_marks(b).await == (marks.clone(), cells.clone())
    })
    .await;
}

#[test]
fn the_marks_and_cells_match_the_corpus_and_follow_the_filters() {
    browser_test("overview_counts", |b| async move {
        b.open("?overview=open").await;
        assert_marks_match(&b, "").await;
        // Every mark is labelled as the engine labels its meeting, and no two alike.
        let labels: Vec<String> = serde_json::from_value(b.eval("return [...document.querySelectorAll('.timeline-mark')].map(g => g.querySelector('.mark-place').textContent + ' ' + g.querySelector('.mark-date').textContent)").await).unwrap();
        let c = Catalog::new(corpus::bundled().unwrap());
        let overview = quote_explorer::engine::overview::summarize(&c, &c.search(&Default::default()));
        let expected: Vec<String> =
            overview.meetings.iter().map(|m| format!("{} {}", fit(&m.label, 18), m.short_date)).collect();
        assert_eq!(labels, expected);
        let mut distinct = labels.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), labels.len(), "{labels:?}");
        for view in ["?speaker=wang-yi&overview=open", "?q=democracy&kind=statement_point&overview=open"] {
            b.open(view).await;
            assert_marks_match(&b, view).await;
        }
        b
    });
}

#[test]
fn clicking_a_meeting_a_theme_or_a_cell_sets_that_filter_in_the_address() {
    browser_test("overview_clicks", |b| async move {
        b.open("").await;
        // Folded at first; opening it is a step of its own in the address.
        assert_eq!(b.find_all_count(".timeline-mark").await, 0, "nothing is drawn before it is opened");
        click(&b, ".overview summary").await;
        b.wait_for(".timeline-mark").await;
        assert_eq!(b.location().await, "/?overview=open");
        let rome = "rome-meeting-2021-10-30";
        click(&b, &format!(".timeline-mark[data-meeting={rome}]")).await;
        let view = format!("?meeting={rome}");
        wait_for_ids(&b, &engine_ids(&view)).await;
        assert_eq!(b.location().await, format!("/{view}&overview=open"));
        assert_eq!(b.eval(&format!("return document.querySelector('.timeline-mark[data-meeting={rome}]').getAttribute('aria-pressed')")).await, "true");

        click(&b, ".map-row[data-theme=multilateralism]").await;
        let view = format!("?meeting={rome}&theme=multilateralism");
        wait_for_ids(&b, &engine_ids(&view)).await;

        // A cell narrows to its theme and its meeting alone, keeping other facets.
        let beijing = "beijing-xi-putin-2022-02-04";
        click(&b, &format!(".map-cell[data-theme=democracy][data-meeting={beijing}]")).await;
        let view = format!("?meeting={beijing}&theme=democracy");
        wait_for_ids(&b, &engine_ids(&view)).await;
        let filters = |query_string: &str| {
            let query = url_state::parse(query_string).query;
            let mut pairs: Vec<String> =
                query.active_filters().map(|(f, id)| format!("{f:?}={id}")).collect();
            pairs.sort();
            pairs
        };
        let location = b.location().await;
        assert_eq!(filters(location.trim_start_matches('/')), filters(&view), "{location}");
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn every_mark_works_from_the_keyboard_and_keeps_the_focus() {
    browser_test("overview_keyboard", |b| async move {
        b.open("?overview=open").await;
        b.wait_for(".timeline-mark").await;
        let marks = b
            .eval(
                "return document.querySelectorAll('.timeline-mark, .map-cell, .map-row, .map-column').length",
            )
            .await;
        let buttons = b.eval("return [...document.querySelectorAll('.timeline-mark, .map-cell, .map-row, .map-column')].every(g => g.getAttribute('role') === 'button' && g.getAttribute('aria-label').length > 5)").await;
        assert!(marks.as_u64().unwrap() > 60);
        assert_eq!(buttons, json!(true));
        // Each drawing is one tab stop.
        let stops = b.eval("return ['.timeline', '.theme-map'].map(d => [...document.querySelectorAll(d + ' [role=button]')].filter(g => g.tabIndex === 0).length)").await;
        assert_eq!(stops, json!([1, 1]));

        b.eval("document.querySelector('.map-row[data-theme=democracy]').focus(); return true").await;
        let client = &b.client;
        let key = |k: Key| async move {
            client.active_element().await.unwrap().send_keys(&k.to_string()).await.unwrap();
        };
        key(Key::Enter).await;
        wait_for_ids(&b, &engine_ids("?theme=democracy")).await;
        let focused: Value = b.eval("return document.activeElement.dataset.theme ?? null").await;
        assert_eq!(focused, "democracy", "the focus stays on the mark");
        // The right arrow moves on to the row's first cell, which becomes the map's tab stop; Space works too.
        key(Key::Right).await;
        let next: Value = b
            .eval("return [document.activeElement.dataset.theme, document.activeElement.dataset.meeting, document.activeElement.tabIndex]")
            .await;
        assert_eq!(next[0], "democracy", "the first cell of the row is next");
        assert_eq!(next[2], 0);
        b.client.active_element().await.unwrap().send_keys(" ").await.unwrap();
        let view = format!("?meeting={}&theme=democracy", next[1].as_str().unwrap());
        wait_for_ids(&b, &engine_ids(&view)).await;
        // Up stays in the cell's column (a cell above, or its header), Down comes back.
        key(Key::Up).await;
        let above: Value = b.eval("return [document.activeElement.dataset.theme !== 'democracy', document.activeElement.dataset.meeting]").await;
        assert_eq!(above, json!([true, next[1]]));
        key(Key::Down).await;
        let back: Value = b
            .eval("return [document.activeElement.dataset.theme, document.activeElement.dataset.meeting]")
            .await;
        assert_eq!(back, json!([next[0], next[1]]));
        // Home: the first column's header.
        key(Key::Home).await;
        let first: Value = b
            .eval("return document.activeElement === document.querySelector('.theme-map [role=button]')")
            .await;
        assert_eq!(first, true);
        b
    });
}

#[test]
fn the_skip_link_reaches_the_first_quote_past_the_overview() {
    browser_test("skip_link", |b| async move {
        b.open("?overview=open").await;
        b.wait_for(".timeline-mark").await;
        let first = engine_ids("?overview=open")[0].clone();
        b.eval("document.querySelector('.skip-link').focus(); return true").await;
        b.client.active_element().await.unwrap().send_keys(&Key::Enter.to_string()).await.unwrap();
        b.wait_until("the first quote has the focus", || async {
            b.eval("return document.activeElement?.dataset?.quoteId ?? null").await == first.as_str()
        })
        .await;
        // The next Tab is one of that quote's own controls.
        b.client.active_element().await.unwrap().send_keys(&Key::Tab.to_string()).await.unwrap();
        let inside =
            b.eval("return document.activeElement.closest('article')?.dataset.quoteId ?? null").await;
        assert_eq!(inside, first.as_str());
        // The overview's Tab stops: its summary, a stop per drawing, the date range's two
        // menus and its table's summary; not one per mark (75).
        let stops = b.eval("return [...document.querySelectorAll('.overview :is(a[href], button, input, select, summary, [tabindex])')].filter(e => e.tabIndex >= 0 && !e.closest('details:not([open]) > :not(summary)')).length").await;
        assert!(stops.as_u64().unwrap() <= 6, "{stops} tab stops in the overview");
        b
    });
}

#[test]
fn the_overview_fits_a_phone_and_is_accessible_in_light_and_dark() {
    browser_test_sized("overview_phone", (360, 800), |b| async move {
        b.open("?overview=open").await;
        b.wait_for(".overview-table").await;
        b.eval("document.querySelectorAll('.overview-table').forEach(d => d.open = true); return true").await;
        let page_overflow = b
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        assert_eq!(page_overflow, json!(0), "the page itself does not scroll sideways");
        let map_scrolls = b.eval("const s = document.querySelectorAll('.overview-scroll')[1]; return s.scrollWidth > s.clientWidth").await;
        assert_eq!(map_scrolls, json!(true), "the map scrolls within its panel");
        // The table says the same as the map.
        let table_democracy = b.eval("return [...document.querySelectorAll('.overview-table tbody tr')].map(r => [...r.children].map(c => c.textContent))").await;
        assert!(table_democracy.as_array().unwrap().len() >= 9);
        b.assert_accessible_in_both_schemes("the page").await;
        b
    });
}
