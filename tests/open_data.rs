//! Open data: every page's CSV and JSON hold exactly the numbers the page shows, and the data
//! package describes the whole dataset with files that exist.

mod common;

use common::{built, page_text, read};
use std::fs;
use std::path::Path;

/// A CSV file as rows of cells (RFC 4180 quoting), after checking it opens in Excel as UTF-8.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let body = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark, so that Excel reads UTF-8");
    assert!(body.ends_with("\r\n"), "CRLF line ends");
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    rows
}

/// "1234567.5" as a Vietnamese page writes it: "1.234.567,5"; "-12" → "−12".
fn vietnamese(plain: &str) -> String {
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => ("−", rest),
        None => ("", plain),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

fn signed(plain: &str) -> String {
    let v = vietnamese(plain);
    if plain.starts_with('-') || plain.trim_start_matches(['0', '.']).is_empty() {
        v
    } else {
        format!("+{v}")
    }
}

/// The text of the table row for `year` in the element with id `section`.
fn row_text(html: &str, section: &str, year: &str) -> String {
    let start = html
        .find(&format!("id=\"{section}\""))
        .unwrap_or_else(|| panic!("no section {section}"));
    let rest = &html[start..];
    let rest = &rest[..rest.find("</section>").unwrap_or(rest.len())];
    let row = rest
        .find(&format!("<th scope=\"row\">{year}</th>"))
        .unwrap_or_else(|| panic!("{section}: no row {year}"));
    let row = &rest[row..];
    page_text(&row[..row.find("</tr>").unwrap()])
}

fn qualifier_mark(q: &str) -> &'static str {
    match q {
        "about" => "≈ ",
        "more_than" => "> ",
        "less_than" => "< ",
        "" => "",
        other => panic!("unknown qualifier {other}"),
    }
}

/// Pages with a data download, and the folder of each.
fn data_pages(out: &Path) -> Vec<String> {
    let mut pages = Vec::new();
    for dir in ["vung", "chi-tieu"] {
        for entry in fs::read_dir(out.join(dir)).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            pages.push(format!("{dir}/{name}/"));
        }
    }
    pages.sort();
    pages
}

#[test]
fn every_download_holds_the_numbers_its_page_shows() {
    let (_tmp, out) = built();
    let mut checked = 0;
    for page in data_pages(&out) {
        let html = read(&out, &format!("{page}index.html"));
        assert!(
            html.contains(&format!("href=\"/{page}so-lieu.csv\"")),
            "{page} links its CSV"
        );
        assert!(html.contains(&format!("href=\"/{page}so-lieu.json\"")));
        let rows = parse_csv(&read(&out, &format!("{page}so-lieu.csv")));
        let header = &rows[0];
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&read(&out, &format!("{page}so-lieu.json"))).unwrap();
        let json_rows = json["rows"].as_array().unwrap();
        assert_eq!(json_rows.len(), rows.len() - 1, "{page}: JSON and CSV rows");
        for (row, j) in rows[1..].iter().zip(json_rows) {
            assert_eq!(row.len(), header.len(), "{page}: {row:?}");
            let get = |name: &str| row[col(name)].as_str();
            let (kind, id, region, year) = (
                get("kind"),
                get("measure_id"),
                get("region_code"),
                get("year"),
            );
            let section = if kind == "series" {
                format!("s-{id}")
            } else {
                format!("i-{id}-{region}")
            };
            let text = row_text(&html, &section, year);
            let percent = if get("unit") == "%" { "%" } else { "" };
            let value = get("value");
            if !value.is_empty() {
                let shown = format!(
                    "{}{}{percent}",
                    qualifier_mark(get("qualifier")),
                    vietnamese(value)
                );
                assert!(
                    text.contains(&shown),
                    "{page} {section} {year}: {shown:?} in {text:?}"
                );
                assert_eq!(
                    j["value"].as_f64().unwrap(),
                    value.parse::<f64>().unwrap(),
                    "{page}: JSON value"
                );
            } else {
                assert!(
                    text.contains("không có số liệu"),
                    "{page} {section} {year}: missing shown as missing"
                );
                assert!(j["value"].is_null());
            }
            for (name, suffix) in [
                ("plan", ""),
                ("attainment_percent", "%"),
                ("development_index_percent", "%"),
            ] {
                let v = get(name);
                if !v.is_empty() {
                    let shown = format!("{}{suffix}", vietnamese(v));
                    assert!(
                        text.contains(&shown),
                        "{page} {section} {year} {name}: {shown:?} in {text:?}"
                    );
                }
            }
            for (name, suffix) in [
                ("change", if percent.is_empty() { "" } else { " điểm %" }),
                ("growth_percent", "%"),
            ] {
                let v = get(name);
                if !v.is_empty() {
                    let mark = qualifier_mark(get("change_qualifier"));
                    let shown = format!("{mark}{}{suffix}", signed(v));
                    assert!(
                        text.contains(&shown),
                        "{page} {section} {year} {name}: {shown:?} in {text:?}"
                    );
                }
            }
            assert!(
                !get("source").is_empty() || value.is_empty(),
                "{page}: a figure without a source"
            );
            checked += 1;
        }
    }
    assert!(checked >= 80, "only {checked} rows checked");
}

#[test]
fn the_worked_example_reaches_the_download_unchanged() {
    let (_tmp, out) = built();
    let rows = parse_csv(&read(&out, "vung/huong-hoa/so-lieu.csv"));
    let line = |id: &str, year: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r[3] == id && r[6] == year)
            .unwrap_or_else(|| panic!("no {id} {year}"))
            .clone()
    };
    // region, kind, id, …, year, value, qualifier, plan, attainment, change, its qualifier,
    // growth, index
    let bhxh = line("bhxh", "2019");
    assert_eq!(
        &bhxh[7..15],
        ["5122", "", "5454", "93.91", "307", "", "6.38", "106.38"]
    );
    assert_eq!(bhxh[5], "người");
    assert_eq!(line("bao_phu_bhxh", "2019")[7], "10.26");
    assert_eq!(line("bao_phu_bhxh", "2019")[5], "%");
    // Vietnamese letters arrive intact.
    assert_eq!(bhxh[1], "Hướng Hóa");
    assert!(bhxh[15].contains("Hướng Hóa năm 2020"));
}

#[test]
fn the_data_package_describes_files_that_exist() {
    let (_tmp, out) = built();
    let dir = out.join("du-lieu");
    let package: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("datapackage.json")).unwrap()).unwrap();
    // Required by the Data Package specification: a non-empty list of resources, each with a
    // name of lower-case letters, digits, `-`, `_` or `.` and a path (or inline data).
    let resources = package["resources"].as_array().expect("resources");
    assert!(!resources.is_empty());
    let types = [
        "string",
        "number",
        "integer",
        "boolean",
        "object",
        "array",
        "date",
        "time",
        "datetime",
        "year",
        "yearmonth",
        "duration",
        "geopoint",
        "geojson",
        "any",
    ];
    for r in resources {
        let name = r["name"].as_str().expect("resource name");
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c)),
            "{name}"
        );
        let path = r["path"].as_str().expect("resource path");
        assert!(
            !path.starts_with('/') && !path.contains(".."),
            "a relative path: {path}"
        );
        let text = fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        let rows = parse_csv(&text);
        let fields = r["schema"]["fields"].as_array().expect("a table schema");
        let names: Vec<&str> = fields.iter().map(|f| f["name"].as_str().unwrap()).collect();
        assert_eq!(rows[0], names, "{path}: header and schema agree");
        for f in fields {
            let kind = f["type"].as_str().unwrap();
            assert!(types.contains(&kind), "{kind}");
            assert!(!f["description"].as_str().unwrap_or("").is_empty());
        }
        for row in &rows[1..] {
            assert_eq!(row.len(), names.len(), "{path}: {row:?}");
            for (cell, f) in row.iter().zip(fields) {
                match f["type"].as_str().unwrap() {
                    "number" if !cell.is_empty() => {
                        assert!(cell.parse::<f64>().is_ok(), "{path}: {cell}")
                    }
                    "year" if !cell.is_empty() => {
                        assert!(cell.parse::<i32>().is_ok(), "{path}: {cell}")
                    }
                    _ => {}
                }
            }
        }
        assert!(rows.len() > 1, "{path} has rows");
    }
    let licences = package["licenses"].as_array().expect("a licence");
    assert!(licences
        .iter()
        .all(|l| l["name"].is_string() || l["path"].is_string()));
    assert!(package["sources"].as_array().is_some_and(|s| !s.is_empty()));

    // The whole dataset is every region page's rows together.
    let all = parse_csv(&fs::read_to_string(dir.join("bao-phu.csv")).unwrap());
    let mut pages = 0;
    for page in data_pages(&out).iter().filter(|p| p.starts_with("vung/")) {
        pages += parse_csv(&read(&out, &format!("{page}so-lieu.csv"))).len() - 1;
    }
    assert_eq!(all.len() - 1, pages);
    // Every target of every plan, with its status.
    let targets = parse_csv(&fs::read_to_string(dir.join("muc-tieu.csv")).unwrap());
    let status = targets[0].iter().position(|h| h == "status").unwrap();
    assert!(targets[1..].iter().any(|r| r[status] == "on_track"));
    assert!(targets[1..].iter().any(|r| r[status] == "missed"));
    // The open-data page links the files and the package.
    let html = read(&out, "du-lieu/index.html");
    for file in ["bao-phu.csv", "muc-tieu.csv", "datapackage.json"] {
        assert!(
            html.contains(&format!("href=\"/du-lieu/{file}\"")),
            "{file}"
        );
    }
}

#[test]
fn targets_not_judged_are_counted_and_downloaded_as_their_rows_say() {
    let (_dir, out) = built();
    let rows = parse_csv(&read(&out, "du-lieu/muc-tieu.csv"));
    let status = rows[0].iter().position(|c| c == "status").unwrap();
    let count = |word: &str| rows[1..].iter().filter(|r| r[status] == word).count();
    // The home page's badges, summed over plans, by label.
    let home = page_text(&read(&out, "index.html"));
    let badges = |label: &str| -> usize {
        home.split(&format!("{label}: "))
            .skip(1)
            .map(|rest| rest.split(' ').next().unwrap().parse::<usize>().unwrap())
            .sum()
    };
    assert!(count("no_data") > 0 && count("no_figure_for_target_year") > 0);
    assert_eq!(badges("Chưa có số liệu"), count("no_data"));
    assert_eq!(
        badges("Không có số liệu năm mục tiêu"),
        count("no_figure_for_target_year")
    );
    // A row that says "no figure for 2022" on its page is not "not measurable" in the file.
    let plans_text: String = fs::read_dir(out.join("ke-hoach"))
        .unwrap()
        .map(|e| e.unwrap().path().join("index.html"))
        .filter(|p| p.is_file())
        .map(|p| page_text(&fs::read_to_string(p).unwrap()))
        .collect();
    let rows_saying_so = plans_text
        .split("Không có số liệu năm ")
        .skip(1)
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .count();
    assert_eq!(rows_saying_so, count("no_figure_for_target_year"));
}
