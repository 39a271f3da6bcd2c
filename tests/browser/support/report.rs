//! The benchmarks' report: what they print, and its header (which commit was measured,
//! when, and on what).

use std::path::Path;

/// What a benchmark prints, kept to be written to a file as well.
#[derive(Default)]
pub struct Report(pub String);

impl Report {
    pub fn line(&mut self, text: impl AsRef<str>) {
        println!("{}", text.as_ref());
        self.0.push_str(text.as_ref());
        self.0.push('\n');
    }
}

/// What a program printed, trimmed (empty if it could not run).
pub fn command_output(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program)
        .args(args)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}

/// For a benchmark's report: the commit measured, when, and on what machine and browser, so
/// that a reader can tell how old the figures are.
pub fn measured_on(root: &Path) -> String {
    let git = |args: &[&str]| {
        let mut all = vec!["-C", root.to_str().unwrap()];
        all.extend_from_slice(args);
        command_output("git", &all)
    };
    // The report itself is rewritten by the benchmark as it runs: it is not a change measured.
    let dirty =
        !git(&["status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs/benchmark.md"]).is_empty();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l[l.find(':').unwrap() + 1..].trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!(
        "commit: {}{}\ndate: {}\nmachine: {cpu}, {cores} cores; {}",
        git(&["rev-parse", "HEAD"]),
        if dirty { " (with uncommitted changes)" } else { "" },
        command_output("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        command_output("chromium", &["--version"]),
    )
}
