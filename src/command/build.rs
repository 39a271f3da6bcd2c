//! `build`: a complete explorer of a corpus, written from the prebuilt app (the `dist/` that
//! `scripts/build` makes). The app carries no corpus in its code: its page holds the corpus in
//! a JSON data block, the single file likewise, and `embed.js` fetches a content-named copy
//! beside it (see `store::bundled` and `scripts/post-build.mjs`). So a build copies the app,
//! puts the new corpus in those three places, names it in `embed.js`, gives the pages and the
//! web app manifest its title, and gives the service worker a new cache version. (The
//! embedding example, which shows the bundled corpus's speakers, is left out.)
//! No Rust, wasm or Node toolchain is needed.

use std::fs;
use std::path::{Path, PathBuf};

use crate::corpus::{self, Corpus};
use crate::wording;

use super::progress::Progress;

/// The data block's id: the start-up script in `scripts/post-build.mjs` reads the same one.
const CORPUS_BLOCK_ID: &str = "quote-explorer-corpus";

/// The environment variable naming the prebuilt app, for an installed command whose
/// repository has moved.
pub const APP_VARIABLE: &str = "QUOTE_EXPLORER_APP";

/// Where the prebuilt app is: `--app DIR`, else `$QUOTE_EXPLORER_APP`, else the `dist/` of
/// the repository the command was built from (so `cargo install --path .` finds the app the
/// README's build command made there).
pub fn find_app(given: Option<&str>) -> Result<PathBuf, String> {
    let (dir, how) = match (given, std::env::var_os(APP_VARIABLE)) {
        (Some(dir), _) => (PathBuf::from(dir), "given with --app"),
        (None, Some(dir)) => (PathBuf::from(dir), "named by $QUOTE_EXPLORER_APP"),
        (None, None) => (Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"), "the repository's build"),
    };
    if dir.join("index.html").is_file() {
        Ok(dir)
    } else {
        Err(format!(
            "No prebuilt explorer at {} ({how}). Build it first with the README's build command \
             (scripts/run, or scripts/build), or name a built one with --app DIR or ${APP_VARIABLE}.",
            dir.display()
        ))
    }
}

/// What a build wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Built {
    pub files: usize,
    pub bytes: u64,
    pub corpus_file: String,
}

/// Writes an explorer of `corpus` (titled `title` if given, else by the corpus's own title)
/// into `out`, from the prebuilt app in `app`. Refuses an `out` that holds anything but an
/// earlier build, so that nothing of the reader's is overwritten.
pub fn build(
    corpus: &Corpus,
    title: Option<&str>,
    app: &Path,
    out: &Path,
    progress: &Progress,
) -> Result<Built, String> {
    let mut corpus = corpus.clone();
    if let Some(title) = title {
        corpus.title = title.trim().to_owned();
    }
    if corpus.title.is_empty() {
        return Err("The explorer needs a title: give one with --title \"…\".".into());
    }
    let names = app_files(app)?;
    let old_corpus_file = names
        .iter()
        .find(|n| n.starts_with("corpus-") && n.ends_with(".json"))
        .ok_or_else(|| format!("{} has no corpus-….json: is it a build of quote-explorer?", app.display()))?
        .clone();
    check_out_dir(out)?;
    let data = corpus_data(&corpus);
    let corpus_file = format!("corpus-{:016x}.json", corpus::hash(data.as_bytes()));
    let lede = wording::lede(corpus.quotes.len(), corpus.sources.len(), wording::CorpusKind::Bundled);
    fs::create_dir_all(out).map_err(|e| format!("{}: cannot be created: {e}", out.display()))?;
    let mut built = Built { files: 0, bytes: 0, corpus_file: corpus_file.clone() };
    // The embedding example shows the bundled corpus's speakers and themes: not theirs.
    let names: Vec<&String> = names.iter().filter(|n| !n.starts_with("embed-example.")).collect();
    progress.files(names.len() as u64);
    for name in names {
        let from = app.join(name);
        let read_text =
            || fs::read_to_string(&from).map_err(|e| format!("{}: cannot be read: {e}", from.display()));
        let (to_name, bytes): (&str, Vec<u8>) = match name.as_str() {
            "index.html" | "quote-explorer.html" => {
                let html = read_text()?.replace(&old_corpus_file, &corpus_file);
                (
                    name,
                    page(&html, &data, &corpus.title, &lede)
                        .map_err(|e| format!("{name}: {e}"))?
                        .into_bytes(),
                )
            }
            "embed.js" => (name, read_text()?.replace(&old_corpus_file, &corpus_file).into_bytes()),
            "sw.js" => (name, service_worker(&read_text()?, &data).into_bytes()),
            "manifest.webmanifest" => (name, manifest(&read_text()?, &corpus.title, &lede)?.into_bytes()),
            n if *n == old_corpus_file => (&corpus_file, data.clone().into_bytes()),
            _ => (name, fs::read(&from).map_err(|e| format!("{}: cannot be read: {e}", from.display()))?),
        };
        let to = out.join(to_name);
        fs::write(&to, &bytes).map_err(|e| format!("{}: cannot be written: {e}", to.display()))?;
        built.files += 1;
        built.bytes += bytes.len() as u64;
        progress.wrote(to_name);
    }
    Ok(built)
}

/// The app's files, every one a plain file (the app has no folders).
fn app_files(app: &Path) -> Result<Vec<String>, String> {
    let entries = fs::read_dir(app).map_err(|e| format!("{}: cannot be read: {e}", app.display()))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", app.display()))?;
        if entry.path().is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    for needed in ["index.html", "quote-explorer.html", "embed.js", "sw.js"] {
        if !names.iter().any(|n| n == needed) {
            return Err(format!("{} has no {needed}: is it a build of quote-explorer?", app.display()));
        }
    }
    Ok(names)
}

/// `out` may not exist yet, be empty, or hold an earlier build (which is replaced).
fn check_out_dir(out: &Path) -> Result<(), String> {
    let Ok(entries) = fs::read_dir(out) else {
        return if out.exists() { Err(format!("{} is not a folder.", out.display())) } else { Ok(()) };
    };
    let entries: Vec<_> = entries.filter_map(Result::ok).collect();
    if entries.is_empty() {
        return Ok(());
    }
    let earlier_build = entries.iter().any(|e| e.file_name() == "quote-explorer.html")
        && fs::read_to_string(out.join("index.html")).is_ok_and(|page| page.contains(CORPUS_BLOCK_ID));
    if !earlier_build {
        return Err(format!(
            "{} already holds files that are not an explorer: choose an empty or new folder.",
            out.display()
        ));
    }
    for entry in entries {
        let path = entry.path();
        if path.is_file() {
            fs::remove_file(&path).map_err(|e| format!("{}: cannot be replaced: {e}", path.display()))?;
        }
    }
    Ok(())
}

/// The corpus as the data block and the embed's file hold it: compact JSON with every `<`
/// escaped, so that no text in it can end the block (`</script>`) or open a comment.
pub fn corpus_data(corpus: &Corpus) -> String {
    serde_json::to_string(corpus).expect("a corpus serialises").replace('<', "\\u003c")
}

/// A page of the app with `data` in its corpus block, and `title` and `lede` as its title and
/// description.
fn page(html: &str, data: &str, title: &str, lede: &str) -> Result<String, String> {
    let open = format!(r#"<script type="application/json" id="{CORPUS_BLOCK_ID}">"#);
    let start =
        html.find(&open).ok_or("no corpus data block: is it a build of quote-explorer?")? + open.len();
    let end = start + html[start..].find("</script>").ok_or("the corpus data block does not end")?;
    let mut page = format!("{}{data}{}", &html[..start], &html[end..]);
    page = replace_between(&page, "<title>", "</title>", &escape_html(title))?;
    let description = escape_html(&format!("{title}: {lede}"));
    replace_between(&page, r#"<meta name="description" content=""#, "\"", &description).or_else(|_| {
        // The description as Trunk keeps it, on a line of its own.
        replace_between(&page, "name=\"description\"\n      content=\"", "\"", &description)
    })
}

/// `text` with what lies between the first `before` and the next `after` replaced.
fn replace_between(text: &str, before: &str, after: &str, with: &str) -> Result<String, String> {
    let start = text.find(before).ok_or_else(|| format!("no {before}"))? + before.len();
    let end = start + text[start..].find(after).ok_or_else(|| format!("no {after} after {before}"))?;
    Ok(format!("{}{with}{}", &text[..start], &text[end..]))
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The service worker with a cache version of its own, so a visitor's browser replaces the
/// cached pages of an earlier corpus.
fn service_worker(script: &str, data: &str) -> String {
    let prefix = "const CACHE = \"quote-explorer-";
    let Some(start) = script.find(prefix).map(|i| i + prefix.len()) else {
        return script.to_owned();
    };
    let end = start + script[start..].find('"').unwrap_or(0);
    let old = &script[start..end];
    let version = format!("{:016x}", corpus::hash(format!("{old}{data}").as_bytes()));
    format!("{}{version}{}", &script[..start], &script[end..])
}

/// The web app manifest, named after the explorer.
fn manifest(text: &str, title: &str, lede: &str) -> Result<String, String> {
    let mut manifest: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("manifest.webmanifest: {e}"))?;
    manifest["name"] = title.into();
    manifest["description"] = lede.into();
    Ok(format!("{manifest:#}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A prebuilt app in miniature: the files `build` rewrites, as `scripts/post-build.mjs`
    /// writes them, and one it copies.
    fn miniature_app(dir: &Path) {
        let block =
            |data: &str| format!(r#"<script type="application/json" id="{CORPUS_BLOCK_ID}">{data}</script>"#);
        let old = corpus_data(&corpus::bundled().unwrap());
        let page = format!(
            "<!DOCTYPE html><html><head><title>China–Russia</title>\n<meta\n      name=\"description\"\n      content=\"About China.\"\n    />\
             <script type=\"module\" src=\"./app-1.js\"></script></head><body>{}\n</body></html>",
            block(&old)
        );
        fs::create_dir_all(dir).unwrap();
        fs::write(dir.join("index.html"), &page).unwrap();
        fs::write(dir.join("quote-explorer.html"), &page).unwrap();
        fs::write(
            dir.join("embed.js"),
            r#"fetch(new URL("./corpus-0123456789abcdef.json", import.meta.url))"#,
        )
        .unwrap();
        fs::write(dir.join("sw.js"), "const CACHE = \"quote-explorer-aaaa\";\n").unwrap();
        fs::write(dir.join("manifest.webmanifest"), r#"{"name":"China–Russia","short_name":"Quotes"}"#)
            .unwrap();
        fs::write(dir.join("corpus-0123456789abcdef.json"), &old).unwrap();
        fs::write(dir.join("app.wasm"), [0, 97, 115, 109]).unwrap();
        fs::write(dir.join("embed-example.html"), "<div data-quote-explorer data-speaker=\"wang-yi\">")
            .unwrap();
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("qe-build-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn block_of(page: &str) -> &str {
        let open = format!(r#"id="{CORPUS_BLOCK_ID}">"#);
        let start = page.find(&open).unwrap() + open.len();
        &page[start..start + page[start..].find("</script>").unwrap()]
    }

    #[test]
    fn a_build_puts_the_corpus_and_title_in_every_place_the_app_reads_them() {
        let (app, out) = (temp("app"), temp("out"));
        miniature_app(&app);
        let mut theirs = corpus::synthetic::generate(40, 1);
        theirs.quotes[0].text = "He said </script><script>alert(1)</script> <!-- here".into();
        theirs.quotes[0].context = theirs.quotes[0].text.clone();
        let built =
            build(&theirs, Some("Harbour <b>quotes</b> & more"), &app, &out, &Progress::hidden()).unwrap();
        assert_eq!(built.files, 7);
        let page = fs::read_to_string(out.join("index.html")).unwrap();
        let data = block_of(&page);
        assert!(!data.contains('<'), "nothing in the block can close it");
        let read = corpus::parse(data).unwrap();
        assert_eq!(read.title, "Harbour <b>quotes</b> & more");
        assert_eq!(read.quotes, theirs.quotes);
        assert!(page.contains("<title>Harbour &lt;b&gt;quotes&lt;/b&gt; &amp; more</title>"), "{page}");
        assert!(
            page.contains("content=\"Harbour &lt;b&gt;quotes&lt;/b&gt; &amp; more: Every quote"),
            "{page}"
        );
        assert!(!page.contains("About China"));
        assert_eq!(block_of(&fs::read_to_string(out.join("quote-explorer.html")).unwrap()), data);
        // The embed's copy: content-named, and named in embed.js.
        assert_eq!(fs::read_to_string(out.join(&built.corpus_file)).unwrap(), data);
        assert!(!out.join("corpus-0123456789abcdef.json").exists());
        assert!(fs::read_to_string(out.join("embed.js"))
            .unwrap()
            .contains(&format!("./{}", built.corpus_file)));
        let sw = fs::read_to_string(out.join("sw.js")).unwrap();
        assert!(sw.starts_with("const CACHE = \"quote-explorer-") && !sw.contains("-aaaa\""), "{sw}");
        let manifest: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("manifest.webmanifest")).unwrap()).unwrap();
        assert_eq!(manifest["name"], "Harbour <b>quotes</b> & more");
        assert_eq!(manifest["short_name"], "Quotes");
        assert_eq!(fs::read(out.join("app.wasm")).unwrap(), fs::read(app.join("app.wasm")).unwrap());
        assert!(!out.join("embed-example.html").exists(), "the bundled corpus's example is not theirs");
        // Built again over itself (a corrected corpus), with the corpus's own title.
        let again = build(&corpus::bundled().unwrap(), None, &app, &out, &Progress::hidden()).unwrap();
        let page = fs::read_to_string(out.join("index.html")).unwrap();
        assert!(page.contains(&format!("<title>{}</title>", escape_html(&corpus::bundled().unwrap().title))));
        assert_eq!(fs::read_dir(&out).unwrap().count(), 7, "the earlier corpus file is gone");
        assert!(out.join(again.corpus_file).exists());
        let _ = (fs::remove_dir_all(&app), fs::remove_dir_all(&out));
    }

    #[test]
    fn a_build_never_writes_over_a_folder_of_other_files_nor_without_an_app() {
        let (app, out) = (temp("app2"), temp("out2"));
        miniature_app(&app);
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("thesis.docx"), "mine").unwrap();
        let refused = build(&corpus::bundled().unwrap(), None, &app, &out, &Progress::hidden()).unwrap_err();
        assert!(refused.contains("already holds files that are not an explorer"), "{refused}");
        assert_eq!(fs::read_to_string(out.join("thesis.docx")).unwrap(), "mine");
        let no_app =
            build(&corpus::bundled().unwrap(), None, &out, &temp("out3"), &Progress::hidden()).unwrap_err();
        assert!(no_app.contains("is it a build of quote-explorer?"), "{no_app}");
        let missing = find_app(Some(out.join("nowhere").to_str().unwrap())).unwrap_err();
        assert!(missing.contains("No prebuilt explorer at") && missing.contains("--app"), "{missing}");
        let untitled =
            build(&corpus::bundled().unwrap(), Some("  "), &app, &temp("out4"), &Progress::hidden());
        assert!(untitled.unwrap_err().contains("--title"));
        let _ = (fs::remove_dir_all(&app), fs::remove_dir_all(&out));
    }
}
