//! What the proposer offers from an article: every passage in quotation marks, every
//! bulleted or numbered point, and (for words only a few long, which a reporter quotes
//! inside a sentence of their own) the reporter's sentence, never passed off as the
//! speaker's. Each with the speaker guessed from the nearest attribution.

use std::ops::Range;

use super::text::{
    paragraphs, quotations, sentences, trimmed, word_count, words, Marker, Paragraph, Quotation,
};
use crate::corpus::{QuoteKind, Speaker, SpeakerKind};

/// A passage of fewer words than this, in quotation marks, is a phrase a reporter quotes in a
/// sentence of their own ("a “no limits” friendship"), unless it is a whole sentence.
const QUOTE_WORDS: usize = 4;

/// How the proposer found a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Inside quotation marks.
    Quotation,
    /// A sentence of the article's own that quotes a few words.
    SentenceQuoting,
    /// A bulleted or numbered point.
    Point,
}

impl Found {
    pub fn label(self) -> &'static str {
        match self {
            Found::Quotation => "in quotation marks",
            Found::SentenceQuoting => "a sentence quoting a few words",
            Found::Point => "a bulleted or numbered point",
        }
    }
}

/// Who the proposer takes to be speaking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A speaker of the corpus in use, by id.
    Known(String),
    /// A name the article gives that the corpus does not know.
    New(String),
}

/// The speaker guessed for a proposal, and the words of the article it was guessed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guess {
    pub who: Who,
    pub from: Range<usize>,
}

/// A passage the reader may add, as byte ranges of the article (so it is verbatim).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub text: Range<usize>,
    /// The paragraph (or paragraphs, for a quotation that spans them) it is in.
    pub context: Range<usize>,
    /// 1-based line where the text starts.
    pub line: u32,
    pub kind: QuoteKind,
    pub found: Found,
    pub speaker: Option<Guess>,
}

/// Every passage of `article` worth adding, in the article's order, each with its speaker
/// guessed among `speakers` (their names and aliases) or from a name next to "said",
/// "told", "according to" and the like.
pub fn propose(article: &str, speakers: &[Speaker]) -> Vec<Proposal> {
    let paragraphs = paragraphs(article);
    let quotations = quotations(article, &paragraphs);
    let reading = Reading {
        paragraphs: &paragraphs,
        sentences: paragraphs.iter().flat_map(|p| sentences(article, p.body.clone())).collect(),
        mentions: mentions(article, speakers, &quotations),
        cues: words(article).into_iter().filter(|w| is_cue(w.text)).map(|w| w.range).collect(),
    };
    let line_starts: Vec<usize> =
        std::iter::once(0).chain(article.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let line_of = |at: usize| line_starts.partition_point(|&s| s <= at) as u32;
    let span = |ps: &Range<usize>| paragraphs[ps.start].body.start..paragraphs[ps.end - 1].range.end;
    let mut out = Vec::new();
    let mut make = |text: Range<usize>, ps: Range<usize>, found: Found, focus: Range<usize>| {
        let speaker = guess(&reading, ps.clone(), focus, found);
        let joint_statement = speaker.as_ref().is_some_and(|g| is_joint_statement(&g.who, speakers));
        let kind = match found {
            Found::Quotation if joint_statement => QuoteKind::StatementPoint,
            Found::Quotation => QuoteKind::DirectQuote,
            Found::Point if joint_statement && paragraphs[ps.start].marker == Marker::Number => {
                QuoteKind::StatementPoint
            }
            Found::SentenceQuoting if ps.start == 0 && looks_like_a_headline(&article[span(&ps)]) => {
                QuoteKind::Headline
            }
            _ => QuoteKind::ReportedStatement,
        };
        out.push(Proposal { line: line_of(text.start), context: span(&ps), text, kind, found, speaker });
    };
    // A passage that runs over paragraphs is a speaker's remark, however short.
    let is_remark = |q: &Quotation| q.paragraphs.len() > 1 || is_whole_quote(&article[q.inner.clone()]);
    for q in &quotations {
        if is_remark(q) {
            make(q.inner.clone(), q.paragraphs.clone(), Found::Quotation, q.inner.clone());
        }
    }
    for (p, paragraph) in paragraphs.iter().enumerate() {
        let inside: Vec<&Quotation> = quotations.iter().filter(|q| q.paragraphs.start == p).collect();
        if paragraph.marker != Marker::None {
            let body = trimmed(article, paragraph.body.clone());
            let only_a_quotation = inside.iter().any(|q| {
                q.outer.start == body.start
                    && article
                        .get(q.outer.end..body.end)
                        .is_none_or(|rest| !rest.chars().any(char::is_alphanumeric))
            });
            if !only_a_quotation {
                make(body.clone(), p..p + 1, Found::Point, body);
            }
            continue;
        }
        let mut quoting: Vec<Range<usize>> = Vec::new();
        for q in inside.iter().filter(|q| !is_remark(q)) {
            let sentence = sentences(article, paragraph.body.clone())
                .into_iter()
                .find(|s| s.contains(&q.outer.start))
                .unwrap_or(paragraph.body.clone());
            // A sentence holds the passages it begins.
            let end = inside
                .iter()
                .filter(|o| o.paragraphs.len() == 1 && sentence.contains(&o.outer.start))
                .map(|o| o.outer.end)
                .max();
            let sentence = sentence.start..end.unwrap_or(sentence.end).max(sentence.end);
            if !quoting.iter().any(|s| s.contains(&q.outer.start)) {
                quoting.push(sentence);
            }
        }
        for sentence in quoting {
            let text = trimmed(article, sentence);
            make(text.clone(), p..p + 1, Found::SentenceQuoting, text);
        }
    }
    out.sort_by_key(|p| (p.text.start, p.text.end));
    out
}

/// Whether quoted words are a speaker's remark rather than a phrase quoted in passing.
fn is_whole_quote(words: &str) -> bool {
    let sentence = words.starts_with(char::is_uppercase) && words.ends_with(['.', '?', '!']);
    word_count(words) >= QUOTE_WORDS || sentence
}

fn looks_like_a_headline(paragraph: &str) -> bool {
    paragraph.chars().count() <= 200 && !paragraph.ends_with('.') && !paragraph.contains('\n')
}

fn is_joint_statement(who: &Who, speakers: &[Speaker]) -> bool {
    matches!(who, Who::Known(id) if speakers.iter().any(|s| &s.id == id && s.kind == SpeakerKind::JointStatement))
}

/// Words that attribute speech to the name next to them.
const CUES: [&str; 32] = [
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "noted",
    "notes",
    "stressed",
    "stresses",
    "declared",
    "warned",
    "urged",
    "insisted",
    "explained",
    "according",
    "quoted",
    "saying",
    "wrote",
    "writes",
    "announced",
    "argued",
    "claimed",
    "remarked",
    "stated",
    "states",
    "asked",
    "replied",
    "recalled",
    "emphasized",
    "emphasised",
];

/// Words of a title or role that come before a name ("Foreign Minister Wang Yi"), not part of it.
const ROLE_WORDS: [&str; 24] = [
    "president",
    "minister",
    "foreign",
    "prime",
    "secretary",
    "chancellor",
    "premier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "general",
    "chairman",
    "senator",
    "governor",
    "councilor",
    "councillor",
    "state",
    "defence",
    "defense",
    "chief",
    "deputy",
    "vice",
    "envoy",
];

/// Capitalised words that are not names.
const NOT_NAMES: [&str; 14] =
    ["he", "she", "it", "they", "we", "i", "the", "a", "an", "this", "that", "his", "her", "but"];

const TITLES: [&str; 5] = ["mr", "mrs", "ms", "dr", "miss"];

/// A speaker named in the article, outside any quotation.
#[derive(Debug, Clone)]
struct Mention {
    range: Range<usize>,
    who: Who,
    /// Right beside a word such as "said" ("Wang said", "said Wang", "Wang was quoted").
    cued: bool,
    /// "Putin’s remarks": the name is not who speaks.
    possessive: bool,
}

fn mentions(article: &str, speakers: &[Speaker], quotations: &[Quotation]) -> Vec<Mention> {
    let lower = article.to_ascii_lowercase();
    let words = words(article);
    let inside_quotation =
        |r: &Range<usize>| quotations.iter().any(|q| q.inner.start <= r.start && r.end <= q.inner.end);
    let mut found: Vec<Mention> = Vec::new();
    for speaker in speakers {
        for name in std::iter::once(&speaker.name).chain(&speaker.aliases) {
            let name = name.trim().to_ascii_lowercase();
            if name.chars().count() < 2 {
                continue;
            }
            for (at, _) in lower.match_indices(&name) {
                let range = at..at + name.len();
                let bounded = !lower[..at].chars().next_back().is_some_and(char::is_alphanumeric)
                    && !lower[range.end..].chars().next().is_some_and(char::is_alphanumeric);
                if bounded && !inside_quotation(&range) {
                    found.push(Mention {
                        range,
                        who: Who::Known(speaker.id.clone()),
                        cued: false,
                        possessive: false,
                    });
                }
            }
        }
    }
    // The longest name wins where names overlap ("joint statement on global governance").
    found.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    let mut known: Vec<Mention> = Vec::new();
    for m in found {
        if known.last().is_none_or(|k| k.range.end <= m.range.start) {
            known.push(m);
        }
    }
    let mut all = known.clone();
    for (i, word) in words.iter().enumerate() {
        if !is_cue(word.text) {
            continue;
        }
        let before = name_before(&words, i);
        let after =
            name_after(&words, if word.text.eq_ignore_ascii_case("according") { i + 2 } else { i + 1 });
        for run in [before, after].into_iter().flatten() {
            let range = words[run.start].range.start..words[run.end - 1].range.end;
            if known.iter().any(|k| k.range.start < range.end && range.start < k.range.end)
                || inside_quotation(&range)
            {
                continue;
            }
            let name = words[run].iter().map(|w| w.text).collect::<Vec<_>>().join(" ");
            all.push(Mention { range, who: Who::New(name), cued: true, possessive: false });
        }
    }
    for m in &mut all {
        let last = words.iter().rposition(|w| w.range.start < m.range.end);
        let first = words.iter().position(|w| w.range.end > m.range.start);
        let (Some(first), Some(last)) = (first, last) else { continue };
        let after = &words[last + 1..words.len().min(last + 3)];
        let cue_after = !words[last].then_punctuation
            && after
                .iter()
                .position(|w| is_cue(w.text))
                .is_some_and(|i| i == 0 || !after[0].then_punctuation);
        let before = &words[first.saturating_sub(4)..first];
        let cue_before = before.iter().rposition(|w| is_cue(w.text)).is_some_and(|i| {
            !before[i].then_punctuation
                && before[i + 1..].iter().all(|w| w.text.starts_with(char::is_uppercase))
        });
        m.cued |= cue_after || cue_before;
        let rest = &article[m.range.end..];
        m.possessive = ["’s", "'s", "’ ", "' "].iter().any(|p| rest.starts_with(p));
    }
    all.sort_by_key(|m| m.range.start);
    all
}

fn is_cue(word: &str) -> bool {
    CUES.contains(&word.to_lowercase().as_str())
}

fn is_capitalised(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && !NOT_NAMES.contains(&word.to_lowercase().as_str())
}

/// A name just before a cue ("Nobuo Kishi said"): two capitalised words or more, or a title
/// and a name.
fn name_before(words: &[super::text::Word<'_>], cue: usize) -> Option<Range<usize>> {
    let mut start = cue;
    while start > 0 && cue - start < 4 && is_capitalised(words[start - 1].text) {
        if start < cue && words[start - 1].then_punctuation {
            break;
        }
        start -= 1;
    }
    person(words, start..cue)
}

/// A name just after a cue ("said Foreign Minister Sergey Lavrov"), without the role.
fn name_after(words: &[super::text::Word<'_>], from: usize) -> Option<Range<usize>> {
    let mut end = from;
    while end < words.len() && end - from < 6 && is_capitalised(words[end].text) {
        end += 1;
        if words[end - 1].then_punctuation {
            break;
        }
    }
    let mut start = from;
    while start < end && is_role(words[start].text) {
        start += 1;
    }
    person(words, start..end)
}

fn is_role(word: &str) -> bool {
    let lower = word.to_lowercase();
    ROLE_WORDS.contains(&lower.as_str()) || lower.ends_with("ese") || lower.ends_with("ian")
}

fn person(words: &[super::text::Word<'_>], run: Range<usize>) -> Option<Range<usize>> {
    let titled = words.get(run.start).is_some_and(|w| TITLES.contains(&w.text.to_lowercase().as_str()));
    (run.len() >= 2 && (titled || run.clone().all(|i| !is_role(words[i].text)))).then_some(run)
}

/// The speaker of a passage: in its own sentence, a name right beside "said" (the nearest),
/// else the sentence's subject (its first name) if it attributes speech at all; else a name
/// elsewhere in its paragraphs; else the speaker of the last sentence before them that names
/// one; else one named in the next two paragraphs.
fn guess(at: &Reading<'_>, spanned: Range<usize>, focus: Range<usize>, found: Found) -> Option<Guess> {
    let paragraphs = at.paragraphs;
    let area = paragraphs[spanned.start].range.start..paragraphs[spanned.end - 1].range.end;
    let within = |r: &Range<usize>, m: &Mention| r.start <= m.range.start && m.range.end <= r.end;
    // Names inside a quotation are the speaker's words, not an attribution; names in a
    // reporter's sentence or a point are.
    let speaking = |m: &&Mention| !m.possessive && (found != Found::Quotation || !within(&focus, m));
    let distance = |m: &Mention| {
        if m.range.end <= focus.start {
            focus.start - m.range.end
        } else {
            m.range.start.saturating_sub(focus.end)
        }
    };
    let in_range = |r: Range<usize>| at.mentions.iter().filter(move |m| within(&r, m)).filter(speaking);
    // The sentences the passage is in, and a short one just after that says who spoke.
    let first = at.sentences.iter().position(|s| s.end > focus.start).unwrap_or(at.sentences.len());
    let mut last = at.sentences.iter().rposition(|s| s.start < focus.end).unwrap_or(first).max(first);
    if at.sentences.get(last + 1).is_some_and(|s| s.start < area.end && s.len() < 80) {
        last += 1;
    }
    let own = at
        .sentences
        .get(first)
        .map_or(focus.clone(), |s| s.start..at.sentences[last.min(at.sentences.len() - 1)].end);
    let attributes = at.cues.iter().any(|c| own.start <= c.start && c.end <= own.end);
    let chosen = in_range(own.clone())
        .filter(|m| m.cued)
        .min_by_key(|m| distance(m))
        .or_else(|| in_range(own.clone()).find(|_| attributes))
        .or_else(|| in_range(area.clone()).min_by_key(|m| (!m.cued, distance(m))))
        .or_else(|| {
            at.sentences[..first].iter().rev().filter(|s| s.end <= area.start).find_map(|s| {
                let cued = at.cues.iter().any(|c| s.start <= c.start && c.end <= s.end);
                let mut named = in_range(s.clone());
                if cued {
                    named.next()
                } else {
                    named.fold(None, |_, m| Some(m))
                }
            })
        })
        .or_else(|| {
            let until =
                paragraphs.get(spanned.end + 1).or(paragraphs.last()).map_or(area.end, |p| p.range.end);
            in_range(area.end..until).next()
        })?;
    Some(Guess { who: chosen.who.clone(), from: chosen.range.clone() })
}

/// What the guesses read: the paragraphs, every sentence in order, the names and the cues.
struct Reading<'a> {
    paragraphs: &'a [Paragraph],
    sentences: Vec<Range<usize>>,
    mentions: Vec<Mention>,
    cues: Vec<Range<usize>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speaker(id: &str, name: &str, aliases: &[&str], kind: SpeakerKind) -> Speaker {
        Speaker {
            id: id.into(),
            name: name.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            role: String::new(),
            country: String::new(),
            kind,
        }
    }

    fn speakers() -> Vec<Speaker> {
        vec![
            speaker("wang-yi", "Wang Yi", &["Wang", "Mr Wang"], SpeakerKind::Person),
            speaker("js", "Joint statement", &["joint statement"], SpeakerKind::JointStatement),
        ]
    }

    fn shown(article: &str) -> Vec<(String, QuoteKind, Option<Who>)> {
        propose(article, &speakers())
            .into_iter()
            .map(|p| (article[p.text].to_owned(), p.kind, p.speaker.map(|g| g.who)))
            .collect()
    }

    #[test]
    fn a_quotation_is_proposed_with_the_speaker_named_next_to_it() {
        let article = "“We will stand together with our friends,” Wang said on Monday.\n";
        assert_eq!(
            shown(article),
            [(
                "We will stand together with our friends".into(),
                QuoteKind::DirectQuote,
                Some(Who::Known("wang-yi".into()))
            )]
        );
    }

    #[test]
    fn a_name_the_corpus_does_not_know_is_taken_from_beside_said() {
        let article = "“The talks went well for both of us,” said Foreign Minister Ana Costa, smiling.\n\n\
                       Jane Roe told reporters: “We are not convinced by any of it.”";
        let found = shown(article);
        assert_eq!(found[0].2, Some(Who::New("Ana Costa".into())));
        assert_eq!(found[1].2, Some(Who::New("Jane Roe".into())));
    }

    #[test]
    fn a_phrase_quoted_in_passing_proposes_the_reporters_sentence_not_a_quote() {
        let article = "Headline here\n\nMr Wang called it a “no limits” friendship. Then he left.";
        let found = shown(article);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, "Mr Wang called it a “no limits” friendship.");
        assert_eq!(found[0].1, QuoteKind::ReportedStatement);
    }

    #[test]
    fn points_are_proposed_and_a_point_that_is_all_quotation_once() {
        let article = "Here is what Wang said:\n\n• “No matter what happens, we will go on.”\n\n\
                       • He also backed the joint statement on trade.\n\n1. Second numbered point of the text.";
        let found = shown(article);
        let texts: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "No matter what happens, we will go on.",
                "He also backed the joint statement on trade.",
                "Second numbered point of the text."
            ]
        );
        assert_eq!(found[0].2, Some(Who::Known("wang-yi".into())), "from the paragraph before");
        assert_eq!(found[1].1, QuoteKind::ReportedStatement);
        assert_eq!(found[2].1, QuoteKind::StatementPoint, "numbered, after the joint statement was named");
    }

    #[test]
    fn a_name_inside_the_quotation_is_not_its_speaker() {
        let article = "Wang said: “President Putin and I agree on every word of this.”";
        assert_eq!(shown(article)[0].2, Some(Who::Known("wang-yi".into())));
    }

    #[test]
    fn every_proposal_is_the_articles_own_text_on_the_line_it_gives() {
        let article = "Title\n\nLine three “quoted words run on here,” he said.\n";
        let p = &propose(article, &speakers())[0];
        assert_eq!(p.line, 3);
        assert!(article[p.context.clone()].contains(&article[p.text.clone()]));
    }
}
