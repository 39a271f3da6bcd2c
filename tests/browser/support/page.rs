//! Reading and working the explorer's page: clicks, waits and what the page shows.

use super::Browser;

/// Each facet value's displayed count, as (facet, value id, count).
pub async fn displayed_counts(b: &Browser) -> Vec<(String, String, u32)> {
    let rows = b
        .eval(
            "return [...document.querySelectorAll('fieldset[data-facet] input[type=checkbox]')].map(i => [
                i.closest('fieldset').dataset.facet, i.value,
                parseInt(i.parentElement.querySelector('.count').textContent, 10)])",
        )
        .await;
    serde_json::from_value(rows).unwrap()
}

pub async fn click(b: &Browser, css: &str) {
    b.wait_for(css).await.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
}

/// Waits until the list shows exactly these quotes, in this order.
pub async fn wait_for_ids(b: &Browser, expected: &[String]) {
    b.wait_until(&format!("the list shows {} quotes", expected.len()), || async {
        b.quote_ids().await == expected
    })
    .await;
}

/// Clicks the export button of each format, in order, and returns the files the page handed
/// to the browser (caught as it makes their download links), as text.
pub async fn export_files(b: &Browser, formats: &[&str]) -> Vec<String> {
    b.eval(
        "window.__exports = [];
         const create = URL.createObjectURL;
         URL.createObjectURL = blob => { window.__exports.push(blob); return create(blob); };
         return true",
    )
    .await;
    for format in formats {
        click(b, &format!(".export-button[data-format={format}]")).await;
    }
    let files = b
        .client
        .execute_async(
            "const [count, done] = arguments;
             const wait = () => window.__exports.length < count ? setTimeout(wait, 50)
               : Promise.all(window.__exports.map(blob => blob.text())).then(done);
             wait();",
            vec![serde_json::json!(formats.len())],
        )
        .await
        .expect("the exported files");
    serde_json::from_value(files).unwrap()
}

/// Picks `value` in the `<select>` matched by `css`, as a reader would.
pub async fn choose(b: &Browser, css: &str, value: &str) {
    b.wait_for(css).await;
    b.eval(&format!(
        "const s = document.querySelector('{css}'); s.value = '{value}';
         s.dispatchEvent(new Event('change', {{ bubbles: true }})); return true"
    ))
    .await;
}
