//! The sentences the explorer says about numbers and the reader's query, worded for the
//! case at hand ("1 quote", "the last 2"), so components only place them.

use crate::engine::Query;

/// `n` and the noun, singular for one: "1 quote", "3 quotes".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// "12 of 72 quotes": how many of the corpus's quotes the results hold.
pub fn result_count(shown: usize, total: usize) -> String {
    format!("{shown} of {}", count(total, "quote", "quotes"))
}

/// The label of the button that renders the next page of results.
pub fn show_more(remaining: usize, page: usize) -> String {
    match remaining {
        1 => "Show the last quote".to_owned(),
        r if r <= page => format!("Show the last {r} quotes"),
        r => format!("Show {page} more ({r} not shown yet)"),
    }
}

/// The button that shows the page before the quotes a link opened the list at.
pub fn show_earlier(before: usize, page: usize) -> String {
    match before {
        1 => "Show the first quote".to_owned(),
        b if b <= page => format!("Show the first {b} quotes"),
        b => format!("Show {page} earlier ({b} before these)"),
    }
}

/// Which corpus is in use, for the lede under the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CorpusKind {
    Bundled,
    Loaded,
}

/// One sentence on what the corpus in use is. The corpus a page comes with may be anyone's
/// (`quote-explorer build`), so it says nothing a valid corpus does not guarantee.
pub fn lede(quotes: usize, sources: usize, kind: CorpusKind) -> String {
    match kind {
        CorpusKind::Bundled => format!(
            "Every quote and statement point from {}, verbatim, each traceable to its line in the \
             source. {}.",
            count(sources, "source", "sources"),
            count(quotes, "quote", "quotes"),
        ),
        CorpusKind::Loaded => {
            format!("{} from {}.", count(quotes, "quote", "quotes"), count(sources, "source", "sources"))
        }
    }
}

/// `items` as a sentence's list: "a", "a and b", "a, b and c".
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The notice for filter values the corpus in use lacks (from a link, an embed, or a
/// corpus opened while they were set).
pub fn left_out(labels: &[String]) -> String {
    format!("Not in this corpus, so left out: {}.", listed(labels))
}

/// The notice for what was set aside to show a linked quote.
pub fn set_aside(labels: &[String]) -> String {
    format!("To show the quote you linked to, this was set aside: {}.", listed(labels))
}

/// The notice for a link to a quote the corpus lacks.
pub fn quote_not_found(id: &str) -> String {
    format!("The quote you linked to (\u{201C}{id}\u{201D}) is not in this corpus.")
}

/// Why nothing matches, worded for what the reader has asked: the search, the filters, or both.
pub fn no_results(query: &Query) -> String {
    let words = "Words match the start of words: “democ” finds “democracy” and “democratic”.";
    let filters = query.filter_count();
    match (query.has_text(), filters) {
        (true, 0) => format!("No quote contains every word of “{}”. {words}", query.text.trim()),
        (false, 1) => "No quote has this filter's value.".to_owned(),
        (false, _) => "No quote satisfies these filters together: values within one group widen the \
                       results, each group narrows them."
            .to_owned(),
        (true, _) => format!(
            "No quote matches “{}” with {} set. {words}",
            query.text.trim(),
            if filters == 1 { "the filter" } else { "the filters" }
        ),
    }
}

/// When a page starts the explorer without the corpus it should carry.
pub const NO_PAGE_CORPUS: &str =
    "This page carries no quotes: its corpus data block is missing. Rebuild it with the quote-explorer command.";

/// When an explorer is pointed at an index by something that is not a web address.
pub const INDEX_NOT_AN_ADDRESS: &str =
    "The index must be given as a web address (http or https), or a folder relative to this page.";

/// When a file of a chunked index cannot be fetched or read: what was shown stays.
pub fn index_file_failed(problem: &str) -> String {
    format!("Part of the index could not be loaded, so what is shown has not changed: {problem}")
}

/// The most results an export from a chunked index holds: each may be in a pack of its own,
/// fetched for the export.
pub const EXPORT_FROM_INDEX_MAX: usize = 1000;

/// The export's label when the results are too many to export from an index.
pub fn export_from_index_too_many(results: usize) -> String {
    format!(
        "Export: from an index, at most {EXPORT_FROM_INDEX_MAX} quotes at a time; narrow the search or the filters (now {results})"
    )
}

/// The export's status while the quotes it holds are fetched from an index.
pub fn export_fetching(results: usize) -> String {
    format!("Fetching {} to export…", count(results, "quote", "quotes"))
}

/// The export's status when a quote it holds could not be fetched.
pub fn export_fetch_failed(problem: &str) -> String {
    format!("Nothing was saved: part of the index could not be loaded ({problem}).")
}

/// Instead of a count while an explorer's first corpus is on its way.
pub const LOADING: &str = "Loading the quotes…";

/// In a chunked index, while the search's words are on their way.
pub const SEARCHING: &str = "Searching…";

/// The overview of a chunked index, while its facets (which quote has which meeting and
/// theme) are on their way.
pub const COUNTING: &str = "Counting the quotes by meeting and theme…";

/// What the concordance needs before it can show anything.
pub const CONCORDANCE_NEEDS_WORDS: &str =
    "Type a word in the search box to see each place it occurs, with the words before and after it.";

/// How the distinctive words are found, in a sentence.
pub const KEYNESS_METHOD: &str = "The words that set each group's quotes apart from the other's, by the log-odds ratio with the whole corpus as an informative prior (Monroe, Colaresi and Quinn 2008): z above 2 is unlikely to be chance. Common function words are left out. Choose a word to read it in context.";

/// What the trends need before they can show anything.
pub const TRENDS_NEED_WORDS: &str =
    "Type one or more words in the search box to see how often each is used, by meeting, side and speaker.";

/// How many occurrences the concordance lists: "12 occurrences in 9 quotes".
pub fn occurrences(hits: usize, quotes: usize) -> String {
    format!("{} in {}", count(hits, "occurrence", "occurrences"), count(quotes, "quote", "quotes"))
}

/// Why a comparison shows no columns: the corpus has fewer than two values to set side by side.
pub fn too_few_to_compare(by: &str) -> String {
    format!(
        "This corpus has fewer than two {}s to compare: choose another way to compare.",
        by.to_lowercase()
    )
}

/// A comparison table's caption (its columns have headings of their own).
pub fn comparison_caption(by: &str) -> String {
    format!("Compared by {}, a row per theme, under the current search and filters.", by.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Facet;

    #[test]
    fn the_concordance_counts_occurrences_and_quotes() {
        assert_eq!(occurrences(1, 1), "1 occurrence in 1 quote");
        assert_eq!(occurrences(12, 9), "12 occurrences in 9 quotes");
    }

    #[test]
    fn a_comparison_names_what_it_compares() {
        assert_eq!(
            comparison_caption("Side"),
            "Compared by side, a row per theme, under the current search and filters."
        );
        assert!(too_few_to_compare("Side").contains("fewer than two sides"));
    }

    #[test]
    fn one_is_singular_and_everything_else_plural() {
        assert_eq!(count(1, "quote", "quotes"), "1 quote");
        assert_eq!(count(0, "quote", "quotes"), "0 quotes");
        assert_eq!(result_count(1, 1), "1 of 1 quote");
        assert_eq!(result_count(3, 72), "3 of 72 quotes");
        assert_eq!(lede(3, 1, CorpusKind::Loaded), "3 quotes from 1 source.");
        assert_eq!(lede(1, 2, CorpusKind::Loaded), "1 quote from 2 sources.");
        assert!(lede(72, 5, CorpusKind::Bundled).contains("from 5 sources"));
        assert!(lede(72, 5, CorpusKind::Bundled).ends_with("72 quotes."));
    }

    #[test]
    fn notices_list_what_they_name() {
        assert_eq!(
            left_out(&["Speaker “nobody”".into()]),
            "Not in this corpus, so left out: Speaker “nobody”."
        );
        let two = set_aside(&["Speaker: Nobuo Kishi".into(), "the search “x”".into()]);
        assert_eq!(
            two,
            "To show the quote you linked to, this was set aside: Speaker: Nobuo Kishi and the search “x”."
        );
        assert_eq!(listed(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert!(quote_not_found("q1").contains("“q1”"));
    }

    #[test]
    fn show_more_says_whether_it_shows_the_rest() {
        assert_eq!(show_more(52, 20), "Show 20 more (52 not shown yet)");
        assert_eq!(show_more(20, 20), "Show the last 20 quotes");
        assert_eq!(show_more(2, 20), "Show the last 2 quotes");
        assert_eq!(show_more(1, 20), "Show the last quote");
    }

    #[test]
    fn show_earlier_says_how_many_come_before() {
        assert_eq!(show_earlier(60, 20), "Show 20 earlier (60 before these)");
        assert_eq!(show_earlier(20, 20), "Show the first 20 quotes");
        assert_eq!(show_earlier(1, 20), "Show the first quote");
    }

    #[test]
    fn no_results_names_what_was_asked() {
        let text = Query::text("zzz");
        assert!(no_results(&text).starts_with("No quote contains every word of “zzz”."));
        assert!(no_results(&text).contains("start of words"));
        let mut one = Query::default();
        one.select(Facet::Theme, "democracy");
        assert_eq!(no_results(&one), "No quote has this filter's value.");
        let mut two = one.clone();
        two.select(Facet::Speaker, "wang-yi");
        assert!(no_results(&two).starts_with("No quote satisfies these filters together"));
        let mut both = two.clone();
        both.text = "zzz".into();
        assert!(no_results(&both).contains("with the filters set"));
        assert!(!no_results(&two).contains("search"), "no search is mentioned when none is set");
    }
}
