//! The explorer screen in Chromium: facets, counts, search, URL state, cards, keyboard,
//! accessibility, small screens and print.

use fantoccini::key::Key;
use quote_explorer::engine::Query;
use quote_explorer::store::PAGE_SIZE;
use serde_json::Value;

use crate::support::expect::{catalog, engine_all_ids, engine_counts, engine_ids};
use crate::support::page::{click, displayed_counts, wait_for_ids};
use crate::support::{browser_test, browser_test_sized, Browser};

#[test]
fn combined_filters_show_exactly_the_engines_quotes_with_matching_counts() {
    browser_test("combined_filters", |b| async move {
        let view = "?speaker=wang-yi&speaker=sergey-lavrov&theme=democracy&theme=multilateralism&kind=reported_statement";
        b.open(view).await;
        let expected = engine_ids(view);
        assert!(!expected.is_empty());
        assert_eq!(b.quote_ids().await, expected);
        assert_eq!(displayed_counts(&b).await, engine_counts(view));
        let status = b.text("[role=status].result-count").await;
        assert_eq!(status, format!("{} of {} quotes", engine_all_ids(view).len(), catalog().len()));
        b
    });
}

#[test]
fn phrase_search_with_typographic_quotes_and_relevance_order() {
    browser_test("phrase_search", |b| async move {
        let view = "?q=%E2%80%9Csmall+circles%E2%80%9D&sort=relevance";
        b.open(view).await;
        let ids = b.quote_ids().await;
        assert_eq!(ids, engine_ids(view));
        assert!(!ids.is_empty());
        assert_eq!(b.eval("return document.getElementById('sort-select').value").await, "relevance");
        // Its words side by side and in order: fewer quotes than with the same words anywhere
        // (from an index too, which keeps where each word stands rather than the texts).
        let phrase = "?q=%22world+order%22";
        b.open(phrase).await;
        let ids = b.quote_ids().await;
        assert_eq!(ids, engine_ids(phrase));
        assert!(!ids.is_empty() && ids.len() < engine_ids("?q=world+order").len());
        b
    });
}

#[test]
fn chips_remove_single_filters_and_clear_all_removes_everything() {
    browser_test("chips", |b| async move {
        b.open("?theme=democracy&speaker=wang-yi&q=rights").await;
        let chips = b
            .eval("return [...document.querySelectorAll('.chip')].map(c => c.getAttribute('aria-label'))")
            .await;
        assert_eq!(
            chips,
            serde_json::json!([
                "Remove search “rights”",
                "Remove filter Theme: Democracy",
                "Remove filter Speaker: Wang Yi"
            ])
        );
        click(&b, ".chip[aria-label='Remove filter Speaker: Wang Yi']").await;
        wait_for_ids(&b, &engine_ids("?theme=democracy&q=rights")).await;
        click(&b, ".clear-all").await;
        wait_for_ids(&b, &engine_ids("")).await;
        // A long list renders a page at a time.
        let all = engine_all_ids("");
        assert!(all.len() > PAGE_SIZE);
        let mut pages = 1;
        while b.find_all_count(".show-more").await > 0 {
            click(&b, ".show-more").await;
            pages += 1;
            wait_for_ids(&b, &all[..all.len().min(pages * PAGE_SIZE)]).await;
        }
        assert_eq!(pages, all.len().div_ceil(PAGE_SIZE), "a page at a time, until nothing more to show");
        assert_eq!(b.location().await, "/");
        b
    });
}

#[test]
fn an_empty_result_explains_itself_and_offers_to_remove_the_last_filter() {
    browser_test("empty_result", |b| async move {
        let view = "?speaker=nobuo-kishi&theme=democracy";
        b.open(view).await;
        assert!(b.quote_ids().await.is_empty());
        b.wait_for(".empty-results").await;
        let text = b.text(".empty-results").await;
        let explained = quote_explorer::wording::no_results(&quote_explorer::url_state::parse(view).query);
        assert!(text.contains("No quotes match") && text.contains(&explained), "{text}");
        // Where the eye is: on the first screen, before the export buttons and the overview.
        let top = b.eval("return document.querySelector('.empty-results').getBoundingClientRect().top").await;
        assert!(top.as_f64().unwrap() < 700.0, "the box starts at {top} px");
        // (An explorer reading a chunked index has no export buttons.)
        let first = b.eval("const e = document.querySelector('.export'); return !e || !!(document.querySelector('.empty-results').compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)").await;
        assert_eq!(first, true);
        click(&b, ".empty-results button").await;
        wait_for_ids(&b, &engine_ids("?speaker=nobuo-kishi")).await;
        b
    });
}

#[test]
fn unknown_and_malformed_parameters_are_ignored() {
    browser_test("malformed_url", |b| async move {
        b.open("?speaker=ghost&theme=%E0%A4%A&q=%&sort=sideways&utm=1&theme=democracy").await;
        let ids = b.quote_ids().await;
        assert_eq!(ids, engine_ids("?theme=democracy&q=%25"));
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn a_card_shows_its_metadata_and_expands_to_context_statement_and_variants() {
    browser_test("card_details", |b| async move {
        let c = catalog();
        let quote =
            c.corpus.quotes.iter().find(|q| q.id == "guilin-wang-no-matter-how-tracker").expect("quote");
        b.open("?source=000_8f83375b96f15620").await;
        let card = format!("article[data-quote-id='{}']", quote.id);
        let text = b.text(&card).await;
        for expected in [
            "Wang Yi",
            "State Councilor and Foreign Minister of China",
            "Guilin",
            "23 March 2021",
            "People's Daily Tracker",
            "Direct quote",
        ] {
            assert!(text.contains(expected), "card lacks {expected}: {text}");
        }
        click(&b, &format!("{card} summary")).await;
        let marked = b.text(&format!("{card} .quote-in-context")).await;
        assert_eq!(marked, quote.text);
        let variants = b.eval(&format!("return [...document.querySelectorAll(\"{card} .variants a\")].map(a => a.getAttribute('href'))")).await;
        assert_eq!(variants, serde_json::json!(["#guilin-wang-no-matter-how-readout"]));

        // A quote of a statement lists every point of its statement, in order.
        let point = c
            .corpus
            .quotes
            .iter()
            .find(|q| q.statement.as_ref().is_some_and(|s| s.id == "joint-statement-2022-02-04"))
            .unwrap();
        b.open(&format!("?source={}", point.source)).await;
        let card = format!("article[data-quote-id='{}']", point.id);
        click(&b, &format!("{card} summary")).await;
        // The details are drawn once their code has loaded.
        let expected = c.statement_quotes("joint-statement-2022-02-04").len();
        b.wait_until(&format!("the statement's {expected} points are listed"), || async {
            let items = b
                .eval(&format!("return document.querySelectorAll(\"{card} .statement-points li\").length"))
                .await;
            items.as_u64() == Some(expected as u64)
        })
        .await;

        // The same remark elsewhere in the quote's own article is listed apart from other sources.
        let grouped = (0..c.len() as u32).find(|&p| !c.card_details(p).same_article.is_empty()).unwrap();
        let quote = c.quote(grouped);
        b.open(&format!("?source={}", quote.source)).await;
        let card = format!("article[data-quote-id='{}']", quote.id);
        click(&b, &format!("{card} summary")).await;
        let expected: Vec<String> =
            c.card_details(grouped).same_article.iter().map(|v| format!("#{}", v.id)).collect();
        b.wait_until("the same article's reports are listed", || async {
            b.eval(&format!("return [...document.querySelectorAll(\"{card} .same-article a\")].map(a => a.getAttribute('href'))")).await
                == serde_json::json!(expected)
        })
        .await;
        b
    });
}

#[test]
fn words_that_are_not_the_speakers_say_whose_they_are() {
    browser_test("attribution", |b| async move {
        let c = catalog();
        for view in ["?kind=headline", "?kind=reported_statement", "?kind=direct_quote"] {
            b.open(view).await;
            let shown = b
                .eval("return [...document.querySelectorAll('article[data-quote-id]')].map(a => [a.dataset.quoteId, a.querySelector('.attribution-note')?.textContent ?? null])")
                .await;
            let expected: Vec<(String, Option<String>)> = engine_ids(view)
                .into_iter()
                .map(|id| {
                    let card = c.card(c.quote_position(&id).unwrap());
                    (id, card.attribution)
                })
                .collect();
            assert!(!expected.is_empty(), "{view}");
            assert_eq!(shown, serde_json::json!(expected), "{view}");
        }
        b
    });
}

#[test]
fn copy_citation_puts_a_plain_text_citation_on_the_clipboard() {
    browser_test("copy_citation", |b| async move {
        b.open("").await;
        let origin = b.eval("return location.origin").await;
        b.devtools(
            "Browser.grantPermissions",
            serde_json::json!({ "origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
        )
        .await;
        let c = catalog();
        let first = c.quote(c.search(&Query::default()).quotes[0]);
        click(&b, &format!("article[data-quote-id='{}'] .copy-citation", first.id)).await;
        b.wait_until("the copy is confirmed", || async {
            b.eval("return document.querySelector('.copy-status').textContent").await != ""
        })
        .await;
        let copied = b
            .client
            .execute_async("const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('error: ' + e))", vec![])
            .await
            .unwrap();
        assert_eq!(copied, Value::String(quote_explorer::citation::cite(&c, first)));
        b
    });
}

#[test]
fn a_quote_link_opens_the_app_with_that_quote_in_view_and_expanded() {
    browser_test("quote_link", |b| async move {
        let c = catalog();
        let last = c.quote(*c.search(&Query::default()).quotes.last().unwrap()).id.clone();
        // Filters that hide the quote are cleared so the link still leads to it.
        b.open(&format!("?speaker=nobuo-kishi#{last}")).await;
        let card = format!("article[data-quote-id='{last}']");
        b.wait_until("the quote is in view", || async {
            b.eval(&format!(
                "const r = document.querySelector(\"{card}\")?.getBoundingClientRect();
                 return !!r && r.top >= 0 && r.top < innerHeight"
            ))
            .await
                == true
        })
        .await;
        assert_eq!(b.eval(&format!("return document.querySelector(\"{card} details\").open")).await, true);
        b
    });
}

/// The notice the page shows, or null.
async fn notice(b: &crate::support::Browser) -> Value {
    b.eval("return document.querySelector('.notice p')?.textContent ?? null").await
}

/// Waits for the notice to say `text`: its code is loaded when there is first something to say.
async fn expect_notice(b: &crate::support::Browser, text: String) {
    b.wait_until(&format!("the notice says {text:?}"), || async {
        notice(b).await == Value::String(text.clone())
    })
    .await;
}

#[test]
fn a_link_keeps_what_it_can_and_says_what_it_set_aside() {
    browser_test("link_state", |b| async move {
        let c = catalog();
        let id = "rome-wang-democracy-common-value";
        let quote = c.quote(c.quote_position(id).unwrap());
        assert_ne!(quote.speaker, "nobuo-kishi");
        // The speaker filter hides the quote; the theme filter does not and stays.
        let theme = &quote.themes[0];
        b.open(&format!("?speaker=nobuo-kishi&theme={theme}#{id}")).await;
        b.wait_for(&format!("article[data-quote-id='{id}']")).await;
        assert_eq!(b.location().await, format!("/?theme={theme}#{id}"), "the theme and the quote are kept");
        assert_eq!(b.quote_ids().await, engine_ids(&format!("?theme={theme}")));
        let set_aside = quote_explorer::wording::set_aside(&["Speaker: Nobuo Kishi".to_owned()]);
        expect_notice(&b, set_aside).await;

        // Comma-separated values, as embeds take them.
        b.open("?speaker=wang-yi,sergey-lavrov").await;
        wait_for_ids(&b, &engine_ids("?speaker=wang-yi&speaker=sergey-lavrov")).await;
        assert_eq!(b.location().await, "/?speaker=wang-yi&speaker=sergey-lavrov");
        assert_eq!(notice(&b).await, Value::Null);

        // A value the corpus lacks is left out, and said so; dismissing puts the focus on the count.
        b.open("?speaker=nobody&theme=democracy").await;
        wait_for_ids(&b, &engine_ids("?theme=democracy")).await;
        let left_out = quote_explorer::wording::left_out(&["Speaker “nobody”".to_owned()]);
        expect_notice(&b, left_out).await;
        click(&b, ".notice button").await;
        b.wait_until("the notice is dismissed", || async { notice(&b).await == Value::Null }).await;
        b.wait_until("the focus is on the count", || async {
            b.eval("return document.activeElement?.className").await == "result-count"
        })
        .await;

        // A link to a quote the corpus lacks says so; the skip link's #results is no quote.
        b.open("#no-such-quote").await;
        expect_notice(&b, quote_explorer::wording::quote_not_found("no-such-quote")).await;
        b.open("?theme=democracy#results").await;
        assert_eq!(notice(&b).await, Value::Null);
        b
    });
}

#[test]
fn focus_lands_somewhere_sensible_when_a_control_removes_itself() {
    browser_test("focus_after_removal", |b| async move {
        let focused_label =
            || async { b.eval("return document.activeElement?.getAttribute('aria-label')").await };
        b.open("?q=rights&theme=democracy&speaker=wang-yi").await;
        // The theme chip (second of three): the speaker chip takes its place and the focus.
        click(&b, ".chip[aria-label='Remove filter Theme: Democracy']").await;
        b.wait_until("the next chip has the focus", || async {
            focused_label().await == "Remove filter Speaker: Wang Yi"
        })
        .await;
        // The last chip: the one before it.
        click(&b, ".chip[aria-label='Remove filter Speaker: Wang Yi']").await;
        b.wait_until("the chip before has the focus", || async {
            focused_label().await == "Remove search “rights”"
        })
        .await;
        click(&b, ".clear-all").await;
        b.wait_until("the count has the focus", || async {
            b.eval("return document.activeElement?.className").await == "result-count"
        })
        .await;

        // "Show more": the first newly shown quote.
        let all = engine_all_ids("");
        click(&b, ".show-more").await;
        b.wait_until("the first new quote has the focus", || async {
            b.eval("return document.activeElement?.dataset?.quoteId ?? null").await == all[PAGE_SIZE].as_str()
        })
        .await;

        // The empty result's own buttons: the count.
        b.open("?speaker=nobuo-kishi&theme=democracy").await;
        click(&b, ".empty-results button").await;
        b.wait_until("the count has the focus", || async {
            b.eval("return document.activeElement?.className").await == "result-count"
        })
        .await;
        b
    });
}

#[test]
fn filtering_works_by_keyboard_alone() {
    browser_test("keyboard", |b| async move {
        b.open("").await;
        b.wait_for("#search-input").await.click().await.unwrap();
        // Search box, sort order, the filters' summary, the date range's two menus, then the
        // first side's checkbox.
        let tab = || async {
            b.client
                .active_element()
                .await
                .unwrap()
                .send_keys(&char::from(Key::Tab).to_string())
                .await
                .unwrap()
        };
        let mut reached = String::new();
        for _ in 0..6 {
            tab().await;
            reached =
                b.eval("return document.activeElement.id").await.as_str().unwrap_or_default().to_owned();
            if reached.starts_with("facet-") {
                break;
            }
        }
        assert!(reached.starts_with("facet-side-"), "focus reached '{reached}'");
        let outline = b.eval("return getComputedStyle(document.activeElement).outlineStyle").await;
        assert_ne!(outline, "none", "focus is visible");
        b.client.active_element().await.unwrap().send_keys(" ").await.unwrap();
        let id = reached.trim_start_matches("facet-side-").to_owned();
        wait_for_ids(&b, &engine_ids(&format!("?side={id}"))).await;
        b
    });
}

#[test]
fn no_accessibility_violations_in_light_and_dark_themes() {
    browser_test("axe", |b| async move {
        b.open("?theme=democracy&q=democracy").await;
        b.eval("document.querySelectorAll('details').forEach(d => d.open = true)").await;
        let light = b.accessibility_violations().await;
        assert!(light.is_empty(), "light theme: {light:#?}");
        b.emulate_media("", Some("dark")).await;
        let dark = b.accessibility_violations().await;
        assert!(dark.is_empty(), "dark theme: {dark:#?}");
        b.open("?speaker=nobuo-kishi&theme=democracy").await;
        let empty = b.accessibility_violations().await;
        assert!(empty.is_empty(), "empty result: {empty:#?}");
        b
    });
}

#[test]
fn readable_at_360_pixels_without_sideways_scrolling() {
    browser_test_sized("narrow", (360, 800), |b| async move {
        b.open("?q=democracy").await;
        assert_eq!(b.eval("return innerWidth").await, 360);
        // On a phone the filters start folded away, so the quotes come first.
        assert_eq!(b.eval("return document.querySelector('.facet-drawer').open").await, false);
        b.eval("document.querySelectorAll('details').forEach(d => d.open = true)").await;
        wait_for_the_filter_pane(&b).await;
        let overflow = b
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        assert_eq!(overflow, 0, "the page scrolls sideways");
        b
    });
}

/// Waits for the filter drawer's pane, built when the drawer is first opened.
pub(crate) async fn wait_for_the_filter_pane(b: &Browser) {
    b.wait_until("the filter pane is built", || async {
        b.find_all_count(".facet-drawer fieldset[data-facet=speaker] input[type=checkbox]").await > 0
    })
    .await;
}

#[test]
fn on_a_phone_the_filter_pane_is_built_when_its_drawer_is_first_opened_and_shows_the_address() {
    browser_test_sized("drawer", (375, 812), |b| async move {
        b.open("?speaker=wang-yi&theme=-security").await;
        wait_for_ids(&b, &engine_ids("?speaker=wang-yi&theme=-security")).await;
        // Folded away, the drawer holds no pane yet; the chips say what is chosen.
        assert_eq!(b.find_all_count(".facet-drawer fieldset").await, 0);
        assert_eq!(b.find_all_count(".chip").await, 2);
        assert_eq!(
            drawer_label(&b).await,
            filters_label("?speaker=wang-yi&theme=-security"),
            "a value left out counts"
        );
        click(&b, ".facet-drawer summary").await;
        wait_for_the_filter_pane(&b).await;
        assert_eq!(b.eval("return document.getElementById('facet-speaker-wang-yi').checked").await, true);
        assert_eq!(displayed_counts(&b).await, engine_counts("?speaker=wang-yi&theme=-security"));
        // Folded and opened again, it is still there, and a choice in it moves the list.
        click(&b, ".facet-drawer summary").await;
        assert_eq!(b.eval("return document.querySelector('.facet-drawer').open").await, false);
        click(&b, ".facet-drawer summary").await;
        click(&b, "#facet-speaker-wang-yi").await;
        wait_for_ids(&b, &engine_ids("?theme=-security")).await;
        assert_eq!(drawer_label(&b).await, filters_label("?theme=-security"));
        b.assert_no_console_errors().await;
        b
    });
}

/// What the filter drawer's summary says.
async fn drawer_label(b: &crate::support::Browser) -> Value {
    b.eval("return document.querySelector('.facet-drawer summary').textContent").await
}

/// What it should say for the filters of `address`, as the engine counts them.
fn filters_label(address: &str) -> Value {
    Value::String(format!(
        "Filters ({} active)",
        quote_explorer::url_state::parse(address).query.filter_count()
    ))
}

#[test]
fn on_a_phone_the_sticky_header_stays_one_line_with_many_filters() {
    browser_test_sized("phone_header", (375, 812), |b| async move {
        let view = "?q=rights&speaker=wang-yi&speaker=sergey-lavrov&theme=democracy&theme=human-rights&kind=reported_statement";
        b.open(view).await;
        wait_for_ids(&b, &engine_ids(view)).await;
        let header =
            b.eval("return document.querySelector('.results-header').getBoundingClientRect().height").await;
        assert!(header.as_f64().unwrap() < 60.0, "the header is {header} px high");
        let scrolls =
            b.eval("const c = document.querySelector('.chips'); return c.scrollWidth > c.clientWidth").await;
        assert_eq!(scrolls, true, "the chips scroll sideways");
        let overflow = b
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        assert_eq!(overflow, 0, "the page itself does not scroll sideways");
        b
    });
}

#[test]
fn print_layout_leads_with_the_quotes_and_hides_controls() {
    browser_test("print", |b| async move {
        b.open("?theme=human-rights&overview=open").await;
        b.wait_for(".timeline-mark").await;
        b.emulate_media("print", None).await;
        let hidden = b.eval("return getComputedStyle(document.querySelector('.filters')).display").await;
        assert_eq!(hidden, "none");
        let citations = b
            .eval("return [...document.querySelectorAll('.print-citation')].filter(p => getComputedStyle(p).display !== 'none').length")
            .await;
        assert_eq!(citations.as_u64().unwrap() as usize, engine_ids("?theme=human-rights").len());
        // The quotes come first; the overview, if open, after them.
        let quotes_first = b
            .eval("return document.querySelector('.quote-list').getBoundingClientRect().top < document.querySelector('.overview').getBoundingClientRect().top")
            .await;
        assert_eq!(quotes_first, true);
        // The count and chips line up with the title, and chips print no ×.
        let lefts = b
            .eval("return ['h1', '.result-count', '.chips'].map(s => Math.round(document.querySelector(s).getBoundingClientRect().left))")
            .await;
        let lefts: Vec<i64> = serde_json::from_value(lefts).unwrap();
        assert!(lefts.iter().all(|l| (l - lefts[0]).abs() <= 1), "{lefts:?}");
        let crosses = b
            .eval("return [...document.querySelectorAll('.chip [aria-hidden]')].filter(x => getComputedStyle(x).display !== 'none').length")
            .await;
        assert_eq!(crosses, 0);
        b
    });
}

#[test]
fn every_result_marks_what_matched_wherever_it_is() {
    browser_test("marks_everywhere", |b| async move {
        // On the theme, the speaker's other spelling, the place, an alias only, the text.
        for search in ["non-interference", "Sergei", "Guilin", "president", "hegemony"] {
            let view = format!("?q={search}");
            b.open(&view).await;
            let expected = engine_ids(&view);
            assert!(!expected.is_empty(), "{search}");
            wait_for_ids(&b, &expected).await;
            let unmarked = b
                .eval("return [...document.querySelectorAll('article[data-quote-id]')].filter(a => !a.querySelector('mark')).map(a => a.dataset.quoteId)")
                .await;
            assert_eq!(unmarked, serde_json::json!([]), "cards with no mark for “{search}”");
        }
        b
    });
}

#[test]
fn a_search_for_a_name_offers_that_speakers_words_alone() {
    browser_test("speaker_suggestion", |b| async move {
        b.open("").await;
        b.wait_for("#search-input").await.send_keys("democracy Sergei").await.unwrap();
        wait_for_ids(&b, &engine_ids("?q=democracy+Sergei")).await;
        let offered = b.text(".speaker-suggestions button").await;
        assert_eq!(offered, "Only what Sergey Lavrov said");
        click(&b, ".speaker-suggestions button").await;
        wait_for_ids(&b, &engine_ids("?q=democracy&speaker=sergey-lavrov")).await;
        assert_eq!(b.location().await, "/?q=democracy&speaker=sergey-lavrov");
        assert_eq!(b.eval("return document.activeElement.id").await, "search-input");
        assert_eq!(b.find_all_count(".speaker-suggestions").await, 0, "offered no more once chosen");
        b
    });
}
