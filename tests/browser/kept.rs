//! The reader's own corpus kept in this browser: there again on the next visit (a corpus
//! file, or the corpus an article made), set aside by "Back to the bundled quotes" and shown
//! again in one click, and gone for good with "Forget my corpus".

use crate::article::{type_into, ARTICLE};
use crate::own_corpus::{all_bundled, democracy_corpus, pick_file, wait_for_count};
use crate::support::page::click;
use crate::support::{browser_test, Browser};

async fn reload(b: &Browser) {
    b.client.refresh().await.expect("reload");
    b.wait_for(".result-count").await;
}

#[test]
fn a_corpus_the_reader_opened_is_there_on_their_next_visit_until_they_forget_it() {
    browser_test("kept_file", |b| async move {
        b.open("").await;
        let (mine, count) = democracy_corpus();
        pick_file(&b, "mine.json", &mine).await;
        let all_mine = format!("{count} of {count} quotes");
        wait_for_count(&b, &all_mine).await;
        b.wait_for(".forget-corpus").await;
        assert!(b.text(".corpus-origin").await.contains("kept in this browser"));
        reload(&b).await;
        wait_for_count(&b, &all_mine).await;
        assert_eq!(b.text("h1").await, "My democracy corpus");
        // Set aside: the next visit opens on the bundled quotes, and offers it again.
        click(&b, ".use-bundled").await;
        wait_for_count(&b, &all_bundled()).await;
        reload(&b).await;
        wait_for_count(&b, &all_bundled()).await;
        assert!(b.text(".corpus-kept").await.contains("mine.json"));
        click(&b, ".show-kept").await;
        wait_for_count(&b, &all_mine).await;
        // Forgotten: the bundled quotes, now and on the next visit, and nothing kept.
        click(&b, ".forget-corpus").await;
        wait_for_count(&b, &all_bundled()).await;
        assert!(b.text(".notice").await.contains("forgotten"));
        reload(&b).await;
        wait_for_count(&b, &all_bundled()).await;
        assert_eq!(b.find_all_count(".corpus-kept, .forget-corpus").await, 0);
        let left = b
            .eval_async(
                "const done = arguments[0];
                 const open = indexedDB.open('quote-explorer');
                 open.onsuccess = () => {
                   const get = open.result.transaction('kept').objectStore('kept').count();
                   get.onsuccess = () => done(get.result + localStorage.length);
                 };",
            )
            .await;
        assert_eq!(left, 0, "nothing of it is left in the browser");
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn an_added_article_is_there_on_the_next_visit() {
    browser_test("kept_article", |b| async move {
        b.open("").await;
        let before = quote_explorer::corpus::bundled().unwrap().quotes.len();
        pick_file(&b, "oslo.txt", ARTICLE).await;
        b.wait_for(".proposal").await;
        type_into(&b, ".article-details:nth-of-type(2) label:nth-of-type(1) input", "Oslo talks").await;
        type_into(&b, ".article-details:nth-of-type(2) label:nth-of-type(2) input", "2022").await;
        click(&b, ".article-add").await;
        let after = before + 2;
        wait_for_count(&b, &format!("{after} of {after} quotes")).await;
        b.wait_for(".forget-corpus").await;
        reload(&b).await;
        wait_for_count(&b, &format!("{after} of {after} quotes")).await;
        assert!(b.text(".corpus-origin").await.contains("the bundled quotes + oslo.txt"));
        b
    });
}
