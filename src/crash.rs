//! What a reader sees if the explorer hits a bug: a box saying so, with a way to reload,
//! in place of each explorer on the page; never a blank or frozen page.
//!
//! The release build aborts on panic, so nothing in the wasm module can run afterwards: the
//! box is built before the abort, and its reload link needs no script.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

thread_local! {
    /// The element each explorer on the page renders into.
    static ROOTS: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
}

/// Shows the crash box on any panic from now on.
pub fn show_on_panic() {
    std::panic::set_hook(Box::new(|info| {
        let details = info.to_string();
        web_sys::console::error_1(&format!("quote-explorer stopped: {details}").into());
        show(&details);
    }));
}

/// Remembers an explorer's root element, to be replaced by the box if the explorer crashes.
pub fn watch(root: &Element) {
    ROOTS.with(|roots| roots.borrow_mut().push(root.clone()));
}

fn show(details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let roots = ROOTS.with(|roots| roots.try_borrow().map(|r| r.clone()).unwrap_or_default());
    if roots.is_empty() {
        // Crashed before anything was mounted.
        if let (Some(body), Some(message)) = (document.body(), crash_box(&document, details)) {
            let _ = body.append_child(&message);
        }
    }
    for root in roots {
        if let Some(message) = crash_box(&document, details) {
            root.replace_children_with_node_1(&message);
        }
    }
}

/// Built node by node with text content only: the details may quote data.
fn crash_box(document: &Document, details: &str) -> Option<Element> {
    let element = |tag: &str, class: &str, text: &str| -> Option<Element> {
        let e = document.create_element(tag).ok()?;
        if !class.is_empty() {
            e.set_class_name(class);
        }
        e.set_text_content((!text.is_empty()).then_some(text));
        Some(e)
    };
    let alert = element("div", "crash", "")?;
    alert.set_attribute("role", "alert").ok()?;
    let append = |parent: &Element, child: &Element| parent.append_child(child).ok();
    append(&alert, &element("h2", "", "The quote explorer stopped because of a bug")?)?;
    let explanation = "Sorry: it cannot go on from here. Reloading the page starts it again, with \
                       the bundled quotes (a corpus you opened yourself needs opening again).";
    append(&alert, &element("p", "", explanation)?)?;
    let reload: web_sys::HtmlAnchorElement = element("a", "reload", "Reload the page")?.dyn_into().ok()?;
    // The address without its fragment: following it reloads, where `#…` would only scroll.
    let href = web_sys::window()?.location().href().ok()?;
    reload.set_href(href.split('#').next().unwrap_or(&href));
    let paragraph = element("p", "", "")?;
    paragraph.append_child(&reload).ok()?;
    alert.append_child(&paragraph).ok()?;
    let more = element("details", "", "")?;
    append(&more, &element("summary", "", "Technical details, for a bug report")?)?;
    append(&more, &element("pre", "", details)?)?;
    alert.append_child(&more).ok()?;
    Some(alert)
}
