//! Harness for the end-to-end tests: serves the release build in `dist/`, starts
//! chromedriver and a headless Chromium, and gives each test a fresh browser session.
//! Only W3C WebDriver is used, so other browsers' drivers can take Chromium's place.

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
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running chromedriver, stopped when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        let program = find_program("chromedriver").unwrap_or_else(|| {
            panic!("chromedriver is not on PATH: the browser tests need Chromium and its driver. Run scripts/test, which installs them (Debian packages chromium and chromium-driver).")
        });
        assert!(
            chromium_binary().is_some(),
            "Chromium is not installed: the browser tests need it. Run scripts/test, which installs it (Debian package chromium)."
        );
        let port = free_port();
        let child = Command::new(program)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromium_binary() -> Option<PathBuf> {
    std::env::var_os("CHROMIUM_BIN")
        .map(PathBuf::from)
        .or_else(|| find_program("chromium"))
        .or_else(|| find_program("chromium-browser"))
}

/// One test's world: a server for `dist/`, a driver, and a browser session.
pub struct Browser {
    pub client: Client,
    pub server: StaticServer,
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
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "cmd": self.command, "params": self.params }).to_string()),
        )
    }
}

impl Browser {
    async fn start(width: u32, height: u32) -> Browser {
        let server = StaticServer::start(&dist_dir());
        let driver = Driver::start();
        let profile =
            TempDir(std::env::temp_dir().join(format!("qe-chromium-{}-{}", std::process::id(), driver.port)));
        let args = vec![
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--disable-quic".to_owned(),
            "--no-first-run".to_owned(),
            format!("--user-data-dir={}", profile.0.display()),
            format!("--window-size={width},{height}"),
        ];
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert(
            "goog:chromeOptions".into(),
            json!({ "args": args, "binary": chromium_binary().unwrap() }),
        );
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let webdriver = format!("http://127.0.0.1:{}", driver.port);
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::rustls()
                .expect("tls")
                .capabilities(caps.clone())
                .connect(&webdriver)
                .await
            {
                Ok(client) => break client,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("could not start a Chromium session through chromedriver: {e}"),
            }
        };
        Browser {
            client,
            server,
            _driver: driver,
            _profile: profile,
        }
    }

    /// Opens a page of the app, `path` relative to its root (e.g. "?theme=democracy"),
    /// and waits until the quotes are on screen.
    pub async fn open(&self, path: &str) {
        self.client.goto(&self.server.url(path)).await.expect("navigate");
        self.wait_for(".result-count").await;
    }

    pub async fn wait_for(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("'{css}' did not appear: {e}"))
    }

    pub async fn text(&self, css: &str) -> String {
        self.wait_for(css).await.text().await.expect("text")
    }

    /// Runs JavaScript in the page and returns its result.
    pub async fn eval(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.expect("run script")
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
    pub async fn wait_until<F, Fut>(&self, what: &str, mut probe: F)
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = bool>,
    {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !probe().await {
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Sends a Chrome DevTools Protocol command (media emulation, permissions).
    pub async fn devtools(&self, command: &'static str, params: Value) -> Value {
        self.client
            .issue_cmd(DevTools { command, params })
            .await
            .expect("devtools command")
    }

    /// Renders as if for print, or for a colour scheme: `("print", None)`, `("", Some("dark"))`.
    pub async fn emulate_media(&self, media: &str, color_scheme: Option<&str>) {
        let features: Vec<Value> = color_scheme
            .map(|v| json!({ "name": "prefers-color-scheme", "value": v }))
            .into_iter()
            .collect();
        self.devtools(
            "Emulation.setEmulatedMedia",
            json!({ "media": media, "features": features }),
        )
        .await;
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
        self.client
            .execute(&source, vec![])
            .await
            .expect("inject axe-core");
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

    /// Console messages at error level, and uncaught exceptions, since the page opened.
    pub async fn console_errors(&self) -> Vec<String> {
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("read the browser log");
        log.as_array()
            .into_iter()
            .flatten()
            .filter(|entry| entry["level"] == "SEVERE")
            .map(|entry| entry["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

/// Runs one browser test in a desktop-sized window. On failure it saves a screenshot under
/// `target/browser-screenshots/` and says where.
pub fn browser_test<F, Fut>(name: &str, test: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = Browser> + Send + 'static,
{
    browser_test_sized(name, (1280, 900), test)
}

pub fn browser_test_sized<F, Fut>(name: &str, (width, height): (u32, u32), test: F)
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = Browser> + Send + 'static,
{
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let browser = Browser::start(width, height).await;
        let client = browser.client.clone();
        let outcome = tokio::spawn(test(browser)).await;
        match outcome {
            Ok(browser) => {
                let _ = browser.client.clone().close().await;
            }
            Err(panic) => {
                let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/browser-screenshots");
                let _ = std::fs::create_dir_all(&dir);
                let file = dir.join(format!("{name}-failure.png"));
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
