//! The public site: both languages with a counterpart for every page, search without accents,
//! the web conventions (sitemap, robots, feed, canonical), and the weight budget.

mod common;

use common::{build, built, edit, example_site, page_text, read};
use std::fs;
use std::path::Path;

/// Every HTML page under the output, by path relative to it.
fn html_pages(out: &Path) -> Vec<String> {
    let mut pages: Vec<String> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    pages.sort();
    pages
}

#[test]
fn every_page_has_its_counterpart_in_the_other_language_and_back() {
    let (_tmp, out) = built();
    let pages = html_pages(&out);
    let vietnamese: Vec<&String> = pages.iter().filter(|p| !p.starts_with("en/")).collect();
    let english: Vec<&String> = pages.iter().filter(|p| p.starts_with("en/")).collect();
    assert_eq!(
        vietnamese.len(),
        english.len(),
        "as many pages in each language"
    );
    assert!(vietnamese.len() > 60);
    for page in vietnamese {
        let en = format!("en/{page}");
        let vi_html = read(&out, page);
        let en_html = read(&out, &en);
        assert!(
            vi_html.starts_with("<!doctype html>\n<html lang=\"vi\">"),
            "{page}"
        );
        assert!(
            en_html.starts_with("<!doctype html>\n<html lang=\"en\">"),
            "{en}"
        );
        // No interface text is missing from the theme's translation files.
        assert!(
            !vi_html.contains('⟦') && !en_html.contains('⟦'),
            "{page}: missing text"
        );
        if page.contains("/nhung/") {
            continue;
        }
        let dir = page.strip_suffix("index.html").unwrap_or(page);
        // The switch leads to the counterpart, and the head says where it is.
        assert!(
            vi_html.contains(&format!("<a href=\"/en/{dir}\" hreflang=\"en\"")),
            "{page}: language switch"
        );
        assert!(
            en_html.contains(&format!("<a href=\"/{dir}\" hreflang=\"vi\"")),
            "{en}: language switch back"
        );
        if page != "404.html" {
            for html in [&vi_html, &en_html] {
                assert!(html.contains(&format!(
                    "<link rel=\"alternate\" hreflang=\"en\" href=\"https://baophu.example.org/en/{dir}\">"
                )));
                assert!(html.contains(&format!(
                    "<link rel=\"alternate\" hreflang=\"vi\" href=\"https://baophu.example.org/{dir}\">"
                )));
            }
            assert!(vi_html.contains(&format!(
                "<link rel=\"canonical\" href=\"https://baophu.example.org/{dir}\">"
            )));
            assert!(en_html.contains(&format!(
                "<link rel=\"canonical\" href=\"https://baophu.example.org/en/{dir}\">"
            )));
        }
        // A description of its own on every page.
        assert!(
            en_html.contains("<meta name=\"description\" content=\""),
            "{en}"
        );
    }
}

#[test]
fn english_pages_use_english_words_and_number_formats() {
    let (_tmp, out) = built();
    let text = page_text(&read(&out, "en/vung/huong-hoa/index.html"));
    assert!(
        text.contains("2019 5,122 5,454 93.91% +307 +6.38% 106.38%"),
        "English number format in the series table"
    );
    assert!(text.contains("2019 10.26%"));
    assert!(text.contains("This administrative unit no longer exists after 30 June 2025."));
    assert!(text.contains("Targets and status"));
    let vi = page_text(&read(&out, "vung/huong-hoa/index.html"));
    assert!(vi.contains("2019 5.122 5.454 93,91% +307 +6,38% 106,38%"));
    assert!(vi.contains("không còn tồn tại từ sau ngày 30/06/2025"));
    // Charts speak the page's language too.
    let en = read(&out, "en/vung/huong-hoa/index.html");
    assert!(en.contains(">5,122</text>") && en.contains(">2020: 6,450</text>"));
    // Words the pipeline adds to figures are in the page's language too.
    let home = page_text(&read(&out, "en/index.html"));
    assert!(home.contains("Summed from:") && !home.contains("Tính bằng tổng"));
    assert!(page_text(&read(&out, "index.html")).contains("Tính bằng tổng:"));
    // The English data download names things in English.
    let csv = read(&out, "en/vung/huong-hoa/so-lieu.csv");
    assert!(csv.contains("Social insurance participants"), "{csv}");
}

#[test]
fn a_missing_english_name_is_reported_and_shown_as_such() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/regions.toml",
        "name_en = \"Sơn La\"",
        "name_en = \"\"",
    );
    let report = baophu::cmd::check::run(root).unwrap();
    let w = report
        .warnings
        .iter()
        .find(|w| w.message.en.contains("region `son-la` has no `name_en`"))
        .expect("check reports the missing English name");
    assert!(w.pos.path.ends_with("data/regions.toml") && w.pos.line > 1);
    let out = root.join("public");
    build(root, &out, None).unwrap();
    let html = read(&out, "en/vung/son-la/index.html");
    assert!(
        html.contains("<h1>Sơn La (Vietnamese name)</h1>"),
        "visible fallback"
    );
}

#[test]
fn search_finds_regions_without_accents() {
    let (_tmp, out) = built();
    for (page, lang) in [
        ("tim-kiem/index.html", "vi"),
        ("en/tim-kiem/index.html", "en"),
    ] {
        let html = read(&out, page);
        // The list page works without JavaScript: every region, indicator and plan is linked.
        for url in [
            "vung/huong-hoa/",
            "chi-tieu/bao_phu_bhxh/",
            "ke-hoach/huong-hoa-2020/",
        ] {
            let prefix = if lang == "en" { "/en/" } else { "/" };
            assert!(
                html.contains(&format!("href=\"{prefix}{url}\"")),
                "{page}: {url}"
            );
        }
        // Each item carries its folded keys: what the script matches "huong hoa" against.
        let item = html
            .split("<li data-k=\"")
            .find(|i| i.contains("vung/huong-hoa/\""))
            .unwrap();
        assert!(item.starts_with("huong hoa"), "{item}");
        let item = html
            .split("<li data-k=\"")
            .find(|i| i.contains("vung/hai-duong/\""))
            .unwrap();
        assert!(item.contains("hai duong"), "đ folds to d: {item}");
        assert!(html.contains("<input type=\"search\" id=\"q\" name=\"q\""));
        assert!(html.contains("static/search.js\" defer></script>"));
    }
    // The home page's region picker lists units down to province level, former ones marked.
    let home = read(&out, "index.html");
    assert!(home.contains("<select id=\"region-picker\" name=\"q\">"));
    assert!(home.contains("data-url=\"/vung/son-la/\">Sơn La</option>"));
    assert!(home.contains(">Hải Dương (trước 1/7/2025), đơn vị cũ đến 30/06/2025</option>"));
    // Every page has a search box that leads to the search page.
    let home = read(&out, "index.html");
    assert!(home.contains("<form class=\"search\" role=\"search\" action=\"/tim-kiem/\""));
}

#[test]
fn sitemap_robots_and_feed() {
    let (_tmp, out) = built();
    let sitemap = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for page in html_pages(&out) {
        let Some(dir) = page.strip_suffix("index.html") else {
            continue;
        };
        if dir.contains("nhung/") {
            assert!(
                !locs.iter().any(|l| l.ends_with(dir)),
                "embeds are not listed"
            );
            continue;
        }
        assert!(
            locs.contains(&format!("https://baophu.example.org/{dir}").as_str()),
            "{dir} in the sitemap"
        );
    }
    let robots = read(&out, "robots.txt");
    assert!(robots.contains("Sitemap: https://baophu.example.org/sitemap.xml"));
    for (feed, lang) in [("atom.xml", "vi"), ("en/atom.xml", "en")] {
        let text = read(&out, feed);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let entries = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .count();
        assert_eq!(entries, 6, "{feed}: one entry per plan");
        assert_eq!(
            doc.root_element()
                .attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
            Some(lang)
        );
    }
    assert!(
        read(&out, "index.html").contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
    );
}

#[test]
fn pages_stay_within_the_weight_budget_and_ask_nothing_of_other_hosts() {
    let (_tmp, out) = built();
    let mut heaviest = (0, String::new());
    for page in html_pages(&out) {
        let html = read(&out, &page);
        if page.contains("vung/") && !page.contains("/nhung/") {
            heaviest = heaviest.max((html.len(), page.clone()));
        }
        // What a browser fetches by itself: stylesheets, scripts, images, fonts. All local.
        for attr in [
            "<link rel=\"stylesheet\" href=\"",
            "<script src=\"",
            "<img src=\"",
        ] {
            for part in html.split(attr).skip(1) {
                assert!(
                    part.starts_with('/'),
                    "{page}: {attr}{}",
                    &part[..40.min(part.len())]
                );
            }
        }
        assert!(
            !html.contains("<iframe"),
            "{page}: no embedded third-party frame"
        );
    }
    assert!(
        heaviest.0 < 150_000,
        "{} is {} bytes",
        heaviest.1,
        heaviest.0
    );
    let css = read(&out, "static/style.css");
    assert!(css.len() < 30_000, "CSS {} bytes", css.len());
    for url in css.split("url(").skip(1) {
        assert!(
            !url.trim_start_matches('"').starts_with("http"),
            "CSS fetches {url}"
        );
    }
    let js = read(&out, "static/search.js");
    assert!(js.len() < 10_000, "JavaScript {} bytes", js.len());
    assert!(!js.contains("http"), "the script calls no other host");
}

#[test]
fn an_english_name_added_to_a_region_reaches_every_english_page() {
    let site = example_site();
    let root = site.path();
    edit(
        root,
        "data/regions.toml",
        "name_en = \"Sơn La\"",
        "name_en = \"Son La Province\"",
    );
    let out = root.join("public");
    build(root, &out, None).unwrap();
    assert!(read(&out, "en/index.html").contains(">Son La Province</a>"));
    assert!(read(&out, "en/tim-kiem/index.html").contains(">Son La Province</a>"));
    assert!(read(&out, "index.html").contains(">Sơn La</a>"));
    let _ = fs::metadata(out.join("en/vung/son-la/chia-se.png")).unwrap();
}

#[test]
fn the_editors_guide_is_a_page_of_the_site_in_both_languages() {
    let (_dir, out) = built();
    let guide = read(&out, "huong-dan-bien-tap/index.html");
    assert!(guide.contains("<h1>Hướng dẫn cho biên tập viên</h1>"));
    // Its sections, from the markdown, with headings below the page's one h1.
    for heading in ["Thêm số liệu một năm", "Xem trước", "Xuất bản qua git"] {
        assert!(guide.contains(heading), "the guide covers {heading}");
    }
    assert_eq!(guide.matches("<h1").count(), 1);
    // Every page links to it from the footer.
    let home = read(&out, "index.html");
    assert!(home.contains("href=\"/huong-dan-bien-tap/\">Hướng dẫn cho biên tập viên</a>"));
    // The English site shows the Vietnamese text, marked as such for screen readers.
    let en = read(&out, "en/huong-dan-bien-tap/index.html");
    assert!(
        en.contains("<article lang=\"vi\">"),
        "the text's language is marked"
    );
    assert!(en.contains("This page is in Vietnamese only."));
    // Links written from the site's root are relative, so they work under any address.
    assert!(
        guide.contains("<a href=\"../phuong-phap/\" rel=\"noopener noreferrer\">phương pháp tính")
    );
}

/// The font is `font-display: optional`: a page that does not preload it draws its text in the
/// fallback and may swap once the font arrives, which shifts the layout (CI saw it on the embeds).
#[test]
fn every_page_that_uses_the_stylesheet_preloads_its_font() {
    let (_dir, output) = common::built();
    let mut styled = 0;
    for page in html_pages(&output) {
        let html = common::read(&output, &page);
        if !html.contains("static/style.css\"") {
            continue;
        }
        styled += 1;
        assert!(
            html.contains(
                "static/fonts/dejavu-sans-vi.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>"
            ),
            "{page} uses the stylesheet but does not preload the font"
        );
    }
    assert!(styled > 100, "only {styled} styled pages");
}

#[test]
fn every_page_names_an_icon_and_the_manifest_that_exist() {
    let (_dir, output) = common::built();
    for page in [
        "index.html",
        "en/index.html",
        "vung/vn/index.html",
        "404.html",
    ] {
        let html = common::read(&output, page);
        for link in [
            "static/favicon.svg\" type=\"image/svg+xml\"",
            "manifest.webmanifest\"",
            "static/fonts/dejavu-sans-vi.woff2\" as=\"font\"",
        ] {
            assert!(html.contains(link), "{page} has no {link}");
        }
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&common::read(&output, "manifest.webmanifest")).unwrap();
    assert_eq!(manifest["start_url"], "./");
    for icon in manifest["icons"].as_array().unwrap() {
        let src = icon["src"].as_str().unwrap();
        let file = if src.starts_with("static/") {
            common::repo().join("themes/default").join(src)
        } else {
            output.join(src)
        };
        assert!(file.is_file(), "{src} does not exist");
        if let Some(size) = icon["sizes"].as_str().unwrap().split_once('x') {
            // A PNG's width is the big-endian number at byte 16.
            let png = std::fs::read(&file).unwrap();
            let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
            assert_eq!(width.to_string(), size.0, "{src}");
        }
    }
}

#[test]
fn english_pages_name_pages_and_document_kinds_in_english() {
    let (_dir, output) = common::built();
    let plan = page_text(&read(
        &output,
        "en/ke-hoach/1436-qd-ubnd-son-la-2017/index.html",
    ));
    assert!(plan.contains("Type of document Decision"), "{plan}");
    assert!(
        plan.contains("Other pages: Editors' guide (in Vietnamese)"),
        "{plan}"
    );
    assert!(!plan.contains("Hướng dẫn cho biên tập viên"), "{plan}");
    // The document is quoted as printed, labelled as Vietnamese text.
    let html = read(&output, "en/ke-hoach/huong-hoa-2020/index.html");
    assert!(html.contains("<dt>As printed (in Vietnamese):</dt><dd lang=\"vi\">6.450 người</dd>"));
}
