//! Bringing a spreadsheet in: the mapping step guessed from the header and changed by the
//! reader, the rows that cannot load listed, the quotes loaded as the engine builds them, and
//! files that are no spreadsheet refused with nothing changed.

use quote_explorer::import::mapping::{build, Mapping};
use quote_explorer::import::table::read;

use crate::own_corpus::{pick_file, wait_for_count};
use crate::support::page::{choose, click};
use crate::support::{browser_test, browser_test_sized, Browser};

const SHEET: &str = "\u{FEFF}Quote,Said by,Said on,Topics,Outlet\r\n\
\"We oppose \"\"small circles\"\", and blocs\",Wang Yi,23 March 2021,Security; Order,Xinhua\r\n\
\"Two\r\nlines, one quote\",wang  yi,2021-03-23,order,Xinhua\r\n\
\"<img src=x onerror=alert(1)>\",Sergey Lavrov,March 2022,,TASS\r\n\
=SUM(1+1),Sergey Lavrov,2022,security,TASS\r\n\
,Nobody,2021,,\r\n\
Later,Somebody,soonish,,\r\n";

/// Opens `text` as a file named `name`, and checks it is refused with a message that says
/// `says`, the corpus in use unchanged; then dismisses the message.
pub(crate) async fn assert_refused_changing_nothing(b: &Browser, name: &str, text: &str, says: &str) {
    let before = b.text(".result-count").await;
    pick_file(b, name, text).await;
    b.wait_for(".corpus-error").await;
    let error = b.text(".corpus-error").await;
    assert!(error.contains(says), "{name}: {error}");
    assert_eq!(b.text(".result-count").await, before);
    click(b, ".corpus-error button").await;
}

async fn problems(b: &Browser) -> Vec<String> {
    let shown = b
        .eval("return [...document.querySelectorAll('.import-problems li')].map(li => li.textContent)")
        .await;
    serde_json::from_value(shown).unwrap()
}

#[test]
fn a_spreadsheet_is_mapped_by_its_header_and_its_usable_rows_load() {
    browser_test("import_csv", |b| async move {
        b.open("").await;
        pick_file(&b, "sheet.csv", SHEET).await;
        b.wait_for(".import").await;
        // “Said on” is not a name the guess knows: the reader says it holds the dates.
        let needs = b.text(".import-needs").await;
        assert!(needs.contains("Date"), "{needs}");
        assert_eq!(b.eval("return document.querySelector('.import-load').disabled").await, true);
        b.assert_accessible_in_both_schemes("the mapping step").await;
        b.save_screenshot("import").await;
        choose(&b, ".import-preview th:nth-child(4) select", "Date").await;
        let table = read("sheet.csv", SHEET.as_bytes()).unwrap();
        let mut mapping = Mapping::guess(&table);
        mapping.set(2, quote_explorer::import::mapping::Field::from_label("Date"));
        let expected = build(&table, &mapping, "sheet.csv").unwrap();
        let messages: Vec<String> = expected.problems.iter().map(|p| p.message()).collect();
        b.wait_until("the rows that cannot load are listed", || async { problems(&b).await == messages })
            .await;
        assert_eq!(messages.len(), 2);
        let count = expected.corpus.quotes.len();
        assert_eq!(b.text(".import-load").await, format!("Load {count} quotes"));
        click(&b, ".import-load").await;
        wait_for_count(&b, &format!("{count} of {count} quotes")).await;
        // Text stays text: the markup is shown, not run; the formula is kept as written.
        let texts =
            b.eval("return [...document.querySelectorAll('.quote-text')].map(q => q.textContent)").await;
        let texts = texts.to_string();
        assert!(texts.contains("<img src=x onerror=alert(1)>") && texts.contains("=SUM(1+1)"), "{texts}");
        assert_eq!(b.find_all_count(".quote-text img").await, 0);
        // One speaker, whatever the case and spacing.
        assert_eq!(b.find_all_count("fieldset[data-facet=speaker] input[type=checkbox]").await, 2);
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn a_file_that_is_no_spreadsheet_changes_nothing_and_says_why() {
    browser_test("import_refused", |b| async move {
        b.open("").await;
        for (name, text, says) in [
            ("empty.csv", "", "empty"),
            ("headless.csv", ",,\n1,2,3\n", "column names"),
            ("binary.tsv", "PK\u{0}\u{3}\u{4}", "binary"),
        ] {
            assert_refused_changing_nothing(&b, name, text, says).await;
        }
        // Cancelling the mapping keeps the corpus in use.
        pick_file(&b, "sheet.csv", SHEET).await;
        b.wait_for(".import").await;
        click(&b, ".import-actions button:nth-child(2)").await;
        b.wait_until("the mapping is gone", || async { b.find_all_count(".import").await == 0 }).await;
        assert_eq!(b.text(".result-count").await, crate::own_corpus::all_bundled());
        b
    });
}

#[test]
fn the_mapping_step_fits_a_phone() {
    browser_test_sized("import_phone", (360, 800), |b| async move {
        b.open("").await;
        pick_file(&b, "sheet.csv", SHEET).await;
        b.wait_for(".import").await;
        let overflow = b
            .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            .await;
        assert_eq!(overflow, 0, "the page does not scroll sideways; the rows scroll in their region");
        let found = b.accessibility_violations().await;
        assert!(found.is_empty(), "{found:#?}");
        b
    });
}

#[test]
fn a_spreadsheet_of_100000_rows_is_mapped_from_its_first_rows_and_loads_in_slices_with_progress() {
    let mut sheet = String::from("quote,speaker,date,themes\n");
    for i in 0..100_000 {
        // Every 10,000th row has a date no one can read.
        let date =
            if i % 10_000 == 9_999 { "soonish".to_owned() } else { format!("2021-03-{:02}", 1 + i % 28) };
        sheet.push_str(&format!(
            "\"Quote {i}, on order and democracy\",Speaker {},{date},order; democracy\n",
            i % 60
        ));
    }
    browser_test("import_100k", |b| async move {
        b.open("").await;
        // Records every status shown, however briefly, and the longest task meanwhile.
        b.eval(
            "window.__progress = []; window.__longest = 0;
             new MutationObserver(() => {
                 const status = document.querySelector('.corpus-status');
                 if (status) window.__progress.push([status.textContent, status.querySelector('progress')?.value ?? null]);
                 if (status && !window.__reading) window.__reading = performance.now();
             }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
             // The test's own making of the file, before reading starts, is not the app's.
             new PerformanceObserver(list => list.getEntries()
                 .filter(e => window.__reading && e.startTime >= window.__reading)
                 .forEach(e => window.__longest = Math.max(window.__longest, e.duration)))
                 .observe({ type: 'longtask' });
             return true",
        )
        .await;
        pick_file(&b, "big.csv", &sheet).await;
        b.wait_for(".import").await;
        let count = b.text(".import-count").await;
        assert!(count.starts_with("Of the first 2000 rows of 100000, 2000 will load"), "{count}");
        let longest_mapping = b.eval("const l = window.__longest; window.__longest = 0; return l").await;
        // Changing the mapping reads the first rows again, not all of them.
        choose(&b, ".import-preview th:nth-child(5) select", "").await;
        click(&b, ".import-load").await;
        wait_for_count(&b, "99990 of 99990 quotes").await;
        b.wait_until("the rows left out are told", || async {
            b.eval("return document.querySelector('.notice')?.textContent ?? ''")
                .await
                .as_str()
                .unwrap_or_default()
                .contains("10 rows of big.csv were left out")
        })
        .await;
        let seen: Vec<(String, Option<f64>)> =
            serde_json::from_value(b.eval("return window.__progress").await).unwrap();
        let steps: std::collections::BTreeSet<u64> = seen
            .iter()
            .filter(|(text, _)| text.starts_with("Checking and indexing big.csv"))
            .filter_map(|(_, value)| value.map(|v| v as u64))
            .collect();
        assert!(steps.len() >= 3, "the progress moves as the page paints between slices: {seen:?}");
        let longest_loading = b.eval("return window.__longest").await;
        eprintln!(
            "100,000 rows: longest task {longest_mapping} ms while reading and mapping (0: none over 50 ms), {longest_loading} ms while loading"
        );
        b
    });
}
