//! The bundled corpus is verbatim, complete in its references and free of clutter.

use std::path::Path;

use quote_explorer::corpus::{
    self, lint, locate_verbatim, normalize_for_comparison, verify_against_sources, Corpus, QuoteKind,
    SpeakerKind,
};

fn bundled() -> Corpus {
    corpus::bundled().unwrap_or_else(|e| panic!("data/corpus.json does not load:\n{e}"))
}

#[test]
fn bundled_corpus_loads_and_validates() {
    let corpus = bundled();
    assert!(corpus.quotes.len() >= 60, "only {} quotes", corpus.quotes.len());
}

#[test]
fn every_text_and_context_occurs_verbatim_on_its_line_of_its_source() {
    let corpus = bundled();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let problems = verify_against_sources(&corpus, |s| std::fs::read_to_string(data.join(&s.file)).ok());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn source_files_are_the_seed_articles_unchanged() {
    let corpus = bundled();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("skipping: {} is not here", seeds.display());
        return;
    }
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for source in &corpus.sources {
        let ours = std::fs::read(data.join(&source.file)).expect("source file");
        let seed = std::fs::read(seeds.join(format!("{}.txt", source.id))).expect("seed file");
        assert!(ours == seed, "data/{} differs from its seed", source.file);
    }
}

#[test]
fn nothing_is_unused_undocumented_or_duplicated() {
    let problems = lint(&bundled());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_seed_article_is_a_source_with_quotes() {
    let corpus = bundled();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sources");
    let mut files: Vec<String> = std::fs::read_dir(&data)
        .expect("data/sources")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut cited: Vec<String> =
        corpus.sources.iter().map(|s| s.file.trim_start_matches("sources/").to_owned()).collect();
    cited.sort();
    assert_eq!(files, cited);
}

#[test]
fn lavrov_is_findable_under_both_spellings() {
    let corpus = bundled();
    let lavrov = corpus.speakers.iter().find(|s| s.name.contains("Lavrov")).expect("Lavrov");
    let names: Vec<&str> =
        std::iter::once(lavrov.name.as_str()).chain(lavrov.aliases.iter().map(String::as_str)).collect();
    assert!(
        names.iter().any(|n| n.contains("Sergei")) && names.iter().any(|n| n.contains("Sergey")),
        "{names:?}"
    );
}

#[test]
fn statement_points_belong_to_a_statement_and_joint_statements_speak_for_themselves() {
    let corpus = bundled();
    for q in &corpus.quotes {
        if q.kind == QuoteKind::StatementPoint {
            assert!(q.statement.is_some(), "statement point '{}' names no statement", q.id);
        }
    }
    let joint = corpus.speakers.iter().filter(|s| s.kind == SpeakerKind::JointStatement).count();
    assert!(joint >= 2, "the March 2021 and February 2022 joint statements are speakers");
}

/// The line of its source a quote is taken from.
fn source_line(corpus: &Corpus, quote: &corpus::Quote) -> String {
    let source = corpus.sources.iter().find(|s| s.id == quote.source).unwrap();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(&source.file))
        .unwrap();
    text.lines().nth(quote.line as usize - 1).unwrap().to_owned()
}

const OPENING_MARKS: &[char] = &['“', '"', '‘', '\'', '«'];
const CLOSING_MARKS: &[char] = &['”', '"', '’', '\'', '»'];

/// The README's rule: a quote (direct quote or statement point) is words the source prints
/// inside quotation marks, whole; a sentence with a few quoted words in it is the reporter's.
#[test]
fn a_quote_is_words_the_source_prints_inside_quotation_marks() {
    let corpus = bundled();
    let mut problems = Vec::new();
    for q in corpus.quotes.iter().filter(|q| q.kind.is_speakers_words()) {
        if q.text.contains(['“', '”', '"']) {
            problems.push(format!("{}: quotation marks inside a quote: a reporter's sentence", q.id));
        }
        let line = source_line(&corpus, q);
        let Some(at) = locate_verbatim(&line, &q.text) else {
            problems.push(format!("{}: not on its line", q.id));
            continue;
        };
        let before = line[..at.start].trim_end().chars().next_back();
        let after = line[at.end..].trim_start_matches(['.', ',', ';', ':', '!', '?', '…']).chars().next();
        if !before.is_some_and(|c| OPENING_MARKS.contains(&c))
            || !after.is_some_and(|c| CLOSING_MARKS.contains(&c))
        {
            problems.push(format!("{}: not inside quotation marks in its source: {line}", q.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A headline is the outlet's words: kind `headline` exactly when the text is its source's headline.
#[test]
fn a_headline_is_kind_headline_and_only_a_headline_is() {
    let corpus = bundled();
    for q in &corpus.quotes {
        let source = corpus.sources.iter().find(|s| s.id == q.source).unwrap();
        let is_headline = normalize_for_comparison(&q.text) == normalize_for_comparison(&source.headline);
        assert_eq!(is_headline, q.kind == QuoteKind::Headline, "{}: {}", q.id, q.text);
    }
}

#[test]
fn the_guilin_remark_is_linked_across_its_two_translations() {
    let corpus = bundled();
    let group: Vec<&str> = corpus
        .quotes
        .iter()
        .filter(|q| q.text.starts_with("No matter how the international situation changes"))
        .map(|q| q.source.as_str())
        .collect();
    assert_eq!(group.len(), 2, "{group:?}");
    let groups: Vec<_> = corpus
        .quotes
        .iter()
        .filter(|q| q.text.starts_with("No matter how the international situation changes"))
        .map(|q| q.variant_group.clone())
        .collect();
    assert!(groups[0].is_some() && groups[0] == groups[1], "{groups:?}");
}

#[test]
fn schema_file_names_every_field_of_the_format() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/corpus.schema.json"))
            .unwrap(),
    )
    .expect("schema is JSON");
    let corpus: serde_json::Value = serde_json::from_str(corpus::BUNDLED_JSON).unwrap();
    // Every key used anywhere in the corpus is described somewhere in the schema.
    let schema_text = schema.to_string();
    let mut keys = Vec::new();
    collect_keys(&corpus, &mut keys);
    keys.sort();
    keys.dedup();
    for key in keys {
        assert!(schema_text.contains(&format!("\"{key}\"")), "schema does not describe '{key}'");
    }
    assert_eq!(schema["properties"]["schema_version"]["const"], 1);
}

fn collect_keys(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                collect_keys(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|i| collect_keys(i, out)),
        _ => {}
    }
}

#[test]
fn readme_states_the_corpus_counts() {
    let corpus = bundled();
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let groups: std::collections::HashSet<_> =
        corpus.quotes.iter().filter_map(|q| q.variant_group.as_deref()).collect();
    for stated in [
        format!("**{} quotes**", corpus.quotes.len()),
        format!("**{} sources**", corpus.sources.len()),
        format!("**{} speakers**", corpus.speakers.len()),
        format!("**{} meetings**", corpus.meetings.len()),
        format!("**{} themes**", corpus.themes.len()),
        format!("{} enumerated statements", corpus.statements.len()),
        format!("{} groups of variants", groups.len()),
    ] {
        assert!(readme.contains(&stated), "README.md should say {stated}");
    }
    for source in &corpus.sources {
        let n = corpus.quotes.iter().filter(|q| q.source == source.id).count();
        let row = readme.lines().find(|l| l.contains(&format!("`{}`", source.id)));
        assert!(
            row.is_some_and(|r| r.trim_end().ends_with(&format!("| {n} |"))),
            "README.md's row for {} should end with {n}",
            source.id
        );
    }
}

#[test]
fn verification_catches_an_edited_word() {
    let mut corpus = bundled();
    corpus.quotes[0].text = corpus.quotes[0].text.replacen("the", "a", 1);
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let problems = verify_against_sources(&corpus, |s| std::fs::read_to_string(data.join(&s.file)).ok());
    assert!(problems.iter().any(|p| p.contains(&corpus.quotes[0].id)), "{problems:?}");
}
