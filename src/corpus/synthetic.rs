//! A deterministic synthetic corpus in the corpus format, for benchmarks and scale tests:
//! quotes of about 200 characters, about 300 speakers, one meeting per 25 quotes, 40 themes.

use super::model::*;

/// A small, fast, seeded generator (SplitMix64): the same seed gives the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "democracy",
    "human",
    "rights",
    "multilateralism",
    "sovereignty",
    "cooperation",
    "security",
    "development",
    "international",
    "order",
    "united",
    "nations",
    "council",
    "partnership",
    "strategic",
    "coordination",
    "interference",
    "internal",
    "affairs",
    "dialogue",
    "equality",
    "respect",
    "peace",
    "stability",
    "global",
    "governance",
    "economic",
    "trade",
    "technology",
    "pandemic",
    "vaccine",
    "mutual",
    "trust",
    "principles",
    "law",
    "values",
    "countries",
    "people",
    "support",
    "oppose",
    "hegemony",
    "bloc",
    "confrontation",
    "common",
    "future",
    "mankind",
    "relations",
    "exchange",
    "bilateral",
    "regional",
    "summit",
    "consensus",
    "agreement",
    "energy",
    "supply",
    "chains",
    "innovation",
    "diversity",
    "civilization",
    "justice",
    "fairness",
    "genuine",
];
const FILLER: &[&str] = &["the", "of", "and", "to", "in", "a", "for", "on", "with", "should", "will", "is"];
const FIRST: &[&str] =
    &["Wang", "Sergey", "Li", "Anna", "Zhang", "Dmitry", "Chen", "Olga", "Liu", "Ivan", "Zhao", "Elena"];
const LAST: &[&str] = &[
    "Yi",
    "Lavrov",
    "Wei",
    "Petrova",
    "Ming",
    "Sokolov",
    "Hua",
    "Orlova",
    "Jun",
    "Kuznetsov",
    "Lei",
    "Volkova",
];
const PLACES: &[&str] =
    &["Beijing", "Moscow", "Guilin", "Rome", "Tunxi", "Sochi", "Shanghai", "Kazan", "Geneva", "New York"];

/// A corpus of `quotes` quotes; the same `(quotes, seed)` always gives the same corpus.
pub fn generate(quotes: usize, seed: u64) -> Corpus {
    let mut rng = Rng(seed);
    let theme_count = 40;
    let speaker_count = 300.min(quotes.max(1));
    let meeting_count = quotes.div_ceil(25).max(1);
    let source_count = (quotes / 100).clamp(1, 500);

    let themes = (0..theme_count)
        .map(|i| Theme {
            id: format!("theme-{i}"),
            label: format!("{} {i}", capitalize(WORDS[i % WORDS.len()])),
            definition: format!("Statements about {}.", WORDS[i % WORDS.len()]),
        })
        .collect();
    let speakers: Vec<Speaker> = (0..speaker_count)
        .map(|i| Speaker {
            id: format!("speaker-{i}"),
            name: format!("{} {} {i}", rng.pick(FIRST), rng.pick(LAST)),
            aliases: vec![format!("Minister {i}")],
            role: "Foreign Minister".into(),
            country: if i % 2 == 0 { "China" } else { "Russia" }.into(),
            kind: SpeakerKind::Person,
        })
        .collect();
    let meetings = (0..meeting_count)
        .map(|i| Meeting {
            id: format!("meeting-{i}"),
            title: format!("Talks in {} ({i})", PLACES[i % PLACES.len()]),
            short_title: None,
            place: Some(PLACES[i % PLACES.len()].into()),
            date: format!("{}-{:02}-{:02}", 2000 + (i / 336) % 25, 1 + (i / 28) % 12, 1 + i % 28),
            date_precision: DatePrecision::Day,
            date_note: None,
            participants: vec![],
        })
        .collect();
    let sources = (0..source_count)
        .map(|i| Source {
            id: format!("source-{i}"),
            outlet: format!("Outlet {}", i % 20),
            outlet_note: None,
            headline: format!("Report {i}"),
            published: None,
            file: format!("sources/source-{i}.txt"),
            url: None,
            text: None,
        })
        .collect();

    let quotes = (0..quotes)
        .map(|i| {
            let mut text = String::new();
            while text.len() < 170 + rng.below(60) {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(if rng.below(3) == 0 { rng.pick(FILLER) } else { rng.pick(WORDS) });
            }
            text.push('.');
            let mut theme_ids = vec![format!("theme-{}", rng.below(theme_count))];
            if rng.below(2) == 0 {
                let second = format!("theme-{}", rng.below(theme_count));
                if second != theme_ids[0] {
                    theme_ids.push(second);
                }
            }
            Quote {
                id: format!("q{i}"),
                context: format!("Context: {text}"),
                text,
                kind: QuoteKind::ALL[rng.below(3)],
                speaker: format!("speaker-{}", rng.below(speaker_count)),
                meeting: format!("meeting-{}", i / 25),
                themes: theme_ids,
                source: format!("source-{}", rng.below(source_count)),
                line: 1,
                statement: None,
                variant_group: None,
            }
        })
        .collect();

    Corpus {
        schema_version: SCHEMA_VERSION,
        title: format!("Synthetic corpus (seed {seed})"),
        themes,
        speakers,
        meetings,
        sources,
        statements: vec![],
        quotes,
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_corpus_and_it_validates() {
        let a = generate(1000, 7);
        assert_eq!(a, generate(1000, 7));
        assert_ne!(a, generate(1000, 8));
        let json = serde_json::to_string(&a).unwrap();
        let parsed = crate::corpus::parse(&json).expect("a synthetic corpus is a valid corpus");
        assert_eq!(parsed.quotes.len(), 1000);
    }

    #[test]
    fn has_the_documented_shape() {
        let c = generate(10_000, 1);
        assert_eq!(c.speakers.len(), 300);
        assert_eq!(c.meetings.len(), 400);
        assert_eq!(c.themes.len(), 40);
        let mean = c.quotes.iter().map(|q| q.text.len()).sum::<usize>() / c.quotes.len();
        assert!((180..=230).contains(&mean), "mean text length {mean}");
    }
}
