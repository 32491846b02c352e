//! A bounded fuzz run of the loaders, the model and the computation: mutated copies of the
//! example site's files give a site, or errors that each name their file, line and column;
//! never a panic. CI runs `BAOPHU_FUZZ_CASES` cases (200 by default); the README says how to
//! run a longer one.

mod common;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::fs;

/// Files an editor touches, of every kind the loaders read.
const FILES: &[&str] = &[
    "config.toml",
    "data/regions.toml",
    "data/series.toml",
    "data/indicators.toml",
    "data/sources.toml",
    "data/figures/2019.toml",
    "data/figures/2020.csv",
    "content/plans/huong-hoa-2020.md",
    "content/plans/1279-kh-bhxh-2017.md",
    "content/pages/huong-dan-bien-tap.md",
];

/// Pieces that make an edit go wrong in the ways editors' edits do, and some hostile ones.
const TOKENS: &[&str] = &[
    "\"",
    "'",
    "=",
    "[",
    "]",
    "[[figure]]",
    "[[target]]",
    "\n",
    "+++",
    "-1",
    "1e400",
    "nan",
    "inf",
    "9007199254740993",
    "2147483647",
    "\"\"",
    ",",
    ";",
    "\t",
    "\r\n",
    "\u{0}",
    "ạ",
    "\u{feff}",
    "=HYPERLINK(\"x\")",
    "<script>",
    "](javascript:alert(1))",
    "../",
    "{{",
    "}}",
    "{%",
    "1.",
    "> ",
    "<div>",
    "|",
    "*",
    "`",
    "#",
    "year = 2019",
    "actual = ",
    "region = \"vn\"",
];

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, token: usize },
    Byte { at: usize, byte: u8 },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, token)| Edit::Insert { at, token }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Byte { at, byte }),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len().max(1);
        match *e {
            Edit::Delete { at, len } => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Edit::Insert { at, token } => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, TOKENS[token].bytes());
            }
            Edit::Byte { at, byte } => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = byte;
                }
            }
        }
    }
    bytes
}

#[test]
fn mutated_inputs_never_panic_and_every_error_has_its_place() {
    let cases = std::env::var("BAOPHU_FUZZ_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(200);
    let site = common::example_site();
    let root = site.path().to_path_buf();
    // A CSV figures file too, as Excel saves them.
    fs::write(
        root.join("data/figures/2020.csv"),
        "\u{feff}region;series;year;actual;plan;source;note\r\nvn;bhxh;2020;16.200.000;;vietnamplus-2020;\"a \"\"note\"\"\"\r\n",
    )
    .unwrap();
    let originals: Vec<Vec<u8>> = FILES
        .iter()
        .map(|f| fs::read(root.join(f)).unwrap())
        .collect();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (0..FILES.len(), proptest::collection::vec(edit(), 1..6));
    let result = runner.run(&strategy, |(file, edits)| {
        let path = root.join(FILES[file]);
        fs::write(&path, apply(originals[file].clone(), &edits)).unwrap();
        let outcome = baophu::cmd::prepare(&root);
        fs::write(&path, &originals[file]).unwrap();
        if let Err(e) = outcome {
            for single in e.flatten() {
                prop_assert!(
                    single.position().is_some(),
                    "an error without a place: {single}"
                );
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
