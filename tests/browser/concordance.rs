//! Keyword in context: the lines against the engine's answer, in each order, the view in the
//! address, a line's way to its card, export, a phone's width and accessibility.

use quote_explorer::engine::concordance::{ContextSort, LINES_SHOWN};
use quote_explorer::url_state::{self, Mode};

use crate::support::expect::catalog;
use crate::support::page::{click, export_files};
use crate::support::{browser_test, browser_test_sized, Browser};

/// The engine's lines for a view (ids and keywords), as many as the page shows at first.
fn engine_lines(query_string: &str) -> Vec<(String, String)> {
    let c = catalog();
    let view = url_state::parse(query_string);
    let sort = match view.mode {
        Mode::Concordance(sort) => sort,
        _ => ContextSort::default(),
    };
    let query = c.known_only(&view.query);
    let hits = c.concordance(&c.index.search_terms(&query.text), &c.search(&query), sort);
    hits.iter()
        .take(LINES_SHOWN)
        .map(|h| {
            let line = c.concordance_line(h);
            (line.id, line.keyword)
        })
        .collect()
}

pub(crate) async fn displayed_lines(b: &Browser) -> Vec<(String, String)> {
    let lines = b
        .eval("return [...document.querySelectorAll('.kwic tbody tr')].map(tr => [tr.dataset.quoteId, tr.querySelector('.kwic-word').textContent])")
        .await;
    serde_json::from_value(lines).unwrap()
}

pub(crate) async fn wait_for_lines(b: &Browser, query_string: &str) {
    let expected = engine_lines(query_string);
    assert!(!expected.is_empty(), "{query_string} has lines");
    b.wait_until(&format!("the lines of {query_string}"), || async { displayed_lines(b).await == expected })
        .await;
}

#[test]
fn each_occurrence_is_a_line_in_the_engines_order_following_the_filters() {
    browser_test("kwic_lines", |b| async move {
        for view in [
            "?q=democracy&view=concordance",
            "?q=democr&view=concordance&kwic=left",
            "?q=democracy&theme=-human-rights&view=concordance&kwic=right",
        ] {
            b.open(view).await;
            wait_for_lines(&b, view).await;
        }
        // No search words: a sentence says what to do.
        b.open("?view=concordance").await;
        assert!(b.text(".kwic-empty").await.contains("Type a word"));
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn the_concordance_lives_in_the_address_and_a_line_leads_to_its_card() {
    browser_test("kwic_history", |b| async move {
        b.open("?q=sovereignty").await;
        click(&b, ".view-switch button:nth-child(3)").await;
        b.wait_until("the address says in context", || async {
            b.location().await == "/?q=sovereignty&view=concordance"
        })
        .await;
        wait_for_lines(&b, "?q=sovereignty&view=concordance").await;
        b.eval(
            "const s = document.querySelector('.kwic-controls select'); s.value = 'left';
                s.dispatchEvent(new Event('change', { bubbles: true })); return true",
        )
        .await;
        wait_for_lines(&b, "?q=sovereignty&view=concordance&kwic=left").await;
        assert_eq!(b.location().await, "/?q=sovereignty&view=concordance&kwic=left");
        let id = b.eval("return document.querySelector('.kwic tbody tr').dataset.quoteId").await;
        click(&b, ".kwic-card a").await;
        b.wait_until("the card has the focus", || async {
            b.eval("return document.activeElement?.dataset?.quoteId ?? null").await == id
        })
        .await;
        b.client.back().await.unwrap();
        wait_for_lines(&b, "?q=sovereignty&view=concordance&kwic=left").await;
        b.client.back().await.unwrap();
        wait_for_lines(&b, "?q=sovereignty&view=concordance").await;
        b
    });
}

#[test]
fn the_lines_export_as_csv_and_markdown() {
    browser_test("kwic_export", |b| async move {
        let view = "?q=democracy&view=concordance&kwic=right";
        b.open(view).await;
        wait_for_lines(&b, view).await;
        let files = export_files(&b, &["CSV", "Markdown"]).await;
        let lines = engine_lines(view);
        assert!(files[0].starts_with("before,word,after,id,"));
        assert_eq!(files[0].matches("\r\n").count(), lines.len() + 1);
        assert_eq!(files[1].lines().filter(|l| l.starts_with("| ")).count(), lines.len() + 2);
        assert!(b.text(".export-status").await.starts_with("Saved as in-context-q-democracy-"));
        b
    });
}

#[test]
fn the_concordance_fits_a_phone_and_is_accessible_in_light_and_dark() {
    browser_test_sized("kwic_phone", (360, 800), |b| async move {
        let view = "?q=democracy&view=concordance";
        b.open(view).await;
        wait_for_lines(&b, view).await;
        let width = b.eval("return document.documentElement.scrollWidth").await;
        assert!(width.as_u64().unwrap() <= 360, "no sideways scrolling: {width}");
        b.assert_accessible_in_both_schemes("the page").await;
        b
    });
}
