//! Harness for the end-to-end tests: serves the release build in `dist/`, starts
//! chromedriver and a headless Chromium, and gives each test a fresh browser session.
//! Only W3C WebDriver is used, so other browsers' drivers can take Chromium's place.

pub mod expect;
pub mod page;
// What the benchmarks (which share this harness) say about the run; the tests need none of it.
#[allow(dead_code)]
pub mod report;
mod server;

use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
pub use server::StaticServer;

/// Where the release build is; `scripts/test` builds it before running the tests.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("QUOTE_EXPLORER_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        dir.join("index.html").is_file(),
        "No release build at {}: the browser tests need one. Run scripts/test (the README's test \
         command), which builds it, or `trunk build --release --offline` first.",
        dir.display()
    );
    dir
}

fn find_program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Which browser the tests drive: `QE_BROWSER=chromium` (the default), `firefox` or `webkit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowserKind {
    Chromium,
    Firefox,
    Webkit,
}

impl BrowserKind {
    pub fn from_env() -> BrowserKind {
        match std::env::var("QE_BROWSER").as_deref() {
            Ok("firefox") => BrowserKind::Firefox,
            Ok("webkit") => BrowserKind::Webkit,
            Ok("chromium") | Err(_) => BrowserKind::Chromium,
            Ok(other) => panic!("QE_BROWSER={other}: expected chromium, firefox or webkit"),
        }
    }

    fn driver(self) -> (&'static str, &'static str) {
        match self {
            BrowserKind::Chromium => ("chromedriver", "Debian packages chromium and chromium-driver"),
            BrowserKind::Firefox => {
                ("geckodriver", "Debian package firefox-esr and `cargo install geckodriver`")
            }
            BrowserKind::Webkit => ("WebKitWebDriver", "Debian packages webkit2gtk-driver and xvfb"),
        }
    }

    fn binary(self) -> PathBuf {
        let found = match self {
            BrowserKind::Chromium => std::env::var_os("CHROMIUM_BIN")
                .map(PathBuf::from)
                .or_else(|| find_program("chromium"))
                .or_else(|| find_program("chromium-browser")),
            BrowserKind::Firefox => find_program("firefox-esr").or_else(|| find_program("firefox")),
            BrowserKind::Webkit => {
                Some(PathBuf::from("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser"))
                    .filter(|p| p.is_file())
            }
        };
        found.unwrap_or_else(|| {
            panic!("{self:?} is not installed: the browser tests need it. Run scripts/test, which installs it ({}).", self.driver().1)
        })
    }

    fn capabilities(self, profile: &Path, (width, height): (u32, u32)) -> serde_json::Map<String, Value> {
        let binary = self.binary();
        let caps = match self {
            BrowserKind::Chromium => json!({
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": binary,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", "--no-first-run",
                        format!("--user-data-dir={}", profile.display()),
                        format!("--window-size={width},{height}"),
                    ],
                },
                "goog:loggingPrefs": { "browser": "ALL" },
            }),
            BrowserKind::Firefox => json!({
                "browserName": "firefox",
                "moz:firefoxOptions": {
                    "binary": binary,
                    "args": ["-headless", format!("--width={width}"), format!("--height={height}")],
                    // Nothing may leave the machine: no updates, telemetry or safe-browsing lists.
                    "prefs": {
                        "app.update.enabled": false,
                        "browser.safebrowsing.malware.enabled": false,
                        "browser.safebrowsing.phishing.enabled": false,
                        "datareporting.policy.dataSubmissionEnabled": false,
                        "network.captive-portal-service.enabled": false,
                        "network.connectivity-service.enabled": false,
                        "toolkit.telemetry.enabled": false,
                    },
                },
            }),
            BrowserKind::Webkit => json!({
                "browserName": "MiniBrowser",
                "webkitgtk:browserOptions": { "binary": binary, "args": ["--automation"] },
            }),
        };
        caps.as_object().unwrap().clone()
    }
}

/// A running WebDriver server for the chosen browser, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(kind: BrowserKind) -> Driver {
        let (name, packages) = kind.driver();
        let program = find_program(name).unwrap_or_else(|| {
            panic!("{name} is not on PATH: the browser tests need it. Run scripts/test, which installs it ({packages}).")
        });
        let port = free_port();
        let mut command = Command::new(program);
        match kind {
            BrowserKind::Firefox => command.args(["--host", "127.0.0.1", "--port", &port.to_string()]),
            _ => command.arg(format!("--port={port}")),
        };
        let child =
            command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("start the WebDriver server");
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One test's world: a server for `dist/`, a driver, and a browser session.
pub struct Browser {
    pub client: Client,
    pub server: StaticServer,
    pub kind: BrowserKind,
    _driver: Driver,
    _profile: TempDir,
}

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Chromedriver's console log, which W3C WebDriver has no command for.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "type": "browser" }).to_string()))
    }
}

/// A Chrome DevTools Protocol command, through chromedriver's extension endpoint.
#[derive(Debug)]
struct DevTools {
    command: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for DevTools {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(json!({ "cmd": self.command, "params": self.params }).to_string()))
    }
}

impl Browser {
    /// Starts a browser session with a server for the files in `root`.
    pub async fn start(kind: BrowserKind, size: (u32, u32), root: &Path) -> Browser {
        let server = StaticServer::start(root);
        let driver = Driver::start(kind);
        let profile =
            TempDir(std::env::temp_dir().join(format!("qe-browser-{}-{}", std::process::id(), driver.port)));
        let caps = kind.capabilities(&profile.0, size);
        let webdriver = format!("http://127.0.0.1:{}", driver.port);
        let deadline = Instant::now() + Duration::from_secs(60);
        let client = loop {
            match ClientBuilder::rustls().expect("tls").capabilities(caps.clone()).connect(&webdriver).await {
                Ok(client) => break client,
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(200)).await,
                Err(e) => panic!("could not start a {kind:?} session through its WebDriver server: {e}"),
            }
        };
        if kind != BrowserKind::Chromium {
            let _ = client.set_window_size(size.0, size.1).await;
        }
        let browser = Browser { client, server, kind, _driver: driver, _profile: profile };
        if kind == BrowserKind::Chromium {
            // A window is never narrower than 500 px; a phone-sized viewport must be emulated.
            let (width, height) = size;
            browser
                .devtools(
                    "Emulation.setDeviceMetricsOverride",
                    json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600 }),
                )
                .await;
        }
        browser
    }

    /// Opens a page of the app, `path` relative to its root (e.g. "?theme=democracy"),
    /// and waits until the quotes are on screen.
    pub async fn open(&self, path: &str) {
        self.client.goto(&self.server.url(path)).await.expect("navigate");
        self.wait_for(".result-count").await;
        // A corpus on its way (a chunked index's first files, then a search's words) says so
        // in place of a count.
        self.wait_until("the quotes have arrived", || async {
            let count = self.text(".result-count").await;
            let arrived = !count.starts_with("Loading") && !count.starts_with("Searching");
            // With a chunked index, the cards follow the count once their pack is in (in
            // memory they come with it, and other views show none).
            let chunked = std::env::var_os("QE_INDEX").is_some();
            arrived && (!chunked || count.starts_with("0 of") || self.find_all_count(".quote-card").await > 0)
        })
        .await;
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("'{css}' did not appear: {e}"))
    }

    /// How many elements match `css` now.
    pub async fn find_all_count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.map_or(0, |found| found.len())
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.expect("text")
    }

    /// Runs JavaScript in the page and returns its result.
    pub async fn eval(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.expect("run script")
    }

    /// Checks the page with axe-core in the light and in the dark colour scheme (`what` names
    /// it in a failure), and leaves it light.
    pub async fn assert_accessible_in_both_schemes(&self, what: &str) {
        for scheme in ["light", "dark"] {
            self.emulate_media("", Some(scheme)).await;
            let found = self.accessibility_violations().await;
            assert!(found.is_empty(), "{what}, {scheme}: {found:#?}");
        }
        self.emulate_media("", Some("light")).await;
    }

    /// Saves what the page shows as `target/browser-screenshots/{name}.png`, for a person to
    /// look at.
    pub async fn save_screenshot(&self, name: &str) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(format!("{name}.png")), self.client.screenshot().await.unwrap()).unwrap();
    }

    /// Runs asynchronous JavaScript in the page: its result is what it passes to
    /// `arguments[0]`.
    pub async fn eval_async(&self, script: &str) -> Value {
        self.client.execute_async(script, vec![]).await.expect("run script")
    }

    /// The ids of the quote cards on screen, in order.
    pub async fn quote_ids(&self) -> Vec<String> {
        let ids = self
            .eval(
                "return [...document.querySelectorAll('article[data-quote-id]')].map(a => a.dataset.quoteId)",
            )
            .await;
        serde_json::from_value(ids).expect("ids")
    }

    /// Waits until `probe` returns true, polling; panics with `what` after 10 s.
    pub async fn wait_until<F, Fut>(&self, what: &str, probe: F)
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = bool>,
    {
        self.wait_until_within(what, Duration::from_secs(10), probe).await
    }

    /// Waits until `probe` returns true, polling; panics with `what` after `limit`.
    pub async fn wait_until_within<F, Fut>(&self, what: &str, limit: Duration, mut probe: F)
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = bool>,
    {
        let deadline = Instant::now() + limit;
        while !probe().await {
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends a Chrome DevTools Protocol command (media emulation, permissions).
    pub async fn devtools(&self, command: &'static str, params: Value) -> Value {
        self.client.issue_cmd(DevTools { command, params }).await.expect("devtools command")
    }

    /// Renders as if for print, or for a colour scheme: `("print", None)`, `("", Some("dark"))`.
    pub async fn emulate_media(&self, media: &str, color_scheme: Option<&str>) {
        let features: Vec<Value> =
            color_scheme.map(|v| json!({ "name": "prefers-color-scheme", "value": v })).into_iter().collect();
        self.devtools("Emulation.setEmulatedMedia", json!({ "media": media, "features": features })).await;
    }

    /// The current address, from the page's own point of view.
    pub async fn location(&self) -> String {
        self.eval("return location.pathname + location.search + location.hash")
            .await
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Runs axe-core (from `tools/node_modules/axe-core`, installed by scripts/setup --test)
    /// on the page and returns its violations, each as "rule: nodes".
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&axe).unwrap_or_else(|_| {
            panic!(
                "{} is missing: run scripts/setup --test (scripts/test does) to install axe-core",
                axe.display()
            )
        });
        self.client.execute(&source, vec![]).await.expect("inject axe-core");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                    .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' +
                        v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary).join(' | '))))
                    .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("run axe-core");
        serde_json::from_value(result).expect("violations")
    }

    /// Every resource the current page loaded from anywhere but its own origin (or inline
    /// `data:`), by the browser's own record of its requests.
    pub async fn foreign_requests(&self) -> Vec<String> {
        let urls = self
            .eval(
                "return performance.getEntriesByType('resource').map(e => e.name)
                    .concat(performance.getEntriesByType('navigation').map(e => e.name))
                    // Firefox names a file:// page's own navigation 'document', which is no URL.
                    .filter(u => /^[a-z][a-z0-9+.-]*:/i.test(u) && !u.startsWith('data:') && !u.startsWith('blob:'))
                    .filter(u => location.protocol === 'file:' ? !u.startsWith('file:') : new URL(u).origin !== location.origin)",
            )
            .await;
        serde_json::from_value(urls).unwrap_or_default()
    }

    /// Console messages at error level (uncaught exceptions and refused requests among them)
    /// since the page opened. Only chromedriver reports the console; other drivers give `None`.
    pub async fn console_errors(&self) -> Option<Vec<String>> {
        if self.kind != BrowserKind::Chromium {
            return None;
        }
        let log = self.client.issue_cmd(BrowserLog).await.expect("read the browser log");
        let errors = log
            .as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .collect();
        Some(errors)
    }

    /// Fails the test if the browser reported any console error (where it reports them).
    pub async fn assert_no_console_errors(&self) {
        if let Some(errors) = self.console_errors().await {
            assert!(errors.is_empty(), "console errors: {errors:#?}");
        }
    }
}

/// Runs one browser test in a desktop-sized window, in the browser `QE_BROWSER` names.
/// Afterwards it checks that the page requested nothing from another origin. On failure it
/// saves a screenshot under `target/browser-screenshots/` and says where.
pub fn browser_test<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = Browser> + Send + 'static,
{
    browser_test_sized(name, (1280, 900), test)
}

pub fn browser_test_sized<F, Fut>(name: &str, size: (u32, u32), test: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = Browser> + Send + 'static,
{
    browser_test_in(name, size, &served_dir(), test)
}

/// What the tests open: the release build as it is, or with `QE_INDEX=1`, the same build
/// whose page reads the bundled corpus from a chunked index (`<body data-index="index/">`,
/// the index written by the command), so that the tests that apply to both modes check the
/// index against the same engine answers.
pub fn served_dir() -> PathBuf {
    if std::env::var_os("QE_INDEX").is_none() {
        return dist_dir();
    }
    static SITE: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    SITE.get_or_init(|| {
        let site = std::env::temp_dir().join(format!("qe-index-site-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&site);
        copy_dir(&dist_dir(), &site);
        let page = std::fs::read_to_string(site.join("index.html")).unwrap();
        assert!(page.contains("<body>"), "the page has a plain <body> to mark");
        std::fs::write(site.join("index.html"), page.replacen("<body>", r#"<body data-index="index/">"#, 1))
            .unwrap();
        write_index(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus.json"), &site.join("index"));
        site
    })
    .clone()
}

/// Runs `quote-explorer index CORPUS --out OUT`, as a reader of the README would.
pub fn write_index(corpus: &Path, out: &Path) {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_quote-explorer"))
        .arg("index")
        .arg(corpus)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Like [`browser_test_sized`], serving `root` instead of `dist/`.
pub fn browser_test_in<F, Fut>(name: &str, size: (u32, u32), root: &Path, test: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = Browser> + Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    runtime.block_on(async {
        let kind = BrowserKind::from_env();
        let browser = Browser::start(kind, size, root).await;
        let client = browser.client.clone();
        let run = test(browser);
        let outcome = tokio::spawn(async move {
            let browser = run.await;
            let foreign = browser.foreign_requests().await;
            assert!(foreign.is_empty(), "requests left the page's origin: {foreign:#?}");
            browser
        })
        .await;
        match outcome {
            Ok(browser) => {
                let _ = browser.client.clone().close().await;
            }
            Err(panic) => {
                let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
                let _ = std::fs::create_dir_all(&dir);
                let file = dir.join(format!("{name}-{kind:?}-failure.png").to_lowercase());
                if let Ok(png) = client.screenshot().await {
                    let _ = std::fs::write(&file, png);
                    eprintln!("screenshot of the failure: {}", file.display());
                }
                let _ = client.close().await;
                std::panic::resume_unwind(panic.into_panic());
            }
        }
    });
}
