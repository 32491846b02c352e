//! Printed figures audited: `check` recomputes every figure a plan records as its document
//! prints it and names the slips of the Hướng Hóa 2019 report, each at its place in the file.

mod common;

use common::{example_site, repo};
use std::fs;

const PLAN: &str = "content/plans/huong-hoa-2020.md";

/// The line and column of the n-th (from 1) occurrence of `needle` in the plan file.
fn nth_position(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let at = text
        .match_indices(needle)
        .nth(n - 1)
        .unwrap_or_else(|| panic!("{needle} #{n}"))
        .0;
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, column)
}

#[test]
fn check_finds_the_slips_of_the_huong_hoa_2019_report() {
    let report = baophu::cmd::check::run(&repo()).unwrap();
    let text = fs::read_to_string(repo().join(PLAN)).unwrap();
    let printed: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| w.message.en.starts_with("the document prints"))
        .collect();
    let expected = [
        (
            "\"6,37%\"",
            "6,37% for growth of bhxh",
            "the data give 6,38%",
        ),
        (
            "\"489.923\"",
            "489.923 for lao_dong",
            "the data give 49.923",
        ),
        ("\"186\"", "186 for increase of bhtn", "the data give 190"),
        (
            "\"5,05%\"",
            "5,05% for growth of bhtn",
            "the data give 5,16%",
        ),
    ];
    assert_eq!(printed.len(), expected.len(), "{printed:#?}");
    for (w, (needle, says, data)) in printed.iter().zip(expected) {
        assert!(
            w.message.en.contains(says) && w.message.en.contains(data),
            "{}",
            w.message
        );
        assert!(w.pos.path.ends_with(PLAN));
        let (line, column) = nth_position(&text, &format!("value = {needle}"), 1);
        assert_eq!(
            (w.pos.line, w.pos.column),
            (line, column + "value = ".len())
        );
    }
    // Figures printed rounded are not slips: 93,9% for 93,91%, 87% for 87,44%, 141,7%.
    for fine in ["93,9%", "87%", "141,7%", "10,26%"] {
        assert!(
            !printed
                .iter()
                .any(|w| w.message.en.contains(&format!("prints {fine} "))),
            "{fine} is a rounding, not a slip"
        );
    }
}

#[test]
fn a_figure_the_data_cannot_check_is_reported_and_a_bad_number_is_an_error() {
    let site = example_site();
    let root = site.path();
    let plan = root.join(PLAN);
    let text = fs::read_to_string(&plan).unwrap();
    // A year without figures, then a value that is no printed number.
    let extra = "[[printed]]\nyear = 2016\nseries = \"bhxh\"\nvalue = \"4.000\"\n\n";
    let at = text.find("[[task]]").unwrap();
    fs::write(&plan, format!("{}{extra}{}", &text[..at], &text[at..])).unwrap();
    let report = baophu::cmd::check::run(root).unwrap();
    assert!(report
        .warnings
        .iter()
        .any(|w| w.message.en.contains("cannot be checked") && w.message.en.contains("2016")));

    let text = fs::read_to_string(&plan).unwrap();
    fs::write(
        &plan,
        text.replacen("value = \"4.000\"", "value = \"4.00\"", 1),
    )
    .unwrap();
    let Err(err) = baophu::cmd::check::run(root) else {
        panic!("a value that is no number must fail check");
    };
    let err = err.to_string();
    assert!(
        err.contains("`4.00` is not a number as documents print it"),
        "{err}"
    );
    assert!(err.contains("huong-hoa-2020.md:"), "{err}");
}
