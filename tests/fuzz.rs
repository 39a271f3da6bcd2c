//! Property-based fuzzing of the parsers that read what strangers write: the corpus parser
//! and the spreadsheet import (files people bring) and the URL-state parser (links people
//! share). None may panic on any input; what they accept must behave.
//!
//! Each property tries `QE_FUZZ_CASES` inputs (default 5,000); every test prints how many
//! it tried, e.g. `QE_FUZZ_CASES=50000 cargo test --release --test fuzz -- --nocapture`.

use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use quote_explorer::corpus;
use quote_explorer::engine::{Catalog, Facet, Query};
use quote_explorer::url_state;

fn cases() -> u32 {
    std::env::var("QE_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(5_000)
}

/// Runs `property` on inputs from `strategy`, then reports how many inputs were tried.
fn fuzz<S: Strategy>(name: &str, strategy: S, property: impl Fn(S::Value)) {
    let tried = AtomicUsize::new(0);
    let mut runner =
        TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    let outcome = runner.run(&strategy, |input| {
        tried.fetch_add(1, Ordering::Relaxed);
        property(input);
        Ok(())
    });
    eprintln!("fuzz {name}: {} inputs, no panic", tried.load(Ordering::Relaxed));
    if let Err(e) = outcome {
        panic!("{name}: {e}");
    }
}

/// A small valid corpus, the seed the mutations start from: a variant group and a
/// statement's points keep every kind of reference in play.
fn seed_corpus() -> String {
    let bundled = corpus::bundled().unwrap();
    let group = bundled.quotes.iter().find_map(|q| q.variant_group.clone()).unwrap();
    let statement = bundled.quotes.iter().find_map(|q| q.statement.as_ref().map(|s| s.id.clone())).unwrap();
    let mut small = bundled.clone();
    small.quotes = bundled
        .quotes
        .iter()
        .filter(|q| {
            q.variant_group.as_ref() == Some(&group)
                || q.statement.as_ref().is_some_and(|s| s.id == statement)
        })
        .cloned()
        .map(|mut q| {
            if q.variant_group.as_ref() != Some(&group) {
                q.variant_group = None;
            }
            q
        })
        .collect();
    let json = serde_json::to_string(&small).unwrap();
    let parsed = corpus::parse(&json).expect("the seed corpus is valid");
    assert!(parsed.quotes.len() >= 4);
    json
}

/// What serde's derived reader of the corpus types makes of `json`, with the same version
/// and integrity checks: the reference the hand-written reader must agree with.
fn serde_reference(json: &str) -> Option<corpus::Corpus> {
    let corpus: corpus::Corpus = serde_json::from_str(json).ok()?;
    (corpus.schema_version == corpus::SCHEMA_VERSION && corpus::check_integrity(&corpus).is_empty())
        .then_some(corpus)
}

/// The start of an input, for a failure's message.
fn shortened(json: &str) -> String {
    json.chars().take(300).collect()
}

/// Whatever a parse accepts can be indexed and searched; it accepts exactly what serde's
/// reader of the same types accepts, with the same result. (serde also reads a struct
/// written as an array and a kind written as `{"direct_quote": null}`; the corpus schema,
/// and so the reader, does not. No strategy here writes either.)
fn exercise(json: &str) {
    let parsed = corpus::parse(json);
    match (&parsed, serde_reference(json)) {
        (Ok(ours), Some(reference)) => assert_eq!(ours, &reference, "both read it, differently"),
        (Ok(_), None) => panic!("accepted what serde refuses: {}", shortened(json)),
        (Err(e), Some(_)) => panic!("refused what serde accepts ({e}): {}", shortened(json)),
        (Err(_), None) => {}
    }
    match parsed {
        Ok(corpus) => {
            let catalog = Catalog::new(corpus);
            let mut query = Query::text("democracy \"world order\"");
            if let Some(theme) = catalog.corpus.themes.first() {
                query.select(Facet::Theme, &theme.id);
            }
            let results = catalog.search(&query);
            assert!(results.quotes.len() <= catalog.len());
        }
        Err(e) => {
            assert!(!e.messages.is_empty(), "a refusal always says why");
            assert!(e.messages.iter().all(|m| !m.trim().is_empty()));
        }
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, u8),
    Delete(usize, usize),
    Insert(usize, String),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    let fragments = prop::sample::select(vec![
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"",
        "null",
        "0",
        "-1",
        "4294967296",
        "1e999",
        "true",
        "\"\"",
        "\\u0000",
        "\\ud800",
        "\"id\"",
        "\"quotes\"",
        "[[[[[[[[",
        "\u{202E}",
        "<script>",
    ]);
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), fragments).prop_map(|(at, s)| Edit::Insert(at, s.to_owned())),
    ]
}

fn apply(seed: &str, edits: &[Edit]) -> String {
    let mut bytes = seed.as_bytes().to_vec();
    for edit in edits {
        if bytes.is_empty() {
            break;
        }
        match edit {
            Edit::Replace(at, b) => {
                let at = at % bytes.len();
                bytes[at] = *b;
            }
            Edit::Delete(at, n) => {
                let at = at % bytes.len();
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Edit::Insert(at, s) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, s.bytes());
            }
        }
    }
    // The browser hands the parser text; bytes that are not UTF-8 are refused before it.
    String::from_utf8_lossy(&bytes).into_owned()
}

#[test]
fn corpus_parser_survives_any_text() {
    fuzz("corpus parser, arbitrary text", any::<String>(), |text| exercise(&text));
}

#[test]
fn corpus_parser_survives_mutated_corpora() {
    let seed = seed_corpus();
    fuzz("corpus parser, mutated valid corpus", prop::collection::vec(edit_strategy(), 1..6), |edits| {
        exercise(&apply(&seed, &edits))
    });
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[a-z_\\-<>\"\u{202E} ]{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        let key = prop::sample::select(vec![
            "schema_version",
            "title",
            "themes",
            "speakers",
            "meetings",
            "sources",
            "statements",
            "quotes",
            "id",
            "text",
            "kind",
            "speaker",
            "meeting",
            "label",
            "name",
            "date",
            "participants",
            "statement",
            "point",
            "variant_group",
            "url",
            "x",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(key.prop_map(str::to_owned), inner, 0..8)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

#[test]
fn corpus_parser_survives_arbitrary_json_in_corpus_shapes() {
    fuzz("corpus parser, arbitrary JSON with corpus field names", json_value(), |mut value| {
        // Half the inputs carry the right version, to get past the version check.
        if let Some(object) = value.as_object_mut() {
            if object.len() % 2 == 0 {
                object.insert("schema_version".into(), 1.into());
            }
        }
        exercise(&value.to_string())
    });
}

#[test]
fn url_state_parser_survives_any_query_string_and_its_output_is_stable() {
    let part = prop_oneof![
        "[a-z]{1,8}",
        prop::sample::select(vec!["q", "speaker", "meeting", "theme", "source", "kind", "sort"])
            .prop_map(str::to_owned),
        any::<String>(),
        "(%[0-9A-Fa-f]{0,2}|[&=+?#])+".prop_map(|s| s),
    ];
    let query_string = prop::collection::vec((part.clone(), part), 0..12)
        .prop_map(|pairs| pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&"));
    let text = prop_oneof![query_string, any::<String>()];
    fuzz("URL-state parser", text, |text| {
        let query = url_state::parse(&text);
        let written = url_state::to_query_string(&query);
        let reread = url_state::parse(&written);
        assert_eq!(url_state::to_query_string(&reread), written, "a written link reads back the same");
    });
}

/// Spreadsheet text from the pieces that make CSV hard: quotes, separators, line breaks,
/// a BOM, dates in good and bad forms, names in two cases, markup and formulas.
fn sheet_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\"".to_owned()),
        Just(",".to_owned()),
        Just("\t".to_owned()),
        Just(";".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just("\u{FEFF}".to_owned()),
        Just("23 March 2021".to_owned()),
        Just("2021-02-30".to_owned()),
        Just("2022".to_owned()),
        Just("Wang Yi".to_owned()),
        Just("wang  YI".to_owned()),
        Just("<script>x</script>".to_owned()),
        Just("=1+1".to_owned()),
        Just("direct quote".to_owned()),
        "[a-zA-Zé ]{0,12}",
        any::<char>().prop_map(String::from),
    ];
    let header = prop::sample::subsequence(
        vec![
            "text", "speaker", "date", "meeting", "place", "themes", "source", "outlet", "url", "kind",
            "context", "other",
        ],
        0..=12,
    )
    .prop_shuffle();
    (header, prop::collection::vec(piece, 0..80), prop::bool::ANY).prop_map(|(header, pieces, tabs)| {
        let separator = if tabs { "\t" } else { "," };
        format!("{}\n{}", header.join(separator), pieces.concat())
    })
}

#[test]
fn spreadsheet_import_survives_any_text_and_what_it_builds_is_a_sound_corpus() {
    use quote_explorer::import::{mapping, table};
    fuzz("spreadsheet import", sheet_strategy(), |text| {
        for name in ["sheet.csv", "sheet.tsv", "sheet.jsonl"] {
            let Ok(table) = table::read(name, text.as_bytes()) else { continue };
            let mut mapping = mapping::Mapping::guess(&table);
            for theme_separator in mapping::THEME_SEPARATORS {
                mapping.theme_separator = theme_separator;
                let Ok(imported) = mapping::build(&table, &mapping, name) else { continue };
                let (_, problems) = corpus::Links::new(&imported.corpus);
                assert!(problems.is_empty(), "{problems:?} from {text:?}");
                // Every row is accounted for: loaded, or listed as left out.
                let left_out = imported.problems.iter().filter(|p| p.left_out).count();
                assert_eq!(imported.corpus.quotes.len() + left_out, table.rows.len(), "{text:?}");
                // It loads as any corpus does.
                let catalog = Catalog::new(imported.corpus);
                catalog.search(&Query::default());
            }
        }
    });
}

/// Article text from the pieces that make quotations hard to read: every kind of quotation
/// mark, apostrophes, bullets and numbers, blank and carriage-return lines, speakers' names
/// and "said", abbreviations, markup.
fn article_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_owned()),
        Just("”".to_owned()),
        Just("\"".to_owned()),
        Just("‘".to_owned()),
        Just("’".to_owned()),
        Just("«".to_owned()),
        Just("»".to_owned()),
        Just("’s ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n  • ".to_owned()),
        Just("\n2. ".to_owned()),
        Just("\nFirst, ".to_owned()),
        Just(" Wang said".to_owned()),
        Just(", said Foreign Minister Ana Costa".to_owned()),
        Just(" according to the joint statement".to_owned()),
        Just(" Mr. U.S. ".to_owned()),
        Just(". ".to_owned()),
        Just("<b>x</b>".to_owned()),
        prop::sample::select(vec!["the talks ", "Wang ", "he ", "is ", "Democracy", "é", ", ", "."])
            .prop_map(str::to_owned),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..80).prop_map(|pieces| pieces.concat())
}

#[test]
fn article_proposer_survives_any_text_and_what_it_proposes_is_the_articles_own_words() {
    use quote_explorer::import::article::{self, add, propose};
    // The bundled speakers to guess among, without the quotes that would only slow each case.
    let bundled =
        corpus::Corpus { quotes: vec![], sources: vec![], statements: vec![], ..corpus::bundled().unwrap() };
    fuzz("article proposer", article_strategy(), |raw| {
        let Ok(text) = article::read(raw.as_bytes()) else { return };
        let proposals = propose::propose(&text, &bundled.speakers);
        for p in &proposals {
            let words = &text[p.text.clone()];
            assert!(!words.trim().is_empty(), "{p:?} in {text:?}");
            assert!(corpus::locate_verbatim(&text[p.context.clone()], words).is_some(), "{p:?} in {text:?}");
            assert_eq!(p.line as usize, text[..p.text.start].matches('\n').count() + 1, "{text:?}");
            if let Some(guess) = &p.speaker {
                assert!(text.get(guess.from.clone()).is_some(), "{guess:?} in {text:?}");
            }
        }
        if proposals.is_empty() {
            return;
        }
        // Everything proposed can be added, and the corpus stays sound.
        let accepted: Vec<add::Accepted> = proposals
            .into_iter()
            .map(|p| add::Accepted {
                speaker: match p.speaker.clone().map(|g| g.who) {
                    Some(propose::Who::Known(id)) => add::SpeakerChoice::Existing(id),
                    Some(propose::Who::New(name)) => add::SpeakerChoice::New(name),
                    None => add::SpeakerChoice::New("Someone".into()),
                },
                kind: p.kind,
                meeting: add::MeetingChoice::New,
                themes: vec![],
                proposal: p,
            })
            .collect();
        let details = add::ArticleDetails {
            headline: article::headline_of(&text).to_owned() + "h",
            file_name: "a.txt".into(),
            new_meeting: add::NewMeeting { title: "M".into(), date: "2022".into(), place: String::new() },
            ..Default::default()
        };
        let grown = add::add_article(&bundled, &text, &details, &accepted).expect("added");
        let (_, problems) = corpus::Links::new(&grown);
        assert!(problems.is_empty(), "{problems:?} from {text:?}");
        let problems =
            corpus::verify_against_sources(&grown, |s| s.text.clone().or_else(|| Some(String::new())));
        let article_source = format!("source '{}'", grown.sources.last().expect("the article").id);
        let ours: Vec<&String> = problems.iter().filter(|p| p.contains(&article_source)).collect();
        assert!(ours.is_empty(), "{ours:?} from {text:?}");
    });
}
