//! Shared helpers for end-to-end tests: a copy of the example site in a temporary folder.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the example site (configuration, data, content, theme).
pub fn example_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = repo();
    fs::copy(repo.join("config.toml"), dir.path().join("config.toml")).unwrap();
    for sub in ["data", "content", "themes"] {
        copy(&repo.join(sub), &dir.path().join(sub));
    }
    dir
}

/// A copy of the second example (`tests/sites/nghe-an`) with the repository's theme, in a
/// temporary folder.
pub fn nghe_an_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(&repo().join("tests/sites/nghe-an"), dir.path());
    copy(&repo().join("themes"), &dir.path().join("themes"));
    dir
}

/// Builds the site at `root` into `output`.
pub fn build(root: &Path, output: &Path, base_url: Option<&str>) -> Result<(), baophu::Error> {
    baophu::cmd::build::run(&baophu::cmd::build::Options {
        deny_warnings: false,
        root: root.to_path_buf(),
        output: Some(output.to_path_buf()),
        base_url: base_url.map(str::to_string),
    })
    .map(|_| ())
}

/// Builds the site at `root` into `output`, which must succeed: what the build reports.
pub fn build_report(root: &Path, output: &Path) -> baophu::cmd::build::Report {
    baophu::cmd::build::run(&baophu::cmd::build::Options {
        deny_warnings: false,
        root: root.to_path_buf(),
        output: Some(output.to_path_buf()),
        base_url: None,
    })
    .unwrap()
}

/// The example site built into a temporary folder: (the folder, the output in it).
pub fn built() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build(&repo(), &output, None).expect("the example site builds");
    (out, output)
}

/// A file of the output as text.
pub fn read(output: &Path, page: &str) -> String {
    fs::read_to_string(output.join(page)).unwrap_or_else(|e| panic!("{page}: {e}"))
}

/// Replaces the first occurrence of `from` in a file of the site, asserting it is there.
pub fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} does not contain {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Appends text to a file of the site.
pub fn append(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    let mut old = fs::read_to_string(&path).unwrap();
    old.push_str(text);
    fs::write(&path, old).unwrap();
}

/// 1-based line and column of the first occurrence of `needle` in a file of the site.
pub fn line_col(root: &Path, file: &str, needle: &str) -> (usize, usize) {
    let text = fs::read_to_string(root.join(file)).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {file}"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}

/// Every file under a folder with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Text of an HTML page with tags removed and whitespace collapsed, for reading figures.
pub fn page_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// A number's plain text ("-1234567.5") as Vietnamese writes it ("-1.234.567,5"): points group
/// thousands, a comma marks decimals.
pub fn vietnamese_number(text: &str) -> String {
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{fraction}")
    }
}
