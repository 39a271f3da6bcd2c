//! Plain-text citations, for the "copy citation" button, for print and for the exports. A
//! citation says the date only as precisely as the source does, leaves out a place the source
//! does not state, and never turns a reporter's account or a headline into the speaker's quote.
//! [`formats`] writes the same for reference managers.

pub mod formats;

use crate::corpus::{Quote, QuoteKind};
use crate::engine::Catalog;

/// Cites a quote with its speaker, occasion and source, precise to the line of the source file.
pub fn cite(catalog: &Catalog, quote: &Quote) -> String {
    let speaker = catalog
        .speaker(&quote.speaker)
        .map_or_else(|| quote.speaker.clone(), |s| format!("{} ({})", s.name, s.role));
    let meeting = catalog.meeting(&quote.meeting).map_or_else(
        || quote.meeting.clone(),
        |m| match &m.place {
            Some(place) => format!("{}, {place}, {}", m.title, m.date_label()),
            None => format!("{}, {}", m.title, m.date_label()),
        },
    );
    let source = catalog.source(&quote.source);
    let outlet = source.map_or(quote.source.as_str(), |s| s.outlet.as_str());
    let cited_source = source.map_or_else(
        || quote.source.clone(),
        |s| {
            let published = s.published.as_deref().map(|d| format!(", {d}")).unwrap_or_default();
            format!("{}, \u{201C}{}\u{201D}{published}", s.outlet, s.headline)
        },
    );
    let whose = match quote.kind {
        QuoteKind::DirectQuote | QuoteKind::StatementPoint => speaker,
        QuoteKind::ReportedStatement => format!("{outlet}, reporting (not quoting) {speaker}"),
        QuoteKind::Headline => format!("{outlet}, headline about {speaker}"),
    };
    format!(
        "{whose}, {meeting}: \u{201C}{}\u{201D} Source: {cited_source} ({}, line {}). Quote id: {}.",
        quote.text, quote.source, quote.line, quote.id
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{self, DatePrecision};

    fn catalog() -> Catalog {
        Catalog::new(corpus::bundled().unwrap())
    }

    fn first(c: &Catalog, kind: QuoteKind) -> &Quote {
        c.corpus.quotes.iter().find(|q| q.kind == kind).unwrap()
    }

    #[test]
    fn a_quote_is_cited_as_the_speakers_words_and_an_account_as_the_outlets() {
        let c = catalog();
        let quote = first(&c, QuoteKind::DirectQuote);
        let speaker = c.speaker(&quote.speaker).unwrap();
        assert!(cite(&c, quote).starts_with(&format!("{} ({}), ", speaker.name, speaker.role)));
        let reported = first(&c, QuoteKind::ReportedStatement);
        let outlet = &c.source(&reported.source).unwrap().outlet;
        assert!(cite(&c, reported).starts_with(&format!("{outlet}, reporting (not quoting) ")));
        let headline = first(&c, QuoteKind::Headline);
        assert!(cite(&c, headline).contains(", headline about "));
    }

    #[test]
    fn the_date_is_as_precise_as_the_source_and_an_unknown_place_is_left_out() {
        let c = catalog();
        let approximate = c.corpus.meetings.iter().find(|m| m.date_precision == DatePrecision::Approximate);
        let meeting = approximate.expect("the bundled corpus has an approximately dated meeting");
        let quote = c.corpus.quotes.iter().find(|q| q.meeting == meeting.id).unwrap();
        let citation = cite(&c, quote);
        assert!(citation.contains(&meeting.date_label()), "{citation}");
        assert!(citation.contains("about "), "{citation}");
        assert!(!citation.contains(&format!(", {}", meeting.date)), "no exact date: {citation}");
        assert!(meeting.place.is_none());
        assert!(!citation.contains("Not stated"), "{citation}");
    }
}
