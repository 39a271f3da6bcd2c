//! Adding the proposals a reader accepted to a corpus: the article becomes a source that
//! carries its own text, so each quote, cut from that text, is verbatim by construction;
//! new speakers and a new meeting are made as the reader named them.

use std::collections::HashSet;

use super::propose::Proposal;
use crate::corpus::{slug, Corpus, Meeting, Quote, QuoteKind, Source, Speaker, SpeakerKind, Theme};
use crate::import::dates::{parse_date, DATE_FORMS};

/// What the reader says about the article as a whole.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleDetails {
    pub headline: String,
    pub outlet: String,
    pub url: String,
    /// When it was published, in any of the common forms; may be empty.
    pub published: String,
    /// Where the text came from: a file's name, or "Pasted article".
    pub file_name: String,
    /// The meeting the article reports, when the corpus has none for it.
    pub new_meeting: NewMeeting,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewMeeting {
    pub title: String,
    pub date: String,
    pub place: String,
}

/// Who is speaking, as the reader settles it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeakerChoice {
    Existing(String),
    /// A person the corpus does not have yet, by name.
    New(String),
}

/// Which meeting a quote was said at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MeetingChoice {
    /// The article's new meeting ([`ArticleDetails::new_meeting`]).
    New,
    Existing(String),
}

/// A proposal the reader accepted, as they left it.
#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    pub proposal: Proposal,
    pub speaker: SpeakerChoice,
    pub kind: QuoteKind,
    pub meeting: MeetingChoice,
    /// Theme ids of the corpus.
    pub themes: Vec<String>,
}

const NO_THEME: &str = "No theme given";

/// `corpus` with the article and its accepted quotes added, or what the reader must still
/// settle. Nothing of `corpus` is changed but the participants of a meeting that gains a
/// speaker.
pub fn add_article(
    corpus: &Corpus,
    article: &str,
    details: &ArticleDetails,
    accepted: &[Accepted],
) -> Result<Corpus, String> {
    if accepted.is_empty() {
        return Err("Accept at least one passage to add.".into());
    }
    let mut out = corpus.clone();
    let headline = match details.headline.trim() {
        "" => return Err("Give the article’s headline: citations name it.".into()),
        h => h.to_owned(),
    };
    let published = match details.published.trim() {
        "" => None,
        text => match parse_date(text) {
            Some((date, _)) => Some(date),
            None => {
                return Err(format!("“{text}” is not a date the explorer reads; write it as {DATE_FORMS}."))
            }
        },
    };
    let meeting_id = if accepted.iter().any(|a| a.meeting == MeetingChoice::New) {
        let m = &details.new_meeting;
        let title = match m.title.trim() {
            "" => return Err("Give the new meeting a title (or choose a meeting the corpus has).".into()),
            t => t.to_owned(),
        };
        let Some((date, date_precision)) = parse_date(&m.date) else {
            return Err(format!("Give the new meeting’s date as {DATE_FORMS}."));
        };
        let id = unique(&slug(&title), "meeting", out.meetings.iter().map(|m| &m.id));
        out.meetings.push(Meeting {
            id: id.clone(),
            title,
            short_title: None,
            place: Some(m.place.trim().to_owned()).filter(|p| !p.is_empty()),
            date,
            date_precision,
            date_note: None,
            participants: Vec::new(),
        });
        Some(id)
    } else {
        None
    };
    let source_id = unique(
        &slug(&headline).chars().take(60).collect::<String>(),
        "article",
        out.sources.iter().map(|s| &s.id),
    );
    out.sources.push(Source {
        id: source_id.clone(),
        outlet: match details.outlet.trim() {
            "" => "Outlet not given".into(),
            o => o.to_owned(),
        },
        outlet_note: None,
        headline,
        published,
        file: details.file_name.clone(),
        url: Some(details.url.trim().to_owned()).filter(|u| !u.is_empty()),
        text: Some(article.to_owned()),
    });
    let mut quote_ids: HashSet<String> = out.quotes.iter().map(|q| q.id.clone()).collect();
    for (n, a) in accepted.iter().enumerate() {
        let speaker = match &a.speaker {
            SpeakerChoice::Existing(id) if out.speakers.iter().any(|s| &s.id == id) => id.clone(),
            SpeakerChoice::Existing(id) => return Err(format!("Passage {}: no speaker “{id}” here.", n + 1)),
            SpeakerChoice::New(name) => new_speaker(&mut out, name.trim())
                .ok_or_else(|| format!("Passage {}: give the new speaker’s name.", n + 1))?,
        };
        let meeting = match &a.meeting {
            MeetingChoice::New => meeting_id.clone().unwrap_or_default(),
            MeetingChoice::Existing(id) => id.clone(),
        };
        let Some(m) = out.meetings.iter_mut().find(|m| m.id == meeting) else {
            return Err(format!("Passage {}: choose its meeting.", n + 1));
        };
        if !m.participants.contains(&speaker) {
            m.participants.push(speaker.clone());
        }
        let mut themes: Vec<String> =
            a.themes.iter().filter(|t| out.themes.iter().any(|theme| &&theme.id == t)).cloned().collect();
        if themes.is_empty() {
            themes.push(no_theme(&mut out));
        }
        let id = unique(&format!("{source_id}-{}", n + 1), "quote", quote_ids.iter());
        quote_ids.insert(id.clone());
        out.quotes.push(Quote {
            id,
            text: article[a.proposal.text.clone()].to_owned(),
            kind: a.kind,
            speaker,
            meeting,
            themes,
            source: source_id.clone(),
            line: a.proposal.line,
            context: article[a.proposal.context.clone()].to_owned(),
            statement: None,
            variant_group: None,
        });
    }
    Ok(out)
}

/// The id of the speaker called `name`, made if the corpus has none by that name.
fn new_speaker(corpus: &mut Corpus, name: &str) -> Option<String> {
    if name.is_empty() {
        return None;
    }
    let key = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if let Some(s) = corpus.speakers.iter().find(|s| key(&s.name) == key(name)) {
        return Some(s.id.clone());
    }
    let id = unique(&slug(name), "speaker", corpus.speakers.iter().map(|s| &s.id));
    corpus.speakers.push(Speaker {
        id: id.clone(),
        name: name.to_owned(),
        aliases: Vec::new(),
        role: String::new(),
        country: String::new(),
        kind: SpeakerKind::Person,
    });
    Some(id)
}

fn no_theme(corpus: &mut Corpus) -> String {
    if let Some(t) = corpus.themes.iter().find(|t| t.label == NO_THEME) {
        return t.id.clone();
    }
    let id = unique(&slug(NO_THEME), "theme", corpus.themes.iter().map(|t| &t.id));
    corpus.themes.push(Theme { id: id.clone(), label: NO_THEME.into(), definition: String::new() });
    id
}

/// `stem` (or `fallback` when it is empty), numbered if `taken` has it.
fn unique<'a>(stem: &str, fallback: &str, taken: impl Iterator<Item = &'a String>) -> String {
    let taken: HashSet<&str> = taken.map(String::as_str).collect();
    let stem = if stem.is_empty() { fallback } else { stem };
    let mut id = stem.to_owned();
    let mut n = 1;
    while taken.contains(id.as_str()) {
        n += 1;
        id = format!("{stem}-{n}");
    }
    id
}
