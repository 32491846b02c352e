//! The corpus of broken inputs in `tests/broken/`: each case is one mistake an editor could
//! make in the example site, and the one message `check` must give for it, at its place.
//!
//! A case file says which file of the example site to change and how (`find` → `replace`,
//! `append`, or a new file with `create` and `text`), whether the problem is an `error` or a
//! `warning`, a part of the English `message`, and `at`: the text the message must point at,
//! looked for from the edit onward (or from the top of `at_file`, when it points elsewhere).

mod common;

use baophu::Position;
use common::example_site;
use serde::Deserialize;
use std::fs;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    #[serde(rename = "what")]
    _what: String,
    file: String,
    #[serde(default)]
    find: Option<String>,
    #[serde(default)]
    replace: Option<String>,
    #[serde(default)]
    append: Option<String>,
    #[serde(default)]
    create: bool,
    #[serde(default)]
    text: Option<String>,
    severity: String,
    message: String,
    at: String,
    #[serde(default)]
    at_file: Option<String>,
    /// A part of the English hint, where the hint is the point of the case.
    #[serde(default)]
    hint: Option<String>,
}

/// Applies the case's edit; returns the byte offset in the file where the edit starts.
fn apply(root: &Path, case: &Case) -> usize {
    let path = root.join(&case.file);
    if case.create {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, case.text.as_deref().expect("create needs text")).unwrap();
        return 0;
    }
    let old = fs::read_to_string(&path).unwrap();
    let (new, at) = match (&case.find, &case.replace, &case.append) {
        (Some(find), Some(replace), None) => {
            let at = old
                .find(find.as_str())
                .unwrap_or_else(|| panic!("{} has no {find:?}", case.file));
            (old.replacen(find.as_str(), replace, 1), at)
        }
        (None, None, Some(append)) => (format!("{old}{append}"), old.len()),
        _ => panic!("a case has find and replace, append, or create and text"),
    };
    fs::write(&path, new).unwrap();
    at
}

/// Where `needle` is in `file`, searching from byte `from`.
fn position_of(root: &Path, file: &str, needle: &str, from: usize) -> (usize, usize) {
    let text = fs::read_to_string(root.join(file)).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let at = from
        + text[from..]
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {file} after byte {from}"));
    let pos = Position::at(Path::new(file), text, at);
    (pos.line, pos.column)
}

#[test]
fn every_broken_input_gets_its_message_at_its_place() {
    let mut cases: Vec<_> = fs::read_dir(common::repo().join("tests/broken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 25, "the corpus has {} cases", cases.len());
    let mut messages = std::collections::HashSet::new();
    let mut failures = Vec::new();
    for case_path in &cases {
        let name = case_path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let case: Case = toml::from_str(&fs::read_to_string(case_path).unwrap())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            !case.message.is_empty() && messages.insert(case.message.clone()),
            "{name}: each case expects a message of its own"
        );
        let site = example_site();
        let root = site.path();
        let from = apply(root, &case);
        let (file, from) = match &case.at_file {
            Some(f) => (f.as_str(), 0),
            None => (case.file.as_str(), from),
        };
        let (line, column) = position_of(root, file, &case.at, from);
        // Every problem of the run: (severity, English, Vietnamese, position, English hint).
        type Problem = (&'static str, String, String, Option<Position>, String);
        let problems: Vec<Problem> = match baophu::cmd::check::run(root) {
            Ok(report) => report
                .warnings
                .into_iter()
                .map(|w| {
                    (
                        "warning",
                        w.message.en.into(),
                        w.message.vi.into(),
                        Some(w.pos),
                        String::new(),
                    )
                })
                .collect(),
            Err(e) => e
                .flatten()
                .into_iter()
                .map(|e| {
                    let parts = e.parts();
                    (
                        "error",
                        parts.title.en.into(),
                        parts.title.vi.into(),
                        e.position().cloned(),
                        parts.hint.en.into(),
                    )
                })
                .collect(),
        };
        let found = problems.iter().find(|(severity, en, _, _, hint)| {
            *severity == case.severity
                && en.contains(&case.message)
                && case.hint.as_ref().is_none_or(|h| hint.contains(h))
        });
        let Some((_, en, vi, pos, _)) = found else {
            failures.push(format!(
                "{name}: no {} containing {:?}; got:\n  {}",
                case.severity,
                case.message,
                problems
                    .iter()
                    .map(|p| format!("{}: {} at {:?} (hint: {})", p.0, p.1, p.3, p.4))
                    .collect::<Vec<_>>()
                    .join("\n  ")
            ));
            continue;
        };
        let Some(pos) = pos else {
            failures.push(format!("{name}: {en:?} names no position"));
            continue;
        };
        if !pos.path.ends_with(file) || (pos.line, pos.column) != (line, column) {
            failures.push(format!(
                "{name}: {en:?} is at {pos}, expected {file}:{line}:{column}"
            ));
        }
        if vi.is_empty() || vi == en {
            failures.push(format!("{name}: {en:?} has no Vietnamese text"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
