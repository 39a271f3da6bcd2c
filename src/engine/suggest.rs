//! What the search box suggests: a search for a person's name (any of its spellings and
//! aliases) most likely asks for what that person said, which the speaker filter answers
//! exactly, where the search also finds every quote that mentions the name.

use super::text::{normalize_word, word_ranges};
use super::{Catalog, Facet, Query};
use crate::corpus::SpeakerKind;

/// Most suggestions shown at once.
const MAX_SUGGESTIONS: usize = 3;
/// Shortest search word taken for part of a name: shorter ones match too much ("mr", "xi").
const MIN_NAME_WORD: usize = 3;

/// "Only what Sergey Lavrov said": the speaker filter to set, and the search text left once
/// the name is taken out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerSuggestion {
    pub id: String,
    pub name: String,
    pub rest: String,
}

impl Catalog {
    /// The people (with quotes in this corpus, not yet chosen) whose names or aliases a word of
    /// the search starts, each with the search text left without the words of their name.
    pub fn speaker_suggestions(&self, query: &Query) -> Vec<SpeakerSuggestion> {
        if !query.has_text() {
            return Vec::new();
        }
        let text = &query.text;
        let words: Vec<((usize, usize), String)> =
            word_ranges(text).map(|(s, e)| ((s, e), normalize_word(&text[s..e]))).collect();
        let spelled = self.index.search_terms(text);
        let forms_of = |word: &str| -> Vec<String> {
            match spelled.words.iter().position(|w| w == word) {
                Some(at) => spelled.forms(at).map(str::to_owned).collect(),
                None => vec![word.to_owned()],
            }
        };
        let mut suggestions = Vec::new();
        for speaker in &self.corpus.speakers {
            let has_quotes = self.index.value(Facet::Speaker, &speaker.id).is_some_and(|v| v.total > 0);
            if speaker.kind != SpeakerKind::Person
                || !has_quotes
                || query.is_selected(Facet::Speaker, &speaker.id)
            {
                continue;
            }
            let names: Vec<String> = std::iter::once(speaker.name.as_str())
                .chain(speaker.aliases.iter().map(String::as_str))
                .flat_map(super::text::words)
                .collect();
            let is_name_word = |word: &str| {
                word.chars().count() >= MIN_NAME_WORD
                    && forms_of(word).iter().any(|form| names.iter().any(|n| n.starts_with(form.as_str())))
            };
            if !words.iter().any(|(_, w)| is_name_word(w)) {
                continue;
            }
            let mut rest = String::new();
            let mut from = 0;
            for ((start, end), word) in &words {
                if is_name_word(word) {
                    rest.push_str(&text[from..*start]);
                    from = *end;
                }
            }
            rest.push_str(&text[from..]);
            let rest = rest.split_whitespace().collect::<Vec<_>>().join(" ");
            suggestions.push(SpeakerSuggestion { id: speaker.id.clone(), name: speaker.name.clone(), rest });
            if suggestions.len() == MAX_SUGGESTIONS {
                break;
            }
        }
        suggestions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    fn catalog() -> Catalog {
        Catalog::new(corpus::bundled().unwrap())
    }

    fn suggested(c: &Catalog, text: &str) -> Vec<(String, String)> {
        c.speaker_suggestions(&Query::text(text)).into_iter().map(|s| (s.id, s.rest)).collect()
    }

    #[test]
    fn every_spelling_of_a_name_suggests_its_speaker_and_leaves_the_rest_of_the_search() {
        let c = catalog();
        for spelling in ["Lavrov", "Sergei", "sergey", "SERGÉI LAVROV", "lavr"] {
            assert_eq!(suggested(&c, spelling), [("sergey-lavrov".to_owned(), String::new())], "{spelling}");
        }
        assert_eq!(
            suggested(&c, "democracy Lavrov  hegemony"),
            [("sergey-lavrov".to_owned(), "democracy hegemony".to_owned())]
        );
    }

    #[test]
    fn no_suggestion_for_other_words_a_chosen_speaker_or_a_speaker_without_quotes() {
        let c = catalog();
        assert!(suggested(&c, "democracy").is_empty());
        assert!(suggested(&c, "mr").is_empty(), "too short to be part of a name");
        let mut chosen = Query::text("Lavrov");
        chosen.select(Facet::Speaker, "sergey-lavrov");
        assert!(c.speaker_suggestions(&chosen).is_empty());
        let putin_has_quotes = c.corpus.quotes.iter().any(|q| q.speaker == "vladimir-putin");
        assert_eq!(suggested(&c, "Putin").is_empty(), !putin_has_quotes);
        assert!(suggested(&c, "statement").is_empty(), "joint statements are not people");
    }
}
