//! The hosted build in Chromium: its Content-Security-Policy holds and is never violated,
//! and after one visit it works with the network gone.

use serde_json::Value;

use crate::support::browser_test;
use crate::support::expect::engine_ids;
use crate::support::page::{click, wait_for_ids};

/// The policy as `index.html` declares it: the one place it is written.
fn declared_policy() -> String {
    let page =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("index.html")).unwrap();
    let meta =
        page.split("http-equiv=\"Content-Security-Policy\"").nth(1).expect("index.html declares a policy");
    let content = meta.split("content=\"").nth(1).unwrap();
    content[..content.find('"').unwrap()].to_owned()
}

#[test]
fn the_page_ships_a_strict_content_security_policy_and_violates_none_of_it() {
    browser_test("csp", |b| async move {
        b.open("?q=democracy").await;
        let policy = b
            .eval("return document.querySelector('meta[http-equiv=Content-Security-Policy]')?.content")
            .await;
        let declared = declared_policy();
        assert_eq!(policy, declared.as_str());
        // Strict: only the page's own files, no inline script or style, no eval but wasm's.
        assert!(declared.starts_with("default-src 'self';"), "{declared}");
        assert!(!declared.contains("unsafe-inline") && !declared.contains("'unsafe-eval'"), "{declared}");
        let readme =
            std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
                .unwrap();
        assert!(readme.contains(&declared), "the README quotes the policy in force");
        // Use the app a little, then: no violation was reported.
        click(&b, "#facet-theme-democracy").await;
        wait_for_ids(&b, &engine_ids("?q=democracy&theme=democracy")).await;
        b.assert_no_console_errors().await;
        // The policy is in force: an inline script is refused and reported.
        let refused = b
            .client
            .execute_async(
                "const done = arguments[0];
                 document.addEventListener('securitypolicyviolation', e => done(e.violatedDirective));
                 const s = document.createElement('script');
                 s.textContent = 'window.inlineRan = true';
                 document.body.append(s);
                 setTimeout(() => done(window.inlineRan ? 'ran' : 'no report'), 2000);",
                vec![],
            )
            .await
            .unwrap();
        assert!(refused.as_str().is_some_and(|d| d.starts_with("script-src")), "{refused}");
        b
    });
}

#[test]
fn after_one_visit_the_app_works_with_the_network_gone() {
    browser_test("offline", |b| async move {
        b.open("").await;
        let manifest = b.eval("return document.querySelector('link[rel=manifest]').href").await;
        assert!(manifest.as_str().unwrap().ends_with("/manifest.webmanifest"));
        b.wait_until("the service worker controls the page", || async {
            b.eval("return !!navigator.serviceWorker.controller").await == Value::Bool(true)
        })
        .await;
        // Wait until everything is cached before the network goes.
        let cached = b
            .client
            .execute_async(
                "const done = arguments[0];
                 navigator.serviceWorker.ready.then(async () => {
                   const keys = await caches.keys();
                   const cache = await caches.open(keys.find(k => k.startsWith('quote-explorer-')));
                   done((await cache.keys()).length);
                 });",
                vec![],
            )
            .await
            .unwrap();
        assert!(cached.as_u64().unwrap() >= 6, "cached {cached} files");

        b.server.stop();
        b.client.goto(&b.server.url("?theme=democracy")).await.unwrap();
        b.wait_for(".result-count").await;
        wait_for_ids(&b, &engine_ids("?theme=democracy")).await;
        b
    });
}

#[test]
fn served_gzipped_with_year_long_caching_the_app_starts_and_its_parts_load() {
    browser_test("static-host", |b| async move {
        // As a static host serves it: compressed, content-named files cached for a year.
        let host = crate::support::StaticServer::hosting(&crate::support::dist_dir());
        b.client.goto(&host.url("?q=democracy")).await.unwrap();
        wait_for_ids(&b, &engine_ids("?q=democracy")).await;
        // A part loaded when first used comes through the same host: a card's details.
        click(&b, "article[data-quote-id] .quote-details summary").await;
        b.wait_for("article[data-quote-id] .quote-details[open] .context-text").await;
        b.assert_no_console_errors().await;
        b
    });
}
