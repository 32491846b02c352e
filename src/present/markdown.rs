//! Markdown of plan texts to HTML, sanitised: editors' text never reaches a page as raw HTML.

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// `table_label` names each table's scrolling region, with `{n}` its number on the page.
/// `root` is the way from the page to its language's root ("../../"): a link written from the
/// site's root (`/phuong-phap/`) leads there whatever address and language the site has.
pub fn to_html(markdown: &str, table_label: &str, root: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<Event> = Parser::new_ext(markdown, options).collect();
    // The page title is the only h1: the text's own headings start at h2.
    let top = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { level, .. }) => Some(*level as usize),
            _ => None,
        })
        .min()
        .unwrap_or(2);
    let shift = 2usize.saturating_sub(top);
    let demote = |level: HeadingLevel| {
        HeadingLevel::try_from((level as usize + shift).min(6)).unwrap_or(HeadingLevel::H6)
    };
    let events = events.into_iter().map(|e| match e {
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Event::Start(Tag::Heading {
            level: demote(level),
            id,
            classes,
            attrs,
        }),
        Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(demote(level))),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: from_root(dest_url, root),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: from_root(dest_url, root),
            title,
            id,
        }),
        e => e,
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    // The same link rule as `check` applies (crate::address): web, mail and relative only.
    let clean = ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto"].into())
        .add_generic_attributes(["id"])
        .clean(&out)
        .to_string();
    wrap_tables(&clean, table_label)
}

fn from_root<'a>(dest: CowStr<'a>, root: &str) -> CowStr<'a> {
    match dest.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => format!("{root}{rest}").into(),
        _ => dest,
    }
}

/// The links and images of a text that lead within the site, with their byte offsets: not
/// other sites, mail addresses or places on the same page.
pub fn internal_links(markdown: &str) -> Vec<(usize, String)> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(markdown, options)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                let internal = !(dest_url.is_empty()
                    || dest_url.starts_with('#')
                    || dest_url.starts_with("//")
                    || dest_url.contains(':'));
                internal.then(|| {
                    // The destination's place in the text, for the editor: after "](".
                    let at = markdown[range.clone()]
                        .find(dest_url.as_ref())
                        .map_or(range.start, |i| range.start + i);
                    (at, dest_url.to_string())
                })
            }
            _ => None,
        })
        .collect()
}

/// Each table in a region of its own that scrolls sideways on a phone, reachable by keyboard.
fn wrap_tables(html: &str, label: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut n = 0;
    while let Some(start) = rest.find("<table>") {
        n += 1;
        out.push_str(&rest[..start]);
        out.push_str(&format!(
            "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><table>",
            super::escape(&label.replace("{n}", &n.to_string()))
        ));
        rest = &rest[start + "<table>".len()..];
        match rest.find("</table>") {
            Some(end) => {
                out.push_str(&rest[..end + "</table>".len()]);
                out.push_str("</div>");
                rest = &rest[end + "</table>".len()..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn links_from_the_root_lead_there_from_any_page() {
        let html = super::to_html(
            "[a](/phuong-phap/) [b](https://x.org/) [c](#d) [e](../vung/vn/)",
            "",
            "../../",
        );
        assert!(html.contains("href=\"../../phuong-phap/\""), "{html}");
        assert!(html.contains("href=\"https://x.org/\""));
        assert!(html.contains("href=\"#d\""));
        assert!(html.contains("href=\"../vung/vn/\""));
        let md = "x\n\n[a](/phuong-phap/) [b](https://x.org/) [m](mailto:a@b.vn) [e](../vung/)";
        let links = super::internal_links(md);
        let dests: Vec<&str> = links.iter().map(|(_, d)| d.as_str()).collect();
        assert_eq!(dests, ["/phuong-phap/", "../vung/"]);
        assert_eq!(&md[links[0].0..links[0].0 + 13], "/phuong-phap/");
    }

    #[test]
    fn renders_tables_and_removes_scripts() {
        let html = super::to_html("## Mục tiêu\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script><b onclick=\"x()\">đậm</b>", "Bảng {n}", "../../");
        assert!(html.contains("<h2>Mục tiêu</h2>"));
        assert!(html.contains("<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"Bảng 1\"><table>"));
        assert!(html.contains("</table></div>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("onclick"));
        assert!(html.contains("<b>đậm</b>"));
    }

    #[test]
    fn headings_start_below_the_page_title() {
        let html = super::to_html("# Một\n\n## Hai\n", "", "");
        assert!(
            html.contains("<h2>Một</h2>") && html.contains("<h3>Hai</h3>"),
            "{html}"
        );
        assert!(super::to_html("### Ba\n", "", "").contains("<h3>Ba</h3>"));
    }
}
