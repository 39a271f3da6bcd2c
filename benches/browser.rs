//! Benchmark: quote-explorer in headless Chromium at 1k, 10k and 100k quotes, against the
//! JavaScript libraries people would otherwise use (MiniSearch for text, ItemsJS for facets
//! with counts), on identical data and queries in the same page. Prints tables; asserts
//! nothing. Run it with `scripts/bench` (which builds the release app first).

#[allow(dead_code)]
#[path = "../tests/browser/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::wd::TimeoutConfiguration;
use quote_explorer::corpus::synthetic;
use serde_json::{json, Value};
use support::{dist_dir, Browser, BrowserKind};

const SIZES: [(usize, &str); 3] = [(1_000, "1k"), (10_000, "10k"), (100_000, "100k")];
const ROUNDS: u32 = 5;
/// Loads of each corpus by each engine; the median is reported, with the range.
const LOADS: u32 = 5;
const SEED: u64 = 42;

fn main() {
    // `cargo bench` passes flags such as --bench; this benchmark takes none.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = root.join("target/bench-site");
    prepare_site(root, &site);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(run(&site));
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {} -> {}: {e}", from.display(), to.display()));
}

/// The release build, the bench pages, the JavaScript peers and the synthetic corpora, in one
/// folder to serve.
fn prepare_site(root: &Path, site: &Path) {
    let dist = dist_dir();
    let _ = std::fs::remove_dir_all(site);
    std::fs::create_dir_all(site).unwrap();
    let mut bindings = None;
    let mut wasm = None;
    for entry in std::fs::read_dir(&dist).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("quote-explorer-") && name.ends_with("_bg.wasm") {
            wasm = Some(name.clone());
        } else if name.starts_with("quote-explorer-") && name.ends_with(".js") {
            bindings = Some(name.clone());
        }
        if dist.join(&name).is_file() {
            copy(&dist.join(&name), &site.join(&name));
        }
    }
    let (bindings, wasm) = (bindings.expect("wasm-bindgen module in dist/"), wasm.expect("wasm in dist/"));
    let page = root.join("benches/page");
    let script = std::fs::read_to_string(page.join("bench.js")).unwrap();
    std::fs::write(
        site.join("bench.js"),
        script.replace("__BINDINGS__", &bindings).replace("__WASM__", &wasm),
    )
    .unwrap();
    for file in ["bench.html", "bench-app.html", "keystrokes.js"] {
        copy(&page.join(file), &site.join(file));
    }
    let npm = root.join("tools/node_modules");
    copy(&npm.join("minisearch/dist/es/index.js"), &site.join("minisearch.js"));
    copy(&npm.join("itemsjs/dist/index.module.js"), &site.join("itemsjs.js"));
    for (n, label) in SIZES {
        let corpus = synthetic::generate(n, SEED);
        std::fs::write(site.join(format!("corpus-{label}.json")), serde_json::to_string(&corpus).unwrap())
            .unwrap();
    }
}

fn gzipped(path: &Path) -> u64 {
    let out = Command::new("gzip").args(["-9", "-c"]).arg(path).output().expect("gzip");
    out.stdout.len() as u64
}

fn find(dir: &Path, prefix: &str, suffix: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(suffix)
        })
        .unwrap_or_else(|| panic!("no {prefix}*{suffix} in {}", dir.display()))
}

fn ms(v: &Value) -> String {
    v.as_f64().map_or_else(|| "-".into(), |x| format!("{x:.2}"))
}

async fn run(site: &Path) {
    let b = Browser::start(BrowserKind::Chromium, (1280, 900), site).await;
    b.client
        .update_timeouts(TimeoutConfiguration::new(Some(Duration::from_secs(600)), None, None))
        .await
        .unwrap();

    println!("\n## Engine: load + index, and per-query compute (ms; p50 / p95 over {ROUNDS} rounds of 30 queries)\n");
    b.client.goto(&b.server.url("bench.html")).await.unwrap();
    b.wait_until("the bench page is ready", || async {
        b.eval("return window.benchReady === true").await == true
    })
    .await;
    let mut all = Vec::new();
    for (n, label) in SIZES {
        let result = b
            .client
            .execute_async(
                "const [file, rounds, loads, done] = arguments; runEngines(file, rounds, loads).then(done, e => done({ error: String(e) }));",
                vec![json!(format!("corpus-{label}.json")), json!(ROUNDS), json!(LOADS)],
            )
            .await
            .unwrap();
        assert!(result.get("error").is_none(), "{result}");
        all.push((n, label, result));
    }
    println!("From the file's bytes to a ready index, median of {LOADS} loads each [fastest–slowest]; peers: decode + JSON.parse + build.\n");
    println!("| quotes | ours | MiniSearch | ItemsJS | (decode + JSON.parse alone) | fastest peer ÷ ours |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let with_spread = |r: &Value, key: &str| {
        format!(
            "{} [{}–{}]",
            ms(&r[format!("{key}_load")]),
            ms(&r[format!("{key}_spread")][0]),
            ms(&r[format!("{key}_spread")][1])
        )
    };
    for (_, label, r) in &all {
        let fastest_peer = r["minisearch_load"]
            .as_f64()
            .unwrap_or(f64::NAN)
            .min(r["itemsjs_load"].as_f64().unwrap_or(f64::NAN));
        println!(
            "| {label} | {} | {} | {} | {} | {:.2}× |",
            with_spread(r, "ours"),
            with_spread(r, "minisearch"),
            with_spread(r, "itemsjs"),
            ms(&r["parse"]),
            fastest_peer / r["ours_load"].as_f64().unwrap_or(f64::NAN)
        );
    }
    println!();
    println!("| quotes | query class | ours p50 / p95 | peer | peer p50 / p95 | peer ÷ ours (p95) | answers differing |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    for (_, label, r) in &all {
        for (class, peer) in [("facets", "itemsjs"), ("text", "minisearch"), ("both", "minisearch+itemsjs")] {
            let ours = &r["queries"][class]["ours"];
            let theirs = &r["queries"][class][peer];
            let ratio =
                theirs["p95"].as_f64().unwrap_or(0.0) / ours["p95"].as_f64().unwrap_or(f64::NAN).max(0.001);
            println!(
                "| {label} | {} | {} / {} | {peer} | {} / {} | {ratio:.1}× | {} of 30 |",
                match class {
                    "facets" => "facets + counts",
                    "text" => "text",
                    _ => "text + facets + counts",
                },
                ms(&ours["p50"]),
                ms(&ours["p95"]),
                ms(&theirs["p50"]),
                ms(&theirs["p95"]),
                r["disagreements"][class]
            );
        }
    }

    println!("\n## The app at 100k quotes: keystroke to paint (ms)\n");
    let started = Instant::now();
    b.client.goto(&b.server.url("bench-app.html")).await.unwrap();
    b.wait_until_within("the 100k corpus is loaded in the app", Duration::from_secs(120), || async {
        b.eval("return window.corpusLoaded && window.corpusLoaded(100000)").await == true
    })
    .await;
    println!(
        "corpus fetched, parsed, validated, indexed and first rendered: {:.0} ms",
        started.elapsed().as_secs_f64() * 1000.0
    );
    let typed = b
        .client
        .execute_async(
            "const done = arguments[0]; typeAndMeasure('democracy cooperation', 3).then(done, e => done({ error: String(e) }));",
            vec![],
        )
        .await
        .unwrap();
    let mut times: Vec<f64> = serde_json::from_value(typed["times"].clone()).expect("times");
    times.sort_by(|a, b| a.total_cmp(b));
    let pct = |p: f64| times[((p * times.len() as f64).ceil() as usize).saturating_sub(1)];
    println!(
        "keystrokes: {}; p50 {:.1} ms; p95 {:.1} ms; cards in the DOM after typing: {}; {}",
        times.len(),
        pct(0.5),
        pct(0.95),
        typed["cards"],
        typed["status"].as_str().unwrap_or_default()
    );

    println!("\n## First results painted, bundled corpus (ms after navigation; 5 loads)\n");
    let mut paints = Vec::new();
    for _ in 0..5 {
        b.client.goto(&b.server.url("index.html")).await.unwrap();
        b.wait_for("article[data-quote-id]").await;
        b.wait_until("first contentful paint is recorded", || async {
            b.eval("return performance.getEntriesByName('first-contentful-paint').length > 0").await == true
        })
        .await;
        let fcp = b.eval("return performance.getEntriesByName('first-contentful-paint')[0].startTime").await;
        paints.push(fcp.as_f64().unwrap());
    }
    paints.sort_by(|a, b| a.total_cmp(b));
    println!("first contentful paint (the quotes): median {:.0} ms, worst {:.0} ms", paints[2], paints[4]);

    println!("\n## Shipped bytes (gzip -9)\n");
    let dist = dist_dir();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let wasm = gzipped(&find(&dist, "quote-explorer-", "_bg.wasm"));
    let js = gzipped(&find(&dist, "quote-explorer-", ".js")) + gzipped(&find(&dist, "app-", ".js"));
    let css = gzipped(&root.join("style/main.css"));
    let corpus = gzipped(&root.join("data/corpus.json"));
    println!("| part | bytes |");
    println!("| --- | --- |");
    println!("| wasm (with the corpus and CSS compiled in) | {wasm} |");
    println!("| JS (wasm-bindgen glue + start-up) | {js} |");
    println!("| CSS (inside the wasm) | {css} |");
    println!("| bundled corpus JSON (inside the wasm) | {corpus} |");
    println!("| app code: wasm + JS − corpus − CSS | {} |", wasm + js - corpus - css);
    let _ = b.client.clone().close().await;
}
