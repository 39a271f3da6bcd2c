//! Dates as people write them in a spreadsheet, read into the corpus's ISO form with the
//! precision they were written with: "2021-03-23", "23 March 2021", "March 23, 2021" and
//! "23 Mar 2021" are days; "2021-03" and "March 2021" months; "2021" a year.

use crate::corpus::{DatePrecision, MONTHS};

/// The forms a date may take, for a message about one that is none of them.
pub const DATE_FORMS: &str = "2021-03-23, 23 March 2021, March 23, 2021, 2021-03, March 2021 or 2021";

/// A date in the corpus's form (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) and its precision, or
/// `None` if `text` is not a date in one of [`DATE_FORMS`].
pub fn parse_date(text: &str) -> Option<(String, DatePrecision)> {
    let text = text.trim();
    if let Some(iso) = iso(text) {
        return Some(iso);
    }
    // Words: a month's name, a day, a year, in either order; commas and a full stop after
    // an abbreviation say nothing.
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    let (mut day, mut month, mut year) = (None, None, None);
    for word in &words {
        let word = word.trim_end_matches('.');
        if let Some(m) = month_number(word) {
            if month.replace(m).is_some() {
                return None;
            }
        } else if word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()) {
            if year.replace(word.parse::<u32>().ok()?).is_some() {
                return None;
            }
        } else {
            // "23", "23rd", "1st".
            let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            let suffix = &word[digits.len()..];
            let ordinal = matches!(suffix.to_ascii_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th");
            if !(1..=2).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) || !ordinal {
                return None;
            }
            if day.replace(digits.parse::<u32>().ok()?).is_some() {
                return None;
            }
        }
    }
    let (year, month) = (year?, month?);
    match day {
        Some(day) if (1..=days_in_month(year, month)).contains(&day) => {
            Some((format!("{year:04}-{month:02}-{day:02}"), DatePrecision::Day))
        }
        Some(_) => None,
        None => Some((format!("{year:04}-{month:02}"), DatePrecision::Month)),
    }
}

/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (also with slashes: `2021/03/23`).
fn iso(text: &str) -> Option<(String, DatePrecision)> {
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse::<u32>().ok())?
    };
    match parts.as_slice() {
        [y] => Some((format!("{:04}", number(y, 4)?), DatePrecision::Year)),
        [y, m] => {
            let (y, m) = (number(y, 4)?, number(m, 2)?);
            (1..=12).contains(&m).then(|| (format!("{y:04}-{m:02}"), DatePrecision::Month))
        }
        [y, m, d] => {
            let (y, m, d) = (number(y, 4)?, number(m, 2)?, number(d, 2)?);
            ((1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d))
                .then(|| (format!("{y:04}-{m:02}-{d:02}"), DatePrecision::Day))
        }
        _ => None,
    }
}

/// "March", "mar", "Sept" is 3, 3, 9.
fn month_number(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|name| {
            let name = name.to_lowercase();
            name == lower || (lower.len() <= 4 && name.starts_with(&lower))
        })
        .map(|i| i as u32 + 1)
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_forms_keep_their_precision() {
        let day = |s: &str| ("2021-03-23".to_owned(), DatePrecision::Day, s.to_owned());
        for (text, expected) in [
            ("2021-03-23", day("")),
            ("2021/03/23", day("")),
            ("23 March 2021", day("")),
            ("March 23, 2021", day("")),
            ("23 Mar. 2021", day("")),
            ("Mar 23rd 2021", day("")),
            ("  23 MARCH 2021 ", day("")),
        ] {
            let (iso, precision) = parse_date(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!((iso, precision), (expected.0, expected.1), "{text}");
        }
        assert_eq!(parse_date("2021-03"), Some(("2021-03".into(), DatePrecision::Month)));
        assert_eq!(parse_date("March 2021"), Some(("2021-03".into(), DatePrecision::Month)));
        assert_eq!(parse_date("Sept 2022"), Some(("2022-09".into(), DatePrecision::Month)));
        assert_eq!(parse_date("2021"), Some(("2021".into(), DatePrecision::Year)));
    }

    #[test]
    fn what_is_not_a_date_is_refused() {
        for text in [
            "",
            "soon",
            "23/03/2021",
            "31 February 2021",
            "2021-13",
            "March",
            "23 March",
            "21",
            "March March 2021",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
        assert_eq!(parse_date("29 February 2024").unwrap().0, "2024-02-29");
        assert_eq!(parse_date("29 February 2023"), None);
    }
}
