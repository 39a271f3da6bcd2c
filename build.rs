//! Two build steps:
//! - The wasm build keeps its relocations, so that scripts/post-build.mjs can split it into
//!   the first screen's module and the chunks loaded when first used (wasm-split-cli).
//! - The stylesheet and the bundled corpus are compiled into the app, so they are compacted
//!   first (comments and layout white space out; every rule, string and value unchanged):
//!   every visitor downloads them. The sources stay readable in style/ and data/.

use std::path::Path;

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    for (from, to, compact) in [
        ("style/main.css", "main.css", compact_css as fn(&str) -> String),
        ("data/corpus.json", "corpus.json", compact_json),
    ] {
        println!("cargo::rerun-if-changed={from}");
        let text = std::fs::read_to_string(from).unwrap_or_else(|e| panic!("{from}: {e}"));
        std::fs::write(Path::new(&out).join(to), compact(&text)).expect("write to OUT_DIR");
    }
}

/// CSS without comments, with each run of white space one space, and none next to `{`, `}`,
/// `;` or `,` (where it never matters; a space before `:` can, so it is kept). Strings are
/// copied as they are.
fn compact_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = ' ';
                for c in chars.by_ref() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
                pending_space = true;
            }
            c if c.is_whitespace() => pending_space = true,
            '"' | '\'' => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c {
                        break;
                    }
                }
            }
            c => {
                flush_space(&mut out, &mut pending_space, c);
                out.push(c);
            }
        }
    }
    out
}

/// Writes a pending space before `next` unless either side is punctuation that needs none.
fn flush_space(out: &mut String, pending: &mut bool, next: char) {
    let quiet = |c: char| matches!(c, '{' | '}' | ';' | ',');
    if std::mem::take(pending) && !out.is_empty() && !quiet(next) && !out.ends_with(quiet) {
        out.push(' ');
    }
}

/// JSON without the white space between tokens (strings untouched; keys keep their order).
fn compact_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}
