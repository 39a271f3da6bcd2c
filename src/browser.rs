//! The only module that talks to the browser directly: the address bar, history and the
//! clipboard. Everything else is plain Rust.

use wasm_bindgen::{JsCast, JsValue};

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The current query string, with its leading `?` (or empty).
pub fn query_string() -> String {
    location().and_then(|l| l.search().ok()).unwrap_or_default()
}

/// The fragment without its `#`, percent-decoded.
pub fn fragment() -> String {
    let hash = location().and_then(|l| l.hash().ok()).unwrap_or_default();
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

/// Puts `query_string` in the address bar, keeping the path and dropping the fragment.
pub fn set_query_string(query_string: &str, entry: HistoryEntry) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let path = window.location().pathname().unwrap_or_default();
    let url = format!("{path}{query_string}");
    // A page opened from disk or in a sandbox may refuse history changes; the view still works.
    let _ = match entry {
        HistoryEntry::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryEntry::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
}

/// Copies text to the clipboard; the answer says whether the browser allowed it.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}

/// Whether the window is wide enough to show the filters beside the results.
pub fn is_wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(min-width: 52rem)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// Opens the `<details>` of the element with this id, scrolls it into view and moves the
/// keyboard focus to it, if it exists.
pub fn open_and_scroll_to(id: &str) -> bool {
    let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    let Some(element) = element else { return false };
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
    let location = web_sys::window()?.location();
    let base = location.href().ok()?;
    let url = web_sys::Url::new_with_base(src, &base).ok()?;
    (url.origin() == location.origin().ok()?).then(|| url.href())
}

/// Reads a stream of bytes to the end, reporting the running total as it goes. Stops with
/// a message once more than `limit` bytes have arrived.
async fn read_stream(
    stream: web_sys::ReadableStream,
    expected: Option<u64>,
    limit: u64,
    on_progress: &dyn Fn(u64),
) -> Result<Vec<u8>, String> {
    use wasm_bindgen_futures::JsFuture;
    let reader: web_sys::ReadableStreamDefaultReader =
        stream.get_reader().dyn_into().map_err(|_| "the file could not be read".to_owned())?;
    let mut bytes = Vec::with_capacity(expected.unwrap_or(0).min(limit) as usize);
    loop {
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
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response =
        JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| format!("Could not reach {url}."))?;
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

/// Resolves after the browser has painted, so that a status set just before a long,
/// blocking step is on screen while it runs.
pub async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else {
            let _ = resolve.call0(&JsValue::NULL);
            return;
        };
        // A frame callback runs before the paint; a task queued from it runs after.
        let after_paint = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                let _ = window.set_timeout_with_callback(resolve.unchecked_ref());
            }
        });
        let _ = window.request_animation_frame(after_paint.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Hands `contents` to the reader as a downloaded file.
pub fn download(file_name: &str, media_type: &str, contents: &str) -> Result<(), String> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser refused to make the file".to_owned())?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser refused to make the file".to_owned())?;
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| "no link")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    // Revoked later: some browsers start reading the file only after the click returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}
