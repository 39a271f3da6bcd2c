//! Reading a corpus file's JSON: one pass over the text, straight into the corpus types, by
//! the rules of `data/corpus.schema.json` (objects with known fields only, each field of
//! its type). A broken file has each problem named by its entry and field, the first in
//! each entry, as `quotes[3].kind: unknown variant `quip`, expected one of …`; text that is
//! not JSON is told where it stops being JSON. Integrity (unique ids, references that
//! resolve) is checked afterwards, in `validate`.
//!
//! Hand-written rather than derived with serde: it is several times faster on a large
//! corpus, a fraction of the size in the app's first download, and says what is wrong with
//! every broken entry, not only the first. `tests/fuzz.rs` checks that it accepts exactly
//! what serde's derived reader of the same types accepts, with the same result.

use std::borrow::Cow;

use super::model::*;

/// What is wrong with a corpus file.
pub(super) enum Refusal {
    /// Not JSON at all: what was found, and the line and column where.
    NotJson(String),
    /// JSON, but not one object: not a corpus.
    NotAnObject,
    /// `schema_version` is missing (`None`), not a whole number (`Some(None)`) or another version.
    Version(Option<Option<u64>>),
    /// Entries or fields that do not fit the schema, each message naming its place.
    Schema(Vec<String>),
}

/// The top-level fields, in the order the schema lists them.
pub(super) const FIELDS: [&str; 8] =
    ["schema_version", "title", "themes", "speakers", "meetings", "sources", "statements", "quotes"];

/// Where reading has got to.
enum Stage {
    /// Before the opening brace.
    Start,
    /// Between the top-level fields (`first`: none read yet).
    Fields { first: bool },
    /// In the list of a collection (its index in [`FIELDS`]), before entry `index`.
    Entries { field: usize, index: usize },
    /// Past the closing brace.
    End,
}

/// Reading a corpus a slice at a time, so that a page reading a large one stays responsive
/// and can show how far it has got: [`Reading::step`] reads a number of entries and
/// returns, until the whole file is read.
pub(super) struct Reading<'a> {
    r: Reader<'a>,
    stage: Stage,
    /// The file holds JSON, but not an object.
    not_an_object: bool,
    version: Option<Option<u64>>,
    title: Option<Option<String>>,
    unknown: Vec<String>,
    repeated: Vec<String>,
    seen: [bool; FIELDS.len()],
    /// Per collection, in FIELDS order from `themes`, its messages.
    problems: [Vec<String>; 6],
    corpus: Corpus,
}

impl<'a> Reading<'a> {
    pub(super) fn new(text: &'a str) -> Reading<'a> {
        Reading {
            r: Reader { text, bytes: text.as_bytes(), at: 0 },
            stage: Stage::Start,
            not_an_object: false,
            version: None,
            title: None,
            unknown: Vec::new(),
            repeated: Vec::new(),
            seen: [false; FIELDS.len()],
            problems: Default::default(),
            // The version as read: none yet.
            corpus: Corpus { schema_version: 0, ..Corpus::empty() },
        }
    }

    /// How much of the text has been read, from 0 to 1.
    pub(super) fn fraction(&self) -> f64 {
        self.r.at as f64 / self.r.bytes.len().max(1) as f64
    }

    /// Reads on, up to `entries` entries; the corpus, or why not, once the file is read.
    pub(super) fn step(&mut self, entries: usize) -> Option<Result<Corpus, Refusal>> {
        match self.advance(entries) {
            Ok(true) => Some(self.finish()),
            Ok(false) => None,
            Err(syntax) => Some(Err(Refusal::NotJson(syntax.describe(self.r.text)))),
        }
    }

    /// Reads on; `true` once past the end of the top-level object.
    fn advance(&mut self, mut entries: usize) -> Json<bool> {
        let r = &mut self.r;
        loop {
            match self.stage {
                Stage::Start => {
                    if r.peek() != Some(b'{') {
                        r.skip_value()?;
                        self.not_an_object = true;
                        self.stage = Stage::End;
                        return Ok(true);
                    }
                    r.at += 1;
                    self.stage = Stage::Fields { first: true };
                }
                Stage::Fields { first } => {
                    match (r.peek(), first) {
                        (Some(b'}'), _) => {
                            r.at += 1;
                            self.stage = Stage::End;
                            return Ok(true);
                        }
                        (Some(b','), false) => {
                            r.at += 1;
                            if r.peek() == Some(b'}') {
                                return Err(r.not_json("trailing comma"));
                            }
                        }
                        (None, _) => return Err(r.not_json("EOF while parsing an object")),
                        (Some(_), false) => return Err(r.not_json("expected `,` or `}`")),
                        (Some(_), true) => {}
                    }
                    let key = r.key()?;
                    self.stage = Stage::Fields { first: false };
                    let Some(field) = FIELDS.iter().position(|f| *f == key) else {
                        self.unknown.push(key.into_owned());
                        r.skip_value()?;
                        continue;
                    };
                    if std::mem::replace(&mut self.seen[field], true) {
                        self.repeated.push(key.to_string());
                    }
                    match field {
                        0 => {
                            self.version = Some(match r.peek() {
                                Some(b'-' | b'0'..=b'9') => match integer(r.number()?) {
                                    Some((false, n)) => Some(n),
                                    _ => None,
                                },
                                _ => {
                                    r.skip_value()?;
                                    None
                                }
                            })
                        }
                        1 => {
                            self.title = Some(match r.peek() {
                                Some(b'"') => Some(r.string()?.into_owned()),
                                _ => {
                                    r.skip_value()?;
                                    None
                                }
                            })
                        }
                        _ if r.peek() != Some(b'[') => {
                            self.problems[field - 2].push(format!("{key}: expected a list of entries."));
                            r.skip_value()?;
                        }
                        _ => {
                            r.at += 1;
                            if r.peek() == Some(b']') {
                                r.at += 1;
                            } else {
                                self.stage = Stage::Entries { field, index: 0 };
                            }
                        }
                    }
                }
                Stage::Entries { field, index } => {
                    if entries == 0 {
                        return Ok(false);
                    }
                    entries -= 1;
                    let start = r.at;
                    let (name, shape) = COLLECTIONS[field - 2];
                    match r.entry(shape) {
                        Ok(values) => match field {
                            2 => self.corpus.themes.push(values.theme()),
                            3 => self.corpus.speakers.push(values.speaker()),
                            4 => self.corpus.meetings.push(values.meeting()),
                            5 => self.corpus.sources.push(values.source()),
                            6 => self.corpus.statements.push(values.statement()),
                            _ => self.corpus.quotes.push(values.quote()),
                        },
                        Err(Fault::Syntax(s)) => return Err(s),
                        Err(Fault::Misfit(m)) => {
                            self.problems[field - 2].push(format!("{name}[{index}]{}: {}.", m.path, m.what));
                            // The rest of the entry is skipped, checking it is JSON all the same.
                            r.at = start;
                            r.skip_value()?;
                        }
                    }
                    match r.peek() {
                        Some(b',') => {
                            r.at += 1;
                            if r.peek() == Some(b']') {
                                return Err(r.not_json("trailing comma"));
                            }
                            self.stage = Stage::Entries { field, index: index + 1 };
                        }
                        Some(b']') => {
                            r.at += 1;
                            self.stage = Stage::Fields { first: false };
                        }
                        None => return Err(r.not_json("EOF while parsing a list")),
                        Some(_) => return Err(r.not_json("expected `,` or `]`")),
                    }
                }
                Stage::End => return Ok(true),
            }
        }
    }

    /// The corpus read, or why not, once the whole file is read.
    fn finish(&mut self) -> Result<Corpus, Refusal> {
        let r = &mut self.r;
        r.ws();
        if r.at < r.bytes.len() {
            return Err(Refusal::NotJson(r.not_json("trailing characters").describe(r.text)));
        }
        if self.not_an_object {
            return Err(Refusal::NotAnObject);
        }
        // An old or future file should hear about its version rather than about whichever
        // field changed.
        let mut corpus = std::mem::replace(&mut self.corpus, Reading::new("").corpus);
        match self.version {
            Some(Some(v)) if v == u64::from(SCHEMA_VERSION) => corpus.schema_version = SCHEMA_VERSION,
            other => return Err(Refusal::Version(other)),
        }
        let mut messages = Vec::new();
        let unknown = &self.unknown;
        let mut order: Vec<u32> = (0..unknown.len() as u32).collect();
        crate::order::sort_positions(&mut order, &|a, b| {
            unknown[a as usize].cmp(&unknown[b as usize]).then(a.cmp(&b))
        });
        for key in order.into_iter().map(|i| &unknown[i as usize]) {
            messages.push(format!("{key}: not a corpus field; the fields are {}.", FIELDS.join(", ")));
        }
        for key in &self.repeated {
            messages.push(format!("{key}: given more than once."));
        }
        for (field, _) in FIELDS.iter().zip(self.seen).filter(|(_, seen)| !seen) {
            messages.push(format!("{field}: missing."));
        }
        match self.title.take() {
            Some(Some(title)) => corpus.title = title,
            Some(None) => messages.push("title: expected text.".into()),
            None => {}
        }
        messages.extend(self.problems.iter_mut().flat_map(std::mem::take));
        if messages.is_empty() {
            Ok(corpus)
        } else {
            Err(Refusal::Schema(messages))
        }
    }
}

/// The collections, in [`FIELDS`] order from `themes`: each one's name and entry shape.
const COLLECTIONS: [(&str, &Shape); 6] = [
    ("themes", &THEME),
    ("speakers", &SPEAKER),
    ("meetings", &MEETING),
    ("sources", &SOURCE),
    ("statements", &STATEMENT),
    ("quotes", &QUOTE),
];

/// Where and why the text stops being JSON.
struct Syntax {
    what: &'static str,
    at: usize,
}

impl Syntax {
    /// "expected value at line 1 column 1", as serde_json says it.
    fn describe(&self, text: &str) -> String {
        let before = &text.as_bytes()[..self.at.min(text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.len() - before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1) + 1;
        format!("{} at line {line} column {column}", self.what)
    }
}

type Json<T> = Result<T, Syntax>;

/// A value that does not fit its field: where below the entry, and what is wrong.
struct Misfit {
    path: String,
    what: String,
}

/// Why an entry (or a value in it) could not be read.
enum Fault {
    Syntax(Syntax),
    Misfit(Misfit),
}

impl From<Syntax> for Fault {
    fn from(s: Syntax) -> Fault {
        Fault::Syntax(s)
    }
}

type Field<T> = Result<T, Fault>;

fn misfit<T>(what: String) -> Field<T> {
    Err(Fault::Misfit(Misfit { path: String::new(), what }))
}

/// Puts `segment()` in front of a misfit's path, as it comes up from a nested value (made
/// only then: reading a good file formats nothing).
fn within<T>(segment: impl FnOnce() -> String, result: Field<T>) -> Field<T> {
    result.map_err(|fault| match fault {
        Fault::Misfit(mut m) => {
            m.path.insert_str(0, &segment());
            Fault::Misfit(m)
        }
        syntax => syntax,
    })
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

/// What a JSON value is, for a message: `string "x"`, `integer `5``, `null`, as serde says it.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn one_of(names: &[&str]) -> String {
    let mut out = String::new();
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(name);
        out.push('`');
    }
    out
}

impl<'a> Reader<'a> {
    fn not_json(&self, what: &'static str) -> Syntax {
        Syntax { what, at: self.at }
    }

    fn ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte after white space, without taking it.
    fn peek(&mut self) -> Option<u8> {
        self.ws();
        self.bytes.get(self.at).copied()
    }

    /// Takes `literal` (`true`, `false`, `null`), whose first byte has been seen.
    fn literal(&mut self, literal: &'static str) -> Json<()> {
        let end = self.at + literal.len();
        if self.bytes.get(self.at..end) == Some(literal.as_bytes()) {
            self.at = end;
            return Ok(());
        }
        // serde_json points past the characters that did match.
        while self.bytes.get(self.at).is_some_and(|b| literal.as_bytes().contains(b)) {
            self.at += 1;
        }
        Err(self.not_json(if self.at >= self.bytes.len() {
            "EOF while parsing a value"
        } else {
            "expected ident"
        }))
    }

    /// A string, the opening quote already seen; borrowed from the text unless it has escapes.
    fn string(&mut self) -> Json<Cow<'a, str>> {
        self.at += 1;
        let start = self.at;
        self.at = plain_run(self.bytes, self.at);
        if self.bytes.get(self.at) == Some(&b'"') {
            let s = &self.text[start..self.at];
            self.at += 1;
            return Ok(Cow::Borrowed(s));
        }
        let mut out = String::with_capacity(self.at - start + 16);
        out.push_str(&self.text[start..self.at]);
        loop {
            match self.bytes.get(self.at) {
                None => return Err(self.not_json("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(
                        self.not_json("control character (\\u0000-\\u001F) found while parsing a string")
                    )
                }
            }
            let run = self.at;
            self.at = plain_run(self.bytes, self.at);
            out.push_str(&self.text[run..self.at]);
        }
    }

    /// One escape, its backslash already taken.
    fn escape(&mut self, out: &mut String) -> Json<()> {
        let Some(&b) = self.bytes.get(self.at) else {
            return Err(self.not_json("EOF while parsing a string"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                match first {
                    0xD800..=0xDBFF => {
                        if self.bytes.get(self.at..self.at + 2) != Some(b"\\u") {
                            return Err(self.not_json("lone leading surrogate in hex escape"));
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.not_json("lone leading surrogate in hex escape"));
                        }
                        let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                        char::from_u32(code).ok_or_else(|| self.not_json("invalid unicode code point"))?
                    }
                    0xDC00..=0xDFFF => return Err(self.not_json("lone leading surrogate in hex escape")),
                    code => {
                        char::from_u32(code).ok_or_else(|| self.not_json("invalid unicode code point"))?
                    }
                }
            }
            _ => return Err(self.not_json("invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Json<u32> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = match self.bytes.get(self.at) {
                None => return Err(self.not_json("EOF while parsing a string")),
                Some(&b) => (b as char).to_digit(16).ok_or_else(|| self.not_json("invalid escape"))?,
            };
            value = value * 16 + digit;
            self.at += 1;
        }
        Ok(value)
    }

    /// A number's text, checked against JSON's grammar; the first byte is `-` or a digit.
    fn number(&mut self) -> Json<&'a str> {
        let start = self.at;
        let digits = |r: &mut Reader| {
            let from = r.at;
            while r.bytes.get(r.at).is_some_and(u8::is_ascii_digit) {
                r.at += 1;
            }
            r.at - from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        match self.bytes.get(self.at) {
            Some(b'0') => {
                self.at += 1;
                if self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                    return Err(self.not_json("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                digits(self);
            }
            None => return Err(self.not_json("EOF while parsing a value")),
            Some(_) => return Err(self.not_json("invalid number")),
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return Err(self.not_json(if self.at >= self.bytes.len() {
                    "EOF while parsing a value"
                } else {
                    "invalid number"
                }));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.not_json(if self.at >= self.bytes.len() {
                    "EOF while parsing a value"
                } else {
                    "invalid number"
                }));
            }
        }
        Ok(&self.text[start..self.at])
    }

    /// Skips one value of any shape and depth (without recursion, so no nesting can
    /// exhaust the stack), checking that it is JSON.
    fn skip_value(&mut self) -> Json<()> {
        // The closing bracket each open container waits for.
        let mut open: Vec<u8> = Vec::new();
        loop {
            // A value.
            match self.peek() {
                None => return Err(self.not_json("EOF while parsing a value")),
                Some(b'{') => {
                    self.at += 1;
                    if self.peek() == Some(b'}') {
                        self.at += 1;
                    } else {
                        self.key()?;
                        open.push(b'}');
                        continue;
                    }
                }
                Some(b'[') => {
                    self.at += 1;
                    if self.peek() == Some(b']') {
                        self.at += 1;
                    } else {
                        open.push(b']');
                        continue;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                Some(b't') => self.literal("true")?,
                Some(b'f') => self.literal("false")?,
                Some(b'n') => self.literal("null")?,
                Some(b'-' | b'0'..=b'9') => {
                    self.number()?;
                }
                Some(_) => return Err(self.not_json("expected value")),
            }
            // After a value: the next one in its container, or the container's end.
            loop {
                let Some(&close) = open.last() else { return Ok(()) };
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        if close == b'}' {
                            self.key()?;
                        }
                        break;
                    }
                    Some(b) if b == close => {
                        self.at += 1;
                        open.pop();
                    }
                    None if close == b'}' => return Err(self.not_json("EOF while parsing an object")),
                    None => return Err(self.not_json("EOF while parsing a list")),
                    Some(_) if close == b'}' => return Err(self.not_json("expected `,` or `}`")),
                    Some(_) => return Err(self.not_json("expected `,` or `]`")),
                }
            }
        }
    }

    /// An object's key and its colon.
    fn key(&mut self) -> Json<Cow<'a, str>> {
        match self.peek() {
            Some(b'"') => {}
            None => return Err(self.not_json("EOF while parsing an object")),
            Some(_) => return Err(self.not_json("key must be a string")),
        }
        let key = self.string()?;
        match self.peek() {
            Some(b':') => {
                self.at += 1;
                Ok(key)
            }
            None => Err(self.not_json("EOF while parsing an object")),
            Some(_) => Err(self.not_json("expected `:`")),
        }
    }

    /// Runs `field` for each key of an object (at its value), the `{` already seen.
    fn object(&mut self, mut field: impl FnMut(&mut Self, Cow<'a, str>) -> Field<()>) -> Field<()> {
        self.at += 1;
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            let key = self.key()?;
            field(self, key)?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                None => return Err(self.not_json("EOF while parsing an object").into()),
                Some(_) => return Err(self.not_json("expected `,` or `}`").into()),
            }
            if self.peek() == Some(b'}') {
                return Err(self.not_json("trailing comma").into());
            }
        }
    }

    /// Runs `item` for each element of an array (at the element, with its index), the `[` already seen.
    fn array(&mut self, mut item: impl FnMut(&mut Self, usize) -> Field<()>) -> Field<()> {
        self.at += 1;
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(());
        }
        let mut index = 0;
        loop {
            item(self, index)?;
            index += 1;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(());
                }
                None => return Err(self.not_json("EOF while parsing a list").into()),
                Some(_) => return Err(self.not_json("expected `,` or `]`").into()),
            }
            if self.peek() == Some(b']') {
                return Err(self.not_json("trailing comma").into());
            }
        }
    }

    /// What the value here is, for a message (`string "x"`, `integer `5``, `map`…), taking it.
    fn unexpected(&mut self) -> Json<String> {
        Ok(match self.peek() {
            Some(b'"') => format!("string {}", quoted(&self.string()?)),
            Some(b't') => {
                self.literal("true")?;
                "boolean `true`".into()
            }
            Some(b'f') => {
                self.literal("false")?;
                "boolean `false`".into()
            }
            Some(b'n') => {
                self.literal("null")?;
                "null".into()
            }
            Some(b'-' | b'0'..=b'9') => {
                let number = self.number()?;
                if integer(number).is_none() {
                    format!("floating point `{number}`")
                } else {
                    format!("integer `{number}`")
                }
            }
            Some(b'{') => {
                self.skip_value()?;
                "map".into()
            }
            Some(b'[') => {
                self.skip_value()?;
                "sequence".into()
            }
            _ => {
                self.skip_value()?;
                String::new()
            }
        })
    }

    fn wrong_type<T>(&mut self, expected: &str) -> Field<T> {
        let found = self.unexpected()?;
        misfit(format!("invalid type: {found}, expected {expected}"))
    }

    fn text(&mut self) -> Field<String> {
        match self.peek() {
            Some(b'"') => Ok(self.string()?.into_owned()),
            _ => self.wrong_type("a string"),
        }
    }

    fn texts(&mut self) -> Field<Vec<String>> {
        if self.peek() != Some(b'[') {
            return self.wrong_type("a sequence");
        }
        let mut texts = Vec::new();
        self.array(|r, i| {
            let text = within(|| format!("[{i}]"), r.text())?;
            texts.push(text);
            Ok(())
        })?;
        Ok(texts)
    }

    fn whole_number(&mut self) -> Field<u32> {
        if !matches!(self.peek(), Some(b'-' | b'0'..=b'9')) {
            return self.wrong_type("u32");
        }
        let start = self.at;
        let number = self.number()?;
        match integer(number) {
            Some((false, n)) | Some((true, n @ 0)) => u32::try_from(n)
                .or_else(|_| misfit(format!("invalid value: integer `{number}`, expected u32"))),
            Some((true, _)) => misfit(format!("invalid value: integer `{number}`, expected u32")),
            None => {
                self.at = start;
                self.wrong_type("u32")
            }
        }
    }

    /// One of `variants`, written as its name.
    fn variant(&mut self, variants: &[&str]) -> Field<usize> {
        if self.peek() != Some(b'"') {
            return self.wrong_type("variant identifier");
        }
        let name = self.string()?;
        variants.iter().position(|v| *v == name).map_or_else(
            || misfit(format!("unknown variant `{name}`, expected one of {}", one_of(variants))),
            Ok,
        )
    }

    /// One value of a field of `kind`; `null` is none for an optional one.
    fn value(&mut self, kind: Kind) -> Field<Value> {
        if kind.optional() && self.peek() == Some(b'n') {
            self.literal("null")?;
            return Ok(Value::Absent);
        }
        Ok(match kind {
            Kind::Text | Kind::OptionalText => Value::Text(self.text()?),
            Kind::Texts | Kind::TextsOrNone => Value::Texts(self.texts()?),
            Kind::WholeNumber | Kind::OptionalWholeNumber => Value::Number(self.whole_number()?),
            Kind::Variant(names) => Value::Variant(self.variant(names)?),
            Kind::Statement => Value::Entry(Box::new(self.entry(&STATEMENT_REF)?)),
        })
    }

    /// An entry of `shape`: checks that it is an object, reads each known field by its kind,
    /// and refuses unknown, repeated and missing fields. Values come in the shape's order.
    fn entry(&mut self, shape: &Shape) -> Field<Values> {
        if self.peek() != Some(b'{') {
            return self.wrong_type(&format!("struct {}", shape.name));
        }
        let mut values = Values(Default::default());
        let mut seen = 0u32;
        // Files list an entry's fields in the same order as a rule: the field after the last
        // one is tried first.
        let mut next = 0;
        self.object(|r, key| {
            let expected = shape.fields.get(next).filter(|f| f.0 == key).map(|_| next);
            let Some(i) = expected.or_else(|| shape.fields.iter().position(|f| f.0 == key)) else {
                let names: Vec<&str> = shape.fields.iter().map(|f| f.0).collect();
                return Err(Fault::Misfit(Misfit {
                    path: format!(".{key}"),
                    what: format!("unknown field `{key}`, expected one of {}", one_of(&names)),
                }));
            };
            if seen & (1 << i) != 0 {
                return misfit(format!("duplicate field `{key}`"));
            }
            seen |= 1 << i;
            next = i + 1;
            values.0[i] = within(|| format!(".{key}"), r.value(shape.fields[i].1))?;
            Ok(())
        })?;
        for (i, (name, kind)) in shape.fields.iter().enumerate() {
            let may_be_left_out = kind.optional() || matches!(kind, Kind::TextsOrNone);
            if !may_be_left_out && seen & (1 << i) == 0 {
                return misfit(format!("missing field `{name}`"));
            }
        }
        Ok(values)
    }
}

/// Where the run of plain string characters from `at` ends: the first quote, backslash or
/// control character (or the end). Eight bytes at a time: most of a corpus is long texts.
fn plain_run(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let special = has_zero(x ^ (ONES * u64::from(b'"')))
            | has_zero(x ^ (ONES * u64::from(b'\\')))
            // Bytes below 0x20: subtracting 0x20 borrows into their high bit.
            | (x.wrapping_sub(ONES * 0x20) & !x & HIGH);
        if special != 0 {
            break;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        at += 1;
    }
    at
}

/// A JSON number as (negative, magnitude) if it is a whole number (no fraction, no
/// exponent) whose magnitude fits in a `u64`; serde_json reads any other as a float.
fn integer(number: &str) -> Option<(bool, u64)> {
    let (negative, digits) = match number.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, number),
    };
    let mut value: u64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
    }
    // serde_json reads `-0` as the float -0.0, and a negative beyond i64 as a float too.
    if negative && (value == 0 || value > i64::MIN.unsigned_abs()) {
        return None;
    }
    Some((negative, value))
}

/// What a field holds.
#[derive(Clone, Copy)]
enum Kind {
    Text,
    OptionalText,
    Texts,
    /// A list of texts that may be left out (it is then empty), though not be `null`.
    TextsOrNone,
    WholeNumber,
    OptionalWholeNumber,
    Variant(&'static [&'static str]),
    Statement,
}

impl Kind {
    /// May be left out, or `null`.
    fn optional(self) -> bool {
        matches!(self, Kind::OptionalText | Kind::OptionalWholeNumber | Kind::Statement)
    }
}

/// An entry type of the corpus: its name, and its fields with their kinds, in the order the
/// types in `model` declare them.
struct Shape {
    name: &'static str,
    fields: &'static [(&'static str, Kind)],
}

const SPEAKER_KINDS: &[&str] = &["person", "joint_statement", "joint"];
const DATE_PRECISIONS: &[&str] = &["day", "month", "year", "approximate"];
const QUOTE_KINDS: &[&str] = &["direct_quote", "reported_statement", "statement_point", "headline"];

const THEME: Shape =
    Shape { name: "Theme", fields: &[("id", Kind::Text), ("label", Kind::Text), ("definition", Kind::Text)] };
const SPEAKER: Shape = Shape {
    name: "Speaker",
    fields: &[
        ("id", Kind::Text),
        ("name", Kind::Text),
        ("aliases", Kind::TextsOrNone),
        ("role", Kind::Text),
        ("country", Kind::OptionalText),
        ("kind", Kind::Variant(SPEAKER_KINDS)),
    ],
};
const MEETING: Shape = Shape {
    name: "Meeting",
    fields: &[
        ("id", Kind::Text),
        ("title", Kind::Text),
        ("short_title", Kind::OptionalText),
        ("place", Kind::OptionalText),
        ("date", Kind::Text),
        ("date_precision", Kind::Variant(DATE_PRECISIONS)),
        ("date_note", Kind::OptionalText),
        ("participants", Kind::TextsOrNone),
    ],
};
const SOURCE: Shape = Shape {
    name: "Source",
    fields: &[
        ("id", Kind::Text),
        ("outlet", Kind::Text),
        ("outlet_note", Kind::OptionalText),
        ("headline", Kind::Text),
        ("published", Kind::OptionalText),
        ("file", Kind::Text),
        ("url", Kind::OptionalText),
        ("text", Kind::OptionalText),
    ],
};
const STATEMENT: Shape = Shape {
    name: "Statement",
    fields: &[
        ("id", Kind::Text),
        ("title", Kind::Text),
        ("speaker", Kind::Text),
        ("meeting", Kind::Text),
        ("numbering_note", Kind::OptionalText),
    ],
};
const STATEMENT_REF: Shape =
    Shape { name: "StatementRef", fields: &[("id", Kind::Text), ("point", Kind::OptionalWholeNumber)] };
const QUOTE: Shape = Shape {
    name: "Quote",
    fields: &[
        ("id", Kind::Text),
        ("text", Kind::Text),
        ("kind", Kind::Variant(QUOTE_KINDS)),
        ("speaker", Kind::Text),
        ("meeting", Kind::Text),
        ("themes", Kind::Texts),
        ("source", Kind::Text),
        ("line", Kind::WholeNumber),
        ("context", Kind::Text),
        ("statement", Kind::Statement),
        ("variant_group", Kind::OptionalText),
    ],
};

/// A field's value as read; `Absent` for a field left out or `null`.
#[derive(Default)]
enum Value {
    #[default]
    Absent,
    Text(String),
    Texts(Vec<String>),
    Number(u32),
    Variant(usize),
    Entry(Box<Values>),
}

/// The most fields an entry type has.
const MAX_FIELDS: usize = 11;

/// An entry's values, in its shape's order; each is taken once, by the entry's maker.
struct Values([Value; MAX_FIELDS]);

impl Values {
    fn take(&mut self, i: usize) -> Value {
        std::mem::replace(&mut self.0[i], Value::Absent)
    }

    fn text(&mut self, i: usize) -> String {
        self.optional_text(i).unwrap_or_default()
    }

    fn optional_text(&mut self, i: usize) -> Option<String> {
        match self.take(i) {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    fn texts(&mut self, i: usize) -> Vec<String> {
        match self.take(i) {
            Value::Texts(texts) => texts,
            _ => Vec::new(),
        }
    }

    fn number(&mut self, i: usize) -> Option<u32> {
        match self.take(i) {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    fn variant(&mut self, i: usize) -> usize {
        match self.take(i) {
            Value::Variant(v) => v,
            _ => 0,
        }
    }

    fn theme(mut self) -> Theme {
        Theme { id: self.text(0), label: self.text(1), definition: self.text(2) }
    }

    fn speaker(mut self) -> Speaker {
        Speaker {
            id: self.text(0),
            name: self.text(1),
            aliases: self.texts(2),
            role: self.text(3),
            country: self.optional_text(4).unwrap_or_default(),
            kind: [SpeakerKind::Person, SpeakerKind::JointStatement, SpeakerKind::Joint][self.variant(5)],
        }
    }

    fn meeting(mut self) -> Meeting {
        Meeting {
            id: self.text(0),
            title: self.text(1),
            short_title: self.optional_text(2),
            place: self.optional_text(3),
            date: self.text(4),
            date_precision: [
                DatePrecision::Day,
                DatePrecision::Month,
                DatePrecision::Year,
                DatePrecision::Approximate,
            ][self.variant(5)],
            date_note: self.optional_text(6),
            participants: self.texts(7),
        }
    }

    fn source(mut self) -> Source {
        Source {
            id: self.text(0),
            outlet: self.text(1),
            outlet_note: self.optional_text(2),
            headline: self.text(3),
            published: self.optional_text(4),
            file: self.text(5),
            url: self.optional_text(6),
            text: self.optional_text(7),
        }
    }

    fn statement(mut self) -> Statement {
        Statement {
            id: self.text(0),
            title: self.text(1),
            speaker: self.text(2),
            meeting: self.text(3),
            numbering_note: self.optional_text(4),
        }
    }

    fn quote(mut self) -> Quote {
        Quote {
            id: self.text(0),
            text: self.text(1),
            kind: QuoteKind::ALL[self.variant(2)],
            speaker: self.text(3),
            meeting: self.text(4),
            themes: self.texts(5),
            source: self.text(6),
            line: self.number(7).unwrap_or(0),
            context: self.text(8),
            statement: match self.take(9) {
                Value::Entry(mut r) => Some(StatementRef { id: r.text(0), point: r.number(1) }),
                _ => None,
            },
            variant_group: self.optional_text(10),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{"schema_version":1,"title":"t",
        "themes":[{"id":"d","label":"D","definition":"x"}],
        "speakers":[{"id":"w","name":"W","aliases":["Wang"],"role":"r","country":"China","kind":"person"}],
        "meetings":[{"id":"m","title":"M","place":"P","date":"2021-03-23","date_precision":"day","participants":["w"]}],
        "sources":[{"id":"s","outlet":"O","headline":"H","file":"f"}],
        "statements":[],
        "quotes":[{"id":"q","text":"real democracy","kind":"direct_quote","speaker":"w","meeting":"m",
                   "themes":["d"],"source":"s","line":1,"context":"for real democracy","statement":null}]}"#;

    /// Reads a corpus from JSON text at once. Integrity is not checked here.
    fn read(text: &str) -> Result<Corpus, Refusal> {
        let mut reading = Reading::new(text);
        loop {
            if let Some(done) = reading.step(usize::MAX) {
                return done;
            }
        }
    }

    /// Ours and serde's derived reader agree on `json`: both refuse it, or both read the same.
    fn agrees_with_serde(json: &str) -> bool {
        let ours = read(json).ok();
        let theirs = serde_json::from_str::<Corpus>(json).ok();
        ours == theirs
    }

    #[test]
    fn reads_what_serde_reads_at_the_edges_of_the_format() {
        let variants = [
            MINIMAL.to_owned(),
            MINIMAL.replace(r#""aliases":["Wang"],"#, ""),
            MINIMAL.replace(r#""aliases":["Wang"]"#, r#""aliases":null"#),
            MINIMAL.replace(r#","participants":["w"]"#, ""),
            MINIMAL.replace(r#""themes":["d"],"#, ""),
            MINIMAL.replace(r#""line":1"#, r#""line":-0"#),
            MINIMAL.replace(r#""line":1"#, r#""line":1.0"#),
            MINIMAL.replace(r#""line":1"#, r#""line":4294967296"#),
            MINIMAL.replace(r#""line":1"#, r#""line":01"#),
            MINIMAL.replace(r#""statement":null"#, r#""statement":{"id":"x","point":null}"#),
            MINIMAL.replace(r#""statement":null"#, r#""statement":{"point":2}"#),
            MINIMAL.replace("real democracy\"", "real \\u0064emocracy \\ud83d\\ude00\\n\""),
            MINIMAL.replace("real democracy\"", "real \\ud83d democracy\""),
            MINIMAL.replace(r#""id":"q","#, r#""id":"q","id":"r","#),
            MINIMAL.replace(r#""statements":[]"#, r#""statements":[],"#),
            MINIMAL.replace(r#""kind":"direct_quote""#, r#""kind":{"direct_quote":null}"#),
            format!("{MINIMAL} x"),
            format!("  {MINIMAL}\n"),
        ];
        for (i, json) in variants.iter().enumerate() {
            // serde also reads a unit variant written as a map; the schema does not.
            if json.contains(r#"{"direct_quote":null}"#) {
                assert!(read(json).is_err());
                continue;
            }
            let why = match read(json) {
                Err(Refusal::Schema(m)) => m.join("; "),
                Err(Refusal::NotJson(m)) => m,
                Err(_) => "other refusal".into(),
                Ok(_) => "read".into(),
            };
            assert!(agrees_with_serde(json), "variant {i}: ours: {why}");
        }
    }

    #[test]
    fn reading_in_slices_gives_what_reading_at_once_gives() {
        let corpus = crate::corpus::synthetic::generate(500, 9);
        let json = serde_json::to_string(&corpus).unwrap();
        let mut reading = Reading::new(&json);
        let mut steps = 0;
        let read_in_slices = loop {
            steps += 1;
            let before = reading.fraction();
            if let Some(done) = reading.step(7) {
                break done;
            }
            assert!(reading.fraction() > before, "each slice reads on");
        };
        assert!(steps > 500 / 7, "{steps} steps");
        assert!(read_in_slices.ok() == Some(corpus));
    }

    #[test]
    fn every_entry_type_fits_the_bitmask_and_the_value_array() {
        for (_, shape) in COLLECTIONS.iter().chain([&("", &STATEMENT_REF)]) {
            assert!(shape.fields.len() <= MAX_FIELDS && MAX_FIELDS <= 32, "{}", shape.name);
        }
        assert_eq!(QUOTE_KINDS, QuoteKind::ALL.map(QuoteKind::id));
    }
}
