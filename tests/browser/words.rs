//! Trends and distinctive words: their tables against the engine's answer, their place in
//! the address, a word that searches itself, accessibility at a phone's width.

use quote_explorer::engine::keyness::z_label;
use quote_explorer::url_state;

use crate::support::expect::catalog;
use crate::support::page::click;
use crate::support::{browser_test, browser_test_sized, Browser};

/// Each trend table's rows as (row id, numbers shown).
async fn trend_rows(b: &Browser) -> Vec<(String, Vec<String>)> {
    let rows = b
        .eval("return [...document.querySelectorAll('.trend-table tbody tr')].map(tr => [tr.dataset.row, [...tr.querySelectorAll('.trend-number')].map(n => n.textContent)])")
        .await;
    serde_json::from_value(rows).unwrap()
}

fn engine_trend_rows(query_string: &str, per_thousand: bool) -> Vec<(String, Vec<String>)> {
    let c = catalog();
    let mut query = url_state::parse(query_string).query;
    let terms = c.index.search_terms(&query.text);
    query.text.clear();
    let trends = c.trends(&terms, &c.search(&query));
    [&trends.by_meeting, &trends.by_side, &trends.by_speaker]
        .into_iter()
        .flatten()
        .map(|row| {
            let numbers = (0..trends.terms.len())
                .map(|t| {
                    if per_thousand {
                        quote_explorer::engine::trends::tenths_label(row.per_thousand_tenths(t))
                    } else {
                        row.counts[t].to_string()
                    }
                })
                .collect();
            (row.id.clone(), numbers)
        })
        .collect()
}

#[test]
fn trends_count_each_word_by_meeting_side_and_speaker_raw_or_per_thousand() {
    browser_test("trends", |b| async move {
        let view = "?q=democracy+sovereign&theme=-security&view=trends";
        b.open(view).await;
        let expected = engine_trend_rows(view, false);
        b.wait_until("the trend tables are the engine's", || async { trend_rows(&b).await == expected })
            .await;
        click(&b, ".per-thousand").await;
        b.wait_until("per 1,000 words", || async { b.location().await.ends_with("&view=trends&per=1000") })
            .await;
        let rates = engine_trend_rows(view, true);
        b.wait_until("the rates are the engine's", || async { trend_rows(&b).await == rates }).await;
        b.client.back().await.unwrap();
        b.wait_until("Back returns to counts", || async { trend_rows(&b).await == expected }).await;
        b
    });
}

#[test]
fn trends_are_drawn_as_the_engine_places_them_and_a_mark_opens_its_lines() {
    browser_test("trend_drawings", |b| async move {
        let view = "?q=democracy+hegemon&view=trends";
        b.open(view).await;
        let c = catalog();
        let mut query = url_state::parse(view).query;
        let terms = c.index.search_terms(&query.text);
        query.text.clear();
        let trends = c.trends(&terms, &c.search(&query));
        let timeline = trends.timeline(&c, false);
        let mut expected_marks: Vec<(String, String, u32)> = Vec::new();
        for (term, values) in timeline.values.iter().enumerate() {
            for (at, &value) in values.iter().enumerate().filter(|(_, &v)| v > 0) {
                expected_marks.push((trends.terms[term].clone(), timeline.meetings[at].id.clone(), value));
            }
        }
        assert!(!expected_marks.is_empty());
        let marks = || async {
            let shown = b
                .eval("return [...document.querySelectorAll('.trend-mark')].map(m => [m.dataset.term, m.dataset.meeting, +m.dataset.value])")
                .await;
            serde_json::from_value::<Vec<(String, String, u32)>>(shown).unwrap()
        };
        b.wait_until("the timeline's marks are the engine's", || async { marks().await == expected_marks })
            .await;
        let expected_cells: Vec<(String, String, u32)> = trends
            .map(false)
            .rows
            .iter()
            .flat_map(|row| {
                row.values.iter().enumerate().map(|(t, &v)| (trends.terms[t].clone(), row.id.clone(), v))
            })
            .collect();
        let cells = b
            .eval("return [...document.querySelectorAll('.trend-map .map-cell')].map(m => [m.dataset.term, m.dataset.row, +m.dataset.value])")
            .await;
        assert_eq!(serde_json::from_value::<Vec<(String, String, u32)>>(cells).unwrap(), expected_cells);
        // A mark is the lines behind it: its word at its meeting, as many as it counts.
        let (word, meeting, value) = expected_marks[0].clone();
        click(&b, ".trend-mark").await;
        let address = format!("/?q={word}&meeting={meeting}&view=concordance");
        b.wait_until("the mark's lines in context", || async { b.location().await == address }).await;
        b.wait_until("as many lines as the mark counts", || async {
            b.find_all_count(".kwic tbody tr").await == (value / 10) as usize
        })
        .await;
        b.client.back().await.unwrap();
        b.wait_until("Back returns to the trends", || async { marks().await == expected_marks }).await;
        // The keyboard: the drawing is one tab stop, its marks reached with the arrow keys.
        b.eval("document.querySelector('.trend-mark').focus(); return true").await;
        let key = String::from(char::from(fantoccini::key::Key::Right));
        b.client.active_element().await.unwrap().send_keys(&key).await.unwrap();
        let focused =
            b.eval("return document.activeElement === document.querySelectorAll('.trend-mark')[1]").await;
        assert_eq!(focused, true, "ArrowRight moves to the next mark");
        let key = String::from(char::from(fantoccini::key::Key::Enter));
        b.client.active_element().await.unwrap().send_keys(&key).await.unwrap();
        b.wait_until("Enter opens its lines", || async { b.location().await.ends_with("&view=concordance") })
            .await;
        b
    });
}

#[test]
fn distinctive_words_are_the_engines_and_each_searches_itself() {
    browser_test("keyness", |b| async move {
        let view = "?view=words&by=side&cols=china,china-and-russia";
        b.open(view).await;
        let c = catalog();
        let parsed = url_state::parse(view);
        let spec = c.settle_comparison(parsed.word_groups().unwrap());
        let groups = c.column_members(&spec, &c.search(&parsed.query));
        let k = c.keyness(&groups[0], &groups[1]);
        let expected: Vec<(String, String)> =
            k.of_a.iter().chain(&k.of_b).map(|w| (w.word.clone(), z_label(w.z))).collect();
        b.wait_until("the word lists are the engine's", || async {
            let shown = b
                .eval("return [...document.querySelectorAll('.keyness-table tbody tr')].map(tr => [tr.querySelector('.keyword').textContent, tr.querySelector('td').textContent])")
                .await;
            serde_json::from_value::<Vec<(String, String)>>(shown).unwrap() == expected
        })
        .await;
        click(&b, ".keyword").await;
        let first = &k.of_a[0].word;
        b.wait_until("the word is searched, in context", || async {
            b.location().await == format!("/?q={first}&view=concordance")
        })
        .await;
        b.wait_for(".kwic tbody tr").await;
        b
    });
}

#[test]
fn trends_and_words_are_accessible_at_a_phones_width() {
    browser_test_sized("words_axe", (360, 800), |b| async move {
        for view in ["?q=democracy+rights&view=trends&per=1000", "?view=words"] {
            b.open(view).await;
            b.wait_for(".trend-table, .keyness-table").await;
            b.assert_accessible_in_both_schemes(view).await;
        }
        b
    });
}
