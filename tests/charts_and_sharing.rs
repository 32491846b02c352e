//! Each chart kind where its question arises, embeds that can be copied, and share images
//! with readable text behind absolute metadata.

mod common;

use common::{append, build, built, example_site, page_text, read};
use resvg::tiny_skia::Pixmap;
use std::fs;
use std::path::Path;

/// The SVG of the chart whose title starts with `title` on a page.
fn chart<'a>(html: &'a str, title: &str) -> &'a str {
    let at = html
        .find(&format!("-t\">{title}"))
        .unwrap_or_else(|| panic!("no chart titled {title:?}"));
    let start = html[..at].rfind("<svg").unwrap();
    let end = html[at..].find("</svg>").unwrap() + at + 6;
    &html[start..end]
}

fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect()
}

#[test]
fn each_chart_kind_appears_where_its_question_arises() {
    let (_tmp, out) = built();
    // Over time, with the latest value and the later target labelled.
    let hh = read(&out, "vung/huong-hoa/index.html");
    let t = texts(chart(&hh, "Người tham gia BHXH – Hướng Hóa"));
    assert!(
        t.contains(&"5.122".to_string()) && t.contains(&"2020: 6.450".to_string()),
        "{t:?}"
    );
    // Attainment of plan: 100% marked, each year's share written as the table writes it.
    let t = texts(chart(
        &hh,
        "Đạt so với kế hoạch: Người tham gia BHXH – Hướng Hóa",
    ));
    assert!(
        t.contains(&"100% kế hoạch".to_string()) && t.contains(&"93,91%".to_string()),
        "{t:?}"
    );
    // Composition: compulsory + voluntary, named beside the bars, total on top.
    let vn = read(&out, "vung/vn/index.html");
    let svg = chart(&vn, "Cơ cấu Người tham gia BHXH – Việt Nam");
    let t = texts(svg);
    assert!(
        t.contains(&"Bắt buộc".to_string()) && t.contains(&"Tự nguyện".to_string()),
        "{t:?}"
    );
    let text = page_text(&vn);
    assert!(
        text.contains("2019 15.185.000 96,5% 551.000 3,5% 15.736.000"),
        "composition table"
    );
    // Progress toward targets, on plan and region pages, with the share covered in the table.
    let plan = read(&out, "ke-hoach/nq-28-tw-2018/index.html");
    let t = texts(chart(&plan, "Tiến độ đến các mục tiêu"));
    assert!(
        t.contains(&"89%".to_string()) && t.iter().any(|s| s.starts_with("Đúng lộ trình")),
        "{t:?}"
    );
    assert!(page_text(&plan).contains("Đã đi 89% quãng đường"));
    // Hướng Hóa's 2020 plan starts from 2019, its latest figure: no progress of the plan's
    // own to draw yet.
    assert!(!hh.contains("-t\">Tiến độ đến các mục tiêu – Hướng Hóa"));
    // Sparklines on the home page, each beside the table of its values.
    let home = read(&out, "index.html");
    let sparks = home.matches("<div class=\"spark\"><svg").count();
    assert!(sparks >= 5, "{sparks} sparklines");
    assert!(
        page_text(&home).contains("2015 12.290.529"),
        "the sparkline's table"
    );
}

#[test]
fn a_ranking_is_drawn_when_regions_of_a_level_share_a_year() {
    let site = example_site();
    let root = site.path();
    // Two provinces with a published rate in 2019 (the example site has none: this is a
    // fixture, not data).
    append(
        root,
        "data/figures/2019.toml",
        "\n[[figure]]\nregion = \"son-la\"\nseries = \"ty_le_bhxh_cong_bo\"\nactual = 12.5\nsource = \"bao-chi-2019\"\n\n[[figure]]\nregion = \"hai-duong\"\nseries = \"ty_le_bhxh_cong_bo\"\nactual = 30.1\nsource = \"bao-chi-2019\"\n",
    );
    let out = root.join("public");
    build(root, &out, None).unwrap();
    let html = read(&out, "chi-tieu/ty_le_bhxh_cong_bo/index.html");
    let svg = chart(
        &html,
        "Tỷ lệ lực lượng lao động tham gia BHXH (số công bố) năm 2019",
    );
    let t = texts(svg);
    // Sorted, best first, values as the table writes them, and the nation's next target.
    let hd = t.iter().position(|s| s.starts_with("Hải Dương")).unwrap();
    let sl = t.iter().position(|s| s == "Sơn La").unwrap();
    assert!(hd < sl, "{t:?}");
    assert!(t.contains(&"30,1%".to_string()) && t.contains(&"12,5%".to_string()));
    assert!(
        t.iter()
            .any(|s| s.starts_with("Mục tiêu 2021") && s.ends_with("35%")),
        "{t:?}"
    );
    let text = page_text(&html);
    assert!(
        text.contains("1 Hải Dương (trước 1/7/2025) (đơn vị cũ) 30,1%")
            && text.contains("2 Sơn La 12,5%"),
        "{text}"
    );
    assert!(fs::read_to_string(
        out.join("chi-tieu/ty_le_bhxh_cong_bo/nhung/xep-hang-tinh/index.html")
    )
    .is_ok());
}

#[test]
fn every_chart_has_an_embed_page_and_the_code_to_copy() {
    let (_tmp, out) = built();
    let mut embeds = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        let path = entry
            .path()
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if !path.ends_with("index.html") || path.contains("/nhung/") {
            continue;
        }
        let html = fs::read_to_string(entry.path()).unwrap();
        assert_eq!(
            html.matches("&lt;iframe src=\"").count(),
            html.matches("<figure class=\"chart\">").count(),
            "{path}: every chart has its embed code"
        );
        for code in html.split("&lt;iframe src=\"").skip(1) {
            let src = code.split('"').next().unwrap();
            let embed = src
                .strip_prefix("https://baophu.example.org/")
                .unwrap_or_else(|| panic!("{path}: the embed address is absolute: {src}"));
            let page = read(&out, &format!("{embed}index.html"));
            // The embed shows the page's chart, its title, sources and a way back.
            let svg_start = page.find("<svg").expect("a chart");
            let svg = &page[svg_start..page.find("</svg>").unwrap() + 6];
            assert!(html.contains(svg), "{embed}: the same chart as on {path}");
            let (sources, back) = if embed.starts_with("en/") {
                ("Source: <a href=\"", "target=\"_top\">See the data table")
            } else {
                ("Nguồn: <a href=\"", "target=\"_top\">Xem bảng số liệu")
            };
            assert!(page.contains(sources), "{embed}: sources");
            assert!(
                !page.contains("<a href=\"\""),
                "{embed}: a source without an address"
            );
            assert!(page.contains(back), "{embed}: link back");
            assert!(page.contains("so-lieu.csv"), "{embed}: data");
            embeds += 1;
        }
    }
    assert!(embeds > 30, "only {embeds} embeds");
}

/// Pixels that are clearly ink (dark or saturated) in a rectangle of the image.
fn ink(image: &Pixmap, (x, y, w, h): (u32, u32, u32, u32)) -> usize {
    (y..y + h)
        .flat_map(|row| (x..x + w).map(move |col| (col, row)))
        .filter(|(c, r)| {
            let p = image.pixel(*c, *r).unwrap();
            p.red() < 120 || p.blue() < 120
        })
        .count()
}

fn meta<'a>(html: &'a str, key: &str) -> Option<&'a str> {
    let at = html.find(&format!("\"{key}\" content=\""))? + key.len() + 12;
    Some(&html[at..at + html[at..].find('"')?])
}

fn check_share_images(out: &Path, base: &str) -> usize {
    let mut images = 0;
    for dir in ["vung", "chi-tieu", "ke-hoach"] {
        for entry in fs::read_dir(out.join(dir)).unwrap() {
            let page = format!("{dir}/{}/", entry.unwrap().file_name().to_string_lossy());
            let html = read(out, &format!("{page}index.html"));
            let image = meta(&html, "og:image").unwrap_or_else(|| panic!("{page}: og:image"));
            assert_eq!(image, format!("{base}{page}chia-se.png"));
            assert_eq!(meta(&html, "twitter:image"), Some(image));
            assert_eq!(meta(&html, "twitter:card"), Some("summary_large_image"));
            assert_eq!(
                meta(&html, "og:url"),
                Some(format!("{base}{page}").as_str())
            );
            assert!(!meta(&html, "og:image:alt").unwrap_or("").is_empty());
            let png = fs::read(out.join(&page).join("chia-se.png")).unwrap();
            let pixmap = Pixmap::decode_png(&png).unwrap();
            assert_eq!((pixmap.width(), pixmap.height()), (1200, 630));
            // The title and the headline figure are drawn: without the font, resvg would
            // leave these white.
            assert!(ink(&pixmap, (60, 90, 1080, 130)) > 1500, "{page}: title");
            assert!(
                ink(&pixmap, baophu::present::share::FIGURE_BOX) > 1500,
                "{page}: figure"
            );
            images += 1;
        }
    }
    images
}

#[test]
fn share_images_exist_with_text_and_absolute_metadata() {
    let (_tmp, out) = built();
    assert!(check_share_images(&out, "https://baophu.example.org/") >= 29);
    // Another base URL moves every address with it.
    let tmp = tempfile::tempdir().unwrap();
    let other = tmp.path().join("public");
    build(
        &common::repo(),
        &other,
        Some("https://thongke.example.vn/bao-phu"),
    )
    .unwrap();
    check_share_images(&other, "https://thongke.example.vn/bao-phu/");
}

#[test]
fn a_path_as_base_url_gives_no_share_metadata_and_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let report = baophu::cmd::build::run(&baophu::cmd::build::Options {
        deny_warnings: false,
        root: common::repo(),
        output: Some(out.clone()),
        base_url: Some("/".into()),
    })
    .unwrap();
    assert!(report
        .warnings
        .iter()
        .any(|w| w.message.en.contains("og:image needs an absolute URL")));
    let html = read(&out, "vung/vn/index.html");
    assert!(meta(&html, "og:image").is_none());
    assert!(out.join("vung/vn/chia-se.png").is_file());
}

/// The box a label takes, from its anchor, its measured width and its font size.
fn label_box(node: roxmltree::Node) -> (f64, f64, f64, f64) {
    let num = |name: &str| node.attribute(name).unwrap().parse::<f64>().unwrap();
    let (x, y, size) = (num("x"), num("y"), num("font-size"));
    let text = node.text().unwrap_or("");
    // plotters writes the size divided by 1.24; the width is measured at plotters' size.
    let width = f64::from(baophu::present::chart::text_width(
        text,
        (size * 1.24).round() as u32,
    ));
    let left = match node.attribute("text-anchor") {
        Some("end") => x - width,
        Some("middle") => x - width / 2.0,
        _ => x,
    };
    let baseline = match node.attribute("dy") {
        Some("0.76em") => y + 0.76 * size,
        Some("0.5ex") => y + 0.25 * size,
        Some("-0.5ex") => y - 0.25 * size,
        _ => y,
    };
    (
        left,
        left + width,
        baseline - 0.76 * size,
        baseline + 0.24 * size,
    )
}

#[test]
fn chart_labels_stay_inside_the_chart() {
    let (_tmp, out) = built();
    let mut labels = 0;
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if !entry.path().to_string_lossy().ends_with("index.html") {
            continue;
        }
        let html = fs::read_to_string(entry.path()).unwrap();
        let mut rest = html.as_str();
        while let Some(start) = rest.find("<svg") {
            let end = rest[start..].find("</svg>").unwrap() + start + 6;
            let doc = roxmltree::Document::parse(&rest[start..end]).unwrap();
            let view: Vec<f64> = doc
                .root_element()
                .attribute("viewBox")
                .unwrap()
                .split(' ')
                .map(|v| v.parse().unwrap())
                .collect();
            for node in doc.descendants().filter(|n| n.has_tag_name("text")) {
                let (left, right, top, bottom) = label_box(node);
                let what = format!("{:?} in {}", node.text(), entry.path().display());
                assert!(
                    left >= -1.0 && right <= view[2] + 1.0,
                    "cut at the side: {what} {left}..{right}"
                );
                assert!(
                    top >= -1.0 && bottom <= view[3] + 1.0,
                    "cut at the top or bottom: {what} {top}..{bottom}"
                );
                labels += 1;
            }
            rest = &rest[end..];
        }
    }
    assert!(labels > 500, "only {labels} labels");
}

fn build_report(root: &std::path::Path, output: &std::path::Path) -> baophu::cmd::build::Report {
    baophu::cmd::build::run(&baophu::cmd::build::Options {
        deny_warnings: false,
        root: root.to_path_buf(),
        output: Some(output.to_path_buf()),
        base_url: None,
    })
    .expect("the site builds")
}

#[test]
fn share_images_are_drawn_once_and_kept_between_builds() {
    let site = common::example_site();
    let root = site.path();
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    let first = build_report(root, &output);
    let pngs = |dir: &std::path::Path| {
        common::snapshot(dir)
            .into_iter()
            // Share images; the home-screen icons (icon-192.png) are drawn apart.
            .filter(|(p, _)| p.ends_with("chia-se.png"))
            .collect::<Vec<_>>()
    };
    let before = pngs(&output);
    assert_eq!(
        first.images_drawn,
        before.len(),
        "a cold build draws every image"
    );
    // Nothing changed: nothing drawn, the same bytes.
    let second = build_report(root, &output);
    assert_eq!(second.images_drawn, 0);
    assert_eq!(pngs(&output), before);
    // One figure of Hướng Hóa: only the cards that show it are drawn again.
    common::edit(
        root,
        "data/figures/2019.toml",
        "actual = 5122",
        "actual = 5123",
    );
    let third = build_report(root, &output);
    assert!(
        third.images_drawn > 0 && third.images_drawn < before.len() / 4,
        "{}",
        third.images_drawn
    );
    // A build that renders every page leaves in the cache only the images it used.
    let distinct = |dir: &std::path::Path| {
        pngs(dir)
            .into_iter()
            .map(|(_, b)| b)
            .collect::<std::collections::HashSet<_>>()
            .len()
    };
    let cached = || {
        std::fs::read_dir(root.join(".baophu-cache/share"))
            .unwrap()
            .count()
    };
    assert!(
        cached() >= distinct(&output),
        "kept pages keep their images"
    );
    common::edit(
        root,
        "content/plans/huong-hoa-2020.md",
        "## Kết quả năm 2019",
        "## Kết quả 2019",
    );
    let fourth = build_report(root, &output);
    assert_eq!(fourth.regions_kept, 0);
    assert_eq!(cached(), distinct(&output));
}

#[test]
fn the_configuration_keeps_share_images_and_chart_pages_to_some_levels() {
    let site = common::example_site();
    let root = site.path();
    common::append(
        root,
        "config.toml",
        "\n[pages]\nshare_images = [\"nation\", \"province\"]\nembeds = [\"nation\"]\n",
    );
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build_report(root, &output);
    // A district: no share image, no chart pages, no embed code; its charts are still there.
    let district = common::read(&output, "vung/huong-hoa/index.html");
    assert!(!output.join("vung/huong-hoa/chia-se.png").exists());
    assert!(!district.contains("og:image"));
    assert!(!output.join("vung/huong-hoa/nhung").exists());
    assert!(!district.contains("&lt;iframe"));
    assert!(district.contains("<svg"));
    // A province keeps its image; the nation keeps both.
    assert!(output.join("vung/quang-tri/chia-se.png").exists());
    assert!(output.join("vung/vn/chia-se.png").exists());
    assert!(output.join("vung/vn/nhung").is_dir());
    assert!(common::read(&output, "vung/vn/index.html").contains("&lt;iframe"));
}

#[test]
fn the_configuration_keeps_per_page_downloads_to_some_levels() {
    let site = common::example_site();
    let root = site.path();
    common::append(
        root,
        "config.toml",
        "\n[pages]\ndownloads = [\"nation\", \"province\"]\n",
    );
    let out = tempfile::tempdir().unwrap();
    let output = out.path().join("public");
    build_report(root, &output);
    // A district: no data files of its own, in either language, and no link to them; its
    // charts' data links and the downloads section lead to the whole dataset, which has it.
    for (lang, dir) in [("vi", "vung/huong-hoa/"), ("en", "en/vung/huong-hoa/")] {
        for file in ["so-lieu.csv", "so-lieu.json", "muc-tieu.csv"] {
            assert!(!output.join(dir).join(file).exists(), "{lang}: {dir}{file}");
        }
        let page = common::read(&output, &format!("{dir}index.html"));
        assert!(
            !page.contains("so-lieu."),
            "{lang}: a link to a missing file"
        );
        assert!(page.contains("<svg"), "{lang}: charts are still there");
        assert!(
            page.contains("id=\"h-downloads\""),
            "{lang}: downloads section"
        );
        assert!(
            page.contains("/du-lieu/\""),
            "{lang}: the whole dataset is linked"
        );
    }
    let dataset = common::read(&output, "du-lieu/bao-phu.csv");
    assert!(
        dataset.lines().any(|l| l.starts_with("huong-hoa,")),
        "the whole dataset still has the district"
    );
    // The province and the nation keep theirs.
    for dir in ["vung/quang-tri/", "vung/vn/", "en/vung/vn/"] {
        assert!(output.join(dir).join("so-lieu.csv").exists(), "{dir}");
        assert!(output.join(dir).join("so-lieu.json").exists(), "{dir}");
        assert!(common::read(&output, &format!("{dir}index.html")).contains("so-lieu.csv"));
    }
}
