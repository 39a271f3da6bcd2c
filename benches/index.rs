//! Benchmark: the chunked static index (`quote-explorer index`, read by the app's index mode,
//! `data-index`) against Pagefind on the same synthetic corpora of 10k, 100k and 1M quotes
//! (Pagefind up to 100k): what building each index costs, its size on disk, and in headless
//! Chromium on a throttled network the time and bytes to the first results and to the next
//! query, and whether the counts shown are exact. Prints tables and writes them to
//! target/bench-index.md (every load, with the files it fetched, to target/bench-index.json);
//! asserts nothing.
//!
//! `cargo bench --bench index`; `QE_INDEX_BENCH_SIZES=10000` for a quick run.

#[allow(dead_code)]
#[path = "../tests/browser/support/mod.rs"]
mod support;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use fantoccini::wd::TimeoutConfiguration;
use quote_explorer::corpus::{synthetic, Corpus};
use serde_json::{json, Value};
use support::report::{command_output, Report};
use support::{copy_dir, dist_dir, Browser, BrowserKind, StaticServer};

const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];
const SEED: u64 = 7;
/// Loads of each page; the median is reported, with the range.
const LOADS: usize = 3;
/// Pagefind indexes one HTML page per quote: beyond this many, too long to wait for.
const PAGEFIND_MAX: usize = 100_000;
/// The next query's word, for both engines: in about a quarter of the synthetic quotes (every
/// word of its vocabulary is), and in no speaker name, meeting title or theme label, which our
/// search also reads, so that both engines should count the same quotes.
const WORD: &str = "hegemony";
/// How long a page may take to show its first results, or to answer the next query.
const LIMIT: Duration = Duration::from_secs(60);
/// A result count of another corpus's size, shown this long, is a failure: the page is not
/// reading the index.
const MISMATCH_LIMIT: Duration = Duration::from_secs(10);

/// Chromium's network emulation, the same for both engines.
const THROTTLE_NAME: &str = "fast 4G-ish";
const LATENCY_MS: u32 = 40;
const DOWN_MBIT: f64 = 10.0;
const UP_MBIT: f64 = 5.0;

/// Counts computed here from the corpus, to check what each engine shows.
struct Exact {
    quotes: usize,
    by_speaker: BTreeMap<String, usize>,
    word: usize,
    word_by_speaker: BTreeMap<String, usize>,
}

/// An index written: how long it took, and its files.
#[derive(Clone, Copy)]
struct Built {
    seconds: f64,
    bytes: u64,
    files: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Engine {
    Ours,
    /// Pagefind, in its page's main thread (`noWorker`), so that its fetches are in the page's
    /// resource timing.
    Pagefind,
    /// Pagefind as it runs by default, searching in a web worker (whose fetches the page's
    /// resource timing does not see).
    PagefindWorker,
}

/// One engine at one size: its index, and its page's loads (or why there are none).
struct Row {
    engine: Engine,
    quotes: usize,
    label: String,
    built: Result<Built, String>,
    loads: Result<Vec<(Value, Value)>, String>,
}

fn main() {
    // `cargo bench` passes flags such as --bench; this benchmark takes none.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sizes = sizes();
    let site = root.join("target/bench-index-site");
    let work = root.join("target/bench-index-work");
    for dir in [&site, &work] {
        let _ = std::fs::remove_dir_all(dir);
        std::fs::create_dir_all(dir).unwrap();
    }
    // The release build visitors get, at the root, beside our pages: embed.js and its files.
    copy_dir(&dist_dir(), &site);
    for file in ["measure.js", "pagefind-page.js"] {
        copy(&root.join("benches/index").join(file), &site.join(file));
    }
    // The native command as `cargo build --release --bin quote-explorer` makes it: cargo builds
    // it for a benchmark with the bench profile, which is the release profile, into
    // target/release, before the benchmark runs.
    let ours_program = PathBuf::from(env!("CARGO_BIN_EXE_quote-explorer"));
    let pagefind = pagefind_program(root);
    let pagefind_version =
        pagefind.as_ref().map(|p| command_output(p.to_str().unwrap(), &["--version"])).unwrap_or_default();

    let mut rows = Vec::new();
    let mut exact = BTreeMap::new();
    for &n in &sizes {
        let label = label(n);
        eprintln!("[bench] {label}: generating the corpus");
        let corpus = synthetic::generate(n, SEED);
        exact.insert(n, exact_counts(&corpus));
        let corpus_file = work.join(format!("corpus-{label}.json"));
        std::fs::write(&corpus_file, serde_json::to_string(&corpus).unwrap()).unwrap();

        eprintln!("[bench] {label}: quote-explorer index");
        let out = site.join(format!("ours-{label}"));
        let built = build_ours(&ours_program, &corpus_file, &out);
        std::fs::write(site.join(format!("ours-{label}.html")), ours_page(&label, n)).unwrap();
        rows.push(Row { engine: Engine::Ours, quotes: n, label: label.clone(), built, loads: Ok(vec![]) });
        let _ = std::fs::remove_file(&corpus_file);

        let pagefind_built = match &pagefind {
            None => Some(Err("not installed: `npm install --prefix tools`".to_string())),
            Some(_) if n > PAGEFIND_MAX => None,
            Some(program) => {
                eprintln!("[bench] {label}: one page per quote, then pagefind");
                Some(build_pagefind(program, &corpus, &site.join(format!("pf-{label}"))))
            }
        };
        match pagefind_built {
            None => {
                for engine in [Engine::Pagefind, Engine::PagefindWorker] {
                    let built = Err("not run".to_string());
                    rows.push(Row {
                        engine,
                        quotes: n,
                        label: label.clone(),
                        built,
                        loads: Err("not run".into()),
                    });
                }
            }
            Some(built) => {
                for (engine, worker) in [(Engine::Pagefind, false), (Engine::PagefindWorker, true)] {
                    let page = pagefind_page(&label, worker);
                    std::fs::write(
                        site.join(format!("pf-{label}{}.html", if worker { "-worker" } else { "" })),
                        page,
                    )
                    .unwrap();
                    let built = match &built {
                        Ok(b) => Ok(*b),
                        Err(e) => Err(e.clone()),
                    };
                    rows.push(Row { engine, quotes: n, label: label.clone(), built, loads: Ok(vec![]) });
                }
            }
        }
    }

    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(measure(&site, &mut rows));

    let mut report = Report::default();
    write_report(&mut report, root, &rows, &exact, &pagefind_version);
    let out = root.join("target/bench-index.md");
    std::fs::write(&out, &report.0).unwrap();
    // Every load as its page recorded it (the files fetched among it), to look into.
    let raw: Vec<Value> = rows
        .iter()
        .map(|row| {
            json!({
                "engine": engine_name(row.engine, &pagefind_version),
                "quotes": row.quotes,
                "build": row.built.as_ref().map(|b| json!({ "seconds": b.seconds, "bytes": b.bytes, "files": b.files }))
                    .unwrap_or_else(|e| json!(e)),
                "loads": row.loads.as_ref().map(|loads| json!(loads.iter().map(|(first, next)| json!({ "first": first, "next": next })).collect::<Vec<_>>()))
                    .unwrap_or_else(|e| json!(e)),
            })
        })
        .collect();
    std::fs::write(root.join("target/bench-index.json"), serde_json::to_string_pretty(&raw).unwrap())
        .unwrap();
    eprintln!("[bench] written to {} (and every load to target/bench-index.json)", out.display());
}

/// The corpus sizes: `QE_INDEX_BENCH_SIZES=10000,100000`, or all of [`SIZES`].
fn sizes() -> Vec<usize> {
    match std::env::var("QE_INDEX_BENCH_SIZES") {
        Ok(list) => list
            .split(',')
            .map(|s| s.trim().replace('_', ""))
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap_or_else(|_| panic!("QE_INDEX_BENCH_SIZES: {s} is not a number")))
            .collect(),
        Err(_) => SIZES.to_vec(),
    }
}

fn label(n: usize) -> String {
    match n {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {} -> {}: {e}", from.display(), to.display()));
}

/// The bytes and the number of the files under `dir`.
fn dir_size(dir: &Path) -> (u64, u64) {
    let mut total = (0, 0);
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let meta = entry.metadata().unwrap();
        if meta.is_dir() {
            let (bytes, files) = dir_size(&entry.path());
            total = (total.0 + bytes, total.1 + files);
        } else {
            total = (total.0 + meta.len(), total.1 + 1);
        }
    }
    total
}

/// Lowercased words of `text`, as a plain word match reads them.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

fn exact_counts(corpus: &Corpus) -> Exact {
    let names: BTreeMap<&str, &str> =
        corpus.speakers.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    let mut exact = Exact {
        quotes: corpus.quotes.len(),
        by_speaker: BTreeMap::new(),
        word: 0,
        word_by_speaker: BTreeMap::new(),
    };
    for quote in &corpus.quotes {
        let name = names[quote.speaker.as_str()].to_string();
        *exact.by_speaker.entry(name.clone()).or_default() += 1;
        if words(&quote.text).any(|w| w == WORD) {
            exact.word += 1;
            *exact.word_by_speaker.entry(name).or_default() += 1;
        }
    }
    exact
}

fn build_ours(program: &Path, corpus_file: &Path, out: &Path) -> Result<Built, String> {
    let started = Instant::now();
    let output = Command::new(program)
        .arg("index")
        .arg(corpus_file)
        .arg("--out")
        .arg(out)
        .output()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "quote-explorer index failed: {}",
            err.trim().lines().last().unwrap_or_default()
        ));
    }
    let (bytes, files) = dir_size(out);
    Ok(Built { seconds, bytes, files })
}

/// Pagefind's binary, from its npm package in tools/node_modules.
fn pagefind_program(root: &Path) -> Option<PathBuf> {
    let packages = root.join("tools/node_modules/@pagefind");
    let mut found = None;
    for entry in std::fs::read_dir(packages).ok()?.flatten() {
        for name in ["pagefind", "pagefind_extended"] {
            let path = entry.path().join("bin").join(name);
            if path.is_file() && found.is_none() {
                found = Some(path);
            }
        }
    }
    found
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// One HTML page per quote under `dir/q/`, then `pagefind --site dir`, timed; the pages are
/// removed afterwards (the benchmark's page reads only the index).
fn build_pagefind(program: &Path, corpus: &Corpus, dir: &Path) -> Result<Built, String> {
    let pages = dir.join("q");
    std::fs::create_dir_all(&pages).unwrap();
    let speakers: BTreeMap<&str, &str> =
        corpus.speakers.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    let meetings: BTreeMap<&str, (&str, &str)> =
        corpus.meetings.iter().map(|m| (m.id.as_str(), (m.title.as_str(), m.date.as_str()))).collect();
    let themes: BTreeMap<&str, &str> =
        corpus.themes.iter().map(|t| (t.id.as_str(), t.label.as_str())).collect();
    let sources: BTreeMap<&str, &str> =
        corpus.sources.iter().map(|s| (s.id.as_str(), s.headline.as_str())).collect();
    let mut page = String::new();
    for quote in &corpus.quotes {
        page.clear();
        let (title, date) = meetings[quote.meeting.as_str()];
        let _ = write!(
            page,
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{id}</title></head><body>\
             <main data-pagefind-body><p>{text}</p></main><div hidden>\
             <span data-pagefind-meta=\"id\">{id}</span>\
             <span data-pagefind-filter=\"speaker\">{speaker}</span>\
             <span data-pagefind-filter=\"meeting\">{title}</span>\
             <span data-pagefind-filter=\"date\">{date}</span>\
             <span data-pagefind-filter=\"kind\">{kind}</span>\
             <span data-pagefind-filter=\"source\">{source}</span>",
            id = escape(&quote.id),
            text = escape(&quote.text),
            speaker = escape(speakers[quote.speaker.as_str()]),
            title = escape(title),
            date = escape(date),
            kind = quote.kind.id(),
            source = escape(sources[quote.source.as_str()]),
        );
        for theme in &quote.themes {
            let _ = write!(
                page,
                "<span data-pagefind-filter=\"theme\">{}</span>",
                escape(themes[theme.as_str()])
            );
        }
        page.push_str("</div></body></html>\n");
        std::fs::write(pages.join(format!("{}.html", quote.id)), &page).unwrap();
    }
    let started = Instant::now();
    let output = Command::new(program)
        .arg("--site")
        .arg(dir)
        .args(["--output-subdir", "pagefind"])
        .output()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    let seconds = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_dir_all(&pages);
    if !output.status.success() {
        let err = String::from_utf8_lossy(&output.stderr);
        return Err(format!("pagefind failed: {}", err.trim().lines().last().unwrap_or_default()));
    }
    let (bytes, files) = dir_size(&dir.join("pagefind"));
    Ok(Built { seconds, bytes, files })
}

/// Our page: an embed of the release app reading the index, as a host page would have it.
fn ours_page(label: &str, quotes: usize) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>ours</title>\
         <script src=\"measure.js\"></script><script>bench.watchOurs({quotes}, {limit})</script></head>\
         <body><div data-quote-explorer data-index=\"ours-{label}/\"></div>\
         <script type=\"module\" src=\"embed.js\"></script></body></html>\n",
        limit = LIMIT.as_millis()
    )
}

fn pagefind_page(label: &str, worker: bool) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>pagefind</title>\
         <script src=\"measure.js\"></script></head>\
         <body><p class=\"result-count\"></p><ol class=\"results\"></ol>\
         <script type=\"module\">import {{ run }} from \"./pagefind-page.js\"; \
         run(\"./pf-{label}/pagefind/pagefind.js\", {{ noWorker: {} }});</script></body></html>\n",
        !worker
    )
}

fn page_of(row: &Row) -> String {
    match row.engine {
        Engine::Ours => format!("ours-{}.html", row.label),
        Engine::Pagefind => format!("pf-{}.html", row.label),
        Engine::PagefindWorker => format!("pf-{}-worker.html", row.label),
    }
}

/// Every page's loads, in one headless Chromium on the throttled network.
async fn measure(site: &Path, rows: &mut [Row]) {
    let b = Browser::start(BrowserKind::Chromium, (1280, 900), site).await;
    // As a static host serves: gzip on the fly (for the files stored gzipped, a second layer
    // the browser takes off), so that the app's code weighs what visitors download.
    let host = StaticServer::hosting(site);
    b.client
        .update_timeouts(TimeoutConfiguration::new(
            Some(LIMIT * 2),
            Some(LIMIT * 2),
            Some(Duration::from_secs(0)),
        ))
        .await
        .unwrap();
    b.devtools("Network.enable", json!({})).await;
    b.devtools("Network.setCacheDisabled", json!({ "cacheDisabled": true })).await;
    b.devtools(
        "Network.emulateNetworkConditions",
        json!({
            "offline": false,
            "latency": LATENCY_MS,
            "downloadThroughput": DOWN_MBIT * 1e6 / 8.0,
            "uploadThroughput": UP_MBIT * 1e6 / 8.0,
        }),
    )
    .await;
    throttle_check(&b, &host).await;
    for row in rows.iter_mut() {
        if row.loads.is_err() {
            continue;
        }
        if let Err(e) = &row.built {
            row.loads = Err(format!("no index: {e}"));
            continue;
        }
        let page = page_of(row);
        let mut loads = Vec::new();
        for i in 0..LOADS {
            eprintln!("[bench] {page}: load {}", i + 1);
            match load(&b, &host, &page).await {
                Ok(load) => loads.push(load),
                Err(e) => {
                    eprintln!("[bench] {page}: {e}");
                    row.loads = Err(e);
                    break;
                }
            }
        }
        if row.loads.is_ok() {
            row.loads = Ok(loads);
        }
    }
    let _ = b.client.clone().close().await;
}

/// That the throttling holds after a navigation: a file of known size takes as long as the
/// emulated network needs.
async fn throttle_check(b: &Browser, host: &StaticServer) {
    b.client.goto(&host.url("measure.js")).await.unwrap();
    let wasm = std::fs::read_dir(dist_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|name| name.starts_with("quote-explorer-") && name.ends_with("_bg.wasm"))
        .unwrap();
    let timed = b
        .client
        .execute_async(
            "const [file, done] = arguments; const t = performance.now();
             fetch(file, { cache: 'no-store' }).then(r => r.arrayBuffer())
                .then(a => done({ bytes: a.byteLength, ms: performance.now() - t }), e => done({ error: String(e) }));",
            vec![json!(wasm)],
        )
        .await
        .unwrap();
    let bytes = timed["bytes"].as_f64().unwrap_or(0.0);
    let expected = bytes * 8.0 / (DOWN_MBIT * 1e6) * 1e3 + f64::from(LATENCY_MS);
    eprintln!(
        "[bench] throttling check: {:.0} KB in {:.0} ms (the emulated network needs about {expected:.0} ms)",
        bytes / 1e3,
        timed["ms"].as_f64().unwrap_or(f64::NAN)
    );
}

/// One fresh load of `page`: its first results, then the next query, as the page recorded
/// them. On ours, the next query is typed once the facets file has arrived (when is
/// recorded with the first results), as a reader reading the first screen would.
async fn load(b: &Browser, host: &StaticServer, page: &str) -> Result<(Value, Value), String> {
    let started = Instant::now();
    b.client.goto(&host.url(page)).await.map_err(|e| format!("navigation: {e}"))?;
    let mut first = loop {
        let state = b.client.execute("return bench.state()", vec![]).await.map_err(|e| e.to_string())?;
        if !state["first"].is_null() {
            break state["first"].clone();
        }
        if let Some(error) = state["error"].as_str() {
            return Err(format!("failed: {}", error.lines().next().unwrap_or_default()));
        }
        if let Some(since) = state["mismatch"]["since"].as_f64() {
            let now = b.eval("return performance.now()").await.as_f64().unwrap_or(0.0);
            if now - since > MISMATCH_LIMIT.as_secs_f64() * 1e3 {
                return Err(format!(
                    "failed: showed \"{}\" for {} s, not the index's quotes",
                    state["mismatch"]["text"].as_str().unwrap_or_default(),
                    MISMATCH_LIMIT.as_secs()
                ));
            }
        }
        if started.elapsed() > LIMIT + Duration::from_secs(5) {
            return Err(format!("failed: no first results in {} s", LIMIT.as_secs()));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    if page.starts_with("ours-") {
        let facets = loop {
            let facets = b.eval("return bench.facetsOurs()").await;
            if !facets.is_null() {
                break facets;
            }
            if started.elapsed() > LIMIT + Duration::from_secs(5) {
                return Err(format!("failed: no facets file in {} s", LIMIT.as_secs()));
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        first["facetsMs"] = facets["ms"].clone();
        first["facetsBytes"] = facets["bytes"].clone();
        first["speakers"] = speakers_ours(b).await?;
    }
    let script = if page.starts_with("ours-") {
        "const [word, limit, done] = arguments; bench.nextOurs(word, limit).then(done, e => done({ error: String(e) }));"
    } else {
        "const [word, limit, done] = arguments; bench.next(word).then(done, e => done({ error: String(e) }));"
    };
    let next = b
        .client
        .execute_async(script, vec![json!(WORD), json!(LIMIT.as_millis() as u64)])
        .await
        .map_err(|e| format!("next query: {e}"))?;
    if let Some(error) = next["error"].as_str() {
        return Err(format!("next query failed: {}", error.lines().next().unwrap_or_default()));
    }
    let mut next = next;
    if page.starts_with("ours-") {
        next["speakers"] = speakers_ours(b).await?;
    }
    Ok((first, next))
}

/// Our page's speaker counts as its filter pane shows them, by name (read once the timings
/// are taken).
async fn speakers_ours(b: &Browser) -> Result<Value, String> {
    b.client
        .execute_async(
            "const [done] = arguments; bench.speakersOurs().then(done, e => done({ error: String(e) }));",
            vec![],
        )
        .await
        .map_err(|e| format!("reading the speaker counts: {e}"))
}

/// The p-th quantile (0..=1) of values, by the nearest-rank method.
fn quantile(values: &[f64], p: f64) -> f64 {
    let mut v = values.to_vec();
    v.sort_by(|a, b| a.total_cmp(b));
    v[((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1]
}

/// "median [lowest–highest]" of a few loads.
fn spread(values: &[f64], digits: usize) -> String {
    let (lo, hi) =
        values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    format!("{:.digits$} [{lo:.digits$}–{hi:.digits$}]", quantile(values, 0.5))
}

fn engine_name(engine: Engine, pagefind_version: &str) -> String {
    let version = pagefind_version.rsplit(' ').next().unwrap_or_default();
    match engine {
        Engine::Ours => "ours (chunked index)".into(),
        Engine::Pagefind => format!("Pagefind {version}"),
        Engine::PagefindWorker => format!("Pagefind {version}, web worker"),
    }
}

/// How many of `exact`'s values `shown` (value → count, from the page) gives exactly, and the
/// first that it does not.
fn compare_counts(shown: &Value, exact: &BTreeMap<String, usize>) -> (usize, usize, Option<String>) {
    let mut right = 0;
    let mut first_wrong = None;
    for (name, &count) in exact {
        let got = shown[name].as_u64();
        if got == Some(count as u64) {
            right += 1;
        } else if first_wrong.is_none() {
            first_wrong =
                Some(format!("{name}: {} for {count}", got.map_or("none".into(), |g| g.to_string())));
        }
    }
    (right, exact.len(), first_wrong)
}

/// The numbers in a result count such as "2,431 of 10,000 quotes".
fn numbers(text: &str) -> Vec<u64> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c.is_ascii_digit() { c } else { ' ' })
        .collect();
    digits.split_whitespace().filter_map(|n| n.parse().ok()).collect()
}

/// Whether the counts shown (in the last load) are exact: a short verdict for the table and
/// the details below it.
fn counts_verdict(row: &Row, exact: &Exact, first: &Value, next: &Value) -> (String, String) {
    match row.engine {
        Engine::Ours => {
            let (count, next_count) =
                (first["count"].as_str().unwrap_or(""), next["count"].as_str().unwrap_or(""));
            let ok_first = numbers(count).first() == Some(&(exact.quotes as u64));
            let ok_next = numbers(next_count).first() == Some(&(exact.word as u64));
            let (right, of, wrong) = compare_counts(&first["speakers"], &exact.by_speaker);
            let (word_right, word_of, word_wrong) = compare_counts(&next["speakers"], &exact.word_by_speaker);
            let ok = ok_first && ok_next && right == of && word_right == word_of;
            let mut detail = format!(
                "first screen \"{count}\" (exact: {} quotes), speaker counts (from the filter pane) {right} of \
                 {of} exact",
                exact.quotes
            );
            if let Some(w) = wrong {
                let _ = write!(detail, " (e.g. {w})");
            }
            let _ = write!(
                detail,
                "; \"{WORD}\": \"{next_count}\" (exact: {}), speaker counts {word_right} of {word_of} exact",
                exact.word
            );
            if let Some(w) = word_wrong {
                let _ = write!(detail, " (e.g. {w})");
            }
            (if ok { "yes".into() } else { "no".into() }, detail)
        }
        _ => {
            let results = first["results"].as_u64().unwrap_or(0);
            let (right, of, wrong) = compare_counts(&first["speakers"], &exact.by_speaker);
            let word_results = next["results"].as_u64().unwrap_or(0);
            let (word_right, word_of, word_wrong) = compare_counts(&next["speakers"], &exact.word_by_speaker);
            let ok = right == of && word_right == word_of && word_results == exact.word as u64;
            let mut detail = format!(
                "first screen (filter-only search, no filter): {results} results of {} quotes, {} shown; speaker \
                 counts (from {}) {right} of {of} exact",
                exact.quotes,
                first["shown"],
                first["filtersFrom"].as_str().unwrap_or("?")
            );
            if let Some(w) = wrong {
                let _ = write!(detail, " (e.g. {w})");
            }
            let _ = write!(
                detail,
                "; \"{WORD}\": {word_results} results (exact: {} quotes containing the word), speaker counts \
                 {word_right} of {word_of} exact",
                exact.word
            );
            if let Some(w) = word_wrong {
                let _ = write!(detail, " (e.g. {w})");
            }
            if results == 0 {
                detail.push_str("; the filter-only search with no filter returned no results, so the first screen has none");
            }
            (if ok { "yes".into() } else { "no".into() }, detail)
        }
    }
}

fn write_report(
    report: &mut Report,
    root: &Path,
    rows: &[Row],
    exact: &BTreeMap<usize, Exact>,
    pagefind_version: &str,
) {
    report.line("## The chunked index against Pagefind (`cargo bench --bench index`)\n");
    for line in support::report::measured_on(root).lines() {
        report.line(format!("{line}  "));
    }
    report.line("");
    report.line(format!(
        "Synthetic corpora (`synthetic::generate(n, {SEED})`: ~200-character quotes, 300 speakers, 40 themes). \
         **Ours**: `quote-explorer index` into a folder, read by the release app embedded in a page \
         (`<div data-quote-explorer data-index=…>`). **Pagefind** ({pagefind_version}): one HTML page per quote \
         (the text in `data-pagefind-body`; speaker, meeting, date, themes, kind and source as filters; the id as \
         meta), indexed by `pagefind --site`; its page imports `pagefind.js` and shows plain cards. Build time is \
         the indexing command's wall clock (for Pagefind, not counting writing its pages); the size is every file \
         in the output folder (Pagefind's includes its UI bundles). Both pages are served from 127.0.0.1 by the \
         tests' static server as a static host would (gzip on the fly, year-long caching of content-named files) to headless \
         Chromium with the browser cache disabled and the network emulated as **{THROTTLE_NAME}**: \
         {LATENCY_MS} ms latency per request, {DOWN_MBIT} Mbit/s down, {UP_MBIT} Mbit/s up. **First results**: \
         from navigation start to the moment a result card and the result count are in the page (ours: the unfiltered \
         list; Pagefind, which cannot list without a term: its filter-only search with no filter, the first 20 \
         results' data and the filter counts), timed in the page; bytes: the `transferSize` of the page and of every \
         resource it had fetched by then. **Next query**: the word \"{WORD}\" typed into the search box (Pagefind: \
         searched, with its first 20 results' data), from the input event to the new count with cards; bytes are \
         what it fetched (what was fetched before stays in memory); ours is typed once its facets file has arrived, \
         after the first results (when, is under the table). Median of {LOADS} fresh loads [lowest–highest]. \
         Pagefind runs in the page's main thread (`noWorker`) so that its fetches are in the page's resource \
         timing; the \"web worker\" rows are its default, whose fetches the page cannot see (bytes not measured)."
    ));
    report.line("");
    report.line("| engine | quotes | index build time | index size on disk | first results (ms) | bytes before first results (KB) | next query (ms) | bytes for next query (KB) | counts exact? |");
    report.line("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let mut details = Vec::new();
    for row in rows {
        let name = engine_name(row.engine, pagefind_version);
        let quotes = row.quotes.to_string();
        let (build, size) = match &row.built {
            Ok(b) => {
                (format!("{:.1} s", b.seconds), format!("{:.1} MB, {} files", b.bytes as f64 / 1e6, b.files))
            }
            Err(e) if e == "not run" => ("not run".into(), "not run".into()),
            Err(e) => {
                details.push(format!("- {name}, {}: {e}", row.label));
                ("failed".into(), "failed".into())
            }
        };
        let cells = match (&row.loads, &row.built) {
            (Ok(loads), Ok(_)) if !loads.is_empty() => {
                let values = |which: usize, key: &str, scale: f64| -> Vec<f64> {
                    loads
                        .iter()
                        .map(|l| if which == 0 { &l.0 } else { &l.1 })
                        .map(|v| v[key].as_f64().unwrap_or(f64::NAN) / scale)
                        .collect()
                };
                let worker = row.engine == Engine::PagefindWorker;
                let bytes =
                    |which| if worker { "n/a".to_string() } else { spread(&values(which, "bytes", 1e3), 0) };
                let (first, next) = loads.last().unwrap();
                let (verdict, detail) = counts_verdict(row, &exact[&row.quotes], first, next);
                // Ours: when the facets arrived. Pagefind's next query, in two: the search call
                // and the results' data after it.
                let split = if row.engine == Engine::Ours {
                    format!(
                        " The facets file ({} KB, every count for any filter or search) was in {} ms after \
                         navigation; the next query was typed then.",
                        spread(&values(0, "facetsBytes", 1e3), 0),
                        spread(&values(0, "facetsMs", 1.0), 0)
                    )
                } else {
                    format!(
                        " Its next query: the search call {} ms (its chunks fetched, then matching, ranking and \
                         counting every filter value in Pagefind's wasm), then the 20 results' data {} ms.",
                        spread(&values(1, "searchMs", 1.0), 0),
                        spread(&values(1, "dataMs", 1.0), 0)
                    )
                };
                if worker {
                    details.push(format!("- {name}, {}:{split}", row.label));
                } else {
                    details.push(format!(
                        "- {name}, {}: {detail}. Before first results: {} requests, of which code {:.0} KB \
                         (page, scripts, wasm) and index {:.0} KB; next query: {} requests.{split}",
                        row.label,
                        first["requests"],
                        first["code"].as_f64().unwrap_or(0.0) / 1e3,
                        (first["bytes"].as_f64().unwrap_or(0.0) - first["code"].as_f64().unwrap_or(0.0))
                            / 1e3,
                        next["requests"],
                    ));
                }
                [
                    spread(&values(0, "ms", 1.0), 0),
                    bytes(0),
                    spread(&values(1, "ms", 1.0), 0),
                    bytes(1),
                    verdict,
                ]
            }
            (Err(e), _) if e == "not run" => {
                ["not run".to_string(), "—".into(), "not run".into(), "—".into(), "—".into()]
            }
            (Err(e), _) => {
                details.push(format!("- {name}, {}: {e}", row.label));
                ["failed".to_string(), "—".into(), "failed".into(), "—".into(), "—".into()]
            }
            _ => ["failed".to_string(), "—".into(), "failed".into(), "—".into(), "—".into()],
        };
        report.line(format!(
            "| {name} | {quotes} | {build} | {size} | {} | {} | {} | {} | {} |",
            cells[0], cells[1], cells[2], cells[3], cells[4]
        ));
    }
    report.line("");
    for (n, e) in exact {
        report.line(format!(
            "Exact counts at {}: {} quotes, {} speakers; \"{WORD}\" is a word of {} quotes ({:.1}%).  ",
            label(*n),
            e.quotes,
            e.by_speaker.len(),
            e.word,
            e.word as f64 * 100.0 / e.quotes as f64
        ));
    }
    report.line("");
    for line in details {
        report.line(line);
    }
}
