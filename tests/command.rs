//! The `quote-explorer` command, run as the installed binary: on the bundled corpus, on a
//! broken one (exit status and the app's own messages), on a spreadsheet, and on a synthetic
//! corpus of 100,000 quotes (its time and output size printed, not asserted).

use std::process::Command;
use std::time::Instant;

use quote_explorer::corpus;

fn run(args: &[&str]) -> (i32, String, String) {
    let output =
        Command::new(env!("CARGO_BIN_EXE_quote-explorer")).args(args).output().expect("the command runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn temp_file(name: &str, contents: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("qe-command-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

const BUNDLED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus.json");

#[test]
fn validate_passes_the_bundled_corpus() {
    let (status, out, _) = run(&["validate", BUNDLED]);
    assert_eq!(status, 0, "{out}");
    let quotes = corpus::bundled().unwrap().quotes.len();
    assert!(out.contains(&format!("valid, {quotes} quotes")), "{out}");
}

#[test]
fn validate_fails_a_broken_corpus_with_the_apps_messages() {
    let broken = corpus::BUNDLED_JSON.replacen("\"speaker\": \"wang-yi\"", "\"speaker\": \"wang\"", 1);
    let broken = if broken == corpus::BUNDLED_JSON {
        corpus::BUNDLED_JSON.replacen("\"speaker\":\"wang-yi\"", "\"speaker\":\"wang\"", 1)
    } else {
        broken
    };
    assert_ne!(broken, corpus::BUNDLED_JSON, "the corpus was broken");
    let expected = corpus::parse(&broken).unwrap_err().messages;
    let file = temp_file("broken.json", broken.as_bytes());
    let (status, out, _) = run(&["validate", &file]);
    assert_eq!(status, 1);
    for message in &expected {
        assert!(out.contains(message), "{message} in {out}");
    }
    let (status, json, _) = run(&["validate", &file, "--json"]);
    assert_eq!(status, 1);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["problems"], serde_json::json!(expected));
}

#[test]
fn validate_reads_a_spreadsheet_as_the_app_first_maps_it() {
    let sheet = "Quote,Said by,Date,Themes\n\"One, two\",Wang Yi,23 March 2021,Order\nTwo,Wang Yi,soonish,\n";
    let file = temp_file("sheet.csv", sheet.as_bytes());
    let (status, out, _) = run(&["validate", &file]);
    assert_eq!(status, 1, "a row is left out");
    assert!(out.contains("1 quote would load"), "{out}");
    assert!(out.contains("Row 2 (line 3), column “Date”: “soonish” is not a date"), "{out}");
    let (status, _, _) = run(&["validate", &temp_file("good.csv", b"Quote,Date\nFine,2022\n")]);
    assert_eq!(status, 0);
}

#[test]
fn stats_counts_quotes_by_speaker_meeting_theme_source_and_kind() {
    let bundled = corpus::bundled().unwrap();
    let (status, json, _) = run(&["stats", BUNDLED, "--json"]);
    assert_eq!(status, 0);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let wang = bundled.quotes.iter().filter(|q| q.speaker == "wang-yi").count();
    assert_eq!(
        report["speakers"][0],
        serde_json::json!({ "label": "Wang Yi", "quotes": wang }),
        "most first"
    );
    for group in ["speakers", "meetings", "sources", "kinds"] {
        let total: u64 =
            report[group].as_array().unwrap().iter().map(|r| r["quotes"].as_u64().unwrap()).sum();
        assert_eq!(total as usize, bundled.quotes.len(), "{group}: each quote once");
    }
    assert_eq!(report["lint"], serde_json::json!([]), "the bundled corpus lints clean");
    let (_, text, _) = run(&["stats", BUNDLED]);
    assert!(text.contains(&format!("{wang:>7}  Wang Yi")), "{text}");
}

#[test]
fn wrong_usage_says_how_to_use_it() {
    let (status, out, _) = run(&["--help"]);
    assert_eq!(status, 0);
    assert!(out.contains("quote-explorer validate FILE"));
    for args in [&["frob"][..], &["validate"], &["validate", "a", "b"]] {
        let (status, _, err) = run(args);
        assert_eq!(status, 2, "{args:?}");
        assert!(err.contains("Usage:"), "{err}");
    }
    let (status, _, err) = run(&["validate", "/no/such/file.json"]);
    assert_eq!(status, 1);
    assert!(err.contains("cannot be read"), "{err}");
}

#[test]
fn a_corpus_of_100000_quotes_is_validated_and_counted() {
    let json = serde_json::to_vec(&corpus::synthetic::generate(100_000, 7)).unwrap();
    let file = temp_file("large.json", &json);
    for command in ["validate", "stats"] {
        let started = Instant::now();
        let (status, out, _) = run(&[command, &file]);
        assert_eq!(status, 0, "{out}");
        eprintln!(
            "{command} on 100,000 quotes ({:.1} MB): {:.2} s, {} bytes of output",
            json.len() as f64 / 1e6,
            started.elapsed().as_secs_f64(),
            out.len()
        );
    }
}
