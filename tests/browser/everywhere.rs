//! The portable subset, run in Chromium, Firefox ESR and WebKitGTK: the app loads, filters,
//! searches and keeps its state in the URL; the single-file build works from disk; embeds
//! work side by side with their styles isolated; a spreadsheet is mapped and loaded.

use std::path::Path;

use serde_json::json;

use crate::support::browser_test;
use crate::support::expect::{engine_counts, engine_ids};
use crate::support::page::{click, displayed_counts, wait_for_ids};

#[test]
fn page_loads_with_quotes_and_no_console_errors() {
    browser_test("page_loads", |b| async move {
        b.open("").await;
        assert_eq!(b.quote_ids().await, engine_ids(""));
        let total = quote_explorer::corpus::bundled().unwrap().quotes.len();
        let status = b.text("[role=status].result-count").await;
        assert_eq!(status, format!("{total} of {total} quotes"));
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn clicking_a_speaker_filter_narrows_the_results_to_that_speaker() {
    browser_test("filter_click", |b| async move {
        b.open("").await;
        let before = b.quote_ids().await;
        b.wait_for("#facet-speaker-sergey-lavrov").await.click().await.unwrap();
        // From an index, the list can be empty for a moment while the chosen quotes' pack arrives.
        b.wait_until("the list narrows", || async {
            let shown = b.quote_ids().await.len();
            shown > 0 && shown < before.len()
        })
        .await;
        let after = b.quote_ids().await;
        assert!(!after.is_empty());
        let speakers = b
            .eval("return [...document.querySelectorAll('article[data-quote-id] .speaker-name')].map(s => s.textContent)")
            .await;
        for name in speakers.as_array().unwrap() {
            assert_eq!(name, "Sergey Lavrov");
        }
        assert!(b.client.current_url().await.unwrap().as_str().contains("speaker=sergey-lavrov"));
        b
    });
}

#[test]
fn clicking_filters_updates_list_counts_and_url_and_the_link_reopens_the_same_view() {
    browser_test("url_round_trip", |b| async move {
        b.open("").await;
        click(&b, "#facet-theme-democracy").await;
        click(&b, "#facet-speaker-wang-yi").await;
        let search = b.wait_for("#search-input").await;
        search.send_keys("real").await.unwrap();
        let view = "?q=real&theme=democracy&speaker=wang-yi";
        wait_for_ids(&b, &engine_ids(view)).await;
        assert_eq!(displayed_counts(&b).await, engine_counts(view));
        let address = b.location().await;
        assert_eq!(address, format!("/{view}"));

        // The copied link, opened afresh, shows the same view.
        b.open(&address).await;
        assert_eq!(b.quote_ids().await, engine_ids(view));
        let checked = b
            .eval("return [...document.querySelectorAll('input[type=checkbox]:checked')].map(i => i.id)")
            .await;
        assert_eq!(checked, serde_json::json!(["facet-speaker-wang-yi", "facet-theme-democracy"]));
        assert_eq!(b.eval("return document.getElementById('search-input').value").await, "real");
        b
    });
}

#[test]
fn back_and_forward_step_through_filter_changes() {
    browser_test("history", |b| async move {
        b.open("").await;
        let all = b.quote_ids().await;
        click(&b, "#facet-speaker-wang-yi").await;
        wait_for_ids(&b, &engine_ids("?speaker=wang-yi")).await;
        click(&b, "#facet-theme-democracy").await;
        wait_for_ids(&b, &engine_ids("?speaker=wang-yi&theme=democracy")).await;

        b.client.back().await.unwrap();
        wait_for_ids(&b, &engine_ids("?speaker=wang-yi")).await;
        assert_eq!(b.location().await, "/?speaker=wang-yi");
        b.client.back().await.unwrap();
        wait_for_ids(&b, &all).await;
        let checked = b.eval("return document.querySelectorAll('input[type=checkbox]:checked').length").await;
        assert_eq!(checked, 0);
        b.client.forward().await.unwrap();
        wait_for_ids(&b, &engine_ids("?speaker=wang-yi")).await;
        b
    });
}

#[test]
fn each_settled_search_is_a_step_of_its_own() {
    browser_test("history_search", |b| async move {
        b.open("").await;
        click(&b, "#facet-speaker-wang-yi").await;
        wait_for_ids(&b, &engine_ids("?speaker=wang-yi")).await;
        b.wait_for("#search-input").await.send_keys("democ").await.unwrap();
        wait_for_ids(&b, &engine_ids("?q=democ&speaker=wang-yi")).await;
        // Typing pauses, then goes on: a second step.
        tokio::time::sleep(std::time::Duration::from_millis(1300)).await;
        b.wait_for("#search-input").await.send_keys("racy").await.unwrap();
        wait_for_ids(&b, &engine_ids("?q=democracy&speaker=wang-yi")).await;

        b.client.back().await.unwrap();
        wait_for_ids(&b, &engine_ids("?q=democ&speaker=wang-yi")).await;
        assert_eq!(b.location().await, "/?q=democ&speaker=wang-yi", "one step per burst of typing");
        b.client.back().await.unwrap();
        wait_for_ids(&b, &engine_ids("?speaker=wang-yi")).await;
        assert_eq!(
            b.location().await,
            "/?speaker=wang-yi",
            "Back returns to the filter view before the search"
        );
        b
    });
}

#[test]
fn search_highlights_matches_as_marks_and_finds_aliases() {
    browser_test("search_highlight", |b| async move {
        b.open("").await;
        b.wait_for("#search-input").await.send_keys("Sergei").await.unwrap();
        wait_for_ids(&b, &engine_ids("?q=Sergei")).await;
        // The alias finds every quote of Sergey Lavrov, and the shown spelling is marked.
        let c = crate::support::expect::catalog();
        let found = crate::support::expect::engine_all_ids("?q=Sergei");
        assert!(c
            .corpus
            .quotes
            .iter()
            .filter(|q| q.speaker == "sergey-lavrov")
            .all(|q| found.contains(&q.id)));
        let marked = b.eval("return [...document.querySelectorAll('mark')].map(m => m.textContent)").await;
        assert!(marked.as_array().unwrap().iter().any(|m| m == "Sergey"), "{marked}");

        let search = b.wait_for("#search-input").await;
        search.clear().await.unwrap();
        search.send_keys("DÉMOC").await.unwrap();
        wait_for_ids(&b, &engine_ids("?q=D%C3%89MOC")).await;
        let marks =
            b.eval("return [...document.querySelectorAll('.quote-text mark')].map(m => m.textContent)").await;
        let marks = marks.as_array().unwrap();
        assert!(marks.len() > 10, "{marks:?}");
        for mark in marks {
            assert!(mark.as_str().unwrap().to_lowercase().starts_with("democ"), "{mark}");
        }
        // Marks are elements the app made around text nodes; nothing else is markup.
        let others = b.eval("return document.querySelectorAll('.quote-text p > :not(mark)').length").await;
        assert_eq!(others, 0);
        b
    });
}

fn single_file_url(query: &str) -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist/quote-explorer.html");
    assert!(file.is_file(), "{} is missing: the release build writes it", file.display());
    format!("file://{}{query}", file.display())
}

#[test]
fn the_single_file_build_works_opened_from_disk() {
    browser_test("single_file", |b| async move {
        b.client.goto(&single_file_url("?theme=democracy")).await.unwrap();
        b.wait_for(".result-count").await;
        wait_for_ids(&b, &engine_ids("?theme=democracy")).await;
        click(&b, "#facet-speaker-wang-yi").await;
        wait_for_ids(&b, &engine_ids("?theme=democracy&speaker=wang-yi")).await;
        b.wait_for("#search-input").await.send_keys("real").await.unwrap();
        wait_for_ids(&b, &engine_ids("?theme=democracy&speaker=wang-yi&q=real")).await;
        let marks = b.eval("return document.querySelectorAll('.quote-text mark').length").await;
        assert!(marks.as_u64().unwrap() > 0);
        b.assert_no_console_errors().await;
        b
    });
}

/// The ids shown by the embed in the element with this id.
async fn embed_ids(b: &crate::support::Browser, host: &str) -> Vec<String> {
    let ids = b
        .eval(&format!(
            "const root = document.getElementById('{host}')?.shadowRoot;
             return root ? [...root.querySelectorAll('article[data-quote-id]')].map(a => a.dataset.quoteId) : []"
        ))
        .await;
    serde_json::from_value(ids).unwrap()
}

#[test]
fn embeds_mount_side_by_side_take_filters_from_attributes_and_stay_independent() {
    browser_test("embeds", |b| async move {
        b.client.goto(&b.server.url("embed-example.html")).await.unwrap();
        let first = engine_ids("?theme=democracy&speaker=wang-yi");
        let rome = engine_ids("?meeting=rome-meeting-2021-10-30");
        b.wait_until("both embeds show their quotes", || async {
            embed_ids(&b, "wang-on-democracy").await == first && embed_ids(&b, "rome").await == rome
        })
        .await;

        // A filter in one embed changes that one only, and not the host page's address.
        b.eval("document.getElementById('wang-on-democracy').shadowRoot.getElementById('facet-theme-human-rights').click()")
            .await;
        let widened = engine_ids("?theme=democracy&theme=human-rights&speaker=wang-yi");
        b.wait_until("the first embed widens", || async {
            embed_ids(&b, "wang-on-democracy").await == widened
        })
        .await;
        assert_eq!(embed_ids(&b, "rome").await, rome);
        assert_eq!(b.location().await, "/embed-example.html");

        // An embed's skip link reaches its first quote, without moving the host page.
        b.eval("document.getElementById('rome').shadowRoot.querySelector('.skip-link').click(); return true")
            .await;
        b.wait_until("the embed's first quote has the focus", || async {
            b.eval(
                "return document.getElementById('rome').shadowRoot.activeElement?.dataset?.quoteId ?? null",
            )
            .await
                == rome[0].as_str()
        })
        .await;
        assert_eq!(b.location().await, "/embed-example.html");

        // Each embed scrolls within its height: the default, or its data-height (30rem here).
        let heights = b
            .eval(
                "return ['rome', 'with-address'].map(id => {
                   const app = document.getElementById(id).shadowRoot.querySelector('.qe-app');
                   return [app.clientHeight, app.scrollHeight > app.clientHeight];
                 })",
            )
            .await;
        let rem = 16;
        assert_eq!(heights, json!([[30 * rem, true], [44 * rem, true]]));

        // The embed that opts in keeps its view in the address.
        b.eval("document.getElementById('with-address').shadowRoot.getElementById('facet-theme-pandemic').click()")
            .await;
        b.wait_until("the opted-in embed writes the address", || async {
            b.location().await == "/embed-example.html?theme=pandemic"
        })
        .await;
        assert_eq!(embed_ids(&b, "with-address").await, engine_ids("?theme=pandemic"));
        assert_eq!(embed_ids(&b, "wang-on-democracy").await, widened);
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn embed_styles_are_isolated_both_ways() {
    browser_test("embed_styles", |b| async move {
        b.client.goto(&b.server.url("embed-example.html")).await.unwrap();
        b.wait_until("the embed renders", || async { !embed_ids(&b, "rome").await.is_empty() }).await;
        // The host's hostile rules do not reach the explorer.
        let inside = b
            .eval(
                "const root = document.getElementById('rome').shadowRoot;
                 const style = (css) => getComputedStyle(root.querySelector(css));
                 return {
                   card: style('article').display,
                   quote: style('blockquote').display,
                   checkbox: style('input[type=checkbox]').display,
                   color: style('.quote-text').color,
                   font: style('.quote-text').fontFamily,
                   spacing: style('.quote-text').letterSpacing,
                   button: style('button').visibility,
                   host: getComputedStyle(document.getElementById('rome')).display,
                 }",
            )
            .await;
        assert_eq!(inside["card"], "block", "{inside}");
        assert_eq!(inside["quote"], "block", "{inside}");
        assert_ne!(inside["checkbox"], "none", "{inside}");
        assert_ne!(inside["color"], "rgb(255, 0, 255)", "{inside}");
        assert!(!inside["font"].as_str().unwrap().contains("Comic"), "{inside}");
        assert_eq!(inside["spacing"], "normal", "{inside}");
        assert_eq!(inside["button"], "visible", "{inside}");
        assert_eq!(inside["host"], "block", "{inside}");
        // Ours do not reach the host: its own rules still decide its look.
        let outside = b
            .eval(
                "const body = getComputedStyle(document.body);
                 const text = getComputedStyle(document.querySelector('.host-text'));
                 return { margin: body.marginTop, background: body.backgroundColor, lineHeight: text.lineHeight,
                          color: text.color, sheets: document.adoptedStyleSheets.length }",
            )
            .await;
        assert_eq!(
            outside,
            json!({ "margin": "32px", "background": "rgb(34, 34, 34)", "lineHeight": "90px",
                    "color": "rgb(255, 0, 255)", "sheets": 0 })
        );
        b
    });
}

#[test]
fn the_comparison_and_a_cards_diff_render_in_every_browser() {
    browser_test("compare_everywhere", |b| async move {
        let view = "?q=democracy&view=compare&by=side&cols=china,russia,china-and-russia";
        b.open(view).await;
        crate::compare::wait_for_cells(&b, "document", view).await;
        b.open("#guilin-wang-no-matter-how-tracker").await;
        b.wait_for(".variants ins").await;
        b.wait_for(".variants del").await;
        b
    });
}

#[test]
fn exclusions_date_ranges_and_the_concordance_work_in_every_browser() {
    browser_test("filters_everywhere", |b| async move {
        let view = "?theme=-security&from=2021-10";
        b.open(view).await;
        wait_for_ids(&b, &engine_ids(view)).await;
        let lines = "?q=democracy&theme=-security&from=2021-10&view=concordance&kwic=left";
        b.open(lines).await;
        crate::concordance::wait_for_lines(&b, lines).await;
        b
    });
}

#[test]
fn a_spreadsheet_is_mapped_and_loaded_in_every_browser() {
    browser_test("import_everywhere", |b| async move {
        b.open("").await;
        let sheet = "quote\tspeaker\tdate\tthemes\n\"Tabs, commas; and \"\"quotes\"\"\"\tWang Yi\t23 March 2021\tOrder\nSecond\tSergey Lavrov\t2022\t\n";
        crate::own_corpus::pick_file(&b, "sheet.tsv", sheet).await;
        b.wait_for(".import").await;
        b.wait_until("the mapping is guessed", || async { b.text(".import-load").await == "Load 2 quotes" })
            .await;
        click(&b, ".import-load").await;
        crate::own_corpus::wait_for_count(&b, "2 of 2 quotes").await;
        let first = b.eval("return document.querySelector('.quote-text').textContent").await;
        assert!(first.as_str().unwrap().contains("Tabs, commas; and \"quotes\""), "{first}");
        b
    });
}

#[test]
fn an_article_is_added_and_kept_across_visits_in_every_browser() {
    browser_test("article_everywhere", |b| async move {
        b.open("").await;
        let before = quote_explorer::corpus::bundled().unwrap().quotes.len();
        crate::own_corpus::pick_file(&b, "oslo.txt", crate::article::ARTICLE).await;
        b.wait_for(".proposal").await;
        let title = ".article-details:nth-of-type(2) label:nth-of-type(1) input";
        crate::article::type_into(&b, title, "Oslo talks").await;
        crate::article::type_into(&b, ".article-details:nth-of-type(2) label:nth-of-type(2) input", "2022")
            .await;
        click(&b, ".article-add").await;
        let all = format!("{0} of {0} quotes", before + 2);
        crate::own_corpus::wait_for_count(&b, &all).await;
        b.wait_for(".forget-corpus").await;
        b.client.refresh().await.expect("reload");
        crate::own_corpus::wait_for_count(&b, &all).await;
        click(&b, ".forget-corpus").await;
        crate::own_corpus::wait_for_count(&b, &crate::own_corpus::all_bundled()).await;
        b
    });
}
