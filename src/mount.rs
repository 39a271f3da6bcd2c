//! Where the explorer appears: the whole page, or inside each element of a host page marked
//! `data-quote-explorer` (an embed), each in its own shadow root so that the host's styles
//! and ours cannot reach each other.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRootInit, ShadowRootMode};

use crate::browser;
use crate::components::{App, Placement, STYLESHEET};
use crate::url_state;

/// Mounts into every embed element if the page has any, else takes the whole page.
pub fn start() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
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
    root.set_class_name("qe-app");
    crate::crash::watch(&root);
    Some(root)
}

fn mount_page(document: &web_sys::Document) {
    browser::adopt_stylesheet_in_document(document, STYLESHEET);
    let (Some(body), Some(root)) = (document.body(), app_root(document)) else {
        return;
    };
    let _ = body.append_child(&root);
    let initial = url_state::parse(&browser::query_string());
    let placement =
        Placement { owns_address_bar: true, embedded: false, filters_open: browser::is_wide_screen() };
    mount_to(root, move || view! { <App initial placement source=None /> }).forget();
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
    let _ = shadow.append_child(&root);
    // Only an embed that asks for it reads and writes the host page's address.
    let owns_address_bar = host.has_attribute("data-url-state");
    let from_attributes = url_state::from_attributes(|name| host.get_attribute(name));
    let initial = if owns_address_bar && !browser::query_string().is_empty() {
        url_state::parse(&browser::query_string())
    } else {
        from_attributes
    };
    let placement = Placement { owns_address_bar, embedded: true, filters_open: host.client_width() >= 832 };
    // Another corpus to show instead of the bundled one.
    let source = host.get_attribute("data-src");
    mount_to(root, move || view! { <App initial placement source /> }).forget();
}
