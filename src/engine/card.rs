//! A quote as its card shows it: who, where, when, in which source, and, when opened, the
//! passage it sits in, the statement it belongs to and other reports of the same remark
//! (each with what it adds to and lacks from the card's own words).
//! Built from the catalog here, so the card component only renders.

use super::diff::{word_diff, DiffPart};
use super::text::{self, SearchTerms};
use super::Catalog;
use crate::corpus::{locate_verbatim, QuoteKind};

/// What a card always shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub id: String,
    pub text: String,
    pub kind: QuoteKind,
    /// Whose words these are, when they are not the speaker's: a reader must never take a
    /// reporter's sentence or a headline for a quote.
    pub attribution: Option<String>,
    pub speaker: Option<SpeakerLine>,
    pub meeting: Option<MeetingLine>,
    /// Theme labels, in the quote's order.
    pub themes: Vec<String>,
    pub source: Option<SourceLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerLine {
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingLine {
    pub title: String,
    /// Where it took place, if the source says.
    pub place: Option<String>,
    /// ISO, for `<time datetime>`.
    pub date: String,
    /// For people: "23 March 2021", "about 1 June 2022".
    pub date_label: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    pub outlet: String,
    pub headline: String,
    pub published: Option<String>,
    /// The source's address, only if it is safe to follow (see `Source::web_url`).
    pub link: Option<String>,
}

/// What an opened card adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardDetails {
    pub context: Context,
    /// "Outlet: headline, line 12 of sources/x.txt".
    pub locator: Option<String>,
    pub address: Option<Address>,
    pub outlet_note: Option<String>,
    pub date_note: Option<String>,
    pub statement: Option<StatementPoints>,
    /// The same remark as other sources report it.
    pub variants: Vec<Variant>,
    /// The same remark elsewhere in this quote's own article (its headline, lead, body).
    pub same_article: Vec<Variant>,
}

/// The passage a quote sits in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Context {
    /// The passage around the quote, split where the quote is.
    Around { before: String, quote: String, after: String },
    /// A passage the quote cannot be found in (a corpus that skipped validation).
    Whole(String),
}

/// A source's address as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Address {
    /// A web address, safe to link.
    Link(String),
    /// Anything else, shown as text only.
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementPoints {
    pub title: String,
    pub numbering_note: Option<String>,
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// "Point 3", or "Unnumbered" for a passage that is none of the numbered points.
    pub label: String,
    pub text: String,
    /// The card's own quote.
    pub current: bool,
}

/// The same remark as another source or passage reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub id: String,
    pub text: String,
    /// `text` word by word against the card's own quote: what this report adds and lacks.
    pub diff: Vec<DiffPart>,
    pub outlet: String,
    /// "Direct quote", "Headline", …
    pub kind: &'static str,
}

/// The sentence a card shows under words that are not the speaker's own.
pub fn attribution(kind: QuoteKind, speaker: &str, outlet: &str) -> Option<String> {
    match kind {
        QuoteKind::DirectQuote | QuoteKind::StatementPoint => None,
        QuoteKind::ReportedStatement => {
            Some(format!("{outlet}'s account of what {speaker} said, in its own words: not a quote."))
        }
        QuoteKind::Headline => Some(format!("{outlet}'s headline, about {speaker}: not a quote.")),
    }
}

impl Catalog {
    /// The speaker's other names that matched a search word the card's shown name does not
    /// ("President Xi Jinping" for a search for "president" on a card that says "Xi
    /// Jinping"), so the card can show why it matched.
    pub fn matched_aliases(&self, position: u32, terms: &SearchTerms) -> Vec<String> {
        let Some(speaker) = self.speaker(&self.quote(position).speaker) else { return Vec::new() };
        let matches =
            |words: &[String], at: usize| words.iter().any(|w| terms.forms(at).any(|f| w.starts_with(f)));
        let name: Vec<String> = text::words(&speaker.name).collect();
        let missed_by_name: Vec<usize> = (0..terms.words.len()).filter(|&at| !matches(&name, at)).collect();
        speaker
            .aliases
            .iter()
            .filter(|alias| {
                let words: Vec<String> = text::words(alias).collect();
                missed_by_name.iter().any(|&at| matches(&words, at))
            })
            .cloned()
            .collect()
    }

    /// The card of the quote at `position` (a position from this catalog's results).
    pub fn card(&self, position: u32) -> Card {
        let q = self.quote(position);
        let speaker_name = self.speaker(&q.speaker).map_or(q.speaker.as_str(), |s| s.name.as_str());
        let outlet = self.source(&q.source).map_or("The source", |s| s.outlet.as_str());
        Card {
            id: q.id.clone(),
            text: q.text.clone(),
            kind: q.kind,
            attribution: attribution(q.kind, speaker_name, outlet),
            speaker: self
                .speaker(&q.speaker)
                .map(|s| SpeakerLine { name: s.name.clone(), role: s.role.clone() }),
            meeting: self.meeting(&q.meeting).map(|m| MeetingLine {
                title: m.title.clone(),
                place: m.place.clone(),
                date: m.date.clone(),
                date_label: m.date_label(),
            }),
            themes: q
                .themes
                .iter()
                .map(|t| self.theme(t).map_or_else(|| t.clone(), |t| t.label.clone()))
                .collect(),
            source: self.source(&q.source).map(|s| SourceLine {
                outlet: s.outlet.clone(),
                headline: s.headline.clone(),
                published: s.published.clone(),
                link: s.web_url().map(str::to_owned),
            }),
        }
    }

    /// What the card of the quote at `position` shows once opened.
    pub fn card_details(&self, position: u32) -> CardDetails {
        let q = self.quote(position);
        let source = self.source(&q.source);
        let meeting = self.meeting(&q.meeting);
        let context = match locate_verbatim(&q.context, &q.text) {
            Some(at) => Context::Around {
                before: q.context[..at.start].to_owned(),
                quote: q.context[at.clone()].to_owned(),
                after: q.context[at.end..].to_owned(),
            },
            None => Context::Whole(q.context.clone()),
        };
        let statement = q.statement.as_ref().and_then(|r| self.statement(&r.id)).map(|s| StatementPoints {
            title: s.title.clone(),
            numbering_note: s.numbering_note.clone(),
            points: self
                .statement_quotes(&s.id)
                .iter()
                // With a chunked index, those whose packs could not be fetched are left out.
                .filter(|&&p| self.at_hand(&[p]) == 1)
                .map(|&p| {
                    let point = self.quote(p);
                    Point {
                        label: point
                            .statement
                            .as_ref()
                            .and_then(|r| r.point)
                            .map_or_else(|| "Unnumbered".to_owned(), |n| format!("Point {n}")),
                        text: point.text.clone(),
                        current: p == position,
                    }
                })
                .collect(),
        });
        let (mut variants, mut same_article) = (Vec::new(), Vec::new());
        for p in self.variants(position).into_iter().filter(|&p| self.at_hand(&[p]) == 1) {
            let v = self.quote(p);
            let outlet = self.source(&v.source).map_or_else(|| v.source.clone(), |s| s.outlet.clone());
            let diff = word_diff(&q.text, &v.text);
            let variant =
                Variant { id: v.id.clone(), text: v.text.clone(), diff, outlet, kind: v.kind.label() };
            if v.source == q.source { &mut same_article } else { &mut variants }.push(variant);
        }
        CardDetails {
            context,
            locator: source.map(|s| format!("{}: {}, line {} of {}", s.outlet, s.headline, q.line, s.file)),
            address: source.and_then(|s| {
                let given = s.url.clone()?;
                Some(match s.web_url() {
                    Some(url) => Address::Link(url.to_owned()),
                    None => Address::Text(given),
                })
            }),
            outlet_note: source.and_then(|s| s.outlet_note.clone()),
            date_note: meeting.and_then(|m| m.date_note.clone()),
            statement,
            variants,
            same_article,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    fn catalog() -> Catalog {
        Catalog::new(corpus::bundled().unwrap())
    }

    #[test]
    fn every_bundled_quote_is_marked_in_its_passage() {
        let c = catalog();
        for p in 0..c.len() as u32 {
            match c.card_details(p).context {
                Context::Around { before, quote, after } => {
                    assert_eq!(format!("{before}{quote}{after}"), c.quote(p).context);
                    assert_eq!(
                        corpus::normalize_for_comparison(&quote),
                        corpus::normalize_for_comparison(&c.quote(p).text)
                    );
                }
                Context::Whole(_) => panic!("{} is not marked in its context", c.quote(p).id),
            }
        }
    }

    #[test]
    fn a_quote_whose_quotation_marks_differ_from_its_passage_is_still_marked() {
        let mut corpus = corpus::bundled().unwrap();
        corpus.quotes.truncate(1);
        corpus.quotes[0].context =
            format!("Before. \u{201C}{}\u{201D} After.", corpus.quotes[0].text.replace(' ', "\n  "));
        corpus.quotes[0].text = format!("\"{}\"", corpus.quotes[0].text);
        let c = Catalog::new(corpus);
        let Context::Around { before, after, .. } = c.card_details(0).context else { panic!("not marked") };
        assert_eq!((before.as_str(), after.as_str()), ("Before. ", " After."));
    }

    #[test]
    fn a_statement_point_lists_its_statement_in_order_and_marks_itself() {
        let c = catalog();
        let position = (0..c.len() as u32).find(|&p| c.quote(p).statement.is_some()).unwrap();
        let statement = c.card_details(position).statement.expect("statement");
        let id = &c.quote(position).statement.as_ref().unwrap().id;
        assert_eq!(statement.points.len(), c.statement_quotes(id).len());
        assert_eq!(statement.points.iter().filter(|p| p.current).count(), 1);
        assert!(statement.points.iter().all(|p| p.label.starts_with("Point ") || p.label == "Unnumbered"));
    }

    #[test]
    fn also_reported_as_lists_other_sources_and_the_same_article_is_listed_apart() {
        let c = catalog();
        let grouped: Vec<u32> = (0..c.len() as u32).filter(|&p| c.quote(p).variant_group.is_some()).collect();
        let (mut across, mut within) = (0, 0);
        for &position in &grouped {
            let q = c.quote(position);
            let details = c.card_details(position);
            let source_of = |id: &str| &c.quote(c.quote_position(id).unwrap()).source;
            assert!(details.variants.iter().all(|v| v.id != q.id && *source_of(&v.id) != q.source));
            assert!(details.same_article.iter().all(|v| v.id != q.id && *source_of(&v.id) == q.source));
            assert_eq!(details.variants.len() + details.same_article.len(), c.variants(position).len());
            across += details.variants.len();
            within += details.same_article.len();
        }
        assert!(across > 0 && within > 0, "the bundled corpus has both kinds of group");
    }

    #[test]
    fn a_match_on_a_name_the_card_does_not_show_is_named() {
        let c = catalog();
        let of = |speaker: &str| (0..c.len() as u32).find(|&p| c.quote(p).speaker == speaker).unwrap();
        let terms = |text: &str| c.index.search_terms(text);
        let xi = of("xi-jinping");
        assert_eq!(c.matched_aliases(xi, &terms("president")), ["President Xi Jinping"]);
        assert_eq!(c.matched_aliases(xi, &terms("Jinping president")), ["President Xi Jinping"]);
        assert!(c.matched_aliases(xi, &terms("Jinping")).is_empty(), "the shown name matched");
        // "Sergei" matches the shown "Sergey": one name spelled two ways, marked where it is shown.
        assert!(c.matched_aliases(of("sergey-lavrov"), &terms("Sergei")).is_empty());
        assert!(c.matched_aliases(of("wang-yi"), &terms("president")).is_empty());
    }

    #[test]
    fn words_that_are_not_the_speakers_say_whose_they_are() {
        assert_eq!(attribution(QuoteKind::DirectQuote, "Wang Yi", "Xinhua"), None);
        assert_eq!(attribution(QuoteKind::StatementPoint, "Joint statement", "Xinhua"), None);
        let reported = attribution(QuoteKind::ReportedStatement, "Wang Yi", "Xinhua").unwrap();
        assert!(
            reported.starts_with("Xinhua")
                && reported.contains("Wang Yi")
                && reported.ends_with("not a quote.")
        );
        let headline = attribution(QuoteKind::Headline, "Wang Yi", "China Daily").unwrap();
        assert!(headline.contains("headline") && headline.ends_with("not a quote."));
        let c = catalog();
        for p in 0..c.len() as u32 {
            let card = c.card(p);
            assert_eq!(card.attribution.is_none(), card.kind.is_speakers_words(), "{}", card.id);
        }
    }

    #[test]
    fn a_hostile_address_is_text_and_a_web_address_a_link() {
        let mut corpus = corpus::bundled().unwrap();
        let source = corpus.quotes[0].source.clone();
        let s = corpus.sources.iter_mut().find(|s| s.id == source).unwrap();
        s.url = Some("javascript:alert(1)".into());
        let c = Catalog::new(corpus.clone());
        assert_eq!(c.card_details(0).address, Some(Address::Text("javascript:alert(1)".into())));
        assert_eq!(c.card(0).source.unwrap().link, None);
        corpus.sources.iter_mut().find(|s| s.id == source).unwrap().url =
            Some("https://example.org/a".into());
        let c = Catalog::new(corpus);
        assert_eq!(c.card_details(0).address, Some(Address::Link("https://example.org/a".into())));
    }
}
