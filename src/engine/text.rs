//! What a word is, and what a search asks for: normalisation and word splitting shared by
//! indexing, querying and highlighting, so the three always agree.

/// Base letters for U+0100..=U+017F (Latin Extended-A), in code point order.
const LATIN_EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Lower-cases a character and strips its accent, so "Sergéi" finds "Sergei".
fn fold(c: char, out: &mut String) {
    for lower in c.to_lowercase() {
        let base = match lower {
            'à'..='å' => 'a',
            'æ' => {
                out.push_str("ae");
                continue;
            }
            'ç' => 'c',
            'è'..='ë' => 'e',
            'ì'..='ï' => 'i',
            'ð' => 'd',
            'ñ' => 'n',
            'ò'..='ö' | 'ø' => 'o',
            'ù'..='ü' => 'u',
            'ý' | 'ÿ' => 'y',
            'ß' => {
                out.push_str("ss");
                continue;
            }
            '\u{0100}'..='\u{017F}' => LATIN_EXTENDED_A[lower as usize - 0x100] as char,
            'ё' => 'е',
            // Combining marks carry only the accent.
            '\u{0300}'..='\u{036F}' => continue,
            other => other,
        };
        out.push(base);
    }
}

/// The normalised form of one word.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_word_into(word, &mut out);
    out
}

/// Appends the normalised form of `word` to `out`; most words are ASCII and take a short cut.
pub fn normalize_word_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
    } else {
        word.chars().for_each(|c| fold(c, out));
    }
}

/// A word is a run of letters and digits (combining accents included); everything else,
/// typographic quotes and apostrophes among it, separates words.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0300}'..='\u{036F}').contains(&c)
}

/// The byte ranges of the words of `text`, in order.
pub fn word_ranges(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    // Most text is ASCII, where a byte is a character: a short cut for indexing speed.
    let ascii = text.is_ascii();
    let bytes = text.as_bytes();
    let mut chars = text.char_indices().peekable();
    let mut at = 0;
    std::iter::from_fn(move || {
        if ascii {
            while at < bytes.len() && !bytes[at].is_ascii_alphanumeric() {
                at += 1;
            }
            let start = at;
            while at < bytes.len() && bytes[at].is_ascii_alphanumeric() {
                at += 1;
            }
            return (start < at).then_some((start, at));
        }
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// The normalised words of `text`.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    word_ranges(text).map(|(s, e)| normalize_word(&text[s..e]))
}

/// What a search box query asks for: words that must all match (as prefixes), and phrases
/// (typed in straight or typographic quotes) whose words must appear in that order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchTerms {
    pub words: Vec<String>,
    /// Per word (same order), its other spellings in the corpus's names ("sergei" for
    /// "sergey"), any of which matches as the word does.
    pub spellings: Vec<Vec<String>>,
    pub phrases: Vec<Vec<String>>,
}

/// Two spellings of one name's word, as a corpus's speaker names and aliases give them.
pub type Spelling = (String, String);

/// Whether two words are spellings of one name: the same first letter and length within one,
/// at most two letters apart ("sergey", "sergei"; not "mr", "sergey").
fn spelled_alike(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b || a.len().min(b.len()) < 4 || a.len().abs_diff(b.len()) > 1 || a.first() != b.first() {
        return false;
    }
    // Levenshtein distance, small words only.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (row[j + 1] + 1).min(row[j] + 1).min(diagonal + usize::from(ca != cb));
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()] <= 2
}

/// The spellings a set of names holds: for a name and an alias of as many words, the words at
/// one place that are spelled alike ("Sergey Lavrov", "Sergei Lavrov": sergey and sergei).
pub fn spellings_in<'a>(names: impl Iterator<Item = &'a [String]>) -> Vec<Spelling> {
    let mut found: Vec<Spelling> = Vec::new();
    for group in names {
        let worded: Vec<Vec<String>> = group.iter().map(|n| words(n).collect()).collect();
        for (i, a) in worded.iter().enumerate() {
            for b in &worded[i + 1..] {
                if a.len() != b.len() {
                    continue;
                }
                for (x, y) in a.iter().zip(b) {
                    let pair = if x < y { (x.clone(), y.clone()) } else { (y.clone(), x.clone()) };
                    if spelled_alike(x, y) && !found.contains(&pair) {
                        found.push(pair);
                    }
                }
            }
        }
    }
    found
}

impl SearchTerms {
    pub fn parse(query: &str) -> Self {
        let mut terms = SearchTerms::default();
        let mut in_phrase = false;
        let mut segment = String::new();
        let flush = |segment: &mut String, phrase: bool, terms: &mut SearchTerms| {
            let ws: Vec<String> = words(segment).collect();
            if phrase && ws.len() > 1 {
                terms.phrases.push(ws.clone());
            }
            for w in ws {
                if !terms.words.contains(&w) {
                    terms.words.push(w);
                }
            }
            segment.clear();
        };
        for c in query.chars() {
            if matches!(c, '"' | '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}') {
                flush(&mut segment, in_phrase, &mut terms);
                in_phrase = !in_phrase;
            } else {
                segment.push(c);
            }
        }
        flush(&mut segment, in_phrase, &mut terms);
        terms
    }

    /// These terms, each word also matching its other spellings among `spellings`.
    pub fn with_spellings(mut self, spellings: &[Spelling]) -> Self {
        self.spellings = self
            .words
            .iter()
            .map(|w| {
                spellings
                    .iter()
                    .filter_map(|(a, b)| if a == w { Some(b.clone()) } else { (b == w).then(|| a.clone()) })
                    .collect()
            })
            .collect();
        self
    }

    /// The word at `at` and its other spellings: any of them matches.
    pub fn forms(&self, at: usize) -> impl Iterator<Item = &str> {
        std::iter::once(self.words[at].as_str())
            .chain(self.spellings.get(at).into_iter().flatten().map(String::as_str))
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether a normalised word of a document matches one of the query's words.
    pub fn matches_word(&self, word: &str) -> bool {
        (0..self.words.len()).any(|at| self.forms(at).any(|w| word.starts_with(w)))
    }

    /// Whether every phrase occurs in `text`, word after word, the last word as a prefix.
    pub fn phrases_match(&self, text: &str) -> bool {
        if self.phrases.is_empty() {
            return true;
        }
        let doc: Vec<String> = words(text).collect();
        self.phrases.iter().all(|phrase| {
            doc.windows(phrase.len()).any(|window| {
                let (last, init) = phrase.split_last().expect("phrases have two or more words");
                window[..init.len()] == *init && window[init.len()].starts_with(last.as_str())
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(normalize_word("Sergéi"), "sergei");
        assert_eq!(normalize_word("ŁÓDŹ"), "lodz");
        assert_eq!(normalize_word("Straße"), "strasse");
        assert_eq!(normalize_word("Ёлка"), "елка");
        assert_eq!(normalize_word("Őrség"), "orseg");
        assert_eq!(normalize_word("e\u{0301}lan"), "elan");
    }

    #[test]
    fn latin_extended_a_table_lines_up_with_code_points() {
        let expect = [
            ('Ā', 'a'),
            ('č', 'c'),
            ('đ', 'd'),
            ('ě', 'e'),
            ('ģ', 'g'),
            ('ħ', 'h'),
            ('ı', 'i'),
            ('ĵ', 'j'),
            ('ķ', 'k'),
            ('ł', 'l'),
            ('ň', 'n'),
            ('ő', 'o'),
            ('ř', 'r'),
            ('š', 's'),
            ('ť', 't'),
            ('ű', 'u'),
            ('ŵ', 'w'),
            ('Ÿ', 'y'),
            ('ž', 'z'),
            ('ſ', 's'),
        ];
        for (accented, base) in expect {
            assert_eq!(normalize_word(&accented.to_string()), base.to_string(), "{accented}");
        }
    }

    #[test]
    fn ascii_and_unicode_paths_split_words_alike() {
        let ascii = "Wang Yi's 5G, big-data  plan.";
        let mixed = "Wang Yi's 5G, big-data  plan.\u{00A0}é";
        let a: Vec<&str> = word_ranges(ascii).map(|(s, e)| &ascii[s..e]).collect();
        let m: Vec<&str> = word_ranges(mixed).map(|(s, e)| &mixed[s..e]).collect();
        assert_eq!(a, ["Wang", "Yi", "s", "5G", "big", "data", "plan"]);
        assert_eq!(m[..7], a[..]);
        assert_eq!(m[7], "é");
    }

    #[test]
    fn typographic_quotes_and_apostrophes_separate_words() {
        let ws: Vec<String> = words("oppose “small circles,” China’s").collect();
        assert_eq!(ws, ["oppose", "small", "circles", "china", "s"]);
    }

    #[test]
    fn parses_words_and_phrases_in_any_quote_style() {
        let t = SearchTerms::parse("Lavrov “small circles” \"new  Cold war\"");
        assert_eq!(t.words, ["lavrov", "small", "circles", "new", "cold", "war"]);
        assert_eq!(t.phrases, vec![vec!["small", "circles"], vec!["new", "cold", "war"]]);
        assert!(SearchTerms::parse("  ,,  ").is_empty());
    }

    #[test]
    fn names_spelled_two_ways_match_each_other() {
        let lavrov = ["Sergey Lavrov".to_owned(), "Sergei Lavrov".to_owned(), "Mr Lavrov".to_owned()];
        let spellings = spellings_in([&lavrov[..]].into_iter());
        assert_eq!(spellings, [("sergei".to_owned(), "sergey".to_owned())], "not mr and sergey");
        let terms = SearchTerms::parse("Sergei democ").with_spellings(&spellings);
        assert!(
            terms.matches_word("sergey") && terms.matches_word("sergei") && terms.matches_word("democratic")
        );
        assert_eq!(terms.forms(0).collect::<Vec<_>>(), ["sergei", "sergey"]);
        assert_eq!(terms.forms(1).collect::<Vec<_>>(), ["democ"]);
        assert!(!spelled_alike("wang", "yang"), "a different first letter is a different name");
        assert!(!spelled_alike("lavrov", "lavrov"), "one spelling is no pair");
        assert!(!spelled_alike("xi", "yi"), "too short to tell");
    }

    #[test]
    fn phrases_require_order_and_adjacency() {
        let t = SearchTerms::parse("\"small circle\"");
        assert!(t.phrases_match("oppose “small circles,” and"));
        assert!(!t.phrases_match("circles are small"));
    }
}
