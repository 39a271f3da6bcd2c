//! Not a check: refreshes the README's screenshots from the release build.
//! `cargo test --test browser -- --ignored capture_readme_screenshots`

use std::path::Path;

use crate::support::browser_test_sized;

fn capture(name: &'static str, size: (u32, u32), view: &'static str, dark: bool) {
    browser_test_sized(name, size, move |b| async move {
        if dark {
            b.emulate_media("", Some("dark")).await;
        }
        b.open(view).await;
        b.eval("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))").await;
        let png = b.client.screenshot().await.expect("screenshot");
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs").join(format!("{name}.png"));
        std::fs::write(&file, png).expect("write screenshot");
        b
    });
}

#[test]
#[ignore = "writes docs/*.png; run on demand"]
fn capture_readme_screenshots() {
    capture("screenshot-desktop", (1280, 800), "?theme=democracy&q=democracy", false);
    capture("screenshot-375", (375, 812), "", false);
    capture(
        "screenshot-dark",
        (1280, 900),
        "?source=000_8f83375b96f15620#guilin-wang-no-matter-how-tracker",
        true,
    );
    capture(
        "screenshot-compare",
        (1280, 900),
        "?view=compare&by=statement&cols=joint-statement-global-governance-2021,joint-statement-2022-02-04",
        false,
    );
}
