//! Text an editor writes is text wherever it lands: a formula in a name is not run by a
//! spreadsheet opening the downloads, markup in a title does not break the feed.

mod common;

use common::{build, edit, example_site, read};

const FORMULA: &str = "=HYPERLINK(\"https://evil.example\",\"Bấm\")";

#[test]
fn names_that_look_like_formulas_are_text_in_every_download_and_titles_keep_the_feed_whole() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/regions.toml",
        "name_vi = \"Hướng Hóa\"",
        &format!("name_vi = '{FORMULA}'"),
    );
    edit(
        root,
        "content/plans/huong-hoa-2020.md",
        "short_title = \"Kế hoạch năm 2020 của huyện Hướng Hóa\"",
        "short_title = \"@SUM(1+1)\"",
    );
    edit(
        root,
        "content/plans/huong-hoa-2020.md",
        "title = \"Kế hoạch phát triển",
        "title = \"\\\"><y>&amp; <![CDATA[ Kế hoạch phát triển",
    );
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build(root, &output, Some("https://baophu.example.org/")).unwrap();

    let mut cells = 0;
    for entry in walkdir::WalkDir::new(&output) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "csv") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for line in text.lines() {
            // Every cell, quoted or not, as a spreadsheet reads its first character.
            for cell in line.split(',') {
                let cell = cell.trim_start_matches('"');
                assert!(
                    !cell.starts_with(['=', '+', '@']),
                    "{}: a cell a spreadsheet would run: {line}",
                    entry.path().display()
                );
            }
            cells += line.matches("'=HYPERLINK").count() + line.matches("'@SUM").count();
        }
    }
    assert!(
        cells > 10,
        "the names reach the downloads, defused ({cells} cells)"
    );
    assert!(read(&output, "vung/huong-hoa/so-lieu.csv").contains("'=HYPERLINK"));

    for feed in ["atom.xml", "en/atom.xml"] {
        let text = read(&output, feed);
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{feed}: {e}"));
        let titles: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("title"))
            .filter_map(|n| n.text())
            .collect();
        if feed == "atom.xml" {
            assert!(
                titles
                    .iter()
                    .any(|t| t.starts_with("\"><y>&amp; <![CDATA[")),
                "the title as written: {titles:?}"
            );
        }
    }
}
