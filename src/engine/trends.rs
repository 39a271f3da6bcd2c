//! Term trends, as Voyant's Trends shows them: how often each search word is used per
//! meeting (in date order) and per side or speaker, counted in the quotes the filters select,
//! raw or per 1,000 words.

use super::text::SearchTerms;
use super::{Catalog, Facet, Results};

/// One row of a trend table: a meeting, a side or a speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendRow {
    pub id: String,
    pub label: String,
    /// Occurrences of each search word, in the search's order.
    pub counts: Vec<u32>,
    /// All words of the row's quotes, for rates.
    pub words: u32,
}

impl TrendRow {
    /// Occurrences per 1,000 words, in tenths ("12.5 per 1,000" is 125), so that no float
    /// is formatted.
    pub fn per_thousand_tenths(&self, term: usize) -> u32 {
        if self.words == 0 {
            return 0;
        }
        ((u64::from(self.counts[term]) * 10_000 + u64::from(self.words) / 2) / u64::from(self.words)) as u32
    }
}

/// The search's words and their counts by meeting and by side and speaker.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Trends {
    pub terms: Vec<String>,
    /// Meetings in date order.
    pub by_meeting: Vec<TrendRow>,
    pub by_side: Vec<TrendRow>,
    pub by_speaker: Vec<TrendRow>,
}

impl Catalog {
    /// Counts each word of `terms` (as a search matches it: the start of a word, any of its
    /// spellings) in the texts of the quotes `results` holds.
    pub fn trends(&self, terms: &SearchTerms, results: &Results) -> Trends {
        let rows = |facet: Facet| -> Vec<TrendRow> {
            self.index
                .values(facet)
                .iter()
                .map(|v| TrendRow {
                    id: v.id.clone(),
                    label: v.label.clone(),
                    counts: vec![0; terms.words.len()],
                    words: 0,
                })
                .collect()
        };
        let (mut by_meeting, mut by_side, mut by_speaker) =
            (rows(Facet::Meeting), rows(Facet::Side), rows(Facet::Speaker));
        let matching = self.index.term_words(terms);
        let mut counts = vec![0u32; terms.words.len()];
        for &position in &results.quotes {
            let text = self.index.text_words(position);
            let words = text.len() as u32;
            counts.iter_mut().for_each(|c| *c = 0);
            for &id in text.iter().filter(|&&id| matching.matches(id)) {
                matching.terms_of(id).for_each(|term| counts[term] += 1);
            }
            for (facet, rows) in [
                (Facet::Meeting, &mut by_meeting),
                (Facet::Side, &mut by_side),
                (Facet::Speaker, &mut by_speaker),
            ] {
                for &v in self.index.values_of(facet, position) {
                    let row = &mut rows[v as usize];
                    row.words += words;
                    row.counts.iter_mut().zip(&counts).for_each(|(total, n)| *total += n);
                }
            }
        }
        let keep = |rows: Vec<TrendRow>| rows.into_iter().filter(|r| r.words > 0).collect();
        Trends {
            terms: terms.words.clone(),
            by_meeting: keep(by_meeting),
            by_side: keep(by_side),
            by_speaker: keep(by_speaker),
        }
    }
}

/// Tenths as a decimal: 125 is "12.5".
pub fn tenths_label(tenths: u32) -> String {
    format!("{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;
    use crate::engine::text::words;
    use crate::engine::Query;

    #[test]
    fn each_words_count_per_meeting_and_speaker_is_a_plain_count_of_its_quotes() {
        let c = Catalog::new(corpus::bundled().unwrap());
        let terms = c.index.search_terms("democracy sovereign");
        let results = c.search(&Query::default());
        let trends = c.trends(&terms, &results);
        assert_eq!(trends.terms, ["democracy", "sovereign"]);
        let count = |keep: &dyn Fn(u32) -> bool, prefix: &str| -> u32 {
            results
                .quotes
                .iter()
                .filter(|&&p| keep(p))
                .map(|&p| words(&c.quote(p).text).filter(|w| w.starts_with(prefix)).count() as u32)
                .sum()
        };
        for row in &trends.by_meeting {
            let at = |p: u32| c.quote(p).meeting == row.id;
            assert_eq!(row.counts, [count(&at, "democracy"), count(&at, "sovereign")], "{}", row.id);
            let words_at: u32 = results
                .quotes
                .iter()
                .filter(|&&p| at(p))
                .map(|&p| words(&c.quote(p).text).count() as u32)
                .sum();
            assert_eq!(row.words, words_at);
        }
        for row in &trends.by_speaker {
            let by = |p: u32| c.quote(p).speaker == row.id;
            assert_eq!(row.counts, [count(&by, "democracy"), count(&by, "sovereign")], "{}", row.id);
        }
        let dates: Vec<&str> =
            trends.by_meeting.iter().map(|r| c.meeting(&r.id).unwrap().date.as_str()).collect();
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "meetings in date order");
        let sides: u32 = trends.by_side.iter().map(|r| r.counts[0]).sum();
        assert_eq!(sides, count(&|_| true, "democracy"));
    }

    #[test]
    fn rates_are_per_thousand_words_in_tenths() {
        let row = TrendRow { id: "x".into(), label: "x".into(), counts: vec![1, 0], words: 80 };
        assert_eq!(row.per_thousand_tenths(0), 125);
        assert_eq!(tenths_label(row.per_thousand_tenths(0)), "12.5");
        assert_eq!(row.per_thousand_tenths(1), 0);
        let empty = TrendRow { words: 0, ..row };
        assert_eq!(empty.per_thousand_tenths(0), 0);
    }
}
