//! Citations reference managers read: CSL-JSON (Zotero, Mendeley, Pandoc), BibTeX (LaTeX,
//! JabRef) and RIS (EndNote, and every manager's import). One entry per quote: the article
//! it comes from (headline, outlet, publication date with its precision, address when safe to
//! follow), the occasion (meeting, place, date) and, in the note, the quote with whose words
//! they are and its line in the source.

use serde_json::{json, Map, Value};

use super::cite;
use crate::corpus::{DatePrecision, Quote};
use crate::engine::Catalog;

/// A date's parts as the corpus gives them: year, and month and day when known.
fn date_parts(date: &str) -> Vec<u32> {
    date.split('-').map_while(|p| p.parse::<u32>().ok()).take(3).collect()
}

/// What a citation says of one quote, gathered once for the three formats.
struct Entry {
    key: String,
    title: String,
    outlet: String,
    published: Option<String>,
    url: Option<String>,
    meeting: Option<(String, String, DatePrecision, Option<String>)>,
    themes: Vec<String>,
    note: String,
}

fn entry(catalog: &Catalog, quote: &Quote) -> Entry {
    let source = catalog.source(&quote.source);
    Entry {
        key: quote.id.clone(),
        title: source.map_or_else(|| quote.source.clone(), |s| s.headline.clone()),
        outlet: source.map_or_else(String::new, |s| s.outlet.clone()),
        published: source.and_then(|s| s.published.clone()),
        url: source.and_then(|s| s.web_url()).map(str::to_owned),
        meeting: catalog
            .meeting(&quote.meeting)
            .map(|m| (m.title.clone(), m.date.clone(), m.date_precision, m.place.clone())),
        themes: quote.themes.iter().map(|t| catalog.value_label(crate::engine::Facet::Theme, t)).collect(),
        note: cite(catalog, quote),
    }
}

/// CSL-JSON: a list of items, each with its `id` and `type` (the two the schema requires).
pub fn csl_json(catalog: &Catalog, quotes: &[&Quote]) -> String {
    let date = |date: &str, precision: DatePrecision| {
        let mut d = Map::new();
        d.insert("date-parts".into(), json!([date_parts(date)]));
        if precision == DatePrecision::Approximate {
            d.insert("circa".into(), json!(true));
        }
        Value::Object(d)
    };
    let items: Vec<Value> = quotes
        .iter()
        .map(|q| {
            let e = entry(catalog, q);
            let mut item = Map::new();
            item.insert("id".into(), json!(e.key));
            item.insert("type".into(), json!("article-newspaper"));
            item.insert("title".into(), json!(e.title));
            if !e.outlet.is_empty() {
                item.insert("container-title".into(), json!(e.outlet));
            }
            if let Some(published) = &e.published {
                item.insert("issued".into(), date(published, DatePrecision::Day));
            }
            if let Some(url) = e.url {
                item.insert("URL".into(), json!(url));
            }
            if let Some((title, when, precision, place)) = e.meeting {
                item.insert("event-title".into(), json!(title));
                item.insert("event-date".into(), date(&when, precision));
                if let Some(place) = place {
                    item.insert("event-place".into(), json!(place));
                }
            }
            if !e.themes.is_empty() {
                item.insert("keyword".into(), json!(e.themes.join(", ")));
            }
            item.insert("note".into(), json!(e.note));
            Value::Object(item)
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_default()
}

/// Text inside a BibTeX field's braces: the characters TeX would read as commands or
/// groups written as text, so that braces stay balanced whatever the quote holds.
pub fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A BibTeX key from an id: letters, digits and `-_:.` only, unique among `used`.
fn bibtex_key(id: &str, used: &mut Vec<String>) -> String {
    let stem: String = id.chars().filter(|c| c.is_ascii_alphanumeric() || "-_:.".contains(*c)).collect();
    let stem = if stem.is_empty() { "quote".to_owned() } else { stem };
    let mut key = stem.clone();
    let mut n = 1;
    while used.contains(&key) {
        n += 1;
        key = format!("{stem}-{n}");
    }
    used.push(key.clone());
    key
}

const BIBTEX_MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// BibTeX: an `@misc` entry per quote (the type that needs no author: a news article's is
/// seldom known), with biblatex's `date` beside `year` and `month`.
pub fn bibtex(catalog: &Catalog, quotes: &[&Quote]) -> String {
    let mut used = Vec::new();
    let mut out = String::new();
    for q in quotes {
        let e = entry(catalog, q);
        let mut fields = vec![("title", bibtex_escape(&e.title))];
        if !e.outlet.is_empty() {
            fields.push(("howpublished", bibtex_escape(&e.outlet)));
        }
        if let Some(published) = &e.published {
            if let Some(year) = date_parts(published).first() {
                fields.push(("year", year.to_string()));
            }
            fields.push(("date", bibtex_escape(published)));
        }
        if let Some(url) = &e.url {
            fields.push(("url", bibtex_escape(url)));
        }
        if !e.themes.is_empty() {
            fields.push(("keywords", bibtex_escape(&e.themes.join(", "))));
        }
        fields.push(("note", bibtex_escape(&e.note)));
        out.push_str(&format!("@misc{{{},\n", bibtex_key(&e.key, &mut used)));
        for (name, value) in fields {
            out.push_str(&format!("  {name} = {{{value}}},\n"));
        }
        if let Some(month) = e.published.as_deref().and_then(|p| date_parts(p).get(1).copied()) {
            if let Some(m) = BIBTEX_MONTHS.get((month as usize).wrapping_sub(1)) {
                out.push_str(&format!("  month = {m},\n"));
            }
        }
        out.push_str("}\n\n");
    }
    out
}

/// A RIS value: one line.
fn ris_value(text: &str) -> String {
    text.split(['\n', '\r']).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A date as RIS writes it: `YYYY/MM/DD/`, the parts not known left empty.
fn ris_date(date: &str) -> String {
    let parts = date_parts(date);
    let part = |i: usize| parts.get(i).map_or(String::new(), |p| format!("{p:02}"));
    format!("{}/{}/{}/", parts.first().map_or(String::new(), |y| format!("{y:04}")), part(1), part(2))
}

/// RIS: a `NEWS` record per quote, `TY` first and `ER` last as the format requires.
pub fn ris(catalog: &Catalog, quotes: &[&Quote]) -> String {
    let mut out = String::new();
    for q in quotes {
        let e = entry(catalog, q);
        let mut tags: Vec<(&str, String)> =
            vec![("TY", "NEWS".into()), ("ID", e.key.clone()), ("TI", e.title.clone())];
        if !e.outlet.is_empty() {
            tags.push(("T2", e.outlet.clone()));
        }
        if let Some(published) = &e.published {
            if let Some(year) = date_parts(published).first() {
                tags.push(("PY", year.to_string()));
            }
            tags.push(("DA", ris_date(published)));
        }
        if let Some(url) = &e.url {
            tags.push(("UR", url.clone()));
        }
        if let Some((title, _, _, place)) = &e.meeting {
            tags.push(("C1", title.clone()));
            if let Some(place) = place {
                tags.push(("CY", place.clone()));
            }
        }
        tags.extend(e.themes.iter().map(|t| ("KW", t.clone())));
        tags.push(("N1", e.note.clone()));
        tags.push(("ER", String::new()));
        for (tag, value) in tags {
            out.push_str(&format!("{tag}  - {}\r\n", ris_value(&value)));
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    /// The bundled corpus, with a hostile quote and two ids that make the same BibTeX key.
    fn catalog() -> Catalog {
        let mut c = corpus::bundled().unwrap();
        let mut hostile = c.quotes[0].clone();
        hostile.id = "a b".into();
        hostile.text = r"Braces {unbalanced} }{ 100% & \input{x} #1 _x_ ~^".into();
        hostile.context = hostile.text.clone();
        let mut twin = hostile.clone();
        twin.id = "a,b".into();
        c.quotes.extend([hostile, twin]);
        Catalog::new(c)
    }

    fn all(c: &Catalog) -> Vec<&Quote> {
        c.corpus.quotes.iter().collect()
    }

    #[test]
    fn csl_json_items_have_the_required_id_and_type_and_dates_keep_their_precision() {
        let c = catalog();
        let items: Vec<Value> = serde_json::from_str(&csl_json(&c, &all(&c))).unwrap();
        assert_eq!(items.len(), c.len());
        for (item, quote) in items.iter().zip(&c.corpus.quotes) {
            assert_eq!(item["id"], quote.id.as_str());
            assert_eq!(item["type"], "article-newspaper");
            assert!(item["title"].as_str().is_some_and(|t| !t.is_empty()));
            let meeting = c.meeting(&quote.meeting).unwrap();
            let parts = item["event-date"]["date-parts"][0].as_array().unwrap().len();
            assert_eq!(parts, meeting.date.split('-').count(), "{}", meeting.date);
            assert_eq!(
                item["event-date"].get("circa").is_some(),
                meeting.date_precision == DatePrecision::Approximate
            );
            assert!(item["note"].as_str().unwrap().contains(&quote.text));
            if let Some(url) = c.source(&quote.source).unwrap().web_url() {
                assert_eq!(item["URL"], url);
            }
        }
        assert!(
            items.iter().any(|i| i["event-date"].get("circa").is_some()),
            "the corpus has an approximate date"
        );
    }

    #[test]
    fn bibtex_keys_are_unique_and_every_field_keeps_its_braces_balanced() {
        let c = catalog();
        let text = bibtex(&c, &all(&c));
        let entries: Vec<&str> = text.split("@misc{").skip(1).collect();
        assert_eq!(entries.len(), c.len());
        let keys: Vec<&str> = entries.iter().map(|e| e.split(',').next().unwrap()).collect();
        let mut distinct = keys.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), keys.len(), "{keys:?}");
        assert!(keys.contains(&"ab") && keys.contains(&"ab-2"));
        assert!(keys.iter().all(|k| k.chars().all(|ch| ch.is_ascii_alphanumeric() || "-_:.".contains(ch))));
        for entry in &entries {
            // Unescaped braces balance, and never close before the entry ends.
            let mut depth = 1i32;
            let mut escaped = false;
            for ch in entry.chars() {
                match (escaped, ch) {
                    (false, '\\') => escaped = true,
                    (false, '{') => depth += 1,
                    (false, '}') => depth -= 1,
                    _ => escaped = false,
                }
                assert!(depth >= 0, "{entry}");
            }
            assert_eq!(depth, 0, "{entry}");
            assert!(entry.contains("  title = {") && entry.contains("  note = {"));
        }
        assert!(text
            .contains(r"100\% \& \textbackslash{}input\{x\} \#1 \_x\_ \textasciitilde{}\textasciicircum{}"));
    }

    #[test]
    fn ris_records_run_from_ty_to_er_one_tag_a_line() {
        let c = catalog();
        let text = ris(&c, &all(&c));
        let records: Vec<&str> = text.split("\r\n\r\n").filter(|r| !r.is_empty()).collect();
        assert_eq!(records.len(), c.len());
        for record in records {
            let lines: Vec<&str> = record.split("\r\n").collect();
            assert_eq!(lines.first(), Some(&"TY  - NEWS"));
            assert_eq!(lines.last(), Some(&"ER  - "));
            for line in &lines {
                let tag = &line[..2];
                assert!(tag.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit()), "{line}");
                assert_eq!(&line[2..6], "  - ", "{line}");
            }
            assert!(
                lines.iter().any(|l| l.starts_with("TI  - "))
                    && lines.iter().any(|l| l.starts_with("N1  - "))
            );
        }
        assert_eq!(ris_date("2022-06"), "2022/06//");
        assert_eq!(ris_date("2021-03-23"), "2021/03/23/");
    }
}
