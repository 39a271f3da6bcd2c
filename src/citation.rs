//! Plain-text citations, for the "copy citation" button and for print.

use crate::corpus::Quote;
use crate::engine::Catalog;

/// Cites a quote with its speaker, occasion and source, precise to the line of the source file.
pub fn cite(catalog: &Catalog, quote: &Quote) -> String {
    let speaker = catalog
        .speaker(&quote.speaker)
        .map_or_else(|| quote.speaker.clone(), |s| format!("{} ({})", s.name, s.role));
    let meeting = catalog.meeting(&quote.meeting).map_or_else(
        || quote.meeting.clone(),
        |m| match &m.place {
            Some(place) => format!("{}, {place}, {}", m.title, m.date),
            None => format!("{}, {}", m.title, m.date),
        },
    );
    let source = catalog.source(&quote.source).map_or_else(
        || quote.source.clone(),
        |s| {
            let published = s.published.as_deref().map(|d| format!(", {d}")).unwrap_or_default();
            format!("{}, \u{201C}{}\u{201D}{published}", s.outlet, s.headline)
        },
    );
    format!(
        "{speaker}, {meeting}: \u{201C}{}\u{201D} Source: {source} ({}, line {}). Quote id: {}.",
        quote.text, quote.source, quote.line, quote.id
    )
}
