//! An article brought in as text (pasted, or a `.txt` file): the passages it quotes
//! proposed ([`propose`], over the article's [`text`]), and those the reader accepts added to
//! the corpus in use ([`add`]).

pub mod add;
pub mod propose;
pub mod text;

/// Whether a file is an article to propose quotes from rather than a corpus or spreadsheet.
pub fn is_article(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".txt", ".text", ".md"].iter().any(|e| lower.ends_with(e))
}

/// The text of an article file, or why it cannot be one.
pub fn read(bytes: &[u8]) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err("Not an article: the file holds binary data. Open a plain-text (.txt) file.".into());
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "Not text: byte {} is not UTF-8. Save the article as plain text (UTF-8).",
            e.valid_up_to() + 1
        )
    })?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err("The file is empty: there is no article in it.".into());
    }
    // Lines as the corpus counts them: a carriage return is no line of its own.
    Ok(text.replace("\r\n", "\n"))
}

/// The first line with words in it: most articles start with their headline.
pub fn headline_of(article: &str) -> &str {
    article.lines().map(str::trim).find(|l| l.chars().any(char::is_alphanumeric)).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_binary_and_non_utf8_files_are_refused_and_crlf_becomes_lf() {
        assert!(read(b"").unwrap_err().contains("empty"));
        assert!(read(b" \n\t").unwrap_err().contains("empty"));
        assert!(read(b"PK\x03\x04\x00").unwrap_err().contains("binary"));
        assert!(read(b"caf\xe9").unwrap_err().contains("UTF-8"));
        assert_eq!(read("\u{FEFF}A\r\nB".as_bytes()).unwrap(), "A\nB");
        assert!(is_article("Notes.TXT") && !is_article("corpus.json"));
        assert_eq!(headline_of("\n  \n  Big news  \nbody"), "Big news");
    }
}
