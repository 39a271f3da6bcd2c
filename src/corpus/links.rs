//! What a corpus's entries refer to, checked and resolved in one pass: every id unique, every
//! reference to an entry that exists, every required text present. Loading checks a corpus
//! with it, and the index is built from what it resolved, so no reference is looked up twice.

use super::ids::IdTable;
use super::model::Corpus;
use super::validate::is_iso_date;
use super::verify::locate_verbatim;

/// A reference that resolves to nothing (in a corpus that was not checked).
pub const NONE: u32 = u32::MAX;

/// Each list's entries by id, and each quote's references as positions in their lists.
#[derive(Debug, Clone, Default)]
pub struct Links {
    pub quotes: IdTable,
    pub themes: IdTable,
    pub speakers: IdTable,
    pub meetings: IdTable,
    pub sources: IdTable,
    pub statements: IdTable,
    /// Per quote, the position of its speaker, meeting, source and statement ([`NONE`] when
    /// it has none, or names one that does not exist).
    pub speaker: Vec<u32>,
    pub meeting: Vec<u32>,
    pub source: Vec<u32>,
    pub statement: Vec<u32>,
    /// Quote `q`'s themes are `theme_values[theme_offsets[q]..theme_offsets[q + 1]]`.
    pub theme_offsets: Vec<u32>,
    pub theme_values: Vec<u32>,
}

impl Links {
    /// The quote's themes, as positions in the corpus's themes (those that exist).
    pub fn themes_of(&self, quote: usize) -> &[u32] {
        &self.theme_values[self.theme_offsets[quote] as usize..self.theme_offsets[quote + 1] as usize]
    }

    /// Resolves every reference of `c`; the messages name each problem found (none for a
    /// sound corpus).
    pub fn new(c: &Corpus) -> (Links, Vec<String>) {
        let mut linking = Linking::new(c);
        while !linking.step(usize::MAX) {}
        linking.finish()
    }
}

/// Linking a corpus a slice of quotes at a time (see [`Links::new`]), so that a page
/// checking a large corpus stays responsive.
pub struct Linking<'c> {
    c: &'c Corpus,
    links: Links,
    m: Vec<String>,
    /// The next quote to link.
    next: usize,
    /// Variant groups by size, to find groups of one.
    group_sizes: rustc_hash::FxHashMap<&'c str, u32>,
}

impl<'c> Linking<'c> {
    /// Checks the ids and references of every list but the quotes, which [`Linking::step`]
    /// checks a slice at a time.
    pub fn new(c: &'c Corpus) -> Linking<'c> {
        let mut m = Vec::new();
        let n = c.quotes.len();
        let mut links = Links {
            themes: unique("themes", c.themes.len(), |i| &c.themes[i].id, &mut m),
            speakers: unique("speakers", c.speakers.len(), |i| &c.speakers[i].id, &mut m),
            meetings: unique("meetings", c.meetings.len(), |i| &c.meetings[i].id, &mut m),
            sources: unique("sources", c.sources.len(), |i| &c.sources[i].id, &mut m),
            statements: unique("statements", c.statements.len(), |i| &c.statements[i].id, &mut m),
            // Checked a slice at a time with the rest of each quote: a large corpus has
            // hundreds of thousands.
            quotes: IdTable::with_room(n),
            speaker: Vec::with_capacity(n),
            meeting: Vec::with_capacity(n),
            source: Vec::with_capacity(n),
            statement: Vec::with_capacity(n),
            theme_offsets: Vec::with_capacity(n + 1),
            theme_values: Vec::with_capacity(n * 2),
        };
        links.theme_offsets.push(0);
        let speaker_of = |id: &str| links.speakers.get(id, |i| &c.speakers[i].id);
        let meeting_of = |id: &str| links.meetings.get(id, |i| &c.meetings[i].id);

        for (i, t) in c.themes.iter().enumerate() {
            if is_blank(&t.label) {
                m.push(format!("themes[{i}].label: must not be empty."));
            }
        }
        for (i, s) in c.speakers.iter().enumerate() {
            if is_blank(&s.name) {
                m.push(format!("speakers[{i}].name: must not be empty."));
            }
        }
        for (i, mt) in c.meetings.iter().enumerate() {
            if !is_iso_date(&mt.date) {
                m.push(format!(
                    "meetings[{i}].date: '{}' is not a date; expected YYYY-MM-DD, YYYY-MM or YYYY.",
                    mt.date
                ));
            }
            for (j, p) in mt.participants.iter().enumerate() {
                resolve(speaker_of(p), p, "speaker", || format!("meetings[{i}].participants[{j}]"), &mut m);
            }
        }
        for (i, s) in c.sources.iter().enumerate() {
            if let Some(date) = &s.published {
                if !is_iso_date(date) {
                    m.push(format!(
                        "sources[{i}].published: '{date}' is not a date; expected YYYY-MM-DD, YYYY-MM or YYYY."
                    ));
                }
            }
        }
        for (i, s) in c.statements.iter().enumerate() {
            let speaker = speaker_of(&s.speaker);
            resolve(speaker, &s.speaker, "speaker", || format!("statements[{i}].speaker"), &mut m);
            let meeting = meeting_of(&s.meeting);
            resolve(meeting, &s.meeting, "meeting", || format!("statements[{i}].meeting"), &mut m);
        }
        Linking { c, links, m, next: 0, group_sizes: Default::default() }
    }

    /// Links up to `quotes` more quotes; `true` once every quote is linked.
    pub fn step(&mut self, quotes: usize) -> bool {
        let Linking { c, links, m, next, group_sizes } = self;
        let end = c.quotes.len().min(next.saturating_add(quotes));
        for i in *next..end {
            let q = &c.quotes[i];
            let repeated = links.quotes.insert(i, &|i| c.quotes[i].id.as_str()).is_err();
            check_id("quotes", i, &q.id, repeated, m);
            if is_blank(&q.text) {
                m.push(format!("quotes[{i}].text: must not be empty."));
            }
            let speaker = links.speakers.get(&q.speaker, |i| &c.speakers[i].id);
            links.speaker.push(resolve(speaker, &q.speaker, "speaker", || format!("quotes[{i}].speaker"), m));
            let meeting = links.meetings.get(&q.meeting, |i| &c.meetings[i].id);
            links.meeting.push(resolve(meeting, &q.meeting, "meeting", || format!("quotes[{i}].meeting"), m));
            let source = links.sources.get(&q.source, |i| &c.sources[i].id);
            links.source.push(resolve(source, &q.source, "source", || format!("quotes[{i}].source"), m));
            if q.themes.is_empty() {
                m.push(format!("quotes[{i}].themes: needs at least one theme."));
            }
            let first_theme = links.theme_values.len();
            for (j, t) in q.themes.iter().enumerate() {
                let theme = links.themes.get(t, |i| &c.themes[i].id);
                let theme = resolve(theme, t, "theme", || format!("quotes[{i}].themes[{j}]"), m);
                if theme != NONE && !links.theme_values[first_theme..].contains(&theme) {
                    links.theme_values.push(theme);
                }
            }
            links.theme_offsets.push(links.theme_values.len() as u32);
            let statement = match &q.statement {
                Some(st) => {
                    let found = links.statements.get(&st.id, |i| &c.statements[i].id);
                    resolve(found, &st.id, "statement", || format!("quotes[{i}].statement.id"), m)
                }
                None => NONE,
            };
            links.statement.push(statement);
            if locate_verbatim(&q.context, &q.text).is_none() {
                m.push(format!(
                    "quotes[{i}].context: does not contain the quote's text; the context must be the passage the quote sits in."
                ));
            }
            if let Some(group) = &q.variant_group {
                *group_sizes.entry(group).or_default() += 1;
            }
        }
        *next = end;
        end == c.quotes.len()
    }

    /// The links, and every problem found, once [`Linking::step`] has linked every quote.
    pub fn finish(mut self) -> (Links, Vec<String>) {
        let lonely: Vec<&str> = self.group_sizes.iter().filter(|&(_, &n)| n < 2).map(|(&g, _)| g).collect();
        let mut order: Vec<u32> = (0..lonely.len() as u32).collect();
        crate::order::sort_positions(&mut order, &|a, b| {
            lonely[a as usize].cmp(lonely[b as usize]).then(a.cmp(&b))
        });
        for g in order.into_iter().map(|i| lonely[i as usize]) {
            self.m.push(format!(
                "variant_group '{g}': only one quote has it; a variant group links two or more reports of the same remark."
            ));
        }
        (self.links, self.m)
    }
}

/// Whether a text is empty or only white space.
fn is_blank(text: &str) -> bool {
    text.trim_start().is_empty()
}

/// A list's ids in a table, with a message for each empty or repeated one.
fn unique<'a>(
    collection: &str,
    len: usize,
    id: impl Fn(usize) -> &'a str,
    messages: &mut Vec<String>,
) -> IdTable {
    let (table, repeated) = IdTable::new(len, &id);
    let mut repeated = repeated.into_iter().peekable();
    for i in 0..len {
        let is_repeated = repeated.next_if(|&(r, _)| r == i).is_some();
        check_id(collection, i, id(i), is_repeated, messages);
    }
    table
}

/// A message if entry `i`'s id is empty or an earlier entry's.
fn check_id(collection: &str, i: usize, id: &str, repeated: bool, messages: &mut Vec<String>) {
    if is_blank(id) {
        messages.push(format!("{collection}[{i}].id: must not be empty."));
    } else if repeated {
        messages
            .push(format!("{collection}[{i}].id: '{id}' is used by an earlier entry; ids must be unique."));
    }
}

/// The position a reference resolved to, or [`NONE`] with a message saying it names nothing.
fn resolve(
    found: Option<usize>,
    value: &str,
    what: &str,
    path: impl FnOnce() -> String,
    m: &mut Vec<String>,
) -> u32 {
    match found {
        Some(position) => position as u32,
        None => {
            m.push(format!("{}: '{value}' is not a {what} id.", path()));
            NONE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::synthetic;

    #[test]
    fn linking_a_quote_at_a_time_finds_what_linking_at_once_finds_repeated_quote_ids_included() {
        let mut corpus = synthetic::generate(300, 7);
        corpus.quotes[250].id = corpus.quotes[3].id.clone();
        corpus.quotes[100].id = " ".into();
        let (whole, whole_messages) = Links::new(&corpus);
        let mut linking = Linking::new(&corpus);
        let mut steps = 1;
        while !linking.step(1) {
            steps += 1;
        }
        let (sliced, messages) = linking.finish();
        assert_eq!(steps, 300);
        assert_eq!(messages, whole_messages);
        let repeated = format!(
            "quotes[250].id: '{}' is used by an earlier entry; ids must be unique.",
            corpus.quotes[3].id
        );
        assert_eq!(messages, ["quotes[100].id: must not be empty.".to_owned(), repeated]);
        assert_eq!((sliced.speaker, sliced.theme_values), (whole.speaker, whole.theme_values));
        let quote_id = |i: usize| corpus.quotes[i].id.as_str();
        assert_eq!(
            whole.quotes.get(&corpus.quotes[3].id, quote_id),
            Some(3),
            "the first of a repeated id is found"
        );
        assert_eq!(whole.quotes.get(&corpus.quotes[299].id, quote_id), Some(299));
    }
}
