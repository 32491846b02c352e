//! Figures saved from Excel as CSV: the build reads them directly, and they give the same site
//! as the same figures in TOML.

mod common;

use common::{build, example_site, snapshot};
use std::fs;
use std::path::Path;

/// A number as Excel writes it in a Vietnamese locale (`1.234.567`, `93,9`) or plainly.
fn excel_number(v: &toml::Value, vietnamese: bool) -> String {
    let text = match v {
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(f) => f.to_string(),
        other => panic!("not a number: {other}"),
    };
    if !vietnamese {
        return text;
    }
    common::vietnamese_number(&text)
}

/// A cell quoted as Excel quotes it, when it has to be.
fn cell(text: &str, sep: char) -> String {
    if text.contains(sep) || text.contains('"') || text.contains('\n') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Replaces every `data/figures/*.toml` of the site with one CSV file of all years, columns in
/// another order than the TOML keys, as an editor's spreadsheet would have them.
fn figures_to_csv(root: &Path, sep: char, vietnamese: bool, bom: bool, eol: &str) {
    let columns = [
        "year",
        "region",
        "series",
        "actual",
        "plan",
        "qualifier",
        "source",
        "plan_source",
        "note",
    ];
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    out.push_str(&columns.join(&sep.to_string()));
    out.push_str(eol);
    let dir = root.join("data/figures");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut rows = 0;
    for path in &files {
        let file: toml::Table = toml::from_str(&fs::read_to_string(path).unwrap()).unwrap();
        let year = file["year"].as_integer().unwrap();
        for figure in file["figure"].as_array().unwrap() {
            let figure = figure.as_table().unwrap();
            let cells: Vec<String> = columns
                .iter()
                .map(|&c| match (c, figure.get(c)) {
                    ("year", _) => year.to_string(),
                    ("actual" | "plan", Some(v)) => cell(&excel_number(v, vietnamese), sep),
                    (_, Some(v)) => cell(v.as_str().unwrap(), sep),
                    (_, None) => String::new(),
                })
                .collect();
            out.push_str(&cells.join(&sep.to_string()));
            out.push_str(eol);
            rows += 1;
        }
        fs::remove_file(path).unwrap();
    }
    assert!(
        rows > 50,
        "the example site has its figures in the CSV ({rows})"
    );
    fs::write(dir.join("so-lieu.csv"), out).unwrap();
}

#[test]
fn figures_from_csv_give_the_same_site_as_from_toml() {
    let out = tempfile::tempdir().unwrap();
    let from_toml = out.path().join("toml");
    build(&common::repo(), &from_toml, None).expect("the example site builds");
    let expected = snapshot(&from_toml);
    // Excel in a Vietnamese locale: `;`, 1.234,5, a byte-order mark and CRLF line ends; and a
    // plain export: `,` and 1234.5.
    for (sep, vietnamese, bom, eol) in [(';', true, true, "\r\n"), (',', false, false, "\n")] {
        let site = example_site();
        let root = site.path();
        figures_to_csv(root, sep, vietnamese, bom, eol);
        if !vietnamese {
            common::edit(
                root,
                "config.toml",
                "numbers = \"vi\"",
                "numbers = \"plain\"",
            );
        }
        let from_csv = out.path().join(format!("csv-{vietnamese}"));
        build(root, &from_csv, None).unwrap_or_else(|e| panic!("{e}"));
        let got = snapshot(&from_csv);
        assert_eq!(
            got.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            expected.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            "the same files"
        );
        for ((path, a), (_, b)) in got.iter().zip(&expected) {
            assert!(
                a == b,
                "{path} differs when the figures come from CSV ({sep})"
            );
        }
    }
}

#[test]
fn a_csv_in_the_wrong_number_style_is_refused_at_its_cell() {
    let site = example_site();
    let root = site.path();
    // Plain numbers, but the site declares the Vietnamese style (the default).
    fs::write(
        root.join("data/figures/2025.csv"),
        "region,series,year,actual,source\nvn,bhxh_bb,2025,12.5,bhxh-thong-ke-2015-2017\n",
    )
    .unwrap();
    let err = baophu::cmd::check::run(root).err().expect("an error");
    let e = err.flatten()[0];
    let pos = e.position().unwrap();
    assert_eq!((pos.line, pos.column), (2, 17), "{err}");
    assert!(e
        .to_string()
        .contains("`12.5` in the `actual` column is not a number written as declared"));
    assert!(e.to_string().contains("[csv] numbers = \"vi\""));
}

#[test]
fn a_bad_cell_does_not_hide_the_problems_of_other_rows() {
    let site = example_site();
    let root = site.path();
    fs::write(
        root.join("data/figures/2025.csv"),
        "region;series;year;actual;source\n\
         vn;bhxh_bb;2025;12,5,0;nld-2024\n\
         vm;bhxh_tn;2025;2.400.000;nld-2024\n",
    )
    .unwrap();
    let err = baophu::cmd::check::run(root).err().expect("errors");
    let all: Vec<String> = err.flatten().iter().map(|e| e.to_string()).collect();
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all[0].contains("2025.csv:2:") && all[0].contains("`12,5,0` in the `actual` column"));
    assert!(all[1].contains("2025.csv:3:1") && all[1].contains("unknown region `vm`"));
}
