//! The filter engine on the bundled corpus, checked against a plain scan of the quotes.

use quote_explorer::corpus::{self, Quote};
use quote_explorer::engine::{Catalog, Facet, Month, Query, SortOrder};

fn catalog() -> Catalog {
    Catalog::new(corpus::bundled().expect("bundled corpus"))
}

fn values_of(c: &Catalog, q: &Quote, facet: Facet) -> Vec<String> {
    match facet {
        Facet::Side => c.speaker(&q.speaker).and_then(|s| s.side_id()).into_iter().collect(),
        Facet::Speaker => vec![q.speaker.clone()],
        Facet::Meeting => vec![q.meeting.clone()],
        Facet::Theme => q.themes.clone(),
        Facet::Source => vec![q.source.clone()],
        Facet::Kind => vec![q.kind.id().to_owned()],
    }
}

/// The reference semantics: OR within a facet, AND across facets, every search word (or one
/// of its other spellings in the speakers' names, which `engine::text` derives and tests) a
/// prefix of some word of the quote's text, speaker, meeting or themes.
fn matches(c: &Catalog, q: &Quote, query: &Query) -> bool {
    let facets_ok = Facet::ALL.iter().all(|&f| {
        let selected: Vec<&str> = query.selected(f).collect();
        let values = values_of(c, q, f);
        let chosen = selected.is_empty() || values.iter().any(|v| selected.contains(&v.as_str()));
        chosen && !values.iter().any(|v| query.is_excluded(f, v))
    });
    let terms = c.index.search_terms(&query.text);
    let speaker = c.speaker(&q.speaker).unwrap();
    let meeting = c.meeting(&q.meeting).unwrap();
    let mut haystack = vec![
        q.text.clone(),
        speaker.name.clone(),
        meeting.title.clone(),
        meeting.place.clone().unwrap_or_default(),
    ];
    haystack.extend(speaker.aliases.iter().cloned());
    haystack.extend(q.themes.iter().map(|t| c.theme(t).unwrap().label.clone()));
    let words: Vec<String> = haystack.iter().flat_map(|h| quote_explorer::engine::text::words(h)).collect();
    let text_ok =
        (0..terms.words.len()).all(|at| terms.forms(at).any(|t| words.iter().any(|w| w.starts_with(t))));
    let dated = Month::span_of(&meeting.date).is_some_and(|span| query.covers(span));
    facets_ok && text_ok && terms.phrases_match(&q.text) && (dated || !query.has_date_range())
}

fn expected_ids(c: &Catalog, query: &Query) -> Vec<String> {
    let mut ids: Vec<String> =
        c.corpus.quotes.iter().filter(|q| matches(c, q, query)).map(|q| q.id.clone()).collect();
    ids.sort();
    ids
}

fn result_ids(c: &Catalog, query: &Query) -> Vec<String> {
    let mut ids: Vec<String> = c.search(query).quotes.iter().map(|&p| c.quote(p).id.clone()).collect();
    ids.sort();
    ids
}

fn sample_queries() -> Vec<Query> {
    let mut queries = Vec::new();
    let mut q = Query::default();
    queries.push(q.clone());
    q.select(Facet::Speaker, "wang-yi");
    queries.push(q.clone());
    q.select(Facet::Speaker, "sergey-lavrov");
    queries.push(q.clone());
    q.select(Facet::Theme, "democracy");
    queries.push(q.clone());
    q.select(Facet::Theme, "multilateralism");
    q.select(Facet::Kind, "reported_statement");
    queries.push(q.clone());
    let mut t = Query::text("democracy");
    queries.push(t.clone());
    t.select(Facet::Source, "003_f42805dda475c229");
    queries.push(t.clone());
    queries.push(Query::text("“small circles”"));
    queries.push(Query::text("SERGÉI"));
    queries.push(Query::text("guilin vaccine"));
    queries.push(Query::text("zzzz"));
    // Exclusions: alone, beside selections in the same facet and in others, several in a
    // facet whose quotes have several values (themes).
    let mut x = Query::default();
    x.exclude(Facet::Theme, "security");
    queries.push(x.clone());
    x.select(Facet::Theme, "democracy");
    x.exclude(Facet::Theme, "human-rights");
    queries.push(x.clone());
    x.exclude(Facet::Side, "china");
    x.select(Facet::Kind, "reported_statement");
    queries.push(x.clone());
    let mut y = Query::text("democracy");
    y.exclude(Facet::Speaker, "wang-yi");
    y.exclude(Facet::Speaker, "joint-statement-2022-02");
    queries.push(y);
    // Date ranges: from a month, to a month, both; one ending on a month-precision meeting.
    let month = |text: &str| Month::parse(text);
    let dated = |from: Option<Month>, to: Option<Month>, text: &str| {
        let mut q = Query::text(text);
        (q.from, q.to) = (from, to);
        q
    };
    queries.push(dated(month("2021-10"), None, ""));
    queries.push(dated(None, month("2021-10"), ""));
    let mut d = dated(month("2021-04"), month("2022-03"), "democracy");
    d.exclude(Facet::Theme, "security");
    queries.push(d);
    queries
}

#[test]
fn results_match_a_plain_scan_for_combined_filters_and_search() {
    let c = catalog();
    for query in sample_queries() {
        assert_eq!(result_ids(&c, &query), expected_ids(&c, &query), "{query:?}");
    }
}

#[test]
fn each_count_is_what_choosing_that_value_would_give() {
    let c = catalog();
    for query in sample_queries() {
        let results = c.search(&query);
        for facet in Facet::ALL {
            for (i, value) in c.index.values(facet).iter().enumerate() {
                // Counted against every other constraint: this facet's selection replaced by the value.
                let mut alone = query.clone();
                for id in query.selected(facet).map(str::to_owned).collect::<Vec<_>>() {
                    alone.deselect(facet, &id);
                }
                alone.select(facet, &value.id);
                let expected = expected_ids(&c, &alone).len() as u32;
                assert_eq!(results.count(facet, i), expected, "{facet:?}={} for {query:?}", value.id);
            }
        }
    }
}

#[test]
fn a_meeting_known_only_to_the_month_is_inside_a_range_covering_that_month() {
    let c = catalog();
    let by_month = c.corpus.meetings.iter().find(|m| m.date.len() == 7).expect("a month-precision meeting");
    let month = Month::parse(&by_month.date);
    let mut query = Query::default();
    (query.from, query.to) = (month, month);
    let found = c.search(&query).quotes;
    assert!(!found.is_empty());
    assert!(found.iter().any(|&p| c.quote(p).meeting == by_month.id));
    assert_eq!(
        c.index.months().first().copied(),
        c.corpus.meetings.iter().filter_map(|m| Month::parse(&m.date)).min()
    );
}

#[test]
fn values_within_a_facet_widen_and_facets_narrow() {
    let c = catalog();
    let mut one = Query::default();
    one.select(Facet::Speaker, "wang-yi");
    let mut two = one.clone();
    two.select(Facet::Speaker, "sergey-lavrov");
    let mut narrowed = two.clone();
    narrowed.select(Facet::Theme, "democracy");
    let (a, b, n) =
        (c.search(&one).quotes.len(), c.search(&two).quotes.len(), c.search(&narrowed).quotes.len());
    assert!(a < b, "adding a speaker widens: {a} -> {b}");
    assert!(n < b, "adding a theme narrows: {b} -> {n}");
}

#[test]
fn searching_either_spelling_of_lavrov_finds_his_quotes() {
    let c = catalog();
    for spelling in ["Sergei", "sergey", "SERGÉI", "lavrov"] {
        let results = c.search(&Query::text(spelling));
        assert!(
            results.quotes.iter().any(|&p| c.quote(p).speaker == "sergey-lavrov"),
            "'{spelling}' finds no Lavrov quote"
        );
    }
}

#[test]
fn chronological_order_follows_meeting_dates() {
    let c = catalog();
    let results = c.search(&Query::default());
    let dates: Vec<&str> =
        results.quotes.iter().map(|&p| c.meeting(&c.quote(p).meeting).unwrap().date.as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
}

#[test]
fn relevance_puts_quotes_saying_the_word_before_quotes_merely_tagged_with_it() {
    let c = catalog();
    let mut query = Query::text("democracy");
    query.sort = SortOrder::Relevance;
    let results = c.search(&query);
    let says: Vec<bool> =
        results.quotes.iter().map(|&p| c.quote(p).text.to_lowercase().contains("democracy")).collect();
    let first_silent = says.iter().position(|s| !s).unwrap_or(says.len());
    assert!(says[first_silent..].iter().all(|s| !s), "{says:?}");
    assert!(first_silent > 0);
}

#[test]
fn meetings_are_listed_by_date_and_speakers_by_size() {
    let c = catalog();
    let dates: Vec<&str> =
        c.index.values(Facet::Meeting).iter().map(|v| c.meeting(&v.id).unwrap().date.as_str()).collect();
    assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{dates:?}");
    let totals: Vec<u32> = c.index.values(Facet::Speaker).iter().map(|v| v.total).collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]), "{totals:?}");
    assert!(totals.iter().all(|&t| t > 0), "speakers with no quote are not listed");
}

#[test]
fn a_value_no_quote_has_matches_nothing_and_links_drop_it() {
    let c = catalog();
    let mut query = Query::default();
    query.select(Facet::Speaker, "vladimir-putin"); // a participant, quoted nowhere
    query.select(Facet::Theme, "democracy");
    assert!(c.search(&query).quotes.is_empty());
    let known = c.known_only(&query);
    assert_eq!(known.active_filters().collect::<Vec<_>>(), [(Facet::Theme, "democracy")]);
    assert!(!c.search(&known).quotes.is_empty());
}

#[test]
fn statement_points_come_in_point_order_and_variants_link_both_ways() {
    let c = catalog();
    let points: Vec<Option<u32>> = c
        .statement_quotes("joint-statement-2022-02-04")
        .iter()
        .map(|&p| c.quote(p).statement.as_ref().unwrap().point)
        .collect();
    assert!(points.len() >= 10);
    assert!(points.windows(2).all(|w| w[0].unwrap_or(u32::MAX) <= w[1].unwrap_or(u32::MAX)), "{points:?}");
    for (i, q) in c.corpus.quotes.iter().enumerate() {
        for v in c.variants(i as u32) {
            assert!(c.variants(v).contains(&(i as u32)), "{} -> {}", q.id, c.quote(v).id);
        }
    }
}

#[test]
fn every_spelling_of_a_name_finds_the_same_quotes() {
    let c = catalog();
    let sergey = result_ids(&c, &Query::text("Sergey"));
    assert!(!sergey.is_empty());
    assert_eq!(result_ids(&c, &Query::text("Sergei")), sergey);
    assert_eq!(result_ids(&c, &Query::text("sergéi")), sergey);
}
