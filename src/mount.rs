//! Where the explorer appears: the whole page, or inside each element of a host page marked
//! `data-quote-explorer` (an embed), each in its own shadow root so that the host's styles
//! and ours cannot reach each other.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::browser;
use crate::components::App;
use crate::store::{address, bundled, Placement};
use crate::url_state;

/// The stylesheet (style/main.css, compacted by build.rs), compiled in so that embeds can
/// apply it inside their shadow roots.
pub const STYLESHEET: &str = include_str!(concat!(env!("OUT_DIR"), "/main.css"));

/// The width, in rem, from which the filters sit beside the results: the stylesheet's one
/// `@container explorer (min-width: …rem)` rule, read from the stylesheet itself so the two
/// cannot disagree.
pub fn wide_layout_rem(stylesheet: &str) -> Option<u32> {
    let rule = "@container explorer (min-width: ";
    let start = stylesheet.find(rule)? + rule.len();
    let rest = &stylesheet[start..];
    rest[..rest.find("rem)")?].trim().parse().ok()
}

/// Called once by the page's start-up script (scripts/post-build.mjs) with the corpus the
/// page came with: the text of its data block, or of the file an embed's script fetched;
/// else why there is none, or neither when every embed names a corpus of its own. Then
/// mounts into every embed element if the page has any, else takes the whole page.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = startExplorer)]
pub fn start_explorer(corpus: Option<String>, problem: Option<String>) {
    bundled::hand_over(corpus, problem);
    let document = gloo::utils::document();
    let embeds = document.query_selector_all("[data-quote-explorer]").ok();
    let embeds: Vec<Element> = embeds
        .map(|list| (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect())
        .unwrap_or_default();
    if embeds.is_empty() {
        mount_page(&document);
    } else {
        for host in embeds {
            mount_embed(&document, &host);
        }
    }
}

fn app_root(document: &web_sys::Document) -> Option<HtmlElement> {
    let root = document.create_element("div").ok()?.dyn_into::<HtmlElement>().ok()?;
    // The crash box (scripts/post-build.mjs) finds each explorer by this class.
    root.set_class_name("qe-app");
    Some(root)
}

fn breakpoint_rem() -> u32 {
    wide_layout_rem(STYLESHEET).unwrap_or(52)
}

fn mount_page(document: &web_sys::Document) {
    browser::adopt_stylesheet_in_document(document, STYLESHEET);
    let (Some(body), Some(root)) = (document.body(), app_root(document)) else {
        return;
    };
    let _ = body.append_child(&root);
    let initial = address::read();
    let filters_open = browser::viewport_is_at_least_rem(breakpoint_rem());
    let placement = Placement { owns_address_bar: true, embedded: false, filters_open };
    // A page that serves a chunked index names its folder on its body.
    let index = body.get_attribute("data-index");
    mount_to(root, move || view! { <App initial placement source=None index /> }).forget();
}

fn mount_embed(document: &web_sys::Document, host: &Element) {
    if host.shadow_root().is_some() {
        return;
    }
    let Ok(shadow) = host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)) else {
        return;
    };
    browser::adopt_stylesheet_in_shadow(&shadow, STYLESHEET);
    let Some(root) = app_root(document) else { return };
    // An embed scrolls within a height of its own, so a long list never swamps its page.
    root.class_list().add_1("qe-embed").ok();
    if let Some(given) = host.get_attribute("data-height") {
        match url_state::embed_height(&given) {
            Some(height) => {
                let _ = root.style().set_property("--qe-height", &height);
            }
            None => web_sys::console::warn_1(
                &format!("quote-explorer: data-height=\"{given}\" is not a length such as 600px, 40rem or 80vh, or none; the default height is used").into(),
            ),
        }
    }
    let _ = shadow.append_child(&root);
    // Only an embed that asks for it reads and writes the host page's address.
    let owns_address_bar = host.has_attribute("data-url-state");
    let initial = if owns_address_bar && !browser::query_string().is_empty() {
        address::read()
    } else {
        url_state::from_attributes(|name| host.get_attribute(name))
    };
    let filters_open = host.client_width() >= (breakpoint_rem() * browser::rem_in_pixels()) as i32;
    let placement = Placement { owns_address_bar, embedded: true, filters_open };
    // Another corpus to show instead of the bundled one: whole, or a chunked index's folder.
    let source = host.get_attribute("data-src");
    let index = host.get_attribute("data-index");
    mount_to(root, move || view! { <App initial placement source index /> }).forget();
}

/// Stops the explorer as a bug in one of its event handlers would, to check what readers
/// see then (the crash box). The page must be reloaded afterwards.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = simulateCrash)]
pub fn simulate_crash() {
    gloo::timers::callback::Timeout::new(0, || {
        panic!("simulateCrash() was called: this is the crash box working as intended")
    })
    .forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compacted_stylesheet_differs_from_its_source_only_in_comments_and_spaces() {
        let source = include_str!("../style/main.css");
        let mut without_comments = String::new();
        let mut rest = source;
        while let Some(start) = rest.find("/*") {
            without_comments.push_str(&rest[..start]);
            rest = &rest[start + rest[start..].find("*/").unwrap() + 2..];
        }
        without_comments.push_str(rest);
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(squeeze(STYLESHEET), squeeze(&without_comments));
        assert!(!STYLESHEET.contains("/*") && !STYLESHEET.contains('\n'));
        assert!(
            STYLESHEET.len() < source.len() * 3 / 4,
            "compacted: {} of {}",
            STYLESHEET.len(),
            source.len()
        );
        // A space before a colon can be a descendant combinator, and stays.
        assert!(STYLESHEET.contains(".qe-embed{"), "no space next to braces");
    }

    #[test]
    fn the_breakpoint_is_read_from_the_stylesheet() {
        assert_eq!(wide_layout_rem(STYLESHEET), Some(52));
        assert_eq!(STYLESHEET.matches("@container explorer").count(), 1, "one breakpoint, one rule");
        assert_eq!(wide_layout_rem("@container explorer (min-width: 40rem) {}"), Some(40));
        assert_eq!(wide_layout_rem("nothing here"), None);
    }
}
