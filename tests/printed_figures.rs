//! Printed figures audited: `check` recomputes every figure a plan records as its document
//! prints it and names the slips of the Hướng Hóa 2019 report, each at its place in the file;
//! a page and a source may hold printed figures too, and show their audit.

mod common;

use common::{append, build_report, example_site, line_col, page_text, read, repo};
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

/// A page quoting the Hướng Hóa report, with one figure as the data give it and one slipped.
const PAGE: &str = r#"+++
title = "Báo chí viết về Hướng Hóa"
title_en = "Hướng Hóa in the press"

[[printed]]
region = "huong-hoa"
year = 2019
series = "bhxh"
measure = "attainment"
value = "93,9%"

[[printed]]
region = "huong-hoa"
year = 2019
series = "bhtn"
measure = "growth"
value = "5,05%"
+++

Những con số báo chí đã in.
"#;

/// A source printing a national rate as the data hold it, and a count with two digits swapped.
const SOURCE: &str = r#"
[[source]]
id = "bao-2023"
title = "Kết quả năm 2023 (một tờ báo)"

[[source.printed]]
region = "vn"
year = 2023
series = "ty_le_bhxh_cong_bo"
value = "39,25%"

[[source.printed]]
region = "vn"
year = 2023
series = "bhtn"
value = "14.963.000"
"#;

#[test]
fn a_page_and_a_source_show_their_printed_figures_against_the_data_and_check_warns_at_the_slips() {
    let site = example_site();
    let root = site.path();
    std::fs::write(root.join("content/pages/bao-chi.md"), PAGE).unwrap();
    append(root, "data/sources.toml", SOURCE);

    let report = baophu::cmd::check::run(root).unwrap();
    let slips: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| w.message.en.starts_with("the document prints"))
        .collect();
    // The plan's four slips, then one of the page and one of the source, each at its value.
    assert_eq!(slips.len(), 6, "{slips:#?}");
    for (file, needle, says) in [
        (
            "content/pages/bao-chi.md",
            "\"5,05%\"",
            "prints 5,05% for growth of bhtn of `huong-hoa` in 2019, but the data give 5,16%",
        ),
        (
            "data/sources.toml",
            "\"14.963.000\"",
            "prints 14.963.000 for bhtn of `vn` in 2023, but the data give 14.693.000",
        ),
    ] {
        let at = line_col(root, file, needle);
        let w = slips
            .iter()
            .find(|w| w.pos.path.ends_with(file))
            .unwrap_or_else(|| panic!("no warning in {file}"));
        assert!(w.message.en.contains(says), "{}", w.message);
        assert_eq!((w.pos.line, w.pos.column), at, "{file}");
        assert!(!w.message.vi.is_empty() && w.message.vi != w.message.en);
    }
    // The figures that agree are no slips.
    for fine in ["93,9%", "39,25%"] {
        assert!(
            !report
                .warnings
                .iter()
                .any(|w| w.message.en.contains(&format!("prints {fine} "))
                    && !w.pos.path.ends_with("content/plans/huong-hoa-2020.md")),
            "{fine}"
        );
    }

    let out = tempfile::tempdir().unwrap();
    build_report(root, out.path());
    let page = page_text(&read(out.path(), "bao-chi/index.html"));
    assert!(
        page.contains("Số liệu như văn bản in, đối chiếu với dữ liệu"),
        "{page}"
    );
    assert!(
        page.contains(
            "Đạt so với kế hoạch: Người tham gia BHXH Hướng Hóa 2019 93,9% 93,91% ✓ Khớp"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "Tốc độ tăng: Người tham gia bảo hiểm thất nghiệp Hướng Hóa 2019 5,05% 5,16% ✗ Lệch với số liệu"
        ),
        "{page}"
    );
    let english = page_text(&read(out.path(), "en/bao-chi/index.html"));
    assert!(
        english.contains("2019 5,05% 5.16% ✗ Differs from the data"),
        "{english}"
    );

    // The source's audit is shown where the source is listed.
    let methodology = read(out.path(), "phuong-phap/index.html");
    let at = methodology.find("id=\"nguon-bao-2023\"").unwrap();
    let item = &methodology[at..at + methodology[at..].find("</li>").unwrap()];
    let item = page_text(item);
    assert!(
        item.contains("Số liệu nguồn này in, đối chiếu với dữ liệu: Kết quả năm 2023 (một tờ báo)"),
        "{item}"
    );
    assert!(
        item.contains("Việt Nam 2023 39,25% 39,25% ✓ Khớp"),
        "{item}"
    );
    assert!(
        item.contains("Việt Nam 2023 14.963.000 14.693.000 ✗ Lệch"),
        "{item}"
    );
    // Sources without printed figures show none.
    assert_eq!(methodology.matches("<table class=\"printed\">").count(), 1);
}

#[test]
fn a_plan_page_shows_its_printed_figures_against_the_data() {
    let (_dir, output) = common::built();
    let vi = common::page_text(&common::read(&output, "ke-hoach/huong-hoa-2020/index.html"));
    // The plan prints 6,37% for (5.122 − 4.815) / 4.815 = 6,38%, and 5.122 right.
    assert!(vi.contains("6,37% 6,38% ✗ Lệch với số liệu"), "{vi}");
    assert!(vi.contains("5.122 5.122 ✓ Khớp"), "{vi}");
}
