//! What the filters offer beyond choosing values: leaving a value out, a date range, and a
//! box that finds values in a long facet. Each checked against the engine's answer.

use quote_explorer::corpus::synthetic;
use quote_explorer::engine::{Catalog, Facet};

use crate::own_corpus::pick_file;
use crate::support::expect::{engine_counts, engine_ids};
use crate::support::page::{choose, click, displayed_counts, wait_for_ids};
use crate::support::{browser_test, browser_test_sized, Browser};

/// The speakers the speaker facet lists now.
async fn speaker_ids(b: &Browser) -> Vec<String> {
    let ids = b
        .eval("return [...document.querySelectorAll('fieldset[data-facet=speaker] input[type=checkbox]')].map(i => i.value)")
        .await;
    serde_json::from_value(ids).unwrap()
}

async fn wait_for_view(b: &Browser, query_string: &str) {
    b.wait_until(&format!("the address is /{query_string}"), || async {
        b.location().await == format!("/{query_string}")
    })
    .await;
    wait_for_ids(b, &engine_ids(query_string)).await;
    assert_eq!(displayed_counts(b).await, engine_counts(query_string), "counts for {query_string}");
}

#[test]
fn leaving_a_value_out_hides_its_quotes_and_every_count_follows() {
    browser_test("exclude", |b| async move {
        b.open("?theme=democracy").await;
        click(&b, r#"button.exclude[aria-label="Leave out Wang Yi"]"#).await;
        wait_for_view(&b, "?theme=democracy&speaker=-wang-yi").await;
        assert_eq!(
            b.eval(r#"return document.querySelector('button.exclude[aria-label="Leave out Wang Yi"]').getAttribute('aria-pressed')"#).await,
            "true"
        );
        let chip = b.text(".chip-excluded").await;
        assert!(chip.starts_with("Speaker: not Wang Yi"), "{chip}");
        // A theme left out beside one chosen, in a facet whose quotes have several values.
        click(&b, r#"button.exclude[aria-label="Leave out Human rights"]"#).await;
        wait_for_view(&b, "?theme=democracy&speaker=-wang-yi&theme=-human-rights").await;
        // Ticking a value left out chooses it instead.
        click(&b, "#facet-speaker-wang-yi").await;
        wait_for_view(&b, "?theme=democracy&speaker=wang-yi&theme=-human-rights").await;
        b.client.back().await.unwrap();
        wait_for_ids(&b, &engine_ids("?theme=democracy&speaker=-wang-yi&theme=-human-rights")).await;
        click(&b, ".chip-excluded").await;
        b.wait_until("one exclusion is left", || async { b.find_all_count(".chip-excluded").await == 1 })
            .await;
        b.assert_no_console_errors().await;
        b
    });
}

#[test]
fn a_date_range_keeps_the_meetings_of_its_months_and_is_a_chip() {
    browser_test("date_range", |b| async move {
        b.open("").await;
        choose(&b, ".date-range .date-end:nth-of-type(1) select", "2021-10").await;
        wait_for_view(&b, "?from=2021-10").await;
        choose(&b, ".date-range .date-end:nth-of-type(2) select", "2022-03").await;
        // March 2022's meeting is known only to the month, and is inside.
        wait_for_view(&b, "?from=2021-10&to=2022-03").await;
        let chips = b.text(".chips").await;
        assert!(chips.contains("Date: October 2021 to March 2022"), "{chips}");
        b.client.back().await.unwrap();
        wait_for_ids(&b, &engine_ids("?from=2021-10")).await;
        // A link may give either end alone; a malformed month is dropped.
        b.open("?to=2021-10&from=soon").await;
        wait_for_ids(&b, &engine_ids("?to=2021-10")).await;
        assert!(b.text(".chips").await.contains("Date: until October 2021"));
        click(&b, ".chips .chip").await;
        wait_for_ids(&b, &engine_ids("")).await;
        b
    });
}

#[test]
fn a_year_on_the_timeline_sets_the_date_range_to_it() {
    browser_test("timeline_year", |b| async move {
        b.open("?overview=open").await;
        click(&b, ".timeline .year[data-year='2022']").await;
        wait_for_view(&b, "?from=2022-01&to=2022-12&overview=open").await;
        assert_eq!(b.eval("return document.querySelector('.timeline .year[data-year=\"2022\"]').getAttribute('aria-pressed')").await, "true");
        // Each drawn meeting's count is its quotes in 2022 alone.
        let shown = b
            .eval("return [...document.querySelectorAll('.timeline-mark')].filter(m => m.dataset.shown !== '0').length")
            .await;
        assert!(shown.as_u64().unwrap() > 0);
        click(&b, ".timeline .year[data-year='2022']").await;
        wait_for_view(&b, "?overview=open").await;
        // From the keyboard: the years come after the meetings, in the drawing's one tab stop.
        b.eval("document.querySelector('.timeline-mark').focus(); return true").await;
        let key = |k: fantoccini::key::Key| {
            let b = &b;
            async move { b.client.active_element().await.unwrap().send_keys(&k.to_string()).await.unwrap() }
        };
        key(fantoccini::key::Key::End).await;
        assert_eq!(b.eval("return document.activeElement.dataset.year ?? null").await, "2022");
        key(fantoccini::key::Key::Left).await;
        assert_eq!(b.eval("return document.activeElement.dataset.year ?? null").await, "2021");
        key(fantoccini::key::Key::Enter).await;
        wait_for_view(&b, "?from=2021-01&to=2021-12&overview=open").await;
        b
    });
}

#[test]
fn a_long_facet_has_a_box_that_finds_its_values_by_any_of_their_names() {
    browser_test("facet_box", |b| async move {
        b.open("").await;
        let corpus = synthetic::generate(400, 5);
        let catalog = Catalog::new(corpus.clone());
        pick_file(&b, "many-speakers.json", &serde_json::to_string(&corpus).unwrap()).await;
        b.wait_until("the new corpus is shown", || async {
            b.text(".result-count").await == "400 of 400 quotes"
        })
        .await;
        assert_eq!(speaker_ids(&b).await.len(), 12, "a long facet shows its first 12");
        // Found by another name ("Minister 17", an alias), kept in the facet's order.
        let input = b.wait_for("fieldset[data-facet=speaker] .facet-search").await;
        input.send_keys("minister 17").await.unwrap();
        let matching = catalog.facet_values_matching(Facet::Speaker, "minister 17");
        let expected: Vec<String> = catalog
            .index
            .values(Facet::Speaker)
            .iter()
            .zip(&matching)
            .filter(|(_, m)| **m)
            .map(|(v, _)| v.id.clone())
            .collect();
        assert!(!expected.is_empty());
        b.wait_until("the box narrows the speakers", || async { speaker_ids(&b).await == expected }).await;
        let status = b.text("fieldset[data-facet=speaker] [role=status]").await;
        assert_eq!(status, format!("{} of {} found", expected.len(), matching.len()));
        // A chosen value stays in view whatever is typed.
        click(&b, &format!("#facet-speaker-{}", expected[0])).await;
        input.clear().await.unwrap();
        input.send_keys("zzzz").await.unwrap();
        b.wait_until("only the chosen speaker is listed", || async {
            speaker_ids(&b).await == [expected[0].clone()]
        })
        .await;
        b
    });
}

#[test]
fn the_new_filters_are_accessible_and_fit_a_phone() {
    browser_test_sized("filters_axe", (360, 800), |b| async move {
        b.open("?theme=-security&from=2021-10&speaker=-wang-yi").await;
        b.eval("document.querySelectorAll('details').forEach(d => d.open = true); return true").await;
        crate::explorer::wait_for_the_filter_pane(&b).await;
        b.assert_accessible_in_both_schemes("the page").await;
        let width = b.eval("return document.documentElement.scrollWidth").await;
        assert!(width.as_u64().unwrap() <= 360, "no sideways scrolling: {width}");
        b
    });
}
