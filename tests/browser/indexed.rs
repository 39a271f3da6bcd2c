//! An embed pointed at a chunked index (`data-index`), as `quote-explorer index` writes it:
//! the meta file and the first pack for the first screen, then the facets file, then only
//! the packs of the quotes shown and the word chunks of what is searched, with every count
//! the engine's. (The page option,
//! `<body data-index>`, runs the tests of both modes: `QE_INDEX=1`, see `scripts/test`.)

use std::path::PathBuf;

use quote_explorer::corpus::synthetic;
use quote_explorer::engine::{Catalog, Query};
use quote_explorer::store::PAGE_SIZE;

use crate::support::page::{click, wait_for_ids};
use crate::support::{browser_test_in, dist_dir, Browser};

/// The app's files, an index of `quotes` synthetic quotes under `idx/`, and a host page
/// embedding an explorer of it.
fn site(name: &str, quotes: usize) -> (Catalog, PathBuf) {
    let work = std::env::temp_dir().join(format!("qe-indexed-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let site = work.join("site");
    crate::support::copy_dir(&dist_dir(), &site);
    let corpus = synthetic::generate(quotes, 4);
    let file = work.join("corpus.json");
    std::fs::write(&file, serde_json::to_string(&corpus).unwrap()).unwrap();
    crate::support::write_index(&file, &site.join("idx"));
    std::fs::write(
        site.join("host.html"),
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A course page</title><link rel="icon" href="data:,"></head>
        <body><h1>Week 3</h1><div id="x" data-quote-explorer data-index="idx/"></div>
        <div id="broken" data-quote-explorer data-index="nowhere/"></div>
        <script type="module" src="embed.js"></script></body></html>"#,
    )
    .unwrap();
    (Catalog::new(corpus), site)
}

/// Points the app's own page in `site` at its index (`<body data-index>`).
fn read_index_on_the_page(site: &std::path::Path) {
    let page = std::fs::read_to_string(site.join("index.html")).unwrap();
    std::fs::write(site.join("index.html"), page.replacen("<body>", r#"<body data-index="idx/">"#, 1))
        .unwrap();
}

fn inside(id: &str, script: &str) -> String {
    format!("const root = document.getElementById('{id}').shadowRoot; if (!root) return null; {script}")
}

async fn count(b: &Browser) -> String {
    let text = b.eval(&inside("x", "return root.querySelector('.result-count')?.textContent ?? null")).await;
    text.as_str().unwrap_or_default().to_owned()
}

async fn ids(b: &Browser) -> Vec<String> {
    let ids = b
        .eval(&inside("x", "return [...root.querySelectorAll('.quote-card')].map(c => c.dataset.quoteId)"))
        .await;
    serde_json::from_value(ids).unwrap_or_default()
}

/// How many packs of quotes have been fetched so far.
async fn packs_fetched(b: &Browser) -> usize {
    fetched(b).await.iter().filter(|n| n.starts_with("quotes-")).count()
}

/// The index's files fetched so far, by kind ("meta", "facets", "words", "quotes", …).
async fn fetched(b: &Browser) -> Vec<String> {
    let names = b
        .eval("return performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/idx/')).map(n => n.split('/idx/')[1])")
        .await;
    serde_json::from_value(names).unwrap()
}

fn engine_ids(catalog: &Catalog, query: &Query) -> Vec<String> {
    let results = catalog.search(query);
    results.quotes.iter().take(PAGE_SIZE).map(|&p| catalog.quote(p).id.clone()).collect()
}

#[test]
fn an_embed_reads_an_index_fetching_only_what_its_view_needs() {
    let (catalog, site) = site("embed", 3_000);
    browser_test_in("indexed_embed", (1280, 900), &site.clone(), |b| async move {
        b.client.goto(&b.server.url("host.html")).await.unwrap();
        let total = format!("{0} of {0} quotes", catalog.len());
        b.wait_until("the first page of the index is shown", || async {
            count(&b).await == total && ids(&b).await == engine_ids(&catalog, &Query::default())
        })
        .await;
        // Then the facets file, which anything after the first screen needs.
        b.wait_until("the facets file arrives", || async {
            fetched(&b).await.iter().any(|n| n.starts_with("facets-"))
        })
        .await;
        let mut first: Vec<String> = fetched(&b).await;
        first.sort();
        let kinds: Vec<&str> = first.iter().map(|n| n.split('-').next().unwrap()).collect();
        assert_eq!(kinds, ["facets", "index.json", "meta", "quotes"], "one pack and no words: {first:?}");
        // The entry file is asked for before the app's wasm, by the page's start-up script;
        // the meta file and the first pack at once; the facets only once both are in.
        let timing = |name: &str| {
            format!("const e = performance.getEntriesByType('resource').find(e => e.name.includes('{name}')); return e ? [e.startTime, e.responseEnd] : null")
        };
        let at = |v: serde_json::Value| -> (f64, f64) { serde_json::from_value(v).unwrap() };
        let entry = at(b.eval(&timing("/idx/index.json")).await);
        let wasm = at(b.eval(&timing("_bg.wasm")).await);
        let meta = at(b.eval(&timing("/idx/meta-")).await);
        let pack = at(b.eval(&timing("/idx/quotes-")).await);
        let facets = at(b.eval(&timing("/idx/facets-")).await);
        assert!(entry.0 <= wasm.0, "index.json at {entry:?}, the wasm at {wasm:?}");
        assert!(
            pack.0 < meta.1 && meta.0 < pack.1,
            "the meta file {meta:?} and the first pack {pack:?} at once"
        );
        assert!(facets.0 >= meta.1.max(pack.1), "the facets {facets:?} after the first screen's files");
        let bundled_fetched = b
            .eval("return performance.getEntriesByType('resource').some(e => e.name.includes('/corpus-'))")
            .await;
        assert_eq!(
            bundled_fetched, false,
            "an embed with an index of its own never fetches the bundled corpus"
        );

        // A search fetches the chunks of its words, and answers as the engine does.
        let typed = "democracy";
        b.eval(&inside(
            "x",
            &format!("const i = root.querySelector('input[type=search]'); i.value = '{typed}'; i.dispatchEvent(new Event('input', {{ bubbles: true }})); return true"),
        ))
        .await;
        let query = Query::text(typed);
        let expected = engine_ids(&catalog, &query);
        let matching = catalog.search(&query).quotes.len();
        b.wait_until("the search's quotes are shown", || async {
            count(&b).await == format!("{matching} of {} quotes", catalog.len()) && ids(&b).await == expected
        })
        .await;
        let words = fetched(&b).await.into_iter().filter(|n| n.starts_with("words-")).count();
        assert!((1..=2).contains(&words), "{words} word chunks for one word");

        // An index that is not there is said in its own embed; the other is unharmed.
        b.wait_until("the missing index is explained", || async {
            let error = b
                .eval(&inside("broken", "return root.querySelector('.corpus-error')?.textContent ?? null"))
                .await;
            error.as_str().is_some_and(|t| t.contains("answered 404"))
        })
        .await;
        // The one error the browser logs is the missing index's 404.
        let errors = b.console_errors().await.unwrap_or_default();
        assert!(errors.iter().all(|e| e.contains("nowhere/index.json")), "{errors:#?}");
        b
    });
    let _ = std::fs::remove_dir_all(site.parent().unwrap());
}

#[test]
fn a_link_to_a_quote_far_down_the_list_fetches_its_page_alone_and_can_show_the_quotes_before() {
    let (catalog, site) = site("far_link", 3_000);
    // The page's own explorer (an embed does not follow links), reading the index.
    read_index_on_the_page(&site);
    let all = catalog.search(&Query::default()).quotes;
    let id_at = move |rank: usize| catalog.quote(all[rank]).id.clone();
    let last = 3_000 - 1;
    let its_page = last / PAGE_SIZE * PAGE_SIZE;
    browser_test_in("indexed_far_link", (1280, 900), &site.clone(), |b| async move {
        let linked = id_at(last);
        b.client.goto(&b.server.url(&format!("index.html#{linked}"))).await.unwrap();
        b.wait_until("the linked quote is in view and open", || async {
            b.eval(&format!(
                "const card = document.querySelector(\"article[data-quote-id='{linked}']\");
                 const r = card?.getBoundingClientRect();
                 return !!r && r.top >= 0 && r.top < innerHeight && card.querySelector('details').open"
            ))
            .await
                == true
        })
        .await;
        let shown: Vec<String> = (its_page..=last).map(&id_at).collect();
        assert_eq!(b.quote_ids().await, shown, "the linked quote's page alone");
        // The first screen's pack and the linked quote's, not the 149 packs before it.
        assert_eq!(packs_fetched(&b).await, 2);

        // Above the list, where a reader scrolls back up to (the sticky count would cover it).
        b.eval("window.scrollTo(0, 0); return true").await;
        click(&b, ".show-earlier").await;
        let shown: Vec<String> = (its_page - PAGE_SIZE..=last).map(&id_at).collect();
        wait_for_ids(&b, &shown).await;
        assert_eq!(packs_fetched(&b).await, 3, "one more pack for the page before");
        let first = id_at(its_page - PAGE_SIZE);
        b.wait_until("the focus is on the first card added", || async {
            b.eval("return document.activeElement?.dataset?.quoteId ?? null").await == first.as_str()
        })
        .await;
        b
    });
    let _ = std::fs::remove_dir_all(site.parent().unwrap());
}

#[test]
fn an_export_from_an_index_fetches_every_result_and_writes_what_memory_would() {
    use quote_explorer::export::{export, Format};
    let (catalog, site) = site("export", 3_000);
    read_index_on_the_page(&site);
    // More results than a page, scattered over many packs, and few enough to export.
    let query = Query::text("hegemony");
    let results = catalog.search(&query);
    assert!((200..=1000).contains(&results.quotes.len()), "{}", results.quotes.len());
    let expected = export(&catalog, &query, &results.quotes, Format::Csv);
    browser_test_in("indexed_export", (1280, 900), &site.clone(), |b| async move {
        // Every quote of the index is too many to export from it: said, and not offered.
        b.client.goto(&b.server.url("index.html")).await.unwrap();
        b.wait_for(".export-label").await;
        assert!(b.text(".export-label").await.contains("at most 1000 quotes"));
        assert_eq!(b.eval("return document.querySelector('.export-button').disabled").await, true);

        b.client.goto(&b.server.url("index.html?q=hegemony")).await.unwrap();
        b.wait_until("the search's results are counted", || async {
            b.text(".export-label").await == format!("Export {} quotes as", results.quotes.len())
        })
        .await;
        b.eval(
            "window.saved = []; const make = URL.createObjectURL;
             URL.createObjectURL = (blob) => { window.saved.push(blob); return make.call(URL, blob); };
             HTMLAnchorElement.prototype.click = function () {}; return true",
        )
        .await;
        let before = packs_fetched(&b).await;
        click(&b, ".export-button[data-format='CSV']").await;
        b.wait_until("the file is saved", || async {
            b.text(".export-status").await.starts_with("Saved as")
        })
        .await;
        assert_eq!(b.text(".export-status").await, format!("Saved as {}.", expected.file_name));
        let saved = b
            .client
            .execute_async("const [done] = arguments; window.saved[0].text().then(done)", vec![])
            .await
            .unwrap();
        // (Blob.text() reads past the byte order mark the CSV starts with, for spreadsheets.)
        let wanted = expected.contents.strip_prefix('\u{feff}').unwrap();
        assert_eq!(saved.as_str().unwrap(), wanted, "every result, as memory writes it");
        let packs = packs_fetched(&b).await;
        assert!(packs > before + 10, "the results' packs were fetched: {before}, then {packs}");
        b
    });
    let _ = std::fs::remove_dir_all(site.parent().unwrap());
}
