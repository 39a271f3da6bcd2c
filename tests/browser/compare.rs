//! The comparison: its cells against the engine's answer, its place in the address and in
//! history, its way back to a card, a phone's width, print, export, embeds, accessibility;
//! and the word diff of a card's other reports.

use quote_explorer::engine::diff::{word_diff, Change};

use crate::support::expect::{catalog, engine_cells, engine_ids};
use crate::support::page::{choose, click, export_files, wait_for_ids};
use crate::support::{browser_test, browser_test_sized, Browser};

const STATEMENTS: &str =
    "?view=compare&by=statement&cols=joint-statement-global-governance-2021,joint-statement-2022-02-04";

/// The cells the comparison in `root` (a script expression: `document` or an embed's
/// shadow root) shows, as (theme id, column id, count, the ids listed).
pub(crate) async fn displayed_cells(b: &Browser, root: &str) -> Vec<(String, String, usize, Vec<String>)> {
    let cells = b
        .eval(&format!(
            "const root = {root};
             return root ? [...root.querySelectorAll('.compare-table tbody tr')].flatMap(tr =>
               [...tr.querySelectorAll('td')].map(td => [tr.dataset.theme, td.dataset.column,
                 parseInt(td.querySelector('.cell-count').textContent, 10),
                 [...td.querySelectorAll('.compare-quote')].map(li => li.dataset.quoteId)])) : []"
        ))
        .await;
    serde_json::from_value(cells).unwrap()
}

pub(crate) async fn wait_for_cells(b: &Browser, root: &str, query_string: &str) {
    let expected = engine_cells(query_string);
    assert!(!expected.is_empty(), "{query_string} compares something");
    b.wait_until(&format!("the comparison shows the engine's cells for {query_string}"), || async {
        displayed_cells(b, root).await == expected
    })
    .await;
}

#[test]
fn every_cell_is_the_engines_answer_for_the_search_and_filters() {
    browser_test("compare_cells", |b| async move {
        let view = "?q=democracy&kind=reported_statement&view=compare&by=side&cols=china,russia";
        b.open(view).await;
        wait_for_cells(&b, "document", view).await;
        // The columns' headings count their quotes; the search's matches stay marked.
        let headings = b.eval("return [...document.querySelectorAll('.compare-table thead th[data-column]')].map(th => th.textContent)").await;
        let c = catalog();
        let spec = c.settle_comparison(quote_explorer::url_state::parse(view).comparison().unwrap());
        let query = quote_explorer::url_state::parse(view).query;
        let counted: Vec<String> = c
            .compare(&spec, &query, &c.search(&query))
            .columns
            .iter()
            .map(|col| format!("{}{} quote{}", col.label, col.count, if col.count == 1 { "" } else { "s" }))
            .collect();
        assert_eq!(serde_json::from_value::<Vec<String>>(headings).unwrap(), counted);
        let marks = b.eval("return document.querySelectorAll('.compare-text mark').length").await;
        assert!(marks.as_u64().unwrap() > 0);

        // A filter chosen in the pane applies to every column.
        click(&b, "#facet-theme-democracy").await;
        wait_for_cells(&b, "document", &format!("{view}&theme=democracy")).await;
        b.open(STATEMENTS).await;
        wait_for_cells(&b, "document", STATEMENTS).await;
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn the_comparison_lives_in_the_address_and_back_and_forward_step_through_it() {
    browser_test("compare_history", |b| async move {
        b.open("").await;
        click(&b, ".view-switch button:nth-child(2)").await;
        let by_side = "?view=compare&by=side&cols=china,russia";
        b.wait_until("the address records the comparison", || async {
            b.location().await == format!("/{by_side}")
        })
        .await;
        wait_for_cells(&b, "document", by_side).await;
        choose(&b, ".compare-by select", "speaker").await;
        let by_speaker = engine_cells("?view=compare&by=speaker");
        b.wait_until("the comparison is by speaker", || async {
            displayed_cells(&b, "document").await == by_speaker
        })
        .await;
        let address = b.location().await;
        assert!(address.starts_with("/?view=compare&by=speaker&cols="), "{address}");
        // A column is chosen, added and removed, each a step.
        choose(&b, ".compare-column-choice:nth-child(3) select", "sergey-lavrov").await;
        b.wait_until("the second column is Lavrov", || async {
            b.location().await.contains(",sergey-lavrov")
        })
        .await;
        click(&b, ".add-column").await;
        b.wait_until("a third column", || async {
            b.find_all_count(".compare-table thead th[data-column]").await == 3
        })
        .await;
        b.client.back().await.unwrap();
        b.wait_until("Back removes the third column", || async {
            b.find_all_count(".compare-table thead th[data-column]").await == 2
        })
        .await;
        b.client.back().await.unwrap();
        b.client.back().await.unwrap();
        b.wait_until("Back returns to sides", || async { b.location().await == format!("/{by_side}") }).await;
        wait_for_cells(&b, "document", by_side).await;
        b.client.back().await.unwrap();
        wait_for_ids(&b, &engine_ids("")).await;
        assert_eq!(b.find_all_count(".compare-table").await, 0);
        b.client.forward().await.unwrap();
        wait_for_cells(&b, "document", by_side).await;
        b
    });
}

#[test]
fn a_quotes_card_link_opens_it_in_the_list_and_back_returns_to_the_comparison() {
    browser_test("compare_card", |b| async move {
        let view = "?theme=human-rights&view=compare&by=side&cols=china,russia";
        b.open(view).await;
        wait_for_cells(&b, "document", view).await;
        let id = b.eval("return document.querySelector('.compare-quote').dataset.quoteId").await;
        let id = id.as_str().unwrap().to_owned();
        click(&b, ".compare-quote a").await;
        b.wait_until("the card has the focus", || async {
            b.eval("return document.activeElement?.dataset?.quoteId ?? null").await == id.as_str()
        })
        .await;
        assert_eq!(b.location().await, "/?theme=human-rights");
        b.client.back().await.unwrap();
        wait_for_cells(&b, "document", view).await;
        b
    });
}

#[test]
fn on_a_360_px_screen_the_cells_stack_under_their_theme_each_labelled_and_print_as_a_table() {
    browser_test_sized("compare_phone", (360, 800), |b| async move {
        b.open(STATEMENTS).await;
        wait_for_cells(&b, "document", STATEMENTS).await;
        let layout = b
            .eval(
                "const columns = Object.fromEntries([...document.querySelectorAll('thead th[data-column]')]
                   .map(th => [th.dataset.column, th.firstChild.textContent]));
                 return [...document.querySelectorAll('.compare-table td')].map(td => {
                   const row = td.closest('tr').getBoundingClientRect(), cell = td.getBoundingClientRect();
                   const label = td.querySelector('.cell-label');
                   return [cell.width >= row.width - 4, label.getBoundingClientRect().height > 0,
                           label.textContent === columns[td.dataset.column]];
                 })",
            )
            .await;
        let layout: Vec<(bool, bool, bool)> = serde_json::from_value(layout).unwrap();
        assert!(!layout.is_empty());
        assert!(layout.iter().all(|&cell| cell == (true, true, true)), "{layout:?}");
        let page_width = b.eval("return document.documentElement.scrollWidth").await;
        assert!(page_width.as_u64().unwrap() <= 360, "no sideways scrolling: {page_width}");
        b.save_screenshot("compare-360").await;

        b.emulate_media("print", None).await;
        let display =
            b.eval("return getComputedStyle(document.querySelector('.compare-table')).display").await;
        assert_eq!(display, "table");
        let hidden =
            b.eval("return getComputedStyle(document.querySelector('.compare-controls')).display").await;
        assert_eq!(hidden, "none");
        b
    });
}

#[test]
fn the_comparison_exports_as_a_table_of_themes_and_columns() {
    browser_test("compare_export", |b| async move {
        let view = "?view=compare&by=side&cols=china,russia,china-and-russia";
        b.open(view).await;
        wait_for_cells(&b, "document", view).await;
        let files = export_files(&b, &["CSV", "Markdown"]).await;
        let themes = {
            let mut themes: Vec<String> = engine_cells(view).into_iter().map(|c| c.0).collect();
            themes.dedup();
            themes.len()
        };
        // (Blob.text() drops the byte-order mark.)
        assert!(files[0].starts_with("theme,China ("), "{}", &files[0][..80]);
        let table: Vec<&str> = files[1].lines().filter(|l| l.starts_with('|')).collect();
        assert_eq!(table.len(), themes + 2, "a header, a rule and a row per theme");
        assert!(table[0].starts_with("| Theme | China (") && table[0].contains("| China and Russia ("));
        assert!(b.text(".export-status").await.starts_with("Saved as comparison-by-side-"));
        b
    });
}

#[test]
fn an_embed_can_start_side_by_side() {
    browser_test("compare_embed", |b| async move {
        b.client.goto(&b.server.url("embed-example.html")).await.unwrap();
        wait_for_cells(&b, "document.getElementById('statements')?.shadowRoot", STATEMENTS).await;
        // Phrases the two statements share are marked, with words for screen readers.
        let shared = b
            .eval("return [...document.getElementById('statements').shadowRoot.querySelectorAll('.compare-text .shared')].map(s => s.textContent)")
            .await;
        let shared: Vec<String> = serde_json::from_value(shared).unwrap();
        assert!(!shared.is_empty() && shared.iter().all(|s| s.starts_with("[shared: ")), "{shared:?}");
        assert_eq!(b.location().await, "/embed-example.html", "the host's address stays");
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn a_cards_other_reports_mark_what_they_add_and_lack() {
    browser_test("variant_diff", |b| async move {
        let id = "guilin-wang-no-matter-how-tracker";
        b.open(&format!("#{id}")).await;
        b.wait_for(".variants ins").await;
        let marked = b
            .eval(
                "const text = el => [...el.childNodes].filter(n => !n.classList?.contains('visually-hidden'))
                   .map(n => n.textContent).join('').trim();
                 const list = document.querySelector('.variants li');
                 return [[...list.querySelectorAll('ins')].map(text), [...list.querySelectorAll('del')].map(text),
                         [...list.querySelectorAll('ins .visually-hidden, del .visually-hidden')].map(s => s.textContent)]",
            )
            .await;
        let (added, removed, spoken): (Vec<String>, Vec<String>, Vec<String>) =
            serde_json::from_value(marked).unwrap();
        let c = catalog();
        let this = c.quote(c.quote_position(id).unwrap());
        let other = c.quote(c.variants(c.quote_position(id).unwrap())[0]);
        let parts = word_diff(&this.text, &other.text);
        let of = |change| {
            parts.iter().filter(|p| p.change == change).map(|p| p.text.trim().to_owned()).collect::<Vec<_>>()
        };
        assert_eq!((added, removed), (of(Change::Added), of(Change::Removed)));
        assert!(
            spoken.contains(&"[added: ".to_owned()) && spoken.contains(&"[removed: ".to_owned()),
            "{spoken:?}"
        );
        b
    });
}

#[test]
fn no_accessibility_violations_side_by_side_in_light_and_dark() {
    browser_test("compare_axe", |b| async move {
        for view in ["?view=compare", STATEMENTS, "?q=democracy&view=compare&by=source"] {
            b.open(view).await;
            b.wait_for(".compare-table").await;
            b.emulate_media("", None).await;
            let light = b.accessibility_violations().await;
            assert!(light.is_empty(), "{view}, light: {light:#?}");
            b.emulate_media("", Some("dark")).await;
            let dark = b.accessibility_violations().await;
            assert!(dark.is_empty(), "{view}, dark: {dark:#?}");
        }
        b.emulate_media("", None).await;
        b.open("#guilin-wang-no-matter-how-tracker").await;
        b.wait_for(".variants ins").await;
        b.assert_accessible_in_both_schemes("a card's diff").await;
        b
    });
}

#[test]
fn the_comparison_works_by_keyboard_alone() {
    browser_test("compare_keyboard", |b| async move {
        use fantoccini::key::Key;
        b.open("").await;
        let press = |css: &'static str, key: String| {
            let b = &b;
            async move {
                b.eval(&format!("document.querySelector('{css}').focus(); return true")).await;
                b.client.active_element().await.unwrap().send_keys(&key).await.unwrap();
            }
        };
        press(".view-switch button:nth-child(2)", " ".into()).await;
        wait_for_cells(&b, "document", "?view=compare").await;
        // The select's next choice, Speaker, after Side.
        press(".compare-by select", char::from(Key::Down).to_string()).await;
        wait_for_cells(&b, "document", "?view=compare&by=speaker").await;
        let id = b.eval("return document.querySelector('.compare-quote').dataset.quoteId").await;
        press(".compare-quote a", char::from(Key::Enter).to_string()).await;
        b.wait_until("the card has the focus", || async {
            b.eval("return document.activeElement?.dataset?.quoteId ?? null").await == id
        })
        .await;
        b
    });
}
