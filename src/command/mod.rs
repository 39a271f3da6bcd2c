//! The native command, `quote-explorer`: a corpus checked and counted from a terminal, with
//! the messages the app gives, and an explorer of it built from the prebuilt app. What it
//! prints is built here from the file's bytes, so the host tests run it as a function and as
//! the installed binary alike.

pub mod build;
pub mod index;
mod open;
mod progress;
mod stats;

use std::fmt::Write as _;

pub use open::{open, Opened};
pub use progress::Progress;

const HELP: &str = "\
quote-explorer: check and count a corpus of quotes as the explorer reads it, and make an
explorer of it to publish.

Usage:
  quote-explorer validate FILE [--json]   Reads FILE (a corpus in the explorer's JSON, or a
                                          CSV, TSV or JSON Lines spreadsheet, its columns
                                          guessed from its header) and lists every problem,
                                          as the app does. Exit status 0 if it loads whole,
                                          1 if not.
  quote-explorer stats FILE [--json]      Counts by speaker, meeting, theme, source and kind,
                                          and what the corpus lint finds.
  quote-explorer build FILE [--title \"…\"] --out DIR
                                          Writes an explorer of FILE (which must load whole)
                                          into DIR: index.html and its files for any static
                                          host, embed.js for other pages, and
                                          quote-explorer.html, the whole explorer in one file
                                          that works opened from disk. Titled by --title, else
                                          by the corpus. Made from the prebuilt app: the dist/
                                          of the repository it was built from, or the one
                                          --app DIR or $QUOTE_EXPLORER_APP names.
  quote-explorer index FILE --out DIR     Writes a chunked index of FILE into DIR, for a
                                          static host to serve a corpus too large to load
                                          whole: a small meta file read first, the word index
                                          in chunks by prefix, the quotes in packs of a page,
                                          every file named by its content.
  quote-explorer --help                   This text.
";

/// What a run prints, and its exit status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: i32,
    pub out: String,
    pub err: String,
}

impl Outcome {
    fn ok(out: String) -> Outcome {
        Outcome { status: 0, out, err: String::new() }
    }

    fn usage(message: &str) -> Outcome {
        Outcome { status: 2, out: String::new(), err: format!("{message}\n\n{HELP}") }
    }
}

/// Runs the command on its arguments (without the program's name), reading files with `read`
/// and showing `progress`.
pub fn run(args: &[String], read: impl Fn(&str) -> std::io::Result<Vec<u8>>, progress: &Progress) -> Outcome {
    let json = args.iter().any(|a| a == "--json");
    let arguments = match Arguments::split(args) {
        Ok(arguments) => arguments,
        Err(message) => return Outcome::usage(&message),
    };
    let option = |name: &str| arguments.option(name);
    let words: Vec<&str> = arguments.words.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] | ["--help"] | ["-h"] | ["help"] => Outcome::ok(HELP.to_owned()),
        [command @ ("validate" | "stats" | "build" | "index"), file] => {
            if ["build", "index"].contains(command) && option("--out").is_none() {
                return Outcome::usage(&format!("{command} needs --out DIR: the folder to write into."));
            }
            progress.step(format!("Reading {file}"));
            let bytes = match read(file) {
                Ok(bytes) => bytes,
                Err(e) => {
                    return Outcome {
                        status: 1,
                        out: String::new(),
                        err: format!("{file}: cannot be read: {e}\n"),
                    };
                }
            };
            progress.step(format!("Checking {file}"));
            let opened =
                if *command == "index" { open::open_of_any_size(file, &bytes) } else { open(file, &bytes) };
            match *command {
                "validate" => validate(file, &opened, json),
                "stats" => stats::stats(file, &opened, json),
                "index" => index_corpus(file, &opened, option("--out").unwrap_or_default(), progress),
                _ => build_explorer(
                    file,
                    &opened,
                    option("--title"),
                    option("--out").unwrap_or_default(),
                    option("--app"),
                    progress,
                ),
            }
        }
        [command @ ("validate" | "stats" | "build" | "index")] => {
            Outcome::usage(&format!("{command} needs a FILE."))
        }
        [other, ..] => Outcome::usage(&format!("“{other}” is not a command (or has too many arguments).")),
    }
}

/// The options that take a value.
const VALUED: [&str; 3] = ["--title", "--out", "--app"];

/// The arguments without `--json`, and each option of [`VALUED`] with its value.
struct Arguments {
    words: Vec<String>,
    options: Vec<(&'static str, String)>,
}

impl Arguments {
    fn split(args: &[String]) -> Result<Arguments, String> {
        let mut split = Arguments { words: Vec::new(), options: Vec::new() };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            if let Some(name) = VALUED.iter().find(|v| arg == *v) {
                let value = args.next().ok_or_else(|| format!("{name} needs a value."))?;
                split.options.push((name, value.clone()));
            } else if arg != "--json" {
                split.words.push(arg.clone());
            }
        }
        Ok(split)
    }

    fn option(&self, name: &str) -> Option<&str> {
        self.options.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

/// The installed binary's entry point: runs on the process's arguments and files, prints,
/// and gives the exit status.
pub fn main(args: Vec<String>) -> i32 {
    let outcome = run(&args, |path| std::fs::read(path), &Progress::on_terminal());
    print!("{}", outcome.out);
    eprint!("{}", outcome.err);
    outcome.status
}

fn validate(file: &str, opened: &Opened, json: bool) -> Outcome {
    let quotes = opened.corpus.as_ref().map_or(0, |c| c.quotes.len());
    let status = i32::from(!opened.loads_whole());
    let out = if json {
        let report = serde_json::json!({
            "file": file,
            "valid": status == 0,
            "quotes": quotes,
            "problems": opened.problems,
        });
        format!("{report:#}\n")
    } else {
        let mut out = String::new();
        match &opened.corpus {
            Some(c) if status == 0 => {
                let _ = writeln!(out, "{file}: valid, {}.", counts(c));
            }
            Some(c) => {
                let _ = writeln!(
                    out,
                    "{file}: {} would load ({}), with these problems:",
                    plural(quotes, "quote"),
                    counts(c)
                );
            }
            None => {
                let _ = writeln!(out, "{file} cannot be loaded:");
            }
        }
        for problem in &opened.problems {
            let _ = writeln!(out, "  {problem}");
        }
        out
    };
    Outcome { status, out, err: String::new() }
}

fn build_explorer(
    file: &str,
    opened: &Opened,
    title: Option<&str>,
    out: &str,
    app: Option<&str>,
    progress: &Progress,
) -> Outcome {
    let failed = |err: String| Outcome { status: 1, out: String::new(), err };
    let corpus = match whole(file, opened, "explorer") {
        Ok(corpus) => corpus,
        Err(outcome) => return outcome,
    };
    let app = match build::find_app(app) {
        Ok(app) => app,
        Err(message) => return failed(format!("{message}\n")),
    };
    let out_dir = std::path::Path::new(out);
    match build::build(corpus, title, &app, out_dir, progress) {
        Ok(built) => Outcome::ok(format!(
            "Wrote an explorer of {} to {out} ({} files, {:.1} MB):\n  \
             {out}/index.html and its files: publish the folder on any static host;\n  \
             {out}/quote-explorer.html: the whole explorer in one file, to send or open from disk;\n  \
             {out}/embed.js: <div data-quote-explorer></div> <script type=\"module\" src=\".../embed.js\"></script> on another page.\n",
            counts(corpus),
            built.files,
            built.bytes as f64 / 1e6,
        )),
        Err(message) => failed(format!("{message}\n")),
    }
}

/// The corpus of a file that loads whole, or the outcome that says why it does not.
fn whole<'a>(file: &str, opened: &'a Opened, what: &str) -> Result<&'a crate::corpus::Corpus, Outcome> {
    match &opened.corpus {
        Some(corpus) if opened.loads_whole() => Ok(corpus),
        _ => {
            let mut err = format!("{file} does not load whole, so no {what} was written:\n");
            for problem in &opened.problems {
                let _ = writeln!(err, "  {problem}");
            }
            Err(Outcome { status: 1, out: String::new(), err })
        }
    }
}

/// A file size as people read it: "840 bytes", "3.6 KB", "142.4 MB".
fn size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

fn index_corpus(file: &str, opened: &Opened, out: &str, progress: &Progress) -> Outcome {
    let corpus = match whole(file, opened, "index") {
        Ok(corpus) => corpus,
        Err(outcome) => return outcome,
    };
    match index::index(corpus, std::path::Path::new(out), progress) {
        Ok(written) => Outcome::ok(format!(
            "Wrote an index of {} quotes to {out}: {} files, {} gzipped (meta {}, facets {}, largest \
             word chunk {}). Read it from {out}/{}.\n",
            corpus.quotes.len(),
            written.files,
            size(written.bytes),
            size(written.meta_bytes),
            size(written.facets_bytes),
            size(written.largest_chunk),
            written.meta_file,
        )),
        Err(message) => Outcome { status: 1, out: String::new(), err: format!("{message}\n") },
    }
}

fn counts(c: &crate::corpus::Corpus) -> String {
    format!(
        "{}, {}, {}, {}, {}",
        plural(c.quotes.len(), "quote"),
        plural(c.speakers.len(), "speaker"),
        plural(c.meetings.len(), "meeting"),
        plural(c.themes.len(), "theme"),
        plural(c.sources.len(), "source")
    )
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}
