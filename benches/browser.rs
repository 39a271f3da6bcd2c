//! Benchmark: what the release build costs to download (scripts/size) and the floor under its
//! first screen (scripts/floor: the smallest Leptos page of its shape), quote-explorer in
//! headless Chromium at 1k, 10k and 100k quotes against the JavaScript libraries people would
//! otherwise use (MiniSearch for text, ItemsJS for facets with counts) on identical data and
//! queries in the same page, the app itself at 100k quotes, and Lighthouse's scores. Prints
//! tables and writes them, headed by the commit measured, to docs/benchmark.md; asserts
//! nothing. Run it with `scripts/bench` (which builds the release app first).

#[allow(dead_code)]
#[path = "../tests/browser/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use fantoccini::wd::TimeoutConfiguration;
use quote_explorer::corpus::synthetic;
use serde_json::{json, Value};
use support::report::Report;
use support::{copy_dir, dist_dir, Browser, BrowserKind};

const SIZES: [(usize, &str); 3] = [(1_000, "1k"), (10_000, "10k"), (100_000, "100k")];
const ROUNDS: u32 = 5;
/// Loads of each corpus by each engine; the median is reported, with the range.
const LOADS: u32 = 5;
const SEED: u64 = 42;

/// Runs of the app at 100k quotes (load, then typing), and Lighthouse runs per preset.
const APP_RUNS: usize = 3;
const LIGHTHOUSE_RUNS: usize = 3;

fn main() {
    // `cargo bench` passes flags such as --bench; this benchmark takes none.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = root.join("target/bench-site");
    prepare_site(root, &site);
    let mut report = Report::default();
    let header = format!(
        "# Benchmark results\n\nWritten by `scripts/bench`; do not edit by hand.\n\n{}\n\n",
        support::report::measured_on(root)
    );
    for line in header.lines() {
        report.line(line);
    }
    let size = Command::new(root.join("scripts/size")).output().expect("scripts/size");
    assert!(size.status.success(), "scripts/size failed: {}", String::from_utf8_lossy(&size.stderr));
    for line in String::from_utf8_lossy(&size.stdout).lines() {
        report.line(line);
    }
    // What Leptos alone costs a page of the first screen's shape: the floor under it.
    let floor = Command::new(root.join("scripts/floor")).output().expect("scripts/floor");
    assert!(floor.status.success(), "scripts/floor failed: {}", String::from_utf8_lossy(&floor.stderr));
    for line in String::from_utf8_lossy(&floor.stdout).lines() {
        report.line(line);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(run(&site, &mut report));
    runtime.block_on(lighthouse(&mut report));
    let out = root.join("docs/benchmark.md");
    std::fs::write(&out, &report.0).unwrap();
    eprintln!("[bench] written to {}", out.display());
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {} -> {}: {e}", from.display(), to.display()));
}

/// The release build, the bench pages, the JavaScript peers and the synthetic corpora, in one
/// folder to serve.
fn prepare_site(root: &Path, site: &Path) {
    let _ = std::fs::remove_dir_all(site);
    // The build visitors get, at the root; the benchmark's build (with the engine's JavaScript
    // API, `scripts/bench` makes it) under engine/.
    copy_dir(&dist_dir(), site);
    let engine_dist = root.join("target/bench-dist");
    copy_dir(&engine_dist, &site.join("engine"));
    let mut bindings = None;
    let mut wasm = None;
    for entry in std::fs::read_dir(&engine_dist).expect("target/bench-dist: run scripts/bench") {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with("quote-explorer-") && name.ends_with("_bg.wasm") {
            wasm = Some(format!("engine/{name}"));
        } else if name.starts_with("quote-explorer-") && name.ends_with(".js") {
            bindings = Some(format!("engine/{name}"));
        }
    }
    let (bindings, wasm) = (
        bindings.expect("wasm-bindgen module in target/bench-dist"),
        wasm.expect("wasm in target/bench-dist"),
    );
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

fn ms(v: &Value) -> String {
    v.as_f64().map_or_else(|| "-".into(), |x| format!("{x:.2}"))
}

/// The p-th quantile (0..=1) of sorted values, by the nearest-rank method.
fn quantile(sorted: &[f64], p: f64) -> f64 {
    sorted[((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn sorted(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(|a, b| a.total_cmp(b));
    values
}

/// "median [lowest–highest]" of a few runs.
fn spread(values: &[f64], digits: usize) -> String {
    let v = sorted(values.to_vec());
    format!("{:.digits$} [{:.digits$}–{:.digits$}]", quantile(&v, 0.5), v[0], v[v.len() - 1])
}

async fn run(site: &Path, report: &mut Report) {
    let b = Browser::start(BrowserKind::Chromium, (1280, 900), site).await;
    b.client
        .update_timeouts(TimeoutConfiguration::new(Some(Duration::from_secs(600)), None, None))
        .await
        .unwrap();

    report.line(format!(
        "\n## Engine: load + index, and per-query compute (ms; p50 / p95 over {ROUNDS} rounds of 30 queries)\n"
    ));
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
    report.line(format!("From the file's bytes to a ready index, median of {LOADS} loads each [fastest–slowest]; peers: decode + JSON.parse + build.\n"));
    report
        .line("| quotes | ours | MiniSearch | ItemsJS | (decode + JSON.parse alone) | fastest peer ÷ ours |");
    report.line("| --- | --- | --- | --- | --- | --- |");
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
        report.line(format!(
            "| {label} | {} | {} | {} | {} | {:.2}× |",
            with_spread(r, "ours"),
            with_spread(r, "minisearch"),
            with_spread(r, "itemsjs"),
            ms(&r["parse"]),
            fastest_peer / r["ours_load"].as_f64().unwrap_or(f64::NAN)
        ));
    }
    report.line("");
    report.line("| quotes | query class | ours p50 / p95 | peer | peer p50 / p95 | peer ÷ ours (p95) | answers differing |");
    report.line("| --- | --- | --- | --- | --- | --- | --- |");
    for (_, label, r) in &all {
        for (class, peer) in [("facets", "itemsjs"), ("text", "minisearch"), ("both", "minisearch+itemsjs")] {
            let ours = &r["queries"][class]["ours"];
            let theirs = &r["queries"][class][peer];
            let ratio =
                theirs["p95"].as_f64().unwrap_or(0.0) / ours["p95"].as_f64().unwrap_or(f64::NAN).max(0.001);
            report.line(format!(
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
            ));
        }
    }

    report.line(
        "\nThe reading views, on the same 30 text queries (their words), each as its view builds it:\n",
    );
    report.line("| quotes | view | ours p50 / p95 | target p95 |");
    report.line("| --- | --- | --- | --- |");
    for (_, label, r) in &all {
        for view in ["concordance", "trends", "distinctive words"] {
            let t = &r["analysis"][view];
            report.line(format!("| {label} | {view} | {} / {} | ≤ 50 ms |", ms(&t["p50"]), ms(&t["p95"])));
        }
    }

    report.line(format!("\n## The app at 100k quotes ({APP_RUNS} runs; median [lowest–highest])\n"));
    report.line("Each run opens an embed of the app with a 100k-quote corpus (fetched, read, checked, indexed in slices, shown), then types \"democracy cooperation\" three times; a keystroke is timed from its input event to the frame after it is painted. A long task is one over 50 ms, when the page cannot answer input.\n");
    let (mut loads, mut longest, mut p50s, mut p95s, mut every) = (vec![], vec![], vec![], vec![], vec![]);
    let mut last_status = String::new();
    for _ in 0..APP_RUNS {
        b.client.goto(&b.server.url("bench-app.html")).await.unwrap();
        b.wait_until_within("the 100k corpus is loaded in the app", Duration::from_secs(120), || async {
            b.eval("return window.loading().loaded !== null").await == true
        })
        .await;
        let loading = b.eval("return window.loading()").await;
        loads.push(loading["loaded"].as_f64().unwrap());
        longest.push(loading["longest"].as_f64().unwrap());
        let typed = b
            .client
            .execute_async(
                "const done = arguments[0]; typeAndMeasure('democracy cooperation', 3).then(done, e => done({ error: String(e) }));",
                vec![],
            )
            .await
            .unwrap();
        let times = sorted(serde_json::from_value(typed["times"].clone()).expect("times"));
        p50s.push(quantile(&times, 0.5));
        p95s.push(quantile(&times, 0.95));
        every.extend(times);
        last_status = format!(
            "{} cards in the DOM; \"{}\"",
            typed["cards"],
            typed["status"].as_str().unwrap_or_default()
        );
    }
    let every = sorted(every);
    report.line("| measure | ms |");
    report.line("| --- | --- |");
    report.line(format!("| navigation to the whole corpus shown | {} |", spread(&loads, 0)));
    report.line(format!("| longest task while loading | {} |", spread(&longest, 0)));
    report.line(format!("| keystroke to paint, p50 per run | {} |", spread(&p50s, 1)));
    report.line(format!("| keystroke to paint, p95 per run | {} |", spread(&p95s, 1)));
    report.line(format!(
        "| keystroke to paint, all {} keystrokes: p50 / p95 / worst | {:.1} / {:.1} / {:.1} |",
        every.len(),
        quantile(&every, 0.5),
        quantile(&every, 0.95),
        every[every.len() - 1]
    ));
    report.line(format!("\nAfter the last run: {last_status}."));

    report.line("\n## First results painted, bundled corpus (ms after navigation; 5 loads)\n");
    report.line("The first results' frame is the first animation frame (the one about to be painted) in which a quote card is in the page, marked by a script the benchmark adds to the page before it loads; first contentful paint is the first paint of anything.\n");
    let (mut paints, mut results) = (Vec::new(), Vec::new());
    let results_mark = "performance.getEntriesByName('first results')";
    let watch = b
        .devtools(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({ "source": "const seen = () => document.querySelector('article[data-quote-id]') ? performance.mark('first results') : requestAnimationFrame(seen); requestAnimationFrame(seen);" }),
        )
        .await;
    for _ in 0..5 {
        b.client.goto(&b.server.url("index.html")).await.unwrap();
        b.wait_for("article[data-quote-id]").await;
        b.wait_until("first contentful paint and the results' frame are recorded", || async {
            b.eval(&format!(
                "return performance.getEntriesByName('first-contentful-paint').length > 0 && {results_mark}.length > 0"
            ))
            .await
                == true
        })
        .await;
        let fcp = b.eval("return performance.getEntriesByName('first-contentful-paint')[0].startTime").await;
        paints.push(fcp.as_f64().unwrap());
        results.push(b.eval(&format!("return {results_mark}[0].startTime")).await.as_f64().unwrap());
    }
    b.devtools("Page.removeScriptToEvaluateOnNewDocument", json!({ "identifier": watch["identifier"] }))
        .await;
    report.line("| measure | ms |");
    report.line("| --- | --- |");
    report.line(format!("| first contentful paint | {} |", spread(&paints, 0)));
    report.line(format!("| the frame that paints the first results | {} |", spread(&results, 0)));
    let _ = b.client.clone().close().await;
}

/// Lighthouse's scores for the page served as a static host serves it (gzip, long caching for
/// content-named files), with its mobile (the default: a slow phone on 4G) and desktop presets.
async fn lighthouse(report: &mut Report) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let program = root.join("tools/bench/node_modules/.bin/lighthouse");
    report.line(format!("\n## Lighthouse ({LIGHTHOUSE_RUNS} runs per preset; median [lowest–highest])\n"));
    if !program.is_file() {
        report.line("Lighthouse is not installed: run `scripts/setup --bench`.");
        return;
    }
    let server = support::StaticServer::hosting(&dist_dir());
    let url = server.url("index.html");
    let out = std::env::temp_dir().join(format!("qe-lighthouse-{}.json", std::process::id()));
    report.line("| preset | performance | accessibility | best practices | SEO | LCP ms | TBT ms |");
    report.line("| --- | --- | --- | --- | --- | --- | --- |");
    for preset in ["mobile", "desktop"] {
        let mut scores: [Vec<f64>; 4] = Default::default();
        let (mut lcp, mut tbt) = (vec![], vec![]);
        for _ in 0..LIGHTHOUSE_RUNS {
            let profile = std::env::temp_dir().join(format!("qe-lighthouse-profile-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&profile);
            let mut command = Command::new(&program);
            command
                .arg(&url)
                .args(["--output=json", "--quiet", "--only-categories=performance,accessibility,best-practices,seo"])
                .arg(format!("--output-path={}", out.display()))
                .arg(format!(
                    "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --user-data-dir={}",
                    profile.display()
                ))
                .env("CHROME_PATH", "/usr/bin/chromium");
            if preset == "desktop" {
                command.arg("--preset=desktop");
            }
            let status = command.status().expect("run lighthouse");
            let _ = std::fs::remove_dir_all(&profile);
            assert!(status.success(), "lighthouse failed ({preset})");
            let result: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
            for (i, category) in
                ["performance", "accessibility", "best-practices", "seo"].into_iter().enumerate()
            {
                scores[i].push(result["categories"][category]["score"].as_f64().unwrap_or(f64::NAN) * 100.0);
            }
            lcp.push(
                result["audits"]["largest-contentful-paint"]["numericValue"].as_f64().unwrap_or(f64::NAN),
            );
            tbt.push(result["audits"]["total-blocking-time"]["numericValue"].as_f64().unwrap_or(f64::NAN));
        }
        report.line(format!(
            "| {preset} | {} | {} | {} | {} | {} | {} |",
            spread(&scores[0], 0),
            spread(&scores[1], 0),
            spread(&scores[2], 0),
            spread(&scores[3], 0),
            spread(&lcp, 0),
            spread(&tbt, 0)
        ));
    }
    let _ = std::fs::remove_file(&out);
}
