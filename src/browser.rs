//! The only module that talks to the browser directly: the address bar, history and the
//! clipboard. Everything else is plain Rust.

use wasm_bindgen::JsValue;

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
    if let Some(element) = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&element) {
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

/// Fetches a text file; the error says why in words a reader can act on.
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let response =
        JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| format!("could not reach {url}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not an HTTP response".to_owned())?;
    if !response.ok() {
        return Err(format!("{url} answered {} {}", response.status(), response.status_text()));
    }
    let text = response.text().map_err(|_| format!("could not read {url}"))?;
    let text = JsFuture::from(text).await.map_err(|_| format!("could not read {url}"))?;
    text.as_string().ok_or_else(|| format!("{url} is not text"))
}
