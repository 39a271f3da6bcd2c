//! The native command, `quote-explorer`: a corpus checked and counted from a terminal, with
//! the messages the app gives. What it prints is built here from the file's bytes, so the
//! host tests run it as a function and as the installed binary alike.

mod open;
mod stats;

use std::fmt::Write as _;

pub use open::{open, Opened};

const HELP: &str = "\
quote-explorer: check and count a corpus of quotes, as the explorer reads it.

Usage:
  quote-explorer validate FILE [--json]   Reads FILE (a corpus in the explorer's JSON, or a
                                          CSV, TSV or JSON Lines spreadsheet, its columns
                                          guessed from its header) and lists every problem,
                                          as the app does. Exit status 0 if it loads whole,
                                          1 if not.
  quote-explorer stats FILE [--json]      Counts by speaker, meeting, theme, source and kind,
                                          and what the corpus lint finds.
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

/// Runs the command on its arguments (without the program's name), reading files with `read`.
pub fn run(args: &[String], read: impl Fn(&str) -> std::io::Result<Vec<u8>>) -> Outcome {
    let json = args.iter().any(|a| a == "--json");
    let words: Vec<&str> = args.iter().map(String::as_str).filter(|a| *a != "--json").collect();
    match words.as_slice() {
        [] | ["--help"] | ["-h"] | ["help"] => Outcome::ok(HELP.to_owned()),
        [command @ ("validate" | "stats"), file] => {
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
            let opened = open(file, &bytes);
            if *command == "validate" {
                validate(file, &opened, json)
            } else {
                stats::stats(file, &opened, json)
            }
        }
        [command @ ("validate" | "stats")] => Outcome::usage(&format!("{command} needs a FILE.")),
        [other, ..] => Outcome::usage(&format!("“{other}” is not a command (or has too many arguments).")),
    }
}

/// The installed binary's entry point: runs on the process's arguments and files, prints,
/// and gives the exit status.
pub fn main(args: Vec<String>) -> i32 {
    let outcome = run(&args, |path| std::fs::read(path));
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
