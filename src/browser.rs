//! The calls into the browser that the rest of the app needs and Leptos does not give:
//! the address bar and history, the clipboard, constructed stylesheets, reading files and
//! fetching with progress, downloads, and what the browser keeps between visits
//! (`localStorage`, IndexedDB). `gloo` covers the common parts; `web-sys` is used directly
//! where gloo has no equivalent (streams with progress, adopted stylesheets, IndexedDB).

use gloo::utils::{document, window};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The current query string, with its leading `?` (or empty).
pub fn query_string() -> String {
    window().location().search().unwrap_or_default()
}

/// The fragment without its `#`, percent-decoded.
pub fn fragment() -> String {
    let hash = window().location().hash().unwrap_or_default();
    crate::url_state::decode(hash.strip_prefix('#').unwrap_or(&hash))
}

/// How a new view state enters the session history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryEntry {
    /// A step the back button returns from (a filter change).
    Push,
    /// A refinement of the current step (typing in the search box).
    Replace,
}

/// Milliseconds since the epoch, by the page's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Puts `query_string` in the address bar, keeping the path, and the fragment (a quote's
/// id) if `keep_fragment`.
pub fn set_query_string(query_string: &str, entry: HistoryEntry, keep_fragment: bool) {
    let history = gloo::utils::history();
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    let fragment = if keep_fragment { location.hash().unwrap_or_default() } else { String::new() };
    let url = format!("{path}{query_string}{fragment}");
    // A page opened from disk or in a sandbox may refuse history changes; the view still works.
    let _ = match entry {
        HistoryEntry::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryEntry::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
}

/// Copies text to the clipboard; the answer says whether the browser allowed it.
pub async fn copy_to_clipboard(text: &str) -> bool {
    JsFuture::from(window().navigator().clipboard().write_text(text)).await.is_ok()
}

/// Whether the window is at least `rem` root-font-sizes wide.
pub fn viewport_is_at_least_rem(rem: u32) -> bool {
    window().match_media(&format!("(min-width: {rem}rem)")).ok().flatten().is_some_and(|m| m.matches())
}

/// The page's root font size in whole pixels (what `1rem` is, inside embeds too).
pub fn rem_in_pixels() -> u32 {
    let root = document().document_element();
    let size = root
        .and_then(|root| window().get_computed_style(&root).ok().flatten())
        .and_then(|style| style.get_property_value("font-size").ok());
    // "16px", or "15.5px": whole pixels are precise enough, and parsing floats costs bytes.
    size.and_then(|s| s.split(['.', 'p']).next()?.parse().ok()).unwrap_or(16)
}

/// Opens the `<details>` of the element with this id, scrolls it into view and moves the
/// keyboard focus to it, if it exists.
pub fn open_and_scroll_to(id: &str) -> bool {
    let Some(element) = document().get_element_by_id(id) else { return false };
    if let Ok(Some(details)) = element.query_selector("details") {
        let _ = details.set_attribute("open", "");
    }
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Start);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if let Some(element) = element.dyn_ref::<web_sys::HtmlElement>() {
        let _ = element.set_attribute("tabindex", "-1");
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
    true
}

/// Whether the page has an element with this id (outside embeds' shadow roots).
pub fn element_exists(id: &str) -> bool {
    document().get_element_by_id(id).is_some()
}

/// Where the keyboard focus goes once the page has re-rendered: the `index`-th element
/// matching `selector` inside one explorer.
pub struct FocusTarget {
    pub selector: &'static str,
    pub index: usize,
}

/// The result count: where the focus goes when a control removes itself and nothing nearer
/// is left (it is focusable, and a live status).
pub const RESULT_COUNT: FocusTarget = FocusTarget { selector: ".result-count", index: 0 };

/// The explorer (`.qe-app`, in the page or an embed's shadow root) an event happened in.
pub fn explorer_of(event: &web_sys::Event) -> Option<web_sys::Element> {
    event.target()?.dyn_into::<web_sys::Element>().ok()?.closest(".qe-app").ok()?
}

/// After the next frame (when a change has been rendered), focuses the first of `targets`
/// that exists in `root`: a control that removed itself must not leave the focus on the page.
pub fn focus_after_render(root: Option<web_sys::Element>, targets: Vec<FocusTarget>) {
    let Some(root) = root else { return };
    leptos::prelude::request_animation_frame(move || {
        for target in targets {
            let Ok(found) = root.query_selector_all(target.selector) else { continue };
            if let Some(element) =
                found.item(target.index as u32).and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = element.focus();
                return;
            }
        }
    });
}

/// [`focus_after_render`] on the result count of the explorer the event happened in.
pub fn focus_count_after_render(event: &web_sys::Event) {
    focus_after_render(explorer_of(event), vec![RESULT_COUNT]);
}

fn stylesheet(css: &str) -> Option<js_sys::Array> {
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync(css).ok()?;
    Some(js_sys::Array::of1(&sheet))
}

/// Applies `css` to the whole document as a constructed stylesheet.
pub fn adopt_stylesheet_in_document(document: &web_sys::Document, css: &str) {
    if let Some(sheets) = stylesheet(css) {
        document.set_adopted_style_sheets(&sheets);
    }
}

/// Applies `css` inside one shadow root only.
pub fn adopt_stylesheet_in_shadow(shadow: &web_sys::ShadowRoot, css: &str) {
    if let Some(sheets) = stylesheet(css) {
        shadow.set_adopted_style_sheets(&sheets);
    }
}

/// Resolves `src` against the page's address, if it stays on the page's own origin.
pub fn same_origin_url(src: &str) -> Option<String> {
    let location = window().location();
    let url = web_sys::Url::new_with_base(src, &location.href().ok()?).ok()?;
    (url.origin() == location.origin().ok()?).then(|| url.href())
}

/// `src` as a full http or https address, read relative to the page; `None` for any other
/// scheme.
pub fn http_url(src: &str) -> Option<String> {
    let url = web_sys::Url::new_with_base(src, &window().location().href().ok()?).ok()?;
    matches!(url.protocol().as_str(), "http:" | "https:").then(|| url.href())
}

/// How long the page works on a long job before it lets the browser paint and answer input:
/// short enough for the page to keep up.
pub const WORK_BETWEEN_BREAKS_MS: f64 = 12.0;

/// Reads a stream of bytes to the end, reporting the running total as it goes. Stops with
/// a message once more than `limit` bytes have arrived.
async fn read_stream(
    stream: web_sys::ReadableStream,
    expected: Option<u64>,
    limit: u64,
    on_progress: &dyn Fn(u64),
) -> Result<Vec<u8>, String> {
    let reader: web_sys::ReadableStreamDefaultReader =
        stream.get_reader().dyn_into().map_err(|_| "the file could not be read".to_owned())?;
    let mut bytes = Vec::with_capacity(expected.unwrap_or(0).min(limit) as usize);
    // Chunks already received are handed over at once, one after another, with no break for
    // the page between them: a fast connection would have it copy a whole file in one task.
    let mut since_break = now_ms();
    loop {
        if now_ms() - since_break > WORK_BETWEEN_BREAKS_MS {
            yield_to_page().await;
            since_break = now_ms();
        }
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| "reading the file failed".to_owned())?;
        let done =
            js_sys::Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        let value =
            js_sys::Reflect::get(&chunk, &"value".into()).map_err(|_| "unreadable data".to_owned())?;
        let value: js_sys::Uint8Array = value.dyn_into().map_err(|_| "unreadable data".to_owned())?;
        let start = bytes.len();
        if (start + value.length() as usize) as u64 > limit {
            let _ = reader.cancel();
            return Err(crate::corpus::check_size(limit + 1).unwrap_err().to_string());
        }
        bytes.resize(start + value.length() as usize, 0);
        value.copy_to(&mut bytes[start..]);
        on_progress(bytes.len() as u64);
    }
}

/// Reads a file the reader picked or dropped.
pub async fn read_file(
    file: &web_sys::File,
    limit: u64,
    on_progress: &dyn Fn(u64),
) -> Result<Vec<u8>, String> {
    read_stream(file.stream(), Some(file.size() as u64), limit, on_progress).await
}

/// Fetches a file, reporting bytes received and, once known, the total.
pub async fn fetch_bytes(
    url: &str,
    limit: u64,
    on_progress: &dyn Fn(u64, Option<u64>),
) -> Result<Vec<u8>, String> {
    let response =
        JsFuture::from(window().fetch_with_str(url)).await.map_err(|_| format!("Could not reach {url}."))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "Not an HTTP response.".to_owned())?;
    if !response.ok() {
        return Err(format!("{url} answered {} {}.", response.status(), response.status_text()));
    }
    let total = response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|length| length.trim().parse::<u64>().ok());
    if let Some(total) = total {
        crate::corpus::check_size(total).map_err(|e| e.to_string())?;
    }
    on_progress(0, total);
    let Some(body) = response.body() else { return Ok(Vec::new()) };
    read_stream(body, total, limit, &|received| on_progress(received, total)).await
}

#[wasm_bindgen::prelude::wasm_bindgen]
extern "C" {
    /// The browser's gzip inflater (web-sys has it only among its unstable APIs).
    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompression;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn new(format: &str) -> Result<Decompression, JsValue>;
}

/// The bytes at `url`, inflated if they are gzipped (a chunked index's files are stored
/// gzipped; a host that sends them with `Content-Encoding: gzip` has the browser inflate them
/// first, so both arrive here as the same bytes). The fetch starts at the call, not when
/// first awaited, so that several can be on their way at once; one the page's start-up
/// script began already ([`prefetched`]) is taken rather than made again.
pub fn fetch_inflated(url: &str) -> impl std::future::Future<Output = Result<Vec<u8>, String>> {
    let response = prefetched(url).unwrap_or_else(|| window().fetch_with_str(url));
    let url = url.to_owned();
    async move {
        let unreachable = || format!("Could not reach {url}.");
        let response = JsFuture::from(response).await.map_err(|_| unreachable())?;
        let response: web_sys::Response =
            response.dyn_into().map_err(|_| "Not an HTTP response.".to_owned())?;
        if !response.ok() {
            return Err(format!("{url} answered {} {}.", response.status(), response.status_text()));
        }
        let buffer = response.array_buffer().map_err(|_| unreachable())?;
        let buffer = JsFuture::from(buffer).await.map_err(|_| unreachable())?;
        let bytes = js_sys::Uint8Array::new(&buffer);
        if bytes.length() < 2 || bytes.get_index(0) != 0x1f || bytes.get_index(1) != 0x8b {
            return Ok(bytes.to_vec());
        }
        let damaged = || format!("{url} is not a whole gzip file.");
        let blob =
            web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes)).map_err(|_| damaged())?;
        let inflate = Decompression::new("gzip")
            .map_err(|_| "This browser cannot inflate gzip (it has no DecompressionStream).".to_owned())?;
        // A decompression stream is itself a readable and writable pair.
        let pair: &web_sys::ReadableWritablePair = inflate.unchecked_ref();
        let inflated =
            web_sys::Response::new_with_opt_readable_stream(Some(&blob.stream().pipe_through(pair)))
                .map_err(|_| damaged())?;
        let buffer =
            JsFuture::from(inflated.array_buffer().map_err(|_| damaged())?).await.map_err(|_| damaged())?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

/// The response to `url` the page's start-up script began fetching before the app had
/// loaded (a chunked index's first files: see `scripts/post-build.mjs`), taken from its map
/// so that it is read once.
fn prefetched(url: &str) -> Option<js_sys::Promise> {
    let fetched =
        js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("quoteExplorerPrefetched")).ok()?;
    let fetched: js_sys::Map = fetched.dyn_into().ok()?;
    let key = JsValue::from_str(url);
    let response = fetched.get(&key).dyn_into::<js_sys::Promise>().ok()?;
    fetched.delete(&key);
    Some(response)
}

/// Lets the browser run what is waiting (input, painting) before going on: a task queued
/// through a message channel, which unlike a timer is not slowed down when repeated.
pub async fn yield_to_page() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        channel.port1().set_onmessage(Some(resolve.unchecked_ref()));
        let _ = channel.port2().post_message(&JsValue::NULL);
    });
    let _ = JsFuture::from(promise).await;
}

/// Hands `contents` to the reader as a downloaded file.
pub fn download(file_name: &str, media_type: &str, contents: &str) -> Result<(), String> {
    let blob = gloo::file::Blob::new_with_options(contents, Some(media_type));
    let url = gloo::file::ObjectUrl::from(blob);
    let link: web_sys::HtmlAnchorElement =
        document().create_element("a").map_err(|_| "the browser refused to make the link")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Revoked (when dropped) a minute later: some browsers read the file only after the click.
    gloo::timers::callback::Timeout::new(60_000, move || drop(url)).forget();
    Ok(())
}

/// A small key-value shelf in the browser's `localStorage`: `None` when the browser has
/// none or refuses it (private windows, some file:// pages).
pub mod shelf {
    pub fn get(key: &str) -> Option<String> {
        gloo::utils::window().local_storage().ok()??.get_item(key).ok()?
    }

    pub fn set(key: &str, value: Option<&str>) {
        if let Ok(Some(storage)) = gloo::utils::window().local_storage() {
            let _ = match value {
                Some(value) => storage.set_item(key, value),
                None => storage.remove_item(key),
            };
        }
    }
}

/// Bytes kept under names in the browser's IndexedDB: a database of one store, whose values
/// are `[label, bytes]`.
pub mod vault {
    use wasm_bindgen::prelude::Closure;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

    const DATABASE: &str = "quote-explorer";
    const STORE: &str = "kept";

    /// The answer to a request, once it comes.
    async fn answer(request: &IdbRequest) -> Result<JsValue, String> {
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            let done = request.clone();
            let on_success = Closure::once_into_js(move || {
                let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
            });
            let failed = request.clone();
            let on_error = Closure::once_into_js(move || {
                let message = failed.error().ok().flatten().map(|e| e.message()).unwrap_or_default();
                let _ = reject.call1(&JsValue::NULL, &message.into());
            });
            request.set_onsuccess(Some(on_success.unchecked_ref()));
            request.set_onerror(Some(on_error.unchecked_ref()));
        });
        JsFuture::from(promise).await.map_err(|e| e.as_string().unwrap_or_else(|| "refused".into()))
    }

    async fn shelf(mode: IdbTransactionMode) -> Result<IdbObjectStore, String> {
        let refused = |e: JsValue| e.as_string().unwrap_or_else(|| "the browser refused".into());
        let factory =
            gloo::utils::window().indexed_db().map_err(refused)?.ok_or("this browser keeps nothing")?;
        let opening = factory.open_with_u32(DATABASE, 1).map_err(refused)?;
        let made = opening.clone();
        let on_upgrade = Closure::once_into_js(move || {
            if let Ok(db) = made.result() {
                let _ = db.unchecked_into::<IdbDatabase>().create_object_store(STORE);
            }
        });
        opening.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
        let db: IdbDatabase = answer(&opening).await?.unchecked_into();
        db.transaction_with_str_and_mode(STORE, mode).and_then(|t| t.object_store(STORE)).map_err(refused)
    }

    /// Keeps `bytes`, labelled, under `key`, in place of what was there.
    pub async fn put(key: &str, label: &str, bytes: &[u8]) -> Result<(), String> {
        let store = shelf(IdbTransactionMode::Readwrite).await?;
        let value = js_sys::Array::of2(&label.into(), &js_sys::Uint8Array::from(bytes));
        let request =
            store.put_with_key(&value, &key.into()).map_err(|_| "the browser refused to keep it")?;
        answer(&request).await.map(drop)
    }

    /// What is kept under `key`, if anything.
    pub async fn get(key: &str) -> Result<Option<(String, Vec<u8>)>, String> {
        let store = shelf(IdbTransactionMode::Readonly).await?;
        let request = store.get(&key.into()).map_err(|_| "the browser refused to read it")?;
        let value = answer(&request).await?;
        let Some(pair) = value.dyn_ref::<js_sys::Array>() else { return Ok(None) };
        let label = pair.get(0).as_string().unwrap_or_default();
        let bytes = pair.get(1).dyn_into::<js_sys::Uint8Array>().map(|b| b.to_vec()).unwrap_or_default();
        Ok(Some((label, bytes)))
    }

    pub async fn delete(key: &str) -> Result<(), String> {
        let store = shelf(IdbTransactionMode::Readwrite).await?;
        let request = store.delete(&key.into()).map_err(|_| "the browser refused to delete it")?;
        answer(&request).await.map(drop)
    }
}
