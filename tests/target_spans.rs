//! Targets over spans of years and periods, end to end: a yearly target entered once is judged
//! year by year on every page and download; a period's target is judged at its end, measured
//! from the year before it; the ratios carry the qualifier of the figures they come from.

mod common;

use common::{build_report, edit, example_site, page_text, read};
use std::collections::HashMap;
use std::path::Path;

/// National published coverage (ty_le_bhxh_cong_bo): 2015 24,8%, 2020 32,7%, 2021 33,77%,
/// 2022 38,01%, 2023 39,25%, 2024 42,71%; none for 2019, the plan's base year.
const PLAN: &str = r#"+++
title = "Kế hoạch thử: mục tiêu hằng năm và theo giai đoạn"
title_en = "Test plan: yearly and period targets"
number = "99/KH-TEST"
region = "vn"
base_year = 2019

[[target]]
indicator = "ty_le_bhxh_cong_bo"
every_year_from = 2021
every_year_to = 2026
value = 35
comparison = "at_least"
printed = "mỗi năm đạt từ 35% trở lên"

[[target]]
indicator = "ty_le_bhxh_cong_bo"
period_from = 2021
year = 2025
value = 45
comparison = "at_least"
printed = "giai đoạn 2021–2025 đạt 45%"

[[target]]
indicator = "ty_le_bhxh_cong_bo"
period_from = 2026
year = 2030
base_year = 2022
value = 60
comparison = "at_least"
printed = "giai đoạn 2026–2030 đạt 60%"

[[target]]
indicator = "ty_le_bhxh_cong_bo"
period_from = 2020
year = 2028
value = 50
comparison = "at_least"
printed = "giai đoạn 2020–2028 đạt 50%"
+++

Văn bản thử.
"#;

/// The rows of a CSV download, each as column name → cell.
fn rows(text: &str) -> Vec<HashMap<String, String>> {
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn plan_rows(output: &Path, file: &str) -> Vec<HashMap<String, String>> {
    rows(&read(output, file))
        .into_iter()
        .filter(|r| r["plan_slug"] == "thu-nghiem")
        .collect()
}

#[test]
fn a_yearly_target_is_judged_year_by_year_and_a_periods_at_its_end() {
    let site = example_site();
    let root = site.path();
    std::fs::write(root.join("content/plans/thu-nghiem.md"), PLAN).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let report = build_report(root, &output);

    // The whole dataset and the plan's own download: one row per year of the yearly target.
    for file in ["du-lieu/muc-tieu.csv", "ke-hoach/thu-nghiem/so-lieu.csv"] {
        let targets = plan_rows(&output, file);
        let yearly: Vec<_> = targets
            .iter()
            .filter(|r| r["span"] == "every_year")
            .collect();
        let years: Vec<&str> = yearly.iter().map(|r| r["year"].as_str()).collect();
        assert_eq!(
            years,
            ["2021", "2022", "2023", "2024", "2025", "2026"],
            "{file}"
        );
        for r in &yearly {
            assert_eq!((&*r["span_from"], &*r["span_to"]), ("2021", "2026"));
            assert_eq!(r["printed"], "mỗi năm đạt từ 35% trở lên");
            assert_eq!(r["base_year"], "", "a year of a yearly target has no base");
        }
        let status = |year: &str| {
            yearly
                .iter()
                .find(|r| r["year"] == year)
                .map(|r| r["status"].clone())
                .unwrap()
        };
        assert_eq!(status("2021"), "missed", "33,77% in 2021");
        assert_eq!(status("2022"), "achieved", "38,01% in 2022");
        assert_eq!(status("2024"), "achieved");
        // 42,71% in 2024 does not meet 2025's target of a yearly target: only 2025's can.
        assert_eq!(status("2025"), "not_measurable");
        assert_eq!(status("2026"), "not_measurable");

        let period = |end: &str| {
            targets
                .iter()
                .find(|r| r["span"] == "period" && r["year"] == end)
                .unwrap()
        };
        let p = period("2025");
        assert_eq!((&*p["span_from"], &*p["span_to"]), ("2021", "2025"));
        // Measured from the year before the period, not the plan's base year (2019 has no
        // figure: the plan's base would fall back to 2015).
        assert_eq!((&*p["base_year"], &*p["base"]), ("2020", "32.7"));
        assert_eq!(p["latest_year"], "2024");
        // The target's own base year comes first.
        assert_eq!(period("2030")["base_year"], "2022");
        // 2019, the year before 2020–2028, has no figure: the earliest before it is used.
        assert_eq!(period("2028")["base_year"], "2015");
    }

    // The rows say which yearly target or period they belong to, on every page listing them.
    for page in [
        "ke-hoach/thu-nghiem/index.html",
        "vung/vn/index.html",
        "chi-tieu/ty_le_bhxh_cong_bo/index.html",
    ] {
        let text = page_text(&read(&output, page));
        assert_eq!(
            text.matches("Một năm của mục tiêu hằng năm 2021–2026")
                .count(),
            6,
            "{page}"
        );
        assert!(text.contains("Giai đoạn 2021–2025"), "{page}");
        assert!(text.contains("Giai đoạn 2026–2030"), "{page}");
    }
    let en = page_text(&read(&output, "en/ke-hoach/thu-nghiem/index.html"));
    assert_eq!(
        en.matches("One year of the yearly target 2021–2026")
            .count(),
        6
    );
    assert!(en.contains("Period 2021–2025"));
    assert!(en.contains(
        "The period's progress is measured from the year before it (2019) but that year has no figure; progress is measured from 2015"
    ));

    // `build` (and `check`) say, at the target, that a base year has no figure.
    let warned: Vec<String> = report
        .warnings
        .iter()
        .filter(|w| w.pos.path.ends_with("thu-nghiem.md"))
        .map(|w| format!("{}:{} {}", w.pos.line, w.pos.column, w.message.en))
        .collect();
    let (line, _) = common::line_col(root, "content/plans/thu-nghiem.md", "period_from = 2020");
    assert_eq!(
        warned,
        [format!(
            "{}:1 2019, the year before the period 2020–2028, has no figure of `ty_le_bhxh_cong_bo` for `vn`; progress is measured from 2015",
            line - 2
        )],
        "only the target whose base year has no figure; yearly targets have none"
    );
}

#[test]
fn the_ratios_carry_the_qualifier_of_the_latest_figure() {
    // Resolution 28's "khoảng 45%" in 2025, judged from 24,8% (2015) to the 2024 figure.
    let with_2024 = |qualifier: &str| {
        let site = example_site();
        edit(
            site.path(),
            "data/figures/2024.toml",
            "actual = 42.71\nsource = \"nld-2024\"",
            &format!("actual = 42.71\n{qualifier}source = \"nld-2024\""),
        );
        let out = tempfile::tempdir().unwrap();
        let output = out.path().join("public");
        build_report(site.path(), &output);
        let html = read(&output, "ke-hoach/nq-28-tw-2018/index.html");
        // The row of the 2025 target.
        let row = html
            .split("<tr>")
            .find(|r| r.contains("khoảng 45%"))
            .expect("the 2025 row")
            .to_string();
        page_text(&row)
    };
    let exact = with_2024("");
    assert!(exact.contains("R = "), "{exact}");
    let about = with_2024("qualifier = \"about\"\n");
    assert!(
        about.contains("R ≈ ") && about.contains("tuyến tính ≈ "),
        "{about}"
    );
    assert!(about.contains("Đã đi ≈ "), "the share covered: {about}");
    let more = with_2024("qualifier = \"more_than\"\n");
    assert!(
        more.contains("R > ") && more.contains("tuyến tính > "),
        "{more}"
    );
    // Known only from above, the progress toward 45% could be anything: no ratio, no trend.
    let less = with_2024("qualifier = \"less_than\"\n");
    assert!(!less.contains("R ") && !less.contains("Đã đi"), "{less}");
    assert!(
        less.contains("Chưa xác định: số liệu năm 2024 là số ước tính hoặc giới hạn"),
        "{less}"
    );
}

#[test]
fn a_year_of_a_yearly_target_typed_again_and_a_target_without_a_year_are_errors() {
    let site = example_site();
    let root = site.path();
    let file = "content/plans/1279-kh-bhxh-2017.md";
    // 2018 is already a year of the yearly target 2017–2020.
    edit(
        root,
        file,
        "[[task]]",
        "[[target]]\nseries = \"bhxh_tn\"\nmeasure = \"growth\"\nyear = 2018\nvalue = 30\ncomparison = \"at_least\"\n\n[[target]]\nindicator = \"thanh_tra_tron_dong\"\nvalue = 50\ncomparison = \"at_least\"\n\n[[task]]",
    );
    let err = baophu::cmd::check::run(root)
        .err()
        .expect("check must fail");
    let found: Vec<(String, usize, usize)> = err
        .flatten()
        .into_iter()
        .map(|e| {
            let pos = e.position().unwrap();
            (e.parts().title.en.to_string(), pos.line, pos.column)
        })
        .collect();
    let (line, _) = common::line_col(root, file, "year = 2018\nvalue = 30");
    let (first, _) = common::line_col(root, file, "every_year_from = 2017");
    assert!(
        found.contains(&(
            format!(
                "this target repeats the one on line {first} (same measure, unit, year and comparison)"
            ),
            line,
            8
        )),
        "{found:?}"
    );
    // No year at all: said at its `[[target]]` header.
    let (header, _) = common::line_col(
        root,
        file,
        "[[target]]\nindicator = \"thanh_tra_tron_dong\"\nvalue",
    );
    assert!(
        found.contains(&("a target has no year".to_string(), header, 1)),
        "{found:?}"
    );
}
