//! Adding an article: pasted or opened as a .txt, its passages proposed as the engine
//! proposes them, the reader's choices kept, and the accepted passages added to the corpus
//! in use, verbatim and shown as text; files that are no article refused with nothing changed.

use quote_explorer::corpus;
use quote_explorer::import::article::propose::propose;

use crate::own_corpus::{pick_file, wait_for_count};
use crate::support::page::{choose, click};
use crate::support::{browser_test, browser_test_sized, Browser};

pub const ARTICLE: &str = "Envoys meet in Oslo\n\n\
    OSLO - Envoys met on Monday to talk about <b>order</b> and trade.\n\n\
    “We want a fair order for all nations, not <script>alert(1)</script> for a few,” said Foreign \
    Minister Ana Costa.\n\n\
    Wang said the talks were “useful” and “frank”.\n\n\
    “Democracy is not one model.\n\n\
    “Nor is it a privilege of a few countries,” Wang said.\n\n\
    \u{20}\u{20}• The two sides agreed to meet again in May.\n";

/// Sets a text field's value as typing would.
pub(crate) async fn type_into(b: &Browser, css: &str, text: &str) {
    b.wait_for(css).await;
    b.client
        .execute(
            "const [css, text] = arguments; const field = document.querySelector(css);
             field.value = text; field.dispatchEvent(new Event('input', { bubbles: true }));",
            vec![serde_json::json!(css), serde_json::json!(text)],
        )
        .await
        .expect("type");
}

async fn marked_passages(b: &Browser) -> Vec<String> {
    let shown =
        b.eval("return [...document.querySelectorAll('.proposal mark')].map(m => m.textContent)").await;
    serde_json::from_value(shown).unwrap()
}

#[test]
fn a_pasted_articles_passages_are_proposed_and_the_accepted_ones_join_the_corpus() {
    browser_test("article_paste", |b| async move {
        b.open("").await;
        let bundled = corpus::bundled().unwrap();
        let before = bundled.quotes.len();
        click(&b, ".add-article").await;
        let focused = || async {
            b.eval("return document.activeElement?.tagName + '.' + document.activeElement?.className").await
        };
        b.wait_until("the focus is in the text field", || async { focused().await == "TEXTAREA." }).await;
        type_into(&b, ".article-step textarea", ARTICLE).await;
        click(&b, ".article-find").await;
        b.wait_for(".proposal").await;
        b.wait_until("the focus is on what was found", || async { focused().await == "P.article-found" })
            .await;
        let expected: Vec<String> =
            propose(ARTICLE, &bundled.speakers).iter().map(|p| ARTICLE[p.text.clone()].to_owned()).collect();
        assert_eq!(marked_passages(&b).await, expected, "as the engine proposes them");
        // Markup in the article is shown as text.
        assert_eq!(b.find_all_count(".proposal-context script, .proposal-context b").await, 0);
        b.assert_accessible_in_both_schemes("the article step").await;
        b.save_screenshot("article").await;
        // Quotations start accepted, the reporter's sentence and the point do not.
        let accepted = b
            .eval("return [...document.querySelectorAll('.proposal-accept input')].map(i => i.checked)")
            .await;
        assert_eq!(accepted, serde_json::json!([true, false, true, false]));
        // The reader accepts the point too, and gives it a theme.
        click(&b, ".proposal:nth-child(4) .proposal-accept input").await;
        click(&b, ".proposal:nth-child(4) .article-theme input").await;
        // Nothing is added until the meeting is named.
        click(&b, ".article-add").await;
        b.wait_for(".article-step .import-needs").await;
        assert!(b.text(".article-step .import-needs").await.contains("title"));
        assert_eq!(b.text(".result-count").await, format!("{before} of {before} quotes"));
        type_into(&b, ".article-details:nth-of-type(2) label:nth-of-type(1) input", "Oslo talks").await;
        type_into(&b, ".article-details:nth-of-type(2) label:nth-of-type(2) input", "May 2022").await;
        type_into(&b, ".article-details:nth-of-type(1) label:nth-of-type(2) input", "Example News").await;
        assert_eq!(b.text(".article-add").await, "Add 3 quotes");
        click(&b, ".article-add").await;
        let after = before + 3;
        wait_for_count(&b, &format!("{after} of {after} quotes")).await;
        // The new speaker is a facet value, and the new quotes read as the article prints them.
        type_into(&b, "#search-input", "Costa").await;
        b.wait_until("the new quote is found", || async {
            b.text(".result-count").await.starts_with("1 of")
        })
        .await;
        let text = b.text(".quote-text").await;
        assert_eq!(text, "We want a fair order for all nations, not <script>alert(1)</script> for a few");
        assert!(b.text(".quote-card").await.contains("Ana Costa"));
        // A speaker the article gives no role to is named alone, with no dangling comma.
        assert_eq!(b.text(".quote-card .speaker").await, "Ana Costa");
        // The search box suggests what this corpus holds, now with the new speaker among it.
        let placeholder = b.eval("return document.querySelector('#search-input').placeholder").await;
        assert!(placeholder.as_str().is_some_and(|p| p.starts_with("e.g. ")), "{placeholder}");
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn a_txt_file_opens_as_an_article_and_a_file_that_is_none_changes_nothing() {
    browser_test_sized("article_file", (360, 800), |b| async move {
        b.open("").await;
        let bundled = b.text(".result-count").await;
        for (name, text, says) in [("empty.txt", "", "empty"), ("binary.txt", "PK\u{0}\u{3}\u{4}", "binary")]
        {
            crate::import::assert_refused_changing_nothing(&b, name, text, says).await;
        }
        pick_file(&b, "oslo.txt", ARTICLE).await;
        b.wait_for(".proposal").await;
        assert!(b.text("#article-heading").await.contains("oslo.txt"));
        let overflow = b
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        assert_eq!(overflow, 0, "the proposals fit a phone");
        b.eval("document.querySelector('.proposal').scrollIntoView(); return true").await;
        b.save_screenshot("article-360").await;
        // A known speaker can be chosen in place of the guess.
        choose(&b, ".proposal:nth-child(1) .import-options select", "wang-yi").await;
        b.wait_until("the new name's field goes", || async {
            b.find_all_count(".proposal:nth-child(1) input[type=text]").await == 0
        })
        .await;
        click(&b, ".article-step .import-actions:last-child button:nth-child(2)").await;
        b.wait_until("the step is gone", || async { b.find_all_count(".article-step").await == 0 }).await;
        assert_eq!(b.text(".result-count").await, bundled);
        b
    });
}
