//! What `quote-explorer build` writes, opened as a reader would: hosted on a static server,
//! as the single file from disk, and embedded in another page, each showing the corpus it
//! was given (its title, its quotes, the engine's answer to a filter) and nothing of the
//! bundled one.

use std::path::{Path, PathBuf};
use std::process::Command;

use quote_explorer::corpus::{self, synthetic, Corpus};
use quote_explorer::engine::Catalog;
use quote_explorer::store::PAGE_SIZE;
use quote_explorer::url_state;

use crate::support::page::{click, wait_for_ids};
use crate::support::{browser_test_in, dist_dir, Browser};

const TITLE: &str = "Harbour council: what was said";

/// Runs the installed form of the command, `build FILE --title … --out DIR`, on a corpus
/// unlike the bundled one; returns it and the folder written.
fn built(name: &str) -> (Corpus, PathBuf) {
    let work = std::env::temp_dir().join(format!("qe-built-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let theirs = synthetic::generate(150, 11);
    let file = work.join("harbour.json");
    std::fs::write(&file, serde_json::to_string(&theirs).unwrap()).unwrap();
    let out = work.join("explorer");
    let mut command = Command::new(env!("CARGO_BIN_EXE_quote-explorer"));
    command.arg("build").arg(&file).args(["--title", TITLE, "--out"]).arg(&out);
    // The command's own way to the prebuilt app, unless the tests were pointed at another.
    if dist_dir() == Path::new(env!("CARGO_MANIFEST_DIR")).join("dist") {
        command.env_remove("QUOTE_EXPLORER_APP");
    } else {
        command.env("QUOTE_EXPLORER_APP", dist_dir());
    }
    let run = command.output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("Wrote an explorer of 150 quotes"));
    (theirs, work)
}

fn ids(catalog: &Catalog, query_string: &str) -> Vec<String> {
    let results = catalog.search(&url_state::parse(query_string).query);
    results.quotes.iter().take(PAGE_SIZE).map(|&p| catalog.quote(p).id.clone()).collect()
}

/// The page shows `theirs`: its title, all its quotes, and the engine's answer to a filter.
async fn shows(b: &Browser, theirs: &Corpus) {
    let catalog = Catalog::new(theirs.clone());
    b.wait_for(".result-count").await;
    assert_eq!(b.text("h1").await, TITLE);
    assert_eq!(b.eval("return document.title").await, TITLE);
    assert_eq!(b.text(".result-count").await, format!("{0} of {0} quotes", theirs.quotes.len()));
    wait_for_ids(b, &ids(&catalog, "")).await;
    // The speaker with most quotes: at the top of the facet, whatever its length.
    let speaker = theirs
        .speakers
        .iter()
        .map(|s| &s.id)
        .max_by_key(|id| theirs.quotes.iter().filter(|q| q.speaker == **id).count())
        .unwrap();
    click(b, &format!("#facet-speaker-{speaker}")).await;
    wait_for_ids(b, &ids(&catalog, &format!("?speaker={speaker}"))).await;
    let bundled = corpus::bundled().unwrap();
    let page = b.eval("return document.body.innerText").await;
    assert!(!page.as_str().unwrap().contains(&bundled.speakers[0].name), "nothing of the bundled corpus");
    let placeholder = b.eval("return document.querySelector('#search-input').placeholder").await;
    assert_eq!(placeholder, catalog.search_example().as_str(), "the search box suggests this corpus's words");
    b.assert_no_console_errors().await;
}

#[test]
fn what_build_writes_is_an_explorer_of_the_given_corpus_hosted_from_disk_and_embedded() {
    let (theirs, work) = built("all");
    let site = work.join("explorer");
    std::fs::write(
        site.join("host.html"),
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A course page</title></head>
        <body><h1>Week 3</h1><div id="harbour" data-quote-explorer></div><script type="module" src="embed.js"></script></body></html>"#,
    )
    .unwrap();
    let count = theirs.quotes.len();
    let single = format!("file://{}", site.join("quote-explorer.html").display());
    browser_test_in("built", (1280, 900), &site.clone(), |b| async move {
        b.client.goto(&b.server.url("index.html")).await.unwrap();
        shows(&b, &theirs).await;
        b.client.goto(&single).await.unwrap();
        shows(&b, &theirs).await;
        b.client.goto(&b.server.url("host.html")).await.unwrap();
        b.wait_until("the embed shows the built corpus", || async {
            b.eval("return document.getElementById('harbour').shadowRoot?.querySelector('.result-count')?.textContent ?? null")
                .await
                == format!("{count} of {count} quotes")
        })
        .await;
        let heading = b
            .eval("return document.getElementById('harbour').shadowRoot.querySelector('h2').textContent")
            .await;
        assert_eq!(heading, TITLE);
        b
    });
    let _ = std::fs::remove_dir_all(work);
}
