//! Nothing an editor writes is lost: every value in the inputs (a figure's actual and plan, an
//! indicator's published value and plan, a target) is walked as the loader reads it, before
//! any check, and found in the whole-dataset download and on its region page; every target in
//! `muc-tieu.csv`. Run on the example site, the Nghệ An example and a generated site.

mod common;

use baophu::load::{self, data::RawFigure};
use common::{page_text, read, repo};
use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

/// The CSV rows of a download, each as its cells by column name.
fn rows(text: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

/// Two numbers equal to the precision the download writes (2 decimals for rates).
fn same(cell: &str, value: f64) -> bool {
    cell.parse::<f64>()
        .is_ok_and(|c| (c - value).abs() <= 0.005 + value.abs() * 1e-12)
}

/// A number as Vietnamese pages write it, grouped by points, a decimal comma, no trailing zeros
/// beyond what is needed (the pages may show more decimals: only this prefix is looked for).
fn vi(value: f64) -> String {
    common::vietnamese_number(&value.to_string())
}

/// Every value of the site at `root`, built into `output`, is in the downloads and pages.
fn nothing_lost(root: &Path) {
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    common::build_report(root, &output);
    let input = load::load(root).unwrap();
    let dataset = rows(&read(&output, "du-lieu/bao-phu.csv"));
    let targets = rows(&read(&output, "du-lieu/muc-tieu.csv"));
    let series_kind: HashMap<String, String> = input
        .series
        .data
        .series
        .iter()
        .map(|s| (s.id.get_ref().clone(), s.kind.get_ref().clone()))
        .collect();
    let mut pages: HashMap<String, String> = HashMap::new();
    let mut page = |region: &str| -> String {
        pages
            .entry(region.to_string())
            .or_insert_with(|| page_text(&read(&output, &format!("vung/{region}/index.html"))))
            .clone()
    };
    let mut checked = 0;
    for file in &input.figures {
        let year = file.data.year.get_ref().to_string();
        for f in &file.data.figure {
            let region = f.region.get_ref();
            let in_year =
                |r: &&HashMap<String, String>| r["region_code"] == *region && r["year"] == year;
            let candidates: Vec<&HashMap<String, String>> =
                dataset.iter().filter(in_year).collect();
            let (measure, percent) = measure_of(f, &series_kind);
            for (column, given) in [
                ("value", f.actual.as_ref().or(f.value.as_ref())),
                ("plan", f.plan.as_ref()),
            ] {
                let Some(v) = given.map(|v| *v.get_ref()) else {
                    continue;
                };
                // A rate series reaches the dataset as the indicator that restates it.
                let found = candidates.iter().any(|r| {
                    (r["measure_id"] == measure || (percent && r["kind"] == "indicator"))
                        && (same(&r[column], v)
                            || (column == "value" && same(&r["published_value"], v)))
                });
                assert!(
                    found,
                    "{region} {year} {measure} {column} = {v} is in no row of bao-phu.csv"
                );
                let text = page(region);
                assert!(
                    text.contains(&vi(v)),
                    "{region} {year} {measure} {column} = {v} ({}) is not on its page",
                    vi(v)
                );
                checked += 1;
            }
        }
    }
    for plan in &input.plans {
        for t in &plan.front.target {
            let t = t.get_ref();
            let v = *t.value.get_ref();
            // A yearly target over a span is one target a year.
            let years: Vec<i32> = match (&t.year, &t.every_year_from, &t.every_year_to) {
                (Some(y), _, _) => vec![*y.get_ref()],
                (None, Some(a), Some(b)) => (*a.get_ref()..=*b.get_ref()).collect(),
                _ => panic!("{}: a target without a year", plan.slug),
            };
            for year in years {
                let found = targets.iter().any(|r| {
                    r["plan_slug"] == plan.slug
                        && r["year"] == year.to_string()
                        && same(&r["target"], v)
                });
                assert!(
                    found,
                    "{} target {v} for {year} is not in muc-tieu.csv",
                    plan.slug
                );
            }
            let text = page_text(&read(
                &output,
                &format!("ke-hoach/{}/index.html", plan.slug),
            ));
            assert!(
                text.contains(&vi(v)),
                "{} target {v} is not on its page",
                plan.slug
            );
            checked += 1;
        }
    }
    assert!(checked > 0);
}

/// What a figure gives, and whether it is a rate series (shown through an indicator).
fn measure_of(f: &RawFigure, kinds: &HashMap<String, String>) -> (String, bool) {
    match (&f.series, &f.indicator) {
        (Some(s), _) => (
            s.get_ref().clone(),
            kinds.get(s.get_ref()).is_some_and(|k| k == "percent"),
        ),
        (None, Some(i)) => (i.get_ref().clone(), false),
        (None, None) => panic!("a figure without series or indicator"),
    }
}

#[test]
fn every_value_of_the_example_site_reaches_the_downloads_and_pages() {
    nothing_lost(&repo());
}

#[test]
fn every_value_of_the_nghe_an_example_reaches_the_downloads_and_pages() {
    let site = common::nghe_an_site();
    nothing_lost(site.path());
}

#[test]
fn every_value_of_a_generated_site_reaches_the_downloads_and_pages() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    let status = Command::new("python3")
        .arg(repo().join("benches/national/generate.py"))
        .args(["--size", "60", "--seed", "5", "--out"])
        .arg(&root)
        .status()
        .expect("python3 runs the generator");
    assert!(status.success());
    nothing_lost(&root);
}
