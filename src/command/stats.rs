//! `stats`: how many quotes each speaker, meeting, theme, source and kind has, and what the
//! corpus lint finds (unused or undocumented entries, repeated quotes).

use std::collections::HashMap;
use std::fmt::Write as _;

use super::{Opened, Outcome};
use crate::corpus::{lint, Corpus};

/// Quotes per value of one field: the value's label and count, most first.
fn tally(
    corpus: &Corpus,
    values: impl Fn(&crate::corpus::Quote) -> Vec<String>,
    label: impl Fn(&str) -> String,
) -> Vec<(String, usize)> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for q in &corpus.quotes {
        for v in values(q) {
            *counts.entry(v).or_default() += 1;
        }
    }
    let mut rows: Vec<(String, usize)> = counts.into_iter().map(|(id, n)| (label(&id), n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

pub fn stats(file: &str, opened: &Opened, json: bool) -> Outcome {
    let Some(corpus) = &opened.corpus else {
        let mut err = format!("{file} cannot be loaded:\n");
        for p in &opened.problems {
            let _ = writeln!(err, "  {p}");
        }
        return Outcome { status: 1, out: String::new(), err };
    };
    let name = |list: &dyn Fn(&str) -> Option<String>, id: &str| list(id).unwrap_or_else(|| id.to_owned());
    let speaker = |id: &str| corpus.speakers.iter().find(|s| s.id == id).map(|s| s.name.clone());
    let meeting = |id: &str| {
        corpus.meetings.iter().find(|m| m.id == id).map(|m| format!("{} ({})", m.title, m.date_label()))
    };
    let theme = |id: &str| corpus.themes.iter().find(|t| t.id == id).map(|t| t.label.clone());
    let source = |id: &str| {
        corpus.sources.iter().find(|s| s.id == id).map(|s| format!("{}: {}", s.outlet, s.headline))
    };
    let groups = [
        ("speakers", tally(corpus, |q| vec![q.speaker.clone()], |id| name(&speaker, id))),
        ("meetings", tally(corpus, |q| vec![q.meeting.clone()], |id| name(&meeting, id))),
        ("themes", tally(corpus, |q| q.themes.clone(), |id| name(&theme, id))),
        ("sources", tally(corpus, |q| vec![q.source.clone()], |id| name(&source, id))),
        ("kinds", tally(corpus, |q| vec![q.kind.label().to_owned()], str::to_owned)),
    ];
    let lint = lint(corpus);
    let out = if json {
        let mut report = serde_json::json!({ "file": file, "quotes": corpus.quotes.len(), "lint": lint, "problems": opened.problems });
        for (group, rows) in &groups {
            report[group] =
                rows.iter().map(|(label, n)| serde_json::json!({ "label": label, "quotes": n })).collect();
        }
        format!("{report:#}\n")
    } else {
        let mut out = format!("{file}: {} quotes\n", corpus.quotes.len());
        for (group, rows) in &groups {
            let _ = writeln!(out, "\n{} {group}, by their quotes", rows.len());
            for (label, n) in rows {
                let _ = writeln!(out, "  {n:>7}  {label}");
            }
        }
        let _ = writeln!(
            out,
            "\nLint: {}",
            if lint.is_empty() { "nothing found.".to_owned() } else { format!("{} problems", lint.len()) }
        );
        for p in &lint {
            let _ = writeln!(out, "  {p}");
        }
        out
    };
    Outcome::ok(out)
}
