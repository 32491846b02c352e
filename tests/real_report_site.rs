//! The second example (`tests/sites/nghe-an`): a province as its newspaper reports it. Rates
//! published with the plan they beat, estimates, figures at 30 April, a range target; and
//! published rates checked against the figures they should come from.

mod common;

use common::{append, build_report, edit, page_text, read};
use std::path::Path;

fn nghe_an() -> tempfile::TempDir {
    common::nghe_an_site()
}

fn built(root: &Path) -> (tempfile::TempDir, std::path::PathBuf, Vec<String>) {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let report = build_report(root, &output);
    let warnings = report
        .warnings
        .iter()
        .map(|w| format!("{}:{} {}", w.pos.path.display(), w.pos.line, w.message.en))
        .collect();
    (out, output, warnings)
}

/// The cells of the whole-dataset CSV row for a measure, region and year.
fn dataset_row(output: &Path, measure: &str, year: &str) -> Vec<String> {
    let csv = read(output, "du-lieu/bao-phu.csv");
    let mut rows = csv.lines();
    let header: Vec<&str> = rows
        .next()
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split(',')
        .collect();
    let (m, y) = (
        header.iter().position(|h| *h == "measure_id").unwrap(),
        header.iter().position(|h| *h == "year").unwrap(),
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[m] == measure && &r[y] == year)
        .unwrap_or_else(|| panic!("no row for {measure} {year}"));
    headers
        .iter()
        .zip(row.iter())
        .map(|(h, c)| format!("{h}={c}"))
        .collect()
}

#[test]
fn a_rate_published_with_its_plan_is_shown_against_it_in_points() {
    let site = nghe_an();
    let (_out, output, warnings) = built(site.path());
    assert!(warnings.is_empty(), "{warnings:?}");
    let vi = page_text(&read(&output, "vung/nghe-an/index.html"));
    // "đạt tỷ lệ bao phủ là 25,80% …; vượt 0,10% so với kế hoạch UBND tỉnh giao"
    assert!(
        vi.contains("25,8% ước tính · số công bố, không tính lại"),
        "{vi}"
    );
    assert!(vi.contains("25,70% vượt 0,10 điểm % 100,39%"), "{vi}");
    let en = page_text(&read(&output, "en/vung/nghe-an/index.html"));
    assert!(en.contains("0.10 points above plan"), "{en}");
    assert!(
        en.contains("estimate · as published, not recomputed"),
        "{en}"
    );

    let row = dataset_row(&output, "bao_phu_bhxh", "2024");
    for cell in [
        "value=25.8",
        "plan=25.70",
        "attainment_percent=100.39",
        "plan_gap_points=0.10",
        "estimate=true",
        "origin=published",
    ] {
        assert!(row.contains(&cell.to_string()), "{cell} not in {row:?}");
    }
}

#[test]
fn figures_at_30_april_are_dated_and_never_compared_with_a_year_end() {
    let site = nghe_an();
    let (_out, output, _) = built(site.path());
    let vi = page_text(&read(&output, "vung/nghe-an/index.html"));
    assert!(vi.contains("374.764 đến 30/04/2023"), "{vi}");
    let en = page_text(&read(&output, "en/vung/nghe-an/index.html"));
    assert!(en.contains("374,764 at 30 April 2023"), "{en}");
    let row = dataset_row(&output, "bhxh", "2023");
    assert!(row.contains(&"as_of=2023-04-30".to_string()), "{row:?}");
    // 2024's estimate for the whole year against April 2023: no increase, no growth.
    let row = dataset_row(&output, "bhxh", "2024");
    for cell in ["change=", "growth_percent=", "as_of=", "estimate=true"] {
        assert!(row.contains(&cell.to_string()), "{cell} not in {row:?}");
    }
}

#[test]
fn a_figure_taken_before_the_year_ended_judges_no_target_of_that_year() {
    let site = nghe_an();
    edit(
        site.path(),
        "content/plans/muc-tieu-2025.md",
        "[[target]]\nindicator = \"bao_phu_bhyt\"",
        "[[target]]\nindicator = \"bao_phu_bhyt\"\nyear = 2023\nvalue = 90\ncomparison = \"at_least\"\nprinted = \"90%\"\n\n[[target]]\nindicator = \"bao_phu_bhyt\"",
    );
    let (_out, output, _) = built(site.path());
    let targets = read(&output, "du-lieu/muc-tieu.csv");
    let row = targets
        .lines()
        .find(|l| l.contains("bao_phu_bhyt") && l.contains(",2023,at_least,"))
        .unwrap_or_else(|| panic!("{targets}"));
    // 92,34% at 30 April 2023 is above 90%, but the year had not ended: not judged.
    assert!(
        row.ends_with(",no_data") || row.ends_with(",no_figure_for_target_year"),
        "{row}"
    );
}

#[test]
fn a_rate_series_with_a_plan_that_no_indicator_reads_gets_its_own_block() {
    let site = nghe_an();
    append(
        site.path(),
        "data/series.toml",
        "\n[[series]]\nid = \"hai_long\"\nname_vi = \"Mức độ hài lòng\"\nname_en = \"Satisfaction\"\nkind = \"percent\"\nunit_vi = \"%\"\nunit_en = \"%\"\n",
    );
    append(
        site.path(),
        "data/figures/2024.toml",
        "\n[[figure]]\nregion = \"nghe-an\"\nseries = \"hai_long\"\nactual = 88.5\nplan = 85\nsource = \"bna-2024-12\"\n",
    );
    let (_out, output, _) = built(site.path());
    let vi = page_text(&read(&output, "vung/nghe-an/index.html"));
    assert!(vi.contains("88,5% 85% vượt 3,50 điểm %"), "{vi}");
    let row = dataset_row(&output, "hai_long", "2024");
    assert!(row.contains(&"plan_gap_points=3.50".to_string()), "{row:?}");
}

#[test]
fn a_published_rate_its_own_figures_contradict_is_warned_at_its_line() {
    let site = common::example_site();
    // Hướng Hóa 2019: 5.122 of 49.923 is 10,26%.
    append(
        site.path(),
        "data/figures/2019.toml",
        "\n[[figure]]\nregion = \"huong-hoa\"\nindicator = \"bao_phu_bhxh\"\nvalue = 10.5\nsource = \"kh-huong-hoa-2020\"\n",
    );
    let (_out, output, warnings) = built(site.path());
    let (line, _) = common::line_col(
        site.path(),
        "data/figures/2019.toml",
        "indicator = \"bao_phu_bhxh\"\nvalue = 10.5",
    );
    let warning = warnings
        .iter()
        .find(|w| w.contains("publishes 10.5% but its figures give 10.26%"))
        .unwrap_or_else(|| panic!("{warnings:?}"));
    assert!(
        warning.contains(&format!("2019.toml:{}", line - 1)),
        "{warning}"
    );
    let vi = page_text(&read(&output, "vung/huong-hoa/index.html"));
    assert!(vi.contains("10,26% nguồn công bố 10,5%"), "{vi}");

    // Published as the figures give it, rounded: no warning.
    edit(
        site.path(),
        "data/figures/2019.toml",
        "value = 10.5",
        "value = 10.3",
    );
    let (_out, _, warnings) = built(site.path());
    assert!(
        !warnings.iter().any(|w| w.contains("publishes")),
        "{warnings:?}"
    );
}
