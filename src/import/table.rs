//! A spreadsheet as a table of text cells: a CSV or TSV export (RFC 4180: quoted fields,
//! doubled quotes, line breaks and separators inside quotes, CRLF or LF, a byte-order mark),
//! read with `csv-core`; or JSON Lines, one object per line, its keys the columns.

/// How the file's rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Tsv,
    JsonLines,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Csv => "CSV",
            Format::Tsv => "TSV",
            Format::JsonLines => "JSON Lines",
        }
    }
}

/// A row of the table: where it starts in the file, and its cells (as many as the header
/// has; a row's missing cells are empty). A JSON Lines line that is not an object has no
/// cells and says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub format: Format,
    /// The columns' names, as the header row (or the JSON keys, in the order first met) has them.
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// Whether a file of this name, starting with these bytes, is a spreadsheet (CSV, TSV, JSON
/// Lines) rather than a corpus in the explorer's own JSON: by its name's extension, or, with
/// another name, by a second line that is a JSON object too. (Anything else is read as a
/// corpus, whose reader says what is wrong with it.)
pub fn is_table(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_lowercase();
    if [".csv", ".tsv", ".tab", ".jsonl", ".ndjson"].iter().any(|e| lower.ends_with(e)) {
        return true;
    }
    if lower.ends_with(".json") {
        return false;
    }
    let text = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    // A corpus is one JSON object; JSON Lines has one per line.
    let mut lines = text.split(|&b| b == b'\n').map(<[u8]>::trim_ascii).filter(|l| !l.is_empty());
    lines.next().is_some_and(|l| l.starts_with(b"{") && l.ends_with(b"}"))
        && lines.next().is_some_and(|l| l.starts_with(b"{"))
}

/// Reads a spreadsheet file: its format from its name (`.csv`, `.tsv`, `.jsonl`), else from
/// its first line. An empty or binary file is refused with a message saying so.
pub fn read(name: &str, bytes: &[u8]) -> Result<Table, String> {
    let mut reading = TableReading::start(name, bytes)?;
    while !reading.step(usize::MAX) {}
    reading.finish()
}

/// A spreadsheet being read, some records at a time, so that a long one leaves the page free
/// to paint its progress in between.
pub struct TableReading<'a> {
    text: &'a str,
    format: Format,
    /// Bytes of `text` read so far.
    at: usize,
    rows: Records,
}

/// Per record: the line it starts on, and its cells.
enum Records {
    Separated {
        // Boxed: its state tables are large, and the other variant is small.
        reader: Box<csv_core::Reader>,
        // The record being read: its fields unquoted and whole, and where each ends.
        output: Vec<u8>,
        ends: Vec<usize>,
        newlines: u64,
        records: Vec<(u64, Vec<String>)>,
    },
    /// The columns as first met.
    JsonLines { line: u64, header: Vec<String>, parsed: Vec<(u64, LineCells)> },
}

/// A JSON line's cells by column, or why it has none.
type LineCells = Result<Vec<(usize, String)>, String>;

impl<'a> TableReading<'a> {
    pub fn start(name: &str, bytes: &'a [u8]) -> Result<Self, String> {
        if bytes.contains(&0) {
            return Err(
                "Not a spreadsheet: the file holds binary data. Open a CSV or TSV export (or JSON Lines)."
                    .into(),
            );
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            format!(
                "Not text: byte {} is not UTF-8. Export the spreadsheet as CSV UTF-8 and open that.",
                e.valid_up_to() + 1
            )
        })?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        if text.trim().is_empty() {
            return Err("The file is empty: there is no header row and no quotes.".into());
        }
        let lower = name.to_lowercase();
        let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
        let format = if lower.ends_with(".tsv") || lower.ends_with(".tab") {
            Format::Tsv
        } else if lower.ends_with(".jsonl")
            || lower.ends_with(".ndjson")
            || first_line.trim_start().starts_with('{')
        {
            Format::JsonLines
        } else if lower.ends_with(".csv")
            || first_line.matches(',').count() >= first_line.matches('\t').count()
        {
            Format::Csv
        } else {
            Format::Tsv
        };
        let rows = match format {
            Format::JsonLines => Records::JsonLines { line: 0, header: Vec::new(), parsed: Vec::new() },
            Format::Csv | Format::Tsv => Records::Separated {
                reader: Box::new(
                    csv_core::ReaderBuilder::new()
                        .delimiter(if format == Format::Csv { b',' } else { b'\t' })
                        .build(),
                ),
                output: vec![0; 4096],
                ends: vec![0; 64],
                newlines: 0,
                records: Vec::new(),
            },
        };
        Ok(TableReading { text, format, at: 0, rows })
    }

    /// The share of the file read, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        self.at as f64 / self.text.len().max(1) as f64
    }

    /// Reads up to `records` more records; whether the file is read to its end.
    pub fn step(&mut self, records: usize) -> bool {
        let text = self.text;
        match &mut self.rows {
            Records::Separated { reader, output, ends, newlines, records: read } => {
                for _ in 0..records {
                    let mut input = &text.as_bytes()[self.at..];
                    // Lines are counted here: a record starts after the line breaks that end the one before.
                    let breaks = input.iter().take_while(|&&b| b == b'\r' || b == b'\n').count();
                    *newlines += input[..breaks].iter().filter(|&&b| b == b'\n').count() as u64;
                    input = &input[breaks..];
                    self.at += breaks;
                    let record_line = *newlines + 1;
                    let (mut out_len, mut ends_len) = (0, 0);
                    loop {
                        let (result, consumed, written, ended) =
                            reader.read_record(input, &mut output[out_len..], &mut ends[ends_len..]);
                        *newlines += input[..consumed].iter().filter(|&&b| b == b'\n').count() as u64;
                        input = &input[consumed..];
                        self.at += consumed;
                        out_len += written;
                        ends_len += ended;
                        match result {
                            csv_core::ReadRecordResult::InputEmpty => {}
                            csv_core::ReadRecordResult::OutputFull => output.resize(output.len() * 2, 0),
                            csv_core::ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
                            csv_core::ReadRecordResult::Record => {
                                let mut start = 0;
                                // Field ends are offsets in `output`, which holds the fields unquoted
                                // and whole, and UTF-8 because the input is and fields are cut only at
                                // separators.
                                let cells = ends[..ends_len]
                                    .iter()
                                    .map(|&end| {
                                        let cell = String::from_utf8_lossy(&output[start..end]).into_owned();
                                        start = end;
                                        cell
                                    })
                                    .collect();
                                read.push((record_line, cells));
                                break;
                            }
                            csv_core::ReadRecordResult::End => {
                                self.at = text.len();
                                return true;
                            }
                        }
                    }
                }
                false
            }
            Records::JsonLines { line, header, parsed } => {
                for _ in 0..records {
                    let Some(rest) = text.get(self.at..).filter(|r| !r.is_empty()) else { return true };
                    let end = rest.find('\n').map_or(rest.len(), |i| i + 1);
                    let this = rest[..end].trim_end_matches('\n').trim_end_matches('\r');
                    self.at += end;
                    *line += 1;
                    if this.trim().is_empty() {
                        continue;
                    }
                    let object = match serde_json::from_str::<OrderedObject>(this) {
                        Ok(OrderedObject(Some(entries))) => Ok(entries),
                        Ok(OrderedObject(None)) => {
                            Err("is not a JSON object; each line of a JSON Lines file is one".to_owned())
                        }
                        Err(e) => Err(format!("is not JSON ({e})")),
                    };
                    let cells = object.map(|object| {
                        object
                            .into_iter()
                            .map(|(key, value)| {
                                let column = match header.iter().position(|h| *h == key) {
                                    Some(column) => column,
                                    None => {
                                        header.push(key);
                                        header.len() - 1
                                    }
                                };
                                (column, cell_text(value))
                            })
                            .collect()
                    });
                    parsed.push((*line, cells));
                }
                self.at >= text.len()
            }
        }
    }

    /// The table read, or why it is none.
    pub fn finish(self) -> Result<Table, String> {
        let table = match self.rows {
            Records::Separated { records, .. } => separated(records, self.format),
            Records::JsonLines { header, parsed, .. } => json_lines(header, parsed),
        };
        if table.header.iter().all(|h| h.trim().is_empty()) {
            return Err(
                "The first row has no column names: a spreadsheet's first row names its columns.".into()
            );
        }
        Ok(table)
    }
}

/// The table of a CSV or TSV's records; the first is the header.
fn separated(records: Vec<(u64, Vec<String>)>, format: Format) -> Table {
    let mut records = records.into_iter();
    let header: Vec<String> = records
        .next()
        .map(|(_, cells)| cells.iter().map(|c| c.trim().to_owned()).collect())
        .unwrap_or_default();
    let records = records.filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()));
    let rows = records
        .map(|(line, mut cells)| {
            let problem = (cells.len() > header.len()).then(|| {
                format!(
                    "has {} cells where the header names {} columns; the extra cells are left out",
                    cells.len(),
                    header.len()
                )
            });
            cells.resize(header.len(), String::new());
            Row { line, cells, problem }
        })
        .collect();
    Table { format, header, rows }
}

/// The table of JSON Lines: each non-empty line an object, its keys columns, first met first.
fn json_lines(header: Vec<String>, parsed: Vec<(u64, LineCells)>) -> Table {
    let rows = parsed
        .into_iter()
        .map(|(line, cells)| match cells {
            Ok(cells) => {
                let mut row = vec![String::new(); header.len()];
                cells.into_iter().for_each(|(column, text)| row[column] = text);
                Row { line, cells: row, problem: None }
            }
            Err(problem) => Row { line, cells: Vec::new(), problem: Some(problem) },
        })
        .collect();
    Table { format: Format::JsonLines, header, rows }
}

/// A JSON object's entries in the order written (serde_json's own map sorts them), or
/// `None` for any other JSON value.
struct OrderedObject(Option<Vec<(String, serde_json::Value)>>);

impl<'de> serde::Deserialize<'de> for OrderedObject {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> serde::de::Visitor<'de> for Entries {
            type Value = OrderedObject;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<OrderedObject, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, serde_json::Value>()? {
                    entries.push(entry);
                }
                Ok(OrderedObject(Some(entries)))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<OrderedObject, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(OrderedObject(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<OrderedObject, E> {
                Ok(OrderedObject(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<OrderedObject, E> {
                Ok(OrderedObject(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<OrderedObject, E> {
                Ok(OrderedObject(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<OrderedObject, E> {
                Ok(OrderedObject(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<OrderedObject, E> {
                Ok(OrderedObject(None))
            }
            fn visit_unit<E>(self) -> Result<OrderedObject, E> {
                Ok(OrderedObject(None))
            }
        }
        deserializer.deserialize_any(Entries)
    }
}

/// A JSON value as a cell: a list's items joined by "; " (as themes are written), anything
/// else as its text.
fn cell_text(value: serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s,
        serde_json::Value::Array(items) => items.into_iter().map(cell_text).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(table: &Table) -> Vec<Vec<&str>> {
        table.rows.iter().map(|r| r.cells.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn reading_a_record_at_a_time_reads_the_same_table() {
        let files = [
            ("a.csv", "\u{FEFF}x,y\r\n\"1\n2\",\"a,\"\"b\"\"\"\r\n\r\n3,4"),
            ("a.tsv", "x\ty\n1\t2\n"),
            ("a.jsonl", "{\"x\":1}\n\nnot json\n{\"y\":[\"a\",\"b\"]}"),
        ];
        for (name, text) in files {
            let mut reading = TableReading::start(name, text.as_bytes()).unwrap();
            let mut fractions = vec![reading.fraction()];
            while !reading.step(1) {
                fractions.push(reading.fraction());
            }
            assert!(fractions.windows(2).all(|w| w[0] <= w[1]), "{name}: {fractions:?}");
            assert_eq!(reading.fraction(), 1.0, "{name}");
            assert_eq!(reading.finish(), read(name, text.as_bytes()), "{name}");
        }
    }

    #[test]
    fn quoted_fields_keep_their_commas_quotes_and_line_breaks() {
        let csv = "\u{FEFF}text,speaker,themes\r\n\"We oppose \"\"small circles\"\", and blocs\",Wang Yi,\"security; order\"\r\n\"Two\r\nlines\",Sergey Lavrov,order\r\n";
        let table = read("quotes.csv", csv.as_bytes()).unwrap();
        assert_eq!(table.header, ["text", "speaker", "themes"]);
        assert_eq!(
            cells(&table),
            [
                vec!["We oppose \"small circles\", and blocs", "Wang Yi", "security; order"],
                vec!["Two\r\nlines", "Sergey Lavrov", "order"]
            ]
        );
        assert_eq!(table.rows[0].line, 2);
        assert_eq!(table.rows[1].line, 3, "a row starts on the line after the one before");
    }

    #[test]
    fn tabs_are_read_as_tsv_and_short_or_long_rows_are_evened_out() {
        let tsv = "text\tspeaker\nOne\tA\nTwo\nThree\tC\textra\n\n";
        let table = read("x.txt", tsv.as_bytes()).unwrap();
        assert_eq!(table.format, Format::Tsv);
        assert_eq!(cells(&table), [vec!["One", "A"], vec!["Two", ""], vec!["Three", "C"]]);
        assert!(table.rows[2].problem.as_deref().unwrap().contains("3 cells"));
    }

    #[test]
    fn json_lines_objects_are_rows_and_their_keys_columns() {
        let text = "{\"text\":\"One\",\"themes\":[\"a\",\"b\"]}\n\n{\"speaker\":\"B\",\"text\":\"Two\",\"n\":3}\nnot json\n[1]\n";
        let table = read("x.jsonl", text.as_bytes()).unwrap();
        assert_eq!(table.header, ["text", "themes", "speaker", "n"]);
        assert_eq!(table.rows[0].cells, ["One", "a; b", "", ""]);
        assert_eq!(table.rows[1].cells, ["Two", "", "B", "3"]);
        assert_eq!((table.rows[1].line, table.rows[2].line), (3, 4));
        assert!(table.rows[2].problem.as_deref().unwrap().starts_with("is not JSON"));
        assert!(table.rows[3].problem.as_deref().unwrap().contains("not a JSON object"));
    }

    #[test]
    fn empty_binary_and_headless_files_are_refused_with_a_reason() {
        assert!(read("x.csv", b"").unwrap_err().contains("empty"));
        assert!(read("x.csv", b"\xEF\xBB\xBF \r\n").unwrap_err().contains("empty"));
        assert!(read("x.csv", b"PK\x03\x04\x00\x00").unwrap_err().contains("binary"));
        assert!(read("x.csv", b"caf\xe9,b\n").unwrap_err().contains("UTF-8"));
        assert!(read("x.csv", b",,\n1,2,3\n").unwrap_err().contains("column names"));
    }

    #[test]
    fn a_corpus_is_told_from_a_spreadsheet() {
        assert!(!is_table("corpus.json", b"{\"schema_version\":1}"));
        assert!(!is_table("download", b"  {\"schema_version\":1,\n\"title\":\"x\"}"));
        assert!(is_table("download", b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n"));
        assert!(is_table("quotes.csv", b"{"));
        assert!(
            !is_table("page.html", b"<!DOCTYPE html><html></html>"),
            "read as a corpus, and refused as one"
        );
    }
}
