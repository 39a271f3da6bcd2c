use crate::support::browser_test;

#[test]
fn page_loads_with_quotes_and_no_console_errors() {
    browser_test("page_loads", |b| async move {
        b.open("").await;
        let ids = b.quote_ids().await;
        assert!(ids.len() >= 60, "only {} quotes on screen", ids.len());
        let status = b.text("[role=status].result-count").await;
        assert_eq!(status, format!("{} of {} quotes", ids.len(), ids.len()));
        let errors = b.console_errors().await;
        assert!(errors.is_empty(), "console errors: {errors:#?}");
        b
    });
}

#[test]
fn clicking_a_speaker_filter_narrows_the_results_to_that_speaker() {
    browser_test("filter_click", |b| async move {
        b.open("").await;
        let before = b.quote_ids().await;
        b.wait_for("#facet-speaker-sergey-lavrov")
            .await
            .click()
            .await
            .unwrap();
        b.wait_until("the list narrows", || async {
            b.quote_ids().await.len() < before.len()
        })
        .await;
        let after = b.quote_ids().await;
        assert!(!after.is_empty());
        let speakers = b
            .eval("return [...document.querySelectorAll('article[data-quote-id] .speaker-name')].map(s => s.textContent)")
            .await;
        for name in speakers.as_array().unwrap() {
            assert_eq!(name, "Sergey Lavrov");
        }
        assert!(b
            .client
            .current_url()
            .await
            .unwrap()
            .as_str()
            .contains("speaker=sergey-lavrov"));
        b
    });
}
