//! Bringing your own corpus, in Chromium: opening and dropping files, `data-src` embeds,
//! refusals that leave the corpus in use alone, hostile content kept inert, the crash box
//! and exports.

use std::path::PathBuf;

use quote_explorer::corpus::{self, Corpus};
use quote_explorer::engine::{Catalog, Facet, Query};
use quote_explorer::export;
use serde_json::{json, Value};

use crate::support::expect::{bundled_count, engine_all_ids};
use crate::support::page::{click, export_files};
use crate::support::{browser_test, browser_test_in, dist_dir, Browser};

/// A corpus of its own: the bundled democracy quotes under another title.
pub(crate) fn democracy_corpus() -> (String, usize) {
    let catalog = Catalog::new(corpus::bundled().unwrap());
    let mut query = Query::default();
    query.select(Facet::Theme, "democracy");
    let positions = catalog.search(&query).quotes;
    let mut corpus: Corpus = serde_json::from_str(&export::to_corpus_json(&catalog, &positions)).unwrap();
    corpus.title = "My democracy corpus".into();
    (serde_json::to_string(&corpus).unwrap(), positions.len())
}

fn bundled_value() -> Value {
    serde_json::from_str(corpus::BUNDLED_JSON).unwrap()
}

/// The count line with every bundled quote shown.
pub(crate) fn all_bundled() -> String {
    bundled_count(corpus::bundled().unwrap().quotes.len())
}

/// Opens `text` as a file named `name` through the file picker, as a reader would.
pub(crate) async fn pick_file(b: &Browser, name: &str, text: &str) {
    b.client
        .execute(
            "const [name, text] = arguments;
             const input = document.querySelector('.open-corpus input[type=file]');
             const files = new DataTransfer();
             files.items.add(new File([text], name, { type: 'application/json' }));
             input.files = files.files;
             input.dispatchEvent(new Event('change', { bubbles: true }));",
            vec![json!(name), json!(text)],
        )
        .await
        .expect("pick a file");
}

pub(crate) async fn wait_for_count(b: &Browser, expected: &str) {
    b.wait_until(&format!("the count reads '{expected}'"), || async {
        let shown = b.eval("return document.querySelector('.result-count')?.textContent ?? document.querySelector('.crash')?.textContent").await;
        assert!(!shown.as_str().unwrap_or_default().contains("stopped because of a bug"), "crashed: {shown}");
        shown == expected
    })
    .await;
}

async fn error_messages(b: &Browser) -> Vec<String> {
    b.wait_for(".corpus-error").await;
    let messages = b
        .eval("return [...document.querySelectorAll('.corpus-problems li')].map(li => li.textContent)")
        .await;
    serde_json::from_value(messages).unwrap()
}

#[test]
fn a_picked_file_replaces_the_corpus_and_one_click_brings_the_bundled_quotes_back() {
    browser_test("pick_file", |b| async move {
        b.open("?theme=democracy&speaker=wang-yi").await;
        let (mine, count) = democracy_corpus();
        pick_file(&b, "mine.json", &mine).await;
        let wang_on_democracy = engine_all_ids("?theme=democracy&speaker=wang-yi").len();
        // The filters this corpus knows are kept.
        wait_for_count(&b, &format!("{wang_on_democracy} of {count} quotes")).await;
        assert_eq!(b.text("h1").await, "My democracy corpus");
        assert!(b.text(".corpus-origin").await.contains("mine.json"));
        click(&b, ".use-bundled").await;
        wait_for_count(&b, &bundled_count(wang_on_democracy)).await;
        assert_eq!(b.find_all_count(".corpus-origin:not(.corpus-kept)").await, 0);
        // The button went with the corpus it offered to leave; the focus went to the count.
        assert_eq!(b.eval("return document.activeElement.className").await, "result-count");
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn a_corpus_without_countries_has_no_side_filter_and_compares_other_ways() {
    browser_test("no_countries", |b| async move {
        b.open("?side=china&view=compare").await;
        let mut bare = bundled_value();
        for speaker in bare["speakers"].as_array_mut().unwrap() {
            speaker.as_object_mut().unwrap().remove("country");
        }
        pick_file(&b, "no-countries.json", &bare.to_string()).await;
        // The side filter it cannot apply is set aside, and said so; nothing breaks.
        wait_for_count(&b, &all_bundled()).await;
        assert_eq!(b.find_all_count("fieldset[data-facet=side]").await, 0);
        assert!(b.text(".notice").await.contains("Side"));
        assert_eq!(b.find_all_count(".compare-table").await, 0);
        assert!(b.text(".compare-empty").await.contains("fewer than two sides"));
        // Another way to compare still works.
        b.eval(
            "const s = document.querySelector('.compare-by select'); s.value = 'speaker';
                s.dispatchEvent(new Event('change', { bubbles: true })); return true",
        )
        .await;
        b.wait_for(".compare-table").await;
        assert_eq!(b.find_all_count(".compare-table thead th[data-column]").await, 2);
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn a_file_dropped_on_the_page_is_opened() {
    browser_test("drop_file", |b| async move {
        b.open("").await;
        let (mine, count) = democracy_corpus();
        b.client
            .execute(
                "window.__files = new DataTransfer();
                 window.__files.items.add(new File([arguments[0]], 'dropped.json'));
                 window.__drag = type => document.querySelector('.drop-zone').dispatchEvent(
                     new DragEvent(type, { dataTransfer: window.__files, bubbles: true, cancelable: true }));
                 window.__drag('dragover');",
                vec![json!(mine)],
            )
            .await
            .unwrap();
        b.wait_until("the drop hint shows", || async {
            b.eval("return getComputedStyle(document.querySelector('.drop-hint')).display !== 'none'").await
                == json!(true)
        })
        .await;
        let accepted = b.eval("return !window.__drag('drop')").await;
        assert_eq!(accepted, json!(true), "the page takes the drop (the browser does not open the file)");
        wait_for_count(&b, &format!("{count} of {count} quotes")).await;
        assert_eq!(
            b.eval("return getComputedStyle(document.querySelector('.drop-hint')).display").await,
            "none"
        );
        assert!(b.text(".corpus-origin").await.contains("dropped.json"));
        b
    });
}

#[test]
fn each_kind_of_broken_file_is_refused_with_its_problems_and_the_corpus_in_use_stays_usable() {
    let dangling = {
        let mut v = bundled_value();
        v["quotes"][12]["speaker"] = "wang".into();
        v["quotes"][3]["themes"][0] = "freedom".into();
        v.to_string()
    };
    let duplicated = {
        let mut v = bundled_value();
        let id = v["quotes"][0]["id"].clone();
        v["quotes"][5]["id"] = id;
        v.to_string()
    };
    let wrong_version = {
        let mut v = bundled_value();
        v["schema_version"] = 2.into();
        v.to_string()
    };
    let depth = 50_000;
    let nested_junk =
        format!(r#"{{"schema_version":1,"title":{}0{}}}"#, "[".repeat(depth), "]".repeat(depth));
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "page.html",
            "<!DOCTYPE html><html></html>".into(),
            vec!["Not JSON: expected value at line 1 column 1."],
        ),
        ("empty.json", String::new(), vec!["The corpus file is empty."]),
        (
            "v2.json",
            wrong_version,
            vec!["schema_version: this corpus is version 2, but this app reads version 1."],
        ),
        ("twice.json", duplicated, vec!["is used by an earlier entry; ids must be unique."]),
        (
            "dangling.json",
            dangling,
            vec![
                "quotes[3].themes[0]: 'freedom' is not a theme id.",
                "quotes[12].speaker: 'wang' is not a speaker id.",
            ],
        ),
        ("junk.json", nested_junk, vec!["title: expected text."]),
    ];
    browser_test("broken_files", |b| async move {
        b.open("").await;
        let (mine, count) = democracy_corpus();
        pick_file(&b, "mine.json", &mine).await;
        let in_use = format!("{count} of {count} quotes");
        wait_for_count(&b, &in_use).await;
        for (name, text, expected) in cases {
            pick_file(&b, name, &text).await;
            let messages = error_messages(&b).await;
            for wanted in &expected {
                assert!(
                    messages.iter().any(|m| m.contains(wanted)),
                    "{name}: no '{wanted}' in {messages:#?}"
                );
            }
            let error = b.text(".corpus-error").await;
            assert!(error.contains(name) && error.contains("My democracy corpus is still shown"), "{error}");
            assert_eq!(b.text(".result-count").await, in_use, "{name} left the corpus in use alone");
            click(&b, ".corpus-error button").await;
            b.wait_until("the message is dismissed", || async {
                b.find_all_count(".corpus-error").await == 0
            })
            .await;
            b.wait_until("the focus is on the count", || async {
                b.eval("return document.activeElement.className").await == "result-count"
            })
            .await;
        }
        // Still usable: a filter still filters.
        click(&b, "fieldset[data-facet=speaker] input[value=wang-yi]").await;
        b.wait_until("the speaker filter applies", || async { b.text(".result-count").await != in_use })
            .await;
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn a_200_mb_file_is_refused_by_its_size_with_a_clear_message() {
    browser_test("huge_file", |b| async move {
        b.open("").await;
        b.eval(
            "const input = document.querySelector('.open-corpus input[type=file]');
             const files = new DataTransfer();
             files.items.add(new File([new Uint8Array(200 * 1024 * 1024)], 'huge.json'));
             input.files = files.files;
             input.dispatchEvent(new Event('change'));
             return true",
        )
        .await;
        let messages = error_messages(&b).await;
        assert_eq!(messages, ["The file is 200 MB; the explorer opens corpus files of up to 100 MB."]);
        assert_eq!(b.text(".result-count").await, all_bundled());
        b
    });
}

#[test]
fn reading_a_large_file_shows_its_progress() {
    let large = serde_json::to_string(&corpus::synthetic::generate(40_000, 7)).unwrap();
    browser_test("progress", |b| async move {
        b.open("").await;
        // Records every status shown, however briefly.
        b.eval(
            "window.__progress = [];
             new MutationObserver(() => {
                 const status = document.querySelector('.corpus-status');
                 if (status) window.__progress.push([status.textContent, !!status.querySelector('progress')]);
             }).observe(document.body, { subtree: true, childList: true, characterData: true });
             return true",
        )
        .await;
        pick_file(&b, "large.json", &large).await;
        wait_for_count(&b, "40000 of 40000 quotes").await;
        let seen: Vec<(String, bool)> =
            serde_json::from_value(b.eval("return window.__progress").await).unwrap();
        assert!(
            seen.iter()
                .any(|(text, bar)| text.starts_with("Reading large.json: ") && text.contains(" of ") && *bar),
            "{seen:#?}"
        );
        assert!(
            seen.iter().any(|(text, _)| text.starts_with("Checking and indexing large.json")),
            "{seen:#?}"
        );
        b
    });
}

/// A copy of `dist/` with extra files beside it, for pages the release build does not ship.
fn site_with(name: &str, extra: &[(&str, String)]) -> PathBuf {
    let site = std::env::temp_dir().join(format!("qe-site-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(&site).unwrap();
    for entry in std::fs::read_dir(dist_dir()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_file() {
            std::fs::copy(entry.path(), site.join(entry.file_name())).unwrap();
        }
    }
    for (file, contents) in extra {
        let path = site.join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    site
}

#[test]
fn an_embed_loads_its_data_src_and_refuses_broken_or_foreign_ones_without_fetching_the_bundled_corpus() {
    let (mine, count) = democracy_corpus();
    let page = r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>data-src</title></head><body>
        <div id="mine" data-quote-explorer data-src="corpora/mine.json"></div>
        <div id="broken" data-quote-explorer data-src="corpora/broken.json"></div>
        <div id="missing" data-quote-explorer data-src="corpora/missing.json"></div>
        <div id="foreign" data-quote-explorer data-src="https://example.org/corpus.json"></div>
        <script type="module" src="embed.js"></script></body></html>"#;
    let site = site_with(
        "data-src",
        &[
            ("data-src.html", page.into()),
            ("corpora/mine.json", mine),
            ("corpora/broken.json", "{\"schema_version\": 1".into()),
        ],
    );
    browser_test_in("data_src", (1280, 900), &site.clone(), |b| async move {
        b.client.goto(&b.server.url("data-src.html")).await.unwrap();
        let inside = |id: &str, css: &str| {
            format!("return document.getElementById('{id}').shadowRoot?.querySelector('{css}')?.textContent ?? null")
        };
        let expected = format!("{count} of {count} quotes");
        b.wait_until("the embed shows its own corpus", || async {
            b.eval(&inside("mine", ".result-count")).await == expected
        })
        .await;
        for (id, message) in [
            ("broken", "Not JSON: EOF while parsing an object"),
            ("missing", "answered 404"),
            ("foreign", "Only a corpus on this page's own site can be loaded."),
        ] {
            b.wait_until(&format!("#{id} explains its refusal"), || async {
                b.eval(&inside(id, ".corpus-error")).await.as_str().is_some_and(|t| t.contains(message))
            })
            .await;
            // Every embed on the page names its own corpus, so the bundled one is never
            // fetched, and none is passed off as the one the page asked for.
            assert_eq!(b.eval(&inside(id, ".result-count")).await, "0 of 0 quotes", "#{id} shows no quotes");
        }
        let fetched = b
            .eval("return performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.includes('/corpus-'))")
            .await;
        assert_eq!(fetched, serde_json::json!([]), "the bundled corpus is not fetched");
        b
    });
    let _ = std::fs::remove_dir_all(site);
}

/// A corpus whose every text tries to run code, break out of its element or break the layout.
fn hostile_corpus() -> String {
    let mut v = bundled_value();
    let word = "W".repeat(10_000);
    let texts = [
        "<script>window.__pwned = 'script'</script>".to_owned(),
        "<img src=x onerror=\"window.__pwned = 'img'\">".to_owned(),
        "<a href=\"javascript:window.__pwned = 'link'\">click me</a>".to_owned(),
        "\u{202E}democracy\u{202C} reversed by a bidi override".to_owned(),
        word.clone(),
    ];
    v["quotes"] = v["quotes"].as_array().unwrap()[..texts.len()].to_vec().into();
    for (i, text) in texts.iter().enumerate() {
        let q = &mut v["quotes"][i];
        q["text"] = text.clone().into();
        q["context"] = format!("Before {text} after").into();
        q["variant_group"] = Value::Null;
        q["statement"] = Value::Null;
    }
    v["speakers"][0]["name"] = "<b onmouseover=\"window.__pwned = 'name'\">Wang</b>\u{202E}".into();
    let theme = v["quotes"][0]["themes"][0].clone();
    for t in v["themes"].as_array_mut().unwrap().iter_mut().filter(|t| t["id"] == theme) {
        t["label"] = format!("<svg onload=\"window.__pwned = 'svg'\">{word}").into();
    }
    v["meetings"][0]["place"] = "\u{2067}<iframe src=javascript:window.__pwned='iframe'>".into();
    v["sources"][0]["url"] = "javascript:window.__pwned = 'source link'".into();
    v["sources"][0]["headline"] = "<style>*{display:none}</style>Headline".into();
    v["sources"][1]["url"] = "https://example.org/story".into();
    v["quotes"][0]["source"] = v["sources"][0]["id"].clone();
    v["quotes"][1]["source"] = v["sources"][1]["id"].clone();
    v["title"] = "<script>window.__pwned = 'title'</script>".into();
    let json = v.to_string();
    corpus::parse(&json).unwrap_or_else(|e| panic!("the hostile corpus must be valid to be shown: {e}"));
    json
}

#[test]
fn hostile_content_renders_as_inert_text_and_no_script_runs() {
    let hostile = hostile_corpus();
    browser_test_in("hostile", (375, 800), &dist_dir(), |b| async move {
        b.open("").await;
        pick_file(&b, "hostile.json", &hostile).await;
        wait_for_count(&b, "5 of 5 quotes").await;
        // Everything on show: every card's details open.
        b.eval("document.querySelectorAll('.quote-details').forEach(d => d.open = true); return true").await;
        // The overview's own two drawings are the only SVG allowed.
        for element in ["script", "img", "iframe", "svg:not(.timeline):not(.theme-map)", "style", "b"] {
            let found = b.find_all_count(&format!(".qe-app {element}")).await;
            assert_eq!(found, 0, "a <{element}> element was made from the data");
        }
        let page_text = b.eval("return document.querySelector('.qe-app').textContent").await;
        let page_text = page_text.as_str().unwrap();
        for literal in [
            "<script>window.__pwned = 'script'</script>",
            "<img src=x onerror=",
            "<svg onload=",
            "<style>*{display:none}</style>Headline",
        ] {
            assert!(page_text.contains(literal), "'{literal}' is not shown as text");
        }
        // Only the https address is a link.
        let links: Vec<String> = serde_json::from_value(
            b.eval("return [...document.querySelectorAll('.qe-app a[href]')].map(a => a.getAttribute('href')).filter(h => !h.startsWith('#'))").await,
        )
        .unwrap();
        assert!(!links.is_empty() && links.iter().all(|h| h == "https://example.org/story"), "{links:?}");
        assert!(page_text.contains("not a web address, so not a link"));
        // Layout intact at 375 px: the 10,000-character word wraps, nothing scrolls sideways.
        let overflow = b
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        assert_eq!(overflow, json!(0), "the page scrolls sideways");
        // Bidi overrides stay inside their own element.
        let isolated = b
            .eval("return [...document.querySelectorAll('.quote-text p, .speaker-name, .meeting-place')].every(e => getComputedStyle(e).unicodeBidi === 'isolate')")
            .await;
        assert_eq!(isolated, json!(true));
        // Hover and click everything that might carry a handler.
        for card in b.client.find_all(fantoccini::Locator::Css(".quote-card .speaker-name")).await.unwrap() {
            let _ = card.click().await;
        }
        assert_eq!(b.eval("return window.__pwned === undefined").await, json!(true), "a script ran");
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn a_crash_shows_a_readable_box_with_a_reload_link_instead_of_a_blank_page() {
    browser_test("crash", |b| async move {
        b.open("?theme=democracy#no-such-quote").await;
        b.client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const bindings = [...document.querySelectorAll('link[rel=modulepreload], script[src]')]
                     .map(e => e.href || e.src).find(u => /quote-explorer-[0-9a-f]+\\.js$/.test(u));
                 import(bindings).then(m => { try { m.simulateCrash(); } catch (e) {} done(true); });",
                vec![],
            )
            .await
            .unwrap();
        let heading = b.text(".crash[role=alert] h2").await;
        assert_eq!(heading, "The quote explorer stopped because of a bug");
        assert_eq!(b.find_all_count(".quote-card").await, 0, "the broken explorer is replaced");
        let href = b.eval("return document.querySelector('.crash a.reload').href").await;
        assert_eq!(href, json!(b.server.url("?theme=democracy")));
        click(&b, ".crash a.reload").await;
        b.wait_for(".quote-card").await;
        assert_eq!(b.find_all_count(".crash").await, 0);
        b
    });
}

#[test]
fn citations_for_reference_managers_are_the_engines_for_the_results_and_for_one_quote() {
    browser_test("citations", |b| async move {
        let view = "?theme=democracy&speaker=wang-yi";
        b.open(view).await;
        let c = crate::support::expect::catalog();
        let positions = c.search(&quote_explorer::url_state::parse(view).query).quotes;
        let files = export_files(&b, &["CSL-JSON", "BibTeX", "RIS"]).await;
        let query = quote_explorer::url_state::parse(view).query;
        for (file, format) in files.iter().zip(export::Format::CITATIONS) {
            assert_eq!(*file, export::export(&c, &query, &positions, format).contents, "{}", format.label());
        }
        // One quote's, from its card's details.
        b.eval(
            "window.__exports = []; document.querySelector('.quote-card details').open = true; return true",
        )
        .await;
        b.wait_for(".quote-card .cite-button").await;
        click(&b, ".quote-card .cite-button[data-format=RIS]").await;
        let one: String = serde_json::from_value(
            b.client
                .execute_async(
                    "const [done] = arguments;
                     const wait = () => window.__exports.length < 1 ? setTimeout(wait, 50) : window.__exports[0].text().then(done);
                     wait();",
                    vec![],
                )
                .await
                .unwrap(),
        )
        .unwrap();
        assert_eq!(one, export::cite_one(&c, positions[0], export::Format::Ris).contents);
        let status = b.text(".quote-card .cite-as .export-status").await;
        assert!(status.starts_with("Saved as quote-") && status.ends_with(".ris."), "{status}");
        b
    });
}

#[test]
fn exports_hold_exactly_the_current_results() {
    browser_test("export", |b| async move {
        let view = "?theme=human-rights&kind=reported_statement";
        b.open(view).await;
        let expected = engine_all_ids(view);
        assert!(expected.len() > 1);
        let files = export_files(&b, &["CSV", "JSON", "Markdown"]).await;
        assert_eq!(files.len(), 3);
        let csv_ids: Vec<&str> = files[0]
            .split("\r\n")
            .skip(1)
            .filter(|l| !l.is_empty())
            .filter_map(|row| {
                expected.iter().find(|id| row.starts_with(&format!("{id},"))).map(String::as_str)
            })
            .collect();
        assert_eq!(csv_ids, expected.iter().map(String::as_str).collect::<Vec<_>>());
        let reopened = corpus::parse(&files[1]).expect("the JSON export is a valid corpus");
        assert_eq!(reopened.quotes.iter().map(|q| q.id.clone()).collect::<Vec<_>>(), expected);
        assert_eq!(files[2].matches("Quote id: ").count(), expected.len());
        assert!(files[2].contains(&bundled_count(expected.len())));
        // The file is named for what is in it.
        let query = quote_explorer::url_state::parse(view).query;
        let name = quote_explorer::export::file_name(
            &query,
            expected.len(),
            quote_explorer::export::Format::Markdown,
        );
        assert!(name.contains("theme-human-rights") && name.contains("kind-reported-statement"), "{name}");
        assert_eq!(b.text(".export-status").await, format!("Saved as {name}."));
        b
    });
}
