//! End to end: build the example site into a temporary folder and read the pages.

mod common;

use common::{build, build_report, built, edit, example_site, page_text, read, snapshot};
use std::fs;
use std::path::Path;

#[test]
fn huong_hoa_page_shows_the_worked_example_in_vietnamese_format() {
    let (_tmp, out) = built();
    let text = page_text(&read(&out, "vung/huong-hoa/index.html"));
    // Rows of the series tables: year, actual, plan, attainment, increase, growth, development index.
    for row in [
        "2019 5.122 5.454 93,91% +307 +6,38% 106,38%",
        "2019 4.844 4.826 100,37% +144 +3,06% 103,06%",
        "2019 278 628 44,27% +163 +141,74% 241,74%",
        "2019 3.871 3.851 100,52% +190 +5,16% 105,16%",
    ] {
        assert!(text.contains(row), "missing row {row:?}");
    }
    // Indicator tables: year and value.
    for value in [
        "2019 10,26%",
        "2019 89,70%",
        "2019 0,62%",
        "2019 7,75%",
        "2019 87,44%",
    ] {
        assert!(text.contains(value), "missing {value:?}");
    }
    // A missing figure is shown as missing, never as 0.
    assert!(
        text.contains("2020 — không có số liệu 6.450"),
        "2020 actual must be missing"
    );
    // Every figure row names its source.
    assert!(text.contains(
        "Kế hoạch phát triển đối tượng tham gia BHXH, BHTN trên địa bàn huyện Hướng Hóa năm 2020"
    ));
}

#[test]
fn a_region_page_lists_every_target_set_for_it() {
    let (_tmp, out) = built();
    let html = read(&out, "vung/huong-hoa/index.html");
    let table = html
        .split("<table class=\"targets\">")
        .nth(1)
        .expect("a targets table");
    let table = table.split("</table>").next().unwrap();
    let plan =
        std::fs::read_to_string(common::repo().join("content/plans/huong-hoa-2020.md")).unwrap();
    assert_eq!(
        table.matches("<span class=\"status status-").count(),
        plan.matches("[[target]]").count()
    );
    let table = page_text(table);
    assert!(
        table.contains("Người tham gia BHXH 2020 ≥ 6.450 5.122 (2019) ? Không có số liệu năm 2020 Còn cách: 1.328 Cách tính Văn bản ghi: 6.450 người Số gốc 4.815 (2018) · Kế hoạch phát triển đối tượng tham gia BHXH, BHTN trên địa bàn huyện Hướng Hóa năm 2020 Năm gốc của văn bản là 2019; số liệu năm đó là số mới nhất, nên xu hướng tính từ 2018"),
        "{table}"
    );
}

#[test]
fn former_units_say_what_they_became() {
    let (_tmp, out) = built();
    for (page, became) in [
        ("vung/huong-hoa/index.html", "vung/quang-tri-2025/"),
        ("vung/hai-duong/index.html", "vung/hai-phong-2025/"),
    ] {
        let html = read(&out, page);
        assert!(
            html.contains("không còn tồn tại từ sau ngày 30/06/2025"),
            "{page}"
        );
        assert!(
            html.contains(&format!("Nay thuộc: <a href=\"/{became}\">")),
            "{page}"
        );
    }
    let new = read(&out, "vung/quang-tri-2025/index.html");
    let formed = new
        .split("Hình thành từ:")
        .nth(1)
        .expect("the new unit lists its predecessors");
    let formed = formed.split("</p>").next().unwrap();
    for old in ["quang-tri", "quang-binh", "huong-hoa"] {
        assert!(
            formed.contains(&format!("<a href=\"/vung/{old}/\">")),
            "{formed}"
        );
    }
}

#[test]
fn national_page_shows_the_national_series() {
    let (_tmp, out) = built();
    let text = page_text(&read(&out, "vung/vn/index.html"));
    for expected in [
        "2015 12.072.860",            // compulsory
        "2016 203.871 −13.798",       // voluntary fell in 2016
        "2020 > 1.120.000",           // a "more than" figure keeps its sign
        "2024 95.520.000 +2.213.000", // health insurance
        "2015 12.290.529",            // total, summed from its parts
        "2024 42,71% +3,46 điểm %",   // published coverage rate and its change
        "2019 ≈ 90%",                 // as the source gives it: about 90, not 90,00
        // Between two "more than" figures the change is unknown, not approximate.
        "2021 > 1.450.000 — không có số liệu — không có số liệu",
        // Exact minus "more than": at most.
        "2022 91.100.000 < +2.300.000 < +2,59%",
    ] {
        assert!(text.contains(expected), "missing {expected:?}");
    }
}

#[test]
fn every_plan_page_shows_its_targets_with_a_status() {
    let (_tmp, out) = built();
    let plans = fs::read_dir(common::repo().join("content/plans")).unwrap();
    let mut checked = 0;
    for entry in plans {
        let path = entry.unwrap().path();
        let source = fs::read_to_string(&path).unwrap();
        // A yearly target over a span is one row per year.
        let year_of = |block: &str, key: &str| -> Option<i32> {
            block
                .lines()
                .find_map(|l| l.strip_prefix(key))
                .map(|v| v.trim_start_matches([' ', '=']).trim().parse().unwrap())
        };
        let targets: usize = source
            .split("[[target]]")
            .skip(1)
            .map(|block| {
                match (
                    year_of(block, "every_year_from"),
                    year_of(block, "every_year_to"),
                ) {
                    (Some(from), Some(to)) => (to - from + 1) as usize,
                    _ => 1,
                }
            })
            .sum();
        let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
        let html = read(&out, &format!("ke-hoach/{slug}/index.html"));
        let rows = html
            .split("<table class=\"targets\">")
            .nth(1)
            .map_or(0, |t| {
                t.split("</table>")
                    .next()
                    .unwrap()
                    .matches("<span class=\"status status-")
                    .count()
            });
        assert_eq!(rows, targets, "{slug}: one status per target");
        let tasks = source.matches("[[task]]").count();
        let task_rows = html.split("<table class=\"tasks\">").nth(1).map_or(0, |t| {
            t.split("</table>")
                .next()
                .unwrap()
                .matches("<tr><td>")
                .count()
        });
        assert_eq!(task_rows, tasks, "{slug}: one row per task");
        checked += 1;
    }
    assert!(checked >= 5, "the five seed plans are in content/plans");
}

#[test]
fn statuses_follow_the_figures() {
    let (_tmp, out) = built();
    let text = page_text(&read(&out, "ke-hoach/nq-28-tw-2018/index.html"));
    // Rows: year, target, latest figure (year), status and the distance to go; then, under
    // "Cách tính", the target as printed, the base and latest figures' sources, R and the linear
    // ratio.
    // 2021: 33,77% published against "khoảng 35%" → reached approximately (within 5% of 35%);
    // 2025: on track from 24,8% (2015) to 42,71% (2024).
    // Published rates keep the precision the sources give them.
    assert!(
        text.contains("2021 ≈ 35% 33,77% (2021) ✔ Đạt xấp xỉ Còn cách: đã đạt Cách tính Văn bản ghi: khoảng 35% Số gốc — không có số liệu Số mới nhất Kết quả năm 2021 (BHXH Việt Nam, tin ItemID=10199)"),
        "{text}"
    );
    assert!(
        text.contains("2025 ≈ 45% 42,71% (2024) ↗ Đúng lộ trình Còn cách: 2,29 điểm % Cách tính Văn bản ghi: khoảng 45% Số gốc 24,8% (2015) · Viet Nam: extending social insurance coverage (good practice 212207) Năm gốc của văn bản là 2018 nhưng chưa có số liệu năm đó; tiến độ tính từ 2015 Số mới nhất Kết quả năm 2024 (Người Lao Động) Tiến độ Đã đi 89% quãng đường từ số gốc đến mục tiêu; theo lộ trình đến mục tiêu, lúc này cần 87% Tỷ số tiến độ R = 1,01; tuyến tính 0,99"),
        "{text}"
    );
    // Hướng Hóa's 2020 targets: the data reach 2024 but have no 2020 figure for the district, so
    // the status says so; the trajectory 2018→2019 stays as the two ratios.
    let text = page_text(&read(&out, "ke-hoach/huong-hoa-2020/index.html"));
    assert!(
        text.contains("Người tham gia BHXH 2020 ≥ 6.450 5.122 (2019) ? Không có số liệu năm 2020 Còn cách: 1.328 Cách tính Văn bản ghi: 6.450 người Số gốc 4.815 (2018) · Kế hoạch phát triển đối tượng tham gia BHXH, BHTN trên địa bàn huyện Hướng Hóa năm 2020 Năm gốc của văn bản là 2019; số liệu năm đó là số mới nhất, nên xu hướng tính từ 2018"),
        "{text}"
    );
    assert!(
        text.contains(
            "Xu hướng đến 2019: Tiến triển hạn chế Tỷ số tiến độ R = 0,41; tuyến tính 0,38"
        ),
        "{text}"
    );
    let text = page_text(&read(&out, "ke-hoach/1279-kh-bhxh-2017/index.html"));
    // Voluntary participants grew 11,59% in 2017 (target 30%) and more than doubled in 2020.
    assert!(
        text.contains("2017 Một năm của mục tiêu hằng năm 2017–2020 ≥ 30,00%"),
        "{text}"
    );
    assert!(text.contains("11,59% (2017)"), "{text}");
    // 2020's figure is "more than 1.120.000", so the growth is "more than" too.
    assert!(text.contains("> 103,27% (2020)"), "{text}");
}

#[test]
fn charts_are_well_formed_accessible_svg_with_a_table_beside_them() {
    let (_tmp, out) = built();
    let mut charts = 0;
    for (path, bytes) in snapshot(&out) {
        // Embed pages hold one chart with a link to its data and to the page with the table.
        if !path.ends_with(".html") || path.contains("/nhung/") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<svg") {
            let end = rest[start..].find("</svg>").unwrap() + start + 6;
            let svg = &rest[start..end];
            let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{path}: {e}"));
            let root = doc.root_element();
            assert_eq!(root.attribute("role"), Some("img"));
            assert!(root.attribute("viewBox").is_some() && root.attribute("width").is_none());
            let title = root
                .children()
                .find(|n| n.has_tag_name("title"))
                .expect("title");
            assert!(!title.text().unwrap_or("").is_empty());
            assert!(root.children().any(|n| n.has_tag_name("desc")));
            // Labels name the font they were measured with, which the site itself serves.
            assert!(
                !svg.contains("font-family=\"sans-serif\""),
                "{path}: system font"
            );
            // The table of the chart's data follows it in the same section.
            let after = &rest[end..];
            let table = after.find("<table");
            let section_end = after.find("</section>").unwrap_or(after.len());
            assert!(
                table.is_some_and(|t| t < section_end),
                "{path}: chart without table: {}",
                title.text().unwrap_or("")
            );
            charts += 1;
            rest = &rest[end..];
        }
    }
    assert!(charts > 20, "only {charts} charts");
    let css = read(&out, "static/style.css");
    assert!(css.contains("url(\"fonts/dejavu-sans-vi.woff2\")"));
    let font = fs::read(out.join("static/fonts/dejavu-sans-vi.woff2")).unwrap();
    assert_eq!(&font[..4], b"wOF2");
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&common::repo(), &a, None).unwrap();
    build(&common::repo(), &b, None).unwrap();
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.len() > 30);
    assert!(sa == sb, "outputs differ");
}

#[test]
fn a_failed_build_leaves_the_previous_output_in_place() {
    let site = example_site();
    let root = site.path();
    let output = root.join("public");
    build(root, &output, None).unwrap();
    let before = snapshot(&output);
    common::edit(
        root,
        "data/figures/2019.toml",
        "actual = 4844",
        "actual = -4844",
    );
    assert!(build(root, &output, None).is_err());
    assert!(snapshot(&output) == before, "the old site must stay");
    // Nothing half-written is left beside it.
    let leftovers: Vec<_> = fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_folder_baophu_did_not_write_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let output = tmp.path().join("docs");
    fs::create_dir_all(&output).unwrap();
    fs::write(output.join("notes.txt"), "mine").unwrap();
    let err = build(&common::repo(), &output, None).unwrap_err();
    assert!(
        err.to_string().contains("was not written by baophu"),
        "{err}"
    );
    assert_eq!(
        fs::read_to_string(output.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn links_follow_the_base_url() {
    let tmp = tempfile::tempdir().unwrap();
    let output = tmp.path().join("out");
    build(
        &common::repo(),
        &output,
        Some("https://example.org/bao-phu/"),
    )
    .unwrap();
    let html = read(&output, "index.html");
    assert!(html.contains("href=\"/bao-phu/static/style.css\""));
    assert!(html.contains("href=\"/bao-phu/vung/quang-tri/\""));
    let region = read(&output, "vung/quang-tri/index.html");
    assert!(region.contains("href=\"/bao-phu/vung/huong-hoa/\""));
    assert!(!html.contains("href=\"/vung/"));
}

#[test]
fn the_command_line_builds_and_checks() {
    let site = example_site();
    let root = site.path();
    let bin = env!("CARGO_BIN_EXE_baophu");
    let check = std::process::Command::new(bin)
        .args(["check", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(!root.join("public").exists(), "check writes nothing");
    let build = std::process::Command::new(bin)
        .args(["build", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(root.join("public/index.html").is_file());
    assert!(root.join("public/404.html").is_file());
    assert!(root.join("public/phuong-phap/index.html").is_file());
}

#[test]
fn every_internal_link_leads_to_a_page_and_ids_are_unique() {
    let (_tmp, out) = built();
    let mut links = 0;
    for (path, bytes) in snapshot(&out) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let mut ids = std::collections::HashSet::new();
        for part in html.split(" id=\"").skip(1) {
            let id = part.split('"').next().unwrap();
            assert!(ids.insert(id.to_string()), "{path}: duplicate id {id}");
        }
        for part in html.split("href=\"").skip(1) {
            let href = part.split('"').next().unwrap();
            let Some(target) = href.strip_prefix('/') else {
                continue;
            };
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let file = if file.is_empty() || file.ends_with('/') {
                format!("{file}index.html")
            } else {
                file.to_string()
            };
            assert!(out.join(&file).is_file(), "{path}: broken link {href}");
            if !fragment.is_empty() {
                let linked = fs::read_to_string(out.join(&file)).unwrap();
                assert!(
                    linked.contains(&format!("id=\"{fragment}\"")),
                    "{path}: no anchor {href}"
                );
            }
            links += 1;
        }
    }
    assert!(links > 100, "only {links} links checked");
}

#[test]
fn init_creates_a_site_that_builds_with_the_default_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("new-site");
    baophu::cmd::init::run(&root).unwrap();
    // The theme it writes is the repository's default theme, file for file.
    let theme = snapshot(&root.join("themes/default"));
    let repo_theme: Vec<(String, Vec<u8>)> = snapshot(&common::repo().join("themes/default"))
        .into_iter()
        .filter(|(p, _)| !p.starts_with("fonts/"))
        .collect();
    assert_eq!(theme, repo_theme, "init writes the default theme as it is");
    let report = baophu::cmd::check::run(&root).unwrap();
    assert_eq!((report.regions, report.plans, report.targets), (1, 1, 1));
    let out = tmp.path().join("public");
    build(&root, &out, None).unwrap();
    for page in [
        "index.html",
        "vung/tinh-moi/index.html",
        "ke-hoach/ke-hoach-mau/index.html",
        "chi-tieu/bao_phu_bhxh/index.html",
        "en/vung/tinh-moi/index.html",
    ] {
        assert!(out.join(page).is_file(), "{page}");
    }
    assert!(page_text(&read(&out, "vung/tinh-moi/index.html")).contains("Tỉnh Mới"));
    // It never writes over a folder that has files.
    assert!(baophu::cmd::init::run(&root).is_err());
}

#[test]
fn a_rebuild_keeps_unchanged_regions_and_gives_the_site_a_fresh_build_gives() {
    let site = example_site();
    let root = site.path();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let run = |output: &Path| build_report(root, output);
    let regions = baophu::cmd::prepare(root).unwrap().0.regions.len();
    assert_eq!(
        run(&output).regions_kept,
        0,
        "a cold build renders everything"
    );
    let written_at = |p: &str| fs::metadata(output.join(p)).unwrap().modified().unwrap();
    let before = written_at("chi-tieu/bao_phu_bhxh/index.html");
    assert_eq!(
        run(&output).regions_kept,
        regions,
        "nothing changed: every region kept"
    );
    // Nothing changed at all: the output is left as it is, not written again.
    assert_eq!(written_at("chi-tieu/bao_phu_bhxh/index.html"), before);
    // One figure of one district: only that region's pages are rendered again.
    edit(
        root,
        "data/figures/2019.toml",
        "actual = 49923",
        "actual = 51234",
    );
    assert_eq!(run(&output).regions_kept, regions - 1);
    let fresh = out.path().join("fresh");
    run(&fresh);
    assert!(
        snapshot(&output) == snapshot(&fresh),
        "the kept and re-rendered pages are the site a fresh build gives"
    );
    // Anything else changed (a plan's text): everything is rendered again.
    edit(
        root,
        "content/plans/huong-hoa-2020.md",
        "## Kết quả năm 2019",
        "## Kết quả 2019",
    );
    assert_eq!(run(&output).regions_kept, 0);
}

#[test]
fn the_distance_to_a_target_is_unsigned_and_a_reached_target_says_so() {
    let (_dir, out) = built();
    let mut distances = 0;
    let mut reached = 0;
    for (page, label, reached_text) in [
        ("vung/vn/index.html", "<small>Còn cách: ", "đã đạt"),
        ("en/vung/vn/index.html", "<small>Gap: ", "reached"),
    ] {
        let html = read(&out, page);
        for cell in html.split(label).skip(1) {
            let text = &cell[..cell.find("</small>").unwrap()];
            assert!(
                !text.starts_with(['+', '−', '-']),
                "{page}: a signed distance {text:?}"
            );
            distances += usize::from(!text.is_empty());
            reached += usize::from(text == reached_text);
        }
    }
    assert!(
        distances > 4 && reached >= 2,
        "{distances} distances, {reached} reached"
    );
}

#[test]
fn an_indicator_page_lists_the_targets_of_regions_without_figures_yet() {
    let (_dir, out) = built();
    let text = page_text(&read(&out, "chi-tieu/bao_phu_bhxh/index.html"));
    // Sơn La's 1436/QĐ-UBND sets 15% for 2020; Sơn La has no figure for it in the example.
    let son_la = text.find("Mục tiêu: Tỷ lệ lực lượng lao động tham gia BHXH – Sơn La");
    let son_la = &text[son_la.expect("Sơn La's targets")..];
    assert!(son_la.contains("1436/QĐ-UBND Tỷ lệ lực lượng lao động tham gia BHXH 2020 ≥ 15,00%"));
    assert!(text.contains("Mục tiêu: Tỷ lệ lực lượng lao động tham gia BHXH – Hải Dương"));
}

#[test]
fn targets_read_as_their_documents_word_them() {
    let (_dir, out) = built();
    // Resolution 28: "khoảng 35%" in 2021, reached at 33,77% within the 5% tolerance.
    let nq28 = page_text(&read(&out, "ke-hoach/nq-28-tw-2018/index.html"));
    assert!(
        nq28.contains("2021 ≈ 35% 33,77% (2021)") && nq28.contains("Văn bản ghi: khoảng 35%"),
        "the target as the document words it"
    );
    let row = &nq28[nq28.find("2021 ≈ 35%").unwrap()..];
    let row = &row[..row.find("Tỷ lệ").unwrap_or(row.len())];
    assert!(
        row.contains("33,77% (2021)") && row.contains("Đạt xấp xỉ"),
        "{row}"
    );
    // 1279: "trên 70%" is above 70%, not at least.
    let kh1279 = page_text(&read(&out, "ke-hoach/1279-kh-bhxh-2017/index.html"));
    assert!(
        kh1279.contains("2017 > 70,0%") && kh1279.contains("Văn bản ghi: trên 70%"),
        "the 1279 row"
    );
    // The methodology page states the rule and its tolerance.
    let method = page_text(&read(&out, "phuong-phap/index.html"));
    assert!(method.contains("không quá 5,0% của giá trị đó"), "{method}");
}

#[test]
fn a_build_whose_output_is_not_a_terminal_prints_no_progress_line() {
    let out = tempfile::tempdir().unwrap();
    let site = example_site();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_baophu"))
        .args(["build", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(out.path().join("public"))
        .output()
        .unwrap();
    assert!(run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    let stdout = String::from_utf8_lossy(&run.stdout);
    for text in [&stderr, &stdout] {
        assert!(
            !text.contains("dựng trang:") && !text.contains('\r') && !text.contains("\u{1b}["),
            "{text}"
        );
    }
}

#[test]
fn the_distance_to_a_target_keeps_the_qualifier_of_the_figure_it_is_taken_from() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/figures/2024.toml",
        "actual = 42.71\nsource = \"nld-2024\"",
        "actual = 42.71\nqualifier = \"about\"\nsource = \"nld-2024\"",
    );
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build(root, &output, None).unwrap();
    let text = page_text(&read(&output, "ke-hoach/nq-28-tw-2018/index.html"));
    assert!(text.contains("≈ 42,71% (2024)"), "the latest figure");
    assert!(
        text.contains("≈ 2,29 điểm %"),
        "the distance to 45% from ≈ 42,71%"
    );
    let all = read(&output, "du-lieu/muc-tieu.csv");
    assert!(
        all.lines()
            .any(|l| l.contains(",2025,about,45,") && l.contains(",42.71,about,")),
        "the download says the latest figure is about"
    );
}

#[test]
fn a_target_row_says_why_progress_is_measured_from_another_year_than_the_documents() {
    let (_dir, out) = built();
    let hh = page_text(&read(&out, "ke-hoach/huong-hoa-2020/index.html"));
    assert!(hh.contains(
        "4.815 (2018) · Kế hoạch phát triển đối tượng tham gia BHXH, BHTN trên địa bàn huyện Hướng Hóa năm 2020 Năm gốc của văn bản là 2019; số liệu năm đó là số mới nhất, nên xu hướng tính từ 2018"
    ));
    let nq = page_text(&read(&out, "en/ke-hoach/nq-28-tw-2018/index.html"));
    assert!(
        nq.contains(
            "The document's base year is 2018 but it has no figure; progress is measured from 2015"
        ),
        "{nq}"
    );
}
