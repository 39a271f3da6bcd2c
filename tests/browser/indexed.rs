//! An embed pointed at a chunked index (`data-index`), as `quote-explorer index` writes it:
//! the meta file and the first pack for the first screen, then the facets file, then only
//! the packs of the quotes shown and the word chunks of what is searched, with every count
//! the engine's. (The page option,
//! `<body data-index>`, runs the tests of both modes: `QE_INDEX=1`, see `scripts/test`.)

use std::path::PathBuf;

use quote_explorer::corpus::synthetic;
use quote_explorer::engine::{Catalog, Query};
use quote_explorer::store::PAGE_SIZE;

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
